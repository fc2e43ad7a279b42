"""Where ingest time goes on Timeline17: ``python -m bench.tls.profile [--n 60] [--topic MJ]``.

Runs the installed pipeline in this process (one job) over a sample of T17 articles and
reports CPU seconds per stage, and the store write, per 1,000 words, with the
extrapolation to all 5.8M words of T17.
"""
from __future__ import annotations

import argparse
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from bench.common import print_table
from bench.tls import data

T17_WORDS = 5_823_355  # `wc -w` over the 4,650 files


class Timed:
    """A stage wrapper that adds up the CPU time the stage spends."""

    def __init__(self, stage, totals: dict):
        self.stage, self.totals = stage, totals
        self.id, self.requires, self.assigns = stage.id, stage.requires, stage.assigns
        if hasattr(stage, "run_batch"):
            self.run_batch = self._run_batch

    def __call__(self, state):
        t0 = time.process_time()
        try:
            return self.stage(state)
        finally:
            self.totals[self.id] += time.process_time() - t0

    def _run_batch(self, states):
        t0 = time.process_time()
        try:
            return self.stage.run_batch(states)
        finally:
            self.totals[self.id] += time.process_time() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.tls.profile", description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=60, help="articles to analyse (default: %(default)s)")
    ap.add_argument("--topic", default="LibyaWar", help="topic to sample from (default: %(default)s)")
    args = ap.parse_args(argv)

    from chronicle.extract.pipeline import Pipeline
    from chronicle.records import ArticleText
    from chronicle.store import Store
    from chronicle.text.formats import documents_from_input

    with tempfile.TemporaryDirectory(prefix="chronicle-t17-prof-") as tmp:
        data.extract_articles(Path(tmp), [args.topic])
        paths = sorted(Path(tmp).glob("*/InputDocs/*/*.txt"))
        step = max(1, len(paths) // args.n)
        articles = []
        for path in paths[::step][: args.n]:
            _, _, docs = documents_from_input(str(path), path.read_bytes())
            for i, doc in enumerate(d for d in docs if not isinstance(d, Exception)):
                articles.append(ArticleText(id=f"{path.stem}-{i}", text=doc.text, title=doc.title))
        words = sum(len(a.text.split()) for a in articles)
        t0 = time.process_time()
        base = Pipeline()
        load = time.process_time() - t0
        totals: dict[str, float] = defaultdict(float)
        pipeline = Pipeline(base.settings, stages=[Timed(s, totals) for s in base.stages])
        t0 = time.process_time()
        analyses = list(pipeline.pipe(articles))
        run = time.process_time() - t0
        store = Store(Path(tmp) / "p.db")
        store.conn.execute("PRAGMA foreign_keys=OFF")  # annotations only: no article rows in this timing store
        t0 = time.process_time()
        with store.transaction():
            store.add_analyses(analyses, pipeline.version)
        write = time.process_time() - t0
        store.close()

    rows = [[sid, sec, 1e6 * sec / words, sec / words * T17_WORDS / 60] for sid, sec in totals.items()]
    rows.append(["(pipeline overhead)", run - sum(totals.values()), 1e6 * (run - sum(totals.values())) / words,
                 (run - sum(totals.values())) / words * T17_WORDS / 60])
    rows.append(["store: add_analyses", write, 1e6 * write / words, write / words * T17_WORDS / 60])
    print_table(f"CPU per stage: {len(articles)} {args.topic} articles, {words} words, one process "
                f"(model load {load:.1f}s, not counted)",
                ["stage", "CPU s", "CPU ms / 1k words", "all T17, CPU min (1 core)"], rows)
    total = run + write
    print(f"\nTotal {total:.1f}s CPU for {words} words = {words / total:.0f} words/s per core; all of T17 "
          f"({T17_WORDS:,} words) = {total / words * T17_WORDS / 60:.1f} CPU minutes, "
          f"{total / words * T17_WORDS / 60 / 2:.1f} min on 2 free cores.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
