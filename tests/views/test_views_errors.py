"""SQL mistakes in the readings surface as errors, never as empty results (issue 12).

Each reading below used to catch ``sqlite3.OperationalError`` and answer ``{}`` or ``[]``,
so a typo in a query, or a damaged store, looked like a story with no actors or quotes.
Every store is migrated when opened, so the tables and indexes they read always exist; a
missing one here stands for any SQL failure, and it must reach the caller.
"""
from __future__ import annotations

import sqlite3

import pytest

from chronicle.dates import DateValue
from chronicle.views.changes import changes_summary
from chronicle.views.quotes import quotes_view, raw_speakers, speaker_map


@pytest.fixture
def conn(store):
    return store.store.conn


def test_a_healthy_empty_store_reads_as_empty(conn):
    assert speaker_map(conn) == {}
    assert raw_speakers(conn, "Ana Ruiz") == []
    assert quotes_view(conn) == []
    assert changes_summary(conn, DateValue.parse("2025-03-18"))["new_actors"] == {"total": 0, "rows": []}


@pytest.mark.parametrize("read", [
    lambda c: speaker_map(c),
    lambda c: speaker_map(c, ["Ana Ruiz"]),
    lambda c: raw_speakers(c, "Ana Ruiz"),
    lambda c: changes_summary(c, DateValue.parse("2025-03-18")),
], ids=["speaker_map", "speaker_map-names", "raw_speakers", "changes-new_actors"])
def test_a_failing_entities_query_is_not_swallowed(conn, read):
    conn.execute("DROP TABLE entity_roles")
    conn.execute("DROP TABLE entity_aliases")
    conn.execute("UPDATE mentions SET entity_id = NULL")
    conn.execute("DROP TABLE entities")
    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        read(conn)


def test_a_failing_quote_order_query_is_not_swallowed(conn):
    conn.execute("DROP INDEX quotes_place")
    with pytest.raises(sqlite3.OperationalError, match="no such index"):
        quotes_view(conn)
