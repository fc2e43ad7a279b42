"""The ``entities --json`` rows read a chunk of entities at a time, so a page or a streamed
response reads the aliases and roles of the entities it sends, not of all 43,000 at once.

Row for row the same as :func:`chronicle.store.entities.iter_entities` (the same query and
orders, per entity): most mentioned first, aliases by mentions, roles most recent first.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator


def iter_entity_rows(conn: sqlite3.Connection, *, type: str | None = None, limit: int | None = None,  # noqa: A002
                     offset: int = 0, chunk: int = 2000) -> Iterator[dict]:
    """CONTRACT rows ``{"name", "type", "aliases", "mentions", "articles", "roles"}``, most mentioned first."""
    where, params = ("WHERE e.type = ?", [type]) if type else ("", [])
    sql = f"SELECT * FROM entities e {where} ORDER BY e.mentions DESC, e.name"
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
