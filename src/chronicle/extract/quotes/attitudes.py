"""Attitudes stated with an adjective: "Lee is confident that ...", "aides were unsure whether ...",
"the union is determined to ...", "voters are worried about how ...".

The adjective (or a participle used as one: "convinced", "frustrated") is the cue, the subject of
its copula the source, its clause the content: a that/whether/if clause, a wh-clause after
"about"/"of", or with intentions an infinitive for adjectives of will ("determined to",
"willing to"). Only a person or organisation holds an attitude: "it is clear that ..." has none.
"""
from __future__ import annotations

from chronicle.extract.quotes.lexicon import Lexicon
from chronicle.extract.quotes.syntax import (
    NOT_HOLDERS,
    Attribution,
    Index,
    char_span,
    content_kind,
    noun_span,
    trim_tokens,
)

_WH = {"how", "why", "what", "whether", "when", "where", "who", "which", "if"}


def _holder(adj):
    """The subject of the adjective's copula, or of the passive participle itself."""
    if adj.dep_ in ("acomp", "oprd") and adj.head.i != adj.i:
        verb = adj.head
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    elif adj.tag_ == "VBN":
        subj = next((c for c in adj.children if c.dep_ == "nsubjpass"), None)
    else:
        return None
    if subj is None or subj.lower_ in NOT_HOLDERS or subj.pos_ not in ("PROPN", "PRON", "NOUN"):
        return None
    return subj


def _content(adj, lexicon: Lexicon, intentions: bool):
    for c in adj.children:
        if c.i < adj.i:
            continue
        if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX"):
            return c
        if c.dep_ == "xcomp" and intentions and adj.lower_ in lexicon.will_adjectives and c.pos_ in ("VERB", "AUX") \
                and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
            return c
        if c.dep_ == "prep" and c.lower_ in ("about", "of"):
            obj = next((g for g in c.children if g.dep_ in ("pcomp", "pobj")), None)
            if obj is not None and obj.left_edge.lower_ in _WH and obj.pos_ in ("VERB", "AUX"):
                return obj
    return None


def attitude(doc, ix: Index, adj, lexicon: Lexicon, intentions: bool) -> Attribution | None:
    """The attribution of ``adj`` (an attitude adjective outside quotes), or None."""
    source = _holder(adj)
    clause = _content(adj, lexicon, intentions) if source is not None else None
    if clause is None:
        return None
    c0, c1 = trim_tokens(doc, clause.left_edge.i, clause.right_edge.i + 1)
    if c1 - c0 < 3:
        return None
    cs, ce = char_span(doc, c0, c1)
    kind, cs, ce, _ = content_kind(ix, ix.text, cs, ce)
    s0, s1 = noun_span(source)
    return Attribution((cs, ce), kind, char_span(doc, adj.i, adj.i + 1), char_span(doc, s0, s1), source.i)
