"""PolNeAR loading and attribution scoring (content, source, cue spans; exact and overlap).

Spans are sets of character ranges, since PolNeAR content may be discontinuous (a quote
with the speaker in the middle). Matching is one-to-one, greedy by shared characters.
"exact": the same ranges after trimming whitespace and edge punctuation (.,;:) on both
sides; "overlap": at least half of the shorter span shared (as in the issue).
"""
from __future__ import annotations

import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

Spans = tuple[tuple[int, int], ...]
_TRIM = " \t\n\r.,;:"


@dataclass(frozen=True)
class Attr:
    content: Spans
    source: Spans
    cue: Spans
    kind: str = ""


@dataclass
class Doc:
    name: str
    text: str
    gold: list[Attr]


def norm(text: str, spans: Spans) -> Spans:
    out = []
    for a, b in spans:
        while a < b and text[a] in _TRIM:
            a += 1
        while b > a and text[b - 1] in _TRIM:
            b -= 1
        if b > a:
            out.append((a, b))
    return tuple(sorted(out))


def size(spans: Spans) -> int:
    return sum(b - a for a, b in spans)


def shared(x: Spans, y: Spans) -> int:
    total = 0
    for a, b in x:
        for c, d in y:
            total += max(0, min(b, d) - max(a, c))
    return total


def overlaps(x: Spans, y: Spans) -> bool:
    if not x or not y:
        return False
    return shared(x, y) * 2 >= min(size(x), size(y))


def _parse_ann(path: Path) -> list[Attr]:
    spans: dict[str, tuple[str, Spans]] = {}
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, ranges = parts[1].partition(" ")
            rs = tuple(tuple(int(x) for x in r.split()) for r in ranges.split(";"))
            spans[parts[0]] = (label, rs)
        elif line.startswith("E") and len(parts) >= 2:
            events.append(parts[1].split())
    out = []
    for ev in events:
        roles: dict[str, list] = {"Content": [], "Source": [], "Cue": []}
        for arg in ev:
            role, _, tid = arg.partition(":")
            role = role.rstrip("0123456789")
            if role in roles and tid in spans:
                roles[role].extend(spans[tid][1])
        if roles["Content"]:
            out.append(Attr(tuple(sorted(roles["Content"])), tuple(sorted(roles["Source"])), tuple(sorted(roles["Cue"]))))
    return out


def load_split(root: Path, split: str, limit: int | None = None) -> list[Doc]:
    """Texts and gold attributions of one split; one annotator's file per text (the first by name)."""
    if split == "train":
        tmp = Path(tempfile.mkdtemp(prefix="polnear-"))
        with tarfile.open(root / "train.tar.gz") as tar:
            tar.extractall(tmp, filter="data")
        base = tmp / "train"
    else:
        base = root / split
    anns = sorted((base / "attributions").glob("*.ann"))
    docs = []
    for txt in sorted((base / "text").glob("*.txt")):
        mine = [a for a in anns if a.stem.rsplit("_", 1)[0] == txt.stem]
        if not mine:
            continue
        docs.append(Doc(txt.stem, txt.read_text(encoding="utf-8"), _parse_ann(mine[0])))
        if limit and len(docs) >= limit:
            break
    return docs


@dataclass
class Score:
    tp_exact: int = 0
    tp_overlap: int = 0
    pred: int = 0
    gold: int = 0
    matched_with_source: int = 0
    source_agree: int = 0
    full_exact: int = 0
    full_overlap: int = 0
    pred_by_kind: dict = field(default_factory=dict)
    tp_by_kind: dict = field(default_factory=dict)

    def add(self, text: str, gold: list[Attr], pred: list[Attr]) -> None:
        gold = [Attr(norm(text, g.content), norm(text, g.source), norm(text, g.cue)) for g in gold]
        pred = [Attr(norm(text, p.content), norm(text, p.source), norm(text, p.cue), p.kind) for p in pred]
        gold = [g for g in gold if g.content]
        pred = [p for p in pred if p.content]
        self.pred += len(pred)
        for p in pred:
            self.pred_by_kind[p.kind] = self.pred_by_kind.get(p.kind, 0) + 1
        self.gold += len(gold)
        pairs = sorted(
            ((shared(g.content, p.content), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)
             if overlaps(g.content, p.content)),
            reverse=True,
        )
        used_g, used_p = set(), set()
        for _, gi, pi in pairs:
            if gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            g, p = gold[gi], pred[pi]
            self.tp_overlap += 1
            self.tp_by_kind[p.kind] = self.tp_by_kind.get(p.kind, 0) + 1
            exact = g.content == p.content
            self.tp_exact += exact
            src = overlaps(g.source, p.source)
            if g.source:
                self.matched_with_source += 1
                self.source_agree += src
            cue = overlaps(g.cue, p.cue)
            self.full_overlap += src and cue
            self.full_exact += exact and g.source == p.source and g.cue == p.cue

    @staticmethod
    def prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
        p = tp / pred if pred else 0.0
        r = tp / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def by_kind(self) -> list[list]:
        """[kind, predicted, matched (overlap), precision] per predicted kind."""
        return [[k or "-", n, self.tp_by_kind.get(k, 0), self.tp_by_kind.get(k, 0) / n]
                for k, n in sorted(self.pred_by_kind.items())]

    def row(self) -> dict[str, float]:
        pe, re_, fe = self.prf(self.tp_exact, self.pred, self.gold)
        po, ro, fo = self.prf(self.tp_overlap, self.pred, self.gold)
        return {
            "content P exact": pe, "content R exact": re_, "content F1 exact": fe,
            "content P overlap": po, "content R overlap": ro, "content F1 overlap": fo,
            "source agreement": self.source_agree / self.matched_with_source if self.matched_with_source else 0.0,
            "full F1 exact": self.prf(self.full_exact, self.pred, self.gold)[2],
            "full F1 overlap": self.prf(self.full_overlap, self.pred, self.gold)[2],
        }
