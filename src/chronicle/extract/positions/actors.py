"""Who holds a position: the cue's subject (or agent), climbing through coordinated and subordinate
verbs, under the entities stage's canonical name; pronouns, titles, "we" in quotes and group nouns."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from chronicle.extract.positions.clauses import nearest_speaker
from chronicle.extract.positions.lexicon import PositionLexicon
from chronicle.records import Mention, Quote

_SUBJECTS = ("nsubj", "nsubjpass")
_RELATIVE = ("which", "who", "that", "whom")
_MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                     "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                     "nov", "dec"})
_CLIMB = ("xcomp", "conj", "advcl", "ccomp", "acl", "acomp")  # acomp: "X is committed to ..."


class Names(list):
    """An article's mentions in order of start, with the lookups :func:`name_of` makes per actor done
    by bisection (a scan of every mention per actor was quadratic on a long article). Each gives what
    the scan over the list gave, in the same order; it falls back to the scan when the mentions are
    out of order or one ends before it starts."""

    def __init__(self, mentions) -> None:
        super().__init__(mentions)
        starts = [m.start_char for m in self]
        ok = all(a <= b for a, b in zip(starts, starts[1:])) and all(m.end_char >= m.start_char for m in self)
        self._starts = starts if ok else None
        self._longest = max((m.end_char - m.start_char for m in self), default=0)

    def _near(self, char: int) -> list:
        """The mentions that may cover ``char``, in order: start <= char < end <= start + longest."""
        if self._starts is None:
            return self
        return self[bisect_right(self._starts, char - self._longest):bisect_right(self._starts, char)]

    def covering(self, char: int):
        """The first mention with start <= char < end, or None."""
        return next((m for m in self._near(char) if m.start_char <= char < m.end_char), None)

    def any_covering(self, char: int, kind: str) -> bool:
        return any(m.start_char <= char < m.end_char and m.type == kind for m in self._near(char))

    def ended_by(self, char: int, kinds, n: int) -> list:
        """``[m for m in self if m.end_char <= char and m.type in kinds][-n:]``."""
        if self._starts is None:
            return [m for m in self if m.end_char <= char and m.type in kinds][-n:]
        out = []
        for k in range(bisect_right(self._starts, char) - 1, -1, -1):  # end <= char needs start <= char
            m = self[k]
            if m.end_char <= char and m.type in kinds:
                out.append(m)
                if len(out) == n:
                    break
        out.reverse()
        return out

    def within(self, lo: int, hi: int) -> list:
        """``[m for m in self if lo <= m.start_char and m.end_char <= hi]``."""
        near = self if self._starts is None else self[bisect_left(self._starts, lo):bisect_right(self._starts, hi)]
        return [m for m in near if lo <= m.start_char and m.end_char <= hi]


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
        if subj is None and cur is tok:
            # "U.S. regulators, aiming to make drilling safer, are requiring ...": the small model hangs the
            # subject on the participle set off before the verb
            lead = next((c for c in cur.children if c.dep_ == "advcl" and c.i < cur.i and c.tag_ in ("VBG", "VBN")
                         and c.i > 0 and doc[c.i - 1].text == ","), None)
            subj = next((c for c in lead.children if c.dep_ == "nsubj" and c.i < lead.i), None) if lead is not None else None
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
    indexed = isinstance(names, Names)
    if indexed:
        m = names.covering(tok.idx)
        if m is not None:
            return m.entity, m.text
    else:
        for m in names:
            if m.start_char <= tok.idx < m.end_char:
                return m.entity, m.text
    if tok.pos_ == "NOUN" and among(tok, lex.voices):  # "Obama's speech ... promising ...": Obama
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        if poss is not None:
            found = name_of(doc, poss, names, quotes, lex)
            if found[0] is not None:
                return found
    if low in lex.first_person:
        q = next((q for q in quotes if q.start_char <= tok.idx < q.end_char and q.speaker), None)
        q = q or nearest_speaker(tok.idx, quotes)
        return (q.speaker, tok.text) if q else (None, None)
    appos = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    named = _covering(names, appos.idx) if appos is not None else None
    if named is not None:  # "The prime minister, Ola Berg, ...": the name beside the title
        return named.entity, named.text
    # "the president", "NATO's secretary general" (an organisation's officer: a country's president is
    # too often someone else named with that title)
    titled = tok.pos_ == "NOUN" and among(tok, lex.titles) and any(
        c.dep_ == "det" or (c.dep_ == "poss" and _organisation(c, names)) for c in tok.children)
    if low in lex.person_pronouns or low in lex.group_pronouns or titled:
        # the last subject of that kind before it ("... Putin was willing ... However, he remained firm"),
        # one of its own sentence first ("the message to Kofi Annan as he urges ...": Annan, not the
        # subject of a sentence before)
        kinds = ("PERSON",) if low not in lex.group_pronouns else ("ORG", "GPE", "NORP")
        before = (names.ended_by(tok.idx, kinds, 12) if indexed
                  else [m for m in names if m.end_char <= tok.idx and m.type in kinds][-12:])
        if titled:  # "the president" is nobody named as "Treasury Secretary"
            before = [m for m in before if _may_hold(doc, m, tok, lex)]
        subjects = [m for m in before if _is_subject(doc, m)]
        here = [m for m in before if m.start_char >= tok.sent.start_char]
        pick = ([m for m in here if m in subjects] or here or subjects or before or [None])[-1]
        if low in ("they", "their"):
            # "Senior officials have reached agreement ... They favor ...": a plural group named as a
            # subject after the last named group
            group = _plural_subject(doc, tok, lex)
            if group is not None and (pick is None or group.idx > pick.start_char):
                return name_of(doc, group, names, quotes, lex)[0], tok.text
        if pick is not None:
            return pick.entity, tok.left_edge.doc[tok.left_edge.i:tok.i + 1].text
        if not titled:
            return None, None
        words = doc[tok.left_edge.i:tok.i + 1].text.removeprefix("the ").removeprefix("The ")
        return words[:1].upper() + words[1:], words  # "The king said ..." with nobody named before: the title
    appos = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    named = _covering(names, appos.idx) if appos is not None else None
    if named is not None:  # "The prime minister, Ola Berg, ...": the name beside the title
        return named.entity, named.text
    # a named group the entities stage did not link: "the new US administration"
    lo, hi = tok.left_edge.idx, tok.idx + len(tok.text)
    inside = names.within(lo, hi) if indexed else [m for m in names if lo <= m.start_char and m.end_char <= hi]
    if tok.pos_ == "PROPN" or among(tok, lex.actor_nouns) or (tok.ent_type_ == "NORP" and tok.tag_.endswith("S")):
        if inside and tok.pos_ == "PROPN":
            return inside[-1].entity, inside[-1].text
        words = [t for t in tok.subtree if t.i <= tok.i and t.dep_ not in ("det",) and not t.is_punct]
        # "Key regulators and lawmakers": the group coordinated with it too
        last = max((c.i for c in tok.children if c.dep_ == "conj" and c.pos_ == "NOUN" and among(c, lex.actor_nouns)),
                   default=tok.i)
        if words:
            text = doc[words[0].i:last + 1].text
            return text[:1].upper() + text[1:], text
    return None, None


def _covering(names: Sequence[Mention], char: int):
    """The first of ``names`` with start <= char < end, or None."""
    if isinstance(names, Names):
        return names.covering(char)
    return next((m for m in names if m.start_char <= char < m.end_char), None)


def _organisation(tok, names: Sequence[Mention]) -> bool:
    if tok.ent_type_ == "ORG":
        return True
    if isinstance(names, Names):
        return names.any_covering(tok.idx, "ORG")
    return any(m.start_char <= tok.idx < m.end_char and m.type == "ORG" for m in names)


def _plural_subject(doc, tok, lex: PositionLexicon):
    """The last plural actor noun ("officials", "rebels") that is a subject in the sentence of ``tok``
    or the one before, before ``tok``; or None."""
    first = tok.sent.start
    if first > 0:
        first = doc[first - 1].sent.start
    for t in reversed(doc[first:tok.i]):
        if t.dep_ in _SUBJECTS and t.tag_ in ("NNS", "NNPS") and among(t, lex.actor_nouns):
            return t
    return None


def _may_hold(doc, mention: Mention, title, lex: PositionLexicon) -> bool:
    """Whether a person named as ``mention`` may be who "the <title>" stands for: yes unless the
    words before the name give another office ("Former Treasury Secretary Henry Paulson" is not "the
    president"); a generic title ("the leader") stands for anyone."""
    word = title.lower_
    if word in lex.generic_titles:
        return True
    span = doc.char_span(mention.start_char, mention.end_char, alignment_mode="expand")
    if span is None:
        return True
    before = [t.lower_ for t in doc[max(0, span.start - 4):span.start]] + [t.lower_ for t in span]
    offices = {w for w in before if w in lex.offices}
    return not offices or word in offices


def among(tok, words: frozenset[str]) -> bool:
    """The word or its lemma is listed: "rebels" lemmatises to "rebel", "Thousands" to "thousand"."""
    return tok.lower_ in words or tok.lemma_.lower() in words


def _is_subject(doc, mention: Mention) -> bool:
    span = doc.char_span(mention.start_char, mention.end_char, alignment_mode="expand")
    return span is not None and any(t.dep_ in _SUBJECTS for t in span)


def clean_actor(actor: str | None, words: str | None, lex: PositionLexicon) -> tuple[str | None, str | None]:
    """An actor with a page stamp or a tokenised bracket cut from its edges ("GMT Russia" -> "Russia",
    "K -RRB-" -> nobody): what is left must hold a word of two letters or more."""
    if actor is None:
        return None, None
    parts = actor.split()
    months = lex.stamp_words & _MONTHS

    def stamp(i: int) -> bool:  # a month counts only beside a number ("03 February 12"), never "May"
        word = parts[i].lower().strip(".,:")
        if word in months:
            return any(0 <= j < len(parts) and parts[j][:1].isdigit() for j in (i - 1, i + 1))
        return word in lex.stamp_words or parts[i][:1].isdigit()
    cut = 0
    while cut < len(parts) and stamp(cut):
        cut += 1
    parts = [p for p in parts[cut:] if not (p.startswith("-") and p.lower() in lex.stamp_words)]
    if not any(sum(ch.isalnum() for ch in p) >= 2 and any(ch.isalpha() for ch in p) for p in parts):
        return None, None
    return " ".join(parts), words
