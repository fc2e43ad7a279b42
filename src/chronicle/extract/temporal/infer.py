"""Publication-date inference for articles that arrive without a date.

The estimate comes from the content only, never from today's date. Articles report the
recent past, so the publication date is taken to be on or shortly after the latest day the
article names: a full date ("March 5, 2024"), or a month and day without a year ("Oct. 19"),
placed in the year of the latest absolute date or year mentioned. Weekday names ("on
Tuesday") then move the estimate to the first named weekday on or after that day, as news
names the days of the current week by weekday. With no day at all, the latest month, then
the latest year, give a coarser and less certain estimate; with nothing, the answer is None.
Relative phrases that need an anchor ("last week", "two days ago") carry no calendar value
here, so they are not used.

The confidences are low on purpose: news names the current year least of all (it is
implicit), so with the date withheld only a few percent of TBAQ-cleaned train and MEANTIME
documents get an estimate that is right at its own precision (bench/temporal prints it).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from chronicle.dates import DateValue, Granularity
from chronicle.records import Timex

# Rules whose values do not depend on any anchor (see rules.toml).
ABSOLUTE_RULES = frozenset({
    "iso_date", "day_monabbr_year", "numeric_mdy", "month_day_year", "day_month_year", "month_year",
    "season_year", "fiscal_year", "mod_year", "year",
})
# A weekday named after the latest dated day is taken as the publication day only this close.
WEEKDAY_REACH_DAYS = 6


@dataclass(frozen=True, slots=True)
class Inference:
    date: DateValue | None
    confidence: float | None
    reason: str


def infer_publication_date(timexes: list[Timex], *, tense: Callable[[int, int], tuple[str, str]] | None = None,
                           today_is_unknown: bool = True) -> Inference:
    """Estimate the publication date from unanchored extraction results.

    ``timexes`` must come from :func:`extract_time_expressions` run without an anchor, so
    that only absolute expressions carry calendar values. ``tense`` (a
    :class:`~chronicle.extract.temporal.tense.TenseReader`'s ``at``) lets weekdays in
    future-tense clauses ("will meet on Friday") be ignored: they come after the article.

    >>> from chronicle.extract.temporal import extract_time_expressions
    >>> text = "The vote on March 5, 2024 passed. Protests followed on Thursday."
    >>> infer_publication_date(list(extract_time_expressions(text))).date.value
    '2024-03-07'
    """
    absolute = [(t, DateValue.try_parse(t.value)) for t in timexes if t.rule in ABSOLUTE_RULES]
    absolute = [(t, d) for t, d in absolute if d is not None and d.end.year >= 1900]
    weekdays = {int(t.value[-1]) for t in timexes if t.rule == "weekday" and t.value.startswith("XXXX-WXX-")
                and (tense is None or tense(t.start_char, t.end_char)[0] != "future")}
    days = [(d.start, t.text) for t, d in absolute if d.granularity in (Granularity.DAY, Granularity.TIME)]
    year = max((d.start.year for _, d in absolute), default=None)
    if year is not None:
        days += _month_days_in(timexes, year)
    if days:
        latest, phrase = max(days)
        return _refine_by_weekday(latest, phrase, weekdays)
    months = [(d.start, t, d) for t, d in absolute if d.granularity == Granularity.MONTH]
    if months:
        _, phrase, d = max(months, key=lambda x: x[0])
        return Inference(d, 0.15, f"latest month mentioned ('{phrase.text}'); the day is unknown")
    years = [(d.start, t, d) for t, d in absolute if d.granularity == Granularity.YEAR]
    if years:
        _, phrase, d = max(years, key=lambda x: x[0])
        return Inference(DateValue.parse(d.value[:4]), 0.1, f"latest year mentioned ('{phrase.text}')")
    return Inference(None, None, "no absolute date in the text")


def _month_days_in(timexes: list[Timex], year: int) -> list[tuple[dt.date, str]]:
    """Month-day mentions without a year ("Oct. 19": XXXX-10-19), placed in ``year``."""
    out = []
    for t in timexes:
        v = t.value
        if t.rule in ("month_day", "day_month") and v.startswith("XXXX-") and len(v) == 10:
            try:
                out.append((dt.date(year, int(v[5:7]), int(v[8:10])), f"{t.text}, {year}"))
            except ValueError:
                continue
    return out


def _refine_by_weekday(latest: dt.date, phrase: str, weekdays: set[int]) -> Inference:
    reason = f"latest day mentioned ('{phrase}')"
    if not weekdays:
        return Inference(DateValue.of_day(latest), 0.25, reason)
    if latest.isoweekday() in weekdays:
        return Inference(DateValue.of_day(latest), 0.35,
                         reason + f", consistent with the weekday named ({latest.strftime('%A')})")
    ahead = min((wd - latest.isoweekday()) % 7 for wd in weekdays)
    if ahead <= WEEKDAY_REACH_DAYS:
        when = latest + dt.timedelta(days=ahead)
        return Inference(DateValue.of_day(when), 0.3,
                         reason + f", moved to the first weekday named after it ({when.strftime('%A')})")
    return Inference(DateValue.of_day(latest), 0.25, reason)
