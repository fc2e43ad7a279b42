"""An event is reported by the part of its sentence that holds it when a page title, caption or
stamp ran into the sentence with no full stop (events v20; extract/events/__init__._part)."""
from __future__ import annotations

import datetime as dt

import pytest

from chronicle.dates import DateValue
from chronicle.records import ArticleText

GLUED = ("Quake survivors sleep on streets Thousands of people in the city have spent a second night sleeping "
         "in the open after a huge earthquake there.\n\nRescue teams from six countries arrived on Thursday.\n")


def _article(text: str) -> ArticleText:
    return ArticleText(id="parts", text=text, title="Quake", published=DateValue.of_day(dt.date(2010, 1, 14)))


def test_a_title_run_into_a_sentence_is_not_part_of_its_report(pipeline):
    analysis = pipeline(_article(GLUED))
    quake = [e for e in analysis.events if e.type == "disaster"]
    assert quake and quake[0].text.startswith("Thousands of people in the city")
    assert all(e.text == GLUED[e.start_char:e.end_char] for e in analysis.events)
    first = analysis.sentences[0]
    assert first.start_char < quake[0].start_char < quake[0].end_char <= first.end_char


@pytest.mark.parametrize("text", [
    "The Senate Armed Services Committee held a hearing on Tuesday on the troop withdrawal.\n",
    "President Barack Obama spoke with Prime Minister David Cameron by phone on Monday, the White House said.\n",
])
def test_a_sentence_without_a_seam_is_reported_whole(pipeline, text):
    analysis = pipeline(_article(text))
    assert analysis.events
    assert all((e.start_char, e.end_char) == (s.start_char, s.end_char) for e in analysis.events
               for s in analysis.sentences if s.start_char <= e.start_char < s.end_char)


def test_a_part_keeps_its_sentences_place_in_the_article(pipeline, tmp_path):
    import chronicle
    from chronicle.store.timeline import iter_event_rows

    path = tmp_path / "quake.txt"
    path.write_text("Haiti earthquake\n\n" + GLUED, encoding="utf-8")  # a text file's first line is its title
    with chronicle.open(tmp_path / "s.db") as api:
        api._pipeline = pipeline
        api.ingest([path], published="2010-01-14", jobs=1)
        rows = list(iter_event_rows(api.store.conn))
    quake = [r for r in rows if r["type"] == "disaster"]
    assert quake and quake[0]["start_char"] > 0
    assert quake[0]["sentence_no"] == 0  # the lead, though it starts inside the lead sentence


def test_a_figure_belongs_to_the_event_a_part_of_its_sentence_reports(pipeline):
    text = ("Quake survivors sleep on streets Thousands of people in the city have spent a second night in the open "
            "after a huge earthquake killed 200 people.\n")
    analysis = pipeline(_article(text))
    assert [e.type for e in analysis.events] == ["disaster"] and analysis.events[0].start_char > 0
    figures = [c for c in analysis.claims if c.text == "200"]
    assert figures and figures[0].event_type == "disaster"  # grouped by the sentence holding the event


def test_an_event_of_the_title_keeps_the_lead_that_follows_it(pipeline):
    # the title alone would say less than the lead it opens (and the headline says it already)
    text = "Many feared dead in island quake A major loss of life is feared after an earthquake struck the island.\n"
    analysis = pipeline(_article(text))
    quake = [e for e in analysis.events if e.start_char == 0]
    assert quake and quake[0].text == text.rstrip("\n")
