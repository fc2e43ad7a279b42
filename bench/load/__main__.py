"""Load on the web server (issue 18): N requests from C concurrent clients to every page and API
route of ``chronicle serve`` on a free loopback port; errors, 5xx, p50 and p99.

    python -m bench.load --db STORE                          # 5,000 requests, 50 clients
    python -m bench.load --db STORE --requests 500 --clients 10

The server is a subprocess (``chronicle --db STORE serve --port P``) over a copy of STORE, so the
store given is never written. The requests are every route of chronicle.web.params.ROUTES (pages,
their .json twins, the API), the parameterised ones with ids, actors, words and dates taken from
the store (bench/load/urls.py), drawn at random (seeded) by threads that each keep one HTTP/1.1
connection (``--no-whole`` leaves out the unpaged bulk documents). Latency is from sending the request to reading the whole body (the clients ask for gzip as browsers do, and the first gzipped answer of each route is decoded after the run
to check it; ``--identity`` asks for answers uncompressed). Target: 0 5xx and
p99 under 1 s. Exit status 1 on any error or 5xx.

Besides the totals and the slowest routes, a table gives every route's requests, p50, p99, max and
bytes per answer (``--routes`` leaves it out), and ``--trace FILE`` writes each request as a tab-separated
line (start after the first request, seconds, status, bytes, route, path) to see where a run's tail
falls.
"""
from __future__ import annotations

import argparse
import http.client
import os
import random
import sqlite3
import sys
import tempfile
import threading
import time
import zlib
from collections import Counter, defaultdict
from pathlib import Path

from bench.common import print_table
from bench.crash.readers import Server
from bench.load.urls import request_paths


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def fire(port: int, plan: list[tuple[str, str]], clients: int, timeout: float,
         trace: list | None = None, *, gzip: bool = True) -> list[tuple[str, int, float, str]]:
    """Send every (route, path) of ``plan`` from ``clients`` threads; ``[(route, status, seconds, error)]``
    (status 0 when no answer came). ``trace`` gets ``(started, seconds, status, bytes, route, path)`` per request."""
    results: list[tuple[str, int, float, str]] = []
    gzipped: dict[str, bytes] = {}  # the first gzipped answer of each route
    lock = threading.Lock()
    next_index = iter(range(len(plan)))

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        while True:
            with lock:
                i = next(next_index, None)
            if i is None:
                break
            route, path = plan[i]
            started = time.perf_counter()
            size = 0
            try:
                headers = {"Accept": "text/html" if "/api/" not in path else "*/*"}
                if gzip:  # as browsers, curl --compressed and requests ask
                    headers["Accept-Encoding"] = "gzip"
                conn.request("GET", path, headers=headers)
                resp = conn.getresponse()
                body = resp.read()
                size = len(body)  # on the wire
                row = (route, resp.status, time.perf_counter() - started, "")
                if resp.getheader("content-encoding", "").lower() == "gzip" and route not in gzipped:
                    gzipped[route] = body  # decoded after the run (a client's CPU, not the server's time)
                if resp.getheader("connection", "").lower() == "close":
                    conn.close()
            except Exception as exc:  # noqa: BLE001 - counted as an error, the client reconnects
                row = (route, 0, time.perf_counter() - started, f"{type(exc).__name__}: {exc}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
            with lock:
                results.append(row)
                if trace is not None:
                    trace.append((started, row[2], row[1], size, route, path))
        conn.close()

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for route, body in gzipped.items():  # a gzipped answer that does not decode is an error
        try:
            zlib.decompress(body, 47)
        except zlib.error as exc:
            results.append((route, 0, 0.0, f"bad gzip: {exc}"))
    return results


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True, help="the store to serve (copied first; never written)")
    ap.add_argument("--requests", type=int, default=5000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds a client waits for one answer")
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--no-whole", action="store_true",
                    help="leave out requests for whole-store documents (bulk API routes with no limit or filter)")
    ap.add_argument("--no-routes", dest="routes", action="store_false",
                    help="leave out the table of every route's latency")
    ap.add_argument("--identity", dest="gzip", action="store_false",
                    help="ask for answers uncompressed (by default the clients send Accept-Encoding: gzip, as browsers do, "
                         "latency is to the last byte on the wire, as for uncompressed answers)")
    ap.add_argument("--trace", type=Path, default=None, metavar="FILE",
                    help="write each request (start, seconds, status, bytes, route, path) to FILE, tab-separated")
    args = ap.parse_args(argv)
    source = Path(args.db)
    if not source.is_file():
        raise SystemExit(f"no store at {source}")
    with tempfile.TemporaryDirectory(prefix="chronicle-load-") as tmp:
        db = Path(tmp) / source.name
        src, dst = sqlite3.connect(f"file:{source}?mode=ro", uri=True), sqlite3.connect(db)
        src.backup(dst)  # a consistent copy even while another process writes the original
        src.close()
        dst.close()
        articles = sqlite3.connect(db).execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        routes = request_paths(db, seed=args.seed, whole=not args.no_whole)
        rng = random.Random(args.seed)
        plan = routes + [rng.choice(routes) for _ in range(max(0, args.requests - len(routes)))]
        rng.shuffle(plan)
        plan = plan[: args.requests]
        server = Server(db)
        try:
            fire(server.port, [("/", "/"), ("/api/openapi.json", "/api/openapi.json")], 1, args.timeout)  # warm
            trace: list = []
            started, cpu = time.perf_counter(), (cpu_seconds(server.proc.pid), time.process_time())
            results = fire(server.port, plan, args.clients, args.timeout, trace, gzip=args.gzip)
            wall = time.perf_counter() - started
            cpu = (cpu_seconds(server.proc.pid) - cpu[0], time.process_time() - cpu[1])
        finally:
            log = server.stop()
    if args.trace is not None:
        args.trace.write_text("".join(f"{t - started:.4f}\t{s:.4f}\t{st}\t{n}\t{r}\t{p}\n"
                                      for t, s, st, n, r, p in sorted(trace)))
    code = report(results, wall, args, articles, source, log, sizes=_sizes(trace))
    print(f"CPU during the run: server {cpu[0]:.1f} s, clients {cpu[1]:.1f} s, in {wall:.1f} s of wall time "
          f"on {os.cpu_count()} cores (where the tail goes: a saturated machine queues every request)")
    return code


def cpu_seconds(pid: int) -> float:
    """CPU time (user and system) used so far by process ``pid``, all its threads (Linux's /proc; NaN elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _sizes(trace: list) -> dict[str, list[int]]:
    by_route = defaultdict(list)
    for _, _, _, size, route, _ in trace:
        by_route[route].append(size)
    return by_route


def report(results, wall: float, args, articles: int, source: Path, log: str, sizes=None) -> int:
    times = [r[2] for r in results]
    statuses = Counter(r[1] for r in results)
    errors = [r for r in results if r[1] == 0]
    fivexx = sum(n for s, n in statuses.items() if s >= 500)
    fourxx = sum(n for s, n in statuses.items() if 400 <= s < 500)
    print_table(f"Load: {len(results)} requests from {args.clients} clients on {source} ({articles} articles), "
                f"{len({r[0] for r in results})} routes" + (", no whole-store documents" if args.no_whole else "")
                + ("" if getattr(args, "gzip", True) else ", uncompressed (--identity)"), ["requests", "errors (no answer)", "5xx", "4xx",
                                                           "p50 (s)", "p99 (s)", "max (s)", "requests/s"],
                [[len(results), len(errors), fivexx, fourxx, percentile(times, 0.5), percentile(times, 0.99),
                  max(times), round(len(results) / wall, 1)]])
    by_route = defaultdict(list)
    for route, status, seconds, _ in results:
        by_route[route].append(seconds)
    slow = sorted(by_route.items(), key=lambda kv: -percentile(kv[1], 0.99))[:8]
    print_table("Slowest routes", ["route", "requests", "p50 (s)", "p99 (s)"],
                [[r, len(t), percentile(t, 0.5), percentile(t, 0.99)] for r, t in slow])
    if getattr(args, "routes", False):
        sizes = sizes or {}
        print_table("Every route (by p99)", ["route", "requests", "p50 (s)", "p99 (s)", "max (s)", "mean KB (wire)", "max KB (wire)"],
                    [[r, len(t), percentile(t, 0.5), percentile(t, 0.99), max(t),
                      round(sum(sizes.get(r, [0])) / max(1, len(sizes.get(r, []))) / 1024, 1),
                      round(max(sizes.get(r, [0])) / 1024, 1)]
                     for r, t in sorted(by_route.items(), key=lambda kv: -percentile(kv[1], 0.99))])
    for (route, status, _, error) in [r for r in results if r[1] == 0 or r[1] >= 400][:10]:
        print(f"  {route}: {status or error}")
    if "Traceback" in log:
        print(f"server tracebacks: {log.count('Traceback')}\n{log[-2000:]}")
    return 0 if not errors and not fivexx and not fourxx else 1


if __name__ == "__main__":
    sys.exit(main())
