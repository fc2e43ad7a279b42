"""Calendar arithmetic and TIMEX3 spelling for the normalisers: shifting by units, picking years by tense."""
from __future__ import annotations

import datetime as dt

SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def day(d: dt.date) -> str:
    return d.isoformat()


def week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def add_months(d: dt.date, n: int) -> dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    m += 1
    last = (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(y, m, min(d.day, last))


def shift(d: dt.date, unit: str, n: int) -> dt.date:
    """Move ``d`` by ``n`` units (day, week, weekend, fortnight, month, quarter, year, decade, century)."""
    if unit in ("day", "night", "morning", "afternoon", "evening"):
        return d + dt.timedelta(days=n)
    if unit in ("week", "weekend"):
        return d + dt.timedelta(weeks=n)
    if unit == "fortnight":
        return d + dt.timedelta(weeks=2 * n)
    if unit == "month":
        return add_months(d, n)
    if unit == "quarter":
        return add_months(d, 3 * n)
    years = {"year": 1, "decade": 10, "century": 100}.get(unit)
    if years is None:
        return d  # hours, minutes: below a day, the day stays
    try:
        return d.replace(year=d.year + years * n)
    except ValueError:  # 29 February into a common year
        return d.replace(year=d.year + years * n, day=28)


def at_grain(d: dt.date, unit: str) -> str:
    """The TIMEX3 value of the ``unit``-sized period that contains ``d``."""
    if unit in ("day", "night", "hour", "minute", "second", "morning", "afternoon", "evening"):
        return day(d)
    if unit in ("week", "fortnight"):
        return week(d)
    if unit == "weekend":
        return week(d) + "-WE"
    if unit == "month":
        return month(d.year, d.month)
    if unit == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if unit == "decade":
        return f"{d.year // 10:03d}"
    if unit == "century":
        return f"{d.year // 100:02d}"
    return f"{d.year:04d}"


def safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def pick(candidates: list[dt.date], anchor: dt.date, tense: str, slack: int = 0) -> tuple[dt.date, str]:
    """Choose among the yearly occurrences of a date by tense; return it and the reason.

    past: the latest on or before the anchor; future: the earliest on or after it;
    otherwise the nearest (news usage: a bare "June 14" is the closest one). ``slack`` days
    let a past-tense clause still name a date just after the anchor ("extended to Nov. 20"
    in a Nov. 2 article; TimeBank has many), and a future one a date just before it.
    """
    cands = sorted(c for c in candidates if c is not None)
    margin = dt.timedelta(days=slack)
    if tense == "past":
        before = [c for c in cands if c <= anchor + margin]
        if before:
            return before[-1], "latest on or before the anchor (past tense)"
    elif tense == "future":
        after = [c for c in cands if c >= anchor - margin]
        if after:
            return after[0], "next on or after the anchor (future tense)"
    best = min(cands, key=lambda c: (abs((c - anchor).days), c > anchor))
    return best, "nearest to the anchor"


def season_start(y: int, code: str) -> dt.date:
    return dt.date(y, SEASON_START[code], 1)


def season_of(d: dt.date) -> tuple[int, str]:
    """The (year, code) of the season containing ``d``; winter belongs to the year of its December."""
    m = d.month
    if m in (12,):
        return d.year, "WI"
    if m in (1, 2):
        return d.year - 1, "WI"
    return d.year, {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(m, "FA")


def two_digit_year(yy: int, anchor: dt.date | None) -> int:
    """'12' -> 2012: the century that puts the year at most 10 years after the anchor (or 2000-2049)."""
    pivot = (anchor.year if anchor else 2040) + 10
    year = 2000 + yy if 2000 + yy <= pivot else 1900 + yy
    return year


def number_text(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def easter(y: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day_ = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(y, month, day_ + 1)


def nth_weekday(y: int, m: int, wd: int, n: int) -> dt.date:
    """The n-th ISO weekday ``wd`` of month ``m`` (n = -1: the last one)."""
    if n > 0:
        first = dt.date(y, m, 1)
        return first + dt.timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (n - 1))
    last = add_months(dt.date(y, m, 1), 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - wd) % 7)


def holiday(rule: str, y: int) -> dt.date:
    """The day of a holiday in year ``y`` from its lexicon rule ("12-25", "nth:11:4:4", "nth:11:4:4:1",
    "easter:-2", "us_election")."""
    if rule == "us_election":  # the Tuesday after the first Monday of November
        return nth_weekday(y, 11, 1, 1) + dt.timedelta(days=1)
    kind, _, arg = rule.partition(":")
    if kind == "easter":
        return easter(y) + dt.timedelta(days=int(arg))
    if kind == "nth":  # "nth:11:4:4" (the 4th Thursday of November), "nth:11:4:4:1" (the day after it)
        m, wd, n, *shift = (int(x) for x in arg.split(":"))
        return nth_weekday(y, m, wd, n) + dt.timedelta(days=sum(shift))
    m, d = (int(x) for x in rule.split("-"))
    return dt.date(y, m, d)


def us_summer_time(d: dt.date) -> bool:
    """US daylight saving time: 2nd Sunday of March to 1st Sunday of November (since 2007; April-October before)."""
    if d.year >= 2007:
        return nth_weekday(d.year, 3, 7, 2) <= d < nth_weekday(d.year, 11, 7, 1)
    return nth_weekday(d.year, 4, 7, 1) <= d < nth_weekday(d.year, 10, 7, -1)
