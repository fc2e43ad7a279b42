"""Whole-store answers too large to keep in memory, kept as files until the store changes (issue 18).

On the full Timeline17 store the whole timeline, every claim and the changes since an early date are
larger than ``cache.MAX_DOCUMENT``; they were built anew for every request. Here the threshold is
a few hundred bytes, so the demo corpus's documents are "large", and every answer must still be
byte for byte the first one and the CLI's ``--json``.
"""
from __future__ import annotations

import asyncio
import importlib
import json
import os
import shutil
import threading
import time
from collections import Counter

import pytest

pytest.importorskip("starlette")
import httpx  # noqa: E402
from click.testing import CliRunner  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from chronicle.api import Chronicle  # noqa: E402
from chronicle.cli.main import COMMAND_MODULES, cli  # noqa: E402
from chronicle.web import create_app  # noqa: E402
from webstory import ARTICLES, write_corpus  # noqa: E402

SMALL = 300  # bytes: every whole-store document of the demo corpus is larger

BIG = [  # path, the CLI command that prints the same document
    ("/api/timeline", ["timeline", "--json"]),
    ("/api/claims", ["claims", "--json"]),
    ("/api/positions", ["positions", "--json"]),
    ("/api/changes?since=2025-03-01", ["changes", "--since", "2025-03-01", "--json"]),
    ("/api/articles", ["articles", "--json"]),
]


class Counting(Chronicle):
    """A Chronicle whose readers (one per connection) count the whole-store readings they begin."""

    def __init__(self, *args, counts: Counter | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.counts = counts if counts is not None else Counter()

    def reader(self):
        return Counting(self.path, read_only=True, counts=self.counts)

    def timeline_json(self, *args, **kwargs):
        self.counts["timeline"] += 1
        return super().timeline_json(*args, **kwargs)

    def claims(self, *args, **kwargs):
        self.counts["claims"] += 1
        return super().claims(*args, **kwargs)

    def iter_claims(self, *args, **kwargs):
        self.counts["claims"] += 1
        return super().iter_claims(*args, **kwargs)

    def search(self, *args, **kwargs):
        self.counts["search"] += 1
        return super().search(*args, **kwargs)

    def positions(self, *args, **kwargs):
        self.counts["positions"] += 1
        return super().positions(*args, **kwargs)

    def iter_positions(self, *args, **kwargs):
        self.counts["positions"] += 1
        return super().iter_positions(*args, **kwargs)

    def changes_json(self, *args, **kwargs):
        self.counts["changes"] += 1
        return super().changes_json(*args, **kwargs)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, pipeline, demo_dir):
    folder = tmp_path_factory.mktemp("web-spill")
    with Chronicle(folder / "story.db") as api:
        api._pipeline = pipeline
        api.ingest([demo_dir], manifest=demo_dir / "manifest.csv", jobs=1)
    return folder / "story.db"


@pytest.fixture
def db(demo_db, tmp_path):
    """A copy of the demo store of this test's own (some tests ingest into it)."""
    copy = tmp_path / "story.db"
    shutil.copy(demo_db, copy)
    return copy


@pytest.fixture
def api(db):
    store = Counting(db)
    yield store
    store.close()


@pytest.fixture(autouse=True)
def small(monkeypatch):
    """Apps made in these tests keep no answer over SMALL bytes in memory."""
    import chronicle.web.cache as cache

    monkeypatch.setattr(cache, "MAX_DOCUMENT", SMALL)


def small_app(api, **kwargs):
    return create_app(api, **kwargs)


def cli_bytes(db, *args) -> bytes:
    for name in COMMAND_MODULES:
        importlib.import_module(name)
    result = CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def kept_files(app, suffix: str = ".answer") -> list[str]:
    """The answers kept as files (``.gz``: their gzip twins)."""
    folder = app.state.access.cache.spill.folder
    return sorted(f for f in os.listdir(folder) if f.endswith(suffix)) if folder else []


def plain_client(app) -> TestClient:
    """A client that asks for answers as they are (no gzip), to compare bytes sent."""
    return TestClient(app, headers={"Accept-Encoding": "identity"})


@pytest.mark.parametrize("path, command", BIG)
def test_a_large_answer_is_built_once_and_sent_again_byte_for_byte(api, db, path, command):
    app = small_app(api)
    client = plain_client(app)
    first = client.get(path)
    assert first.status_code == 200 and len(first.content) > SMALL
    built = Counter(api.counts)
    again = [client.get(path) for _ in range(3)]
    assert api.counts == built  # read once, whatever the reading
    assert all(r.status_code == 200 and r.content == first.content for r in again)
    assert len(kept_files(app)) == 1  # written while it was sent, not held in memory
    assert again[0].headers["content-length"] == str(len(first.content))
    assert first.json() == json.loads(cli_bytes(db, *command))


def test_a_large_page_is_kept_as_a_file_too(api):
    app = small_app(api)
    client = TestClient(app)
    first = client.get("/numbers")
    misses = app.state.api.misses
    assert client.get("/numbers").text == first.text and "<html" in first.text
    assert app.state.api.misses == misses and len(kept_files(app)) == 1


def test_clients_arriving_together_at_a_cold_large_answer_build_it_once(api):
    # one event loop, as under uvicorn: 20 requests in flight at once, one of them builds
    app = small_app(api)

    async def ask_all():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            return await asyncio.gather(*(client.get("/api/claims") for _ in range(20)))

    replies = asyncio.run(ask_all())
    assert {r.status_code for r in replies} == {200}
    assert len({r.content for r in replies}) == 1 and len(replies[0].content) > SMALL
    assert api.counts["claims"] == 1


def test_a_change_of_the_store_drops_the_kept_files(api, db, pipeline, tmp_path):
    app = small_app(api)
    client = TestClient(app)
    before = {path: client.get(path).content for path in ("/api/timeline", "/api/articles")}
    files = kept_files(app)
    assert len(files) == 2
    with Chronicle(db) as other:  # another process ingests: the store's version moves
        other._pipeline = pipeline
        other.ingest([write_corpus(tmp_path / "more", ARTICLES[:1])], jobs=1)
    articles = client.get("/api/articles")
    assert articles.content != before["/api/articles"]
    assert articles.content == client.get("/api/articles").content
    assert articles.json() == json.loads(cli_bytes(db, "articles", "--json"))
    assert ARTICLES[0]["title"] in [a["title"] for a in articles.json()]
    built = api.counts["timeline"]
    timeline = client.get("/api/timeline")
    assert api.counts["timeline"] == built + 1  # read again for the new store, then kept again
    assert client.get("/api/timeline").content == timeline.content and api.counts["timeline"] == built + 1
    assert timeline.json() == json.loads(cli_bytes(db, "timeline", "--json"))
    assert len(kept_files(app)) == 2 and not set(files) & set(kept_files(app))  # the old store's are gone


def test_the_disk_budget_drops_the_least_recently_used_answer(api, monkeypatch):
    from chronicle.web import cache

    monkeypatch.setattr(cache, "GZIP_MIN", 1 << 40)  # no gzip twins: the budget holds the answers alone
    readings = {"/api/timeline": "timeline", "/api/claims": "claims", "/api/changes?since=2025-03-01": "changes"}
    sizes = {path: len(TestClient(small_app(api)).get(path).content) for path in readings}
    smallest, *larger = sorted(readings, key=sizes.get)
    app = small_app(api)
    spill = app.state.access.cache.spill
    spill.limit = sum(sizes[path] for path in larger)  # room for the two larger ones, not three
    client = TestClient(app)
    a, b = larger
    first = {path: client.get(path).content for path in (a, b, a)}  # a used last: b is the older
    built = Counter(api.counts)
    assert client.get(smallest).status_code == 200  # kept: b goes, a stays
    on_disk = sum(os.path.getsize(os.path.join(spill.folder, f)) for f in kept_files(app))
    assert len(kept_files(app)) == 2 and on_disk <= spill.limit
    assert client.get(a).content == first[a] and api.counts[readings[a]] == built[readings[a]]
    assert client.get(b).content == first[b] and api.counts[readings[b]] == built[readings[b]] + 1


def test_an_answer_larger_than_the_whole_budget_is_sent_each_time_and_never_kept(api):
    app = small_app(api)
    app.state.access.cache.spill.limit = SMALL * 2
    client = TestClient(app)
    first = client.get("/api/timeline")
    assert len(first.content) > SMALL * 2
    assert client.get("/api/timeline").content == first.content
    assert api.counts["timeline"] == 2 and kept_files(app) == []


def test_the_folder_is_removed_at_shutdown(api):
    app = small_app(api)
    with TestClient(app) as client:
        assert client.get("/api/timeline").status_code == 200
        folder = app.state.access.cache.spill.folder
        assert folder and os.listdir(folder)
    assert not os.path.exists(folder)


def test_warm_keeps_the_large_documents_for_the_first_visitors(api):
    from chronicle.web.app import warm

    app = small_app(api)
    assert warm(app) == []
    built = Counter(api.counts)
    assert built["timeline"] >= 1 and built["claims"] >= 1
    client = TestClient(app)
    for path in ("/api/timeline", "/api/claims"):
        assert client.get(path).status_code == 200
    assert api.counts == built


def test_claims_about_each_word_are_filtered_from_one_reading_of_every_claim(api, db):
    # issue 18: each word read every claim and cut its sentence again (1.5-2 s on the full Timeline17 store)
    client = TestClient(small_app(api))
    every = client.get("/api/claims").json()
    words = sorted({w for c in every for w in (c["counts"] or "").split()})[:3] + ["POLICE", "nothing-like-it"]
    assert len(words) == 5
    for word in words:
        got = client.get("/api/claims", params={"about": word})
        assert got.status_code == 200
        assert got.json() == json.loads(cli_bytes(db, "claims", "--about", word, "--json"))
        assert (0 < len(got.json()) <= len(every)) == (word in words[:3])
    disputed = client.get("/api/claims", params={"about": words[0], "disputed": "1"})
    assert disputed.json() == json.loads(cli_bytes(db, "claims", "--about", words[0], "--disputed", "--json"))
    # the whole document, read lazily so its first bytes leave at once (issue 17); then every claim and
    # every disputed one, once each, for all five words
    assert api.counts["claims"] == 3


def test_positions_of_each_actor_are_filtered_from_one_reading_of_every_position(api, db):
    client = TestClient(small_app(api))
    every = client.get("/api/positions").json()
    actors = sorted({p["actor"] for p in every})[:3]
    texts = sorted({p["actor_text"] for p in every if p["actor_text"] and p["actor_text"] != p["actor"]})[:1]
    assert actors
    for actor in actors + [a.upper() for a in actors[:1]] + texts + ["Nobody at all"]:
        got = client.get("/api/positions", params={"actor": actor})
        assert got.status_code == 200
        assert got.json() == json.loads(cli_bytes(db, "positions", "--actor", actor, "--json"))
        assert (0 < len(got.json()) < len(every)) == (actor != "Nobody at all")
        assert client.get("/positions.json", params={"actor": actor}).json()["total"] == len(got.json())
    # the whole document, read lazily (its first bytes at once); every position once more, each actor filtered from it
    assert api.counts["positions"] == 2


def test_one_word_is_searched_once_for_the_search_page_its_twin_and_the_articles_page(api):
    # issue 18: each of them ran the same full-text search (0.1-0.2 s on the full Timeline17 store)
    client = TestClient(small_app(api))
    word = client.get("/api/articles").json()[0]["title"].split()[0]
    pages = [client.get(path, params={"q": word}) for path in ("/search", "/search.json", "/articles", "/articles.json")]
    assert all(p.status_code == 200 for p in pages) and pages[1].json()["articles"]
    assert pages[3].json()["hits"] == pages[1].json()["articles"]
    assert api.counts["search"] == 1


class Gated(Counting):
    """A Counting store whose claims reading, once begun, waits for ``gate`` (a slow cold build)."""

    gate = threading.Event()

    def reader(self):
        return Gated(self.path, read_only=True, counts=self.counts)

    def claims(self, *args, **kwargs):
        rows = super().claims(*args, **kwargs)
        assert self.gate.wait(10)
        return rows

    def iter_claims(self, *args, **kwargs):
        rows = super().iter_claims(*args, **kwargs)
        assert self.gate.wait(10)
        return rows


def test_a_visitor_arriving_while_the_warm_up_builds_an_answer_waits_for_it(db):
    # the warm-up runs on an event loop of its own, in a thread of its own (web.app.warm_before_serving);
    # a visitor asking for the answer it is building waits for that build instead of making a copy
    from chronicle.web.app import warm

    Gated.gate = threading.Event()
    api = Gated(db)
    try:
        app = small_app(api)
        warming = threading.Thread(target=warm, args=(app,), kwargs={"paths": ("/api/claims",)})
        warming.start()
        deadline = time.monotonic() + 10
        while api.counts["claims"] == 0 and time.monotonic() < deadline:  # the warm-up's build has begun
            time.sleep(0.01)
        assert api.counts["claims"] == 1

        async def visit():
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
                asked = asyncio.ensure_future(client.get("/api/claims"))
                await asyncio.sleep(0.5)  # the visitor is waiting (or, before, building its own copy)
                Gated.gate.set()
                return await asked

        reply = asyncio.run(visit())
        warming.join(10)
        assert reply.status_code == 200 and len(reply.content) > SMALL
        assert api.counts["claims"] == 1  # read once, by the warm-up
        assert reply.content == TestClient(app).get("/api/claims").content and api.counts["claims"] == 1
        assert reply.json() == json.loads(cli_bytes(db, "claims", "--json"))
    finally:
        Gated.gate.set()
        api.close()


def test_a_kept_answer_is_sent_while_every_worker_thread_builds(db):
    # issue 18: every request, kept answers too, waited for a worker thread (a few: web.access.THREADS)
    # behind the cold builds, seconds at 50 clients; a kept answer is now found in the event loop
    import anyio.to_thread

    Gated.gate = threading.Event()
    api = Gated(db)
    app = small_app(api)

    async def visit():
        anyio.to_thread.current_default_thread_limiter().total_tokens = 1  # as lifespan sets it, fewer
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            first = await client.get("/api/timeline")
            building = asyncio.ensure_future(client.get("/api/claims"))  # holds the one worker thread
            while api.counts["claims"] == 0:
                await asyncio.sleep(0.01)
            try:
                again = await asyncio.wait_for(client.get("/api/timeline"), 5)
                assert not building.done()
            finally:
                Gated.gate.set()
            return first, again, await building

    try:
        first, again, claims = asyncio.run(visit())
        assert again.status_code == 200 and again.content == first.content and len(first.content) > SMALL
        assert claims.status_code == 200 and api.counts["timeline"] == 1
    finally:
        Gated.gate.set()
        api.close()


def test_a_small_streamed_answer_is_read_kept_and_sent_in_one_worker_thread_turn(api, monkeypatch):
    # each turn waits for a worker thread behind every other request's (issue 18)
    import chronicle.web.answers as answers

    client = TestClient(small_app(api))
    assert client.get("/stories").status_code == 200  # the store's version is read once (its probe opened)
    turns = []
    real = answers.run_in_threadpool

    async def counting(fn, *args, **kwargs):
        turns.append(fn)
        return await real(fn, *args, **kwargs)

    monkeypatch.setattr(answers, "run_in_threadpool", counting)
    first = client.get("/api/quotes?limit=3")
    assert first.status_code == 200 and len(first.json()) == 3
    assert len(turns) == 1
    assert client.get("/api/quotes?limit=3").content == first.content and len(turns) == 1  # kept: no turn


def test_a_flight_wakes_waiters_on_other_event_loops_from_any_thread():
    from chronicle.web.flights import Flights

    flights = Flights()
    flight, mine = flights.join("k", "builder")
    assert mine and flights.join("k", "other") == (flight, False)
    woke = []

    def wait_in_own_loop():
        woke.append(asyncio.run(flight.wait(10)))

    waiters = [threading.Thread(target=wait_in_own_loop) for _ in range(3)]
    for t in waiters:
        t.start()
    time.sleep(0.2)
    threading.Thread(target=flights.land, args=("k", flight)).start()  # landed from yet another thread
    for t in waiters:
        t.join(5)
    assert woke == [True, True, True] and flights.get("k") is None
    assert asyncio.run(flight.wait(0.01))  # landed: no wait
    assert not asyncio.run(flights.join("j", "b")[0].wait(0.05))  # not landed: the timeout says so


def test_spill_keeps_files_under_its_limit_and_reads_an_evicted_one_whole():
    from chronicle.web.spill import Spill

    spill = Spill(limit=10)
    first = spill.spool()
    assert first.write(b"12345") and first.write(b"678")
    spill.keep(("a", ""), first, None)
    opened, _ = spill.open(("a", ""))
    second = spill.spool()
    assert second.write(b"abcdef")  # no room beside "a": "a" goes, its open reader still reads it whole
    assert ("a", "") not in spill and opened.file.read() == b"12345678" and opened.size == 8
    opened.file.close()
    assert not second.write(b"too much")  # over the limit alone: given up, its file removed
    assert second.file is None and os.listdir(spill.folder) == []
    third = spill.spool()
    third.write(b"xyz")
    third.discard()  # a client left halfway
    assert os.listdir(spill.folder) == [] and spill._bytes == 0
    folder = spill.folder
    spill.close()
    assert not os.path.exists(folder) and spill.spool() is None


def test_chronicle_serve_sends_a_kept_file_by_sendfile_byte_for_byte(api, monkeypatch):
    """`chronicle serve`'s uvicorn protocol (chronicle.web.sendfile) sends an answer kept as a file
    with the kernel's sendfile, not a megabyte at a time through the event loop (issue 18): same
    bytes and headers as the first answer, HEAD sends none, and a client that leaves midway
    leaves the server answering the next."""
    import http.client
    import socket

    import uvicorn

    from chronicle.cli.serve import _http_protocol

    sent: list[int] = []
    real = asyncio.BaseEventLoop.sendfile

    async def counting(self, transport, file, offset=0, count=None, *, fallback=True):
        sent.append(count)
        return await real(self, transport, file, offset, count, fallback=fallback)

    monkeypatch.setattr(asyncio.BaseEventLoop, "sendfile", counting)
    app = small_app(api)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", http=_http_protocol()))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        conn = http.client.HTTPConnection("127.0.0.1", sock.getsockname()[1], timeout=30)

        def get(path, method="GET"):
            conn.request(method, path)
            reply = conn.getresponse()
            return reply.status, dict(reply.getheaders()), reply.read()

        for path in ("/api/timeline", "/api/claims", "/numbers"):
            status, headers, first = get(path)
            assert status == 200 and len(first) > SMALL and not sent  # built and sent as read
            for _ in range(2):  # kept as a file: sent by sendfile, on the same keep-alive connection
                again_status, again_headers, again = get(path)
                assert (again_status, again) == (status, first) and sent == [len(first)]
                assert again_headers["content-length"] == str(len(first))
                assert again_headers["content-type"] == headers["content-type"]
                sent.clear()
            head_status, head_headers, head = get(path, "HEAD")
            assert head_status == 200 and head == b"" and head_headers["content-length"] == str(len(first))
            assert not sent
        leaver = socket.create_connection(("127.0.0.1", sock.getsockname()[1]))
        leaver.sendall(b"GET /api/timeline HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        leaver.recv(100)
        leaver.close()
        assert get("/api/timeline")[0] == 200
    finally:
        server.should_exit = True
        thread.join(timeout=20)


# ---- gzip twins: a kept answer is sent gzipped to a client that takes it --------------------------
def raw_get(client: TestClient, path: str, encoding: str) -> tuple[dict, bytes]:
    """Headers and the bytes on the wire (not decoded) of ``path`` asked with Accept-Encoding ``encoding``."""
    with client.stream("GET", path, headers={"Accept-Encoding": encoding}) as reply:
        assert reply.status_code == 200
        return dict(reply.headers), b"".join(reply.iter_raw())


@pytest.mark.parametrize("in_memory", [True, False], ids=["in-memory", "as-a-file"])
@pytest.mark.parametrize("path", ["/api/timeline", "/api/changes?since=2025-03-01", "/numbers"])
def test_a_kept_answer_goes_gzipped_to_a_client_that_takes_gzip(api, monkeypatch, path, in_memory):
    import gzip

    from chronicle.web import cache

    if in_memory:
        monkeypatch.setattr(cache, "MAX_DOCUMENT", 1 << 20)
    app = small_app(api)
    client = TestClient(app)
    _, plain = raw_get(client, path, "identity")  # built, sent, kept (with its twin)
    app.state.access.cache.settle()  # a file's twin is compressed in a thread of its own
    built = Counter(api.counts)
    headers, wire = raw_get(client, path, "gzip, deflate")
    assert headers.get("content-encoding") == "gzip" and headers.get("vary") == "Accept-Encoding"
    assert headers["content-length"] == str(len(wire)) and len(wire) < len(plain)
    assert gzip.decompress(wire) == plain  # the same answer, byte for byte once decoded
    assert api.counts == built  # not read again
    assert len(kept_files(app, ".gz")) == (0 if in_memory else 1)
    again_headers, again = raw_get(client, path, "identity")
    assert "content-encoding" not in again_headers and again == plain
    refused_headers, refused = raw_get(client, path, "gzip;q=0, identity")
    assert "content-encoding" not in refused_headers and refused == plain


@pytest.mark.parametrize("path", ["/api/timeline", "/api/changes?since=2025-03-01"])
def test_a_file_answer_is_kept_with_its_twin_at_once(api, monkeypatch, path):
    """The twin of an answer written to a file is compressed as the answer is written, and kept with
    it: the next gzip client is sent the twin without any thread compressing the file afterwards
    (under load that took seconds, and every request in between was sent the answer whole)."""
    import gzip

    from chronicle.web import cache

    started = []
    monkeypatch.setattr(cache.CachedReadings, "_pack", lambda self, *a: started.append(a))  # no afterwards
    app = small_app(api)
    client = TestClient(app)
    _, plain = raw_get(client, path, "identity")
    assert len(kept_files(app)) == 1 and len(kept_files(app, ".gz")) == 1 and not started
    headers, wire = raw_get(client, path, "gzip")
    assert headers.get("content-encoding") == "gzip" and len(wire) < len(plain)
    assert gzip.decompress(wire) == plain


def test_a_twin_is_not_kept_when_the_store_changed_while_it_was_written(api, monkeypatch):
    from chronicle.web import cache

    app = small_app(api)
    readings = app.state.access.cache
    real = readings.keep_document

    def changed(*args, **kwargs):  # the store moves on between writing the answer and keeping it
        monkeypatch.setattr(readings, "_probe", lambda: object())
        return real(*args, **kwargs)

    monkeypatch.setattr(readings, "keep_document", changed)
    client = TestClient(app)
    assert client.get("/api/timeline", headers={"Accept-Encoding": "identity"}).status_code == 200
    assert kept_files(app) == [] and kept_files(app, ".gz") == []  # neither file left behind
    assert readings.spill._bytes == 0


def test_a_gzip_twin_goes_with_its_answer_when_the_store_changes(api, db, pipeline, tmp_path):
    import gzip

    app = small_app(api)
    client = TestClient(app)
    raw_get(client, "/api/articles", "identity")
    app.state.access.cache.settle()
    _, before = raw_get(client, "/api/articles", "gzip")
    with Chronicle(db) as other:  # another process ingests: the store's version moves
        other._pipeline = pipeline
        other.ingest([write_corpus(tmp_path / "more", ARTICLES[:1])], jobs=1)
    raw_get(client, "/api/articles", "identity")
    app.state.access.cache.settle()
    headers, after = raw_get(client, "/api/articles", "gzip")
    assert headers.get("content-encoding") == "gzip"
    assert ARTICLES[0]["title"] in [a["title"] for a in json.loads(gzip.decompress(after))]
    assert json.loads(gzip.decompress(after)) == json.loads(cli_bytes(db, "articles", "--json"))
    assert len(kept_files(app, ".gz")) == 1  # the old store's twin is gone


@pytest.mark.parametrize("header, takes", [
    (None, False), ("", False), ("identity", False), ("gzip", True), ("GZip", True), ("deflate, gzip", True),
    ("gzip;q=0", False), ("gzip; q=0.5", True), ("*", True), ("br", False), ("gzip;q=x", False),
])
def test_accept_encoding_is_read_as_http_says(header, takes):
    from chronicle.web.cache import accepts_gzip

    assert accepts_gzip(header) is takes
