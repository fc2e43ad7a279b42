"""The typed records the views return, one TypedDict per CONTRACT shape; the web's OpenAPI
document is generated from these same definitions (chronicle.web.openapi), so it cannot drift.

A field's description rides in ``Annotated[type, "what it is"]``; a field a row may lack is
``NotRequired``. TypedDicts are plain dicts at run time: the views build dicts, as before.

    >>> sorted(TimelineSource.__required_keys__)[:3]
    ['article', 'end', 'outlet']
"""
from typing import Annotated, Literal, NotRequired, TypedDict

DATE = "a TIMEX3 date value: 2025-03-18, 2025-W12, 2025-03, 2025"
Date = Annotated[str, DATE]
Granularity = Literal["day", "week", "month", "year"]
Section = Literal["story", "background", "upcoming", "undated"]


class Article(TypedDict):
    """``chronicle articles --json``"""

    id: str
    title: str | None
    published: Annotated[str | None, "publication day, YYYY-MM-DD"]
    published_source: Annotated[Literal["manifest", "metadata", "option", "inferred", "unknown"],
                                "where the date came from"]
    outlet: str | None
    url: Annotated[str | None, "the original article"]
    words: int
    duplicate_of: Annotated[str | None, "the id of the article this one is a syndicated copy of"]
    wire: NotRequired[Annotated[str | None, "the wire credit seen (AP, Reuters, ...)"]]
    off_topic: NotRequired[bool]
    stripped: NotRequired[Annotated[int, "boilerplate characters left out of the text"]]
    fetched_at: NotRequired[Annotated[str | None,
                                      "when the page was fetched over HTTP (UTC, ISO 8601); null for files"]]


class SearchHit(TypedDict):
    """``chronicle search QUERY --json``"""

    id: str
    title: str | None
    published: str | None
    outlet: str | None
    duplicate_of: str | None
    snippet: Annotated[str, "hits wrapped in [ ]"]
    rank: float


class TimelineSource(TypedDict):
    """One article that reports a timeline entry, and the sentence that does."""

    article: str
    outlet: str | None
    published: str | None
    start: Annotated[int, "character offset of the sentence in the article"]
    end: int
    sentence: str
    date: NotRequired[Annotated[str | None, "the date this source gives"]]
    date_source: NotRequired[Annotated[str | None, "how this source's date was found (attached, lead, ...)"]]
    duplicate_of: NotRequired[str | None]
    explain: NotRequired[str | None]


class DateReport(TypedDict):
    article: str
    outlet: str | None
    published: str | None
    date_source: str | None


class DateGiven(TypedDict):
    """One of the dates the sources gave an entry, and who gave it."""

    date: Date
    sources: list[str]
    reports: NotRequired[list[DateReport]]


class Span(TypedDict):
    article: str
    start: int
    end: int


class TimelineEntry(TypedDict):
    """``chronicle timeline --json``: one merged event."""

    id: str
    date: Annotated[str | None, DATE]
    granularity: Granularity | None
    on_or_before: NotRequired[Annotated[str | None, "an undated report: the day it was reported by"]]
    section: Section
    headline: NotRequired[Annotated[str | None, "one short line that says what happened"]]
    type: str
    summary: Annotated[str, "a sentence quoted from a source"]
    actors: list[str]
    modality: str
    sources: list[TimelineSource]
    source_count: int
    independent_sources: Annotated[int, "sources left after syndicated copies are collapsed"]
    date_explain: NotRequired[Annotated[str | None, "why this date: the phrase, anchor and rule"]]
    date_conflict: NotRequired[bool]
    dates: NotRequired[list[DateGiven]]
    negated: NotRequired[bool]
    place: NotRequired[str | None]
    importance: NotRequired[float]
    summary_source: NotRequired[Span]
    detail: NotRequired[Annotated[str | None, "a second quoted sentence: what the summary does not say"]]
    detail_source: NotRequired[Span | None]


class FirstSeen(TypedDict):
    article: str
    published: str | None


class Quote(TypedDict):
    """``chronicle quotes --json``"""

    speaker: Annotated[str | None, "the canonical name of who said it"]
    speaker_text: str | None
    text: str
    kind: Literal["direct", "indirect", "partial", "mixed"]
    cue: str | None
    article: str
    published: str | None
    start: int
    end: int
    speaker_kind: NotRequired[Annotated[Literal["named", "described"] | None,
                                        "named, or described: an unnamed source as the article describes it"]]
    outlet: NotRequired[str | None]
    quotation: NotRequired[Annotated[int | None, "the merged quotation across outlets"]]
    carried_by: NotRequired[Annotated[list[str], "every article carrying the quotation"]]
    first_seen: NotRequired[FirstSeen]


class Role(TypedDict):
    role: str
    first: NotRequired[str | None]
    last: NotRequired[str | None]
    articles: NotRequired[int]


class Entity(TypedDict):
    """``chronicle entities --json``"""

    name: str
    type: Annotated[str, "PERSON, ORG, GPE, ..."]
    aliases: list[str]
    mentions: int
    articles: int
    roles: list[str | Role]


class Claim(TypedDict):
    """``chronicle claims --json``: a number a story turns on."""

    id: str
    value: Annotated[int | float, "the number (a range's low end)"]
    unit: str | None
    counts: Annotated[str | None, "what is counted"]
    text: Annotated[str, "the words as written (over 68,000)"]
    claimant: Annotated[str | None, "the canonical actor who makes the claim, or null when the article states it"]
    date: Annotated[str | None, DATE]
    article: str
    outlet: str | None
    published: str | None
    start: int
    end: int
    sentence: str
    group: Annotated[str, "claims measuring the same thing share a group"]
    disputed: Annotated[bool, "the group's sources give values that do not agree"]
    value_high: NotRequired[int | float | None]
    bound: NotRequired[Literal["exact", "more_than", "at_least", "at_most", "less_than", "about", "range", "tally"]
                       | None]
    each: NotRequired[bool]
    claimant_text: NotRequired[str | None]
    modality: NotRequired[str | None]
    sentence_start: NotRequired[int]


Stance = Literal["demand", "condition", "offer", "support", "accept", "reject", "commitment", "warning", "denial"]


class Position(TypedDict):
    """``chronicle positions --json``: what an actor wants, offers, accepts or refuses."""

    id: str
    actor: str
    stance: Stance
    text: Annotated[str, "the position as a short phrase"]
    target: str | None
    date: Annotated[str | None, DATE]
    article: str
    outlet: str | None
    published: str | None
    start: int
    end: int
    sentence: str
    revises: Annotated[str | None, "the id of the same actor's earlier position this one changes"]
    cue: NotRequired[str | None]
    actor_text: NotRequired[str | None]
    sentence_start: NotRequired[int]


class Story(TypedDict):
    """``chronicle stories --json``"""

    id: Annotated[str, "the id of the story's first article; a prefix naming one story also names it"]
    label: Annotated[str, "a few salient names and words of the story"]
    articles: Annotated[int, "its articles, syndicated copies included"]
    first_published: Annotated[str | None, "the first day of its articles"]
    last_published: Annotated[str | None, "the last day of its articles"]
    outlets: Annotated[list[str], "its outlets, most articles first"]
    actors: Annotated[list[str], "its most named people, organisations and places (empty before analysis)"]


class ChangedEntry(TimelineEntry):
    new_sources: NotRequired[Annotated[list[str], "articles published after `since` that report it"]]
    gained_sources: NotRequired[int]
    date_changed: NotRequired[bool]
    previous_dates: NotRequired[list[str]]


class NewActor(TypedDict):
    name: str
    type: str
    mentions: int
    articles: int


class DigestLine(TypedDict):
    kind: Literal["event", "sources", "date_change", "position", "claim", "quote", "actor"]
    rank: int
    headline: str
    date: str | None
    refs: list[str]
    weight: NotRequired[Annotated[float, "the line's weight in the ranking (data/digest/digest.toml)"]]
    tier: NotRequired[Literal["story", "background"]]


class PreviousStance(TypedDict):
    """The earlier position a revised one moves from."""

    id: str
    stance: Stance
    text: str
    date: Annotated[str | None, DATE]
    article: str


class ChangedPosition(Position):
    """A position taken in the new articles: ``new``, or ``revised`` with the stance it revises."""

    change: Literal["new", "revised"]
    previous: NotRequired[PreviousStance | None]


class ChangeReport(TypedDict):
    """``chronicle changes --since DATE --json``: what the articles published after ``since`` added."""

    since: Date
    articles: list[str]
    new_events: list[ChangedEntry]
    updated_events: list[ChangedEntry]
    new_quotes: list[Quote]
    new_actors: list[NewActor]
    digest: NotRequired[list[DigestLine]]
    new_claims: NotRequired[list[Claim]]
    changed_positions: NotRequired[list[ChangedPosition]]


class IngestInput(TypedDict):
    text: str
    title: NotRequired[str]
    published: NotRequired[Date]
    outlet: NotRequired[str]
    url: NotRequired[str]
    id: NotRequired[str]


class IngestFailure(TypedDict):
    path: str
    reason: str
    code: str


class IngestResult(TypedDict):
    """``chronicle ingest --json``"""

    added: int
    unchanged: int
    duplicates: int
    analyzed: int
    failed: list[IngestFailure]


class ErrorDetail(TypedDict):
    code: Annotated[str, "a code documented in docs/diagnostics.md"]
    message: str


class Error(TypedDict):
    error: ErrorDetail
