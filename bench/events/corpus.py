"""The reference-corpus timeline checks (issue 6), shared by the bench and tests/build.

The corpus is read at run time from ../shared/corpus/ukraine-calls; nothing is copied.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from bench.common import shared_dir

# (first actor surname, second actor surname, day): calls and meetings the corpus reports on a day.
DAY_EVENTS = [("trump", "putin", "2025-03-18", "call"), ("trump", "zelensky", "2025-03-19", "call"),
              ("trump", "putin", "2025-05-19", "call")]
MARCH_CALL_FILES = ("000_", "001_", "003_")


def ukraine_timeline(api=None) -> tuple[list[dict], dict[str, str]]:
    """Ingest the reference corpus into a fresh store; (timeline, article id -> file name)."""
    import chronicle

    corpus = shared_dir() / "corpus" / "ukraine-calls"
    with tempfile.TemporaryDirectory() as tmp:
        api = chronicle.open(Path(tmp) / "uk.db")
        api.ingest([corpus], manifest=corpus / "manifest.csv")
        names = {a["id"]: Path(api.article(a["id"])["source_path"]).name for a in api.articles()}
        entries = api.timeline()
        api.close()
    return entries, names


def _main_pair(entry: dict) -> set[str]:
    """The entry's two most named actors, by surname (actors come most named first)."""
    seen: list[str] = []
    for a in entry["actors"]:
        words = a.lower().split()
        if words and words[-1] not in seen:
            seen.append(words[-1])
    return set(seen[:2])


def between(entries: list[dict], a: str, b: str, etype: str, day: str | None = None, window: int = 3) -> list[dict]:
    """Entries of a type whose two main actors are a and b, dated within ``window`` days of ``day``."""
    import datetime as dt

    out = [e for e in entries if e["type"] == etype and _main_pair(e) == {a, b}]
    if day is not None:
        target = dt.date.fromisoformat(day)
        out = [e for e in out if e["granularity"] == "day"
               and abs((dt.date.fromisoformat(e["date"]) - target).days) <= window]
    return out


def corpus_checks() -> list[list]:
    entries, names = ukraine_timeline()
    rows = []
    for a, b, day, etype in DAY_EVENTS:
        found = between(entries, a, b, etype, day)
        dates = [e["date"] for e in found]
        rows.append([f"{etype} {a.title()}–{b.title()} appears once, on {day} (entries within 3 days)",
                     "pass" if dates == [day] else "FAIL", f"entries on {dates}"])
    march = between(entries, "trump", "putin", "call", "2025-03-18", 0)
    files = sorted({names[s["article"]][:4] for e in march for s in e["sources"]})
    rows.append(["18 March call gathers files 000, 001, 003",
                 "pass" if set(MARCH_CALL_FILES) <= set(files) else "FAIL", f"files {files}"])
    kursk = [e for e in entries if any("August 2024" in s["sentence"] for s in e["sources"])]
    grains = sorted({(e["date"], e["granularity"]) for e in kursk})
    rows.append(["'August 2024' (Kursk incursion) stays month-level",
                 "pass" if grains and all(g == ("2024-08", "month") for g in grains) else "FAIL", f"{grains}"])
    rows.append(["entries / with 2+ independent sources", len(entries),
                 sum(1 for e in entries if e["independent_sources"] > 1)])
    return rows


def merge_speed(n_articles: int = 4650, per_article: int = 15, seed: int = 17) -> list[list]:
    """Time merge_events on synthetic mentions at Timeline17 scale (its 4,650 articles, ~15 events each).

    Synthetic because scoring T17 end to end needs its full ingest (bench/tls); the merge is the
    part this module owns. Dates spread over a year, 16 types, 300 actors, 3,000-word vocabulary.
    """
    import datetime as dt
    import random
    import time

    from chronicle.timeline.events import EventMention, merge_events
    from chronicle.extract.events import EVENT_TYPES

    rnd = random.Random(seed)
    vocab = [f"w{i}" for i in range(3000)]
    actors = [f"Person {i}" for i in range(300)]
    mentions = []
    start = dt.date(2011, 1, 1)
    for a in range(n_articles):
        pub = start + dt.timedelta(days=rnd.randrange(365))
        for i in range(per_article):
            day = pub - dt.timedelta(days=rnd.choice([0, 0, 1, 1, 2, 7, 30]))
            source, grain = rnd.choices([("attached", "day"), ("attached", "month"), ("published", "day")], [5, 1, 4])[0]
            date = day.isoformat() if grain == "day" else day.isoformat()[:7]
            mentions.append(EventMention(
                article_id=f"a{a}", idx=i, start_char=0, end_char=0,
                text=" ".join(rnd.choices(vocab[:300], k=8) + rnd.choices(vocab, k=12)),
                type=rnd.choice(EVENT_TYPES), date=date if source == "attached" else pub.isoformat(),
                date_source=source, date_explain=None, actors=tuple(rnd.sample(actors, 2)), modality="happened",
                participants=tuple(rnd.sample(actors[:50], rnd.choice([0, 1, 2]))), root=f"a{a}"))
    t0 = time.perf_counter()
    entries = merge_events(mentions)
    secs = time.perf_counter() - t0
    return [[f"merge_events, {len(mentions):,} synthetic mentions ({n_articles:,} articles)", f"{secs:.1f}s",
             f"{len(entries):,} entries"]]


def store_speed(n_articles: int = 4650, per_article: int = 15, seed: int = 17) -> list[list]:
    """Rebuild and query the timeline of a synthetic Timeline17-size store (articles + event rows)."""
    import datetime as dt
    import json
    import random
    import time

    import chronicle
    from chronicle.extract.events import EVENT_TYPES
    from chronicle.store.db import insert_rows

    rnd = random.Random(seed)
    vocab = [f"w{i}" for i in range(3000)]
    people = [f"Person {i}" for i in range(300)]
    start = dt.date(2011, 1, 1)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        api = chronicle.open(Path(tmp) / "t17.db")
        conn = api.store.conn
        with api.store.transaction():
            for a in range(n_articles):
                pub = start + dt.timedelta(days=rnd.randrange(365))
                sents = [" ".join(rnd.choices(vocab[:300], k=8) + rnd.choices(vocab, k=12)) + "." for _ in range(30)]
                text = " ".join(sents)
                insert_rows(conn, "articles", [{
                    "id": f"a{a}", "title": None, "text": text, "published": pub.isoformat(),
                    "published_start": pub.isoformat(), "published_end": pub.isoformat(),
                    "published_source": "manifest", "words": len(text.split()), "seq": a + 1,
                    "ingested_at": "2026-01-01T00:00:00+00:00"}])
                events, pos = [], 0
                for i, sent in enumerate(sents[:per_article]):
                    day = pub - dt.timedelta(days=rnd.choice([0, 0, 1, 1, 2, 7, 30]))
                    soft = rnd.random() < 0.4
                    events.append({
                        "article_id": f"a{a}", "idx": i, "start_char": pos, "end_char": pos + len(sent), "text": sent,
                        "type": rnd.choice(EVENT_TYPES), "date": pub.isoformat() if soft else day.isoformat(),
                        "date_source": "published" if soft else "attached", "date_explain": "synthetic",
                        "actors": json.dumps(rnd.sample(people, 2)),
                        "participants": json.dumps(rnd.sample(people[:50], rnd.choice([0, 1, 2]))),
                        "modality": "happened", "stage": "synthetic"})
                    pos += len(sent) + 1
                insert_rows(conn, "events", events)
        t0 = time.perf_counter()
        n = api.rebuild_timeline()
        rebuild = time.perf_counter() - t0
        t0 = time.perf_counter()
        full = api.timeline()
        query = time.perf_counter() - t0
        t0 = time.perf_counter()
        top = api.timeline(top=20)
        query_top = time.perf_counter() - t0
        api.close()
    rows.append([f"rebuild_timeline, {n_articles * per_article:,} stored events", f"{rebuild:.1f}s", f"{n:,} entries"])
    rows.append(["timeline(), every entry with its sources", f"{query:.2f}s", f"{len(full):,} entries"])
    rows.append(["timeline(top=20)", f"{query_top:.2f}s", f"{len(top)} entries"])
    return rows
