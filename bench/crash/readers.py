"""Readers for the benches: a real ``chronicle serve`` on a free loopback port, and threads that
poll it or the CLI, counting every answer that is not a success."""
from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

from bench.crash import store as st


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``chronicle --db DB serve`` on 127.0.0.1, started and stopped by the bench."""

    def __init__(self, db: Path):
        self.port = free_port()
        self.proc = subprocess.Popen([sys.executable, "-m", "chronicle.cli", "--db", str(db), "serve",
                                      "--port", str(self.port)], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, text=True, env=st.ENV)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"chronicle serve ended: {self.proc.stderr.read()[-2000:]}")
            try:
                if get(self.port, "/api/openapi.json")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()  # not left running (with its worker processes) behind a failed bench
        raise SystemExit("chronicle serve did not answer within 120 s")

    def stop(self) -> str:
        self.proc.terminate()
        try:
            _, err = self.proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _, err = self.proc.communicate()
        return err or ""


def get(port: int, path: str, timeout: float = 60) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Accept": "application/json" if "/api/" in path else "text/html"})
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


class Poller:
    """Threads that read while ``running()`` holds: web paths over HTTP, or a CLI command."""

    def __init__(self):
        self.calls = Counter()
        self.errors: Counter[str] = Counter()
        self.examples: list[str] = []
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []

    def web(self, port: int, paths: list[str], running, clients: int = 4) -> None:
        for i in range(clients):
            self._start(self._web_loop, port, paths[i % len(paths):] + paths[:i % len(paths)], running)

    def cli(self, db: Path, args: list[str], running) -> None:
        self._start(self._cli_loop, db, args, running)

    def join(self) -> None:
        for t in self._threads:
            t.join()

    def _start(self, target, *args) -> None:
        t = threading.Thread(target=target, args=args, daemon=True)
        t.start()
        self._threads.append(t)

    def _note(self, kind: str, what: str, error: str | None) -> None:
        with self._lock:
            self.calls[kind] += 1
            if error:
                self.errors[f"{kind}: {error.splitlines()[0][:80]}"] += 1
                if len(self.examples) < 10:
                    self.examples.append(f"{what}: {error[:300]}")

    def _web_loop(self, port: int, paths: list[str], running) -> None:
        while running():
            for path in paths:
                try:
                    status, body = get(port, path)
                    error = None if status == 200 else f"HTTP {status} {body[:200].decode('utf-8', 'replace')}"
                    if status == 200 and path.startswith("/api/"):
                        json.loads(body)
                except Exception as exc:  # noqa: BLE001 - every failure is counted, none ends the bench
                    error = f"{type(exc).__name__}: {exc}"
                self._note("web", path, error)

    def _cli_loop(self, db: Path, args: list[str], running) -> None:
        while running():
            done = st.chronicle(db, *args)
            error = None
            if done.returncode != 0:
                error = f"exit {done.returncode}: {done.stderr.strip()[-200:]}"
            else:
                try:
                    json.loads(done.stdout)
                except json.JSONDecodeError as exc:
                    error = f"no JSON: {exc}"
            if error is None and "locked" in done.stderr:
                error = "stderr: " + done.stderr.strip()[-200:]
            self._note("cli", " ".join(args), error)
