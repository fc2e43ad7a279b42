"""Ingest throughput and peak memory on real news, beside the bare spaCy parse as the ceiling.

    python -m bench.ingest            # 2,000 Timeline17 articles
    python -m bench.ingest -n 200     # a quick look
    python -m bench.ingest --all --no-ceiling --keep bench/results/t17-full.db
                                      # all of Timeline17 end to end, store kept for bench.tls/bench.web

Both runs use the same articles, the same number of processes, in the same script:
the parse-only run is spaCy's nlp.pipe over the texts (what Chronicle cannot beat without
a faster model); the Chronicle run is the whole `ingest`: reading, cleaning, fingerprinting,
duplicate marking, every analysis stage, and the SQLite writes.
"""
from __future__ import annotations

import argparse
import csv
import os
import resource
import shutil
import tarfile
import tempfile
import time
from pathlib import Path

from bench.common import print_table, shared_dir


def sample_t17(dest: Path, n: int) -> tuple[list[Path], Path]:
    """Extract every k-th Timeline17 article (spread over all topics) and write a manifest."""
    tar_path = shared_dir() / "bench" / "timeline17" / "t17-inputdocs.tar.gz"
    with tarfile.open(tar_path) as tar:
        members = [m for m in tar if m.isfile() and m.name.endswith(".txt") and m.size > 200]
        ordered = sorted(members, key=lambda m: m.name)
        step = max(1, len(ordered) // n) if n else 1
        chosen = {m.name for m in (ordered[::step][:n] if n else ordered)}
        files = {}
        # Read in the archive's own order: a gzip stream seeks backwards only by decompressing again
        # from its start, so reading members in name order was quadratic (minutes for --all).
        for m in members:
            if m.name not in chosen:
                continue
            parts = Path(m.name).parts  # <sub-corpus>/InputDocs/<date>/<id>.htm.txt, kept as is
            out = dest.joinpath(*parts[-4:])
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(tar.extractfile(m).read())
            files[m.name] = out
        files = [files[name] for name in sorted(files)]
    manifest = dest / "manifest.csv"
    with manifest.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["path", "published", "outlet", "url", "title"])
        for f in files:
            w.writerow([f.relative_to(dest).as_posix(), f.parent.name, f.parts[-4].rsplit("_", 1)[-1], "", ""])
    return files, manifest


def peak_mb(who) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=2000, help="articles (default 2000)")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--all", action="store_true", help="every Timeline17 article (4,650), one ingest run")
    ap.add_argument("--no-ceiling", action="store_true", help="skip the parse-only run")
    ap.add_argument("--keep", type=Path, help="keep the built store at this path (for bench.tls / bench.web)")
    args = ap.parse_args()
    if args.all:
        args.n = 0

    work = Path(tempfile.mkdtemp(prefix="chronicle-bench-ingest-"))
    try:
        files, manifest = sample_t17(work / "t17", args.n)
        texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
        words = sum(len(t.split()) for t in texts)
        print(f"{len(files)} Timeline17 articles, {words:,} words, {args.jobs} processes", flush=True)

        parse_s = None
        if not args.no_ceiling:
            from chronicle.extract.nlp import load_nlp

            nlp = load_nlp(stock=True)  # the bare spaCy parse, spaCy's own components
            t0 = time.perf_counter()
            for _ in nlp.pipe(texts, batch_size=32, n_process=args.jobs):
                pass
            parse_s = time.perf_counter() - t0
        del texts

        import chronicle

        db = args.keep or work / "bench.db"
        if args.keep:
            for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
                p.unlink(missing_ok=True)
            db.parent.mkdir(parents=True, exist_ok=True)
        api = chronicle.open(db)
        from chronicle.progress import Progress

        phases = Progress(enabled=False)  # silent, but each phase's time is kept
        t0 = time.perf_counter()
        report = api.ingest([work / "t17"], manifest=manifest, jobs=args.jobs, progress=phases)
        ingest_s = time.perf_counter() - t0
        stages = api.pipeline().version
        reads = []
        for label, kwargs in (("timeline (all entries)", {}), ("timeline --top 20", {"top": 20})):
            t0 = time.perf_counter()
            n_entries = len(api.timeline(**kwargs))
            reads.append([label, n_entries, time.perf_counter() - t0])
        api.close()
        print(f"ingest: added {report.added}, copies {report.duplicates}, failed {len(report.failed)}, analysed {report.analyzed}")
        print(f"stages: {stages}")
        print_table(
            "bench/ingest: Timeline17 sample",
            ["run", "articles/s", "words/s", "seconds", "peak RSS main (MB)", "peak RSS worker (MB)"],
            ([["spaCy parse only (ceiling)", len(files) / parse_s, f"{words / parse_s:,.0f}", parse_s, "", ""]]
             if parse_s else [])
            + [["chronicle ingest (all stages, entities/quotes/timeline built, store)", len(files) / ingest_s,
                f"{words / ingest_s:,.0f}", ingest_s,
                f"{peak_mb(resource.RUSAGE_SELF):.0f}", f"{peak_mb(resource.RUSAGE_CHILDREN):.0f}"]],
        )
        if parse_s:
            print(f"\nchronicle ingest runs at {parse_s / ingest_s:.0%} of the parse-only ceiling")
        # where the time goes: the per-article phases, then the store-wide steps (linking entities,
        # quotations and claims; off-topic marking and stories; the storyline's timeline rebuild)
        rows = [[name, seconds, f"{seconds / ingest_s:.1%}"] for name, seconds in phases.seconds.items()]
        rows.append(["(outside the phases: opening, model loading, waiting)", ingest_s - sum(phases.seconds.values()),
                     f"{1 - sum(phases.seconds.values()) / ingest_s:.1%}"])
        print_table("chronicle ingest, by phase", ["phase", "seconds", "share"], rows)
        print_table("reading the built store", ["query", "entries", "seconds"], reads)
        if args.keep:
            print(f"\nstore kept at {db}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
