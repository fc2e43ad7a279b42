"""Importance of dates and timeline entries, and the choice of a central summary sentence.

Pure functions over plain records, shared by ``chronicle timeline`` and by the Timeline17
benchmark (``python -m bench.tls``), so that what the benchmark scores is what users get.

The unit of evidence is a :class:`DatedSentence`: a sentence placed on a day, either because
one of its time expressions names that day (``mentioned=True``) or, failing that, because its
article was published that day (``mentioned=False``, the fallback news-tls uses). Every record
carries ``source``: the id of the independent source, i.e. the article a syndicated copy
copies (``articles.duplicate_of``) or the article itself, so copies never count twice.

The interface, smallest first:

- :func:`count_date_sources` -- independent sources per date key, from (key, source) pairs;
  keys can be days, TIMEX3 strings or anything hashable.
- :func:`score_dates` / :func:`rank_dates` -- DATEWISE-style date ranking (Ghalandari &
  Ifrim 2020): a day matters when many independent sources name it, above all sources
  written after it, and when many are published on it. :func:`score_date_evidence` is the same
  from bare (source, day) evidence; :func:`chronicle.timeline.dated.store_date_scores` computes it in SQL.
- :func:`entry_importance` / :func:`top_entries` -- importance of timeline entries from their
  independent sources and the score of their date (``timeline --top N``).
- :func:`choose_summary` -- the most central, informative sentences of a group (greedy
  summary-to-centroid optimisation over TF-IDF bags of words, news-tls "CentroidOpt"), the
  group's centroid blended with the whole collection's (``story_weight``: DATEWISE's query of
  topic keywords, without needing the keywords).
- :func:`summarize_dates` -- the whole date-wise timeline summariser: rank days, collect each
  day's sentences (those naming it, weighted most when written after it, and undated lead
  sentences published on it), choose its summary.

    >>> import datetime as dt
    >>> d = dt.date(2010, 4, 20)
    >>> recs = [DatedSentence("a1", "The rig exploded on 20 April.", d, True, dt.date(2010, 4, 22)),
    ...         DatedSentence("a2", "It exploded on April 20.", d, True, dt.date(2010, 4, 23))]
    >>> rank_dates(recs)[0]  # named by both sources; their publication days score less
    datetime.date(2010, 4, 20)
"""
from __future__ import annotations

import datetime as dt
import functools
import math
import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import TypeVar

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_QUOTE = re.compile(r"``|''|[\"“”«»]")


# ---- configuration (data/timeline/importance.toml) ---------------------------------------------

@dataclass(frozen=True, slots=True)
class DateWeights:
    mention_before_publication: float = 1.0
    mention_long_before: float = 1.0  # a day still named more than long_before_days after it
    long_before_days: int = 30
    mention_same_day: float = 0.5
    mention_after_publication: float = 0.5
    published_same_day: float = 0.5
    published_next_day: float = 0.25


@dataclass(frozen=True, slots=True)
class EntryWeights:
    sources: float = 1.0
    date: float = 0.5
    top_date: float = 0.5  # the day's weight in a top-N list (views.timeline.top_ids), in place of ``date``
    per_date: int = 2  # most entries one day may place in a top-N list
    same_day: float = 1.0  # the weight of a day's second entry in a top-N list, relative to its first
    types: dict = field(default_factory=dict)  # event type -> weight (1.0 when absent)
    retold: float = 0.0  # per independent source published after the event that still reports it
    centrality: float = 0.0  # times the cosine of the entry's summary with the pile's centroid
    coarse: float = 1.0  # times the importance of an entry dated only to a week or month (a milestone has a day)
    off_story: float = 1.0  # times the importance of an entry none of whose sentences says a word of its story
    story_share: float = 0.5  # a story's words: those in at least this share of its articles


@dataclass(frozen=True, slots=True)
class SummaryOptions:
    min_words: int = 5  # content words (see tokenize), so a bare timestamp or "Reply | Report abuse" never wins
    max_words: int = 45
    max_similarity: float = 0.6
    lead_sentences: int = 5  # undated sentences that may stand for their publication day
    min_relevance: float = 0.0  # cosine with the whole collection below which a sentence is off the story
    avoid_quotes: bool = False  # prefer sentences without quotation marks (reported speech, not events)
    prefer_mentioned: bool = False  # summarise a day from the sentences that name it, when there are any
    # Weight in a day's centroid of a sentence naming the day from a later article (1.0), of one
    # naming it on the day itself, and of an undated lead sentence published that day or the next.
    same_day_weight: float = 1.0
    published_weight: float = 0.5
    story_weight: float = 0.0  # pull each day's centroid toward the whole collection's (the story's keywords)


@dataclass(frozen=True, slots=True)
class Weights:
    dates: DateWeights = field(default_factory=DateWeights)
    entries: EntryWeights = field(default_factory=EntryWeights)
    summary: SummaryOptions = field(default_factory=SummaryOptions)


@functools.lru_cache(maxsize=1)
def default_weights() -> Weights:
    """The weights shipped in ``chronicle/data/timeline/importance.toml``."""
    text = resources.files("chronicle.data").joinpath("timeline/importance.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    return Weights(DateWeights(**data.get("dates", {})), EntryWeights(**data.get("entries", {})),
                   SummaryOptions(**data.get("summary", {})))


@functools.lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    text = resources.files("chronicle.data").joinpath("timeline/stopwords.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


# ---- the evidence record --------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class DatedSentence:
    """A sentence placed on a day, with the article and independent source it comes from."""

    article_id: str
    text: str
    date: dt.date
    mentioned: bool  # True: a time expression in the sentence names the day; False: publication-date fallback
    published: dt.date | None = None
    source_id: str | None = None  # the article this one copies; None: the article is its own source
    index: int = 0  # position of the sentence in its article
    start_char: int = 0
    end_char: int = 0
    offset: int = -1  # where the time expression naming the day starts in the sentence; -1: not named
    stamped: bool = False  # the day is named only in a timestamp (byline, comment stamp): no summary for it

    @property
    def source(self) -> str:
        return self.source_id or self.article_id


def _order_key(s: DatedSentence) -> tuple:
    # Every field, so that records equal under a shorter key never sort by input order.
    return (s.article_id, s.index, s.start_char, s.date, s.mentioned, s.text, s.published or dt.date.min,
            s.source_id or "", s.end_char, s.offset, s.stamped)


# ---- counting and ranking dates -------------------------------------------------------------

def count_date_sources(pairs: Iterable[tuple[K, str]]) -> Counter[K]:
    """Independent sources per date key, from (date key, source id) pairs; repeats count once.

    >>> count_date_sources([("2025-03-18", "a"), ("2025-03-18", "a"), ("2025-03-18", "b")])
    Counter({'2025-03-18': 2})
    """
    seen: dict[K, set[str]] = defaultdict(set)
    for key, source in pairs:
        seen[key].add(source)
    return Counter({key: len(sources) for key, sources in seen.items()})


def score_dates(sentences: Iterable[DatedSentence], weights: DateWeights | None = None) -> dict[dt.date, float]:
    """Score each day by the independent sources that name it or are published on it.

    Each (source, day) pair counts once, whatever the number of sentences or copies, with
    the weight of its strongest kind of evidence for mentions and for publication.
    """
    records = list(sentences)
    return score_date_evidence(
        ((s.source, s.date, s.published) for s in records if s.mentioned),
        ((s.source, s.published) for s in records if s.published is not None),
        weights,
    )


def score_date_evidence(mentions: Iterable[tuple[str, dt.date, dt.date | None]],
                        publications: Iterable[tuple[str, dt.date]],
                        weights: DateWeights | None = None) -> dict[dt.date, float]:
    """The scoring behind :func:`score_dates`, from bare evidence, for callers that aggregate
    in SQL (:func:`chronicle.timeline.dated.store_date_scores`).

    ``mentions``: (source, day named, source's publication day or None), repeats allowed;
    ``publications``: (source, publication day), repeats allowed.
    """
    w = weights or default_weights().dates
    mention: dict[tuple[str, dt.date], float] = {}
    for src, day, pub in mentions:
        if pub is None or day == pub:
            weight = w.mention_same_day
        elif (pub - day).days > w.long_before_days:
            weight = w.mention_long_before
        elif day < pub:
            weight = w.mention_before_publication
        else:
            weight = w.mention_after_publication
        mention[(src, day)] = max(mention.get((src, day), 0.0), weight)
    published: dict[tuple[str, dt.date], float] = {}
    for src, pub in publications:
        published[(src, pub)] = max(published.get((src, pub), 0.0), w.published_same_day)
        before = pub - dt.timedelta(days=1)
        published[(src, before)] = max(published.get((src, before), 0.0), w.published_next_day)
    scores: dict[dt.date, float] = defaultdict(float)
    for (_, day), weight in sorted(mention.items()):
        scores[day] += weight
    for (_, day), weight in sorted(published.items()):
        scores[day] += weight
    return {day: score for day, score in scores.items() if score > 0}


def rank_dates(sentences: Iterable[DatedSentence], weights: DateWeights | None = None, *,
               start: dt.date | None = None, end: dt.date | None = None) -> list[dt.date]:
    """Days from most to least important (ties: earlier first), optionally kept to start..end."""
    scores = score_dates(sentences, weights)
    days = [d for d in scores if (start is None or d >= start) and (end is None or d <= end)]
    return sorted(days, key=lambda d: (-scores[d], d))


# ---- timeline entries -----------------------------------------------------------------------

def entry_importance(independent_sources: int, date_score: float, weights: EntryWeights | None = None,
                     *, type: str | None = None, retold: int = 0, centrality: float = 0.0,
                     coarse: bool = False) -> float:
    """Importance of one timeline entry: its independent sources, the weight of its date, how many
    later sources retell it and how central it is to the pile, times the weight of its event type
    (statements weigh less than what they are about)."""
    w = weights or default_weights().entries
    return (w.sources * independent_sources + w.date * date_score + w.retold * retold
            + w.centrality * centrality) * w.types.get(type, 1.0) * (w.coarse if coarse else 1.0)


def top_entries(entries: Sequence[T], n: int, *, sources: Callable[[T], int], date_score: Callable[[T], float],
                key: Callable[[T], Hashable], weights: EntryWeights | None = None) -> list[T]:
    """The ``n`` most important entries, returned in the order given (callers order by date).

    ``key`` must identify an entry uniquely and stably (e.g. its date value and summary);
    it breaks ties, so the result does not depend on the input order.
    """
    if n <= 0:
        return []
    ranked = sorted(entries, key=lambda e: (-entry_importance(sources(e), date_score(e), weights), key(e)))
    keep = {id(e) for e in ranked[:n]}
    return [e for e in entries if id(e) in keep]


# ---- bags of words --------------------------------------------------------------------------

def tokenize(text: str) -> list[str]:
    """Lower-cased content words: no stopwords, time words (data/timeline/stopwords.txt), numbers or punctuation."""
    stop = stopwords()
    return [w for w in _WORD.findall(text.lower()) if len(w) > 1 and w not in stop and not w[0].isdigit()]


class Vectorizer:
    """TF-IDF bags of words with inverse document frequencies learnt from a collection's sentences."""

    def __init__(self, texts: Iterable[str] = ()):
        df: Counter[str] = Counter()
        tf: Counter[str] = Counter()
        n = 0
        for text in texts:
            words = tokenize(text)
            tf.update(words)
            df.update(set(words))
            n += 1
        self.n = n
        self.idf = {w: math.log((1 + n) / (1 + c)) + 1.0 for w, c in df.items()}
        self._unseen = math.log(1 + n) + 1.0
        # What the collection as a whole is about: its summed TF-IDF weights.
        self.centroid = _normalize({w: c * self.idf[w] for w, c in tf.items()})

    def __call__(self, text: str) -> dict[str, float]:
        counts = Counter(tokenize(text))
        vec = {w: c * self.idf.get(w, self._unseen) for w, c in counts.items()}
        return _normalize(vec)


def _normalize(vec: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {w: v / norm for w, v in vec.items()} if norm else {}


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def _add(acc: dict[str, float], vec: dict[str, float], scale: float = 1.0) -> dict[str, float]:
    out = dict(acc)
    for w, v in vec.items():
        out[w] = out.get(w, 0.0) + scale * v
    return out


# ---- choosing summary sentences -------------------------------------------------------------

def choose_summary(texts: Sequence[str], k: int = 1, *, vectorizer: Vectorizer | None = None,
                   weights: Sequence[float] | None = None, options: SummaryOptions | None = None) -> list[int]:
    """Indices of up to ``k`` sentences that together lie closest to the group's centroid.

    The centroid is the (optionally weighted) sum of the sentences' TF-IDF vectors, pulled
    toward the vectorizer's collection centroid by ``options.story_weight``; sentences
    are added greedily to maximise the cosine of the summary's vector with it (news-tls
    CentroidOpt), skipping sentences outside the word bounds and near-repeats. Ties go to the
    earlier index, so callers that want order-independence pass texts in a canonical order.
    When no sentence fits the word bounds, the bounds are dropped rather than return nothing.
    """
    if k <= 0 or not texts:
        return []
    opt = options or default_weights().summary
    vec = vectorizer or Vectorizer(texts)
    vectors = [vec(t) for t in texts]
    centroid: dict[str, float] = {}
    for i, v in enumerate(vectors):
        centroid = _add(centroid, v, weights[i] if weights is not None else 1.0)
    centroid = _normalize(centroid)
    if opt.story_weight:
        centroid = _normalize(_add(centroid, vec.centroid, opt.story_weight))
    lengths = [len(t.split()) for t in texts]
    content = [len(tokenize(t)) for t in texts]
    eligible = [i for i in range(len(texts)) if content[i] >= opt.min_words and lengths[i] <= opt.max_words]
    if opt.avoid_quotes:
        unquoted = [i for i in eligible if not _QUOTE.search(texts[i])]
        eligible = unquoted or eligible
    if not eligible:
        eligible = [i for i in range(len(texts)) if vectors[i]]
    chosen: list[int] = []
    summary: dict[str, float] = {}
    while len(chosen) < k:
        best, best_score = None, -1.0
        for i in eligible:
            if i in chosen or any(_dot(vectors[i], vectors[j]) > opt.max_similarity for j in chosen):
                continue
            score = _dot(_normalize(_add(summary, vectors[i])), centroid)
            if score > best_score + 1e-12:
                best, best_score = i, score
        if best is None:
            break
        chosen.append(best)
        summary = _add(summary, vectors[best])
    return chosen


# ---- the date-wise timeline summariser ------------------------------------------------------

@dataclass(frozen=True, slots=True)
class TimelineDay:
    date: dt.date
    score: float
    summary: tuple[DatedSentence, ...]


def candidates_by_date(sentences: Iterable[DatedSentence], options: SummaryOptions | None = None
                       ) -> dict[dt.date, list[DatedSentence]]:
    """The sentences that may summarise each day: those naming it, and the lead sentences
    without a time expression of articles published that day or the day after."""
    opt = options or default_weights().summary
    out: dict[dt.date, list[DatedSentence]] = defaultdict(list)
    for s in sentences:
        if s.stamped:
            continue
        if s.mentioned:
            out[s.date].append(s)
        elif s.index < opt.lead_sentences:
            out[s.date].append(s)
            out[s.date - dt.timedelta(days=1)].append(s)
    return out


def summarize_dates(sentences: Iterable[DatedSentence], n_dates: int, per_date: int = 1, *,
                    start: dt.date | None = None, end: dt.date | None = None,
                    weights: Weights | None = None, vectorizer: Vectorizer | None = None) -> list[TimelineDay]:
    """A timeline of the ``n_dates`` most important days, each summarised by ``per_date`` sentences.

    Output is ordered by date and does not depend on the order of ``sentences``.
    """
    w = weights or default_weights()
    records = sorted(set(sentences), key=_order_key)
    scores = score_dates(records, w.dates)
    days = sorted((d for d in scores if (start is None or d >= start) and (end is None or d <= end)),
                  key=lambda d: (-scores[d], d))
    pool = candidates_by_date(records, w.summary)
    vec = vectorizer or Vectorizer(s.text for s in records)
    out: list[TimelineDay] = []
    for day in days:
        if len(out) >= n_dates:
            break
        cands = _unique_texts(pool.get(day, []))
        if w.summary.prefer_mentioned:
            cands = [c for c in cands if c.mentioned] or cands
        if w.summary.min_relevance > 0:
            on_story = [c for c in cands if _dot(vec(c.text), vec.centroid) >= w.summary.min_relevance]
            cands = on_story or cands
        if not cands:
            continue
        picked = choose_summary([c.text for c in cands], per_date, vectorizer=vec,
                                weights=[_evidence_weight(c, day, w.summary) for c in cands], options=w.summary)
        if picked:
            out.append(TimelineDay(day, scores[day], tuple(cands[i] for i in picked)))
    return sorted(out, key=lambda t: t.date)


def _evidence_weight(c: DatedSentence, day: dt.date, opt: SummaryOptions) -> float:
    """How much a candidate speaks for its day: a later article's sentence that names the day is
    a retrospective account of it, the very thing a timeline line is."""
    if not c.mentioned:
        return opt.published_weight
    if c.published is not None and c.published > day:
        return 1.0
    return opt.same_day_weight


def _unique_texts(cands: list[DatedSentence]) -> list[DatedSentence]:
    """One record per distinct text (syndicated copies repeat sentences), in canonical order."""
    seen: dict[str, DatedSentence] = {}
    for c in sorted(cands, key=_order_key):
        key = " ".join(c.text.split()).lower()
        if key not in seen:
            seen[key] = c
    return list(seen.values())
