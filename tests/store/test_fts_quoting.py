"""Full-text tables are declared so that sqlite-utils (and Datasette, which uses the same test)
detect them, on new stores and on stores written before migration 0007."""
from __future__ import annotations

import re
import sqlite3

import sqlite_utils

from chronicle.store import Store
from chronicle.store.db import _statements, migrations

OLD_SCHEMA = 6  # the last schema that declared content='table' in single quotes
TEXT = "Negotiators agreed a ceasefire in Geneva on Monday."
QUOTE = "We will not give up an inch"


def fts_tables(path) -> dict[str, str]:
    """FTS table -> the content table it declares."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%USING fts%'").fetchall()
    finally:
        conn.close()
    found = {}
    for name, sql in rows:
        content = re.search(r"""content\s*=\s*['"\[`]?(\w+)""", sql)
        assert content, f"{name} has no content table: {sql}"
        found[name] = content.group(1)
    return found


def detected(path) -> dict[str, str | None]:
    db = sqlite_utils.Database(path)
    try:
        return {name: db[table].detect_fts() for name, table in fts_tables(path).items()}
    finally:
        db.close()


def old_store(path) -> None:
    """A store at schema 6, as Chronicle wrote it before 0007, holding one article and one quote."""
    conn = sqlite3.connect(path, isolation_level=None)
    for number, _name, sql in migrations():
        if number > OLD_SCHEMA:
            break
        for statement in _statements(sql):
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {number:d}")
    conn.execute("INSERT INTO articles (id, title, text, published_source, words, seq, ingested_at) "
                 "VALUES ('a1', 'Talks', ?, 'unknown', 8, 1, '2025-01-01T00:00:00Z')", (TEXT,))
    conn.execute("INSERT INTO quotes (article_id, idx, start_char, end_char, text, kind, stage) "
                 "VALUES ('a1', 0, 0, ?, ?, 'direct', 'test')", (len(QUOTE), QUOTE))
    conn.close()


def test_a_new_store_has_detectable_fts_tables(tmp_path):
    path = tmp_path / "new.db"
    Store(path).close()
    found = detected(path)
    assert {"articles_fts", "quotes_fts"} <= set(found)
    assert found == {name: name for name in found}


def test_an_old_store_is_migrated_and_its_indexes_rebuilt(tmp_path):
    path = tmp_path / "old.db"
    old_store(path)
    assert set(detected(path).values()) == {None}  # what sqlite-utils and Datasette saw before 0007

    store = Store(path)
    try:
        assert store.schema_version >= 7
        found = detected(path)
        assert found == {name: name for name in found} and {"articles_fts", "quotes_fts"} <= set(found)
        # The rebuilt indexes hold the rows written before the migration ...
        assert [h["id"] for h in store.search("ceasefire")] == ["a1"]
        assert store.query("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'inch'")
        # ... and the triggers keep them in step afterwards.
        with store.transaction():
            store.conn.execute("UPDATE articles SET text = 'A truce held in Doha.' WHERE id = 'a1'")
        assert store.search("ceasefire") == [] and [h["id"] for h in store.search("truce")] == ["a1"]
    finally:
        store.close()
    db = sqlite_utils.Database(path)
    assert [r["id"] for r in db["articles"].search("truce")] == ["a1"]
