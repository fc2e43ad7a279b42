"""The entity readings: the ``entities --json`` rows, and one entity with its dated roles and contexts.

The rows are read a chunk of entities at a time, so a page or a streamed response reads the
aliases and roles of the entities it sends, not of all 43,000 at once: most mentioned first,
aliases by mentions, roles most recent first.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator

from chronicle.errors import NotFound


def iter_entity_rows(conn: sqlite3.Connection, *, type: str | None = None, limit: int | None = None,  # noqa: A002
                     offset: int = 0, chunk: int = 2000) -> Iterator[dict]:
    """CONTRACT rows ``{"name", "type", "aliases", "mentions", "articles", "roles"}``, most mentioned first."""
    where, params = ("WHERE e.type = ?", [type]) if type else ("", [])
    sql = f"SELECT * FROM entities e {where} ORDER BY e.mentions DESC, e.name, e.id"  # id: one name, two types
    if limit is not None or offset:
        sql += " LIMIT ? OFFSET ?"
        params += [-1 if limit is None else int(limit), int(offset)]
    cursor = conn.execute(sql, params)
    while ents := cursor.fetchmany(chunk):
        ids = (json.dumps([e["id"] for e in ents]),)
        aliases = _grouped(conn, "SELECT entity_id, alias FROM entity_aliases WHERE entity_id IN "
                                 "(SELECT value FROM json_each(?)) ORDER BY mentions DESC, alias", ids)
        roles = _grouped(conn, "SELECT entity_id, role FROM entity_roles WHERE entity_id IN "
                               "(SELECT value FROM json_each(?)) GROUP BY entity_id, role "
                               "ORDER BY MAX(COALESCE(published, '')) DESC, role", ids)
        for e in ents:
            yield {"name": e["name"], "type": e["type"].split("#")[0], "aliases": aliases.get(e["id"], []),
                   "mentions": e["mentions"], "articles": e["articles"], "roles": roles.get(e["id"], [])}


def count_entities(conn: sqlite3.Connection, *, type: str | None = None) -> int:  # noqa: A002
    where, params = ("WHERE type = ?", (type,)) if type else ("", ())
    return conn.execute(f"SELECT COUNT(*) FROM entities {where}", params).fetchone()[0]


def _grouped(conn: sqlite3.Connection, sql: str, params) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for eid, value in conn.execute(sql, params):
        out.setdefault(eid, []).append(value)
    return out


def get_entity(conn: sqlite3.Connection, name: str, *, contexts: bool = True) -> dict:
    """One entity by name or alias (case-insensitive), with dated roles and mentions in context.

    Without ``contexts`` its articles and mentions are left out (empty lists): the web's actor
    page shows neither, and on Timeline17 "BP" has 10,000 mentions.
    """
    row = conn.execute("SELECT * FROM entities WHERE name = ? COLLATE NOCASE ORDER BY mentions DESC", (name,)).fetchone()
    if row is None:
        row = conn.execute(
            "SELECT e.* FROM entity_aliases a JOIN entities e ON e.id = a.entity_id "
            "WHERE a.alias = ? COLLATE NOCASE ORDER BY a.mentions DESC, e.mentions DESC", (name,)
        ).fetchone()
    if row is None:
        raise NotFound(f"no entity named {name!r}; list them with `chronicle entities`")
    eid = row["id"]
    aliases = [r[0] for r in conn.execute(
        "SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY mentions DESC, alias", (eid,))]
    history = [dict(r) for r in conn.execute(
        "SELECT r.role, r.published, r.article_id AS article, a.title FROM entity_roles r "
        "JOIN articles a ON a.id = r.article_id WHERE r.entity_id = ? ORDER BY r.published, r.role", (eid,))]
    if not contexts:
        articles, mentions = [], []
    else:
        articles, mentions = _contexts(conn, eid)
    roles = list(dict.fromkeys(r["role"] for r in sorted(history, key=lambda r: r["published"] or "", reverse=True)))
    return {"name": row["name"], "type": row["type"].split("#")[0], "aliases": aliases, "mentions": row["mentions"],
            "articles": row["articles"], "roles": roles, "role_history": history, "article_list": articles,
            "contexts": mentions,
            "first_published": row["first_published"], "last_published": row["last_published"]}


def _contexts(conn: sqlite3.Connection, eid: int) -> tuple[list[dict], list[dict]]:
    articles = [dict(r) for r in conn.execute(
        "SELECT a.id, a.title, a.published, a.outlet, COUNT(*) AS mentions FROM mentions m "
        "JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ? GROUP BY a.id ORDER BY a.published, a.seq",
        (eid,))]
    mentions = [dict(r) for r in conn.execute(
        "SELECT m.article_id AS article, m.start_char AS start, m.end_char AS end, m.text, m.type, m.kind, m.role, "
        "substr(a.text, max(1, m.start_char - 79), min(m.start_char, 80)) AS before, "
        "substr(a.text, m.end_char + 1, 80) AS after FROM mentions m JOIN articles a ON a.id = m.article_id "
        "WHERE m.entity_id = ? ORDER BY a.published, a.seq, m.start_char", (eid,))]
    return articles, mentions
