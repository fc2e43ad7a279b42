"""Who holds a position: the cue's subject (or agent), climbing through coordinated and subordinate
verbs, under the entities stage's canonical name; pronouns, titles, "we" in quotes and group nouns."""
from __future__ import annotations

from collections.abc import Sequence

from chronicle.extract.positions.clauses import nearest_speaker
from chronicle.extract.positions.lexicon import PositionLexicon
from chronicle.records import Mention, Quote

_SUBJECTS = ("nsubj", "nsubjpass")
_RELATIVE = ("which", "who", "that", "whom")
_CLIMB = ("xcomp", "conj", "advcl", "ccomp", "acl")


def find_actor(doc, tok, names: Sequence[Mention], quotes: Sequence[Quote], lex: PositionLexicon):
    """(canonical name, words) of who holds the position: the cue's subject, climbing through
    coordinated and subordinate verbs ("... and insisted", "demanding that ...")."""
    agent = next((c for c in tok.children if c.dep_ == "agent"), None)
    by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if by is not None:  # "rejected by the rebels": the agent holds the position
        return name_of(doc, by, names, quotes, lex)
    cur = tok
    for _ in range(4):
        subj = next((c for c in cur.children if c.dep_ in ("nsubj",)), None) if cur is tok and agent is not None \
            else next((c for c in cur.children if c.dep_ in _SUBJECTS), None)
        if subj is not None:
            if subj.text.isupper() and subj.i == subj.sent.start:
                # a dateline ("MARENZA, Lusara, Sept 12 — Valdoria agreed ...") parsed as the subject:
                # the subject is what follows its dash
                dash = next((t.i for t in subj.subtree if t.text in ("—", "–", "--", "-") and t.i > subj.i + 1), None)
                subj = next((c for c in subj.children if dash is not None and c.i > dash
                             and c.dep_ in ("appos", "conj")), None)
                if subj is None:
                    return None, None
                return name_of(doc, subj, names, quotes, lex)
            if subj.lower_ in _RELATIVE and cur.dep_ == "relcl":
                subj = cur.head
            if subj.lower_ in lex.self_pronouns and subj.lower_ not in lex.first_person and cur.dep_ == "ccomp":
                # "The rebels say they are prepared to ...": the pronoun is who says it
                teller = next((c for c in cur.head.children if c.dep_ == "nsubj"), None)
                found = name_of(doc, teller, names, quotes, lex) if teller is not None else (None, None)
                if found[0] is not None:
                    return found[0], subj.text
            return name_of(doc, subj, names, quotes, lex)
        if cur.dep_ in ("relcl", "acl") and cur.head.pos_ in ("NOUN", "PROPN"):
            found = name_of(doc, cur.head, names, quotes, lex)  # "demonstrators demanding the resignation ..."
            if found[0] is not None or cur.head.dep_ != "dobj" or not among(cur.head, lex.carriers):
                return found
            cur = cur.head.head  # "chanted slogans calling for ...": who chanted them (never "a plan calling for")
            continue
        if cur.dep_ not in _CLIMB or cur.head is cur:
            break
        cur = cur.head
    return None, None


def name_of(doc, tok, names: Sequence[Mention], quotes: Sequence[Quote], lex: PositionLexicon):
    if tok.pos_ in ("NUM", "NOUN") and among(tok, lex.crowds):  # "Thousands of Syrians" are Syrians
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        inner = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if inner is not None:
            tok = inner
            if tok.pos_ == "NOUN" and tok.tag_ == "NNS":  # "Hundreds of judges": who they are, listed or not
                return doc[tok.left_edge.i:tok.i + 1].text.capitalize(), doc[tok.left_edge.i:tok.i + 1].text
    low = tok.lower_
    for m in names:
        if m.start_char <= tok.idx < m.end_char:
            return m.entity, m.text
    if low in lex.first_person:
        q = next((q for q in quotes if q.start_char <= tok.idx < q.end_char and q.speaker), None)
        q = q or nearest_speaker(tok.idx, quotes)
        return (q.speaker, tok.text) if q else (None, None)
    titled = tok.pos_ == "NOUN" and among(tok, lex.titles) and any(c.dep_ == "det" for c in tok.children)
    if low in lex.person_pronouns or low in lex.group_pronouns or titled:
        # the last subject of that kind before it ("... Putin was willing ... However, he remained firm")
        kinds = ("PERSON",) if low not in lex.group_pronouns else ("ORG", "GPE", "NORP")
        before = [m for m in names if m.end_char <= tok.idx and m.type in kinds][-12:]
        subjects = [m for m in before if _is_subject(doc, m)]
        pick = (subjects or before)[-1] if before else None
        if pick is not None:
            return pick.entity, tok.left_edge.doc[tok.left_edge.i:tok.i + 1].text
        if not titled:
            return None, None
        words = doc[tok.left_edge.i:tok.i + 1].text.removeprefix("the ").removeprefix("The ")
        return words[:1].upper() + words[1:], words  # "The king said ..." with nobody named before: the title
    appos = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    named = next((m for m in names if appos is not None and m.start_char <= appos.idx < m.end_char), None)
    if named is not None:  # "The prime minister, Ola Berg, ...": the name beside the title
        return named.entity, named.text
    # a named group the entities stage did not link: "the new US administration"
    inside = [m for m in names if tok.left_edge.idx <= m.start_char and m.end_char <= tok.idx + len(tok.text)]
    if tok.pos_ == "PROPN" or among(tok, lex.actor_nouns) or (tok.ent_type_ == "NORP" and tok.tag_.endswith("S")):
        if inside and tok.pos_ == "PROPN":
            return inside[-1].entity, inside[-1].text
        words = [t for t in tok.subtree if t.i <= tok.i and t.dep_ not in ("det",) and not t.is_punct]
        if words:
            text = doc[words[0].i:tok.i + 1].text
            return text[:1].upper() + text[1:], text
    return None, None


def among(tok, words: frozenset[str]) -> bool:
    """The word or its lemma is listed: "rebels" lemmatises to "rebel", "Thousands" to "thousand"."""
    return tok.lower_ in words or tok.lemma_.lower() in words


def _is_subject(doc, mention: Mention) -> bool:
    span = doc.char_span(mention.start_char, mention.end_char, alignment_mode="expand")
    return span is not None and any(t.dep_ in _SUBJECTS for t in span)
