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
    near = {tok.i for tok in chain[:2]}
    negated = any(t.dep_ == "neg" or (lem in negators and t.dep_ in ("neg", "det", "advmod", "preconj"))
                  for _, lem, t in words if t.head.i in near and t.i != trigger.i)
    refused = any(lem in lex.cue("denied", "verbs") for d, lem, _ in words[1:] if 0 < d <= 2)
    if etype == "rejection":
        negated = True  # the refused or rejected thing did not happen; the refusal did
    elif refused or negated:
        return "denied", True
    sent = trigger.sent
    lemmas_in_sent = [_lemma(t) for t in sent]
    for modality in lex.cue_order:
        if modality == "denied":
            if etype != "rejection" and any(lem in lex.cue("denied", "verbs") for _, lem, _ in words[1:3]):
                return "denied", True
            continue
        if modality == "happened":
            break
        if _has_cue(modality, words, lemmas_in_sent, lex, etype):
            return modality, negated
    if event_date is not None and published is not None and event_date.start > published.end:
        return "planned", negated
    return "happened", negated


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
        if any(lem in lex.cue("claimed", "adverbs") for _, lem, _ in words):
            return True
        return any(_contains(lemmas_in_sent, p) for p in lex.cue_phrases.get("claimed", ()))
    return False


def _contains(seq: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(seq[i : i + n]) == phrase for i in range(len(seq) - n + 1))


def is_past_report(trigger, lex: Lexicon) -> bool:
    """Past tense or present perfect on the trigger or the verb that governs it."""
    verb = trigger
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    for tok in (trigger, verb):
        if tok.tag_ in lex.past_tags:
            return True
        if any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children):
            return True
    return False
