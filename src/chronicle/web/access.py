"""How requests reach the store: each reading on a read-only connection of its own, writes one at a time.

Issue 18: with one connection behind one lock, 50 clients queued behind each other and a slow
page held up every other request (p99 22 s on a 300-article store). Now a request takes a
reader (a :class:`chronicle.api.Chronicle` over a read-only connection, from a pool that grows
to the number of requests in flight and keeps up to ``KEEP_IDLE`` of them), reads, and gives it
back; under SQLite's WAL readers wait neither for each other nor for a writer. A streamed
response keeps its reader until its last chunk, since its rows come from that connection's
statements (a pg8000 connection must never be used by two threads at once; a SQLite one is
given to one request at a time too). The writer (the token-gated ``POST /api/articles``) is the
API object the app was made with, behind ``write_lock``.

An API object that cannot give readers (an in-memory store, a test double) is shared as
before: every call, reading or writing, takes ``write_lock``.
"""
from __future__ import annotations

import os
import threading

from chronicle.web.cache import CachedReadings
from chronicle.web.flights import Flights
from chronicle.web.lanes import Lanes

KEEP_IDLE = 48  # readers kept between bursts; the worker threads (THREADS) bound those in use
# Worker threads for readings (the slow kinds have a lane of their own, chronicle.web.lanes, and a
# kept answer needs none). Readings are Python (the GIL): more threads share the same CPU among more
# requests. With 2-3 threads (one more than the cores, as before) a cold answer waited for a thread
# in arrival order, so at 50 clients an article's page (5 ms to build) waited seconds behind the first
# seconds' cold builds; with more, the cheap builds finish among the slow ones. bench.load on the full
# Timeline17 store at 2 cores (load average 6-7 from other jobs): requests over 1 s 225-294 with 3
# threads, 170-187 with 12, 243 with 32 (issue 18). Before the lanes and kept answers, on T17-300: p99
# 1.6-1.8 s with 48 threads, 1.13-1.27 s with 2-3.
THREADS = min(16, 4 * (os.cpu_count() or 1) + 4)


class Access:
    """The store as the web app's requests use it; ``front`` is what ``app.state.api`` shows."""

    def __init__(self, api, *, cache: bool = True):
        from chronicle.api import Chronicle

        self.api = api
        self.write_lock = threading.Lock()
        self.shared = not (isinstance(api, Chronicle) and api.path != ":memory:")
        self._pool_lock = threading.Lock()
        self._idle: list = []
        self._opened: list = []  # every reader (and the probe) this object opened, for close()
        self._prepared = self.shared
        self._closed = False
        self._probe = None
        self._probe_lock = threading.Lock()
        version = None if self.shared else self._data_version
        self.cache = CachedReadings(api, version=version) if cache else None
        self.front = self.cache if cache else api
        self.flights = Flights()  # answers being built (chronicle.web.answers.Keep), by any thread or event loop
        self.lanes = Lanes()  # what each kind of request cost to build: the slow ones read in a lane of their own

    def lease(self) -> "Lease":
        return Lease(self)

    def write(self, fn, *args):
        """``fn(api, *args)`` with the writer, one write at a time (blocking: call it in a worker thread)."""
        with self.write_lock:
            return fn(self.front, *args)

    def close(self) -> None:
        """Close every reader this object opened (not the writer: its caller owns it), and remove
        the answers the cache kept as files."""
        with self._pool_lock:
            self._closed = True
            opened, self._opened, self._idle = self._opened, [], []
        with self._probe_lock:
            self._probe = None
        for reader in opened:
            reader.close()
        if self.cache is not None:
            self.cache.close()

    # ---- the pool ----------------------------------------------------------------------------
    def _take(self):
        with self._pool_lock:
            if self._idle:
                return self._idle.pop()
        return self._open()

    def _give(self, reader) -> None:
        with self._pool_lock:
            if not self._closed and len(self._idle) < KEEP_IDLE:
                self._idle.append(reader)
                return
            if reader in self._opened:
                self._opened.remove(reader)
        reader.close()

    def _open(self):
        if not self._prepared:  # the first reader: the writer makes the first reading's upgrades
            with self.write_lock:
                if not self._prepared:
                    self.api.prepare_reads()
                    self._prepared = True
        reader = self.api.reader()
        with self._pool_lock:
            self._opened.append(reader)
        return reader

    def version_now(self):
        """The store's version (as :meth:`_data_version`) when reading it costs no wait, else None:
        the probe is open and no other thread is using it. For the event loop, which must not block,
        and which so answers a kept answer without waiting for a worker thread (issue 18)."""
        if self._probe is None or not self._probe_lock.acquire(blocking=False):
            return None
        try:
            return self._probe.data_version() if self._probe is not None else None
        finally:
            self._probe_lock.release()

    def _data_version(self):
        """The store's version as one connection of its own sees it (the cache's key)."""
        with self._probe_lock:
            if self._probe is None:
                self._probe = self._open()
            return self._probe.data_version()


class Lease:
    """One request's way to the store: a reader taken on first use and kept until :meth:`release`."""

    def __init__(self, access: Access):
        self.access, self._reader, self._view = access, None, None

    def call(self, fn, *args):
        """``fn(api, *args)`` (blocking: call it in a worker thread)."""
        access = self.access
        if access.shared:
            with access.write_lock:
                return fn(access.front, *args)
        if self._reader is None:
            self._reader = access._take()
            self._view = access.cache.bind(self._reader) if access.cache else self._reader
        return fn(self._view, *args)

    def release(self) -> None:
        if self._reader is not None:
            reader, self._reader, self._view = self._reader, None, None
            self.access._give(reader)
