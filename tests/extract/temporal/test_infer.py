"""Publication-date inference: unit cases on invented text and Hypothesis invariants of the estimate."""
from __future__ import annotations

import datetime as dt

from hypothesis import given, settings, strategies as st

from chronicle.extract.temporal import TemporalStage, extract_time_expressions, infer_publication_date
from chronicle.extract.temporal.infer import read_clues
from chronicle.extract.temporal.tense import TenseReader
from chronicle.records import ArticleText


def infer(text: str):
    return infer_publication_date(list(extract_time_expressions(text)), tense=TenseReader(text).at, text=text)


def test_nothing_naming_a_year_gives_no_estimate_and_never_today():
    for text in ("The talks went well on Tuesday, officials said.", "The vote came on Oct. 5.", "They met last week."):
        got = infer(text)
        assert got.date is None and got.confidence is None and got.earliest is None and got.day is None
        assert "nothing dates the text" in got.reason


def test_a_year_alone_gives_the_year_after_with_a_low_confidence():
    got = infer("Sales fell in August 2023 and again in October 2023.")
    assert got.date.value == "2024"  # news seldom names its own year: the next is likeliest
    assert 0.15 < got.confidence < 0.5
    assert got.earliest >= dt.date(2023, 10, 1)  # not before the latest date named
    assert got.earliest <= got.day <= got.latest


def test_a_past_date_and_a_plan_bracket_the_publication_day():
    got = infer("Sales fell in October 2023. The board will meet on Nov. 20, 2023.")
    assert got.date.value == "2023" and got.confidence > 0.8
    assert dt.date(2023, 10, 1) <= got.day <= dt.date(2023, 11, 20)
    # 80%: the bracket, and some weeks either side (a tense misread is possible; a plan long past is not)
    assert got.earliest >= dt.date(2023, 6, 1) and got.latest <= dt.date(2024, 1, 31)


def test_a_weekday_named_with_a_month_day_picks_the_year():
    # Oct. 18 was a Friday in 2019 and 2024, not in 2021-2023: the year named (2021) is only a lower bound.
    got = infer("The firm was founded in 2021. It said on Friday, Oct. 18, that its founder had resigned.")
    assert got.date.start.year == 2024 and got.confidence > 0.5
    assert dt.date(2024, 10, 18) <= got.day <= dt.date(2024, 11, 30)


def test_a_month_day_puts_the_point_estimate_within_weeks_after_it():
    got = infer("The 2024 season ended in August 2024. The club said on Friday, Oct. 18, that the coach had resigned.")
    assert dt.date(2024, 10, 18) <= got.day <= dt.date(2024, 11, 22)  # train: 0 to 5 weeks after, evenly
    assert got.earliest <= got.day <= got.latest and got.latest - got.earliest < dt.timedelta(days=150)


def test_a_deadline_is_not_a_lower_bound():
    got = infer("The company repaid bonds due 1993 and sold notes maturing 1995.")
    assert got.date is not None and got.date.end <= dt.date(1995, 12, 31)  # written before the maturities
    assert "deadlines" in got.reason


def test_a_weekday_beside_a_month_day_names_that_dates_weekday():
    text = "The club was founded in 2019. It met on Tuesday, 6 August, and lost."
    clues = read_clues(list(extract_time_expressions(text)), tense=TenseReader(text).at, text=text)
    assert [(c.kind, c.month, c.day, c.weekday) for c in clues if c.kind != "dated"] == [("month_day", 8, 6, 2)]
    got = infer(text)
    assert got.day.isoweekday() >= 2 and dt.date(2019, 8, 6) <= got.day  # Aug. 6 was a Tuesday in 2019


def test_words_before_a_date_can_make_it_a_plan_whatever_the_tense():
    text = "The firm shipped phones in 2025. Its new system, to be released in mid-2026, was shown."
    clues = read_clues(list(extract_time_expressions(text)), tense=TenseReader(text).at, text=text)
    assert [(c.text, c.way) for c in clues] == [("2025", "past"), ("mid-2026", "ahead")]
    got = infer(text)
    assert got.date.value in ("2025", "2026") and got.latest < dt.date(2027, 6, 30)  # not years after the plan


def test_a_phrase_beside_a_date_says_when_the_article_was_written():
    got = infer("The plant closed in 2019. Yesterday, June 7, the union said it would strike.")
    assert (got.day.month, got.day.day) == (6, 8)  # the day after June 7, whatever the year
    got = infer("Sales fell last year, in 2012, and rose in spring.")
    assert got.date.value == "2013" and got.confidence > 0.8
    got = infer("The plant closed in 2019. Workers struck in October, last month.")
    assert got.day.month == 11 and got.day.year >= 2019


def test_a_phrase_on_another_line_or_beside_a_year_is_no_apposition():
    text = "Conference 2010\nYesterday, the firm spoke."
    assert [c.kind for c in read_clues(list(extract_time_expressions(text)), text=text)] == ["dated"]
    text = "In 2010, yesterday's rally was the largest."
    assert "same" not in [c.kind for c in read_clues(list(extract_time_expressions(text)), text=text)]


def test_the_reason_names_the_clues():
    got = infer("The plant closed in August 2024. Workers protested on Oct. 3 and said on Monday they would return.")
    assert "'August 2024'" in got.reason and "'Oct. 3'" in got.reason and "'Monday'" in got.reason
    assert f"{got.earliest} and {got.latest}" in got.reason


def test_stage_anchors_on_the_inferred_date_and_reports_it():
    text = ("The ministers met on June 3, 2024. They talked again on Oct. 2, as they had last year. "
            "They will meet on Nov. 12, 2024.")
    state = {"article": ArticleText(id="a", text=text), "diagnostics": []}
    out = TemporalStage(None)(state)
    assert out["inferred_published"].value == "2024" and 0.8 < out["inferred_confidence"] <= 1
    (note,) = state["diagnostics"]
    assert note.code == "TMP002" and "June 3, 2024" in note.message
    last_year = next(t for t in out["timexes"] if t.text == "last year")
    assert last_year.value == "2023" and "(inferred)" in last_year.explain


# -- invariants ---------------------------------------------------------------------------------

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
days = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2015, 12, 31))


def past_full(d): return f"The court ruled on {MONTHS[d.month - 1]} {d.day}, {d.year}."
def past_month(d): return f"Prices fell in {MONTHS[d.month - 1]} {d.year}."
def past_year(d): return f"The mine closed in {d.year}."
def plan_full(d): return f"The board will meet on {MONTHS[d.month - 1]} {d.day}, {d.year}."
def month_day(d): return f"Workers protested on {MONTHS[d.month - 1]} {d.day}."
def weekday(d): return f"The mayor resigned on {WEEKDAYS[d.weekday()]}."


CLUES = [past_full, past_month, past_year, plan_full, month_day, weekday]
PAST_ONLY = [past_full, past_month, past_year]


def article(picks) -> str:
    return " ".join(kind(d) for kind, d in picks)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(CLUES), days), min_size=1, max_size=6))
def test_the_estimate_is_well_formed(picks):
    got = infer(article(picks))
    if got.date is None:
        assert all(kind in (month_day, weekday) for kind, _ in picks)  # nothing names a year
        return
    assert got.earliest <= got.latest  # the interval never ends before it starts
    assert got.earliest <= got.day <= got.latest
    assert got.date.start <= got.day <= got.date.end
    assert 0 < got.confidence <= 1


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PAST_ONLY), days), min_size=1, max_size=5))
def test_dates_in_past_clauses_alone_bound_the_interval_from_below(picks):
    got = infer(article(picks))
    latest = max(d if kind is past_full else d.replace(day=1) if kind is past_month else d.replace(month=1, day=1)
                 for kind, d in picks)
    assert got.earliest >= latest  # not published before the latest date it reports
    assert got.day > latest  # the estimate is never the lower bound itself


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(CLUES), days), min_size=1, max_size=5))
def test_moving_every_date_by_28_years_moves_the_estimate_by_28_years(picks):
    # 28 years keep weekdays and leap days in place (no century year in between here).
    later = [(kind, d.replace(year=d.year + 28)) for kind, d in picks]
    a, b = infer(article(picks)), infer(article(later))
    if a.date is None:
        assert b.date is None
        return
    assert b.day == a.day.replace(year=a.day.year + 28)
    assert (b.earliest, b.latest) == (a.earliest.replace(year=a.earliest.year + 28),
                                      a.latest.replace(year=a.latest.year + 28))
    assert b.confidence == a.confidence


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(CLUES), days), min_size=1, max_size=5))
def test_the_estimate_is_never_today_by_default(picks):
    got = infer(article(picks))  # every date named is before 2016: today is far off
    if got.date is not None:
        today = dt.date.today()
        assert not got.date.start <= today <= got.date.end
        assert got.latest < today


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(MONTHS + WEEKDAYS + ["said", "will", "due", "yesterday,", "last year,", "in",
                                                               "Friday,", "(", ".", "\n"]),
                          st.integers(0, 9999).map(str)), max_size=25))
def test_any_text_gives_a_well_formed_estimate_or_none(words):
    got = infer(" ".join(words))
    if got.date is not None:
        assert got.earliest <= got.day <= got.latest and got.date.start <= got.day <= got.date.end
        assert 0 < got.confidence <= 1
