"""Two lanes of worker threads: answers that took long to build the last times queue apart from
the others, so a cheap cold page does not wait behind them.

Issue 18: at 50 clients the first seconds are cold answers, every request waiting for one of a
few worker threads (chronicle.web.access.THREADS) in arrival order: an article's page (5 ms to
build) waited 1-1.6 s behind the changes since a day, every claim about a word, a whole-store
document (0.5-5 s each on the full Timeline17 store). p99 counts requests, and the slow builds
are few: now each kind of request (its route, page or JSON twin, and which parameters it names)
remembers the CPU time its builds took (in the worker thread, so not inflated by the others
running), and a kind whose builds took more than ``HEAVY_CPU`` reads in the heavy lane, of
``HEAVY_THREADS`` threads of its own; every other reading keeps the usual threads. A kind not
seen yet is light. The serve warm-up's builds teach the whole-store documents' cost before the
first visitor; a kind not known yet whose build has been running for ``HEAVY_WALL`` seconds is
heavy for the requests that come meanwhile (50 clients' first requests are all of unknown kinds).
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable

import anyio
from anyio.lowlevel import RunVar

HEAVY_CPU = 0.15  # seconds of CPU a build of this kind took (recent average): over it, the heavy lane
HEAVY_THREADS = 1  # threads for the heavy lane, besides chronicle.web.access.THREADS for the rest
HEAVY_WALL = 0.5  # seconds a build of a kind not known to be slow has been running: the next ones are heavy
_SMOOTHING = 0.5  # weight of the latest build in a kind's average

LOOKUP_THREADS = 2  # threads for looking up kept answers when the event loop cannot (chronicle.web.answers)

_heavy = RunVar("chronicle_heavy_lane")  # one limiter per event loop (the warm-up runs loops of its own)
_lookup = RunVar("chronicle_lookup_lane")


def _heavy_limiter() -> anyio.CapacityLimiter:
    return _limiter(_heavy, HEAVY_THREADS)


def _lookup_limiter() -> anyio.CapacityLimiter:
    return _limiter(_lookup, LOOKUP_THREADS)


def _limiter(var: RunVar, threads: int) -> anyio.CapacityLimiter:
    try:
        return var.get()
    except LookupError:
        limiter = anyio.CapacityLimiter(threads)
        var.set(limiter)
        return limiter


class Lanes:
    """What each kind of request cost to build, shared by every request (and event loop) of an app."""

    def __init__(self, heavy_cpu: float = HEAVY_CPU):
        self.heavy_cpu = heavy_cpu
        self._cost: dict[tuple, float] = {}
        self._running: dict[tuple, dict[int, float]] = {}  # kind -> {call: when it began}, in worker threads now
        self._lock = threading.Lock()

    def of(self, kind: tuple) -> "Lane":
        return Lane(self, kind)

    def heavy(self, kind: tuple) -> bool:
        if self._cost.get(kind, 0.0) > self.heavy_cpu:
            return True
        running = self._running.get(kind)
        if not running:
            return False
        with self._lock:
            began = min(running.values(), default=None)
        return began is not None and time.monotonic() - began > HEAVY_WALL

    def _begin(self, kind: tuple, call: int) -> None:
        with self._lock:
            self._running.setdefault(kind, {})[call] = time.monotonic()

    def _end(self, kind: tuple, call: int) -> None:
        with self._lock:
            running = self._running.get(kind)
            if running is not None:
                running.pop(call, None)
                if not running:
                    del self._running[kind]

    def note(self, kind: tuple, cpu: float) -> None:
        with self._lock:
            before = self._cost.get(kind)
            self._cost[kind] = cpu if before is None else (1 - _SMOOTHING) * before + _SMOOTHING * cpu


class Lane:
    """One request's way to a worker thread: the heavy lane when its kind's builds were slow."""

    def __init__(self, lanes: Lanes, kind: tuple):
        self.lanes, self.kind = lanes, kind
        self.cpu = 0.0
        self.reading = False  # set by a reading that builds the answer (not found kept)

    def limiter(self, build: bool = True) -> anyio.CapacityLimiter | None:
        """The heavy lane's limiter when this request's kind built slowly before, else None (the
        usual threads). ``build=False``: a look-up of a kept answer, in threads of its own whatever
        the kind (in the usual ones it waited behind the cold builds, up to seconds at 50 clients)."""
        if not build:
            return _lookup_limiter()
        return _heavy_limiter() if self.lanes.heavy(self.kind) else None

    def timed(self, fn: Callable) -> Callable:
        """``fn``, its CPU time (in the worker thread that runs it) counted towards the build's."""
        def timed(*args):
            call = id(timed)
            self.lanes._begin(self.kind, call)
            began = time.thread_time()
            try:
                return fn(*args)
            finally:
                self.cpu += time.thread_time() - began
                self.lanes._end(self.kind, call)

        return timed

    def built(self) -> None:
        """The answer was built (not found kept): its CPU time is what this kind costs."""
        self.lanes.note(self.kind, self.cpu)


def kind_of(request) -> tuple:
    """A request's kind: its route (as chronicle.web.params.checked names it), page or twin, and the
    names of the parameters it gives (their values aside: an actor's page costs about what another's does)."""
    route = getattr(request.state, "route", None) or request.url.path
    return route, request.url.path.endswith(".json"), tuple(sorted(request.query_params.keys()))
