"""Normalisers of durations, frequencies (SET) and vague references: values that need no anchor."""
from __future__ import annotations

import datetime as dt
import re

from chronicle.extract.temporal import calendar as cal
from chronicle.extract.temporal.context import Context, Resolved, approx_of, need_any, need_day
from chronicle.extract.temporal.recognize import Found


_UNIT_CODE = {"second": "TS", "minute": "TM", "hour": "TH", "day": "D", "night": "D", "week": "W",
              "weekend": "WE", "fortnight": "W", "month": "M", "quarter": "Q", "year": "Y", "decade": "Y",
              "century": "Y"}


_HALF = {"Y": "6M", "M": "15D", "D": "T12H", "TH": "30M", "TM": "30S"}
_UNIT_FACTOR = {"fortnight": 2, "decade": 10, "century": 100}


def duration_value(n, unit: str) -> str:
    code = _UNIT_CODE[unit]
    if n == "X":
        count = "X"
    else:
        n = n * _UNIT_FACTOR.get(unit, 1)
        half = _HALF.get(code) if not float(n).is_integer() and float(n * 2).is_integer() else None
        if half:  # "2 1/2 years" -> P2Y6M, "five and a half hours" -> PT5H30M (TimeML has no fractions there)
            whole = cal.number_text(int(n))
            if int(n) == 0:  # "half-hour" -> PT30M, "half a year" -> P6M
                return f"PT{half}" if code.startswith("T") else f"P{half}"
            return f"PT{whole}{code[1]}{half}" if code.startswith("T") else f"P{whole}{code}{half}"
        count = cal.number_text(n)
    return f"P{code[0]}{count}{code[1]}" if code.startswith("T") else f"P{count}{code}"


def duration(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    if g.get("unit2") and not g.get("unit"):  # "an hour and a half", "decade-old": the second form's unit
        g = {**g, "unit": g["unit2"], "n": g.get("n2") or "1"}
    elif g.get("unit3") and not g.get("unit"):  # "centuries-old": a count left vague
        g = {**g, "unit": g["unit3"], "plural": "s"}
    unit = ctx.grammar.unit(g["unit"])
    n = ctx.grammar.number(g["n"]) if g.get("n") else ("X" if g.get("plural") else 1)
    if n != "X" and re.search(r"and[ -]a[ -]half", f"{ctx.text[f.start:f.end]}"):
        n += 0.5
    desc = "age" if g.get("old") else ("adjectival duration" if "-" in ctx.text[f.start:f.end] else "duration")
    return Resolved(duration_value(n, unit), desc, mod=approx_of(g, ctx))


def past_unit(f: Found, ctx: Context) -> Resolved:
    unit = f.groups["unit"].lower()
    if unit == "weekend":
        return Resolved(cal.week(need_day(ctx) - dt.timedelta(days=7)) + "-WE", "'past weekend'", type="DATE", anchor="publication")
    if f.groups.get("the") and unit not in ("day", "decade", "century"):
        # "the past year" is the previous calendar year, but "the past decade" the ten years up
        # to now (TBAQ train, TE3 silver and MEANTIME apple: 3 of 3 DURATION P10Y)
        a = need_day(ctx) if unit == "week" else need_any(ctx)
        return Resolved(cal.at_grain(cal.shift(a, unit, -1), unit), "'the past' + unit: the previous one",
                        type="DATE", anchor="publication")
    return Resolved(duration_value(1, unit), "'past' + unit (a period up to now)")


def bare_units(f: Found, ctx: Context) -> Resolved:
    unit = f.groups.get("unit") or f.groups.get("unit2") or f.groups["unit3"]
    return Resolved(duration_value("X", ctx.grammar.unit(unit)), "unit count left vague")


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


def set_named(f: Found, ctx: Context) -> Resolved:
    """'every morning' -> XXXX-XX-XXTMO, 'each summer' -> XXXX-SU, 'each July' -> XXXX-07, 'weekends' -> XXXX-WXX-WE."""
    g, lex = f.groups, ctx.grammar.lex
    if g.get("pod"):
        value = "XXXX-XX-XXT" + lex["part_of_day"][g["pod"].lower()]
    elif g.get("season"):
        value = "XXXX-" + lex["season"][g["season"].lower()]
    elif g.get("month"):
        value = f"XXXX-{ctx.grammar.month(g['month']):02d}"
    else:
        value = "XXXX-WXX-WE"
    return Resolved(value, "recurring period")


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
