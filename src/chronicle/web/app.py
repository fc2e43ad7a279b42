"""The Starlette app: routes for the pages and the JSON API, security headers, error handling.

    >>> import chronicle
    >>> from chronicle.web import create_app
    >>> app = create_app(chronicle.open(":memory:"))  # a path in practice; then uvicorn, or starlette's TestClient

Every route reads through the Python API (chronicle.web.data), in a worker thread so the event
loop stays free: each request on a read-only connection of its own, writes one at a time
(chronicle.web.access). Pages are rendered and JSON encoded in the worker thread too.
"""
from __future__ import annotations

import contextlib
import json
import os
import sys
import threading
import time
from collections.abc import Callable
from importlib import resources
from urllib.parse import quote, urlencode

import jinja2
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

import chronicle
from chronicle.web import answers, data, pages, params, visual_pages
from chronicle.web.access import THREADS, Access
from chronicle.web.errors import HANDLERS, WebError, error_body
from chronicle.web.highlight import safe_url, search_snippet
from chronicle.web.humandates import human_date
from chronicle.web.ingest import IngestSettings, check_token, ingest_articles, read_articles
from chronicle.views.contract import QUOTE_EXTRA_FIELDS, QUOTE_FIELDS, cut
from chronicle.web.openapi import openapi

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}


class SecurityHeaders:
    """ASGI middleware around everything (errors included): the CSP and friends, and Server-Timing.

    With ``allowed_hosts`` it also refuses requests naming another host, so a page elsewhere
    cannot reach a localhost server through DNS rebinding.
    """

    def __init__(self, app, allowed_hosts: frozenset[str] | None = None):
        self.app, self.allowed_hosts = app, allowed_hosts

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        began = time.perf_counter()
        if self.allowed_hosts is not None and _host(scope) not in self.allowed_hosts:
            refusal = JSONResponse(error_body("WEB421", "this server answers only to its own address"), status_code=421)
            await refusal(scope, receive, self._with_headers(send, began))
            return
        await self.app(scope, receive, self._with_headers(send, began))

    @staticmethod
    def _with_headers(send, began: float):
        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
                headers["server-timing"] = f"app;dur={(time.perf_counter() - began) * 1000:.1f}"
            await send(message)

        return send_with_headers


def _host(scope) -> str:
    for name, value in scope.get("headers") or ():
        if name == b"host":
            host = value.decode("latin-1").lower()
            return host[1:].split("]")[0] if host.startswith("[") else host.rsplit(":", 1)[0]
    return ""


class ChronicleApp(Starlette):
    allowed_hosts: frozenset[str] | None = None

    def build_middleware_stack(self):
        return SecurityHeaders(super().build_middleware_stack(), self.allowed_hosts)


class _Environment(jinja2.Environment):
    """Jinja's environment, reading ``row.field`` from a dict row by its key first: the pages loop
    over thousands of dict rows (the Numbers page's claims), and Jinja's own order (the attribute,
    then, once that fails, the key) raised and caught an AttributeError per field. A dict method
    (``originals.get``) is still found when the dict has no such key."""

    def getattr(self, obj, attribute):
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


def templates() -> jinja2.Environment:
    env = _Environment(loader=jinja2.PackageLoader("chronicle.web", "templates"), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, auto_reload=False)
    env.filters.update(safe_url=safe_url, snippet=search_snippet, human=human_date)
    env.globals.update(event_url=_event_url,
                       actor_url=lambda name: "/actor?" + urlencode({"name": name}),
                       article_url=_article_url, story_url=lambda **kw: "/?" + urlencode(
                           {k: v for k, v in kw.items() if v not in (None, "")}),
                       page_url=_page_url, version=chronicle.__version__)
    return env


def _event_url(entry: dict) -> str:
    """An entry's page; its date rides along so the page can ask the API for that day only."""
    url = f"/events/{quote(str(entry['key']), safe='')}"
    return url + "?" + urlencode({"on": entry["date"]}) if entry.get("date") else url


def _article_url(article_id: str, start=None, end=None) -> str:
    url = f"/articles/{quote(str(article_id), safe='')}"
    if type(start) is int and type(end) is int:  # what urlencode gives for whole numbers, without its cost per link
        url += f"?start={start}&end={end}#hit"
    elif start is not None and end is not None:
        url += "?" + urlencode({"start": start, "end": end}) + "#hit"
    return url


def _page_url(path: str, filters: dict, page: int) -> str:
    params = {k: v for k, v in filters.items() if v not in (None, "")}
    params["page"] = page
    return f"{path}?{urlencode(params)}"


def page(template: str, build: Callable, *, title: str, nav: str):
    async def endpoint(request: Request):
        query = request.url.query
        json_url = request.url.path + ".json" + (f"?{query}" if query else "")
        render = request.app.state.templates.get_template(template).render

        def produce(api):  # rendered in the worker thread too: the event loop serves everyone meanwhile
            return render(title=title, nav=nav, json_url=json_url, **build(api, request)).encode("utf-8"), None

        return await answers.whole(request, produce, media_type="text/html")

    return endpoint


TWIN_SKIP = frozenset({"drawers"})  # the story page's entries again, grouped for display: `section` says it


def twin_path(path: str) -> str:
    """A page's JSON twin, datasette-style: ``/events/{key}`` -> ``/events/{key}.json``, ``/`` -> ``/.json``."""
    return path + ".json"


def twin(build: Callable):
    """The JSON twin of a page: what the page is built from, without the HTML made for it."""
    def produce(api, request: Request):
        ctx = build(api, request)
        return answers.json_body(data.Result(plain({k: v for k, v in ctx.items() if k not in TWIN_SKIP})))

    async def endpoint(request: Request):
        return await answers.whole(request, lambda api: produce(api, request), media_type="application/json")

    return endpoint


def plain(value):
    """A page context as JSON data: rendered HTML (Markup) left out, sets and tuples as lists.

    >>> from markupsafe import Markup
    >>> plain({"body": Markup("<p>x</p>"), "ids": {"b", "a"}, "pair": ("x", 1)})
    {'ids': ['a', 'b'], 'pair': ['x', 1]}
    """
    # Leaves (most of a page's values) are kept without a call each: a page context holds tens of
    # thousands, and the recursion was half of a cold JSON twin's time (issue 18). Same output.
    if type(value) in _LEAVES:
        return value
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if type(v) in _LEAVES:
                out[str(k)] = v
            elif not isinstance(v, Markup):
                out[str(k)] = plain(v)
        return out
    if isinstance(value, (set, frozenset)):
        return sorted(plain(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [v if type(v) in _LEAVES else plain(v) for v in value if type(v) in _LEAVES or not isinstance(v, Markup)]
    return value


_LEAVES = frozenset({str, int, float, bool, type(None)})  # exactly these types: Markup is a str, and is left out


# ---- readers: typed query parameters (chronicle.web.params) -> data.Result ----------------
def _articles(api, args):
    return data.articles(api)


def _paging(args) -> dict:
    return {"limit": args.get("limit"), "offset": args.get("offset", 0)}


def _timeline(api, args):
    """The timeline document: entry JSON read lazily from the store, streamed."""
    filters = {k: args.get(k) for k in ("since", "until", "actor", "top", "section", "type", "story")}
    return data.timeline_json(api, **filters, **_paging(args))


def _quotes(api, args):
    if story := args.get("story"):  # one story's quotes: a list read at once, not streamed
        return data.Result([cut(r, QUOTE_FIELDS + QUOTE_EXTRA_FIELDS) for r in api.quotes(
            speaker=args.get("speaker"), text=args.get("q"), story=story, **_paging(args))])
    return data.quotes_json(api, speaker=args.get("speaker"), text=args.get("q"), **_paging(args))


def _entities(api, args):
    if story := args.get("story"):
        kind = args.get("type")
        return data.Result(api.entities(type=kind.upper() if kind else None, story=story, **_paging(args)))
    return data.entities_json(api, type=args.get("type"), **_paging(args))


def _claims(api, args):
    """Streamed from every claim (or every disputed one), read once per change of the store and
    kept (chronicle.web.cache), filtered per ``about``: each word read every claim and cut its
    sentence again, 1.5-2 s on the full Timeline17 store (issue 18)."""
    from chronicle.views.claims import CLAIM_EXTRA_FIELDS, CLAIM_FIELDS, about_filter

    about, disputed = args.get("about"), args.get("disputed", False)
    if story := args.get("story"):
        rows = api.claims(about, disputed=disputed, story=story)
        return data.Result([cut(r, CLAIM_FIELDS + CLAIM_EXTRA_FIELDS) for r in rows])
    if not about:  # the whole document: read lazily, so its first bytes leave at once (issue 17: 0.78 s
        # to list every claim first on the full Timeline17 store); its bytes are kept once sent
        return (_dumps(cut(r, CLAIM_FIELDS + CLAIM_EXTRA_FIELDS)) for r in api.iter_claims(disputed=disputed))
    keep = about_filter(about)
    rows = (r for r in api.claims(disputed=disputed) if keep(r))
    return (_dumps(cut(r, CLAIM_FIELDS + CLAIM_EXTRA_FIELDS)) for r in rows)


def _positions(api, args):
    """Streamed from every position, read once per change of the store and kept, filtered per
    ``actor`` (as :func:`_claims`)."""
    from chronicle.views.positions import POSITION_EXTRA_FIELDS, POSITION_FIELDS

    if story := args.get("story"):
        rows = api.positions(args.get("actor"), story=story)
        return data.Result([cut(r, POSITION_FIELDS + POSITION_EXTRA_FIELDS) for r in rows])
    actor = args.get("actor")
    rows = data.positions(api, actor) if actor else api.iter_positions()  # the whole document lazily (as claims)
    return (_dumps(cut(r, POSITION_FIELDS + POSITION_EXTRA_FIELDS)) for r in rows)


def _dumps(row) -> str:
    return json.dumps(row, ensure_ascii=False, separators=(",", ":"))


def _search(api, args):
    return data.search(api, args.get("q"), limit=args.get("limit", 20))


def _changes(api, args):
    since, since_event = args.get("since"), args.get("since_event")
    if since is None and since_event is None:
        raise WebError(400, "give the date to compare from: /api/changes?since=YYYY-MM-DD (or since_event=ID)")
    # streamed: the whole report of a since-date early in a large store is tens of megabytes
    return data.changes_json(api, since=since, since_event=since_event, limit=args.get("limit"))


READERS = {"/api/timeline": _timeline, "/api/quotes": _quotes, "/api/entities": _entities, "/api/search": _search,
           "/api/claims": _claims, "/api/positions": _positions, "/api/changes": _changes,
           "/api/stories": lambda api, args: data.stories(api)}


async def post_articles(request: Request):
    settings: IngestSettings = request.app.state.ingest
    check_token(request, settings)
    items = await read_articles(request, settings)
    return JSONResponse(await run_in_threadpool(request.app.state.access.write, ingest_articles, items))


async def openapi_json(request: Request):
    return JSONResponse(openapi(chronicle.__version__))


def _actor_page(api, request: Request):
    name = data.text_param(request.query_params.get("name"))
    if name is None:
        raise WebError(400, "which actor? /actor?name=NAME")
    return pages.actor(api, name)


# The answers that need no parameter: every visitor's first pages and the API's whole-store
# documents. `chronicle serve` builds them before it takes requests, so that the first visitors,
# arriving together, do not all wait behind the same cold readings (issue 18: at 50 clients the
# first seconds' whole-store answers, 0.2-0.5 s each alone, set the p99).
WARM_PATHS = ("/", "/.json", "/quotes", "/quotes.json", "/actors", "/actors.json", "/articles", "/articles.json",
              "/numbers", "/numbers.json", "/positions", "/positions.json", "/network", "/network.json",
              "/stories", "/stories.json", "/api/articles", "/api/timeline", "/api/quotes", "/api/entities",
              "/api/claims", "/api/positions", "/api/stories")
WARM_SECONDS = 90.0  # at most this long before serving; what is left is built in the background


def warm(app, *, seconds: float | None = None, paths: tuple[str, ...] = WARM_PATHS) -> list[str]:
    """Compile every page template, then ask the app itself for ``paths`` (in this thread, through
    its own ASGI entry, so each answer is built and kept exactly as for a visitor), until ``seconds``
    have passed (None: all of them). Returns the paths left (to warm later)."""
    import asyncio

    from chronicle.views.report import WHOLE_SECTIONS

    env = app.state.templates
    for name in env.list_templates(extensions=["html"]):
        env.get_template(name)
    deadline = None if seconds is None else time.monotonic() + seconds
    if paths == WARM_PATHS and not app.state.access.shared:  # what the changes since any day are filtered from
        lease = app.state.access.lease()
        try:
            lease.call(lambda api: [api.changes_section(key) for key in WHOLE_SECTIONS] + [api.rank_timeline()])
        finally:
            lease.release()
    for i, path in enumerate(paths):
        if deadline is not None and time.monotonic() > deadline:
            return list(paths[i:])
        asyncio.run(_ask(app, path))
    return []


async def _ask(app, path: str) -> int:
    """GET ``path`` from the ASGI ``app`` in-process; its status (the body is read and dropped)."""
    import anyio

    status = 0
    done = anyio.Event()
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
             "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
             "headers": [(b"host", b"127.0.0.1"), (b"accept", b"*/*")], "client": ("127.0.0.1", 0),
             "server": ("127.0.0.1", 0)}
    sent = False

    async def receive():
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await done.wait()
        return {"type": "http.disconnect"}

    async def send(message):
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body" and not message.get("more_body"):
            done.set()

    await app(scope, receive, send)
    done.set()
    return status


# Seconds a worker thread building an answer may hold the GIL while the event loop waits for it
# (Python's default is 0.005). The event loop gives the GIL up at every socket send and file read;
# with the worker threads busy it waited up to 5 ms to take it back each time, so sending a kept
# answer of 100 MB took 10-18 s at 50 clients on the full Timeline17 store, 0.13 s alone (issue 18).
SWITCH_INTERVAL = 0.001


@contextlib.asynccontextmanager
async def lifespan(app):
    """As many worker threads as the readings use well (chronicle.web.access.THREADS); the readers closed at the end."""
    from anyio.to_thread import current_default_thread_limiter

    limiter = current_default_thread_limiter()
    limiter.total_tokens = getattr(app.state, "threads", None) or THREADS
    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, SWITCH_INTERVAL))
    try:
        yield
    finally:
        sys.setswitchinterval(interval)
        app.state.access.close()


def create_app(api, *, ingest: IngestSettings | None = None, allowed_hosts=None, cache: bool = True,
               threads: int | None = None) -> Starlette:
    """The web app over one open :class:`chronicle.api.Chronicle`. Ingest stays off unless given a token.

    ``allowed_hosts`` (names, without ports) limits the Host header the app answers to;
    ``chronicle serve`` sets it to the loopback names when it binds to localhost. With
    ``cache`` the readings are kept until the store changes (chronicle.web.cache). ``threads``:
    the reading threads (default chronicle.web.access.THREADS; fewer in each of several worker processes).
    """
    static = resources.files("chronicle.web").joinpath("static")
    pages_ = [  # path, template, build(api, request), title, nav: each page and its .json twin
        ("/", "story.html", lambda a, r: pages.story(a, r.query_params), "Story", "story"),
        ("/events/{key}", "event.html", lambda a, r: pages.event(a, r.path_params["key"], r.query_params), "Event",
         "story"),
        ("/actors", "actors.html", lambda a, r: pages.actors(a), "Actors", "actors"),
        ("/actor", "actor.html", _actor_page, "Actor", "actors"),
        ("/quotes", "quotes.html", lambda a, r: pages.quotes(a, r.query_params), "Quotes", "quotes"),
        ("/articles", "articles.html", lambda a, r: pages.articles_page(a, r.query_params), "Articles", "articles"),
        ("/articles/{id}", "article.html", lambda a, r: pages.article(a, r.path_params["id"], r.query_params),
         "Article", "articles"),
        ("/changes", "changes.html", lambda a, r: pages.changes(a, r.query_params), "Changes", "changes"),
        ("/search", "search.html", lambda a, r: pages.search(a, r.state.args), "Search", "search"),
        ("/numbers", "numbers.html", lambda a, r: visual_pages.numbers(a, r.state.args), "Numbers", "numbers"),
        ("/positions", "positions.html", lambda a, r: visual_pages.positions(a, r.state.args), "Positions",
         "positions"),
        ("/network", "network.html", lambda a, r: visual_pages.network(a, r.state.args), "Network", "network"),
        ("/stories", "stories.html", lambda a, r: pages.stories(a), "Stories", "stories"),
    ]
    routes = [Route(twin_path(path), params.checked(path, twin(build))) for path, _, build, _, _ in pages_]
    routes += [Route(path, params.checked(path, page(template, build, title=title, nav=nav)))
               for path, template, build, title, nav in pages_]
    routes += [
        Route("/api/articles", params.checked("/api/articles", answers.reader(_articles)), methods=["GET"]),
        Route("/api/articles", params.checked("/api/articles", post_articles), methods=["POST"]),
        *(Route(path, params.checked(path, answers.reader(read))) for path, read in READERS.items()),
        Route("/api/openapi.json", params.checked("/api/openapi.json", openapi_json)),
        Mount("/static", StaticFiles(directory=str(static)), name="static"),
    ]
    app = ChronicleApp(routes=routes, exception_handlers=HANDLERS, lifespan=lifespan)
    app.allowed_hosts = frozenset(h.lower() for h in allowed_hosts) if allowed_hosts else None
    app.state.access = Access(api, cache=cache)
    app.state.api = app.state.access.front  # the cache (hits, misses) or the API object itself
    app.state.templates = templates()
    app.state.ingest = ingest or IngestSettings()
    app.state.threads = threads
    return app


SERVE_SETTINGS = "CHRONICLE_SERVE_SETTINGS"  # what `chronicle serve --workers N` hands its worker processes


def app_from_environment() -> Starlette:
    """The app of one of several worker processes (``chronicle serve --workers N``, uvicorn's
    factory): the store and host rule from $CHRONICLE_SERVE_SETTINGS, no ingest (one writer: the
    serve command refuses --allow-ingest with more than one worker), its own cache, warmed."""
    settings = json.loads(os.environ[SERVE_SETTINGS])
    app = create_app(chronicle.open(settings["db"]), allowed_hosts=settings.get("allowed_hosts"),
                     threads=settings.get("threads"))
    warm_before_serving(app)
    return app


def warm_before_serving(app) -> None:
    """:func:`warm` for at most WARM_SECONDS, in a thread of its own (the caller may be inside an
    event loop: uvicorn loads a factory from its running loop), waited for; what is left is built in
    the background."""
    left: list[str] = []
    first = threading.Thread(target=lambda: left.extend(warm(app, seconds=WARM_SECONDS)), name="chronicle-warm")
    first.start()
    first.join()
    if left:
        threading.Thread(target=warm, args=(app,), kwargs={"paths": tuple(left)}, name="chronicle-warm",
                         daemon=True).start()
