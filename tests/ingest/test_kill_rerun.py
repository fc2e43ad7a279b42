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
