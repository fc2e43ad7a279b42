"""Build (or reuse) the Timeline17 store with Chronicle's own ingest, then summarise and score."""
from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import chronicle
from bench.tls import data
from bench.tls.metrics import PRF, align_rouge, date_prf
from chronicle.timeline.dated import iter_dated_sentences
from chronicle.timeline.importance import Vectorizer, Weights, default_weights, summarize_dates


@dataclass
class TimelineResult:
    topic: str
    name: str
    n_dates: int
    per_date: int
    dates: PRF
    rouge_1: PRF
    rouge_2: PRF
    seconds: float
    predicted: dict = field(default_factory=dict, repr=False)


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def stored_sub_corpora(store: chronicle.Chronicle) -> dict[str, list[str]]:
    """sub-corpus -> ids of its stored articles (from the path each was first read from)."""
    out: dict[str, list[str]] = {}
    for aid, path in store.store.query("SELECT id, source_path FROM articles"):
        sub = data.sub_corpus_of_path(path or "")
        if sub:
            out.setdefault(sub, []).append(aid)
    return out


def ensure_store(db: Path, topics: list[str], *, jobs: int, rebuild: bool, refresh: bool = False) -> dict:
    """Ingest the topics not yet in the store (all of them with ``rebuild``; with ``refresh``
    also those with articles analysed by other stage versions); return timings."""
    timings_path = db.with_suffix(".timings.json")
    if rebuild:
        for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm"), timings_path):
            p.unlink(missing_ok=True)
    db.parent.mkdir(parents=True, exist_ok=True)
    timings = json.loads(timings_path.read_text()) if timings_path.exists() else {}
    store = chronicle.open(db)
    try:
        have = stored_sub_corpora(store)
        stale: set[str] = set()
        if refresh:  # building the pipeline loads the models: only when asked
            version = store.pipeline().version
            stale = {data.topic_of(data.sub_corpus_of_path(p or "") or "") for (p,) in store.store.query(
                "SELECT source_path FROM articles WHERE analysis_version IS NULL OR analysis_version != ?",
                (version,))}
        wanted = [t for t in topics if t in stale or any(
            data.topic_of(s) == t and s not in have for s in data.sub_corpora())]
        if not wanted:
            return timings
        with tempfile.TemporaryDirectory(prefix="chronicle-t17-") as tmp:
            t0 = time.perf_counter()
            manifests = data.extract_articles(Path(tmp), wanted)
            log(f"extracted {len(wanted)} topic(s) in {time.perf_counter() - t0:.1f}s")
            for topic in wanted:
                t0, c0 = time.perf_counter(), _cpu_seconds()
                report = store.ingest([str(Path(tmp) / s) for s in data.sub_corpora() if data.topic_of(s) == topic],
                                      manifest=manifests[topic], jobs=jobs, progress=True)
                seconds, cpu = time.perf_counter() - t0, _cpu_seconds() - c0
                log(f"{topic}: {report.to_json() | {'failed': len(report.failed)}} in {seconds:.1f}s")
                if report.added or report.analyzed:
                    timings[topic] = {"seconds": round(seconds, 1), "cpu_seconds": round(cpu, 1), "added": report.added,
                                      "analyzed": report.analyzed, "duplicates": report.duplicates,
                                      "failed": len(report.failed), "jobs": jobs,
                                      "pipeline": store.pipeline().version}
        timings_path.write_text(json.dumps(timings, indent=2))
        return timings
    finally:
        store.close()


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (the ingest workers): the machine
    is shared, so wall time alone says little about Chronicle's own cost."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def run_topics(db: Path, topics: list[str], *, window: bool = True,
               settings: dict[str, Weights] | None = None) -> dict[str, list[TimelineResult]]:
    """Summarise every gold timeline of the topics from the store with each setting, and score it.

    ``seconds`` of a result is the time to read the topic's dated sentences from the store
    plus the time to build that timeline.
    """
    settings = settings or {"shipped": default_weights()}
    store = chronicle.open(db)
    results: dict[str, list[TimelineResult]] = {name: [] for name in settings}
    try:
        by_sub = stored_sub_corpora(store)
        for topic in topics:
            ids = [a for s, a_ids in by_sub.items() if data.topic_of(s) == topic for a in a_ids]
            t0 = time.perf_counter()
            dated = list(iter_dated_sentences(store.store, ids))
            vec = Vectorizer(s.text for s in dated)
            prep = time.perf_counter() - t0
            for gold in data.load_gold(topic):
                for name, weights in settings.items():
                    t1 = time.perf_counter()
                    days = summarize_dates(dated, len(gold.days), gold.sentences_per_date, vectorizer=vec,
                                           start=gold.start if window else None, end=gold.end if window else None,
                                           weights=weights)
                    seconds = prep + time.perf_counter() - t1
                    pred = {d.date: [s.text for s in d.summary] for d in days}
                    rouge = align_rouge(pred, gold.days)
                    r = TimelineResult(topic, gold.name, len(gold.days), gold.sentences_per_date,
                                       date_prf(pred, gold.days), rouge["rouge_1"], rouge["rouge_2"], seconds, pred)
                    results[name].append(r)
                    log(f"{gold.name} [{name}]: Date-F1 {r.dates.f1:.3f} AR-1 {r.rouge_1.f1:.3f} "
                        f"AR-2 {r.rouge_2.f1:.3f} ({seconds:.1f}s, {len(ids)} articles)")
    finally:
        store.close()
    return results
