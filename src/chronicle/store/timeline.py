"""Timeline rows (migration 0004): the event rows the timeline is merged from, and the entries it writes.

The timeline readings are chronicle.views.timeline."""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator

from chronicle.store.db import insert_rows

_MENTION_SQL = (
    "SELECT e.article_id, e.idx, e.start_char, e.end_char, e.text, e.type, e.date, e.date_source, e.date_explain, "
    "e.actors, e.participants, e.modality, e.negated, e.place, a.published, a.outlet, COALESCE(a.duplicate_of, a.id) AS root "
    "FROM events e JOIN articles a ON a.id = e.article_id"
)


def _store_names(conn: sqlite3.Connection) -> dict[tuple[str, str], str]:
    """(article id, in-article name) -> the store-wide entity name, once entities are linked (0002)."""
    columns = {r[1] for r in conn.execute("PRAGMA table_info(mentions)")}
    if "article_entity" not in columns:
        return {}
    return {(r[0], r[1]): r[2] for r in conn.execute(
        "SELECT DISTINCT article_id, article_entity, entity FROM mentions "
        "WHERE article_entity IS NOT NULL AND entity IS NOT NULL AND article_entity != entity")}


def iter_event_rows(conn: sqlite3.Connection, *, published_until: str | None = None) -> Iterator[dict]:
    """Every stored event with its article's provenance, as the keyword arguments of
    chronicle.timeline.events.EventMention; optionally only articles published by a day.

    Actor names are the store-wide entity names where entities are linked ("Zelenskyy" in one
    article and "Zelensky" in another become one actor).
    """
    names = _store_names(conn)

    def canon(article_id: str, raw: str | None) -> tuple[str, ...]:
        out: dict[str, None] = {}
        for n in json.loads(raw or "[]"):
            out.setdefault(names.get((article_id, n), n), None)
        return tuple(out)

    sql, params = _MENTION_SQL, []
    if published_until is not None:
        sql += " WHERE a.published_end <= ?"
        params.append(published_until)
    for r in conn.execute(sql, params):
        yield dict(
            article_id=r["article_id"], idx=r["idx"], start_char=r["start_char"], end_char=r["end_char"],
            text=r["text"], type=r["type"], date=r["date"], date_source=r["date_source"],
            date_explain=r["date_explain"], actors=canon(r["article_id"], r["actors"]), modality=r["modality"],
            participants=canon(r["article_id"], r["participants"]),
            negated=bool(r["negated"]), place=r["place"], published=r["published"], outlet=r["outlet"], root=r["root"],
        )


def entry_view(e) -> dict:
    """An entry (chronicle.timeline.events.TimelineEntry) as CONTRACT's ``timeline --json`` prints it
    (plus id, date_explain, dates, ...).

    Computed once when the timeline is rebuilt and stored whole, so that reading a 50,000-entry
    timeline is one query and one JSON decode.
    """
    sources, seen = [], set()
    for m in sorted(e.sources, key=lambda m: (m.published is None, m.published or "", m.article_id, m.idx)):
        if (m.article_id, m.start_char) in seen:
            continue  # one sentence that names the event twice ("call", "discussion") is one source
        seen.add((m.article_id, m.start_char))
        sources.append({"article": m.article_id, "outlet": m.outlet, "published": m.published,
                        "start": m.start_char, "end": m.end_char, "sentence": m.text, "date": m.date,
                        "date_source": m.date_source, "duplicate_of": m.root if m.root != m.article_id else None})
    return {
        "id": e.id, "date": e.date.value, "granularity": e.date.granularity.timeline, "type": e.type,
        "summary": e.summary.text, "actors": e.actors, "modality": e.modality, "sources": sources,
        "source_count": e.source_count, "independent_sources": e.independent_sources,
        "date_explain": e.date_explain, "date_conflict": e.date_conflict, "dates": e.dates, "negated": e.negated,
        "place": e.place, "importance": round(e.importance, 4),
        "summary_source": {"article": e.summary.article_id, "start": e.summary.start_char, "end": e.summary.end_char},
    }


def replace_timeline(conn: sqlite3.Connection, entries: list) -> None:
    """Swap the stored timeline for ``entries`` (chronicle.timeline.events.TimelineEntry; call inside a
    transaction)."""
    conn.execute("DELETE FROM timeline_actors")
    conn.execute("DELETE FROM timeline_sources")
    conn.execute("DELETE FROM timeline_entries")
    insert_rows(conn, "timeline_entries", [
        {"id": e.id, "date": e.date.value, "granularity": e.date.granularity.timeline,
         "range_start": e.date.start.isoformat(), "range_end": e.date.end.isoformat(),
         "date_explain": e.date_explain, "date_conflict": int(e.date_conflict),
         "dates": json.dumps(e.dates, ensure_ascii=False), "type": e.type, "modality": e.modality,
         "negated": int(e.negated), "summary": e.summary.text, "summary_article": e.summary.article_id,
         "summary_start": e.summary.start_char, "summary_end": e.summary.end_char,
         "actors": json.dumps(e.actors, ensure_ascii=False), "place": e.place, "source_count": e.source_count,
         "independent_sources": e.independent_sources, "importance": e.importance,
         "view": json.dumps(entry_view(e), ensure_ascii=False)}
        for e in entries
    ])
    insert_rows(conn, "timeline_sources", [
        {"entry_id": e.id, "article_id": m.article_id, "event_idx": m.idx, "start_char": m.start_char,
         "end_char": m.end_char, "sentence": m.text, "date": m.date, "date_source": m.date_source}
        for e in entries for m in e.sources
    ])
    insert_rows(conn, "timeline_actors", [{"entry_id": e.id, "actor": a} for e in entries for a in e.actors])
