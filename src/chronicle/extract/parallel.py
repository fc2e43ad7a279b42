"""Running the pipeline over many articles on a process pool, one pipeline per worker.

Workers get articles in chunks and return :class:`Analysis` records (no spaCy objects
cross the process boundary). Results come back in input order. With one job, or few
articles, the work stays in this process: starting a worker costs a model load.
"""
from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator

from chronicle.extract.pipeline import Pipeline, Settings
from chronicle.records import Analysis, ArticleText

CHUNK = 16
MIN_FOR_POOL = 24

_worker_pipeline: Pipeline | None = None  # one per worker process, built by the initializer


def _init_worker(settings: Settings) -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline(settings)


def _run_chunk(articles: list[ArticleText]) -> list[Analysis]:
    assert _worker_pipeline is not None
    return list(_worker_pipeline.pipe(articles))


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def analyze_many(
    articles: Iterable[ArticleText], settings: Settings, *, jobs: int | None = None, total: int | None = None,
    pipeline: Pipeline | None = None,
) -> Iterator[Analysis]:
    jobs = jobs or default_jobs()
    if jobs <= 1 or (total is not None and total < MIN_FOR_POOL):
        yield from (pipeline or Pipeline(settings)).pipe(articles)
        return
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init_worker, initargs=(settings,)) as pool:
        pending: deque = deque()
        chunk: list[ArticleText] = []
        for article in articles:
            chunk.append(article)
            if len(chunk) >= CHUNK:
                pending.append(pool.submit(_run_chunk, chunk))
                chunk = []
                while len(pending) > jobs * 2:
                    yield from pending.popleft().result()
        if chunk:
            pending.append(pool.submit(_run_chunk, chunk))
        while pending:
            yield from pending.popleft().result()
