"""Scale-out benches (issue 15): the process pool against a local Ray cluster, and incremental adds.

    python -m bench.scale throughput -n 1000     # same ingest, process pool vs Ray (2 workers), one run
    python -m bench.scale incremental            # add 1, 10, 100 articles to stores of 200 and 400
    python -m bench.scale incremental --full-store T17.db   # ... to all of Timeline17 less those 111
    python -m bench.scale postgres -n 1000       # same ingest, SQLite vs PostgreSQL, one run
    python -m bench.scale.simulate               # the worker-scaling model (bench/scale/simulate.py)

throughput: N Timeline17 articles are read and stored once per run, then analysed on the process
pool (``--executor local``, 2 processes) and on a local Ray cluster of 2 workers started by this
script (its start is timed apart, as it is paid once per cluster, not per ingest). The ratio
Ray / pool is of the analysis phase (the only step that differs), and end to end (reading,
analysis, entity and quote linking, timeline). Each is also given as a ratio to the bare spaCy
parse (``nlp.pipe``, 2 processes) in the same run. Then every reading's ``--json`` is compared
byte for byte, and the peak memory of each Ray worker and of Ray's own processes is reported.

incremental: a store of S articles is built, then ``k`` new articles (not in the store) are
ingested into it, each step of the write path timed; the same ``k`` articles' own analysis time
(the pipeline alone, model loaded) is the yardstick. Two store sizes give each step's growth with
the store, from which the full Timeline17 store (4,650 articles) is extrapolated linearly.

postgres: N Timeline17 articles ingested into SQLite and into PostgreSQL (a server this script
starts in a temporary folder, chronicle.store.pg_local), both on the process pool; reading,
analysis and the cross-document steps timed, throughput as a ratio to the bare spaCy parse, and
every reading's ``--json`` compared byte for byte.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from bench.common import print_table
from bench.scale import t17
from bench.scale.procmem import Sampler

READINGS = ("articles", "timeline", "quotes", "entities", "claims", "positions")
FULL_T17 = 4650


def _readings(db: Path) -> dict[str, bytes]:
    env = {**os.environ, "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "1")}
    out = {}
    for r in READINGS:
        done = subprocess.run([sys.executable, "-m", "chronicle.cli", "--db", str(db), r, "--json"],
                              capture_output=True, env=env, check=True)
        out[r] = done.stdout
    return out


def _analyse(db: Path, folder: Path, executor: str, jobs: int, *, cross: bool) -> dict:
    """Read and store (timed apart), analyse on ``executor``, then (``cross``) the cross-document steps."""
    import chronicle
    from chronicle import pipeline as write_path
    from chronicle.pipeline import IngestOptions, IngestReport

    api = chronicle.open(db)
    try:
        t0 = time.perf_counter()
        report = api.ingest([folder], manifest=folder / "manifest.csv", analyze=False)
        t_read = time.perf_counter() - t0
        opts = IngestOptions(jobs=jobs, executor=executor, progress=False)
        t0 = time.perf_counter()
        write_path.analyze_pending(api.store, opts, report, api.pipeline)
        t_analyse = time.perf_counter() - t0
        t_cross = 0.0
        if cross:
            t0 = time.perf_counter()
            api._after_ingest(IngestReport(added=1, analyzed=1))
            t_cross = time.perf_counter() - t0
        return {"read": t_read, "analyse": t_analyse, "cross": t_cross, "analysed": report.analyzed,
                "failed": len(report.failed), "ran_on": report.ran_on}
    finally:
        api.close()


def _add(total: dict, run: dict) -> None:
    for k in ("read", "analyse", "cross", "analysed", "failed"):
        total[k] = total.get(k, 0) + run[k]
    total["ran_on"] = run["ran_on"] or total.get("ran_on")


def throughput(args) -> int:
    work = Path(tempfile.mkdtemp(prefix="chronicle-bench-scale-"))
    try:
        chosen = t17.spread(t17.members(), args.n)
        # Rounds alternate which executor goes first (ABBA...), so that a change in the machine's
        # load during the run (it is shared) weighs on both alike.
        rounds = [t17.write_folder(work / f"t17-{i}", chosen[i::args.rounds]) for i in range(args.rounds)]
        texts = [p.read_text(encoding="utf-8", errors="replace") for f in rounds for p in f.rglob("*.txt")]
        words = sum(len(t.split()) for t in texts)
        print(f"{len(texts)} Timeline17 articles, {words:,} words; {args.jobs} processes / Ray workers", flush=True)

        parse_s = None
        if not args.no_ceiling:
            from chronicle.extract.nlp import load_nlp

            nlp = load_nlp(stock=True)  # the bare spaCy parse, spaCy's own components
            t0 = time.perf_counter()
            for _ in nlp.pipe(texts, batch_size=32, n_process=args.jobs):
                pass
            parse_s = time.perf_counter() - t0
        del texts

        import ray

        t0 = time.perf_counter()
        from chronicle.extract.executors import local_cluster_env

        with local_cluster_env():  # workers at the pool's priority, as `--executor ray` starts them
            ray.init(num_cpus=args.jobs, include_dashboard=False, log_to_driver=False, logging_level="WARNING")
        ray_start_s = time.perf_counter() - t0

        from chronicle.extract.pipeline import Pipeline

        Pipeline()  # the model, loaded once in this process before either run (as the CLI does)
        runs: dict[str, dict] = {"local": {}, "ray": {}}
        per_round = []
        me = Path("/proc/self/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        with Sampler() as sampler:
            for i, folder in enumerate(rounds):
                order = ["local", "ray"] if (i % 2 == 0) != args.ray_first else ["ray", "local"]
                for executor in order:
                    last = i == len(rounds) - 1
                    run = _analyse(work / f"{executor}.db", folder, executor, args.jobs, cross=last)
                    _add(runs[executor], run)
                    per_round.append([i + 1, executor, run["analysed"], run["analyse"]])
                    print(f"round {i + 1}, {executor}: {run}", flush=True)
        workers = sampler.having("_RayWorker")
        system = sampler.having("gcs_server", "raylet", "log_monitor", "dashboard", "runtime_env", "agent")
        pool_workers = [mb for pid, mb in sampler.peak.items() if sampler.cmd.get(pid) == {me}]
        ray.shutdown()
        order = ["local", "ray"]

        same = {}
        local_out, ray_out = _readings(work / "local.db"), _readings(work / "ray.db")
        for r in READINGS:
            same[r] = local_out[r] == ray_out[r]

        n = len(chosen)
        rows = []
        if parse_s:
            rows.append(["spaCy parse only (nlp.pipe, ceiling)", n / parse_s, parse_s, 1.0, ""])
        for ex in order:
            r = runs[ex]
            end = r["read"] + r["analyse"] + r["cross"]
            rows.append([f"{ex}: analysis phase", n / r["analyse"], r["analyse"],
                         (parse_s / r["analyse"]) if parse_s else "", ""])
            rows.append([f"{ex}: end to end (read + analyse + link + timeline)", n / end, end,
                         (parse_s / end) if parse_s else "", ""])
        ratio = runs["local"]["analyse"] / runs["ray"]["analyse"]
        ratio_end = sum(runs["local"][k] for k in ("read", "analyse", "cross")) / \
            sum(runs["ray"][k] for k in ("read", "analyse", "cross"))
        print_table(f"bench/scale throughput: {n} Timeline17 articles, {args.jobs} workers",
                    ["run", "articles/s", "seconds", "x parse-only throughput", ""], rows)
        print(f"\nRay / process pool throughput, analysis phase: {ratio:.3f} (target >= 0.90)")
        print(f"Ray / process pool throughput, end to end:     {ratio_end:.3f}")
        print(f"local Ray cluster start (ray.init, once per cluster): {ray_start_s:.1f} s")
        print(f"Ray ran on: {runs['ray']['ran_on']}")
        print_table("outputs, Ray vs process pool", ["reading --json", "byte-identical"],
                    [[r, "yes" if same[r] else "NO"] for r in READINGS])
        print_table("per round (analysis phase)", ["round", "executor", "articles", "seconds"], per_round)
        print_table("memory (peak RSS, MB)", ["process", "count", "each (max)", "total"], [
            ["Ray worker (model loaded)", len(workers), max(workers.values(), default=0), sum(workers.values())],
            ["Ray system processes (gcs, raylet, agents)", len(system), max(system.values(), default=0),
             sum(system.values())],
            ["process-pool worker", len(pool_workers), max(pool_workers, default=0), sum(pool_workers)],
        ])
        if args.json_out:
            Path(args.json_out).write_text(json.dumps({
                "n": n, "jobs": args.jobs, "words": words, "parse_s": parse_s, "runs": runs, "ray_start_s": ray_start_s,
                "ratio_analysis": ratio, "ratio_end_to_end": ratio_end, "identical": same,
                "ray_worker_mb": sorted(workers.values()), "ray_system_mb": sum(system.values()),
                "pool_worker_mb": sorted(pool_workers)}, indent=2))
        return 0 if all(same.values()) else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


def postgres(args) -> int:
    """The same ingest into SQLite and into PostgreSQL (a server of this script's own, from
    chronicle.store.pg_local), both on the process pool: each phase timed, throughput as a ratio
    to the bare spaCy parse, then every reading's ``--json`` compared byte for byte."""
    from chronicle.store.pg_local import LocalServer

    work = Path(tempfile.mkdtemp(prefix="chronicle-bench-pg-"))
    try:
        folder = t17.write_folder(work / "t17", t17.spread(t17.members(), args.n))
        texts = [p.read_text(encoding="utf-8", errors="replace") for p in folder.rglob("*.txt")]
        n = len(texts)
        print(f"{n} Timeline17 articles, {sum(len(t.split()) for t in texts):,} words; {args.jobs} processes", flush=True)
        from chronicle.extract.nlp import load_nlp

        nlp = load_nlp(stock=True)  # the bare spaCy parse, spaCy's own components
        t0 = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=32, n_process=args.jobs):
            pass
        parse_s = time.perf_counter() - t0
        del texts
        from chronicle.extract.pipeline import Pipeline

        Pipeline()  # the model, loaded once in this process before either run (as the CLI does)
        with LocalServer() as server:
            stores = {"sqlite": str(work / "store.db"), "postgresql": server.create_db("bench")}
            runs = {}
            for backend, db in stores.items():
                runs[backend] = _analyse(db, folder, "local", args.jobs, cross=True)
                print(f"{backend}: {runs[backend]}", flush=True)
            outputs = {backend: _readings(db) for backend, db in stores.items()}
        same = {r: outputs["sqlite"][r] == outputs["postgresql"][r] for r in READINGS}
        rows = [["spaCy parse only (nlp.pipe, ceiling)", n / parse_s, parse_s, "", "", "", 1.0]]
        for backend, r in runs.items():
            end = r["read"] + r["analyse"] + r["cross"]
            rows.append([f"{backend}: end to end", n / end, end, r["read"], r["analyse"], r["cross"], parse_s / end])
        ratio = sum(runs["sqlite"][k] for k in ("read", "analyse", "cross")) / \
            sum(runs["postgresql"][k] for k in ("read", "analyse", "cross"))
        print_table(f"bench/scale postgres: {n} Timeline17 articles, process pool of {args.jobs}",
                    ["run", "articles/s", "seconds", "read + store", "analyse + store", "link + timeline",
                     "x parse-only throughput"], rows)
        print(f"\nPostgreSQL / SQLite throughput, end to end: {ratio:.3f}")
        print_table("outputs, PostgreSQL vs SQLite", ["reading --json", "byte-identical"],
                    [[r, "yes" if same[r] else "NO"] for r in READINGS])
        if args.json_out:
            Path(args.json_out).write_text(json.dumps({"n": n, "jobs": args.jobs, "parse_s": parse_s, "runs": runs,
                                                       "ratio_end_to_end": ratio, "identical": same}, indent=2))
        return 0 if all(same.values()) else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


@contextmanager
def _timed_steps(timings: dict):
    """Time each cross-document step of the write path (chronicle.pipeline.after_ingest calls them by name)."""
    from chronicle import pipeline as write_path

    names = ("link_entities", "link_quotes", "link_claims", "mark_off_topic", "rebuild_timeline", "analyze_pending")
    saved = {n: getattr(write_path, n) for n in names}

    def wrap(name, fn):
        def timed(*a, **k):
            t0 = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                timings[name] = timings.get(name, 0.0) + time.perf_counter() - t0
        return timed

    for n, fn in saved.items():
        setattr(write_path, n, wrap(n, fn))
    try:
        yield timings
    finally:
        for n, fn in saved.items():
            setattr(write_path, n, fn)


def incremental_full(args) -> int:
    """Add k held-out articles to a store of every other Timeline17 article (--full-store)."""
    import sqlite3

    import chronicle
    from bench.storyline.product import derive_store
    from chronicle.api import analyze_files
    from chronicle.extract.pipeline import Pipeline

    adds = sorted(int(s) for s in args.add.split(","))
    by_tail = {"/".join(Path(m.name).parts[-4:]): m for m in t17.members()}
    with sqlite3.connect(f"file:{args.full_store}?mode=ro", uri=True) as conn:
        rows = sorted(conn.execute("SELECT id, source_path FROM articles WHERE source_path IS NOT NULL"))
    stored = [(a, by_tail.get("/".join(Path(p).parts[-4:]))) for a, p in rows]
    stored = [(a, m) for a, m in stored if m is not None]
    held = t17.spread(stored, sum(adds), offset=1)
    held_ids = {a for a, _ in held}
    work = Path(tempfile.mkdtemp(prefix="chronicle-bench-incr-full-"))
    out_rows = []
    try:
        t0 = time.perf_counter()
        derive_store(args.full_store, work / "store.db", [a for a, _ in rows if a not in held_ids])
        print(f"store of {len(rows) - len(held_ids)} articles derived in {time.perf_counter() - t0:.1f} s", flush=True)
        pipeline = Pipeline()
        api = chronicle.open(work / "store.db")
        api._pipeline = pipeline
        used = 0
        for k in adds:
            new = [m for _, m in held[used:used + k]]
            used += k
            folder = t17.write_folder(work / f"add-{k}", new)
            files = sorted(str(p) for p in folder.rglob("*.txt"))
            t0 = time.perf_counter()
            analyze_files(files, manifest=str(folder / "manifest.csv"), pipeline=pipeline)
            own = time.perf_counter() - t0
            timings: dict[str, float] = {}
            with _timed_steps(timings):
                t0 = time.perf_counter()
                report = api.ingest([folder], manifest=folder / "manifest.csv", jobs=args.jobs)
                total = time.perf_counter() - t0
            size = api.store.query("SELECT COUNT(*) FROM articles")[0][0] - report.added
            out_rows.append([size, k, own, total, total / own, total - own, timings.get("analyze_pending", 0),
                             timings.get("link_entities", 0),
                             timings.get("link_quotes", 0) + timings.get("link_claims", 0),
                             timings.get("mark_off_topic", 0), timings.get("rebuild_timeline", 0)])
            print(out_rows[-1], flush=True)
        api.close()
        print_table("bench/scale incremental: adding k held-out articles to the full Timeline17 store",
                    ["store S", "k", "own analysis s", "ingest s", "x own", "extra s", "analyse s",
                     "link entities s", "link quotes+claims s", "off-topic s", "timeline s"], out_rows)
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


def incremental(args) -> int:
    if args.full_store:
        return incremental_full(args)
    import chronicle
    from chronicle.api import analyze_files
    from chronicle.extract.pipeline import Pipeline

    sizes = sorted(int(s) for s in args.sizes.split(","))
    adds = sorted(int(s) for s in args.add.split(","))
    everything = t17.members()
    # The store grows by a spread sample; each add set is drawn from what the store never holds.
    base_pool = t17.spread(everything, max(sizes))
    rest = [m for m in everything if m.name not in {b.name for b in base_pool}]
    work = Path(tempfile.mkdtemp(prefix="chronicle-bench-incr-"))
    rows, fits = [], {}
    try:
        pipeline = Pipeline()
        api = chronicle.open(work / "store.db")
        api._pipeline = pipeline
        have = 0
        used = 0
        for size in sizes:
            grow = t17.write_folder(work / f"base-{size}", base_pool[have:size])
            t0 = time.perf_counter()
            api.ingest([grow], manifest=grow / "manifest.csv", jobs=args.jobs)
            print(f"store grown to {size} articles in {time.perf_counter() - t0:.1f} s", flush=True)
            have = size
            for k in adds:
                new = rest[used:used + k]
                used += k
                folder = t17.write_folder(work / f"add-{size}-{k}", new)
                # the yardstick: these articles' own analysis (read + every stage, no store), model loaded
                files = sorted(str(p) for p in folder.rglob("*.txt"))
                t0 = time.perf_counter()
                analyze_files(files, manifest=str(folder / "manifest.csv"), pipeline=pipeline)
                own = time.perf_counter() - t0
                timings: dict[str, float] = {}
                with _timed_steps(timings):
                    t0 = time.perf_counter()
                    report = api.ingest([folder], manifest=folder / "manifest.csv", jobs=args.jobs)
                    total = time.perf_counter() - t0
                stored = api.store.query("SELECT COUNT(*) FROM articles")[0][0]
                rows.append([stored - report.added, k, own, total, total / own, total - own,
                             timings.get("analyze_pending", 0), timings.get("link_entities", 0),
                             timings.get("link_quotes", 0) + timings.get("link_claims", 0),
                             timings.get("mark_off_topic", 0), timings.get("rebuild_timeline", 0)])
                fits.setdefault(k, []).append((stored - report.added, total, own, dict(timings)))
                print(rows[-1], flush=True)
        api.close()
        print_table("bench/scale incremental: adding k articles to a store of S",
                    ["store S", "k", "own analysis s", "ingest s", "x own", "extra s", "analyse s",
                     "link entities s", "link quotes+claims s", "off-topic s", "timeline s"], rows)
        # What grows with the store is the cross-document steps (full rebuilds, see the report);
        # the analysis of the k new articles does not. Extrapolate those steps, add the own time.
        cross = ("link_entities", "link_quotes", "link_claims", "mark_off_topic", "rebuild_timeline")
        extrapolated = []
        for k, points in fits.items():
            if len(points) < 2:
                continue
            (s1, _, o1, t1), (s2, _, o2, t2) = points[0], points[-1]
            c1, c2 = (sum(t.get(n, 0.0) for n in cross) for t in (t1, t2))
            slope = (c2 - c1) / (s2 - s1)
            at_full = c2 + slope * (FULL_T17 - s2)
            own = (o1 + o2) / 2
            extrapolated.append([k, c1, c2, f"{slope * 1000:.1f} ms", at_full, own, (own + at_full) / own])
        if extrapolated:
            print_table(f"cross-document steps, extrapolated linearly to the full Timeline17 store ({FULL_T17})",
                        ["k", f"steps s at S={sizes[0]}", f"steps s at S={sizes[-1]}", "per stored article",
                         f"steps s at {FULL_T17}", "own analysis s", "x own (own + steps)"], extrapolated)
        if args.json_out:
            Path(args.json_out).write_text(json.dumps({"rows": rows, "fits": {str(k): v for k, v in fits.items()}},
                                                      indent=2, default=str))
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.scale", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    tp = sub.add_parser("throughput", help="process pool vs local Ray cluster, same articles, one run")
    tp.add_argument("-n", type=int, default=1000, help="Timeline17 articles (default 1000)")
    tp.add_argument("-j", "--jobs", type=int, default=2, help="pool processes = Ray workers (default 2)")
    tp.add_argument("--no-ceiling", action="store_true", help="skip the spaCy parse-only run")
    tp.add_argument("--ray-first", action="store_true", help="Ray goes first in the first round")
    tp.add_argument("--rounds", type=int, default=2, help="rounds, alternating which goes first (default 2)")
    tp.add_argument("--json-out", help="also write the figures as JSON here")
    inc = sub.add_parser("incremental", help="time adding k articles to a store of S")
    inc.add_argument("--sizes", default="200,400", help="store sizes S, comma-separated (default 200,400)")
    inc.add_argument("--add", default="1,10,100", help="k, comma-separated (default 1,10,100)")
    inc.add_argument("-j", "--jobs", type=int, default=2)
    inc.add_argument("--json-out", help="also write the figures as JSON here")
    inc.add_argument("--full-store", type=Path, help="a store of all Timeline17 (bench.storyline --db): hold out "
                     "sum(--add) of its articles, then add them back k at a time (instead of --sizes)")
    pg = sub.add_parser("postgres", help="SQLite vs PostgreSQL, same articles, process pool, one run")
    pg.add_argument("-n", type=int, default=1000, help="Timeline17 articles (default 1000)")
    pg.add_argument("-j", "--jobs", type=int, default=2, help="pool processes (default 2)")
    pg.add_argument("--json-out", help="also write the figures as JSON here")
    args = ap.parse_args(argv)
    return {"throughput": throughput, "incremental": incremental, "postgres": postgres}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
