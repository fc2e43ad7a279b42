"""Misses and false alarms of the quote stage on a PolNeAR development split, for reading.

    python -m bench.quotes.errors --split dev                 # scores, then every miss and false alarm
    python -m bench.quotes.errors --split train --limit 200 --only fp --kind indirect
    python -m bench.quotes.errors --split dev --summary       # scores only (by kind), no listing

Development splits only (train, dev): the test split is scored by ``python -m bench.quotes``
and its errors are not for reading. The spaCy parse is cached under the system temp folder
(``chronicle-polnear-<split>-<limit>.spacy``), so a rerun after a rule change takes seconds.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from bench.common import shared_dir
from bench.quotes.__main__ import chronicle_attrs
from bench.quotes.polnear import Attr, Score, norm, overlaps, shared


def parsed_split(split: str, limit: int | None):
    """(docs, spaCy Docs) of one development split, the parse read from a cache when present."""
    from spacy.tokens import DocBin

    from bench.quotes.polnear import load_split
    from chronicle.extract.nlp import load_nlp

    docs = load_split(shared_dir() / "bench" / "polnear", split, limit)
    cache = Path(tempfile.gettempdir()) / f"chronicle-polnear-{split}-{limit or 'all'}.spacy"
    nlp = load_nlp()
    if cache.exists():
        parsed = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if [d.text for d in parsed] == [d.text for d in docs]:
            return docs, parsed
    parsed = list(nlp.pipe((d.text for d in docs), batch_size=16))
    DocBin(docs=parsed, store_user_data=False).to_disk(cache)
    return docs, parsed


def _match(text: str, gold: list[Attr], pred: list[Attr]):
    """Score.add's one-to-one matching: (unmatched gold, unmatched predictions, matched pairs)."""
    gold = [Attr(norm(text, g.content), norm(text, g.source), norm(text, g.cue)) for g in gold]
    pred = [Attr(norm(text, p.content), norm(text, p.source), norm(text, p.cue), p.kind) for p in pred]
    gold = [g for g in gold if g.content]
    pred = [p for p in pred if p.content]
    pairs = sorted(((shared(g.content, p.content), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)
                    if overlaps(g.content, p.content)), reverse=True)
    used_g, used_p, matched = set(), set(), []
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        matched.append((gold[gi], pred[pi]))
    return ([g for i, g in enumerate(gold) if i not in used_g], [p for i, p in enumerate(pred) if i not in used_p],
            matched)


def _show(text: str, spans) -> str:
    return " ... ".join(text[a:b] for a, b in spans).replace("\n", " ")


def _context(text: str, spans) -> str:
    a, b = spans[0][0], spans[-1][1]
    lo = max(text.rfind("\n", 0, a), text.rfind(". ", 0, max(a - 1, 0)), 0)
    hi = text.find("\n", b)
    return text[lo:hi if hi != -1 else len(text)].strip().replace("\n", " ")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.quotes.errors", description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", choices=["train", "dev"])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--only", choices=["fn", "fp", "src"], default=None,
                    help="misses, false alarms, or matched quotes with the wrong source")
    ap.add_argument("--kind", default=None, help="false alarms of this kind only")
    ap.add_argument("--summary", action="store_true", help="scores only")
    ap.add_argument("--nominal", action="store_true", help="PolNeAR scope (QuoteOptions(nominal=True))")
    args = ap.parse_args(argv)

    from chronicle.extract.quotes import QuoteOptions, extract_quotes

    docs, parsed = parsed_split(args.split, args.limit)
    options = QuoteOptions(nominal=args.nominal)
    score = Score()
    out = []
    for d, doc in zip(docs, parsed):
        attrs = chronicle_attrs(d.text, list(extract_quotes(d.text, doc=doc, options=options, diagnostics=[])))
        score.add(d.text, d.gold, attrs)
        if args.summary:
            continue
        fn, fp, matched = _match(d.text, d.gold, attrs)
        if args.only in (None, "fn"):
            for g in fn:
                out.append(f"FN {d.name} src=[{_show(d.text, g.source)}] cue=[{_show(d.text, g.cue)}]\n"
                           f"   content: {_show(d.text, g.content)}\n   context: {_context(d.text, g.content)}")
        if args.only in (None, "fp"):
            for p in fp:
                if args.kind and p.kind != args.kind:
                    continue
                out.append(f"FP {d.name} {p.kind} src=[{_show(d.text, p.source)}] cue=[{_show(d.text, p.cue)}]\n"
                           f"   content: {_show(d.text, p.content)}\n   context: {_context(d.text, p.content)}")
        if args.only == "src":
            for g, p in matched:
                if g.source and not overlaps(g.source, p.source):
                    out.append(f"SRC {d.name} gold=[{_show(d.text, g.source)}] ours=[{_show(d.text, p.source)}] "
                               f"cue=[{_show(d.text, p.cue)}]\n   content: {_show(d.text, p.content)}")
    print("\n".join(out))
    row = score.row()
    print(f"\n{args.split}: {len(docs)} articles, gold {score.gold}, predicted {score.pred}, matched {score.tp_overlap}; "
          f"P {row['content P overlap']:.3f} R {row['content R overlap']:.3f} F1 {row['content F1 overlap']:.3f} "
          f"source {row['source agreement']:.3f}", file=sys.stderr)
    for kind, n, m, p in score.by_kind():
        print(f"  {kind:9} predicted {n:5} matched {m:5} precision {p:.3f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
