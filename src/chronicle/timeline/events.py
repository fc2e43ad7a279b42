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

import dataclasses
import datetime as dt
import functools
import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from chronicle.dates import DateValue, Granularity

SOFT_LOOKBACK = 31  # days before publication a past-tense report may describe
DAY_SLACK = 1  # a day-level date one day off may join, with a stricter threshold, and is flagged
THRESHOLD = {"exact": 0.15, "contained": 0.25, "slack": 0.45, "soft": 0.32, "undated": 0.5, "soft_encounter": 0.2}
TEXT_WEIGHT, ACTOR_WEIGHT = 0.5, 0.4
NEUTRAL_ACTORS = 0.35  # actor similarity assumed when one side names no actor
SAME_ARTICLE = 0.1  # an article rarely reports two events of one type on one date
COMPATIBLE = {"call": "encounter", "talks": "encounter"}  # types that may name one event
_ONE_A_DAY = ("encounter", "meeting")  # kinds rarely repeated by the same parties on one day
_EVIDENCE = {"attached": 0, "sentence": 1, "antecedent": 1, "published": 2, "undated": 2}
_SOFT = ("published", "undated")  # on or before the article's publication
_GRAINS = list(Granularity)
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
    actors: dict[str, int] = field(default_factory=dict)  # plain dicts: Counter() costs dominated
    participants: dict[str, int] = field(default_factory=dict)
    articles: set = field(default_factory=set)
    with_actors: int = 0  # members naming any actor, and any participant: the weights' denominators
    with_participants: int = 0
    actor_keys: dict[str, int] = field(default_factory=dict)  # surnames, for scoring
    participant_keys: dict[str, int] = field(default_factory=dict)
    norm: float = 0.0  # of ``vector``, kept up to date as members join

    def add(self, m: EventMention, vec: dict[str, float]) -> None:
        self.members.append(m)
        norm2 = self.norm * self.norm
        for w, v in vec.items():
            old = self.vector.get(w, 0.0)
            norm2 += 2 * old * v + v * v
            self.vector[w] = old + v
        self.norm = math.sqrt(max(norm2, 0.0))
        for counts, names in ((self.actors, m.actors), (self.participants, m.participants),
                              (self.actor_keys, _keys(m.actors)), (self.participant_keys, _keys(m.participants))):
            for name in names:
                counts[name] = counts.get(name, 0) + 1
        self.with_actors += bool(m.actors)
        self.with_participants += bool(m.participants)
        self.articles.add(m.article_id)


@functools.lru_cache(maxsize=65536)
def _parse(value: str | None) -> DateValue | None:
    return DateValue.try_parse(value)


def _interval(m: EventMention) -> tuple[DateValue, tuple[dt.date, dt.date]] | None:
    value = _parse(m.date)
    if value is None:
        return None
    if m.date_source in _SOFT:
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


def _cosine(a: dict[str, float], b: dict[str, float], norm_b: float | None = None) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(w, 0.0) for w, v in a.items())
    if norm_b is None:
        norm_b = math.sqrt(sum(v * v for v in b.values()))
    return dot / (norm_b or 1.0)


@functools.lru_cache(maxsize=65536)
def _actor_key(name: str) -> str:
    """Compare people by surname, so "Trump" in one article meets "Donald Trump" in another."""
    words = name.lower().replace("’", "'").split()
    return words[-1] if words else ""


def _keys(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(_actor_key(a) for a in names)


def _actor_sim(mine: frozenset[str], counts: dict[str, int], size: int) -> float | None:
    """Weighted Jaccard between the mention's actor keys and how often the cluster's members name each."""
    if not mine or not counts:
        return None
    low = sum(min(1.0, counts.get(k, 0) / size) for k in mine)
    high = len(mine) + sum(min(1.0, n / size) for k, n in counts.items() if k not in mine)
    return low / high if high else 0.0


def _containment(mine: frozenset[str], counts: dict[str, int]) -> float:
    return sum(1 for k in mine if k in counts) / len(mine)


def _conflicting(mine: frozenset[str], counts: dict[str, int]) -> bool:
    """Both sides name two or more participants, and each names one the other does not."""
    return len(mine) >= 2 and len(counts) >= 2 and any(k not in counts for k in mine) and any(
        k not in mine for k in counts)


def _order_key(m: EventMention):
    value = _parse(m.date)
    grain = _GRAINS.index(value.granularity) if value else 99
    return (_EVIDENCE.get(m.date_source or "", 3), grain, value.start if value else dt.date.max, m.article_id, m.idx)


def merge_events(mentions: Iterable[EventMention], *, thresholds: dict[str, float] | None = None,
                 vectorize=None) -> list[TimelineEntry]:
    """Merge event mentions from all articles into timeline entries, ordered by date.

    ``thresholds`` overrides :data:`THRESHOLD` per date relation (benchmarks without dates);
    ``vectorize(mentions) -> {mention.key: {feature: weight}}`` replaces the TF-IDF sentence
    vectors (bench/events compares sentence embeddings this way).

    Two outlets report one call, and a third reprints the first (``root``):

    >>> call = dict(type="call", date="2025-03-18", date_source="attached", date_explain=None, modality="asserted")
    >>> a = EventMention("a1", 0, 0, 42, "Trump and Putin spoke by phone on Tuesday.",
    ...                  actors=("Donald Trump", "Vladimir Putin"), **call)
    >>> b = EventMention("b2", 3, 120, 165, "Putin and Trump held a phone call on Tuesday.",
    ...                  actors=("Vladimir Putin", "Donald Trump"), **call)
    >>> copy = EventMention("c3", 0, 0, 42, a.text, actors=a.actors, root="a1", **call)
    >>> [(e.date.value, len(e.sources), e.independent_sources) for e in merge_events([copy, b, a])]
    [('2025-03-18', 3, 2)]
    """
    # events v3: a past report with no date ("undated") happened on or before its article, as
    # publication-dated mentions did before; background reports stay off the dated timeline.
    mentions = [dataclasses.replace(m, date=m.published)
                if m.date is None and m.date_source == "undated" and m.published else m for m in mentions]
    dated = sorted((m for m in mentions if _interval(m) is not None), key=_order_key)
    present = {m.article_id for m in dated}
    # A syndicated copy adds no evidence: its mentions follow the original's, and never
    # change how the originals cluster (nor the TF-IDF weights).
    originals = [m for m in dated if m.group == m.article_id or m.group not in present]
    copies = [m for m in dated if not (m.group == m.article_id or m.group not in present)]
    vectors = (vectorize or _tfidf)(originals)
    clusters = _cluster(originals, vectors, {**THRESHOLD, **(thresholds or {})})
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
            lone = _Cluster(COMPATIBLE.get(m.type, m.type), _interval(m)[1], m.date_source not in _SOFT)
            lone.add(m, vectors[m.key])
            clusters.append(lone)
    entries = [_entry(c, vectors) for c in clusters]
    entries.sort(key=lambda e: (e.date.start, e.date.end, e.id))
    return entries


def _cluster(dated: list[EventMention], vectors, thresholds: dict[str, float]) -> list[_Cluster]:
    """Greedy clustering in evidence order (see module docstring)."""
    clusters: list[_Cluster] = []
    # (kind, feature, month number) -> clusters. Features are actor surnames and the top words
    # of each member: a cluster sharing neither could not reach a threshold (see _features).
    index: dict[tuple[str, str, int], set[int]] = defaultdict(set)
    for m in dated:
        value, (start, end) = _interval(m)
        kind = COMPATIBLE.get(m.type, m.type)
        soft = m.date_source in _SOFT
        vec = vectors[m.key]
        features = _features(m, vec)
        if (_NOBODY in features or kind in _ONE_A_DAY) and not soft and start == end:
            features.add("#" + start.isoformat())  # meets its day's entries, whoever it names
        m_actors, m_parts = _keys(m.actors), _keys(m.participants)
        months = _months(start, end)
        best, best_score = None, 0.0
        for ci in _candidates(index, kind, features, months):
            c = clusters[ci]
            relation = _relation(value, start, end, soft, c)
            if relation is None:
                continue
            # Participants (who called whom) tell events apart better than everyone named nearby.
            if _conflicting(m_parts, c.participant_keys):
                continue  # a call between A and B is not a call between A and C
            actor = _actor_sim(m_parts, c.participant_keys, c.with_participants)
            if actor is not None and relation == "soft":
                # An undated past report ("Trump's earlier call with Putin") names part of the
                # event's participants; with conflicts excluded above, containment is the test.
                actor = _containment(m_parts, c.participant_keys)
            if actor is None:
                actor = _actor_sim(m_actors, c.actor_keys, c.with_actors)
                if kind in _ONE_A_DAY and (m_parts or c.participant_keys) and actor is not None:
                    # Only one side knows who took part: bystanders named in the other sentence
                    # ("Holt described Monday's call") prove nothing against it.
                    actor = max(actor, NEUTRAL_ACTORS)
            score = TEXT_WEIGHT * _cosine(vec, c.vector, c.norm) + ACTOR_WEIGHT * (
                NEUTRAL_ACTORS if actor is None else actor)
            if m.article_id in c.articles and relation == "exact":
                score += SAME_ARTICLE
            if relation == "soft" and kind in _ONE_A_DAY and not (m_parts | m_actors).isdisjoint(c.participant_keys):
                # "the call", reported without a date and naming one of the parties: the dated
                # call of the weeks before it, with no conflicting party, is what it refers to.
                relation = "soft_encounter"
            if score >= thresholds[relation] and score > best_score:
                best, best_score = ci, score
        if best is None:
            clusters.append(_Cluster(kind, (start, end), not soft))
            best = len(clusters) - 1
        c = clusters[best]
        if c.hard and c.interval[0] == c.interval[1]:
            features.add("#" + c.interval[0].isoformat())
        for f in features:
            for month in _months(*c.interval):
                index[(kind, f, month)].add(best)
        c.add(m, vec)
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


TOP_WORDS = 6
_NOBODY = "\x00nobody"  # the feature of a mention that names no actor


def _features(m: EventMention, vec: dict[str, float]) -> set[str]:
    """Blocking keys: actor surnames and the mention's highest-weighted words.

    Without a shared actor the actor term is 0, so a match needs a high cosine, which needs
    shared heavy words; without any actor the neutral value applies, hence the _NOBODY key.
    """
    keys = {"@" + _actor_key(a) for a in (*m.actors, *m.participants)}
    if not keys:
        keys.add(_NOBODY)
    keys.update(w for w, _ in sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_WORDS])
    return keys


def _candidates(index, kind: str, features: set[str], months: range) -> list[int]:
    found: set[int] = set()
    for f in features:
        for month in months:
            found.update(index.get((kind, f, month), ()))
    return sorted(found)


def _relation(value: DateValue, start: dt.date, end: dt.date, soft: bool, c: _Cluster) -> str | None:
    """How the mention's date relates to the cluster's: exact, contained, slack, soft, undated, or None."""
    c_start, c_end = c.interval
    if soft and not c.hard and (start, end) != (c_start, c_end):
        # Reports dated only by publication, published on different days: the sentences must agree.
        return "undated" if start <= c_end and c_start <= end else None
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
    weight = Counter({a: n + 2 * c.participants.get(a, 0) for a, n in c.actors.items()})
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
            _GRAINS.index(_parse(kv[0]).granularity),
            -len({m.group for m in kv[1]}),
            kv[0],
        ),
    )
    best_value, best_members = ranked[0]
    date = DateValue.parse(best_value)
    if date.granularity == Granularity.TIME:  # the timeline's finest grain is the day
        date = DateValue.of_day(date.start)
    hard = [(v, ms) for v, ms in ranked if min(_EVIDENCE.get(m.date_source or "", 3) for m in ms) < 2]
    days = {_parse(v).start for v, ms in hard if _parse(v).granularity in (Granularity.DAY, Granularity.TIME)}
    conflict = len(days) > 1
    dates = [{"date": v, "sources": sorted({m.article_id for m in ms})} for v, ms in ranked]
    explain = best_members[0].date_explain or f"dated {best_value}"
    if conflict:
        explain += "; sources disagree: " + ", ".join(sorted(d.isoformat() for d in days))
    return date, explain, conflict, dates


def _summary(members: list[EventMention], vectors, centroid: dict[str, float]) -> EventMention:
    """The most central sentence, nudged toward dated, named, mid-length ones."""
    if len(members) == 1:
        return members[0]
    def score(m: EventMention) -> float:
        words = len(m.text.split())
        length = 1.0 if 10 <= words <= 40 else 0.6
        evidence = {"attached": 0.15, "sentence": 0.05}.get(m.date_source or "", -0.1)
        said = 0.05 if m.modality == "happened" else 0.0
        named = 0.05 * min(len(m.participants), 2) + 0.02 * min(len(m.actors), 3)
        return _cosine(vectors[m.key], centroid) * length + evidence + said + named
    return max(members, key=lambda m: (score(m), -len(m.text), m.article_id, -m.idx))
