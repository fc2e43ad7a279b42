"""``chronicle check``: a store an ingest leaves, even one killed at any moment, passes every
consistency check, and each check fails on the damage it names (issue 18)."""
from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

TEXT = ("Report number {i} from Kessel\n\nEnvoys of Varnia and Kessel met for round {i} of talks in Merin on Monday, "
        "the foreign ministry said. \"Round {i} was useful,\" minister Anna Holt told reporters on Tuesday.\n")


def write_corpus(folder, n):
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:03d}.txt").write_text(TEXT.format(i=i))
    return folder


def problems(db) -> dict:
    import chronicle

    api = chronicle.open(db)
    try:
        return {r["check"]: r["problems"] for r in api.check() if r["problems"]}
    finally:
        api.close()


@pytest.fixture(scope="module")
def analysed(tmp_path_factory):
    folder = write_corpus(tmp_path_factory.mktemp("c") / "in", 4)
    db = tmp_path_factory.mktemp("db") / "s.db"
    import chronicle

    api = chronicle.open(db)
    report = api.ingest([folder], published="2025-03-03", jobs=1)
    api.close()
    assert report.analyzed == 4
    return db


def damaged(analysed, tmp_path, sql):
    db = tmp_path / "d.db"
    src = sqlite3.connect(analysed)
    dst = sqlite3.connect(db)
    src.backup(dst)
    src.close()
    dst.execute("PRAGMA foreign_keys=OFF")
    dst.executescript(sql)
    dst.commit()
    dst.close()
    return db


def test_a_clean_store_passes(analysed, capsys):
    from chronicle.cli import main

    assert problems(analysed) == {}
    assert main(["--db", str(analysed), "check", "--json"]) == 0
    assert {r["check"] for r in json.loads(capsys.readouterr().out)} >= {"integrity", "foreign-keys", "half-analysed"}


@pytest.mark.parametrize("sql, check", [
    ("DELETE FROM articles WHERE id = (SELECT MIN(id) FROM articles)", "foreign-keys"),
    ("UPDATE articles SET analysis_version = NULL WHERE id = (SELECT MIN(id) FROM articles)", "half-analysed"),
    ("DELETE FROM timeline_sources; DELETE FROM timeline_entries", "timeline-missing"),
    ("DELETE FROM events WHERE rowid = (SELECT MIN(rowid) FROM events)", "timeline-source-without-event"),
    ("UPDATE timeline_sources SET sentence = 'not the text'", "timeline-sentence-mismatch"),
    ("DELETE FROM timeline_sources WHERE entry_id = (SELECT MIN(id) FROM timeline_entries)",
     "timeline-entry-without-source"),
    ("INSERT INTO diagnostics (article_id, code, message, at) VALUES ('nope', 'TMP001', 'x', 'now')",
     "orphan-diagnostics"),
])
def test_each_check_sees_its_damage(analysed, tmp_path, capsys, sql, check):
    from chronicle.cli import main

    db = damaged(analysed, tmp_path, sql)
    assert check in problems(db)
    assert main(["--db", str(db), "check"]) == 1
    assert f"{check}" in capsys.readouterr().out


@pytest.mark.slow
def test_kill_9_at_random_moments_leaves_a_consistent_store(tmp_path):
    corpus = write_corpus(tmp_path / "c", 40)
    cmd = [sys.executable, "-m", "chronicle.cli", "ingest", str(corpus), "--published", "2025-03-03", "-j", "1"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}

    def timeline(db):
        out = subprocess.run([sys.executable, "-m", "chronicle.cli", "--db", str(db), "timeline", "--json"],
                             capture_output=True, text=True, env=env, check=True).stdout
        return json.loads(out)

    clean = tmp_path / "clean.db"
    subprocess.run(cmd[:3] + ["--db", str(clean)] + cmd[3:], check=True, capture_output=True, env=env, timeout=600)
    killed = tmp_path / "killed.db"
    rng = random.Random(18)
    for _ in range(4):
        proc = subprocess.Popen(cmd[:3] + ["--db", str(killed)] + cmd[3:], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, env=env)
        time.sleep(rng.uniform(1.0, 8.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if killed.exists():
            found = problems(killed)
            if found and set(found) == {"timeline-missing"}:
                # Killed between storing a batch and rebuilding the timeline: the first reader rebuilds it.
                timeline(killed)
                found = problems(killed)
            assert found == {}
    subprocess.run(cmd[:3] + ["--db", str(killed)] + cmd[3:], check=True, capture_output=True, env=env, timeout=600)
    assert problems(killed) == {}
    assert timeline(killed) == timeline(clean)
