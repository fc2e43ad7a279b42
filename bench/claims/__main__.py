"""Numeric claims and positions, scored on hand labels, with a quantity-extraction peer and the stages' cost.

    python -m bench.claims            # labels in bench/claims/labels/*.toml, plus speed on 200 Timeline17 articles
    python -m bench.claims --speed 0  # labels only
    python -m bench.claims --speed 0 --misses  # dev sets only: each missed and each unmatched position, with its sentence

Labels (our own files, short values and words, never article text) are matched per article:
a found claim matches a gold one with the same value; "counts" is right when the counted phrase is
the gold one (any case); the claimant is right when one name holds the other ("" = the outlet).
A found position matches a gold one when its phrase holds the gold words and its actor holds the
gold actor (or the reverse); actor and stance agreement are scored on the positions matched by words.
The peer is spaCy's own quantities: each like_num token outside dates, times and ordinals, counting
its head noun (the "spaCy like_num + head noun" baseline the issue names), scored on the same gold claims.
Speed: the claims and positions stages' time as a share of the whole per-article pipeline.
"""
from __future__ import annotations

import argparse
import tempfile
import time
import tomllib
from pathlib import Path

from bench.common import ROOT, print_table, shared_dir

LABELS = Path(__file__).resolve().parent / "labels"


def corpora(work: Path) -> dict[str, tuple[Path, Path | None, str]]:
    """label set -> (folder of the articles, manifest, split). Timeline17 articles named by the
    labels are extracted from the shared tarball into ``work`` (dated by their folder)."""
    out = {"demo": (ROOT / "examples" / "demo", ROOT / "examples" / "demo" / "manifest.csv", "dev"),
           "reference": (shared_dir() / "corpus" / "ukraine-calls",
                         shared_dir() / "corpus" / "ukraine-calls" / "manifest.csv", "dev")}
    for path in sorted(LABELS.glob("t17-*.toml")):
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        wanted = {a["file"] for a in raw["article"]}
        dest = work / path.stem
        _extract_t17(wanted, dest)
        out[path.stem] = (dest, dest / "manifest.csv", raw.get("split", "dev"))
    return out


def _extract_t17(names: set[str], dest: Path) -> None:
    import csv
    import tarfile

    tar_path = shared_dir() / "bench" / "timeline17" / "t17-inputdocs.tar.gz"
    with tarfile.open(tar_path) as tar:
        for m in tar:
            if m.isfile() and m.name in names:
                out = dest / m.name
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(tar.extractfile(m).read())
    with (dest / "manifest.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["path", "published", "outlet", "url", "title"])
        for name in sorted(names):
            parts = Path(name).parts
            w.writerow([name, parts[-2], parts[0].rsplit("_", 1)[-1], "", ""])


def analyse(folder: Path, manifest: Path | None, names: list[str], pipeline):
    from chronicle.api import analyze_files

    files = [str(folder / n) for n in names]
    analyses, failed = analyze_files(files, manifest=str(manifest) if manifest else None, pipeline=pipeline)
    assert not failed, failed
    return dict(zip(names, analyses))


def _same(a: str | None, b: str | None) -> bool:
    a, b = (a or "").lower().strip(), (b or "").lower().strip()
    return a == b or (bool(a) and bool(b) and (a in b or b in a))


def peer_counts(doc, start: int, end: int) -> str | None:
    """spaCy's own reading: the head noun of the like_num token in [start, end)."""
    for tok in doc:
        if start <= tok.idx < end and tok.like_num and tok.ent_type_ not in ("DATE", "TIME", "ORDINAL"):
            return tok.head.text if tok.head.pos_ in ("NOUN", "PROPN") and tok.head is not tok else None
    return None


def score(analyses: dict, labels: list[dict], nlp) -> dict:
    s = dict.fromkeys(("gold_c", "found_c", "hit_c", "counts_ok", "claimant_ok", "peer_ok", "peer_found",
                       "gold_p", "found_p", "hit_p", "actor_ok", "stance_ok", "words_hit"), 0)
    for art in labels:
        an = analyses[art["file"]]
        golds = list(art.get("positions", []))
        s["gold_p"] += len(golds)
        s["found_p"] += len(an.positions)
        for k, g in match_positions(an.positions, golds).items():
            p = an.positions[k]
            s["words_hit"] += 1
            actor_ok = _same(p.actor, golds[g]["actor"]) or _same(p.actor_text, golds[g]["actor"])
            s["actor_ok"] += actor_ok
            s["stance_ok"] += p.stance == golds[g]["stance"]
            s["hit_p"] += actor_ok
        if not art.get("claims_labelled", True):  # a stance-only label set: its figures are not scored
            continue
        gold = list(art.get("claims", []))
        s["gold_c"] += len(gold)
        s["found_c"] += len(an.claims)
        used = set()
        doc = nlp(an.article.text)
        for c in an.claims:  # the same value, preferring a gold claim that counts the same thing
            g = _pick(gold, used, c.value, c.counts or "")
            if g is None:
                continue
            used.add(g)
            s["hit_c"] += 1
            s["counts_ok"] += (c.counts or "").lower() == gold[g]["counts"].lower()
            s["claimant_ok"] += _same(c.claimant, gold[g]["claimant"]) if gold[g]["claimant"] else c.claimant is None
        # the peer, on every gold claim it can find by value
        peer_used = set()
        for tok in doc:
            if not tok.like_num or tok.ent_type_ in ("DATE", "TIME", "ORDINAL"):
                continue
            try:
                value = float(tok.text.replace(",", ""))
            except ValueError:
                continue
            head = tok.head.text if tok.head.pos_ in ("NOUN", "PROPN") and tok.head is not tok else ""
            g = _pick(gold, peer_used, value, head)
            if g is None:
                continue
            peer_used.add(g)
            s["peer_found"] += 1
            s["peer_ok"] += head.lower() == gold[g]["counts"].lower()
    return s


def match_positions(found, golds: list[dict]) -> dict:
    """index of a found position -> index of the gold it matches by words, preferring the gold of the same actor."""
    out, used = {}, set()
    for k, p in enumerate(found):
        cands = [i for i, g in enumerate(golds) if i not in used and g["words"].lower() in p.text.lower()]
        g = next((i for i in cands if _same(p.actor, golds[i]["actor"]) or _same(p.actor_text, golds[i]["actor"])),
                 cands[0] if cands else None)
        if g is not None:
            used.add(g)
            out[k] = g
    return out


def print_misses(name: str, analyses: dict, labels: list[dict]) -> None:
    """Each missed gold position with its sentence, and each found position that matched no gold (dev sets only)."""
    print(f"\n### Position misses: {name}\n")
    for art in labels:
        an, golds = analyses[art["file"]], list(art.get("positions", []))
        matched = match_positions(an.positions, golds)
        right = {g for k, g in matched.items() if _same(an.positions[k].actor, golds[g]["actor"])
                 or _same(an.positions[k].actor_text, golds[g]["actor"])}
        text = an.article.text
        for i, g in enumerate(golds):
            if i in right:
                continue
            at = text.lower().find(g["words"].lower())
            sent = next((x.text for x in an.sentences if x.start_char <= at < x.end_char), "?") if at >= 0 else "?"
            got = [f"{an.positions[k].actor}/{an.positions[k].stance}" for k, j in matched.items() if j == i]
            why = f" (found as {got[0]}: wrong actor)" if got else ""
            print(f"MISS  {art['file']}  [{g['actor']} | {g['stance']} | {g['words']}]{why}\n      {' '.join(sent.split())}")
        for k, p in enumerate(an.positions):
            if k not in matched:
                sent = text[p.sentence_start:p.sentence_end]
                print(f"EXTRA {art['file']}  [{p.actor} | {p.stance} | {p.text}]\n      {' '.join(sent.split())}")


def _pick(gold: list[dict], used: set[int], value: float, counts: str) -> int | None:
    same = [i for i, g in enumerate(gold) if i not in used and float(g["value"]) == value]
    return next((i for i in same if gold[i]["counts"].lower() == counts.lower()), same[0] if same else None)


def _ratio(a: int, b: int) -> float:
    return a / b if b else float("nan")


def speed(n: int, pipeline) -> tuple[int, float, float]:
    """(articles, whole pipeline seconds, claims+positions seconds) on n Timeline17 articles."""
    from bench.ingest.__main__ import sample_t17
    from chronicle.pipeline import IngestOptions
    import chronicle

    spent = {"claims": 0.0, "positions": 0.0}
    for stage in pipeline.stages:
        name = stage.id.split(".")[1]
        if name in spent:
            stage.__class__.__call__ = _timed(stage.__class__.__call__, spent, name)
    with tempfile.TemporaryDirectory() as tmp:
        files, manifest = sample_t17(Path(tmp) / "t17", n)
        api = chronicle.open(Path(tmp) / "speed.db")
        t0 = time.perf_counter()
        api.ingest([Path(tmp) / "t17"], manifest=manifest, jobs=1)  # one process: the stage timers see every call
        total = time.perf_counter() - t0
        api.close()
    return len(files), total, spent["claims"] + spent["positions"]


def _timed(fn, spent: dict, name: str):
    def call(self, state):
        t = time.perf_counter()
        try:
            return fn(self, state)
        finally:
            spent[name] += time.perf_counter() - t
    return call


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--speed", type=int, default=200, help="Timeline17 articles for the speed run (0: none)")
    ap.add_argument("--misses", action="store_true",
                    help="print each missed and each unmatched position with its sentence (dev label sets only)")
    args = ap.parse_args()
    from chronicle.extract.nlp import load_nlp
    from chronicle.extract.pipeline import Pipeline

    pipeline = Pipeline()
    nlp = load_nlp()
    rows_c, rows_p = [], []
    work = Path(tempfile.mkdtemp(prefix="bench-claims-"))
    totals: dict[str, dict] = {}
    for name, (folder, manifest, split) in corpora(work).items():
        if args.misses and split != "dev":  # reading a held-out split's misses (or its score while tuning) is tuning on the test
            print(f"--misses: {name} is a {split} split; skipped, neither scored nor shown")
            continue
        labels = tomllib.loads((LABELS / f"{name}.toml").read_text(encoding="utf-8"))["article"]
        analyses = analyse(folder, manifest, [a["file"] for a in labels], pipeline)
        s = score(analyses, labels, nlp)
        if args.misses:
            print_misses(name, analyses, labels)
        if name.startswith("t17-"):
            key = f"Timeline17 {split}"
            totals[key] = {k: totals.get(key, {}).get(k, 0) + v for k, v in s.items()}
        if any(a.get("claims_labelled", True) for a in labels):
            rows_c.append([f"{name} ({split})", s["gold_c"], s["found_c"], _ratio(s["hit_c"], s["found_c"]),
                           _ratio(s["hit_c"], s["gold_c"]), _ratio(s["counts_ok"], s["hit_c"]),
                           _ratio(s["claimant_ok"], s["hit_c"]), _ratio(s["peer_ok"], s["peer_found"])])
        rows_p.append([f"{name} ({split})", s["gold_p"], s["found_p"], _ratio(s["hit_p"], s["found_p"]),
                       _ratio(s["hit_p"], s["gold_p"]), _ratio(s["actor_ok"], s["words_hit"]),
                       _ratio(s["stance_ok"], s["words_hit"])])
    for key, s in totals.items():
        rows_c.append([f"**{key}**", s["gold_c"], s["found_c"], _ratio(s["hit_c"], s["found_c"]),
                       _ratio(s["hit_c"], s["gold_c"]), _ratio(s["counts_ok"], s["hit_c"]),
                       _ratio(s["claimant_ok"], s["hit_c"]), _ratio(s["peer_ok"], s["peer_found"])])
        rows_p.append([f"**{key}**", s["gold_p"], s["found_p"], _ratio(s["hit_p"], s["found_p"]),
                       _ratio(s["hit_p"], s["gold_p"]), _ratio(s["actor_ok"], s["words_hit"]),
                       _ratio(s["stance_ok"], s["words_hit"])])
    print_table("Numeric claims (value match)", ["labels", "gold", "found", "precision", "recall", "counts right",
                                                 "claimant right", "peer counts right (like_num + head)"], rows_c)
    print_table("Positions (phrase words + actor)", ["labels", "gold", "found", "precision", "recall",
                                                     "actor right", "stance right"], rows_p)
    if args.speed:
        n, total, stages = speed(args.speed, pipeline)
        print_table("Speed", ["Timeline17 articles", "ingest s", "claims+positions s", "share of ingest"],
                    [[n, total, stages, stages / total]])


if __name__ == "__main__":
    main()
