"""Clean input on Timeline17: off-topic articles kept out of mixed piles, and what boilerplate
stripping cuts and costs.

    python -m bench.storyline.offtopic                 # 4 topics, 5% and 10% foreign articles
    python -m bench.storyline.offtopic --topics haiti MJ --seeds 3
    python -m bench.storyline.offtopic --show 200      # print the lines cut from 200 articles, to read

A mixed pile is every article of one topic (at most --cap of them) plus 5% or 10% as many
articles drawn from the other eight topics. Each pile goes through Chronicle's own ingest
into a fresh store (reading, the text stage with boilerplate stripping, duplicate marking,
then the cross-document step link/topic.py), without the per-article analysis, which the
topic step does not read. Reported per pile: the share of foreign articles marked off-topic
("kept out") and the share of the topic's own articles marked ("wrongly out"). Timeline17's
topics are themselves noisy (BBC programme schedules, pages in Vietnamese, football reports
filed under MJ), so part of "wrongly out" is right; --show-marked prints them to read.

The boilerplate section cuts a spread sample of articles and reports lines cut per reason,
and the per-article cost of the cut against the spaCy parse of the same articles.
"""
from __future__ import annotations

import argparse
import random
import tarfile
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from bench.common import print_table, shared_dir

DEFAULT_TOPICS = ["haiti", "MJ", "H1N1", "LibyaWar"]


def read_t17() -> dict[str, list[tuple[str, bytes]]]:
    """topic -> [(member name, bytes)] for every non-empty Timeline17 article."""
    out: dict[str, list[tuple[str, bytes]]] = defaultdict(list)
    with tarfile.open(shared_dir() / "bench" / "timeline17" / "t17-inputdocs.tar.gz") as tar:
        for m in tar:
            if m.isfile() and m.name.endswith(".txt"):
                data = tar.extractfile(m).read()
                if data.strip():
                    out[m.name.split("/")[0].rsplit("_", 1)[0]].append((m.name, data))
    return out


def run_pile(on: list[tuple[str, bytes]], off: list[tuple[str, bytes]]) -> dict:
    import chronicle

    with tempfile.TemporaryDirectory(prefix="chronicle-offtopic-") as tmp:
        paths = {}
        for name, data in on + off:
            path = Path(tmp, "in", name)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            paths[str(path)] = name
        foreign = {n for n, _ in off}
        with chronicle.open(Path(tmp, "pile.db")) as store:
            t0 = time.perf_counter()
            store.ingest([str(Path(tmp, "in"))], analyze=False)
            seconds = time.perf_counter() - t0
            rows = store.store.query("SELECT source_path, off_topic, title, text FROM articles")
    by_name = {paths[r["source_path"]]: r for r in rows}
    out_off = sum(1 for n in foreign if n in by_name and by_name[n]["off_topic"])
    wrong = [(n, r) for n, r in by_name.items() if n not in foreign and r["off_topic"]]
    stored_off = sum(1 for n in foreign if n in by_name)
    return {"off": stored_off, "kept_out": out_off, "on": len(by_name) - stored_off, "wrong": wrong, "seconds": seconds}


def offtopic(args, t17) -> None:
    rows, totals = [], Counter()
    for topic in args.topics:
        others = [x for t, v in t17.items() if t != topic for x in v]
        for seed in range(args.seeds):
            rng = random.Random(f"{topic}-{seed}")
            on = t17[topic] if len(t17[topic]) <= args.cap else rng.sample(t17[topic], args.cap)
            for share in (0.05, 0.10):
                off = rng.sample(others, max(1, round(share * len(on))))
                r = run_pile(on, off)
                totals.update(off=r["off"], kept_out=r["kept_out"], on=r["on"], wrong=len(r["wrong"]))
                rows.append([topic, seed, f"{share:.0%}", r["on"], r["off"], r["kept_out"] / max(1, r["off"]),
                             f"{len(r['wrong'])}/{r['on']}", r["seconds"]])
                if args.show_marked:
                    for name, row in r["wrong"]:
                        print(f"  wrongly out? {name}: {(row['title'] or '')[:60]!r} {row['text'][:100]!r}")
    print_table("Off-topic articles in Timeline17 mixed piles (ingest + link/topic.py)",
                ["topic", "seed", "foreign", "on-topic", "off-topic", "kept out", "wrongly out", "ingest s"], rows)
    print(f"\nall piles: {totals['kept_out']}/{totals['off']} off-topic kept out "
          f"({totals['kept_out'] / max(1, totals['off']):.1%}); {totals['wrong']}/{totals['on']} on-topic wrongly out "
          f"({totals['wrong'] / max(1, totals['on']):.1%})")


def boilerplate(args, t17) -> None:
    from chronicle.text.boilerplate import strip_boilerplate
    from chronicle.text.formats import _read_documents

    every = sorted((name, data) for v in t17.values() for name, data in v)
    sample = every[:: max(1, len(every) // args.sample)][: args.sample]
    texts, raw, cut_seconds, lines, cut, reasons = [], [], [], 0, 0, Counter()
    for name, data in sample:
        try:
            _, _, docs = _read_documents(name, data, None)
        except Exception:  # an empty or unreadable article: ingest reports it, the bench skips it
            continue
        for doc in docs:
            if isinstance(doc, Exception):
                continue
            t0 = time.perf_counter()
            cleaned = strip_boilerplate(doc.text)
            cut_seconds.append(time.perf_counter() - t0)
            texts.append(cleaned.text)
            raw.append(doc.text)
            lines += sum(1 for ln in doc.text.split("\n") if ln.strip())
            cut += len(cleaned.stripped)
            reasons.update(s.reason for s in cleaned.stripped)
            if args.show:
                for s in cleaned.stripped:
                    print(f"{s.reason:13s} {name.split('/')[0][:18]:18s} {s.line[:150]!r}")
    print_table(f"Boilerplate cut from {len(texts)} Timeline17 articles ({lines} lines)",
                ["reason", "lines cut"], [[r, n] for r, n in reasons.most_common()] + [["all", cut]])
    from chronicle.extract.nlp import load_nlp

    nlp = load_nlp()
    # The same articles for both: every k-th of the sample, so long and short pages both count.
    chosen = list(range(0, len(texts), max(1, len(texts) // max(1, args.parse_sample))))[: args.parse_sample]
    t0 = time.perf_counter()
    for _ in nlp.pipe([texts[i] for i in chosen], batch_size=16):
        pass
    t_parse = (time.perf_counter() - t0) / max(1, len(chosen))
    t0 = time.perf_counter()
    for _ in range(5):
        for i in chosen:
            strip_boilerplate(raw[i])
    per_cut = (time.perf_counter() - t0) / 5 / max(1, len(chosen))
    print(f"\nboilerplate step: {sum(cut_seconds) / max(1, len(texts)) * 1000:.2f} ms/article on the {len(texts)}; "
          f"on {len(chosen)} of them {per_cut * 1000:.2f} ms/article against the spaCy parse's "
          f"{t_parse * 1000:.1f} ms/article: ratio {per_cut / t_parse:.4f}")


def main(argv: list[str] | None = None) -> None:
    """``argv`` as on the command line (None: sys.argv); bench.storyline calls ``main([])``."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--topics", nargs="+", default=DEFAULT_TOPICS)
    ap.add_argument("--seeds", type=int, default=1, help="piles per topic and share")
    ap.add_argument("--cap", type=int, default=300, help="most on-topic articles per pile")
    ap.add_argument("--sample", type=int, default=400, help="articles for the boilerplate section")
    ap.add_argument("--parse-sample", type=int, default=100, help="of which parsed, for the cost ratio")
    ap.add_argument("--show", type=int, default=0, help="print the lines cut (from the first N sampled articles)")
    ap.add_argument("--show-marked", action="store_true", help="print the on-topic articles marked off-topic")
    ap.add_argument("--no-piles", action="store_true")
    args = ap.parse_args(argv)
    if args.show:
        args.sample = args.show
    t17 = read_t17()
    if not args.no_piles:
        offtopic(args, t17)
    boilerplate(args, t17)


if __name__ == "__main__":
    main()
