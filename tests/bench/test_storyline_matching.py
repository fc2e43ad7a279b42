"""bench/storyline's matching of timeline entries to real events, on small entries written by hand."""
from __future__ import annotations

import pytest

from bench.storyline.matching import (
    Event,
    assign,
    cues_match,
    dates_compatible,
    duplicates,
    load_events,
    normalize,
    published_day_reports,
)


def _event(id="call", dates=("2025-03-18",), articles=("001",), groups=(("call", "conversation"),), **kw) -> Event:
    return Event(id=id, dates=tuple(dates), articles=tuple(articles), groups=tuple(groups), **kw)


def _entry(date, summary, *, section=None, granularity="day", sources=None):
    return {"date": date, "summary": summary, "section": section, "granularity": granularity,
            "sources": sources or []}


def test_normalize_straightens_quotes_and_case():
    assert normalize("Trump\u2019s  CALL \u2014 “fine”") == "trump's call - \"fine\""


def test_cues_need_every_group_the_article_and_no_exclusion():
    ev = _event(groups=(("call",), ("putin", "kremlin")), none=("zelensky",))
    assert cues_match(ev, "trump's call with putin", "001")
    assert not cues_match(ev, "trump's call with putin", "002")  # another article
    assert not cues_match(ev, "trump's call", "001")  # one group missing
    assert not cues_match(ev, "trump's call with putin and zelensky", "001")  # excluded
    assert not cues_match(ev, "a recall of putin", "001")  # phrases match from a word start


@pytest.mark.parametrize("entry, event, expected", [
    ("2025-03-18", ("2025-03-18",), True),
    ("2025-03-17", ("2025-03-18",), False),
    ("2025-03-11", ("2025-W11",), True),  # a day inside the event's week
    ("2025-03-17", ("2025-W11",), False),  # the next Monday
    ("2025-02", ("2025-02-28",), True),  # a month holding the day
    ("2025", ("2025-02-28",), False),  # a year is too coarse for a day
    ("2022", ("2022-02",), True),  # ... but not for a month ("In 2022, Putin deployed troops")
    ("2025-03-19", ("2025-03-18", "2025-03-19"), True),  # either of two acceptable values
    ("2025-05-19", ("undated",), False),
    (None, ("2025-03-18",), False),
])
def test_dates_compatible(entry, event, expected):
    assert dates_compatible(entry, event) is expected


def test_a_plan_is_right_only_as_coarse_as_the_plan():
    assert not dates_compatible("2025-05-19", ("2025-W21",), planned=True)
    assert dates_compatible("2025-W21", ("2025-W21",), planned=True)
    assert dates_compatible("2025-05-19", ("2025-W21",))  # a story event: the day is inside the week


def test_assign_prefers_a_right_event_then_a_specific_one():
    call = _event("putin-call", ("2025-03-18",), ("003",), (("call", "discussion"),), generic=True)
    zcall = _event("zelensky-call", ("2025-03-19",), ("003",), (("conversation", "call"),), generic=True)
    pledge = _event("pledge", ("2025-03-18",), ("003",), (("energy",),))
    text = "the conversation came a day after trump's discussion with putin"
    assert assign(_entry("2025-03-19", text), [call, zcall, pledge], "003").event.id == "zelensky-call"
    assert assign(_entry("2025-03-18", text), [call, zcall, pledge], "003").event.id == "putin-call"
    m = assign(_entry("2025-03-19", "during the call putin promised not to hit energy sites"), [call, pledge], "003")
    assert (m.event.id, m.right) == ("pledge", False)  # wrong date: the specific event, counted wrong


def test_undated_section_is_right_only_for_an_event_with_no_stated_date():
    undated = _event("bessent", ("undated",), ("002",), (("bessent",),))
    unstated = _event("crimea", ("2014",), ("004",), (("crimea",),), stated=False, kind="background")
    dated = _event("call", ("2025-05-19",), ("002",), (("call",),))
    assert assign(_entry(None, "Bessent said", section="undated"), [undated], "002").right
    assert assign(_entry(None, "Russia seized Crimea", section="undated"), [unstated], "004").right
    assert not assign(_entry(None, "the call", section="undated"), [dated], "002").right
    assert not assign(_entry("2025-05-19", "Bessent said"), [undated], "002").right
    assert assign(_entry(None, "Russia seized Crimea", section="background"), [unstated], "004").right
    assert assign(_entry("2014", "Russia seized Crimea", section="background"), [unstated], "004").right
    assert not assign(_entry("2025-02-09", "Russia seized Crimea", section="background"), [unstated], "004").right


def test_no_event_is_a_wrong_entry():
    m = assign(_entry("2025-03-17", "Initially, Zelensky resisted this pivot."), [_event()], "001")
    assert m.event is None and not m.right


def test_duplicates_count_entries_beyond_the_first_per_event():
    ev_a, ev_b = _event("a"), _event("b")
    matches = [assign(_entry("2025-03-18", "the call"), [ev_a], "001"),
               assign(_entry("2025-03-19", "the call"), [ev_a], "001"),  # wrong date still duplicates
               assign(_entry("2025-03-18", "the call"), [ev_a], "001"),
               assign(_entry("2025-03-18", "the conversation"), [ev_b], "001"),
               assign(_entry("2025-03-18", "nothing"), [ev_b], "001")]
    assert duplicates(matches) == 2


def test_published_day_reports():
    pub = {"published": "2025-05-19T00:00:00+00:00", "date_source": "published"}
    dated = {"published": "2025-05-19", "date_source": "attached"}
    entries = [
        _entry("2025-05-19", "Bessent criticized", sources=[pub]),  # counted
        _entry("2025-05-19", "the call on Monday", sources=[pub, dated]),  # one source has a time expression
        _entry("2025-05-18", "late Sunday", sources=[pub]),  # not the publication day
        _entry("2025-05", "in May", granularity="month", sources=[pub]),  # not a day
        _entry("2025-05-19", "Bessent criticized", section="undated", sources=[pub]),  # honest section
    ]
    assert [e["summary"] for e in published_day_reports(entries)] == ["Bessent criticized"]


def test_load_events_rejects_a_bad_date_and_repeated_ids(tmp_path):
    good = 'id = "a"\ndate = "2025-03-18"\narticles = ["001"]\nall = [["call"]]\n'
    path = tmp_path / "events.toml"
    path.write_text("[[event]]\n" + good)
    assert load_events(path)[0].dates == ("2025-03-18",)
    path.write_text("[[event]]\n" + good.replace("2025-03-18", "2025-13-40"))
    with pytest.raises(ValueError):
        load_events(path)
    path.write_text("[[event]]\n" + good + "[[event]]\n" + good)
    with pytest.raises(ValueError):
        load_events(path)
