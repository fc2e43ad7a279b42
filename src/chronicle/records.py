"""The frozen records that flow from extraction to the store and the views.

Every span carries ``start_char``/``end_char`` into the article text, and the
invariant ``article.text[r.start_char:r.end_char] == r.text`` holds for every record
of every extractor (tested with Hypothesis). Every record names the versioned stage
that produced it, so a fact can explain where it came from.
"""
from __future__ import annotations

from dataclasses import dataclass

from chronicle.dates import DateValue
from chronicle.errors import Diagnostic

PUBLISHED_SOURCES = ("manifest", "metadata", "option", "inferred", "unknown")


@dataclass(frozen=True, slots=True)
class ArticleText:
    """What the analysis pipeline needs to know about one article."""

    id: str
    text: str
    title: str | None = None
    published: DateValue | None = None
    published_source: str = "unknown"
    outlet: str | None = None
    url: str | None = None
    stripped: tuple = ()  # boilerplate cut from the text before analysis (text.boilerplate.Stripped)


@dataclass(frozen=True, slots=True)
class Paragraph:
    start_char: int
    end_char: int
    text: str
    is_heading: bool = False


@dataclass(frozen=True, slots=True)
class Sentence:
    start_char: int
    end_char: int
    text: str
    paragraph: int
    is_heading: bool = False


@dataclass(frozen=True, slots=True)
class Timex:
    """A time expression and its TIMEX3 normalisation."""

    start_char: int
    end_char: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str  # TIMEX3 value: 2025-03-18, 2025-W11, P30D, PAST_REF, XXXX-WXX-2 ...
    explain: str
    stage: str
    rule: str = ""
    anchor: str | None = None  # TIMEX3 value of the date it was resolved against
    mod: str | None = None  # TIMEX3 mod: START, MID, END, APPROX, BEFORE, AFTER ...

    @property
    def date(self) -> DateValue | None:
        return DateValue.try_parse(self.value) if self.type in ("DATE", "TIME") else None


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention, typed with an OntoNotes label and linked to a canonical name."""

    start_char: int
    end_char: int
    text: str
    type: str
    entity: str
    stage: str
    role: str | None = None  # a title seen with the mention: "Kremlin spokesperson"
    kind: str = "name"  # "name", or "role" for a title standing for a person ("the Kremlin spokesperson")


@dataclass(frozen=True, slots=True)
class Quote:
    start_char: int
    end_char: int
    text: str
    kind: str  # direct, indirect, partial, mixed
    speaker: str | None
    speaker_text: str | None
    cue: str | None
    stage: str
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    # when a pronoun's speaker stays unresolved: (canonical name, confidence) nearest first
    speaker_candidates: tuple[tuple[str, float], ...] = ()
    # "named" (a person or organisation the article names), "described" (the speaker is the article's
    # description of an unnamed source: "police spokesman"), or None when there is no speaker
    speaker_kind: str | None = None


def named_speakers(quotes):
    """The quotes as stages that need an actor read them: a described speaker ("police spokesman",
    ``speaker_kind`` "described") is no actor, so its quote has no speaker there (positions' actors and
    claims' claimants are canonical actors or None)."""
    from dataclasses import replace

    return [replace(q, speaker=None) if q.speaker_kind == "described" else q for q in quotes]


@dataclass(frozen=True, slots=True)
class Event:
    """A sentence-level mention of something that happened or will happen."""

    start_char: int
    end_char: int
    text: str
    type: str
    date: DateValue | None  # the date of the governing time expression, or of publication (date_source)
    actors: tuple[str, ...]
    modality: str
    stage: str
    trigger: str | None = None
    place: str | None = None
    negated: bool = False
    date_explain: str | None = None
    date_source: str | None = None  # attached, sentence, antecedent, published, undated, background (docs/events.md)
    participants: tuple[str, ...] = ()  # actors tied to the trigger in the parse (subject, partner)
    headline: str | None = None  # the trigger's clause compressed to a headline (extract/events/headline.py)


@dataclass(frozen=True, slots=True)
class Claim:
    """A number the story turns on: its value and bounds, what it counts, who claims it, and when."""

    start_char: int
    end_char: int
    text: str  # the figure as written, bound words included: "over 68,000"
    value: float
    value_high: float | None  # a range's high end, or a tally's second figure ("230-197")
    bound: str  # exact, more_than, at_least, at_most, less_than, about, range, tally
    unit: str | None  # USD, percent, day, kilometre ... or None for a plain count
    counts: str | None  # what is counted: "troops killed, wounded or captured"
    counts_head: str | None  # the lemma of the counted noun, for grouping: "troop"
    claimant: str | None  # the canonical name of who claims it, or None: the article states it
    date: DateValue | None  # the date the figure refers to
    stage: str
    sentence_start: int = 0
    sentence_end: int = 0
    modality: str | None = None  # of the event the figure belongs to (happened, planned, agreed ...)
    event_type: str | None = None
    each: bool = False  # a figure per side or per party ("1,000 prisoners of war each")
    claimant_text: str | None = None


@dataclass(frozen=True, slots=True)
class Position:
    """What an actor demands, offers, accepts, refuses or insists on, as a short phrase."""

    start_char: int
    end_char: int
    text: str  # the position as a short phrase: "Ukraine abandon its NATO aspirations"
    stance: str  # demand, condition, offer, support, accept, reject, commitment, warning, denial
    actor: str  # the canonical name of who holds it
    target: str | None  # what it is about: "NATO aspirations", "ceasefire"
    target_head: str | None  # the target's head lemma, to link revisions: "ceasefire"
    cue: str  # the words that state it: "demanding that", "refused to"
    date: DateValue | None
    stage: str
    sentence_start: int = 0
    sentence_end: int = 0
    actor_text: str | None = None


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the per-article pipeline found in one article."""

    article: ArticleText
    paragraphs: tuple[Paragraph, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    timexes: tuple[Timex, ...] = ()
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    positions: tuple[Position, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    stages: tuple[tuple[str, str], ...] = ()  # (name, versioned id) of each stage that ran
    inferred_published: DateValue | None = None
    inferred_confidence: float | None = None

