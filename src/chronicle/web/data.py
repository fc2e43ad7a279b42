"""The web's parameters and readings: each reading calls one method of the Python API, which reads
through chronicle.views (one reading per CONTRACT shape), and returns its data as it is.

The JSON endpoints return ``Result.data`` as it is, so ``GET /api/timeline`` prints what
``chronicle timeline --json`` prints; the pages (chronicle.web.pages) render the same results.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from chronicle.errors import NotFound, UsageError
from chronicle.views.articles import articles_json
from chronicle.views.contract import QUOTE_EXTRA_FIELDS, QUOTE_FIELDS, cut


@dataclass
class Result:
    """What one reading returned, and a note to show beside it (none of the readings sets one today)."""

    data: Any = field(default_factory=list)
    note: str | None = None


@dataclass
class Document:
    """One JSON document sent as it is read: ``pieces`` yields its text, which joined is the document."""

    pieces: Any


# ---- parameters ---------------------------------------------------------------------------
def text_param(value: str | None) -> str | None:
    """A query parameter as text, or None when absent or blank."""
    if value is None:
        return None
    value = value.strip()
    return value or None


def int_param(value: str | None, name: str, *, default: int | None = None, lo: int = 1, hi: int = 100_000) -> int | None:
    """A positive integer query parameter; a bad value is a usage error (HTTP 400)."""
    value = text_param(value)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise UsageError(f"{name} must be a whole number, got {value!r}") from None
    if not lo <= number <= hi:
        raise UsageError(f"{name} must be between {lo} and {hi}, got {number}")
    return number


# ---- the CONTRACT readings ----------------------------------------------------------------
def articles(api) -> Result:
    return Result(articles_json(api.articles()))


def search(api, q: str | None, *, limit: int = 20) -> Result:
    q = text_param(q)
    if q is None:
        return Result([])
    return Result(api.search(q, limit=limit))


def timeline(api, *, since=None, until=None, actor=None, top=None, section=None) -> Result:
    return Result(api.timeline(**_given(since=since, until=until, actor=actor, top=top, section=section)))


def timeline_json(api, *, since=None, until=None, actor=None, top=None, section=None, type=None,  # noqa: A002
                  limit=None, offset=0, story=None):
    """The ``timeline --json`` document as an iterator of JSON text, entry by entry."""
    return api.timeline_json(**_given(since=since, until=until, actor=actor, top=top, section=section, type=type,
                                      story=story), limit=limit, offset=offset)


def story(api, *, since=None, until=None, actor=None, top=None, type=None, limit=200, offset=0,  # noqa: A002
          actor_options: int = 300, story=None) -> Result:
    """One page of the filtered timeline and the filters' facets, counted and paged in SQL:
    ``{"entries", "total", "types": [[type, n]], "actors": [name]}`` (``total`` after the type filter;
    ``actor_options`` most named actors)."""
    filters = _given(since=since, until=until, actor=actor, top=top, story=story)
    facets = api.timeline_facets(**filters, actors=actor_options)
    total = facets["total"] if type is None else dict(map(tuple, facets["types"])).get(type, 0)
    entries = api.timeline(**filters, type=type, limit=limit, offset=offset) if total > offset else []
    return Result({"entries": entries, "total": total, "types": facets["types"], "actors": facets["actors"]})


def timeline_entry(api, key: str, *, on: str | None = None) -> dict | None:
    """The entry whose id is ``key``, or None when there is none. (``on``, the entry's date, rides
    along in links; the lookup by id does not need it.)"""
    try:
        return api.timeline_entry(key)
    except NotFound:
        return None


def _given(**kwargs) -> dict:
    return {k: v for k, v in kwargs.items() if v is not None}


def quote_rows(api, *, speaker=None, articles=None) -> Result:
    """``Chronicle.quotes()`` rows as they are (with their sentence), for the pages; ``articles``
    keeps those articles' quotes (read in SQL)."""
    return Result(api.quotes(**_given(speaker=speaker, articles=sorted(articles) if articles is not None else None)))


def quotes_about(api, spans: tuple, *, within: int, speakers=()) -> Result:
    """``Chronicle.quotes_about()`` rows: the quotes near these ``(article, start, end)`` spans or by these speakers."""
    return Result(api.quotes_about(tuple(spans), within=within, speakers=tuple(sorted(set(speakers)))))


def quotations(api, *, speaker=None, text=None, limit=50, offset=0) -> Result:
    """One row per quotation, first seen first: ``{"total", "quotes"}`` (FTS5 for ``text``)."""
    return Result(api.quotations(**_given(speaker=speaker, text=text), limit=limit, offset=offset))


def quotes(api, *, speaker=None) -> Result:
    """The ``quotes --json`` document: the same rows, cut to the fields the CLI prints."""
    return Result([cut(r, QUOTE_FIELDS + QUOTE_EXTRA_FIELDS) for r in quote_rows(api, speaker=speaker).data])


def quotes_json(api, *, speaker=None, text=None, limit=None, offset=0):
    """The ``quotes --json`` document as an iterator of JSON text, quote by quote (``text``: FTS5 words)."""
    if limit is not None or offset:
        rows = iter(api.quotes(**_given(speaker=speaker, text=text), limit=limit, offset=offset))
    else:
        rows = api.iter_quotes(**_given(speaker=speaker, text=text))
    fields = QUOTE_FIELDS + QUOTE_EXTRA_FIELDS
    return (json.dumps(cut(r, fields), ensure_ascii=False, separators=(",", ":")) for r in rows)


def entities(api, *, type=None) -> Result:  # noqa: A002 - the CLI's --type
    return Result(api.entities(**_given(type=type.upper() if type else None)))


def entities_json(api, *, type=None, limit=None, offset=0):  # noqa: A002
    """The ``entities --json`` document as an iterator of JSON text, entity by entity."""
    rows = api.iter_entities(**_given(type=type.upper() if type else None), limit=limit, offset=offset)
    return (json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in rows)


def positions(api, actor: str | None = None) -> list:
    """Every position, or ``actor``'s, filtered from every position (read once per change of the
    store and kept by the cache, chronicle.web.cache): each actor otherwise read its rows again
    and cut their sentences, 0.25-0.36 s on the full Timeline17 store (issue 18). The rows
    :meth:`chronicle.api.Chronicle.positions` gives, in its order."""
    from chronicle.views.positions import of_actor

    rows = api.positions()
    return of_actor(rows, actor, api.actor_names(actor)) if actor else rows


def stories(api) -> Result:
    """The ``stories --json`` document (views/stories.py)."""
    from chronicle.views.stories import STORY_FIELDS

    return Result([cut(r, STORY_FIELDS) for r in api.stories()])


def top_entities(api, *, limit: int) -> Result:
    """The ``limit`` most mentioned entities and how many there are: ``{"total", "entities"}``."""
    return Result({"total": api.entity_count(), "entities": api.entities(limit=limit)})


def changes(api, *, since=None, since_event=None, limit=None) -> Result:
    extra = {k: v for k, v in (("since_event", since_event), ("limit", limit)) if v is not None}
    return Result(api.changes(since, **extra))


def changes_json(api, *, since=None, since_event=None, limit=None) -> Document:
    """The ``changes --json`` document, streamed (what :func:`changes` returns, byte for byte). Its
    digest is the one reading the changes page and its twin also use (:func:`shared_digest`)."""
    from chronicle.views.report import WHOLE_SECTIONS

    extra = {k: v for k, v in (("since_event", since_event), ("limit", limit)) if v is not None}
    # read when the stream reaches it: `since` and `articles` go out first, as before; the sections
    # whose rows do not depend on the day are filtered from the whole store's (kept by the cache)
    wholes = {key: (lambda key=key: api.changes_section(key)) for key in WHOLE_SECTIONS}
    return Document(api.changes_json(since, **extra, digest=lambda: shared_digest(api, since, since_event, limit),
                                     wholes=wholes))


def digest(api, *, since: str, limit: int) -> Result:
    """The ranked digest of what changed since ``since`` (views/digest.py), its first ``limit`` lines."""
    return Result(shared_digest(api, since, None, limit))


def shared_digest(api, since, since_event, limit) -> list[dict] | None:
    """The digest's first ``limit`` lines (all of its default length when None), cut from the one
    reading of the default length that ``/changes``, ``/changes.json`` and ``/api/changes`` share:
    the digest is the costly part of their cold answer (seconds on a large store), and its first
    lines do not depend on how many are asked for (views/digest.py ranks greedily and stops).
    None when ``limit`` is no valid count (the caller's own reading then says why)."""
    from chronicle.views.digest import default_settings

    try:
        wanted = None if limit is None else int(limit)
    except (TypeError, ValueError):
        return None
    if wanted is not None and wanted < 1:
        return None
    by = {"since_event": since_event} if since_event else {}
    if wanted is not None and wanted > int(default_settings()["limits"]["lines"]):
        return api.digest(since, limit=wanted, **by)
    lines = api.digest(since, **by)
    return lines if wanted is None else lines[:wanted]


def changes_summary(api, *, since: str, shown: int) -> Result:
    """The changes page's sections ``{"articles": n, "new_events": {"total", "rows"}, ...}``."""
    return Result(api.changes_summary(since, shown=shown, ranked=True))


def entity(api, name: str) -> Result:
    """One actor by canonical name or alias (NotFound when there is none); the page shows no
    mentions in context, so none are read."""
    return Result(api.entity(name, contexts=False))


# ---- identities used by links -------------------------------------------------------------
def event_key(entry: dict) -> str:
    """A timeline entry's id: its own ``id`` when the timeline gives one, else a digest of what it is."""
    if entry.get("id") is not None:
        return str(entry["id"])
    first = (entry.get("sources") or [{}])[0]
    basis = "\x1f".join(str(v) for v in (entry.get("date"), entry.get("type"), entry.get("summary"),
                                          first.get("article"), first.get("start")))
    return hashlib.blake2b(basis.encode(), digest_size=6).hexdigest()


def quote_key(text: str) -> str:
    """Quotes carried by several outlets share this key: the words, case and punctuation aside."""
    words = "".join(ch.casefold() if ch.isalnum() else " " for ch in text).split()
    return " ".join(words)
