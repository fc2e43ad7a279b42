"""Paragraphs and headings: the layout layer that sentence splitting and NER rely on.

News text mixes body paragraphs with headlines and sub-heads that carry no final
punctuation ("Shift Towards Normalcy"). A parser left alone glues such a line onto the
next sentence, so paragraphs are cut at line breaks and short unpunctuated lines are
marked as headings.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import Any

from chronicle.records import Paragraph

_LINE = re.compile(r"[^\n]+")
_FINAL_PUNCT = tuple('.!?:;…"”’\'»)')
MAX_HEADING_WORDS = 18


def is_heading_line(line: str) -> bool:
    """A short line without final punctuation, or an all-caps line, reads as a heading."""
    stripped = line.strip()
    if not stripped:
        return False
    words = stripped.split()
    if len(words) > MAX_HEADING_WORDS:
        return False
    if stripped.isupper() and len(words) <= MAX_HEADING_WORDS:
        return True
    return not stripped.endswith(_FINAL_PUNCT)


def extract_paragraphs(text: str) -> Iterator[Paragraph]:
    """Yield one paragraph per non-blank line, trimmed, with a heading flag."""
    for m in _LINE.finditer(text):
        line = m.group()
        left = len(line) - len(line.lstrip())
        right = len(line.rstrip())
        if right <= left:
            continue
        start, end = m.start() + left, m.start() + right
        yield Paragraph(start, end, text[start:end], is_heading_line(line))


class SegmentStage:
    id = "chronicle.segment.v1"
    requires = ("article",)
    assigns = ("paragraphs",)

    def __init__(self, settings: Any = None) -> None:
        pass

    def __call__(self, state: dict[str, Any]) -> dict[str, Any]:
        return {"paragraphs": list(extract_paragraphs(state["article"].text))}


def by_sentence(items, sentences) -> dict[int, list]:
    """``items`` (records with ``start_char``: events) grouped by the start of the sentence of
    ``sentences`` that holds each: an event reported by a part of its sentence (a title ran into
    it, events v20) starts inside it. An item before every sentence keeps its own start."""
    starts = sorted(s.start_char for s in sentences)
    out: dict[int, list] = {}
    for item in items:
        k = bisect_right(starts, item.start_char) - 1
        out.setdefault(starts[k] if k >= 0 else item.start_char, []).append(item)
    return out
