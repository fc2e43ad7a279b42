"""A model, not a measurement, of how ``--executor ray`` scales with workers (issue 15).

    python -m bench.scale.simulate                 # measure the inputs here, then model 1..16 workers
    python -m bench.scale.simulate --cost 0.27 --write 0.004 --overhead 0.02 --startup 4
    python -m bench.scale.simulate --from throughput.json   # cost from `bench.scale throughput --json-out`

This 2-core machine cannot run 16 workers, so the scaling past 2 is modelled from four figures,
each measured here on real Timeline17 articles (or given on the command line):

- ``cost``: one article's analysis, seconds (the pipeline in one process, model loaded);
- ``write``: storing one article's analysis, seconds: the one writer, which never runs in parallel;
- ``overhead``: Ray's cost per task (a chunk of 16 articles there and its analyses back), seconds;
- ``startup``: a worker's start, model load included, seconds (paid once per ingest, by each worker
  at the same time).

The model: workers run chunks in parallel while the writer stores what has come back, so

    T(W) = startup + max(N * (cost + overhead / CHUNK) / W,  N * write) + write * CHUNK

and throughput is N / T(W). It assumes a core per worker, a cluster network as fast as this
machine's loopback, and no skew between articles beyond their mean; it leaves out the
cross-document steps (linking, timeline), which run once per ingest on the whole store and are
measured by ``python -m bench.scale incremental``. Where the writer's line is reached, more
workers stop helping: that is the single-writer limit the model is here to show.
"""
from __future__ import annotations

import argparse
import math
import tempfile
import time
from pathlib import Path

from bench.common import print_table

CHUNK = 16


def measure(k: int) -> dict[str, float]:
    """The four inputs, measured on ``k`` Timeline17 articles."""
    import chronicle
    from bench.scale import t17
    from chronicle.api import analyze_files
    from chronicle.extract.executors import _RayWorker
    from chronicle.extract.pipeline import Pipeline

    with tempfile.TemporaryDirectory(prefix="chronicle-sim-") as tmp:
        folder = t17.write_folder(Path(tmp) / "t17", t17.spread(t17.members(), k, offset=1))
        files = sorted(str(p) for p in folder.rglob("*.txt"))
        pipeline = Pipeline()
        analyses, _ = analyze_files(files[:2], manifest=str(folder / "manifest.csv"), pipeline=pipeline)  # warm
        t0 = time.perf_counter()
        analyses, _ = analyze_files(files, manifest=str(folder / "manifest.csv"), pipeline=pipeline)
        cost = (time.perf_counter() - t0) / len(files)

        api = chronicle.open(Path(tmp) / "s.db")
        api._pipeline = pipeline
        api.ingest([folder], manifest=folder / "manifest.csv", analyze=False)
        pending = list(api.store.iter_pending(pipeline.version))
        by_id = {a.article.id: a for a in analyses}
        stored = [by_id[a.id] for a in pending if a.id in by_id]
        t0 = time.perf_counter()
        for i in range(0, len(stored), 32):
            with api.store.transaction():
                api.store.add_analyses(stored[i:i + 32], pipeline.version)
        write = (time.perf_counter() - t0) / max(1, len(stored))
        api.close()

        import ray

        from chronicle.extract.executors import local_cluster_env

        with local_cluster_env():
            ray.init(num_cpus=1, include_dashboard=False, log_to_driver=False, logging_level="WARNING")
        try:
            echo = ray.remote(num_cpus=1)(_Echo).remote()
            ray.get(echo.back.remote([]))
            chunk = analyses[:CHUNK]
            t0 = time.perf_counter()
            reps = 5
            for _ in range(reps):
                ray.get(echo.back.remote([a.article for a in chunk], chunk))
            overhead = (time.perf_counter() - t0) / reps
            ray.kill(echo)  # free its CPU for the worker
            t0 = time.perf_counter()
            worker = ray.remote(num_cpus=1)(_RayWorker).remote(pipeline.settings)
            ray.get(worker.run.remote([], None))
            startup = time.perf_counter() - t0
        finally:
            ray.shutdown()
    return {"cost": cost, "write": write, "overhead": overhead, "startup": startup, "articles": len(files)}


class _Echo:
    """A task that does no work: what Ray costs to ship a chunk out and its analyses back."""

    def back(self, articles, analyses=None):
        return analyses


def model(n: int, workers: int, cost: float, write: float, overhead: float, startup: float) -> float:
    """Seconds to analyse and store ``n`` articles on ``workers`` (see the module docstring)."""
    compute = n * (cost + overhead / CHUNK) / workers
    return startup + max(compute, n * write) + write * min(n, CHUNK)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m bench.scale.simulate", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--measure", type=int, default=24, help="Timeline17 articles to measure the inputs on")
    ap.add_argument("--from", dest="from_json", help="take cost per article from a `bench.scale throughput "
                    "--json-out` file: the process pool's analysis seconds x its processes / articles")
    ap.add_argument("--cost", type=float, help="seconds per article's analysis (skip measuring)")
    ap.add_argument("--write", type=float, help="seconds per article's store write")
    ap.add_argument("--overhead", type=float, help="Ray's seconds per task of 16 articles")
    ap.add_argument("--startup", type=float, help="a worker's start, seconds")
    ap.add_argument("-n", type=int, default=1000, help="articles per ingest (default 1000)")
    ap.add_argument("--max-workers", type=int, default=16)
    args = ap.parse_args(argv)
    given = {k: getattr(args, k) for k in ("cost", "write", "overhead", "startup")}
    if args.from_json and given["cost"] is None:
        import json

        run = json.loads(Path(args.from_json).read_text())
        given["cost"] = run["runs"]["local"]["analyse"] * run.get("jobs", 2) / run["n"]
        print(f"cost per article from {args.from_json}: {given['cost']:.4f} s "
              f"({run['n']} articles, process pool)")
    if any(v is None for v in given.values()):
        measured = measure(args.measure)
        print(f"measured on {measured['articles']} Timeline17 articles: " +
              ", ".join(f"{k} {v:.4f} s" for k, v in measured.items() if k != "articles"))
        given = {k: v if v is not None else measured[k] for k, v in given.items()}
    base = args.n / model(args.n, 1, **given)
    rows = []
    for w in range(1, args.max_workers + 1):
        t = model(args.n, w, **given)
        rate = args.n / t
        limit = "writer" if args.n * given["write"] >= args.n * (given["cost"] + given["overhead"] / CHUNK) / w \
            else "workers"
        rows.append([w, rate, rate / base, rate / base / w, rate * 86400, limit])
    print_table(f"MODEL (not measured): {args.n} articles per ingest, Ray workers on their own cores",
                ["workers", "articles/s", "speed-up", "efficiency", "articles/day", "bound by"], rows)
    per_day = 1_000_000 / 86400
    need = math.ceil(per_day * (given["cost"] + given["overhead"] / CHUNK))
    print(f"\n1,000,000 articles a day is {per_day:.1f} articles/s: about {need} workers at full use "
          f"(cost {given['cost']:.3f} s + overhead {given['overhead'] / CHUNK:.4f} s per article); "
          f"the one writer tops out at {1 / given['write']:.0f} articles/s "
          f"({86400 / given['write']:,.0f} a day) before the cross-document steps.")


if __name__ == "__main__":
    main()
