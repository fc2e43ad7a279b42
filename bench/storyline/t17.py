"""Timeline17 through the storyline's eyes: besides Date-F1/AR-1/AR-2 of ``timeline --top T``, the
duplicates, the entries from before the topic's window, and the boilerplate entries in that top T.

Definitions (issue 13 asks for them precisely):

- **content** of a text: its lower-cased tokens, Porter-stemmed, without ROUGE's stopwords and
  punctuation (the tokens the AR metrics count, bench/tls/metrics.py).
- **duplicate pair**: two entries of the top T that tell one event, either
  (a) *near-duplicates*: the Jaccard similarity of their summaries' content is at least
  ``NEAR_DUP`` (0.6), each has at least 4 content stems, and their dates are at most
  ``NEAR_DAYS`` (7) days apart; or
  (b) *one gold date's event*: both are dated on the same gold day g, each shares at least
  ``max(2, 20%)`` of the content of g's gold summary, and they share at least 2 of those gold
  stems with each other (so two entries for two different events of a busy gold day are not
  counted).
  Pairs are joined transitively; an event told by k entries counts k - 1 duplicates; the
  duplicate rate is duplicates / entries in the top T.
- **before the window**: an entry whose date ends more than ``MARGIN_DAYS`` (30) days before
  the topic's window, which starts at the earlier of the gold's first date and the topic's
  earliest article.
- **boilerplate**: an entry whose summary or headline matches a pattern of boilerplate.toml.
- **split event** (the issue's "no single event split into more than 3 entries"), over the *whole*
  timeline: for a gold day g, the day-dated entries within ``SPLIT_DAYS`` (1) of g whose summary and
  headline share at least ``max(2, 20%)`` of the content of g's gold summary, joined when two of them
  share at least 2 of those gold stems; the largest group is how many entries tell g's event. An
  event "split" is one told by more than ``SPLIT_LIMIT`` (3) entries.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bench.storyline.boilerplate import is_boilerplate
from bench.tls.metrics import PRF, _tokens, align_rouge, date_prf
from bench.tls.product import ProductRun, as_timeline
from chronicle.dates import DateValue

NEAR_DUP = 0.6
NEAR_DAYS = 7
GOLD_SHARE = 0.2
MARGIN_DAYS = 30
SPLIT_DAYS = 1
SPLIT_LIMIT = 3


@dataclass
class StorylineScores:
    dates: PRF
    rouge_1: PRF
    rouge_2: PRF
    entries: int
    duplicates: int
    before_window: int
    boilerplate: int
    coarse: int
    rouge_1_summary: PRF | None = None  # AR-1 of the summary sentence alone, when text adds the detail

    @property
    def duplicate_rate(self) -> float:
        return self.duplicates / self.entries if self.entries else 0.0


def content(text: str) -> frozenset[str]:
    return frozenset(_tokens([text]))


def _interval(entry: dict) -> tuple[dt.date, dt.date] | None:
    value = DateValue.try_parse(entry.get("date"))
    return (value.start, value.end) if value else None


def _days_apart(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> int:
    if a[1] < b[0]:
        return (b[0] - a[1]).days
    if b[1] < a[0]:
        return (a[0] - b[1]).days
    return 0


def duplicate_pairs(entries: list[dict], gold: dict[dt.date, list[str]]) -> list[tuple[int, int, str]]:
    """(i, j, why) for every duplicate pair of entries (indices into ``entries``); see the module doc."""
    texts = [content(e.get("summary") or "") for e in entries]
    spans = [_interval(e) for e in entries]
    gold_content = {d: content(" ".join(s)) for d, s in gold.items()}
    pairs = []
    for i in range(len(entries)):
        for j in range(i + 1, len(entries)):
            a, b = texts[i], texts[j]
            if spans[i] and spans[j] and min(len(a), len(b)) >= 4 and _days_apart(spans[i], spans[j]) <= NEAR_DAYS:
                if len(a & b) / len(a | b) >= NEAR_DUP:
                    pairs.append((i, j, "near-duplicate"))
                    continue
            if spans[i] and spans[i][0] == spans[i][1] and spans[i] == spans[j] and spans[i][0] in gold_content:
                g = gold_content[spans[i][0]]
                need = max(2, GOLD_SHARE * len(g))
                if len(a & g) >= need and len(b & g) >= need and len(a & b & g) >= 2:
                    pairs.append((i, j, "same gold event"))
    return pairs


def count_duplicates(n: int, pairs: list[tuple[int, int, str]]) -> int:
    """Entries beyond the first in each group of entries joined by duplicate pairs."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j, _ in pairs:
        parent[find(i)] = find(j)
    return n - len({find(i) for i in range(n)})


def split_sizes(whole: list[dict], gold: dict[dt.date, list[str]]) -> dict[dt.date, int]:
    """For each gold day, how many entries of the whole timeline tell its event (see the module doc)."""
    texts = [content(f"{e.get('summary') or ''} {e.get('headline') or ''}") for e in whole]
    days = [span[0] if (span := _interval(e)) and span[0] == span[1] else None for e in whole]
    sizes = {}
    for g, sentences in gold.items():
        g_content = content(" ".join(sentences))
        need = max(2, GOLD_SHARE * len(g_content))
        near = [i for i, d in enumerate(days)
                if d is not None and abs((d - g).days) <= SPLIT_DAYS and len(texts[i] & g_content) >= need]
        parent = list(range(len(near)))

        def find(x: int) -> int:
            while parent[x] != x:
                x = parent[x]
            return x

        for a in range(len(near)):
            for b in range(a + 1, len(near)):
                if len(texts[near[a]] & texts[near[b]] & g_content) >= 2:
                    parent[find(a)] = find(b)
        roots = [find(k) for k in range(len(near))]
        sizes[g] = max((roots.count(r) for r in set(roots)), default=0)
    return sizes


def window_start(gold: dict[dt.date, list[str]], earliest_article: dt.date | None) -> dt.date:
    first = min(gold)
    return min(first, earliest_article) if earliest_article else first


def before_window(entries: list[dict], start: dt.date) -> list[dict]:
    limit = start - dt.timedelta(days=MARGIN_DAYS)
    return [e for e in entries if (span := _interval(e)) is not None and span[1] < limit]


def score_run(run: ProductRun, earliest_article: dt.date | None, *, text: str = "summary") -> StorylineScores:
    gold = run.gold.days
    predicted, coarse = as_timeline(run.entries, text=text)
    rouge = align_rouge(predicted, gold)
    return StorylineScores(
        dates=date_prf(predicted, gold), rouge_1=rouge["rouge_1"], rouge_2=rouge["rouge_2"], entries=len(run.entries),
        duplicates=count_duplicates(len(run.entries), duplicate_pairs(run.entries, gold)),
        before_window=len(before_window(run.entries, window_start(gold, earliest_article))),
        boilerplate=sum(1 for e in run.entries if is_boilerplate(e)), coarse=coarse,
        rouge_1_summary=align_rouge(as_timeline(run.entries, text="summary")[0], gold)["rouge_1"] if text != "summary" else None)
