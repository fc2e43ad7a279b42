"""Working entity spans over a spaCy doc, and the small helpers every correction rule shares."""
from __future__ import annotations

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


def in_ranges(ranges, char: int) -> bool:
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
