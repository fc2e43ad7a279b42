"""Cross-document entity rows: the mentions linking reads, and the entity tables it rewrites."""
from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterator

from chronicle.store.db import insert_rows


def iter_mention_rows(conn: sqlite3.Connection) -> Iterator[dict]:
    """Every mention with its in-article name and its article's date (call inside a transaction)."""
    conn.execute("UPDATE mentions SET article_entity = entity WHERE article_entity IS NULL")
    for r in conn.execute(
        "SELECT m.article_id, m.idx, m.text, m.type, m.article_entity AS local, m.role, m.kind, "
        "m.start_char, m.end_char, a.published, "
        # the words just before a person's name of three words or more (is it the tail of a longer name?)
        "CASE WHEN m.type = 'PERSON' AND m.kind = 'name' AND length(m.text) - length(replace(m.text, ' ', '')) >= 2 "
        "THEN CASE WHEN m.start_char >= 30 THEN substr(a.text, m.start_char - 29, 30) "
        "ELSE substr(a.text, 1, m.start_char) END ELSE '' END AS before "
        "FROM mentions m JOIN articles a ON a.id = m.article_id "
        "ORDER BY a.seq, m.idx"
    ):
        yield dict(r)


def text_windows(conn: sqlite3.Connection, spans: list[tuple[str, int, int]], width: int) -> list[tuple[str, str]]:
    """``(before, after)``: the ``width`` characters of article text each side of each ``(article, start, end)``."""
    out = []
    for article, start, end in spans:
        row = conn.execute("SELECT substr(text, ?, ?), substr(text, ?, ?) FROM articles WHERE id = ?",
                           (max(1, start - width + 1), min(width, start), end + 1, width, article)).fetchone()
        out.append((row[0] or "", row[1] or "") if row else ("", ""))
    return out


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
