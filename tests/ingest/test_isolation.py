"""Every input isolated (issue 18): a failure while reading, parsing, storing or analysing one
article is reported for that article, and the batch goes on. Workers that die or hang are
replaced and their article reported once, not retried forever."""
from __future__ import annotations

import faulthandler
import os
import signal
import time

import pytest

from chronicle.extract import parallel
from chronicle.records import Analysis, ArticleText

GOOD = "Talks resume in {name}\n\nNegotiators from both sides met on Monday in {name} and agreed to keep talking.\n"


def write(folder, *names):
    folder.mkdir(exist_ok=True)
    for name in names:
        (folder / f"{name}.txt").write_text(GOOD.format(name=name), encoding="utf-8")
    return folder


def test_unexpected_parser_failure_is_one_input(store, tmp_path, monkeypatch):
    from chronicle import pipeline as write_path

    folder = write(tmp_path / "in", "Varnia", "Kessel", "Merin")
    real = write_path.documents_from_input

    def flaky(path, data, fmt=None):
        if path.endswith("Kessel.txt"):
            raise RecursionError("maximum recursion depth exceeded")
        return real(path, data, fmt)

    monkeypatch.setattr(write_path, "documents_from_input", flaky)
    report = store.ingest([folder], analyze=False)
    assert report.failed == [{"path": str(folder / "Kessel.txt"), "code": "ING040",
                              "reason": "unexpected failure while reading this input: "
                                        "RecursionError: maximum recursion depth exceeded"}]
    assert sorted(a["title"] for a in store.articles()) == ["Talks resume in Merin", "Talks resume in Varnia"]


def test_an_article_that_cannot_be_stored_leaves_its_batch_stored(store, tmp_path, monkeypatch):
    folder = write(tmp_path / "in", "Varnia", "Kessel", "Merin")
    real = store.store.add_articles

    def picky(arts):
        if any("Kessel" in a.text for a in arts):
            raise ValueError("bad row")
        return real(arts)

    monkeypatch.setattr(store.store, "add_articles", picky)
    report = store.ingest([folder], analyze=False)
    assert [(f["path"], f["code"]) for f in report.failed] == [(str(folder / "Kessel.txt"), "ING041")]
    assert report.added == 2
    assert sorted(a["title"] for a in store.articles()) == ["Talks resume in Merin", "Talks resume in Varnia"]
    conn = store.store.conn
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # no raw input without its article, no article without its raw input
    assert conn.execute("SELECT COUNT(*) FROM raw_inputs").fetchone()[0] == 2


# ---- workers -----------------------------------------------------------------------------------
class Hostile:
    """A stand-in pipeline (no model): an article's text says how its analysis behaves."""

    def __init__(self, settings=None):
        self.settings = settings or parallel.Settings()
        self.version = "hostile.v1"

    def pipe(self, articles):
        for a in articles:
            if "SEGFAULT" in a.text:
                faulthandler.disable()  # pytest's handler would print the worker's stack
                os.kill(os.getpid(), signal.SIGSEGV)
            if "EXIT" in a.text:
                os._exit(3)
            if "LOOP" in a.text:
                while True:
                    pass
            if "DEAF" in a.text:  # a hang in C code that no Python signal handler interrupts
                signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
                while True:
                    pass
            yield Analysis(article=a)

    def __call__(self, article):
        return next(iter(self.pipe([article])))


def articles(n, bad):
    return [ArticleText(id=f"a{i:03d}", text=bad.get(i, f"article {i}")) for i in range(n)]


@pytest.fixture
def hostile(monkeypatch):
    monkeypatch.setattr(parallel, "Pipeline", Hostile)
    monkeypatch.setattr(parallel, "PARENT_SLACK_S", 1.0)  # forked workers and the parent see it
    monkeypatch.setattr(parallel, "CHUNK", 4)


def codes(results):
    return {a.article.id: [d.code for d in a.diagnostics] for a in results if a.diagnostics}


def test_dead_and_hung_workers_are_replaced_and_reported_once(hostile):
    bad = {3: "SEGFAULT", 9: "EXIT", 14: "LOOP", 21: "DEAF"}
    started = time.perf_counter()
    results = list(parallel.analyze_many(articles(30, bad), parallel.Settings(), jobs=2, total=30, budget=1.0))
    assert time.perf_counter() - started < 60
    assert [a.article.id for a in results] == [f"a{i:03d}" for i in range(30)]  # every article, in order
    assert codes(results) == {"a003": ["PIP011"], "a009": ["PIP011"], "a014": ["PIP012"], "a021": ["PIP012"]}
    assert "took over 1 s" in results[14].diagnostics[0].message


def test_time_budget_in_process(hostile):
    results = list(parallel.analyze_many(articles(5, {2: "LOOP"}), parallel.Settings(), jobs=1, budget=0.5,
                                         pipeline=Hostile()))
    assert codes(results) == {"a002": ["PIP012"]}
    assert len(results) == 5


def test_worker_failures_are_reported_and_not_retried(store, tmp_path, monkeypatch, hostile):
    import chronicle.extract.pipeline as extract_pipeline

    monkeypatch.setattr(extract_pipeline, "Pipeline", Hostile)
    monkeypatch.setattr(parallel, "MIN_FOR_POOL", 2)
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(6):
        body = "SEGFAULT here" if i == 4 else f"number {i}"
        (folder / f"a{i}.txt").write_text(f"Report {i}\n\nEnvoys met, {body}, on Monday.\n")
    store._pipeline = Hostile()
    report = store.ingest([folder], jobs=2)
    assert [(f["path"], f["code"]) for f in report.failed] == [(str(folder / "a4.txt"), "PIP011")]
    assert report.analyzed == 6
    again = store.ingest([folder], jobs=2)  # stored with its diagnostic: a rerun does not try it again
    assert (again.analyzed, again.failed) == (0, [])
    rows = store.store.query("SELECT code FROM diagnostics WHERE code LIKE 'PIP%'")
    assert [r[0] for r in rows] == ["PIP011"]


def test_a_second_ingest_waits_its_turn(store, tmp_path, capsys):
    import threading

    from chronicle.store.lock import ingest_lock

    folder = write(tmp_path / "in", "Varnia")
    held, release = threading.Event(), threading.Event()

    def first_ingest():
        with ingest_lock(store.path):
            held.set()
            release.wait(10)

    holder = threading.Thread(target=first_ingest)
    holder.start()
    held.wait(5)
    timer = threading.Timer(1.0, release.set)
    timer.start()
    started = time.perf_counter()
    report = store.ingest([folder], analyze=False)
    waited = time.perf_counter() - started
    holder.join()
    assert waited >= 0.9  # it waited for the first to finish, not interleaved with it
    assert report.added == 1
    assert "another ingest (process" in capsys.readouterr().err
