"""Lanes of worker threads (issue 18): a kind of request whose builds took long reads in a lane of
its own, so cheap cold answers do not queue behind it (chronicle.web.lanes)."""
from __future__ import annotations

import asyncio
import threading
import time

import pytest

pytest.importorskip("starlette")
import httpx  # noqa: E402

from chronicle.api import Chronicle  # noqa: E402
from chronicle.web import create_app  # noqa: E402
from chronicle.web.lanes import HEAVY_THREADS, LOOKUP_THREADS, Lanes  # noqa: E402
from webstory import write_corpus  # noqa: E402


class GatedSearch(Chronicle):
    """A Chronicle whose searches note their query and wait at a shared gate (its readers share it)."""

    def __init__(self, *args, shared: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.shared = shared if shared is not None else {"gate": threading.Event(), "searched": []}

    def reader(self):
        return GatedSearch(self.path, read_only=True, shared=self.shared)

    def search(self, query, **kwargs):
        self.shared["searched"].append(query)
        self.shared["gate"].wait(timeout=20)
        return super().search(query, **kwargs)


@pytest.fixture
def gated(tmp_path):
    api = GatedSearch(tmp_path / "story.db")
    api.ingest([write_corpus(tmp_path / "in")], analyze=False, progress=False)
    yield api
    api.close()


def test_slow_kinds_read_in_a_lane_of_their_own_and_cheap_answers_pass_them(gated):
    app = create_app(gated)
    app.state.access.lanes.note(("/api/search", False, ("q",)), 10.0)  # searches built slowly before
    shared = gated.shared

    async def scenario():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            searches = [asyncio.create_task(client.get(f"/api/search?q={word}"))
                        for word in ("talks", "ceasefire", "minister")[:HEAVY_THREADS + 2]]
            for _ in range(200):  # the first search is in its reading, at the gate
                if shared["searched"]:
                    break
                await asyncio.sleep(0.01)
            cheap = await asyncio.wait_for(client.get("/api/stories"), 20)  # not queued behind the searches
            await asyncio.sleep(0.2)
            waiting = len(shared["searched"])  # the heavy lane's threads only: the rest wait for a turn
            shared["gate"].set()
            replies = await asyncio.gather(*searches)
            return cheap, waiting, replies

    cheap, waiting, replies = asyncio.run(scenario())
    assert cheap.status_code == 200
    assert waiting == HEAVY_THREADS
    assert [r.status_code for r in replies] == [200] * len(replies)
    assert len(shared["searched"]) == len(replies)


def test_a_kind_is_heavy_by_the_cpu_its_builds_took():
    lanes = Lanes(heavy_cpu=0.1)
    kind = ("/changes", True, ("since",))
    assert not lanes.heavy(kind)  # not seen yet: the usual threads
    lanes.note(kind, 0.5)
    assert lanes.heavy(kind)

    async def limiters():
        return lanes.of(kind).limiter(build=False), lanes.of(kind).limiter()

    lookup, heavy = asyncio.run(limiters())
    assert lookup is not heavy and lookup.total_tokens == LOOKUP_THREADS  # a look-up never waits for the lane
    for _ in range(3):
        lanes.note(kind, 0.0)
    assert not lanes.heavy(kind)  # cheap again (built from readings kept meanwhile)


def test_a_kind_not_known_yet_is_heavy_once_a_build_of_it_runs_long(monkeypatch):
    import chronicle.web.lanes as lanes_module

    monkeypatch.setattr(lanes_module, "HEAVY_WALL", 0.05)
    lanes = Lanes()
    kind = ("/api/changes", False, ("since",))
    inside, release = threading.Event(), threading.Event()

    def build():
        inside.set()
        release.wait(timeout=10)

    worker = threading.Thread(target=lanes.of(kind).timed(build))
    worker.start()
    assert inside.wait(timeout=10)
    assert not lanes.heavy(("/articles/{id}", False, ()))  # other kinds are not held up
    time.sleep(0.1)
    assert lanes.heavy(kind)  # the next requests of this kind queue in the heavy lane
    release.set()
    worker.join(timeout=10)
    assert not lanes.heavy(kind)  # it took no CPU waiting: not heavy by its cost


def test_a_kept_answer_is_sent_while_the_probe_is_busy_and_every_worker_thread_builds(gated):
    """Issue 18: a kept answer is looked up in the event loop when the store's version can be read
    there at once; when a worker thread held the probe at that moment, the look-up waited for a
    worker thread behind the cold builds (1-1.2 s on the full Timeline17 store at 50 clients)."""
    import anyio.to_thread

    app = create_app(gated)
    shared = gated.shared

    async def scenario():
        anyio.to_thread.current_default_thread_limiter().total_tokens = 1  # as lifespan sets it, fewer
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            first = await client.get("/api/stories")  # built and kept
            search = asyncio.create_task(client.get("/api/search?q=talks"))  # holds the one worker thread
            for _ in range(200):
                if shared["searched"]:
                    break
                await asyncio.sleep(0.01)
            probe = app.state.access._probe_lock
            assert probe.acquire(blocking=False)  # a worker thread reading the version, for a moment
            asyncio.get_running_loop().call_later(0.005, probe.release)
            try:
                kept = await asyncio.wait_for(client.get("/api/stories"), 5)  # not behind the search
            finally:
                shared["gate"].set()
            await search
            return first, kept

    first, kept = asyncio.run(scenario())
    assert kept.status_code == 200 and kept.content == first.content


def test_a_cheap_cold_answer_is_built_beside_slow_builds_of_kinds_not_known_yet(gated):
    """Issue 18: at 50 clients the first requests are all of kinds not known yet, so they share the
    usual worker threads; with one more than the cores, a cheap cold answer waited for the slow
    builds before it (seconds on the full Timeline17 store). The usual threads now outnumber them."""
    import os

    import anyio.to_thread

    from chronicle.web.access import THREADS

    app = create_app(gated)
    shared = gated.shared
    slow = min((os.cpu_count() or 1) + 2, 8)

    async def scenario():
        anyio.to_thread.current_default_thread_limiter().total_tokens = THREADS  # as lifespan sets it
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            searches = [asyncio.create_task(client.get(f"/api/search?q=word{i}")) for i in range(slow)]
            for _ in range(500):  # every search is in its reading, at the gate
                if len(shared["searched"]) == slow:
                    break
                await asyncio.sleep(0.01)
            try:
                cheap = await asyncio.wait_for(client.get("/api/stories"), 5)  # cold, of a kind not seen yet
            finally:
                shared["gate"].set()
            return cheap, await asyncio.gather(*searches)

    cheap, replies = asyncio.run(scenario())
    assert cheap.status_code == 200
    assert [r.status_code for r in replies] == [200] * slow
