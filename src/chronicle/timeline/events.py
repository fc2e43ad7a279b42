"""Cross-document event merging: event mentions from many articles become timeline entries.

Two mentions are the same real-world event when their types are compatible, their dates
are compatible (granularity-aware intervals: "2025-03" contains "2025-03-18"), and their
sentences and actors are similar enough (TF-IDF cosine over the sentence words, Jaccard
over the actors). Mentions are visited in a fixed order of evidence (dated by an attached
time expression first, finest granularity first), so the result never depends on the
order the articles arrived in.

A mention dated only by its article's publication date is "soft": it happened on or
before that day, so it may join an entry up to SOFT_LOOKBACK days earlier, with a stricter
similarity. Which ``date_source`` values are soft is data (``data/timeline/storyline.toml``);
a soft mention without a date value is bounded by its article's publication. An entry made
only of soft mentions is undated (see :mod:`chronicle.timeline.sections`). Mentions with no
date and no publication date are left out of the timeline.

Types of one family merge (``call``, ``talks`` and ``meeting`` name one encounter); a generic
report (``statement``, ``other``: what someone said about it) may join an entry of any type on
the same dates, with a stricter threshold ("cross").
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import itertools
import math
import operator
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from chronicle.dates import DateValue, Granularity
from chronicle.timeline.headlines import furniture_cut, holds_furniture, in_first_person, relational_words, reports_event
from chronicle.timeline.settings import storyline_settings

SOFT_LOOKBACK = 31  # days before publication a past-tense report may describe
DAY_SLACK = 1  # a day-level date one day off may join, with a stricter threshold, and is flagged
THRESHOLD = {"exact": 0.15, "contained": 0.25, "slack": 0.45, "soft": 0.32, "undated": 0.5, "soft_encounter": 0.2,
             "cross": 0.45}
TEXT_WEIGHT, ACTOR_WEIGHT = 0.5, 0.4
NEUTRAL_ACTORS = 0.35  # actor similarity assumed when one side names no actor
SAME_ARTICLE = 0.1  # an article rarely reports two events of one type on one date
COMPATIBLE = {"call": "encounter", "talks": "encounter"}  # types that may name one event (storyline.toml adds more)
_ONE_A_DAY_TYPES = frozenset({"encounter", "call", "talks", "meeting"})  # rarely repeated by the same parties on one day
# A second sentence (_detail) loses this for each word it repeats of the summary; development topics
# (MJ, Egypt, haiti), AR-1 of summary and detail together: 0.136 at 0.5 (0.119 with the summary alone).
DETAIL_REDUNDANCY = 0.5
DETAIL_ECHO = 0.4  # more than this share of a detail's words must be new to the summary, else it retells it
DETAIL_WORDS = 60  # a longer "sentence" is a run of them the splitter missed: no detail to read

_EVIDENCE = {"attached": 0, "sentence": 1}  # other date sources that date the event: 1; soft ones: 2
_GRAINS = list(Granularity)
_TYPE_PREFERENCE = {"call": 3, "meeting": 2, "talks": 1}  # of an encounter's names, the most telling first
_WORD = re.compile(r"[a-z][a-z'-]+")
_STOP = frozenset(
    "a an the and or but of to in on at for with by from as is are was were be been being has have had "
    "that this these those it its his her their they he she we you i not no will would could should can "
    "may might than then there which who whom what when where while also after before over under into "
    "about said says say told according more most such some any all both each other".split()
)


def as_date(value) -> DateValue | None:
    """A stored date as a DateValue: strings are parsed (None when not a calendar date), DateValues kept."""
    if value is None or isinstance(value, DateValue):
        return value
    return _parse(str(value))


@dataclass(frozen=True, slots=True)
class EventMention:
    """One stored event with its article's provenance (a row of ``events`` joined to ``articles``).

    ``date`` and ``published`` are DateValues; strings given here are parsed once (so callers
    written for the string form keep working).
    """

    article_id: str
    idx: int
    start_char: int
    end_char: int
    text: str
    type: str
    date: DateValue | None
    date_source: str | None
    date_explain: str | None
    actors: tuple[str, ...]
    modality: str
    negated: bool = False
    place: str | None = None
    published: DateValue | None = None
    outlet: str | None = None
    root: str | None = None  # the article this one copies (duplicate_of), else its own id
    participants: tuple[str, ...] = ()  # actors tied to the trigger (subject, partner): see extract.events
    headline: str | None = None  # the event stage's headline candidate, when it writes one
    sentence_no: int | None = None  # the sentence's place among the article's body sentences (0: the lead)
    trigger: str | None = None  # the word that names the event ("quake", "struck")
    soft: bool = field(default=False, init=False, repr=False, compare=False)
    """Dated only as "on or before its article" (see data/timeline/storyline.toml [dating])."""

    def __post_init__(self) -> None:
        if self.date is not None and not isinstance(self.date, DateValue):
            object.__setattr__(self, "date", as_date(self.date))
        if self.published is not None and not isinstance(self.published, DateValue):
            object.__setattr__(self, "published", as_date(self.published))
        object.__setattr__(self, "soft", self.date_source in _undated_sources())

    @property
    def key(self) -> tuple[str, int]:
        return (self.article_id, self.idx)

    @property
    def group(self) -> str:
        return self.root or self.article_id

    @property
    def when(self) -> DateValue | None:
        """The date the mention is placed by: its own, or for a soft one without it, its article's."""
        if self.date is not None:
            return self.date
        return self.published if self.soft else None


@functools.lru_cache(maxsize=1)
def _undated_sources() -> frozenset[str]:
    return frozenset(storyline_settings().get("dating", {}).get("undated_sources", ["published"]))


@functools.lru_cache(maxsize=1)
def _families() -> dict[str, str]:
    """type -> family name (the types that may name one event), from storyline.toml [merge]."""
    out = dict(COMPATIBLE)
    for family in storyline_settings().get("merge", {}).get("families", []):
        name = "+".join(sorted(family))
        out.update({t: name for t in family})
    return out


@functools.lru_cache(maxsize=1)
def generic_types() -> frozenset[str]:
    """Types that say what someone said about an event (storyline.toml [merge] generic)."""
    return frozenset(storyline_settings().get("merge", {}).get("generic", ["statement", "other"]))


def _kind(etype: str) -> str:
    return _families().get(etype, etype)


type_kind = _kind  # the family a type merges in ("call" and "talks": one encounter)


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
    # The part of ``importance`` its day brings (how much the articles name the day): a day's second
    # entry in a top-N list must earn its place without it (views.timeline.top_ids).
    day_weight: float = 0.0
    section: str = "story"  # story, background, upcoming or undated (chronicle.timeline.sections)
    headline: str = ""
    # Every source dates it only as "on or before" its article: ``date.end`` is that bound.
    undated: bool = False
    # A second quoted sentence that adds what the summary does not say (None for a one-line entry).
    detail: EventMention | None = None

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
    continued: set = field(default_factory=set)  # keys of members that carry on a sentence of another (_continuations)

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
    value = m.when
    if value is None:
        return None
    if m.soft:
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


_ZEROS = itertools.repeat(0.0)


def _cosine(a: dict[str, float], b: dict[str, float], norm_b: float | None = None) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(map(operator.mul, a.values(), map(b.get, a, _ZEROS)))  # the generator's sum, in C
    if norm_b is None:
        norm_b = math.sqrt(sum(map(operator.mul, b.values(), b.values())))
    return dot / (norm_b or 1.0)


@functools.lru_cache(maxsize=65536)
def _actor_key(name: str) -> str:
    """Compare people by surname, so "Trump" in one article meets "Donald Trump" in another; an
    institution "of" something by its head, so "House of Representatives" meets "House" (but the
    "House of Commons" stays "commons", a standalone name of its own)."""
    words = name.lower().replace("’", "'").split()
    if "of" in words[1:-1]:
        head, tail = words[:words.index("of")], words[-1]
        standalone = _standalone()
        if len(head) == 1 and head[0] in standalone and tail not in standalone:
            return head[0]
    return words[-1] if words else ""


@functools.lru_cache(maxsize=1)
def _standalone() -> frozenset[str]:
    """One-word institutions that stand alone ("House", "Senate", "Council": entities/actors.toml)."""
    from chronicle.extract.entities.actors import actor_lists

    return frozenset(n.lower() for n in actor_lists()[0] if " " not in n)


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


def _evidence(m: EventMention) -> int:
    """Rank of a mention's dating, best first: attached, sentence (or another text dating), soft, none."""
    if m.date is None and not m.soft:
        return 3
    return 2 if m.soft else _EVIDENCE.get(m.date_source or "", 1)


def _order_key(m: EventMention):
    value = m.when
    grain = _GRAINS.index(value.granularity) if value else 99
    return (_evidence(m), grain, value.start if value else dt.date.max, m.article_id, m.idx)


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
    peg = _news_peg()
    mentions = [peg(m) for m in mentions]
    mentions = [dataclasses.replace(m, date=m.published)
                if m.date is None and m.date_source == "undated" and m.published else m for m in mentions]
    mentions = _reused_copy(mentions)
    dated = sorted((m for m in mentions if _interval(m) is not None), key=_order_key)
    present = {m.article_id for m in dated}
    # A syndicated copy adds no evidence: its mentions follow the original's, and never
    # change how the originals cluster (nor the TF-IDF weights).
    originals = [m for m in dated if m.group == m.article_id or m.group not in present]
    copies = [m for m in dated if not (m.group == m.article_id or m.group not in present)]
    vectors = (vectorize or _tfidf)(originals)
    riders = _sentence_riders(originals)
    clusters = _cluster([m for m in originals if m.key not in riders], vectors, {**THRESHOLD, **(thresholds or {})},
                        _reported(mentions))
    placed = {m.key: c for c in clusters for m in c.members}
    host_of = {m.key: m for m in originals}
    for m in originals:
        if m.key in riders:
            host = host_of[riders[m.key]]
            if m.type not in generic_types() and m.modality not in _UNREALISED and m.headline \
                    and host.headline and m.headline.lower() == host.headline.lower():
                m = dataclasses.replace(m, type=host.type)  # one happening, named by the host's cue
            placed[riders[m.key]].add(m, vectors[m.key])
    clusters = _fold_coarse_encounters(_continuations(_date_by_companions(clusters), vectors))
    clusters = _fold_same_day(clusters, _entry_day)  # again, by the day each entry will be dated
    clusters = _fold_coarse_one_offs(_fold_pegs(clusters))
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
            lone = _Cluster(_kind(m.type), _interval(m)[1], not m.soft)
            lone.add(m, vectors[m.key])
            clusters.append(lone)
    story = _story_words(originals)
    entries = _one_line_once(clusters, [_entry(c, vectors, story) for c in clusters], vectors, story)
    entries.sort(key=lambda e: (e.date.start, e.date.end, e.id))
    return entries


def _one_line_once(clusters: list[_Cluster], entries: list[TimelineEntry], vectors,
                   story: frozenset[str]) -> list[TimelineEntry]:
    """No sentence sums up two entries of one date: a reader would read the same line twice. One
    sentence can tell two happenings ("During the call, Putin agreed to ...") or be counted under two
    cues ("We campaign for an independent inquiry": a campaign and an inquiry); of the entries it would
    sum up on one date, the best-sourced keeps it, and each other entry is summed up by another of
    its own sentences, or, with none left, is that same report and folds into the first."""
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, e in enumerate(entries):
        groups[(_said(e.summary), e.date.value)].append(i)
    gone: set[int] = set()
    for group in groups.values():
        if len(group) < 2:
            continue
        generic = generic_types()
        # a syndicated copy adds no evidence: the host is chosen as if it were not there
        order = sorted(group, key=lambda i: (-entries[i].independent_sources,
                                             -sum(m.group == m.article_id for m in entries[i].sources),
                                             entries[i].type in generic, entries[i].id))
        host, said = order[0], _said(entries[order[0]].summary)
        for i in order[1:]:
            c = clusters[i]
            if any(_said(m) != said for m in c.members):
                entries[i] = _entry(c, vectors, story, avoid=said)
                continue
            clusters[host].members.extend(c.members)
            _absorb(clusters[host], c)
            gone.add(i)
        if gone.intersection(group):
            entries[host] = _entry(clusters[host], vectors, story, avoid="")
    return [e for i, e in enumerate(entries) if i not in gone]


def _said(m: EventMention) -> str:
    """A sentence as a reader sees it in a summary: without caption credits, case and spacing."""
    return " ".join(_uncaptioned(m).text.lower().split())


def _reused_copy(mentions: list[EventMention]) -> list[EventMention]:
    """A sentence an outlet prints word for word in several of its articles (a sidebar's "related"
    headline, a stock recap paragraph) is one piece of copy, not fresh evidence each time: each
    later printing is treated as a copy of the first (its ``root``), as a syndicated article is.
    Only sentences of at least storyline.toml [merge] reused_min_chars characters count.

    One printed on ``sidebar_days`` or more publication days is page furniture or stock copy, not a
    report of the day's news ("2 men charged in death of Chicago teen who performed in inauguration
    event", under every CNN page of a week on Egypt): it is left out of the timeline."""
    opt = storyline_settings().get("merge", {})
    least, sidebar = int(opt.get("reused_min_chars", 0)), int(opt.get("sidebar_days", 0))
    if least <= 0:
        return mentions
    first: dict[tuple[str, str], str] = {}
    days: dict[tuple[str, str], set] = defaultdict(set)
    for m in sorted(mentions, key=lambda m: (m.published.start if m.published else dt.date.max, m.article_id)):
        text = " ".join(m.text.lower().split())
        if m.outlet and len(text) >= least and m.root in (None, m.article_id):
            first.setdefault((m.outlet, text), m.article_id)
            if m.published is not None:
                days[(m.outlet, text)].add(m.published.start)
    out = []
    for m in mentions:
        key = (m.outlet or "", " ".join(m.text.lower().split()))
        if sidebar > 0 and len(days.get(key, ())) >= sidebar:
            continue
        origin = first.get(key)
        if origin is not None and origin != m.article_id and m.root in (None, m.article_id):
            m = dataclasses.replace(m, root=origin)
        out.append(m)
    return out


def _news_peg():
    """The lead rule (storyline.toml [dating] lead_sentences): a news article's first sentences
    report its news peg, what happened since the last edition. A past-tense happening with no date
    in one of them is dated to the article's publication day (date_source "lead", which explains
    itself); anywhere else in the article it stays undated, "on or before" the article. Statements
    and what was only planned or claimed are not pegs."""
    opt = storyline_settings().get("dating", {})
    lead = int(opt.get("lead_sentences", 0))
    modalities = frozenset(opt.get("lead_modalities", ("happened", "agreed")))
    generic = generic_types()

    order = tuple(opt.get("order_words", ()))

    def peg(m: EventMention) -> EventMention:
        if (lead <= 0 or m.date is not None or m.date_source != "undated" or m.published is None
                or m.sentence_no is None or m.sentence_no >= lead or m.type in generic
                or m.modality not in modalities or m.published.granularity != Granularity.DAY):
            return m
        if _elsewhere_in_time(m, order):
            return m
        return replace(m, date=m.published, date_source="lead",
                       date_explain=f"no date in the sentence; the article's lead (sentence {m.sentence_no + 1}) "
                                    f"reports its news: dated to its publication day ({m.published.value})")
    return peg


_POSSESSIVES = frozenset({"his", "her", "their", "its"})
_SOURCE_LINKS = frozenset({"that", "which", "by", "from", "of"})


@functools.lru_cache(maxsize=1)
def _back_words() -> tuple[frozenset[str], int]:
    """storyline.toml [dating] back_determiners, back_window."""
    opt = storyline_settings().get("dating", {})
    return frozenset(w.lower() for w in opt.get("back_determiners", ())), int(opt.get("back_window", 0))


def _refers_back(m: EventMention) -> bool:
    """Whether a mention names its happening by a noun of its type after a word that points back to
    one the reader knows ("his recent social media post", "the conversation"): within a few words
    before the noun, none of them a verb's object boundary (punctuation)."""
    words, window = _back_words()
    if not words or window <= 0 or not _names_event(m):
        return False
    found = re.search(rf"\b{re.escape((m.trigger or '').lower())}\b", m.text.lower())
    if found is None:
        return False
    before = re.split(r"[,;:()\"\u201c\u201d]", m.text[:found.start()])[-1].split()[-window:]
    at = max((i for i, w in enumerate(before) if w.lower() in words), default=None)
    if at is None or any(not w.islower() for w in before[at + 1:]):
        return False  # no pointing word, or a name between it and the noun ("the Obama administration's")
    if before[at].lower() in _POSSESSIVES:
        # "In his first interview since the quake, President Preval told ...": the pronoun points
        # forward to a party the sentence names after the noun, not back.
        after = m.text[found.end():].lower()
        if any(name.split()[-1].lower() in after for name in m.participants or m.actors):
            return False
    return True


def _article_parties(c: _Cluster, article: str) -> frozenset[str]:
    """The participants (surname keys) of a cluster's members from one article."""
    return frozenset().union(*(_keys(x.participants) for x in c.members if x.article_id == article))


def _unattributed_report(m: EventMention) -> bool:
    """A report named only by its noun, its source unnamed, as the sentence's subject ("A brief
    statement did not provide details"): the statement of what the sentence before reported."""
    words, window = _back_words()
    if not words or m.type not in generic_types() or m.participants or not _names_event(m):
        return False
    head = re.findall(r"[A-Za-z]+", m.text)[:max(window, 1) + 1]
    while head and head[0].lower() in _CONNECTIVES:
        head = head[1:]
    trigger = (m.trigger or "").lower()
    if not head or head[0].lower() not in ("a", "an", "the"):
        return False  # the subject is the report itself ("A brief statement ..."), not "In a statement, X ..."
    at = next((i for i, w in enumerate(head) if w.lower() == trigger), None)
    if at is None or not all(w.islower() and w not in _SOURCE_LINKS for w in head[1:at]):
        return False  # "The freedom of speech ..." is not a speech
    # "An official statement that Honors gave to investigators" names its source after the noun.
    rest = re.findall(r"[A-Za-z]+", m.text)
    rest = rest[rest.index(head[at]) + 1:][:4] if head[at] in rest else []
    return not (rest and rest[0].lower() in _SOURCE_LINKS and any(w[:1].isupper() for w in rest[1:]))


_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")


def _elsewhere_in_time(m: EventMention, order: tuple[str, ...]) -> bool:
    """Whether a lead's undated happening is placed at another time than the news: its sentence names
    another year ("on the night he died from an overdose, in June 2009", in a 2011 lead), or a word of
    order comes before its trigger ("found guilty of manslaughter after he died": the death came first)."""
    years = {int(y) for y in _YEAR.findall(m.text)}
    if m.published is not None and years - {m.published.start.year}:
        return True
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", m.text)]
    trigger = (m.trigger or "").lower().split()
    upto = next((i for i, w in enumerate(words) if trigger and w == trigger[0]), 0)
    said = f" {' '.join(words[:upto])} "
    return any(f" {w} " in said for w in order)


def _one_a_day(kind: str) -> bool:
    return not _ONE_A_DAY_TYPES.isdisjoint(kind.split("+"))


def _reported(mentions: list[EventMention]) -> dict[tuple[str, int], frozenset]:
    """For each report (a generic type), what its sentence says happened: the (type, participants) of
    the other happenings of its sentence that name their participants."""
    generic = generic_types()
    told: dict[tuple[str, int], set] = defaultdict(set)
    for m in mentions:
        if m.type not in generic and m.participants and m.sentence_no is not None:
            told[(m.article_id, m.sentence_no)].add((m.type, _keys(m.participants)))
    return {m.key: frozenset(told[(m.article_id, m.sentence_no)]) for m in mentions
            if m.type in generic and m.sentence_no is not None and told.get((m.article_id, m.sentence_no))}


def _cluster(dated: list[EventMention], vectors, thresholds: dict[str, float],
             reported: dict[tuple[str, int], frozenset] | None = None) -> list[_Cluster]:
    """Greedy clustering in evidence order (see module docstring). ``reported``: see _reported."""
    reported = reported or {}
    lead = int(storyline_settings().get("dating", {}).get("lead_sentences", 0))
    clusters: list[_Cluster] = []
    # (kind, feature, month number) -> clusters. Features are actor surnames and the top words
    # of each member: a cluster sharing neither could not reach a threshold (see _features).
    # ("*", ...) holds every cluster: what a generic report may join.
    index: dict[tuple[str, str, int], set[int]] = defaultdict(set)
    generic_kinds = {_kind(t) for t in generic_types()}
    in_article: dict[tuple[str, str], set[int]] = defaultdict(set)  # dated encounters of each article
    soft_text = float(storyline_settings().get("merge", {}).get("soft_min_text", 0.0))
    for m in dated:
        value, (start, end) = _interval(m)
        kind = _kind(m.type)
        generic = kind in generic_kinds
        soft = m.soft
        vec = vectors[m.key]
        features = _features(m, vec)
        if (_NOBODY in features or _one_a_day(kind)) and not soft and start == end:
            features.add("#" + start.isoformat())  # meets its day's entries, whoever it names
        m_actors, m_parts = _keys(m.actors), _keys(m.participants)
        months = _months(start, end)
        best, best_score = None, 0.0
        found = _candidates(index, "*" if generic and not soft else kind, features, months)
        if soft and (_one_a_day(kind) or _refers_back(m)):
            # "the conversation", undated, in an article that dates exactly one encounter of its
            # type (in the weeks before publication, naming none but its parties): that one. So
            # does any happening named by its noun after a word that points back ("his recent
            # social media post"), among the actors its sentence names.
            if _one_a_day(kind):
                same = [ci for ci in in_article.get((m.article_id, m.type), ())
                        if clusters[ci].interval[0] <= end and start <= clusters[ci].interval[1]
                        and m_parts <= clusters[ci].participant_keys.keys()]
            else:  # among the parties its article gives that report, not the whole entry's
                owners = m_parts or m_actors
                same = [ci for ci in in_article.get((m.article_id, m.type), ())
                        if clusters[ci].interval[0] <= end and start <= clusters[ci].interval[1]
                        and owners and owners <= _article_parties(clusters[ci], m.article_id)]
            if len(same) == 1:
                best, found = same[0], []
        elif soft and generic and m.sentence_no is not None and m.sentence_no < lead and reported.get(m.key):
            # The lead says, undated, what the body dates: "Trump has reportedly admitted speaking with
            # Putin" over "On Friday, Trump told the New York Post that he had spoken with Putin". One
            # report of the article by the same speaker, telling the same kind of happening among the
            # same parties, is the one it restates.
            owners = m_parts or m_actors
            same = [ci for ci in in_article.get((m.article_id, m.type), ())
                    if clusters[ci].interval[0] <= end and start <= clusters[ci].interval[1]
                    and owners and owners <= _article_parties(clusters[ci], m.article_id)
                    and any(reported.get(x.key, frozenset()) & reported[m.key]
                            for x in clusters[ci].members if x.article_id == m.article_id)]
            if len(same) == 1:
                best, found = same[0], []
        for ci in found:
            c = clusters[ci]
            relation = _relation(value, start, end, soft, c)
            if relation is None:
                continue
            cross = c.kind != kind
            if cross and (relation not in ("exact", "contained", "slack") or not m_parts
                          or not m_parts <= c.participant_keys.keys()):
                continue  # what someone said joins another type's event only on its dates, among its parties
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
                if _one_a_day(c.kind) and not cross and (m_parts or c.participant_keys) and actor is not None:
                    # Only one side knows who took part: bystanders named in the other sentence
                    # ("Holt described Monday's call") prove nothing against it.
                    actor = max(actor, NEUTRAL_ACTORS)
            text = _cosine(vec, c.vector, c.norm)
            if relation == "soft" and c.hard and text < soft_text:
                continue  # an undated line must tell a dated event, not only name its actors
            score = TEXT_WEIGHT * text + ACTOR_WEIGHT * (NEUTRAL_ACTORS if actor is None else actor)
            if m.article_id in c.articles and relation == "exact":
                score += SAME_ARTICLE
            if relation == "soft" and _one_a_day(kind) and not (m_parts | m_actors).isdisjoint(c.participant_keys):
                # "the call", reported without a date and naming one of the parties: the dated
                # call of the weeks before it, with no conflicting party, is what it refers to.
                relation = "soft_encounter"
            if score >= thresholds["cross" if cross else relation] and score > best_score:
                best, best_score = ci, score
        if best is None:
            clusters.append(_Cluster(kind, (start, end), not soft))
            best = len(clusters) - 1
        c = clusters[best]
        if not soft and (_one_a_day(c.kind) or c.kind == kind):
            in_article[(m.article_id, m.type)].add(best)
        if c.hard and c.interval[0] == c.interval[1]:
            features.add("#" + c.interval[0].isoformat())
        for f in features:
            for month in _months(*c.interval):
                index[(c.kind, f, month)].add(best)
                index[("*", f, month)].add(best)
        c.add(m, vec)
    return _fold_same_day(_attach_orphans(clusters, vectors))


def _entry_day(c: _Cluster) -> dt.date | None:
    """The day the entry of a hard cluster will be dated (its best-evidenced mentions'), else None: a
    cluster opened by a day-before preview ("expected to step down on Thursday") is dated by the
    resignation its sources report."""
    if not c.hard:
        return None
    own = [m for m in c.members if m.group == m.article_id] or c.members
    value = _choose_date(own)[0]
    return value.start if value.granularity == Granularity.DAY else None


def _fold_same_day(clusters: list[_Cluster], day_of=None) -> list[_Cluster]:
    """Fold together the entries of one kind dated to one same day whose sources tell it alike (their
    centroids' cosine at least storyline.toml [merge] fold_same_day) and name no conflicting parties:
    single-pass clustering can open two entries for one quake ("the quake struck on Tuesday", "as many as
    200,000 people died in the earthquake on 12 January") before either has the words of the other."""
    threshold = float(storyline_settings().get("merge", {}).get("fold_same_day", 0.0))
    if threshold <= 0:
        return clusters
    generic = generic_types()
    by_day: dict[tuple[str, dt.date], list[int]] = defaultdict(list)
    for i, c in enumerate(clusters):
        if c.kind in generic or not c.norm:
            continue
        day = day_of(c) if day_of else (c.interval[0] if c.hard and c.interval[0] == c.interval[1] else None)
        if day is not None:
            by_day[(c.kind, day)].append(i)
    gone: set[int] = set()
    for group in by_day.values():
        if len(group) < 2:
            continue
        kept: list[int] = []
        for i in sorted(group, key=lambda i: (-len(clusters[i].members), i)):
            c = clusters[i]
            host = next((k for k in kept if not _conflicting(_dominant(c), _dominant_counts(clusters[k]))
                         and _cosine(c.vector, clusters[k].vector, clusters[k].norm) / c.norm >= threshold), None)
            if host is None:
                kept.append(i)
                continue
            for m in c.members:
                clusters[host].members.append(m)
            _absorb(clusters[host], c)
            gone.add(i)
    return [c for i, c in enumerate(clusters) if i not in gone]


def _fold_pegs(clusters: list[_Cluster]) -> list[_Cluster]:
    """A one-off happening (storyline.toml [merge] peg_fold_kinds: a verdict, a resignation, a quake)
    that leads report undated ("has been found guilty", "A powerful earthquake has hit Haiti": the lead
    rule dates it to their publication day) folds into the text-dated entry of its kind that its words
    tell of (cosine at least peg_fold_min, no party in conflict): on that day or the day before, as
    outlets a time zone ahead publish the morning after an evening verdict; or up to peg_fold_days
    before when that entry is the more cited one, as an entry dated only by the days its reports were
    published ("It is feared thousands have died in the earthquake", three days on, and the lines that
    refer back to it) is the story's happening told again, not a second one. A day-before preview
    is not a peg: the entry needs a lead, and none of its sources may date it by the text itself."""
    opt = storyline_settings().get("merge", {})
    threshold = float(opt.get("peg_fold_min", opt.get("fold_same_day", 0.0)))
    days_back = max(1, int(opt.get("peg_fold_days", 1)))
    kinds = frozenset(opt.get("peg_fold_kinds", ()))
    if threshold <= 0 or not kinds:
        return clusters
    by_reports = frozenset(opt.get("peg_fold_sources", ()))  # datings that only follow the lead or the page
    hosts: dict[tuple[str, dt.date], list[int]] = defaultdict(list)
    pegged: list[tuple[int, dt.date]] = []
    hosts_day: dict[int, DateValue] = {}
    for i, c in enumerate(clusters):
        if c.kind not in kinds or not c.norm:
            continue
        own = [m for m in c.members if m.group == m.article_id] or c.members
        value = _choose_date(own)[0]
        if value.granularity not in (Granularity.DAY, Granularity.TIME):
            continue
        day = value.start
        on_day = [m for m in own if not m.soft and m.when is not None
                  and _day_value(m.when).granularity == Granularity.DAY and _day_value(m.when).start == day]
        if any(m.date_source == "lead" and m.date is not None and m.date.start == day for m in own) \
                and all(m.date_source in by_reports for m in on_day):
            pegged.append((i, day))  # only a lead's publication day (and lines referring back to it) dates it
        elif on_day:
            hosts[(c.kind, day)].append(i)  # a source's text dates it to that day
            hosts_day[i] = DateValue.of_day(day)
    gone: set[int] = set()
    for i, day in pegged:
        c = clusters[i]
        near = {k for back in range(days_back + 1) for k in hosts.get((c.kind, day - dt.timedelta(days=back)), ())
                if k not in gone and (back <= 1 or len(clusters[k].members) > len(c.members))}
        scored = [(_cosine(c.vector, clusters[k].vector, clusters[k].norm) / c.norm, k) for k in near
                  if not _conflicting(_dominant(c), _dominant_counts(clusters[k]))]
        score, host = max(scored, default=(0.0, None))
        if host is None or score < threshold:
            continue
        when = hosts_day[host]
        gap = (day - when.start).days
        told = "by this lead the morning after or the same day" if gap <= 1 else f"again by this lead {gap} days on"
        clusters[host].members.extend(
            replace(m, date=when, date_source="event",
                    date_explain=f"{m.date_explain}; the {m.type} its sources date to {when.value}, reported {told}")
            if m.date_source == "lead" or m.date_source in by_reports else m for m in c.members)
        _absorb(clusters[host], c)
        gone.add(i)
    return [c for i, c in enumerate(clusters) if i not in gone]


def _dominant(c: _Cluster) -> frozenset[str]:
    """The participants a cluster's sources agree on: named by at least a quarter of the members that
    name any (a 54-source resignation whose strays name Panetta is still Mubarak's alone)."""
    least = max(1.0, 0.25 * c.with_participants)
    return frozenset(k for k, n in c.participant_keys.items() if n >= least)


def _dominant_counts(c: _Cluster) -> dict[str, int]:
    keep = _dominant(c)
    return {k: n for k, n in c.participant_keys.items() if k in keep}


def _absorb(host: _Cluster, c: _Cluster) -> None:
    """Add a folded cluster's counts and vector to its host (its members are already appended)."""
    for w, v in c.vector.items():
        host.vector[w] = host.vector.get(w, 0.0) + v
    host.norm = math.sqrt(sum(v * v for v in host.vector.values()))
    for mine, theirs in ((host.actors, c.actors), (host.participants, c.participants),
                         (host.actor_keys, c.actor_keys), (host.participant_keys, c.participant_keys)):
        for name, n in theirs.items():
            mine[name] = mine.get(name, 0) + n
    host.with_actors += c.with_actors
    host.with_participants += c.with_participants
    host.articles |= c.articles
    host.continued |= c.continued


def _attach_orphans(clusters: list[_Cluster], vectors) -> list[_Cluster]:
    """Fold a dated encounter that names none of its parties ("Their call, scheduled for 1300 GMT")
    into the one encounter of its family on that day that does name them; two such candidates
    (a Trump-Putin and a Trump-Zelensky call on one day) leave it alone: nothing tells which."""
    by_day: dict[tuple[str, dt.date], list[int]] = defaultdict(list)
    for i, c in enumerate(clusters):
        if c.hard and c.interval[0] == c.interval[1] and _one_a_day(c.kind) and c.participant_keys:
            by_day[(c.kind, c.interval[0])].append(i)
    gone: set[int] = set()
    for i, c in enumerate(clusters):
        if not (c.hard and c.interval[0] == c.interval[1] and _one_a_day(c.kind)) or c.participant_keys:
            continue
        hosts = by_day.get((c.kind, c.interval[0]), [])
        if len(hosts) == 1:
            host = clusters[hosts[0]]
            for m in c.members:
                host.add(m, vectors[m.key])
            gone.add(i)
    return [c for i, c in enumerate(clusters) if i not in gone]


_UNREALISED = frozenset({"planned", "proposed", "claimed"})
_WORDS = re.compile(r"[a-z]+")
_QUOTE_OPENERS = frozenset("\"“‘«„'`")  # `` opens a quotation in tokenised text


def _sentence_riders(mentions: list[EventMention]) -> dict[tuple[str, int], tuple[str, int]]:
    """Mentions that are part of another mention of their sentence, with the same date: what was
    said (a statement) and what was only planned, proposed or claimed ride with the sentence's
    happening ("Trump expressed optimism for a potential ceasefire, which would involve talks"
    is one entry, not three). Returns rider key -> host key. Happenings of a sentence stay apart
    ("During the call, Putin agreed to ..." keeps the call and the agreement)."""
    generic = generic_types()
    riders_of_encounters = frozenset(storyline_settings().get("merge", {}).get("encounter_riders", ()))
    groups: dict[tuple, list[EventMention]] = defaultdict(list)
    for m in mentions:
        if m.end_char > m.start_char:  # benchmarks without sentence spans never group
            groups[(m.article_id, m.start_char, m.end_char, _day_value(m.when).value, m.soft)].append(m)
    out = {}
    sentences: dict[tuple[str, int, int], list[tuple]] = defaultdict(list)
    for key in groups:
        sentences[key[:3]].append(key)
    for keys in sentences.values():
        # an undated statement about the sentence's one dated happening ("Brink cited a February Oval
        # Office meeting where ...", said in May) rides with it: it retells it, it is no entry of its own
        dated = [k for k in keys if not k[4]]
        if len(dated) != 1:
            continue
        host = min(groups[dated[0]], key=lambda m: (m.type in generic, m.modality in _UNREALISED, m.idx))
        if host.type in generic:
            continue
        for k in keys:
            if k[4] and all(m.date_source == "undated" and m.type in generic for m in groups[k]):
                groups[dated[0]].extend(groups.pop(k))
    for ms in groups.values():
        if len(ms) < 2:
            continue
        ranked = sorted(ms, key=lambda m: (m.type in generic, m.modality in _UNREALISED, m.idx))
        hosts = [m for m in ranked if m.type not in generic and m.modality not in _UNREALISED] or ranked[:1]
        encounters = [m for m in hosts if _one_a_day(_kind(m.type))]
        if encounters:  # a stance taken at the meeting rides with the meeting
            hosts = encounters + [m for m in hosts if m not in encounters and m.type not in riders_of_encounters]
        hosts, twins = _one_happening(hosts)
        out.update(twins)
        for m in ranked:
            if m not in hosts and m.key not in out:
                out[m.key] = hosts[0].key
    return out


def _one_happening(hosts: list[EventMention]) -> tuple[list[EventMention], dict]:
    """Happenings of one sentence that the event stage headlines alike are one happening named by two
    cues ("The quake struck on Tuesday": a disaster by "quake", an attack by "struck"): the one whose
    trigger is a noun naming its type's events ("quake"), else whose trigger comes first in the
    headline, hosts; the other rides with it and takes its type."""
    by_headline: dict[str, list[EventMention]] = defaultdict(list)
    for m in hosts:
        by_headline[" ".join((m.headline or f"#{m.idx}").lower().split())].append(m)
    kept, twins = [], {}
    for line, ms in by_headline.items():
        ms = sorted(ms, key=lambda m: (not _names_event(m), _position(line, m.trigger), m.idx))
        kept.append(ms[0])
        twins.update({m.key: ms[0].key for m in ms[1:]})
    return [m for m in hosts if m in kept], twins


@functools.lru_cache(maxsize=1)
def _event_nouns() -> dict[str, frozenset[str]]:
    """Type -> the nouns that name its events (data/events/triggers.toml ``nouns``)."""
    import tomllib
    from importlib import resources
    raw = tomllib.loads(resources.files("chronicle.data").joinpath("events/triggers.toml").read_text("utf-8"))
    return {t: frozenset(v.get("nouns", ())) for t, v in raw.items() if isinstance(v, dict)}


def _names_event(m: EventMention) -> bool:
    """Whether a mention's trigger is a noun that names its type's events ("quake", "vote"), which
    tells what happened better than a verb several types share ("hit", "struck")."""
    word = (m.trigger or "").lower()
    nouns = _event_nouns().get(m.type, frozenset())
    return word in nouns or word.rstrip("s") in nouns


def _position(line: str, trigger: str | None) -> int:
    """Where a trigger's word (by its first four letters: "struck" ~ "strikes" does not match, "quake" does)
    first appears in a headline; unknown or absent words come last."""
    if not trigger:
        return 1 << 30
    words = line.split()
    stem = trigger.lower()[:4]
    return next((i for i, w in enumerate(words) if w.startswith(stem)), 1 << 29)


def _date_by_companions(clusters: list[_Cluster]) -> list[_Cluster]:
    """Date an undated happening by the dated encounter its sentence places it in: "During Trump's
    earlier call with Putin, the Russian leader agreed to a partial ceasefire" dates the agreement
    by the call. Only a happening told in the past (one in the present tense is the article's now), only
    when the sentence holds one such encounter and no word of relative order
    ("a day after", "before": storyline.toml [dating] order_words), and the encounter is dated
    on or before the article."""
    words = tuple(storyline_settings().get("dating", {}).get("order_words", ()))
    hosts: dict[tuple[str, int, int], set[int]] = defaultdict(set)
    for i, c in enumerate(clusters):
        if c.hard and _one_a_day(c.kind):
            for m in c.members:
                hosts[(m.article_id, m.start_char, m.end_char)].add(i)
    for c in clusters:
        if c.hard or _one_a_day(c.kind):
            continue
        for n, m in enumerate(c.members):
            found = hosts.get((m.article_id, m.start_char, m.end_char), set())
            if len(found) != 1 or m.end_char <= m.start_char or m.date_source == "published":
                continue  # told in the present ("The move follows a complaint about the July 25 call"): now
            lowered = f" {m.text.lower()} "
            if any(f" {w} " in lowered for w in words):
                continue
            host = clusters[next(iter(found))]
            dated = [h for h in host.members if not h.soft]
            value = min((h.date for h in dated), key=lambda v: (_GRAINS.index(v.granularity), v.start))
            if m.published is not None and value.start > m.published.end:
                continue
            c.members[n] = replace(m, date=_day_value(value), date_source="event",
                                   date_explain=f"dated by the {host.members[0].type} its sentence places it in "
                                                f"({_day_value(value).value})")
            c.hard = True
    return clusters


_CONNECTIVES = frozenset("however but and also still yet meanwhile moreover instead then".split())


@functools.lru_cache(maxsize=1)
def _continuation_words() -> tuple[frozenset[str], tuple[str, ...], frozenset[str]]:
    """storyline.toml [dating]: the pronouns that carry a sentence on, and the words that order it apart."""
    opt = storyline_settings().get("dating", {})
    return (frozenset(w.lower() for w in opt.get("continuation_pronouns", ())),
            tuple(opt.get("order_words", ())), frozenset(opt.get("anterior_words", ())))


def _ordered_apart(m: EventMention, order: tuple[str, ...], anterior: frozenset[str]) -> bool:
    """Whether a sentence places its happening apart in time from the one before: an order word
    anywhere ("a day after"), or an anterior word before its trigger ("He had earlier resigned";
    "which had been hampered" after the trigger is a relative clause about something else). What a
    report says ("A statement indicated that talks would continue after the call") is its content,
    not its time: for a report, only words before its trigger count."""
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", m.text)]
    trigger = (m.trigger or "").lower().split()
    upto = next((i for i, w in enumerate(words) if trigger and w == trigger[0]), len(words))
    said = " ".join(words[:upto]) if m.type in generic_types() else " ".join(words)
    if any(f" {w} " in f" {said} " for w in order):
        return True
    return not anterior.isdisjoint(words[:upto])


def _opens_with_anaphor(text: str, pronouns: frozenset[str]) -> bool:
    """Whether a sentence's subject is a pronoun that refers back ("They reached an agreement",
    "However, he refused", "'We also discussed"), past quotation marks and connectives."""
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", text[:80])]
    while words and words[0] in _CONNECTIVES:
        words = words[1:]
    return bool(words) and words[0] in pronouns


def _continuations(clusters: list[_Cluster], vectors) -> list[_Cluster]:
    """An undated report that carries on the sentence before it joins that sentence's entry: "On
    February 18, diplomats convened in Riyadh. They reached an agreement to ..." is one event, dated
    by the first sentence; "The town was retaken. The military claims its forces withdrew from the
    area" (two reports of one kind in a row) is one report. The report carries on when its sentence
    opens with a pronoun that refers back (storyline.toml [dating] continuation_pronouns) or names a
    happening of the previous sentence's kind, holds no word that orders it apart in time ("after",
    "had": order_words, anterior_words), and names no party that conflicts. Only entries made of one
    article's undated reports move; what several articles report stays where merging put it."""
    pronouns, order, anterior = _continuation_words()
    if not pronouns:
        return clusters
    generic = generic_types()
    home = {m.key: i for i, c in enumerate(clusters) for m in c.members}
    by_sentence: dict[tuple[str, int], list[EventMention]] = defaultdict(list)
    for c in clusters:
        for m in c.members:
            if m.sentence_no is not None:
                by_sentence[(m.article_id, m.sentence_no)].append(m)
    movable = sorted((m for c in clusters if not c.hard and len(c.articles) == 1 for m in c.members
                      if m.sentence_no), key=lambda m: (m.article_id, m.sentence_no, m.idx))
    gone: set[int] = set()
    for m in movable:
        i = home[m.key]
        c = clusters[i]
        if i in gone or c.hard or len(c.articles) != 1:
            continue
        before = [p for p in by_sentence.get((m.article_id, m.sentence_no - 1), ()) if home[p.key] != i]
        if not before:
            continue
        if _ordered_apart(m, order, anterior):
            continue
        # A report of the same kind carries on only without a new name: "Zelensky, however, dismissed
        # Putin's pledge" after "he refused to commit" is Zelensky's own act.
        same = [p for p in before if p.type == m.type and m.type not in generic
                and _keys(m.actors) <= _keys(p.actors) | _keys(p.participants)]
        if not same and not _opens_with_anaphor(m.text, pronouns) and not _unattributed_report(m):
            continue
        lead = (same or sorted(before, key=lambda p: (p.type in generic, not _one_a_day(_kind(p.type)), p.idx)))[0]
        j = home[lead.key]
        host = clusters[j]
        if any(_conflicting(_keys(x.participants), host.participant_keys) for x in c.members):
            continue
        value = None
        if host.hard:
            dated = [h for h in host.members if not h.soft]
            value = _day_value(min((h.date for h in dated), key=lambda v: (_GRAINS.index(v.granularity), v.start)))
            if m.published is not None and value.start > m.published.end:
                continue
        for x in c.members:
            host.continued.add(x.key)
            if value is not None:
                x = replace(x, date=value, date_source="continued",
                            date_explain=f"no date in the sentence; it carries on the sentence before it, "
                                         f"which dates the {lead.type} ({value.value})")
            host.add(x, {})  # it tells the host's event again: the entry's words stay its own sentences
            home[x.key] = j
        gone.add(i)
    return [c for i, c in enumerate(clusters) if i not in gone]


def _fold_coarse_encounters(clusters: list[_Cluster]) -> list[_Cluster]:
    """A meeting or call dated only to its week or month ("a February Oval Office meeting") is the
    one encounter of its kind dated to a day inside that span that shares one of its actors and names
    no conflicting party, when there is exactly one such, or one that shares more of its actors than
    every other, or then the one of its own type (a meeting, not a call): it joins it and takes its day.
    Two candidates alike leave it alone: nothing tells which."""
    days: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(clusters):
        if c.hard and c.interval[0] == c.interval[1] and _one_a_day(c.kind):
            days[c.kind].append(i)
    gone: set[int] = set()
    for i, c in enumerate(clusters):
        if not (c.hard and _one_a_day(c.kind)) or c.interval[0] == c.interval[1] \
                or (c.interval[1] - c.interval[0]).days > 31:
            continue
        names = set(c.actor_keys) | set(c.participant_keys)
        found = [j for j in days.get(c.kind, ()) if j not in gone
                 and c.interval[0] <= clusters[j].interval[0] <= c.interval[1]
                 and not names.isdisjoint(set(clusters[j].actor_keys) | set(clusters[j].participant_keys))
                 and not _conflicting(frozenset(c.participant_keys), clusters[j].participant_keys)]
        if len(found) > 1:  # the one that shares the most of its actors, when one does
            shared = {j: len(names & (set(clusters[j].actor_keys) | set(clusters[j].participant_keys))) for j in found}
            found = [j for j in found if shared[j] == max(shared.values())]
        if len(found) > 1:  # then the one of its own type: "a February meeting" is the meeting, not the call
            types = {m.type for m in c.members}
            alike = [j for j in found if types & {m.type for m in clusters[j].members}]
            found = alike or found
        if len(found) != 1:
            continue
        host = clusters[found[0]]
        host.members.extend(c.members)
        _absorb(host, c)
        gone.add(i)
    return [c for i, c in enumerate(clusters) if i not in gone]


def _fold_coarse_one_offs(clusters: list[_Cluster]) -> list[_Cluster]:
    """A one-off happening ([merge] peg_fold_kinds) dated only to its week or month ("impeached by the
    House last month", "the January earthquake") is the one entry of its kind dated to a day inside that
    span that shares one of its actors or tells it in like words (peg_fold_min), naming no conflicting
    party: it joins it. Two such candidates leave it alone, unless one shares more of its actors, its
    words are closer to one by at least [merge] coarse_fold_margin (cosine), or the pile's articles
    report one [merge] coarse_fold_dominance times as often as any other."""
    opt = storyline_settings().get("merge", {})
    kinds = frozenset(opt.get("peg_fold_kinds", ()))
    threshold = float(opt.get("peg_fold_min", opt.get("fold_same_day", 0.0)))
    margin = float(opt.get("coarse_fold_margin", 0.0))
    dominance = float(opt.get("coarse_fold_dominance", 0.0))
    if not kinds or threshold <= 0:
        return clusters
    days: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(clusters):
        if c.kind in kinds and c.hard and c.interval[0] == c.interval[1]:
            days[c.kind].append(i)
    gone: set[int] = set()
    for i, c in enumerate(clusters):
        if c.kind not in kinds or not c.hard or not c.norm or c.interval[0] == c.interval[1] \
                or (c.interval[1] - c.interval[0]).days > 31:
            continue
        names = set(c.actor_keys) | set(c.participant_keys)

        def shared(j: int) -> int:
            return len(names & (set(clusters[j].actor_keys) | set(clusters[j].participant_keys)))

        found = [j for j in days.get(c.kind, ()) if j not in gone
                 and c.interval[0] <= clusters[j].interval[0] <= c.interval[1]
                 and not _conflicting(frozenset(c.participant_keys), clusters[j].participant_keys)
                 and (shared(j) or _cosine(c.vector, clusters[j].vector, clusters[j].norm) / c.norm >= threshold)]
        if len(found) > 1:
            most = max(shared(j) for j in found)
            found = [j for j in found if shared(j) == most] if most else found
        if len(found) > 1 and margin > 0:
            # "The House impeached Trump in December" beside a committee vote and the House vote of
            # that month: the one it tells in its words, when clearly closer than any other
            sims = sorted(((_cosine(c.vector, clusters[j].vector, clusters[j].norm) / c.norm, j) for j in found),
                          reverse=True)
            if sims[0][0] - sims[1][0] >= margin:
                found = [sims[0][1]]
        if len(found) > 1 and dominance > 0:
            # "last week's devastating earthquake" beside the quake of 12 January (56 sources) and the
            # lines of the days after it (6 at most): the one the pile reports far more often
            told = sorted(((len(clusters[j].articles), j) for j in found), reverse=True)
            if told[0][0] >= dominance * told[1][0]:
                found = [told[0][1]]
        if len(found) != 1:
            continue
        clusters[found[0]].members.extend(c.members)
        _absorb(clusters[found[0]], c)
        gone.add(i)
    return [c for i, c in enumerate(clusters) if i not in gone]


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


def _story_words(mentions: list[EventMention]) -> frozenset[str]:
    """The pile's own words: those (:func:`_tokens`) in at least storyline.toml [summary] story_share
    of its articles ("egypt", "mubarak", "protesters" in a pile on Egypt's uprising)."""
    share = float(storyline_settings().get("summary", {}).get("story_share", 0.0))
    if share <= 0:
        return frozenset()
    seen: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        for w in set(_tokens(m.text)):
            seen[w].add(m.article_id)
    least = share * len({m.article_id for m in mentions})
    return frozenset(w for w, arts in seen.items() if len(arts) >= least)


def _entry(c: _Cluster, vectors, story: frozenset[str] = frozenset(), avoid: str = "") -> TimelineEntry:
    """The entry a cluster makes. ``avoid``: a sentence (lower-cased, single-spaced) that sums up
    another entry of its date, never this one's summary while it has another (_one_line_once)."""
    members = sorted(c.members, key=lambda m: (m.article_id, m.idx))
    own = [m for m in members if m.group == m.article_id] or members  # copies never move a date
    date, explain, conflict, dates = _choose_date(own)
    types = Counter(m.type for m in own)  # nor do copies vote on its type, its modality or its place
    generic = generic_types()  # what was said about an event names it less well than its own type
    etype = max(types, key=lambda t: (t not in generic, types[t], _TYPE_PREFERENCE.get(t, 0), t))
    modalities = Counter(m.modality for m in own)
    modality = "happened" if modalities["happened"] else max(modalities, key=lambda k: (modalities[k], k))
    # The call that happened is not summed up by its preview ("are set to speak on Tuesday").
    realised = [m for m in own if m.modality not in _UNREALISED] if modality == "happened" else []
    # A sentence that carries on another ("we've been out of internet for 6 days because he ...") is
    # no summary: it needs the sentence before it.
    told = [m for m in (realised or own) if m.key not in c.continued]
    pool = told or realised or own
    if avoid:
        pool = [m for m in pool if _said(m) != avoid] or [m for m in members if _said(m) != avoid] or pool
    summary = _uncaptioned(_summary(pool, vectors, c.vector, etype, story))
    detail = _detail(told or realised or own, summary)
    # Participants first (who called whom), then everyone else the sources name.
    weight = Counter({a: n + 2 * c.participants.get(a, 0) for a, n in c.actors.items()})
    weight.update({a: 2 * n for a, n in c.participants.items() if a not in c.actors})
    actors = [a for a, _ in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))][:6]
    places = Counter(m.place for m in own if m.place)
    first = min(own, key=lambda m: (m.article_id, m.idx))
    ident = hashlib.sha1(f"{first.article_id}:{first.idx}".encode()).hexdigest()[:16]
    return TimelineEntry(
        id=ident, date=date, date_explain=explain, date_conflict=conflict, dates=dates, type=etype,
        modality=modality, negated=summary.negated, summary=summary, actors=actors,
        detail=_uncaptioned(detail) if detail is not None else None,
        place=max(places, key=lambda p: (places[p], p)) if places else None, sources=members,
        undated=all(m.soft for m in members) and not _lead_dated(own),
    )


def _uncaptioned(m: EventMention) -> EventMention:
    """The summary without a caption credit the page glued into its sentence ("... grandparents
    (photo: Houston Chronicle) Michael Jackson's physician has been convicted ..." sums the entry up
    from "Michael Jackson's"): still the article's own words, at their own offsets."""
    cut = furniture_cut(m.text)
    if cut is None:
        return m
    lo, hi = cut
    return replace(m, text=m.text[lo:hi], start_char=m.start_char + lo, end_char=m.start_char + hi)


def _lead_dated(own: list[EventMention]) -> bool:
    """Whether an entry of soft reports is dated by a lead (see _news_peg): a lead is among them and
    no other report bounds the event earlier than the lead's publication day."""
    leads = [m.published.start for m in own if m.date_source == "lead" and m.published is not None]
    return bool(leads) and min(leads) <= min(m.when.end for m in own if m.when is not None)


def _day_value(value: DateValue) -> DateValue:
    """The timeline's finest grain is the day: a time of day counts as its day."""
    return DateValue.of_day(value.start) if value.granularity == Granularity.TIME else value


def _label(m: EventMention) -> str:
    return f"{m.outlet or 'article ' + m.article_id}" + (f" ({m.published.value})" if m.published else "")


def _choose_date(members: list[EventMention]) -> tuple[DateValue, str, bool, list[dict]]:
    """The entry's date from its best-evidenced mentions: text-dated before soft, finest grain,
    most independent sources, best dating; every value the sources give is kept, with who gives it.

    An entry of soft mentions only is dated by the earliest "on or before" bound among them (its
    section is then ``undated``: see chronicle.timeline.sections).
    """
    by_value: dict[str, list[EventMention]] = defaultdict(list)
    for m in members:
        by_value[_day_value(m.when).value].append(m)
    parsed = {v: _day_value(ms[0].when) for v, ms in by_value.items()}
    soft = {v: all(m.soft for m in ms) for v, ms in by_value.items()}
    all_soft = all(soft.values())
    ranked = sorted(
        by_value.items(),
        key=lambda kv: (
            soft[kv[0]],  # text-dated before soft
            parsed[kv[0]].end if all_soft else dt.date.min,  # undated: the earliest bound
            _GRAINS.index(parsed[kv[0]].granularity),
            -len({m.group for m in kv[1]}),
            min(_evidence(m) for m in kv[1]),
            kv[0],
        ),
    ) if len(by_value) > 1 else list(by_value.items())
    best_value, best_members = ranked[0]
    date = parsed[best_value]
    peg = None if all_soft else _peg_inside(date, members)
    hard = [(v, ms) for v, ms in ranked if not soft[v]]
    days = {parsed[v].start for v, ms in hard if parsed[v].granularity == Granularity.DAY}
    conflict = len(days) > 1
    dates = []
    for v, ms in ranked:
        reports = sorted({(m.article_id, m.outlet, m.published.value if m.published else None, m.date_source)
                          for m in ms}, key=lambda r: (r[2] or "", r[0], r[3] or ""))
        dates.append({"date": v, "sources": sorted({m.article_id for m in ms}),
                      "reports": [{"article": a, "outlet": o, "published": p, "date_source": d}
                                  for a, o, p, d in reports]})
    leads = [m for m in best_members if m.date_source == "lead"]
    if all_soft and leads and _lead_dated(members):
        explain = min(leads, key=lambda m: (m.article_id, m.idx)).date_explain or f"dated {best_value}"
    elif all_soft:
        explain = (f"undated: reported by {', '.join(sorted({_label(m) for m in members}))}; "
                   f"happened on or before {date.end.isoformat()}")
    else:
        lead = min(best_members, key=lambda m: (_evidence(m), m.article_id, m.idx))
        explain = lead.date_explain or f"dated {best_value}"
        explain += f" (given by {', '.join(sorted({_label(m) for m in best_members if not m.soft}))})"
        if peg is not None:
            explain += (f"; {peg.published.value}, the day {_label(peg)} leads with it, lies inside it: "
                        f"dated to that day")
            date = DateValue.of_day(peg.published.start)
    if conflict:
        others = [(v, ms) for v, ms in hard if v != best_value and parsed[v].granularity == Granularity.DAY]
        explain += "; sources disagree: " + "; ".join(
            f"{v} per {', '.join(sorted({_label(m) for m in ms}))}" for v, ms in others)
    return date, explain, conflict, dates


def _peg_inside(date: DateValue, members: list[EventMention]) -> EventMention | None:
    """A lead report (see _news_peg) that makes a week or month precise: the earliest publication
    day of an article leading with the event, when it lies inside the text's coarser date ("last
    week" in a later recap, "on 7 November" in the lead of the day's news)."""
    if date.granularity not in (Granularity.WEEK, Granularity.MONTH):
        return None
    inside = [m for m in members if m.date_source == "lead" and m.published is not None
              and date.start <= m.published.start <= date.end]
    return min(inside, key=lambda m: (m.published.start, m.article_id, m.idx)) if inside else None


def _summary(members: list[EventMention], vectors, centroid: dict[str, float], etype: str = "",
             story: frozenset[str] = frozenset()) -> EventMention:
    """The most central sentence, nudged toward dated, named, mid-length ones, and toward one that
    reports the entry's own happening (its type, its participants, dated at its trigger) rather
    than what someone said of it (:func:`chronicle.timeline.headlines.reports_event`)."""
    if len(members) == 1:
        return members[0]
    score = _summary_score(vectors, centroid, etype, story)
    return max(members, key=lambda m: (score(m), -len(m.text), m.article_id, -m.idx))


def _detail(members: list[EventMention], summary: EventMention) -> EventMention | None:
    """The sentence a reader gets after the summary: of the entry's other sentences that stand alone
    (not opened by a quotation or a pronoun, not in the first person, no page furniture, at most
    ``DETAIL_WORDS`` words), the one sharing the most words with the others (what the sources retell)
    less ``DETAIL_REDUNDANCY`` for each word the summary already says. None when no such sentence is
    left: a one-line entry is told whole by its summary."""
    said = summary.text.strip()
    pronouns = _continuation_words()[0]
    pool: dict[str, EventMention] = {}
    for m in members:
        text = m.text.strip()
        if text == said or (m.article_id, m.start_char) == (summary.article_id, summary.start_char) or text in pool:
            continue  # a reprinted sentence is one candidate
        if (len(text.split()) > DETAIL_WORDS or text[:1] in _QUOTE_OPENERS or text.rstrip(" \"'”’)").endswith("?")
                or _opens_with_anaphor(text, pronouns) or in_first_person(text) or holds_furniture(text)):
            continue  # a question to readers ("... but what do you think?") tells nothing either
        pool[text] = m
    told = frozenset(_WORDS.findall(said.lower()))
    words = {t: frozenset(_WORDS.findall(t.lower())) for t in pool}
    # "Michael Jackson died on 25 June 2009 from an overdose of ..." after "Jackson died in June 2009
    # from an overdose of ...": a sentence whose words the summary mostly says is its echo.
    pool = {t: m for t, m in pool.items() if len(words[t] - told) > DETAIL_ECHO * len(words[t])}
    if not pool:
        return None
    shared = Counter(w for t in pool for w in words[t])

    def gain(text: str) -> float:
        return sum(1 for w in words[text] if shared[w] > 1) - DETAIL_REDUNDANCY * len(words[text] & told)
    return max(pool.values(), key=lambda m: (gain(m.text.strip()), -len(m.text), m.article_id, -m.idx))


def _summary_score(vectors, centroid: dict[str, float], etype: str, story: frozenset[str] = frozenset()):
    """How well a sentence sums up its entry (higher is better); see :func:`_summary`."""
    generic = generic_types()
    relational = relational_words()
    # "It was the smallest Friday demonstration in Amman" needs its sentence before it as a summary,
    # though "it" carries no dating on (storyline.toml [summary] anaphors).
    summary_anaphors = _continuation_words()[0] | frozenset(
        w.lower() for w in storyline_settings().get("summary", {}).get("anaphors", ()))

    aside = float(storyline_settings().get("summary", {}).get("off_story", 0.0)) if story else 0.0

    def score(m: EventMention) -> float:
        words = len(m.text.split())
        # A summary tells the event whole: fuller sentences (up to 25 words) over a bare clause
        # (development topics: AR-1 0.128 -> 0.134).
        length = (0.7 + 0.3 * min(1.0, words / 25)) if 10 <= words <= 50 else 0.7
        evidence = -0.1 if m.soft else {"attached": 0.15}.get(m.date_source or "", 0.05)
        said = 0.05 if m.modality == "happened" else 0.0
        named = 0.1 * min(len(m.participants), 2) + 0.02 * min(len(m.actors), 3)
        direct = 0.3 * reports_event(m, etype, kind=_kind, generic=generic) if etype else 0.0
        # A summary is in the reporter's voice: a sentence that opens a quotation tells what
        # someone said around the event, not the event.
        quoted = -0.5 if m.text.lstrip()[:1] in _QUOTE_OPENERS else 0.0
        # "The conversation came a day after ...": a sentence that places an event tells when, not what.
        placed = -0.5 if set(_WORDS.findall(m.text.lower())[1:8]) & relational else 0.0  # not "Following X, ..."
        # A quoted summary stands alone: "They reached an agreement" needs the sentence before it.
        anaphoric = -0.3 if _opens_with_anaphor(m.text, summary_anaphors) else 0.0
        # "we've been out of internet for 6 days": a comment or a host speaking, not the reporter.
        personal = -0.5 if in_first_person(m.text) else 0.0
        # "... grandparents (photo: Houston Chronicle": a caption or a page stamp glued into the sentence.
        furniture = -0.5 if holds_furniture(m.text) else 0.0
        return (_cosine(vectors[m.key], centroid) * length + evidence + said + named + direct + quoted + placed
                + anaphoric + personal + furniture
                # "Friday's demonstration in Amman was the smallest in weeks" says no word of a pile on Egypt.
                + (aside if aside and story.isdisjoint(_tokens(m.text)) else 0.0))
    return score
