"""``chronicle serve`` on a taken port says so before announcing anything, and exits 2."""
from __future__ import annotations

import re
import socket

import pytest

import chronicle
from chronicle.cli import main

pytest.importorskip("uvicorn")
pytest.importorskip("starlette")


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "s.db"
    chronicle.open(path).close()
    return str(path)


def test_a_taken_port_is_a_usage_error(store, capsys):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = main(["--db", store, "serve", "--host", "127.0.0.1", "--port", str(port)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert f"port {port}" in err and "taken" in err and "--port N" in err
    assert "serving" not in err


def test_a_free_port_is_announced_and_served(store, capsys, monkeypatch):
    import uvicorn

    served = []
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets=None: served.append(sockets))
    assert main(["--db", store, "serve", "--host", "127.0.0.1", "--port", "0"]) == 0
    (sockets,) = served
    bound = sockets[0].getsockname()[1]
    sockets[0].close()
    announced = re.search(r"http://127\.0\.0\.1:(\d+)/", capsys.readouterr().err)
    assert bound != 0 and announced and int(announced.group(1)) == bound


def test_ingest_takes_one_worker(store, capsys):
    code = main(["--db", store, "serve", "--port", "0", "--allow-ingest", "--token", "t", "--workers", "2"])
    assert code == 2 and "one worker" in capsys.readouterr().err


def test_several_workers_share_the_socket_and_open_the_store_themselves(store, capsys, monkeypatch):
    import json

    from uvicorn.supervisors import multiprocess

    from chronicle.web.app import SERVE_SETTINGS, app_from_environment

    started = []
    monkeypatch.setattr(multiprocess.Multiprocess, "run", lambda self: started.append(self))
    monkeypatch.delenv(SERVE_SETTINGS, raising=False)
    assert main(["--db", store, "serve", "--host", "127.0.0.1", "--port", "0", "--workers", "3"]) == 0
    (supervisor,) = started
    sock = supervisor.sockets[0]
    assert supervisor.config.workers == 3 and supervisor.config.factory
    assert "3 worker processes" in capsys.readouterr().err
    settings = json.loads(__import__("os").environ[SERVE_SETTINGS])
    assert settings["db"] == store and "127.0.0.1" in settings["allowed_hosts"] and settings["threads"] >= 2
    sock.close()
    from starlette.testclient import TestClient

    async def in_a_running_loop():  # uvicorn calls the factory from inside its event loop
        return app_from_environment()

    import asyncio

    app = asyncio.run(in_a_running_loop())  # what each worker process runs: the store opened read-side, no ingest
    client = TestClient(app, base_url="http://127.0.0.1")
    assert client.get("/api/articles").json() == []
    assert client.post("/api/articles", json={}).status_code in (403, 404, 405)
    assert client.get("/", headers={"host": "evil.example"}).status_code == 421
