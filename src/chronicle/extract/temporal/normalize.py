"""Normalisation: turn one recognised expression into a TIMEX3 value, anchored and explained.

Each rule ``kind`` of rules.toml has one small function here. Deictic expressions
("Tuesday", "last week", "June 14") are anchored on the publication date, in the direction
the clause's tense gives; anaphoric ones ("a week later", "the next day") on the date
mentioned last before them, as HeidelTime does in narrative mode. Every function returns a
:class:`Resolved` whose parts become the ``explain`` text.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from chronicle.dates import DateValue
from chronicle.extract.temporal import calendar as cal
from chronicle.extract.temporal.grammar import Grammar
from chronicle.extract.temporal.recognize import Found

DAY_GRAINS = ("day", "time")


@dataclass(slots=True)
class Context:
    text: str
    grammar: Grammar
    anchor: DateValue | None  # the publication date (given or inferred)
    anchor_source: str  # manifest, metadata, option, inferred, given
    tense: Callable[[int, int], tuple[str, str]]
    ref: DateValue | None = None  # the date mentioned last (narrative anchoring)
    ref_text: str = ""

    @property
    def anchor_day(self) -> dt.date | None:
        a = self.anchor
        return a.start if a is not None and a.granularity.value in DAY_GRAINS else None


@dataclass(slots=True)
class Resolved:
    value: str
    desc: str  # the rule in words: "weekday", "month and day without a year"
    type: str | None = None  # overrides the rule's type
    mod: str | None = None
    anchor: str | None = None  # "publication" or "previous"
    tense: tuple[str, str] | None = None
    note: str = ""
    sets_ref: bool = True  # False: a comparison date ("a year ago" after a quarter) that later ones do not chain on


class NeedsAnchor(Exception):
    """The expression is relative and no anchor of the needed precision is known."""


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
    return Resolved(cal.month(_year(g, ctx), _month_num(g, ctx)), "month and year", mod=_mod(g, ctx))


def absolute_season(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    return Resolved(f"{_year(g, ctx):04d}-{ctx.grammar.lex['season'][g['season'].lower()]}", "season and year", mod=_mod(g, ctx))


def absolute_year(f: Found, ctx: Context) -> Resolved:
    return Resolved(f"{_year(f.groups, ctx):04d}", "year", mod=_mod(f.groups, ctx))


def decade(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    if g.get("dec"):
        value = g["dec"][:3]
    else:
        dd = int(g["dec2"])
        value = ("20" if dd <= 20 else "19") + g["dec2"][0]
    return Resolved(value, "decade", mod=_mod(g, ctx))


def century(f: Found, ctx: Context) -> Resolved:
    return Resolved(f"{int(f.groups['c']) - 1:02d}", "century", mod=_mod(f.groups, ctx))


def _mod(g: dict, ctx: Context) -> str | None:
    word = g.get("mod")
    if not word:
        return None
    return ctx.grammar.lex["modifier"].get(" ".join(word.lower().split()))


# --- anchored on the publication date, direction by tense --------------------------------------

def _need_day(ctx: Context) -> dt.date:
    if ctx.anchor_day is None:
        raise NeedsAnchor
    return ctx.anchor_day


def _need_any(ctx: Context) -> dt.date:
    if ctx.anchor is None:
        raise NeedsAnchor
    return ctx.anchor.start


def weekday(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    wd = ctx.grammar.weekday(g["wd"])
    rel = (g.get("rel") or "").lower()
    a = _need_day(ctx)
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
    when = _need_day(ctx) + dt.timedelta(days=offset)
    r = Resolved(when.isoformat(), "day word", anchor="publication")
    if pod and not g.get("pod"):
        r.value += "T" + pod
        r.type = "TIME"
    return _with_part_of_day(r, g, ctx)


def this_pod(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    r = Resolved(_need_day(ctx).isoformat(), "part of today", anchor="publication")
    return _with_part_of_day(r, {"pod": g["pod"]}, ctx)


def month_day(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    m, d = ctx.grammar.month(g["month"]), int(re.sub(r"\D", "", g["d"]))
    a = _need_any(ctx)
    cands = [cal.safe_date(y, m, d) for y in range(a.year - 4, a.year + 2)]
    cands = [c for c in cands if c is not None]
    if not cands:
        raise ValueError(f"no such day: {m}-{d}")
    tense = ctx.tense(f.start, f.end)
    # Two months of slack: a dividend 'payable Dec. 7' in a late-October article is the coming one
    # even in a past-tense clause (TBAQ train).
    when, note = cal.pick([c for c in cands if abs(c.year - a.year) <= 1] or cands, a, tense[0], slack=62)
    return Resolved(when.isoformat(), "month and day without a year", anchor="publication", tense=tense, note=note)


def holiday(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    name = " ".join(g["h"].lower().replace("’", "'").split())
    rule = ctx.grammar.lex["holiday"].get(name) or ctx.grammar.lex["holiday"][name.replace("s day", "'s day")]
    if g.get("y"):
        return Resolved(cal.holiday(rule, int(g["y"])).isoformat(), "holiday and year")
    a = _need_any(ctx)
    cands = [cal.holiday(rule, y) for y in range(a.year - 1, a.year + 2)]
    rel = (g.get("rel") or "").lower()
    tense = None
    if rel == "last":
        when, note = max(c for c in cands if c < a), "'last': the one before the anchor"
    elif rel == "next":
        when, note = min(c for c in cands if c > a), "'next': the one after the anchor"
    elif rel == "this":
        when, note = cands[1], "'this': in the anchor's year"
    else:
        tense = ctx.tense(f.start, f.end)
        when, note = cal.pick(cands, a, tense[0])
    return Resolved(when.isoformat(), "holiday", anchor="publication", tense=tense, note=note)


def month(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    m = ctx.grammar.month(g["month"])
    a = _need_any(ctx)
    tense = ctx.tense(f.start, f.end)
    firsts = [dt.date(y, m, 1) for y in (a.year - 1, a.year, a.year + 1)]
    this_month = a.replace(day=1)
    when, note = cal.pick(firsts, this_month, tense[0], slack=31)
    return Resolved(cal.month(when.year, m), "month name", mod=_mod(g, ctx), anchor="publication", tense=tense, note=note)


def rel_month(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    m = ctx.grammar.month(g["month"])
    a = _need_any(ctx)
    rel = g["rel"].lower()
    if rel in ("last", "past", "this past"):
        y = a.year if m < a.month else a.year - 1
    elif rel in ("next", "coming", "this coming"):
        y = a.year if m > a.month else a.year + 1
    else:
        y = a.year
    return Resolved(cal.month(y, m), f"'{rel}' + month", anchor="publication")


_REL_STEP = {"last": -1, "previous": -1, "past": -1, "the past": -1, "latest": -1, "this": 0, "current": 0,
             "next": 1, "coming": 1, "the coming": 1}


def rel_unit(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    if g.get("rel2"):  # "the beginning of the year": the anchor's own period
        g = {**g, "mod": g["mod2"], "rel": "this"}
    unit, rel = g["unit"].lower(), " ".join(g["rel"].lower().split())
    step = _REL_STEP[rel]
    a = _need_day(ctx) if unit in ("week", "weekend") else _need_any(ctx)
    if unit == "quarter" and rel == "latest":
        step = -1
    value = cal.at_grain(cal.shift(a, unit, step), unit)
    mod = _mod(g, ctx) if g.get("mod", "").lower() not in ("earlier", "later") else None
    return Resolved(value, "relative period", mod=mod, anchor="publication")


def weekend(f: Found, ctx: Context) -> Resolved:
    rel = " ".join((f.groups.get("rel") or "the").lower().split())
    a = _need_day(ctx)
    if rel in ("last", "past", "the past"):
        when, tense = a - dt.timedelta(days=7), None
    elif rel in ("next", "coming", "the coming"):
        when, tense = a + dt.timedelta(days=7) if a.isoweekday() >= 6 else a, None
    else:
        tense = ctx.tense(f.start, f.end)
        past = tense[0] != "future"
        when = a if a.isoweekday() >= 6 or not past else a - dt.timedelta(days=7)
    return Resolved(cal.week(when) + "-WE", "weekend", anchor="publication", tense=tense)


def ago(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    n = ctx.grammar.number(g["n"])
    unit = ctx.grammar.unit(g["unit"])
    approx = _approx(g, ctx)
    if n == "X":
        return Resolved("PAST_REF", "vague count + 'ago'", mod=approx)
    q = _ref_quarter(ctx)
    if q is not None and unit == "year" and float(n).is_integer():
        return Resolved(_quarter_shift(q, -int(n)), "years + 'ago' after a quarter: the same quarter then",
                        mod=approx, anchor="previous", sets_ref=False)
    a = _need_day(ctx) if unit in ("day", "week", "weekend", "night") else _need_any(ctx)
    when = cal.shift(a, unit, -int(n))
    return Resolved(cal.at_grain(when, unit), "count + unit + 'ago'", mod=approx, anchor="publication")


def quarter(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    q = int(g["q"]) if g.get("q") else ctx.grammar.lex["ordinal"][g["ord"].lower()]
    tense = None
    if g.get("y") or g.get("y2"):
        y = int(g.get("y") or g["y2"])
    elif g.get("ago"):
        y = _need_any(ctx).year - 1
    else:
        a = _need_any(ctx)
        rel = (g.get("rel") or g.get("rel2") or "").lower()
        y = a.year + {"last": -1, "next": 1}.get(rel, 0)
        if not rel and q > (a.month - 1) // 3 + 1:
            tense = ctx.tense(f.start, f.end)
            if tense[0] != "future":
                y -= 1
    absolute = g.get("y") or g.get("y2")
    return Resolved(f"{y:04d}-Q{q}", "quarter", mod=_mod(g, ctx), anchor=None if absolute else "publication", tense=tense)


def month_rel_year(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    y = _need_any(ctx).year + {"last": -1, "next": 1}.get(g["rel"].lower(), 0)
    return Resolved(cal.month(y, ctx.grammar.month(g["month"])), f"month + '{g['rel'].lower()} year'",
                    mod=_mod(g, ctx), anchor="publication")


def the_year(f: Found, ctx: Context) -> Resolved:
    """'the year ended Sept. 30' (a reporting period: P1Y); 'the fiscal year', 'year-end' (the current year)."""
    if f.rule.type == "DURATION":
        return Resolved("P1Y", "reporting year")
    g = f.groups
    y = _need_any(ctx).year
    if (g.get("rel") or "").strip().lower() == "latest":
        y -= 1
    return Resolved(f"{y:04d}", "the year under report", mod="END" if g.get("end") else None, anchor="publication")


def half(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    h = 1 if g["ord"].lower() == "first" else 2
    if g.get("y"):
        y = int(g["y"])
    else:
        y = _need_any(ctx).year + {"last": -1, "next": 1}.get(g["rel"].lower(), 0)
    return Resolved(f"{y:04d}-H{h}", "half year", anchor=None if g.get("y") else "publication")


def season(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    code = ctx.grammar.lex["season"][g["season"].lower()]
    a = _need_any(ctx)
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
    return Resolved(f"{when.year:04d}-{code}", "season", mod=_mod(g, ctx), anchor="publication", tense=tense)


# --- anchored on the previous date (narrative chains) -------------------------------------------

def _ref(ctx: Context) -> tuple[DateValue, str]:
    if ctx.ref is not None:
        return ctx.ref, "previous"
    if ctx.anchor is not None:
        return ctx.anchor, "publication"
    raise NeedsAnchor


def chain_shift(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    n = ctx.grammar.number(g["n"])
    unit = ctx.grammar.unit(g["unit"])
    sign = 1 if g["dir"].lower().startswith(("later", "after")) else -1
    if n == "X":
        return Resolved("FUTURE_REF" if sign > 0 else "PAST_REF", "vague shift", mod=_approx(g, ctx))
    q = _ref_quarter(ctx)
    if q is not None and unit == "year" and float(n).is_integer():
        return Resolved(_quarter_shift(q, sign * int(n)), "years from a quarter: the same quarter then",
                        mod=_approx(g, ctx), anchor="previous", sets_ref=False)
    ref, source = _ref(ctx)
    when = cal.shift(ref.start, unit, sign * int(n))
    grain = unit if _finer_or_equal(unit, ref) else _grain_unit(ref)
    if unit == "year" and source == "previous" and _grain_unit(ref) == "day":
        grain = "day"  # "Sept. 30 ... a year earlier": the same day a year before (TBAQ train, 4 of 5)
    return Resolved(cal.at_grain(when, grain), "shift from a date", mod=_approx(g, ctx), anchor=source)


def chain_unit(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    unit = (g.get("unit") or g.get("unit2") or g.get("unit3")).lower()
    rel = (g.get("rel") or g.get("dir") or "same").lower()
    step = {"next": 1, "following": 1, "after": 1, "later": 1, "previous": -1, "preceding": -1, "prior": -1,
            "before": -1, "earlier": -1}.get(rel, 0)
    ref, source = _ref(ctx)
    pod = ctx.grammar.lex["part_of_day"].get(unit)
    when = cal.shift(ref.start, "day" if pod else unit, step)
    if pod:
        return Resolved(f"{when.isoformat()}T{pod}", f"'{rel} {unit}'", type="TIME", anchor=source)
    grain = unit if _finer_or_equal(unit, ref) else _grain_unit(ref)
    return Resolved(cal.at_grain(when, grain), f"'{rel} {unit}'", anchor=source)


_ORDER = ["day", "night", "week", "weekend", "fortnight", "month", "quarter", "year", "decade", "century"]


def _grain_unit(ref: DateValue) -> str:
    g = ref.granularity.value
    return {"time": "day", "season": "quarter"}.get(g, g)


def _finer_or_equal(unit: str, ref: DateValue) -> bool:
    unit = "day" if unit in ("hour", "minute", "second") else unit
    return _ORDER.index(unit) >= _ORDER.index(_grain_unit(ref)) if unit in _ORDER else False


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
    day.value = f"{day.value[:10]}T{hh:02d}:{mm:02d}"
    day.type, day.desc = "TIME", f"clock time on a {day.desc}"
    if g.get("zone"):
        day.note = (day.note + ", " if day.note else "") + f"time zone {g['zone']}"
    return day


def clock(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    hh, mm = _clock_time(g)
    if ctx.ref is not None and ctx.ref.granularity.value in DAY_GRAINS:
        base, source = ctx.ref.start, "previous"
    else:
        base, source = _need_day(ctx), "publication"
    r = Resolved(f"{base.isoformat()}T{hh:02d}:{mm:02d}", "clock time", anchor=source)
    if g.get("zone"):
        r.note = f"time zone {g['zone']}"
    return r


# --- durations, sets, vague ---------------------------------------------------------------------

_UNIT_CODE = {"second": "TS", "minute": "TM", "hour": "TH", "day": "D", "night": "D", "week": "W",
              "weekend": "WE", "fortnight": "W", "month": "M", "quarter": "Q", "year": "Y", "decade": "Y",
              "century": "Y"}
_UNIT_FACTOR = {"fortnight": 2, "decade": 10, "century": 100}


def duration_value(n, unit: str) -> str:
    code = _UNIT_CODE[unit]
    if n == "X":
        count = "X"
    else:
        count = cal.number_text(n * _UNIT_FACTOR.get(unit, 1))
    return f"P{code[0]}{count}{code[1]}" if code.startswith("T") else f"P{count}{code}"


def duration(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    unit = ctx.grammar.unit(g["unit"])
    n = ctx.grammar.number(g["n"]) if g.get("n") else ("X" if g.get("plural") else 1)
    if n != "X" and re.search(r"and[ -]a[ -]half", f"{ctx.text[f.start:f.end]}"):
        n += 0.5
    desc = "age" if g.get("old") else ("adjectival duration" if "-" in ctx.text[f.start:f.end] else "duration")
    return Resolved(duration_value(n, unit), desc, mod=_approx(g, ctx))


def past_unit(f: Found, ctx: Context) -> Resolved:
    unit = f.groups["unit"].lower()
    if unit == "weekend":
        return Resolved(cal.week(_need_day(ctx) - dt.timedelta(days=7)) + "-WE", "'past weekend'", type="DATE", anchor="publication")
    return Resolved(duration_value(1, unit), "'the past' + unit (a period up to now)")


def bare_units(f: Found, ctx: Context) -> Resolved:
    unit = f.groups.get("unit") or f.groups["unit2"]
    return Resolved(duration_value("X", ctx.grammar.unit(unit)), "unit count left vague")


# --- financial periods --------------------------------------------------------------------------
# Earnings reports compare a quarter with the same quarter a year before: after "the third
# quarter", TBAQ annotates "a year ago", "a year earlier", "the year-ago quarter" and "the
# quarter" at the quarter's granularity (1988-Q3), not as bare years.

def _ref_quarter(ctx: Context) -> DateValue | None:
    ref = ctx.ref
    if ref is not None and ref.granularity.value == "quarter":
        return ref
    return None


def _quarter_shift(q: DateValue, years: int) -> str:
    return f"{q.start.year + years:04d}-Q{(q.start.month - 1) // 3 + 1}"


def year_ago(f: Found, ctx: Context) -> Resolved:
    q = _ref_quarter(ctx)
    if q is not None:
        return Resolved(_quarter_shift(q, -1), "'year-ago' period: the quarter under discussion, a year before",
                        anchor="previous", sets_ref=False)
    return Resolved(f"{_need_any(ctx).year - 1:04d}", "'year-ago' period: the year before the anchor", anchor="publication")


def the_quarter(f: Found, ctx: Context) -> Resolved:
    rel = f.groups.get("rel", "").strip().lower()
    q = _ref_quarter(ctx)
    if q is not None and rel not in ("current", "latest"):
        return Resolved(q.value, "'the quarter': the quarter under discussion", anchor="previous")
    a = _need_any(ctx)
    step = 0 if rel == "current" or ctx.text[f.start:f.start + 4].lower() == "this" else -1
    return Resolved(cal.at_grain(cal.shift(a, "quarter", step), "quarter"),
                    "'the quarter': the last one reported before the anchor" if step else "the anchor's quarter",
                    anchor="publication")


def as_many(f: Found, ctx: Context) -> Resolved:
    unit = ctx.grammar.unit(f.groups["unit"])
    before = ctx.text[max(0, f.start - 120):f.start].lower()
    n, note = "X", "count not found before it"
    for word, num in ctx.grammar.lex["ordinal"].items():
        if num > 1 and re.search(rf"\b{re.escape(word)}\b", before):
            n, note = num, f"count from the ordinal '{word}' before it"
    return Resolved(duration_value(n, unit), "'in as many' + unit", note=note)


def set_every(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    unit = ctx.grammar.unit(g.get("unit") or g.get("unit2"))
    n = g.get("n")
    count = 2 if n and n.lower() == "other" else (ctx.grammar.number(n) if n else 1)
    return Resolved(duration_value(count, unit), "frequency")


def set_word(f: Found, ctx: Context) -> Resolved:
    return Resolved(ctx.grammar.lex["set_word"][f.groups["w"].lower()], "frequency word")


def weekday_set(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    wd = ctx.grammar.weekday(g.get("wd") or g.get("wd2"))
    value = f"XXXX-WXX-{wd}"
    if g.get("pod"):
        value += "T" + ctx.grammar.lex["part_of_day"][g["pod"].lower().rstrip("s")]
    return Resolved(value, "every weekday")


def vague(f: Found, ctx: Context) -> Resolved:
    return Resolved(ctx.grammar.lex["vague"][" ".join(f.groups["w"].lower().split())], "vague reference")


def _approx(g: dict, ctx: Context) -> str | None:
    word = g.get("approx")
    return ctx.grammar.lex["approx"].get(" ".join(word.lower().split())) if word else None


KINDS: dict[str, Callable[[Found, Context], Resolved]] = {
    "absolute_day": absolute_day, "absolute_month": absolute_month, "absolute_season": absolute_season,
    "absolute_year": absolute_year, "decade": decade, "century": century, "weekday": weekday,
    "day_word": day_word, "this_pod": this_pod, "month_day": month_day, "month": month, "rel_month": rel_month,
    "rel_unit": rel_unit, "weekend": weekend, "ago": ago, "quarter": quarter, "half": half, "season": season,
    "chain_shift": chain_shift, "chain_unit": chain_unit, "clock": clock, "duration": duration,
    "past_unit": past_unit, "bare_units": bare_units, "as_many": as_many, "set": set_every,
    "set_word": set_word, "weekday_set": weekday_set, "vague": vague, "clock_on_day": clock_on_day,
    "year_ago": year_ago, "the_quarter": the_quarter, "holiday": holiday, "month_rel_year": month_rel_year, "the_year": the_year,
}

# Values when no anchor of the needed precision is known (TIMEX3 underspecified forms).
UNANCHORED = {"weekday": "XXXX-WXX-{wd}", "month_day": "XXXX-{m:02d}-{d:02d}", "month": "XXXX-{m:02d}"}
