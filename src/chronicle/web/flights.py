"""Answers being built, seen by every thread and event loop of the server, so that no answer is
built twice at once.

Issue 18: the flights were anyio events, which only the event loop that made them may await. The
warm-up (chronicle.web.app.warm) asks the app for its answers from a thread of its own, on an
event loop of its own, so a visitor asking for a document it was building did not see that build
and built a second copy; on the full Timeline17 store, where such a document costs seconds to
tens of seconds of CPU, that was one of the causes of the 50 s tails. Here a flight is a plain
object under a thread lock, and a waiter is a future of the waiter's own event loop, woken from
whichever thread lands the flight (``loop.call_soon_threadsafe``). The loops are asyncio's (uvicorn's,
the warm-up's ``asyncio.run``, starlette's test client).
"""
from __future__ import annotations

import asyncio
import threading
from collections.abc import Hashable


class Flight:
    """One answer being built; ``builder`` is whatever the builder shows the waiters (its progress)."""

    def __init__(self, builder):
        self.builder = builder
        self._lock = threading.Lock()
        self._landed = False
        self._waiters: list[tuple[asyncio.AbstractEventLoop, asyncio.Future]] = []

    async def wait(self, timeout: float) -> bool:
        """Wait (in the caller's event loop, holding no thread) until the build is over: True, or
        False after ``timeout`` seconds."""
        loop = asyncio.get_running_loop()
        with self._lock:
            if self._landed:
                return True
            woken = loop.create_future()
            self._waiters.append((loop, woken))
        try:
            await asyncio.wait_for(woken, timeout)
            return True
        except asyncio.TimeoutError:
            return False
        finally:
            with self._lock:
                if (loop, woken) in self._waiters:
                    self._waiters.remove((loop, woken))

    def land(self) -> None:
        """The build is over: wake every waiter, in its own event loop (callable from any thread)."""
        with self._lock:
            self._landed = True
            waiters, self._waiters = self._waiters, []
        for loop, woken in waiters:
            try:
                loop.call_soon_threadsafe(_wake, woken)
            except RuntimeError:  # that loop is closed: nobody is waiting there any more
                pass

    @property
    def landed(self) -> bool:
        with self._lock:
            return self._landed


class Flights:
    """The flights in progress, by key (a request's path and query)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._flights: dict[Hashable, Flight] = {}

    def join(self, key: Hashable, builder) -> tuple[Flight, bool]:
        """``(the flight for key, True)`` when ``builder`` is now its builder, else the flight in
        progress and False."""
        with self._lock:
            flight = self._flights.get(key)
            if flight is not None:
                return flight, False
            flight = self._flights[key] = Flight(builder)
            return flight, True

    def land(self, key: Hashable, flight: Flight) -> None:
        """``flight`` is over (or abandoned): forget it, and wake its waiters."""
        with self._lock:
            if self._flights.get(key) is flight:
                del self._flights[key]
        flight.land()

    def get(self, key: Hashable) -> Flight | None:
        with self._lock:
            return self._flights.get(key)

    def __len__(self) -> int:
        with self._lock:
            return len(self._flights)


def _wake(woken: asyncio.Future) -> None:
    if not woken.done():
        woken.set_result(None)
