"""Quote attribution on PolNeAR, beside textacy's direct_quotations and the published anchors.

    python -m bench.quotes                 # test split (the reported figures)
    python -m bench.quotes --split dev     # develop on dev (or train)
    python -m bench.quotes --limit 20      # a quick subset

Both systems read the same spaCy parse; the throughput rows time each extractor alone (best of three),
excluding the parse, on one core.
"""
from __future__ import annotations

import argparse
import re
import sys
import time

from bench.common import print_table, shared_dir
from bench.quotes.polnear import Attr, Score, load_split

_MARKS = "\"“”'‘’«»"

ANCHORS = [
    ["BBC Citron en_2021-11-15 (PARC 3.0 test)", 0.593, 0.833, 0.567, 0.832, "models/en_2021-11-15/README.md"],
    ["Citron (Newell et al. 2018, PARC3, exact)", 0.723, "", 0.568, "", "DSJM 2018 Tables 1, 2, 6"],
    ["PolNeAR inter-annotator agreement", "", "", "", 0.923, "attribution-wise, LREC 2018"],
]


_THAT = re.compile(r"\bthat,?\s*$", re.I)


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """PolNeAR's content conventions, from Chronicle's: a direct quote's span includes its
    quotation marks and the complementizer before them ('said that “…”'); Chronicle keeps
    only the quoted words in Quote.text."""
    widened = False
    for _ in range(2):  # '' and `` are two characters
        if start > 0 and text[start - 1] in _MARKS + "`":
            start -= 1
            widened = True
        if end < len(text) and text[end] in _MARKS:
            end += 1
    that = _THAT.search(text, max(0, start - 8), start) if widened else None
    return (that.start() if that else start), end


def chronicle_attrs(text: str, quotes) -> list[Attr]:
    """Quotes sharing one cue ("“…,” X said, “…”") are one attribution with a split content."""
    groups: dict[tuple, list] = {}
    for q in quotes:
        key = (q.cue_start, q.cue_end) if q.cue_start is not None else ("q", q.start_char)
        groups.setdefault(key, []).append(q)
    out = []
    for qs in groups.values():
        content = tuple(sorted(_widen(text, q.start_char, q.end_char) for q in qs))
        q = qs[0]
        source = ((q.speaker_start, q.speaker_end),) if q.speaker_start is not None else ()
        cue = ((q.cue_start, q.cue_end),) if q.cue_start is not None else ()
        kinds = {x.kind for x in qs}
        out.append(Attr(content, source, cue, kinds.pop() if len(kinds) == 1 else "mixed"))
    return out


def textacy_attrs(doc, direct_quotations) -> list[Attr] | None:
    out = []
    try:
        triples = list(direct_quotations(doc))
    except ValueError:  # textacy gives up on a whole article with an unbalanced quotation mark
        return None
    for triple in triples:
        content = ((triple.content.start_char, triple.content.end_char),)
        source = tuple((t.idx, t.idx + len(t.text)) for t in triple.speaker)
        cue = tuple((t.idx, t.idx + len(t.text)) for t in triple.cue)
        out.append(Attr(content, source, cue))
    return out


def best_of(n: int, run):
    """(result, fastest wall time of n runs): the machine is shared, the minimum is the honest figure."""
    best, result = None, None
    for _ in range(n):
        t0 = time.perf_counter()
        result = run()
        elapsed = time.perf_counter() - t0
        best = elapsed if best is None else min(best, elapsed)
    return result, best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.quotes", description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="test", choices=["train", "dev", "test"])
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--no-peer", action="store_true", help="skip textacy")
    args = ap.parse_args(argv)

    from chronicle.extract.nlp import load_nlp
    from chronicle.extract.quotes import STAGE_ID, QuoteOptions, extract_quotes

    docs = load_split(shared_dir() / "bench" / "polnear", args.split, args.limit)
    words = sum(len(d.text.split()) for d in docs)
    print(f"PolNeAR {args.split}: {len(docs)} articles, {words} words, "
          f"{sum(len(d.gold) for d in docs)} gold attributions", file=sys.stderr)
    nlp = load_nlp()
    t0 = time.perf_counter()
    parsed = list(nlp.pipe((d.text for d in docs), batch_size=16))
    t_parse = time.perf_counter() - t0

    ours = Score()
    predictions, t_ours = best_of(3, lambda: [list(extract_quotes(d.text, doc=doc, diagnostics=[]))
                                              for d, doc in zip(docs, parsed)])
    for d, quotes in zip(docs, predictions):
        ours.add(d.text, d.gold, chronicle_attrs(d.text, quotes))
    # PolNeAR also annotates stances toward a noun phrase ("cited the report"); the stage leaves
    # them out of a quote list by default, so the same extractor is scored with and without.
    scope = Score()
    wide = QuoteOptions(nominal=True)
    for d, doc in zip(docs, parsed):
        scope.add(d.text, d.gold, chronicle_attrs(d.text, list(extract_quotes(d.text, doc=doc, options=wide,
                                                                              diagnostics=[]))))

    version = STAGE_ID.removeprefix("chronicle.")
    rows = [[f"Chronicle {version} (stage default)", *ours.row().values()],
            [f"Chronicle {version}, PolNeAR scope (nominal=True, + kind stance)", *scope.row().values()]]
    speed = [["spaCy parse (shared, not counted)", words / t_parse, ""],
             ["Chronicle quote stage", words / t_ours, 1.0]]
    peer = None
    if not args.no_peer:
        try:
            from textacy.extract.triples import direct_quotations
        except ImportError:
            print("textacy not installed: pip install 'chronicle-news[bench]'", file=sys.stderr)
        else:
            peer = Score()
            found, t_peer = best_of(3, lambda: [textacy_attrs(doc, direct_quotations) for doc in parsed])
            for d, attrs in zip(docs, found):
                peer.add(d.text, d.gold, attrs or [])
            gave_up = sum(a is None for a in found)
            rows.append([f"textacy 0.13 direct_quotations (gave up on {gave_up} articles)", *peer.row().values()])
            speed.append(["textacy direct_quotations", words / t_peer, (words / t_ours) / (words / t_peer)])

    header = ["system", *ours.row().keys()]
    print_table(f"PolNeAR {args.split} ({len(docs)} articles, {ours.gold} attributions)", header, rows)
    print_table("Chronicle (stage default): content precision (overlap) by kind",
                ["kind", "predicted", "matched", "precision"], ours.by_kind())
    print_table("Published anchors (not the same data: PARC 3.0 is LDC-licensed)",
                ["system", "content F1 exact", "content F1 overlap", "full F1 exact", "full F1 overlap", "source"],
                ANCHORS)
    print_table("Throughput, one core, excluding the parse",
                ["extractor", "words/s", "Chronicle speed-up"], speed)
    from bench.quotes.pronouns import run as run_pronouns

    right, total, wrong = run_pronouns(shared_dir() / "corpus" / "ukraine-calls")
    print(f"\nReference corpus pronoun speakers (hand-checked table, bench/quotes/pronouns.py): "
          f"{right}/{total} resolved to the right person" + "".join(f"\n  wrong: {w}" for w in wrong))
    print(f"\nPredicted {ours.pred} attributions; matched (overlap) {ours.tp_overlap}; "
          f"target content-overlap F1 >= 0.70, source agreement >= 0.85, >= 20,000 words/s.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
