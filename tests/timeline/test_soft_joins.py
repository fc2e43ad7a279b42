"""What an undated report may join, and what never makes an entry (chronicle.timeline.events):
an undated line joins a dated entry only when it tells the same thing in words, not when it merely
names the same protagonist; a sentence one outlet prints on page after page for days is furniture."""
from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from chronicle.timeline.events import EventMention, merge_events


def _m(article, idx, text, etype, *, date=None, pub="2011-02-11", actors=("Hosni Mubarak",), outlet=None,
       source=None):
    return EventMention(article_id=article, idx=idx, start_char=idx * 200, end_char=idx * 200 + len(text),
                        text=text, type=etype, date=date,
                        date_source=source or ("attached" if date else "undated"), date_explain=None,
                        actors=tuple(actors), participants=tuple(actors), modality="happened",
                        published=pub, outlet=outlet, sentence_no=idx + 5)


DATED = _m("a1", 0, "Ten days ago, Mubarak's proposals might have worked.", "proposal", date="2011-02-01")
CALLS = [_m(f"b{i}", 1, text, "proposal", pub=f"2011-02-{4 + i:02d}") for i, text in enumerate((
    "Egyptians in Prague called for the immediate resignation of Mubarak outside their embassy.",
    "The newly formed opposition group is calling for the right to demonstrate peacefully.",
    "They also called for the resignation of the president and his cabinet.",
))]


def _entry_of(entries, article):
    return next(e for e in entries if any(m.article_id == article for m in e.sources))


def test_an_undated_line_naming_only_the_protagonist_does_not_join_a_dated_entry():
    entries = merge_events([DATED, *CALLS])
    dated = _entry_of(entries, "a1")
    assert {m.article_id for m in dated.sources} == {"a1"}
    assert dated.independent_sources == 1


def test_an_undated_line_that_tells_the_event_in_its_words_still_joins():
    retold = _m("c1", 2, "Mubarak's proposals of that day might have worked, analysts said.", "proposal",
                pub="2011-02-11")
    entries = merge_events([DATED, retold])
    assert len(entries) == 1 and _entry_of(entries, "a1").independent_sources == 2


SIDEBAR = "2 men charged in death of Chicago teen who performed in inauguration event."


def _sidebar_pages(days: int) -> list[EventMention]:
    out = []
    for d in range(days):
        pub = f"2011-01-{26 + d:02d}"
        out.append(_m(f"p{d}", 0, SIDEBAR, "indictment", date=pub, pub=pub, actors=(), outlet="cnn", source="lead"))
        out.append(_m(f"p{d}", 1, f"Protesters filled Tahrir Square for the {d + 2}nd day, police said.", "protest",
                      date=pub, pub=pub, actors=(), outlet="cnn"))
    return out


def test_a_line_an_outlet_prints_on_three_days_is_left_out():
    entries = merge_events(_sidebar_pages(3))
    assert not any(SIDEBAR in e.summary.text or any(m.text == SIDEBAR for m in e.sources) for e in entries)
    assert sum(1 for e in entries if e.type == "protest") >= 1  # the pages' own news stays


def test_a_line_reprinted_on_two_days_stays_as_one_piece_of_copy():
    entries = merge_events(_sidebar_pages(2))
    held = [e for e in entries if any(m.text == SIDEBAR for m in e.sources)]
    assert held and all(e.independent_sources == 1 for e in held)


@settings(max_examples=30)
@given(st.integers(min_value=3, max_value=8), st.sampled_from(["cnn", "bbc"]))
def test_sidebar_lines_never_reach_the_timeline(days, outlet):
    pages = [dataclasses.replace(m, outlet=outlet) for m in _sidebar_pages(days)]
    entries = merge_events(pages)
    assert all(m.text != SIDEBAR for e in entries for m in e.sources)


def test_an_undated_statement_about_its_sentences_dated_happening_rides_with_it():
    # said in May of a February meeting: the statement retells the meeting, it is no entry of its own
    # (nor one dated by the meeting it names)
    text = "Brink cited a February Oval Office meeting where Trump and his team criticized Zelenskyy."
    meeting = dataclasses.replace(_m("r", 3, text, "meeting", date="2025-02", pub="2025-05-19",
                                     actors=("Bridget Brink", "Donald Trump")), trigger="meeting", participants=())
    cited = dataclasses.replace(meeting, idx=2, type="statement", date=None, date_source="undated", trigger="cited")
    day = _m("w", 0, "At a tense meeting at the White House on February 28, Zelensky opposed Trump's mediation.",
             "meeting", date="2025-02-28", pub="2025-03-01", actors=("White House", "Donald Trump"))
    day = dataclasses.replace(day, participants=())
    entries = merge_events([meeting, cited, day])
    assert [(e.date.value, e.type) for e in entries] == [("2025-02-28", "meeting")]
    # a statement with a date of its own stays one
    told = dataclasses.replace(cited, date="2025-05-18", date_source="attached")
    assert sorted(e.type for e in merge_events([meeting, told, day])) == ["meeting", "statement"]
