"""What a reported clause says about its holder: a demand ("must"), a condition ("any deal must",
"no deal unless ..."), and whose words an unattributed modal sentence or a "we" continues."""
from __future__ import annotations

from collections.abc import Sequence

from chronicle.extract.positions.lexicon import PositionLexicon
from chronicle.records import Quote

_SUBJECTS = ("nsubj", "nsubjpass")
# "will have to", "would need to": what must follow, foretold, not demanded ("the firm will have to pass
# those costs on")
_FORETOLD = frozenset({"will", "'ll", "wo", "may", "might", "could"})  # not "would": reported speech's "must"
NEAR_QUOTE = 300  # characters: how far a "we" outside any attributed quote looks for the quote it continues


def modal_stance(comp, lex: PositionLexicon) -> str | None:
    """demand or condition for a clause that says what must happen, else None."""
    kids = list(comp.children)
    modal = any(c.dep_ == "aux" and c.lower_ in lex.modals for c in kids) or (
        comp.lemma_.lower() in ("need", "have") and any(c.dep_ == "xcomp" for c in kids)
        and not any(c.dep_ == "aux" and c.lower_ in _FORETOLD for c in kids))
    if not modal:
        return None
    if comp.lemma_.lower() == "be" and any(c.dep_ == "acomp" and c.lemma_.lower() in lex.epistemic for c in kids):
        return None  # "about half the fund should be adequate to cover the claims": an expectation
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


def denied_act(cue, comp, lex: PositionLexicon) -> bool:
    """A reported clause in which its holder says it did not do something ("France said it did not
    break a U.N. arms embargo"): a denial. Not a state of mind ("said he did not know"), not a cue of
    its own ("said it did not support ..."), not an argument ("arguing they did not curb ...") and not
    about someone else (the pronoun agrees in number with who says it)."""
    kids = list(comp.children)
    subj = next((c for c in kids if c.dep_ in _SUBJECTS), None)
    teller = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if cue.lemma_.lower() in ("argue", "add") or teller is None or subj is None:
        return False
    plural = teller.tag_ in ("NNS", "NNPS") or teller.lower_ in ("they", "we")
    if (subj.lower_ in ("they", "we")) != plural:
        return False
    lemma = comp.lemma_.lower()
    return (subj is not None and subj.dep_ == "nsubj" and subj.lower_ in lex.self_pronouns and comp.pos_ == "VERB"
            and lemma not in lex.not_pledged and lemma not in lex.cue_lemmas and lemma not in lex.no_comment
            and any(c.dep_ == "neg" for c in kids) and any(c.dep_ == "aux" and c.lower_ in ("did", "had") for c in kids))


def modal_root(span, lex: PositionLexicon):
    """The verb of a sentence that is itself a "must"/"should"/"has to" clause ("Those responsible
    should be held accountable.", "Every troop has to be brought home."), its root or a verb
    coordinated with it ("... we are lied to and Bush and Blair have to be answerable."), or None."""
    root = span.root
    for verb in (root, *(c for c in root.children if c.dep_ == "conj" and c.i > root.i)):
        if verb.pos_ not in ("VERB", "AUX") or modal_cue(verb, lex) is None:
            continue
        subj = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
        if subj is not None and subj.lower_ == "you":
            continue  # advice to the reader
        if any(c.dep_ == "mark" and c.lower_ == "if" for c in verb.children) or any(
                c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "if" for m in c.children)
                for c in verb.children):
            continue  # "If we bury them, we must do it at night": what one case would need, not a demand
        return verb
    return None


def modal_cue(verb, lex: PositionLexicon):
    """The word that makes ``verb`` say what must happen: its "must"/"should" auxiliary, or the verb
    itself for "has to"/"need to" ("has to be brought home"); None when nothing does."""
    aux = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ in lex.modals), None)
    if aux is not None:
        return aux
    if verb.lemma_.lower() in ("need", "have") and not any(
            c.lower_ in ("yet", "still") or (c.dep_ == "aux" and c.lower_ in _FORETOLD) for c in verb.children) and any(
            c.dep_ == "xcomp" and c.lemma_.lower() != "do" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            for c in verb.children):  # not "has yet to release": nobody's demand
        return verb
    return None


def pledge_verb(span, lex: PositionLexicon):
    """(cue, verb) of a sentence in which "we"/"I" say what they will do ("We are going to ensure
    openness", "We will have a solution up and running"), else None. A verb that is a cue itself is
    left to the cue ("we will support ..."), and so is one that states no act of will ("we will see")."""
    root = span.root
    if root.lemma_.lower() in lex.reporting:  # "We are going to ensure ..., '' Obama said."
        for clause in (c for c in root.children if c.dep_ == "ccomp"):
            found = _pledge(clause, lex)
            if found is not None:
                return found
    return _pledge(root, lex)


def _pledge(root, lex: PositionLexicon):
    subj = next((c for c in root.children if c.dep_ in _SUBJECTS), None)
    if subj is None or subj.lower_ not in ("we", "i") or root.pos_ not in ("VERB", "AUX"):
        return None
    aux = next((c for c in root.children if c.dep_ == "aux" and c.lower_ in lex.pledge_aux), None)
    verb = root
    if aux is None and root.lemma_.lower() == "go" and root.tag_ == "VBG":
        verb = next((c for c in root.children if c.dep_ == "xcomp" and c.i > root.i
                     and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
        aux = root if verb is not None else None
    if aux is None or verb is None:
        return None
    lemma = verb.lemma_.lower()
    if lemma in lex.not_pledged or lemma in lex.cue_lemmas or (
            lemma == "have" and any(c.dep_ == "xcomp" for c in verb.children)):
        return None
    if not any(c.dep_ in ("dobj", "xcomp", "ccomp", "prep", "attr", "acomp", "prt") for c in verb.children):
        return None  # "we will win": no object, nothing pledged a reader can hold them to
    return aux, verb


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
