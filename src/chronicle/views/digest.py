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
from dataclasses import replace
from functools import lru_cache
from importlib import resources

from chronicle.dates import DateValue
from chronicle.errors import NotFound
from chronicle.views import digest_items as items

FIRST_BATCH = 64  # index rows weighed in the first round at least (then twice as many each round)


def ROUND_BATCH(limit: int) -> int:  # noqa: N802 (a setting, patched by the tests)
    """Index rows weighed in the first round for a digest of ``limit`` lines."""
    return 8 * limit


KIND_ORDER = ("event", "sources", "date_change", "position", "claim", "quote", "actor")


@lru_cache(maxsize=1)
def default_settings() -> dict:
    """The weights and limits shipped in ``chronicle/data/digest/digest.toml``."""
    text = resources.files("chronicle.data").joinpath("digest/digest.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def digest_since(conn: sqlite3.Connection, since: DateValue, *, limit: int | None = None,
                 settings: dict | None = None, exhaustive: bool = False) -> list[dict]:
    """The ranked digest of what articles published after ``since`` changed (the module docstring).

    Lines are weighed from the digest's index (views/digest_index.py), read in order of their weight
    bound a batch at a time: once the last line kept weighs more than the next bound, no line left
    can enter the digest (a weight only falls in the ranking), so the rest is never read. A store
    whose index is missing or stale, or other ``settings`` than the shipped ones, is indexed for the
    new articles there and then: the same lines, slower. ``exhaustive`` weighs every row (what the
    stop must not change; tests/views/test_digest.py)."""
    shipped = default_settings()
    settings = settings or shipped
    limit = settings["limits"]["lines"] if limit is None else limit
    cutoff = since.end.isoformat()
    fresh = conn.execute("SELECT COUNT(*) FROM articles WHERE published_start > ?", (cutoff,)).fetchone()[0]
    if not fresh:
        return []
    index = items.IndexReader.open(conn, settings, cutoff, stored=settings == shipped)
    weigh = items.Weigher(conn, since, settings, fresh)
    streams = [_Peek(index.entry_stream()), _Peek(index.detail_stream())]
    candidates: list[items.Candidate] = weigh.actors()
    seen_entries: set[str] = set()
    figures: dict[str, items.Candidate] = {}  # one line per figure (or dispute)
    batch = max(FIRST_BATCH, ROUND_BATCH(limit))
    while True:
        entries, details = [], []
        while len(entries) + len(details) < batch and any(s.head is not None for s in streams):
            # the heavier bound of the two streams' next rows (an entry first on a tie)
            which = max((0, 1), key=lambda k: (streams[k].head[0], -k) if streams[k].head is not None else (float("-inf"), 0))
            (entries if which == 0 else details).append(streams[which].take()[1])
        hosts: set[str] = set(entries)
        for row in index.details(details):
            if row["figure"] is not None:
                if row["figure_first"] <= cutoff:
                    continue  # an older article gave that figure: not new
                if row["figure"] in figures:
                    continue
                # The line stands for all the new articles' claims of the figure, weighed as the
                # first of them (in the claims' order) gives it, whichever is read first here.
                row = index.first_of_figure(row["figure"])
            line = weigh.detail(row)
            if row["figure"] is not None:
                figures[row["figure"]] = line
            candidates.append(line)
            hosts.update(line.hosts)
        # A detail is capped at its entries' own lines: those are weighed with it.
        todo = sorted(hosts - seen_entries)
        seen_entries.update(todo)
        candidates += weigh.entries([r for r in index.entries(todo) if r["last_pub"] > cutoff])
        lines = rank_candidates([replace(c, refs=list(c.refs)) for c in candidates], settings, limit=limit)
        bounds = [s.head[0] for s in streams if s.head is not None]
        if not bounds:
            break
        # Weights are rounded to 4 places in a line: a margin keeps the stop exact.
        if (not exhaustive and len(lines) >= limit and all(x["tier"] == items.STORY for x in lines)
                and min(x["weight"] for x in lines) - 1e-4 > max(bounds)):
            break
        batch *= 2
    claim_keys = {c.refs[0]: key for key, c in figures.items()}
    taken = {claim_keys[x["refs"][0]]: x for x in lines if x["kind"] == "claim" and x["refs"][0] in claim_keys}
    for key, refs in index.figure_refs(sorted(taken)).items():
        taken[key]["refs"] = refs  # every new article's claim of the figure, as the line stands for them all
    return lines


class _Peek:
    """An iterator whose next item can be looked at (``head``, None at the end)."""

    def __init__(self, it):
        self._it = it
        self.head = next(it, None)

    def take(self):
        item, self.head = self.head, next(self._it, None)
        return item


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
