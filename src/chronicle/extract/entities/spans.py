"""Working entity spans over a spaCy doc, and the small helpers every correction rule shares."""
from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chronicle.extract.entities.gazetteer import Gazetteer


@dataclass(slots=True)
class Ent:
    """A working entity span over doc tokens [start, end)."""

    start: int
    end: int
    label: str
    source: str = "model"  # model, gazetteer, consistency, title


class Ranges(list):
    """A list of (start, end) char ranges that answers :func:`in_ranges` by bisection: asked once per
    token of a long article, the scan over every range was quadratic. Read it, do not change it."""

    _index = None

    def covers(self, char: int) -> bool:
        """``any(s <= char < e for s, e in self)``: the largest end among the ranges starting at or
        before ``char`` lies after it."""
        if self._index is None or self._index[0] != len(self):
            ordered = sorted(self)
            starts = [s for s, _ in ordered]
            reach, top = [], None
            for _, e in ordered:
                top = e if top is None or e > top else top
                reach.append(top)
            self._index = (len(self), starts, reach)
        _, starts, reach = self._index
        k = bisect_right(starts, char)
        return k > 0 and reach[k - 1] > char


def in_ranges(ranges, char: int) -> bool:
    if isinstance(ranges, Ranges):
        return ranges.covers(char)
    return any(s <= char < e for s, e in ranges)


def person_names(doc, ents: list[Ent], gaz: Gazetteer) -> tuple[dict[str, set[str]], set[str]]:
    """(surname -> full names, full names) of the multi-word PERSON spans in the document."""
    by_surname: dict[str, set[str]] = defaultdict(set)
    full: set[str] = set()
    for e in ents:
        if e.label != "PERSON" or e.end - e.start < 2:
            continue
        tokens = [t for t in doc[e.start:e.end] if not t.is_punct]
        if len(tokens) < 2 or not all(t.text[:1].isupper() for t in tokens):
            continue
        name = doc[e.start:e.end].text
        full.add(name)
        by_surname[tokens[-1].text].add(name)
    return by_surname, full


def drop_overlaps(ents: list[Ent]) -> list[Ent]:
    """Of overlapping spans (sorted by start), keep the longer."""
    out: list[Ent] = []
    for e in ents:
        if out and e.start < out[-1].end:
            if (e.end - e.start) > (out[-1].end - out[-1].start):
                out[-1] = e
            continue
        out.append(e)
    return out
