"""What changed since a day, as ``chronicle changes --json`` prints it.

The report reads the stored timeline (rebuilt after every ingest) through the same reading as
the changes page (views/changes.py), so the two always agree: an entry citing only articles
published after the day is a new event; one citing newer and older articles is an updated
event, with the independent sources it gained and the date its older sources gave.
"""
from __future__ import annotations

import sqlite3

from chronicle.dates import DateValue
from chronicle.views.changes import changes_summary
from chronicle.views.shapes import ChangeReport


def changes_since(conn: sqlite3.Connection, since: DateValue) -> ChangeReport:
    cutoff = since.end.isoformat()
    found = changes_summary(conn, since, shown=None)
    return {
        "since": since.value,
        "articles": sorted(r[0] for r in conn.execute("SELECT id FROM articles WHERE published_start > ?", (cutoff,))),
        "new_events": found["new_events"]["rows"],
        "updated_events": found["updated_events"]["rows"],
        "new_quotes": _new_quotes(conn, cutoff),
        "new_actors": found["new_actors"]["rows"],
    }


def _new_quotes(conn, cutoff: str) -> list[dict]:
    rows = conn.execute(
        "SELECT q.speaker, q.speaker_text, q.text, q.kind, q.cue, q.article_id, a.published, q.start_char, q.end_char "
        "FROM quotes q JOIN articles a ON a.id = q.article_id WHERE a.published_start > ? "
        "ORDER BY a.published_start, a.seq, q.idx", (cutoff,))
    return [{"speaker": r[0], "speaker_text": r[1], "text": r[2], "kind": r[3], "cue": r[4], "article": r[5],
             "published": r[6], "start": r[7], "end": r[8]} for r in rows]
