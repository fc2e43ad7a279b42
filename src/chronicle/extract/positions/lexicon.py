"""The positions lexicon: stance cues, modal patterns and actor nouns, from data/positions/cues.toml."""
from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources

STANCES = ("demand", "condition", "offer", "support", "accept", "reject", "commitment", "warning", "denial")


@dataclass(frozen=True)
class PositionLexicon:
    verbs: dict[str, str]  # single lemma -> stance
    phrases: dict[tuple[str, ...], str]  # lemma sequence (verb first) -> stance
    modals: frozenset[str]
    reporting: frozenset[str]
    deal_nouns: frozenset[str]
    condition_phrases: tuple[tuple[str, ...], ...]
    actor_nouns: frozenset[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    first_person: frozenset[str]
    weak: frozenset[str]  # cues that state a demand only with a "must" clause ("stressed that ...")
    crowds: frozenset[str]  # "thousands of X", "hundreds of X", "members of X": the actor is X
    wrappers: frozenset[str]  # "a proposal for X" is about X
    cue_lemmas: frozenset[str]  # every lemma a cue can start with: the cheap first test on each token
    titles: frozenset[str]  # "the Kremlin leader": a title standing for the last person named
    others_only: frozenset[str]  # cues that demand only what others do or give ("want X to go", "want elections")
    object_only: frozenset[str]  # cues that demand only a thing named ("seeking a new law", not "seeking to topple")
    see_verbs: frozenset[str]  # "want to see X ...": what the holder wants others to do
    nouns: dict[str, str]  # noun lemma -> stance ("demand for", "refusal to")
    cue_nouns: frozenset[str]  # the nouns above and the view nouns ("the view that X must ...")
    light_verbs: frozenset[str]  # "renewed its demand": the verb's subject holds the noun
    bygone: frozenset[str]  # "its previous insistence": a position given up
    carriers: frozenset[str]  # "chanting slogans calling for ...": who carries them holds the position
    negated_until: frozenset[str]  # "will not negotiate until X": X is a condition
    self_pronouns: frozenset[str]  # a reported clause's subject that is its speaker ("said it would not ...")
    no_comment: frozenset[str]  # "declined to comment": verbs a refusal of which holds no position
    to_only: frozenset[str]  # cues that demand only with a "to" clause ("asked X to ...", never "asked whether")
    advice: frozenset[str]  # auxiliaries that make a cue advice to its subject ("should demand")
    negated_reject: frozenset[str]  # stances that turn into a rejection when negated ("cannot support")
    offices: frozenset[str]  # office words before a name ("Treasury Secretary Henry Paulson")
    generic_titles: frozenset[str]  # titles that may stand for a person named with another office ("the leader")
    pledge_aux: frozenset[str]  # "we will ...": a quoted first-person pledge
    not_pledged: frozenset[str]  # verbs no pledge is made with ("we will see")
    not_ordered: frozenset[str]  # imperatives that order nothing ("look at", "imagine")
    voices: frozenset[str]  # nouns that speak for their possessor ("Obama's speech")
    stamp_words: frozenset[str] = frozenset()  # page stamps and tokenised brackets, cut from an actor's edges
    threatened: frozenset[str] = frozenset()  # who a warning is addressed to or a threat hangs over
    inference: frozenset[str] = frozenset()  # "this means that X backs ...": a clause inferred, not stated
    qualifiers: frozenset[str] = frozenset()  # "accepted the plan in principle": how far a stance goes, in its phrase
    epistemic: frozenset[str] = frozenset()  # "should be enough": a "should" that expects, not one that demands


@functools.lru_cache(maxsize=1)
def load_lexicon() -> PositionLexicon:
    raw = tomllib.loads(resources.files("chronicle.data").joinpath("positions").joinpath("cues.toml")
                        .read_text(encoding="utf-8"))
    verbs: dict[str, str] = {}
    phrases: dict[tuple[str, ...], str] = {}
    for stance in reversed(raw["order"]):  # earlier in `order` wins when a cue is listed twice
        for cue in raw["stances"][stance]["verbs"]:
            words = tuple(cue.split())
            if len(words) == 1:
                verbs[words[0]] = stance
            else:
                phrases[words] = stance
    modal, actors, nouns = raw["modal"], raw["actors"], raw["nouns"]
    by_noun = {n: stance for stance in STANCES for n in nouns.get(stance, ())}
    return PositionLexicon(
        verbs=verbs, phrases=phrases, modals=frozenset(modal["modals"]), reporting=frozenset(modal["reporting"]),
        deal_nouns=frozenset(modal["deal_nouns"]),
        condition_phrases=tuple(tuple(p.split()) for p in modal["condition_phrases"]),
        actor_nouns=frozenset(actors["nouns"]), person_pronouns=frozenset(actors["pronouns_person"]),
        group_pronouns=frozenset(actors["pronouns_group"]), first_person=frozenset(actors["first_person"]),
        weak=frozenset(modal["weak"]), titles=frozenset(actors["titles"]),
        wrappers=frozenset(raw["targets"]["wrappers"]), crowds=frozenset(actors["crowds"]),
        nouns=by_noun, cue_nouns=frozenset(by_noun) | frozenset(nouns["views"]),
        light_verbs=frozenset(nouns["light_verbs"]), bygone=frozenset(nouns["bygone"]),
        advice=frozenset(modal["advice"]), to_only=frozenset(modal["to_only"]), no_comment=frozenset(modal["no_comment"]), carriers=frozenset(actors["carriers"]),
        negated_until=frozenset(modal["negated_until"]), self_pronouns=frozenset(actors["self_pronouns"]),
        others_only=frozenset(modal["others_only"]),
        object_only=frozenset(modal["object_only"]),
        see_verbs=frozenset(modal["see_verbs"]), negated_reject=frozenset(modal["negated_reject"]),
        offices=frozenset(actors["offices"]), generic_titles=frozenset(actors["generic_titles"]),
        pledge_aux=frozenset(modal["pledge_aux"]), not_pledged=frozenset(modal["not_pledged"]),
        not_ordered=frozenset(modal["not_ordered"]), voices=frozenset(actors["voices"]),
        stamp_words=frozenset(actors["stamp_words"]), threatened=frozenset(raw["targets"]["threatened"]),
        inference=frozenset(modal.get("inference", ())), qualifiers=frozenset(raw["targets"].get("qualifiers", ())),
        epistemic=frozenset(modal.get("epistemic", ())),
        cue_lemmas=frozenset(verbs) | {w[0] for w in phrases} | frozenset(modal["reporting"]),
    )
