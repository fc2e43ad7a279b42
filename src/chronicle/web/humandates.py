"""Dates as people write them: a TIMEX3 value ("2025-W37") shown as "week of 8 Sep 2025".

    >>> [human_date(v) for v in ("2025-03-18", "2025-W37", "2025-03", "2025")]
    ['18 Mar 2025', 'week of 8 Sep 2025', 'March 2025', '2025']
    >>> [human_date(v) for v in ("2025-W37-WE", "2025-Q2", "2025-H1", "2024-WI", "202", "19")]
    ['weekend of 13 Sep 2025', 'April–June 2025', 'first half of 2025', 'winter 2024', 'the 2020s', 'the 1900s']
    >>> human_date("2025-03-18T10:30"), human_date("PAST_REF"), human_date(None)
    ('18 Mar 2025', 'PAST_REF', '')
"""
from __future__ import annotations

from functools import lru_cache

from chronicle.dates import DateValue, Granularity

SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "AU": "autumn", "WI": "winter"}


def _day(d) -> str:
    return f"{d.day} {d.strftime('%b')} {d.year}"


def human_date(value: str | None) -> str:
    """``value`` (a TIMEX3 date value) as a reader would write it; a value that is not a calendar
    date comes back as it is, and None as an empty string."""
    if not value:
        return ""
    # A page shows thousands of dates, most of them the same few hundred days.
    return _human(value) if type(value) is str else _human.__wrapped__(value)


@lru_cache(maxsize=4096)
def _human(value: str) -> str:
    parsed = DateValue.try_parse(value)
    if parsed is None:
        return str(value)
    g, start, end = parsed.granularity, parsed.start, parsed.end
    if g in (Granularity.DAY, Granularity.TIME):
        return _day(start)
    if g is Granularity.WEEK:
        return f"weekend of {_day(start)}" if value.endswith("-WE") else f"week of {_day(start)}"
    if g is Granularity.MONTH:
        return f"{start.strftime('%B')} {start.year}"
    if g is Granularity.QUARTER:
        if "-H" in value:
            return f"{'first' if start.month == 1 else 'second'} half of {start.year}"
        return f"{start.strftime('%B')}–{end.strftime('%B')} {start.year}"
    if g is Granularity.SEASON:
        return f"{SEASONS.get(value.rsplit('-', 1)[-1], 'season')} {start.year}"
    if g is Granularity.YEAR:
        return str(start.year)
    if g is Granularity.DECADE:
        return f"the {int(value) * 10}s"
    if g is Granularity.CENTURY:
        return f"the {int(value) * 100}s"
    return str(value)
