"""A small news site on 127.0.0.1 for the fetch tests: article pages, a feed linking to them,
robots.txt disallowing one path, a 404, a slow page, a binary response, redirects.

Every request is logged (path, User-Agent, monotonic time), so tests can check what was asked,
and what was never asked (a disallowed path). The stories are invented for these tests.
"""
from __future__ import annotations

import gzip
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARTICLES = {
    "/news/talks-resume.html": ("Envoys agree to resume talks in Merin", "2025-04-02", (
        "Envoys from Varnia and Ostrela agreed on Tuesday to resume talks next month in the lakeside town of Merin, "
        "after a day of meetings that both delegations called constructive.",
        "\"We have narrowed our differences,\" the Varnian foreign minister told reporters after the session, "
        "adding that a prisoner exchange could follow within weeks.",
        "The Ostrelan delegation said the border question would be the first item on the agenda.")),
    "/news/prisoners-freed.html": ("Sixty prisoners freed at Dorn crossing", "2025-04-09", (
        "Sixty prisoners were freed on Wednesday at the Dorn crossing under a deal brokered in Merin last week, "
        "officials on both sides said.",
        "Families waited through the night at the crossing, where buses arrived shortly after dawn.",
        "A second exchange is planned for May, according to the Varnian defence ministry.")),
    "/private/draft.html": ("Draft that robots.txt keeps out", "2025-04-10", (
        "This draft page is disallowed by robots.txt and must never be requested by a polite fetcher.",)),
}
FEED_LINKS = ("/news/talks-resume.html", "/news/prisoners-freed.html", "/private/draft.html", "/missing.html",
              "/slow.html", "/photo.png")
ROBOTS = "User-agent: *\nDisallow: /private/\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8


def page(path: str) -> str:
    title, date, paragraphs = ARTICLES[path]
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!doctype html><html><head><title>{title} | Merin Courier</title>"
            f'<meta property="og:title" content="{title}"><meta property="og:site_name" content="Merin Courier">'
            f'<meta property="article:published_time" content="{date}T08:00:00Z"></head>'
            f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article>"
            "<footer>Merin Courier</footer></body></html>")


def feed(base: str) -> str:
    items = []
    for i, link in enumerate(FEED_LINKS):
        title, date, paragraphs = ARTICLES.get(
            link, (f"Entry {i + 1}", "2025-04-11", (f"A short summary of entry {i + 1} of the Merin Courier feed.",)))
        day = date[-2:]
        items.append(f"<item><title>{title}</title><link>{base}{link}</link>"
                     f"<pubDate>{day} Apr 2025 07:00:00 GMT</pubDate><description>{paragraphs[0]}</description></item>")
    return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Merin Courier</title>'
            f"<link>{base}/</link>{''.join(items)}</channel></rss>")


NEWS_PLEASE = {
    "authors": ["Ana Petrova"], "date_download": "2025-04-12 10:15:00", "date_modify": None,
    "date_publish": "2025-04-11 18:00:00", "description": "Talks moved to Ostrela.", "filename": "x.json",
    "image_url": None, "language": "en", "localpath": None,
    "maintext": "The next round of talks between Varnia and Ostrela will be held in the Ostrelan capital, "
                "the mediators said on Friday.",
    "source_domain": "courier.example", "title": "Talks move to the Ostrelan capital", "title_page": None,
    "title_rss": None, "url": "https://courier.example/news/talks-move",
}


@dataclass
class Site:
    """The running site: its base URL and the log of requests it answered."""

    base: str
    log: list[tuple[str, str, float]] = field(default_factory=list)
    slow_seconds: float = 2.0
    robots: str = ROBOTS

    def paths(self) -> list[str]:
        return [p for p, _, _ in self.log]


def make_handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet: the log is site.log
            pass

        def do_GET(self):  # noqa: N802 - http.server's name
            site.log.append((self.path, self.headers.get("User-Agent", ""), time.monotonic()))
            path = self.path
            if path == "/robots.txt":
                return self._send(200, "text/plain", site.robots.encode())
            if path == "/feed.xml":
                return self._send(200, "application/rss+xml", feed(site.base).encode())
            if path in ARTICLES:
                return self._send(200, "text/html; charset=utf-8", page(path).encode())
            if path == "/slow.html":
                time.sleep(site.slow_seconds)
                return self._send(200, "text/html", page("/news/talks-resume.html").encode())
            if path == "/photo.png":
                return self._send(200, "image/png", PNG)
            if path == "/disguised.html":  # binary bytes that claim to be HTML
                return self._send(200, "text/html", PNG)
            if path == "/empty.html":
                return self._send(200, "text/html", b"")
            if path == "/big.html":
                return self._send(200, "text/html", page("/news/talks-resume.html").encode() + b" " * 300_000)
            if path == "/big-unsized.html":  # no Content-Length: the cap applies as the body streams in
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                self.wfile.write(page("/news/talks-resume.html").encode() + b" " * 300_000)
                return None
            if path == "/gzipped.html":
                body = gzip.compress(page("/news/prisoners-freed.html").encode())
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return None
            if path == "/old-address":
                return self._redirect("/news/talks-resume.html")
            if path == "/loop":
                return self._redirect("/loop")
            if path == "/to-private":
                return self._redirect("/private/draft.html")
            if path == "/ftp":
                return self._redirect("ftp://127.0.0.1/file.txt")
            if path == "/story.json":
                return self._send(200, "application/json", json.dumps(NEWS_PLEASE, indent=2).encode())
            if path == "/error":
                return self._send(503, "text/html", b"<p>Service unavailable</p>")
            return self._send(404, "text/html", b"<p>Not found</p>")

        def _send(self, status: int, media: str, body: bytes):
            self.send_response(status)
            self.send_header("Content-Type", media)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except OSError:  # the client gave up (the slow page): nothing to answer
                pass

        def _redirect(self, location: str):
            self.send_response(302)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # the slow page's thread may still sleep when a test ends


def serve(robots: str = ROBOTS):
    """Start the site on a free port of 127.0.0.1; returns (site, stop)."""
    site = Site(base="", robots=robots)
    server = _Server(("127.0.0.1", 0), make_handler(site))
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop():
        server.shutdown()
        server.server_close()

    return site, stop
