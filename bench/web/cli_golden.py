"""CLI outputs before and after a change to the readings: ``python -m bench.web.cli_golden``.

    python -m bench.web.cli_golden --db STORE --save DIR      # before the change
    python -m bench.web.cli_golden --db STORE --compare DIR   # after it: byte-identical or exit 1

The view layer is shared by the CLI and the web, so a change made for the web's speed must not
move one byte of ``timeline --json``, ``quotes --json`` or ``changes --since ... --json``.
Each command runs as ``python -m chronicle.cli`` in a child process (this interpreter, this
PYTHONPATH), so the bytes compared are the bytes the console script writes.
"""
from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import time
from pathlib import Path


def commands(since: list[str], speakers: list[str]) -> dict[str, list[str]]:
    out = {"timeline": ["timeline", "--json"], "quotes": ["quotes", "--json"],
           "timeline-top20": ["timeline", "--top", "20", "--json"], "entities": ["entities", "--json"],
           "entities-person": ["entities", "--type", "person", "--json"]}
    for day in since:
        out[f"changes-{day}"] = ["changes", "--since", day, "--json"]
        out[f"timeline-since-{day}"] = ["timeline", "--since", day, "--json"]
    for name in speakers:
        out[f"quotes-{name.replace(' ', '_')}"] = ["quotes", "--speaker", name, "--json"]
    return out


def run(db: Path, argv: list[str]) -> bytes:
    done = subprocess.run([sys.executable, "-m", "chronicle.cli", "--db", str(db), *argv], capture_output=True)
    if done.returncode != 0:
        raise SystemExit(f"chronicle {' '.join(argv)} exited {done.returncode}: {done.stderr[-500:].decode()}")
    return done.stdout


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.web.cli_golden", description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--since", action="append", default=None, help="dates for `changes --since` (repeatable)")
    ap.add_argument("--speaker", action="append", default=[], help="speakers for `quotes --speaker` (repeatable)")
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--save", type=Path, help="write each output to DIR/NAME.json")
    mode.add_argument("--compare", type=Path, help="compare each output with DIR/NAME.json")
    args = ap.parse_args(argv)
    differ = []
    for name, cmd in commands(args.since or ["2010-11-11"], args.speaker).items():
        t0 = time.perf_counter()
        out = run(args.db, cmd)
        took = time.perf_counter() - t0
        digest = hashlib.sha256(out).hexdigest()[:12]
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            (args.save / f"{name}.json").write_bytes(out)
            print(f"saved    {name:<32} {len(out):>11,} bytes  sha256 {digest}  {took:.1f}s")
            continue
        before = (args.compare / f"{name}.json").read_bytes()
        same = before == out
        if not same:
            differ.append(name)
        print(f"{'same' if same else 'DIFFERS':<8} {name:<32} {len(out):>11,} bytes  sha256 {digest}  {took:.1f}s")
    if differ:
        print(f"\n{len(differ)} output(s) differ: {', '.join(differ)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
