"""Holidays of the Islamic, Hebrew, Chinese, Hindu, Buddhist and Persian calendars, for any year (issue 16).

The lexicon's ``[holiday]`` rules name a calendar and a day in it ("hijri:9:1:month" is all of
Ramadan); :func:`occurrences` gives the Gregorian days each one falls on in a Gregorian year,
and which calendar said so (shown in ``explain``). The dates come from calendar libraries,
never from tables written here:

- Islamic: ``hijridate``, the Umm al-Qura calendar of Saudi Arabia (AH 1343-1500, 1924-2077).
  Countries that wait for the crescent can start a month a day later.
- Hebrew: ``pyluach`` (arithmetic Hebrew calendar). A day starts at the sunset before it:
  Hanukkah 2025 is 15-22 December, its first candle lit on the evening of the 14th.
- Chinese: ``lunar_python`` (the astronomical Chinese calendar, Beijing time).
- Diwali, Vesak and Nowruz have no maintained library under a permissive licence; they are
  computed from the Sun and the Moon by ``astronomy-engine`` with the rules their calendars
  state (see :func:`diwali`, :func:`vesak`, :func:`nowruz`).

Every library is imported on first use, so ``import chronicle`` stays light.
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One observance: its first and last day (the same for a one-day holiday) and its calendar."""

    start: dt.date
    end: dt.date
    calendar: str


HIJRI = "Umm al-Qura Islamic calendar (hijridate)"
HEBREW = "Hebrew calendar (pyluach)"
CHINESE = "Chinese lunisolar calendar (lunar_python)"
COMPUTED = {"diwali": "Hindu lunisolar rule (amanta Ashvin's new moon, Lahiri ayanamsa) computed with astronomy-engine",
            "vesak": "Buddhist lunisolar rule (Vaishakha's full moon, Sri Lanka's day) computed with astronomy-engine",
            "nowruz": "Iranian solar calendar rule (March equinox before or after noon in Tehran) computed with "
                      "astronomy-engine"}

CALENDAR_KINDS = ("hijri", "hebrew", "chinese", "diwali", "vesak", "nowruz")


def occurrences(rule: str, year: int) -> list[Occurrence]:
    """The observances of a calendar rule that start in Gregorian ``year`` (none, one, or two for a
    lunar holiday that drifts through the year: Eid al-Fitr fell on 8 January and 27 December 2000).

    >>> occurrences("hijri:10:1", 2023)[0].start.isoformat()
    '2023-04-21'
    """
    return list(_occurrences(rule, year))


@functools.lru_cache(maxsize=512)
def _occurrences(rule: str, year: int) -> tuple[Occurrence, ...]:
    kind, _, arg = rule.partition(":")
    if kind in ("diwali", "vesak", "nowruz"):
        day = {"diwali": diwali, "vesak": vesak, "nowruz": nowruz}[kind](year)
        return (Occurrence(day, day, COMPUTED[kind]),)
    month, day, *length = arg.split(":")
    m, d = int(month), int(day)
    if kind == "hijri":
        found = _hijri(m, d, length[0] if length else "1", year)
    elif kind == "hebrew":
        found = _hebrew(m, d, int(length[0]) if length else 1, year)
    elif kind == "chinese":
        found = _chinese(m, d, year)
    else:
        raise ValueError(f"unknown calendar rule: {rule!r}")
    return tuple(sorted((o for o in found if o.start.year == year), key=lambda o: o.start))


def _hijri(m: int, d: int, length: str, year: int) -> list[Occurrence]:
    from hijridate import Gregorian, Hijri

    first = Gregorian(year, 1, 1).to_hijri().year if 1925 <= year <= 2076 else None
    if first is None:
        raise ValueError(f"{year} is outside the Umm al-Qura calendar (1925-2076)")
    out = []
    for hy in (first, first + 1):
        try:
            h = Hijri(hy, m, d)
            start = dt.date(*h.to_gregorian().datetuple())
            days = h.month_length() - d + 1 if length == "month" else int(length)
        except (ValueError, OverflowError):  # past AH 1500
            continue
        out.append(Occurrence(start, start + dt.timedelta(days=days - 1), HIJRI))
    return out


def _hebrew(m: int, d: int, days: int, year: int) -> list[Occurrence]:
    from pyluach.dates import HebrewDate

    out = []
    for hy in (year + 3760, year + 3761):
        start = HebrewDate(hy, m, d).to_pydate()
        out.append(Occurrence(start, start + dt.timedelta(days=days - 1), HEBREW))
    return out


def _chinese(m: int, d: int, year: int) -> list[Occurrence]:
    from lunar_python import Lunar

    out = []
    for ly in (year - 1, year):
        s = Lunar.fromYmd(ly, m, d).getSolar()
        out.append(Occurrence(dt.date(s.getYear(), s.getMonth(), s.getDay()), dt.date(s.getYear(), s.getMonth(), s.getDay()),
                              CHINESE))
    return out


# --- computed rules (astronomy-engine) ---------------------------------------------------------

_IST = dt.timedelta(hours=5, minutes=30)  # India and Sri Lanka
_IRST = dt.timedelta(hours=3, minutes=30)  # Iran: the Tehran meridian (52.5 E) of the Solar Hijri calendar


def _utc(t) -> dt.datetime:
    return t.Utc().replace(tzinfo=None)


def _lahiri(year: int) -> float:
    """The Lahiri ayanamsa in degrees (23.853 at J2000, 50.29 arc seconds a year): tropical minus sidereal."""
    return 23.853 + (year - 2000) * 50.29 / 3600


def _sankranti(year: int, sign: int, month: int):
    """When the Sun enters sidereal sign ``sign`` (0 Mesha ... 6 Tula) of the Indian calendars, searched from ``month``."""
    import astronomy

    target = (30 * sign + _lahiri(year)) % 360
    return astronomy.SearchSunLongitude(target, astronomy.Time.Make(year, month, 1, 0, 0, 0), 60)


def _phase_after(angle: float, t, days: float = 40):
    import astronomy

    return astronomy.SearchMoonPhase(angle, t, days)


@functools.lru_cache(maxsize=256)
def diwali(year: int) -> dt.date:
    """Diwali (Lakshmi Puja): the Amavasya that ends the lunar month Ashvin (amanta), the month in
    which the Sun enters sidereal Tula (Libra, Lahiri ayanamsa). Of the days of that Amavasya
    tithi (the Moon 348-360 degrees ahead of the Sun), the first whose sunset in New Delhi falls
    inside it, as India's gazetted holiday takes it (2024-10-31, not 11-01)."""
    import astronomy

    new_moon = _phase_after(0, _sankranti(year, 6, 9))
    tithi = _phase_after(348, new_moon.AddDays(-3), 4)
    delhi = astronomy.Observer(28.61, 77.21, 216)
    sunset = astronomy.SearchRiseSet(astronomy.Body.Sun, delhi, astronomy.Direction.Set, tithi, 2)
    when = sunset if sunset is not None and sunset.ut < new_moon.ut else new_moon
    return (_utc(when) + _IST).date()


@functools.lru_cache(maxsize=256)
def vesak(year: int) -> dt.date:
    """Vesak: the full moon (Purnima) of the lunar month Vaishakha (amanta), the month in which the Sun
    enters sidereal Vrishabha (Taurus, Lahiri ayanamsa); the day, in Sri Lanka's time, that holds
    most of the Purnima tithi (the Moon 168-180 degrees from the Sun), as Sri Lanka's Vesak Poya and
    the UN Day of Vesak take it. Singapore and Malaysia follow other almanacs and can differ by a
    day, or by a month in a year with a leap month."""
    sankranti = _sankranti(year, 1, 4)
    new_moon = _phase_after(0, sankranti.AddDays(-30), 31)
    later = _phase_after(0, new_moon.AddDays(1), 31)
    if later is not None and later.ut <= sankranti.ut:
        new_moon = later
    full = _phase_after(180, new_moon, 20)
    tithi = _phase_after(168, full.AddDays(-2), 3)
    middle = _utc(tithi) + (_utc(full) - _utc(tithi)) / 2
    return (middle + _IST).date()


@functools.lru_cache(maxsize=256)
def nowruz(year: int) -> dt.date:
    """Nowruz, 1 Farvardin of the Iranian (Solar Hijri) calendar: the day of the March equinox if it
    comes before noon in Tehran time (UTC+3:30), else the day after. Where Nowruz is kept on the
    equinox's own day (Central Asia, the diaspora), 2025 was 20 March; Iran's 1 Farvardin was the 21st."""
    import astronomy

    equinox = _utc(astronomy.Seasons(year).mar_equinox) + _IRST
    return equinox.date() + dt.timedelta(days=equinox.hour >= 12)
