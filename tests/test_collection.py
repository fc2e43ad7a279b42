"""Every folder under tests/ that holds test files is collected by the runner.

pytest skips some folder names by default (``build``, ``dist``, dotted names: see
``norecursedirs``); a test folder with such a name silently never runs. This test asks
pytest itself what it collects and fails on any test file it leaves out.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def test_every_test_file_is_collected():
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", str(TESTS)],
        capture_output=True, text=True, cwd=TESTS.parent, timeout=600,
    ).stdout
    # "-q" twice (addopts has one) prints "path: count"; once prints node ids "path::name".
    collected = {re.split(r"::|: ", line, maxsplit=1)[0] for line in out.splitlines() if line.startswith("tests/")}
    on_disk = {str(p.relative_to(TESTS.parent)) for p in TESTS.rglob("test_*.py")}
    missing = sorted(on_disk - collected)
    assert not missing, f"test files pytest never collects: {missing}"
