"""Cross-document event merging: event mentions from many articles become timeline entries.

Two mentions are the same real-world event when their types are compatible, their dates
are compatible (granularity-aware intervals: "2025-03" contains "2025-03-18"), and their
sentences and actors are similar enough (TF-IDF cosine over the sentence words, Jaccard
over the actors). Mentions are visited in a fixed order of evidence (dated by an attached
time expression first, finest granularity first), so the result never depends on the
order the articles arrived in.

A mention dated only by its article's publication date is "soft": it happened on or
before that day, so it may join an entry up to SOFT_LOOKBACK days earlier, with a stricter
similarity. Mentions with no date at all are left out of the timeline.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from chronicle.dates import DateValue, Granularity

SOFT_LOOKBACK = 31  # days before publication a past-tense report may describe
DAY_SLACK = 1  # a day-level date one day off may join, with a stricter threshold, and is flagged
THRESHOLD = {"exact": 0.15, "contained": 0.25, "slack": 0.45, "soft": 0.32}
TEXT_WEIGHT, ACTOR_WEIGHT = 0.5, 0.4
NEUTRAL_ACTORS = 0.35  # actor similarity assumed when one side names no actor
SAME_ARTICLE = 0.1  # an article rarely reports two events of one type on one date
COMPATIBLE = {"call": "encounter", "talks": "encounter"}  # types that may name one event
_EVIDENCE = {"attached": 0, "sentence": 1, "published": 2}
_WORD = re.compile(r"[a-z][a-z'-]+")
_STOP = frozenset(
    "a an the and or but of to in on at for with by from as is are was were be been being has have had "
    "that this these those it its his her their they he she we you i not no will would could should can "
    "may might than then there which who whom what when where while also after before over under into "
    "about said says say told according more most such some any all both each other".split()
)


@dataclass(frozen=True, slots=True)
class EventMention:
    """One stored event with its article's provenance (a row of ``events`` joined to ``articles``)."""

    article_id: str
    idx: int
    start_char: int
    end_char: int
    text: str
    type: str
    date: str | None
    date_source: str | None
    date_explain: str | None
    actors: tuple[str, ...]
    modality: str
    negated: bool = False
    place: str | None = None
    published: str | None = None
    outlet: str | None = None
    root: str | None = None  # the article this one copies (duplicate_of), else its own id
    participants: tuple[str, ...] = ()  # actors tied to the trigger (subject, partner): see extract.events

    @property
    def key(self) -> tuple[str, int]:
        return (self.article_id, self.idx)

    @property
    def group(self) -> str:
        return self.root or self.article_id


@dataclass
class TimelineEntry:
    id: str
    date: DateValue
    date_explain: str
    date_conflict: bool
    dates: list[dict]
    type: str
    modality: str
    negated: bool
    summary: EventMention
    actors: list[str]
    place: str | None
    sources: list[EventMention]
    importance: float = 0.0

    @property
    def source_count(self) -> int:
        return len({m.article_id for m in self.sources})

    @property
    def independent_sources(self) -> int:
        return len({m.group for m in self.sources})


@dataclass
class _Cluster:
    kind: str
    interval: tuple[dt.date, dt.date]
    hard: bool
    members: list[EventMention] = field(default_factory=list)
    vector: dict[str, float] = field(default_factory=dict)
    actors: Counter = field(default_factory=Counter)
    participants: Counter = field(default_factory=Counter)
    articles: set = field(default_factory=set)
    with_actors: int = 0  # members naming any actor, and any participant: the weights' denominators
    with_participants: int = 0


def _interval(m: EventMention) -> tuple[DateValue, tuple[dt.date, dt.date]] | None:
    value = DateValue.try_parse(m.date)
    if value is None:
        return None
    if m.date_source == "published":
        return value, (value.start - dt.timedelta(days=SOFT_LOOKBACK), value.end)
    return value, (value.start, value.end)


def _tokens(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2]


def _tfidf(mentions: list[EventMention]) -> dict[tuple[str, int], dict[str, float]]:
    docs = {m.key: Counter(_tokens(m.text)) for m in mentions}
    df = Counter(w for c in docs.values() for w in c)
    n = max(len(docs), 1)
    out = {}
    for key, counts in docs.items():
        vec = {w: (1 + math.log(c)) * (math.log((1 + n) / (1 + df[w])) + 1.0) for w, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out[key] = {w: v / norm for w, v in vec.items()}
    return out


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(w, 0.0) for w, v in a.items())
    nb = math.sqrt(sum(v * v for v in b.values())) or 1.0
    return dot / nb


def _actor_key(name: str) -> str:
    """Compare people by surname, so "Trump" in one article meets "Donald Trump" in another."""
    words = name.lower().replace("’", "'").split()
    return words[-1] if words else ""


def _actor_sim(actors: tuple[str, ...], counter: Counter, size: int) -> float | None:
    """Weighted Jaccard between the mention's actors and how often the cluster's members name each."""
    if not actors or not counter:
        return None
    mine = {_actor_key(a) for a in actors}
    weights: dict[str, float] = defaultdict(float)
    for a, n in counter.items():
        weights[_actor_key(a)] += n / size
    keys = mine | set(weights)
    low = sum(min(1.0, weights.get(k, 0.0)) for k in mine)
    high = sum(max(1.0 if k in mine else 0.0, min(1.0, weights.get(k, 0.0))) for k in keys)
    return low / high if high else 0.0


def _containment(participants: tuple[str, ...], counter: Counter) -> float:
    mine = {_actor_key(a) for a in participants}
    return len(mine & {_actor_key(a) for a in counter}) / len(mine)


def _conflicting(participants: tuple[str, ...], counter: Counter) -> bool:
    """Both sides name two or more participants, and each names one the other does not."""
    mine, theirs = {_actor_key(a) for a in participants}, {_actor_key(a) for a in counter}
    return len(mine) >= 2 and len(theirs) >= 2 and bool(mine - theirs) and bool(theirs - mine)


def _order_key(m: EventMention):
    value = DateValue.try_parse(m.date)
    grain = list(Granularity).index(value.granularity) if value else 99
    return (_EVIDENCE.get(m.date_source or "", 3), grain, value.start if value else dt.date.max, m.article_id, m.idx)


def merge_events(mentions: Iterable[EventMention]) -> list[TimelineEntry]:
    """Merge event mentions from all articles into timeline entries, ordered by date.

    >>> entries = merge_events(mentions)
    >>> entries[0].date.value, entries[0].independent_sources
    """
    dated = sorted((m for m in mentions if _interval(m) is not None), key=_order_key)
    present = {m.article_id for m in dated}
    # A syndicated copy adds no evidence: its mentions follow the original's, and never
    # change how the originals cluster (nor the TF-IDF weights).
    originals = [m for m in dated if m.group == m.article_id or m.group not in present]
    copies = [m for m in dated if not (m.group == m.article_id or m.group not in present)]
    vectors = _tfidf(originals)
    clusters = _cluster(originals, vectors)
    home = {m.key: c for c in clusters for m in c.members}
    by_article: dict[str, list[EventMention]] = defaultdict(list)
    for m in originals:
        by_article[m.article_id].append(m)
    for m in copies:
        twin = _twin(m, by_article.get(m.group, ()))
        vectors[m.key] = _tfidf([m])[m.key] if twin is None else vectors[twin.key]
        if twin is not None:
            home[twin.key].members.append(m)
        else:  # edited beyond recognition: an entry of its own, still counted under its original
            clusters.append(_Cluster(COMPATIBLE.get(m.type, m.type), _interval(m)[1], m.date_source != "published",
                                     [m], dict(vectors[m.key]), Counter(m.actors), Counter(m.participants)))
    entries = [_entry(c, vectors) for c in clusters]
    entries.sort(key=lambda e: (e.date.start, e.date.end, e.id))
    return entries


def _cluster(dated: list[EventMention], vectors) -> list[_Cluster]:
    """Greedy clustering in evidence order (see module docstring)."""
    clusters: list[_Cluster] = []
    index: dict[tuple[str, int], list[int]] = defaultdict(list)  # (kind, month number) -> clusters
    for m in dated:
        value, (start, end) = _interval(m)
        kind = COMPATIBLE.get(m.type, m.type)
        soft = m.date_source == "published"
        vec = vectors[m.key]
        best, best_score = None, 0.0
        for ci in _candidates(index, kind, start, end):
            c = clusters[ci]
            relation = _relation(value, start, end, soft, c)
            if relation is None:
                continue
            # Participants (who called whom) tell events apart better than everyone named nearby.
            if _conflicting(m.participants, c.participants):
                continue  # a call between A and B is not a call between A and C
            actor = _actor_sim(m.participants, c.participants, c.with_participants)
            if actor is not None and relation == "soft":
                # An undated past report ("Trump's earlier call with Putin") names part of the
                # event's participants; with conflicts excluded above, containment is the test.
                actor = _containment(m.participants, c.participants)
            if actor is None:
                actor = _actor_sim(m.actors, c.actors, c.with_actors)
            score = TEXT_WEIGHT * _cosine(vec, c.vector) + ACTOR_WEIGHT * (NEUTRAL_ACTORS if actor is None else actor)
            if m.article_id in c.articles and relation == "exact":
                score += SAME_ARTICLE
            if score >= THRESHOLD[relation] and score > best_score:
                best, best_score = ci, score
        if best is None:
            clusters.append(_Cluster(kind, (start, end), not soft))
            best = len(clusters) - 1
            for month in _months(start, end):
                index[(kind, month)].append(best)
        c = clusters[best]
        c.members.append(m)
        for w, v in vec.items():
            c.vector[w] = c.vector.get(w, 0.0) + v
        c.actors.update(m.actors)
        c.participants.update(m.participants)
        c.with_actors += bool(m.actors)
        c.with_participants += bool(m.participants)
        c.articles.add(m.article_id)
    return clusters


def _twin(m: EventMention, candidates) -> EventMention | None:
    """The original's mention a copy's mention reproduces: same type, most shared words (half at least)."""
    words = set(_tokens(m.text))
    best, best_score = None, 0.5
    for o in candidates:
        if o.type != m.type:
            continue
        other = set(_tokens(o.text))
        score = len(words & other) / max(len(words | other), 1)
        if score >= best_score:
            best, best_score = o, score
    return best


def _months(start: dt.date, end: dt.date) -> range:
    first, last = start.year * 12 + start.month, end.year * 12 + end.month
    if last - first > 24:  # a year-or-coarser interval is indexed by its first month only
        last = first
    return range(first, last + 1)


def _candidates(index, kind: str, start: dt.date, end: dt.date) -> list[int]:
    found: set[int] = set()
    for month in _months(start, end):
        found.update(index.get((kind, month), ()))
    return sorted(found)


def _relation(value: DateValue, start: dt.date, end: dt.date, soft: bool, c: _Cluster) -> str | None:
    """How the mention's date relates to the cluster's: exact, contained, slack, soft, or None."""
    c_start, c_end = c.interval
    if soft or not c.hard:
        return "soft" if start <= c_end and c_start <= end else None
    if (start, end) == (c_start, c_end):
        return "exact"
    if (start <= c_start and c_end <= end) or (c_start <= start and end <= c_end):
        return "contained"
    if value.granularity in (Granularity.DAY, Granularity.TIME) and c_end - c_start == dt.timedelta(0):
        if abs((start - c_start).days) <= DAY_SLACK:
            return "slack"
    return None


def _entry(c: _Cluster, vectors) -> TimelineEntry:
    members = sorted(c.members, key=lambda m: (m.article_id, m.idx))
    own = [m for m in members if m.group == m.article_id] or members  # copies never move a date
    date, explain, conflict, dates = _choose_date(own)
    types = Counter(m.type for m in members)
    etype = max(types, key=lambda t: (types[t], t == "call", t))
    modalities = Counter(m.modality for m in members)
    modality = "happened" if modalities["happened"] else max(modalities, key=lambda k: (modalities[k], k))
    summary = _summary(own, vectors, c.vector)
    # Participants first (who called whom), then everyone else the sources name.
    weight = Counter({a: n + 2 * c.participants[a] for a, n in c.actors.items()})
    weight.update({a: 2 * n for a, n in c.participants.items() if a not in c.actors})
    actors = [a for a, _ in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))][:6]
    places = Counter(m.place for m in members if m.place)
    first = min(own, key=lambda m: (m.article_id, m.idx))
    ident = hashlib.sha1(f"{first.article_id}:{first.idx}".encode()).hexdigest()[:16]
    return TimelineEntry(
        id=ident, date=date, date_explain=explain, date_conflict=conflict, dates=dates, type=etype,
        modality=modality, negated=summary.negated, summary=summary, actors=actors,
        place=max(places, key=lambda p: (places[p], p)) if places else None, sources=members,
    )


def _choose_date(members: list[EventMention]) -> tuple[DateValue, str, bool, list[dict]]:
    """The entry's date: the finest well-evidenced value; every distinct day-level value is kept."""
    by_value: dict[str, list[EventMention]] = defaultdict(list)
    for m in members:
        by_value[m.date].append(m)
    ranked = sorted(
        by_value.items(),
        key=lambda kv: (
            min(_EVIDENCE.get(m.date_source or "", 3) for m in kv[1]) >= 2,  # hard before soft
            list(Granularity).index(DateValue.parse(kv[0]).granularity),
            -len({m.group for m in kv[1]}),
            kv[0],
        ),
    )
    best_value, best_members = ranked[0]
    date = DateValue.parse(best_value)
    if date.granularity == Granularity.TIME:  # the timeline's finest grain is the day
        date = DateValue.of_day(date.start)
    hard = [(v, ms) for v, ms in ranked if min(_EVIDENCE.get(m.date_source or "", 3) for m in ms) < 2]
    days = {DateValue.parse(v).start for v, ms in hard
            if DateValue.parse(v).granularity in (Granularity.DAY, Granularity.TIME)}
    conflict = len(days) > 1
    dates = [{"date": v, "sources": sorted({m.article_id for m in ms})} for v, ms in ranked]
    explain = best_members[0].date_explain or f"dated {best_value}"
    if conflict:
        explain += "; sources disagree: " + ", ".join(sorted(d.isoformat() for d in days))
    return date, explain, conflict, dates


def _summary(members: list[EventMention], vectors, centroid: dict[str, float]) -> EventMention:
    """The most central sentence, nudged toward dated, named, mid-length ones."""
    def score(m: EventMention) -> float:
        words = len(m.text.split())
        length = 1.0 if 10 <= words <= 40 else 0.6
        evidence = {"attached": 0.15, "sentence": 0.05}.get(m.date_source or "", -0.1)
        said = 0.05 if m.modality == "happened" else 0.0
        named = 0.05 * min(len(m.participants), 2) + 0.02 * min(len(m.actors), 3)
        return _cosine(vectors[m.key], centroid) * length + evidence + said + named
    return max(members, key=lambda m: (score(m), -len(m.text), m.article_id, -m.idx))
