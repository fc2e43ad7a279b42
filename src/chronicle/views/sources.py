"""Citations: an entry's sources resolved to the articles a reader can open (outlet, title, date, URL).

Every export cites each source by outlet, title, publication date and URL (issue 17), read
here once: :func:`article_index` reads the articles a set of entries cites, :func:`cited_sources`
gives one citation per article an entry rests on, in the order it cites them.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from chronicle.views.articles import article_rows

CITATION_FIELDS = ("article", "outlet", "title", "published", "url")


def article_index(conn: sqlite3.Connection, entries: Iterable[dict]) -> dict[str, dict]:
    """The citation fields of every article the entries' ``sources`` (or quotes' ``article``) name."""
    ids: set[str] = set()
    for e in entries:
        ids.update(s["article"] for s in e.get("sources") or ())
        if e.get("article"):
            ids.add(e["article"])
    if not ids:
        return {}
    return {r["id"]: {"article": r["id"], "outlet": r["outlet"], "title": r["title"], "published": r["published"],
                      "url": r["url"]} for r in article_rows(conn, sorted(ids))}


def cite(source: dict, articles: dict[str, dict] | None = None) -> dict:
    """One source (a timeline source, a quote or a claim: anything with ``article``) as a citation
    ``{"article", "outlet", "title", "published", "url"}``; what the index lacks comes from the source.

    >>> cite({"article": "a1", "outlet": "Wire", "published": "2025-03-18"},
    ...      {"a1": {"article": "a1", "outlet": "Wire", "title": "Talks", "published": "2025-03-18", "url": "https://w.example/1"}})["url"]
    'https://w.example/1'
    >>> cite({"article": "a2", "outlet": None, "published": "2025-03-19"})
    {'article': 'a2', 'outlet': None, 'title': None, 'published': '2025-03-19', 'url': None}
    """
    known = (articles or {}).get(source["article"]) or {}
    return {f: known.get(f) or source.get(f) for f in CITATION_FIELDS} | {"article": source["article"]}


def cited_sources(entry: dict, articles: dict[str, dict] | None = None) -> list[dict]:
    """One citation per article the entry cites, in the order of its ``sources``; a syndicated copy is
    cited with its own outlet, since a reader may only have access to that one."""
    out: dict[str, dict] = {}
    for s in entry.get("sources") or ():
        if s["article"] not in out:
            out[s["article"]] = cite(s, articles)
    return list(out.values())


def credit_line(c: dict) -> str:
    """A citation as one plain line: "Port Asten Courier, 2025-09-02". An article with no outlet
    is credited by its title, else as "unnamed source"."""
    who = c.get("outlet") or (f"“{c['title']}”" if c.get("title") else "unnamed source")
    return ", ".join(x for x in (who, c.get("published")) if x)
