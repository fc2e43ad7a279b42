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
from chronicle.store import stories as rows
from chronicle.store.db import transaction

STAGE = "link.stories.v1"
_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?")
_NAME = re.compile(r"\b[A-Z][a-zA-Z-]+(?:\s+(?:of\s+)?[A-Z][a-zA-Z-]+)*")
_FAR = dt.date.max
_NEVER = -1  # no date: a day ordinal is always >= 1


@dataclass(frozen=True, slots=True)
class StorySettings:
    """What clustering reads from ``data/stories/stories.toml`` (:meth:`load`; each value is explained
    there). The defaults here are the file's, less its ``ignore`` list."""

    lead_words: int = 1000
    title_weight: float = 2.0
    name_weight: float = 3.0
    min_df: int = 2
    max_df_share: float = 1.0
    profile_terms: int = 1000
    ignore: tuple[str, ...] = ()
    threshold: float = 0.075
    half_life_days: float = 1000.0
    dormant_days: float = 120.0
    merge_threshold: float = 0.40
    merge_min_size: int = 3
    merge_gap_days: float = 7.0

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
    added: Counter = field(default_factory=Counter)  # document frequencies added since loaded
    merged: dict[str, str] = field(default_factory=dict)  # story id -> the story it was merged into, since loaded


def article_terms(article: StoryArticle, settings: StorySettings) -> tuple[Counter, Counter]:
    """(term -> weight, name term -> surface form counts) of one article: a pure function.

        >>> terms, _ = article_terms(StoryArticle("a", "", "BP said the oil leak in the Gulf of Mexico grew.", None),
        ...                          StorySettings())
        >>> sorted(terms)
        ['@bp', '@gulf of mexico', 'grew', 'gulf', 'leak', 'mexico', 'oil']
    """
    stop = _stop(settings.ignore)
    body = " ".join(article.text.split(None, settings.lead_words)[: settings.lead_words])
    weights: dict[str, float] = {}
    surfaces: Counter = Counter()
    for text, scale in ((article.title or "", settings.title_weight), (body, 1.0)):
        if not text:
            continue
        for w, count in Counter(_WORD.findall(text.lower())).items():
            if len(w) > 2 and w not in stop:
                weights[w] = weights.get(w, 0.0) + count * scale
        for found, count in Counter(_NAME.findall(text)).items():
            if n := _name(found, settings.ignore):
                key = "@" + n.lower()
                weights[key] = weights.get(key, 0.0) + count * scale * settings.name_weight
                surfaces[n] += count
    return Counter({t: 1.0 + math.log(w) if w >= 1 else w for t, w in weights.items()}), surfaces


@functools.lru_cache(maxsize=8)
def _stop(ignore: tuple[str, ...]) -> frozenset[str]:
    return _stopwords() | frozenset(ignore)


@functools.lru_cache(maxsize=200_000)
def _name(found: str, ignore: tuple[str, ...]) -> str:
    """A capitalised run as a name: stopwords and publication words trimmed off its ends ("BST
    LONDON" -> "LONDON"), hyphens off its words ("-LRB-"); "" when nothing is left ("Tue Jun")."""
    stop = _stop(ignore)
    words = [w.strip("-") for w in found.split()]
    while words and words[0].lower() in stop:
        words.pop(0)
    while words and words[-1].lower() in stop:
        words.pop()
    name = " ".join(words)
    return name if len(name) > 1 and name.lower() not in stop else ""


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
        pile.added.update(terms.keys())
    pile.n += len(new)
    vocab, idf = _vocabulary(pile, analysed, settings)
    days = [a.published.toordinal() for a in new if a.published is not None]
    span = (min(days), max(days)) if days else None
    live = _Centroids(pile, vocab, idf, settings, span)
    placed: dict[str, str] = {}
    for art, (terms, surfaces) in zip(new, analysed):
        kept = [(vocab[t], w) for t, w in terms.items() if t in vocab]
        cols = np.array([c for c, _ in kept], dtype=np.int64)
        vals = np.array([w for _, w in kept], dtype=np.float64) * idf[cols]
        norm = float(np.linalg.norm(vals))
        if norm > 0:
            vals /= norm
        day = art.published.toordinal() if art.published is not None else _NEVER
        row = live.best(cols, vals, day) if norm > 0 else -1
        if row < 0:  # a story of its own
            row = live.start(art.id)
        live.add(row, cols, vals, day)
        story = pile.stories[live.ids[row]]
        story.size += 1
        story.names.update(surfaces)
        placed[art.id] = live.ids[row]
    merged = live.merge()
    pile.merged.update(merged)
    live.write_back()
    return {aid: merged.get(sid, sid) for aid, sid in placed.items()}


class _Centroids:
    """The live stories' centroids as rows of one dense matrix (IDF applied), their norms and spans."""

    def __init__(self, pile: Pile, vocab: dict[str, int], idf: np.ndarray, settings: StorySettings, span):
        self.pile, self.vocab, self.idf, self.settings = pile, vocab, idf, settings
        # A story dormant for every new article cannot take any: it is left out (and unchanged).
        reach = settings.dormant_days
        self.ids = [sid for sid, st in pile.stories.items() if span is None or st.first is None
                    or (st.first.toordinal() - reach <= span[1] and st.last.toordinal() + reach >= span[0])]
        size = max(16, len(self.ids) * 2)
        self.matrix = np.zeros((size, len(vocab)), dtype=np.float64)
        self.first = np.full(size, _NEVER, dtype=np.int64)
        self.last = np.full(size, _NEVER, dtype=np.int64)
        for row, sid in enumerate(self.ids):
            story = pile.stories[sid]
            for term, w in story.profile.items():
                if (col := vocab.get(term)) is not None:
                    self.matrix[row, col] = w * idf[col]
            if story.first is not None:
                self.first[row], self.last[row] = story.first.toordinal(), story.last.toordinal()
        self.norms = np.zeros(size)
        self.norms[: len(self.ids)] = np.linalg.norm(self.matrix[: len(self.ids)], axis=1)
        self.touched: set[int] = set()

    def best(self, cols: np.ndarray, vals: np.ndarray, day: int) -> int:
        """The row of the story a unit vector joins, or -1 when none is close enough."""
        k = len(self.ids)
        if not k:
            return -1
        sims = self.matrix[:k, cols] @ vals / np.maximum(self.norms[:k], 1e-12)
        if day != _NEVER:
            dated = self.first[:k] != _NEVER
            gap = np.maximum(np.maximum(day - self.last[:k], self.first[:k] - day), 0)
            sims[dated & (gap > self.settings.dormant_days)] = -1.0
        row = int(np.argmax(sims))
        return row if sims[row] >= self.settings.threshold else -1

    def start(self, story_id: str) -> int:
        row = len(self.ids)
        if row >= self.matrix.shape[0]:
            self.matrix = np.vstack([self.matrix, np.zeros_like(self.matrix)])
            self.norms, self.first, self.last = (np.concatenate([a, np.full_like(a, fill)]) for a, fill in
                                                 ((self.norms, 0), (self.first, _NEVER), (self.last, _NEVER)))
        self.ids.append(story_id)
        self.pile.stories[story_id] = Story(story_id, {}, None, None)
        return row

    def add(self, row: int, cols: np.ndarray, vals: np.ndarray, day: int) -> None:
        """Add a unit vector to a story's decayed centroid, keeping its norm without a pass over the row."""
        if len(cols):
            decay = _decay(day, int(self.last[row]), self.settings.half_life_days)
            if decay > 1.0:  # newer than the story: its past fades
                self.matrix[row] /= decay
                sq = (self.norms[row] / decay) ** 2
            else:  # older than (or as old as) the story's newest: it weighs less
                vals = vals * decay
                sq = self.norms[row] ** 2
            # |c + v|² = |c|² + 2 c·v + |v|², over v's columns only (a whole row is long)
            sq += 2.0 * float(self.matrix[row, cols] @ vals) + float(vals @ vals)
            self.matrix[row, cols] += vals
            self.norms[row] = math.sqrt(max(sq, 0.0))
        if day != _NEVER:
            self.first[row] = day if self.first[row] == _NEVER else min(self.first[row], day)
            self.last[row] = day if self.last[row] == _NEVER else max(self.last[row], day)
        self.touched.add(row)

    def merge(self) -> dict[str, str]:
        """Merge stories that turned out to be one: centroids at least ``merge_threshold`` alike and
        publication spans that overlap (or lie ``merge_gap_days`` apart), one of them touched now, both of ``merge_min_size`` articles.
        The smaller joins the larger (ties: the older id). Returns merged story id -> survivor id."""
        st, merged = self.settings, {}
        if st.merge_threshold >= 1.0:
            return merged
        while True:
            rows = [r for r in range(len(self.ids)) if self.ids[r] not in merged
                    and self.pile.stories[self.ids[r]].size >= st.merge_min_size]
            mine = [r for r in rows if r in self.touched]
            if not mine or len(rows) < 2:
                return merged
            unit = self.matrix[rows] / np.maximum(self.norms[rows], 1e-12)[:, None]
            sims = unit[[rows.index(r) for r in mine]] @ unit.T
            a_first, a_last = self.first[mine][:, None], self.last[mine][:, None]
            b_first, b_last = self.first[rows][None, :], self.last[rows][None, :]
            gap = np.maximum(a_first, b_first) - np.minimum(a_last, b_last)  # < 0: the spans overlap
            overlap = (gap <= st.merge_gap_days) | (a_first == _NEVER) | (b_first == _NEVER)
            sims[~overlap] = -1.0
            sims[np.arange(len(mine)), [rows.index(r) for r in mine]] = -1.0
            i, j = np.unravel_index(int(np.argmax(sims)), sims.shape)
            if sims[i, j] < st.merge_threshold:
                return merged
            a, b = mine[i], rows[j]
            keep, drop = sorted((a, b), key=lambda r: (-self.pile.stories[self.ids[r]].size, self.ids[r]))
            self._absorb(keep, drop)
            merged[self.ids[drop]] = self.ids[keep]
            for old, into in merged.items():  # a story merged before into the one dropped now
                if into == self.ids[drop]:
                    merged[old] = self.ids[keep]

    def _absorb(self, keep: int, drop: int) -> None:
        lk, ld = int(self.last[keep]), int(self.last[drop])
        hl = self.settings.half_life_days
        if lk != _NEVER and ld != _NEVER and ld > lk:
            self.matrix[keep] /= _decay(ld, lk, hl)
        self.matrix[keep] += self.matrix[drop] * (_decay(ld, lk, hl) if ld != _NEVER and lk != _NEVER and ld < lk
                                                  else 1.0)
        self.norms[keep] = float(np.linalg.norm(self.matrix[keep]))
        for arr, pick in ((self.first, min), (self.last, max)):
            pair = [int(arr[keep]), int(arr[drop])]
            dated = [d for d in pair if d != _NEVER]
            arr[keep] = pick(dated) if dated else _NEVER
        survivor, gone = self.pile.stories[self.ids[keep]], self.pile.stories.pop(self.ids[drop])
        survivor.size += gone.size
        survivor.names.update(gone.names)
        self.touched.add(keep)
        self.touched.discard(drop)

    def write_back(self) -> None:
        """Each touched story's profile (strongest terms, IDF off), span and name forms."""
        inv = {col: term for term, col in self.vocab.items()}
        for row in self.touched:
            story = self.pile.stories[self.ids[row]]
            if self.first[row] != _NEVER:
                story.first = dt.date.fromordinal(int(self.first[row]))
                story.last = dt.date.fromordinal(int(self.last[row]))
            story.profile = _profile(self.matrix[row], self.idf, inv, self.settings.profile_terms)
            story.names = Counter({n: c for n, c in story.names.items() if "@" + n.lower() in story.profile})
        self.touched_ids = [self.ids[r] for r in sorted(self.touched)]


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
    # Not normalised: a story's weight (how many articles it holds) is what keeps the next
    # ingest's articles from dragging its centroid, as they would drag a unit vector.
    return {inv[int(c)]: float(row[c] / idf[c]) for c in nz}


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


# ---- the store's stories ---------------------------------------------------------------------
def load_pile(conn) -> Pile:
    """The pile as the store knows it: document frequencies and every story's centroid."""
    pile = Pile(n=rows.placed_count(conn), df=Counter(rows.read_df(conn)))
    for r in rows.read_stories(conn):
        pile.stories[r["id"]] = Story(r["id"], r["terms"], _day(r["first_day"]), _day(r["last_day"]), r["size"],
                                      Counter(r["names"]))
    return pile


def cluster_stories(conn, settings: StorySettings | None = None) -> int:
    """Place the store's articles that are in no story yet (past stories are kept as they are).
    Returns how many articles were placed."""
    settings = settings or StorySettings.load()
    new = [StoryArticle(r["id"], r["title"] or "", r["text"], _day(r["published_start"]))
           for r in rows.unplaced_articles(conn)]
    if not new:
        return 0
    pile = load_pile(conn)
    placed = place_articles(pile, new, settings)
    touched = [pile.stories[sid] for sid in sorted(set(placed.values()) | set(pile.merged.values()))]
    with transaction(conn):
        rows.add_df(conn, pile.added)
        rows.replace_stories(conn, [{
            "id": s.id, "label": story_label(s), "size": s.size, "terms": s.profile, "names": dict(s.names),
            "first_day": s.first.isoformat() if s.first else None, "last_day": s.last.isoformat() if s.last else None,
        } for s in touched], STAGE)
        rows.merge_stories(conn, pile.merged)
        rows.set_article_stories(conn, placed)
    return len(placed)


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
