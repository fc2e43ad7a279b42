"""kill -9 of `chronicle ingest` at two moments of the demo corpus (issue 18, bench/crash in small):
after each kill the store passes `chronicle check`, and the same command run again gives exactly
the clean run's articles, timeline, quotes and entities.

The moments are found by watching what the ingest commits: (a) the articles are stored and none
is analysed yet; (b) the analyses are stored and entities are not linked yet, when a reader that
looks before the rerun rebuilds the missing timeline from unlinked names (the case that needed the
pending steps of chronicle.store.pending).
"""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

import chronicle

ENV = {**os.environ, "PYTHONUNBUFFERED": "1"}
STORED = "SELECT COUNT(*) > 0 AND COUNT(analysis_version) = 0 FROM articles"
ANALYSED_NOT_LINKED = ("SELECT (SELECT COUNT(*) > 0 AND COUNT(analysis_version) = COUNT(*) FROM articles)"
                       " AND NOT EXISTS (SELECT 1 FROM entities)")


def ingest_cmd(db, demo_dir):
    return [sys.executable, "-m", "chronicle.cli", "--db", str(db), "ingest", str(demo_dir),
            "--manifest", str(demo_dir / "manifest.csv"), "--json", "-j", "1"]


def kill_when(cmd, db, sql, timeout=120.0) -> bool:
    """Start ``cmd``; SIGKILL it as soon as ``sql`` is true of the store. True when the kill came first."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    deadline = time.monotonic() + timeout
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if _true(db, sql):
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                return True
            time.sleep(0.005)
        return False
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _true(db, sql) -> bool:
    if not db.exists():
        return False
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1)
        try:
            return bool(conn.execute(sql).fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:  # the store is being created (no tables yet), or a writer holds it a moment
        return False


def exports(db) -> dict:
    api = chronicle.open(db)
    try:
        return {"articles": api.articles(), "timeline": api.timeline(), "quotes": api.quotes(),
                "entities": api.entities(), "problems": {r["check"]: r["problems"] for r in api.check()
                                                         if r["problems"]}}
    finally:
        api.close()


def problems(db) -> dict:
    api = chronicle.open(db)
    try:
        return {r["check"]: r["problems"] for r in api.check() if r["problems"]}
    finally:
        api.close()


@pytest.fixture(scope="module")
def clean(tmp_path_factory, demo_dir):
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    done = subprocess.run(ingest_cmd(db, demo_dir), capture_output=True, text=True, env=ENV, timeout=300)
    assert done.returncode == 0, done.stderr
    return exports(db)


@pytest.mark.parametrize("moment, sql, reader_looks", [
    ("articles stored, none analysed", STORED, False),
    ("analysed, entities not linked", ANALYSED_NOT_LINKED, True),
])
def test_kill_9_then_rerun_gives_the_clean_store(tmp_path, demo_dir, clean, moment, sql, reader_looks):
    db = tmp_path / "killed.db"
    cmd = ingest_cmd(db, demo_dir)
    assert kill_when(cmd, db, sql), f"the ingest finished before the moment '{moment}' could be caught"
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert problems(db) == {}
    if reader_looks:  # a user reads the timeline before rerunning: the reader rebuilds the missing timeline
        api = chronicle.open(db)
        assert api.timeline() != []
        api.close()
    done = subprocess.run(cmd, capture_output=True, text=True, env=ENV, timeout=300)
    assert done.returncode == 0, done.stderr
    got = exports(db)
    for name in ("articles", "timeline", "quotes", "entities", "problems"):
        assert got[name] == clean[name], f"{name} differs from the clean run after a kill at '{moment}'"
    api = chronicle.open(db)
    assert next(r for r in api.check() if r["check"] == "pending")["examples"] == []
    api.close()


def _children(pid: int) -> list[int]:
    try:
        text = open(f"/proc/{pid}/task/{pid}/children").read()
    except OSError:
        return []
    return [int(c) for c in text.split()]


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="needs Linux /proc to see the workers")
def test_kill_9_of_the_ingest_ends_its_workers(tmp_path):
    from chronicle.extract.parallel import MIN_FOR_POOL

    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(MIN_FOR_POOL + 6):  # enough articles for a process pool
        (folder / f"a{i:03d}.txt").write_text(f"Talks, round {i}\n\nEnvoys met in Merin on Monday for round {i}.\n")
    cmd = [sys.executable, "-m", "chronicle.cli", "--db", str(tmp_path / "w.db"), "ingest", str(folder),
           "--published", "2025-03-03", "-j", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    deadline, workers = time.monotonic() + 120, []
    while proc.poll() is None and time.monotonic() < deadline and len(workers) < 2:
        workers = _children(proc.pid)
        time.sleep(0.02)
    assert len(workers) == 2, "the ingest ended before its two workers could be seen"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.1)
    left = [w for w in workers if _alive(w)]
    for w in left:
        os.kill(w, signal.SIGKILL)
    assert left == [], "the workers of a killed ingest went on running"
