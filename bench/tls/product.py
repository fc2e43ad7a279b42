"""Timeline17 scored from what the product prints: one store per topic, ``chronicle timeline --top T --json``.

A user with one story's pile ingests it into a store and asks for ``timeline --top T``; so
each topic gets a store of its own articles (derived from the shared Timeline17 store: the
per-article analysis is copied, the store-wide steps rerun), and each gold timeline is
answered by the CLI with T = its number of dates. ``window`` adds ``--since/--until`` = the
gold's first and last dates, as news-tls keeps its candidates to that range.
"""
from __future__ import annotations

import datetime as dt
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import chronicle
from bench.storyline import product
from bench.tls import data
from bench.tls.run import stored_sub_corpora

Timeline = dict[dt.date, list[str]]


@dataclass
class TopicStore:
    topic: str
    db: Path
    articles: int
    earliest: dt.date | None  # earliest publication day of the topic's articles
    seconds: float  # deriving the store: copy, trim, store-wide steps


@dataclass
class ProductRun:
    """The product's answer for one gold timeline."""

    topic: str
    gold: data.GoldTimeline
    window: bool
    entries: list[dict]
    predicted: Timeline = field(default_factory=dict)
    coarse: int = 0  # entries whose date is not one day (not a date the metric can use)
    seconds: float = 0.0  # the CLI call


@contextmanager
def topic_stores(db: Path, topics: list[str], keep_dir: Path | None = None) -> Iterator[dict[str, TopicStore]]:
    """One store per topic, derived from ``db`` (temporary unless ``keep_dir`` is given)."""
    with chronicle.open(db) as api:
        by_sub = stored_sub_corpora(api)
        published = dict(api.store.query("SELECT id, published FROM articles"))
    with tempfile.TemporaryDirectory(prefix="chronicle-t17-topics-") as tmp:
        where = keep_dir or Path(tmp)
        out = {}
        for topic in topics:
            ids = [a for s, a_ids in by_sub.items() if data.topic_of(s) == topic for a in a_ids]
            if not ids:
                raise product.ProductError(f"{db} holds no article of {topic}: build it with bench.tls or bench.ingest")
            dest = where / f"{topic}.db"
            seconds = product.derive_store(db, dest, ids)
            days = sorted(published[a][:10] for a in ids if published.get(a))
            out[topic] = TopicStore(topic, dest, len(ids), dt.date.fromisoformat(days[0]) if days else None, seconds)
        yield out


def as_timeline(entries: list[dict], *, text: str = "summary") -> tuple[Timeline, int]:
    """Entries -> {day: [texts]} for the metrics; entries coarser than a day are left out (counted)."""
    out: Timeline = {}
    coarse = 0
    for e in entries:
        value = e.get("date") or ""
        if e.get("granularity") != "day" or len(value) < 10:
            coarse += 1
            continue
        if text == "summary+detail":  # what a reader gets of an entry: its summary, then its detail
            body = " ".join(x for x in (e.get("summary"), e.get("detail")) if x).strip()
        else:
            body = (e.get(text) or e.get("summary") or "").strip()
        if body:
            out.setdefault(dt.date.fromisoformat(value[:10]), []).append(body)
    return out, coarse


def run_gold(store: TopicStore, gold: data.GoldTimeline, *, window: bool, text: str = "summary") -> ProductRun:
    """``chronicle timeline --top T [--since first --until last] --json`` for one gold timeline."""
    t0 = time.perf_counter()
    entries = product.timeline(store.db, top=len(gold.days), since=gold.start.isoformat() if window else None,
                               until=gold.end.isoformat() if window else None)
    seconds = time.perf_counter() - t0
    predicted, coarse = as_timeline(entries, text=text)
    return ProductRun(store.topic, gold, window, entries, predicted, coarse, seconds)
