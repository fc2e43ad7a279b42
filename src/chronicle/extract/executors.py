"""Where the per-article analysis runs: this process or a local process pool (the default), or a
Ray cluster (issue 15). One small interface, :class:`Executor`, chosen by ``--executor``:

    local              this process, or a process pool of ``--jobs`` workers (chronicle.extract.parallel)
    ray                a Ray cluster: the one named by $RAY_ADDRESS, else a local one started for this run
    ray://HOST:PORT    an existing Ray cluster, through the Ray Client (``ray[client]``)

    >>> executor_for("local").name
    'local'
    >>> executor_for("ray://10.0.0.5:10001", check=False).address
    'ray://10.0.0.5:10001'
    >>> executor_for("spark")
    Traceback (most recent call last):
    ...
    chronicle.errors.UsageError: [ENG002] unknown executor 'spark': give local, ray, or ray://HOST:PORT

Every executor yields analyses in input order, so the one writer stores the same rows in the
same order, whichever ran them: the stored result is byte-identical (tests/extract/test_executors.py).

On Ray, each worker is an actor that builds the pipeline (and loads the spaCy model) once, then
analyses chunks of articles sent to it as it frees up; no spaCy object crosses the wire, only
:class:`~chronicle.records.ArticleText` in and :class:`~chronicle.records.Analysis` out. The
isolation of issue 18 holds there too: a chunk runs under the article budget inside its actor
(the same :func:`~chronicle.extract.parallel.run_guarded`); an actor that dies (a crash, Ray's
memory monitor) or hangs past the parent's deadline is replaced and its chunk's articles run one
at a time, the one that kills a worker again reported with PIP011 or PIP012.

Ray is an optional extra, imported only when asked for: without it, ``--executor ray`` stops
before anything is read, with ENG001 and the command that installs it.
"""
from __future__ import annotations

import importlib.util
import os
import re
import time
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Protocol

from chronicle.errors import ChronicleError, UsageError
from chronicle.extract.parallel import (CHUNK, PARENT_SLACK_S, analyze_many, article_budget, default_jobs,
                                        failed_analysis, run_guarded)
from chronicle.extract.pipeline import Pipeline, Settings
from chronicle.records import Analysis, ArticleText

INSTALL_HINT = "pip install 'chronicle-news[ray]'"
_RAY_URL = re.compile(r"^ray://[^\s:/]+:\d{1,5}$")


class EngineMissing(UsageError):
    """The executor asked for needs a package this installation lacks (ENG001)."""

    code = "ENG001"


class EngineError(ChronicleError):
    """The engine was there but could not be used: a cluster that cannot be reached (ENG003)."""

    code = "ENG003"


class Executor(Protocol):
    """Runs the pipeline over articles; yields one analysis per article, in input order."""

    name: str

    def map(self, articles: Iterable[ArticleText], settings: Settings, *, total: int | None = None,
            pipeline: Pipeline | None = None) -> Iterator[Analysis]: ...

    def describe(self) -> str: ...


class LocalExecutor:
    """This process for a few articles, else a process pool (:func:`~chronicle.extract.parallel.analyze_many`)."""

    name = "local"

    def __init__(self, jobs: int | None = None):
        self.jobs = jobs

    def map(self, articles, settings, *, total=None, pipeline=None):
        return analyze_many(articles, settings, jobs=self.jobs, total=total, pipeline=pipeline)

    def describe(self) -> str:
        return "local processes"


def executor_for(spec: str | None, *, jobs: int | None = None, check: bool = True) -> Executor:
    """The executor that ``--executor SPEC`` names. ``check``: refuse now (ENG001) when Ray is missing."""
    spec = (spec or "local").strip()
    if spec == "local":
        return LocalExecutor(jobs)
    if spec == "ray" or _RAY_URL.match(spec):
        executor = RayExecutor(None if spec == "ray" else spec, workers=jobs)
        if check:
            executor.check_installed()
        return executor
    raise UsageError.of("ENG002", executor=spec)


def ray_installed(*, client: bool = False) -> bool:
    """Whether Ray (and, for ``ray://``, the Ray Client's gRPC) can be imported, without importing it."""
    names = ("ray", "grpc") if client else ("ray",)
    try:
        return all(importlib.util.find_spec(n) is not None for n in names)
    except (ImportError, ValueError):
        return False


class _RayWorker:
    """One Ray actor: the pipeline (and the spaCy model) built once, then chunk after chunk."""

    def __init__(self, settings: Settings, pipeline_class=None):
        self.pipeline = (pipeline_class or Pipeline)(settings)
        self.pid = os.getpid()

    def run(self, articles: list[ArticleText], budget: float | None) -> tuple[int, list[Analysis]]:
        return self.pid, run_guarded(self.pipeline, articles, budget)


class RayExecutor:
    """Actors on a Ray cluster, one per CPU (or ``workers``); results yielded in input order.

    With ``address=None`` it joins the cluster already initialised in this process (a test's
    ``ray.init``), else the one $RAY_ADDRESS names, else starts a local one for the run and
    stops it after. ``ray://HOST:PORT`` joins an existing cluster through the Ray Client.
    """

    name = "ray"

    def __init__(self, address: str | None = None, *, workers: int | None = None, budget: float | None = -1.0,
                 pipeline_class=None):
        # pipeline_class: what each actor builds from the settings (tests pass a stand-in without a model)
        self.address, self.workers, self.budget, self.pipeline_class = address, workers, budget, pipeline_class
        self.worker_pids: set[int] = set()  # the processes that answered, for the summary line
        self.analysed = 0

    def check_installed(self) -> None:
        client = bool(self.address and self.address.startswith("ray://"))
        if not ray_installed(client=client):
            raise EngineMissing.of("ENG001", executor=self.address or "ray", hint=INSTALL_HINT)

    def describe(self) -> str:
        where = self.address or "a local Ray cluster"
        n = len(self.worker_pids)
        return f"{n} Ray worker{'s' if n != 1 else ''} ({where})"

    # ---- the cluster ---------------------------------------------------------------------
    def _connect(self):
        self.check_installed()
        import ray

        started = False
        if not ray.is_initialized():
            kwargs = dict(include_dashboard=False, log_to_driver=False, logging_level="WARNING",
                          configure_logging=True)
            try:
                if self.address:
                    ray.init(self.address, **kwargs)
                elif os.environ.get("RAY_ADDRESS"):
                    ray.init(**kwargs)
                else:
                    with local_cluster_env():
                        ray.init(num_cpus=self.workers or default_jobs(), **kwargs)
            except ImportError as exc:  # a Ray without the Ray Client's pieces
                raise EngineMissing.of("ENG001", executor=self.address or "ray", hint=INSTALL_HINT) from exc
            except Exception as exc:  # ConnectionError, a timeout, a version mismatch: say which cluster
                detail = f"{type(exc).__name__}: {str(exc).strip().splitlines()[0][:300] if str(exc).strip() else ''}"
                raise EngineError.of("ENG003", address=self.address or os.environ.get("RAY_ADDRESS") or "local",
                                     detail=detail) from exc
            started = True
        n = self.workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        return ray, started, n

    def map(self, articles, settings, *, total=None, pipeline=None):
        ray, started, n = self._connect()
        budget = article_budget() if self.budget == -1.0 else self.budget
        try:
            # A small pile is spread over every worker rather than sent as one chunk to one.
            size = CHUNK if not total else max(1, min(CHUNK, -(-total // n)))
            yield from _Dispatch(ray, settings, n, budget, self).run(articles, size)
        finally:
            if started:
                ray.shutdown()


class _Dispatch:
    """Chunks to whichever actor is free; results released in input order; dead or hung actors replaced."""

    def __init__(self, ray, settings: Settings, n: int, budget: float | None, owner: RayExecutor):
        self.ray, self.settings, self.budget, self.owner = ray, settings, budget, owner
        self.actor_class = ray.remote(num_cpus=1)(_RayWorker)
        self.idle = deque(self._new_actor() for _ in range(n))
        self.n = n
        self.inflight: dict = {}  # ref -> (seq, chunk, actor, submitted_at)
        self.done: dict[int, list[Analysis]] = {}

    def _new_actor(self):
        return self.actor_class.remote(self.settings, self.owner.pipeline_class)

    def _deadline(self, n: int) -> float | None:
        return None if self.budget is None else self.budget * (n + 1) + PARENT_SLACK_S

    def run(self, articles: Iterable[ArticleText], size: int = CHUNK) -> Iterator[Analysis]:
        seq = released = 0
        try:
            for chunk in _chunks(articles, size):
                # Keep every actor busy, but never run far ahead of the oldest unfinished chunk.
                while not self.idle or seq - released >= 4 * self.n:
                    self._wait()
                    while released in self.done:
                        yield from self.done.pop(released)
                        released += 1
                actor = self.idle.popleft()
                self.inflight[actor.run.remote(chunk, self.budget)] = (seq, chunk, actor, time.monotonic())
                seq += 1
            while self.inflight or released in self.done:
                if released not in self.done:
                    self._wait()
                while released in self.done:
                    yield from self.done.pop(released)
                    released += 1
        finally:
            for _, _, actor, _ in self.inflight.values():
                self.ray.kill(actor)
            for actor in self.idle:
                self.ray.kill(actor)

    def _wait(self) -> None:
        """Wait for one chunk (or for the oldest to pass its deadline) and file its results."""
        refs = list(self.inflight)
        deadlines = [self._deadline(len(self.inflight[r][1])) for r in refs]
        timeout = None
        if all(d is not None for d in deadlines):
            now = time.monotonic()
            timeout = max(0.0, min(self.inflight[r][3] + d - now for r, d in zip(refs, deadlines)))
        ready, _ = self.ray.wait(refs, num_returns=1, timeout=timeout)
        if ready:
            ref = ready[0]
            seq, chunk, actor, _ = self.inflight.pop(ref)
            try:
                pid, out = self.ray.get(ref)
            except self.ray.exceptions.RayError:
                self.ray.kill(actor)
                out = [self._alone(a) for a in chunk]
                actor = self._new_actor()
            else:
                self.owner.worker_pids.add(pid)
                self.owner.analysed += len(out)
            self.done[seq] = out
            self.idle.append(actor)
            return
        now = time.monotonic()  # nothing finished: stop every actor past its deadline
        for ref, deadline in zip(refs, deadlines):
            seq, chunk, actor, submitted = self.inflight[ref]
            if deadline is not None and now - submitted >= deadline:
                del self.inflight[ref]
                self.ray.kill(actor)
                self.done[seq] = [self._alone(a) for a in chunk]
                self.idle.append(self._new_actor())

    def _alone(self, article: ArticleText) -> Analysis:
        """One article in a fresh actor, so that the one that breaks a worker is the one reported."""
        actor = self._new_actor()
        try:
            pid, out = self.ray.get(actor.run.remote([article], self.budget), timeout=self._deadline(1))
            self.owner.worker_pids.add(pid)
            self.owner.analysed += 1
            return out[0]
        except self.ray.exceptions.GetTimeoutError:
            return failed_analysis(article, "PIP012", seconds=f"{self._deadline(1):g}")
        except self.ray.exceptions.RayError as exc:
            detail = f"its Ray worker failed: {type(exc).__name__}"
            return failed_analysis(article, "PIP011", detail=detail)
        finally:
            self.ray.kill(actor)


@contextmanager
def local_cluster_env():
    """The environment a local cluster is started in: workers at the driver's priority.

    Ray starts its workers at nice 15 (``RAY_worker_niceness``), to keep its own processes
    responsive; the process pool's workers run at the caller's priority. On a machine shared
    with other work, nice 15 starves the analysis: on this 2-core machine, under a load of 10,
    a Ray worker got a quarter of a pool worker's CPU. A value set by the user is kept.
    """
    key = "RAY_worker_niceness"
    had = os.environ.get(key)
    if had is None:
        os.environ[key] = "0"
    try:
        yield
    finally:
        if had is None:
            os.environ.pop(key, None)


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


__all__ = ["EngineError", "EngineMissing", "Executor", "INSTALL_HINT", "LocalExecutor", "RayExecutor",
           "executor_for", "local_cluster_env", "ray_installed"]
