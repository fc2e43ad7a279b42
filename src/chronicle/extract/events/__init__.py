"""Event mentions: sentences that report something that happened or will happen.

Each event has a type from a small ontology (docs/events.md), actors (canonical entity
names), a place, the date of the time expression that governs it, a modality and the
trigger words. ``extract_events`` is pure: a parsed article in, records out.

    >>> stage = EventStage()
    >>> stage({"article": article, "doc": doc, "sentences": sentences})["events"]
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from chronicle.dates import DateValue
from chronicle.extract.events.headline import headline_candidate
from chronicle.extract.events.dating import attached_triggers, calendar_timexes, date_event
from chronicle.extract.events.lexicon import EVENT_TYPES, MODALITIES, Lexicon, load_lexicon
from chronicle.extract.events.modality import is_past_report, modality_of
from chronicle.extract.events.participants import actors_in, mention_spans, participants_of, place_of
from chronicle.extract.events.triggers import find_triggers, main_trigger
from chronicle.records import ArticleText, Event, Mention, Sentence, Timex

STAGE_ID = "chronicle.events.v2"
_ENCOUNTERS = ("call", "meeting", "talks")

__all__ = ["EVENT_TYPES", "MODALITIES", "EventStage", "extract_events", "load_lexicon"]


def extract_events(article: ArticleText, *, doc, sentences: list[Sentence], timexes: list[Timex] = (),
                   mentions: list[Mention] = (), lexicon: Lexicon | None = None,
                   stage: str = STAGE_ID) -> Iterator[Event]:
    """Yield each sentence's main event, and any call/meeting/talks it mentions on the side, in text order.

    ``doc`` is the spaCy parse of ``article.text``. ``timexes`` and ``mentions`` come from
    the temporal and entity stages; without mentions, the parse's own entities name the actors.
    """
    lex = lexicon or load_lexicon()
    spans = mention_spans(doc, mentions)
    for sent in sentences:
        if sent.is_heading:
            continue
        span = doc.char_span(sent.start_char, sent.end_char, alignment_mode="expand")
        if span is None or len(span) < 3:
            continue
        triggers = find_triggers(span, lex)
        if not triggers:
            continue
        dated = calendar_timexes(timexes, sent.start_char, sent.end_char, article.text)
        attached = attached_triggers(doc, dated, triggers)
        for trig in _chosen(triggers, attached):
            yield _event(article, doc, sent, trig, triggers, dated, spans, lex, stage)


def _chosen(triggers, attached):
    """The sentence's main trigger, then the events it mentions on the side.

    "During Brandvold's earlier call with Zhelezov, the Kestranian leader agreed to ..." reports an
    agreement and, on the side, the call: both are events of the story. When the main
    event is a statement ("the ministry said on Wednesday that 120 prisoners had been
    exchanged"), the events it reports are events too.
    """
    main = main_trigger(triggers, attached)
    if main is None:
        return []
    chosen, types = [main], {main.type}
    for t in triggers:
        if t.weak or t.type in types:
            continue
        reported = main.type == "statement" and t.type != "statement" and main.token.is_ancestor(t.token)
        if reported or (t.type in _ENCOUNTERS and _has_partner(t.token)):
            chosen.append(t)
            types.add(t.type)
    return chosen


def _has_partner(tok) -> bool:
    return any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("with", "between")) for c in tok.children)


def _event(article, doc, sent, trig, triggers, dated, spans, lex, stage) -> Event:
    published = article.published
    tok = trig.token
    trigger_text = _trigger_text(doc, trig)
    dating = date_event(doc, tok, dated, {t.token.i for t in triggers}, published=published,
                        past=is_past_report(tok, lex), trigger_text=trigger_text)
    event_date = DateValue.try_parse(dating.value) if dating else None
    modality, negated = modality_of(tok, trig.type, lex, event_date=event_date, published=published)
    if dating and dating.source == "published" and modality == "planned":
        dating = None  # a plan reported without a date is not dated by the report
    in_sent = [m for m in spans if m[0] >= sent.start_char and m[1] <= sent.end_char]
    return Event(
        start_char=sent.start_char, end_char=sent.end_char, text=sent.text, type=trig.type,
        date=dating.value if dating else None, actors=actors_in(doc, in_sent), modality=modality, stage=stage,
        trigger=trigger_text, place=place_of(doc, in_sent, tok), negated=negated,
        date_explain=dating.explain if dating else None, date_source=dating.source if dating else None,
        participants=participants_of(doc, in_sent, tok, lex.reporting),
        headline=headline_candidate(tok, mentions=spans, reporting=lex.reporting),
    )


def _trigger_text(doc, trigger) -> str:
    """The trigger words, widened to a governed complement ("refused to commit")."""
    start, end = trigger.start, trigger.end
    for child in trigger.token.children:
        if child.dep_ == "xcomp" and child.i > trigger.token.i:
            end = max(end, child.i + 1)
    return doc[start:end].text


class EventStage:
    """Pipeline stage: assigns ``events``; reads ``timexes`` and ``mentions`` when present."""

    id = STAGE_ID
    requires = ("article", "doc", "sentences")
    assigns = ("events",)

    def __init__(self, settings: Any = None) -> None:
        self.lexicon = load_lexicon()

    def __call__(self, state: dict[str, Any]) -> dict[str, Any]:
        events = extract_events(
            state["article"], doc=state["doc"], sentences=state["sentences"],
            timexes=state.get("timexes") or (), mentions=state.get("mentions") or (), lexicon=self.lexicon,
        )
        return {"events": list(events)}
