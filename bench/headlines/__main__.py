"""Headlines to read as an editor would: a store's timeline entries with the headline chosen from
their sources' candidates (timeline/headlines.py), beside the quoted summary.

    python -m bench.headlines --db story.db [--sample 40] [--seed 13]
    python -m bench.headlines --t17 MJ_bbc --articles 25      # a Timeline17 sub-corpus, ingested first

Prints one block per entry (date, type, headline, summary, the candidates when asked) for a
person to judge: is the headline grammatical, does it say only what the sources say. The
judgements and their count go in the closing note; nothing here scores itself.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import tarfile
import tempfile
from pathlib import Path

from bench.common import shared_dir

_DAY = re.compile(r"/InputDocs/(\d{4}-\d{2}-\d{2})/")


def entry_headlines(conn) -> list[dict]:
    """Each timeline entry with its sources' headline candidates and the headline chosen from them."""
    from chronicle.timeline.headlines import write_headline

    cand = {(r[0], r[1]): r[2] for r in conn.execute("SELECT article_id, idx, headline FROM events")}
    out = []
    for (view,) in conn.execute("SELECT view FROM timeline_entries ORDER BY range_start, id"):
        e = json.loads(view)
        ids = [(r[0], r[1]) for r in conn.execute(
            "SELECT article_id, event_idx FROM timeline_sources WHERE entry_id = ? ORDER BY article_id, event_idx",
            (e["id"],))]
        candidates = [cand.get(k) for k in ids]
        e["candidates"] = candidates
        e["chosen"] = e.get("headline") or write_headline(candidates, e["summary"], type=e["type"],
                                                          actors=e["actors"], negated=bool(e.get("negated")))
        out.append(e)
    return out


def _t17_store(corpus: str, articles: int, folder: Path) -> Path:
    """A store of ``articles`` articles of one Timeline17 sub-corpus, spread evenly over its dates."""
    import chronicle

    tar = shared_dir() / "bench" / "timeline17" / "t17-inputdocs.tar.gz"
    with tarfile.open(tar) as tf:
        members = sorted((m for m in tf.getmembers() if m.isfile() and m.name.startswith(corpus + "/")
                          and _DAY.search(m.name)), key=lambda m: m.name)
        step = max(1, len(members) // articles)
        chosen = members[::step][:articles]
        rows = ["path,published"]
        for i, m in enumerate(chosen):
            name = f"{i:03d}.txt"
            (folder / name).write_bytes(tf.extractfile(m).read())
            rows.append(f"{name},{_DAY.search(m.name)[1]}")
    (folder / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    db = folder / "t17.db"
    with chronicle.open(db) as api:
        api.ingest([folder], manifest=folder / "manifest.csv")
    return db


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(prog="python -m bench.headlines", description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", help="a Chronicle store")
    ap.add_argument("--t17", metavar="SUBCORPUS", help="ingest a Timeline17 sub-corpus first (MJ_bbc, haiti_bbc ...)")
    ap.add_argument("--articles", type=int, default=25)
    ap.add_argument("--sample", type=int, help="read this many entries, drawn at random")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--candidates", action="store_true", help="print every source's candidate too")
    args = ap.parse_args(argv)
    if args.t17:
        db = _t17_store(args.t17, args.articles, Path(tempfile.mkdtemp(prefix="bench-headlines-")))
    elif args.db:
        db = Path(args.db)
    else:
        ap.error("give --db or --t17")
    import chronicle

    with chronicle.open(db) as api:
        entries = entry_headlines(api.store.conn)
    if args.sample and args.sample < len(entries):
        entries = sorted(random.Random(args.seed).sample(entries, args.sample), key=lambda e: e["date"] or "")
    none = sum(1 for e in entries if not any(e["candidates"]))
    print(f"{len(entries)} entries; {none} without any candidate (headline cut from the summary)\n")
    for n, e in enumerate(entries, 1):
        print(f"[{n}] {e['date']}  {e['type']}  ({e['independent_sources']} src)")
        print(f"    H: {e['chosen']}")
        print(f"    S: {e['summary']}")
        if args.candidates:
            for c in e["candidates"]:
                print(f"       - {c}")


if __name__ == "__main__":
    main()
