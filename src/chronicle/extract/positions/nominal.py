"""Positions stated by a noun: "the opposition renewed its demand for early elections", "Russia's
refusal to withdraw", "a pledge to cut taxes", "repeated the U.S. view that the general must leave"."""
from __future__ import annotations

from collections.abc import Iterator, Sequence

from chronicle.extract.positions.actors import find_actor, name_of
from chronicle.extract.positions.clauses import modal_stance
from chronicle.extract.positions.lexicon import PositionLexicon
from chronicle.records import Mention, Quote

_PREPS = {"demand": ("for", "on"), "offer": ("of", "for", "to"), "support": ("for", "of"), "accept": ("of",),
          "reject": ("of",), "commitment": ("to", "of"), "warning": ("against", "of"), "denial": ("of",)}


def noun_hits(doc, span, names: Sequence[Mention], quotes: Sequence[Quote], lex: PositionLexicon) -> Iterator[tuple]:
    """(noun, index after it, stance, complement, actor, actor words) for each position noun in the sentence."""
    for tok in span:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in lex.cue_nouns or any(
                c.dep_ == "neg" or c.lower_ in ("no", "any", "without") for c in tok.children):
            continue
        stance = lex.nouns.get(tok.lemma_.lower())
        found = _complement(tok, stance, lex)
        if found is None:
            continue
        stance, comp = found
        actor, words = _holder(doc, tok, names, quotes, lex)
        if actor is not None:
            yield tok, tok.i + 1, stance, comp, actor, words


def _complement(noun, stance: str | None, lex: PositionLexicon):
    """(stance, complement head): its "for/of/to" object, its "to" clause, or a "that" clause with "must"."""
    kids = list(noun.children)
    clause = next((c for c in kids if c.dep_ in ("acl", "ccomp", "appos") and c.pos_ in ("VERB", "AUX")
                   and c.i > noun.i), None)
    if clause is not None and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
        said = modal_stance(clause, lex)  # "the view that X must go", "its demand that X leave"
        if said is not None:
            return (stance if stance == "demand" and said == "demand" else said), clause
        return (stance, clause) if stance in ("demand", "warning", "denial") else None
    if stance is None:  # a view noun holds a position only through a "must" clause
        return None
    if noun.dep_ == "nsubj" and noun.head.lemma_ == "be":  # "the protesters' main demand is X"
        attr = next((c for c in noun.head.children if c.dep_ in ("attr", "xcomp", "ccomp") and c.i > noun.i), None)
        if attr is not None:
            return stance, attr
    if clause is not None and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
        return stance, clause  # "a pledge to cut taxes", "its refusal to withdraw"
    for p in kids:
        if p.dep_ == "prep" and p.lower_ in _PREPS.get(stance, ()):
            obj = next((c for c in p.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is not None and obj.ent_type_ not in ("DATE", "TIME") and obj.pos_ in ("NOUN", "PROPN", "VERB"):
                return stance, obj
    return None


def _holder(doc, noun, names: Sequence[Mention], quotes: Sequence[Quote], lex: PositionLexicon):
    """Whose noun it is: a possessor that names someone ("Russia's refusal"), else the subject of the verb
    that states it ("the opposition renewed its demand"), else a possessive pronoun's antecedent."""
    if any(c.dep_ == "amod" and c.lower_ in lex.bygone for c in noun.children):
        return None, None  # "its previous insistence on ...": a position given up, not held
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB":
        if head.lemma_.lower() in lex.light_verbs:  # "the opposition renewed its demand for ..."
            return find_actor(doc, head, names, quotes, lex)
        return None, None  # "questioned Putin's commitment to ...": the verb's subject doubts it, nobody states it
    if poss is not None:
        found = name_of(doc, poss, names, quotes, lex)
        if found[0] is None and poss.pos_ == "NOUN":  # "the strikers' main demand": whoever they are
            words = doc[poss.left_edge.i:poss.i + 1].text.removeprefix("the ").removeprefix("The ")
            return words[:1].upper() + words[1:], words
        return found
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    by = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if by is not None and noun.dep_ == "nsubj" and noun.head.lemma_ == "be":  # "the main demand of the protesters is"
        return name_of(doc, by, names, quotes, lex)
    return None, None
