"""Regression cases from other taggers' bug trackers, and one check per family of expressions."""
from __future__ import annotations

import pytest

from chronicle.dates import DateValue
from chronicle.extract.temporal import extract_time_expressions


def values(text: str, anchor: str | None = None) -> dict[str, str]:
    a = DateValue.parse(anchor) if anchor else None
    return {t.text: t.value for t in extract_time_expressions(text, anchor=a, anchor_source="manifest")}


def one(text: str, phrase: str, anchor: str | None = None):
    a = DateValue.parse(anchor) if anchor else None
    hits = [t for t in extract_time_expressions(text, anchor=a, anchor_source="manifest") if t.text == phrase]
    assert len(hits) == 1, [t.text for t in extract_time_expressions(text, anchor=a)]
    return hits[0]


def test_day_abbreviated_month_two_digit_year():
    assert one("The filing is dated 19-Nov-12 in the registry.", "19-Nov-12", "2025-03-17").value == "2012-11-19"


@pytest.mark.parametrize("sentence, expected", [
    ("The board approved the plan in January.", "2025-01"),  # past: this year's January
    ("The board will approve the plan in January.", "2026-01"),  # future: the next January
])
def test_january_with_an_october_anchor(sentence, expected):
    t = one(sentence, "January", "2025-10-15")
    assert t.value == expected
    assert ("past tense" if expected == "2025-01" else "future tense") in t.explain


def test_iso_week_53():
    assert one("Prices rose sharply last week.", "last week", "2021-01-06").value == "2020-W53"
    assert one("Talks continue this week.", "this week", "2020-12-31").value == "2020-W53"


def test_leap_years():
    assert one("The treaty was signed on February 29.", "February 29", "2025-03-10").value == "2024-02-29"
    text = "The vote was held on February 28, 2024. The result came the next day."
    assert values(text, "2024-03-05")["the next day"] == "2024-02-29"
    assert values("The vote was held on February 28, 2023. The result came the next day.", "2023-03-05")["the next day"] == "2023-03-01"


def test_monday_article_saying_on_monday_is_that_day():
    t = one("The two leaders spoke on Monday for two hours.", "Monday", "2025-05-19")
    assert t.value == "2025-05-19"
    assert "same weekday" in t.explain


def test_weekday_direction_follows_tense():
    assert one("The ministers are set to meet on Tuesday.", "Tuesday", "2025-03-19").value == "2025-03-25"
    assert one("The ministers met on Tuesday.", "Tuesday", "2025-03-19").value == "2025-03-18"
    assert one("The ministers met last Tuesday.", "last Tuesday", "2025-03-19").value == "2025-03-18"


def test_explain_names_phrase_anchor_source_tense_and_value():
    t = one("The presidents are set to talk on Tuesday.", "Tuesday", "2025-03-17")
    assert t.explain.startswith("weekday 'Tuesday'")
    assert "future tense" in t.explain and "publication date 2025-03-17 (manifest)" in t.explain
    assert t.explain.endswith("-> 2025-03-18") and t.anchor == "2025-03-17"


def test_anchored_chain_uses_the_previous_date():
    text = "Envoys met in Riyadh on February 18. A second round followed a week later."
    t = one(text, "a week", "2025-03-17")  # TimeML's extent: 'later' is a signal outside it
    assert t.value == "2025-W09" and "previous date 2025-02-18" in t.explain and "'later' after it" in t.explain


@pytest.mark.parametrize("phrase, value", [
    ("30-day", "P30D"), ("two-hour", "PT2H"), ("3-year-old", "P3Y"), ("six months", "P6M"),
    ("several weeks", "PXW"), ("hour-long", "PT1H"),
])
def test_durations(phrase, value):
    assert one(f"They spoke of the {phrase} truce offer.", phrase, "2025-03-17").value == value


@pytest.mark.parametrize("phrase, value", [
    ("the 1990s", "199"), ("the third quarter", "2024-Q3"), ("last summer", "2024-SU"),
    ("1300 GMT", "2025-03-17T13:00Z"), ("daily", "P1D"), ("the future", "FUTURE_REF"),
    ("recently", "PAST_REF"), ("now", "PRESENT_REF"), ("a later date", "FUTURE_REF"), ("August 2024", "2024-08"), ("last month", "2025-02"),
    ("yesterday", "2025-03-16"), ("two weeks ago", "2025-W10"), ("earlier this year", "2025"),
])
def test_families(phrase, value):
    text = f"Officials said the figure changed {phrase} in the report."
    assert values(text, "2025-03-17").get(phrase) == value


def test_range_gives_two_expressions():
    got = values("The summit runs from March 3 to 5 in Geneva.", "2025-02-20")
    assert got == {"March 3": "2025-03-03", "5": "2025-03-05"}


def test_or_range_of_months():
    got = values("The meeting could take place in February or March.", "2025-02-09")
    assert got == {"February": "2025-02", "March": "2025-03"}


def test_no_anchor_leaves_relative_values_underspecified():
    t = one("The ministers met on Tuesday.", "Tuesday")
    assert t.value == "XXXX-WXX-2" and "no publication date" in t.explain
    assert values("It was signed on 4 May 2019.")["4 May 2019"] == "2019-05-04"


def test_may_the_verb_is_not_a_month():
    assert values("Officials may decide later.", "2025-03-17") == {}


@pytest.mark.parametrize("sentence, phrase, expected", [
    # A year-only anchor (an inferred publication year): undated days and months fall inside it,
    # not in the year before as its first day would make them.
    ("The council voted on Oct. 2 to close the bridge.", "Oct. 2", "2024-10-02"),
    ("Shipments resumed in September after the strike.", "September", "2024-09"),
    ("The fair will reopen on March 14.", "March 14", "2024-03-14"),
])
def test_year_anchor_places_undated_days_inside_the_year(sentence, phrase, expected):
    t = one(sentence, phrase, "2024")
    assert t.value == expected
    assert "inside the anchor's interval" in t.explain


def test_month_anchor_day_outside_it_uses_its_middle():
    # "Sept. 30" cannot lie inside an October anchor: the past one nearest the middle of October.
    assert one("The mayor resigned on Sept. 30 amid protests.", "Sept. 30", "2024-10").value == "2024-09-30"
    # The inside rule never applies to a day anchor.
    assert one("The council voted on Oct. 2 to close the bridge.", "Oct. 2", "2024-01-05").value == "2023-10-02"


def test_a_weekday_before_a_day_and_month_is_one_date_not_the_weekday_of_the_anchor_week():
    # "on Tuesday, 12 January" read two weeks later: the date, not the Tuesday of publication
    t = one("The rapid response team flew out when the storm hit on Tuesday, 12 January.", "Tuesday, 12 January",
            "2010-01-26")
    assert t.value == "2010-01-12"
    assert "Tuesday" not in values("The storm hit on Tuesday, 12 January.", "2010-01-26")
