"""Expressions found through the TE3 silver set (2006 news)."""
import pytest

from chronicle.dates import DateValue
from chronicle.extract.temporal import extract_time_expressions

ANCHOR = DateValue.parse("2013-03-14")  # a Thursday


def _tags(text):
    return [(t.text, t.type, t.value) for t in extract_time_expressions(text, anchor=ANCHOR)]


@pytest.mark.parametrize("text, expected", [
    ("The ferry left on Tuesday. In the morning the sea was calm.",
     [("Tuesday", "DATE", "2013-03-12"), ("the morning", "TIME", "2013-03-12TMO")]),
    ("Rain fell during the afternoon.", [("the afternoon", "TIME", "2013-03-14TAF")]),
    ("The striker scored twenty goals last season.", [("last season", "DATE", "PAST_REF")]),
    ("The club hopes to do better next season.", [("next season", "DATE", "FUTURE_REF")]),
    ("Exports rose for five consecutive years.", [("five consecutive years", "DURATION", "P5Y")]),
    ("Prices fell for three straight months.", [("three straight months", "DURATION", "P3M")]),
    ("The temple was built 2,500 years ago.", [("2,500 years ago", "DATE", "BC0488")]),
    ("For the year, shipments were flat.", [("the year", "DATE", "2013")]),
    ("Revenue for the year ended June 30 rose.", [("the year", "DURATION", "P1Y"), ("June 30", "DATE", "2012-06-30")]),
    ("Clinics opened in the last financial year.", [("the last financial year", "DATE", "2012")]),
    ("Rents rose over the past year.", [("the past year", "DATE", "2012")]),
    ("Rents rose over the past week.", [("the past week", "DATE", "2013-W10")]),
    ("Rents have risen for a past decade of growth.", [("past decade", "DURATION", "P10Y")]),
    ("Repairs take two to three weeks.", [("two to three weeks", "DURATION", "P2W")]),
    ("The loan runs five or six years.", [("five or six years", "DURATION", "P5Y")]),
])

def test_silver_shapes(text, expected):
    assert _tags(text) == expected


def test_a_count_range_without_a_unit_is_not_a_duration():
    assert _tags("Shares rose 1 to 2 percent.") == []


def test_the_morning_needs_a_preposition():
    # "the morning" as a subject is not a time reference on its own
    assert _tags("The morning papers sold out.") == []


def test_an_hour_later_is_a_duration_that_still_moves_the_narrative():
    text = "The vote closed on March 3 at 8 p.m. Two hours later, results came in. The next day, talks began."
    got = list(extract_time_expressions(text, anchor=ANCHOR))
    two_hours = next(t for t in got if t.text == "Two hours")
    assert (two_hours.type, two_hours.value) == ("DURATION", "PT2H")
    assert "reaching" in two_hours.explain
    assert next(t for t in got if t.text == "The next day").value == "2013-03-04"


def test_a_week_later_stays_a_date_on_the_timeline():
    # TimeML's extent ("a week", the signal "later" outside it), but the date it reaches as the value.
    text = "Envoys met on March 3. They met again a week later."
    got = [(t.text, t.type, t.value) for t in extract_time_expressions(text, anchor=ANCHOR)]
    assert got == [("March 3", "DATE", "2013-03-03"), ("a week", "DATE", "2013-W10")]


def test_a_few_days_later_is_a_vague_duration():
    text = "Envoys met on March 3. A few days later, they signed."
    got = [(t.text, t.type, t.value) for t in extract_time_expressions(text, anchor=ANCHOR)]
    assert got == [("March 3", "DATE", "2013-03-03"), ("A few days", "DURATION", "PXD")]


def test_years_later_keep_the_signal_in_the_extent():
    text = "Envoys met on March 3. A year later, they signed."
    got = [(t.text, t.value) for t in extract_time_expressions(text, anchor=ANCHOR)]
    assert got == [("March 3", "2013-03-03"), ("A year later", "2014-03-03")]


@pytest.mark.parametrize("text, expected", [
    ("Stores opened early on Black Friday.", [("Black Friday", "DATE", "2012-11-23")]),
    ("Online sales peaked on Cyber Monday.", [("Cyber Monday", "DATE", "2012-11-26")]),
])
def test_shopping_days_are_holidays_not_weekdays(text, expected):
    assert _tags(text) == expected


def test_the_year_before_a_year_is_one_date():
    assert _tags("The bridge opened in the year 1998 after long delays.") == [("the year 1998", "DATE", "1998")]
    assert _tags("The bridge opened in 1998.") == [("1998", "DATE", "1998")]


def test_month_and_year_in_words_is_one_date():
    assert _tags("The mill shut in March nineteen eighty-two, the union said.") == [
        ("March nineteen eighty-two", "DATE", "1982-03")]
