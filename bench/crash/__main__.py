"""kill -9 at random moments of an ingest (issue 18): is the store intact, and does a rerun give
exactly the store of a clean run?

    python -m bench.crash                         # 20 runs on 300 Timeline17 articles
    python -m bench.crash --runs 3 --articles 60  # a quick look
    python -m bench.crash --concurrency           # readers during an ingest, and two ingests at once

One clean ingest makes the reference store and its duration T. Then each run ingests the same
articles into a fresh store with the same command, SIGKILLs it at a seeded random moment of the
clean run (a state of its store drawn uniformly, then a moment within it), matched by progress (the run is killed when its store has reached
the state the clean store was in then, and stayed in it as long: bench/crash/moments.py, so a
loaded machine does not push every kill into the first phase), and checks what is left: SQLite's ``PRAGMA integrity_check`` and ``chronicle check
--json`` (intact = both pass), and a reader (``timeline --json``) looks, as a user would before
rerunning (it may rebuild a missing timeline). Then the same command runs again, and the ``articles``,
``timeline``, ``quotes`` and ``entities`` JSON exports are compared with the clean store's
(bench/crash/store.py says what is normalised: nothing). Workers still alive 5 s after the kill
are counted (workers left) and ended. Exit status 1 unless every run is intact and equal.
"""
from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import print_table
from bench.crash import moments
from bench.crash import store as st
from bench.crash.corpus import extract_t17


def ingest_cmd(db: Path, folder: Path, manifest: Path, jobs: int) -> list[str]:
    return [sys.executable, "-m", "chronicle.cli", "--db", str(db), "ingest", str(folder),
            "--manifest", str(manifest), "--json", "-j", str(jobs)]


def kill_at(cmd: list[str], db: Path, trace, moment: float) -> tuple[bool, float, int]:
    """Kill ``cmd`` at the clean run's ``moment``, matched by progress (bench/crash/moments.py);
    returns (finished before the kill, seconds at the kill, workers left)."""
    goal, dwell = moments.target(trace, moment)
    finished, at, pgid = moments.kill_when(cmd, db, goal, dwell)
    if finished:
        return True, at, 0
    deadline = time.monotonic() + 5.0  # its pool workers poll for their parent twice a second
    while time.monotonic() < deadline and _group(pgid):
        time.sleep(0.1)
    return False, at, _end_group(pgid)


def _group(pgid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getpgid(int(entry.name)) == pgid:
                    out.append(int(entry.name))
            except (ProcessLookupError, PermissionError):
                continue
    return out


def _end_group(pgid: int) -> int:
    """How many processes of the killed ingest's group are still alive (5 s after the kill); ends them."""
    left = _group(pgid)
    if left:
        os.killpg(pgid, signal.SIGKILL)
    return len(left)


def crash_runs(args, work: Path) -> int:
    folder, manifest = extract_t17(args.articles, work / "t17", seed=args.seed)
    clean = work / "clean.db"
    duration, done, trace = moments.watch(ingest_cmd(clean, folder, manifest, args.jobs), clean)
    if done.returncode not in (0, 1):
        raise SystemExit(f"the clean ingest failed ({done.returncode}): {done.stderr[-2000:]}")
    reference = st.exports(clean)
    print(f"clean ingest of {args.articles} Timeline17 articles: {duration:.1f} s, exit {done.returncode}; "
          f"{len(reference['articles'])} articles, {len(reference['timeline'])} timeline entries, "
          f"{len(reference['quotes'])} quotes, {len(reference['entities'])} entities", flush=True)
    rng = random.Random(args.seed)
    rows, intact, equal = [], 0, 0
    for run in range(1, args.runs + 1):
        db = work / f"run{run}.db"
        moment = moments.draw(trace, duration, rng)
        finished, at, orphans = kill_at(ingest_cmd(db, folder, manifest, args.jobs), db, trace, moment)
        where = "finished first" if finished else st.progress(db)
        sql, problems = st.integrity(db), st.check(db)
        ok = sql in ("ok", "no store") and not problems
        if db.exists():  # a user looks before rerunning: the reader may heal the timeline (api._timeline_filters)
            looked = st.chronicle(db, "timeline", "--json")
            if looked.returncode != 0:
                ok = False
                problems = {**problems, f"reader exit {looked.returncode}: {looked.stderr.strip()[-150:]}": 1}
        rerun = subprocess.run(ingest_cmd(db, folder, manifest, args.jobs), capture_output=True, text=True,
                               env=st.ENV)
        got = st.exports(db)
        diff = next((f"{name}{d}" for name in st.EXPORTS
                     if (d := st.first_difference(got[name], reference[name])) is not None), None)
        if diff is None and (after := st.check(db)):
            diff = f"chronicle check after the rerun: {_problems(after)}"
        if diff is None and (owed := st.pending(db)):
            diff = f"still pending after the rerun: {owed}"
        intact += ok
        equal += diff is None and rerun.returncode == done.returncode
        rows.append([run, f"{moment:.1f} / {at:.1f}", where, sql, _problems(problems), orphans, rerun.returncode,
                     "yes" if diff is None else diff])
        print(f"run {run}: clean-run moment {moment:.1f} s, killed at {at:.1f} s ({where}); integrity {sql}; check {_problems(problems)}; "
              f"workers left {orphans}; rerun exit {rerun.returncode}; equal: {diff is None}"
              + (f" ({diff})" if diff else ""), flush=True)
        for path in work.glob(f"run{run}.db*"):
            path.unlink()
    print_table(f"kill -9 during an ingest of {args.articles} Timeline17 articles (-j {args.jobs}, seed {args.seed})",
                ["run", "moment of the clean run / killed at (s)", "where", "integrity_check", "chronicle check", "workers left",
                 "rerun exit", "rerun equal to clean"], rows)
    print_table("Summary", ["runs", "intact after kill", "rerun equal to clean", "clean ingest (s)"],
                [[args.runs, f"{intact}/{args.runs}", f"{equal}/{args.runs}", round(duration, 1)]])
    return 0 if intact == equal == args.runs else 1


def _problems(found: dict[str, int]) -> str:
    return "ok" if not found else ", ".join(f"{k}: {v}" for k, v in sorted(found.items()))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.crash", description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=20, help="kill -9 runs (default 20)")
    ap.add_argument("--articles", type=int, default=300, help="Timeline17 articles ingested (default 300)")
    ap.add_argument("--jobs", "-j", type=int, default=2, help="analysis workers of each ingest (default 2)")
    ap.add_argument("--seed", type=int, default=18, help="picks the articles and the moments of the kills")
    ap.add_argument("--concurrency", action="store_true",
                    help="instead: readers during an ingest, and two ingests at once (bench/crash/concurrency.py)")
    ap.add_argument("--keep", metavar="DIR", help="work in DIR and keep it (the clean store is DIR/clean.db)")
    args = ap.parse_args(argv)
    if args.keep:
        work = Path(args.keep)
        work.mkdir(parents=True, exist_ok=True)
        return _run(args, work)
    with tempfile.TemporaryDirectory(prefix="chronicle-crash-") as tmp:
        return _run(args, Path(tmp))


def _run(args, work: Path) -> int:
    if args.concurrency:
        from bench.crash.concurrency import concurrency_runs

        return concurrency_runs(args, work)
    return crash_runs(args, work)


if __name__ == "__main__":
    sys.exit(main())
