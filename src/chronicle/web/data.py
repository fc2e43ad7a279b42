"""The web's one view layer: each function calls only the Python API and returns CONTRACT data.

The JSON endpoints return ``Result.data`` as it is, so ``GET /api/timeline`` prints what
``chronicle timeline --json`` prints; the pages (chronicle.web.pages) render the same results.
A reading whose API method is not in this build yet returns an empty list and a note, so the
page and the endpoint degrade instead of failing.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from chronicle.errors import NotFound, UsageError
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


def timeline(api, *, since=None, until=None, actor=None, top=None, section=None) -> Result:
    return _call(api, "timeline", since=since, until=until, actor=actor, top=top,
                 **({"section": section} if section else {}))


def timeline_json(api, *, since=None, until=None, actor=None, top=None, section=None, limit=None, offset=0):
    """The ``timeline --json`` document as an iterator of JSON text (entry by entry), or None
    when the API cannot read it lazily (then :func:`timeline` gives the document whole)."""
    read = getattr(api, "timeline_json", None)
    if read is None:
        return None
    return read(**_given(since=since, until=until, actor=actor, top=top), **({"section": section} if section else {}),
                limit=limit, offset=offset)


def story(api, *, since=None, until=None, actor=None, top=None, type=None, limit=200, offset=0,  # noqa: A002
          actor_options: int = 300) -> Result:
    """One page of the filtered timeline and the filters' facets:
    ``{"entries", "total", "types": [[type, n]], "actors": [name]}`` (``total`` after the type filter;
    ``actor_options`` most named actors).

    Counted and paged in SQL when the API can (``timeline_facets``); else cut from the whole timeline.
    """
    filters = _given(since=since, until=until, actor=actor, top=top)
    if getattr(api, "timeline_facets", None) is not None:
        facets = api.timeline_facets(**filters, actors=actor_options)
        total = facets["total"] if type is None else dict(map(tuple, facets["types"])).get(type, 0)
        entries = api.timeline(**filters, type=type, limit=limit, offset=offset) if total > offset else []
        return Result({"entries": entries, "total": total, "types": facets["types"], "actors": facets["actors"]})
    found = timeline(api, **filters)
    types = Counter(e.get("type") or "other" for e in found.data)
    rows = [e for e in found.data if (e.get("type") or "other") == type] if type else found.data
    return Result({"entries": rows[offset:offset + limit], "total": len(rows),
                   "types": [[t, n] for t, n in sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))],
                   "actors": most_named(found.data, actor_options)}, found.note)


def most_named(entries: list[dict], limit: int = 300) -> list[str]:
    """The actors the timeline itself names (what the actor filter matches): the most frequent, alphabetically."""
    counts = Counter(a for e in entries for a in e.get("actors") or ())
    return sorted(a for a, _ in counts.most_common(limit))


def timeline_entry(api, key: str, *, on: str | None = None) -> dict | None:
    """The entry whose :func:`event_key` is ``key``: by id when the API can look one up, else among
    the entries of its date ``on`` first (one cheap reading), else anywhere; None when there is none."""
    if getattr(api, "timeline_entry", None) is not None:
        try:
            return api.timeline_entry(key)
        except NotFound:
            return None
    if on:
        try:
            nearby = timeline(api, since=on, until=on).data
        except UsageError:
            nearby = []
        found = next((e for e in nearby if event_key(e) == key), None)
        if found is not None:
            return found
    return next((e for e in timeline(api).data if event_key(e) == key), None)


def _given(**kwargs) -> dict:
    return {k: v for k, v in kwargs.items() if v is not None}


def quote_rows(api, *, speaker=None, articles=None) -> Result:
    """``Chronicle.quotes()`` rows as they are (with their sentence), for the pages; ``articles``
    keeps those articles' quotes (read in SQL by an API with paged readings, else filtered here)."""
    if articles is not None and getattr(api, "quotations", None) is not None:
        return _call(api, "quotes", speaker=speaker, articles=sorted(articles))
    found = _call(api, "quotes", speaker=speaker)
    if articles is not None:
        found.data = [q for q in found.data if q.get("article") in articles]
    return found


def quotations(api, *, speaker=None, text=None, limit=50, offset=0) -> Result:
    """One row per quotation, first seen first: ``{"total", "quotes"}``. Read in SQL (FTS5 for
    ``text``) by an API that has ``quotations``; else grouped here from the whole quotes reading."""
    if getattr(api, "quotations", None) is not None:
        return Result(api.quotations(**_given(speaker=speaker, text=text), limit=limit, offset=offset))
    found = quote_rows(api, speaker=speaker)
    rows = found.data
    if text:
        needle = quote_key(text)
        rows = [q for q in rows if needle in quote_key(q.get("text") or "")]
    groups: dict[str, dict] = {}
    for q in sorted(rows, key=lambda q: (q.get("published") or "", q.get("article") or "", q.get("start", 0))):
        first = groups.setdefault(_quote_group(q), {**q, "carried_by": []})
        first["carried_by"] = list(dict.fromkeys([*first["carried_by"], *(q.get("carried_by") or [q["article"]])]))
    ordered = list(groups.values())
    return Result({"total": len(ordered), "quotes": ordered[offset:offset + limit]}, found.note)


def _quote_group(q: dict) -> str:
    """One card per quotation: the store's own merge of reprints when it has one, else same speaker and words."""
    if q.get("quotation") is not None:
        return f"quotation:{q['quotation']}"
    return f"{(q.get('speaker') or '').casefold()}|{quote_key(q.get('text') or '')}"


def quotes(api, *, speaker=None) -> Result:
    """The ``quotes --json`` document: the same rows, cut to the fields the CLI prints."""
    from chronicle.cli.quotes import CONTRACT_FIELDS, EXTRA_FIELDS

    found = quote_rows(api, speaker=speaker)
    fields = CONTRACT_FIELDS + EXTRA_FIELDS
    return Result([{k: r[k] for k in fields if k in r} for r in found.data], found.note)


def quotes_json(api, *, speaker=None, limit=None, offset=0):
    """The ``quotes --json`` document as an iterator of JSON text (quote by quote), or None when
    the API cannot read quotes lazily (then :func:`quotes` gives the document whole)."""
    import json

    from chronicle.cli.quotes import CONTRACT_FIELDS, EXTRA_FIELDS

    if getattr(api, "iter_quotes", None) is None:
        return None
    if limit is not None or offset:
        rows = iter(api.quotes(**_given(speaker=speaker), limit=limit, offset=offset))
    else:
        rows = api.iter_quotes(**_given(speaker=speaker))
    fields = CONTRACT_FIELDS + EXTRA_FIELDS
    return (json.dumps({k: r[k] for k in fields if k in r}, ensure_ascii=False, separators=(",", ":")) for r in rows)


def entities(api, *, type=None) -> Result:  # noqa: A002 - the CLI's --type
    return _call(api, "entities", type=type.upper() if type else None)


def entities_json(api, *, type=None, limit=None, offset=0):  # noqa: A002
    """The ``entities --json`` document as an iterator of JSON text, or None when the API cannot read it lazily."""
    import json

    if getattr(api, "iter_entities", None) is None:
        return None
    rows = api.iter_entities(**_given(type=type.upper() if type else None), limit=limit, offset=offset)
    return (json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in rows)


def top_entities(api, *, limit: int) -> Result:
    """The ``limit`` most mentioned entities and how many there are: ``{"total", "entities"}``."""
    if getattr(api, "entity_count", None) is not None:
        return Result({"total": api.entity_count(), "entities": api.entities(limit=limit)})
    found = entities(api)
    rows = sorted(found.data, key=lambda r: (-(r.get("mentions") or 0), r.get("name") or ""))
    return Result({"total": len(rows), "entities": rows[:limit]}, found.note)


def changes(api, *, since=None) -> Result:
    return _call(api, "changes", since=since)


def changes_summary(api, *, since: str, shown: int) -> Result:
    """The changes page's sections ``{"articles": n, "new_events": {"total", "rows"}, ...}``: the API's
    quick reading when it has one, else cut from the full report."""
    if getattr(api, "changes_summary", None) is not None:
        return Result(api.changes_summary(since, shown=shown))
    found = changes(api, since=since)
    report = found.data if isinstance(found.data, dict) else {"new_events": list(found.data or [])}
    out = {"articles": len(report.get("articles") or [])}
    for key in ("new_events", "updated_events", "new_quotes", "new_actors"):
        rows = report.get(key) or []
        out[key] = {"total": len(rows), "rows": rows[:shown]}
    return Result(out, found.note)


def entity(api, name: str) -> Result:
    """One actor by canonical name or alias: the API's own record, else the matching entities() row."""
    if getattr(api, "entity", None) is not None:
        return Result(api.entity(name, contexts=False))  # the page shows no mentions in context
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
