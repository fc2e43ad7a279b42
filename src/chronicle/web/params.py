"""The query parameters each route accepts, in one table: a parameter not listed is a 400
(USE002), a listed one with a bad value is a 400 (USE001). No filter is ever ignored silently.

    >>> parse("/api/claims", {"disputed": "yes", "about": " drones "})
    {'disputed': True, 'about': 'drones'}
    >>> parse("/api/claims", {"dispute": "1"})
    Traceback (most recent call last):
    ...
    chronicle.errors.UsageError: [USE002] /api/claims does not take 'dispute'; it takes about, disputed, story
    >>> parse("/api/timeline", {"top": "ten"})
    Traceback (most recent call last):
    ...
    chronicle.errors.UsageError: [USE001] top must be a whole number, got 'ten'
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import wraps

from chronicle.dates import parse_user_date
from chronicle.errors import UsageError

MAX_TEXT_CHARS = 500  # the CLI's limit for names and queries (chronicle.cli.main.MAX_NAME_CHARS)
TRUE, FALSE = frozenset({"1", "true", "yes", "on"}), frozenset({"0", "false", "no", "off"})


@dataclass(frozen=True)
class Param:
    """One accepted parameter: its kind (``text``, ``int``, ``bool``, ``date``, ``choice``), what it
    does (the OpenAPI description), its bounds, choices, and whether it may repeat."""

    kind: str
    help: str
    lo: int = 1
    hi: int = 100_000
    choices: tuple[str, ...] = ()
    repeat: bool = False

    def read(self, name: str, values: list[str]):
        texts = [v.strip() for v in values if v and v.strip()]
        if not texts:
            return None
        if len(texts) > 1 and not self.repeat:
            raise UsageError(f"{name} is given {len(texts)} times; give it once")
        if self.repeat:
            items = [part.strip() for t in texts for part in t.split(",") if part.strip()]
            return [self._one(name, t) for t in items] or None
        return self._one(name, texts[0])

    def _one(self, name: str, text: str):
        if len(text) > MAX_TEXT_CHARS:  # a 20,000-character actor made SQLite's LIKE give up (issue 18)
            raise UsageError(f"{name} is {len(text):,} characters long; at most {MAX_TEXT_CHARS} are allowed")
        if "\x00" in text:
            raise UsageError(f"{name} contains a NUL character")
        if self.kind == "int":
            try:
                number = int(text)
            except ValueError:
                raise UsageError(f"{name} must be a whole number, got {text!r}") from None
            if not self.lo <= number <= self.hi:
                raise UsageError(f"{name} must be between {self.lo} and {self.hi}, got {number}")
            return number
        if self.kind == "bool":
            if text.lower() in TRUE:
                return True
            if text.lower() in FALSE:
                return False
            raise UsageError(f"{name} must be true or false, got {text!r}")
        if self.kind == "date":
            try:
                parse_user_date(text)
            except ValueError as exc:
                raise UsageError(f"{name}: {exc}") from None
            return text
        if self.kind == "choice" and text.lower() not in self.choices:
            raise UsageError(f"{name} must be one of {', '.join(self.choices)}, got {text!r}")
        return text.lower() if self.kind == "choice" else text


def _text(help: str) -> Param:  # noqa: A002
    return Param("text", help)


SINCE = Param("date", "keep entries on or after this date (YYYY-MM-DD, YYYY-MM, YYYY-Www or YYYY)")
UNTIL = Param("date", "keep entries on or before this date")
ACTOR = _text("keep entries involving this actor (canonical name or alias)")
TOP = Param("int", "keep the N most important story entries")
PAGE = Param("int", "which page of the list (from 1)", hi=10**6)
LIMIT = Param("int", "return at most this many items (default: all of them, as the CLI prints)")
OFFSET = Param("int", "skip this many items first (default 0)", lo=0, hi=10**9)
SECTIONS = ("story", "background", "upcoming", "undated", "all")
STORY = _text("only this story: its id, or a prefix naming one story (/api/stories lists them)")

# route path -> {parameter: Param}; a page's ``.json`` twin takes what its page takes.
ROUTES: dict[str, dict[str, Param]] = {
    "/": {"since": SINCE, "until": UNTIL, "actor": ACTOR, "type": _text("keep entries of this event type"),
          "top": TOP, "page": PAGE, "story": STORY},
    "/stories": {},
    "/events/{key}": {"on": Param("date", "the entry's date (rides along in links; not needed)")},
    "/actors": {},
    "/actor": {"name": _text("the actor's canonical name or alias")},
    "/quotes": {"speaker": _text("only this speaker"), "q": _text("quotes holding these words"), "page": PAGE},
    "/articles": {"q": _text("articles holding these words"), "page": PAGE},
    "/articles/{id}": {"start": Param("int", "highlight from this character", lo=0, hi=10**9),
                       "end": Param("int", "highlight up to this character", lo=0, hi=10**9)},
    "/changes": {"since": Param("date", "what changed since this date")},
    "/search": {"q": _text("words to find in articles, quotes and actors' names")},
    "/numbers": {"about": _text("only claims whose counted thing, unit, claimant or sentence holds these words"),
                 "disputed": Param("bool", "only disputed groups"),
                 "order": Param("choice", "disputed first (default), or the largest groups first",
                                choices=("disputed", "size")), "page": PAGE},
    "/positions": {"actor": _text("only this actor's positions (canonical name or alias)")},
    "/network": {"actor": _text("only this actor and its neighbours"),
                 "min": Param("int", "links seen in at least this many timeline entries (default 2)", hi=1000)},
    "/api/articles": {},
    "/api/timeline": {"since": SINCE, "until": UNTIL, "actor": ACTOR, "top": TOP,
                      "type": _text("keep entries of this event type (meeting, attack, ...)"),
                      "section": Param("choice", "keep these sections (repeat, or comma-separated)",
                                       choices=SECTIONS, repeat=True),
                      "story": STORY, "limit": LIMIT, "offset": OFFSET},
    "/api/quotes": {"speaker": _text("only this speaker (canonical name or alias)"),
                    "q": _text("only quotes holding these words (every word; the last one as a prefix)"),
                    "story": STORY, "limit": LIMIT, "offset": OFFSET},
    "/api/entities": {"type": _text("only this type: PERSON, ORG, GPE ..."), "story": STORY, "limit": LIMIT,
                      "offset": OFFSET},
    "/api/search": {"q": _text("words to find"), "limit": Param("int", "most results (default 20)", hi=1000)},
    "/api/claims": {"about": _text("only claims whose counted thing, unit, claimant or sentence holds these words"),
                    "disputed": Param("bool", "only claims of disputed groups"), "story": STORY},
    "/api/positions": {"actor": _text("only this actor (canonical name or alias)"), "story": STORY},
    "/api/stories": {},
    "/api/changes": {"since": _text("the date to compare from, YYYY-MM-DD (or a timeline entry id)"),
                     "since_event": _text("compare from this timeline entry's date instead"),
                     "limit": Param("int", "most digest lines (default: data/digest/digest.toml)", hi=10_000)},
    "/api/openapi.json": {},
}


def parse(route: str, query: Mapping) -> dict:
    """``query`` (a Starlette QueryParams or a plain mapping) read against ``route``'s table:
    the parameters given, typed. Raises UsageError USE002 for a parameter the route does not
    take, USE001 for a bad value."""
    accepted = ROUTES[route]
    getlist = getattr(query, "getlist", None)
    out = {}
    for name in dict.fromkeys(query.keys()):
        if name not in accepted:
            takes = ", ".join(sorted(accepted)) or "no parameters"
            raise UsageError(f"{route} does not take {name!r}; it takes {takes}", code="USE002")
        values = getlist(name) if getlist else [query[name]]
        value = accepted[name].read(name, values)
        if value is not None:
            out[name] = value
    return out


def checked(route: str, endpoint: Callable) -> Callable:
    """``endpoint`` with its query read against ``route``'s table first; the typed values go in
    ``request.state.args``."""
    if route not in ROUTES:
        raise KeyError(f"{route} is not in chronicle.web.params.ROUTES; list what it accepts there")

    @wraps(endpoint)
    async def endpoint_checked(request):
        request.state.args = parse(route, request.query_params)
        request.state.route = route  # the kind of request its lane of threads is chosen by (chronicle.web.lanes)
        return await endpoint(request)

    return endpoint_checked
