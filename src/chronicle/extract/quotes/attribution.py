"""Attributions from the dependency parse: which cue attributes which content to which source.

Three passes over one spaCy Doc, all linear in its length:

1. a reporting verb from the cue lexicon with a clausal complement ("X said (that) ...",
   "X told Y ...", "X insisted ..."), or a content noun ("expressed hope that ..."), or
   "according to X": the complement is the content. Its kind is *indirect* when no quoted
   region touches it, *direct* when a quoted region covers it, *mixed* otherwise;
2. a quoted region that is the "as" phrase or object of a labelling verb ("labeled it as
   'fake news'", "described the war as a 'bloodbath'") is a *partial* quote of that verb;
3. any other quoted region takes the nearest cue verb in its sentences ("“…,” Zelensky
   said, “…”"), then a colon or dash introduction, then the speaker of the quote just
   before it in the same or the previous paragraph (a quote continued over sentences).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from chronicle.extract.quotes.lexicon import Lexicon
from chronicle.extract.quotes.marks import QuotedRegion

_SUBJECTS = ("nsubj", "csubj")
_CLIMB = ("advcl", "xcomp", "conj", "acl", "relcl", "pcomp")
_NP_LEFT = {"compound", "amod", "det", "poss", "nmod", "nummod", "quantmod", "case", "predet", "advmod", "npadvmod"}
_SOURCE_PREPS = {"of", "for", "at", "with", "from", "in", "on"}
_INTRO_MARKS = (":", "—", "–", "―")
_PARA_BREAK = re.compile(r"\n\s*")
_COMPLEMENTIZER = re.compile(r"^\s*that\b", re.I)


@dataclass(slots=True)
class Attribution:
    """A found attribution, in character offsets; the speaker is resolved afterwards."""

    content: tuple[int, int]
    kind: str
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    source_head: int | None  # token index of the source's head word
    inherit: "Attribution | None" = None  # an earlier attribution whose speaker this one continues


class _Index:
    """Token/character lookups shared by the three passes."""

    def __init__(self, doc, regions: list[QuotedRegion]):
        self.doc = doc
        self.regions = regions
        self.opens = [r.open for r in regions]
        self.sents = [(s.start, s.end, s.start_char, s.end_char) for s in doc.sents]
        self.sent_starts = [s[2] for s in self.sents]
        self.region_of = [self.region_at(t.idx) for t in doc]

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
        if child.dep_ in _SUBJECTS and child.pos_ not in ("SCONJ",) and child.lower_ not in ("there", "what", "which", "that"):
            return child
    if child_dep_passive(verb):
        return None
    if verb.dep_ in _CLIMB and depth < 3 and verb.head.i != verb.i:
        if verb.dep_ == "relcl":  # "Peskov, who said ..." -> the noun the clause hangs on
            return verb.head
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":  # "... by announcing that ..."
            return find_source(verb.head.head, depth + 1)
        return find_source(verb.head, depth + 1)
    return None


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
        elif child.dep_ == "appos" and child.right_edge.i - child.i < 6 and child.i <= end + 1:
            end = child.right_edge.i + 1
    doc = head.doc
    while end - 1 > start and doc[end - 1].is_punct:
        end -= 1
    return start, end


def _char_span(doc, start_tok: int, end_tok: int) -> tuple[int, int]:
    return doc[start_tok].idx, doc[end_tok - 1].idx + len(doc[end_tok - 1].text)


def _trim(doc, start_tok: int, end_tok: int) -> tuple[int, int]:
    while start_tok < end_tok and (doc[start_tok].is_punct or doc[start_tok].is_space) and not doc[start_tok].is_quote:
        start_tok += 1
    while end_tok > start_tok and (doc[end_tok - 1].is_punct or doc[end_tok - 1].is_space) and not doc[end_tok - 1].is_quote:
        end_tok -= 1
    return start_tok, end_tok


def _content_kind(ix: _Index, text: str, start: int, end: int) -> tuple[str, int, int, list[int]]:
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


def find_attributions(doc, regions: list[QuotedRegion], lexicon: Lexicon, *, beliefs: bool = True,
                      intentions: bool = True, nominal: bool = False) -> list[Attribution]:
    """Every attribution in ``doc``, in text order (see the module docstring for the passes)."""
    text = doc.text
    ix = _Index(doc, regions)
    cue_verbs = lexicon.cue_verbs(beliefs, intentions, nominal)
    wanted = {"intent": intentions, "nominal": nominal}
    found: list[Attribution] = []
    used: set[int] = set()
    cue_tokens: list = []  # reporting verbs outside quotes, for pass 3
    for tok in doc:
        if ix.region_of[tok.i] >= 0:
            continue
        lemma = tok.lemma_.lower()
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            att = _according_to(doc, ix, tok)
            if att is not None:
                found.append(att)
                cue_tokens.append(tok)
            continue
        if tok.pos_ == "NOUN" and lemma in lexicon.content_nouns:
            att = _noun_claim(doc, ix, tok)
            if att is not None:
                found.append(att)
            continue
        if tok.pos_ not in ("VERB", "AUX") or lemma not in cue_verbs:
            continue
        if lemma in lexicon.speech:
            cue_tokens.append(tok)
        comp = _complement(tok, lexicon, wanted, ix)
        if comp is None and tok.dep_ == "parataxis" and lemma in lexicon.speech:
            found.extend(_parenthetical(doc, ix, tok, used))
            continue
        if comp is None:
            continue
        source = find_source(tok)
        if source is None:
            continue
        c0, c1, cue_end = comp
        cs_tok, ce_tok = _trim(doc, c0, c1)
        if ce_tok <= cs_tok or cs_tok <= tok.i < ce_tok:
            continue
        cs, ce = _char_span(doc, cs_tok, ce_tok)
        kind, cs, ce, touched = _content_kind(ix, text, cs, ce)
        if kind == "indirect" and ce_tok - cs_tok < 3:
            continue
        used.update(touched)
        s0, s1 = noun_span(source)
        found.append(Attribution((cs, ce), kind, _char_span(doc, tok.i, cue_end), _char_span(doc, s0, s1), source.i))
    found.extend(_headline_colons(doc, ix))
    for k, region in enumerate(regions):
        if k in used:
            continue
        att = _partial(doc, ix, k, lexicon) or _nearest_cue(doc, ix, k, cue_tokens, found)
        if att is not None:
            found.append(att)
            used.add(k)
    found.sort(key=lambda a: a.content)
    return _drop_overlaps(found)


def _noun_claim(doc, ix: _Index, noun) -> Attribution | None:
    """"Donald Trump's claim that ...": a possessor, a content noun and its that-clause."""
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp") and any(g.lower_ == "that" and g.i < c.i
                                                                                   for g in c.children)), None)
    if poss is None or clause is None:
        return None
    c0, c1 = _trim(doc, clause.left_edge.i, clause.right_edge.i + 1)
    if c1 - c0 < 3:
        return None
    cs, ce = _char_span(doc, c0, c1)
    kind, cs, ce, _ = _content_kind(ix, doc.text, cs, ce)
    s0, s1 = noun_span(poss)
    return Attribution((cs, ce), kind, _char_span(doc, noun.i, noun.i + 1), _char_span(doc, s0, s1), poss.i)


def _headline_colons(doc, ix: _Index) -> list[Attribution]:
    """"Politifact: Trump Is Right ...": a name, a colon, then what that source says."""
    out = []
    for st, en, lo, hi in ix.sents:
        for k in range(st + 1, min(st + 5, en - 3)):
            if doc[k].text != ":":
                continue
            names = doc[st:k]
            if all(t.pos_ == "PROPN" for t in names) and ix.region_of[st] < 0:
                c0, c1 = _trim(doc, k + 1, en)
                if c1 - c0 >= 3:
                    cs, ce = _char_span(doc, c0, c1)
                    kind, cs, ce, _ = _content_kind(ix, doc.text, cs, ce)
                    out.append(Attribution((cs, ce), kind, _char_span(doc, k, k + 1), _char_span(doc, st, k), k - 1))
            break
    return out


def _parenthetical(doc, ix: _Index, cue, used: set[int]) -> list[Attribution]:
    """"Officials, he said, should be vigilant": the sentence around the cue clause is the content."""
    source = find_source(cue)
    if source is None:
        return []
    st, en, _, _ = ix.sents[ix.sent_at(cue.idx)]
    left, right = cue.left_edge.i, cue.right_edge.i + 1
    s0, s1 = noun_span(source)
    out = []
    for a, b in (_trim(doc, st, left), _trim(doc, right, en)):
        if b - a < 3:
            continue
        cs, ce = _char_span(doc, a, b)
        kind, cs, ce, touched = _content_kind(ix, doc.text, cs, ce)
        used.update(touched)
        out.append(Attribution((cs, ce), kind, _char_span(doc, cue.i, cue.i + 1), _char_span(doc, s0, s1), source.i))
    return out


def _trailing_dash(doc, region: QuotedRegion) -> tuple | None:
    """“…” ― Sonya Herridge: a quote signed after a dash."""
    text = doc.text
    j = region.close + 1
    while j < len(text) and text[j] in " \t":
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
    return (j, j + 1), _char_span(doc, max(s0, span.start), min(s1, span.end)), head.i


def _verbal(tok) -> bool:
    return tok.pos_ in ("VERB", "AUX") or any(c.dep_ in _SUBJECTS or c.dep_ == "nsubjpass" for c in tok.children)


def _all_quoted(pred, ix: _Index) -> bool:
    """The predicate of "called it X" is only a quoted fragment: left to the partial-quote pass."""
    words = [t for t in pred.subtree if t.is_alpha and t.lower_ not in ("as", "a", "an", "the")]
    return bool(words) and all(ix.region_of[t.i] >= 0 for t in words)


def _complement(verb, lexicon: Lexicon, wanted: dict[str, bool], ix: _Index) -> tuple[int, int, int] | None:
    """Token range [start, end) of what a cue verb attributes, and where the cue ends.

    A clausal complement ("said (that) ..."); a content noun's clause ("expressed hope that
    ..."); with intentions, an infinitive ("wants to ...", "urged Congress to ...") or "for"
    object ("called for ..."); with nominal, the direct object ("cited the report").
    """
    lemma = verb.lemma_.lower()
    children = list(verb.children)
    for child in children:
        if child.dep_ == "ccomp" and _verbal(child):
            return child.left_edge.i, child.right_edge.i + 1, verb.i + 1
    dobj = next((c for c in children if c.dep_ == "dobj"), None)
    if dobj is not None and dobj.lemma_.lower() in lexicon.content_nouns:
        for grand in dobj.children:
            if grand.dep_ in ("ccomp", "acl") and any(g.lower_ == "that" for g in grand.children):
                return grand.left_edge.i, grand.right_edge.i + 1, dobj.i + 1
    if lemma in lexicon.as_phrase and dobj is not None:
        pred = next((c for c in children if c.i > dobj.i and (c.dep_ in ("oprd", "xcomp")
                                                              or (c.dep_ == "prep" and c.lower_ == "as"))), None)
        if pred is None:
            pred = next((c for c in dobj.children if c.dep_ == "prep" and c.lower_ == "as"), None)
        if pred is not None and not _all_quoted(pred, ix):
            return dobj.left_edge.i, max(pred.right_edge.i, dobj.right_edge.i) + 1, verb.i + 1
    if wanted["intent"] and lemma in lexicon.intent:
        xcomp = next((c for c in children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
        if xcomp is not None and xcomp.i > verb.i:
            start = dobj.left_edge.i if dobj is not None and dobj.i < xcomp.i else xcomp.left_edge.i
            return start, xcomp.right_edge.i + 1, verb.i + 1
    if wanted["intent"] and lemma in lexicon.for_phrase:
        prep = next((c for c in children if c.dep_ == "prep" and c.lower_ == "for"), None)
        pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
        if pobj is not None:
            return pobj.left_edge.i, pobj.right_edge.i + 1, prep.i + 1
    if wanted["nominal"] and lemma in lexicon.nominal and dobj is not None and dobj.pos_ != "PRON":
        if dobj.right_edge.i - dobj.left_edge.i >= 1:
            return dobj.left_edge.i, dobj.right_edge.i + 1, verb.i + 1
    return None


def _according_to(doc, ix: _Index, tok):
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    s0, s1 = noun_span(pobj)
    s1 = max(s1, pobj.i + 1)
    si = ix.sent_at(tok.idx)
    st, en, _, _ = ix.sents[si]
    before = _trim(doc, st, tok.i)
    after = _trim(doc, s1, en)
    side = before if before[1] - before[0] >= after[1] - after[0] else after
    if side[1] - side[0] < 3:
        return None
    cs, ce = _char_span(doc, *side)
    kind, cs, ce, _ = _content_kind(ix, doc.text, cs, ce)
    return Attribution((cs, ce), kind, _char_span(doc, tok.i, tok.i + 2), _char_span(doc, s0, s1), pobj.i)


def _region_head(doc, ix: _Index, k: int):
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


def _partial(doc, ix: _Index, k: int, lexicon: Lexicon) -> Attribution | None:
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
    return Attribution(region.content, "partial", _char_span(doc, gov.i, gov.i + 1), _char_span(doc, s0, s1), source.i)


def _clause_like(doc, region: QuotedRegion) -> bool:
    span = doc.char_span(region.open + 1, region.close, alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if not t.is_punct]
    return len(words) >= 4 and any(t.pos_ in ("VERB", "AUX") for t in words)


def _nearest_cue(doc, ix: _Index, k: int, cue_tokens: list, found: list[Attribution]) -> Attribution | None:
    """A quote with its cue in the same sentence(s), or introduced by a colon or dash, or continued."""
    region = ix.regions[k]
    first, last = ix.sent_at(region.open), ix.sent_at(region.close)
    lo, hi = ix.sents[first][2], ix.sents[last][3]
    clause = _clause_like(doc, region)
    head = _region_head(doc, ix, k)
    best, best_dist = None, None
    for tok in cue_tokens:
        if not lo <= tok.idx < hi or ix.region_of[tok.i] >= 0:
            continue
        dist = region.open - tok.idx if tok.idx < region.open else tok.idx - region.close
        if best_dist is None or dist < best_dist:
            best, best_dist = tok, dist
    if best is not None and best.lower_ == "according":
        prior = next((a for a in found if a.cue == _char_span(doc, best.i, best.i + 2)), None)
        if prior is not None and clause:
            return Attribution(region.content, "direct", prior.cue, prior.source, prior.source_head)
        best = None
    if best is not None:
        source = find_source(best)
        linked = head is not None and head.head.i == best.i and _set_off(doc.text, region)
        if source is not None and (clause or linked):
            s0, s1 = noun_span(source)
            return Attribution(region.content, "direct", _char_span(doc, best.i, best.i + 1),
                               _char_span(doc, s0, s1), source.i)
        if source is not None and head is not None:
            obj = _object_holding(head, best)
            if obj is not None:
                o0, o1 = _trim(doc, obj.left_edge.i, obj.right_edge.i + 1)
                cs, ce = _char_span(doc, o0, o1)
                kind, cs, ce, _ = _content_kind(ix, doc.text, cs, ce)
                s0, s1 = noun_span(source)
                return Attribution((cs, ce), kind, _char_span(doc, best.i, best.i + 1), _char_span(doc, s0, s1),
                                   source.i)
    if not clause:
        return None  # a scare-quoted term with no speaker in sight
    intro = _introduction(doc, ix, region, lo) or _trailing_dash(doc, region)
    if intro is not None:
        return Attribution(region.content, "direct", *intro)
    if last + 1 < len(ix.sents):
        n_st, n_en, n_lo, n_hi = ix.sents[last + 1]
        between = doc.text[region.close + 1:n_lo]
        root = doc[n_st:n_en].root
        if n_en - n_st <= 10 and "\n" not in between and not between.strip(" ,.!?") and root.lemma_.lower() in _next_cues(cue_tokens):
            source = find_source(root)
            if source is not None:  # “…?” Graham asked.
                s0, s1 = noun_span(source)
                return Attribution(region.content, "direct", _char_span(doc, root.i, root.i + 1),
                                   _char_span(doc, s0, s1), source.i)
    if first > 0 and doc.text[ix.sents[first - 1][2]:ix.sents[first - 1][3]].rstrip().endswith(":"):
        p_lo, p_hi = ix.sents[first - 1][2], ix.sents[first - 1][3]
        for tok in cue_tokens:  # "He said:" closing the sentence or paragraph before
            if p_lo <= tok.idx < p_hi and tok.lower_ != "according":
                source = find_source(tok)
                if source is not None:
                    s0, s1 = noun_span(source)
                    return Attribution(region.content, "direct", _char_span(doc, tok.i, tok.i + 1),
                                       _char_span(doc, s0, s1), source.i)
    return _continuation(doc, ix, region, found)


def _next_cues(cue_tokens: list) -> set[str]:
    return {t.lemma_.lower() for t in cue_tokens}


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


def _introduction(doc, ix: _Index, region: QuotedRegion, sent_start: int):
    """"Peskov was blunt: “…”" / "Zelensky — “…”": the subject of the clause before the mark."""
    before = doc.text[sent_start:region.open].rstrip()
    if not before.endswith(_INTRO_MARKS):
        return None
    mark = sent_start + len(before) - 1
    span = doc.char_span(sent_start, mark, alignment_mode="contract")
    if span is None or not len(span):
        return None
    root = span.root
    source = root if root.dep_ in _SUBJECTS or root.pos_ in ("PROPN", "PRON") else find_source(root)
    if source is None or not sent_start <= source.idx < mark:
        return None
    s0, s1 = noun_span(source)
    return (mark, mark + 1), _char_span(doc, s0, s1), source.i


def _continuation(doc, ix: _Index, region: QuotedRegion, found: list[Attribution]) -> Attribution | None:
    """A whole-sentence quote right after an attributed quote continues that speaker."""
    prior = [a for a in found if a.kind in ("direct", "mixed") and a.content[1] <= region.open]
    if not prior:
        return None
    a = max(prior, key=lambda att: att.content[1])
    gap = doc.text[a.content[1]:region.open]
    if len(_PARA_BREAK.findall(gap)) > 1 or len(gap) > 300:
        return None
    return Attribution(region.content, "direct", None, None, None, inherit=a)


def _drop_overlaps(found: list[Attribution]) -> list[Attribution]:
    out: list[Attribution] = []
    for a in found:
        if out and a.content[0] < out[-1].content[1]:
            prev = out[-1]
            # keep the one that covers a quoted region or the longer one
            if (prev.kind == "indirect" and a.kind != "indirect") or (
                prev.kind == a.kind and a.content[1] - a.content[0] > prev.content[1] - prev.content[0]
            ):
                out[-1] = a
            continue
        out.append(a)
    return out
