"""Build the stored timeline: merge every article's events, place them in sections, weigh them,
headline them, and store the entries.

Rebuilt in full after each ingest (``Chronicle._after_ingest``): merging is order-free
and fast enough (seconds on the 4,650 Timeline17 articles) that a full rebuild keeps the
timeline exactly what a fresh store would give, with no drift from incremental updates.
"""
from __future__ import annotations

import datetime as dt
import math
import time
from collections import Counter, defaultdict
from collections.abc import Sequence

from chronicle.timeline.events import EventMention, TimelineEntry, generic_types, merge_events, type_kind
from chronicle.timeline.headlines import (encounter_line, in_first_person, names_encounter, reports_event, undatelined,
                                         write_headline)
from chronicle.timeline.importance import EntryWeights, default_weights, entry_importance, tokenize
from chronicle.timeline.sections import assign_sections

_UNREALISED = frozenset({"planned", "proposed"})


def date_score_of(entry: TimelineEntry, scores: dict[dt.date, float]) -> float:
    """How much the entry's date is referred to across articles (tls's DATEWISE day scores).

    A coarse entry (a week, a month) takes the best day score inside it, divided by its days: it
    tells none of them, and the peak day's weight ("last week's earthquake" in a week that holds the
    quake) belongs to the entry of that day, not to every line that names the week.
    An undated entry has no date to be referred to.
    """
    if entry.undated:
        return 0.0
    if entry.date.start == entry.date.end:
        return scores.get(entry.date.start, 0.0)
    best, day = 0.0, entry.date.start
    span = (entry.date.end - entry.date.start).days
    if span > 62:
        return 0.0
    while day <= entry.date.end:
        best = max(best, scores.get(day, 0.0))
        day += dt.timedelta(days=1)
    return best / (span + 1)


def retold_by(entry: TimelineEntry) -> int:
    """Independent sources published after the event that still report it (later articles recalling it)."""
    return len({m.group for m in entry.sources if m.published is not None and m.published.start > entry.date.end})


def rank_entries(entries: Sequence[TimelineEntry], scores: dict[dt.date, float],
                 weights: EntryWeights | None = None, *, stories: dict[str, str | None] | None = None) -> None:
    """Set ``importance`` on each entry: independent sources, the weight of its date, how often later
    articles retell it, and its centrality to the pile (cosine of its summary with the pile's TF-IDF
    centroid), times the weight of its type (``data/timeline/importance.toml`` [entries]), and times
    ``off_story`` when none of its sentences says a word of its story (:func:`off_story`).
    ``stories``: article id -> story id (absent or None: the pile is one story)."""
    w = weights or default_weights().entries
    central = _centrality([e.summary.text for e in entries]) if w.centrality else [0.0] * len(entries)
    aside = off_story(entries, stories or {}, w.story_share) if w.off_story != 1.0 else frozenset()
    for e, c in zip(entries, central):
        day, coarse = date_score_of(e, scores), not e.undated and e.date.start != e.date.end
        e.importance = entry_importance(e.independent_sources, day, w, type=e.type,
                                        retold=retold_by(e) if w.retold else 0, centrality=c, coarse=coarse)
        e.day_weight = e.importance - entry_importance(e.independent_sources, 0.0, w, type=e.type,
                                                       retold=retold_by(e) if w.retold else 0, centrality=c,
                                                       coarse=coarse)
        if e.id in aside:
            e.importance *= w.off_story
            e.day_weight *= w.off_story


def off_story(entries: Sequence[TimelineEntry], stories: dict[str, str | None], share: float,
              least: int = 10) -> frozenset[str]:
    """The ids of the entries none of whose sentences holds a word of its article's story: a content
    word (:func:`tokenize`) in at least ``share`` of that story's articles ("egypt", "mubarak",
    "protesters" in a pile on Egypt's uprising). A page's stray line ("Police say father of missing
    Swiss twins sent letter to his wife", "Nine companies are purchasing spots for the big game") or
    one that needs its article to be understood ("He was defiant even until the end") says none.
    A story of fewer than ``least`` articles is read against the whole pile's words."""
    words: dict[tuple[str, int], frozenset[str]] = {}
    articles: dict[str | None, set[str]] = defaultdict(set)
    seen: dict[str | None, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for e in entries:
        for m in e.sources:
            story = stories.get(m.article_id)
            words[m.key] = frozenset(tokenize(m.text))
            articles[story].add(m.article_id)
            for word in words[m.key]:
                seen[story][word].add(m.article_id)
    everyone = {a for members in articles.values() for a in members}
    pile: dict[str, set[str]] = defaultdict(set)
    for story_seen in seen.values():
        for word, arts in story_seen.items():
            pile[word] |= arts
    pile_keys = frozenset(word for word, arts in pile.items() if len(arts) >= share * len(everyone))
    # A story of a few articles has no words of its own to speak of (every word of a lone article
    # would be one): it is read against the pile's.
    keys = {story: frozenset(word for word, arts in seen[story].items() if len(arts) >= share * len(members))
            if len(members) >= least else pile_keys for story, members in articles.items()}
    return frozenset(e.id for e in entries
                     if not any(words[m.key] & keys[stories.get(m.article_id)] for m in e.sources))


def _centrality(texts: list[str]) -> list[float]:
    """Cosine of each text's TF-IDF vector with the TF-IDF centroid of all of them (each text tokenised once)."""
    bags = [Counter(tokenize(t)) for t in texts]
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    n = len(bags)
    idf = {w: math.log((1 + n) / (1 + c)) + 1.0 for w, c in df.items()}
    centroid: dict[str, float] = defaultdict(float)
    vectors = []
    for bag in bags:
        vec = {w: c * idf[w] for w, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vec = {w: v / norm for w, v in vec.items()}
        vectors.append(vec)
        for w, v in bag.items():
            centroid[w] += v * idf[w]
    norm = math.sqrt(sum(v * v for v in centroid.values())) or 1.0
    return [sum(v * centroid.get(w, 0.0) for w, v in vec.items()) / norm for vec in vectors]


def headline_of(entry: TimelineEntry, kinds: dict[str, str] | None = None) -> str:
    """The entry's headline from its sources' candidates (when the event stage writes them) and its
    summary, preferring the sources that report the happening itself over reactions to it. An
    encounter that happened between two parties none of whose candidates names it ("Trump and Putin
    cover range of topics") is headlined by what it was (``encounter_line``; ``kinds`` maps actor
    names to their entity types)."""
    line = _candidate_headline(entry)
    if kinds and entry.modality == "happened" and not entry.negated and not names_encounter(line):
        parties = _parties(entry)
        line = encounter_line(entry.type, parties, kinds) or line
    return line


def _parties(entry: TimelineEntry) -> list[str]:
    """The entry's participants, most often tied to its trigger first (ties: the entry's actor order)."""
    counts = Counter(p for m in entry.sources for p in m.participants)
    order = {a: i for i, a in enumerate(entry.actors)}
    return sorted(counts, key=lambda p: (-counts[p], order.get(p, len(order)), p))


def _candidate_headline(entry: TimelineEntry) -> str:
    sources = [m for m in entry.sources if m.headline]
    reported = [m for m in sources if not in_first_person(m.text) and not in_first_person(m.headline or "")]
    if reported:
        sources = reported  # a reader's comment or a host's aside does not headline the event
    if not entry.undated:
        dating = [m for m in sources if m.date is not None
                  and entry.date.start <= m.date.start and m.date.end <= entry.date.end]
        if dating:
            sources = dating  # what happened on the entry's day, not what undated lines joined it for
    realised = [m for m in sources if m.modality not in _UNREALISED]
    if entry.modality == "happened" and realised:
        sources = realised  # the call that happened is not headlined by its preview ("set to engage")
    direct = [reports_event(m, entry.type, kind=type_kind, generic=generic_types()) for m in sources]
    return write_headline([undatelined(m.headline, m.text) for m in sources], entry.summary.text, type=entry.type, actors=entry.actors,
                          negated=entry.negated, direct=direct, happened=entry.modality == "happened")


def build_timeline(store, *, timings: dict | None = None, then=None) -> list[TimelineEntry]:
    """Merge the store's events into entries, section, score and headline them, and replace the
    stored timeline. ``then(conn)``, when given, runs in the same transaction once the timeline is
    written (the write path indexes the digest there, so the index is never older than the
    timeline). ``timings``, when given, receives the seconds each step took."""
    from chronicle.store.articles import off_topic_articles
    from chronicle.store.timeline import (article_stories, entity_kinds, iter_event_rows, pile_publications,
                                          replace_timeline)
    from chronicle.timeline.dated import store_date_scores

    clock = time.perf_counter()
    laps = {}

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        laps[name] = now - clock
        clock = now

    off_topic = off_topic_articles(store.conn)  # kept in the store, out of the storyline (link/topic.py)
    mentions = [EventMention(**row) for row in iter_event_rows(store.conn) if row["article_id"] not in off_topic]
    lap("read")
    entries = merge_events(mentions)
    lap("merge")
    published, sources = pile_publications(store.conn)
    assign_sections(entries, published, sources=sources)
    lap("sections")
    scores = store_date_scores(store) if entries else {}
    rank_entries(entries, scores, stories=article_stories(store.conn))
    kinds = entity_kinds(store.conn)
    for e in entries:
        e.headline = headline_of(e, kinds)
    lap("rank")
    with store.transaction():
        replace_timeline(store.conn, entries)
        lap("store")
        if then is not None:
            then(store.conn)
            lap("then")
    if timings is not None:
        timings.update(laps)
    return entries

