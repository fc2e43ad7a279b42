"""Answers too large to keep in memory, kept as files in a temporary folder of the server's own
until the store changes, so a whole-store document is built once per change of the store.

Issue 18: on the full Timeline17 store (4,616 articles) the whole-store documents (every claim,
the whole timeline, the changes since an early date) are larger than ``cache.MAX_DOCUMENT``;
they were built and streamed anew for every request, by 50 clients at once (p99 53 s). Now the
first request writes what it sends to a file (:class:`Spool`), and the next ones are sent that
file (:class:`Spilled`). The files live in one folder made on first use and removed by
:meth:`Spill.close` (the server's shutdown; at the latest when the interpreter exits); they take
at most ``MAX_SPILL`` bytes together, counting those being written, the least recently used
going first. :class:`chronicle.web.cache.CachedReadings` keys them as it keys the answers kept
in memory (path and query, the store's version) and empties the folder when the store changes.

A file is read through a file object opened under the lock, so one removed meanwhile (evicted,
or the store changed) is still read whole by the requests that had opened it (POSIX semantics).
"""
from __future__ import annotations

import os
import tempfile
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import BinaryIO

MAX_SPILL = 2**30  # bytes on disk for all the answers kept as files, together


@dataclass
class Spilled:
    """A kept answer's body: an open file of ``size`` bytes, to be sent and closed by its reader."""

    file: BinaryIO
    size: int


class Spool:
    """One answer being written to its file as it is sent; :meth:`Spill.keep` takes it once whole."""

    def __init__(self, spill: "Spill", path: str, file: BinaryIO):
        self.spill, self.path, self.file, self.size = spill, path, file, 0

    def write(self, part: bytes) -> bool:
        """Append ``part``; False (and the file gone) when the disk budget has no room for it."""
        if self.file is None or not self.spill._reserve(len(part)):
            self.discard()
            return False
        self.size += len(part)
        self.file.write(part)
        return True

    def discard(self) -> None:
        """Give up this answer: its file is removed, its bytes no longer counted."""
        if self.file is not None:
            self.file.close()
            self.file = None
            _remove(self.path)
            self.spill._release(self.size)


class Spill:
    """The server's answers kept as files, by key (a request's path and query), least recently used first."""

    def __init__(self, *, limit: int = MAX_SPILL):
        self.limit = limit
        self._lock = threading.Lock()  # guards the files and the byte count; never held while writing
        self._folder: tempfile.TemporaryDirectory | None = None
        self._files: OrderedDict[tuple, tuple[str, int, dict | None]] = OrderedDict()
        self._bytes = 0  # kept and being written
        self._closed = False

    @property
    def folder(self) -> str | None:
        """The temporary folder, once an answer has been written (None before, and after :meth:`close`)."""
        return self._folder.name if self._folder is not None else None

    def spool(self, suffix: str = ".answer") -> Spool | None:
        """A new file to write an answer to (None once closed); a gzip twin's ends in ``.gz``."""
        with self._lock:
            if self._closed:
                return None
            if self._folder is None:
                self._folder = tempfile.TemporaryDirectory(prefix="chronicle-answers-")
            fd, path = tempfile.mkstemp(dir=self._folder.name, suffix=suffix)
        return Spool(self, path, os.fdopen(fd, "wb"))

    def keep(self, key: tuple, spool: Spool, headers: dict | None) -> None:
        """Keep ``spool``'s answer under ``key`` (the caller checked the store's version)."""
        if spool.file is None:
            return
        spool.file.close()
        spool.file = None
        with self._lock:
            if not self._closed and key not in self._files:
                self._files[key] = (spool.path, spool.size, headers)
                return
        _remove(spool.path)  # another request kept it first, or the server is closing
        self._release(spool.size)

    def open(self, key: tuple) -> tuple[Spilled, dict | None] | None:
        """The answer kept under ``key``, opened, and its headers; None when none is."""
        with self._lock:
            found = self._files.get(key)
            if found is None:
                return None
            path, size, headers = found
            try:
                file = open(path, "rb")  # noqa: SIM115 - its reader closes it once sent
            except OSError:  # removed behind our back (a cleaner of /tmp): not kept any more
                del self._files[key]
                self._bytes -= size
                return None
            self._files.move_to_end(key)
        return Spilled(file, size), headers

    def __contains__(self, key: tuple) -> bool:
        with self._lock:
            return key in self._files

    def __len__(self) -> int:
        with self._lock:
            return len(self._files)

    def clear(self) -> None:
        """Forget every kept answer (the store changed); those being written are kept by nobody."""
        with self._lock:
            self._evict(len(self._files))

    def close(self) -> None:
        """Remove the folder and everything in it; nothing is written or kept afterwards."""
        with self._lock:
            self._closed = True
            self._evict(len(self._files))
            folder, self._folder = self._folder, None
        if folder is not None:
            folder.cleanup()

    def _reserve(self, size: int) -> bool:
        with self._lock:
            while self._bytes + size > self.limit and self._files:
                self._evict(1)
            if self._closed or self._bytes + size > self.limit:
                return False
            self._bytes += size
            return True

    def _release(self, size: int) -> None:
        with self._lock:
            self._bytes -= size

    def _evict(self, count: int) -> None:  # under the lock: the ``count`` least recently used
        for _ in range(count):
            _, (path, size, _) = self._files.popitem(last=False)
            _remove(path)
            self._bytes -= size


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except FileNotFoundError:
        pass
