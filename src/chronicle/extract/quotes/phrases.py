"""Source phrases set inside the content's own sentence: "according to X", "in X's words", "as X put it".

The content is the rest of the sentence on the longer side of the phrase:
"The budget will double, according to the office" / "In Lee's view, the plan is dead".
"""
from __future__ import annotations

from chronicle.extract.quotes.lexicon import Lexicon
from chronicle.extract.quotes.syntax import (
    Attribution,
    Index,
    char_span,
    content_kind,
    find_source,
    noun_span,
    trim_tokens,
)


def _rest_of_sentence(doc, ix: Index, lo: int, hi: int) -> tuple[int, int] | None:
    """Character span of the longer side of the sentence around tokens [lo, hi), or None."""
    st, en, _, _ = ix.sents[ix.sent_at(doc[lo].idx)]
    before = trim_tokens(doc, st, lo)
    after = trim_tokens(doc, hi, en)
    side = before if before[1] - before[0] >= after[1] - after[0] else after
    if side[1] - side[0] < 3:
        return None
    return char_span(doc, *side)


def _attribution(doc, ix: Index, lo: int, hi: int, cue: tuple[int, int], source) -> Attribution | None:
    span = _rest_of_sentence(doc, ix, lo, hi)
    if span is None:
        return None
    s0, s1 = noun_span(source)
    kind, cs, ce, _ = content_kind(ix, ix.text, *span)
    return Attribution((cs, ce), kind, cue, char_span(doc, s0, max(s1, source.i + 1)), source.i)


def according_to(doc, ix: Index, tok) -> Attribution | None:
    """"..., according to the planning office": ``tok`` is "according"."""
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    # the phrase runs to the end of the source's words ("according to early results of exit polls
    # conducted for ..."), not only its name
    hi = max(noun_span(pobj)[1], pobj.right_edge.i + 1)
    return _attribution(doc, ix, tok.i, hi, char_span(doc, tok.i, tok.i + 2), pobj)


def in_words_of(doc, ix: Index, noun, lexicon: Lexicon) -> Attribution | None:
    """"In Lee's words, ...", "in the view of the council, ...", "In a poll released Monday, ...":
    ``noun`` is the source noun (a poll or study is its own source)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("in", "by") or prep.head.i == prep.i:
        return None
    if lexicon.lemma(noun) in lexicon.in_sources:
        if lexicon.lemma(prep.head) in lexicon.speech | lexicon.belief or prep.i > prep.head.i:
            return None  # "In a poll, 50 percent said ...": the reporting verb has its own source
        return _attribution(doc, ix, prep.left_edge.i, prep.right_edge.i + 1, char_span(doc, prep.i, prep.i + 1), noun)
    if any(c.dep_ == "compound" for c in noun.children):
        return None  # "in his campaign account", "in government accounts": money, not a telling
    source = next((c for c in noun.children if c.dep_ == "poss"), None)
    if source is None:
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        source = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if source is None:
        return None
    lo, hi = prep.left_edge.i, prep.right_edge.i + 1
    return _attribution(doc, ix, lo, hi, char_span(doc, prep.i, noun.i + 1), source)


def as_put_it(doc, ix: Index, verb, lexicon: Lexicon) -> Attribution | None:
    """"As Lee put it, ..." / "..., as the report noted": an "as" clause with a reporting verb."""
    if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return None
    lemma = lexicon.lemma(verb)
    if not (lemma in lexicon.speech or lemma == "put" and any(c.dep_ == "dobj" and c.lower_ == "it"
                                                              for c in verb.children)):
        return None
    if any(c.dep_ in ("ccomp", "dobj") and c.lower_ != "it" for c in verb.children):
        return None  # "as he said that ..." / "as she announced the plan": not a parenthetical source
    source = find_source(verb)
    if source is None or source.i > verb.i:
        return None
    lo, hi = verb.left_edge.i, verb.right_edge.i + 1
    return _attribution(doc, ix, lo, hi, char_span(doc, verb.i, verb.i + 1), source)
