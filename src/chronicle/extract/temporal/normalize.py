"""Normalisation: turn one recognised expression into a TIMEX3 value, anchored and explained.

Each rule ``kind`` of rules.toml has one small function: absolute and deictic ones here,
narrative chains and financial comparisons in chains.py, durations and sets in
durations.py, decades and ranges of years in years.py; :data:`KINDS` maps them all.
Deictic expressions ("Tuesday", "last week", "June 14") are anchored on the publication
date, in the direction the clause's tense gives; anaphoric ones ("a week later", "the next
day") on the date mentioned last before them, as HeidelTime does in narrative mode. Every function returns a
:class:`~chronicle.extract.temporal.context.Resolved` whose parts become ``explain``.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable

from chronicle.extract.temporal import calendar as cal
from chronicle.extract.temporal.chains import (
    chain_duration, chain_shift, chain_unit, chain_weekday, quarter_shift, ref_quarter, the_quarter, year_ago,
)
from chronicle.extract.temporal.context import (
    DAY_GRAINS, Context, NeedsAnchor, Resolved, approx_of, inside_anchor, mod_of, need_any, need_day,
    need_point,
)
from chronicle.extract.temporal.durations import (
    as_many, bare_units, duration, past_unit, set_every, set_named, set_word, vague, weekday_set,
)
from chronicle.extract.temporal.grammar import UTC_OFFSET
from chronicle.extract.temporal.holidays import holiday
from chronicle.extract.temporal.recognize import Found
from chronicle.extract.temporal.years import century, decade, spoken_year, year_period, year_range


# --- absolute --------------------------------------------------------------------------------

def _year(g: dict, ctx: Context) -> int:
    y = g["y"]
    return cal.two_digit_year(int(y), ctx.anchor_day) if len(y) == 2 else int(y)


def _month_num(g: dict, ctx: Context) -> int:
    return int(g["m"]) if "m" in g else ctx.grammar.month(g["month"])


def absolute_day(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    y, m, d = _year(g, ctx), _month_num(g, ctx), int(re.sub(r"\D", "", g["d"]))
    when = cal.safe_date(y, m, d)
    if when is None:
        raise ValueError(f"no such day: {y}-{m}-{d}")
    if g.get("hh"):
        return Resolved(f"{when.isoformat()}T{g['hh']}:{g['mm']}", "ISO date and time", type="TIME")
    return Resolved(when.isoformat(), "full date")


def absolute_month(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    return Resolved(cal.month(_year(g, ctx), _month_num(g, ctx)), "month and year", mod=mod_of(g, ctx))


def absolute_season(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    return Resolved(f"{_year(g, ctx):04d}-{ctx.grammar.lex['season'][g['season'].lower()]}", "season and year", mod=mod_of(g, ctx))


def absolute_year(f: Found, ctx: Context) -> Resolved:
    return Resolved(f"{_year(f.groups, ctx):04d}", "year", mod=mod_of(f.groups, ctx))


# --- anchored on the publication date, direction by tense --------------------------------------

def weekday(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    wd = ctx.grammar.weekday(g["wd"])
    rel = (g.get("rel") or "").lower()
    a = need_day(ctx)
    forward = (wd - a.isoweekday()) % 7
    back = (a.isoweekday() - wd) % 7
    tense = None
    if rel in ("last", "past", "this past"):
        when, note = a - dt.timedelta(days=back or 7), f"'{rel}': the one before the anchor"
    elif rel in ("next", "coming", "this coming"):
        when, note = a + dt.timedelta(days=forward or 7), f"'{rel}': the one after the anchor"
    elif rel == "this":
        when, note = a + dt.timedelta(days=wd - a.isoweekday()), "'this': in the anchor's week"
    elif forward == 0:
        # A Monday article saying "on Monday" means that very day (news usage), whatever the tense.
        when, note = a, "same weekday as the anchor: taken as the anchor day itself"
    else:
        tense = ctx.tense(f.start, f.end)
        if tense[0] == "past":
            when, note = a - dt.timedelta(days=back), "the last one before the anchor"
        elif tense[0] == "future":
            when, note = a + dt.timedelta(days=forward), "the next one after the anchor"
        else:
            # Present ("shares are down since Friday", "meets Friday"), modals and past plans
            # point either way in news (TBAQ train): the nearest one.
            when = a - dt.timedelta(days=back) if back <= forward else a + dt.timedelta(days=forward)
            note = "the nearest one (the tense gives no direction)"
    return _with_part_of_day(Resolved(when.isoformat(), "weekday", anchor="publication", tense=tense, note=note), g, ctx)


def _with_part_of_day(r: Resolved, g: dict, ctx: Context) -> Resolved:
    if g.get("pod"):
        r.value += "T" + ctx.grammar.lex["part_of_day"][g["pod"].lower()]
        r.type = "TIME"
    if g.get("mod"):
        r.mod = {"early": "START", "late": "END", "mid": "MID"}.get(g["mod"].lower())
    return r


def day_word(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    offset, pod = ctx.grammar.lex["day_word"][" ".join(g["dw"].lower().split())]
    when = need_day(ctx) + dt.timedelta(days=offset)
    r = Resolved(when.isoformat(), "day word", anchor="publication")
    if pod and not g.get("pod"):
        r.value += "T" + pod
        r.type = "TIME"
    return _with_part_of_day(r, g, ctx)


def this_pod(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    r = Resolved(need_day(ctx).isoformat(), "part of today", anchor="publication")
    return _with_part_of_day(r, {"pod": g["pod"]}, ctx)


def month_day(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    m, d = ctx.grammar.month(g["month"]), int(re.sub(r"\D", "", g["d"]))
    a = need_point(ctx)
    cands = [cal.safe_date(y, m, d) for y in range(a.year - 4, a.year + 2)]
    cands = [c for c in cands if c is not None]
    if not cands:
        raise ValueError(f"no such day: {m}-{d}")
    tense = ctx.tense(f.start, f.end)
    # Two months of slack: a dividend 'payable Dec. 7' in a late-October article is the coming one
    # even in a past-tense clause (TBAQ train).
    when, note = cal.pick([c for c in cands if abs(c.year - a.year) <= 1] or cands, a, tense[0], slack=62)
    if (inside := inside_anchor(ctx, cands)) is not None:
        when, note = inside, "the one inside the anchor's interval"
    return Resolved(when.isoformat(), "month and day without a year", anchor="publication", tense=tense, note=note)


def day_of_month(f: Found, ctx: Context) -> Resolved:
    """'on the 19th': that day of the month last named, else of the anchor's month (its year as for 'March 19')."""
    d = int(f.groups["d"])
    base = ctx.ref if ctx.ref is not None and ctx.ref.granularity.value in DAY_GRAINS + ("month",) else None
    if base is not None:
        when = cal.safe_date(base.start.year, base.start.month, d)
        if when is None:
            raise ValueError(f"no such day: {base.start.month}-{d}")
        return Resolved(when.isoformat(), "day of the month", anchor="previous",
                        note=f"in the month of the previous date {base.value}")
    a = need_point(ctx)
    month_name = next(k for k, v in ctx.grammar.lex["month"].items() if v == a.month)
    r = month_day(dataclasses.replace(f, groups={"month": month_name, "d": str(d)}), ctx)
    r.desc, r.note = "day of the month", "in the anchor's month" + (f"; {r.note}" if r.note else "")
    return r


def month(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    m = ctx.grammar.month(g["month"])
    a = need_point(ctx)
    tense = ctx.tense(f.start, f.end)
    firsts = [dt.date(y, m, 1) for y in (a.year - 1, a.year, a.year + 1)]
    this_month = a.replace(day=1)
    when, note = cal.pick(firsts, this_month, tense[0], slack=31)
    if (inside := inside_anchor(ctx, firsts)) is not None:
        when, note = inside, "the one inside the anchor's interval"
    return Resolved(cal.month(when.year, m), "month name", mod=mod_of(g, ctx), anchor="publication", tense=tense, note=note)


def month_span_quarter(f: Found, ctx: Context) -> Resolved:
    """'the January-March quarter': the calendar quarter the months span, in the year its first month takes."""
    m1, m2 = ctx.grammar.month(f.groups["m1"]), ctx.grammar.month(f.groups["m2"])
    if m1 % 3 != 1 or m2 != m1 + 2:
        raise ValueError("the months are not a calendar quarter")  # a fiscal quarter: no TIMEX3 value for it
    first = month(dataclasses.replace(f, groups={"month": f.groups["m1"]}), ctx)
    first.value, first.desc = f"{first.value[:4]}-Q{(m1 + 2) // 3}", "months spanning a quarter"
    return first


def units_around_event(f: Found, ctx: Context) -> Resolved:
    """'in the weeks before the shooting': some time near an event whose date is not known here."""
    tense = ctx.tense(f.start, f.end)
    value = "FUTURE_REF" if tense[0] == "future" else "PAST_REF"
    return Resolved(value, "units before or after an event (left vague)", tense=tense)


def rel_month(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    m = ctx.grammar.month(g["month"])
    a = need_any(ctx)
    rel = g["rel"].lower()
    if rel in ("last", "past", "this past"):
        y = a.year if m < a.month else a.year - 1
    elif rel in ("next", "coming", "this coming"):
        y = a.year if m > a.month else a.year + 1
    else:
        y = a.year
    return Resolved(cal.month(y, m), f"'{rel}' + month", anchor="publication")


_REL_STEP = {"last": -1, "previous": -1, "past": -1, "the past": -1, "this past": -1, "latest": -1, "this": 0, "current": 0,
             "next": 1, "coming": 1, "the coming": 1}


def rel_unit(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    if g.get("rel2"):  # "the beginning of the year": the anchor's own period
        g = {**g, "mod": g["mod2"], "rel": "this"}
    unit, rel = g["unit"].lower(), " ".join(g["rel"].lower().split())
    step = _REL_STEP[rel]
    a = need_day(ctx) if unit in ("week", "weekend") else need_any(ctx)
    if unit == "quarter" and rel == "latest":
        step = -1
    value = cal.at_grain(cal.shift(a, unit, step), unit)
    mod = mod_of(g, ctx) if g.get("mod", "").lower() not in ("earlier", "later") else None
    return Resolved(value, "relative period", mod=mod, anchor="publication")


def weekend(f: Found, ctx: Context) -> Resolved:
    rel = " ".join((f.groups.get("rel") or "the").lower().split())
    a = need_day(ctx)
    if rel in ("last", "past", "the past", "this past"):
        when, tense = a - dt.timedelta(days=7), None
    elif rel in ("next", "coming", "the coming", "this coming"):
        when, tense = a + dt.timedelta(days=7) if a.isoweekday() >= 6 else a, None
    else:
        tense = ctx.tense(f.start, f.end)
        past = tense[0] != "future"
        when = a if a.isoweekday() >= 6 or not past else a - dt.timedelta(days=7)
    return Resolved(cal.week(when) + "-WE", "weekend", anchor="publication", tense=tense)


def ago(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    if g.get("bare"):  # "years ago": some time in the past
        return Resolved("PAST_REF", "plural unit + 'ago' (a vague past)")
    n = ctx.grammar.number(g["n"])
    unit = ctx.grammar.unit(g["unit"])
    approx = approx_of(g, ctx)
    if n == "X":
        return Resolved("PAST_REF", "vague count + 'ago'", mod=approx)
    q = ref_quarter(ctx)
    if q is not None and unit == "year" and float(n).is_integer():
        return Resolved(quarter_shift(q, -int(n)), "years + 'ago' after a quarter: the same quarter then",
                        mod=approx, anchor="previous", sets_ref=False)
    a = need_day(ctx) if unit in ("day", "week", "weekend", "night") else need_any(ctx)
    years = int(n) * {"year": 1, "decade": 10, "century": 100}.get(unit, 0)
    if years >= a.year:  # "2,500 years ago": before year 1, written as TIMEX3 does (BC0488)
        return Resolved(f"BC{years - a.year + 1:04d}", "count + unit + 'ago', before the common era", mod=approx,
                        anchor="publication", sets_ref=False)
    when = cal.shift(a, unit, -int(n))
    return Resolved(cal.at_grain(when, unit), "count + unit + 'ago'", mod=approx, anchor="publication")


def quarter(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    if g.get("q"):
        q = int(g["q"])
    elif g["ord"].lower() in ("last", "final"):  # "the last quarter of 2012"
        q = 4
    else:
        q = ctx.grammar.lex["ordinal"][g["ord"].lower()]
    tense = None
    if g.get("y") or g.get("y2"):
        y = int(g.get("y") or g["y2"])
    elif g.get("ago"):
        y = need_any(ctx).year - 1
    else:
        a = need_any(ctx)
        rel = (g.get("rel") or g.get("rel2") or "").lower()
        y = a.year + {"last": -1, "next": 1}.get(rel, 0)
        if not rel and q > (a.month - 1) // 3 + 1:
            tense = ctx.tense(f.start, f.end)
            if tense[0] != "future":
                y -= 1
    absolute = g.get("y") or g.get("y2")
    return Resolved(f"{y:04d}-Q{q}", "quarter", mod=mod_of(g, ctx), anchor=None if absolute else "publication", tense=tense)


def week_of(f: Found, ctx: Context) -> Resolved:
    r = absolute_day(f, ctx) if f.groups.get("y") else month_day(f, ctx)
    r.value, r.desc = cal.week(dt.date.fromisoformat(r.value)), "the week of a date"
    return r


def month_quarter(f: Found, ctx: Context) -> Resolved:
    """'the December quarter': the calendar quarter holding that month, the month's year picked as for a bare month."""
    r = month(f, ctx)
    y, m = int(r.value[:4]), int(r.value[5:7])
    r.value, r.desc = f"{y:04d}-Q{(m - 1) // 3 + 1}", "quarter named by its month"
    return r


def month_rel_year(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    y = need_any(ctx).year + {"last": -1, "next": 1}.get(g["rel"].lower(), 0)
    return Resolved(cal.month(y, ctx.grammar.month(g["month"])), f"month + '{g['rel'].lower()} year'",
                    mod=mod_of(g, ctx), anchor="publication")


def month_day_rel_year(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    rel = g["rel"].lower()
    y = need_any(ctx).year + {"last": -1, "next": 1}.get(rel, 0)
    when = cal.safe_date(y, ctx.grammar.month(g["month"]), int(re.sub(r"\D", "", g["d"])))
    if when is None:
        raise ValueError(f"no such day in {y}: {f.match.group()}")
    return Resolved(when.isoformat(), f"month and day + '{rel} year'", anchor="publication")


def the_year(f: Found, ctx: Context) -> Resolved:
    """'the year ended Sept. 30' (a reporting period: P1Y); 'the fiscal year', 'year-end', 'for the year' (the
    current year); 'the latest/last/previous fiscal year' (the one before)."""
    if f.rule.type == "DURATION":
        return Resolved("P1Y", "reporting year")
    g = f.groups
    y = need_any(ctx).year
    if (g.get("rel") or "").strip().lower() in ("latest", "last", "previous"):
        y -= 1
    return Resolved(f"{y:04d}", "the year under report", mod="END" if g.get("end") else None, anchor="publication")


def half(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    h = 1 if (g.get("ord") or g["ord2"]).lower() == "first" else 2  # second, latter, last, back: H2
    if g.get("y"):
        y = int(g["y"])
    else:
        y = need_any(ctx).year + {"last": -1, "next": 1}.get(g["rel"].lower(), 0)
    return Resolved(f"{y:04d}-H{h}", "half year", anchor=None if g.get("y") else "publication")


def season(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    code = ctx.grammar.lex["season"][g["season"].lower()]
    a = need_point(ctx)
    cur_y, cur_code = cal.season_of(a)
    current = cal.season_start(cur_y, cur_code)
    starts = [cal.season_start(y, code) for y in (a.year - 2, a.year - 1, a.year, a.year + 1)]
    rel = " ".join((g.get("rel") or "").lower().split())
    tense = None
    if rel in ("last", "past", "this past"):
        when = max(s for s in starts if s < current)
    elif rel in ("next", "coming", "this coming"):
        when = min(s for s in starts if s > current)
    elif rel == "this":
        when = min(starts, key=lambda s: abs((s - current).days))
    else:
        tense = ctx.tense(f.start, f.end)
        when, _ = cal.pick(starts, current, tense[0])
    return Resolved(f"{when.year:04d}-{code}", "season", mod=mod_of(g, ctx), anchor="publication", tense=tense)


def _clock_time(g: dict) -> tuple[int, int]:
    if g.get("word"):
        return {"noon": (12, 0), "midday": (12, 0), "midnight": (0, 0)}[g["word"].lower()]
    hh, mm = int(g["hh"]), int(g.get("mm") or 0)
    ampm = (g.get("ampm") or "").lower()
    if ampm.startswith("p") and hh < 12:
        hh += 12
    elif ampm.startswith("a") and hh == 12:
        hh = 0
    return hh, mm


_UTC_OFFSET = re.compile(UTC_OFFSET + "$")


def zone_offset(zone: str, day: dt.date, lex: dict) -> float | None:
    """Hours east of UTC for a zone as written ("GMT", "EDT", "GMT +8", "UTC-05:00"); None if unknown."""
    if m := _UTC_OFFSET.match(zone):
        hours = int(m.group(2)) + int(m.group(3) or 0) / 60
        return -hours if m.group(1) in "-−" else hours
    key = zone.lower()
    if key not in lex["zone"]:
        return None
    if key in lex.get("zone_iana", {}):
        try:
            from zoneinfo import ZoneInfo

            noon = dt.datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo(lex["zone_iana"][key]))
            return noon.utcoffset().total_seconds() / 3600
        except (ImportError, LookupError, ValueError, OSError):
            pass  # no time-zone database: the fixed offset and the US rule below
    summer = key in lex.get("zone_rules", {}).get("us_generic", ()) and cal.us_summer_time(day)
    return lex["zone"][key] + (1 if summer else 0)


def at_time(day: str, hh: int, mm: int, zone: str | None, ctx: Context) -> tuple[str, str]:
    """A clock time on a day as a TIME value, with its note. When the text gives the zone, the value carries
    it as an ISO 8601 designator: 'Z' for GMT/UTC ('1300 GMT' is ...T13:00Z, MEANTIME's convention), else the
    offset ('9 p.m. EDT' is ...T21:00-04:00). The time stays the one written, so the day stays the story's
    day, and two outlets' '1300 GMT' and '9 a.m. EDT' still compare as one instant."""
    local = f"{day[:10]}T{hh:02d}:{mm:02d}"
    if not zone:
        return local, ""
    try:
        date = dt.date.fromisoformat(day[:10])
    except ValueError:
        return local, f"time zone {zone}"
    offset = zone_offset(zone, date, ctx.grammar.lex)
    if offset is None:
        return local, f"time zone {zone}"
    if offset == 0:
        return local + "Z", f"time zone {zone} (UTC)"
    minutes = round(abs(offset) * 60)
    designator = f"{'+' if offset > 0 else '-'}{minutes // 60:02d}:{minutes % 60:02d}"
    return local + designator, f"time zone {zone} (UTC{designator})"


def clock_on_day(f: Found, ctx: Context) -> Resolved:
    """'10 p.m. Wednesday', 'noon Thursday', '5 p.m. EST, Nov. 9': the day resolved as alone, then the time."""
    g = f.groups
    if g.get("wd"):
        day = weekday(dataclasses.replace(f, groups={"wd": g["wd"]}), ctx)
    elif g.get("dw"):
        day = day_word(dataclasses.replace(f, groups={"dw": g["dw"]}), ctx)
    else:
        day = month_day(dataclasses.replace(f, groups={"month": g["month"], "d": g["d"]}), ctx)
    hh, mm = _clock_time(g)
    day.value, zone_note = at_time(day.value, hh, mm, g.get("zone") or g.get("zone2"), ctx)
    day.type, day.desc = "TIME", f"clock time on a {day.desc}"
    if zone_note:
        day.note = (day.note + ", " if day.note else "") + zone_note
    return day


# "2:30 p.m. local time on Friday": the day named right after a clock time is its day; so is the day after
# a bracketed conversion ("10:03 GMT (18:03 HKT) March 22").
_DAY_AFTER = re.compile(r"(?:,?\s+local\s+time)?\)?(?:\s+\([^)\n]{1,20}\))?,?\s+(?:on\s+)?"
                        r"(?:(?:Mon|Tues?|Wed|Thu(?:rs)?|Fri|Sat|Sun)\.?,?\s+(?=[A-Z]))?")  # "at 7:30 PM on Fri, Sep 20"
_DAY_KINDS = ("weekday", "day_word", "month_day", "absolute_day", "month_day_rel_year")


def _day_after(f: Found, ctx: Context) -> tuple[Resolved, str] | None:
    gap = _DAY_AFTER.match(ctx.text, f.end)
    if gap is None:
        return None
    m = ctx.grammar.pattern.match(ctx.text, gap.end())
    if m is None:
        return None
    rule, groups = ctx.grammar.match_groups(m)
    if rule.kind not in _DAY_KINDS:
        return None
    try:
        return KINDS[rule.kind](Found(m.start(), m.end(), rule, groups, m), ctx), m.group()
    except (NeedsAnchor, ValueError, KeyError):  # no anchor for it, or no such day: the clock time stands alone
        return None


def clock(f: Found, ctx: Context) -> Resolved:
    from chronicle.extract.temporal.clocks import day_before, shared_meridiem

    g = f.groups
    hh, mm = _clock_time(g)
    hh = shared_meridiem(hh, g, ctx.text, f.end)
    after = _day_after(f, ctx) or day_before(f, ctx, _DAY_KINDS, KINDS)
    if after is not None:
        day, phrase = after
        day.value, zone_note = at_time(day.value, hh, mm, g.get("zone") or g.get("zone2"), ctx)
        day.type, day.desc = "TIME", "clock time"
        where = "after" if ctx.text.find(phrase, f.end) >= 0 else "before"
        day.note = f"on the day named {where} it ('{phrase}')" + (f", {zone_note}" if zone_note else "")
        day.sets_ref = False  # the day itself follows and sets the reference
        return day
    if ctx.ref is not None and ctx.ref.granularity.value in DAY_GRAINS:
        base, source = ctx.ref.start, "previous"
    else:
        base, source = need_day(ctx), "publication"
    value, zone_note = at_time(base.isoformat(), hh, mm, g.get("zone") or g.get("zone2"), ctx)
    return Resolved(value, "clock time", anchor=source, note=zone_note)


KINDS: dict[str, Callable[[Found, Context], Resolved]] = {
    "absolute_day": absolute_day, "absolute_month": absolute_month, "absolute_season": absolute_season,
    "absolute_year": absolute_year, "decade": decade, "century": century, "weekday": weekday, "day_word": day_word,
    "this_pod": this_pod, "month_day": month_day, "day_of_month": day_of_month,
    "month_span_quarter": month_span_quarter, "units_around_event": units_around_event, "month": month, "rel_month": rel_month, "rel_unit": rel_unit,
    "weekend": weekend, "ago": ago, "quarter": quarter, "half": half, "season": season, "chain_shift": chain_shift,
    "chain_unit": chain_unit, "clock": clock, "duration": duration, "past_unit": past_unit, "bare_units": bare_units,
    "as_many": as_many, "set": set_every, "set_word": set_word, "weekday_set": weekday_set, "vague": vague,
    "clock_on_day": clock_on_day, "year_ago": year_ago, "the_quarter": the_quarter, "holiday": holiday,
    "month_rel_year": month_rel_year, "the_year": the_year, "chain_duration": chain_duration,
    "month_day_rel_year": month_day_rel_year, "chain_weekday": chain_weekday, "year_range": year_range,
    "spoken_year": spoken_year, "month_quarter": month_quarter, "week_of": week_of, "set_named": set_named,
    "year_period": year_period,
}

from chronicle.extract.temporal.clocks import clock_words, day_of_rel_month, from_now, nth_weekday, numeric_month_day  # noqa: E402

KINDS.update({"clock_words": clock_words, "nth_weekday": nth_weekday, "numeric_month_day": numeric_month_day,
              "from_now": from_now, "day_of_rel_month": day_of_rel_month})
