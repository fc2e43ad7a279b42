"""Event mentions: sentences that report something that happened or will happen.

Each event has a type from a small ontology (docs/events.md), actors (canonical entity
names), a place, the date of the time expression that governs it, a modality and the
trigger words. ``extract_events`` is pure: a parsed article in, records out.

As a pipeline stage it reads the parse and the sentences (and the time expressions and
mentions when earlier stages assigned them), so it runs after them in the chain, e.g.
``Pipeline(Settings(stages=("segment", "parse", "temporal", "entities", "events")))(article).events``:

    >>> EventStage.requires, EventStage.assigns
    (('article', 'doc', 'sentences'), ('events',))
"""
from __future__ import annotations

import dataclasses
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from typing import Any

from chronicle.extract.events.clause import STAMPS_KEY, note_clock_stamps, person_spans
from chronicle.extract.events.dating import in_record
from chronicle.extract.events.headline import PersonIndex, headline_candidate, trigger_part
from chronicle.extract.events.dating import attached_triggers, calendar_timexes, date_event
from chronicle.extract.events.anaphora import resolve_anaphora
from chronicle.extract.events.lexicon import EVENT_TYPES, MODALITIES, Lexicon, load_lexicon
from chronicle.extract.events.modality import is_background, modality_of, tense_of
from chronicle.extract.events.participants import _by_token, actors_in, mention_spans, participants_of, place_of
from chronicle.extract.events.triggers import find_triggers, main_trigger
from chronicle.records import ArticleText, Event, Mention, Sentence, Timex

STAGE_ID = "chronicle.events.v21"
_ENCOUNTERS = ("call", "meeting", "talks")

__all__ = ["EVENT_TYPES", "MODALITIES", "EventStage", "extract_events", "load_lexicon"]


def extract_events(article: ArticleText, *, doc, sentences: list[Sentence], timexes: list[Timex] = (),
                   mentions: list[Mention] = (), lexicon: Lexicon | None = None,
                   stage: str = STAGE_ID) -> Iterator[Event]:
    """Yield each sentence's events, one per happening, in text order (see :func:`_chosen`).

    ``doc`` is the spaCy parse of ``article.text``. ``timexes`` and ``mentions`` come from
    the temporal and entity stages; without mentions, the parse's own entities name the actors.
    Undated definite mentions ("the call") then take the date of the event they refer back to
    (:mod:`chronicle.extract.events.anaphora`).
    """
    lex = lexicon or load_lexicon()
    spans = mention_spans(doc, mentions)
    note_clock_stamps(doc, article.published)  # a live page's stamp run into a sentence is a seam (clause.seams)
    art = _Article(doc, spans, timexes)  # per-article lookups every sentence and event shares
    found: list[tuple[Event, object]] = []
    framed: set[int] = set()  # sentences with a time expression of their own, vague ones too
    history = False  # the previous sentence was dated long before publication
    for sent in sentences:
        if sent.is_heading:
            history = False
            continue
        span = doc.char_span(sent.start_char, sent.end_char, alignment_mode="expand")
        if span is None or len(span) < 3:
            continue
        dated = calendar_timexes(art.timexes_near(sent.start_char, sent.end_char), sent.start_char, sent.end_char,
                                 article.text)
        triggers = find_triggers(span, lex)
        if triggers and any(sent.start_char <= t.start_char and t.end_char <= sent.end_char
                            for t in art.timexes_near(sent.start_char, sent.end_char)):
            framed.add(sent.start_char)
        if triggers:
            attached = attached_triggers(doc, dated, triggers)
            events = [(_event(article, doc, sent, trig, triggers, dated, spans, lex, stage, history, art), trig)
                      for trig in _chosen(triggers, attached, lex)]
            if sent.start_char in framed:  # an event reported by a part of the sentence starts inside it
                framed.update(e.start_char for e, _ in events)
            found.extend(_bounded_by_saying(events))
        if dated:
            history = tense_of(span.root, lex) == "past" and _long_ago(dated, article.published, lex)
        else:
            history = history and _recalls(triggers)
    yield from resolve_anaphora(found, lex, article.published, frozenset(framed))


def _bounded_by_saying(events):
    """An undated event reported by a dated saying happened on or before the saying: "On Friday,
    Trump told the Post that he had spoken with Putin" bounds the call by Friday, not by publication."""
    sayings = [(e, t) for e, t in events if e.type == "statement" and e.date and e.date_source in ("attached", "sentence")]
    out = []
    for e, t in events:
        saying = next((s for s, st in sayings if st.token.is_ancestor(t.token)), None)
        if saying is not None and e.date is None and e.date_source in ("undated", "background"):
            e = dataclasses.replace(e, date_explain=f"no date in the sentence; reported by a saying dated "
                                                    f"{saying.date}, so on or before it ({saying.date_explain})")
        out.append((e, t))
    return out


def _recalls(triggers) -> bool:
    """A sentence with no date keeps a history going only when its events are past reports."""
    return any(t.token.tag_ == "VBD" for t in triggers)


def _long_ago(dated: list[Timex], published, lex: Lexicon) -> bool:
    """Whether a sentence's time expressions all lie long before publication (a history paragraph)."""
    if published is None:
        return False
    days = lex.numbers.get("background.context_days", 365)
    return all(t.date is not None and (published.start - t.date.end).days >= days for t in dated)


def _chosen(triggers, attached, lex: Lexicon):
    """One trigger per happening: the sentence's main trigger, then distinct happenings on the side.

    A side event has its own trigger and is a happening of its own: a call, meeting or talks
    with a named partner ("During Brandvold's earlier call with Zhelezov, the Kestranian leader agreed
    to ..." gives an agreement and the call), or a trigger with its own attached date. When the
    main event is a saying, what it reports is one more event: the highest trigger of the
    reported clause ("Trump told the Post that he had spoken with Putin but refused to reveal
    the number of conversations" gives the telling and the call, not also a refusal). Two
    triggers of one type are one happening.
    """
    main = main_trigger(triggers, attached)
    if main is None:
        return []
    # "An earthquake struck the city", "the strike killed 20": a verb whose subject is itself
    # an event noun tells what that happening did; the noun names it.
    subject = next((t for t in triggers if t.token.head.i == main.token.i and t.token.dep_ in ("nsubj", "nsubjpass")
                    and t.token.pos_ == "NOUN" and not t.weak and t.type != "statement"), None)
    if subject is not None and main.type != "statement":
        main = subject
    chosen, types = [main], {main.type}
    reported = main.type != "statement"  # only a saying reports another event
    for t in sorted(triggers, key=lambda t: (t.depth, t.start)):
        if t is main or t.weak or t.type in types:
            continue
        encounter = t.type in _ENCOUNTERS and _has_partner(t.token)
        if not reported and t.type != "statement" and main.token.is_ancestor(t.token) and (
                t.token.pos_ in ("VERB", "AUX") or encounter or t.token.i in attached or _announced(t.token, main.token, lex)):
            reported = True
        elif not (encounter or t.token.i in attached and _own_clause(t.token, main.token)):
            continue
        chosen.append(t)
        types.add(t.type)
    chosen.sort(key=lambda t: t.start)
    return chosen


def _announced(tok, main, lex: Lexicon) -> bool:
    """The object of a saying that brings it about: "announced an impeachment inquiry" opens
    one ("announce" is a light verb, cues.toml [scope]); "criticized the sanctions" imposes none."""
    return tok.dep_ == "dobj" and tok.head.i == main.i and main.lemma_.lower() in lex.words("scope.light_verbs")


def _own_clause(tok, main) -> bool:
    """A dated trigger that is no argument of the main trigger ("agreed to a ceasefire on Tuesday"
    is one happening; "the envoy who met them on Monday" names another)."""
    return not (tok.head.i == main.i and tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "attr", "xcomp"))


def _has_partner(tok) -> bool:
    return any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("with", "between")) for c in tok.children)


def _sorted_by_start(items, start, end) -> list[int] | None:
    """The start offsets of ``items``, when they come in order of start and none ends before it starts
    (then the items inside [a, b] are those whose start lies in [a, b]: a bisection finds them); else None."""
    starts = [start(x) for x in items]
    if all(a <= b for a, b in zip(starts, starts[1:])) and all(end(x) >= start(x) for x in items):
        return starts
    return None


class _Article:
    """What every sentence and event of one article looks up, worked out once per article (a long
    article has thousands of sentences: a scan of all its mentions or people per event was quadratic).
    Each lookup gives exactly what the scan over the whole list gave, in the same order."""

    def __init__(self, doc, spans, timexes) -> None:
        self.doc, self.spans, self.timexes = doc, spans, timexes
        self._persons = None
        self._context = None
        self._sents = None
        self._span_starts = _sorted_by_start(spans, lambda m: m[0], lambda m: m[1])
        self._timex_starts = _sorted_by_start(timexes, lambda t: t.start_char, lambda t: t.end_char)

    def persons(self) -> dict:
        """``person_spans(doc, spans)``: the same for every headline of the article."""
        if self._persons is None:
            self._persons = PersonIndex(person_spans(self.doc, self.spans))
        return self._persons

    def context(self) -> dict[int, str]:
        """``_by_token(doc, spans)``: token -> actor over the whole article, for "their"."""
        if self._context is None:
            self._context = _by_token(self.doc, self.spans)
        return self._context

    def sents(self) -> list:
        """``list(doc.sents)``."""
        if self._sents is None:
            self._sents = list(self.doc.sents)
        return self._sents

    def timexes_near(self, start: int, end: int):
        """The time expressions that may lie inside [start, end), in their order: a superset of those
        inside (the caller tests each again)."""
        if self._timex_starts is None:
            return self.timexes
        return self.timexes[bisect_left(self._timex_starts, start):bisect_right(self._timex_starts, end)]

    def spans_in(self, start: int, end: int) -> list:
        """``[m for m in spans if m[0] >= start and m[1] <= end]``."""
        spans = self.spans
        if self._span_starts is not None:
            spans = spans[bisect_left(self._span_starts, start):bisect_right(self._span_starts, end)]
        return [m for m in spans if m[0] >= start and m[1] <= end]


def _event(article, doc, sent, trig, triggers, dated, spans, lex, stage, history=False, art=None) -> Event:
    published = article.published
    tok = trig.token
    trigger_text = _trigger_text(doc, trig)
    start, end, text = _part(article, doc, sent, tok)
    # a live page's clock stamp dates the entry it opens, not the one before it ("may have been killed | 2050 ...")
    stamps = doc.user_data.get(STAMPS_KEY, ())
    dated = [t for t in dated if t.start_char not in stamps or _opens(doc, t.start_char, start, end)]
    dating = date_event(doc, tok, dated, {t.token.i for t in triggers}, published=published,
                        tense=tense_of(tok, lex), background=history or is_background(tok, lex),
                        trigger_text=trigger_text, own_date=lex.words("dating.own_date_nouns"),
                        records=lex.words("dating.record_nouns"))
    event_date = dating.value if dating else None
    modality, negated = modality_of(tok, trig.type, lex, event_date=event_date, published=published)
    if dating and dating.value is None and modality == "planned":
        dating = None  # a plan reported without a date is not dated by the report
    if dating and dating.source == "published" and modality == "planned":
        dating = None
    in_sent = (art.spans_in(sent.start_char, sent.end_char) if art is not None
               else [m for m in spans if m[0] >= sent.start_char and m[1] <= sent.end_char])
    return Event(
        start_char=start, end_char=end, text=text, type=trig.type,
        date=event_date if dating else None, actors=actors_in(doc, in_sent), modality=modality, stage=stage,
        trigger=trigger_text, place=place_of(doc, in_sent, tok), negated=negated,
        date_explain=dating.explain if dating else None, date_source=dating.source if dating else None,
        participants=participants_of(doc, in_sent, tok, lex.reporting, context=spans,
                                     context_tokens=art.context if art is not None else None,
                                     sentences=art.sents if art is not None else None),
        # a record's clause ("released a memo of the call") tells the record's making, not the happening
        headline=None if in_record(tok, lex.words("dating.record_nouns")) else headline_candidate(
            tok, mentions=spans, reporting=lex.reporting, persons=art.persons() if art is not None else None),
    )


def _opens(doc, stamp: int, start: int, end: int) -> bool:
    """Whether the clock stamp at offset ``stamp`` opens (or stands in) the report ``[start, end)``."""
    return start <= stamp < end or (stamp < start and not doc.text[stamp:start].split()[1:])


def _part(article, doc, sent, tok) -> tuple[int, int, str]:
    """The event's sentence as its report: the sentence, or only the part of it that holds the
    trigger when a page title, caption or stamp ran into it with no full stop ("Dr Murray denies any
    wrongdoing On 8 February, 2010, Dr Murray appeared in court ..." is reported from "On"): the
    title is another line of the page, and a summary or a source citing it would quote both."""
    span = doc.char_span(sent.start_char, sent.end_char, alignment_mode="expand")
    if span is None or not span.start <= tok.i < span.end:
        return sent.start_char, sent.end_char, sent.text
    lo, hi = trigger_part(span, tok)
    # Only what ran in before the trigger's part goes: the title of "Dr Murray denies any wrongdoing
    # On 8 February, 2010, Dr Murray appeared in court ..." is reported with the lead it opens, which
    # tells the happening whole (alone it says less, and the date is the lead's). A live page's clock
    # stamp after it opens the page's next entry, another report: "... may have been killed | 2050
    # Haiti's President, Rene Preval, tells CNN ..." ends before the stamp.
    stamps = doc.user_data.get(STAMPS_KEY, ())
    start = doc[lo].idx if lo > span.start else sent.start_char
    end = sent.end_char
    if hi < span.end and doc[hi].idx in stamps:
        end = doc[hi - 1].idx + len(doc[hi - 1].text)
    if doc[lo].idx in stamps and lo + 1 < hi and lo + 1 <= tok.i:  # "2021 President Rene Preval says": not the year 2021
        start = doc[lo + 1].idx
    if (start, end) == (sent.start_char, sent.end_char) or end <= start:
        return sent.start_char, sent.end_char, sent.text
    return start, end, article.text[start:end]


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
