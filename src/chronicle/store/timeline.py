"""Timeline rows (migrations 0004, 0010): the event rows the timeline is merged from, and the entries it writes.

The timeline readings are chronicle.views.timeline."""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator

from chronicle.dates import DateValue
from chronicle.store.db import insert_rows

SECTIONS = ("story", "background", "upcoming", "undated")
TOP_SECTIONS = ("story",)  # what `--top N` ranks unless sections are named

_MENTION_SQL = (
    "SELECT e.article_id, e.idx, e.start_char, e.end_char, e.text, e.type, e.date, e.date_source, e.date_explain, "
    "e.actors, e.participants, e.modality, e.negated, e.place, e.trigger, a.published, a.outlet, COALESCE(a.duplicate_of, a.id) AS root, "
    # The sentence's place among the article's body sentences (0: the lead), by an index seek; an
    # event reported by a part of its sentence (a title ran into it) starts inside the sentence.
    "(SELECT COUNT(*) FROM sentences s WHERE s.article_id = e.article_id AND s.start_char < e.start_char "
    "AND s.end_char <= e.start_char AND s.is_heading = 0) AS sentence_no"
    "{extra} FROM events e JOIN articles a ON a.id = e.article_id"
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

    # The event stage may store a headline candidate per mention (a later migration's column).
    has_headline = "headline" in {r[1] for r in conn.execute("PRAGMA table_info(events)")}
    sql, params = _MENTION_SQL.format(extra=", e.headline" if has_headline else ""), []
    if published_until is not None:
        sql += " WHERE a.published_end <= ?"
        params.append(published_until)
    for r in conn.execute(sql, params):
        yield dict(
            article_id=r["article_id"], idx=r["idx"], start_char=r["start_char"], end_char=r["end_char"],
            text=r["text"], type=r["type"], date=r["date"], date_source=r["date_source"],
            date_explain=r["date_explain"], actors=canon(r["article_id"], r["actors"]), modality=r["modality"],
            participants=canon(r["article_id"], r["participants"]),
            negated=bool(r["negated"]), place=r["place"], published=r["published"], outlet=r["outlet"],
            root=r["root"], headline=r["headline"] if has_headline else None, sentence_no=r["sentence_no"],
            trigger=r["trigger"],
        )


def entity_kinds(conn: sqlite3.Connection) -> dict[str, str]:
    """Each store-wide entity name's type (the one with most mentions where a name has several)."""
    kinds: dict[str, str] = {}
    for r in conn.execute("SELECT name, type FROM entities ORDER BY mentions DESC, type"):
        kinds.setdefault(r["name"], r["type"])
    return kinds


def pile_publications(conn: sqlite3.Connection) -> tuple[list[dt.date], int]:
    """The first day of every original article's publication (syndicated copies left out), and the
    number of independent sources: what the story's window is derived from (timeline.sections)."""
    days = [dt.date.fromisoformat(r[0]) for r in conn.execute(
        "SELECT published_start FROM articles WHERE duplicate_of IS NULL AND published_start IS NOT NULL")]
    sources = conn.execute("SELECT COUNT(*) FROM articles WHERE duplicate_of IS NULL").fetchone()[0]
    return days, sources


def article_stories(conn: sqlite3.Connection) -> dict[str, str | None]:
    """Each article's story (link/stories), None where it has none yet."""
    return dict(conn.execute("SELECT id, story_id FROM articles"))


def _day(value: DateValue | None) -> str | None:
    return value.value if value is not None else None


def entry_view(e) -> dict:
    """An entry (chronicle.timeline.events.TimelineEntry) as CONTRACT's ``timeline --json`` prints it (plus id, date_explain, dates, ...).

    An undated entry (section ``undated``, or ``background`` recalled without a date) has
    ``date`` and ``granularity`` null and ``on_or_before``: the day by which it happened (its
    first report's publication); it is never given a day it is not known to have happened on.
    Computed once when the timeline is rebuilt and stored whole, so that reading a 50,000-entry
    timeline is one query and one JSON decode.
    """
    sources, seen = [], set()
    for m in sorted(e.sources, key=lambda m: (m.published is None, _day(m.published) or "", m.article_id, m.idx)):
        if (m.article_id, m.start_char) in seen:
            continue  # one sentence that names the event twice ("call", "discussion") is one source
        seen.add((m.article_id, m.start_char))
        sources.append({"article": m.article_id, "outlet": m.outlet, "published": _day(m.published),
                        "start": m.start_char, "end": m.end_char, "sentence": m.text, "date": _day(m.date),
                        "date_source": m.date_source, "duplicate_of": m.root if m.root != m.article_id else None})
    undated = e.undated
    return {
        "id": e.id, "date": None if undated else e.date.value,
        "granularity": None if undated else e.date.granularity.timeline,
        "on_or_before": e.date.end.isoformat() if undated else None,
        "section": e.section, "headline": e.headline, "type": e.type,
        "summary": e.summary.text, "actors": e.actors, "modality": e.modality, "sources": sources,
        "source_count": e.source_count, "independent_sources": e.independent_sources,
        "date_explain": e.date_explain, "date_conflict": e.date_conflict, "dates": e.dates, "negated": e.negated,
        "place": e.place, "importance": round(e.importance, 4),
        "summary_source": {"article": e.summary.article_id, "start": e.summary.start_char, "end": e.summary.end_char},
        "detail": e.detail.text if e.detail is not None else None,
        "detail_source": ({"article": e.detail.article_id, "start": e.detail.start_char, "end": e.detail.end_char}
                          if e.detail is not None else None),
    }


def replace_timeline(conn: sqlite3.Connection, entries: list) -> None:
    """Swap the stored timeline for ``entries`` (chronicle.timeline.events.TimelineEntry; call inside a
    transaction)."""
    from chronicle.store.digest import content_token, new_timeline

    views = {e.id: json.dumps(entry_view(e), ensure_ascii=False) for e in entries}
    # The timeline's token is its content's: the same events give the same store, byte for byte,
    # whichever executor analysed them; the digest's index built before it is stale until rebuilt.
    new_timeline(conn, content_token([views[i] for i in sorted(views)]))
    conn.execute("DELETE FROM timeline_actors")
    conn.execute("DELETE FROM timeline_sources")
    conn.execute("DELETE FROM timeline_entries")
    # An undated entry is kept in date order at the day it happened by (range_start = range_end).
    insert_rows(conn, "timeline_entries", [
        {"id": e.id, "date": e.date.value, "granularity": e.date.granularity.timeline,
         "range_start": (e.date.end if e.undated else e.date.start).isoformat(), "range_end": e.date.end.isoformat(),
         "section": e.section, "headline": e.headline,
         "date_explain": e.date_explain, "date_conflict": int(e.date_conflict),
         "dates": json.dumps(e.dates, ensure_ascii=False), "type": e.type, "modality": e.modality,
         "negated": int(e.negated), "summary": e.summary.text, "summary_article": e.summary.article_id,
         "summary_start": e.summary.start_char, "summary_end": e.summary.end_char,
         "actors": json.dumps(e.actors, ensure_ascii=False), "place": e.place, "source_count": e.source_count,
         "independent_sources": e.independent_sources, "importance": e.importance,
         "day_weight": e.day_weight, "view": views[e.id]}
        for e in entries
    ])
    insert_rows(conn, "timeline_sources", [
        {"entry_id": e.id, "article_id": m.article_id, "event_idx": m.idx, "start_char": m.start_char,
         "end_char": m.end_char, "sentence": m.text, "date": _day(m.date), "date_source": m.date_source}
        for e in entries for m in e.sources
    ])
    insert_rows(conn, "timeline_actors", [{"entry_id": e.id, "actor": a} for e in entries for a in e.actors])


def sections_of(section: str | Iterable[str] | None, *, top: bool = False) -> tuple[str, ...] | None:
    """The sections a ``--section`` option selects: None for all, else a tuple of names.

    ``section`` is a name, ``all``, a comma-separated list, or a list of those; without it,
    ``--top`` ranks the story only (TOP_SECTIONS) and a plain reading gives every section.
    Raises ValueError naming the accepted values.
    """
    if section is None or section == () or section == []:
        return TOP_SECTIONS if top else None
    names = [section] if isinstance(section, str) else list(section)
    wanted: list[str] = []
    for name in names:
        for part in str(name).split(","):
            part = part.strip().lower()
            if not part:
                continue
            if part == "all":
                return None
            if part not in SECTIONS:
                raise ValueError(f"unknown section {part!r}; use {', '.join(SECTIONS)} or all")
            if part not in wanted:
                wanted.append(part)
    if not wanted:
        return TOP_SECTIONS if top else None
    return tuple(wanted)


def timeline_is_stale(conn: sqlite3.Connection) -> bool:
    """Entries built before sections existed (migration 0010 adds the column, NULL until rebuilt), or
    events with no timeline at all: an ingest killed between storing its articles and rebuilding."""
    return conn.execute(
        "SELECT EXISTS(SELECT 1 FROM timeline_entries WHERE section IS NULL) OR "
        "(NOT EXISTS(SELECT 1 FROM timeline_entries) AND EXISTS(SELECT 1 FROM events))").fetchone()[0] == 1
