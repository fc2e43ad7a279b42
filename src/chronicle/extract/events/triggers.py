"""Trigger spotting: which words of a parsed sentence name an event, and of what type."""
from __future__ import annotations

from dataclasses import dataclass

from chronicle.extract.events.lexicon import Lexicon

# Clausal dependencies: a trigger below one of these belongs to another clause's event.
_VERB_POS = ("VERB", "AUX")
_NOUN_POS = ("NOUN", "PROPN")


@dataclass(frozen=True, slots=True)
class Trigger:
    token: object  # spaCy Token: the syntactic head of the trigger words
    start: int  # token index of the first trigger word in the Doc
    end: int  # token index after the last
    type: str
    weak: bool = False

    @property
    def depth(self) -> int:
        n, tok = 0, self.token
        while tok.head.i != tok.i:
            tok, n = tok.head, n + 1
        return n


def _lemma(tok) -> str:
    return tok.lemma_.lower()


_PHRASE_INDEX: dict[int, tuple[dict, dict[str, list[int]], list[tuple[tuple[str, ...], str]]]] = {}


def _phrase_index(lex: Lexicon) -> tuple[dict[str, list[int]], list[tuple[tuple[str, ...], str]]]:
    """The lexicon's phrases in their order, and the positions of those that begin with each word:
    a sentence need only try the phrases whose first word it has (built once per lexicon)."""
    phrases = lex.phrases
    entry = _PHRASE_INDEX.get(id(phrases))
    if entry is None or entry[0] is not phrases or len(entry[2]) != len(phrases):
        items = list(phrases.items())
        by_first: dict[str, list[int]] = {}
        for k, (phrase, _) in enumerate(items):
            if phrase:
                by_first.setdefault(phrase[0], []).append(k)
        entry = _PHRASE_INDEX[id(phrases)] = (phrases, by_first, items)
    return entry[1], entry[2]


def _candidate_phrases(lex: Lexicon, present: set[str]):
    """The lexicon's phrases, in the lexicon's order, that can match a sentence with these words."""
    by_first, items = _phrase_index(lex)
    if () in lex.phrases:  # an empty phrase has no first word: try every phrase, as written
        return items
    ks = [k for w in present for k in by_first.get(w, ())]
    ks.sort()
    return [items[k] for k in ks]


def find_triggers(span, lex: Lexicon) -> list[Trigger]:
    """Every trigger in a sentence span, in text order; phrase matches win over single words."""
    tokens = list(span)
    lemmas = [_lemma(t) for t in tokens]
    present = set(lemmas) | {t.lower_ for t in tokens}
    taken: set[int] = set()
    found: list[Trigger] = []
    for phrase, etype in _candidate_phrases(lex, present):
        if not present.issuperset(phrase):  # the cheap test first: most phrases have a word not in the sentence
            continue
        n = len(phrase)
        for i in range(len(tokens) - n + 1):
            if tuple(lemmas[i : i + n]) == phrase and not taken.intersection(range(i, i + n)):
                words = tokens[i : i + n]
                head = next((w for w in words if w.head.i not in {x.i for x in words} or w.head.i == w.i), words[0])
                if _hypothetical(head, lex):
                    continue
                found.append(Trigger(head, words[0].i, words[-1].i + 1, etype))
                taken.update(range(i, i + n))
    for i, tok in enumerate(tokens):
        if i in taken:
            continue
        lemma = lemmas[i]
        etype, weak = None, False
        if tok.pos_ in _VERB_POS or tok.tag_.startswith("VB"):
            typed = _by_object(tok, lex.object_verbs.get(lemma, ()))
            if typed:
                etype = typed
            elif lemma in lex.verbs:
                etype = lex.verbs[lemma]
            elif lemma in lex.weak:
                etype, weak = lex.weak[lemma], True
        elif tok.pos_ in _NOUN_POS and tok.pos_ != "PROPN" and lemma in lex.nouns:
            etype = lex.nouns[lemma]
        if etype is None:
            continue
        needed = lex.context.get(etype)
        if needed and not needed & present:
            continue
        undo = lex.not_objects.get(etype)
        if undo and any(c.dep_ == "dobj" and _lemma(c) in undo for c in tok.children):
            continue
        if _hypothetical(tok, lex):
            continue
        undo = lex.not_subjects.get(etype)
        if undo and tok.pos_ in _VERB_POS and any(lemma in undo for lemma in _subject_lemmas(tok)):
            continue  # "the situation suggests a long war" is no proposal; nor "the medicine, which killed him" an attack
        found.append(Trigger(tok, tok.i, tok.i + 1, etype, weak))
    # "the impeachment inquiry", "ceasefire talks": a trigger noun that only modifies another
    # trigger names the same happening; the head noun is the event.
    heads = {t.token.i for t in found}
    found = [t for t in found if not (t.token.dep_ in _MODIFIER and t.token.head.i in heads)]
    found.sort(key=lambda t: t.start)
    return found


_MODIFIER = ("compound", "amod", "nmod")


def _subject_lemmas(verb):
    """The lemmas of a verb's subjects, a relative pronoun read as the noun it stands for ("the sleeping
    medicine, which killed him": medicine), and of a passive verb's agent ("Haiti was hit by a massive
    earthquake": earthquake)."""
    for c in verb.children:
        if c.dep_ == "nsubj":
            relative = c.lower_ in ("which", "that", "who") and verb.dep_ == "relcl"
            yield _lemma(verb.head) if relative else _lemma(c)
        elif c.dep_ == "agent":
            yield from (_lemma(g) for g in c.children if g.dep_ == "pobj")


def _hypothetical(tok, lex: Lexicon) -> bool:
    """Whether the trigger's clause is a condition ("if Mubarak resigns") or its consequence: its
    verb (or the verb a noun trigger belongs to) or a clause under that verb has a mark of cues.toml
    [hypothetical]."""
    verb = tok if tok.pos_ in _VERB_POS else tok.head if tok.head.pos_ in _VERB_POS else None
    if verb is None and tok.dep_ == "pobj" and tok.head.head.pos_ in _VERB_POS:
        verb = tok.head.head  # "faces prison if convicted at trial": the trial's verb is "convicted"
    if verb is None:
        return False
    marks = lex.words("hypothetical.marks")

    def conditioned(v) -> bool:
        return any(c.dep_ == "mark" and c.lower_ in marks and (c.i == 0 or c.doc[c.i - 1].lower_ not in ("even", "as"))
                   for c in v.children)  # "even if", "as if" concede or compare: no condition
    # the condition itself, or what follows from it ("if he resigns, it triggers an election"); a
    # conjunct shares its first verb's condition ("faces four years in prison if tried and convicted")
    first = verb
    while first.dep_ == "conj" and first.head.pos_ in _VERB_POS and first.head is not first:
        first = first.head
    return (conditioned(verb) or conditioned(first)
            or any(c.dep_ == "advcl" and conditioned(c) for c in verb.children))


def _by_object(tok, typed) -> str | None:
    """The type a verb names through its object ("passed the bill": bill_passed), if any."""
    if not typed:
        return None
    objects = {_lemma(c) for c in tok.children if c.dep_ in ("dobj", "nsubjpass")}
    for c in tok.children:  # "passed two articles of impeachment", "voted on the bill"
        if c.dep_ == "prep":
            objects.update(_lemma(g) for g in c.children if g.dep_ == "pobj")
    return next((etype for etype, words in typed if objects & words), None)


def main_trigger(triggers: list[Trigger], attached: set[int]) -> Trigger | None:
    """The trigger the sentence is about: the highest in the parse tree, strong before weak.

    A weak trigger ("said") counts only when a time expression attaches to it (``attached``
    holds the token indices of triggers that have one).
    """
    usable = [t for t in triggers if not t.weak or t.token.i in attached]
    if not usable:
        return None
    # A dated trigger beats an undated one; then the shallowest; then statements lose to
    # specific types (a "said" clause frames the event it reports); then text order.
    return min(usable, key=lambda t: (t.token.i not in attached, t.depth, t.type == "statement", t.start))
