"""Concurrent requests (issue 18): readings on connections of their own, not queued behind one lock."""
from __future__ import annotations

import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

from chronicle.api import Chronicle  # noqa: E402
from chronicle.web import create_app  # noqa: E402
from chronicle.web.cache import CachedReadings  # noqa: E402
from webstory import ARTICLES, write_corpus  # noqa: E402


class Gated(Chronicle):
    """A Chronicle whose ``articles`` reading notes its connection and waits at the gate, when
    one is set: its readers (one per connection) share the gate and the notes."""

    def __init__(self, *args, shared: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.shared = shared if shared is not None else {"gate": None, "seen": []}

    def reader(self):
        return Gated(self.path, read_only=True, shared=self.shared)

    def articles(self, ids=None):
        self.shared["seen"].append(self.store.conn)
        if self.shared["gate"] is not None:
            self.shared["gate"].wait(timeout=10)  # both requests must be inside a reading at once to pass
        return super().articles(ids)


@pytest.fixture
def gated(tmp_path):
    api = Gated(tmp_path / "story.db")
    api.ingest([write_corpus(tmp_path / "in")], analyze=False, progress=False)
    yield api
    api.close()


def test_two_readings_run_at_once_on_their_own_connections_during_a_write(gated):
    app = create_app(gated, cache=False)
    with TestClient(app) as client:
        expected = client.get("/api/articles")
        assert expected.status_code == 200 and len(expected.json()) == len(ARTICLES)
        # another process is writing: under WAL, readers neither wait for it nor see its rows
        writer = sqlite3.connect(gated.path, isolation_level=None)
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE articles SET title = 'half-written'")
        gated.shared["gate"] = threading.Barrier(2)
        gated.shared["seen"].clear()
        try:
            with ThreadPoolExecutor(2) as pool:
                replies = list(pool.map(lambda _: client.get("/api/articles"), range(2)))
        finally:
            writer.execute("ROLLBACK")
            writer.close()
        assert [r.status_code for r in replies] == [200, 200]
        assert all(r.content == expected.content for r in replies)  # byte for byte, the write unseen
        first, second = gated.shared["seen"]
        assert first is not second and gated.store.conn not in (first, second)
        readers = list(app.state.access._opened)
    for reader in readers:  # the app's shutdown closed its readers; the writer stays open
        with pytest.raises(sqlite3.ProgrammingError):
            reader.store.conn.execute("SELECT 1")
    assert gated.store.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == len(ARTICLES)


def test_a_reader_cannot_write(gated):
    reader = gated.reader()
    try:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            reader.store.conn.execute("UPDATE articles SET title = 'x'")
    finally:
        reader.close()


def test_a_cold_reading_asked_twice_at_once_is_computed_once():
    calls, started, release = [], threading.Event(), threading.Event()

    class Slow:
        def data_version(self):
            return 1

        def digest(self, since):
            calls.append(since)
            started.set()
            release.wait(timeout=10)
            return {"since": since}

    cache = CachedReadings(Slow())
    with ThreadPoolExecutor(2) as pool:
        first = pool.submit(cache.bind(Slow()).digest, "2024-05-01")
        assert started.wait(timeout=10)
        second = pool.submit(cache.bind(Slow()).digest, "2024-05-01")
        time.sleep(0.3)  # the second asker is waiting for the first one's answer by now
        release.set()
        assert first.result(timeout=10) is second.result(timeout=10)
    assert calls == ["2024-05-01"]
    assert cache.digest("2024-05-01") == {"since": "2024-05-01"} and calls == ["2024-05-01"]


def test_a_reading_of_a_store_that_changed_meanwhile_is_not_kept():
    version = [1]

    class Moving:
        def data_version(self):
            return version[0]

        def network(self):
            version[0] += 1  # another process commits while this reading runs
            return [version[0]]

    cache = CachedReadings(Moving())
    assert cache.network() == [2]
    assert cache.network() == [3]  # read again: the first answer may hold the older store's rows
    assert cache.misses == 2 and cache.hits == 0
