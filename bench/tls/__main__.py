"""Timeline17 benchmark: ``python -m bench.tls [--topics MJ H1N1] [--rebuild] [--check-tilse 3]``.

Protocol (Ghalandari & Ifrim 2020, news-tls ``evaluate.py``): the sub-corpora of a topic are
merged; for each gold timeline, T = its number of dates and the sentences per date are its
average per date (rounded); candidate dates are kept to the gold timeline's first..last
date (news-tls sets ``collection.start/end`` from the gold before predicting); scores are
Date-F1 and alignment ROUGE-1/2 F1 "align+ m:1"; averages take the mean precision and mean
recall over the 19 timelines and the F1 of those means, as news-tls does.

Chronicle's own pipeline runs end to end: the articles are ingested into a store
(published = the InputDocs folder date, via a manifest) and analysed by every installed stage.
The reported figures are those of what the product prints (issue 13): each topic gets a store
of its own articles (bench/tls/product.py) and each gold timeline is answered by
``chronicle timeline --top T --since FIRST --until LAST --json``. The former bench path
(``summarize_dates`` over the store's dated sentences, which no user sees) is printed beside
it as a labelled comparison, and ``--loto`` varies that path's weights.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from bench.common import ROOT, print_table
from bench.tls import data
from bench.tls.metrics import PRF, align_rouge, average, date_prf, rouge_setup_note, tilse_scores
from bench.tls.run import TimelineResult, ensure_store, log, run_topics
from bench.tls.select import candidate_settings, leave_one_topic_out

ANCHORS = [  # (system, Date-F1, AR-1, AR-2), T17; see /work/shared/bench/timeline17/SOURCE.md
    ("SUnSET, GPT-4o (2025; Date-F1 as issue 13 quotes it, AR not given there)", 0.590, None, None),
    ("CLUST (Ghalandari & Ifrim 2020)", 0.407, 0.082, 0.020),
    ("DATEWISE (Ghalandari & Ifrim 2020)", 0.544, 0.120, 0.035),
    ("SUnSET, Qwen-72B (2025)", 0.576, 0.136, 0.044),
]
DEFAULT_DB = ROOT / "bench" / "results" / "tls" / "t17.db"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.tls", description=__doc__.split("\n\n")[0])
    ap.add_argument("--topics", nargs="*", help=f"topics to run (default: all of {', '.join(data.topics())})")
    ap.add_argument("--db", type=Path, default=DEFAULT_DB, help="store to build or reuse (default: %(default)s)")
    ap.add_argument("--rebuild", action="store_true", help="delete the cached store and ingest again")
    ap.add_argument("--refresh", action="store_true",
                    help="re-analyse stored articles whose analysis is from other stage versions (after a merge)")
    ap.add_argument("--jobs", type=int, default=2, help="ingest worker processes (default: %(default)s)")
    ap.add_argument("--no-window", action="store_true", help="do not keep candidate dates to the gold's range")
    ap.add_argument("--check-tilse", type=int, default=0, metavar="N",
                    help="also score the first N timelines with tilse's own evaluator (Python ROUGE)")
    ap.add_argument("--loto", action="store_true",
                    help="also choose among a few weight settings leaving one topic out (bench/tls/select.py)")
    ap.add_argument("--json", type=Path, help="write per-timeline scores and predictions here")
    ap.add_argument("--no-bench-path", action="store_true",
                    help="skip the comparison with the former bench path (summarize_dates)")
    args = ap.parse_args(argv)

    topics = args.topics or data.topics()
    unknown = sorted(set(topics) - set(data.topics()))
    if unknown:
        ap.error(f"unknown topic(s) {', '.join(unknown)}; known: {', '.join(data.topics())}")

    t0 = time.perf_counter()
    timings = ensure_store(args.db, topics, jobs=args.jobs, rebuild=args.rebuild, refresh=args.refresh)
    ingest_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    results, derive_s = run_product(args.db, topics, window=not args.no_window)
    product_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    by_setting: dict[str, list[TimelineResult]] = {}
    if not args.no_bench_path:
        settings = candidate_settings() if args.loto else None
        by_setting = run_topics(args.db, topics, window=not args.no_window, settings=settings)
    build_s = time.perf_counter() - t0
    old = {r.name: r for r in by_setting.get("shipped", [])}

    rows = []
    for r in results:
        o = old.get(r.name)
        rows.append([r.topic, r.name, r.n_dates, r.dates.f1, r.rouge_1.f1, r.rouge_2.f1, r.seconds]
                    + ([o.dates.f1, o.rouge_1.f1] if o else ["", ""]))
    print_table(f"Timeline17 per timeline ({len(results)} timelines, {len(topics)} topics): "
                "`chronicle timeline --top T --json`; last columns: the former bench path, for comparison",
                ["topic", "gold timeline", "T", "Date-F1", "AR-1 F", "AR-2 F", "CLI s", "(bench path) Date-F1",
                 "(bench path) AR-1 F"], rows)

    per_topic = []
    for topic in topics:
        rs = [r for r in results if r.topic == topic]
        if rs:
            per_topic.append([topic, len(rs), average([r.dates for r in rs]).f1, average([r.rouge_1 for r in rs]).f1,
                              average([r.rouge_2 for r in rs]).f1])
    avg = [average([r.dates for r in results]), average([r.rouge_1 for r in results]),
           average([r.rouge_2 for r in results])]
    table = [[f"**Chronicle**, `timeline --top T` ({'all' if len(topics) == len(data.topics()) else ', '.join(topics)})",
              avg[0].f1, avg[1].f1, avg[2].f1]]
    if by_setting:
        rs = by_setting["shipped"]
        table.append(["(comparison: former bench path, summarize_dates; not what users see)",
                      average([r.dates for r in rs]).f1, average([r.rouge_1 for r in rs]).f1,
                      average([r.rouge_2 for r in rs]).f1])
    if args.loto and by_setting:
        loto, chosen = leave_one_topic_out(by_setting)
        table.append(["(bench path, weights chosen leaving one topic out)", average([r.dates for r in loto]).f1,
                      average([r.rouge_1 for r in loto]).f1, average([r.rouge_2 for r in loto]).f1])
        for name, rs in by_setting.items():
            if name != "shipped":
                table.append([f"(bench path variant: {name})", average([r.dates for r in rs]).f1,
                              average([r.rouge_1 for r in rs]).f1, average([r.rouge_2 for r in rs]).f1])
    table += [[name, d, "n/a" if r1 is None else r1, "n/a" if r2 is None else r2] for name, d, r1, r2 in ANCHORS]
    print_table("Timeline17 per topic (mean P and R over the topic's timelines, F1 of the means)",
                ["topic", "timelines", "Date-F1", "AR-1 F", "AR-2 F"], per_topic)
    print_table("Timeline17 average beside the published anchors", ["system", "Date-F1", "AR-1 F", "AR-2 F"], table)
    if args.loto and by_setting:
        print("\nBench-path setting chosen per held-out topic: " + ", ".join(f"{t}: {n}" for t, n in chosen.items()))

    note = rouge_setup_note()
    if note:
        print(f"\nWARNING: {note}; AR scores are not comparable with the anchors.")
    if args.check_tilse:
        check = []
        for r in results[: args.check_tilse]:
            gold = next(g for g in data.load_gold(r.topic) if g.name == r.name)
            theirs = tilse_scores(r.predicted, gold.days)
            if theirs is None:
                print("\ntilse is not installed: pip install tilse (the bench extra) to cross-check the metric")
                break
            check.append([r.name, r.rouge_1.f1, theirs["rouge_1"].f1, r.rouge_2.f1, theirs["rouge_2"].f1])
        if check:
            print_table("Metric cross-check against tilse (align+ m:1, Python ROUGE)",
                        ["gold timeline", "AR-1 ours", "AR-1 tilse", "AR-2 ours", "AR-2 tilse"], check)

    print("\n### Speed\n")
    done = {t: v for t, v in timings.items() if t in topics}
    if done:
        total = sum(v["seconds"] for v in done.values())
        n = sum(v["added"] for v in done.values())
        cpu = sum(v.get("cpu_seconds", 0) for v in done.values())
        print(f"- ingest + per-article analysis (when the store was built, jobs={args.jobs}): {n} articles "
              f"in {total:.0f}s wall ({n / total:.1f} articles/s), {cpu:.0f}s CPU; per topic (wall): "
              + ", ".join(f"{t} {v['seconds']:.0f}s" for t, v in sorted(done.items())))
        print(f"- pipeline: {next(iter(done.values()))['pipeline']}")
    print(f"- this run: store check/ingest {ingest_s:.1f}s; per-topic stores (copy, trim, store-wide steps) "
          f"{derive_s:.1f}s; {len(results)} `timeline --top T --json` calls and scoring {product_s - derive_s:.1f}s, "
          f"slowest call {max(r.seconds for r in results):.2f}s; former bench path, {len(by_setting)} setting(s): "
          f"{build_s:.1f}s")
    _time_date_scores(args.db)
    _time_cli_timeline(args.db)
    print("\nDates: an entry's date as the product prints it; entries coarser than a day give no date to score; "
          "`--since/--until` = the gold timeline's first..last date" + (" (disabled: --no-window)" if args.no_window
                                                                         else "") + ".")
    if any(g.skipped_blocks for t in topics for g in data.load_gold(t)):
        print("Gold: MJ_bbc's block dated '2011-04-0' is not a valid day and is left out (as in news-tls's T17).")

    if args.json:
        args.json.write_text(json.dumps([{
            "topic": r.topic, "timeline": r.name, "T": r.n_dates, "k": r.per_date,
            "date_f1": r.dates.f1, "ar1_f": r.rouge_1.f1, "ar2_f": r.rouge_2.f1,
            "predicted": {d.isoformat(): s for d, s in sorted(r.predicted.items())},
        } for r in results], indent=1))
    return 0


def run_product(db: Path, topics: list[str], *, window: bool) -> tuple[list[TimelineResult], float]:
    """Score ``chronicle timeline --top T --json`` (one store per topic) on every gold timeline."""
    from bench.tls.product import run_gold, topic_stores

    results, derive_s = [], 0.0
    with topic_stores(db, topics) as stores:
        for topic in topics:
            derive_s += stores[topic].seconds
            for gold in data.load_gold(topic):
                run = run_gold(stores[topic], gold, window=window)
                rouge = align_rouge(run.predicted, gold.days)
                r = TimelineResult(topic, gold.name, len(gold.days), gold.sentences_per_date,
                                   date_prf(run.predicted, gold.days), rouge["rouge_1"], rouge["rouge_2"], run.seconds,
                                   run.predicted)
                results.append(r)
                log(f"{gold.name} [timeline --top {len(gold.days)}]: Date-F1 {r.dates.f1:.3f} AR-1 {r.rouge_1.f1:.3f} "
                    f"AR-2 {r.rouge_2.f1:.3f}")
    return results, derive_s


def _time_date_scores(db: Path) -> None:
    """Time the date weighing that ``timeline --top`` needs, on the whole store."""
    import chronicle
    from chronicle.timeline.dated import store_date_scores

    with chronicle.open(db) as store:
        t0 = time.perf_counter()
        scores = store_date_scores(store.store)
        seconds = time.perf_counter() - t0
        n = store.store.query("SELECT COUNT(*) FROM articles")[0][0]
    print(f"- `store_date_scores` (date weights for `timeline --top`) over the whole store ({n} articles, "
          f"{len(scores)} days): {seconds:.2f}s")


def _time_cli_timeline(db: Path) -> None:
    """Time ``chronicle timeline --json`` on the store, when the command exists on this branch."""
    import importlib

    from chronicle.cli.main import COMMAND_MODULES, cli

    for name in COMMAND_MODULES:
        importlib.import_module(name)
    if "timeline" not in cli.commands:
        print("- `chronicle timeline`: not on this branch yet (events branch); see the build time above")
        return
    cmd = [sys.executable, "-c", "import sys; from chronicle.cli import main; sys.exit(main())", "--db", str(db), "timeline", "--top", "20", "--json"]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    status = "ok" if proc.returncode == 0 else f"exit {proc.returncode}: {proc.stderr.strip()[-200:]}"
    print(f"- `chronicle timeline --top 20 --json` on the whole store: {seconds:.2f}s wall, process start "
          f"included ({status})")


if __name__ == "__main__":
    sys.exit(main())
