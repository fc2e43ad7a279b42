"""The Starlette app: routes for the pages and the JSON API, security headers, error handling.

    >>> import chronicle
    >>> from chronicle.web import create_app
    >>> app = create_app(chronicle.open(":memory:"))  # a path in practice; then uvicorn, or starlette's TestClient

Every route reads through the Python API (chronicle.web.data); the store's one connection is
used by one request at a time (a lock), in a worker thread so the event loop stays free.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from importlib import resources
from itertools import islice
from urllib.parse import quote, urlencode

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

import chronicle
from chronicle.web import data, pages
from chronicle.web.cache import CachedReadings
from chronicle.web.errors import HANDLERS, WebError, error_body
from chronicle.web.highlight import safe_url, search_snippet
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


def templates() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("chronicle.web", "templates"), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters.update(safe_url=safe_url, snippet=search_snippet)
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
    if start is not None and end is not None:
        url += "?" + urlencode({"start": start, "end": end}) + "#hit"
    return url


def _page_url(path: str, filters: dict, page: int) -> str:
    params = {k: v for k, v in filters.items() if v not in (None, "")}
    params["page"] = page
    return f"{path}?{urlencode(params)}"


async def _run(request: Request, fn: Callable, *args):
    """Call ``fn(api, *args)`` in a worker thread, one request at a time on the store."""
    state = request.app.state

    def locked():
        with state.lock:
            return fn(state.api, *args)

    return await run_in_threadpool(locked)


def _json(result: data.Result) -> JSONResponse:
    headers = {"x-chronicle-note": result.note} if result.note else None
    return JSONResponse(result.data, headers=headers)


def page(template: str, build: Callable, *, title: str, nav: str):
    async def endpoint(request: Request):
        ctx = await _run(request, build, request)
        html = request.app.state.templates.get_template(template).render(title=title, nav=nav, **ctx)
        return HTMLResponse(html)

    return endpoint


def reader(read: Callable):
    async def endpoint(request: Request):
        found = await _run(request, read, request.query_params)
        if isinstance(found, data.Result):
            return _json(found)
        return await _streamed(request, found)

    return endpoint


STREAM_CHUNK = 500  # items read from the store per turn of the lock while a JSON array is streamed


async def _streamed(request: Request, items) -> StreamingResponse:
    """A JSON array sent as it is read: ``items`` yields each item's JSON text, and is advanced
    a chunk at a time under the store lock, so other requests are served between chunks. The
    first chunk is read before the response starts, so a bad parameter is still a 400."""

    def take():
        return list(islice(items, STREAM_CHUNK))

    first = await _run(request, lambda api: take())

    async def body():
        chunk, sep = first, b"["
        while chunk:
            yield sep + ",".join(chunk).encode()
            sep = b","
            chunk = await _run(request, lambda api: take())
        yield b"]" if sep == b"," else b"[]"

    return StreamingResponse(body(), media_type="application/json")


# ---- readers: query parameters -> data.Result ---------------------------------------------
def _articles(api, params):
    return data.articles(api)


def _timeline_filters(params) -> dict:
    # ?section=story&section=upcoming, ?section=story,upcoming or ?section=all
    getlist = getattr(params, "getlist", None)
    sections = [v for v in (getlist("section") if getlist else [params.get("section")]) if v and v.strip()]
    return {"since": data.text_param(params.get("since")), "until": data.text_param(params.get("until")),
            "actor": data.text_param(params.get("actor")), "top": data.int_param(params.get("top"), "top"),
            "section": sections or None, "story": data.text_param(params.get("story"))}


def _paging(params) -> tuple[int | None, int]:
    return (data.int_param(params.get("limit"), "limit"),
            data.int_param(params.get("offset"), "offset", default=0, lo=0, hi=10**9))


def _timeline(api, params):
    """The timeline document: entry JSON read lazily from the store, streamed."""
    filters, (limit, offset) = _timeline_filters(params), _paging(params)
    return data.timeline_json(api, **filters, limit=limit, offset=offset)


def _quotes(api, params):
    speaker, (limit, offset) = data.text_param(params.get("speaker")), _paging(params)
    if story := data.text_param(params.get("story")):
        return data.Result([cut(r, QUOTE_FIELDS + QUOTE_EXTRA_FIELDS)
                            for r in api.quotes(speaker=speaker, story=story, limit=limit, offset=offset)])
    return data.quotes_json(api, speaker=speaker, limit=limit, offset=offset)


def _entities(api, params):
    kind, (limit, offset) = data.text_param(params.get("type")), _paging(params)
    if story := data.text_param(params.get("story")):
        return data.Result(api.entities(type=kind.upper() if kind else None, limit=limit, offset=offset, story=story))
    return data.entities_json(api, type=kind, limit=limit, offset=offset)


def _claims(api, params):
    from chronicle.views.claims import CLAIM_EXTRA_FIELDS, CLAIM_FIELDS

    disputed = (params.get("disputed") or "").lower() in ("1", "true", "yes", "on")
    rows = api.claims(data.text_param(params.get("about")), disputed=disputed,
                      story=data.text_param(params.get("story")))
    return data.Result([cut(r, CLAIM_FIELDS + CLAIM_EXTRA_FIELDS) for r in rows])


def _positions(api, params):
    from chronicle.views.positions import POSITION_EXTRA_FIELDS, POSITION_FIELDS

    rows = api.positions(data.text_param(params.get("actor")), story=data.text_param(params.get("story")))
    return data.Result([cut(r, POSITION_FIELDS + POSITION_EXTRA_FIELDS) for r in rows])


def _search(api, params):
    return data.search(api, params.get("q"), limit=data.int_param(params.get("limit"), "limit", default=20, hi=1000))


def _changes(api, params):
    since = data.text_param(params.get("since"))
    if since is None:
        raise WebError(400, "give the date to compare from: /api/changes?since=YYYY-MM-DD")
    return data.changes(api, since=since)


async def post_articles(request: Request):
    settings: IngestSettings = request.app.state.ingest
    check_token(request, settings)
    items = await read_articles(request, settings)
    return JSONResponse(await _run(request, ingest_articles, items))


async def openapi_json(request: Request):
    return JSONResponse(openapi(chronicle.__version__))


def _actor_page(api, request: Request):
    name = data.text_param(request.query_params.get("name"))
    if name is None:
        raise WebError(400, "which actor? /actor?name=NAME")
    return pages.actor(api, name)


def warm(app) -> None:
    """Fill the reading cache for the first pages (story, quotes, actors) so the first visitor does not wait."""
    state = app.state
    for build in (lambda api: pages.story(api, {}), lambda api: pages.quotes(api, {}), pages.actors):
        with state.lock:
            build(state.api)


def create_app(api, *, ingest: IngestSettings | None = None, allowed_hosts=None, cache: bool = True) -> Starlette:
    """The web app over one open :class:`chronicle.api.Chronicle`. Ingest stays off unless given a token.

    ``allowed_hosts`` (names, without ports) limits the Host header the app answers to;
    ``chronicle serve`` sets it to the loopback names when it binds to localhost. With
    ``cache`` the readings are kept until the store changes (chronicle.web.cache).
    """
    static = resources.files("chronicle.web").joinpath("static")
    routes = [
        Route("/", page("story.html", lambda a, r: pages.story(a, r.query_params), title="Story", nav="story")),
        Route("/events/{key}", page("event.html", lambda a, r: pages.event(a, r.path_params["key"], r.query_params),
                                    title="Event", nav="story")),
        Route("/actors", page("actors.html", lambda a, r: pages.actors(a), title="Actors", nav="actors")),
        Route("/actor", page("actor.html", _actor_page, title="Actor", nav="actors")),
        Route("/quotes", page("quotes.html", lambda a, r: pages.quotes(a, r.query_params), title="Quotes",
                              nav="quotes")),
        Route("/articles", page("articles.html", lambda a, r: pages.articles_page(a, r.query_params),
                                title="Articles", nav="articles")),
        Route("/articles/{id}", page("article.html", lambda a, r: pages.article(a, r.path_params["id"], r.query_params),
                                     title="Article", nav="articles")),
        Route("/stories", page("stories.html", lambda a, r: pages.stories(a), title="Stories", nav="stories")),
        Route("/changes", page("changes.html", lambda a, r: pages.changes(a, r.query_params), title="Changes",
                               nav="changes")),
        Route("/api/articles", reader(_articles), methods=["GET"]),
        Route("/api/articles", post_articles, methods=["POST"]),
        Route("/api/timeline", reader(_timeline)),
        Route("/api/quotes", reader(_quotes)),
        Route("/api/entities", reader(_entities)),
        Route("/api/search", reader(_search)),
        Route("/api/claims", reader(_claims)),
        Route("/api/positions", reader(_positions)),
        Route("/api/changes", reader(_changes)),
        Route("/api/stories", reader(lambda api, params: data.stories(api))),
        Route("/api/openapi.json", openapi_json),
        Mount("/static", StaticFiles(directory=str(static)), name="static"),
    ]
    app = ChronicleApp(routes=routes, exception_handlers=HANDLERS)
    app.allowed_hosts = frozenset(h.lower() for h in allowed_hosts) if allowed_hosts else None
    app.state.api = CachedReadings(api) if cache else api
    app.state.lock = threading.Lock()
    app.state.templates = templates()
    app.state.ingest = ingest or IngestSettings()
    return app
