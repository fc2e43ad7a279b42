"""Concurrent use (issue 18): readers while an ingest writes, and two ingests into one store.

    python -m bench.fuzz.readers

Ingests examples/demo into a fresh store while a second process reads `timeline`, `articles`
and `quotes` in a loop, and a third starts the same ingest a moment after the first. Prints
the reads done, the reads that failed (any error, "database is locked" included), whether the
second ingest said it waited, and `chronicle check` on the result.
"""
from __future__ import annotations

import multiprocessing as mp
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, print_table


def _reader(db: str, stop, counts) -> None:
    import chronicle

    api = chronicle.open(db)
    while not stop.is_set():
        for read in (api.timeline, api.articles, api.quotes):
            try:
                read()
                counts[0] += 1
            except Exception as exc:  # what the measure counts
                counts[1] += 1
                print(f"reader: {type(exc).__name__}: {exc}", file=sys.stderr)
    api.close()


def main() -> int:
    demo = ROOT / "examples" / "demo"
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "story.db")
        cmd = [sys.executable, "-m", "chronicle.cli", "--db", db, "ingest", str(demo), "--manifest",
               str(demo / "manifest.csv"), "-j", "1", "--json"]
        subprocess.run([sys.executable, "-m", "chronicle.cli", "--db", db, "articles"], capture_output=True)
        ctx = mp.get_context("fork")
        stop, counts = ctx.Event(), ctx.Array("i", [0, 0])
        reader = ctx.Process(target=_reader, args=(db, stop, counts))
        reader.start()
        started = time.perf_counter()
        first = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(1.0)
        second = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        out1, err1 = first.communicate()
        out2, err2 = second.communicate()
        seconds = time.perf_counter() - started
        stop.set()
        reader.join()
        check = subprocess.run([sys.executable, "-m", "chronicle.cli", "--db", db, "check"], capture_output=True,
                               text=True)
    print_table("Readers during an ingest, and a second ingest", [
        "reads", "failed reads", "first ingest exit", "second ingest exit", "second waited", "check exit", "seconds"],
        [[counts[0], counts[1], first.returncode, second.returncode, "waiting" in err2, check.returncode,
          round(seconds)]])
    return 0 if counts[1] == 0 and check.returncode == 0 and first.returncode == second.returncode == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
