"""Timeline rows (migration 0004): read event mentions, replace the entries, read the timeline back."""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator

from chronicle.build.events import EventMention, TimelineEntry
from chronicle.store.db import insert_rows

_MENTION_SQL = (
    "SELECT e.article_id, e.idx, e.start_char, e.end_char, e.text, e.type, e.date, e.date_source, e.date_explain, "
    "e.actors, e.participants, e.modality, e.negated, e.place, a.published, a.outlet, COALESCE(a.duplicate_of, a.id) AS root "
    "FROM events e JOIN articles a ON a.id = e.article_id"
)


def iter_event_mentions(conn: sqlite3.Connection, *, published_until: str | None = None) -> Iterator[EventMention]:
    """Every stored event with its article's provenance; optionally only articles published by a day."""
    sql, params = _MENTION_SQL, []
    if published_until is not None:
        sql += " WHERE a.published_end <= ?"
        params.append(published_until)
    for r in conn.execute(sql, params):
        yield EventMention(
            article_id=r["article_id"], idx=r["idx"], start_char=r["start_char"], end_char=r["end_char"],
            text=r["text"], type=r["type"], date=r["date"], date_source=r["date_source"],
            date_explain=r["date_explain"], actors=tuple(json.loads(r["actors"] or "[]")), modality=r["modality"],
            participants=tuple(json.loads(r["participants"] or "[]")),
            negated=bool(r["negated"]), place=r["place"], published=r["published"], outlet=r["outlet"], root=r["root"],
        )


def replace_timeline(conn: sqlite3.Connection, entries: list[TimelineEntry]) -> None:
    """Swap the stored timeline for ``entries`` (call inside a transaction)."""
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
         "independent_sources": e.independent_sources, "importance": e.importance}
        for e in entries
    ])
    insert_rows(conn, "timeline_sources", [
        {"entry_id": e.id, "article_id": m.article_id, "event_idx": m.idx, "start_char": m.start_char,
         "end_char": m.end_char, "date": m.date, "date_source": m.date_source}
        for e in entries for m in e.sources
    ])
    insert_rows(conn, "timeline_actors", [{"entry_id": e.id, "actor": a} for e in entries for a in e.actors])


def get_timeline(conn: sqlite3.Connection, *, since: str | None = None, until: str | None = None,
                 actor: str | None = None, top: int | None = None) -> list[dict]:
    """CONTRACT's ``timeline --json`` rows, ordered by date. ``since``/``until`` are ISO days."""
    where, params = [], []
    if since:
        where.append("t.range_end >= ?")
        params.append(since)
    if until:
        where.append("t.range_start <= ?")
        params.append(until)
    if actor:
        where.append("t.id IN (SELECT entry_id FROM timeline_actors WHERE actor LIKE ? ESCAPE '\\')")
        params.append("%" + actor.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    sql = "SELECT t.* FROM timeline_entries t" + (" WHERE " + " AND ".join(where) if where else "")
    if top is not None:
        sql = f"SELECT * FROM ({sql} ORDER BY t.importance DESC, t.range_start, t.id LIMIT ?) t"
        params.append(int(top))
    sql += " ORDER BY t.range_start, t.range_end, t.id"
    rows = conn.execute(sql, params).fetchall()
    sources = _sources(conn, [r["id"] for r in rows])
    return [_entry_json(r, sources.get(r["id"], [])) for r in rows]


def _sources(conn: sqlite3.Connection, ids: list[str]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        for r in conn.execute(
            "SELECT s.entry_id, s.article_id, s.start_char, s.end_char, s.date, s.date_source, a.outlet, a.published, "
            "a.duplicate_of, substr(a.text, s.start_char + 1, s.end_char - s.start_char) AS sentence "
            f"FROM timeline_sources s JOIN articles a ON a.id = s.article_id WHERE s.entry_id IN ({','.join('?' * len(chunk))}) "
            "ORDER BY a.published_start IS NULL, a.published_start, a.seq, s.event_idx",
            chunk,
        ):
            seen = out.setdefault(r["entry_id"], [])
            if seen and any(x["article"] == r["article_id"] and x["start"] == r["start_char"] for x in seen):
                continue  # one sentence that names the event twice ("call", "discussion") is one source
            seen.append({
                "article": r["article_id"], "outlet": r["outlet"], "published": r["published"],
                "start": r["start_char"], "end": r["end_char"], "sentence": r["sentence"],
                "date": r["date"], "date_source": r["date_source"], "duplicate_of": r["duplicate_of"],
            })
    return out


def _entry_json(r: sqlite3.Row, sources: list[dict]) -> dict:
    return {
        "id": r["id"], "date": r["date"], "granularity": r["granularity"], "type": r["type"],
        "summary": r["summary"], "actors": json.loads(r["actors"]), "modality": r["modality"],
        "sources": sources, "source_count": r["source_count"], "independent_sources": r["independent_sources"],
        "date_explain": r["date_explain"], "date_conflict": bool(r["date_conflict"]), "dates": json.loads(r["dates"]),
        "negated": bool(r["negated"]), "place": r["place"], "importance": round(r["importance"], 4),
        "summary_source": {"article": r["summary_article"], "start": r["summary_start"], "end": r["summary_end"]},
    }
