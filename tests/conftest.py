"""Shared fixtures: paths to the shared corpus and benchmarks, fresh stores, and the spaCy pipeline."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


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
