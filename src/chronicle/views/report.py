"""What changed since a day, as ``chronicle changes --json`` prints it.

The report reads the stored timeline (rebuilt after every ingest) through the same reading as
the changes page (views/changes.py), so the two always agree: an entry citing only articles
published after the day is a new event; one citing newer and older articles is an updated
event, with the independent sources it gained and the date its older sources gave.

``digest`` ranks all of it (views/digest.py); ``new_claims`` are the figures of the new articles
and ``changed_positions`` their stances, each with ``change`` (``new``, or ``revised`` with the
earlier stance it revises as ``previous``).
"""
from __future__ import annotations

import sqlite3

from chronicle.dates import DateValue
from chronicle.views.changes import changes_summary
from chronicle.views.shapes import ChangeReport


def changes_since(conn: sqlite3.Connection, since: DateValue, *, limit: int | None = None) -> ChangeReport:
    """CONTRACT's ``changes --json`` document; ``limit`` caps the digest (default: digest.toml)."""
    from chronicle.views.claims import claims_view
    from chronicle.views.digest import build_digest
    from chronicle.views.positions import positions_view

    cutoff = since.end.isoformat()
    found = changes_summary(conn, since, shown=None)
    articles = sorted(r[0] for r in conn.execute("SELECT id FROM articles WHERE published_start > ?", (cutoff,)))
    report = {
        "since": since.value,
        "articles": articles,
        "new_events": found["new_events"]["rows"],
        "updated_events": found["updated_events"]["rows"],
        "new_quotes": _new_quotes(conn, cutoff),
        "new_actors": found["new_actors"]["rows"],
    }
    claims, positions = claims_view(conn), positions_view(conn)
    fresh = set(articles)
    digest = build_digest(conn, since, report, limit=limit, claims=claims, positions=positions)
    return {"since": report["since"], "articles": articles, "digest": digest, **{k: report[k] for k in (
        "new_events", "updated_events", "new_quotes", "new_actors")},
        "new_claims": [c for c in claims if c["article"] in fresh],
        "changed_positions": _changed_positions(positions, fresh)}


def _changed_positions(positions: list[dict], fresh: set[str]) -> list[dict]:
    by_id = {p["id"]: p for p in positions}
    out = []
    for p in positions:
        if p["article"] in fresh:
            before = by_id.get(p["revises"]) if p.get("revises") else None
            out.append({**p, "change": "revised" if p.get("revises") else "new",
                        "previous": {k: before[k] for k in ("id", "stance", "text", "date", "article")} if before else None})
    return out


def _new_quotes(conn, cutoff: str) -> list[dict]:
    rows = conn.execute(
        "SELECT q.speaker, q.speaker_text, q.text, q.kind, q.cue, q.article_id, a.published, q.start_char, q.end_char "
        "FROM quotes q JOIN articles a ON a.id = q.article_id WHERE a.published_start > ? "
        "ORDER BY a.published_start, a.seq, q.idx", (cutoff,))
    return [{"speaker": r[0], "speaker_text": r[1], "text": r[2], "kind": r[3], "cue": r[4], "article": r[5],
             "published": r[6], "start": r[7], "end": r[8]} for r in rows]
