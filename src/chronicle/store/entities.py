"""Cross-document entity rows: rewrite them after linking, and read them for the API."""
from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterator

from chronicle.errors import NotFound
from chronicle.store.db import insert_rows


def iter_mention_rows(conn: sqlite3.Connection) -> Iterator[dict]:
    """Every mention with its in-article name and its article's date (call inside a transaction)."""
    conn.execute("UPDATE mentions SET article_entity = entity WHERE article_entity IS NULL")
    for r in conn.execute(
        "SELECT m.article_id, m.idx, m.text, m.type, m.article_entity AS local, m.role, m.kind, "
        "m.start_char, m.end_char, a.published FROM mentions m JOIN articles a ON a.id = m.article_id "
        "ORDER BY a.seq, m.idx"
    ):
        yield dict(r)


def canonical_names(conn: sqlite3.Connection) -> dict[tuple[str, str], str]:
    """(article id, in-article name) -> cross-document name, for every linked mention.

    The bridge for steps that keep in-article names (event actors, quote speakers): look each
    name up with its article id and use the store-wide name ("Zelenskyy" in one article and
    "Zelensky" in another both give "Volodymyr Zelensky", and a user's merge is honoured), as
    ``canonical_names(store.conn).get((article_id, "Zelenskyy"), "Zelenskyy")``. Empty before
    the first link:

        >>> from chronicle.store.db import connect
        >>> canonical_names(connect(":memory:"))
        {}
    """
    return {(r[0], r[1]): r[2] for r in conn.execute(
        "SELECT DISTINCT article_id, article_entity, entity FROM mentions "
        "WHERE article_entity IS NOT NULL AND entity IS NOT NULL AND entity_id IS NOT NULL")}


def add_entities(conn: sqlite3.Connection, entities) -> None:
    """Replace the entity tables with ``entities`` (LinkedEntity list) and point mentions at them."""
    conn.execute("UPDATE mentions SET entity_id = NULL")
    for table in ("entity_roles", "entity_aliases", "entities"):
        conn.execute(f"DELETE FROM {table}")
    entity_rows, alias_rows, role_rows, updates, speakers = [], [], [], [], {}
    seen_keys: set[tuple[str, str]] = set()
    for i, ent in enumerate(sorted(entities, key=lambda e: (-len(e.rows), e.name)), start=1):
        etype = ent.type
        if (ent.name, etype) in seen_keys:  # two clusters kept apart but named alike: keep both, typed apart
            etype = f"{etype}#{i}"
        seen_keys.add((ent.name, etype))
        dates = sorted(r.published for r in ent.rows if r.published)
        entity_rows.append({"id": i, "name": ent.name, "type": etype, "mentions": len(ent.rows),
                            "articles": len({r.article_id for r in ent.rows}),
                            "first_published": dates[0] if dates else None,
                            "last_published": dates[-1] if dates else None})
        forms = Counter()
        for r in ent.rows:
            forms[_strip_the(r.text) if r.kind == "name" else r.text] += 1
            updates.append((ent.name, i, r.article_id, r.idx))
            if r.role:
                role_rows.append({"entity_id": i, "role": r.role, "article_id": r.article_id, "published": r.published,
                                  "start_char": r.start_char, "end_char": r.end_char})
            if ent.type == "PERSON" and r.local != ent.name:
                speakers[(r.article_id, r.local)] = ent.name
        alias_rows += [{"entity_id": i, "alias": a, "mentions": n} for a, n in forms.items()]
    insert_rows(conn, "entities", entity_rows)
    insert_rows(conn, "entity_aliases", _unique(alias_rows, ("entity_id", "alias")))
    insert_rows(conn, "entity_roles", _unique(role_rows, ("entity_id", "role", "article_id", "start_char")))
    conn.executemany("UPDATE mentions SET entity = ?, entity_id = ? WHERE article_id = ? AND idx = ?", updates)
    conn.executemany("UPDATE quotes SET speaker = ? WHERE article_id = ? AND speaker = ?",
                     [(name, aid, local) for (aid, local), name in speakers.items()])


def _strip_the(text: str) -> str:
    return text[4:] if text[:4] in ("the ", "The ") else text


def _unique(rows: list[dict], key: tuple[str, ...]) -> list[dict]:
    seen, out = set(), []
    for r in rows:
        k = tuple(r[c] for c in key)
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out


def iter_entities(conn: sqlite3.Connection, *, type: str | None = None) -> Iterator[dict]:
    """CONTRACT rows ``{"name", "type", "aliases", "mentions", "articles", "roles"}``, most mentioned first."""
    where, params = ("WHERE e.type = ?", (type,)) if type else ("", ())
    ents = conn.execute(f"SELECT * FROM entities e {where} ORDER BY e.mentions DESC, e.name", params).fetchall()
    aliases = _grouped(conn, "SELECT entity_id, alias FROM entity_aliases ORDER BY mentions DESC, alias")
    roles = _grouped(conn, "SELECT entity_id, role FROM entity_roles GROUP BY entity_id, role "
                           "ORDER BY MAX(COALESCE(published, '')) DESC, role")
    for e in ents:
        yield {"name": e["name"], "type": e["type"].split("#")[0], "aliases": aliases.get(e["id"], []),
               "mentions": e["mentions"], "articles": e["articles"], "roles": roles.get(e["id"], [])}


def _grouped(conn: sqlite3.Connection, sql: str) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for eid, value in conn.execute(sql):
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
