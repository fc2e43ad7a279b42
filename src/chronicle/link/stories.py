"""Story clustering: which story of the pile each article belongs to, decided online.

A pile from feeds holds many stories. Each article, in publication order, joins the story whose
centroid its term vector is closest to, or starts a story of its own when none is close enough
(single-pass clustering, as in TDT's "first story detection": Allan et al. 1998). Past stories
are never reshuffled: an incremental ingest only places its new articles.

- Terms: content words of the title and lead (no stopwords or generic words) and capitalised
  names ("Gulf of Mexico", "Gadhafi"), with sublinear counts times an IDF fitted on the pile
  itself (its own document frequencies, kept in the store as the pile grows).
- Centroids are time-decayed sums of their articles' unit vectors: a story drifts (the spill
  becomes the cap becomes the inquiry) and its newest articles say best what it is now.
- A story silent for longer than ``dormant_days`` takes no new articles.
- Order: articles are placed sorted by (publication day, id), so the partition of a batch does
  not depend on the order it was given in, and a story's id is its first article's id. An
  incremental ingest of articles older than the stories they would join can place them
  differently from a batch run over the whole pile (the past is not reshuffled to fit them).

Settings are data: ``data/stories/stories.toml``. ``cluster_stories(conn)`` runs after linking
(chronicle.pipeline.after_ingest) and writes through chronicle.store.stories.
"""
from __future__ import annotations

import datetime as dt
import functools
import math
import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources

import numpy as np

from chronicle.link.topic import _stopwords

STAGE = "link.stories.v1"
_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?")
_NAME = re.compile(r"\b[A-Z][a-zA-Z-]+(?:\s+(?:of\s+)?[A-Z][a-zA-Z-]+)*")
_FAR = dt.date.max
_NEVER = -1  # no date: a day ordinal is always >= 1


@dataclass(frozen=True, slots=True)
class StorySettings:
    lead_words: int = 400
    title_weight: float = 2.0
    name_weight: float = 1.5
    min_df: int = 2
    max_df_share: float = 0.5
    profile_terms: int = 1000
    ignore: tuple[str, ...] = ()
    threshold: float = 0.2
    half_life_days: float = 30.0
    dormant_days: float = 120.0

    @classmethod
    def load(cls, **overrides) -> "StorySettings":
        """The settings in ``data/stories/stories.toml``, with ``overrides`` on top."""
        return cls(**{**_toml_settings(), **overrides})


@functools.lru_cache(maxsize=1)
def _toml_settings() -> dict:
    text = resources.files("chronicle.data").joinpath("stories/stories.toml").read_text(encoding="utf-8")
    flat = {k: v for table in tomllib.loads(text).values() for k, v in table.items()}
    return {k: tuple(v) if isinstance(v, list) else v for k, v in flat.items()}


@dataclass(frozen=True, slots=True)
class StoryArticle:
    """What clustering reads of an article."""

    id: str
    title: str
    text: str
    published: dt.date | None


@dataclass(slots=True)
class Story:
    """A story as the pile knows it: ``profile`` is its decayed centroid over raw term weights
    (IDF is applied when compared, since the pile's IDF moves as it grows)."""

    id: str
    profile: dict[str, float]
    first: dt.date | None
    last: dt.date | None
    size: int = 0
    names: Counter = field(default_factory=Counter)  # surface forms of its strongest names, for the label


@dataclass(slots=True)
class Pile:
    """Everything clustering needs to place new articles: document frequencies and the stories."""

    n: int = 0
    df: Counter = field(default_factory=Counter)
    stories: dict[str, Story] = field(default_factory=dict)


def article_terms(article: StoryArticle, settings: StorySettings) -> tuple[Counter, Counter]:
    """(term -> weight, name term -> surface form counts) of one article: a pure function.

        >>> terms, _ = article_terms(StoryArticle("a", "Oil spill", "BP said the oil leak grew.", None),
        ...                          StorySettings())
        >>> sorted(terms)
        ['@bp', 'grew', 'leak', 'oil', 'spill']
    """
    stop = _stopwords() | frozenset(settings.ignore)
    body = " ".join(article.text.split()[: settings.lead_words])
    weights: Counter = Counter()
    surfaces: Counter = Counter()
    for text, scale in ((article.title or "", settings.title_weight), (body, 1.0)):
        for w in _WORD.findall(text.lower()):
            if len(w) > 2 and w not in stop:
                weights[w] += scale
        for n in _NAME.findall(text):
            n = _trim(n, stop)
            key = n.lower()
            if len(n) > 1:
                weights["@" + key] += scale * settings.name_weight
                surfaces[n] += 1
    return Counter({t: 1.0 + math.log(w) if w >= 1 else w for t, w in weights.items()}), surfaces


def _trim(name: str, stop: frozenset[str]) -> str:
    """A name without the stopwords at its ends ("BST LONDON" -> "LONDON"; "Tue Jun" -> "")."""
    words = name.split()
    while words and words[0].lower() in stop:
        words.pop(0)
    while words and words[-1].lower() in stop:
        words.pop()
    return " ".join(words)


def _order_key(article: StoryArticle) -> tuple:
    return (article.published or _FAR, article.id)


def place_articles(pile: Pile, articles: Iterable[StoryArticle], settings: StorySettings | None = None
                   ) -> dict[str, str]:
    """Place new articles into ``pile`` (updated in place); returns article id -> story id.

    Articles already counted in the pile must not be given again. The result does not depend on
    the order of ``articles``:

        >>> a = StoryArticle("a1", "Oil spill grows", "BP oil spill grows in the Gulf.", dt.date(2010, 4, 22))
        >>> b = StoryArticle("b1", "Oil spill", "The BP oil spill reaches the Gulf coast.", dt.date(2010, 4, 23))
        >>> place_articles(Pile(), [b, a]) == {"a1": "a1", "b1": "a1"}
        True
    """
    settings = settings or StorySettings.load()
    new = sorted(articles, key=_order_key)
    if not new:
        return {}
    analysed = [article_terms(a, settings) for a in new]
    for terms, _ in analysed:
        pile.df.update(terms.keys())
    pile.n += len(new)
    vocab, idf = _vocabulary(pile, analysed, settings)
    ids = list(pile.stories)
    matrix = np.zeros((max(16, len(ids) * 2), len(vocab)), dtype=np.float64)
    for row, sid in enumerate(ids):
        for term, w in pile.stories[sid].profile.items():
            if (col := vocab.get(term)) is not None:
                matrix[row, col] = w * idf[col]
    norms = np.zeros(matrix.shape[0])
    norms[: len(ids)] = np.linalg.norm(matrix[: len(ids)], axis=1)
    # Story spans as day ordinals; an undated story spans everything (never dormant).
    first = np.full(matrix.shape[0], _NEVER, dtype=np.int64)
    last = np.full(matrix.shape[0], _NEVER, dtype=np.int64)
    for row, sid in enumerate(ids):
        story = pile.stories[sid]
        if story.first is not None:
            first[row], last[row] = story.first.toordinal(), story.last.toordinal()
    touched: set[int] = set()
    placed: dict[str, str] = {}
    for art, (terms, surfaces) in zip(new, analysed):
        cols = np.fromiter((vocab[t] for t in terms if t in vocab), dtype=np.int64)
        vals = np.fromiter((w for t, w in terms.items() if t in vocab), dtype=np.float64) * idf[cols]
        norm = float(np.linalg.norm(vals))
        day = art.published.toordinal() if art.published is not None else _NEVER
        row = -1
        if norm > 0 and ids:
            vals /= norm
            k = len(ids)
            sims = matrix[:k, cols] @ vals / np.maximum(norms[:k], 1e-12)
            if day != _NEVER:
                dated = first[:k] != _NEVER
                gap = np.maximum(np.maximum(day - last[:k], first[:k] - day), 0)
                sims[dated & (gap > settings.dormant_days)] = -1.0
            best = int(np.argmax(sims))
            if sims[best] >= settings.threshold:
                row = best
        if row < 0:  # a story of its own
            row = len(ids)
            if row >= matrix.shape[0]:
                matrix = np.vstack([matrix, np.zeros_like(matrix)])
                norms, first, last = (np.concatenate([a, np.full_like(a, fill)])
                                      for a, fill in ((norms, 0), (first, _NEVER), (last, _NEVER)))
            ids.append(art.id)
            pile.stories[art.id] = Story(art.id, {}, None, None)
        if norm > 0:
            decay = _decay(day, int(last[row]), settings.half_life_days)
            if decay > 1.0:  # newer than the story: its past fades
                matrix[row] /= decay
                sq = (norms[row] / decay) ** 2
            else:  # older than (or as old as) the story's newest: it weighs less
                vals = vals * decay
                sq = norms[row] ** 2
            # |c + v|² = |c|² + 2 c·v + |v|², over v's columns only (a whole row is long)
            sq += 2.0 * float(matrix[row, cols] @ vals) + float(vals @ vals)
            matrix[row, cols] += vals
            norms[row] = math.sqrt(max(sq, 0.0))
        if day != _NEVER:
            first[row] = day if first[row] == _NEVER else min(first[row], day)
            last[row] = day if last[row] == _NEVER else max(last[row], day)
        story = pile.stories[ids[row]]
        story.size += 1
        story.names.update(surfaces)
        touched.add(row)
        placed[art.id] = ids[row]
    inv = {col: term for term, col in vocab.items()}
    for row in touched:
        story = pile.stories[ids[row]]
        if first[row] != _NEVER:
            story.first, story.last = dt.date.fromordinal(int(first[row])), dt.date.fromordinal(int(last[row]))
        story.profile = _profile(matrix[row], idf, inv, settings.profile_terms)
        story.names = Counter({n: c for n, c in story.names.items() if "@" + n.lower() in story.profile})
    return placed


def _decay(day: int, last: int, half_life: float) -> float:
    """Weight of a new article relative to the story's past: > 1 when it is newer than the story's
    last article (the past is scaled down instead), < 1 when it is older."""
    if day == _NEVER or last == _NEVER or half_life <= 0:
        return 1.0
    return 2.0 ** ((day - last) / half_life)


def _vocabulary(pile: Pile, analysed, settings: StorySettings) -> tuple[dict[str, int], np.ndarray]:
    """The terms that can tell stories apart (seen in min_df articles, not in most), with their IDF."""
    ceiling = max(settings.min_df, settings.max_df_share * pile.n)
    terms = {t for story in pile.stories.values() for t in story.profile}
    terms.update(t for article_terms_, _ in analysed for t in article_terms_)
    kept = sorted(t for t in terms if settings.min_df <= pile.df[t] <= ceiling)
    vocab = {t: i for i, t in enumerate(kept)}
    idf = np.array([math.log((1 + pile.n) / (1 + pile.df[t])) + 1.0 for t in kept], dtype=np.float64)
    return vocab, idf


def _profile(row: np.ndarray, idf: np.ndarray, inv: dict[int, str], keep: int) -> dict[str, float]:
    """A centroid row back to raw term weights (IDF taken off), its ``keep`` strongest terms."""
    nz = np.flatnonzero(row)
    if len(nz) > keep:
        nz = nz[np.argsort(-row[nz], kind="stable")[:keep]]
    scale = float(np.linalg.norm(row)) or 1.0
    return {inv[int(c)]: float(row[c] / idf[c] / scale) for c in nz}


def story_label(story: Story, *, words: int = 5) -> str:
    """A few salient names and words of a story, strongest first, names as most often written.

        >>> story_label(Story("s", {"@bp": 0.9, "oil": 0.5, "spill": 0.4}, None, None, names=Counter({"BP": 3})))
        'BP, oil, spill'
    """
    forms: dict[str, tuple[int, str]] = {}
    for surface, count in story.names.items():
        key = "@" + surface.lower()
        if key not in forms or (count, surface) > forms[key]:
            forms[key] = (count, surface)
    out: list[str] = []
    seen: set[str] = set()
    for term, _ in sorted(story.profile.items(), key=lambda kv: (-kv[1], kv[0])):
        text = forms[term][1] if term in forms else term.lstrip("@")
        words_of = set(text.lower().split())
        if words_of <= seen:  # "oil" after "BP oil": nothing new
            continue
        seen |= words_of
        out.append(text)
        if len(out) >= words:
            break
    return ", ".join(out)
