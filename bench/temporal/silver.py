"""Development figures for the temporal stage on the TE3 silver data and TBAQ-cleaned train (never the test split).

    python -m bench.temporal.silver                 # silver + TBAQ train: extents, values, recall by class
    python -m bench.temporal.silver --show 30       # and the 30 commonest missed / partly matched phrases

The silver data (TE3-Silver-data-5.tar.gz, 2006 newswire annotated automatically by TIPSem and
TRIOS) is extracted to the temp folder, never into the repository. Its values are machine output
and often wrong (weekdays a week late, month-days a year off), so it serves for extents and recall
classes; values are judged on TBAQ train. A second table scores values when the anchor is only a
month or a year (the precision an inferred publication date often has), with the true DCT cut down.
"""
from __future__ import annotations

import argparse
import collections
import re
import tarfile
import tempfile
from pathlib import Path

from bench.common import print_table, shared_dir
from bench.temporal import data, scoring
from bench.temporal.__main__ import _parse, _Span

CUT = {"day": 10, "month": 7, "year": 4}


def _silver_docs(limit: int) -> list[data.Doc]:
    folder = Path(tempfile.gettempdir()) / "chronicle-te3-silver"
    if not folder.exists():
        with tarfile.open(shared_dir() / "bench" / "tempeval3" / "train-silver" / "TE3-Silver-data-5.tar.gz") as tar:
            tar.extractall(folder, filter="data")
    tml = next(p.parent for p in sorted(folder.rglob("*.tml")))
    docs = data.load_te3(tml)
    return docs[:limit] if limit else docs


def _run(docs, parsed, precision: str = "day"):
    from chronicle.dates import DateValue
    from chronicle.extract.temporal import extract_time_expressions

    for d, doc in zip(docs, parsed):
        anchor = DateValue.try_parse(d.dct[: CUT[precision]])
        yield d, [_Span(t) for t in extract_time_expressions(d.text, anchor=anchor, anchor_source="DCT", doc=doc)]


def _shape(text: str) -> str:
    """A phrase's class for recall counts: digits as 9, words kept (lower case)."""
    return re.sub(r"\d+", "9", text.lower())


def score(docs, parsed, show: int, label: str) -> list:
    sc = scoring.Scores()
    missed, partial = collections.Counter(), collections.Counter()
    missed_type, gold_type = collections.Counter(), collections.Counter()
    for d, out in _run(docs, parsed):
        pairs = scoring.add_doc(sc, d.gold, out)
        matched = {id(g) for g, _ in pairs}
        for g in d.gold:
            gold_type[g.type] += 1
            if id(g) not in matched:
                missed[(g.type, _shape(g.text))] += 1
                missed_type[g.type] += 1
        for g, s in pairs:
            if (g.start, g.end) != (s.start, s.end):
                partial[(_shape(g.text), _shape(s.text))] += 1
    if show:
        print(f"\n{label}: commonest missed (type, phrase) and partial (gold, ours) extents")
        for (k, n) in missed.most_common(show):
            print(f"  missed {n} {k}")
        for (k, n) in partial.most_common(show):
            print(f"  partial {n} {k}")
    recall = {t: 1 - missed_type[t] / gold_type[t] for t in sorted(gold_type)}
    return [label, sc.gold, *sc.prf(sc.strict), *sc.prf(sc.relaxed), sc.value_accuracy,
            " ".join(f"{t} {r:.2f}" for t, r in recall.items())]


def anchor_rows(name: str, docs, parsed) -> list[list]:
    rows = []
    for precision in CUT:
        sc = scoring.Scores()
        for d, out in _run(docs, parsed, precision):
            scoring.add_doc(sc, d.gold, out)
        rows.append([name, precision, sc.value_accuracy, sc.value_f1])
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.temporal.silver")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N silver documents")
    ap.add_argument("--show", type=int, default=0, help="list this many commonest missed and partial phrases")
    args = ap.parse_args(argv)

    from chronicle.extract.nlp import load_nlp

    nlp = load_nlp()
    tb = shared_dir() / "bench" / "tempeval3" / "train" / "TBAQ-cleaned"
    train = data.load_te3(tb / "TimeBank") + data.load_te3(tb / "AQUAINT")
    silver = _silver_docs(args.limit)
    parsed_train = _parse(nlp, train, "train-te3-0")
    parsed_silver = _parse(nlp, silver, f"silver-{args.limit}")
    rows = [score(silver, parsed_silver, args.show, f"TE3 silver ({len(silver)} docs)"),
            score(train, parsed_train, args.show, f"TBAQ-cleaned train ({len(train)} docs)")]
    print_table("Development extents and values (silver values are machine output: read them loosely)",
                ["data", "gold", "strict P", "strict R", "strict F1", "relaxed P", "relaxed R", "relaxed F1",
                 "value acc", "relaxed recall by gold type"], rows)
    print_table("Values when the anchor is only the DCT's month or year (as an inferred publication date may be)",
                ["data", "anchor precision", "value acc", "value F1"], anchor_rows("TBAQ-cleaned train", train, parsed_train))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
