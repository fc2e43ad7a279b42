"""uvicorn's HTTP/1.1 protocol (h11) with the ASGI zero-copy send extension, so that an answer
kept as a file (chronicle.web.spill) is sent by the kernel (``sendfile``) instead of being read
into Python and written out a megabyte at a time.

Issue 18: on the full Timeline17 store the load bench asks for whole-store documents of 20-100 MB
about 250 times a run (11 GB). Each megabyte was read from the file, joined into an HTTP frame by
h11 and copied into the transport's buffer, in the one event loop every request shares, while the
reading threads held the GIL; a 57 MB answer took 1.2-1.5 s to send with 16 others. With
``http.response.zerocopysend`` (asgiref's spec: ``file``, ``offset``, ``count``, ``more_body``)
the bytes go from the page cache to the socket in the kernel, the GIL released meanwhile.

``chronicle serve`` runs uvicorn with :class:`H11SendfileProtocol`. An ASGI server without the
extension (a test client, another server) is sent the file as before: the app looks for
``"http.response.zerocopysend"`` in ``scope["extensions"]``.
"""
from __future__ import annotations

import asyncio
import functools

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

ZEROCOPY = "http.response.zerocopysend"


class _Span:
    """A stand-in for ``count`` bytes of a file, given to h11 as a Data event's data (h11's documented
    sendfile pattern: it frames the length and hands the object back in its output list)."""

    __slots__ = ("count",)

    def __init__(self, count: int):
        self.count = count

    def __len__(self) -> int:
        return self.count


class H11SendfileProtocol(H11Protocol):
    """uvicorn's h11 protocol, each request's scope offering ``http.response.zerocopysend``."""

    def handle_events(self) -> None:
        before = getattr(self, "cycle", None)
        super().handle_events()
        cycle = getattr(self, "cycle", None)
        if (cycle is not None and cycle is not before and cycle.scope.get("type") == "http"
                and isinstance(self.loop, asyncio.BaseEventLoop)):  # asyncio's own loop has sendfile (uvloop's: not offered)
            # a new request: its task is created but has not run, so it sees the extension and the send
            cycle.scope.setdefault("extensions", {})[ZEROCOPY] = {}
            cycle.send = functools.partial(_send, cycle, cycle.send)


async def _send(cycle, send, message) -> None:
    """The cycle's ASGI send, with ``http.response.zerocopysend`` messages sent by ``loop.sendfile``."""
    if message["type"] != ZEROCOPY:
        await send(message)
        return
    more_body = message.get("more_body", False)
    if cycle.scope["method"] == "HEAD" or not cycle.response_started or cycle.response_complete:
        # nothing to send for HEAD; out of order: uvicorn's own checks raise as for a body message
        await send({"type": "http.response.body", "body": b"", "more_body": more_body})
        return
    if cycle.flow.write_paused and not cycle.disconnected:
        await cycle.flow.drain()
    if cycle.disconnected:
        return
    file = message["file"]
    offset = message.get("offset") or 0
    count = message.get("count")
    if count is None:
        count = _size(file) - offset
    for piece in cycle.conn.send_with_data_passthrough(h11.Data(data=_Span(count))):
        if not isinstance(piece, _Span):  # chunked framing's size line and CRLF
            cycle.transport.write(piece)
            continue
        try:
            sent = await asyncio.get_running_loop().sendfile(cycle.transport, file, offset, count)
        except (ConnectionError, OSError, RuntimeError):  # the client left (or the transport closed) midway
            sent = -1
        if sent != count:
            cycle.disconnected = True
            cycle.transport.close()
            return
    await send({"type": "http.response.body", "body": b"", "more_body": more_body})  # completion, keep-alive


def _size(file) -> int:
    import os

    return os.fstat(file.fileno()).st_size
