"""Typed date values: a TIMEX3 value with its granularity and the interval of days it covers.

Dates never travel through Chronicle as bare strings. A :class:`DateValue` knows its
TIMEX3 spelling (``2025-03-18``, ``2025-W11``, ``2025-03``, ``2025-W20-WE``), its
granularity, and the first and last day it covers, so that two dates of different
precision can be compared ("is 2025-03-18 inside 2025-W12?").

    >>> DateValue.parse("2025-W12").start.isoformat()
    '2025-03-17'
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum


class Granularity(str, Enum):
    TIME = "time"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    SEASON = "season"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"

    @property
    def timeline(self) -> str:
        """The coarser-or-equal granularity the timeline contract allows (day/week/month/year)."""
        return _TIMELINE_GRAIN[self]


_TIMELINE_GRAIN = {
    Granularity.TIME: "day",
    Granularity.DAY: "day",
    Granularity.WEEK: "week",
    Granularity.MONTH: "month",
    Granularity.QUARTER: "year",
    Granularity.SEASON: "year",
    Granularity.YEAR: "year",
    Granularity.DECADE: "year",
    Granularity.CENTURY: "year",
}

_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
_PARTS_OF_DAY = ("MO", "MI", "AF", "EV", "NI", "DT")

_RE = {
    "day": re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"),
    "time": re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(?:\d{2}(?::\d{2}){0,2}|" + "|".join(_PARTS_OF_DAY) + r")"),
    "week": re.compile(r"^(\d{4})-W(\d{2})(-WE)?$"),
    "month": re.compile(r"^(\d{4})-(\d{2})$"),
    "quarter": re.compile(r"^(\d{4})-Q([1-4])$"),
    "half": re.compile(r"^(\d{4})-H([12])$"),
    "season": re.compile(r"^(\d{4})-(SP|SU|FA|WI)$"),
    "year": re.compile(r"^(\d{4})$"),
    "decade": re.compile(r"^(\d{3})$"),
    "century": re.compile(r"^(\d{2})$"),
    # An ISO 8601 interval of days: a holiday kept over several days ("Ramadan 2024" is 2024-03-11/2024-04-09).
    "interval": re.compile(r"^(\d{4}-\d{2}-\d{2})/(\d{4}-\d{2}-\d{2})$"),
}
_WEEK_LONG = 8  # an interval of up to 8 days (Hanukkah, Passover) is as precise as a week; a longer one, a month


@dataclass(frozen=True, slots=True)
class DateValue:
    """A calendar value of some precision. ``start``/``end`` are inclusive days."""

    value: str
    granularity: Granularity
    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"interval ends before it starts: {self.value}")

    @classmethod
    def of_day(cls, day: dt.date) -> "DateValue":
        return cls(day.isoformat(), Granularity.DAY, day, day)

    @classmethod
    def parse(cls, value: str) -> "DateValue":
        """Parse a TIMEX3 date value (not a duration or PAST_REF). Raises ValueError."""
        v = value.strip()
        if m := _RE["time"].match(v):
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return cls(v, Granularity.TIME, day, day)
        if m := _RE["day"].match(v):
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return cls(v, Granularity.DAY, day, day)
        if m := _RE["week"].match(v):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if m[3]:
                return cls(v, Granularity.WEEK, monday + dt.timedelta(days=5), monday + dt.timedelta(days=6))
            return cls(v, Granularity.WEEK, monday, monday + dt.timedelta(days=6))
        if m := _RE["month"].match(v):
            y, mo = int(m[1]), int(m[2])
            return cls(v, Granularity.MONTH, dt.date(y, mo, 1), _month_end(y, mo))
        if m := _RE["quarter"].match(v):
            y, q = int(m[1]), int(m[2])
            return cls(v, Granularity.QUARTER, dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q))
        if m := _RE["half"].match(v):
            y, h = int(m[1]), int(m[2])
            return cls(v, Granularity.QUARTER, dt.date(y, 6 * h - 5, 1), _month_end(y, 6 * h))
        if m := _RE["season"].match(v):
            y, (first, last) = int(m[1]), _SEASON_MONTHS[m[2]]
            end_year = y + 1 if last < first else y
            return cls(v, Granularity.SEASON, dt.date(y, first, 1), _month_end(end_year, last))
        if m := _RE["interval"].match(v):
            first, last = dt.date.fromisoformat(m[1]), dt.date.fromisoformat(m[2])
            grain = Granularity.WEEK if (last - first).days < _WEEK_LONG else Granularity.MONTH
            return cls(v, grain, first, last)
        if m := _RE["year"].match(v):
            y = int(m[1])
            return cls(v, Granularity.YEAR, dt.date(y, 1, 1), dt.date(y, 12, 31))
        if m := _RE["decade"].match(v):
            y = int(m[1]) * 10
            return cls(v, Granularity.DECADE, dt.date(max(y, 1), 1, 1), dt.date(y + 9, 12, 31))
        if m := _RE["century"].match(v):
            y = int(m[1]) * 100
            return cls(v, Granularity.CENTURY, dt.date(max(y, 1), 1, 1), dt.date(y + 99, 12, 31))
        raise ValueError(f"not a TIMEX3 date value: {value!r}")

    @classmethod
    def try_parse(cls, value: str | None) -> "DateValue | None":
        """Like :meth:`parse` but None for values that are not calendar dates (PAST_REF, P3D, XXXX-...)."""
        if not value:
            return None
        try:
            return cls.parse(value)
        except ValueError:
            return None

    def contains(self, other: "DateValue") -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: "DateValue") -> bool:
        return self.start <= other.end and other.start <= self.end

    def __str__(self) -> str:
        return self.value


def _month_end(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


# Publication dates a story may have: a century inside the calendar's ends (years 1-9999), so
# that every date an article names relative to it ("last year", a 30-day look-back) stays
# inside the calendar (issue 18: year 0 and 9999-W52 ended ingests in tracebacks).
PUBLISHED_YEARS = (100, 9899)


def published_out_of_range(value: DateValue) -> str | None:
    """Why ``value`` cannot be a publication date, or None when it can."""
    lo, hi = PUBLISHED_YEARS
    if value.start.year < lo or value.end.year > hi:
        return f"publication date {value.value} is outside the years {lo}-{hi}"
    return None


def parse_user_date(text: str) -> DateValue:
    """Parse a date a user or a manifest gives: ISO dates and datetimes, or partial TIMEX3 values.

    Raises ValueError with a message that names the accepted forms.
    """
    s = text.strip()
    shown = repr(text) if len(text) <= 60 else repr(text[:60]) + "..."
    try:
        return DateValue.parse(s)
    except OverflowError:  # a week or season of year 9999 runs past the calendar
        raise ValueError(f"date {shown} is outside the years 1-9999") from None
    except ValueError:
        pass
    try:
        stamp = dt.datetime.fromisoformat(s.replace("Z", "+00:00"))
    except (ValueError, OverflowError):
        if re.match(r"^[+-]?\d{5,}|^0000", s):
            raise ValueError(f"date {shown} is outside the years 1-9999") from None
        raise ValueError(
            f"cannot read date {shown}: use YYYY-MM-DD (or YYYY-MM, YYYY, or an ISO 8601 timestamp)"
        ) from None
    return DateValue.of_day(stamp.date())
