"""Concurrent use of one store (issue 18): readers while an ingest writes, and two ingests at once.

1. Readers: half the articles are ingested; then ``chronicle serve`` answers four polling clients
   (API and pages) and a loop of ``chronicle timeline --json`` runs, while the other half is
   ingested. Every answer that is not a 200 (or an exit 0 with JSON) is an error, "database is
   locked" included.
2. Two ingests: the halves are ingested at once into a fresh store, the second started one second
   after the first. One must wait with a message (or refuse); nothing may interleave: every article
   of the one that waited was stored after the other's analyses and timeline. The store must then
   pass ``chronicle check`` with nothing pending, and equal the same two ingests run one after the
   other (the four JSON exports).
"""
from __future__ import annotations

import sqlite3
from datetime import datetime
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.common import print_table
from bench.crash import store as st
from bench.crash.corpus import extract_t17
from bench.crash.readers import Poller, Server

WEB_PATHS = ["/api/timeline?limit=50", "/api/articles", "/api/quotes?limit=50", "/api/entities?limit=50",
             "/api/stories", "/", "/quotes", "/articles", "/actors"]


def ingest_cmd(db: Path, files: list[Path], manifest: Path, jobs: int) -> list[str]:
    return [sys.executable, "-m", "chronicle.cli", "--db", str(db), "ingest", *map(str, files),
            "--manifest", str(manifest), "--json", "-j", str(jobs)]


def concurrency_runs(args, work: Path) -> int:
    folder, manifest = extract_t17(args.articles, work / "t17", seed=args.seed)
    files = sorted(folder.rglob("*.txt"))
    halves = files[: len(files) // 2], files[len(files) // 2:]
    ok_readers = readers_during_ingest(work, halves, manifest, args.jobs)
    ok_two = two_ingests(work, halves, manifest, args.jobs)
    return 0 if ok_readers and ok_two else 1


def readers_during_ingest(work: Path, halves, manifest: Path, jobs: int) -> bool:
    db = work / "readers.db"
    first = subprocess.run(ingest_cmd(db, halves[0], manifest, jobs), capture_output=True, text=True, env=st.ENV)
    if first.returncode not in (0, 1):
        raise SystemExit(f"the first ingest failed: {first.stderr[-2000:]}")
    server = Server(db)
    ingest = subprocess.Popen(ingest_cmd(db, halves[1], manifest, jobs), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=st.ENV)
    started = time.perf_counter()
    poller = Poller()
    poller.web(server.port, WEB_PATHS, lambda: ingest.poll() is None)
    poller.cli(db, ["timeline", "--json"], lambda: ingest.poll() is None)
    out, err = ingest.communicate()
    took = time.perf_counter() - started
    poller.join()
    server_log = server.stop()
    tracebacks = server_log.count("Traceback")
    errors = sum(poller.errors.values())
    print_table(f"Readers during an ingest of {len(halves[1])} Timeline17 articles into a store of {len(halves[0])}",
                ["reader", "requests", "errors"],
                [["web (4 clients: " + ", ".join(WEB_PATHS) + ")", poller.calls["web"],
                  sum(v for k, v in poller.errors.items() if k.startswith("web"))],
                 ["CLI (timeline --json, in a loop)", poller.calls["cli"],
                  sum(v for k, v in poller.errors.items() if k.startswith("cli"))]])
    print(f"ingest: exit {ingest.returncode} in {took:.1f} s; server tracebacks: {tracebacks}")
    for kind, n in poller.errors.most_common():
        print(f"  {n} x {kind}")
    for example in poller.examples:
        print(f"  e.g. {example}")
    return errors == 0 and tracebacks == 0 and ingest.returncode in (0, 1)


def two_ingests(work: Path, halves, manifest: Path, jobs: int) -> bool:
    db = work / "two.db"
    procs, stamps = [], []
    for i, half in enumerate(halves):
        if i:
            time.sleep(1.0)
        stamps.append(time.time())
        procs.append(subprocess.Popen(ingest_cmd(db, half, manifest, jobs), stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True, env=st.ENV))
    ended: dict[int, float] = {}

    def wait(i: int, proc) -> None:
        out = proc.communicate()
        ended[i] = time.time()  # the first ingest's lock is released just before it exits
        results[i] = out + (proc.returncode,)

    results: list = [None, None]
    waiters = [threading.Thread(target=wait, args=(i, p)) for i, p in enumerate(procs)]
    for t in waiters:
        t.start()
    for t in waiters:
        t.join()
    waited = [i for i, (_, err, _) in enumerate(results) if "waiting for it to finish" in err]
    order = [1 - waited[0], waited[0]] if len(waited) == 1 else [0, 1]
    interleaved = _interleaved(db, halves, order, first_ended=ended[order[0]])
    problems, pending = st.check(db), st.pending(db)
    sequential = work / "sequential.db"
    for i in order:
        subprocess.run(ingest_cmd(sequential, halves[i], manifest, jobs), capture_output=True, env=st.ENV)
    got, want = st.exports(db), st.exports(sequential)
    diff = next((f"{n}{d}" for n in st.EXPORTS if (d := st.first_difference(got[n], want[n])) is not None), None)
    message = next((line for _, err, _ in results for line in err.splitlines() if "waiting" in line), "(none)")
    print_table("Two ingests at once into one store", ["", "result"], [
        ["exit statuses", ", ".join(str(r[2]) for r in results)],
        ["one waited with a message", "yes" if len(waited) == 1 else f"no ({len(waited)} waited)"],
        ["interleaved writes", interleaved or "none"],
        ["chronicle check", "ok" if not problems else problems],
        ["pending after both", pending or "none"],
        ["equal to the two run one after the other", "yes" if diff is None else diff],
    ])
    print(f"the message: {message}")
    return (len(waited) == 1 and not interleaved and not problems and not pending and diff is None
            and all(r[2] in (0, 1) for r in results))


def _interleaved(db: Path, halves, order: list[int], first_ended: float) -> str | None:
    """None when every article of the ingest that waited was stored after the first one's last
    analysis and after it ended (its linking and timeline rebuild included; 1 s of slack for the
    store's whole-second times)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        def times(half):
            paths = [str(p) for p in half]
            rows = conn.execute(
                f"SELECT MIN(ingested_at), MAX(COALESCE(analyzed_at, ingested_at)) FROM articles "
                f"WHERE source_path IN ({','.join('?' * len(paths))})", paths).fetchone()
            return rows
        first, second = times(halves[order[0]]), times(halves[order[1]])
    finally:
        conn.close()
    if not (first[1] and second[0]):
        return "the articles of one ingest are missing"
    if second[0] < first[1]:
        return f"the second ingest stored an article at {second[0]}, before the first's last analysis at {first[1]}"
    stored = datetime.fromisoformat(second[0]).timestamp()
    if stored < first_ended - 1.0:
        return (f"the second ingest stored an article at {second[0]}, {first_ended - stored:.0f} s before the first "
                "ended (during its linking or timeline)")
    return None
