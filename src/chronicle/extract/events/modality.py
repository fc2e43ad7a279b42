"""Modality and negation of an event mention, from cue words around its trigger.

The cues (data/events/cues.toml) are looked for on the trigger, on each word that governs it
up to the sentence root, and on their auxiliaries, negations and modifiers. A future date
marks a plan. "refused to commit to a full ceasefire" is a ``rejection`` whose record keeps
``negated=True`` and the trigger words "refused to commit", so the negation is never lost.
"""
from __future__ import annotations

from chronicle.dates import DateValue
from chronicle.extract.events.lexicon import Lexicon

_MODIFIER_DEPS = ("aux", "auxpass", "neg", "advmod", "amod", "xcomp", "prep", "acomp")


def _lemma(tok) -> str:
    return tok.lemma_.lower()


def _chain(trigger):
    """The trigger and the words above it, up to the root."""
    tok = trigger
    yield tok
    while tok.head.i != tok.i:
        tok = tok.head
        yield tok


def modality_of(trigger, etype: str, lex: Lexicon, *, event_date: DateValue | None,
                published: DateValue | None) -> tuple[str, bool]:
    """(modality, negated) of the event named by ``trigger`` (a spaCy token)."""
    chain = list(_chain(trigger))
    # Cues on the chain itself, with the distance from the trigger (0 = the trigger).
    words: list[tuple[int, str, object]] = []
    for dist, tok in enumerate(chain):
        words.append((dist, _lemma(tok), tok))
        for child in tok.children:
            if child.dep_ in _MODIFIER_DEPS or (dist == 0 and child.dep_ in ("amod", "compound")):
                words.append((dist, _lemma(child), child))
    negators = lex.cue("denied", "negators")
    scope = scope_of(trigger, lex)
    in_scope = {tok.i for tok in scope}
    negated = any(c.dep_ == "neg" or (_lemma(c) in negators and c.dep_ in ("neg", "det", "advmod", "preconj"))
                  for tok in scope for c in tok.children)
    refused = any(_lemma(tok) in lex.cue("denied", "verbs") for tok in scope[1:])
    if etype == "rejection":
        negated = True  # the refused or rejected thing did not happen; the refusal did
    elif refused or negated:
        return "denied", True
    sent = trigger.sent
    lemmas_in_sent = [_lemma(t) for t in sent]
    for modality in lex.cue_order:
        if modality == "denied":
            continue  # decided above, within the trigger's scope
        if modality == "happened":
            break
        if _has_cue(modality, words, lemmas_in_sent, lex, etype):
            return modality, negated
    if event_date is not None and published is not None and event_date.start > published.end:
        return "planned", negated
    return "happened", negated


def scope_of(trigger, lex: Lexicon) -> list:
    """The words whose negation or refusal denies the event: the trigger, and above it the
    light verb whose object it is ("refused to hold talks"), and the verbs that take either
    as their complement ("refused to commit", "failed to reach a deal").

    "The Department of Justice declined to investigate the July call" does not deny the call:
    "investigate" is no light verb, and "the July call" is definite, so presupposed.
    """
    scope, tok = [trigger], trigger
    if trigger.pos_ not in ("VERB", "AUX"):
        if _definite(trigger, lex):
            return scope
        head = trigger.head
        if head.dep_ == "prep" and head.head.i != head.i:  # "engage in talks", "take part in a meeting"
            head = head.head
        if head.i == trigger.i or head.pos_ not in ("VERB", "AUX") or _lemma(head) not in lex.words("scope.light_verbs"):
            return scope
        scope.append(head)
        tok = head
    while tok.dep_ in ("xcomp", "conj") and tok.head.i != tok.i and tok.head.pos_ in ("VERB", "AUX"):
        if tok.dep_ == "conj":  # "refused to meet or talk": the conjunct shares the governing verb
            tok = tok.head
            continue
        tok = tok.head
        scope.append(tok)
    return scope


def _definite(noun, lex: Lexicon) -> bool:
    """A definite noun phrase ("the July call", "their meeting") presupposes its event."""
    return any((c.dep_ == "det" and _lemma(c) in lex.words("scope.definite")) or c.dep_ == "poss"
               for c in noun.children)


def _has_cue(modality: str, words, lemmas_in_sent: list[str], lex: Lexicon, etype: str) -> bool:
    if modality == "planned":
        if any(lem in lex.cue("planned", "auxiliaries") for d, lem, t in words if d <= 2 and t.dep_ in ("aux", "auxpass")):
            return True
        if any(lem in lex.cue("planned", "verbs") for d, lem, _ in words if 0 < d <= 3):
            return True
        return any(lem in lex.cue("planned", "adjectives") for d, lem, t in words if d == 0 and t.dep_ == "amod")
    if modality == "proposed":
        if etype == "proposal":
            return True
        if any(lem in lex.cue("proposed", "verbs") for d, lem, _ in words if 0 < d <= 3):
            return True
        return any(lem in lex.cue("proposed", "adjectives") for d, lem, t in words if d == 0)
    if modality == "agreed":
        if etype == "agreement":
            return True
        return any(lem in lex.cue("agreed", "verbs") for d, lem, _ in words if 0 < d <= 2)
    if modality == "claimed":
        if any(lem in lex.cue("claimed", "verbs") for d, lem, _ in words if 0 < d <= 3):
            return True
        if words and _told_in_proceeding(words[0][2], lex):
            return True
        if any(lem in lex.cue("claimed", "adverbs") for _, lem, _ in words):
            return True
        return any(_contains(lemmas_in_sent, p) for p in lex.cue_phrases.get("claimed", ()))
    return False


def _told_in_proceeding(trigger, lex: Lexicon) -> bool:
    """A happening a witness, a prosecutor or a court tells: the clause of "testified that", or of a
    verb of saying (or "heard") in a sentence that names the forum outside that clause ("At a
    preliminary hearing, the prosecutor said Dr Murray phoned paramedics ...")."""
    tok = trigger
    for _ in range(3):
        if tok.head.i == tok.i:
            return False
        teller = tok.head
        if tok.dep_ == "ccomp":
            verb = _lemma(teller)
            if verb in lex.cue("claimed", "testimony"):
                return True
            if verb in lex.reporting or verb in lex.cue("claimed", "heard"):
                clause = {t.i for t in tok.subtree}
                forums = lex.cue("claimed", "forums")
                return any(_lemma(t) in forums or t.lower_ in forums for t in teller.sent if t.i not in clause)
        tok = teller
    return False


def _contains(seq: list[str], phrase: tuple[str, ...]) -> bool:
    """Whether ``phrase`` occurs in ``seq`` as consecutive items."""
    n = len(phrase)
    if n == 0:
        return True
    first, stop = phrase[0], len(seq) - n + 1  # only where the first word stands need the rest be compared
    i = 0
    while i < stop:
        try:
            i = seq.index(first, i, stop)
        except ValueError:
            return False
        if tuple(seq[i : i + n]) == phrase:
            return True
        i += 1
    return False


def _verb_of(trigger):
    verb = trigger
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return verb


def tense_of(trigger, lex: Lexicon) -> str:
    """"past" (past tense, present perfect, pluperfect), "present" or "" (future, infinitive, other),
    read on the trigger and on the verb that governs a trigger noun."""
    verb = _verb_of(trigger)
    for tok in (trigger, verb):
        auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
        if any(_lemma(a) in lex.cue("planned", "auxiliaries") for a in auxes):
            return ""
        if tok.tag_ in lex.past_tags or any(_lemma(a) == "have" for a in auxes):
            return "past"
        if any(a.tag_ in ("VBD",) for a in auxes):
            return "past"
    if trigger.pos_ not in ("VERB", "AUX") and trigger.dep_ not in ("nsubj", "nsubjpass", "dobj", "attr"):
        return ""  # "since their last meeting": a noun in a phrase is not what the present verb reports
    for tok in (trigger, verb):
        auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
        if tok.tag_ in lex.words("tense.present_tags") or any(a.tag_ in lex.words("tense.present_tags") for a in auxes):
            return "present"
    return ""


def is_background(trigger, lex: Lexicon) -> bool:
    """Cues that an undated past report recalls history, not the article's news: a history
    adverb or phrase in the clause ("Initially, Zelensky resisted ..."), or the pluperfect
    outside reported speech ("Russia had annexed Crimea")."""
    verb = _verb_of(trigger)
    adverbs = lex.words("background.adverbs")
    for tok in (trigger, verb):
        for c in tok.children:
            if c.dep_ in ("advmod", "npadvmod") and _lemma(c) in adverbs:
                return True
            if c.dep_ == "amod" and tok is trigger and _lemma(c) in adverbs:
                return True
    sent_lemmas = [_lemma(t) for t in trigger.sent]
    if any(_contains(sent_lemmas, tuple(p.split())) for p in lex.words("background.phrases")):
        return True
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    pluperfect = any(_lemma(a) == "have" and a.tag_ == "VBD" for a in auxes)
    if pluperfect:
        tok = verb
        while tok.head.i != tok.i:
            if tok.dep_ in ("ccomp", "xcomp") and _lemma(tok.head) in lex.reporting:
                return False  # backshifted: "told the Post that he had spoken with Putin"
            tok = tok.head
        return True
    return False
