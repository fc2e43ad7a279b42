"""Web page server time on all of Timeline17: ``python -m bench.web [--db PATH] [--runs 5]``.

Target (issue 7): every page renders in < 300 ms of server time on a store holding all
4,650 Timeline17 articles. The store is, in order of preference: --db; our own copy under
bench/results/web/; a copy of the tls benchmark's store (bench/results/tls/t17.db here or in
../wt-tls; copied, never opened in place, since opening migrates it); else built here with
Chronicle's ingest, each article dated by its InputDocs folder (minutes on 2 cores).

Server time is the app's own ``Server-Timing`` header (request in to response start, the page
fully rendered by then), taken in-process through Starlette's TestClient, so no network or
browser time is counted. "Cold" is the first request after the store changed: the reading cache
is emptied and SQLite's page cache released before it (the process itself has served each page
once, so templates are compiled, as in a running server). The bulk JSON endpoints stream their body (the whole CLI document,
read from the store a chunk at a time): for them the header is the time to the first byte,
and the "cold, last byte" column, the client's own clock, the time to the whole body. Each page is requested once to warm up, then --runs times; the
table gives the median and the worst run.
"""
from __future__ import annotations

import argparse
import csv
import re
import shutil
import statistics
import sys
import tarfile
import time
from collections import Counter
from pathlib import Path

from bench.common import ROOT, print_table, shared_dir

TARGET_MS = 300.0
OUR_DB = ROOT / "bench" / "results" / "web" / "t17.db"
TLS_DBS = [ROOT / "bench" / "results" / "tls" / "t17.db", ROOT.parent / "wt-tls" / "bench" / "results" / "tls" / "t17.db"]
T17_ARTICLES = 4650
FULL = 4_500  # a store with fewer articles holds only some topics (25 files are empty; some are copies)


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def find_store(explicit: Path | None) -> Path:
    if explicit:
        return explicit
    if OUR_DB.exists() and _article_count(OUR_DB) >= FULL:
        return OUR_DB
    for candidate in TLS_DBS:
        if candidate.exists() and _article_count(candidate) >= FULL:
            OUR_DB.parent.mkdir(parents=True, exist_ok=True)
            log(f"copying {candidate} to {OUR_DB}")
            shutil.copyfile(candidate, OUR_DB)
            return OUR_DB
    return build_store(OUR_DB)


def _article_count(db: Path) -> int:
    """Articles in a store, read without migrating or locking it (it may be another worktree's)."""
    import sqlite3

    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def build_store(db: Path) -> Path:
    """Unpack Timeline17 and ingest every article, dated by its folder, into ``db``.

    The articles are analysed only when this build has a timeline to show: until then the
    pages read nothing but articles, and analysis is the slow part of ingest.
    """
    import chronicle
    from chronicle.api import Chronicle

    src = shared_dir() / "bench" / "timeline17" / "t17-inputdocs.tar.gz"
    dest = db.parent / "t17"
    rows = []
    with tarfile.open(src) as tar:
        for member in tar.getmembers():
            m = re.match(r"([^/]+)/InputDocs/(\d{4}-\d{2}-\d{2})/[^/]+$", member.name)
            if not (member.isfile() and m):
                continue
            tar.extract(member, dest, filter="data")
            outlet = m[1].split("_", 1)[-1]
            rows.append({"path": member.name, "published": m[2], "outlet": outlet, "url": "", "title": ""})
    manifest = dest / "manifest.csv"
    with manifest.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=["path", "published", "outlet", "url", "title"])
        writer.writeheader()
        writer.writerows(rows)
    log(f"ingesting {len(rows)} Timeline17 files into {db} (this takes minutes)")
    t0 = time.perf_counter()
    with chronicle.open(db) as api:
        report = api.ingest([dest], manifest=manifest, jobs=2, progress=True,
                            analyze=hasattr(Chronicle, "timeline"))
    log(f"ingested: {report.to_json() | {'failed': len(report.failed)}} in {time.perf_counter() - t0:.0f}s")
    return db


def _analysed(db: Path) -> int:
    import sqlite3

    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute("SELECT COUNT(*) FROM articles WHERE analysis_version IS NOT NULL").fetchone()[0]


class _Bare:
    """The API's article readings only."""

    def __init__(self, api):
        self.articles, self.article, self.search = api.articles, api.article, api.search


def pages_to_time(client) -> list[tuple[str, str]]:
    """(label, path) for every page and endpoint, with parameters picked from the store's own data."""
    timeline = client.get("/api/timeline").json()
    actors = Counter(a for e in timeline for a in e.get("actors") or ())
    types = Counter(e.get("type") for e in timeline)
    quotes = client.get("/api/quotes").json()
    speakers = Counter(q["speaker"] for q in quotes if q.get("speaker"))
    articles = client.get("/api/articles").json()
    actor = actors.most_common(1)[0][0] if actors else "Obama"
    speaker = speakers.most_common(1)[0][0] if speakers else actor
    busiest = max(timeline, key=lambda e: e.get("source_count") or 0, default=None)
    longest = max(articles, key=lambda a: a["words"] or 0)
    dates = sorted(e["date"] for e in timeline if e.get("date"))
    since = dates[len(dates) // 2][:10] if dates else "2010-06-01"
    from chronicle.web.data import event_key

    out = [
        ("Story (all entries, first page)", "/"),
        ("Story, filtered by actor", "/?" + _q(actor=actor)),
        ("Story, filtered by type", "/?" + _q(type=types.most_common(1)[0][0] if types else "x")),
        ("Story, date range", "/?" + _q(since=since, until=dates[-1][:10] if dates else "2011-12-31")),
        ("Story, top 20", "/?top=20"),
        ("Event (most sources)", f"/events/{event_key(busiest)}" if busiest else None),
        ("Actor", "/actor?" + _q(name=actor)),
        ("Actors", "/actors"),
        ("Quotes", "/quotes"),
        ("Quotes by speaker", "/quotes?" + _q(speaker=speaker)),
        ("Quotes, text search", "/quotes?q=said"),
        ("Articles (list)", "/articles"),
        ("Articles, FTS5 search", "/articles?q=oil+spill"),
        ("Article (longest, highlighted)", f"/articles/{longest['id']}?start=0&end=200"),
        ("Changes since a date", "/changes?" + _q(since=since)),
        ("API timeline", "/api/timeline"),
        ("API quotes", "/api/quotes"),
        ("API entities", "/api/entities"),
        ("API articles", "/api/articles"),
        ("API search", "/api/search?q=oil+spill"),
        # issue 17: the filters that used to be ignored, the JSON twins, search and the visual pages
        ("API timeline, by type", "/api/timeline?" + _q(type=types.most_common(1)[0][0] if types else "x")),
        ("API quotes, text", "/api/quotes?q=oil+spill"),
        ("API claims", "/api/claims"),
        ("API claims, disputed", "/api/claims?disputed=true"),
        ("API positions", "/api/positions"),
        ("API changes", "/api/changes?" + _q(since=since)),
        ("API OpenAPI document", "/api/openapi.json"),
        ("Story JSON twin", "/.json"),
        ("Event JSON twin", f"/events/{event_key(busiest)}.json" if busiest else None),
        ("Actor JSON twin", "/actor.json?" + _q(name=actor)),
        ("Search (site-wide)", "/search?q=oil+spill"),
        ("Numbers", "/numbers"),
        ("Numbers, disputed only", "/numbers?disputed=true"),
        ("Positions", "/positions"),
        ("Positions of an actor", "/positions?" + _q(actor=actor)),
        ("Network", "/network"),
        ("Network around an actor", "/network?" + _q(actor=actor)),
    ]
    return [(label, path) for label, path in out if path]


def _q(**params) -> str:
    from urllib.parse import urlencode

    return urlencode(params)


def server_ms(response) -> float:
    m = re.search(r"app;dur=([\d.]+)", response.headers.get("server-timing", ""))
    if not m:
        raise SystemExit(f"no Server-Timing header on {response.url}")
    return float(m[1])


def changes_agreement(api, since: str) -> str:
    """The full ``chronicle changes`` report on the same day: its time, and whether the changes
    page (the same reading, paged) lists the same entries."""
    t0 = time.perf_counter()
    exact = api.changes(since)
    took = time.perf_counter() - t0
    quick = api.changes_summary(since, shown=10**9)
    same = all(exact[k] == quick[k]["rows"] for k in ("new_events", "updated_events", "new_actors"))
    return (f"`chronicle changes --since {since}` ({took:.1f} s in-process): {len(exact['new_events']):,} new and "
            f"{len(exact['updated_events']):,} updated entries, {len(exact['new_quotes']):,} new quotes, "
            f"{len(exact['new_actors']):,} new actors; the changes page lists "
            f"{'the same rows' if same else 'DIFFERENT rows'}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.web", description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, help="a store holding Timeline17 (default: see above)")
    ap.add_argument("--runs", type=int, default=5, help="timed requests per page (default: %(default)s)")
    ap.add_argument("--no-cache", action="store_true",
                    help="time every request with the API's reading (no reading cache)")
    ap.add_argument("--skip-changes-check", action="store_true",
                    help="do not run the full `chronicle changes` report beside the changes page (seconds)")
    args = ap.parse_args(argv)

    import chronicle
    from starlette.testclient import TestClient

    from chronicle.web import create_app
    from chronicle.web.cache import CachedReadings

    db = find_store(args.db)
    with chronicle.open(db) as api:
        n_articles = len(api.articles())
        story, scale_note = api, None
        analysed = _analysed(db)
        complete = analysed >= min(FULL, n_articles)
        if not all(hasattr(api, name) for name in ("timeline", "quotes", "entities", "changes")) or not complete:
            from bench.web.scale import ScaleStory

            t0 = time.perf_counter()
            story = ScaleStory(api)
            if not complete:  # the real readings would read a store that is not (fully) analysed
                story = ScaleStory(_Bare(api))
            sizes = ", ".join(f"{v:,} {k}" for k, v in story.sizes().items())
            scale_note = (f"{', '.join(story.missing)} come from bench/web/scale.py ({sizes}, computed in "
                          f"{time.perf_counter() - t0:.0f}s up front) because "
                          + ("this build lacks them" if complete else
                             f"only {analysed:,} of the store's articles are analysed")
                          + ": those rows time the web layer at Timeline17 scale, not the API's reading")
        client = TestClient(create_app(story, cache=not args.no_cache), raise_server_exceptions=False)
        readings = client.app.state.api
        rows, slow, slow_cold = [], [], []
        targets = pages_to_time(client)
        for _, path in targets:  # the process warms up once (templates compiled, modules imported) ...
            bulk = path.split("?")[0] in ("/api/timeline", "/api/quotes", "/api/entities") and "limit=" not in path
            client.get(path + ("&" if "?" in path else "?") + "limit=1" if bulk else path)
        for label, path in targets:
            if isinstance(readings, CachedReadings):
                readings.clear()  # ... but each page is timed cold: as the first request after the store changed
            api.store.conn.execute("PRAGMA shrink_memory")  # SQLite drops its page cache then too
            began = time.perf_counter()
            first = client.get(path)
            total_ms = (time.perf_counter() - began) * 1000  # to the last byte, in-process client included
            if first.status_code != 200:
                rows.append([label, path[:60], first.status_code, "-", "-", "-", "-", "error", "error"])
                slow.append(label)
                continue
            times = [server_ms(first)] + [server_ms(client.get(path)) for _ in range(args.runs)]
            median, worst = statistics.median(times[1:]), max(times[1:])
            size = len(first.content) // 1024
            ok, cold_ok = ("yes" if worst < TARGET_MS else "NO"), ("yes" if times[0] < TARGET_MS else "NO")
            if ok == "NO":
                slow.append(label)
            if cold_ok == "NO":
                slow_cold.append(label)
            streamed = "chunked" in first.headers.get("transfer-encoding", "") or "content-length" not in first.headers
            rows.append([label, path[:60], f"{size} kB", f"{times[0]:.1f}", f"{total_ms:.1f}" + (" *" if streamed else ""),
                         f"{median:.1f}", f"{worst:.1f}", ok, cold_ok])
        notes = {r.headers.get("x-chronicle-note") for r in [client.get("/api/timeline", params={"limit": 1}),
                                                              client.get("/api/quotes", params={"limit": 1}),
                                                              client.get("/api/entities", params={"limit": 1})]} - {None}
        changes_path = dict(targets).get("Changes since a date", "")
        agreement = None
        if hasattr(story, "changes_summary") and "since=" in changes_path and not args.skip_changes_check:
            agreement = changes_agreement(story, changes_path.split("since=", 1)[1])
    mode = "no reading cache" if args.no_cache else "cold = first request after a store change, median/worst = repeats"
    print_table(f"Server time per page, {n_articles:,} articles in {db.name} ({mode}; "
                f"target < {TARGET_MS:.0f} ms; Timeline17 has {T17_ARTICLES:,}), ms",
                ["page", "path", "size", "cold", "cold, last byte", "median", "worst", f"worst < {TARGET_MS:.0f}",
                 f"cold < {TARGET_MS:.0f}"], rows)
    print("\n* streamed: the server sends the body as it reads it, so its server time is the time to the first "
          "byte and 'cold, last byte' (taken by the in-process client) is the time to the whole body. "
          "GET /api/timeline, /api/quotes and /api/entities return the whole CLI document by default, as "
          "CONTRACT.md requires; ?limit=N&offset=M return one page of it.")
    if agreement:
        print("\n" + agreement)
    for note in sorted(notes) + ([scale_note] if scale_note else []):
        print(f"\nnote: {note}")
    print(f"\n{len(rows) - len(slow)} of {len(rows)} pages under target on repeat requests"
          + (f"; over: {', '.join(slow)}" if slow else ""))
    print(f"{len(rows) - len(slow_cold)} of {len(rows)} under target cold (first request after a store change)"
          + (f"; over: {', '.join(slow_cold)}" if slow_cold else ""))
    return 0 if not slow else 1


if __name__ == "__main__":
    sys.exit(main())
