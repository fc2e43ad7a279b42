"""The PostgreSQL store (issue 15 item 1): every reading gives the JSON SQLite gives, byte for byte.

These tests start a server of their own (the ``pg_server`` fixture, tests/conftest.py); without
PostgreSQL they skip with the reason, and fail in CI.
"""
from __future__ import annotations

import importlib
import json
import sqlite3

import pytest
from click.testing import CliRunner

from chronicle.cli.main import COMMAND_MODULES, cli

for _module in COMMAND_MODULES:  # the commands register themselves on import (chronicle.cli.main)
    importlib.import_module(_module)

READINGS = (["timeline", "--json"], ["quotes", "--json"], ["entities", "--json"], ["articles", "--json"],
            ["claims", "--json"], ["positions", "--json"], ["timeline", "--top", "5", "--json"],
            # the digest read from its index (views/digest_index.py), early and late in the pile
            ["changes", "--since", "2025-02-20", "--json"], ["changes", "--since", "2025-05-01", "--json"])


def _run(db: str, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--db", db, *args], catch_exceptions=False)
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    return result.stdout


@pytest.fixture(scope="module")
def demo_stores(pg_server, demo_dir, tmp_path_factory):
    """The demo corpus ingested into a SQLite store and a PostgreSQL one."""
    sqlite = str(tmp_path_factory.mktemp("pg") / "demo.db")
    pg = pg_server.create_db("demo")
    for db in (sqlite, pg):
        report = json.loads(_run(db, "ingest", str(demo_dir), "--manifest", str(demo_dir / "manifest.csv"), "--json"))
        assert report["added"] == 10 and not report["failed"]
    return sqlite, pg


@pytest.mark.parametrize("reading", READINGS, ids=lambda r: " ".join(r[:-1]) or r[0])
def test_demo_readings_identical(demo_stores, reading):
    sqlite, pg = demo_stores
    expected = _run(sqlite, *reading)
    assert json.loads(expected), "the demo gives a non-empty reading"
    assert _run(pg, *reading) == expected


def test_check_passes(demo_stores):
    _, pg = demo_stores
    result = CliRunner().invoke(cli, ["--db", pg, "check", "--json"])
    assert result.exit_code == 0, result.stdout
    checks = json.loads(result.stdout)
    assert {c["check"] for c in checks} >= {"half-analysed", "timeline-sentence-mismatch", "timeline-missing"}
    assert all(c["problems"] == 0 for c in checks)


def test_reingest_adds_nothing(demo_stores, demo_dir):
    _, pg = demo_stores
    report = json.loads(_run(pg, "ingest", str(demo_dir), "--manifest", str(demo_dir / "manifest.csv"), "--json"))
    assert report["added"] == 0 and report["unchanged"] == 10
    assert len(json.loads(_run(pg, "articles", "--json"))) == 10


def test_search_finds_the_same_articles(demo_stores):
    sqlite, pg = demo_stores
    ids = [{r["id"] for r in json.loads(_run(db, "search", "prisoner exchange", "--json"))} for db in demo_stores]
    assert ids[0] and ids[0] == ids[1]
    hit = json.loads(_run(pg, "search", "prisoner exchange", "--json"))[0]
    assert "[" in hit["snippet"] and hit["rank"] < 0  # the match marked; lower rank is better, as bm25


def test_quote_word_search_identical(demo_stores):
    """The quote search (FTS5 phrase with a prefix on SQLite, a tsquery on PostgreSQL)."""
    import chronicle
    from chronicle.views.quotes import quotes_view

    found = []
    for db in demo_stores:
        api = chronicle.open(db)
        try:
            found.append([(q["article"], q["start"]) for q in quotes_view(api.store.conn, words="exchange of pris")])
        finally:
            api.close()
    assert found[0] and found[0] == found[1]


def test_ingest_lock_is_seen_by_readers(pg_url):
    from chronicle.store.lock import ingest_lock, ingest_running

    assert not ingest_running(pg_url)
    with ingest_lock(pg_url):
        assert ingest_running(pg_url)
    assert not ingest_running(pg_url)


def test_executemany_runs_in_order_and_keeps_values(pg_url):
    """executemany sends its statements in batches with the values written in: each statement
    still sees the one before (as on SQLite), and quotes, backslashes and doubles come back intact."""
    from chronicle.store.db import connect

    conn = connect(pg_url)
    try:
        conn.execute("CREATE TABLE t (k TEXT COLLATE \"C\" PRIMARY KEY, v TEXT, x DOUBLE PRECISION)")
        conn.executemany("INSERT INTO t (k, v, x) VALUES (?, ?, ?)",
                         [("a", "it's", 0.1), ("b", "back\\slash", 1 / 3), ("c", None, -2.5e-300)])
        conn.executemany("UPDATE t SET v = ? WHERE v = ?", [("x", "it's"), ("y", "x")])  # a chain: it's -> x -> y
        rows = [tuple(r) for r in conn.execute("SELECT k, v, x FROM t ORDER BY k")]
    finally:
        conn.close()
    assert rows == [("a", "y", 0.1), ("b", "back\\slash", 1 / 3), ("c", None, -2.5e-300)]


def test_two_ingests_at_once_neither_lose_nor_double(pg_url, demo_stores, demo_dir):
    """Two processes ingest the demo into one new PostgreSQL store at the same moment: one migrates
    and ingests while the other waits (advisory locks), and the store ends as one ingest leaves it."""
    import os
    import subprocess
    import sys

    cmd = [sys.executable, "-m", "chronicle.cli", "--db", pg_url, "ingest", str(demo_dir),
           "--manifest", str(demo_dir / "manifest.csv"), "--json"]
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) for _ in range(2)]
    reports = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err.decode()
        reports.append(json.loads(out))
    assert sorted(r["added"] for r in reports) == [0, 10]
    sqlite, _ = demo_stores
    for reading in (["articles", "--json"], ["timeline", "--json"], ["quotes", "--json"]):
        assert _run(pg_url, *reading) == _run(sqlite, *reading)


WEB_PATHS = ("/api/timeline", "/api/quotes", "/api/entities", "/api/claims", "/api/positions", "/api/articles",
             "/api/stories", "/api/timeline?limit=5", "/.json", "/quotes.json", "/actors.json", "/")


def test_web_readings_on_connections_of_their_own(demo_stores):
    """`chronicle serve` over PostgreSQL (issue 18): concurrent requests read on read-only
    connections of their own (pg8000's are never shared between threads at once), and answer
    byte for byte what the app over the SQLite store answers."""
    from concurrent.futures import ThreadPoolExecutor

    pytest.importorskip("starlette")
    from starlette.testclient import TestClient

    import chronicle
    from chronicle.store.postgres import Connection
    from chronicle.web import create_app

    answers = []
    for db in demo_stores:
        with chronicle.open(db) as api:
            app = create_app(api)
            with TestClient(app, base_url="http://127.0.0.1") as client:
                with ThreadPoolExecutor(6) as pool:  # each path twice: built once, then kept
                    replies = list(pool.map(client.get, WEB_PATHS * 2))
                readers = list(app.state.access._opened)
            assert [r.status_code for r in replies] == [200] * len(replies)
            answers.append([r.content for r in replies])
            assert readers and api.store.conn not in {r.store.conn for r in readers}
            if db.startswith("postgresql://"):
                assert all(isinstance(r.store.conn, Connection) for r in readers)
                reader = api.reader()
                try:
                    with pytest.raises(sqlite3.OperationalError, match="read-only"):
                        reader.store.conn.execute("DELETE FROM articles")
                finally:
                    reader.close()
    assert answers[0] == answers[1]
