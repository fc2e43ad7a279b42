"""What a reported clause says about its holder: a demand ("must"), a condition ("any deal must",
"no deal unless ..."), and whose words an unattributed modal sentence or a "we" continues."""
from __future__ import annotations

from collections.abc import Sequence

from chronicle.extract.positions.lexicon import PositionLexicon
from chronicle.records import Quote

_SUBJECTS = ("nsubj", "nsubjpass")
NEAR_QUOTE = 300  # characters: how far a "we" outside any attributed quote looks for the quote it continues


def modal_stance(comp, lex: PositionLexicon) -> str | None:
    """demand or condition for a clause that says what must happen, else None."""
    kids = list(comp.children)
    modal = any(c.dep_ == "aux" and c.lower_ in lex.modals for c in kids) or (
        comp.lemma_.lower() in ("need", "have") and any(c.dep_ == "xcomp" for c in kids))
    if not modal:
        return None
    subj = next((c for c in kids if c.dep_ in _SUBJECTS), None)
    if subj is not None and (subj.lemma_.lower() in lex.deal_nouns or any(g.lower_ == "any" for g in subj.children)):
        return "condition"
    return "demand"


def condition_clause(comp, lex: PositionLexicon):
    """The clause a reported clause sets as its condition ("there could be no deal unless Gaddafi left
    power", "the strike goes on as long as ..."): the head of the "unless"/"as long as" clause, or None."""
    doc = comp.doc
    for t in comp.subtree:
        if t.dep_ != "advcl" or t.head.i < comp.left_edge.i:
            continue
        first = next((k.i for k in t.subtree if k.dep_ != "mark"), t.i)
        before = " ".join(w.lower_ for w in doc[max(comp.left_edge.i, first - 4):first])
        if any(before == " ".join(p) or before.endswith(" " + " ".join(p)) for p in lex.condition_phrases):
            return t
        if doc[first - 1].lower_ in lex.negated_until and any(c.dep_ == "neg" for c in t.head.children):
            return t  # "would not negotiate until the president resigns"
    return None


def refusal_pledge(comp, lex: PositionLexicon) -> bool:
    """A reported clause in which its holder says what it will not do ("said it would not field a
    candidate", "said he will never sign"): a commitment."""
    kids = list(comp.children)
    subj = next((c for c in kids if c.dep_ in _SUBJECTS), None)
    return (subj is not None and subj.lower_ in lex.self_pronouns and comp.lemma_.lower() not in lex.cue_lemmas
            and any(c.dep_ == "aux" and c.lower_ in ("will", "would", "wo", "'ll", "shall") for c in kids)
            and any(c.dep_ == "neg" for c in kids))


def modal_root(span, lex: PositionLexicon):
    """The root of a sentence that is itself a "must"/"should" clause ("Those responsible should be held
    accountable."), or None."""
    root = span.root
    if root.pos_ not in ("VERB", "AUX") or not any(c.dep_ == "aux" and c.lower_ in lex.modals for c in root.children):
        return None
    subj = next((c for c in root.children if c.dep_ in _SUBJECTS), None)
    if subj is not None and subj.lower_ == "you":
        return None  # advice to the reader
    return root


def continued_speaker(start: int, end: int, prev_start: int | None, quotes: Sequence[Quote]) -> Quote | None:
    """The attributed quote a sentence [start, end) belongs to: one over it, else one in the sentence
    just before (a statement quoted sentence by sentence, its speaker named once)."""
    over = next((q for q in quotes if q.speaker and q.start_char < end and q.end_char > start), None)
    if over is not None or prev_start is None:
        return over
    return next((q for q in reversed(quotes) if q.speaker and prev_start <= q.start_char < start), None)


def nearest_speaker(idx: int, quotes: Sequence[Quote]) -> Quote | None:
    """The attributed quote nearest a first-person word that no attributed quote holds ("We want to see
    ..." in a run of quoted sentences whose speaker is named once)."""
    near = [(min(abs(q.start_char - idx), abs(q.end_char - idx)), q) for q in quotes if q.speaker]
    near = [(d, q) for d, q in near if d <= NEAR_QUOTE]
    return min(near, key=lambda x: x[0])[1] if near else None
