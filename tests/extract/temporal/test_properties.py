"""Hypothesis invariants of the temporal extractor."""
from __future__ import annotations

import datetime as dt

from hypothesis import given, settings, strategies as st

from chronicle.dates import DateValue
from chronicle.extract.temporal import extract_time_expressions

DAY_RELATIVE = ["yesterday", "today", "tomorrow", "three days ago", "last night", "this morning",
                "the day before yesterday", "tonight"]
WEEK_RELATIVE = ["on Tuesday", "last Friday", "next Monday", "last week", "this week", "over the weekend",
                 "on Sunday", "next week"]
ABSOLUTE = ["{d:%B} {d.day}, {d.year}", "{d.day} {d:%B} {d.year}", "{d:%Y-%m-%d}", "{d.month}/{d.day}/{d.year}",
            "{d:%B} {d.year}", "in {d.year}"]
FILLER = ["The minister said", "talks resumed", "and", "officials met", "prices rose 2,000 points", "—", "(AP)", "\n"]

anchors = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))


def run(text: str, anchor: dt.date):
    return list(extract_time_expressions(text, anchor=DateValue.of_day(anchor), anchor_source="manifest"))


@settings(max_examples=60, deadline=None)
@given(anchors, st.integers(-4000, 4000), st.lists(st.sampled_from(DAY_RELATIVE), min_size=1, max_size=4))
def test_shifting_the_anchor_shifts_day_relative_values(anchor, n, phrases):
    text = ". ".join(f"They met {p}" for p in phrases) + "."
    before, after = run(text, anchor), run(text, anchor + dt.timedelta(days=n))
    assert [t.text for t in before] == [t.text for t in after]
    for a, b in zip(before, after):
        assert DateValue.parse(b.value).start - DateValue.parse(a.value).start == dt.timedelta(days=n)
        assert b.value[10:] == a.value[10:]  # the part of day stays


@settings(max_examples=60, deadline=None)
@given(anchors, st.integers(-300, 300), st.lists(st.sampled_from(WEEK_RELATIVE), min_size=1, max_size=4))
def test_shifting_the_anchor_by_whole_weeks_shifts_weekday_and_week_values(anchor, k, phrases):
    text = ". ".join(f"They met {p}" for p in phrases) + "."
    before, after = run(text, anchor), run(text, anchor + dt.timedelta(weeks=k))
    assert len(before) == len(after) == len(phrases)
    for a, b in zip(before, after):
        assert DateValue.parse(b.value).start - DateValue.parse(a.value).start == dt.timedelta(weeks=k)


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)), anchors, anchors,
       st.sampled_from(ABSOLUTE))
def test_absolute_dates_ignore_the_anchor(day, a1, a2, form):
    text = f"The accord was signed {form.format(d=day)} in Vienna."
    v1 = [(t.text, t.value) for t in run(text, a1)]
    v2 = [(t.text, t.value) for t in run(text, a2)]
    assert v1 == v2 and len(v1) == 1
    assert DateValue.parse(v1[0][1]).contains(DateValue.of_day(day))


@settings(max_examples=80, deadline=None)
@given(anchors, st.lists(st.sampled_from(DAY_RELATIVE + WEEK_RELATIVE + FILLER + [
    "in February or March", "the 1990s", "late Sunday", "a week later", "the next day", "mid-2013",
    "the third quarter", "last summer", "in the spring", "1300 GMT", "from March 3 to 5", "30-day", "February 29",
    "19-Nov-12", "Tuesday's call", "earlier this year", "next month", "a year ago", "the weekend"]), max_size=12))
def test_spans_index_the_text_and_intervals_are_ordered(anchor, pieces):
    text = " ".join(pieces)
    for t in run(text, anchor):
        assert text[t.start_char:t.end_char] == t.text
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        if t.type in ("DATE", "TIME") and t.value[:1].isdigit():
            d = DateValue.parse(t.value)  # raises if the interval ends before it starts
            assert d.start <= d.end
        assert t.explain.endswith(f"-> {t.value}")
