"""The shared spaCy parse, and the sentences it yields, cut at paragraph boundaries.

Later stages read ``state["doc"]`` (tense, dependencies, NER) instead of parsing again.
The Doc lives only in memory; what is kept are the :class:`Sentence` records.
"""
from __future__ import annotations

from bisect import bisect_right
from typing import Any

from chronicle.records import Paragraph, Sentence


class ParseStage:
    id = "chronicle.parse.v1"
    requires = ("article", "paragraphs")
    assigns = ("doc", "sentences")

    def __init__(self, settings: Any = None) -> None:
        from chronicle.extract.nlp import load_nlp, model_id

        preferred = getattr(settings, "spacy_model", None)
        self.nlp = load_nlp(preferred)
        self.id = f"chronicle.parse.v1[{model_id(preferred)}]"
        self.batch_size = getattr(settings, "batch_size", 32)

    def __call__(self, state: dict[str, Any]) -> dict[str, Any]:
        return self._finish(state, self.nlp(state["article"].text))

    def run_batch(self, states: list[dict[str, Any]]) -> list[dict[str, Any]]:
        docs = self.nlp.pipe((st["article"].text for st in states), batch_size=self.batch_size)
        return [self._finish(st, doc) for st, doc in zip(states, docs)]

    @staticmethod
    def _finish(state: dict[str, Any], doc) -> dict[str, Any]:
        return {"doc": doc, "sentences": sentences_from_doc(doc, state["paragraphs"])}


def sentences_from_doc(doc, paragraphs: list[Paragraph]) -> list[Sentence]:
    """Sentences from the parse, trimmed of whitespace and never crossing a paragraph."""
    text = doc.text
    starts = [p.start_char for p in paragraphs]
    out: list[Sentence] = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            continue
        # A sentence that still crosses a line break (should not happen) is cut there.
        pieces = _cut_at_breaks(text, start, end)
        for s, e in pieces:
            p = max(bisect_right(starts, s) - 1, 0)
            heading = bool(paragraphs) and paragraphs[p].is_heading
            out.append(Sentence(s, e, text[s:e], p, heading))
    return out


def _cut_at_breaks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces, s = [], start
    i = text.find("\n", s, end)
    while i != -1:
        e = i
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            pieces.append((s, e))
        s = i + 1
        while s < end and text[s].isspace():
            s += 1
        i = text.find("\n", s, end)
    if s < end:
        pieces.append((s, end))
    return pieces
