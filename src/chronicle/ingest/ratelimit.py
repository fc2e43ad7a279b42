"""Politeness per host: at least an interval between two requests to the same host.

The clock and the sleep are injected, so the rule is tested without waiting:

    >>> now = [0.0]
    >>> limiter = HostLimiter(1.5, clock=lambda: now[0], sleep=lambda s: now.__setitem__(0, now[0] + s))
    >>> [limiter.wait("a.example"), limiter.wait("b.example"), limiter.wait("a.example")]
    [0.0, 0.0, 1.5]
"""
from __future__ import annotations

import time
from collections.abc import Callable


class HostLimiter:
    """Waits before a request until ``interval`` seconds have passed since the last one to that host.

    A host may ask for a longer interval (robots.txt ``Crawl-delay``) with :meth:`slow_down`.
    """

    def __init__(self, interval: float, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        if interval < 0:
            raise ValueError("the interval between requests cannot be negative")
        self.interval = interval
        self._clock, self._sleep = clock, sleep
        self._last: dict[str, float] = {}
        self._interval: dict[str, float] = {}

    def slow_down(self, host: str, interval: float) -> None:
        """Keep at least ``interval`` seconds between requests to ``host`` (never less than the default)."""
        self._interval[host] = max(self.interval, interval)

    def interval_for(self, host: str) -> float:
        return self._interval.get(host, self.interval)

    def wait(self, host: str) -> float:
        """Sleep as long as ``host`` needs, then count a request to it now. Returns the seconds slept."""
        slept = 0.0
        last = self._last.get(host)
        if last is not None:
            slept = max(0.0, last + self.interval_for(host) - self._clock())
            if slept:
                self._sleep(slept)
        self._last[host] = self._clock()
        return slept
