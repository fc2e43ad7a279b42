"""What the articles published after a day added, read from the stored timeline and counted in
SQL, so that it answers in milliseconds on any store. ``chronicle changes`` (build/changes.py)
and the changes page both read it; an updated entry is described by its own older sources:

- new events and updated events are the same entries as in the full report (an entry citing
  only new articles, or new and older ones), and in the same order;
- ``gained_sources`` counts the independent sources (syndicated copies collapsed) among the
  entry's new articles that none of its older articles already counted;
- ``previous_dates`` is the date its older sources give (the best-ranked of the entry's dates
  that an older article gave), and ``date_changed`` says whether the entry moved from it;
- new actors are the linked entities (people, organisations, places, groups) first named
  after the day; new quotes are the quotes of the new articles.

Each section gives its ``total`` and its first ``shown`` rows (all of them when ``shown`` is None).
"""
from __future__ import annotations

import json
import sqlite3
import threading
from collections import OrderedDict

from chronicle.dates import DateValue, Granularity
from chronicle.store.db import in_chunks
from chronicle.store.digest import index_describes_timeline, index_state
from chronicle.views.quotes import quotes_by_rowid

ACTOR_TYPES = ("PERSON", "ORG", "GPE", "NORP")


def changes_summary(conn: sqlite3.Connection, since: DateValue, *, shown: int | None = 300,
                    ranked: bool = False) -> dict:
    """``{"since", "articles": n, "new_events", "updated_events", "new_quotes", "new_actors"}``,
    each section ``{"total", "rows"}``. ``ranked``: the events by section (story, upcoming,
    background, undated), most important first, before the first ``shown`` are kept (a page's
    first hundred of 794 new events were otherwise history from 1979 on); else in timeline order."""
    cutoff = since.end.isoformat()
    fresh = {r[0] for r in conn.execute("SELECT id FROM articles WHERE published_start > ?", (cutoff,))}
    new_ids, updated_ids = split_entries(conn, fresh, cutoff)
    if ranked:
        new_ids, updated_ids = ranked_in_order(conn, new_ids), ranked_in_order(conn, updated_ids)
    articles = len(fresh)
    return {
        "since": since.value, "articles": articles,
        "new_events": {"total": len(new_ids), "rows": entry_rows(conn, new_ids[:shown], cutoff, updated=False)},
        "updated_events": {"total": len(updated_ids),
                           "rows": entry_rows(conn, updated_ids[:shown], cutoff, updated=True)},
        "new_quotes": _new_quotes(conn, cutoff, shown),
        "new_actors": new_actors(conn, cutoff, shown),
    }


SECTION_ORDER = {"story": 0, "upcoming": 1, "background": 2, "undated": 3}


def rank_entries(conn: sqlite3.Connection, ids: list[str]) -> list[str]:
    """``ids`` by section (SECTION_ORDER), then most important first; ties keep the given order."""
    found: dict[str, tuple[int, float]] = {}
    for chunk, marks in in_chunks(ids):
        for ident, section, importance in conn.execute(
                f"SELECT id, section, importance FROM timeline_entries WHERE id IN ({marks})", chunk):
            found[ident] = (SECTION_ORDER.get(section, len(SECTION_ORDER)), -(importance or 0.0))
    return sorted(ids, key=lambda i: found.get(i, (len(SECTION_ORDER), 0.0)))


_RANKED: OrderedDict[tuple, tuple[list[str], dict[str, int]]] = OrderedDict()
_RANKED_LOCK = threading.Lock()


def ranked_in_order(conn: sqlite3.Connection, ids: list[str]) -> list[str]:
    """:func:`rank_entries` of ``ids`` given in timeline order (range_start, range_end, id), as
    :func:`split_entries` gives them: the whole timeline is ranked once per timeline build (the
    digest index's token, with the entries' count and total importance, since the token hashes the
    views, whose importance is rounded) and ``ids`` are read off it in that order. Same list as
    :func:`rank_entries`, whose sort is stable over the timeline order; per date asked it cost 0.2 s
    a section on the full Timeline17 store (35,000 ids looked up 500 at a time), now 10-20 ms
    (issue 18)."""
    if not ids:
        return []
    ranked = whole_ranking(conn)
    if ranked is None:
        return rank_entries(conn, ids)
    order, position = ranked
    if len(ids) * 8 < len(order):  # a few ids: sorted by their places in the ranking
        try:
            return sorted(ids, key=position.__getitem__)
        except KeyError:  # an id the timeline lacks: ranked last, as rank_entries does
            return rank_entries(conn, ids)
    wanted = set(ids)
    out = [i for i in order if i in wanted]
    return out if len(out) == len(wanted) == len(ids) else rank_entries(conn, ids)


def whole_ranking(conn: sqlite3.Connection) -> tuple[list[str], dict[str, int]] | None:
    """Every entry id ranked as :func:`rank_entries` ranks them from timeline order, and each
    one's place; None when the store records no timeline token (before migration 18)."""
    token = index_state(conn).get("timeline")
    if token is None:
        return None
    count, total = conn.execute("SELECT COUNT(*), TOTAL(importance) FROM timeline_entries").fetchone()
    key = (token, count, total)
    with _RANKED_LOCK:
        found = _RANKED.get(key)
    if found is not None:
        return found
    cursor = conn.cursor()
    cursor.row_factory = None
    rows = cursor.execute("SELECT id, section, importance FROM timeline_entries ORDER BY range_start, range_end, id")
    last = len(SECTION_ORDER)
    keyed = [(ident, (SECTION_ORDER.get(section, last), -(importance or 0.0))) for ident, section, importance in rows]
    keyed.sort(key=lambda pair: pair[1])
    order = [ident for ident, _ in keyed]
    found = (order, {ident: i for i, ident in enumerate(order)})
    with _RANKED_LOCK:
        _RANKED[key] = found
        while len(_RANKED) > 2:
            _RANKED.popitem(last=False)
    return found


def split_entries(conn: sqlite3.Connection, fresh: set[str], cutoff: str | None = None) -> tuple[list[str], list[str]]:
    """Ids of the entries citing only ``fresh`` articles (new) and of those citing fresh and older
    ones (updated), in timeline order. ``cutoff``: the time ``fresh`` are the articles published
    after, to read them from the digest's index when it describes the timeline."""
    # Read from the sources' primary-key index and the entries' order index alone (plain tuples):
    # the wide rows (each article's text, each entry's JSON) are never touched.
    cursor = conn.cursor()
    cursor.row_factory = None
    if cutoff is not None and index_describes_timeline(conn):
        # The digest's index holds each entry's first and last publication (views/digest_index.py).
        new_ids, updated_ids = [], []
        for entry_id, new in cursor.execute(
                "SELECT id, first_pub > ? FROM digest_entries WHERE last_pub > ? ORDER BY range_start, range_end, id",
                (cutoff, cutoff)):
            (new_ids if new else updated_ids).append(entry_id)
        return new_ids, updated_ids
    with_new, with_old = set(), set()
    for entry_id, article_id in cursor.execute("SELECT entry_id, article_id FROM timeline_sources"):
        (with_new if article_id in fresh else with_old).add(entry_id)
    new_ids, updated_ids = [], []
    for (entry_id,) in cursor.execute("SELECT id FROM timeline_entries ORDER BY range_start, range_end, id"):
        if entry_id in with_new:
            (updated_ids if entry_id in with_old else new_ids).append(entry_id)
    return new_ids, updated_ids


def entry_rows(conn: sqlite3.Connection, ids: list[str], cutoff: str, *, updated: bool,
               every: bool = False) -> list[dict]:
    """The entries' views with ``new_sources`` (their articles published after ``cutoff``; all of
    them with ``every``, as for a new entry), and for an ``updated`` entry what its older sources
    gave (``gained_sources``, ``previous_dates``, ``date_changed``)."""
    if not ids:
        return []
    marks = json.dumps(ids)
    views = {r[0]: json.loads(r[1]) for r in conn.execute(
        "SELECT id, view FROM timeline_entries WHERE id IN (SELECT value FROM json_each(?))", (marks,))}
    sources: dict[str, list[tuple[str, str, bool]]] = {}
    for entry_id, article_id, root, new in conn.execute(
        "SELECT s.entry_id, s.article_id, COALESCE(a.duplicate_of, a.id), a.published_start > ? "
        "FROM timeline_sources s JOIN articles a ON a.id = s.article_id "
        "WHERE s.entry_id IN (SELECT value FROM json_each(?))", (cutoff, marks)
    ):
        sources.setdefault(entry_id, []).append((article_id, root, bool(new)))
    out = []
    for entry_id in ids:
        view, cited = views[entry_id], sources.get(entry_id, [])
        row = {**view, "new_sources": sorted({a for a, _, new in cited if new or every})}
        if updated:
            old_articles = {a for a, _, new in cited if not new}
            old_roots = {root for _, root, new in cited if not new}
            row["gained_sources"] = len({root for _, root, new in cited if new} - old_roots)
            previous = _older_date(view.get("dates") or [], old_articles)
            row["previous_dates"] = [previous] if previous else []
            row["date_changed"] = previous is not None and previous != view["date"]
        out.append(row)
    return out


class Raw(str):
    """A row already written as compact JSON text (sent as it is)."""


_TEXTS: OrderedDict[tuple[str, str], Raw] = OrderedDict()
_TEXT_BYTES = [0]
TEXT_CACHE_BYTES = 64 * 2**20  # the new-entry rows kept, as text, across requests for different dates
_TEXT_LOCK = threading.Lock()


def new_entry_texts(conn: sqlite3.Connection, ids: list[str]) -> list[Raw]:
    """:func:`entry_rows` of new entries (``updated=False``) as compact JSON text, byte for byte what
    ``json.dumps(row, ensure_ascii=False, separators=(",", ":"))`` gives. A new entry's row does not
    depend on the date asked about (every source of it is new), so its text is kept per timeline
    build (the digest index's token): the changes since forty dates decode and encode each entry
    once, not forty times (issue 18, bench.load)."""
    token = index_state(conn).get("timeline") if ids else None
    if token is None:
        return [Raw(_compact(r)) for r in entry_rows(conn, ids, "", updated=False, every=True)]
    with _TEXT_LOCK:
        found = {i: _TEXTS.get((token, i)) for i in ids}
    missing = [i for i, t in found.items() if t is None]
    if missing:
        for row in entry_rows(conn, missing, "", updated=False, every=True):
            text = found[row["id"]] = Raw(_compact(row))
            with _TEXT_LOCK:
                if (token, row["id"]) not in _TEXTS:
                    _TEXTS[(token, row["id"])] = text
                    _TEXT_BYTES[0] += len(text)
                while _TEXT_BYTES[0] > TEXT_CACHE_BYTES and _TEXTS:
                    _TEXT_BYTES[0] -= len(_TEXTS.popitem(last=False)[1])
    return [found[i] for i in ids]


def _compact(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _older_date(dates: list[dict], old_articles: set[str]) -> str | None:
    """The best-ranked date (the entry's ``dates`` come ranked) that one of the older articles gave, as a
    timeline date (a time of day counts as its day)."""
    for d in dates:
        if old_articles.intersection(d.get("sources") or ()):
            value = DateValue.try_parse(d["date"])
            if value is None:
                return d["date"]
            return DateValue.of_day(value.start).value if value.granularity == Granularity.TIME else value.value
    return None


def _new_quotes(conn: sqlite3.Connection, cutoff: str, shown: int | None) -> dict:
    total = conn.execute("SELECT COUNT(*) FROM quotes q JOIN articles a ON a.id = q.article_id "
                         "WHERE a.published_start > ?", (cutoff,)).fetchone()[0]
    rowids = [r[0] for r in conn.execute(
        "SELECT q.rowid FROM quotes q JOIN articles a ON a.id = q.article_id WHERE a.published_start > ? "
        "ORDER BY a.published_start, a.seq, q.idx LIMIT ?", (cutoff, -1 if shown is None else shown))]
    return {"total": total, "rows": quotes_by_rowid(conn, rowids)}


def new_actors(conn: sqlite3.Connection, cutoff: str, shown: int | None) -> dict:
    where = (f"WHERE type IN ({','.join('?' * len(ACTOR_TYPES))}) AND first_published IS NOT NULL "
             "AND first_published > ?")
    params = [*ACTOR_TYPES, cutoff]
    total = conn.execute(f"SELECT COUNT(*) FROM entities {where}", params).fetchone()[0]
    rows = [{"name": r[0], "type": r[1], "mentions": r[2], "articles": r[3]} for r in conn.execute(
        f"SELECT name, type, mentions, articles FROM entities {where} "
        "ORDER BY articles DESC, mentions DESC, name LIMIT ?", [*params, -1 if shown is None else shown])]
    return {"total": total, "rows": rows}
