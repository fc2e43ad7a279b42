"""Progress of a long run on stderr: one line per phase, with a live clock and throughput, on a terminal only.

    >>> import io
    >>> progress = Progress(io.StringIO())          # not a terminal: nothing is written
    >>> with progress.phase("reading", total=2, unit="files") as reading:
    ...     reading.update(2, words=350)
    >>> with progress.phase("linking"):
    ...     pass
    >>> progress.phases, progress.stream.getvalue()
    (['reading', 'linking'], '')

On a terminal each phase is redrawn in place every ``interval`` seconds by a timer thread,
so the clock runs while the run waits (for the spaCy model to load, or for the first
results of a process pool), and the line is left behind when the phase ends:

    reading      99/99 files  0:02  45.3 files/s  61,204 words/s
    analysing    64/99 articles  0:41  1.6 articles/s  2,115 words/s  storing
    linking  -  0:03

A phase without a count (linking, the timeline) shows a spinner. Nothing is written when
stderr is not a terminal, or when the caller turns progress off (``--json``): stderr then
carries only the per-input error lines.
"""
from __future__ import annotations

import os
import shutil
import sys
import threading
import time
import weakref

SPINNER = "-\\|/"
_LIVE: weakref.WeakSet[Progress] = weakref.WeakSet()


def _hold_for_fork() -> None:
    # A process pool forks while the timer thread may be writing: hold every live line's lock
    # across the fork, so that no child starts with a lock (or stderr) taken by a thread it lacks.
    for progress in list(_LIVE):
        progress._lock.acquire()


def _release_after_fork() -> None:
    for progress in list(_LIVE):
        if progress._lock.locked():
            progress._lock.release()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=_hold_for_fork, after_in_parent=_release_after_fork,
                        after_in_child=_release_after_fork)


class Progress:
    """The progress of one run. ``enabled`` None means: when ``stream`` is a terminal."""

    def __init__(self, stream=None, *, enabled: bool | None = None, interval: float = 0.25, clock=time.monotonic):
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None or enabled:
            enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.enabled = enabled
        self.interval, self.clock = interval, clock
        self.phases: list[str] = []  # names of the phases begun, in order
        self.seconds: dict[str, float] = {}  # each phase's time on the clock, kept on and off a terminal
        self._current: Phase | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None

    def phase(self, name: str, *, total: int | None = None, unit: str = "articles", rates: bool = True) -> Phase:
        """Begin a phase; use it as a context manager, or call its ``close()``. ``rates``: show
        throughput (articles/s, words/s), which a phase that counts its results (entities) lacks."""
        self.phases.append(name)
        phase = Phase(self, name, total, unit, rates)
        if self.enabled:
            with self._lock:
                self._current = phase
                self._draw(phase)
            self._start_ticker()
        return phase

    def close(self) -> None:
        if self._ticker is not None:
            self._stop.set()
            self._ticker.join()
            self._ticker = None
        _LIVE.discard(self)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- drawing (terminal only) --------------------------------------------------------------
    def _start_ticker(self) -> None:
        if self._ticker is None and self.interval > 0:
            _LIVE.add(self)
            self._stop.clear()
            self._ticker = threading.Thread(target=self._tick, name="chronicle-progress", daemon=True)
            self._ticker.start()

    def _tick(self) -> None:
        while not self._stop.wait(self.interval):
            with self._lock:
                if self._current is not None:
                    self._draw(self._current)

    def _end(self, phase: Phase) -> None:
        self.seconds[phase.name] = self.seconds.get(phase.name, 0.0) + self.clock() - phase.started
        if not self.enabled:
            return
        with self._lock:
            self._draw(phase, final=True)
            if self._current is phase:
                self._current = None

    def _draw(self, phase: Phase, *, final: bool = False) -> None:
        width = shutil.get_terminal_size((100, 20)).columns - 1
        line = phase.line(self.clock(), final=final)[:width]
        try:
            self.stream.write(f"\r{line}\x1b[K" + ("\n" if final else ""))
            self.stream.flush()
        except (OSError, ValueError):  # stderr closed (a broken pipe): progress is not worth a crash
            self.enabled = False


class Phase:
    """One phase of a run: a count of ``unit`` (of ``total`` when known) and of words, against the clock."""

    def __init__(self, progress: Progress, name: str, total: int | None, unit: str, rates: bool = True):
        self.progress, self.name, self.total, self.unit, self.rates = progress, name, total, unit, rates
        self.done = 0
        self.words = 0
        self.note = ""
        self.started = self.rate_since = progress.clock()
        self.ticks = 0

    def update(self, n: int = 1, *, words: int = 0) -> None:
        self.done += n
        self.words += words

    def reset_rate(self) -> None:
        """Measure throughput from now on: a warm-up (loading a model) is not part of it."""
        self.rate_since = self.progress.clock()

    def set_note(self, note: str) -> None:
        """A word on what the phase is doing now ("storing", "loading the model"); "" clears it."""
        self.note = note

    def close(self) -> None:
        self.note = ""
        self.progress._end(self)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def line(self, now: float, *, final: bool = False) -> str:
        elapsed = max(now - self.started, 0.0)
        self.ticks += 1
        parts = [f"{self.name:<10}"]
        if self.total is not None:
            parts.append(f"{self.done:,}/{self.total:,} {self.unit}")
        elif self.done:
            parts.append(f"{self.done:,} {self.unit}")
        elif not final:
            parts.append(SPINNER[self.ticks % len(SPINNER)])
        parts.append(_clock(elapsed))
        working = now - self.rate_since
        if self.rates and self.done and working >= 0.05:  # throughput, once there is something to measure
            parts.append(f"{self.done / working:,.1f} {self.unit}/s")
            if self.words:
                parts.append(f"{self.words / working:,.0f} words/s")
        if self.note and not final:
            parts.append(self.note)
        return "  ".join(parts)


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
