"""What changed since a day: the timeline with and without the articles published after it.

The timeline with them is the stored one (rebuilt from the same events after every ingest);
the timeline without them is merged in memory from the older articles' events (merging is
order-free). They are compared entry by entry through the event mentions they share: an
entry whose mentions are all new is a new event; one that also has old mentions gained
sources, and its date changed when the old timeline placed those mentions on another date.
"""
from __future__ import annotations

import json

from chronicle.build.events import merge_events
from chronicle.dates import DateValue


def changes_since(store, since: DateValue) -> dict:
    from chronicle.store.timeline import iter_event_mentions

    conn = store.conn
    cutoff = since.end.isoformat()
    new_articles = {r[0] for r in conn.execute(
        "SELECT id FROM articles WHERE published_start > ? ORDER BY published_start, seq", (cutoff,))}
    touched = _touched_entries(conn, cutoff)
    before = merge_events(m for m in iter_event_mentions(conn) if m.article_id not in new_articles)
    old_entry_of = {m.key: e for e in before for m in e.sources}
    new_events, updated = [], []
    for view, sources in touched:
        olds = [key for key in sources if key[0] not in new_articles]
        row = _summary(view, sources, new_articles)
        if not olds:
            new_events.append(row)
            continue
        previous = {old_entry_of[key].date.value for key in olds if key in old_entry_of}
        previous_sources = max((old_entry_of[key].independent_sources for key in olds if key in old_entry_of),
                               default=0)
        row["previous_dates"] = sorted(previous)
        row["date_changed"] = previous != {row["date"]}
        row["gained_sources"] = row["independent_sources"] - previous_sources
        updated.append(row)
    return {
        "since": since.value,
        "articles": sorted(new_articles),
        "new_events": new_events,
        "updated_events": updated,
        "new_quotes": _new_quotes(conn, cutoff),
        "new_actors": _new_actors(conn, cutoff),
    }


def _touched_entries(conn, cutoff: str) -> list[tuple[dict, list[tuple[str, int]]]]:
    """The stored entries citing an article published after ``cutoff``, in timeline order, each
    with the (article, event index) of every event mention merged into it."""
    rows = conn.execute(
        "SELECT t.id, t.view, s.article_id, s.event_idx FROM timeline_entries t "
        "JOIN timeline_sources s ON s.entry_id = t.id WHERE t.id IN (SELECT s2.entry_id FROM timeline_sources s2 "
        "JOIN articles a ON a.id = s2.article_id WHERE a.published_start > ?) "
        "ORDER BY t.range_start, t.range_end, t.id", (cutoff,))
    out: list[tuple[dict, list[tuple[str, int]]]] = []
    last = None
    for entry_id, view, article_id, idx in rows:
        if entry_id != last:
            out.append((json.loads(view), []))
            last = entry_id
        out[-1][1].append((article_id, idx))
    return out


def _summary(view: dict, sources: list[tuple[str, int]], new_articles: set[str]) -> dict:
    """The entry as ``timeline --json`` shows it, plus which of its sources are new.

    Importance is left at 0.0, as when this report merged the timeline itself (it weighed
    nothing), so that its output stays the same byte for byte.
    """
    out = {**view, "importance": 0.0}
    out["new_sources"] = sorted({a for a, _ in sources if a in new_articles})
    return out


def _has_table(conn, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None


def _new_quotes(conn, cutoff: str) -> list[dict]:
    if not _has_table(conn, "quotes"):
        return []
    rows = conn.execute(
        "SELECT q.speaker, q.speaker_text, q.text, q.kind, q.cue, q.article_id, a.published, q.start_char, q.end_char "
        "FROM quotes q JOIN articles a ON a.id = q.article_id WHERE a.published_start > ? "
        "ORDER BY a.published_start, a.seq, q.idx", (cutoff,))
    return [{"speaker": r[0], "speaker_text": r[1], "text": r[2], "kind": r[3], "cue": r[4], "article": r[5],
             "published": r[6], "start": r[7], "end": r[8]} for r in rows]


def _new_actors(conn, cutoff: str) -> list[dict]:
    """Entities named in new articles and in no article published by the cutoff."""
    if not _has_table(conn, "mentions"):
        return []
    rows = conn.execute(
        "SELECT m.entity, MIN(m.type), COUNT(*), COUNT(DISTINCT m.article_id) FROM mentions m "
        "JOIN articles a ON a.id = m.article_id WHERE a.published_start > ? "
        "AND m.type IN ('PERSON', 'ORG', 'GPE', 'NORP') AND m.entity NOT IN ("
        "  SELECT m2.entity FROM mentions m2 JOIN articles a2 ON a2.id = m2.article_id "
        "  WHERE a2.published_start IS NULL OR a2.published_start <= ?) "
        "GROUP BY m.entity ORDER BY COUNT(DISTINCT m.article_id) DESC, COUNT(*) DESC, m.entity", (cutoff, cutoff))
    return [{"name": r[0], "type": r[1], "mentions": r[2], "articles": r[3]} for r in rows]
