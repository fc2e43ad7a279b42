"""Event mentions: golden checks on the reference corpus, unit checks on invented sentences, invariants."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chronicle.dates import DateValue
from chronicle.extract.events import EVENT_TYPES, MODALITIES, extract_events, load_lexicon
from chronicle.records import ArticleText, Sentence, Timex


@pytest.fixture(scope="module")
def nlp(pipeline):
    stage = next(s for s in pipeline.stages if s.id.startswith("chronicle.parse"))
    return stage.nlp


def _analyse(nlp, text: str, timexes=(), published="2025-03-19"):
    doc = nlp(text)
    sents = [Sentence(s.start_char, s.end_char, s.text, 0) for s in doc.sents]
    art = ArticleText(id="t", text=text, published=DateValue.parse(published))
    return list(extract_events(art, doc=doc, sentences=sents, timexes=list(timexes)))


def _v(event) -> str | None:
    """An event's date as its TIMEX3 value (the record keeps it typed)."""
    return event.date.value if event.date else None


def _timex(text: str, phrase: str, value: str) -> Timex:
    i = text.index(phrase)
    return Timex(i, i + len(phrase), phrase, "DATE", value, "test", "test")


def test_lexicon_types_and_modalities_are_the_documented_ones():
    lex = load_lexicon()
    assert set(lex.verbs.values()) | set(lex.nouns.values()) <= set(EVENT_TYPES)
    assert set(lex.cue_order) == set(MODALITIES)


def test_attached_date_wins_over_another_date_in_the_sentence(nlp):
    text = "After weeks of silence in January, the two presidents met in Geneva on Friday."
    events = _analyse(nlp, text, [_timex(text, "January", "2025-01"), _timex(text, "Friday", "2025-03-14")])
    assert [(e.type, _v(e), e.date_source) for e in events] == [("meeting", "2025-03-14", "attached")]
    assert events[0].place == "Geneva"


def test_month_level_date_keeps_its_granularity(nlp):
    text = "The army launched an incursion into the border region in August 2024."
    events = _analyse(nlp, text, [_timex(text, "August 2024", "2024-08")])
    assert events[0].type == "attack"
    assert _v(events[0]) == "2024-08"


def test_refusal_keeps_its_negation(nlp):
    text = "The minister refused to commit to a full truce."
    (event,) = _analyse(nlp, text)
    assert event.type == "rejection"
    assert event.negated is True
    assert event.trigger.startswith("refused to commit")


def test_future_plan_is_planned_and_undated_plans_take_no_publication_date(nlp):
    text = "The two leaders will hold talks next month."
    (event,) = _analyse(nlp, text)
    assert event.modality == "planned"
    assert _v(event) is None


def test_past_report_without_a_date_falls_back_to_publication(nlp):
    text = "The envoys signed an agreement on grain shipments."
    (event,) = _analyse(nlp, text)
    assert (event.type, _v(event), event.date_source) == ("agreement", "2025-03-19", "published")


def test_bounding_dates_never_date_an_event(nlp):
    text = "It was the first meeting between the two ministers since 2019."
    events = _analyse(nlp, text, [_timex(text, "2019", "2019")])
    assert all(_v(e) != "2019" for e in events)


@pytest.mark.parametrize(("name", "trigger_word", "date"), [
    ("000_e6c8131fea50d697.txt", "convened", "2025-02-18"),
    ("000_e6c8131fea50d697.txt", "conversation", "2025-03-18"),
    ("001_297b9b91cface46f.txt", "incursion", "2024-08"),
    ("002_df0c1671780ec637.txt", "conversation", "2025-05-19"),
])
def test_reference_corpus_event_dates(ukraine_analyses, name, trigger_word, date):
    events = ukraine_analyses[name].events
    assert any(e.trigger and trigger_word in e.trigger and _v(e) == date for e in events), \
        [(e.trigger, _v(e)) for e in events]


def test_reference_corpus_plan_for_tuesday_is_planned(ukraine_analyses):
    events = ukraine_analyses["000_e6c8131fea50d697.txt"].events
    call = [e for e in events if e.type == "call" and _v(e) == "2025-03-18"]
    assert call and all(e.modality == "planned" for e in call)


def test_reference_corpus_spans_index_the_text(ukraine_analyses):
    for an in ukraine_analyses.values():
        for e in an.events:
            assert an.article.text[e.start_char:e.end_char] == e.text
            assert e.type in EVENT_TYPES and e.modality in MODALITIES
            if e.date:
                assert isinstance(e.date, DateValue) and DateValue.parse(e.date.value) == e.date


_WORDS = ["The", "minister", "met", "talks", "on", "Monday", "refused", "a", "ceasefire", "in", "Kyiv", "and",
          "attack", "sanctions", "."]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=3, max_size=25), st.integers(0, 3000))
def test_events_always_index_the_text(nlp, words, shift):
    text = " ".join(words)
    published = (dt.date(2020, 1, 1) + dt.timedelta(days=shift)).isoformat()
    for e in _analyse(nlp, text, published=published):
        assert text[e.start_char:e.end_char] == e.text


def test_a_range_is_dated_by_its_first_day(nlp):
    text = "Rebel gunners shelled the harbour district from May 6 to 9, the garrison said."
    events = _analyse(nlp, text, [_timex(text, "May 6", "2025-05-06"), _timex(text, "9", "2025-05-09")])
    attack = next(e for e in events if e.type == "attack")
    assert _v(attack) == "2025-05-06"
    # "from" alone still bounds rather than dates: "from 2019" says when something began
    text = "The blockade has choked the harbour district from 2019, the garrison said."
    events = _analyse(nlp, text, [_timex(text, "2019", "2019")])
    assert all(_v(e) != "2019" for e in events)


def test_a_date_inside_what_was_said_does_not_date_the_saying(nlp):
    text = "The envoy said the ferry talks had collapsed on Monday."
    events = _analyse(nlp, text, [_timex(text, "Monday", "2025-03-17")])
    assert [(e.type, _v(e)) for e in events if _v(e) == "2025-03-17"] == [("talks", "2025-03-17")]
    text = "The envoy said the harbour had been empty on Monday."  # nothing but the saying is an event
    assert not any(_v(e) == "2025-03-17" for e in _analyse(nlp, text, [_timex(text, "Monday", "2025-03-17")]))
    # a relative clause describes the trigger itself and may date it
    text = "The call, which took place on Monday, lasted an hour."
    (call,) = [e for e in _analyse(nlp, text, [_timex(text, "Monday", "2025-03-17")]) if e.type == "call"]
    assert _v(call) == "2025-03-17"
