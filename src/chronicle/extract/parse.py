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
        return self.run_batch([state])[0]

    def run_batch(self, states: list[dict[str, Any]]) -> list[dict[str, Any]]:
        # Long texts are parsed in pieces cut at line breaks and joined back into one Doc:
        # memory stays bounded and spaCy's max_length never rejects a long page.
        pieces: list[str] = []
        owners: list[int] = []
        for i, st in enumerate(states):
            for piece in split_for_parsing(st["article"].text):
                pieces.append(piece)
                owners.append(i)
        parsed: list[list] = [[] for _ in states]
        for group in _groups(pieces, owners):
            docs = self.nlp.pipe([pieces[i] for i in group], batch_size=len(group))
            for i, doc in zip(group, docs):
                parsed[owners[i]].append(doc)
        out = []
        for st, docs in zip(states, parsed):
            doc = docs[0] if len(docs) == 1 else _join(docs)
            out.append(self._finish(st, doc))
        return out

    @staticmethod
    def _finish(state: dict[str, Any], doc) -> dict[str, Any]:
        return {"doc": doc, "sentences": sentences_from_doc(doc, state["paragraphs"])}


MAX_PIECE_CHARS = 50_000
MAX_BATCH_CHARS = 200_000  # text parsed at once: spaCy's memory grows with the batch, not the article


def _groups(pieces: list[str], owners: list[int]) -> list[list[int]]:
    """Indices of pieces, grouped in order so that no group holds much more than MAX_BATCH_CHARS."""
    groups, current, size = [], [], 0
    for i, piece in enumerate(pieces):
        if current and size + len(piece) > MAX_BATCH_CHARS:
            groups.append(current)
            current, size = [], 0
        current.append(i)
        size += len(piece)
    if current:
        groups.append(current)
    return groups


def split_for_parsing(text: str, limit: int | None = None) -> list[str]:
    """Cut ``text`` at line breaks into pieces of at most ``limit`` characters (a line longer
    than that is cut at a space). ``"".join(pieces) == text`` always holds."""
    limit = limit or MAX_PIECE_CHARS
    if len(text) <= limit:
        return [text]
    pieces, start = [], 0
    while len(text) - start > limit:
        cut = text.rfind("\n", start, start + limit)
        if cut <= start:
            cut = text.rfind(" ", start, start + limit)
        if cut <= start:
            cut = start + limit - 1
        pieces.append(text[start : cut + 1])
        start = cut + 1
    pieces.append(text[start:])
    return pieces


def _join(docs):
    from spacy.tokens import Doc

    return Doc.from_docs(docs, ensure_whitespace=False)


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
