"""Typed event dates in the store (migration 0008): each event row keeps the days its date covers
and its granularity, written from the DateValue, and filled in for a store made before 0008."""
from __future__ import annotations

import sqlite3

from chronicle.dates import DateValue
from chronicle.store import Store
from chronicle.store.db import _statements, migrations


def _expected(value: str) -> tuple[str, str, str]:
    d = DateValue.parse(value)
    return d.start.isoformat(), d.end.isoformat(), d.granularity.value


def test_ingested_events_keep_their_ranges(any_store, ukraine):
    store = any_store
    store.ingest([str(ukraine)], manifest=str(ukraine / "manifest.csv"))
    rows = store.store.query("SELECT date, range_start, range_end, granularity FROM events")
    dated = [r for r in rows if r["date"] is not None]
    assert dated and len({r["granularity"] for r in dated}) >= 1
    for r in rows:
        if r["date"] is None:
            assert (r["range_start"], r["range_end"], r["granularity"]) == (None, None, None)
        else:
            assert (r["range_start"], r["range_end"], r["granularity"]) == _expected(r["date"])


def _old_store(path) -> None:
    """A store at schema 6 (before 0008) holding events dated by a timex, by publication, and by neither."""
    conn = sqlite3.connect(path, isolation_level=None)
    for number, _, sql in migrations():
        if number > 6:
            break
        for statement in _statements(sql):
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {number}")
    conn.execute("INSERT INTO articles (id, text, published, published_start, published_end, published_source, words, "
                 "seq, ingested_at) VALUES ('a', 'x', '2025-03-19', '2025-03-19', '2025-03-19', 'manifest', 1, 1, 'now')")
    conn.execute("INSERT INTO timexes (article_id, idx, start_char, end_char, text, type, value, range_start, range_end, "
                 "granularity, explain, stage) VALUES ('a', 0, 0, 1, 'x', 'DATE', '2025-W11', '2025-03-10', "
                 "'2025-03-16', 'week', '', 't')")
    for idx, date in enumerate(["2025-W11", "2025-03-19", "2025-03-18", "2025-02", "2024", "2025-03-18T14:00",
                                "2025-W12", None]):
        conn.execute("INSERT INTO events (article_id, idx, start_char, end_char, text, type, date, modality, stage) "
                     "VALUES ('a', ?, 0, 1, 'x', 'call', ?, 'asserted', 't')", (idx, date))
    conn.close()


def test_migration_fills_the_ranges_of_an_older_store(tmp_path):
    path = tmp_path / "old.db"
    _old_store(path)
    store = Store(path)
    try:
        assert store.schema_version >= 8
        got = {r["date"]: (r["range_start"], r["range_end"], r["granularity"])
               for r in store.query("SELECT date, range_start, range_end, granularity FROM events")}
    finally:
        store.close()
    for value in ("2025-W11", "2025-03-19", "2025-03-18", "2025-02", "2024", "2025-03-18T14:00"):
        assert got[value] == _expected(value), value
    # a week that no time expression of the article spells: left for a reanalysis to fill
    assert got["2025-W12"] == (None, None, None)
    assert got[None] == (None, None, None)
