"""Attributions from the dependency parse: which cue attributes which content to which source.

Three passes over one spaCy Doc, all linear in its length:

1. a cue with a complement: a reporting verb from the lexicon, or any verb whose subject
   is a person or organisation and that takes a that-clause ("X said (that) ...", "X told
   Y ...", "X insisted ...", "X ruled that ..."); with intentions, an infinitive or "for"
   object ("X wants to ...", "X called for ..."); a labelling verb's object and predicate
   ("called the charges unfounded"); a content noun ("expressed hope that ...", "Trump's
   claim that ...", "announced plans to ..."); a finding ("a poll shows ..."); an object
   that carries a claim ("issued a statement saying ..."); a source phrase inside the
   sentence ("according to X", "in X's words", "as X put it", in :mod:`.phrases`); a
   parenthetical "X, he said, Y"; a "Source: ..." headline; a charge with a gerund ("accused
   her of lying", lexicon ``verbs.gerund``); a labelling verb outside the cue lists
   ("portrayed him as ..."); an attitude adjective ("is confident that ...", in
   :mod:`.attitudes`). A second report that the parser hung inside a content ("said X and
   promised Y", "said X, noting Y") ends that content. With nominal stances, a bare
   noun-phrase object is kind *stance*. Its kind is *indirect* when no quoted region touches the content, *direct*
   when a quoted region covers it, *mixed* otherwise;
2. a quoted region that is the "as" phrase or object of a labelling verb is a *partial*
   quote of that verb, and
3. any other quoted region takes the nearest cue; both in :mod:`.quoted`.

Shared helpers (the Attribution record, sources and spans) live in :mod:`.syntax`.
"""
from __future__ import annotations

from chronicle.extract.quotes.attitudes import attitude
from chronicle.extract.quotes.lexicon import Lexicon
from chronicle.extract.quotes.marks import QuotedRegion
from chronicle.extract.quotes.phrases import according_to, as_put_it, in_words_of
from chronicle.extract.quotes.quoted import attribute_quote, partial_quote, quoted_object
from chronicle.extract.quotes.syntax import (
    NOT_HOLDERS,
    SUBJECTS,
    Attribution,
    Index,
    char_span,
    climbed,
    content_kind,
    find_source,
    is_verbal,
    noun_span,
    source_outside,
    trim_tokens,
)

__all__ = ["Attribution", "find_attributions", "find_source", "noun_span"]


def find_attributions(doc, regions: list[QuotedRegion], lexicon: Lexicon, *, beliefs: bool = True,
                      intentions: bool = True, nominal: bool = False, text: str | None = None) -> list[Attribution]:
    """Every attribution in ``doc``, in text order (see the module docstring for the passes).
    ``text`` is ``doc.text`` when the caller has read it already."""
    ix = Index(doc, regions, text)
    text = ix.text
    # nominal-stance verbs are read in every mode: their object counts when it holds a proposition
    cue_verbs = lexicon.cue_verbs(beliefs, intentions, True)
    wanted = {"intent": intentions, "nominal": nominal}
    found: list[Attribution] = []
    used: set[int] = set()
    cue_tokens: list = []  # reporting verbs outside quotes, for pass 3
    borrowed: dict[int, object] = {}  # a participle's source, when it continues another report
    for tok in doc:
        if ix.region_of[tok.i] >= 0:
            continue
        lemma = lexicon.lemma(tok)
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            att = according_to(doc, ix, tok)
            if att is not None:
                found.append(att)
                cue_tokens.append(tok)
            continue
        if tok.pos_ == "NOUN" and (lemma in lexicon.source_nouns or lemma in lexicon.in_sources):
            att = in_words_of(doc, ix, tok, lexicon)
            if att is not None:
                found.append(att)
                continue
        if tok.pos_ == "NOUN" and (lemma in lexicon.content_nouns or lemma in lexicon.intent_nouns
                                   or tok.tag_ == "NNS" and tok.dep_ == "ROOT" and lemma in lexicon.speech):
            att = _noun_claim(doc, ix, tok, lexicon, intentions)
            if att is not None:
                found.append(att)
            continue
        if tok.lower_ in lexicon.attitude_adjectives and (tok.pos_ == "ADJ" or tok.tag_ == "VBN"):
            att = attitude(doc, ix, tok, lexicon, intentions)
            if att is not None:
                found.append(att)
                continue
        if tok.dep_ == "advcl" and tok.pos_ == "VERB":
            att = as_put_it(doc, ix, tok, lexicon)
            if att is not None:
                found.append(att)
                continue
        if tok.pos_ != "VERB":
            continue
        if lemma not in cue_verbs and not _that_clause(tok, lexicon):
            # a labelling verb outside the cue lists ("portrayed himself as ...", "views X as Y")
            # reports only its object and "as" phrase
            att = _labelled(doc, ix, tok, lexicon) if lemma in lexicon.as_phrase else None
            if att is not None:
                found.append(att)
            continue
        if lemma in lexicon.speech:
            cue_tokens.append(tok)
        comp = _complement(tok, lexicon, wanted, ix)
        if comp is None and tok.dep_ == "parataxis" and lemma in lexicon.speech:
            found.extend(_parenthetical(doc, ix, tok, used))
            continue
        if comp is None:
            continue
        source = borrowed.get(tok.i) or source_outside(tok, ix)
        if source is None:
            continue
        c0, c1, cue_end, stance = comp
        if c0 > tok.i:
            c1, second = _second_report(doc, c0, c1, lexicon, cue_verbs)
            if second is not None and second.tag_ == "VBG":  # "said X, noting ...": the same speaker notes
                borrowed[second.i] = source
        cs_tok, ce_tok = trim_tokens(doc, c0, c1)
        if ce_tok <= cs_tok or cs_tok <= tok.i < ce_tok:
            continue
        cs, ce = char_span(doc, cs_tok, ce_tok)
        kind, cs, ce, touched = content_kind(ix, text, cs, ce)
        if kind == "indirect" and ce_tok - cs_tok < 3 and not _short_clause(doc, cs_tok, ce_tok):
            continue
        if kind == "indirect" and lexicon.not_a_statement(tok):
            continue
        if kind == "indirect" and any(lexicon.anonymous(t) for t in doc[cs_tok:ce_tok] if t.head.i == tok.i):
            continue  # "who asked not to be named"
        if stance and kind == "indirect":
            kind = "stance"
        used.update(touched)
        s0, s1 = noun_span(source)
        found.append(Attribution((cs, ce), kind, char_span(doc, tok.i, cue_end), char_span(doc, s0, s1), source.i,
                                 climbed=climbed(tok)))
    found.extend(_headline_colons(doc, ix))
    found.extend(_headline_cues(doc, ix, lexicon, nominal))
    for k, region in enumerate(regions):
        if k in used:
            continue
        att = partial_quote(doc, ix, k, lexicon) or attribute_quote(doc, ix, k, cue_tokens, found) \
            or quoted_object(doc, ix, k, lexicon, found)
        if att is not None:
            found.append(att)
            used.add(k)
    _lift_reported_subjects(found)
    found.sort(key=lambda a: a.content)
    return _drop_overlaps(found, ix, lexicon)


def _lift_reported_subjects(found: list[Attribution]) -> None:
    """A participle's borrowed subject that sits inside someone's reported words is not the speaker.

    "He stated ..., implying that [the U.S. may need to distance itself], labeling it as
    'X'": the U.S. is part of what he implied, so he is the one labelling.
    """
    for a in found:
        if not a.climbed or a.source is None:
            continue
        for b in found:
            if b is not a and b.source is not None and b.content[0] <= a.source[0] < b.content[1] \
                    and not b.content[0] <= b.source[0] < b.content[1]:
                a.source, a.source_head = b.source, b.source_head
                break


def _second_report(doc, c0: int, c1: int, lexicon: Lexicon, cue_verbs: frozenset[str]):
    """Where a content ends when a second report follows it, and that report's cue: "said [she
    regretted it] and promised to ...", "said [X], noting that ...". The parser hangs the second
    cue inside the first clause; it has no subject of its own, so it is a report of its own."""
    for t in doc[c0 + 2:c1]:
        if t.pos_ != "VERB" or lexicon.lemma(t) not in cue_verbs or any(c.dep_ in SUBJECTS for c in t.children) \
                or not c0 <= t.head.i < c1:
            continue
        start = t.left_edge.i
        if t.dep_ == "conj" and doc[start - 1].dep_ == "cc":  # "... and promised to ..."
            if lexicon.lemma(t) not in lexicon.speech or any(c.dep_ == "aux" and c.tag_ == "MD" for c in t.children):
                continue  # "said Lee remained open and would consider a fairer text": still what was said
            start -= 1
        elif not (t.dep_ in ("advcl", "conj") and t.tag_ == "VBG" and doc[start - 1].text == ","):
            continue  # "..., noting that ..."
        while start > c0 and doc[start - 1].dep_ in ("cc", "punct"):
            start -= 1
        if start - c0 >= 3:
            return start, t
    return c1, None


def _short_clause(doc, start: int, end: int) -> bool:
    """Two words that are a clause of their own: "denied [it happened]", "said [he would]"."""
    if end - start != 2:
        return False
    a, b = doc[start], doc[end - 1]
    return a.dep_ in ("nsubj", "nsubjpass") and a.pos_ in ("PRON", "PROPN") and b.pos_ in ("VERB", "AUX") \
        and a.head.i == b.i


def _that_clause(verb, lexicon: Lexicon) -> bool:
    """Any verb with a that-clause complement reports something ("ruled that", "stressed that")."""
    if lexicon.lemma(verb) in lexicon.not_cues:
        return False
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or not (subj.pos_ in ("PROPN", "PRON") or subj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")):
        return False  # "Concerns persist that ...": only people and organisations report
    return any(c.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ in ("that", "whether") for g in c.children)
               for c in verb.children)


def _finding(verb, lexicon: Lexicon) -> bool:
    """"A new poll shows ...", "the study found ...": an evidence verb with a document or poll subject."""
    if lexicon.lemma(verb) not in lexicon.evidence_verbs:
        return False
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.lemma_.lower() in lexicon.evidence_subjects


def _sentence_before(clause, verb) -> int:
    """Where content that precedes its cue starts: the sentence start when only the clause's
    own coordinated or introductory words stand between them, else the clause's left edge."""
    start = clause.sent.start
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    first = min(verb.i, subj.left_edge.i if subj is not None else verb.i)
    if clause.right_edge.i >= first or any(t.dep_ in ("nsubj", "nsubjpass") and t.head.i == verb.i
                                           for t in clause.doc[start:clause.left_edge.i]):
        return clause.left_edge.i
    return start


def _holds_proposition(noun, lexicon: Lexicon) -> bool:
    """A stance's object that carries a claim, so a quote list wants it without nominal stances:
    a content clause ("disputed the idea that ..."), or a document that says something ("issued a
    statement calling ...", "released a letter that says ...")."""
    for c in noun.children:
        if c.dep_ in ("acl", "relcl") and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children):
            return True  # the parser calls some content clauses relative ones, with "that" as a mark
        if lexicon.lemma(c) in lexicon.speech and (
                c.dep_ == "acl" or c.dep_ == "relcl" and any(g.dep_ == "nsubj" and g.lower_ in ("that", "which")
                                                             for g in c.children)):
            return True
    return False


def _topic(children, nominal: bool) -> tuple[int, int, int, bool] | None:
    """"talked about how he will ...": the clause after about/on/of; a noun phrase only as a stance."""
    prep = next((c for c in children if c.dep_ == "prep" and c.lower_ in ("about", "on", "of")), None)
    obj = next((c for c in prep.children if c.dep_ in ("pcomp", "pobj")), None) if prep is not None else None
    if obj is None:
        return None
    clause = obj.left_edge.lower_ in _WH  # "about how ...", not a gerund topic ("about ending the war")
    if clause or nominal and obj.pos_ in ("NOUN", "PROPN") and obj.right_edge.i > obj.left_edge.i:
        return obj.left_edge.i, obj.right_edge.i + 1, prep.i + 1, not clause
    return None


_WH = {"how", "why", "what", "whether", "when", "where", "who", "which"}


def _has_mark(clause) -> bool:
    return any(g.dep_ == "mark" and g.lower_ in ("that", "whether", "if") for g in clause.children)


def _noun_clause(noun, lexicon: Lexicon, intentions: bool):
    """The that-clause of a content noun ("hope that ..."), or with intentions the infinitive
    of an intent noun ("plans to ..."); None otherwise."""
    lemma = noun.lemma_.lower()
    for c in noun.children:
        if c.dep_ not in ("acl", "ccomp", "relcl") or c.i < noun.i:
            continue
        if lemma in lexicon.content_nouns and any(g.lower_ == "that" and g.dep_ == "mark" for g in c.children):
            return c
        if intentions and lemma in lexicon.intent_nouns and c.pos_ in ("VERB", "AUX") \
                and any(g.dep_ == "aux" and g.lower_ == "to" and g.i < c.i for g in c.children):
            return c
    return None


def _lemma_in(tok, words: frozenset[str]) -> bool:
    return tok.lemma_.lower() in words


def _noun_claim(doc, ix: Index, noun, lexicon: Lexicon, intentions: bool) -> Attribution | None:
    """"Donald Trump's claim that ...", "Lee's plan to ...", "Lee's view is that ...": a possessor,
    a content noun and its clause."""
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    cue = char_span(doc, noun.i, noun.i + 1)
    if poss is None and noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
        # "the mayor left little doubt that ...", "Lee voiced the hope that ...": the verb's subject holds it
        poss = next((c for c in noun.head.children if c.dep_ == "nsubj" and c.lower_ not in NOT_HOLDERS
                     and c.pos_ in ("PROPN", "PRON", "NOUN")), None)
        cue = char_span(doc, noun.head.i, noun.i + 1)
        if poss is None or _noun_clause(noun, lexicon, False) is None:
            return None  # an infinitive only after a possessor ("Lee's plan to ..."): "made plans to" is an act
    if poss is None and noun.tag_ == "NNS" and lexicon.lemma(noun) in lexicon.speech and noun.dep_ == "ROOT":
        # "Trump charges that ...", "But Trump claims that ...": a present-tense cue the tagger read as a
        # plural noun, its subject as a compound; only with a that-clause, so "Trump claims" headlines stay out
        name = next((c for c in noun.children if c.dep_ in ("compound", "nsubj") and c.i == noun.i - 1
                     and (c.pos_ == "PROPN" or c.tag_ == "NNP")), None)
        clause = _noun_clause(noun, lexicon, False) if name is not None else None
        if clause is None and name is not None:  # "Trump claims (that) he's worth $10 billion"
            clause = next((c for c in noun.children if c.dep_ == "ccomp" and c.i > noun.i and is_verbal(c)), None)
        if name is not None and clause is not None:
            poss = name
    if poss is None:
        return None
    clause = _noun_clause(noun, lexicon, intentions)
    if clause is None and noun.dep_ == "ROOT" and noun.tag_ == "NNS" and poss.dep_ != "poss":
        clause = next((c for c in noun.children if c.dep_ == "ccomp" and c.i > noun.i and is_verbal(c)), None)
    if clause is None and noun.dep_ == "nsubj" and noun.head.lemma_ == "be" and _lemma_in(noun, lexicon.content_nouns):
        clause = next((c for c in noun.head.children if c.dep_ in ("ccomp", "attr") and c.i > noun.i
                       and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
    if clause is None:
        return None
    c0, c1 = trim_tokens(doc, clause.left_edge.i, clause.right_edge.i + 1)
    if c1 - c0 < 3:
        return None
    cs, ce = char_span(doc, c0, c1)
    kind, cs, ce, _ = content_kind(ix, ix.text, cs, ce)
    s0, s1 = noun_span(poss)
    return Attribution((cs, ce), kind, cue, char_span(doc, s0, s1), poss.i)


def _headline_colons(doc, ix: Index) -> list[Attribution]:
    """"Politifact: Trump Is Right ...": a name, a colon, then what that source says."""
    out = []
    for st, en, lo, hi in ix.sents:
        turn = doc[st].is_quote and st + 1 < en  # a transcript's turn, '"PENCE: ...' (see marks)
        st += turn
        for k in range(st + 1, min(st + 5, en - 3)):
            if doc[k].text != ":":
                continue
            names = doc[st:k]
            if ix.region_of[st] < 0 and (all(t.pos_ == "PROPN" for t in names)
                                         or all(t.is_upper or not t.is_alpha for t in names)):
                c0, c1 = trim_tokens(doc, k + 1, en)
                if c1 - c0 >= 3:
                    cs, ce = char_span(doc, c0, c1)
                    kind, cs, ce, _ = content_kind(ix, ix.text, cs, ce)
                    if turn and kind == "indirect":
                        kind = "direct"  # the speaker's own words, though the copy closes no mark
                    out.append(Attribution((cs, ce), kind, char_span(doc, k, k + 1), char_span(doc, st, k), k - 1))
            break
    return out


def _title_cased(toks) -> bool:
    words = [t for t in toks if t.is_alpha]
    small = sum(1 for t in words if t.is_lower and len(t) <= 4)  # "of", "to", "in", "and": lower in a title
    return len(words) >= 4 and sum(t.text[0].isupper() for t in words) >= 0.7 * (len(words) - small) \
        and sum(t.text[0].isupper() for t in words) >= len(words) - small


def _headline_verb(tok, lexicon: Lexicon) -> str | None:
    """A title-cased present-tense cue's lemma ("Says", "Calls", "Denies", "Vows"): the tagger reads
    title case as names, so the form is matched against the cue lists directly."""
    w = tok.lower_
    forms = (w[:-3] + "y" if w.endswith("ies") else None,
             w[:-2] if w.endswith(("shes", "ches", "sses", "xes")) else None,
             w[:-1] if w.endswith("s") else None)
    for lemma in forms:
        if lemma and (lemma in lexicon.speech or lemma in lexicon.belief):
            return lemma
    return None


def _headline_cues(doc, ix: Index, lexicon: Lexicon, nominal: bool) -> list[Attribution]:
    """"Hillary Clinton Says No To Fox News", "Trump Calls On Obama To Resign": a title-cased line
    whose words after a name begin with a present-tense cue. What follows the cue is what the name
    says; for a stance verb ("Pence Endorses Paul Ryan") only a clause, or with nominal stances."""
    out = []
    text = ix.text
    for st, en, lo, hi in ix.sents:
        if en - st > 40 or not doc[st].is_title:
            continue  # a headline is short and starts with a capital
        end = lo + len(text[lo:hi].rstrip())
        nl = text.find("\n", end)
        if text[text.rfind("\n", 0, lo) + 1:lo].strip() or text[end:nl if nl != -1 else len(text)].strip():
            continue  # a line of its own only
        toks = [t for t in doc[st:en] if not t.is_space]
        if not toks or not _title_cased(toks) or any(ix.region_of[t.i] >= 0 for t in toks[:2]):
            continue
        for k, tok in enumerate(toks[1:7], start=1):
            if not tok.text[:1].isupper():
                break  # the name before the cue is title-cased words only
            lemma = _headline_verb(tok, lexicon)
            if lemma is None:
                continue
            source = toks[:k]
            if source[0].lower_ in ("the", "a", "an") and len(source) == 1 \
                    or source[-1].lower_ in ("in", "of", "for", "to", "on", "at", "as"):
                break
            rest = [t for t in toks[k + 1:] if not (t.is_punct and t.i == toks[-1].i)]
            if rest and rest[0].lower_ in ("on", "for") and lemma in lexicon.for_phrase | {"call"}:
                rest = rest[1:]  # "Calls On Obama To Resign", "Calls For ..."
            elif rest and rest[0].lower_ in ("to", "about", "with", "at", "in", "after", "by", "from", "over"):
                break  # "Responds To Question About ...": a topic, not what was said
            if len([t for t in rest if t.is_alpha]) < 2:
                break
            clause = any(t.pos_ in ("VERB", "AUX") and t.i > rest[0].i for t in rest) or lemma not in lexicon.nominal
            if not clause and not nominal:
                break
            c0, c1 = trim_tokens(doc, rest[0].i, rest[-1].i + 1)
            if c1 <= c0:
                break
            cs, ce = char_span(doc, c0, c1)
            kind, cs, ce, _ = content_kind(ix, text, cs, ce)
            if not clause and kind == "indirect":
                kind = "stance"
            out.append(Attribution((cs, ce), kind, char_span(doc, tok.i, tok.i + 1),
                                   char_span(doc, source[0].i, source[-1].i + 1), source[-1].i))
            break
    return out


def _parenthetical(doc, ix: Index, cue, used: set[int]) -> list[Attribution]:
    """"Officials, he said, should be vigilant": the sentence around the cue clause is the content."""
    source = find_source(cue)
    if source is None:
        return []
    st, en, _, _ = ix.sents[ix.sent_at(cue.idx)]
    left, right = cue.left_edge.i, cue.right_edge.i + 1
    s0, s1 = noun_span(source)
    out = []
    for a, b in (trim_tokens(doc, st, left), trim_tokens(doc, right, en)):
        if b - a < 3:
            continue
        cs, ce = char_span(doc, a, b)
        kind, cs, ce, touched = content_kind(ix, ix.text, cs, ce)
        used.update(touched)
        out.append(Attribution((cs, ce), kind, char_span(doc, cue.i, cue.i + 1), char_span(doc, s0, s1), source.i))
    return out


def _all_quoted(pred, ix: Index) -> bool:
    """The predicate of "called it X" is only a quoted fragment: left to the partial-quote pass."""
    words = [t for t in pred.subtree if t.is_alpha and t.lower_ not in ("as", "a", "an", "the")]
    return bool(words) and all(ix.region_of[t.i] >= 0 for t in words)


def _complement(verb, lexicon: Lexicon, wanted: dict[str, bool], ix: Index) -> tuple[int, int, int, bool] | None:
    """Token range [start, end) of what a cue verb attributes, where the cue ends, and whether
    it is a bare stance toward a noun phrase (kind "stance", only with nominal stances on).

    A clausal complement ("said (that) ..."); a content noun's clause ("expressed hope that
    ..."); with intentions, an infinitive ("wants to ...", "urged Congress to ...") or "for"
    object ("called for ..."); with nominal, the direct object ("cited the report").
    """
    lemma = lexicon.lemma(verb)
    children = list(verb.children)
    clauses = [c for c in children if c.dep_ == "ccomp" and is_verbal(c)
               and (lemma not in lexicon.needs_that or _has_mark(c))]
    if wanted["intent"] and lemma in lexicon.intent:
        clauses += [c for c in children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") and c.i > verb.i]
    if lemma in lexicon.speech:  # "tweeted in the early morning hours that ...": the parser reads an adverbial
        clauses += [c for c in children if c.dep_ == "advcl" and c.i > verb.i and is_verbal(c)
                    and any(g.dep_ == "mark" and g.lower_ == "that" and g.i == c.left_edge.i for g in c.children)]
    if lemma in lexicon.question_verbs:  # "asked the students if they ...": the parser reads a condition
        clauses += [c for c in children if c.dep_ == "advcl" and c.i > verb.i and is_verbal(c)
                    and any(g.dep_ == "mark" and g.lower_ in ("if", "whether") and g.i == c.left_edge.i
                            for g in c.children)]
    dobj = next((c for c in children if c.dep_ == "dobj"), None)
    right = [c for c in clauses if c.i > verb.i]
    if right:  # the nearest clause after the verb; one before it ("“…,” he said") only if none follows
        clause = min(right, key=lambda c: c.left_edge.i)
        if clause.dep_ == "xcomp" and dobj is not None and dobj.i < clause.i:  # "urged Congress to ..."
            return dobj.left_edge.i, clause.right_edge.i + 1, verb.i + 1, False
        end = clause.right_edge.i + 1
        for nxt in sorted(right, key=lambda c: c.left_edge.i):  # "say they do | n’t know ...": one clause
            if nxt.left_edge.i == end:  # the parser split at a curly apostrophe
                end = nxt.right_edge.i + 1
        start = clause.left_edge.i
        if start < verb.i and _relative_subject(clause, verb):
            start = verb.i + 1  # "a letter that he said [was drafted by the firm]": the relative word stays outside
        return start, end, verb.i + 1, False
    if clauses:  # "X, but Y, a source said": the whole sentence before the cue clause, not only "Y"
        clause = clauses[-1]
        k = ix.region_of[clause.i]
        if k >= 0 and ix.regions[k].close >= clause.right_edge.idx \
                and ix.text[:ix.regions[k].open].rstrip().endswith(","):  # "Asked about it, “We will win,” she said"
            opening = verb.doc.char_span(ix.regions[k].open, ix.regions[k].open + 1, alignment_mode="expand")
            return opening.start, clause.right_edge.i + 1, verb.i + 1, False
        return _sentence_before(clause, verb), clause.right_edge.i + 1, verb.i + 1, False
    if dobj is not None:
        clause = _noun_clause(dobj, lexicon, wanted["intent"])
        if clause is not None:
            return clause.left_edge.i, clause.right_edge.i + 1, dobj.i + 1, False
    if lemma in lexicon.as_phrase and dobj is not None:
        span = _as_phrase(verb, dobj, ix)
        if span is not None:
            return span
    if wanted["intent"] and lemma in lexicon.for_phrase:
        prep = next((c for c in children if c.dep_ == "prep" and c.lower_ == "for"), None)
        pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
        if pobj is not None:
            return pobj.left_edge.i, pobj.right_edge.i + 1, prep.i + 1, False
        for c in children:  # "calling for the US to act": the parser reads "for" as a clause marker
            mark = next((g for g in c.children if g.dep_ == "mark" and g.lower_ == "for"), None)
            if c.dep_ == "advcl" and mark is not None and c.i > verb.i:
                return mark.i + 1, c.right_edge.i + 1, mark.i + 1, False
    if lemma in lexicon.gerund:  # "accused her of lying", "blamed Lee for ending the talks"
        near = children + (list(dobj.children) if dobj is not None else [])  # "accused [her of] lying"
        prep = next((c for c in near if c.dep_ == "prep" and c.lower_ in lexicon.gerund[lemma] and c.i > verb.i), None)
        act = next((c for c in prep.children if c.dep_ == "pcomp" and c.tag_ == "VBG"), None) if prep else None
        if act is not None:
            return act.left_edge.i, act.right_edge.i + 1, prep.i + 1, False
    if lemma in lexicon.about_phrase and dobj is None:
        topic = _topic(children, wanted["nominal"])
        if topic is not None:
            return topic
    if dobj is not None and _finding(verb, lexicon) and dobj.pos_ != "PRON":  # "a poll shows Clinton ahead"
        end = max([dobj.right_edge.i] + [c.right_edge.i for c in children
                                         if c.i > dobj.i and c.dep_ in ("oprd", "advmod", "prep")])
        return dobj.left_edge.i, end + 1, verb.i + 1, False
    if (lemma in lexicon.nominal or lemma in lexicon.speech and lemma not in lexicon.addressee) \
            and dobj is not None and dobj.pos_ != "PRON" and dobj.right_edge.i - dobj.left_edge.i >= 1:
        claim = _holds_proposition(dobj, lexicon)
        if wanted["nominal"] or claim:
            return dobj.left_edge.i, dobj.right_edge.i + 1, verb.i + 1, not claim
    return None


_RELATIVES = frozenset({"that", "which", "who", "whom", "what"})


def _relative_subject(clause, verb) -> bool:
    """The clause's subject is a relative word before the cue, and nothing else of it is:
    "which the campaign says [includes 2.7 million contributors]", "what he said [were failures]"."""
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and subj.lower_ in _RELATIVES and subj.i < verb.i \
        and clause.left_edge.i == subj.i and not any(t.i < verb.i and t.i != subj.i for t in clause.subtree)


def _as_phrase(verb, dobj, ix: Index) -> tuple[int, int, int, bool] | None:
    """"called the charges unfounded", "described the war as a disaster": the object and its predicate."""
    children = list(verb.children)
    pred = next((c for c in children if c.i > dobj.i and (c.dep_ in ("oprd", "xcomp")
                                                          or (c.dep_ == "prep" and c.lower_ == "as"))), None)
    if pred is None:
        pred = next((c for c in dobj.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    if pred is not None and not _all_quoted(pred, ix):
        if dobj.pos_ == "PRON" and dobj.right_edge.i < pred.i:
            # "hailed it as a long-sought launch of ...": what was said is the predicate, not "it as ..."
            start = pred.i + 1 if pred.dep_ == "prep" else pred.left_edge.i
            return start, pred.right_edge.i + 1, verb.i + 1, False
        return dobj.left_edge.i, max(pred.right_edge.i, dobj.right_edge.i) + 1, verb.i + 1, False
    return None


def _labelled(doc, ix: Index, verb, lexicon: Lexicon) -> Attribution | None:
    """A labelling verb that is no other cue: its object and "as" phrase, with the verb's subject."""
    dobj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    span = _as_phrase(verb, dobj, ix) if dobj is not None else None
    # its own subject only: borrowed through a participle, the subject is often a thing ("policies
    # casting her as ...") or a dateline
    source = next((c for c in verb.children if c.dep_ == "nsubj"), None) if span is not None else None
    if source is None or source.lower_ in NOT_HOLDERS:
        return None
    cs_tok, ce_tok = trim_tokens(doc, span[0], span[1])
    if ce_tok - cs_tok < 3:
        return None
    cs, ce = char_span(doc, cs_tok, ce_tok)
    kind, cs, ce, _ = content_kind(ix, ix.text, cs, ce)
    s0, s1 = noun_span(source)
    return Attribution((cs, ce), kind, char_span(doc, verb.i, verb.i + 1), char_span(doc, s0, s1), source.i)


_RANK = {"stance": 0, "indirect": 1, "direct": 2, "mixed": 2, "partial": 2}
# Words that join a second report to the first one's content: "said X, though she noted Y",
# "said X and Democrats accused ...".
_JOINERS = frozenset({"and", "but", "though", "although", "while", "whereas", "yet"})


def _nested_cut(outer: Attribution, inner: Attribution, ix: Index, lexicon: Lexicon) -> int | None:
    """Where an indirect content ends when a second report, a clause with its own speaking subject,
    is joined to it ("Lynch said [X], though she noted Y", "said [X] and Democrats accused the GOP
    of ..."): each word belongs to one report, so the first content stops before the second begins.
    None for anything else inside a content (a relative "who want to", "his plans to", a belief)."""
    if outer.kind != "indirect" or inner.cue is None or inner.source is None or inner.inherit is not None \
            or inner.source_head is None:
        return None
    lo, hi = outer.content
    if not (lo < inner.source[0] < inner.cue[0] < hi and inner.cue[0] < inner.content[0]
            and inner.content[1] <= hi + 1):
        return None
    doc = ix.doc
    subj = doc[inner.source_head]
    verb = subj.head
    if subj.dep_ != "nsubj" or verb.idx != inner.cue[0] or lexicon.lemma(verb) not in lexicon.speech \
            or subj.lower_ in NOT_HOLDERS or subj.lower_ in ("who", "whom"):
        return None
    first = doc[subj.left_edge.i]
    k = first.i - 1
    joined = False
    while k > 0 and (doc[k].is_punct or doc[k].lower_ in _JOINERS):
        joined = joined or doc[k].lower_ in _JOINERS or doc[k].text in (";",)
        k -= 1
    if not joined or doc[k].idx < lo:
        return None
    toks = doc[doc.char_span(lo, lo + 1, alignment_mode="expand").start:k + 1]
    if sum(t.is_alpha for t in toks) < 4 or not any(t.pos_ in ("VERB", "AUX") for t in toks):
        return None
    return doc[k].idx + len(doc[k].text)


def _drop_overlaps(found: list[Attribution], ix: Index | None = None,
                   lexicon: Lexicon | None = None) -> list[Attribution]:
    out: list[Attribution] = []
    for a in found:
        if out and a.content[0] < out[-1].content[1]:
            prev = out[-1]
            cut = _nested_cut(prev, a, ix, lexicon) if ix is not None else None
            if cut is not None:  # a second report inside the first: each keeps its own words
                prev.content = (prev.content[0], cut)
                out.append(a)
                continue
            # keep the one that covers a quoted region, then a reported clause over a stance, then the longer
            if _RANK.get(a.kind, 0) > _RANK.get(prev.kind, 0) or (
                prev.kind == a.kind and a.content[1] - a.content[0] > prev.content[1] - prev.content[0]
            ):
                out[-1] = a
            continue
        out.append(a)
    return out
