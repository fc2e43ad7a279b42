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
