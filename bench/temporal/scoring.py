"""TE3 Task A scoring (strict/relaxed extent, type and value over relaxed matches) and value checks."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Scores:
    gold: int = 0
    system: int = 0
    strict: int = 0  # exact-extent matches
    relaxed: int = 0  # overlapping matches (one-to-one)
    type_ok: int = 0
    value_ok: int = 0
    by_type: Counter = field(default_factory=Counter)  # (gold type, "matched" | "value_ok") -> count

    def value_accuracy_by_type(self) -> str:
        """'DATE 0.87 (135)': value accuracy over relaxed matches of each gold type, with the match count."""
        kinds = sorted({t for t, _ in self.by_type})
        return " ".join(f"{t} {self.by_type[t, 'value_ok'] / self.by_type[t, 'matched']:.2f} ({self.by_type[t, 'matched']})"
                        for t in kinds if self.by_type[t, "matched"])

    def prf(self, matched: int) -> tuple[float, float, float]:
        p = matched / self.system if self.system else 0.0
        r = matched / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def value_accuracy(self) -> float:
        return self.value_ok / self.relaxed if self.relaxed else 0.0

    @property
    def type_accuracy(self) -> float:
        return self.type_ok / self.relaxed if self.relaxed else 0.0

    @property
    def value_f1(self) -> float:
        """TE3: attribute accuracy over relaxed matches times relaxed F1."""
        return self.value_accuracy * self.prf(self.relaxed)[2]


def match(gold: list, system: list) -> list[tuple[object, object]]:
    """One-to-one pairs of overlapping spans, largest overlap first. Items have .start/.end."""
    cands = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > 0:
                cands.append((-overlap, gi, si))
    used_g, used_s, pairs = set(), set(), []
    for _, gi, si in sorted(cands):
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        pairs.append((gold[gi], system[si]))
    return pairs


def add_doc(scores: Scores, gold: list, system: list) -> list[tuple[object, object]]:
    scores.gold += len(gold)
    scores.system += len(system)
    pairs = match(gold, system)
    scores.relaxed += len(pairs)
    for g, s in pairs:
        scores.strict += g.start == s.start and g.end == s.end
        scores.type_ok += g.type == s.type
        scores.value_ok += g.value == s.value
        scores.by_type[g.type, "matched"] += 1
        scores.by_type[g.type, "value_ok"] += g.value == s.value
    return pairs


def datetime_fits(gold_value: str, when: dt.datetime) -> bool:
    """Whether a peer's datetime agrees with a TIMEX3 value at the value's own precision."""
    d = when.date()
    v = gold_value
    try:
        if "-W" in v:
            y, w = v[:4], v[6:8]
            iso = d.isocalendar()
            ok = iso[0] == int(y) and iso[1] == int(w)
            return ok and (iso[2] >= 6 if v.endswith("-WE") else True)
        if "T" in v:
            if v[11:13].isdigit():
                return d.isoformat() == v[:10] and when.hour == int(v[11:13])
            return d.isoformat() == v[:10]
        if len(v) == 10:
            return d.isoformat() == v
        if len(v) == 7:
            return d.isoformat()[:7] == v
        if len(v) == 4 and v.isdigit():
            return d.year == int(v)
    except ValueError:
        return False
    return False  # durations, sets, references: a datetime cannot express them
