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


# A live page's entries open with a clock stamp; where the page lost a line break, one entry runs into the
# next in one sentence ("... may have been killed 2050 Haiti's President ... tells CNN ..."), and the
# stamp, read as a time of day (temporal v13), is where the next report begins.
LIVE = "".join(f"{stamp} {line}\n" for stamp, line in [
    ("2130", "Aid agencies say they are struggling to reach the worst-hit areas of the capital."),
    ("2105", "The US military says it will send an aircraft carrier to the region."),
    ("2050", "The UN headquarters in the capital was destroyed by the earthquake 2041 Meinie Nicolai, director "
             "of operations at Medecins Sans Frontieres in Brussels, tells the BBC that three of its health "
             "centres have been partially destroyed."),
    ("2030", "Doctors at the main hospital say they have run out of supplies."),
])


def test_a_stamp_run_into_a_sentence_ends_one_report_and_opens_the_next(pipeline):
    analysis = pipeline(_article(LIVE))
    assert all(e.text == LIVE[e.start_char:e.end_char] for e in analysis.events)
    quake = [e for e in analysis.events if e.type == "disaster"]
    assert quake and quake[0].text.endswith("destroyed by the earthquake")  # not "... 2041 Meinie Nicolai, ..."
    assert quake[0].date is None or "T20:41" not in quake[0].date.value  # the next entry's stamp is not its time
    assert quake[0].headline == "UN headquarters in capital destroyed"  # not "... by earthquake Nicolai"
    doctors = [e for e in analysis.events if "Doctors" in e.text]
    assert doctors and doctors[0].headline.startswith("Doctors at main hospital")  # not "2030 Doctors ..."
    assert not doctors[0].text.startswith("2030")  # the stamp is no year of the report it opens
    assert doctors[0].date is not None and doctors[0].date.value.endswith("T20:30")  # but its time


def test_a_year_after_a_word_is_no_stamp_on_a_page_without_stamps(pipeline):
    text = "Ministers met at the 2009 Copenhagen summit, where the talks collapsed on Friday.\n"
    analysis = pipeline(_article(text))
    talks = [e for e in analysis.events if "talks" in e.text or "summit" in e.text]
    assert talks and all(e.start_char == 0 and e.text == text.strip() for e in talks)


def test_a_figure_then_a_name_and_a_verb_is_a_seam(pipeline):
    # a caption's name opens the next line: "estimated at 150,000 | John Taylor was part of ..."
    text = ("The death toll following the earthquake is estimated at 150,000 John Taylor was part of the county's "
            "medical support team .\n")
    quake = [e for e in pipeline(_article(text)).events if e.type == "disaster"]
    assert quake and quake[0].headline and "Taylor" not in quake[0].headline


def test_a_plural_noun_before_a_finite_verb_is_a_seam(pipeline):
    # the parse hung "Rescuers" on the title's last name: "... in Haiti | Rescuers have begun pulling ..."
    text = ("Survivors pulled from UN headquarters in Haiti Rescuers have begun pulling people from the wreckage of "
            "the UN headquarters in Port-au-Prince , following Tuesday 's devastating earthquake .\n")
    after = [e for e in pipeline(_article(text)).events if e.start_char >= text.index("Rescuers")]
    assert after and all(e.text.startswith("Rescuers have begun") for e in after)
    assert all("Survivors pull" not in (e.headline or "") for e in after)
