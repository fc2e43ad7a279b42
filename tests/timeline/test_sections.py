"""Sections of the storyline: undated reports, background before the story's window, upcoming plans."""
from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from chronicle.timeline.events import EventMention, merge_events
from chronicle.timeline.sections import assign_sections, story_window


def _m(i, article, date, *, source="attached", published="2025-03-19", etype="call",
       actors=("Ann Lee", "Bo Park"), text="leaders spoke by phone about the truce", sentence_no=None,
       modality="happened"):
    return EventMention(article_id=article, idx=i, start_char=0, end_char=len(text), text=text, type=etype,
                        date=date, date_source=source, date_explain=None, actors=tuple(actors),
                        modality=modality, published=published, root=article, participants=tuple(actors),
                        sentence_no=sentence_no)


def _sections(mentions, published, sources=None):
    entries = merge_events(mentions)
    assign_sections(entries, [dt.date.fromisoformat(d) for d in published], sources=sources or len(published))
    return entries


def test_strings_are_parsed_once_into_date_values():
    m = _m(0, "a", "2025-03-18", published="2025-03-19")
    assert m.date.start == dt.date(2025, 3, 18) and m.published.value == "2025-03-19"


def test_a_report_dated_only_by_its_article_is_undated_not_on_the_publication_day():
    (entry,) = _sections([_m(0, "a", "2025-03-19", source="published", etype="attack",
                             text="Russia seized Crimea after his removal")], ["2025-03-19"])
    assert entry.section == "undated" and entry.undated
    assert "on or before 2025-03-19" in entry.date_explain


def test_an_undated_happening_in_the_lead_is_the_news_of_its_publication_day():
    lead = _m(0, "a", None, source="undated", etype="attack", sentence_no=0, text="Rebels shelled the airport")
    (entry,) = _sections([lead], ["2025-03-19"])
    assert entry.section == "story" and entry.date.value == "2025-03-19"
    assert "lead" in entry.date_explain
    # Deeper in the article, or only planned, or what someone said: no peg, still undated.
    for other in (dict(sentence_no=5), dict(sentence_no=0, modality="planned"),
                  dict(sentence_no=0, etype="statement")):
        args = {"etype": "attack", "text": "Rebels shelled the airport", **other}
        (entry,) = _sections([_m(0, "a", None, source="undated", **args)], ["2025-03-19"])
        assert entry.section == "undated", other


def test_a_lead_reporting_yesterdays_dated_event_joins_it_and_keeps_its_date():
    entries = _sections([_m(0, "a", "2025-03-18", published="2025-03-18"),
                         _m(1, "b", None, source="undated", sentence_no=0, published="2025-03-19")],
                        ["2025-03-18", "2025-03-19"])
    (entry,) = entries
    assert entry.section == "story" and entry.date.value == "2025-03-18" and entry.source_count == 2


def test_a_lead_is_not_dated_when_another_report_bounds_the_event_earlier():
    early = _m(0, "a", None, source="undated", published="2025-03-10", etype="attack",
               text="Rebels shelled the airport in the north")
    lead = _m(1, "b", None, source="undated", sentence_no=0, published="2025-03-19", etype="attack",
              text="Rebels shelled the airport in the north")
    (entry,) = _sections([early, lead], ["2025-03-10", "2025-03-19"])
    assert entry.section == "undated"


def test_an_undated_report_that_joins_a_dated_entry_takes_its_date():
    entries = _sections([_m(0, "a", "2025-03-18"), _m(1, "b", "2025-03-19", source="published")],
                        ["2025-03-18", "2025-03-19"])
    (entry,) = entries
    assert entry.section == "story" and entry.date.value == "2025-03-18" and entry.source_count == 2


def test_history_before_the_window_is_background_and_plans_after_the_newest_article_upcoming():
    entries = _sections([_m(0, "a", "2016", etype="election", text="the 2016 election"),
                         _m(1, "a", "2025-03-18"),
                         _m(2, "b", "2025-06-01", etype="meeting", text="a summit is planned in June")],
                        ["2025-03-18", "2025-03-20"])
    assert {e.date.value: e.section for e in entries} == {"2016": "background", "2025-03-18": "story",
                                                          "2025-06-01": "upcoming"}


def test_a_month_mostly_before_the_window_is_background():
    # The story's first articles are of 9 February: its window opens 14 days before (storyline.toml).
    pub = ["2025-02-09", "2025-02-20"]
    entries = _sections([_m(0, "a", "2025-01", etype="appointment", text="after taking office in January"),
                         _m(1, "a", "2025-02", etype="meeting", text="a February meeting at the palace"),
                         _m(2, "b", "2025-01-28", etype="attack", text="the strike of 28 January")], pub)
    assert {e.date.value: e.section for e in entries} == {"2025-01": "background", "2025-02": "story",
                                                          "2025-01-28": "story"}


def test_an_event_many_sources_retell_extends_the_window_back():
    # The July call of a story published from September: retold by 3 of 4 sources.
    july = [_m(i, f"a{i}", "2019-07-25", published="2019-09-30") for i in range(3)]
    pub = ["2019-09-24", "2019-09-30", "2019-10-02", "2019-10-05"]
    entries = _sections(july, pub)
    assert [e.section for e in entries] == ["story"]
    single = _sections(july[:1], pub)
    assert [e.section for e in single] == ["background"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 4), st.integers(1, 28), st.booleans()), min_size=1, max_size=12),
       st.randoms(use_true_random=False))
def test_sections_ignore_input_order_and_undated_entries_are_exactly_the_soft_ones(rows, rnd):
    ms = [_m(i, f"a{art}", f"2025-03-{day:02d}", source="published" if soft else "attached",
             published=f"2025-03-{day:02d}") for i, (art, day, soft) in enumerate(rows)]
    pub = sorted({m.published.value for m in ms})
    shuffled = list(ms)
    rnd.shuffle(shuffled)
    a = {(e.id, e.section) for e in _sections(ms, pub)}
    b = {(e.id, e.section) for e in _sections(shuffled, pub)}
    assert a == b
    for e in _sections(ms, pub):
        assert (e.section == "undated") == all(m.date_source == "published" for m in e.sources)


def test_no_window_without_publication_days():
    assert story_window([], [], sources=0) is None


def test_a_lead_makes_a_week_precise_when_its_day_lies_inside_it():
    recap = _m(0, "a", "2025-W12", published="2025-03-25", text="Ann Lee was found guilty last week by the jury")
    lead = _m(1, "b", None, source="undated", sentence_no=0, published="2025-03-18",
              text="Ann Lee was found guilty by the jury")
    (entry,) = _sections([recap, lead], ["2025-03-18", "2025-03-25"])
    assert entry.date.value == "2025-03-18" and "lead" in entry.date_explain
    # A lead published outside the week does not move it.
    late = _m(1, "b", None, source="undated", sentence_no=0, published="2025-03-26",
              text="Ann Lee was found guilty by the jury")
    entries = _sections([recap, late], ["2025-03-25", "2025-03-26"])
    assert any(e.date.value == "2025-W12" for e in entries)
