"""Shared fixtures: paths to the shared corpus and benchmarks, fresh stores, and the spaCy pipeline."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent

# Property tests check what is true, not how fast: on a shared 2-core machine one example can take
# longer than Hypothesis's default 200 ms deadline for reasons of its own (a web highlight test
# failed so while a load bench ran beside it). Speed is measured by bench/, never by a test.
settings.register_profile("chronicle", deadline=None)
settings.load_profile("chronicle")


def shared_dir() -> Path:
    """../shared beside the checkout (CI and every worktree have it), or $CHRONICLE_SHARED."""
    env = os.environ.get("CHRONICLE_SHARED")
    for candidate in ([Path(env)] if env else []) + [ROOT.parent / "shared", Path("/work/shared")]:
        if (candidate / "corpus").is_dir():
            return candidate
    raise RuntimeError("cannot find ../shared (set CHRONICLE_SHARED)")


@pytest.fixture(scope="session")
def shared() -> Path:
    return shared_dir()


@pytest.fixture(scope="session")
def ukraine(shared) -> Path:
    return shared / "corpus" / "ukraine-calls"


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    return ROOT / "examples" / "demo"


@pytest.fixture
def store(tmp_path):
    import chronicle

    api = chronicle.open(tmp_path / "test.db")
    yield api
    api.close()


@pytest.fixture(scope="session")
def pipeline():
    from chronicle.extract.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def ukraine_analyses(ukraine, pipeline):
    """The five reference articles analysed with their manifest dates, keyed by file name."""
    from chronicle.api import analyze_files

    files = sorted(str(p) for p in ukraine.glob("*.txt"))
    analyses, failed = analyze_files(files, manifest=str(ukraine / "manifest.csv"), pipeline=pipeline)
    assert not failed
    return {Path(f).name: a for f, a in zip(files, analyses)}


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL server of the tests' own (chronicle.store.pg_local): initdb in a temporary
    folder, 127.0.0.1 and a free port, stopped at the end. Without PostgreSQL's binaries or the
    pg8000 driver the PostgreSQL tests skip, saying why; in CI (``CI`` set) they fail instead."""
    from chronicle.store import pg_local

    reason = None
    try:
        import pg8000  # noqa: F401
    except ImportError:
        reason = "the pg8000 driver is not installed: pip install 'chronicle-news[postgres]'"
    if reason is None and pg_local.find_bin() is None:
        reason = "PostgreSQL's initdb/pg_ctl not found: apt-get install -y postgresql (make test installs it as root)"
    if reason:
        if os.environ.get("CI"):
            pytest.fail(reason)  # in CI the PostgreSQL tests must run, never be skipped quietly
        pytest.skip(reason)
    server = pg_local.LocalServer()
    try:
        server.start()
    except Exception as exc:  # noqa: BLE001 - reported as the reason the tests could not run
        server.stop()
        detail = getattr(exc, "stderr", "") or exc
        if os.environ.get("CI"):
            pytest.fail(f"cannot start PostgreSQL: {detail}")
        pytest.skip(f"cannot start PostgreSQL: {detail}")
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server, request):
    """A new, empty database on the tests' PostgreSQL server, as a ``--db`` URL."""
    name = "t_" + "".join(ch if ch.isalnum() else "_" for ch in request.node.name.lower())[:50]
    return pg_server.create_db(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request, tmp_path):
    """A fresh store on each backend: the store tests that hold for both run twice."""
    import chronicle

    db = tmp_path / "test.db" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    api = chronicle.open(db)
    yield api
    api.close()
