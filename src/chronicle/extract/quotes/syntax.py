"""Shared parse helpers for quote attribution: the found record, token/char lookups, sources, spans."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from chronicle.extract.quotes.marks import QuotedRegion

SUBJECTS = ("nsubj", "csubj")
_CLIMB = ("advcl", "xcomp", "conj", "acl", "relcl", "pcomp", "acomp")
_NP_LEFT = {"compound", "amod", "det", "poss", "nmod", "nummod", "quantmod", "case", "predet", "advmod", "npadvmod"}
_SOURCE_PREPS = {"of", "for", "at", "with", "from", "in", "on"}
_COMPLEMENTIZER = re.compile(r"^\s*that\b", re.I)
# Subjects that hold no claim or attitude of their own ("it is clear that ...", "this shows ...").
NOT_HOLDERS = frozenset({"it", "this", "that", "there", "what", "which", "these", "those"})


@dataclass(slots=True)
class Attribution:
    """A found attribution, in character offsets; the speaker is resolved afterwards."""

    content: tuple[int, int]
    kind: str
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    source_head: int | None  # token index of the source's head word
    inherit: "Attribution | None" = None  # an earlier attribution whose speaker this one continues
    climbed: bool = False  # the source is the subject of a governing verb ("..., labeling it as ...")


class Index:
    """Token/character lookups shared by the three passes."""

    def __init__(self, doc, regions: list[QuotedRegion], text: str | None = None):
        self.doc = doc
        self.text = doc.text if text is None else text  # Doc.text joins every token on each access: read it once
        self.regions = regions
        self.opens = [r.open for r in regions]
        self.sents = [(s.start, s.end, s.start_char, s.end_char) for s in doc.sents]
        self.sent_starts = [s[2] for s in self.sents]
        from spacy.attrs import IDX

        self.region_of = [self.region_at(int(i)) for i in doc.to_array(IDX)] if regions else [-1] * len(doc)

    def region_at(self, char: int) -> int:
        k = bisect_right(self.opens, char) - 1
        if k >= 0 and char <= self.regions[k].close:
            return k
        return -1

    def sent_at(self, char: int) -> int:
        return max(bisect_right(self.sent_starts, char) - 1, 0)

    def regions_in(self, start: int, end: int) -> list[int]:
        k = max(bisect_right(self.opens, start) - 1, 0)
        out = []
        while k < len(self.regions) and self.regions[k].open < end:
            if self.regions[k].close >= start:
                out.append(k)
            k += 1
        return out


def find_source(verb, depth: int = 0):
    """The subject of a reporting verb, climbing from participles ("..., saying that ...")."""
    for child in verb.children:
        if child.dep_ in SUBJECTS and child.pos_ not in ("SCONJ",) and child.lower_ not in ("there", "what", "which", "that"):
            return child
    if child_dep_passive(verb):
        # "He's said he ...": the contracted "has" read as a passive "is"
        contracted = any(c.dep_ == "auxpass" and c.lower_ in ("'s", "’s") for c in verb.children)
        if verb.tag_ in ("VBN", "VBD") and contracted and any(c.dep_ == "ccomp" for c in verb.children):
            return next((c for c in verb.children if c.dep_ == "nsubjpass" and c.pos_ in ("PRON", "PROPN")), None)
        return None
    if verb.dep_ in _CLIMB and depth < 3 and verb.head.i != verb.i:
        if verb.dep_ == "relcl":  # "Peskov, who said ..." -> the noun the clause hangs on
            return verb.head
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head  # "calls saying shots were fired", "a statement saying ..."
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":  # "... by announcing that ..."
            governor = verb.head.head
            obj = next((c for c in governor.children if c.dep_ == "dobj"), None)
            if verb.head.lower_ == "as" and obj is not None:  # "RIA cited Slutsky as saying ..."
                return obj
            return find_source(governor, depth + 1)
        return find_source(verb.head, depth + 1)
    if verb.dep_ == "ROOT":
        return _name_before(verb)
    return None


def _name_before(verb):
    """A root verb the parser left without a subject, right after a name it hung elsewhere ("...,
    former president Bill Clinton said ...", the name an apposition of an earlier noun)."""
    k = verb.i - 1
    while k >= verb.sent.start and verb.doc[k].dep_ in ("advmod", "neg", "aux") and verb.doc[k].head.i == verb.i:
        k -= 1
    if k < verb.sent.start:
        return None
    prev = verb.doc[k]
    if prev.pos_ in ("PROPN", "PRON") and prev.head.i != verb.i \
            and prev.dep_ in ("appos", "npadvmod", "compound", "conj", "nmod", "dep"):
        return prev
    return None


def source_outside(verb, ix: "Index"):
    """:func:`find_source`, but a subject the parser found inside a quotation gives way to one after
    the cue ("“…, One of the brightest members,” said Lee": Lee, not "One")."""
    source = find_source(verb)
    if source is None or ix.region_of[source.i] < 0:
        return source
    for child in verb.rights:
        if ix.region_of[child.i] < 0 and child.pos_ in ("PROPN", "NOUN", "PRON") \
                and child.dep_ in ("nsubj", "dobj", "attr", "npadvmod", "oprd", "appos"):
            return child
    return source


def climbed(verb) -> bool:
    """The verb has no subject of its own, so its source came from a governing verb."""
    return not any(c.dep_ in SUBJECTS for c in verb.children)


def child_dep_passive(verb) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def noun_span(head) -> tuple[int, int]:
    """Token range [start, end) of the words naming a source: "the Kremlin spokesperson Dmitry Peskov"."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in _NP_LEFT:
            start = min(start, child.left_edge.i)
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in ("compound", "flat", "nummod") and child.i == end:
            end = child.right_edge.i + 1
        elif child.dep_ == "prep" and child.lower_ in _SOURCE_PREPS and head.pos_ != "PROPN" \
                and child.right_edge.i - child.i < 8 and child.i == end:
            end = child.right_edge.i + 1
        elif child.dep_ == "appos" and child.right_edge.i - child.i < 6 and (
                child.i <= end + 1 or head.pos_ == "NOUN" and child.pos_ == "PROPN" and child.left_edge.i <= end + 1):
            # "Trump's envoy, Steve Witkoff": the name after a role is part of the source words
            end = child.right_edge.i + 1
    doc = head.doc
    while end - 1 > start and doc[end - 1].is_punct:
        end -= 1
    return start, end


def char_span(doc, start_tok: int, end_tok: int) -> tuple[int, int]:
    return doc[start_tok].idx, doc[end_tok - 1].idx + len(doc[end_tok - 1].text)


def trim_tokens(doc, start_tok: int, end_tok: int) -> tuple[int, int]:
    while start_tok < end_tok and (doc[start_tok].is_punct or doc[start_tok].is_space) and not doc[start_tok].is_quote:
        start_tok += 1
    while end_tok > start_tok and (doc[end_tok - 1].is_punct or doc[end_tok - 1].is_space) and not doc[end_tok - 1].is_quote:
        end_tok -= 1
    return start_tok, end_tok


def content_kind(ix: Index, text: str, start: int, end: int) -> tuple[str, int, int, list[int]]:
    """Classify content [start, end) against the quoted regions; widen it to whole regions."""
    touched = ix.regions_in(start, end)
    if not touched:
        return "indirect", start, end, []
    lo = min(start, *(ix.regions[k].open for k in touched))
    hi = max(end, *(ix.regions[k].close + 1 for k in touched))
    outside = " ".join(text[a:b] for a, b in _gaps(lo, hi, [(ix.regions[k].open, ix.regions[k].close + 1) for k in touched]))
    if not any(ch.isalnum() for ch in _COMPLEMENTIZER.sub("", outside)):
        if len(touched) == 1:
            cs, ce = ix.regions[touched[0]].content
            while cs < ce and text[cs].isspace():  # tokenised copy: `` We have come ... . ''
                cs += 1
            while ce > cs and text[ce - 1].isspace():
                ce -= 1
            return "direct", cs, ce, touched
        return "direct", lo, hi, touched
    return "mixed", lo, hi, touched


def _gaps(lo: int, hi: int, covered: list[tuple[int, int]]):
    pos = lo
    for a, b in sorted(covered):
        if a > pos:
            yield pos, a
        pos = max(pos, b)
    if pos < hi:
        yield pos, hi


def is_verbal(tok) -> bool:
    return tok.pos_ in ("VERB", "AUX") or any(c.dep_ in SUBJECTS or c.dep_ == "nsubjpass" for c in tok.children)
