"""A request's answer: its reading run in a worker thread on a connection of its own
(chronicle.web.access), sent whole or streamed, and kept as the bytes sent until the store
changes (chronicle.web.cache), so a page or document asked for again is not built again.

Issue 18: at 50 clients, building the same answers over and over (the changes since a date,
4 MB of JSON, 0.45 s each; every page rendered anew) kept both cores busy; a kept answer costs
a dictionary look-up. What is kept is exactly what was sent (byte for byte), under the request's
path and query, and only when the store has not changed while it was read. A streamed document
larger than ``cache.MAX_DOCUMENT`` is streamed anew each time.
"""
from __future__ import annotations

from collections.abc import Callable
from itertools import islice

import anyio
from anyio.lowlevel import current_token
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse

from chronicle.web import data
from chronicle.web.access import Access, Lease
from chronicle.web.cache import MAX_DOCUMENT, CachedReadings

STREAM_CHUNK = 500  # items read from the store at a time while a JSON array is streamed
STREAM_BYTES = 1 << 20  # about how much is read per turn in a worker thread (the first turn reads one chunk or piece)
FLIGHT_WAIT = 20.0  # seconds a request waits for another one building the same answer, then builds its own


class Keep:
    """Where an answer's bytes go once sent whole: the cache, under the request's path and query.

    While one request builds an answer that is not kept yet, the others asking for it wait for
    it (at most ``FLIGHT_WAIT`` seconds) rather than build it too: at 50 clients a cold answer
    was otherwise built by every client that asked before the first one had finished.
    """

    def __init__(self, cache: CachedReadings, key: tuple, flights: dict):
        self.cache, self.key, self.version, self.flights = cache, key, None, flights
        self.parts: list[bytes] | None = []
        self.size = 0
        self._event: anyio.Event | None = None

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
        """Become the one request building this answer (True), or wait for the one that is (False)."""
        token = current_token()  # an event is awaited only in the event loop that made it
        other = self.flights.get(self.key)
        if other is not None and other[0] == token:
            with anyio.move_on_after(FLIGHT_WAIT) as waited:
                await other[1].wait()
            if waited.cancelled_caught and self.flights.get(self.key) is other:
                del self.flights[self.key]  # its builder is gone without a word: nobody waits for it again
            return False
        self._event = anyio.Event()
        self.flights[self.key] = (token, self._event)
        return True

    def land(self) -> None:
        """The build is over (kept, failed, or too large to keep): wake the requests waiting for it."""
        if self._event is not None:
            if self.flights.get(self.key, (None, None))[1] is self._event:
                del self.flights[self.key]
            self._event.set()
            self._event = None

    def add(self, part: bytes) -> None:
        if self.parts is not None:
            self.size += len(part)
            if self.size > MAX_DOCUMENT:
                self.parts = None  # too large to keep: streamed each time, and nobody need wait for it
                self.land()
            else:
                self.parts.append(part)

    def done(self, headers: dict | None = None) -> None:
        """Keep the answer (blocking: it asks the store's version again, in a worker thread)."""
        if self.parts is not None:
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
    return Response(found[0], media_type=media_type, headers=found[1])


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
                return Response(kept[0], media_type="application/json", headers=kept[1])
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

    def take(api, budget: int = STREAM_BYTES):
        # chunks until about ``budget`` characters: each turn waits for a worker thread and the
        # event loop, which at 50 clients cost more than reading the chunk (bench.load)
        out: list[str] = []
        size = 0
        while True:
            chunk = list(islice(items, STREAM_CHUNK))
            out += chunk
            size += sum(map(len, chunk))
            if len(chunk) < STREAM_CHUNK or size >= budget:
                return out

    first = await run_in_threadpool(lease.call, take, 0)  # one chunk: the first bytes go at once

    async def body():
        try:
            chunk, sep = first, b"["
            while chunk:
                yield _sent(keep, sep + ",".join(chunk).encode())
                sep = b","
                chunk = await run_in_threadpool(lease.call, take)
            yield _sent(keep, b"]" if sep == b"," else b"[]")
        finally:
            _finish(items, lease)
        if keep is not None:  # sent whole: the next request for it gets these bytes
            await run_in_threadpool(keep.done)

    return _Stream(body(), keep)


async def _streamed_document(lease: Lease, pieces, keep: Keep | None) -> StreamingResponse:
    """One JSON document sent as it is read, a piece per turn (as :func:`_streamed`); the first
    piece is read before the response starts."""

    def step(api, budget: int = STREAM_BYTES):
        # pieces until about ``budget`` characters (as :func:`_streamed`); None at the end
        out: list[str] = []
        size = 0
        while size <= budget:
            piece = next(pieces, None)
            if piece is None:
                break
            out.append(piece)
            size += len(piece)
        return "".join(out) if out else None

    first = await run_in_threadpool(lease.call, step, 0)  # one piece: the first bytes go at once

    async def body():
        try:
            piece = first
            while piece is not None:
                yield _sent(keep, piece.encode())
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
