"""Readings kept until the store changes, so a page pays for the whole timeline or every quote
once per change of the store, not once per request.

The store changes under a running server only through another process (``chronicle ingest``
in a terminal), which moves ``Chronicle.data_version()``, or through this server's own
``POST /api/articles``, which calls :meth:`CachedReadings.ingest` and so empties the cache.
An API object without ``data_version`` is not cached at all. Callers get the cached objects
themselves and must not mutate them (the view layer builds new dicts and lists).

One cache serves every reading thread (web/access.py): :meth:`CachedReadings.bind` gives a
thread's own API object the same cache, and ``version`` is then one connection's
``data_version`` (SQLite numbers it per connection, so two connections' numbers do not compare).
A reading missing from the cache is computed once: a second thread asking for it meanwhile
waits for the first one's answer instead of computing it again (50 clients arriving at a cold
digest page would otherwise compute it 50 times over, issue 18).

Whole API answers are kept too, as the bytes sent (:meth:`CachedReadings.document`): in memory up
to ``MAX_DOCUMENT`` each, larger ones as files (chronicle.web.spill), both dropped when the store
changes. :meth:`CachedReadings.close` removes the files.

Each kept answer of ``GZIP_MIN`` bytes or more has a gzip twin, compressed once when the answer is
kept (:func:`gzip_key`), for the clients that accept it (browsers, curl --compressed, requests):
the changes since an early date on the full Timeline17 store are 90 MB of JSON, 13 MB gzipped,
and 50 clients reading them whole set the tail of every other request (issue 18, p99 5.3 s).
"""
from __future__ import annotations

import queue
import threading
import zlib
from collections import OrderedDict
from collections.abc import Callable

from chronicle.web.spill import Spill, Spool

CACHED = frozenset({"timeline", "quotes", "entities", "entity", "changes", "articles", "timeline_facets",
                    "timeline_entry", "quotations", "changes_summary", "entity_count", "claims", "positions",
                    "network", "claim_groups", "top_positions", "digest", "quotes_about", "stories",
                    "publication_counts", "changes_section", "search"})
# "search": the full-text search, shared by /search, its twin and /articles?q= (0.1-0.2 s each on
# the full Timeline17 store, issue 18).
MAX_READINGS = 256  # the bench.load store's pages read 185 distinct readings; 32 thrashed (issue 18)
# The largest answer kept in memory; a larger one is kept as a file (web/spill.py: 1 GB for all of them) and
# sent by sendfile (web/sendfile.py). It was 16 MB, and the 64 MB for all the answers in memory held four or
# five of the 5-16 MB documents (the changes since a day, every quote, the timeline): the others were
# dropped and built again, seconds each at 50 clients (issue 18).
MAX_DOCUMENT = 2**20
MAX_DOCUMENTS = 64 * 2**20  # all the answers kept in memory, together
GZIP_MIN = 1024  # a smaller answer is sent as it is: its header would cost more than it saves
# zlib level 3: the 90 MB document in 0.9 s, 6.8 times smaller (level 1: 0.7 s, 6 times; level 6: 1.9 s, 7.8 times)
GZIP_LEVEL = 3
GZIP_READ = 1 << 20  # bytes of a kept file compressed at a time
_FAILED = object()  # the version of a reading not to keep (it raised, or the store changed meanwhile)


class CachedReadings:
    """Wraps a :class:`chronicle.api.Chronicle`; its reading methods answer from the cache when fresh."""

    def __init__(self, api, *, size: int = MAX_READINGS, version: Callable[[], object] | None = None,
                 max_document: int | None = None):
        self.api, self.size = api, size
        self.max_document = MAX_DOCUMENT if max_document is None else max_document
        self._cache: OrderedDict[tuple, object] = OrderedDict()
        self._version = None
        self._version_of = version
        self._lock = threading.Lock()  # guards the dict, the version and the counts; never held while reading
        self._computing: dict[tuple, threading.Lock] = {}
        self._documents: OrderedDict[tuple, tuple[bytes, dict | None]] = OrderedDict()
        self._document_bytes = 0
        self.spill = Spill()  # answers over max_document bytes, as files
        self.hits = self.misses = 0
        self.enabled = hasattr(api, "data_version")
        self._packers: list[threading.Thread] = []  # compressing gzip twins of answers kept as files

    def __getattr__(self, name):
        return self.reading(self.api, name)

    def bind(self, api) -> "BoundReadings":
        """``api``'s readings (another connection to the same store), answered from this cache."""
        return BoundReadings(self, api)

    def reading(self, api, name: str):
        target = getattr(api, name)  # AttributeError for a reading the build lacks, as before
        if name not in CACHED or not self.enabled:
            return target

        def cached(*args, **kwargs):
            key = (name, _frozen(args), _frozen(sorted(kwargs.items())))
            version = self._check_version()
            found, value = self._get(key)
            if found:
                return value
            flight = self._flight(key)
            with flight:
                found, value = self._get(key, count=False)  # another thread may have computed it meanwhile
                if found:
                    return value
                try:
                    value = target(*args, **kwargs)
                except BaseException:
                    self._landed(key, flight)
                    raise
                self._landed(key, flight, value, version if self._probe() == version else _FAILED)
                return value

        return cached

    def _get(self, key: tuple, *, count: bool = True) -> tuple[bool, object]:
        with self._lock:
            if key in self._cache:
                self.hits += count
                self._cache.move_to_end(key)
                return True, self._cache[key]
            self.misses += count
            return False, None

    def _landed(self, key: tuple, flight: threading.Lock, value=None, version=_FAILED) -> None:
        """Keep ``value`` (unless the store has changed since ``version``); the next asker reads the cache."""
        with self._lock:
            if version is not _FAILED and self._version == version:
                self._cache[key] = value
                if len(self._cache) > self.size:
                    self._cache.popitem(last=False)
            if self._computing.get(key) is flight:
                del self._computing[key]

    def _flight(self, key: tuple) -> threading.Lock:
        with self._lock:
            return self._computing.setdefault(key, threading.Lock())

    # ---- whole API answers, as the bytes sent ---------------------------------------------------
    def document(self, key: tuple, *, version=None) -> tuple[object, tuple[object, dict | None] | None]:
        """``(version, (body, headers))`` of the answer kept for ``key`` (a path and its query), or
        ``(version, None)``: give the version back to :meth:`keep_document` with the answer read.
        ``body`` is bytes, or for an answer over ``max_document`` bytes a :class:`chronicle.web.spill.Spilled`
        file, opened (its reader closes it).

        The API's whole-store documents (every claim, the changes since a date: megabytes each,
        hundreds on the full Timeline17 store) are encoded once per change of the store, not once
        per request (issue 18). ``version``: the store's version, when the caller has read it (else probed).
        """
        version = self._check_version(version)
        with self._lock:
            kept = self._documents.get(key)
            if kept is not None:
                self._documents.move_to_end(key)
            elif self._version == version:  # not emptied by a change of the store meanwhile
                kept = self.spill.open(key)
            if kept is not None:
                self.hits += 1  # a miss is counted by the readings that build the answer
            return version, kept

    def spool(self) -> Spool | None:
        """A file to write an answer over ``max_document`` bytes to, for :meth:`keep_document` (None once closed)."""
        return self.spill.spool()

    def gzip_spool(self, size: int) -> "GzipSpool | None":
        """A file to write an answer's gzip twin to as the answer is written to its :meth:`spool`
        (None once closed, or when the ``size`` bytes the answer has already are too few to need a
        twin): given to :meth:`keep_document` with it."""
        if size < GZIP_MIN:
            return None
        spool = self.spill.spool(".gz")
        return GzipSpool(spool) if spool is not None else None

    def keep_document(self, key: tuple, body: bytes | Spool, headers: dict | None, version, *,
                      twin: "GzipSpool | None" = None) -> None:
        """Keep ``body`` (bytes, or a :meth:`spool` written whole) as ``key``'s answer, unless the
        store has changed since ``version`` (a spool not kept is removed). ``twin``: its gzip twin,
        compressed as it was written (a :meth:`gzip_spool`), kept with it; without one, a spooled
        answer's twin is compressed from its file in a thread of its own."""
        spooled = isinstance(body, Spool)
        packed = twin.finish() if twin is not None and spooled else None
        if twin is not None and packed is None:
            twin.discard()
        if (not spooled and len(body) > self.max_document) or self._probe() != version:
            if spooled:
                body.discard()
            if packed is not None:
                packed.discard()
            return
        with self._lock:
            if self._version != version or key in self._documents:
                if spooled:
                    body.discard()
                if packed is not None:
                    packed.discard()
                return
            if spooled:
                self.spill.keep(key, body, headers)
                if packed is not None:  # both at once: no request finds the answer without its twin
                    self.spill.keep(gzip_key(key), packed, _gzip_headers(headers))
            else:
                self._keep_bytes(key, body, headers)
        if not spooled:
            self._keep_gzip(key, body, headers, version)  # at most max_document bytes: milliseconds
            return
        if packed is not None:
            return
        # A file of tens of MB takes a second to compress: in a thread of its own (zlib lets go of the
        # GIL), so that neither this answer's last bytes nor the requests waiting for it wait for that.
        packer = threading.Thread(target=self._pack, args=(key, body, headers, version),
                                  name="chronicle-gzip", daemon=True)
        with self._lock:
            self._packers = [t for t in self._packers if t.is_alive()] + [packer]
        packer.start()

    def _pack(self, key: tuple, body: Spool, headers: dict | None, version) -> None:
        try:
            self._keep_gzip(key, body, headers, version)
        except Exception:  # noqa: BLE001 - a twin is a saving, not an answer: without it the answer goes as it is
            pass

    def settle(self, timeout: float | None = None) -> None:
        """Wait for the gzip twins being compressed (tests; the server's shutdown)."""
        with self._lock:
            packers = list(self._packers)
        for t in packers:
            t.join(timeout)

    def _keep_bytes(self, key: tuple, body: bytes, headers: dict | None) -> None:  # under the lock
        self._documents[key] = (body, headers)
        self._document_bytes += len(body)
        while self._document_bytes > MAX_DOCUMENTS:
            self._document_bytes -= len(self._documents.popitem(last=False)[1][0])

    def _keep_gzip(self, key: tuple, body: bytes | Spool, headers: dict | None, version) -> None:
        """Keep the gzip twin of the answer just kept under ``key`` (:func:`gzip_key`), when it is
        worth it: compressed here, in the worker thread that built the answer, once per change of the store."""
        if (body.size if isinstance(body, Spool) else len(body)) < GZIP_MIN:
            return
        twin = gzip_key(key)
        zheaders = _gzip_headers(headers)
        packer = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31)  # 31: a gzip header and trailer
        if isinstance(body, Spool):
            kept = self.spill.open(key)
            if kept is None:
                return
            spilled, _ = kept
            spool = self.spill.spool(".gz")
            with spilled.file:
                while spool is not None and (part := spilled.file.read(GZIP_READ)):
                    if not spool.write(packer.compress(part)):
                        spool = None  # no room on disk: sent as it is
            if spool is None or not spool.write(packer.flush()):
                return
            if self._probe() != version:
                spool.discard()
                return
            with self._lock:
                if self._version == version:
                    self.spill.keep(twin, spool, zheaders)  # removes it when kept already
                    return
            spool.discard()
            return
        packed = packer.compress(body) + packer.flush()
        if len(packed) > self.max_document:  # 1 MB of JSON compresses to far less: not seen in practice
            return
        with self._lock:
            if self._version == version and twin not in self._documents:
                self._keep_bytes(twin, packed, zheaders)

    def close(self) -> None:
        """Forget everything and remove the answers kept as files, with their folder (the server's shutdown)."""
        self.settle(5.0)
        with self._lock:
            self._forget()
            self._version = object()
        self.spill.close()

    def clear(self) -> None:
        with self._lock:
            self._forget()
            self._version = object()  # a reading begun before the clear is not kept

    def _forget(self) -> None:
        self._cache.clear()
        self._computing.clear()
        self._documents.clear()
        self._document_bytes = 0
        self.spill.clear()

    def _probe(self):
        return self._version_of() if self._version_of else self.api.data_version()

    def _check_version(self, version=None):
        version = self._probe() if version is None else version
        with self._lock:
            if version != self._version:
                self._forget()
                self._version = version
            return self._version

    def ingest(self, *args, **kwargs):
        try:
            return self.api.ingest(*args, **kwargs)
        finally:
            self.clear()


class BoundReadings:
    """One reading thread's API object, answering from a shared :class:`CachedReadings`."""

    def __init__(self, cache: CachedReadings, api):
        self._shared, self.api = cache, api

    def __getattr__(self, name):
        return self._shared.reading(self.api, name)


class GzipSpool:
    """An answer's gzip twin written to its file (a :class:`Spool`) as the answer is written to its
    own: each part is handed to a thread of the twin's own, which compresses it while the answer goes
    on being built (zlib lets go of the GIL, so the two run on two cores), and the twin is whole a
    moment after the answer is. Compressing the 90 MB file after it was kept, as stop 38 did, left
    every request in between to be sent 90 MB; compressing each part in the building thread made the
    build itself a second longer, and the requests waiting for it waited that much more (issue 18)."""

    QUEUE = 8  # parts waiting to be compressed (each at most answers.STREAM_MAX bytes): the builder waits past that

    def __init__(self, spool: Spool):
        self.spool: Spool | None = spool
        self.packer = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31)  # 31: a gzip header and trailer
        self.failed = False
        self._parts: queue.Queue = queue.Queue(self.QUEUE)
        self._thread: threading.Thread | None = threading.Thread(target=self._pack, name="chronicle-gzip", daemon=True)
        self._thread.start()

    def _pack(self) -> None:
        while (part := self._parts.get()) is not None:
            if self.failed or self.spool is None:
                continue
            try:
                written = self.spool.write(self.packer.compress(part))
            except Exception:  # noqa: BLE001 - a twin is a saving, not an answer: without it the answer goes as it is
                written = False
            if not written:
                self.failed = True  # no room on disk (the spool removed its file): the answer goes without a twin

    def write(self, part: bytes) -> bool:
        """Hand ``part`` to be compressed and appended; False once the twin cannot be written (no room on disk)."""
        if self.failed or self._thread is None:
            return False
        self._parts.put(part)
        return True

    def _stop(self) -> None:
        if self._thread is not None:
            self._parts.put(None)
            self._thread.join()
            self._thread = None

    def finish(self) -> Spool | None:
        """The twin's file written whole (None when it could not be)."""
        self._stop()
        spool, self.spool = self.spool, None
        if spool is None or self.failed:
            if spool is not None:
                spool.discard()
            return None
        if not spool.write(self.packer.flush()):
            return None
        return spool

    def discard(self) -> None:
        self._stop()
        if self.spool is not None:
            self.spool.discard()
            self.spool = None


def _gzip_headers(headers: dict | None) -> dict:
    return {**(headers or {}), "content-encoding": "gzip", "vary": "Accept-Encoding"}


def gzip_key(key: tuple) -> tuple:
    """The key of the gzip twin of the answer kept under ``key``."""
    return (*key, "gzip")


def accepts_gzip(header: str | None) -> bool:
    """Whether an Accept-Encoding header takes gzip: listed (or ``*``) without ``q=0``."""
    if not header:
        return False
    for item in header.lower().split(","):
        coding, _, params = item.strip().partition(";")
        if coding.strip() not in ("gzip", "*"):
            continue
        q = params.strip()
        if q.startswith("q="):
            try:
                return float(q[2:]) > 0
            except ValueError:
                return False
        return True
    return False


def _frozen(value):
    """A cache key for arguments that may hold lists (``quotes(articles=[...])``)."""
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return tuple(sorted(value))
    return value
