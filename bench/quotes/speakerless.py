"""Share of quotes with no speaker on a Timeline17 sample (every k-th article, all topics).

    python -m bench.quotes.speakerless             # 150 articles
    python -m bench.quotes.speakerless --n 4590    # all of Timeline17 (long: the full pipeline per article)
    python -m bench.quotes.speakerless --db T17.db # the quotes of a built store (what `quotes --json` prints)

Counts every quote of the stage default: with a named speaker, with a described one ("police spokesman",
``Quote.speaker_kind``, quotes.v9), and without one, splitting those by what the source words
were: "he"/"she" (what issue 16 asks to resolve), another pronoun (an interview's "I", "we"),
other words ("officials"), or no source at all; with the share of "he"/"she" quotes for which
the stage offered candidates (Quote.speaker_candidates).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

from bench.common import print_table

PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}
THIRD = {"he", "she"}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.quotes.speakerless", description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=150, help="articles (every k-th of Timeline17)")
    ap.add_argument("--show", type=int, default=0, help="print N speakerless he/she quotes")
    ap.add_argument("--show-kind", default="he/she", help="which class --show prints (e.g. 'other words')")
    ap.add_argument("--db", type=Path, default=None,
                    help="count the quotes of this built store instead (e.g. the full Timeline17 store of bench.ingest --keep)")
    args = ap.parse_args(argv)
    if args.db is not None:
        analyses, where = [_StoredQuotes(args.db)], f"store {args.db}"
    else:
        from bench.ingest.__main__ import sample_t17
        from chronicle.api import analyze_files

        with tempfile.TemporaryDirectory() as tmp:
            files, manifest = sample_t17(Path(tmp), args.n)
            print(f"Timeline17 sample: {len(files)} articles", file=sys.stderr)
            analyses, _ = analyze_files([str(f) for f in files], manifest=str(manifest))
        where = f"Timeline17 sample of {len(analyses)} articles"
    counts: Counter = Counter()
    shown = 0
    for a in analyses:
        for q in a.quotes:
            counts["quotes"] += 1
            if q.speaker is not None:
                counts["named speaker" if q.speaker_kind != "described" else "described source"] += 1
                continue
            counts["no speaker"] += 1
            words = (q.speaker_text or "").strip().lower()
            kind = ("no source words" if not words else "he/she" if words in THIRD
                    else "other pronoun (I, we, you, it, they)" if words in PRONOUNS else "other words")
            counts[kind] += 1
            if getattr(q, "speaker_candidates", ()):
                counts[kind + ", with candidates"] += 1
            if kind == args.show_kind and shown < args.show:
                shown += 1
                print(f"  {q.speaker_text!r} {q.cue!r}: {q.text[:90]!r}", file=sys.stderr)
    total = counts["quotes"] or 1
    rows = [[k, counts[k], counts[k] / total] for k in
            ("quotes", "named speaker", "described source", "no speaker", "he/she", "he/she, with candidates", "other pronoun (I, we, you, it, they)",
             "other words", "no source words")]
    print_table(f"Quotes without a speaker, {where}",
                ["quotes", "count", "share of all quotes"], rows)
    return 0


class _StoredQuotes:
    """A built store's quotes, read as the analyses' ``quotes`` are (speaker, speaker_kind, speaker_text, ...)."""

    def __init__(self, db: Path):
        import sqlite3
        from types import SimpleNamespace

        if not db.is_file():
            raise SystemExit(f"no store at {db}")
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            self.quotes = [SimpleNamespace(speaker=s, speaker_kind=k, speaker_text=t, cue=c, text=x, speaker_candidates=())
                           for s, k, t, c, x in conn.execute(
                               "SELECT speaker, speaker_kind, speaker_text, cue, text FROM quotes")]
        finally:
            conn.close()


if __name__ == "__main__":
    raise SystemExit(main())
