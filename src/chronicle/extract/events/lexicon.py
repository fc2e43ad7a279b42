"""The event lexicon: triggers by type and modality cues, loaded from data/events/*.toml."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import resources

EVENT_TYPES = (
    # diplomacy
    "call", "meeting", "talks", "statement", "proposal", "agreement", "rejection",
    # conflict
    "attack", "military_movement", "sanction", "aid", "prisoner_exchange",
    # legislatures
    "vote", "hearing", "testimony", "bill_passed",
    # courts
    "ruling", "verdict", "indictment", "trial", "investigation",
    # government
    "appointment", "resignation", "executive_order", "election",
    # business
    "deal", "earnings", "layoffs",
    # disasters, accidents, health
    "disaster", "accident", "health",
    # unrest
    "protest",
    "other",
)
MODALITIES = ("happened", "planned", "proposed", "agreed", "denied", "claimed")


@dataclass(frozen=True)
class Lexicon:
    """Lookup tables built once (in a stage's ``__init__``) and shared by every article."""

    verbs: dict[str, str]  # lemma -> event type
    nouns: dict[str, str]
    weak: dict[str, str]
    phrases: dict[tuple[str, ...], str]  # lemma sequence -> event type
    context: dict[str, frozenset[str]]  # event type -> lemmas one of which must be in the sentence
    not_objects: dict[str, frozenset[str]]  # event type -> direct objects that undo a verb trigger
    cue_order: tuple[str, ...]
    cues: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)  # modality -> kind -> lemmas
    cue_phrases: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    past_tags: frozenset[str] = frozenset()
    reporting: frozenset[str] = frozenset()  # statement verbs: their subject speaks, it does not take part
    groups: dict[str, str] = field(default_factory=dict)  # event type -> family (diplomacy, courts, ...)
    object_verbs: dict[str, tuple[tuple[str, frozenset[str]], ...]] = field(default_factory=dict)  # lemma -> (type, objects)
    not_subjects: dict[str, frozenset[str]] = field(default_factory=dict)  # event type -> subjects that undo a verb trigger
    anaphora: dict[str, str] = field(default_factory=dict)  # noun lemma -> the type a definite mention refers back to
    lists: dict[str, frozenset[str]] = field(default_factory=dict)  # other word lists of cues.toml ("scope.light_verbs")
    numbers: dict[str, float] = field(default_factory=dict)  # other settings of cues.toml ("background.context_days")

    def cue(self, modality: str, kind: str) -> frozenset[str]:
        return self.cues.get(modality, {}).get(kind, frozenset())

    def words(self, name: str) -> frozenset[str]:
        """A word list of cues.toml outside the modalities, by "section.name" ("scope.light_verbs")."""
        return self.lists.get(name, frozenset())


def _read(name: str) -> dict:
    return tomllib.loads(resources.files("chronicle.data").joinpath("events").joinpath(name).read_text(encoding="utf-8"))


def load_lexicon() -> Lexicon:
    """Read the trigger and cue files. Raises ValueError naming an unknown type in the data."""
    triggers = _read("triggers.toml")
    verbs: dict[str, str] = {}
    nouns: dict[str, str] = {}
    weak: dict[str, str] = {}
    phrases: dict[tuple[str, ...], str] = {}
    context: dict[str, frozenset[str]] = {}
    not_objects: dict[str, frozenset[str]] = {}
    not_subjects: dict[str, frozenset[str]] = {}
    groups: dict[str, str] = {}
    object_verbs: dict[str, list] = {}
    anaphora: dict[str, str] = {}
    for etype, table in triggers.items():
        if etype not in EVENT_TYPES:
            raise ValueError(f"triggers.toml: unknown event type {etype!r}; known: {', '.join(EVENT_TYPES)}")
        for lemma in table.get("verbs", ()):
            verbs.setdefault(lemma, etype)
        for lemma in table.get("nouns", ()):
            nouns.setdefault(lemma, etype)
        for lemma in table.get("weak", ()):
            weak.setdefault(lemma, etype)
        for phrase in table.get("phrases", ()):
            phrases.setdefault(tuple(phrase.split()), etype)
        if table.get("context"):
            context[etype] = frozenset(table["context"])
        if table.get("not_objects"):
            not_objects[etype] = frozenset(table["not_objects"])
        if table.get("not_subjects"):
            not_subjects[etype] = frozenset(table["not_subjects"])
        groups[etype] = table.get("group", "other")
        for lemma in table.get("object_verbs", ()):
            object_verbs.setdefault(lemma, []).append((etype, frozenset(table.get("objects", ()))))
        for lemma in table.get("anaphora", ()):
            anaphora.setdefault(lemma, etype)
    raw = _read("cues.toml")
    order = tuple(raw["order"])
    for m in order:
        if m not in MODALITIES:
            raise ValueError(f"cues.toml: unknown modality {m!r}; known: {', '.join(MODALITIES)}")
    cues, cue_phrases = {}, {}
    for m in order:
        table = raw.get(m, {})
        cues[m] = {k: frozenset(v) for k, v in table.items() if k != "phrases"}
        cue_phrases[m] = tuple(tuple(p.split()) for p in table.get("phrases", ()))
    reporting = frozenset(weak) | frozenset(v for v, t in verbs.items() if t == "statement")
    lists = {f"{section}.{name}": frozenset(words) for section, table in raw.items() if isinstance(table, dict)
             and section not in order for name, words in table.items() if isinstance(words, list)}
    numbers = {f"{section}.{name}": float(v) for section, table in raw.items() if isinstance(table, dict)
               for name, v in table.items() if isinstance(v, (int, float))}
    return Lexicon(verbs=verbs, nouns=nouns, weak=weak, phrases=phrases, context=context, not_objects=not_objects,
                   cue_order=order,
                   cues=cues, cue_phrases=cue_phrases, past_tags=frozenset(raw.get("tense", {}).get("past_tags", ())),
                   reporting=reporting, groups=groups, anaphora=anaphora, lists=lists, numbers=numbers,
                   object_verbs={k: tuple(v) for k, v in object_verbs.items()}, not_subjects=not_subjects)
