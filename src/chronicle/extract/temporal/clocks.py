"""Clock words, shared meridiems, a day before its clock time, and ordinal weekdays of a month (issue 16).

    "a quarter past 6"          TIME  6:15 on the day in context ("ten to three" after "at": 2:50)
    "3:30-6 p.m."               TIME  15:30 (the meridiem after the range is both ends')
    "Friday at noon"            TIME  noon on that Friday
    "the last Monday of March"  DATE  that Monday, in the year "March" takes alone
    "on 2/15", "by 15/2"        DATE  a numeric day without a year, month first unless it cannot be
    "three Fridays from now"    DATE  the third Friday after the anchor
    "the 20th of next month"    DATE  that day of the month named relatively
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re

from chronicle.extract.temporal import calendar as cal
from chronicle.extract.temporal.recognize import Found

_RANGE_MERIDIEM = re.compile(r"\s*(?:-|–|to|until|till|and)\s*(?P<hh>1[0-2]|0?[1-9])(?:[:.][0-5]\d)?\s*"
                             r"(?P<ampm>[ap]\.m\.|[ap]m(?!\w)|[ap]\.m(?!\w))", re.I)
_DAY_BEFORE = re.compile(r"(?P<day>\b\w+),?\s+at\s+(?:about\s+|around\s+)?$")
_HOUR_WORDS = {w: k + 1 for k, w in enumerate(
    ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"])}
_MINUTE_WORDS = {"a quarter": 15, "quarter": 15, "half": 30, "twenty-five": 25, "twenty": 20, "ten": 10, "five": 5}


def shared_meridiem(hh: int, g: dict, text: str, end: int) -> int:
    """'3:30-6 p.m.': a clock time without a meridiem takes the one closing the range after it."""
    if g.get("ampm") or g.get("word"):
        return hh
    m = _RANGE_MERIDIEM.match(text, end)
    if m is None or hh > 12:
        return hh
    hh2, pm = int(m.group("hh")), m.group("ampm").lower().startswith("p")
    if pm and hh < 12 and (hh <= hh2 or hh2 == 12):
        return hh + 12  # "11-1 p.m.": 11 stays in the morning
    return 0 if not pm and hh == 12 else hh


def day_before(f: Found, ctx, kinds: tuple[str, ...], kinds_table: dict):
    """'Friday at noon', 'tomorrow at 7 p.m.': the day named just before "at" is the clock time's day."""
    before = _DAY_BEFORE.search(ctx.text, max(0, f.start - 40), f.start)
    if before is None:
        return None
    m = ctx.grammar.pattern.match(ctx.text, before.start("day"))
    if m is None or m.end() != before.end("day"):
        return None
    rule, groups = ctx.grammar.match_groups(m)
    if rule.kind not in kinds:
        return None
    try:
        return kinds_table[rule.kind](Found(m.start(), m.end(), rule, groups, m), ctx), m.group()
    except (ValueError, KeyError, LookupError):
        return None


def clock_words(f: Found, ctx):
    """'a quarter past 6', 'half past noon', 'ten to three': read as the clock time they name."""
    from chronicle.extract.temporal.normalize import clock

    g = f.groups
    hw = g["hw"].lower()
    if hw in ("noon", "midnight"):
        hh = 12 if hw == "noon" else 0
    else:
        hh = _HOUR_WORDS.get(hw) or int(hw)
    words = (g.get("qm") or g.get("qm2") or "").lower()
    minutes = _MINUTE_WORDS.get(words) or int(re.sub(r"\D", "", words) or 0)
    if g.get("to"):
        hh, mm = (hh - 1) % 24, 60 - minutes
        if hw == "midnight":
            hh = 23
    else:
        mm = minutes
    ampm = g.get("ampm") or ("pm" if hw == "noon" else "")
    groups = {"hh": str(hh if hh <= 12 else hh - 12), "mm": f"{mm:02d}", **({"ampm": ampm} if ampm else {})}
    if hw == "midnight" or hw == "noon" and g.get("to"):
        groups = {"hh": str(hh), "mm": f"{mm:02d}"}  # 23:45, 11:45: already on the 24-hour clock
    r = clock(dataclasses.replace(f, groups=groups), ctx)
    r.desc = "clock time in words"
    return r


def nth_weekday(f: Found, ctx):
    """'the last Monday of March', 'the third Friday in May 2020': the month's year as for the month alone."""
    from chronicle.extract.temporal.normalize import Resolved, month

    g = f.groups
    m = ctx.grammar.month(g["month"])
    wd = ctx.grammar.weekday(g["wd"])
    n = ctx.grammar.lex["ordinal"][g["ord"].lower()]
    if g.get("y"):
        y, anchor, tense, note = int(g["y"]), None, None, ""
    else:
        alone = month(dataclasses.replace(f, groups={"month": g["month"]}), ctx)
        y, anchor, tense, note = int(alone.value[:4]), "publication", alone.tense, alone.note
    when = cal.nth_weekday(y, m, wd, n)
    if when.month != m:
        raise ValueError(f"no {g['ord']} {g['wd']} in {y}-{m:02d}")
    kw = {"anchor": anchor} if anchor else {}
    return Resolved(when.isoformat(), "ordinal weekday of a month", tense=tense, note=note, **kw)


def numeric_month_day(f: Found, ctx):
    """'on 2/15' (US order), 'by 15/2' (the first number cannot be a month): as 'February 15'."""
    from chronicle.extract.temporal.normalize import month_day

    a, b = int(f.groups["a"]), int(f.groups["b"])
    m, d = (a, b) if a <= 12 else (b, a)
    if m > 12:
        raise ValueError(f"no month in {a}/{b}")
    name = next(k for k, v in ctx.grammar.lex["month"].items() if v == m)
    r = month_day(dataclasses.replace(f, groups={"month": name, "d": str(d)}), ctx)
    r.desc = "numeric month and day without a year" + (" (day first: the first number is no month)" if a > 12 else
                                                        " (month first, US order)")
    return r


def from_now(f: Found, ctx):
    """'three Fridays from now': the third Friday after the anchor (issue 16)."""
    from chronicle.extract.temporal.normalize import Resolved, need_day

    g = f.groups
    n = ctx.grammar.number(g["n"])
    if n == "X" or not float(n).is_integer() or n < 1:
        return None
    a = need_day(ctx)
    wd = ctx.grammar.weekday(g["wd"])
    first = a + dt.timedelta(days=(wd - a.isoweekday()) % 7 or 7)
    when = first + dt.timedelta(weeks=int(n) - 1)
    return Resolved(when.isoformat(), f"{g['wd']} number {int(n)} after the anchor", anchor="publication")


def day_of_rel_month(f: Found, ctx):
    """'the 20th of next month', 'the 5th of last month': that day of the month reached from the anchor."""
    from chronicle.extract.temporal.normalize import Resolved, need_any

    g = f.groups
    step = {"next": 1, "last": -1, "this": 0, "the coming": 1, "the previous": -1}[" ".join(g["rel"].lower().split())]
    month = cal.shift(need_any(ctx).replace(day=1), "month", step)
    when = cal.safe_date(month.year, month.month, int(g["d"]))
    if when is None:
        raise ValueError(f"no day {g['d']} in {month:%Y-%m}")
    return Resolved(when.isoformat(), "day of a month named relatively", anchor="publication")
