"""Timeline readings that read only what a page shows: a page of entries, the facets of a
filtered timeline, one entry by id, and the whole timeline as JSON text in chunks.

The one reading of the ``timeline --json`` shape. The entries are the stored views
(store/timeline.py writes them once per rebuild), so a page of 200 entries is one indexed query (migration 0006) however long the
timeline is, and the JSON chunks are the stored text itself, never decoded and re-encoded.
"""
from __future__ import annotations

import heapq
import json
import sqlite3
from collections.abc import Iterator

from chronicle.errors import NotFound
from chronicle.store.timeline import sections_of
from chronicle.views.shapes import TimelineEntry

_ORDER = " ORDER BY t.range_start, t.range_end, t.id"


def entry_filters(*, since: str | None = None, until: str | None = None, actor: str | None = None,
                  section=None, story: str | None = None) -> tuple[list[str], list]:
    """SQL conditions on ``timeline_entries t`` (and their parameters) for the timeline's filters:
    entries overlapping [since, until], naming an actor whose name contains ``actor``, in one
    of the ``section`` names (None: any; resolve user input with store.timeline.sections_of), and
    with a source in the story ``story`` (a full id: views.stories.resolve_story)."""
    where, params = [], []
    if story:
        where.append("t.id IN (SELECT s.entry_id FROM timeline_sources s JOIN articles a ON a.id = s.article_id "
                     "WHERE a.story_id = ?)")
        params.append(story)
    if since:
        where.append("t.range_end >= ?")
        params.append(since)
    if until:
        where.append("t.range_start <= ?")
        params.append(until)
    if actor:
        where.append("t.id IN (SELECT entry_id FROM timeline_actors WHERE actor LIKE ? ESCAPE '\\')")
        params.append("%" + actor.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    if section is not None:
        names = list(section)
        where.append(f"t.section IN ({','.join('?' * len(names))})")
        params.extend(names)
    return where, params


def top_ids(conn: sqlite3.Connection, cond: str, params: list, n: int) -> list:
    """The ``n`` most important entries, at most ``per_date`` of them on any one day, so that a
    much-cited day (the day of a call) cannot fill the list with its side remarks. The weight of a
    day (how much the articles name it) lifts only its first entry: each further entry of the day
    counts without it, times ``same_day`` per entry before it, so it must outweigh the other days'
    news on its own sources (data/timeline/importance.toml [entries])."""
    from chronicle.timeline.importance import default_weights

    w = default_weights().entries
    per_date, same_day = max(1, w.per_date), w.same_day
    factor = (w.top_date / w.date - 1.0) if w.date else 0.0
    # No entry scores more than its importance plus the largest lift a day gives: once the n-th best
    # score so far is above that for the next entry (read in order of importance), none left can enter.
    most = conn.execute("SELECT MAX(day_weight) FROM timeline_entries").fetchone()[0] or 0.0
    lift_max = max(0.0, most * factor)
    ranked, per_day, best = [], {}, []  # best: a min-heap of the n best scores so far
    for ident, day, importance, day_weight in conn.execute(
        "SELECT t.id, t.range_start, t.importance, t.day_weight FROM timeline_entries t" + cond
        + " ORDER BY t.importance DESC, t.range_start, t.id",
        params,
    ):
        if n > 0 and len(best) >= n and best[0] > max(0.0, (importance or 0.0) + lift_max) + 1e-9:
            break
        k = per_day.get(day, 0)
        if k >= per_date:
            continue
        per_day[day] = k + 1
        day = day_weight or 0.0
        lift = day * (w.top_date / w.date - 1.0) if w.date else 0.0
        own = (importance or 0.0) + (lift if not k else -day)
        ranked.append((-own * same_day ** k, k, len(ranked), ident))
        if n > 0:
            (heapq.heappush if len(best) < n else heapq.heappushpop)(best, own * same_day ** k)
    return [ident for *_, ident in sorted(ranked)[:n]]


def _where(conn: sqlite3.Connection, *, since=None, until=None, actor=None, top=None,
           type=None, section=None, story=None) -> tuple[str, list] | None:  # noqa: A002 - the filter is called type everywhere
    """The WHERE clause of a filtered timeline, as get_timeline reads it; None when ``top`` leaves nothing.
    ``section``: a name, names or ``all`` (store.timeline.sections_of); ``top`` ranks the story by default."""
    where, params = entry_filters(since=since, until=until, actor=actor,
                                  section=sections_of(section, top=top is not None), story=story)
    if top is not None:
        cond = " WHERE " + " AND ".join(where) if where else ""
        ids = top_ids(conn, cond, params, int(top))
        if not ids:
            return None
        where.append(f"t.id IN ({','.join('?' * len(ids))})")
        params.extend(ids)
    if type is not None:
        where.append("t.type = ?")
        params.append(type)
    return (" WHERE " + " AND ".join(where) if where else ""), params


def timeline_page(conn: sqlite3.Connection, *, since=None, until=None, actor=None, top=None, type=None,  # noqa: A002
                  section=None, limit: int | None = None, offset: int = 0, story=None) -> list[TimelineEntry]:
    """Entries ``offset`` to ``offset + limit`` of the filtered timeline, in date order."""
    return json.loads("[" + ",".join(iter_timeline_json(conn, since=since, until=until, actor=actor, top=top,
                                                        type=type, section=section, limit=limit, offset=offset,
                                                        story=story)) + "]")


def iter_timeline_json(conn: sqlite3.Connection, *, since=None, until=None, actor=None, top=None,
                       type=None, section=None, limit: int | None = None, offset: int = 0,  # noqa: A002
                       story=None) -> Iterator[str]:
    """Each entry's stored JSON text, in date order (what ``timeline --json`` prints, entry by entry)."""
    found = _where(conn, since=since, until=until, actor=actor, top=top, type=type, section=section, story=story)
    if found is None:
        return
    cond, params = found
    sql = "SELECT t.view FROM timeline_entries t" + cond + _ORDER
    if limit is not None or offset:
        sql += " LIMIT ? OFFSET ?"
        params = [*params, -1 if limit is None else int(limit), int(offset)]
    for (view,) in conn.execute(sql, params):
        yield view


def timeline_facets(conn: sqlite3.Connection, *, since=None, until=None, actor=None, top=None,
                    section=None, actors: int = 300, story=None) -> dict:
    """What the story page's filters offer for a filtered timeline, counted in SQL.

    ``{"total": entries, "types": [[type, entries], ...] (most first), "actors": [name, ...]}``:
    the ``actors`` names most often on an entry, alphabetically.
    """
    found = _where(conn, since=since, until=until, actor=actor, top=top, section=section, story=story)
    if found is None:
        return {"total": 0, "types": [], "actors": []}
    cond, params = found
    types = [[r[0], r[1]] for r in conn.execute(
        "SELECT t.type, COUNT(*) FROM timeline_entries t" + cond + " GROUP BY t.type ORDER BY COUNT(*) DESC, t.type",
        params)]
    # Unfiltered, every actor row's entry exists (a foreign key, ON DELETE CASCADE): the counts come
    # from the actor index alone, without a lookup of each row's entry. Filtered, the entries are
    # picked first (by their order index), then their actors by key, not every actor row's entry.
    among = " WHERE a.entry_id IN (SELECT t.id FROM timeline_entries t" + cond + ")" if cond else ""
    names = [r[0] for r in conn.execute(
        "SELECT a.actor FROM timeline_actors a" + among +
        " GROUP BY a.actor ORDER BY COUNT(*) DESC, a.actor LIMIT ?", [*params, actors])] if actors else []
    return {"total": sum(n for _, n in types), "types": types, "actors": sorted(names)}


def get_entry(conn: sqlite3.Connection, entry_id: str) -> dict:
    """One timeline entry by id, as ``timeline --json`` prints it. Raises NotFound."""
    row = conn.execute("SELECT view FROM timeline_entries WHERE id = ?", (entry_id,)).fetchone()
    if row is None:
        raise NotFound(f"no timeline entry with id {entry_id!r}")
    return json.loads(row[0])
