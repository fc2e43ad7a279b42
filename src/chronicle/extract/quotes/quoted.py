"""Quoted regions no reporting clause took: partial quotes of labelling verbs, then cues nearby.

A quoted fragment that is the "as" phrase or object of a labelling verb ("labeled it as
'fake news'", "described the war as a 'bloodbath'") is a *partial* quote of that verb.
Any other quoted region takes the nearest cue verb in its sentences ("“…,” Zelensky
said, “…”"), or the short sentence after it ("“…?” Graham asked."), then a colon or dash
introduction, then the speaker of the quote just before it in the same or previous
paragraph (a quote continued over sentences); a quotation standing alone keeps an
unknown speaker, and a scare-quoted term with no speaker in sight is no quote.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from chronicle.extract.quotes.lexicon import Lexicon
from chronicle.extract.quotes.marks import QuotedRegion
from chronicle.extract.quotes.syntax import (
    SUBJECTS,
    Attribution,
    Index,
    char_span,
    climbed,
    content_kind,
    find_source,
    noun_span,
    source_outside,
    trim_tokens,
)

_INTRO_MARKS = (":", "—", "–", "―")
_PARA_BREAK = re.compile(r"\n\s*")


def _trailing_dash(doc, ix: Index, region: QuotedRegion) -> tuple | None:
    """“…” ― Sonya Herridge: a quote signed after a dash."""
    text = ix.text
    j = region.close + 1
    while j < len(text) and text[j] != "\n" and text[j].isspace():  # no-break spaces too
        j += 1
    if j >= len(text) or text[j] not in "―—–-":
        return None
    end = text.find("\n", j)
    span = doc.char_span(j + 1, end if end != -1 else len(text), alignment_mode="contract")
    if span is None or not len(span):
        return None
    head = span.root
    if head.pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    s0, s1 = noun_span(head)
    return (j, j + 1), char_span(doc, max(s0, span.start), min(s1, span.end)), head.i


def _region_head(doc, ix: Index, k: int):
    """The token of quoted region ``k`` whose head lies outside it."""
    region = ix.regions[k]
    start = doc.char_span(region.open, region.close + 1, alignment_mode="expand")
    if start is None:
        return None
    for tok in start:
        if tok.is_quote or tok.is_punct:
            continue
        if not (region.open <= tok.head.idx <= region.close) or tok.head.i == tok.i:
            return tok
    return None


def partial_quote(doc, ix: Index, k: int, lexicon: Lexicon) -> Attribution | None:
    """A quoted fragment that is the object or "as" phrase of a labelling verb."""
    head = _region_head(doc, ix, k)
    if head is None:
        return None
    for _ in range(4):  # 'A' and 'B': the second fragment hangs on the first
        if head.dep_ != "conj" or head.head.i == head.i:
            break
        head = head.head
    gov = head.head
    if gov.lower_ == "as" or head.dep_ in ("pobj",) and gov.dep_ == "prep":
        gov = gov.head
    elif head.dep_ not in ("dobj", "oprd", "attr", "xcomp", "ccomp", "acomp", "npadvmod"):
        return None
    if gov.dep_ == "dobj" and gov.pos_ in ("NOUN", "PROPN", "PRON"):  # labeled [the talks as 'X']
        gov = gov.head
    if gov.lemma_.lower() not in lexicon.as_phrase or ix.region_of[gov.i] >= 0:
        return None
    source = find_source(gov)
    if source is None:
        return None
    region = ix.regions[k]
    s0, s1 = noun_span(source)
    return Attribution(region.content, "partial", char_span(doc, gov.i, gov.i + 1), char_span(doc, s0, s1), source.i,
                       climbed=climbed(gov))


def _clause_like(doc, region: QuotedRegion) -> bool:
    span = doc.char_span(region.open + 1, region.close, alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if not t.is_punct]
    return len(words) >= 4 and any(t.pos_ in ("VERB", "AUX") for t in words)


def attribute_quote(doc, ix: Index, k: int, cue_tokens: list, found: list[Attribution]) -> Attribution | None:
    """A quote with its cue in the same sentence(s), or introduced by a colon or dash, or continued."""
    region = ix.regions[k]
    first, last = ix.sent_at(region.open), ix.sent_at(region.close)
    lo, hi = ix.sents[first][2], ix.sents[last][3]
    clause = _clause_like(doc, region)
    head = _region_head(doc, ix, k)
    best, best_dist = None, None
    for tok in _cues_in(cue_tokens, lo, hi):
        if ix.region_of[tok.i] >= 0:
            continue
        dist = region.open - tok.idx if tok.idx < region.open else tok.idx - region.close
        if best_dist is None or dist < best_dist:
            best, best_dist = tok, dist
    if best is None and clause and head is not None and head.dep_ == "ccomp" and head.head.pos_ == "VERB" \
            and ix.region_of[head.head.i] < 0 and _set_off(ix.text, region):
        best = head.head  # "“…,” she confessed": a verb outside the lexicon that governs the quote
    if best is not None and best.lower_ == "according":
        prior = next((a for a in found if a.cue == char_span(doc, best.i, best.i + 2)), None)
        if prior is not None and clause:
            return Attribution(region.content, "direct", prior.cue, prior.source, prior.source_head)
        best = None
    if best is not None:
        source = source_outside(best, ix)
        linked = head is not None and head.head.i == best.i and _set_off(ix.text, region)
        if source is not None and (clause or linked):
            s0, s1 = noun_span(source)
            return Attribution(region.content, "direct", char_span(doc, best.i, best.i + 1),
                               char_span(doc, s0, s1), source.i)
        if source is None and clause and linked:  # "“…,” matter-of-factly said the" — a parse with no subject
            return Attribution(region.content, "direct", char_span(doc, best.i, best.i + 1), None, None)
        if source is not None and head is not None:
            obj = _object_holding(head, best)
            if obj is not None:
                o0, o1 = trim_tokens(doc, obj.left_edge.i, obj.right_edge.i + 1)
                cs, ce = char_span(doc, o0, o1)
                kind, cs, ce, _ = content_kind(ix, ix.text, cs, ce)
                s0, s1 = noun_span(source)
                return Attribution((cs, ce), kind, char_span(doc, best.i, best.i + 1), char_span(doc, s0, s1),
                                   source.i)
    if not clause:
        return None  # a scare-quoted term with no speaker in sight
    intro = _introduction(doc, ix, region, lo) or _trailing_dash(doc, ix, region)
    if intro is not None:
        return Attribution(region.content, "direct", *intro)
    if last + 1 < len(ix.sents):
        n_st, n_en, n_lo, n_hi = ix.sents[last + 1]
        between = ix.text[region.close + 1:n_lo]
        root = doc[n_st:n_en].root
        words = sum(1 for t in doc[n_st:n_en] if not (t.is_space or t.is_punct))
        if words <= 10 and "\n" not in between and not between.strip(" ,.!?") and _is_cue(cue_tokens, root):
            source = source_outside(root, ix)
            if source is not None:  # “…?” Graham asked.
                s0, s1 = noun_span(source)
                return Attribution(region.content, "direct", char_span(doc, root.i, root.i + 1),
                                   char_span(doc, s0, s1), source.i)
    if first > 0 and ix.text[ix.sents[first - 1][2]:ix.sents[first - 1][3]].rstrip().endswith(":"):
        p_st, p_en, p_lo, p_hi = ix.sents[first - 1]
        names = [t for t in doc[p_st:p_en] if not t.is_punct and not t.is_space]
        if names and len(names) <= 4 and all(t.pos_ == "PROPN" for t in names):  # "Kerry:" then the quote
            colon = next(t for t in reversed(doc[p_st:p_en]) if t.text == ":")
            return Attribution(region.content, "direct", char_span(doc, colon.i, colon.i + 1),
                               char_span(doc, names[0].i, names[-1].i + 1), names[-1].i)
        for tok in _cues_in(cue_tokens, p_lo, p_hi):  # "He said:" closing the sentence or paragraph before
            if tok.lower_ != "according":
                source = source_outside(tok, ix)
                if source is not None:
                    s0, s1 = noun_span(source)
                    return Attribution(region.content, "direct", char_span(doc, tok.i, tok.i + 1),
                                       char_span(doc, s0, s1), source.i)
    cont = _continuation(doc, ix, region, found)
    if cont is None and _stands_alone(ix, region, lo, hi):
        return Attribution(region.content, "direct", None, None, None)  # a quotation, speaker unknown
    return cont


def _cues_in(cue_tokens: list, lo: int, hi: int) -> list:
    """Cue tokens starting in [lo, hi); cue_tokens is in text order."""
    return cue_tokens[bisect_left(cue_tokens, lo, key=lambda t: t.idx):bisect_left(cue_tokens, hi, key=lambda t: t.idx)]


def _is_cue(cue_tokens: list, tok) -> bool:
    return any(t.i == tok.i for t in _cues_in(cue_tokens, tok.idx, tok.idx + 1))


def _set_off(text: str, region: QuotedRegion) -> bool:
    """A quote set off by punctuation (“Very good,” he said / he said: “Yes.”), not a title inside a clause."""
    inner = text[region.close - 1] if region.close > region.open + 1 else ""
    after = text[region.close + 1:region.close + 2]
    before = text[:region.open].rstrip()[-1:]
    return inner in ",.!?…" or after in (",", ".") or before in (",", ":", "—")


def _object_holding(tok, verb):
    """The direct object of ``verb`` whose subtree holds ``tok`` ("emphasized [X's commitment to 'Y']")."""
    node = tok
    for _ in range(8):
        if node.head.i == node.i:
            return None
        if node.head.i == verb.i:
            return node if node.dep_ == "dobj" else None
        if node.dep_ in ("ccomp", "advcl", "relcl", "conj"):
            return None
        node = node.head
    return None


def _stands_alone(ix: Index, region: QuotedRegion, lo: int, hi: int) -> bool:
    """The quote is its own sentence or paragraph: a quotation even when no speaker is named."""
    outside = ix.text[lo:region.open] + ix.text[region.close + 1:hi]
    return not any(ch.isalnum() for ch in outside)


def _introduction(doc, ix: Index, region: QuotedRegion, sent_start: int):
    """"Peskov was blunt: “…”" / "Zelensky — “…”": the subject of the clause before the mark."""
    before = ix.text[sent_start:region.open].rstrip()
    if not before.endswith(_INTRO_MARKS):
        return None
    mark = sent_start + len(before) - 1
    span = doc.char_span(sent_start, mark, alignment_mode="contract")
    if span is None or not len(span):
        return None
    root = span.root
    source = root if root.dep_ in SUBJECTS or root.pos_ in ("PROPN", "PRON") else find_source(root)
    if source is None or not sent_start <= source.idx < mark:
        return None
    s0, s1 = noun_span(source)
    return (mark, mark + 1), char_span(doc, s0, s1), source.i


def _continuation(doc, ix: Index, region: QuotedRegion, found: list[Attribution]) -> Attribution | None:
    """A whole-sentence quote right after an attributed quote continues that speaker."""
    prior = [a for a in found if a.kind in ("direct", "mixed") and a.content[1] <= region.open]
    if not prior:
        return None
    a = max(prior, key=lambda att: att.content[1])
    gap = ix.text[a.content[1]:region.open]
    if len(_PARA_BREAK.findall(gap)) > 1 or len(gap) > 300:
        return None
    return Attribution(region.content, "direct", None, None, None, inherit=a)


_HOLDER_ENTS = ("PERSON", "ORG", "GPE", "NORP")
_PHRASE_PREPS = ("as", "to", "with", "for", "of")
_NOT_SPEAKERS = frozenset({"it", "this", "that", "there", "what", "which", "these", "those", "who", "whom"})


def quoted_object(doc, ix: Index, k: int, lexicon: Lexicon, found: list[Attribution]) -> Attribution | None:
    """A quoted fragment inside what a person's verb takes, whatever the verb: "blasted Clinton as a
    “disgrace”", "likened the refugees to a “vicious snake”", "is promising lower taxes and “jobs,
    jobs, jobs”", "has used the phrase “Islamic terrorism”". The marks say the words are someone's;
    the verb's subject used them. The content is the verb's object with the phrase that holds the
    quote. Only a named or pronoun subject that is no quoted speaker's own subject (a scare-quoted
    term in a sentence about things stays no quote)."""
    head = _region_head(doc, ix, k)
    if head is None:
        return None
    for _ in range(4):
        if head.dep_ != "conj" or head.head.i == head.i:
            break
        head = head.head
    node, parts = head, [head]
    for _ in range(4):  # up through a preposition or an object noun to the verb
        gov = node.head
        if gov.i == node.i:
            return None
        if gov.pos_ == "VERB":
            break
        if not (node.dep_ in ("pobj", "compound", "appos", "amod") or gov.dep_ in ("prep", "dobj")
                and node.dep_ in ("pobj", "prep", "appos", "compound", "nmod")):
            return None
        node = gov
        parts.append(node)
    else:
        return None
    if node.dep_ not in ("dobj", "oprd", "prep", "xcomp", "attr") \
            or node.dep_ == "prep" and node.lower_ not in _PHRASE_PREPS:
        return None
    if ix.region_of[gov.i] >= 0 or lexicon.lemma(gov) in lexicon.not_cues or gov.lemma_.lower() in ("be", "have"):
        return None
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in gov.children):
        return None
    subj = next((c for c in gov.children if c.dep_ == "nsubj"), None)
    if subj is None or ix.region_of[subj.i] >= 0 or subj.lower_ in _NOT_SPEAKERS \
            or not (subj.pos_ in ("PROPN", "PRON") or subj.ent_type_ in _HOLDER_ENTS):
        return None
    region = ix.regions[k]
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", ix.text[region.open + 1:region.close])]
    if all(w[0].isupper() for w in words):
        return None  # a title ("hosts “Last Week Tonight”", "signed on for “The X-Files”"), not someone's words
    lemma = lexicon.lemma(gov)
    if len(words) < 2 and lemma not in lexicon.speech | lexicon.nominal | lexicon.as_phrase:
        return None  # one scare-quoted word ("discarded the “friend”") beside a verb that reports nothing
    dobj = next((c for c in gov.children if c.dep_ == "dobj"), None)
    lo = min([node.left_edge.i] + ([dobj.left_edge.i] if dobj is not None and dobj.i < node.i else []))
    hi = node.right_edge.i + 1
    c0, c1 = trim_tokens(doc, lo, hi)
    if c1 - c0 < 1:
        return None
    cs, ce = char_span(doc, c0, c1)
    if any(a.content[0] < ce and cs < a.content[1] for a in found):
        return None
    kind, cs, ce, _ = content_kind(ix, ix.text, cs, ce)
    s0, s1 = noun_span(subj)
    return Attribution((cs, ce), "partial" if kind == "direct" else kind, char_span(doc, gov.i, gov.i + 1),
                       char_span(doc, s0, s1), subj.i)
