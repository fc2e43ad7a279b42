"""The digest: the ranked answer to "what is different since DATE" (CONTRACT, ``changes`` ``digest``).

``[{"kind", "rank", "headline", "date", "refs"}]``, most important first, plus ``weight`` (what it
was ranked by) and ``tier`` (``story`` or ``background``). Kinds: ``event`` (a new entry of the
storyline), ``sources`` (an entry that gained independent sources), ``date_change`` (an entry whose
date moved), ``position`` (a new or revised stance), ``claim`` (a new figure), ``quote`` (a notable
new quote, with a resolved speaker) and ``actor`` (a person or organisation first named after the
day in several articles). ``refs`` are the ids behind a line: timeline entry ids, claim and
position ids (``<article>-c3``, ``<article>-p2``), quote ids (``<article>-q4``), entity names.

Ranking (weights in data/digest/digest.toml, candidates in chronicle.views.digest_items):
- two tiers: every story line before every background line (a line whose entry is background or
  undated, or a figure or stance dated before the year asked about that no story entry carries);
- within a tier, by weight; a detail (a stance, figure or quote riding on entries) weighs at most the
  own line (event, sources, date_change) of those entries, and much less when it repeats their
  headline (unless it is news of its own: a disputed figure, a stance that moved); each further line about the same entry
  weighs ``same_entry_decay`` times the one before (own lines count only each other), and each further
  entry line on the same day ``same_day_decay`` times (a day many articles name must not fill the
  digest with its side events, as ``timeline --top`` keeps ``per_date``; greedy, so the decay follows the final order), one
  line per source sentence and per headline (two entries worded alike are one line), and at most ``limits.per_kind`` lines of a kind;
- equal weights are ordered by kind, date, headline and refs, so the same store always gives the
  same digest.
"""
from __future__ import annotations

import heapq
import sqlite3
import tomllib
from functools import lru_cache
from importlib import resources

from chronicle.dates import DateValue
from chronicle.errors import NotFound
from chronicle.views import digest_items as items
from chronicle.views.claims import claims_view
from chronicle.views.positions import positions_view

KIND_ORDER = ("event", "sources", "date_change", "position", "claim", "quote", "actor")


@lru_cache(maxsize=1)
def default_settings() -> dict:
    """The weights and limits shipped in ``chronicle/data/digest/digest.toml``."""
    text = resources.files("chronicle.data").joinpath("digest/digest.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def build_digest(conn: sqlite3.Connection, since: DateValue, report: dict, *, limit: int | None = None,
                 settings: dict | None = None, claims: list[dict] | None = None,
                 positions: list[dict] | None = None) -> list[dict]:
    """The ranked digest of what articles published after ``since`` changed. ``report`` holds the
    changes report's ``new_events``, ``updated_events`` and ``new_actors`` rows (views/report.py);
    ``claims``/``positions`` (rows of the claims and positions views) default to those of the new
    articles; only the new articles' ones count."""
    settings = settings or default_settings()
    ctx = items.Context(conn, since, settings)
    if not ctx.fresh:
        return []
    candidates = items.entry_candidates(ctx, report["new_events"], report["updated_events"])
    candidates += items.position_candidates(ctx, positions_view(conn, after=ctx.cutoff) if positions is None
                                            else positions)
    candidates += items.claim_candidates(ctx, claims_view(conn, after=ctx.cutoff) if claims is None else claims)
    candidates += items.quote_candidates(ctx)
    candidates += items.actor_candidates(ctx, report["new_actors"])
    candidates = items.shortlist(ctx, candidates, settings["limits"]["shortlist"])
    return rank_candidates(candidates, settings, limit=settings["limits"]["lines"] if limit is None else limit)


def digest_since(conn: sqlite3.Connection, since: DateValue, *, limit: int | None = None,
                 settings: dict | None = None) -> list[dict]:
    """:func:`build_digest` without the changes report: new entries are read as the few columns the
    digest weighs (not their whole view), and no quote row is built, so the changes page pays for
    the digest alone."""
    import json

    from chronicle.views.changes import entry_rows, new_actors, split_entries

    cutoff = since.end.isoformat()
    fresh = {r[0] for r in conn.execute("SELECT id FROM articles WHERE published_start > ?", (cutoff,))}
    new_ids, updated_ids = split_entries(conn, fresh)
    # Importance as the entry's view gives it (rounded), so both readings weigh alike.
    new = [{"id": r[0], "section": r[1], "importance": round(r[2], 4), "headline": r[3], "summary": r[4], "date": r[5],
            "type": r[6]} for r in conn.execute(
        "SELECT id, COALESCE(section, 'story'), importance, headline, summary, "
        "CASE WHEN section IN ('story', 'upcoming') THEN date ELSE json_extract(view, '$.date') END, type "
        "FROM timeline_entries WHERE id IN (SELECT value FROM json_each(?)) ORDER BY range_start, range_end, id",
        (json.dumps(new_ids),))]
    report = {"new_events": new, "updated_events": entry_rows(conn, updated_ids, cutoff, updated=True),
              "new_actors": new_actors(conn, cutoff, None)["rows"]}
    return build_digest(conn, since, report, limit=limit, settings=settings)


def rank_candidates(candidates: list[items.Candidate], settings: dict, *, limit: int) -> list[dict]:
    """Order ``candidates`` (see the module docstring) and keep the first ``limit``."""
    decay, day_decay = settings["strength"]["same_entry_decay"], settings["strength"]["same_day_decay"]
    per_kind = settings["limits"]["per_kind"]
    tiers = {items.STORY: 0, items.BACKGROUND: 1}
    kind_rank = {k: i for i, k in enumerate(KIND_ORDER)}

    def entry(c: items.Candidate, weight: float):
        # Equal weights: an own line before a detail capped at it, then the heavier before the cap.
        return (tiers[c.tier], -round(weight, 9), not c.own, -round(raw[id(c)], 9), kind_rank.get(c.kind, len(KIND_ORDER)), c.key())

    # A detail never outweighs the news it details: a line riding on entries weighs at most the
    # lightest own line (event, sources, date_change) of those entries.
    # A detail that repeats the headline of an entry it rides on (most of its words), or is read from
    # the sentence that sums that entry up, says nothing new.
    own: dict[str, float] = {}
    own_day: dict[str, str | None] = {}
    ridden = {h for c in candidates if not c.own for h in c.hosts}
    told: dict[str, set[str]] = {}
    for c in candidates:
        if c.own:
            if c.weight >= own.get(c.hosts[0], 0.0):
                own[c.hosts[0]], own_day[c.hosts[0]] = c.weight, _day(c)
            if c.hosts[0] in ridden:
                told.setdefault(c.hosts[0], set()).update(items.stems(c.headline))
    repeat = settings["strength"]["repeat"]
    raw = {id(c): c.weight for c in candidates}
    for c in candidates:
        caps = [own[h] for h in c.hosts if h in own]
        if c.own or not caps:
            continue
        c.weight = min(c.weight, min(caps))
        words = items.stems(c.headline)
        if not c.news and (c.retells or words and any(len(words & told.get(h, set())) >= repeat["share"] * len(words)
                                                     for h in c.hosts)):
            c.weight *= repeat["factor"]
    heap = [(entry(c, c.weight), i, c.weight) for i, c in enumerate(candidates)]
    heapq.heapify(heap)
    about: dict[tuple[str, bool], int] = {}
    sentences: set[str] = set()
    headlines: set[str] = set()
    days: dict[str, int] = {}
    kinds: dict[str, int] = {}
    taken: dict[str, float] = {}  # an entry's weight when its first own line was taken
    out: list[dict] = []

    def host_now(h: str) -> float:
        # What the entry's own line weighs now (its day's lines taken so far pull it down), or weighed
        # when it was taken: a detail stays below the line it details, after decay too.
        if h in taken:
            return taken[h]
        return own[h] * day_decay ** days.get(own_day[h], 0) if own_day[h] else own[h]
    while heap and len(out) < limit:
        _, i, weight = heapq.heappop(heap)
        c = candidates[i]
        said = " ".join(c.headline.casefold().split())
        if (kinds.get(c.kind, 0) >= per_kind.get(c.kind, limit) or (c.sentence and c.sentence in sentences)
                or said in headlines):
            continue
        # Lazy greedy: a weight only falls as lines about its entry are taken, so a candidate whose
        # weight is still current when it reaches the top is the best one left.
        day = _day(c) if c.own else None
        current = c.weight * decay ** max(about.get((h, c.own), 0) for h in c.hosts) * day_decay ** days.get(day, 0)
        if not c.own and any(h in own for h in c.hosts):
            current = min(current, min(host_now(h) for h in c.hosts if h in own))
        if current < weight:
            heapq.heappush(heap, (entry(c, current), i, current))
            continue
        if day:
            days[day] = days.get(day, 0) + 1
        if c.own:
            taken.setdefault(c.hosts[0], current)
        for h in c.hosts:
            about[(h, True)] = about.get((h, True), 0) + c.own
            about[(h, False)] = about.get((h, False), 0) + 1
        kinds[c.kind] = kinds.get(c.kind, 0) + 1
        if c.sentence:
            sentences.add(c.sentence)
        headlines.add(said)
        out.append({"kind": c.kind, "rank": len(out) + 1, "headline": c.headline, "date": c.date,
                    "refs": list(c.refs), "weight": round(current, 4), "tier": c.tier})
    return out


def _day(c: items.Candidate) -> str | None:
    """The day of an entry's line ("2025-03-18" for 2025-03-18 or 2025-03-18TNI); None for a week,
    month or year, which one more line on them does not crowd."""
    return c.date[:10] if c.date and len(c.date) >= 10 and c.date[4] == "-" and c.date[7] == "-" else None


def since_of_event(conn: sqlite3.Connection, entry_id: str) -> DateValue:
    """The day to compare from for ``--since-event``: the entry's date, or for an undated entry the
    day of its first report. Raises NotFound (CHG001)."""
    row = conn.execute("SELECT json_extract(view, '$.date'), json_extract(view, '$.on_or_before') "
                       "FROM timeline_entries WHERE id = ?", (entry_id,)).fetchone()
    if row is None:
        raise NotFound.of("CHG001", id=entry_id)
    value = DateValue.try_parse(row[0]) or DateValue.try_parse(row[1])
    if value is None:
        first = conn.execute("SELECT MIN(a.published_start) FROM timeline_sources s JOIN articles a "
                             "ON a.id = s.article_id WHERE s.entry_id = ?", (entry_id,)).fetchone()[0]
        value = DateValue.try_parse(first)
    if value is None:
        raise NotFound.of("CHG003", id=entry_id)
    return value


def digest_lines(digest: list[dict]) -> list[str]:
    """Digest rows as plain lines for a "What changed since …" section: ``date: headline`` (an undated
    line says so; it is never put on a day).

    >>> digest_lines([{"kind": "event", "rank": 1, "headline": "Trump and Putin hold a call",
    ...                "date": "2025-05-19", "refs": ["e1"]},
    ...               {"kind": "position", "rank": 2, "headline": "Putin rejects: a full ceasefire",
    ...                "date": None, "refs": ["a-p1"]}])
    ['2025-05-19: Trump and Putin hold a call', 'undated: Putin rejects: a full ceasefire']
    """
    return [f"{d['date'] or 'undated'}: {d['headline']}" for d in digest]


def digest_section(store_or_api, since, *, limit: int | None = 10) -> list[str]:
    """Lines for the brief's "What changed since …" section: the first ``limit`` digest lines since
    ``since`` (a date string or DateValue), read from a Chronicle API object, a Store or a connection."""
    conn = getattr(getattr(store_or_api, "store", store_or_api), "conn", store_or_api)
    day = since if isinstance(since, DateValue) else DateValue.parse(str(since))
    return digest_lines(digest_since(conn, day, limit=limit))
