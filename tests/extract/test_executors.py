"""Executors (issue 15): the analysis on a process pool or on a Ray cluster gives the same store.

The Ray tests start a local 2-worker cluster of their own (``ray.init(num_cpus=2)``), ingest the
demo corpus and the reference corpus once with the default executor and once with ``--executor
ray``, and compare every reading's ``--json`` byte for byte.
"""
from __future__ import annotations

import os
import re
import signal
import sqlite3
import sys
import time

import pytest

from chronicle.cli.main import main
from chronicle.errors import UsageError
from chronicle.extract import executors
from chronicle.extract.executors import EngineMissing, LocalExecutor, RayExecutor, executor_for
from chronicle.records import Analysis, ArticleText

READINGS = ("articles", "timeline", "quotes", "entities", "claims", "positions")


# ---- choosing an executor ---------------------------------------------------------------------
def test_executor_names():
    assert isinstance(executor_for("local", jobs=3), LocalExecutor) and executor_for("local", jobs=3).jobs == 3
    assert isinstance(executor_for(None), LocalExecutor)
    ray = executor_for("ray", jobs=2)
    assert isinstance(ray, RayExecutor) and (ray.address, ray.workers) == (None, 2)
    assert executor_for("ray://head.example:10001").address == "ray://head.example:10001"


@pytest.mark.parametrize("spec", ["spark", "Ray", "ray:/head:1", "ray://head", "ray://:10001", "ray://a b:1",
                                  "http://head:10001"])
def test_an_unknown_executor_is_a_usage_error(spec):
    with pytest.raises(UsageError) as caught:
        executor_for(spec)
    assert caught.value.code == "ENG002"
    assert repr(spec) in caught.value.message


def test_without_ray_the_error_names_the_install_command(monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray now fails, as when it is not installed
    with pytest.raises(EngineMissing) as caught:
        executor_for("ray")
    assert caught.value.code == "ENG001"
    assert "pip install 'chronicle-news[ray]'" in caught.value.message
    assert isinstance(executor_for("local"), LocalExecutor)  # the default never needs Ray


def test_the_ray_client_needs_grpc(monkeypatch):
    monkeypatch.setitem(sys.modules, "grpc", None)
    assert isinstance(executor_for("ray"), RayExecutor)  # a local cluster does not
    with pytest.raises(EngineMissing) as caught:
        executor_for("ray://head:10001")
    assert caught.value.code == "ENG001" and "ray://head:10001" in caught.value.message


def test_cli_without_ray_stops_before_reading_anything(monkeypatch, tmp_path, demo_dir, capsys):
    monkeypatch.setitem(sys.modules, "ray", None)
    db = str(tmp_path / "x.db")
    status = main(["--db", db, "ingest", str(demo_dir), "--executor", "ray"])
    err = capsys.readouterr().err
    assert status == 2
    assert "[ENG001]" in err and "pip install 'chronicle-news[ray]'" in err
    assert main(["--db", db, "articles", "--json"]) == 0
    assert capsys.readouterr().out.strip() == "[]"


def test_cli_refuses_a_misspelt_executor(tmp_path, demo_dir, capsys):
    status = main(["--db", str(tmp_path / "x.db"), "ingest", str(demo_dir), "--executor", "rays"])
    assert status == 2 and "[ENG002]" in capsys.readouterr().err


def test_choosing_an_executor_does_not_import_ray():
    import subprocess

    code = ("import sys; from chronicle.extract.executors import executor_for; "
            "executor_for('ray'); executor_for('local'); print('ray' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_a_cluster_that_cannot_be_reached_leaves_the_articles_pending(monkeypatch, tmp_path, demo_dir):
    import ray

    import chronicle
    from chronicle.extract.executors import EngineError

    def refuse(*args, **kwargs):
        raise ConnectionError("ray client connection timeout")

    monkeypatch.setattr(ray, "is_initialized", lambda: False)
    monkeypatch.setattr(ray, "init", refuse)
    one = demo_dir / "01-port-asten-courier-first-call.txt"
    with chronicle.open(tmp_path / "x.db") as api:
        with pytest.raises(EngineError) as caught:
            api.ingest([one], published="2025-09-01", executor="ray://head.example:10001")
        assert caught.value.code == "ENG003"
        assert "ray://head.example:10001" in caught.value.message and "ConnectionError" in caught.value.message
    monkeypatch.undo()
    with chronicle.open(tmp_path / "x.db") as api:  # stored, unanalysed: the rerun analyses it
        report = api.ingest([one], published="2025-09-01")
        assert (report.added, report.unchanged, report.analyzed) == (0, 1, 1)


# ---- a local Ray cluster ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def ray_cluster():
    import ray

    if ray.is_initialized():
        ray.shutdown()
    from chronicle.extract.executors import local_cluster_env

    with local_cluster_env():
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="WARNING")
    # Stand-in pipelines defined here travel to the workers by value (tests/ is not a package).
    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])
    yield ray
    ray.shutdown()


def _readings(db: str, capsys) -> dict[str, bytes]:
    out = {}
    for reading in READINGS:
        assert main(["--db", db, reading, "--json"]) == 0, reading
        out[reading] = capsys.readouterr().out.encode("utf-8")
    return out


# When a row was written (ingested_at, first_seen_at, analysed_at): the wall clock, not the analysis.
_STAMP = re.compile(r"'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00'")


def _dump(db: str) -> list[str]:
    """Every row of the store, in rowid order, as SQL; write-time stamps blanked."""
    with sqlite3.connect(db) as conn:
        return [_STAMP.sub("'<written at>'", line) for line in conn.iterdump()]


def _ingest(db: str, folder, capsys, *extra: str) -> str:
    status = main(["--db", db, "ingest", str(folder), "--manifest", str(folder / "manifest.csv"), *extra])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    return captured.out


@pytest.mark.slow
@pytest.mark.parametrize("corpus", ["demo", "reference"])
def test_ray_stores_exactly_what_the_process_pool_stores(ray_cluster, corpus, demo_dir, ukraine, tmp_path, capsys):
    folder = demo_dir if corpus == "demo" else ukraine
    local_db, ray_db = str(tmp_path / "local.db"), str(tmp_path / "ray.db")
    _ingest(local_db, folder, capsys)
    said = _ingest(ray_db, folder, capsys, "--executor", "ray")
    assert "on 2 Ray workers" in said  # both actors answered: the work really ran on the cluster
    local, on_ray = _readings(local_db, capsys), _readings(ray_db, capsys)
    for reading in READINGS:
        assert len(local[reading]) > 2, reading  # "[]" would make the comparison empty
        assert on_ray[reading] == local[reading], f"{corpus}: {reading} differs"
    # Below the readings, the store itself: the same rows, written in the same order.
    local_rows, ray_rows = _dump(local_db), _dump(ray_db)
    assert sum(r.startswith('INSERT INTO "mentions"') for r in local_rows) > 0  # analyses were stored
    assert ray_rows == local_rows


class Hostile:
    """A stand-in pipeline (no model): an article's text says how its analysis behaves."""

    def __init__(self, settings=None):
        self.settings = settings

    def pipe(self, articles):
        for a in articles:
            if "EXIT" in a.text:
                os._exit(3)
            if "SEGFAULT" in a.text:
                os.kill(os.getpid(), signal.SIGSEGV)
            if "LOOP" in a.text:
                while True:
                    pass
            yield Analysis(article=a)

    def __call__(self, article):
        return next(iter(self.pipe([article])))


@pytest.mark.slow
def test_a_ray_worker_that_dies_or_hangs_is_replaced_and_its_article_reported(ray_cluster, monkeypatch):
    monkeypatch.setattr(executors, "CHUNK", 4)
    bad = {2: "EXIT", 9: "SEGFAULT", 13: "LOOP"}
    arts = [ArticleText(id=f"a{i:03d}", text=bad.get(i, f"article {i}")) for i in range(20)]
    runner = RayExecutor(budget=1.0, pipeline_class=Hostile)
    started = time.perf_counter()
    results = list(runner.map(arts, None, total=len(arts)))
    assert time.perf_counter() - started < 120
    assert [a.article.id for a in results] == [a.id for a in arts]  # every article, in input order
    failed = {a.article.id: [d.code for d in a.diagnostics] for a in results if a.diagnostics}
    assert failed == {"a002": ["PIP011"], "a009": ["PIP011"], "a013": ["PIP012"]}
    assert len(runner.worker_pids) >= 2 and os.getpid() not in runner.worker_pids


def _niceness() -> int:
    return os.nice(0)


@pytest.mark.slow
def test_local_cluster_workers_run_at_the_callers_priority(ray_cluster, monkeypatch):
    # Ray's default is nice 15: on a busy machine its workers would starve beside the pool's.
    assert ray_cluster.get(ray_cluster.remote(_niceness).remote()) == os.nice(0)
    monkeypatch.delenv("RAY_worker_niceness", raising=False)
    with executors.local_cluster_env():
        assert os.environ["RAY_worker_niceness"] == "0"
    assert "RAY_worker_niceness" not in os.environ
    monkeypatch.setenv("RAY_worker_niceness", "5")  # a user's own choice is kept
    with executors.local_cluster_env():
        assert os.environ["RAY_worker_niceness"] == "5"
