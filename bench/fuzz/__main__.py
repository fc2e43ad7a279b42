"""The long fuzzing run (issue 18): hostile inputs and mutations of our demo files, in batches
each ingested by a fresh process into a fresh store, plus random Unicode through the analysis.

    python -m bench.fuzz --cases 10000            # the issue's target run
    python -m bench.fuzz --cases 500 --spans 50   # a quick look

The cases come from tests/fuzz/hostile.py (the generator the CI gate uses, with other seeds).
A batch that runs past --timeout seconds is killed and counted as a hang; an exception out of
the ingest, or a bug caught at an input's boundary (ING040/ING041), as a crash. Printed: cases
tried, crashes, hangs, good files lost, bad files unreported, peak memory of one batch process
(max RSS), and for --spans the texts analysed and span violations. Exit status 1 on any.
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, print_table

sys.path.insert(0, str(ROOT / "tests" / "fuzz"))
import hostile  # noqa: E402  (tests/fuzz/hostile.py: one generator for the gate and this run)


def _batch(cases, conn) -> None:
    with tempfile.TemporaryDirectory(prefix="chronicle-fuzz-") as tmp:
        conn.send(hostile.run_batch(cases, Path(tmp)))
    conn.close()


def run_cases(n: int, seed: int, per_batch: int, timeout: float) -> tuple[hostile.Outcome, float]:
    """Run ``n`` cases in batches, one forked process per batch; returns the outcome and peak RSS (MB)."""
    import chronicle.text.feed  # noqa: F401  imported once here, inherited by every fork
    import feedparser  # noqa: F401
    import trafilatura  # noqa: F401

    ctx = mp.get_context("fork")
    total = hostile.Outcome()
    for b, start in enumerate(range(0, n, per_batch)):
        cases = hostile.generate(min(per_batch, n - start), seed=seed * 100_003 + b, start=start)
        parent, child = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_batch, args=(cases, child))
        proc.start()
        child.close()
        if parent.poll(timeout):
            try:
                total.merge(parent.recv())
            except EOFError:
                total.cases += len(cases)
                total.crashes.append(f"batch {b}: the process died (exit {proc.exitcode})")
        else:
            proc.kill()
            total.cases += len(cases)
            total.hangs.append(f"batch {b} (cases {start}-{start + len(cases) - 1}) ran past {timeout:g} s")
        proc.join()
        if proc.exitcode not in (0, None) and not total.hangs:
            total.crashes.append(f"batch {b}: the process exited with {proc.exitcode}")
        if (b + 1) % 20 == 0:
            print(f"  {total.cases} cases, {len(total.crashes)} crashes, {len(total.hangs)} hangs", file=sys.stderr)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return total, peak_mb


_FRAGMENTS = [
    "Talks resumed on Monday in Marenza.", '"We will not retreat," President Arkady Zhelezov said on Tuesday.',
    "The ministry said 150 prisoners were exchanged last week.", "Ilse Brandvold met Teodor Sabin in March 2025.",
    "\u201cIt is a start,\u201d she told reporters.", "Officials expect a ceasefire next month.", "\n\n", " ",
    "\u200b", "\u202e", "\t", "\r\n", "\u00a0", "\u2028", "\U0001f600", "e\u0301", "\ufeff", "\u0644\u0627", "\u00ab",
]


def _random_text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 14)):
        if rng.random() < 0.5:
            parts.append(rng.choice(_FRAGMENTS))
        else:  # random code points from anywhere in Unicode except the surrogates
            parts.append("".join(chr(rng.choice([rng.randrange(0x20, 0x250), rng.randrange(0xE000, 0x110000),
                                                 rng.randrange(0, 0xD800)])) for _ in range(rng.randint(1, 30))))
    return "".join(parts)


def run_spans(n: int, seed: int) -> tuple[int, list[str]]:
    """Analyse ``n`` random texts; return (texts analysed, span violations and stage failures)."""
    import datetime as dt

    from chronicle.dates import DateValue
    from chronicle.extract.pipeline import Pipeline
    from chronicle.records import ArticleText

    rng = random.Random(seed)
    pipeline = Pipeline()
    bad = []
    for i in range(n):
        text = _random_text(rng)
        day = dt.date(1900, 1, 1) + dt.timedelta(days=rng.randrange(73_000))
        analysis = pipeline(ArticleText(id=f"s{i}", text=text, published=DateValue.of_day(day), published_source="option"))
        bad += [f"text {i}: {d.message}" for d in analysis.diagnostics if d.code == "PIP010"]
        for stage in ("paragraphs", "sentences", "timexes", "mentions", "quotes", "events"):
            for r in getattr(analysis, stage):
                if not (0 <= r.start_char <= r.end_char <= len(text)) or text[r.start_char:r.end_char] != r.text:
                    bad.append(f"text {i}: {stage} span {r.start_char}-{r.end_char} is not {r.text!r}")
    return n, bad


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.fuzz", description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=10_000, help="hostile input files to try (default 10,000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--batch", type=int, default=100, help="files per ingest (default 100)")
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds before a batch counts as a hang")
    ap.add_argument("--spans", type=int, default=0, help="random Unicode texts through the analysis (needs spaCy)")
    args = ap.parse_args(argv)

    started = time.perf_counter()
    out, peak_mb = run_cases(args.cases, args.seed, args.batch, args.timeout)
    seconds = time.perf_counter() - started
    print_table(f"Fuzzing: {out.cases:,} cases, seed {args.seed}, batches of {args.batch}",
                ["cases tried", "crashes", "hangs", "good files lost", "bad files unreported", "peak memory (MB)",
                 "seconds"],
                [[out.cases, len(out.crashes), len(out.hangs), len(out.lost), len(out.unreported), round(peak_mb),
                  round(seconds)]])
    print_table("Cases by class", ["class", "cases"], sorted(out.by_class.items()))
    for name in ("crashes", "hangs", "lost", "unreported"):
        for line in getattr(out, name)[:10]:
            print(f"{name}: {line}")
    failed = not out.ok
    if args.spans:
        n, bad = run_spans(args.spans, args.seed)
        print_table("Random Unicode through analyze", ["texts", "span violations or stage failures"], [[n, len(bad)]])
        for line in bad[:10]:
            print(f"spans: {line}")
        failed = failed or bool(bad)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
