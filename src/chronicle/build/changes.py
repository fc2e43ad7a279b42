"""What changed since a day: the timeline with and without the articles published after it.

Both timelines are merged in memory from the same events (merging is order-free), then
compared entry by entry through the event mentions they share: an entry whose mentions
are all new is a new event; one that also has old mentions gained sources, and its date
changed when the old timeline placed those mentions on another date.
"""
from __future__ import annotations

from chronicle.build.events import TimelineEntry, merge_events
from chronicle.dates import DateValue


def entry_summary(e: TimelineEntry, new_articles: set[str]) -> dict:
    """The entry as ``timeline --json`` shows it, plus which of its sources are new."""
    from chronicle.store.timeline import entry_view

    out = entry_view(e)
    out["new_sources"] = sorted({m.article_id for m in e.sources if m.article_id in new_articles})
    return out


def changes_since(store, since: DateValue) -> dict:
    from chronicle.store.timeline import iter_event_mentions

    conn = store.conn
    cutoff = since.end.isoformat()
    new_articles = {r[0] for r in conn.execute(
        "SELECT id FROM articles WHERE published_start > ? ORDER BY published_start, seq", (cutoff,))}
    mentions = list(iter_event_mentions(conn))
    old_mentions = [m for m in mentions if m.article_id not in new_articles]
    before = merge_events(old_mentions)
    after = merge_events(mentions)
    old_entry_of = {m.key: e for e in before for m in e.sources}
    new_events, updated = [], []
    for e in after:
        olds = [m for m in e.sources if m.article_id not in new_articles]
        news = [m for m in e.sources if m.article_id in new_articles]
        if not news:
            continue
        if not olds:
            new_events.append(entry_summary(e, new_articles))
            continue
        previous = {old_entry_of[m.key].date.value for m in olds if m.key in old_entry_of}
        previous_sources = max((old_entry_of[m.key].independent_sources for m in olds if m.key in old_entry_of),
                               default=0)
        row = entry_summary(e, new_articles)
        row["previous_dates"] = sorted(previous)
        row["date_changed"] = previous != {e.date.value}
        row["gained_sources"] = e.independent_sources - previous_sources
        updated.append(row)
    return {
        "since": since.value,
        "articles": sorted(new_articles),
        "new_events": new_events,
        "updated_events": updated,
        "new_quotes": _new_quotes(conn, cutoff),
        "new_actors": _new_actors(conn, cutoff),
    }


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
