"""Byte-identical outputs across a refactoring: ``timeline``, ``quotes`` and ``entities --json``
on the demo corpus and the reference corpus.

    python -m bench.identical --out /tmp/before          # six files, from the code on PYTHONPATH
    python -m bench.identical --against /tmp/before      # rebuild, compare, exit 1 on any difference

Each corpus is ingested into a fresh store with its manifest (``chronicle --db X ingest DIR
--manifest DIR/manifest.csv``), then each reading is printed with ``--json``, exactly as a user
runs them, in a subprocess of this interpreter (so PYTHONPATH decides which code runs).
"""
from __future__ import annotations

import argparse
import difflib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import ROOT, shared_dir

READINGS = ("timeline", "quotes", "entities")


def corpora() -> dict[str, Path]:
    return {"demo": ROOT / "examples" / "demo", "ref": shared_dir() / "corpus" / "ukraine-calls"}


def _chronicle(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "1")}
    return subprocess.run([sys.executable, "-m", "chronicle.cli", *args], capture_output=True, env=env, check=False)


def write_outputs(out: Path) -> list[Path]:
    """Ingest each corpus into a fresh store under a temporary folder; write ``{corpus}-{reading}.json``."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="chronicle-identical-") as tmp:
        for name, folder in corpora().items():
            db = str(Path(tmp) / f"{name}.db")
            done = _chronicle("--db", db, "ingest", str(folder), "--manifest", str(folder / "manifest.csv"))
            if done.returncode != 0:
                raise SystemExit(f"ingest of {folder} failed ({done.returncode}):\n{done.stderr.decode()}")
            for reading in READINGS:
                done = _chronicle("--db", db, reading, "--json")
                if done.returncode != 0:
                    raise SystemExit(f"{reading} on {name} failed ({done.returncode}):\n{done.stderr.decode()}")
                path = out / f"{name}-{reading}.json"
                path.write_bytes(done.stdout)
                written.append(path)
    return written


def compare(new: Path, old: Path, *, context: int = 2, shown: int = 60) -> list[str]:
    """The differences between two output folders, as readable lines (empty when byte-identical)."""
    report = []
    for name in corpora():
        for reading in READINGS:
            a, b = old / f"{name}-{reading}.json", new / f"{name}-{reading}.json"
            if not a.is_file():
                report.append(f"{a}: missing")
                continue
            if a.read_bytes() == b.read_bytes():
                continue
            diff = list(difflib.unified_diff(a.read_text(encoding="utf-8").splitlines(),
                                             b.read_text(encoding="utf-8").splitlines(),
                                             str(a), str(b), n=context, lineterm=""))
            report.append(f"{name}-{reading}.json differs ({len(diff)} diff lines)")
            report.extend(diff[:shown])
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, help="write the six JSON files here")
    ap.add_argument("--against", type=Path, help="compare fresh outputs with the files in this folder")
    args = ap.parse_args(argv)
    if not args.out and not args.against:
        ap.error("give --out DIR, --against DIR, or both")
    if args.out:
        written = write_outputs(args.out)
        print(f"wrote {len(written)} files to {args.out}")
        fresh = args.out
    else:
        tmp = tempfile.TemporaryDirectory(prefix="chronicle-identical-out-")
        fresh = Path(tmp.name)
        write_outputs(fresh)
    if args.against:
        diffs = compare(fresh, args.against)
        if diffs:
            print("\n".join(diffs))
            return 1
        print(f"identical: {len(corpora()) * len(READINGS)} files byte for byte the same as {args.against}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
