"""TimeML extent and value conventions (TBAQ-cleaned train evidence), on sentences written for these tests."""
from __future__ import annotations

import pytest

from chronicle.dates import DateValue
from chronicle.extract.temporal import extract_time_expressions


def spans(text: str, anchor: str = "2024-10-30") -> dict[str, tuple[str, str]]:
    found = extract_time_expressions(text, anchor=DateValue.parse(anchor), anchor_source="manifest")
    return {t.text: (t.type, t.value) for t in found}


@pytest.mark.parametrize("text, phrase, value", [
    ("Prices rose over the past three years.", "the past three years", "P3Y"),  # "over" stays outside
    ("The plant ran for about five hours.", "five hours", "PT5H"),  # so does "about"
    ("Sales fell in the nine months to September.", "the nine months", "P9M"),  # the determiner is in
    ("Investors fled in recent weeks.", "recent weeks", "PXW"),
    ("Talks may resume in the coming months.", "the coming months", "PXM"),
])
def test_duration_extents(text, phrase, value):
    assert spans(text)[phrase] == ("DURATION", value)


def test_a_determiner_that_belongs_to_the_noun_stays_out():
    assert "six months" in spans("They backed the six months plan.")


@pytest.mark.parametrize("text, phrase, value", [
    ("The deal closed 90 days after the vote.", "90 days", "P90D"),
    ("She resigned a month before the election.", "a month", "P1M"),
])
def test_a_duration_before_after_or_before_is_tagged_alone(text, phrase, value):
    found = spans(text)
    assert found[phrase] == ("DURATION", value)
    assert not any(p.endswith(("after", "before")) for p in found)


@pytest.mark.parametrize("text, phrase, value", [
    ("The lights went out at 10 p.m. Tuesday.", "10 p.m. Tuesday", "2024-10-29T22:00"),
    ("Trading stopped at noon Monday.", "noon Monday", "2024-10-28T12:00"),
    ("Bids are due by 5 p.m. EST, Nov. 9.", "5 p.m. EST, Nov. 9", "2024-11-09T17:00-05:00"),
])
def test_clock_time_with_its_day_is_one_time(text, phrase, value):
    assert spans(text)[phrase] == ("TIME", value)


def test_weekday_and_month_day_before_a_colon():
    assert spans("An editorial on Saturday, April 25: the court erred.", "1998-04-24")["Saturday, April 25"] == (
        "DATE", "1998-04-25")


def test_year_ago_comparisons_after_a_quarter_keep_the_quarter():
    text = ("Profit in the third quarter rose to $5 million from $4 million a year ago. "
            "Revenue also beat the year-ago quarter, and costs were lower than a year earlier. "
            "Margins in the quarter widened.")
    found = spans(text)
    assert found["the third quarter"] == ("DATE", "2024-Q3")
    assert found["a year ago"] == ("DATE", "2023-Q3")
    assert found["the year-ago quarter"] == ("DATE", "2023-Q3")
    assert found["a year earlier"] == ("DATE", "2023-Q3")  # not chained on the previous comparison
    assert found["the quarter"] == ("DATE", "2024-Q3")


def test_a_year_ago_without_a_quarter_is_a_year():
    assert spans("The factory opened a year ago.")["a year ago"] == ("DATE", "2023")


@pytest.mark.parametrize("text, phrase, value", [
    ("The museum reopened in June last year.", "June last year", "2023-06"),
    ("The plant will open in April next year.", "April next year", "2025-04"),
    ("Sales in this year's second quarter slipped.", "this year's second quarter", "2024-Q2"),
    ("It compares with the 2022 fourth quarter.", "the 2022 fourth quarter", "2022-Q4"),
])
def test_month_or_quarter_with_a_relative_year_is_one_date(text, phrase, value):
    assert spans(text)[phrase] == ("DATE", value)


def test_reporting_years():
    found = spans("Revenue for the fiscal year ended June 30 rose. The deal should close by year-end.")
    assert found["the fiscal year"] == ("DURATION", "P1Y")
    assert found["year-end"] == ("DATE", "2024")


def test_amount_per_year_is_a_set():
    assert spans("The mill turns out 40,000 tons a year.")["a year"] == ("SET", "P1Y")
    assert spans("It earned $2 million a year ago.")["a year ago"] == ("DATE", "2023")


@pytest.mark.parametrize("text", [
    "Mr. Lindqvist, 58 years old, will retire.",
    "A 39-year-old anti-war activist was detained.",
    "The 61-year-old engineer resigned.",
])
def test_ages_of_people_are_left_out(text):
    assert not any(v[0] == "DURATION" for v in spans(text).values())


def test_the_age_of_a_thing_is_a_duration():
    assert spans("They ended the 12-year-old dispute.")["12-year-old"] == ("DURATION", "P12Y")


@pytest.mark.parametrize("text, expected", [
    # Anchor Wednesday 2024-10-30. A modal gives no direction: the nearest Monday is two days back.
    ("He said he would appeal Monday.", "2024-10-28"),
    ("Talks will resume Monday.", "2024-11-04"),  # the future looks forward
    ("Shares are down since Monday.", "2024-10-28"),  # present: the nearest
])
def test_weekday_direction(text, expected):
    assert spans(text)["Monday"][1] == expected


def test_year_ago_adjective_and_hyphenated_quarter_leave_the_determiner_out():
    found = spans("The third quarter was weak. The year-ago results included a gain. "
                  "It posted the third-quarter loss. Compare the year-earlier third quarter.")
    assert found["year-ago"] == ("DATE", "2023-Q3")
    assert found["third-quarter"] == ("DATE", "2024-Q3")
    assert found["the year-earlier third quarter"] == ("DATE", "2023-Q3")


def test_a_date_weeks_ahead_in_a_past_clause_is_the_coming_one():
    # Late-October anchor: "payable Dec. 6" under a past-tense verb is still the coming December.
    assert spans("The board declared a dividend payable Dec. 6.")["Dec. 6"] == ("DATE", "2024-12-06")


@pytest.mark.parametrize("text, phrase, value", [
    ("He was rescued on Thanksgiving Day.", "Thanksgiving Day", "2023-11-23"),  # past: last year's
    ("Stores will open late on Christmas Eve.", "Christmas Eve", "2024-12-24"),
    ("Turnout on Election Day 2020 was high.", "Election Day 2020", "2020-11-03"),
    ("Pilgrims gathered at Easter 2019.", "Easter 2019", "2019-04-21"),
    ("The strike ended last Easter.", "last Easter", "2024-03-31"),
])
def test_holidays(text, phrase, value):
    assert spans(text)[phrase] == ("DATE", value)


def test_mod_and_the_period_and_plural_long():
    found = spans("At the beginning of the year they settled a decades-long feud.")
    assert found["the beginning of the year"] == ("DATE", "2024")
    assert found["decades-long"] == ("DURATION", "PXY")


def test_a_decade_alone_and_a_day_in_a_phrase():
    assert spans("It has been a decade since the flood.")["a decade"] == ("DURATION", "P10Y")
    assert "a day" not in spans("They held a day of talks.")


def test_a_year_earlier_than_a_day_keeps_the_day():
    found = spans("Deposits stood at $3 billion on Sept. 30, up from $2 billion a year earlier.")
    assert found["a year earlier"] == ("DATE", "2023-09-30")


def test_seasons_and_near_future():
    found = spans("Demand stayed weak through the summer and may recover in the near future.")
    assert found["the summer"][0] == "DATE"
    assert found["the near future"] == ("DATE", "FUTURE_REF")


def test_period_noun_phrases_and_this_past_weekend():
    found = spans("Fans rallied this past weekend. The plan covers a three-year period.")
    assert found["this past weekend"] == ("DATE", "2024-W43-WE")
    assert found["a three-year period"] == ("DURATION", "P3Y")


@pytest.mark.parametrize("text, phrase, value", [
    ("The mission lasted 2 1/2 years.", "2 1/2 years", "P2Y6M"),
    ("Talks took five and a half hours.", "five and a half hours", "PT5H30M"),
    ("Prices may rise over the next two years or so.", "the next two years or so", "P2Y"),
])
def test_halves_and_or_so(text, phrase, value):
    assert spans(text)[phrase] == ("DURATION", value)


def test_a_passive_plan_in_the_present_points_ahead():
    from chronicle.extract.nlp import load_nlp

    text = "The deal is expected to close in February."
    doc = load_nlp()(text)
    found = {t.text: t.value for t in extract_time_expressions(text, anchor=DateValue.parse("2024-10-30"), doc=doc)}
    assert found["February"] == "2025-02"


def test_earlier_stays_outside_this_week_but_inside_this_month():
    found = spans("Earlier this week he left; earlier this month he had warned them.")
    assert found["this week"] == ("DATE", "2024-W44")
    assert found["earlier this month"] == ("DATE", "2024-10")


@pytest.mark.parametrize("text", [
    "The 47-year-old Lindqvist declined to comment.",
    "A 9-year-old flood survivor spoke first.",
    "A 39-year-old Oslo businessman was fined.",
])
def test_more_ages_of_people(text):
    assert not any(v[0] == "DURATION" for v in spans(text).values())


def test_fractions_and_rates_per_plural_noun():
    found = spans("The port handles three-quarters of its grain and adds 700 seats a week.")
    assert "three-quarters" not in found
    assert found["a week"] == ("SET", "P1W")


@pytest.fixture(scope="module")
def nlp():
    from chronicle.extract.nlp import load_nlp

    return load_nlp()


@pytest.mark.parametrize("text, expected", [
    # Anchor Friday 2024-11-01. A participle after its noun ("the rules issued on Wednesday") tells
    # of a thing done, even inside a future clause.
    ("Managers will face fines under the new rules issued on Wednesday.", "2024-10-30"),
    ("Two guards died of injuries sustained in the attack on Wednesday.", "2024-10-30"),
    ("The ministers will meet again on Wednesday.", "2024-11-06"),  # the future still looks forward
])
def test_a_reduced_passive_relative_is_past(nlp, text, expected):
    found = extract_time_expressions(text, anchor=DateValue.parse("2024-11-01"), anchor_source="manifest", doc=nlp(text))
    assert {t.text: t.value for t in found}["Wednesday"] == expected


@pytest.mark.parametrize("text, phrase, value", [
    ("The firm made a profit after several quarters of losses.", "several quarters", ("DURATION", "PXQ")),
    ("Output grew for five quarters of rising demand.", "five quarters", ("DURATION", "P5Q")),
    ("The index gained for eight trading days.", "eight trading days", ("DURATION", "P8D")),
    ("Buyers must answer within ten business days.", "ten business days", ("DURATION", "P10D")),
])
def test_periods_of_quarters_and_trading_days(text, phrase, value):
    assert spans(text)[phrase] == value


@pytest.mark.parametrize("text", ["Three quarters of the crop was lost.", "Two quarters of the budget went to roads."])
def test_a_fraction_of_quarters_is_not_a_period(text):
    assert spans(text) == {}


@pytest.mark.parametrize("text, phrase, value", [
    ("Pilgrims visit a famed 11th century chapel.", "11th century", "10"),
    ("The wall dates from the 3rd century.", "the 3rd century", "02"),
    ("Trade grew in the 21st century.", "the 21st century", "20"),
])
def test_centuries_before_the_fifteenth(text, phrase, value):
    assert spans(text)[phrase] == ("DATE", value)


# With no quarter named before it, "the year-ago quarter" is the quarter last reported before the anchor
# (Wednesday 30 Oct 2024: the third), a year earlier; "the 2023 quarter" that quarter of 2023.
@pytest.mark.parametrize("text, phrase, value", [
    ("Profit doubled from the year-ago quarter, the bakery chain said.", "the year-ago quarter", "2023-Q3"),
    ("Profit doubled from the 2023 quarter, the bakery chain said.", "the 2023 quarter", "2023-Q3"),
])
def test_a_year_ago_quarter_without_a_quarter_before_it(text, phrase, value):
    assert spans(text)[phrase] == ("DATE", value)


def test_a_year_ago_quarter_after_a_quarter_is_that_quarter_a_year_before():
    found = spans("Second-quarter sales of the bakery chain rose 8% from the year-ago quarter.")
    assert found["the year-ago quarter"] == ("DATE", "2023-Q2")
