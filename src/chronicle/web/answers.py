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

import asyncio
from collections.abc import Callable
from itertools import islice

import anyio.to_thread
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse

from chronicle.web import data
from chronicle.web.access import Access, Lease
from chronicle.web.cache import CachedReadings, GzipSpool, accepts_gzip, gzip_key
from chronicle.web.flights import Flight, Flights
from chronicle.web.lanes import Lane, kind_of
from chronicle.web.spill import Spilled, Spool

ZEROCOPY = "http.response.zerocopysend"  # the ASGI extension chronicle.web.sendfile gives uvicorn
STREAM_CHUNK = 500  # items read from the store at a time while a JSON array is streamed
STREAM_BYTES = 1 << 20  # about how much a streamed answer's second turn in a worker thread reads; each next turn twice more
# The first turn is short, so the first bytes leave at once (issue 17: every API call under 300 ms cold):
# at 1 MB, every claim's first bytes waited 0.84 s on the full Timeline17 store. A document's first turn
# is its first piece alone: the changes since a date are read section by section, and the digest, a
# few seconds cold, sat within its first megabyte (first byte 3.3 s).
STREAM_FIRST = 128 << 10
STREAM_MAX = 16 << 20  # up to this much
# Seconds a request waits for another one building the same answer to move, then builds its own. A
# build always lands (its request's ``finally``): this only guards against a flight a bug left open.
# It was 20 s, which a build queued behind others for a worker thread (size 0, not moving) exceeded
# on the full Timeline17 store, so its waiters built copies of their own (issue 18).
FLIGHT_WAIT = 120.0
SPILL_READ = 1 << 20  # bytes read from a kept answer's file at a time
# A kept answer is looked up in the event loop when the store's version can be read there without
# waiting (chronicle.web.access.Access.version_now): the probe is free. The worker threads hold it
# for a moment each time they read the version, often, and across a GIL switch while 50 clients'
# cold answers are built; a look-up that found it busy then waited for a worker thread behind those
# builds: 1-1.2 s for answers kept before the first request on the full Timeline17 store (issue 18).
# So the event loop tries again, a millisecond apart (``LOOKUP_TRIES`` times), before asking a thread.
LOOKUP_TRIES = 20
LOOKUP_PAUSE = 0.001


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

    def __init__(self, cache: CachedReadings, key: tuple, flights: Flights, version_now: Callable | None = None,
                 *, gzip: bool = False):
        self.cache, self.key, self.version, self.flights = cache, key, None, flights
        self.gzip = gzip  # the client takes gzip: the kept answer's gzip twin is sent where there is one
        self.version_now = version_now
        self.parts: list[bytes] | None = []
        self.size = 0
        self.spool: Spool | None = None
        # the gzip twin of an answer written to a file, compressed as it is written (cache.GzipSpool):
        # kept with the answer, so that the requests waiting for it are sent 13 MB, not 90 (issue 18)
        self.twin: GzipSpool | None = None
        self._flight: Flight | None = None

    @classmethod
    def of(cls, request: Request) -> "Keep | None":
        access: Access = request.app.state.access
        cache = None if access.shared else access.cache  # shared: its version may be read under the one lock only
        if cache is None or not cache.enabled:
            return None
        return cls(cache, (request.url.path, request.url.query), access.flights, access.version_now,
                   gzip=accepts_gzip(request.headers.get("accept-encoding")))

    def kept(self) -> tuple[bytes, dict | None] | None:
        """The answer kept for this request (blocking: it asks the store's version, in a worker thread)."""
        return self._look()

    def _look(self, version=None) -> tuple[bytes, dict | None] | None:
        """The kept answer, its gzip twin first when the client takes gzip (cache.gzip_key)."""
        if self.gzip:
            version, found = self.cache.document(gzip_key(self.key), version=version)
            if found is not None:
                self.version = version
                return found
        self.version, found = self.cache.document(self.key, version=version)
        return found

    async def kept_now(self, lease: Lease, lane: Lane | None = None) -> tuple[bytes, dict | None] | None:
        """:meth:`kept`, answered in the event loop when the store's version can be read there without
        waiting (else in a worker thread): a kept answer costs a look-up, and waited for a worker
        thread behind the cold builds, seconds at 50 clients on the full Timeline17 store (issue 18)."""
        version = None
        if self.version_now is not None:
            for _ in range(LOOKUP_TRIES):
                version = self.version_now()
                if version is not None:
                    break
                await asyncio.sleep(LOOKUP_PAUSE)  # the probe is in use (by a worker thread, for a moment)
        if version is None:
            if lane is not None:  # a look-up: in threads of its own, behind no build
                return await _in_thread(lane, lease.call, lambda api: self.kept(), build=False)
            return await run_in_threadpool(lease.call, lambda api: self.kept())
        return self._look(version)

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
        if self.twin is not None:
            self.twin.discard()
            self.twin = None
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
            self.twin = self.cache.gzip_spool(self.size)
            if self.spool is not None and all(self.spool.write(piece) for piece in held):
                for piece in held:
                    self._pack(piece)
                return
        elif self.spool.write(part):
            self._pack(part)
            return
        # no room on disk (or the server is closing): sent anew each time. The requests waiting
        # for it still wait for it to end rather than all build it at once (and a worker thread
        # may not set their event).
        if self.spool is not None:
            self.spool.discard()
        self.spool = self.parts = None

    def _pack(self, part: bytes) -> None:
        if self.twin is not None and not self.twin.write(part):
            self.twin = None  # no room on disk: the twin is compressed from the file once kept, if at all

    def done(self, headers: dict | None = None) -> None:
        """Keep the answer (blocking: it asks the store's version again, in a worker thread)."""
        if self.spool is not None:
            spool, self.spool = self.spool, None
            twin, self.twin = self.twin, None
            self.cache.keep_document(self.key, spool, headers, self.version, twin=twin)
        elif self.parts is not None:
            self.cache.keep_document(self.key, b"".join(self.parts), headers, self.version)


async def whole(request: Request, produce: Callable, *, media_type: str) -> Response:
    """``produce(api) -> (body bytes, headers)`` run in a worker thread, or the answer kept for the request."""
    keep = Keep.of(request)
    lane = _lane(request)
    built = False

    def run(api):
        nonlocal built
        found = keep.kept() if keep is not None else None
        if found is not None:
            return found
        built = True
        body, headers = produce(api)
        if keep is not None:
            keep.add(body)
            keep.done(headers)
        return body, headers

    lease = request.app.state.access.lease()
    try:
        found = await keep.kept_now(lease, lane) if keep is not None else None
        if found is None:
            if keep is not None:
                await keep.claim()
            try:
                found = await _in_thread(lane, lease.call, run)
            finally:
                if keep is not None:
                    keep.land()
            if built:
                lane.built()
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
    """An answer kept as a file (chronicle.web.spill): by the server itself where it offers ASGI's
    zero-copy send (``chronicle serve``: chronicle.web.sendfile), else ``SPILL_READ`` bytes at a time.

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
            if ZEROCOPY in (scope.get("extensions") or {}) and scope.get("method") != "HEAD":
                # the server sends the file itself, by sendfile (chronicle.web.sendfile, `chronicle serve`)
                await send({"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers})
                await send({"type": ZEROCOPY, "file": self.spilled.file, "offset": 0, "count": self.spilled.size,
                            "more_body": False})
                return
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
        lane = _lane(request)
        lease = request.app.state.access.lease()
        streaming = False  # once streaming, the stream gives the lease back and wakes the waiters
        try:
            kept = await keep.kept_now(lease, lane) if keep is not None else None
            if kept is None:
                if keep is not None:
                    await keep.claim()
                kept, found = await _in_thread(lane, lease.call, _read_or_kept, read, request.state.args, keep, lane)
            if kept is not None:
                if lane.reading:
                    lane.built()
                return answer(kept, "application/json")
            response = _stream(lease, keep, *found, lane=lane)
            streaming = True
            return response
        finally:
            if not streaming:
                lease.release()
                if keep is not None:
                    keep.land()

    return endpoint


def _read_or_kept(api, read: Callable, args, keep: Keep | None, lane: Lane | None = None):
    """``(answer, None)`` when the cache holds the request's answer (kept meanwhile) or it is a
    :class:`data.Result` (encoded and kept here), else ``(None, (the stream read gave, its turn,
    the first turn's bytes))``: the stream's first turn is read here, in the same worker thread
    (a bad parameter is still a 400, and a small answer is read, kept and sent in one turn)."""
    found = keep.kept() if keep is not None else None
    if found is not None:
        return found, None
    if lane is not None:
        lane.reading = True  # built here, not found kept: its CPU time is this kind's cost
    result = read(api, args)
    if not isinstance(result, data.Result):
        source = result.pieces if isinstance(result, data.Document) else result
        document = isinstance(result, data.Document)
        turn = _document_turn(source, keep) if document else _array_turn(source, keep)
        return None, (source, turn, turn(1 if document else STREAM_FIRST))
    body, headers = json_body(result)
    if keep is not None:
        keep.add(body)
        keep.done(headers)
    return (body, headers), None


def _array_turn(items, keep: Keep | None) -> Callable[[int], tuple[bytes, bool]]:
    """Turns sending a JSON array as it is read: ``items`` yields each item's JSON text, advanced
    a chunk at a time in a worker thread, on the connection it was begun on."""
    began = False

    def take(budget: int) -> tuple[bytes, bool]:
        # chunks until about ``budget`` characters, encoded and noted (perhaps written to a file)
        # here, not in the event loop; True with the last bytes, and then the answer is kept
        nonlocal began
        out: list[str] = []
        size, ended = 0, False
        while not ended and size < budget:
            chunk = list(islice(items, STREAM_CHUNK))
            out += chunk
            size += sum(map(len, chunk))
            ended = len(chunk) < STREAM_CHUNK
        text = ",".join(out)
        if not began:
            text, began = "[" + text, True
        elif out:
            text = "," + text
        return _last(keep, text + "]" if ended else text, ended)

    return take


def _document_turn(pieces, keep: Keep | None) -> Callable[[int], tuple[bytes, bool]]:
    """Turns sending one JSON document as it is read, pieces at a time (as :func:`_array_turn`)."""

    def step(budget: int) -> tuple[bytes, bool]:
        out: list[str] = []
        size, ended = 0, False
        while not ended and size < budget:
            piece = next(pieces, None)
            ended = piece is None
            if not ended:
                out.append(piece)
                size += len(piece)
        return _last(keep, "".join(out), ended)

    return step


def _stream(lease: Lease, keep: Keep | None, source, turn: Callable, first: tuple[bytes, bool], *,
            lane: Lane | None = None) -> StreamingResponse:
    """Send ``first`` (the first turn's bytes, read with the reading), then what ``turn(budget) ->
    (bytes, ended)`` reads, a turn at a time in a worker thread; ``lease`` is given back after the
    last one.

    Each turn waits for a worker thread behind every other request's, which at 50 clients cost
    more than the reading itself: the changes since an early day (100 MB on the full Timeline17
    store) took 28 s in 1 MB turns against 5 s alone (issue 18). So the turns grow, from
    ``STREAM_FIRST`` (a document: its first piece) to ``STREAM_MAX``, and a small array is read, kept and sent in one."""

    async def body():
        part, ended = first
        budget = STREAM_BYTES // 2
        try:
            yield part
            while not ended:
                budget = min(STREAM_MAX, budget * 2)
                part, ended = await _in_thread(lane, lease.call, lambda api: turn(budget))
                if part:
                    yield part
            if lane is not None:
                lane.built()  # every turn's CPU time, once the whole answer is read
        finally:
            _finish(source, lease)

    return _Stream(body(), keep)


def _last(keep: Keep | None, text: str, ended: bool) -> tuple[bytes, bool]:
    """``text`` encoded and noted as sent; with the answer's last bytes (``ended``), the answer is
    kept (in the worker thread that read it, not in a turn of its own)."""
    part = _sent(keep, text.encode())
    if ended and keep is not None:
        keep.done()
    return part, ended


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


async def _in_thread(lane: Lane | None, fn: Callable, *args, build: bool = True):
    """``fn(*args)`` in a worker thread: the usual ones, or the heavy lane's for a kind that built
    slowly before (chronicle.web.lanes)."""
    if lane is None:
        return await run_in_threadpool(fn, *args)
    limiter = lane.limiter(build)
    if limiter is None:
        return await run_in_threadpool(lane.timed(fn), *args)
    return await anyio.to_thread.run_sync(lane.timed(fn), *args, limiter=limiter)


def _lane(request: Request) -> Lane:
    """The request's lane of worker threads (chronicle.web.lanes), by what its kind cost before."""
    return request.app.state.access.lanes.of(kind_of(request))


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
