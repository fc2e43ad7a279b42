"""Fetching articles and feeds over HTTP: URLs in, bytes with provenance out, failures reported.

A :class:`Fetcher` is one polite session: a clear User-Agent (:data:`USER_AGENT`), connect and
read timeouts plus a deadline for the whole body, at least ``delay`` seconds between two requests
to one host (more when robots.txt asks with ``Crawl-delay``), robots.txt obeyed on every hop
(chronicle.ingest.robots), redirects followed up to a limit, and a size cap read as the body
streams in. Every failure is an :class:`InputError` naming the URL and the reason, so a batch
reports it like a bad file and goes on:

    ING050 cannot reach the server (DNS, refused, TLS)   ING054 not a page: image, PDF, binary
    ING051 timed out                                     ING055 over the size limit
    ING052 HTTP error status (4xx, 5xx)                  ING056 too many redirects
    ING053 disallowed by robots.txt                      ING057 not an http(s) URL
    ING003 empty response body

Nothing is fetched at import time and urllib3 (trafilatura's HTTP client) loads with the first
Fetcher. Pages are not fetched with ``trafilatura.fetch_url``: it answers None for every
failure (the reason only goes to a log), retries 5xx with up to 30 s of backoff, and retries
without certificate checks after a TLS error. Extraction is trafilatura's (chronicle.text.html).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from chronicle.errors import InputError
from chronicle.ingest.files import MAX_BYTES, looks_binary
from chronicle.ingest.ratelimit import HostLimiter
from chronicle.ingest.robots import Robots, RobotsFile


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("chronicle-news")
    except Exception:  # an uninstalled checkout: the agent still names Chronicle
        return "0"


PROJECT_URL = "https://pypi.org/project/chronicle-news/"
USER_AGENT = f"Chronicle/{_version()} (+{PROJECT_URL})"
ACCEPT = ("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,"
          "application/json;q=0.8,text/plain;q=0.8,*/*;q=0.1")
REDIRECTS = (301, 302, 303, 307, 308)
ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309: parse at least 500 KiB
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
# Media types read as text: text/*, and XML or JSON of any kind (feeds, JSON records).
_READABLE = re.compile(r"^(text/[\w.+-]+|application/([\w.-]+\+)?(xml|json)|application/x-ndjson)$")


def is_url(given: str) -> bool:
    """True for ``scheme://...`` (a URL to fetch), False for a path.

    >>> is_url("https://example.org/a"), is_url("articles/a.html"), is_url("C:\\\\news\\\\a.txt")
    (True, False, False)
    """
    return bool(_SCHEME.match(str(given)))


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """How politely and how far a :class:`Fetcher` goes; every field has a CLI option."""

    timeout: float = 10.0      # seconds to connect, and between two reads of the body
    deadline: float = 60.0     # seconds for one response, body included
    delay: float = 1.0         # seconds between two requests to the same host
    max_bytes: int = MAX_BYTES
    max_redirects: int = 5
    robots: bool = True
    user_agent: str = USER_AGENT


@dataclass(frozen=True, slots=True)
class Fetched:
    """One response read whole: the URL given, the URL answered (after redirects), its bytes."""

    url: str
    final_url: str
    status: int
    media_type: str | None
    data: bytes
    sha256: str
    fetched_at: dt.datetime  # when the response arrived, UTC


class Fetcher:
    """A polite HTTP session; :meth:`fetch` returns a :class:`Fetched` or raises :class:`InputError`.

    ``clock`` and ``sleep`` drive the per-host rate limit (injected by tests).
    """

    def __init__(self, settings: FetchSettings = FetchSettings(), *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        import urllib3

        self.settings = settings
        self._clock = clock
        self._pool = urllib3.PoolManager(num_pools=32, headers={
            "User-Agent": settings.user_agent, "Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"})
        self.limiter = HostLimiter(settings.delay, clock=clock, sleep=sleep)
        self.robots = Robots(settings.user_agent, self._robots_file) if settings.robots else None

    def close(self) -> None:
        self._pool.clear()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def fetch(self, url: str) -> Fetched:
        """Fetch ``url``, following redirects; robots.txt is asked before every hop."""
        current = _checked(url, url)
        for _ in range(self.settings.max_redirects + 1):
            self._obey_robots(current, url)
            response, at = self._send(current, url)
            location = response.headers.get("Location")
            if response.status in REDIRECTS and location:
                response.release_conn()
                current = _checked(urljoin(current, location.strip()), url)
                continue
            return self._read(response, url, current, at)
        raise InputError("ING056", f"more than {self.settings.max_redirects} redirects (last to {current})", url)

    # ---- one request ---------------------------------------------------------------------------
    def _send(self, target: str, given: str):
        import urllib3

        host = urlsplit(target).netloc.lower()
        self.limiter.wait(host)
        timeout = self.settings.timeout
        try:
            response = self._pool.request("GET", target, preload_content=False, redirect=False, retries=False,
                                          timeout=urllib3.Timeout(connect=timeout, read=timeout))
        except urllib3.exceptions.NameResolutionError:
            raise InputError("ING050", f"cannot find the server {host} (DNS lookup failed)", given) from None
        except urllib3.exceptions.NewConnectionError as exc:  # a subclass of ConnectTimeoutError: caught first
            raise InputError("ING050", f"cannot connect to {host}: {_short(exc)}", given) from None
        except urllib3.exceptions.TimeoutError:
            raise InputError("ING051", f"no answer from {host} within {timeout:g} s (pass --timeout to wait longer)",
                             given) from None
        except urllib3.exceptions.SSLError as exc:
            raise InputError("ING050", f"TLS error with {host}: {_short(exc)}", given) from None
        except urllib3.exceptions.HTTPError as exc:  # ProtocolError (reset, bad status line) and kin
            raise InputError("ING050", f"connection to {host} failed: {_short(exc)}", given) from None
        return response, dt.datetime.now(dt.timezone.utc)

    def _read(self, response, given: str, final: str, at: dt.datetime) -> Fetched:
        try:
            status = response.status
            if status >= 300:
                raise InputError("ING052", f"HTTP {status} {response.reason or ''}".rstrip(), given)
            media = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower() or None
            if media and not _READABLE.match(media):
                raise InputError("ING054", f"not an article or a feed: the server sent {media}", given)
            limit = self.settings.max_bytes
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > limit:
                raise InputError("ING055", _too_big(int(declared), limit), given)
            data = self._body(response, given, limit)
        finally:
            response.release_conn()
        if not data.strip():
            raise InputError("ING003", "the server sent an empty page", given)
        if looks_binary(data):
            raise InputError("ING054", f"not an article or a feed: binary data ({media or 'no Content-Type'})", given)
        return Fetched(url=given, final_url=final, status=status, media_type=media, data=data,
                       sha256=hashlib.sha256(data).hexdigest(), fetched_at=at)

    def _body(self, response, given: str, limit: int) -> bytes:
        import urllib3

        deadline = self._clock() + self.settings.deadline
        chunks, size = [], 0
        try:
            for chunk in response.stream(64 * 1024, decode_content=True):
                size += len(chunk)
                if size > limit:
                    raise InputError("ING055", _too_big(size, limit, at_least=True), given)
                chunks.append(chunk)
                if self._clock() > deadline:
                    raise InputError("ING051", f"the page took over {self.settings.deadline:g} s to arrive", given)
        except urllib3.exceptions.TimeoutError:
            raise InputError("ING051", f"the page stopped arriving for {self.settings.timeout:g} s", given) from None
        except urllib3.exceptions.HTTPError as exc:  # reset mid-body, a broken gzip stream
            raise InputError("ING050", f"the page could not be read whole: {_short(exc)}", given) from None
        return b"".join(chunks)

    # ---- robots.txt ----------------------------------------------------------------------------
    def _obey_robots(self, target: str, given: str) -> None:
        if self.robots is None:
            return
        answer = self.robots.check(target)
        if not answer.allowed:
            raise InputError(answer.code, answer.reason + (f" ({target})" if target != given else ""), given)
        delay = self.robots.crawl_delay(target)
        if delay:
            self.limiter.slow_down(urlsplit(target).netloc.lower(), delay)

    def _robots_file(self, robots_url: str) -> RobotsFile:
        """A site's robots.txt; redirects followed (up to five, RFC 9309), size capped."""
        current = robots_url
        try:
            for _ in range(6):
                response, _at = self._send(current, robots_url)
                location = response.headers.get("Location")
                if response.status in REDIRECTS and location:
                    response.release_conn()
                    current = _checked(urljoin(current, location.strip()), robots_url)
                    continue
                try:
                    if response.status >= 300:
                        return RobotsFile(response.status)
                    data = response.read(ROBOTS_MAX_BYTES, decode_content=True) or b""
                finally:
                    response.release_conn()
                return RobotsFile(response.status, data.decode("utf-8", errors="replace"))
        except InputError as err:  # the site cannot be reached: the page would not be either
            return RobotsFile(0, error=err.reason, code=err.code)
        except Exception as exc:  # a body that breaks mid-read: the site is unreachable for now
            return RobotsFile(0, error=_short(exc))
        return RobotsFile(0, error="too many redirects")


def _checked(url: str, given: str) -> str:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise InputError("ING057", f"not an http(s) URL: {url[:200]}", given)
    return url


def _too_big(size: int, limit: int, *, at_least: bool = False) -> str:
    """The reason of ING055, sizes in megabytes as --max-mb takes them.

    >>> _too_big(300_000, 100_000, at_least=True)
    'the page is over 0.3 MB, over the 0.1 MB limit for one input (pass --max-mb to raise it)'
    """
    over = "over " if at_least else ""
    return (f"the page is {over}{size / 1e6:.3g} MB, over the {limit / 1e6:.3g} MB limit for one input "
            "(pass --max-mb to raise it)")


def _short(exc: BaseException) -> str:
    """The useful end of a urllib3 error ("Connection refused"), without the object reprs."""
    text = str(exc.args[-1] if exc.args else exc)
    return text.rsplit(": ", 1)[-1].strip()[:200] or type(exc).__name__
