"""A request's answer: its reading run in a worker thread on a connection of its own
(chronicle.web.access), sent whole or streamed, and kept as the bytes sent until the store
changes (chronicle.web.cache), so a page or document asked for again is not built again.

Issue 18: at 50 clients, building the same answers over and over (the changes since a date,
4 MB of JSON, 0.45 s each; every page rendered anew) kept both cores busy; a kept answer costs
a dictionary look-up. What is kept is exactly what was sent (byte for byte), under the request's
path and query, and only when the store has not changed while it was read. An answer larger
than ``cache.MAX_DOCUMENT`` is written to a file as it is sent (chronicle.web.spill) and later
sent from that file: on the full Timeline17 store every claim, the whole timeline or the changes
since an early date (tens to hundreds of MB) were otherwise built anew for every request, by 50
clients at once (p99 53 s).
"""
from __future__ import annotations

from collections.abc import Callable
from itertools import islice

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse

from chronicle.web import data
from chronicle.web.access import Access, Lease
from chronicle.web.cache import CachedReadings
from chronicle.web.flights import Flight, Flights
from chronicle.web.spill import Spilled, Spool

STREAM_CHUNK = 500  # items read from the store at a time while a JSON array is streamed
STREAM_BYTES = 1 << 20  # about how much is read per turn in a worker thread (the first turn reads one chunk or piece)
# Seconds a request waits for another one building the same answer to move, then builds its own. A
# build always lands (its request's ``finally``): this only guards against a flight a bug left open.
# It was 20 s, which a build queued behind others for a worker thread (size 0, not moving) exceeded
# on the full Timeline17 store, so its waiters built copies of their own (issue 18).
FLIGHT_WAIT = 120.0
SPILL_READ = 1 << 20  # bytes read from a kept answer's file at a time


class Keep:
    """Where an answer's bytes go once sent whole: the cache, under the request's path and query.

    While one request builds an answer that is not kept yet, the others asking for it wait for
    it rather than build it too, whichever thread or event loop it runs in (chronicle.web.flights:
    the warm-up's builds too): at 50 clients a cold answer was otherwise built by every client
    that asked before the first one had finished. They wait as long as the build moves (at most
    ``FLIGHT_WAIT`` seconds without a byte more): a whole-store document of hundreds of MB takes
    longer than that to build and send.

    The first ``cache.max_document`` bytes (``cache.MAX_DOCUMENT``) are held in memory; past that,
    everything goes to a file (:meth:`CachedReadings.spool`), and the answer is kept as that file.
    """

    def __init__(self, cache: CachedReadings, key: tuple, flights: Flights):
        self.cache, self.key, self.version, self.flights = cache, key, None, flights
        self.parts: list[bytes] | None = []
        self.size = 0
        self.spool: Spool | None = None
        self._flight: Flight | None = None

    @classmethod
    def of(cls, request: Request) -> "Keep | None":
        access: Access = request.app.state.access
        cache = None if access.shared else access.cache  # shared: its version may be read under the one lock only
        if cache is None or not cache.enabled:
            return None
        return cls(cache, (request.url.path, request.url.query), access.flights)

    def kept(self) -> tuple[bytes, dict | None] | None:
        """The answer kept for this request (blocking: it asks the store's version, in a worker thread)."""
        self.version, found = self.cache.document(self.key)
        return found

    async def claim(self) -> bool:
        """Become the one request building this answer (True), or wait for the one that is (False),
        whichever thread or event loop it runs in (the warm-up's, a visitor's)."""
        flight, mine = self.flights.join(self.key, self)
        if mine:
            self._flight = flight
            return True
        builder, seen = flight.builder, -1
        while builder.size != seen:  # it moved since we last looked (or has not started): wait on
            seen = builder.size
            if await flight.wait(FLIGHT_WAIT):
                return False
        self.flights.land(self.key, flight)  # its builder is gone without a word: nobody waits for it again
        return False

    def land(self) -> None:
        """The build is over (kept, failed, or too large to keep): wake the requests waiting for it."""
        if self.spool is not None:  # not kept (failed, or the client left): its file goes
            self.spool.discard()
            self.spool = None
        if self._flight is not None:
            flight, self._flight = self._flight, None
            self.flights.land(self.key, flight)

    def add(self, part: bytes) -> None:
        """Note ``part`` as sent (blocking past ``cache.max_document``: it writes a file; call it in a worker thread)."""
        self.size += len(part)  # counted even when not kept: the requests waiting see the build move
        if self.parts is None:
            return
        if self.spool is None:
            if self.size <= self.cache.max_document:
                self.parts.append(part)
                return
            self.spool, held, self.parts = self.cache.spool(), self.parts + [part], []
            if self.spool is not None and all(self.spool.write(piece) for piece in held):
                return
        elif self.spool.write(part):
            return
        # no room on disk (or the server is closing): sent anew each time. The requests waiting
        # for it still wait for it to end rather than all build it at once (and a worker thread
        # may not set their event).
        if self.spool is not None:
            self.spool.discard()
        self.spool = self.parts = None

    def done(self, headers: dict | None = None) -> None:
        """Keep the answer (blocking: it asks the store's version again, in a worker thread)."""
        if self.spool is not None:
            spool, self.spool = self.spool, None
            self.cache.keep_document(self.key, spool, headers, self.version)
        elif self.parts is not None:
            self.cache.keep_document(self.key, b"".join(self.parts), headers, self.version)


async def whole(request: Request, produce: Callable, *, media_type: str) -> Response:
    """``produce(api) -> (body bytes, headers)`` run in a worker thread, or the answer kept for the request."""
    keep = Keep.of(request)

    def run(api):
        found = keep.kept() if keep is not None else None
        if found is not None:
            return found
        body, headers = produce(api)
        if keep is not None:
            keep.add(body)
            keep.done(headers)
        return body, headers

    lease = request.app.state.access.lease()
    try:
        found = await run_in_threadpool(lease.call, lambda api: keep.kept()) if keep is not None else None
        if found is None:
            if keep is not None:
                await keep.claim()
            try:
                found = await run_in_threadpool(lease.call, run)
            finally:
                if keep is not None:
                    keep.land()
    finally:
        lease.release()
    return answer(found, media_type)


def answer(found: tuple[object, dict | None], media_type: str) -> Response:
    """The response for a built or kept answer ``(body, headers)``: bytes sent whole, a kept file streamed."""
    body, headers = found
    if isinstance(body, Spilled):
        return _SpilledResponse(body, media_type, headers)
    return Response(body, media_type=media_type, headers=headers)


class _SpilledResponse(StreamingResponse):
    """An answer kept as a file (chronicle.web.spill), sent ``SPILL_READ`` bytes at a time.

    The file is read in the event loop: it was written moments ago and is in the page cache, where
    a 1 MB read costs less than the trip to a worker thread, and the worker threads (a few, see
    chronicle.web.access.THREADS) are busy building answers, which is what these requests must
    not queue behind."""

    def __init__(self, spilled: Spilled, media_type: str, headers: dict | None):
        super().__init__(self._chunks(spilled), media_type=media_type,
                         headers={**(headers or {}), "content-length": str(spilled.size)})
        self.spilled = spilled

    @staticmethod
    async def _chunks(spilled: Spilled):
        with spilled.file:
            while part := spilled.file.read(SPILL_READ):
                yield part

    async def __call__(self, scope, receive, send):
        try:
            await super().__call__(scope, receive, send)
        finally:
            self.spilled.file.close()  # also when the client left before the first chunk


def json_body(result: data.Result) -> tuple[bytes, dict | None]:
    """A reading's JSON as sent (starlette's JSONResponse encoding), and its note header."""
    headers = {"x-chronicle-note": result.note} if result.note else None
    return JSONResponse(result.data).body, headers


def reader(read: Callable):
    """The endpoint of an API reading ``read(api, args)``: a :class:`data.Result` sent whole, a
    :class:`data.Document` or an iterator of JSON texts streamed."""
    async def endpoint(request: Request):
        keep = Keep.of(request)
        lease = request.app.state.access.lease()
        streaming = False  # once streaming, the stream gives the lease back and wakes the waiters
        try:
            kept = await run_in_threadpool(lease.call, lambda api: keep.kept()) if keep is not None else None
            if kept is None:
                if keep is not None:
                    await keep.claim()
                kept, found = await run_in_threadpool(lease.call, _read_or_kept, read, request.state.args, keep)
            if kept is not None:
                return answer(kept, "application/json")
            if isinstance(found, data.Document):
                response = await _streamed_document(lease, found.pieces, keep)
            else:
                response = await _streamed(lease, found, keep)
            streaming = True
            return response
        finally:
            if not streaming:
                lease.release()
                if keep is not None:
                    keep.land()

    return endpoint


def _read_or_kept(api, read: Callable, args, keep: Keep | None):
    """``(answer, None)`` when the cache holds the request's answer (kept meanwhile) or it is a
    :class:`data.Result` (encoded and kept here), else ``(None, the stream read gave)``."""
    found = keep.kept() if keep is not None else None
    if found is not None:
        return found, None
    result = read(api, args)
    if not isinstance(result, data.Result):
        return None, result
    body, headers = json_body(result)
    if keep is not None:
        keep.add(body)
        keep.done(headers)
    return (body, headers), None


async def _streamed(lease: Lease, items, keep: Keep | None) -> StreamingResponse:
    """A JSON array sent as it is read: ``items`` yields each item's JSON text, and is advanced
    a chunk at a time in a worker thread, on the connection it was begun on (``lease``, given
    back after the last chunk). The first chunk is read before the response starts, so a bad
    parameter is still a 400."""

    def take(api, sep: str, budget: int = STREAM_BYTES) -> bytes | None:
        # chunks until about ``budget`` characters: each turn waits for a worker thread and the
        # event loop, which at 50 clients cost more than reading the chunk (bench.load); encoded
        # and noted (perhaps written to a file) here, not in the event loop. None at the end.
        out: list[str] = []
        size = 0
        while True:
            chunk = list(islice(items, STREAM_CHUNK))
            out += chunk
            size += sum(map(len, chunk))
            if len(chunk) < STREAM_CHUNK or size >= budget:
                return _sent(keep, (sep + ",".join(out)).encode()) if out else None

    first = await run_in_threadpool(lease.call, take, "[", 0)  # one chunk: the first bytes go at once

    async def body():
        try:
            part = first
            while part is not None:
                yield part
                part = await run_in_threadpool(lease.call, take, ",")
            yield _sent(keep, b"[]" if first is None else b"]")
        finally:
            _finish(items, lease)
        if keep is not None:  # sent whole: the next request for it gets these bytes
            await run_in_threadpool(keep.done)

    return _Stream(body(), keep)


async def _streamed_document(lease: Lease, pieces, keep: Keep | None) -> StreamingResponse:
    """One JSON document sent as it is read, a piece per turn (as :func:`_streamed`); the first
    piece is read before the response starts."""

    def step(api, budget: int = STREAM_BYTES) -> bytes | None:
        # pieces until about ``budget`` characters (as :func:`_streamed`); None at the end
        out: list[str] = []
        size = 0
        while size <= budget:
            piece = next(pieces, None)
            if piece is None:
                break
            out.append(piece)
            size += len(piece)
        return _sent(keep, "".join(out).encode()) if out else None

    first = await run_in_threadpool(lease.call, step, 0)  # one piece: the first bytes go at once

    async def body():
        try:
            piece = first
            while piece is not None:
                yield piece
                piece = await run_in_threadpool(lease.call, step)
        finally:
            _finish(pieces, lease)
        if keep is not None:
            await run_in_threadpool(keep.done)

    return _Stream(body(), keep)


class _Stream(StreamingResponse):
    """A streamed JSON answer that wakes the requests waiting for it once it is over, sent or not."""

    def __init__(self, body, keep: Keep | None):
        super().__init__(body, media_type="application/json")
        self.keep = keep

    async def __call__(self, scope, receive, send):
        try:
            await super().__call__(scope, receive, send)
        finally:
            if self.keep is not None:
                self.keep.land()


def _sent(keep: Keep | None, part: bytes) -> bytes:
    if keep is not None:
        keep.add(part)
    return part


def _finish(iterator, lease: Lease) -> None:
    """Close a stream's iterator (its statement, when the client left halfway) before its
    connection goes back to the pool, so the next request does not read in its old snapshot."""
    close = getattr(iterator, "close", None)
    if close is not None:
        close()
    lease.release()
