"""Headline candidates: an event's clause, compressed from the parse of its sentence into headline style.

"During an interview on Friday, Trump told the New York Post that he had spoken with Putin"
-> "Trump tells New York Post he has spoken with Putin": the clause that holds the trigger
keeps its subject, its verb (in the present, auxiliaries dropped, negation kept), its
object or complement and one key prepositional phrase; attributions ("X said"), relative
clauses, appositions, time expressions and hedges go. People are named by surname, and a
"he"/"she" subject by the person the previous sentences name. Every word comes from the
sentence (or, for a pronoun, from the article); only verb endings change. Pure: a parsed
trigger token in, a string (or None when no short headline can be made) out.
"""
from __future__ import annotations

import functools
import tomllib
from bisect import bisect_left
from dataclasses import dataclass
from importlib import resources

from chronicle.extract.events.clause import (STAMPS_KEY, SUBJECTS, VERB_POS, apposed_object, dateline_end, governing, in_quotes,
                                             inner_punct, is_plural, negated_above, person_spans, present_tense,
                                             reduced_participle, seams, speaker_of, stray_subject, subject_of,
                                             word_counts)

MAX_WORDS = 15
_DATED = ("DATE", "TIME")
_BRACKETS = frozenset({"(", ")", "[", "]", "{", "}", "-LRB-", "-RRB-", "-LSB-", "-RSB-", "-LCB-", "-RCB-"})
_OPENING = frozenset({"(", "[", "{", "-LRB-", "-LSB-", "-LCB-"})


def bracketed(sent, keep: int) -> list[int]:
    """The indexes of the tokens of ``sent`` inside brackets, the brackets included, except a pair that
    holds token ``keep`` (the trigger): an aside, a conversion ("$270m (£165m)"), a party or an acronym
    ("Tom Udall (D-N.M.)", "(WHO)"), which a headline never carries. A bracket without its pair is left."""
    out: list[int] = []
    opened: list[int] = []
    dash: int | None = None
    for tok in sent:
        if tok.text in _OPENING or tok.tag_ == "-LRB-":
            opened.append(tok.i)
        elif (tok.text in _BRACKETS or tok.tag_ == "-RRB-") and opened:
            first = opened.pop()
            if not opened and not first <= keep <= tok.i:
                out.extend(range(first, tok.i + 1))
        elif not opened and _aside_dash(tok):
            # a pair of dashes sets an aside off as brackets do: "Members of his family - father Joe,
            # mother Katherine and sister LaToya - were in court" (not "Members of Joe sister")
            if dash is None:
                dash = tok.i
            else:
                if not dash <= keep <= tok.i:
                    out.extend(range(dash, tok.i + 1))
                dash = None
    return out


def _aside_dash(tok) -> bool:
    """A dash that opens or closes an aside: an em or en dash, or a hyphen with a space on either side."""
    if tok.text in ("—", "–", "--"):
        return True
    return tok.text == "-" and tok.i > 0 and bool(tok.doc[tok.i - 1].whitespace_) and bool(tok.whitespace_)
_LEVELS = (3, 2, 1, 0)  # how much a clause keeps: 3 everything allowed, 0 only heads and names


@dataclass(frozen=True)
class HeadlineRules:
    """The word lists of data/events/headline.toml."""

    articles: frozenset[str]
    referring: frozenset[str]
    negators: frozenset[str]
    temporal_preps: frozenset[str]
    key_preps: tuple[str, ...]
    attribution_preps: frozenset[str]
    particles: frozenset[str]
    conditions: frozenset[str]
    attributions: frozenset[str]
    kept_adverbs: frozenset[str]
    reporting: frozenset[str]
    relatives: frozenset[str]
    personal: frozenset[str]
    possessive: frozenset[str]
    impersonal: frozenset[str]
    present: dict[str, str]
    plural_present: dict[str, str]
    aux_present: dict[str, str]
    seams: dict = None  # [seams]: where a title or caption runs into the sentence (clause.seams)


@functools.lru_cache(maxsize=1)
def load_rules() -> HeadlineRules:
    raw = tomllib.loads(resources.files("chronicle.data").joinpath("events").joinpath("headline.toml").read_text("utf-8"))
    return HeadlineRules(
        articles=frozenset(raw["articles"]), referring=frozenset(raw["referring"]), negators=frozenset(raw["negators"]),
        temporal_preps=frozenset(raw["temporal_preps"]), key_preps=tuple(raw["key_preps"]),
        attribution_preps=frozenset(raw["attribution_preps"]), particles=frozenset(raw["particles"]),
        conditions=frozenset(raw["conditions"]), attributions=frozenset(raw["attributions"]), kept_adverbs=frozenset(raw["kept_adverbs"]),
        reporting=frozenset(raw["reporting"]), relatives=frozenset(raw["relatives"]),
        personal=frozenset(raw["personal"]), possessive=frozenset(raw.get("possessive", ())), impersonal=frozenset(raw.get("impersonal", ())), present=dict(raw["present"]),
        plural_present=dict(raw["plural_present"]), aux_present=dict(raw["aux_present"]),
        seams={k: (frozenset(v) if isinstance(v, list) else v) for k, v in raw.get("seams", {}).items()},
    )


class PersonIndex(dict):
    """``person_spans``' dict, with its items in token order worked out once (a pronoun's antecedent is
    looked for among them by every headline of the article)."""

    _items = None
    _keys = None

    def ordered(self) -> tuple[list, list[int]]:
        if self._items is None:
            self._items = sorted(self.items())
            self._keys = [i for i, _ in self._items]
        return self._items, self._keys


def headline_candidate(trigger, *, mentions=(), reporting: frozenset[str] = frozenset(),
                       rules: HeadlineRules | None = None, persons: dict | None = None,
                       counts: dict[str, int] | None = None) -> str | None:
    """A headline for the event whose trigger is the spaCy token ``trigger``, or None.

    ``mentions`` are (start_char, end_char, type, name) of the article's entity mentions
    (the parse's own entities when empty): they name people by surname and resolve a
    "he"/"she" subject. ``reporting`` adds the lexicon's statement verbs to the rules'.

    For "The House impeached Trump on Wednesday." with ``trigger`` on "impeached", it gives
    "House impeaches Trump" (tests/extract/events/test_headline.py runs such cases).

    ``persons`` is ``person_spans(trigger.doc, mentions)`` when the caller has it already (it is
    the same for every event of an article; the headline only reads it).

    A page title, caption or stamp run into the sentence with no full stop ("The domino effect of Arab
    unrest Protesters rally in Cairo's Tahrir Square") is cut off: only the part of the sentence that
    holds the trigger is headlined ("Protesters rally in Cairo's Tahrir Square"). ``counts`` are the
    article's word counts (``clause.word_counts``) when the Doc holds only the sentence.
    """
    rules = rules or load_rules()
    c = _Compressor(trigger.doc, trigger, mentions, rules, rules.reporting | reporting, persons, counts)
    for level in _LEVELS:
        text = c.render(level)
        if text and 1 < c.words <= MAX_WORDS:  # (one word, "Pledges", headlines nothing)
            return text
    return None


_OPEN_MARKS, _CLOSE_MARKS, _BOTH_MARKS = frozenset("“‘«`"), frozenset("”’»"), frozenset('"')


def trigger_part(span, trigger, *, rules: HeadlineRules | None = None, counts: dict[str, int] | None = None
                 ) -> tuple[int, int]:
    """The token range ``[lo, hi)`` of ``span`` (a sentence) that holds ``trigger``: the whole
    sentence, or the part a seam bounds when a page title, caption or stamp ran into it with no
    full stop ("Dr Murray denies any wrongdoing On 8 February, 2010, Dr Murray appeared in court":
    the part from "On"). See :func:`chronicle.extract.events.clause.seams`."""
    rules = rules or load_rules()
    if not rules.seams:
        return span.start, span.end
    cuts = seams(span, rules.seams, word_counts(span.doc) if counts is None else counts)
    lo = max([i for i in cuts if i <= trigger.i], default=span.start)
    hi = min([i for i in cuts if i > trigger.i], default=span.end)
    return lo, hi


def _quoted_tokens(sent) -> frozenset[int]:
    """The indexes of the sentence's tokens between quote marks: a speaker's words, which a headline
    keeps as they are (no article dropped inside them)."""
    inside, out = False, set()
    for t in sent:
        mark = t.text
        if mark in ("``", "''") or (len(mark) == 1 and mark in _OPEN_MARKS | _CLOSE_MARKS | _BOTH_MARKS):
            if mark == "``" or mark in _OPEN_MARKS:
                inside = True
            elif mark == "''" or mark in _CLOSE_MARKS:
                inside = False
            else:
                inside = not inside
            continue
        if inside:
            out.add(t.i)
    return frozenset(out)


class _Compressor:
    def __init__(self, doc, trigger, mentions, rules: HeadlineRules, reporting: frozenset[str],
                 persons: dict | None = None, counts: dict[str, int] | None = None) -> None:
        self.doc, self.trigger, self.rules, self.reporting = doc, trigger, rules, reporting
        self.persons = person_spans(doc, mentions) if persons is None else persons
        sent = trigger.sent
        cuts = seams(sent, rules.seams, word_counts(doc) if counts is None else counts) if rules.seams else []
        # the part of the sentence that holds the trigger: a title or caption run into it is left out
        self.lo = max([i for i in cuts if i <= trigger.i], default=sent.start)
        self.hi = min([i for i in cuts if i > trigger.i], default=sent.end)
        self.verb, path = governing(trigger, rules)
        rerooted = False
        if not self.lo <= self.verb.i < self.hi:
            # "The domino effect of Arab unrest Protesters rally in ...", parsed as one noun phrase: the
            # part's own top word on the way up from the trigger heads it
            path = path[:next(n for n, t in enumerate(path) if not self.lo <= t.i < self.hi)]
            self.verb = path[-1]
            rerooted = True
        self.path = {t.i for t in path}
        self.subject = subject_of(self.verb, rules)
        # a part topped by a preposition or a modifier ("Haiti's cathedral was in ruins after the earthquake
        # | Ohene considers ..."), or by a phrase that does not open it ("... unemployed | This leaves them
        # ... on This Just In and the latest tweets from the protests"), is no headline
        self.scrap = rerooted and (self.verb.pos_ not in ("NOUN", "PROPN") + VERB_POS or self.verb.left_edge.i > self.lo)
        if self.subject is not None and not self.subject.i < self.hi:
            self.subject = None
        self.dateline = dateline = max(dateline_end(sent), self.lo)
        if self.subject is not None and self.subject.i < dateline:
            # "MARENZA, Lusara, Sept 12 (Wire) — Valdoria and Kestrania agreed": the dateline is no subject
            later = ([c for c in self.subject.children if c.dep_ == "appos" and c.i >= dateline]
                     or [c for c in self.verb.children if c.dep_ in SUBJECTS and c.i >= dateline])
            self.subject = later[0] if later else None
        if self.subject is None and self.lo > sent.start and self.verb.pos_ in VERB_POS and self.lo < self.verb.i:
            # "... keen skier and mountaineer | A British man has been confirmed dead": the parse hangs the
            # part's opening noun phrase on the words before the seam; it is the subject
            opening = [t for t in doc[self.lo:self.verb.i] if t.pos_ in ("NOUN", "PROPN", "NUM")
                       and t.left_edge.i <= self.lo and not self.lo <= t.head.i < self.hi]
            self.subject = opening[0] if opening else None
        self.words = 0
        self.quoted = _quoted_tokens(trigger.sent)

    # ---- the clause -------------------------------------------------------------------
    def render(self, level: int) -> str | None:
        self.out: dict[int, str] = {}  # token index -> text to print
        self.pos: dict[int, float] = {}  # where a moved word prints (a relative clause's noun)
        self.tail: list[int] = []  # chunks that stood before the subject ("Following X, ...") go last
        self.seen: set[int] = set()  # each word is visited once: a relative clause's noun leads back up
        self.joins: set[int] = set()  # an "and" between two people whose parse lost its conjunct
        verb = self.verb
        if verb.pos_ not in VERB_POS:  # a verbless fragment: the noun phrase is the headline
            self._np(verb, level)
        else:
            if reduced_participle(verb):
                return None  # "lists agreed at last week's summit": what was agreed is not an event here
            subj = self.subject
            stands_for = None
            if subj is not None and subj.lower_ in self.rules.impersonal and not (
                    verb.dep_ == "relcl" and subj.lower_ in self.rules.relatives):
                stands_for = speaker_of(verb, self.rules)  # "The Council said it would discuss"
                if stands_for is None:
                    return None  # "It would discuss further measures": who is not said
            others = [c for c in verb.children if c.dep_ in SUBJECTS and c.i not in self.path
                      and (subj is None or c.i != subj.i)
                      and not stray_subject(c) and c.lower_ not in self.rules.relatives and c.i >= self.dateline]
            # "President Donald Trump and Russian President Vladimir Putin addressed": the parse makes the
            # first person a modifier of the second, the "and" and the second title hanging on it.
            joined = [c for c in subj.children if c.dep_ in ("nmod", "compound") and c.i < subj.i
                      and c.i in self.persons and subj.i in self.persons
                      and any(g.dep_ == "cc" and g.lower_ in ("and", "&") for g in c.children)] \
                if subj is not None and stands_for is None else []
            others += joined
            plural = (is_plural(subj) or bool(others)) if subj is not None else False
            self._verb(verb, level, plural, finite=not in_quotes(verb) and verb.dep_ != "acl")
            if stands_for is not None:
                before = set(self.out)
                self._np(stands_for, min(level, 1), subject=True)
                for n, i in enumerate(sorted(set(self.out) - before)):
                    self.pos[i] = subj.i - 1 + 0.001 * (n + 1)  # where the pronoun stood
            elif subj is not None:
                own = subj.head.i == verb.i or subj.i in self.path
                self._np(subj, level if own else min(level, 1), subject=True)
                for o in others:  # a coordination parsed as two subjects: "Trump and Putin addressed"
                    if o in joined:  # the second person's title, parsed as a conjunct of the first
                        self.seen.update(t.i for c in o.children if c.dep_ == "conj" for t in c.subtree)
                        self.joins.update(c.i for c in o.children if c.dep_ == "cc")
                    self._np(o, min(level, 1), subject=True)
                    lo, hi = sorted((o.i, subj.i))
                    for t in self.doc[lo:hi]:
                        if t.dep_ == "cc":
                            self.out[t.i] = t.text
            anchor = subj.i if subj is not None else verb.i
            self.tail = [c.i for c in verb.children if c.i in self.path and c.i < anchor and c.dep_ not in SUBJECTS]
            if any(self.doc[i].dep_ == "ccomp" for i in self.tail) and verb.lemma_.lower() not in self.reporting:
                # "Unlike Kyiv, which accepted the offer amid setbacks, Putin appears to ...", parsed with
                # "offer" as a clause under "appears": only what is said comes before its sayer
                return None
            participle = verb.dep_ == "advcl" and verb.tag_ == "VBN" and not any(
                c.dep_ in ("aux", "auxpass") for c in verb.children)
            if subj is None or participle:
                # "Kills at least 200", "Known for his role": the parse lost the subject; "Asked
                # whether ..., Sabin smiled": the borrowed subject is not the one who acts
                return None
        if not self.out or self.scrap or negated_above(verb, self.rules):
            return None  # "he neither prescribed nor administered anything that should have killed him"
        self._keep_negation()
        return self._text()

    def _keep_negation(self) -> None:
        """A kept predicate keeps its negation, whatever path kept it: "pleaded not guilty" is never
        "pleads guilty", nor "was found not guilty" "found guilty". A contrast on a noun or a phrase
        ("thwarted, not by the conditions, but ...") is no predicate's: its line is left as the rest
        of the headline words it."""
        for i in list(self.out):
            word = self.doc[i]
            if word.pos_ not in ("ADJ", "VERB", "AUX") or word.dep_ in ("amod", "compound", "nmod", "npadvmod"):
                continue
            for c in word.children:
                if (c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in self.rules.negators)) \
                        and self.lo <= c.i < self.hi and c.i not in self.out:
                    self.out[c.i] = c.text

    def _verb(self, verb, level: int, plural: bool, *, finite: bool = False) -> None:
        if verb.i in self.seen:
            return
        self.seen.add(verb.i)
        rules = self.rules
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
        negs = [c for c in verb.children if c.dep_ in ("neg", "preconj", "advmod") and c.lower_ in rules.negators]
        modal = any(a.tag_ == "MD" for a in auxes)
        to = [a for a in auxes if a.tag_ == "TO"]
        for n in negs:
            self.out[n.i] = n.text
        if not finite or to or modal:
            for a in auxes:
                if not finite or a.tag_ in ("MD", "TO") or negs or a.i > min((m.i for m in auxes if m.tag_ == "MD"),
                                                                             default=verb.i):
                    self.out[a.i] = a.text
            self.out[verb.i] = verb.text
        elif negs and auxes:
            first = auxes[0]
            form = rules.aux_present.get(first.lower_, first.text)
            if plural:
                form = {"does": "do", "has": "have", "is": "are"}.get(form, form)
            self.out[first.i] = form
            for a in auxes[1:]:
                self.out[a.i] = a.text
            self.out[verb.i] = verb.text
        elif any(a.dep_ == "auxpass" for a in auxes) or (verb.tag_ == "VBN" and not auxes):
            self.out[verb.i] = verb.text  # "Trump impeached by House"; "ceasefire proposed by Trump"
        elif verb.tag_ in ("VBD", "VBZ", "VBP", "VBG", "VB") or auxes:
            self.out[verb.i] = present_tense(verb, plural, rules)
        else:
            self.out[verb.i] = verb.text
        reports = verb.lemma_.lower() in self.reporting
        preps, has_object = [], False
        for child in self._kids(verb):
            dep = child.dep_
            if child.i in self.out or dep in SUBJECTS or dep in ("aux", "auxpass", "neg"):
                continue
            if child.i in self.path:
                if not (dep == "prep" and child.lower_ in rules.attribution_preps):
                    self._any(child, level)
                has_object = has_object or dep in ("dobj", "attr", "oprd")
            elif dep in ("dobj", "attr", "oprd"):
                if apposed_object(child):
                    continue  # "agreed to exchange 120 prisoners, the first result of the summit"
                if child.lower_ in rules.relatives and verb.dep_ == "relcl":
                    self._moved(verb.head, verb.i, level)  # "conditions that Ukraine rejects" -> "rejects conditions"
                else:
                    self._np(child, level)
                has_object = True
            elif dep == "npadvmod" and child.i > verb.i and not has_object and self._amount(child):
                self._np(child, level)  # "donated more than £2m": the parse takes "m" for an adverb of measure
                has_object = True
            elif dep == "dative":
                if child.pos_ == "ADP":
                    self._prep(child, level)
                else:
                    self._np(child, level)
            elif dep == "acomp":
                self._adj(child, level, plural)
            elif dep == "advmod" and child.lower_ in rules.kept_adverbs:
                self.out[child.i] = child.text  # "denies illegally giving", "partially agreed"
            elif dep == "prt" or (dep == "advmod" and child.lower_ in rules.particles):
                self.out[child.i] = child.text
                preps.extend(c for c in child.children  # "shifted away from the strategy"
                             if c.dep_ == "prep" and level >= 2 and self._key(c))
            elif dep == "xcomp":
                self._verb(child, level, plural)
            elif dep == "ccomp" and (reports or (level >= 1 and child.i > verb.i)):
                before = set(self.out)
                sub = subject_of(child, rules)
                if sub is not None:
                    if sub.lower_ in rules.personal and reports and self.subject is not None \
                            and self.subject.i in self.persons:
                        self.out[sub.i] = sub.text  # "Sabin said he regretted": "he" is the speaker
                    else:
                        self._np(sub, min(level, 2), subject=True)
                quoted = child.i < verb.i  # a quote before its speaker, reported after: "X says we ..."
                # what is reported keeps its tense: "Harvey confirms Jackson had been taking medication"
                self._verb(child, level - 1, is_plural(sub) if sub is not None else False, finite=False)
                added = sorted(set(self.out) - before)
                if quoted and added:
                    for i in added:
                        self.pos[i] = 10_000 + i
                    first = self.doc[added[0]]  # the quote's first word, now mid-headline: "says we", "says mediation"
                    if first.pos_ != "PROPN" and not first.ent_type_ and first.text != "I" \
                            and self.out[first.i] == first.text:
                        self.out[first.i] = first.text[:1].lower() + first.text[1:]
            elif dep == "advcl" and child.i > verb.i and any(c.tag_ == "TO" for c in child.children) and (
                    any(c.dep_ == "mark" and c.lower_ == "for" for c in child.children)
                    or any(p.dep_ == "prep" and p.lower_ in ("for", "on") and p.right_edge.i + 1 == child.left_edge.i
                           for p in verb.children)):
                # "called for its followers to demonstrate" (a for-to clause, or "for its followers" then
                # "to demonstrate" as the parse may hang them): what is called for
                mark = next((c for c in child.children if c.dep_ == "mark" and c.lower_ == "for"), None)
                if mark is not None:
                    self.out[mark.i] = mark.text
                    sub = subject_of(child, rules)
                    if sub is not None:
                        self._np(sub, min(level, 2), subject=True)
                    has_object = True
                self._verb(child, level - 1, False, finite=False)
            elif dep == "conj" and any(c.dep_ == "cc" and c.lower_ in rules.negators for c in verb.children):
                self._verb(child, level, plural, finite=finite)  # "neither confirm nor deny"
            elif dep == "cc" and (child.lower_ in rules.negators or any(
                    c.dep_ == "conj" and c.i in self.path for c in verb.children)):
                self.out[child.i] = child.text  # "neither confirm nor deny"; "abandon ... and withdraw"
            elif dep == "agent" and level >= 1:
                self._prep(child, level)
            elif dep == "prep" and level >= 2 and child.i > verb.i and self._key(child):
                preps.append(child)
        if verb.dep_ == "relcl" and not has_object and verb.head.pos_ in ("NOUN", "PROPN") \
                and not any(c.dep_ in SUBJECTS and c.lower_ in rules.relatives for c in verb.children) \
                and not any(c.lower_ in ("where", "when") or c.dep_ == "mark" for c in verb.children):
            # (a clause opened by a conjunction "that" says what the noun is: "the announcement that Mubarak was
            # stepping down" is no announcement Mubarak stepped down)
            self._moved(verb.head, verb.i, level)  # "the territory Moscow captured" -> "Moscow captures territory"
        if preps and not any(c.dep_ == "ccomp" and (c.i > verb.i or reports) for c in self._kids(verb)):
            self._prep(min(preps, key=lambda p: p.i), level)
        elif not has_object and not preps and verb.lemma_ != "be" and not any(
                c.dep_ in ("ccomp", "xcomp", "acomp", "dobj", "attr", "oprd", "prt") for c in self._kids(verb)):
            # "called for demonstrations": a verb's only complement is the phrase right after it; without
            # it the headline ends on "calls"
            right = [c for c in verb.children if c.dep_ == "prep" and c.i == verb.i + 1 and not self._temporal(c)
                     and c.lower_ in self.rules.key_preps]
            if right:
                self._prep(right[0], min(level, 1))
        elif verb.lemma_ == "be" and not has_object and not any(c.dep_ == "acomp" for c in self._kids(verb)):
            # "preparations were at an advanced stage": a copula's phrase is what it says, at any level
            said = [c for c in verb.children if c.dep_ == "prep" and c.i > verb.i and not self._temporal(c)]
            if said:
                self._prep(said[0], max(level, 1), force=True)

    def _moved(self, noun, after: int, level: int) -> None:
        before = set(self.out)
        self._np(noun, min(level, 1))
        for n, i in enumerate(sorted(set(self.out) - before)):
            self.pos[i] = after + 0.01 * (n + 1)

    def _key(self, prep) -> bool:
        """A prepositional phrase worth keeping: a key preposition, not a date, not "with X saying"."""
        if prep.lower_ not in self.rules.key_preps or self._temporal(prep):
            return False
        return not any(o.dep_ == "pobj" and any(c.dep_ == "acl" and c.tag_ == "VBG" for c in o.children)
                       for o in prep.children)

    def _any(self, tok, level: int) -> None:
        """A word on the path from the clause verb down to the trigger."""
        if tok.i in self.seen:
            return
        if tok.dep_ in ("prep", "agent", "dative") and tok.pos_ == "ADP":
            self._prep(tok, level, force=True)
        elif tok.pos_ in VERB_POS:
            sub = next((c for c in tok.children if c.dep_ in SUBJECTS), None)
            if sub is not None:
                self._np(sub, min(level, 2), subject=True)
            for c in tok.children:  # "if he perceives": the condition stays a condition
                if c.dep_ == "mark" and c.i < tok.i and c.lower_ != "that":
                    self.out[c.i] = c.text
            # what is claimed, demanded or suggested keeps its tense: "Trump claims his team had held talks"
            self._verb(tok, level, is_plural(sub) if sub is not None else False,
                       finite=sub is not None and tok.dep_ != "ccomp")
        else:
            self._np(tok, level)

    def _prep(self, prep, level: int, *, force: bool = False) -> None:
        if prep.i in self.seen:
            return
        self.seen.add(prep.i)
        objs = [c for c in prep.children if c.dep_ in ("pobj", "pcomp", "amod", "acomp", "advmod", "npadvmod")
                and not c.is_punct]
        if not objs:
            return
        self.out[prep.i] = prep.text
        for c in prep.children:  # "ahead of", "because of": a second preposition word
            if c.dep_ == "prep" and (c.i in self.path or c.i == prep.i + 1):
                self._prep(c, level, force=force)
        for o in objs:
            if o.pos_ in VERB_POS:
                self._verb(o, level - 1, False)
            elif o.pos_ in ("ADJ", "ADV"):
                self._span(o)  # "described the call as 'very good'"
            else:
                self._np(o, level - 1 if not force else level)

    def _np(self, noun, level: int, *, subject: bool = False) -> None:
        rules = self.rules
        if noun.dep_ == "appos" and noun.i in self.path:
            noun = noun.head
        if subject and noun.lower_ in rules.personal:
            self.out[noun.i] = self._antecedent(noun) or noun.text
            return
        if subject and noun.lower_ in rules.relatives and noun.head.dep_ == "relcl":
            noun = noun.head.head
        if noun.i in self.seen:
            return
        self.seen.add(noun.i)
        person = self.persons.get(noun.i)
        if person is not None and person[1] is not None:
            self.out[person[1]] = self.doc[person[1]].text  # the surname, as the sentence writes it
            for c in noun.children:
                if c.dep_ == "case":
                    self.out[c.i] = c.text
                elif c.dep_ in ("cc", "conj"):
                    self._np_part(c, level)
                elif c.i in self.path:
                    self._any(c, level)
            return
        self.out[noun.i] = noun.text
        for c in self._kids(noun):
            dep = c.dep_
            if c.i in self.path:
                self._any(c, level)
            elif dep == "det":
                if c.lower_ not in rules.articles or c.i in self.quoted:  # quoted words stay whole ("it was "a start"")
                    self.out[c.i] = c.text
            elif dep == "poss":
                if subject and c.lower_ in rules.possessive and c.i not in self.quoted:
                    name = self._antecedent(c)  # "His testimony will continue": whose it is, named
                    self.out[c.i] = f"{name}'s" if name else c.text
                elif not self._dated(c):
                    self._np(c, min(level, 1))
            elif dep in ("compound", "nummod", "quantmod", "case", "nmod"):
                if not (dep in ("compound", "nummod") and self._dated(c)):
                    self._span(c)
            elif dep == "amod":
                if c.lower_ in rules.referring and not list(c.children):
                    continue
                if level >= 2 or (level >= 1 and sum(1 for _ in c.subtree) == 1) or c.ent_type_ == "ORDINAL":
                    self._span(c)
            elif dep in ("cc", "conj"):
                self._np_part(c, level)
            elif dep == "prep" and not self._temporal(c) and not any(
                    o.lower_ in rules.relatives or o.lower_ == "whose" for o in c.children):  # "four of whom"
                if (c.lower_ in ("of", "with", "between") and level >= 1) or level >= 3:
                    self._prep(c, level)

    def _adj(self, adj, level: int, plural: bool) -> None:
        """An adjective complement: "ready to listen to the Lusarans", "very good", "difficult but necessary"."""
        if adj.i in self.seen:
            return
        self.seen.add(adj.i)
        self.out[adj.i] = adj.text
        for c in self._kids(adj):
            if c.dep_ == "xcomp":
                self._verb(c, level, plural)
            elif c.dep_ == "prep" and (level >= 1 or c.i in self.path) and not self._temporal(c):
                self._prep(c, level)
            elif c.dep_ in ("advmod", "neg") and (c.lower_ in self.rules.negators or (level >= 2 and c.i == adj.i - 1)):
                self.out[c.i] = c.text
            elif c.dep_ in ("cc", "conj"):
                if c.dep_ == "cc":
                    self.out[c.i] = c.text
                else:
                    self._adj(c, level, plural)

    def _np_part(self, c, level: int) -> None:
        # "Merz and leaders from France, Britain, and Italy", parsed with "from France" and "Italy" both
        # under Merz: a coordinated word after a phrase of its head belongs to that phrase's list, so
        # the phrase is kept with it ("Merz and leaders and Italy" is not what the sentence says).
        for p in c.head.children:
            if p.dep_ == "prep" and p.i < c.i and c.i > c.head.i and p.i not in self.out and not self._temporal(p):
                self._span(p)
        if c.dep_ == "cc":
            if c.lower_ not in ("but",):
                self.out[c.i] = c.text
        else:
            self._np(c, level)

    def _span(self, tok) -> None:
        for t in tok.subtree:
            if t.dep_ in ("appos", "relcl", "acl") or (t.dep_ == "punct" and not inner_punct(t)):
                continue
            if t.is_quote and t.dep_ != "case":
                continue
            self.out[t.i] = t.text

    # ---- tests on words -----------------------------------------------------------------
    def _dated(self, tok) -> bool:
        """A date or time standing alone ("Tuesday's", "last week"), not a "30-day" modifier; a number
        of a date hung on the noun before it ("read out in court 1 November 2011") is the date's."""
        if tok.ent_type_ not in _DATED:
            return False
        if tok.dep_ == "nummod":
            return tok.head.ent_type_ not in _DATED
        return tok.dep_ != "amod"

    def _amount(self, tok) -> bool:
        """A sum or a count the parse hung on the verb as a measure ("£2m", "$5bn"), not a date or a time."""
        if tok.ent_type_ in _DATED or self._dated(tok):
            return False
        return tok.ent_type_ in ("MONEY", "QUANTITY", "CARDINAL") or any(c.dep_ == "nummod" for c in tok.children)

    def _temporal(self, prep) -> bool:
        objs = [c for c in prep.children if c.dep_ == "pobj"]
        return bool(objs) and prep.lower_ in self.rules.temporal_preps and all(o.ent_type_ in _DATED for o in objs)

    def _antecedent(self, pronoun) -> str | None:
        """The surname of the person last named before the pronoun, in its sentence or the two
        before it, other than a person the headline already names ("He thanked Trump")."""
        start = pronoun.sent.start
        for _ in range(2):
            if start > 0:
                start = self.doc[start - 1].sent.start
        named = {self.doc[i].text for i in self.out}
        teller = self._teller(pronoun, named)
        if teller is not None:
            return teller
        best, subject = None, None
        if isinstance(self.persons, PersonIndex):  # the same items, only those with start <= i < pronoun.i
            items, keys = self.persons.ordered()
            items = items[bisect_left(keys, start):bisect_left(keys, pronoun.i)]
        else:
            items = sorted(self.persons.items())
        for i, (_, surname) in items:
            if start <= i < pronoun.i and surname is not None and self.doc[surname].text not in named:
                best = surname
                if self.doc[i].dep_ in SUBJECTS or self.doc[surname].dep_ in SUBJECTS:
                    subject = surname  # a person who acts is likelier the "he" than one named in passing
        chosen = subject if subject is not None else best
        return self.doc[chosen].text if chosen is not None else None

    def _teller(self, pronoun, named: set[str]) -> str | None:
        """The surname of the person who says what the pronoun's clause tells: "Haiti's President, Rene
        Preval, tells the Miami Herald that he believes thousands have been killed" is Preval's belief,
        whoever was named before him (the subject of the clause's saying verb, or the name set beside
        it). None when the clause is no complement of a verb whose subject names a person."""
        clause = pronoun.head if pronoun.dep_ in SUBJECTS else None
        while clause is not None and clause.dep_ == "conj":
            clause = clause.head
        if clause is None or clause.dep_ != "ccomp":
            return None
        for subj in (c for c in clause.head.children if c.dep_ in SUBJECTS and c.i < pronoun.i):
            for t in [subj] + [c for c in subj.children if c.dep_ in ("appos", "compound")]:
                person = self.persons.get(t.i)
                if person is None:
                    person = next((self.persons.get(c.i) for c in t.subtree if c.dep_ != "relcl"
                                   and self.persons.get(c.i) is not None), None)
                if person is not None and person[1] is not None and self.doc[person[1]].text not in named:
                    return self.doc[person[1]].text
        return None

    # ---- text ---------------------------------------------------------------------------
    def _kids(self, tok) -> list:
        """The token's children in the trigger's part of the sentence: what the parse hangs across a seam
        ("complained of delays getting food to survivors | A Royal Navy ship ... is to be sent") is another
        sentence's."""
        lo, hi = self.lo, self.hi
        return [c for c in tok.children if lo <= c.i < hi]

    def _in_part(self, i: int) -> bool:
        """A word of the trigger's part of the sentence, hung there on words of that part."""
        if not self.lo <= i < self.hi:
            return False
        tok = self.doc[i]
        if tok.is_ancestor(self.verb) or tok.i == self.verb.i or not self.verb.is_ancestor(tok):
            return True
        while tok.i != self.verb.i:
            tok = tok.head
            if not self.lo <= tok.i < self.hi:
                return False
        return True

    def _text(self) -> str:
        doc, out = self.doc, self.out
        subject = self.subject
        if subject is not None and self.dateline > self.trigger.sent.start:
            # "Cairo, 6:33 p.m. ET) - Seventeen people have been shot": the parse hangs the stamp's last
            # words on the subject after it; they stay in the dateline
            for i in [i for i in out if i < self.dateline and subject.is_ancestor(doc[i])]:
                del out[i]
        if self.lo > self.trigger.sent.start or self.hi < self.trigger.sent.end:
            cut = [i for i in out if not self._in_part(i)]
            if cut:
                subject = self.subject
                lost_subject = subject is not None and subject.i in out and not self._in_part(subject.i)
                kept = {i for i in out if i not in cut}
                # "may have been killed in Tuesday's earthquake | Efforts ...": a preposition whose object
                # is cut goes with it (the parse hangs what follows a seam on the words before it)
                for i in cut:
                    if doc[i].dep_ in ("pobj", "pcomp") and doc[i].head.i in kept and doc[i].head.pos_ == "ADP":
                        cut.append(doc[i].head.i)
                        kept.discard(doc[i].head.i)
                for i in set(cut):
                    del out[i]
                verbal = self.verb.pos_ in VERB_POS
                if lost_subject or (verbal and not any(i < self.verb.i for i in out)):
                    self.scrap = True  # (at every level: a shorter headline would only hide the loss)
                    return ""  # the subject or all before the verb stood across the seam: no clause left
            verbal = self.verb.pos_ in VERB_POS
            if verbal and not any(i > self.verb.i for i in out) and any(
                    c.i >= self.hi and c.left_edge.i < self.hi and c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "oprd", "acomp")
                    for c in self.verb.children):
                # "Documents target Philadelphia Inquirer | Officials probe Jackson's doctors": what the verb
                # takes begins before the seam and is cut (a complement wholly after it, "continue | Efforts to
                # rebuild the port are stepped up", is the next sentence misparsed)
                self.scrap = True
                return ""
            if sum(1 for i in out if doc[i].is_alpha and doc[i].ent_type_ not in _DATED) < 2:
                return ""  # "19 January", "Warrant": a title's scrap says nothing
        stamps = doc.user_data.get(STAMPS_KEY)
        for i in [i for i in out if stamps and doc[i].idx in stamps]:
            del out[i]  # a live page's clock stamp ("2030 Doctors at the main hospital say ...")
        aside = set(bracketed(self.trigger.sent, self.trigger.i))
        for i in aside:
            out.pop(i, None)  # what brackets hold, with them: "Total of $270m (£165m) pledged" -> "Total of $270m pledged"
        if aside:  # what the parse hung on the aside goes with it, and a preposition left without its object
            gone = set(aside)
            while orphans := [i for i in out if doc[i].head.i in gone and doc[i].head.i != i]:
                for i in orphans:
                    del out[i]
                gone.update(orphans)
            for i in [i for i in out if doc[i].pos_ == "ADP" and any(c.i in gone for c in doc[i].children)
                      and not any(c.i in out for c in doc[i].children)]:
                del out[i]
        for i in [i for i in out if doc[i].text in _BRACKETS or doc[i].tag_ in ("-LRB-", "-RRB-")]:
            del out[i]  # brackets, and their Penn Treebank escapes in pre-tokenised text ("-RRB-")
        for i in [i for i in out if doc[i].dep_ == "cc" and doc[i].lower_ not in ("nor", "neither")
                  and i not in self.joins]:
            if i + 1 not in out and not any(c.dep_ == "conj" and c.i in out for c in doc[i].head.children):
                del out[i]  # "wounded and ill patients" kept as "patients": no dangling "and"
        for i in [i for i in out if doc[i].dep_ == "cc"]:  # "as well as" whole, never a bare "as"
            for g in doc[i].children:
                if g.dep_ == "advmod" and g.i < i:
                    out[g.i] = g.text
        for i in sorted(out):  # keep a hyphen or slash between two kept words: "30-day", "U.S.-Russian"
            if i + 2 in out and i + 1 not in out and doc[i + 1].is_punct and not doc[i].whitespace_ \
                    and not doc[i + 1].whitespace_ and not doc[i + 1].is_quote:
                out[i + 1] = doc[i + 1].text
        for i in sorted(out):  # the commas of a list: "sanctions, trade, and defence"
            if i + 1 not in out and i + 2 in out and doc[i + 1].text == "," and (
                    doc[i + 2].dep_ in ("conj", "cc") or doc[i + 2].head.dep_ == "conj"):
                out[i + 1] = ","
        tail: set[int] = set()
        for t in self.tail:
            tail.update(x.i for x in doc[t].subtree if x.i in out)
        key = lambda i: (i in tail, self.pos.get(i, i))  # noqa: E731
        order = sorted(out, key=key)
        said: set[str] = set()
        for i in order:  # a person named once: "White says he would not have expected ...", not "White says White ..."
            if doc[i].lower_ in self.rules.personal and out[i] != doc[i].text and out[i] in said:
                out[i] = doc[i].lower_
            said.add(out[i])
        parts: list[str] = []
        prev = None
        for i in order:
            text = out[i]
            if parts and ((prev is not None and i == prev + 1 and not doc[prev].whitespace_) or text == ","):
                parts[-1] += text
            else:
                parts.append(text)
            prev = i
        words = " ".join(parts).strip(" ,;:-–—")
        for gap, glued in ((" 's", "'s"), (" ’s", "’s"), (" n't", "n't"), (" ’", "’")):
            words = words.replace(gap, glued)
        self.words = sum(1 for i in order if not doc[i].is_punct and doc[i].dep_ != "case")
        if not words:
            return ""
        first = doc[order[0]]
        if first.is_sent_start is False or out[first.i] != first.text or first.pos_ == "PROPN" or first.ent_type_:
            pass
        words = words[0].upper() + words[1:]
        start = first.sent.start
        if start in out and start != first.i and doc[start].pos_ != "PROPN" and not doc[start].ent_type_ \
                and out[start] == doc[start].text and doc[start].text != "I":
            parts_low = out[start][0].lower() + out[start][1:]
            words = words[: len(words)].replace(" " + out[start] + " ", " " + parts_low + " ", 1)
        return words
