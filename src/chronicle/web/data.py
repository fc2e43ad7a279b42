"""The web's one view layer: each function calls only the Python API and returns CONTRACT data.

The JSON endpoints return ``Result.data`` as it is, so ``GET /api/timeline`` prints what
``chronicle timeline --json`` prints; the pages (chronicle.web.pages) render the same results.
A reading whose API method is not in this build yet returns an empty list and a note, so the
page and the endpoint degrade instead of failing.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from chronicle.errors import UsageError
from chronicle.views.articles import articles_json


@dataclass
class Result:
    """What one reading returned, and a note when the feature behind it is missing."""

    data: Any = field(default_factory=list)
    note: str | None = None


FEATURES = {  # API method -> the branch of work that provides it, for the note shown when missing
    "timeline": "the timeline",
    "changes": "change tracking",
    "quotes": "quote extraction",
    "entities": "entity linking",
    "entity": "entity linking",
}


def _call(api, method: str, **kwargs) -> Result:
    fn = getattr(api, method, None)
    if fn is None:
        return Result([], f"{FEATURES.get(method, method)} is not available in this build of Chronicle yet")
    return Result(fn(**{k: v for k, v in kwargs.items() if v is not None}))


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


def timeline(api, *, since=None, until=None, actor=None, top=None) -> Result:
    return _call(api, "timeline", since=since, until=until, actor=actor, top=top)


def quote_rows(api, *, speaker=None) -> Result:
    """``Chronicle.quotes()`` rows as they are (with their sentence), for the pages."""
    return _call(api, "quotes", speaker=speaker)


def quotes(api, *, speaker=None) -> Result:
    """The ``quotes --json`` document: the same rows, cut to the fields the CLI prints."""
    from chronicle.cli.quotes import CONTRACT_FIELDS, EXTRA_FIELDS

    found = quote_rows(api, speaker=speaker)
    fields = CONTRACT_FIELDS + EXTRA_FIELDS
    return Result([{k: r[k] for k in fields if k in r} for r in found.data], found.note)


def entities(api, *, type=None) -> Result:  # noqa: A002 - the CLI's --type
    return _call(api, "entities", type=type.upper() if type else None)


def changes(api, *, since=None) -> Result:
    return _call(api, "changes", since=since)


def entity(api, name: str) -> Result:
    """One actor by canonical name or alias: the API's own record, else the matching entities() row."""
    if getattr(api, "entity", None) is not None:
        return Result(api.entity(name))
    found = entities(api)
    low = name.casefold()
    for row in found.data:
        if row.get("name", "").casefold() == low or low in (a.casefold() for a in row.get("aliases") or ()):
            return Result(row, found.note)
    return Result({"name": name, "type": None, "aliases": [], "mentions": None, "articles": None, "roles": []},
                  found.note)


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
