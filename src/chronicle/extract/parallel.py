"""Running the pipeline over many articles on a process pool, one pipeline per worker, with
every article isolated: a time budget per article, and a worker that dies replaced.

Workers get articles in chunks and return :class:`Analysis` records (no spaCy objects
cross the process boundary). Results come back in input order. With one job, or few
articles, the work stays in this process: starting a worker costs a model load.

No article may hang or sink an ingest (issue 18):

- each chunk runs under an alarm of one article's budget (``CHRONICLE_ARTICLE_SECONDS``,
  300 s by default); past it, the chunk's articles run again one at a time, each under its
  own alarm, and the one over budget gets an empty analysis with diagnostic PIP012;
- a worker that dies (a segfault, the kernel's OOM killer, ``os._exit``) breaks the pool; the
  pool is replaced and the chunk's articles run one at a time in fresh workers: the one that
  kills its worker again gets PIP011, the others their analyses. A hang the alarm cannot
  interrupt (inside C code) is caught by the parent's own deadline and handled the same way;
- ``CHRONICLE_WORKER_MB`` caps each worker's address space, so that a runaway allocation is a
  ``MemoryError`` (PIP010, the stage's failure) rather than the machine's memory.

An article reported this way is stored with no annotations and its diagnostic, so a rerun
does not try it again (a new pipeline version does).
"""
from __future__ import annotations

import os
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from chronicle.errors import Diagnostic, message
from chronicle.extract.pipeline import Pipeline, Settings
from chronicle.records import Analysis, ArticleText

CHUNK = 16
MIN_FOR_POOL = 24
DEFAULT_BUDGET_S = 300.0
PARENT_SLACK_S = 30.0  # the parent waits this much longer than a worker's own alarm

_worker_pipeline: Pipeline | None = None  # one per worker process, built by the initializer


class OverBudget(BaseException):
    """Raised by the alarm inside the analysis. A BaseException, so that a stage's own
    ``except Exception`` (one article's failure, PIP010) does not swallow it."""


def article_budget() -> float | None:
    """Seconds one article may take (``CHRONICLE_ARTICLE_SECONDS``; 0 turns the budget off)."""
    raw = os.environ.get("CHRONICLE_ARTICLE_SECONDS", "")
    try:
        value = float(raw) if raw else DEFAULT_BUDGET_S
    except ValueError:
        value = DEFAULT_BUDGET_S
    return value if value > 0 and value == value and value != float("inf") else None


def failed_analysis(article: ArticleText, code: str, **fields) -> Analysis:
    """An empty analysis carrying why the article has none."""
    return Analysis(article=article, diagnostics=(
        Diagnostic(code=code, message=message(code, **fields), article_id=article.id, stage="parallel"),))


@contextmanager
def _alarm(seconds: float | None):
    """Raise OverBudget after ``seconds`` in this (main) thread; a no-op elsewhere or without a budget."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def ring(signum, frame):
        raise OverBudget

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_guarded(pipeline: Pipeline, articles: list[ArticleText], budget: float | None) -> list[Analysis]:
    """Analyse a chunk under one article's budget; past it, each article alone under its own."""
    try:
        with _alarm(budget):
            return list(pipeline.pipe(articles))
    except OverBudget:
        pass
    out = []
    for article in articles:
        try:
            with _alarm(budget):
                out.append(pipeline(article))
        except OverBudget:
            out.append(failed_analysis(article, "PIP012", seconds=f"{budget:g}"))
    return out


def _init_worker(settings: Settings, parent: int | None = None) -> None:
    global _worker_pipeline
    _exit_with_parent(parent)
    limit_mb = os.environ.get("CHRONICLE_WORKER_MB")
    if limit_mb:
        import resource

        cap = int(float(limit_mb) * 1024 * 1024)
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    _worker_pipeline = Pipeline(settings)


def _exit_with_parent(parent: int | None = None, every: float = 0.5) -> None:
    """End this worker when its ingest is gone. ``kill -9`` of an ingest gives the pool no chance to
    stop its workers, and a forked worker holds both ends of its task pipe, so it never reads EOF:
    bench/crash found both workers of every killed ingest still alive, forever (issue 18).

    ``parent`` is the ingest's pid, taken before the fork: a worker killed with its ingest before
    this ran would otherwise take its new parent (init) for its own."""
    import threading
    import time

    parent = parent or os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(1)

    threading.Thread(target=watch, name="chronicle-parent-watch", daemon=True).start()


def _run_chunk(articles: list[ArticleText], budget: float | None = None) -> list[Analysis]:
    if _worker_pipeline is None:
        raise RuntimeError("worker pipeline not built")
    return run_guarded(_worker_pipeline, articles, budget)


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def analyze_many(
    articles: Iterable[ArticleText], settings: Settings, *, jobs: int | None = None, total: int | None = None,
    pipeline: Pipeline | None = None, budget: float | None = -1.0,
) -> Iterator[Analysis]:
    """Analyses in input order. ``budget``: seconds per article (default :func:`article_budget`, None: none)."""
    jobs = jobs or default_jobs()
    budget = article_budget() if budget == -1.0 else budget
    if jobs <= 1 or (total is not None and total < MIN_FOR_POOL):
        pipeline = pipeline or Pipeline(settings)
        chunk: list[ArticleText] = []
        for article in articles:
            chunk.append(article)
            if len(chunk) >= settings.batch_size:
                yield from run_guarded(pipeline, chunk, budget)
                chunk = []
        if chunk:
            yield from run_guarded(pipeline, chunk, budget)
        return
    yield from _Pool(settings, jobs, budget).run(articles)


class _Pool:
    """A process pool that replaces its workers when one dies or hangs."""

    def __init__(self, settings: Settings, jobs: int, budget: float | None):
        self.settings, self.jobs, self.budget = settings, jobs, budget
        self.pool = None

    def _start(self):
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
        self.pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=ctx, initializer=_init_worker,
                                        initargs=(self.settings, os.getpid()))

    def _kill(self) -> None:
        """Stop every worker now (a hung one never returns) and drop the pool."""
        if self.pool is None:
            return
        for proc in list((getattr(self.pool, "_processes", None) or {}).values()):
            try:
                proc.kill()
            except (OSError, AttributeError):
                pass
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool = None

    def _submit(self, chunk: list[ArticleText]):
        if self.pool is None:
            self._start()
        return self.pool.submit(_run_chunk, chunk, self.budget)

    def _deadline(self, n: int) -> float | None:
        # The worker's own alarm fires after one budget, then it may run each article alone.
        return None if self.budget is None else self.budget * (n + 1) + PARENT_SLACK_S

    def run(self, articles: Iterable[ArticleText]) -> Iterator[Analysis]:
        pending: deque = deque()
        chunk: list[ArticleText] = []
        try:
            for article in articles:
                chunk.append(article)
                if len(chunk) >= CHUNK:
                    pending.append((self._submit(chunk), chunk))
                    chunk = []
                    while len(pending) > self.jobs * 2:
                        yield from self._collect(pending)
            if chunk:
                pending.append((self._submit(chunk), chunk))
            while pending:
                yield from self._collect(pending)
        finally:
            self._kill()

    def _collect(self, pending: deque) -> list[Analysis]:
        from concurrent.futures import TimeoutError as FutureTimeout
        from concurrent.futures.process import BrokenProcessPool

        future, chunk = pending.popleft()
        try:
            return future.result(timeout=self._deadline(len(chunk)))
        except (BrokenProcessPool, FutureTimeout):
            pass
        # A worker died or hung: every queued chunk is lost with the pool. Find the article
        # alone in fresh workers, then queue the others again.
        self._kill()
        out = [self._alone(article) for article in chunk]
        requeued = [c for _, c in pending]
        pending.clear()
        pending.extend((self._submit(c), c) for c in requeued)
        return out

    def _alone(self, article: ArticleText) -> Analysis:
        from concurrent.futures import TimeoutError as FutureTimeout
        from concurrent.futures.process import BrokenProcessPool

        future = self._submit([article])
        try:
            return future.result(timeout=self._deadline(1))[0]
        except BrokenProcessPool:
            self._kill()
            return failed_analysis(article, "PIP011", detail="its process ended abruptly: a crash, or out of memory")
        except FutureTimeout:
            self._kill()
            return failed_analysis(article, "PIP012", seconds=f"{self._deadline(1):g}")
