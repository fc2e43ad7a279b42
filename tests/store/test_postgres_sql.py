"""The SQLite-to-PostgreSQL statement translation (store/postgres.py); no server needed."""
from __future__ import annotations

import sys

import pytest

from chronicle.errors import StoreError
from chronicle.store.postgres import translate


def sql(statement: str) -> str:
    return " ".join(translate(statement)[0].split())


def test_placeholders_skip_string_literals():
    text, order, arrays = translate("SELECT '?' AS q, x FROM t WHERE a = ? AND b = ?")
    assert text == "SELECT '?' AS q, x FROM t WHERE a = :p1 AND b = :p2" and order == (1, 2) and not arrays


def test_order_by_keeps_sqlite_null_placement():
    assert sql("SELECT a FROM t ORDER BY a, b DESC LIMIT 3") == \
        "SELECT a FROM t ORDER BY a NULLS FIRST, b DESC NULLS LAST LIMIT 3"
    assert sql("SELECT ROW_NUMBER() OVER (PARTITION BY g ORDER BY d) FROM t") == \
        "SELECT ROW_NUMBER() OVER (PARTITION BY g ORDER BY d NULLS FIRST ) FROM t"


def test_sqlite_idioms():
    assert sql("INSERT OR IGNORE INTO t (a) VALUES (?)") == "INSERT INTO t (a) VALUES (:p1) ON CONFLICT DO NOTHING"
    text, _, arrays = translate("SELECT id FROM t WHERE id IN (SELECT value FROM json_each(?))")
    assert text == "SELECT id FROM t WHERE id = ANY(:p1)" and arrays == ("p1",)
    assert sql("SELECT max(1, a - 1), MAX(b) FROM t") == "SELECT GREATEST(1, a - 1), MAX(b) FROM t"
    assert sql("SELECT 1 FROM t WHERE name GLOB '*[^ -~]*'") == "SELECT 1 FROM t WHERE name ~ '[^ -~]'"
    assert sql("SELECT json_extract(view, '$.date') FROM t") == "SELECT (view::json ->> 'date') FROM t"
    assert sql("SELECT 1 FROM t WHERE a IS NOT (SELECT b FROM u)") == \
        "SELECT 1 FROM t WHERE a IS DISTINCT FROM (SELECT b FROM u)"
    assert sql("SELECT * FROM articles a INDEXED BY articles_order WHERE x = ? LIMIT ?") == \
        "SELECT * FROM articles a WHERE x = :p1 LIMIT NULLIF(:p2, -1)"
    assert sql("SELECT * FROM e WHERE name = ? COLLATE NOCASE") == "SELECT * FROM e WHERE lower(name) = lower(:p1)"


def test_string_literals_are_left_alone():
    assert sql("SELECT 1 FROM t WHERE a = 'this is it' AND b IS NOT ?") == \
        "SELECT 1 FROM t WHERE a = 'this is it' AND b IS DISTINCT FROM :p1"
    assert sql("SELECT 'instr(' || x FROM t -- is ? here\nWHERE y = ?") == "SELECT 'instr(' || x FROM t WHERE y = :p1"


def test_missing_driver_names_the_install_command(monkeypatch):
    from chronicle.store.db import connect

    monkeypatch.setitem(sys.modules, "pg8000", None)
    monkeypatch.setitem(sys.modules, "pg8000.native", None)
    with pytest.raises(StoreError) as err:
        connect("postgresql://nobody@127.0.0.1:1/none")
    assert err.value.code == "STO008" and "pip install 'chronicle-news[postgres]'" in str(err.value)


def test_other_url_schemes_are_refused():
    from chronicle.store.db import connect

    with pytest.raises(StoreError) as err:
        connect("mysql://u@h/db")
    assert err.value.code == "STO002"
