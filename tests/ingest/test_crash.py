"""A kill at any moment leaves the store consistent, and a rerun finishes the job with no duplicates."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from chronicle import pipeline as ingest_run


def write_corpus(folder, n):
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:03d}.txt").write_text(
            f"Report number {i} from Kessel\n\nEnvoys met for the {i}th round on Monday. "
            f"Officials said round {i} was useful and that talks would go on next week, in Merin or Varn.\n"
        )


def check_consistent(db):
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # No article is half-analysed: analysed ones have their sentences, pending ones have none.
    bad = conn.execute(
        "SELECT COUNT(*) FROM articles a WHERE (a.analysis_version IS NULL) = "
        "(EXISTS (SELECT 1 FROM sentences s WHERE s.article_id = a.id))"
    ).fetchone()[0]
    n = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    conn.close()
    assert bad == 0
    return n


def test_failure_mid_analysis_then_rerun(store, tmp_path, monkeypatch):
    corpus = tmp_path / "c"
    write_corpus(corpus, 10)
    monkeypatch.setattr(ingest_run, "ANALYSIS_BATCH", 3)
    real = store.store.add_analyses
    calls = {"n": 0}

    def flaky(analyses, version):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # as if the user pressed Ctrl-C during the second batch
        return real(analyses, version)

    monkeypatch.setattr(store.store, "add_analyses", flaky)
    with pytest.raises(KeyboardInterrupt):
        store.ingest([corpus], jobs=1)
    assert check_consistent(store.path) == 10
    monkeypatch.setattr(store.store, "add_analyses", real)
    report = store.ingest([corpus], jobs=1)
    assert (report.added, report.unchanged, report.analyzed) == (0, 10, 7)
    assert check_consistent(store.path) == 10
    pending = store.store.query("SELECT COUNT(*) AS n FROM articles WHERE analysis_version IS NULL")[0]["n"]
    assert pending == 0


@pytest.mark.slow
def test_sigkill_at_several_moments_then_rerun(tmp_path):
    corpus = tmp_path / "c"
    write_corpus(corpus, 60)
    db = tmp_path / "k.db"
    cmd = [sys.executable, "-m", "chronicle.cli", "--db", str(db), "ingest", str(corpus), "--json", "-j", "1"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    for delay in (2.0, 4.0, 6.0):
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if db.exists():
            assert check_consistent(db) in (0, 60)  # articles are stored in one batch: all or none
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert check_consistent(db) == 60
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*) FROM articles WHERE analysis_version IS NULL").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(DISTINCT id) FROM articles").fetchone()[0] == 60
    conn.close()
