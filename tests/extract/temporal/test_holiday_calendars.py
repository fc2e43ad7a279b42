"""Holidays of other calendars and national days (issue 16), on sentences written for these tests.

Islamic days follow the Umm al-Qura calendar; Hebrew days are the civil days after the sunset that
starts them; Diwali is India's gazetted day; Vesak Sri Lanka's; Nowruz Iran's 1 Farvardin.
"""
from __future__ import annotations

import pytest

from chronicle.dates import DateValue, Granularity
from chronicle.extract.temporal import extract_time_expressions
from chronicle.extract.temporal.calendars import diwali, nowruz, occurrences, vesak


def found(text: str, anchor: str) -> dict[str, tuple[str, str, str]]:
    got = extract_time_expressions(text, anchor=DateValue.parse(anchor), anchor_source="manifest")
    return {t.text: (t.type, t.value, t.explain) for t in got}


@pytest.mark.parametrize("text, anchor, phrase, value", [
    # under way on the publication day: that Ramadan, whatever the tense
    ("Markets close early during Ramadan.", "2024-03-20", "Ramadan", "2024-03-11/2024-04-09"),
    ("Shops will stay open late during Ramadan.", "2024-03-20", "Ramadan", "2024-03-11/2024-04-09"),
    ("Prices rose during Ramadan 2019.", "2024-03-20", "Ramadan 2019", "2019-05-06/2019-06-03"),
    ("Families gathered on Eid al-Fitr.", "2023-06-01", "Eid al-Fitr", "2023-04-21"),
    ("Pilgrims will sacrifice sheep on Eid al-Adha.", "2024-05-01", "Eid al-Adha", "2024-06-16"),
    ("The first candles will be lit for Hanukkah.", "2025-11-20", "Hanukkah", "2025-12-15/2025-12-22"),
    ("Talks paused for Passover.", "2025-05-01", "Passover", "2025-04-13/2025-04-20"),
    ("The country came to a halt on Yom Kippur.", "2024-10-20", "Yom Kippur", "2024-10-12"),
    ("Synagogues were full on Rosh Hashanah.", "2025-10-01", "Rosh Hashanah", "2025-09-23"),
    ("Sales of gold peaked before Diwali.", "2024-11-20", "Diwali", "2024-10-31"),
    ("Millions will travel home for Lunar New Year.", "2025-01-10", "Lunar New Year", "2025-01-29"),
    ("Chinese New Year 2024 fell on a Saturday.", "2025-01-10", "Chinese New Year 2024", "2024-02-10"),
    ("Iranians will celebrate Nowruz with their families.", "2025-03-01", "Nowruz", "2025-03-21"),
    ("Temples were lit for Vesak.", "2025-05-20", "Vesak", "2025-05-12"),
    ("Crowds are expected for next Diwali.", "2024-11-20", "next Diwali", "2025-10-20"),
    ("The ceasefire collapsed after last Ramadan.", "2024-05-01", "last Ramadan", "2024-03-11/2024-04-09"),
])
def test_holidays_of_other_calendars(text, anchor, phrase, value):
    assert found(text, anchor)[phrase][:2] == ("DATE", value)


@pytest.mark.parametrize("text, phrase, calendar", [
    ("Markets close early during Ramadan.", "Ramadan", "Umm al-Qura"),
    ("The first candles will be lit for Hanukkah.", "Hanukkah", "Hebrew calendar (pyluach)"),
    ("Millions will travel home for Lunar New Year.", "Lunar New Year", "lunar_python"),
    ("Sales of gold peaked before Diwali.", "Diwali", "astronomy-engine"),
])
def test_explain_names_the_calendar(text, phrase, calendar):
    assert calendar in found(text, "2024-03-20")[phrase][2]


@pytest.mark.parametrize("text, anchor, phrase, value", [
    ("India's Independence Day parade was held in Delhi.", "2024-09-01", "Independence Day", "2024-08-15"),
    ("Crowds marked the Independence Day of Ukraine.", "2024-09-01", "Independence Day", "2024-08-24"),
    ("Fireworks lit the sky on Independence Day.", "2024-09-01", "Independence Day", "2024-07-04"),
    ("China's National Day holiday starts next week.", "2024-09-20", "National Day", "2024-10-01"),
    ("The rally was held on Australia Day.", "2024-03-01", "Australia Day", "2024-01-26"),
    ("The parade will take place on Republic Day.", "2024-12-01", "Republic Day", "2025-01-26"),
    ("Stores will close for Canada Day.", "2024-06-01", "Canada Day", "2024-07-01"),
    ("They met on Bastille Day 2019.", "2024-06-01", "Bastille Day 2019", "2019-07-14"),
])
def test_national_days(text, anchor, phrase, value):
    assert found(text, anchor)[phrase][:2] == ("DATE", value)


def test_a_national_day_of_mourning_is_no_date():
    assert "national day" not in {k.lower() for k in found("Kenya declared a national day of mourning.", "2024-09-01")}


def test_a_holiday_over_several_days_is_an_interval_of_days():
    ramadan = DateValue.parse("2024-03-11/2024-04-09")
    assert (ramadan.start.isoformat(), ramadan.end.isoformat(), ramadan.granularity) == (
        "2024-03-11", "2024-04-09", Granularity.MONTH)
    assert DateValue.parse("2025-12-15/2025-12-22").granularity == Granularity.WEEK


def test_computed_days_match_the_published_ones():
    # India's gazetted Diwali, Sri Lanka's Vesak Poya and Iran's 1 Farvardin, 2018-2025
    assert [diwali(y).isoformat()[5:] for y in range(2018, 2026)] == [
        "11-07", "10-27", "11-14", "11-04", "10-24", "11-12", "10-31", "10-20"]
    assert [vesak(y).isoformat()[5:] for y in range(2018, 2026)] == [
        "04-29", "05-18", "05-07", "05-26", "05-15", "05-05", "05-23", "05-12"]
    assert [nowruz(y).isoformat()[5:] for y in (2023, 2024, 2025)] == ["03-21", "03-20", "03-21"]


def test_a_lunar_holiday_can_fall_twice_in_a_gregorian_year():
    assert [o.start.isoformat() for o in occurrences("hijri:10:1", 2000)] == ["2000-01-08", "2000-12-27"]
