"""Migration 0011: event headline candidates are stored, and an older store gains the column."""
from __future__ import annotations

import sqlite3

import chronicle
from chronicle.store.db import migrate


def test_headlines_are_stored_with_their_events(any_store, demo_dir, pipeline):
    store = any_store
    store._pipeline = pipeline
    store.ingest([demo_dir / "05-lbc-prisoner-exchange.txt"], manifest=demo_dir / "manifest.csv", jobs=1)
    rows = store.store.query("SELECT text, headline FROM events WHERE trigger = 'exchanged'")
    assert [r[1] for r in rows if "150 prisoners" in r[0]] == [
        "Valdoria and Kestrania exchange 150 prisoners at Dorn Bridge"]


def test_an_older_store_gains_the_column(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    conn.isolation_level = None
    conn.execute("PRAGMA user_version = 0")
    from chronicle.store.db import migrations

    for number, _, sql in migrations():  # build the store as Chronicle 0.1 left it: schema 6
        if number <= 6:
            from chronicle.store.db import _statements

            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
    assert "headline" not in {r[1] for r in conn.execute("PRAGMA table_info(events)")}
    migrate(conn)
    assert "headline" in {r[1] for r in conn.execute("PRAGMA table_info(events)")}
    conn.close()
    with chronicle.open(path) as api:
        assert api.timeline() == []
