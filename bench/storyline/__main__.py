"""The storyline bench (issue 13): ``python -m bench.storyline [--db T17.db] [--topics MJ H1N1]``.

Scores only what the product prints, ``chronicle timeline [--top T] --json``, in one run:

1. the reference corpus (../shared/corpus/ukraine-calls) against our hand-written list of its
   real events (bench/storyline/ukraine_events.toml): precision of the whole timeline and of
   ``--top 15``, duplicates, milestone recall, undated reports shown on a publication day;
2. Timeline17, one store per topic, ``--top T`` per gold timeline: Date-F1, AR-1, AR-2, the
   duplicate rate, entries before the topic's window, boilerplate entries (bench/storyline/t17.py);
3. the mixed pile (bench/storyline/offtopic.py, when present): off-topic articles kept out.

The Timeline17 store is the one ``python -m bench.ingest --all --no-ceiling --keep PATH`` keeps,
or the one ``python -m bench.tls`` builds; topics it lacks are ingested into it first. Each topic
then gets a store of its own (bench/tls/product.py): the analysed rows are copied and the
product's store-wide steps rerun. Articles analysed by other stage versions than the installed
ones are analysed again there (as ``chronicle ingest`` would); ``--refresh`` does that once in
the shared store instead. The full run: ``--db bench/results/t17-full.db --topics all``.
"""
from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import sys
import time
from pathlib import Path

from bench.common import ROOT, print_table
from bench.storyline import reference
from bench.tls import data

DEFAULT_DB = ROOT / "bench" / "results" / "tls" / "t17.db"
DEV_TOPICS = ["MJ", "EgyptianProtest", "haiti"]  # the three cheapest to build (~700 articles)
# Published T17 anchors (Date-F1, AR-1, AR-2); None where the source gives no figure.
ANCHORS = [
    ("SUnSET, GPT-4o (2025; Date-F1 as issue 13 quotes it)", 0.590, None, None),
    ("SUnSET, Qwen-72B (2025)", 0.576, 0.136, 0.044),
    ("DATEWISE (Ghalandari & Ifrim 2020)", 0.544, 0.120, 0.035),
]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.storyline", description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, default=DEFAULT_DB, help="Timeline17 store to read, or to build (default: %(default)s)")
    ap.add_argument("--topics", nargs="*", help=f"Timeline17 topics (default: {' '.join(DEV_TOPICS)}; 'all' for every topic)")
    ap.add_argument("--jobs", type=int, default=2, help="ingest processes when topics are missing from --db")
    ap.add_argument("--refresh", action="store_true", help="re-analyse stored articles from other stage versions first")
    ap.add_argument("--reference-db", type=Path, help="an existing store of the reference corpus (default: ingest it anew)")
    ap.add_argument("--no-reference", action="store_true", help="skip the reference corpus")
    ap.add_argument("--no-t17", action="store_true", help="skip Timeline17")
    ap.add_argument("--no-offtopic", action="store_true", help="skip the mixed-pile (off-topic) bench")
    ap.add_argument("--keep-topic-stores", type=Path, metavar="DIR", help="keep the per-topic stores here")
    ap.add_argument("--text", choices=["summary+detail", "summary", "headline"], default="summary+detail",
                    help="what AR-1/AR-2 read of an entry: its summary and detail sentences (default), the summary "
                         "alone, or its headline (falling back to the summary where absent)")
    ap.add_argument("--explain", action="store_true", help="print how each reference entry was matched")
    ap.add_argument("--json", type=Path, help="write every figure here")
    args = ap.parse_args(argv)

    summary: list[list] = []
    out: dict = {}
    if not args.no_reference:
        out["reference"] = _reference(args, summary)
    if not args.no_t17:
        topics = data.topics() if args.topics == ["all"] else (args.topics or DEV_TOPICS)
        unknown = sorted(set(topics) - set(data.topics()))
        if unknown:
            ap.error(f"unknown topic(s) {', '.join(unknown)}; known: {', '.join(data.topics())}")
        out["timeline17"] = _timeline17(args, topics, summary)
    if not args.no_offtopic:
        out["offtopic"] = _offtopic(summary)
    print_table("Storyline: Chronicle now beside the targets of issue 13 and the published anchors",
                ["measure", "Chronicle now", "target", "anchor"], summary)
    if args.json:
        args.json.write_text(json.dumps(out, indent=1, default=str))
    return 0


def _reference(args, summary: list[list]) -> dict:
    s, seconds = reference.run(db=args.reference_db)
    if args.explain:
        print("\n### Reference corpus, entry by entry (ok = a real event on a right date)\n")
        print(reference.explain(s))
    rows = [
        ["reference: whole timeline, real events on a right date", f"{s.right}/{s.entries} = {s.precision:.3f}",
         ">= 0.667", ""],
        ["reference: duplicates (entries beyond the first for one event)", s.duplicates, "0", ""],
        ["reference: undated reports shown on a publication day", s.published_day, "0", ""],
        [f"reference: --top {reference.TOP}, real events on a right date",
         f"{s.top_right}/{s.top_entries} = {s.top_precision:.3f}", "", ""],
        [f"reference: --top {reference.TOP}, duplicates", s.top_duplicates, "0", ""],
        [f"reference: --top {reference.TOP}, milestones held (right date)", f"{s.milestones_in_top}/{s.milestones}",
         f"{s.milestones}/{s.milestones}", ""],
        [f"reference: --top {reference.TOP}, background or undated entries", s.top_background, "0", ""],
        ["reference: fixture events found on a right date (whole timeline)", f"{s.events_found}/{s.events}", "", ""],
    ]
    summary.extend(rows)
    if s.missing_milestones:
        print(f"\nreference: milestones not held in --top {reference.TOP}: {', '.join(s.missing_milestones)}")
    print(f"reference: ingest + two `timeline --json` calls {seconds:.1f}s")
    return {k: v for k, v in vars(s).items() if k not in ("matches", "top_matches")} | {
        "precision": s.precision, "top_precision": s.top_precision,
        "entries_explained": [[m.entry.get("date"), m.entry.get("section"), m.event.id if m.event else None, m.right,
                               m.entry.get("summary")] for m in s.matches]}


def _timeline17(args, topics: list[str], summary: list[list]) -> list[dict]:
    from bench.storyline import product
    from bench.storyline.boilerplate import is_boilerplate
    from bench.storyline.t17 import SPLIT_LIMIT, StorylineScores, score_run, split_sizes
    from bench.tls.metrics import average
    from bench.tls.product import run_gold, topic_stores
    from bench.tls.run import ensure_store

    t0 = time.perf_counter()
    ensure_store(args.db, topics, jobs=args.jobs, rebuild=False, refresh=args.refresh)
    ingest_s = time.perf_counter() - t0
    results: dict[str, list[tuple[str, str, StorylineScores]]] = {"window": [], "plain": []}
    rows, cli_s, derive_s, whole_entries, whole_boiler = [], 0.0, 0.0, 0, 0
    split_over, split_events, split_most = 0, 0, 0
    with topic_stores(args.db, topics, keep_dir=args.keep_topic_stores) as stores:
        for topic in topics:
            store = stores[topic]
            derive_s += store.seconds
            t1 = time.perf_counter()
            whole = product.timeline(store.db)
            cli_s += time.perf_counter() - t1
            whole_entries += len(whole)
            whole_boiler += sum(1 for e in whole if is_boilerplate(e))
            for gold in data.load_gold(topic):
                sizes = split_sizes(whole, gold.days)
                over = sum(1 for n in sizes.values() if n > SPLIT_LIMIT)
                split_over, split_events = split_over + over, split_events + len(sizes)
                split_most = max(split_most, *sizes.values(), 0)
                for mode in ("window", "plain"):
                    run = run_gold(store, gold, window=mode == "window", text=args.text)
                    cli_s += run.seconds
                    results[mode].append((topic, gold.name, score_run(run, store.earliest, text=args.text)))
                w, p = results["window"][-1][2], results["plain"][-1][2]
                rows.append([topic, gold.name, len(gold.days), w.dates.f1, w.rouge_1.f1, w.rouge_2.f1, p.dates.f1,
                             f"{w.duplicates}/{w.entries}", f"{p.duplicates}/{p.entries}", p.before_window,
                             p.boilerplate, w.coarse, f"{over} ({max(sizes.values(), default=0)})"])
    print_table(f"Timeline17 per gold timeline, `timeline --top T` (T = gold dates); window = --since/--until the "
                "gold's first/last date (the news-tls protocol), plain = --top T alone",
                ["topic", "gold timeline", "T", "Date-F1", "AR-1 F", "AR-2 F", "Date-F1 plain", "dups", "dups plain",
                 "before window (plain)", "boilerplate (plain)", "coarse entries",
                 f"gold events told by > {SPLIT_LIMIT} entries, whole timeline (most)"], rows)

    def agg(mode: str) -> dict:
        scores = [s for _, _, s in results[mode]]
        entries = sum(s.entries for s in scores)
        alone = [s.rouge_1_summary for s in scores if s.rouge_1_summary is not None]
        return {"date_f1": average([s.dates for s in scores]).f1, "ar1": average([s.rouge_1 for s in scores]).f1,
                "ar1_summary": average(alone).f1 if alone else None,
                "ar2": average([s.rouge_2 for s in scores]).f1, "entries": entries,
                "duplicates": sum(s.duplicates for s in scores), "before_window": sum(s.before_window for s in scores),
                "boilerplate": sum(s.boilerplate for s in scores),
                "duplicate_rate": sum(s.duplicates for s in scores) / entries if entries else 0.0}

    w, p = agg("window"), agg("plain")
    which = "all topics" if len(topics) == len(data.topics()) else ", ".join(topics)
    n = len(results["window"])
    anchor = lambda i: "; ".join(f"{name.split(' (')[0]} {a[i]:.3f}" for name, *a in ANCHORS if a[i] is not None)  # noqa: E731
    summary.extend([
        [f"T17 ({which}; {n} timelines): Date-F1, --top T in the gold's window", w["date_f1"], ">= 0.60", anchor(0)],
        ["T17: AR-1 F", w["ar1"], ">= 0.15", anchor(1)],
        ["T17: AR-2 F", w["ar2"], "", anchor(2)],
        *([["T17: AR-1 F of the summary sentence alone (no detail)", w["ar1_summary"], "", ""]]
          if w["ar1_summary"] is not None else []),
        ["T17: duplicate rate in --top T", f"{w['duplicates']}/{w['entries']} = {w['duplicate_rate']:.3f}", "< 0.05", ""],
        ["T17: Date-F1 / AR-1 / AR-2, plain --top T (no window)",
         f"{p['date_f1']:.3f} / {p['ar1']:.3f} / {p['ar2']:.3f}", "", ""],
        ["T17: duplicate rate, plain --top T", f"{p['duplicates']}/{p['entries']} = {p['duplicate_rate']:.3f}", "< 0.05", ""],
        ["T17: entries before the topic's window, plain --top T", p["before_window"], "0", ""],
        ["T17: boilerplate entries, plain --top T", p["boilerplate"], "0", ""],
        ["T17: boilerplate entries in the whole timeline (every section)", f"{whole_boiler}/{whole_entries}", "", ""],
        [f"T17: gold events told by more than {SPLIT_LIMIT} entries of the whole timeline (most for one)",
         f"{split_over}/{split_events} ({split_most})", "0", ""],
    ])
    print(f"\nT17 speed: store check/ingest {ingest_s:.1f}s; per-topic stores (copy, trim, store-wide steps) "
          f"{derive_s:.1f}s; {2 * n} `timeline --top T --json` calls and {len(topics)} whole `timeline --json` {cli_s:.2f}s; AR reads each entry's {args.text}")
    return [{"mode": mode, "topic": t, "timeline": name, "date_f1": s.dates.f1, "ar1": s.rouge_1.f1, "ar2": s.rouge_2.f1,
             "entries": s.entries, "duplicates": s.duplicates, "before_window": s.before_window,
             "boilerplate": s.boilerplate, "coarse": s.coarse}
            for mode, rs in results.items() for t, name, s in rs]


def _offtopic(summary: list[list]):
    """The mixed-pile bench another engineer writes (bench/storyline/offtopic.py), when it is there.

    Its ``rows()`` (``[[measure, Chronicle now, target, anchor], ...]``) join the summary table;
    without ``rows``, its ``main([])`` runs and prints its own figures.
    """
    if importlib.util.find_spec("bench.storyline.offtopic") is None:
        summary.append(["mixed pile: off-topic articles kept out", "(bench/storyline/offtopic.py not there yet)", "", ""])
        return None
    try:
        offtopic = importlib.import_module("bench.storyline.offtopic")
        if hasattr(offtopic, "rows"):
            rows = offtopic.rows()
            summary.extend(rows)
            return rows
        return offtopic.main([])
    except Exception as exc:  # noqa: BLE001 - the other parts' figures must still print
        summary.append(["mixed pile: off-topic articles kept out", f"failed: {type(exc).__name__}: {exc}", "", ""])
        return None


if __name__ == "__main__":
    sys.exit(main())
