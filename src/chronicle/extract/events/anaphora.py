"""Within one article, definite event mentions ("the call", "their conversation", "this meeting",
"the vote") that refer back to an event named earlier: the undated mention takes its date.

"Putin and Trump are set to speak on Tuesday. ... This dialogue could pave the way for a
ceasefire": "this dialogue" is Tuesday's call, so it is dated 2025-03-18 with
``date_source="antecedent"``, and its ``date_explain`` names the antecedent. A lead that
names the event before the sentence that dates it ("During the two-hour chat, ..." then
"Tuesday's phone call ...") refers forward, when nothing of the kind came before.
Mentions pointing to another event of the kind ("their last discussion", "the earlier
call") and mentions whose participants differ from the antecedent's are left alone.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from chronicle.extract.events.lexicon import Lexicon
from chronicle.records import Event

_DATED = ("attached", "sentence")
# "the talks", "the discussions" may name a call or a meeting held before; "the call" only a call.
_REFERS_TO = {"talks": ("talks", "call", "meeting")}


def _kinds(etype: str) -> tuple[str, ...]:
    return _REFERS_TO.get(etype, (etype,))


def anaphoric(token, lex: Lexicon) -> bool:
    """A definite event noun that names no other event of its kind."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in lex.anaphora:
        return False
    definite = False
    for c in token.children:
        lemma = c.lemma_.lower()
        if c.dep_ in ("amod", "advmod", "nummod", "compound") and lemma in lex.words("anaphora.other_event"):
            return False
        if c.dep_ == "det" and lemma in lex.words("anaphora.determiners"):
            definite = True
        elif c.dep_ == "poss" and (c.lower_ in lex.words("anaphora.possessives") or c.pos_ == "PROPN"):
            definite = True
    return definite


def _surnames(names) -> set[str]:
    return {n.lower().split()[-1] for n in names if n.split()}


def _fits(mention: Event, candidate: Event) -> bool:
    if candidate.type not in _kinds(mention.type) or candidate.date is None:
        return False
    mine, theirs = _surnames(mention.participants), _surnames(candidate.participants)
    return not (mine and theirs and mine.isdisjoint(theirs))


def _same_actors(mention: Event, candidate: Event) -> bool:
    """No actor named on both sides differs: the mention's actors are among the candidate's, or one
    side names none."""
    mine = _surnames(mention.participants) | _surnames(mention.actors)
    theirs = _surnames(candidate.participants) | _surnames(candidate.actors)
    return not (mine and theirs and mine.isdisjoint(theirs))


def _best(mention: Event, candidates) -> Event | None:
    """The nearest candidate, preferring one that shares a participant with the mention."""
    mine = _surnames(mention.participants) | _surnames(mention.actors)
    best = None
    for c in candidates:
        if best is None:
            best = c
        if mine & _surnames(c.participants):
            return c
    return best


def resolve_anaphora(found: list[tuple[Event, object]], lex: Lexicon, published=None,
                     framed: frozenset[int] = frozenset()) -> Iterator[Event]:
    """Yield the events of one article, in order, anaphoric undated mentions dated by their antecedent.

    ``found`` pairs each event with its trigger (whose ``token`` is the spaCy head word). With the
    article's ``published`` date, a happening of the story's time beats one of long ago (lexicon
    number ``background.context_days`` before publication) named nearer: in a report on the Haiti
    quake, "the quake" is Haiti's, not the 2008 Sichuan quake a reader's e-mail recalled; with no
    such happening before it, the one of long ago is meant ("Ten years after the 2004 tsunami, ...
    the tsunami killed"), unless the mention's sentence sets a time of its own (``framed``: the
    starts of sentences holding a time expression, "In recent weeks, NATO has intensified its
    bombing" after "invading Roman armies 2,000 years ago") or names actors the happening of long
    ago does not have.
    """
    days = lex.numbers.get("background.context_days", 365)

    def recent(c: Event) -> bool:
        return published is None or c.date is None or (published.start - c.date.end).days < days

    out: list[Event] = []
    for i, (event, trigger) in enumerate(found):
        if event.date_source in _DATED or not anaphoric(trigger.token, lex):
            out.append(event)
            continue
        own_time = event.start_char in framed

        def meant(candidates: list[Event]) -> Event | None:
            now = [c for c in candidates if recent(c)]
            if now:
                return _best(event, now)
            return None if own_time else _best(event, [c for c in candidates if _same_actors(event, c)])

        before = [c for c in reversed(out) if _fits(event, c) and c.date_source in _DATED + ("antecedent",)]
        antecedent = meant(before)
        where = "earlier"
        if antecedent is None and not any(c.type in _kinds(event.type) for c in out):
            antecedent = meant([c for c, _ in found[i + 1:] if _fits(event, c) and c.date_source in _DATED])
            where = "later"
        if antecedent is None:
            out.append(event)
            continue
        phrase = " ".join(t.text for t in trigger.token.subtree if t.i <= trigger.token.i)[-60:]
        out.append(dataclasses.replace(
            event, date=antecedent.date, date_source="antecedent",
            participants=event.participants or antecedent.participants,
            date_explain=f"'{phrase}' refers back to the {antecedent.type} named {where} in the article "
                         f"('{antecedent.trigger}', chars {antecedent.start_char}-{antecedent.end_char}), "
                         f"dated {antecedent.date}: {antecedent.date_explain}"))
    yield from out
