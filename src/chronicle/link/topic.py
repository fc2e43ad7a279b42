"""Off-topic articles: in a pile about one story, the articles about something else (a holiday
feature in a politics pile) are marked and kept out of the storyline.

Each article is compared with the rest of the pile: the cosine of its term vector (content
words and names, :class:`TermVectors`) with the centroid of every other original (copies
count once: a syndicated copy takes its original's mark). The scores of a pile about one story are close together, and an article
about something else falls far below them. "Far" is robust to the pile's own spread: the
score's distance below the median in MADs (a robust z-score), and it must also be a small
fraction of the median similarity. Small piles are never judged (too few articles to say
what the story is), so a 5- or 10-article pile keeps every article.

A pile that holds several stories (a newsroom's whole feed, the 9 Timeline17 topics in one
store) has no single topic. An article that belongs to a story of its own in the pile is not
off-topic: it is kept when enough of its nearest neighbours resemble it as closely as the
pile's articles resemble theirs (``neighbours`` articles, at least ``story_share`` of the pile).

It runs after ingest (``chronicle.pipeline.after_ingest``): ``mark_off_topic(conn)`` marks the
store's articles, and ``chronicle.store.articles.off_topic_articles(conn)`` reads the marks back.
"""
from __future__ import annotations

import functools
import math
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass
from importlib import resources

import numpy as np

from chronicle.store.db import transaction

STAGE = "link.topic.v1"
_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?")
_NAME = re.compile(r"\b[A-Z][a-zA-Z-]+(?:\s+(?:of\s+)?[A-Z][a-zA-Z-]+)*")  # "Gulf of Mexico", "BP"


@dataclass(frozen=True, slots=True)
class TopicSettings:
    min_pile: int = 12  # fewer originals than this: nothing is judged
    z: float = 2.5  # robust z-score below which an article is far from the pile ...
    ratio: float = 0.5  # ... when its similarity is also below this share of the pile's median
    neighbours: int = 5  # a story of its own needs at least this many close neighbours ...
    story_share: float = 0.02  # ... and at least this share of the pile


@functools.lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    words: set[str] = set()
    for folder, name in (("timeline", "stopwords.txt"), ("text", "generic_words.txt")):
        text = resources.files("chronicle.data").joinpath(folder).joinpath(name).read_text(encoding="utf-8")
        words.update(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))
    return frozenset(words)


def _terms(text: str) -> Counter:
    """Content words (no stopwords or generic words) and capitalised names, as separate terms."""
    stop = _stopwords()
    terms = Counter(w for w in _WORD.findall(text.lower()) if len(w) > 2 and w not in stop)
    terms.update("@" + n.lower() for n in _NAME.findall(text) if len(n) > 2 and n.lower() not in stop)
    return terms


class TermVectors:
    """Unit-length term vectors of a pile's texts, kept sparse (a row per text, a column index for
    dot products), over terms found in at least two texts.

    Weights are sublinear term counts with no IDF: the words that say what a pile is about are
    the ones most of its articles use ("flu", "swine"), which an IDF fitted on the pile would
    discount; generic words are left out by list instead (data/text/generic_words.txt). Measured
    on Timeline17 mixed piles (bench/storyline/offtopic.py): mean AUC 0.97 against 0.90 with IDF.
    """

    def __init__(self, texts: list[str]):
        counts = [_terms(t) for t in texts]
        df = Counter(w for c in counts for w in c)
        vocab = {w: i for i, w in enumerate(sorted(w for w, k in df.items() if k >= 2))}
        self.n, self.width = len(texts), len(vocab)
        self.rows: list[tuple[np.ndarray, np.ndarray]] = []
        for c in counts:
            kept = [(vocab[w], 1 + math.log(k)) for w, k in c.items() if w in vocab]
            cols = np.array([col for col, _ in kept], dtype=np.int64)
            vals = np.array([v for _, v in kept], dtype=np.float64)
            norm = float(np.linalg.norm(vals))
            self.rows.append((cols, vals / norm if norm else vals))
        empty = [np.zeros(0, np.int64)]
        all_rows = np.concatenate([np.full(len(c), i, dtype=np.int64) for i, (c, _) in enumerate(self.rows)] or empty)
        all_cols = np.concatenate([c for c, _ in self.rows] or empty)
        all_vals = np.concatenate([v for _, v in self.rows] or [np.zeros(0)])
        order = np.argsort(all_cols, kind="stable")
        self._row_of, self._val = all_rows[order], all_vals[order]
        self._ptr = np.searchsorted(all_cols[order], np.arange(self.width + 1))

    def total(self) -> np.ndarray:
        out = np.zeros(self.width)
        for cols, vals in self.rows:
            out[cols] += vals
        return out

    def similarities(self, i: int) -> np.ndarray:
        """Cosine of text ``i`` with every text of the pile."""
        cols, vals = self.rows[i]
        out = np.zeros(self.n)
        for c, v in zip(cols, vals):
            lo, hi = self._ptr[c], self._ptr[c + 1]
            out[self._row_of[lo:hi]] += v * self._val[lo:hi]
        return out


def topic_scores(texts: list[str], vectors: TermVectors | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(similarity of each text to the centroid of the others, robust z-score of that similarity)."""
    m = vectors or TermVectors(texts)
    total = m.total()
    sims = np.empty(m.n, dtype=np.float64)
    for i, (cols, vals) in enumerate(m.rows):
        dot = float(vals @ total[cols]) - float(vals @ vals)  # with the centroid of the others
        rest = float(total @ total) - 2 * float(vals @ total[cols]) + float(vals @ vals)
        sims[i] = dot / math.sqrt(rest) if rest > 1e-12 else 0.0
    median = float(np.median(sims))
    mad = float(np.median(np.abs(sims - median))) * 1.4826 or 1e-9
    return sims, (sims - median) / mad


def find_off_topic(texts: list[str], settings: TopicSettings = TopicSettings()) -> tuple[list[bool], np.ndarray]:
    """Which texts are off the pile's topic, and each one's robust z-score (a pure function)."""
    n = len(texts)
    if n < settings.min_pile:
        return [False] * n, np.zeros(n)
    m = TermVectors(texts)
    sims, z = topic_scores(texts, m)
    median = float(np.median(sims))
    far = [bool(z[i] < -settings.z and sims[i] < settings.ratio * median) for i in range(n)]
    if any(far):
        k = min(n - 1, max(settings.neighbours, math.ceil(settings.story_share * n)))
        # How close a typical article's k-th nearest neighbour is: an article whose k-th
        # neighbour is that close belongs to a story of its own.
        sample = range(0, n, max(1, n // 200))
        typical = float(np.median([_kth(m.similarities(i), i, k) for i in sample]))
        far = [f and _kth(m.similarities(i), i, k) < typical for i, f in enumerate(far)]
    return far, z


def _kth(sims: np.ndarray, i: int, k: int) -> float:
    sims = sims.copy()
    sims[i] = -1.0
    return float(np.partition(sims, len(sims) - k)[len(sims) - k])


def mark_off_topic(conn: sqlite3.Connection, settings: TopicSettings = TopicSettings()) -> set[str]:
    """Score every stored article against the pile and mark those off its topic (articles.off_topic,
    topic_score). Copies take their original's mark. Returns the ids marked."""
    rows = conn.execute(
        "SELECT id, title, text FROM articles WHERE duplicate_of IS NULL ORDER BY seq").fetchall()
    far, z = find_off_topic([f"{r['title'] or ''}\n{r['text']}" for r in rows], settings)
    marked = {r["id"] for r, f in zip(rows, far) if f}
    scores = [(1 if f else 0, round(float(s), 3) if len(rows) >= settings.min_pile else None, r["id"])
              for r, f, s in zip(rows, far, z)]
    with transaction(conn):
        conn.executemany("UPDATE articles SET off_topic = ?, topic_score = ? WHERE id = ?", scores)
        conn.execute(
            "UPDATE articles SET (off_topic, topic_score) = (SELECT o.off_topic, o.topic_score FROM articles o "
            "WHERE o.id = articles.duplicate_of) WHERE duplicate_of IS NOT NULL")
        marked |= {r[0] for r in conn.execute("SELECT id FROM articles WHERE duplicate_of IS NOT NULL AND off_topic = 1")}
    return marked
