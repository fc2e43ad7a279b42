"""The quote cue and speaker lexicons, loaded once from src/chronicle/data/quotes/*.toml."""
from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from importlib import resources


_BARE_PASSIVE = frozenset({"aux", "auxpass", "neg", "mark", "nsubjpass", "advmod", "punct", "prep", "agent"})


@dataclass(frozen=True, slots=True)
class Lexicon:
    speech: frozenset[str]
    belief: frozenset[str]
    as_phrase: frozenset[str]
    intent: frozenset[str]
    for_phrase: frozenset[str]
    about_phrase: frozenset[str]
    nominal: frozenset[str]
    not_cues: frozenset[str]
    needs_that: frozenset[str]
    addressee: frozenset[str]
    content_nouns: frozenset[str]
    evidence_verbs: frozenset[str]
    evidence_subjects: frozenset[str]
    intent_nouns: frozenset[str]
    source_prepositions: tuple[str, ...]
    source_nouns: frozenset[str]
    in_sources: frozenset[str]
    pronouns: dict[str, tuple[str, str]]  # "he" -> ("m", "sg")
    lemmas: dict[str, str]  # surface forms the tagger lemmatizes wrongly
    male_titles: frozenset[str]
    female_titles: frozenset[str]
    male_names: frozenset[str]
    female_names: frozenset[str]
    question_verbs: frozenset[str] = frozenset()
    hypothetical: frozenset[str] = frozenset()
    anonymity: frozenset[str] = frozenset()  # "asked not to be [named]": a request for anonymity
    not_names: frozenset[str] = frozenset()  # words of a transcript label that name no one ("UNIDENTIFIED")
    male_roles: frozenset[str] = frozenset()
    female_roles: frozenset[str] = frozenset()
    gerund: dict[str, frozenset[str]] = field(default_factory=dict)  # "accuse" -> {"of"}
    attitude_adjectives: frozenset[str] = frozenset()  # surface forms: "confident", "convinced"
    will_adjectives: frozenset[str] = frozenset()  # of those, the ones taking an intended infinitive
    spokes: frozenset[str] = frozenset()  # "a spokesman for X": X speaks (speakers.toml [organisations])
    org_heads: frozenset[str] = frozenset()  # "the ministry": the ministry named before
    generic_org_heads: frozenset[str] = frozenset()  # "the group": the organisation named last
    not_speakers: frozenset[str] = frozenset()  # head words describing no one who speaks ("the situation")
    quantifiers: frozenset[str] = frozenset()  # "some", "no one": no source
    people: frozenset[str] = frozenset()  # "official", "witness": a described person a "he"/"she" may mean


    def cue_verbs(self, beliefs: bool = True, intentions: bool = True, nominal: bool = False) -> frozenset[str]:
        verbs = self.speech
        if beliefs:
            verbs = verbs | self.belief
        if intentions:
            verbs = verbs | self.intent | self.for_phrase
        if nominal:
            verbs = verbs | self.nominal
        return verbs | self.about_phrase | frozenset(self.gerund)

    def gender_of_role(self, words) -> str:
        """'m', 'f' or '' from the words beside a name ("spokeswoman", "Mr.", "his wife")."""
        words = {w.lower() for w in words}
        male = bool(words & (self.male_roles | self.male_titles))
        female = bool(words & (self.female_roles | self.female_titles))
        return "m" if male and not female else "f" if female and not male else ""

    def anonymous(self, clause) -> bool:
        """"(asked) not to be named", "(requested) that she not be identified": a passive of a
        naming verb, the source asking for anonymity, not saying anything."""
        return self.lemma(clause) in self.anonymity and any(c.dep_ == "auxpass" for c in clause.children) \
            and all(c.dep_ in _BARE_PASSIVE for c in clause.children) \
            and not any(c.dep_ == "prep" and c.lower_ in ("as", "to") for c in clause.children)  # "named to the board"

    def not_a_statement(self, cue) -> bool:
        """Reported content that states nothing: a question with no asker of its own ("was asked
        whether ...", "Asked about it, X said ..."), a question asked of no one ("Who knows where it
        will end?"), or a hypothetical speech verb ("would say
        that ..."). Only for unquoted content; quoted words stay quotes."""
        lemma = self.lemma(cue)
        subject = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if any(c.dep_ == "nsubj" and c.lower_ == "who" and c.i == c.sent.start for c in cue.children) \
                and cue.sent[-1].text == "?":
            return True  # "Who knows where it will end?", "Who would have thought ...?": a question, no one's words
        if subject is not None and (subject.lower_ in ("nobody", "none") or subject.lower_ == "one" and any(
                c.lower_ == "no" for c in subject.children) or subject.i > 0 and subject.lower_ == "one"
                and subject.doc[subject.i - 1].lower_ == "no"):
            return True  # "No one knows whether ...", "nobody thinks ...": no one's words
        if subject is not None and subject.lower_ == "you":
            return True  # "if you want to ...", "you know ...", "Do you think ...?": the addressee's words are not reported
        if subject is not None and cue.sent[-1].text == "?" and any(
                c.dep_ in ("aux", "auxpass") and c.i < subject.i for c in cue.children):
            return True  # "Did he say that ...?", "How do we think they are going over?": a question
        if lemma in self.question_verbs and (
                any(c.dep_ in ("nsubjpass", "auxpass") for c in cue.children)
                or cue.tag_ == "VBN" and not any(c.dep_ == "nsubj" for c in cue.children)):
            return True
        return lemma in self.speech and lemma not in self.intent and any(
            c.dep_ == "aux" and c.lower_ in self.hypothetical for c in cue.children)

    def lemma(self, tok) -> str:
        """A token's lemma, lower case, with the tagger's known mistakes corrected."""
        return self.lemmas.get(tok.lower_) or tok.lemma_.lower()

    def gender_of(self, name: str) -> str:
        """'m', 'f' or '' from the first word of a name ("Karoline Leavitt" -> 'f')."""
        words = name.lower().split()
        for word in words[:2]:
            if word in self.male_titles or word in self.male_names:
                return "m"
            if word in self.female_titles or word in self.female_names:
                return "f"
        return ""


def _read(name: str) -> dict:
    text = resources.files("chronicle.data").joinpath("quotes").joinpath(name).read_text(encoding="utf-8")
    return tomllib.loads(text)


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    cues = _read("cues.toml")
    speakers = _read("speakers.toml")
    lower = lambda xs: frozenset(x.lower() for x in xs)  # noqa: E731
    return Lexicon(
        speech=lower(cues["verbs"]["speech"]),
        belief=lower(cues["verbs"]["belief"]),
        as_phrase=lower(cues["verbs"]["as_phrase"]),
        intent=lower(cues["verbs"]["intent"]),
        for_phrase=lower(cues["verbs"]["for_phrase"]),
        about_phrase=lower(cues["verbs"]["about_phrase"]),
        nominal=lower(cues["verbs"]["nominal"]),
        not_cues=lower(cues["verbs"]["not_cues"]),
        needs_that=lower(cues["verbs"]["needs_that"]),
        addressee=lower(cues["verbs"]["addressee"]),
        content_nouns=lower(cues["nouns"]["content"]),
        evidence_verbs=lower(cues["verbs"]["evidence"]),
        evidence_subjects=lower(cues["subjects"]["evidence"]),
        intent_nouns=lower(cues["nouns"]["intent_nouns"]),
        source_prepositions=tuple(cues["phrases"]["source_prepositions"]),
        source_nouns=lower(cues["phrases"]["source_nouns"]),
        in_sources=lower(cues["phrases"]["in_sources"]),
        pronouns={k: (v[0], v[1]) for k, v in speakers["pronouns"].items()},
        lemmas=dict(cues["lemmas"]),
        male_titles=lower(speakers["titles"]["male"]),
        female_titles=lower(speakers["titles"]["female"]),
        male_names=lower(speakers["first_names"]["male"]),
        female_names=lower(speakers["first_names"]["female"]),
        question_verbs=lower(cues["questions"]["verbs"]),
        hypothetical=lower(cues["questions"]["hypothetical"]),
        anonymity=lower(cues["questions"].get("anonymity", ())),
        not_names=lower(speakers.get("transcripts", {}).get("not_names", ())),
        male_roles=lower(speakers["role_words"]["male"]),
        female_roles=lower(speakers["role_words"]["female"]),
        gerund=_by_verb(cues["verbs"].get("gerund", {})),
        attitude_adjectives=lower(cues["adjectives"]["attitude"]),
        will_adjectives=lower(cues["adjectives"]["will"]),
        spokes=lower(speakers.get("organisations", {}).get("spokes", ())),
        org_heads=lower(speakers.get("organisations", {}).get("heads", ())),
        generic_org_heads=lower(speakers.get("organisations", {}).get("generic", ())),
        not_speakers=lower(speakers.get("described", {}).get("not_speakers", ())),
        quantifiers=lower(speakers.get("described", {}).get("quantifiers", ())),
        people=lower(speakers.get("described", {}).get("people", ())),
    )


def _by_verb(table: dict[str, list[str]]) -> dict[str, frozenset[str]]:
    """{"of": ["accuse"], "for": ["blame"]} -> {"accuse": {"of"}, "blame": {"for"}}."""
    out: dict[str, set[str]] = {}
    for prep, verbs in table.items():
        for verb in verbs:
            out.setdefault(verb.lower(), set()).add(prep.lower())
    return {verb: frozenset(preps) for verb, preps in out.items()}
