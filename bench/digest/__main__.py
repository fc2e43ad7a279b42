"""The digest (``chronicle changes --since DATE``) on the reference corpus, and an eyeball run on Timeline17.

    python -m bench.digest                       # reference corpus: ranks of the three news items, background
    python -m bench.digest --t17 LibyaWar_cnn    # also: 30 articles of one Timeline17 topic, digest since a mid date
    python -m bench.digest --db STORE --since D  # also: the digest's time on a large store, as a ratio to
                                                 # the changes page's own reading (changes_summary) in the same run

Reference corpus (/work/shared/corpus/ukraine-calls, with its manifest), `changes --since 2025-03-18`
through the product path (Chronicle.changes, what the CLI prints with --json). The targets are ours,
written from reading the articles (bench/digest/targets.toml, keywords only): the 19 May Trump-Putin
call, the 19 March Trump-Zelensky call and the agreed 1,000-for-1,000 prisoner exchange. A line
matches a target when its date is the target's and the text behind its refs (an entry's headline,
summary and source sentences; a figure's, stance's or quote's sentence) holds every keyword group;
``kinds`` restricts the lines that count (a call is an entry's line, not a figure about it).
Printed: each target's rank (first matching line), the lines dated 2022 or earlier in the top ten,
the background-tier lines there, and the time of the ingest and of the changes report (median of 5).
"""
from __future__ import annotations

import argparse
import csv
import statistics
import tarfile
import tempfile
import time
import tomllib
from pathlib import Path

from bench.common import print_table, shared_dir

TARGETS = Path(__file__).resolve().parent / "targets.toml"
SINCE = "2025-03-18"


def line_texts(api, report: dict) -> list[str]:
    """Lower-cased text a reader sees behind each digest line: its headline, its entries' headline and
    summary, its figures' and stances' sentences."""
    entries = {e["id"]: e for e in report["new_events"] + report["updated_events"]}
    claims = {c["id"]: c["sentence"] for c in api.claims()}
    positions = {p["id"]: p["sentence"] for p in api.positions()}
    out = []
    for d in report["digest"]:
        parts = [d["headline"]]
        for ref in d["refs"]:
            if ref in entries:
                e = entries[ref]
                parts += [e.get("headline") or "", e["summary"]]
            parts.append(claims.get(ref) or positions.get(ref) or "")
        out.append(" ".join(parts).lower().replace("’", "'"))
    return out


def rank_of(target: dict, digest: list[dict], texts: list[str]) -> int | None:
    for d, text in zip(digest, texts):
        if target.get("kinds") and d["kind"] not in target["kinds"]:
            continue
        if (d["date"] or "")[:10] != target["date"]:
            continue
        if all(any(word in text for word in group) for group in target["all"]):
            return d["rank"]
    return None


def reference(limit: int = 20) -> None:
    import chronicle

    corpus = shared_dir() / "corpus" / "ukraine-calls"
    targets = tomllib.loads(TARGETS.read_text(encoding="utf-8"))["target"]
    with tempfile.TemporaryDirectory() as tmp, chronicle.open(Path(tmp) / "ref.db") as api:
        t0 = time.perf_counter()
        api.ingest([corpus], manifest=corpus / "manifest.csv")
        ingest_s = time.perf_counter() - t0
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            report = api.changes(SINCE, limit=limit)
            times.append(time.perf_counter() - t0)
        texts = line_texts(api, report)
        digest = report["digest"]
        ranks = [[t["id"], rank_of(t, digest, texts)] for t in targets]
        top = digest[:10]
        old = [d for d in top if d["date"] and int(d["date"][:4]) <= 2022]
        background = [d for d in top if d.get("tier") == "background"]
        print_table(f"Digest: changes --since {SINCE} on the reference corpus ({len(report['articles'])} new articles)",
                    ["target", "rank (first matching line)"], [[i, r if r is not None else "missing"] for i, r in ranks])
        print_table("Top ten", ["measure", "value"], [
            ["targets within the first ten lines", f"{sum(1 for _, r in ranks if r and r <= 10)}/{len(ranks)}"],
            ["lines dated 2022 or earlier", len(old)],
            ["background-tier lines", len(background)],
            ["ingest (5 articles), s", round(ingest_s, 2)],
            ["changes report with digest, median of 5, s", round(statistics.median(times), 3)]])
        ablation(api, report, targets)
        print("\nThe digest:")
        for d in digest:
            print(f"  {d['rank']:>2}. {d['date'] or 'undated':<14} {d['kind']:<11} {d['weight']:>6.3f} {d['tier']:<10} "
                  f"{d['headline']}")


ABLATIONS = {
    "all rules (digest.toml)": {},
    "no heading echo": {"echo": 1.0},
    "no news-peg (lead) boost": {"lead": 1.0},
    "no same-day decay": {"same_day_decay": 1.0},
    "no repeat rule": {"repeat": {"share": 0.5, "factor": 1.0}},
    "same-entry decay 0.7 (not 0.5)": {"same_entry_decay": 0.7},
    "none of echo, lead, same-day": {"echo": 1.0, "lead": 1.0, "same_day_decay": 1.0},
}


def ablation(api, report: dict, targets: list[dict]) -> None:
    """The targets' ranks with each rule of [strength] turned off in turn, in the same run: how much
    each rule carries (a rule that alone made the figures would be fitted, not general)."""
    import copy

    from chronicle.dates import DateValue
    from chronicle.views.digest import default_settings, digest_since

    rows = []
    for name, change in ABLATIONS.items():
        settings = copy.deepcopy(default_settings())
        settings["strength"].update(change)
        digest = digest_since(api.store.conn, DateValue.parse(SINCE), settings=settings)
        texts = line_texts(api, {**report, "digest": digest})
        rows.append([name, *(rank_of(t, digest, texts) or "missing" for t in targets),
                     sum(1 for d in digest[:10] if d["date"] and int(d["date"][:4]) <= 2022)])
    print_table("Ablation: the targets' ranks with one rule off", ["rules", *(t["id"] for t in targets),
                                                                  "2022-or-earlier in top ten"], rows)


def t17(topic: str, n: int = 30) -> None:
    """Ingest ``n`` articles spread over one Timeline17 topic's days; print the digest since its middle day."""
    import chronicle

    tar_path = shared_dir() / "bench" / "timeline17" / "t17-inputdocs.tar.gz"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / topic
        with tarfile.open(tar_path) as tar:
            members = sorted((m for m in tar if m.isfile() and m.name.startswith(f"{topic}/InputDocs/")),
                             key=lambda m: m.name)
            step = max(1, len(members) // n)
            chosen = members[::step][:n]
            rows = []
            for m in chosen:
                day = m.name.split("/")[2]
                name = f"{day}_{Path(m.name).name}"
                (folder).mkdir(parents=True, exist_ok=True)
                (folder / name).write_bytes(tar.extractfile(m).read())
                rows.append({"path": name, "published": day, "outlet": topic.split("_")[-1], "url": "", "title": ""})
        with (folder / "manifest.csv").open("w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=["path", "published", "outlet", "url", "title"])
            w.writeheader()
            w.writerows(rows)
        days = sorted(r["published"] for r in rows)
        since = days[len(days) // 2]
        with chronicle.open(Path(tmp) / "t17.db") as api:
            api.ingest([folder], manifest=folder / "manifest.csv")
            t0 = time.perf_counter()
            report = api.changes(since, limit=15)
            took = time.perf_counter() - t0
        first_year = int(days[0][:4])
        old = [d for d in report["digest"][:10] if d["date"] and int(d["date"][:4]) < first_year]
        print(f"\n### Timeline17 {topic}: {len(rows)} articles {days[0]}..{days[-1]}, changes --since {since} "
              f"({len(report['articles'])} new articles, {took:.2f} s); top ten dated before {first_year}: {len(old)}\n")
        for d in report["digest"]:
            print(f"  {d['rank']:>2}. {d['date'] or 'undated':<14} {d['kind']:<11} {d['weight']:>6.3f} {d['tier']:<10} "
                  f"{d['headline']}")


def speed(db: Path, since: str, repeat: int = 3) -> None:
    """Median time of Chronicle.digest and of Chronicle.changes_summary (what the changes page read
    before the digest) on one store, in the same run, and their ratio."""
    import chronicle

    with chronicle.open(db) as api:
        def timed(call):
            times = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                call()
                times.append(time.perf_counter() - t0)
            return statistics.median(times)

        summary = timed(lambda: api.changes_summary(since, shown=100))
        digest = timed(lambda: api.digest(since))
        full = timed(lambda: api.changes(since))
        articles = api.store.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    print_table(f"Speed on {db.name} ({articles} articles), since {since}, median of {repeat}",
                ["reading", "s", "ratio to changes_summary"],
                [["changes_summary (the changes page's sections)", round(summary, 3), 1.0],
                 ["digest alone (Chronicle.digest)", round(digest, 3), round(digest / summary, 2)],
                 ["changes --json (report with digest)", round(full, 3), round(full / summary, 2)]])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.digest", description=__doc__.splitlines()[0])
    parser.add_argument("--t17", metavar="TOPIC", action="append", default=[],
                        help="also run on 30 articles of this Timeline17 topic (e.g. LibyaWar_cnn); repeatable")
    parser.add_argument("--articles", type=int, default=30, help="articles per Timeline17 topic")
    parser.add_argument("--db", type=Path, help="a large store to time the digest on (with --since)")
    parser.add_argument("--since", default=None, help="the day to compare from on --db")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    reference()
    for topic in args.t17:
        t17(topic, args.articles)
    if args.db:
        speed(args.db, args.since or SINCE)
    print(f"\nrun time: {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
