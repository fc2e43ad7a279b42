"""Issue 16 time-expression classes, on sentences written for these tests (anchor: Wednesday 9 Oct 2019)."""
from __future__ import annotations

import pytest

from chronicle.dates import DateValue
from chronicle.extract.temporal import extract_time_expressions

ANCHOR = "2019-10-09"


def tags(text: str) -> list[tuple[str, str, str]]:
    found = extract_time_expressions(text, anchor=DateValue.parse(ANCHOR), anchor_source="manifest")
    return [(t.text, t.type, t.value) for t in found]


# a clock time and its day in one phrase: the time lands on that day, not the publication day
@pytest.mark.parametrize("text, expected", [
    ("The rally will start at 7:30 PM on Fri, Oct 18.", ("7:30 PM", "TIME", "2019-10-18T19:30")),
    ("The two leaders will meet Friday at noon in Geneva.", ("noon", "TIME", "2019-10-11T12:00")),
    ("Voting closes tomorrow at 8 p.m. in most states.", ("8 p.m.", "TIME", "2019-10-10T20:00")),
])
def test_a_clock_time_takes_the_day_in_its_phrase(text, expected):
    assert expected in tags(text)


# ranges that share a month or a meridiem keep their first end
def test_a_day_first_range_keeps_its_first_day():
    assert tags("The festival will run from 13 to 15 November.") == [
        ("13", "DATE", "2019-11-13"), ("15 November", "DATE", "2019-11-15")]


def test_a_day_first_range_in_one_word_is_one_date():
    assert tags("The festival will run 13-15 November 2020 in Leeds.") == [("13-15 November 2020", "DATE", "2020-11-13")]


@pytest.mark.parametrize("text, first", [
    ("The office will be open 3:30-6 p.m. on Thursday.", "T15:30"),
    ("Polls are open 11:30-1 p.m. for the runoff.", "T11:30"),
    ("The shift runs 9:15 to 11:45 a.m. each day.", "T09:15"),
])
def test_the_first_clock_time_shares_the_meridiem(text, first):
    assert tags(text)[0][2].endswith(first)


# ordinal weekdays of a month
@pytest.mark.parametrize("text, expected", [
    ("The vote will be held on the last Monday of March.", ("the last Monday of March", "DATE", "2020-03-30")),
    ("The race is run on the third Friday in May 2021.", ("the third Friday in May 2021", "DATE", "2021-05-21")),
    ("Parliament returned on the first Tuesday of September.", ("the first Tuesday of September", "DATE", "2019-09-03")),
])
def test_ordinal_weekdays_of_a_month(text, expected):
    assert tags(text) == [expected]


# clock words
@pytest.mark.parametrize("text, expected", [
    ("The meeting ended at a quarter past 6 p.m.", ("a quarter past 6 p.m.", "TIME", "2019-10-09T18:15")),
    ("The train left at ten to three in the afternoon.", ("ten to three", "TIME", "2019-10-09T02:50")),
    ("Lunch was served at half past noon.", ("half past noon", "TIME", "2019-10-09T12:30")),
    ("The doors closed at a quarter to midnight.", ("a quarter to midnight", "TIME", "2019-10-09T23:45")),
])
def test_clock_words_are_clock_times(text, expected):
    assert expected in tags(text)


def test_a_vote_of_ten_to_three_is_no_time():
    assert not [t for t in tags("The committee voted ten to three to approve the plan.") if t[1] == "TIME"]


def test_a_weekday_range_ends_after_it_starts():
    # read alone, "Wednesday" in a Wednesday article is that day, before "Monday" (the 14th)
    assert tags("The talks will take place between Monday and Wednesday.") == [
        ("Monday", "DATE", "2019-10-14"), ("Wednesday", "DATE", "2019-10-16")]


# time zones through zoneinfo: tzdata decides summer time on the day
@pytest.mark.parametrize("text, anchor, value", [
    ("The vote opens at 9 a.m. ET on Wednesday.", "2019-12-09", "2019-12-11T09:00-05:00"),
    ("The vote opens at 9 a.m. ET on Wednesday.", "2019-03-12", "2019-03-13T09:00-04:00"),
    ("The call is set for 3 p.m. CT on Friday.", "2019-10-09", "2019-10-11T15:00-05:00"),
    ("The launch is at 6 a.m. PT on Friday.", "2019-11-05", "2019-11-08T06:00-08:00"),
])
def test_zone_abbreviations_follow_tzdata(text, anchor, value):
    found = extract_time_expressions(text, anchor=DateValue.parse(anchor), anchor_source="manifest")
    assert value in [t.value for t in found]


# numeric dates without a year: month first, unless the first number cannot be a month
@pytest.mark.parametrize("text, expected", [
    ("The hearing will be held on 2/15.", [("2/15", "DATE", "2020-02-15")]),
    ("Ballots must arrive by 15/2.", [("15/2", "DATE", "2020-02-15")]),
    ("The hearing is set for 10/21 at the old court.", [("10/21", "DATE", "2019-10-21")]),
    ("The bill passed on 3/4 of the votes cast.", []),
    ("About 1/3 of voters agreed.", []),
])
def test_numeric_dates_without_a_year(text, expected):
    assert tags(text) == expected


# text tokenised by its source (a comma set off by spaces, as in Timeline17's articles) keeps its year
@pytest.mark.parametrize("text, expected", [
    ("Jackson died on June 25th , 2009 in Los Angeles.", ("June 25th , 2009", "DATE", "2009-06-25")),
    ("The hearing opened on Friday , March 22 , 2013 .", ("Friday , March 22 , 2013", "DATE", "2013-03-22")),
    ("Talks resumed on 4 January , 2011 in Cairo.", ("4 January , 2011", "DATE", "2011-01-04")),
    ("Prices rose in March , 2012 and fell later.", ("March , 2012", "DATE", "2012-03")),
])
def test_a_comma_set_off_by_spaces_keeps_the_year(text, expected):
    assert expected in tags(text)


# seasons with the year in words: one DATE, the season of that year (not "the winter" of the anchor's year)
@pytest.mark.parametrize("text, expected", [
    ("Heating bills soared in the winter of nineteen ninety-four.", ("the winter of nineteen ninety-four", "DATE", "1994-WI")),
    ("The band toured Europe in the summer of two thousand nine.", ("the summer of two thousand nine", "DATE", "2009-SU")),
    ("The mill closed in the fall of two thousand and one.", ("the fall of two thousand and one", "DATE", "2001-FA")),
])
def test_a_season_of_a_year_in_words_is_one_date(text, expected):
    assert tags(text) == [expected]


# a deadline or a date put off to lies ahead of the article (anchor: Wednesday 9 Oct 2019)
@pytest.mark.parametrize("text, expected", [
    ("The discount offer runs until Monday at most stores.", ("Monday", "DATE", "2019-10-14")),
    ("Bidders must file their offers by Monday.", ("Monday", "DATE", "2019-10-14")),
    ("The judge postponed the hearing until Tuesday.", ("Tuesday", "DATE", "2019-10-15")),
    ("The agency gave the families until 9 a.m. Monday to reply.", ("9 a.m. Monday", "TIME", "2019-10-14T09:00")),
    ("The board created a new post, effective Feb. 1.", ("Feb. 1", "DATE", "2020-02-01")),
])
def test_a_deadline_or_a_date_put_off_to_lies_ahead(text, expected):
    assert expected in tags(text)


def test_a_deadline_in_a_past_clause_stays_past():
    assert ("Monday", "DATE", "2019-10-07") in tags("By Monday, most of the villagers had left the valley.")


# a count of weekdays from now, and a day of a month named relatively (anchor: Wednesday 9 Oct 2019)
@pytest.mark.parametrize("text, expected", [
    ("The league resumes three Fridays from now.", ("three Fridays from now", "DATE", "2019-10-25")),
    ("The fair closes two Sundays from today.", ("two Sundays from today", "DATE", "2019-10-20")),
    ("Rent is due on the 20th of next month.", ("the 20th of next month", "DATE", "2019-11-20")),
    ("The parcel left on the 5th of last month.", ("the 5th of last month", "DATE", "2019-09-05")),
])
def test_from_now_and_a_day_of_a_relative_month(text, expected):
    assert tags(text) == [expected]


def test_by_before_a_possessive_day_is_an_agent_not_a_deadline():
    # "driven by Monday's data": the passive's agent (the present tense gives the nearest Monday)
    from chronicle.extract.nlp import load_nlp

    text = "Bond markets are driven by Monday's data."
    found = extract_time_expressions(text, anchor=DateValue.parse(ANCHOR), anchor_source="manifest", doc=load_nlp()(text))
    assert [(t.text, t.value) for t in found] == [("Monday", "2019-10-07")]


def test_a_unit_count_from_now_keeps_timeml_duration_and_anchor():
    # TimeML: "from" is a signal between a DURATION and the time it counts from
    assert tags("The new bridge opens two weeks from now.") == [("two weeks", "DURATION", "P2W"), ("now", "DATE", "PRESENT_REF")]


@pytest.mark.parametrize("text, expected", [
    # without a parse, the clause runs past the points of "a.m." to the verb that governs the day
    ("The truce took effect at 6 a.m. on Friday.", ("Friday", "DATE", "2019-10-04")),
    ("The poet died on Friday at the age of 89.", ("Friday", "DATE", "2019-10-04")),
])
def test_the_word_reader_finds_the_past_verb(text, expected):
    assert expected in tags(text)


# a half year named other ways: 'last/latter/back half', 'the first/last two quarters' (anchor: 9 Oct 2019)
@pytest.mark.parametrize("text, expected", [
    ("Sales fell in the last half of 2018.", ("the last half of 2018", "DATE", "2018-H2")),
    ("Growth should pick up in the latter half of next year.", ("the latter half of next year", "DATE", "2020-H2")),
    ("Orders slowed in the back half of the year.", ("the back half of the year", "DATE", "2019-H2")),
    ("Revenue rose in the first two quarters of 2019.", ("the first two quarters of 2019", "DATE", "2019-H1")),
    ("Costs fall in the last two quarters of this year.", ("the last two quarters of this year", "DATE", "2019-H2")),
])
def test_other_names_of_a_half_year(text, expected):
    assert tags(text) == [expected]


# a part of the day named before its day: one TIME on that day, like 'Monday afternoon'
@pytest.mark.parametrize("text, expected", [
    ("Shares in London fell at mid-afternoon yesterday.", ("mid-afternoon yesterday", "TIME", "2019-10-08TAF")),
    ("Police arrived late afternoon Monday.", ("late afternoon Monday", "TIME", "2019-10-07TAF")),
    ("The blast struck early morning Sunday.", ("early morning Sunday", "TIME", "2019-10-06TMO")),
])
def test_a_part_of_the_day_before_its_day(text, expected):
    assert tags(text) == [expected]


# the same quarter a year back, written after the quarter: one DATE, as 'the year-ago quarter'
@pytest.mark.parametrize("text, expected", [
    ("Profit rose in the third quarter from $3 million in the quarter a year ago.",
     [("the third quarter", "DATE", "2019-Q3"), ("the quarter a year ago", "DATE", "2018-Q3")]),
    ("Profit rose in the third quarter, compared with the same quarter last year.",
     [("the third quarter", "DATE", "2019-Q3"), ("the same quarter last year", "DATE", "2018-Q3")]),
    ("Sales fell in the second quarter from the corresponding period a year earlier.",
     [("the second quarter", "DATE", "2019-Q2"), ("the corresponding period a year earlier", "DATE", "2018-Q2")]),
])
def test_the_quarter_a_year_ago_is_one_date(text, expected):
    assert tags(text) == expected


# the last or final quarter of a year named is its fourth quarter (alone, 'the last quarter' is the one before)
@pytest.mark.parametrize("text, expected", [
    ("Profit fell in the final quarter of 2018.", [("the final quarter of 2018", "DATE", "2018-Q4")]),
    ("Profit fell in the last quarter of last year.", [("the last quarter of last year", "DATE", "2018-Q4")]),
    ("Costs will rise in the final quarter of this year.", [("the final quarter of this year", "DATE", "2019-Q4")]),
    ("Profit fell in the last quarter.", [("the last quarter", "DATE", "2019-Q3")]),
])
def test_the_last_quarter_of_a_year(text, expected):
    assert tags(text) == expected
