"""Normalisers anchored on the date mentioned last (narrative chains), and financial comparisons.

"a week later" and "the next day" count from the previous date, as HeidelTime does in
narrative mode; after "the third quarter", "a year ago" is that quarter a year before.
"""
from __future__ import annotations

import datetime as dt

from chronicle.dates import DateValue
from chronicle.extract.temporal import calendar as cal
from chronicle.extract.temporal.context import DAY_GRAINS, Context, NeedsAnchor, Resolved, approx_of, need_any, need_day
from chronicle.extract.temporal.durations import duration_value
from chronicle.extract.temporal.recognize import Found


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
    signal_outside = f.end <= f.span_of("dir")[0]  # "a week| later": TimeML's extent, the signal left out
    if n == "X":
        if signal_outside:  # "a few days| later": nothing to date, the vague duration (TBAQ train 1 of 1)
            return Resolved(duration_value("X", unit), f"vague duration before '{g['dir'].lower()}'",
                            type="DURATION", mod=approx_of(g, ctx))
        return Resolved("FUTURE_REF" if sign > 0 else "PAST_REF", "vague shift", mod=approx_of(g, ctx))
    q = ref_quarter(ctx)
    if q is not None and unit == "year" and float(n).is_integer():
        return Resolved(quarter_shift(q, sign * int(n)), "years from a quarter: the same quarter then",
                        mod=approx_of(g, ctx), anchor="previous", sets_ref=False)
    ref, source = _ref(ctx)
    when = cal.shift(ref.start, unit, sign * int(n))
    grain = unit if finer_or_equal(unit, ref) else grain_unit(ref)
    if unit == "year" and source == "previous" and grain_unit(ref) == "day":
        grain = "day"  # "Sept. 30 ... a year earlier": the same day a year before (TBAQ train, 4 of 5)
    note = f"the date reached with '{g['dir'].lower()}' after it" if signal_outside else ""
    return Resolved(cal.at_grain(when, grain), "shift from a date", mod=approx_of(g, ctx), anchor=source, note=note)


def chain_duration(f: Found, ctx: Context) -> Resolved:
    """'three days later': the duration is the value; the date it reaches is the narrative's next reference."""
    g = f.groups
    n = ctx.grammar.number(g["n"])
    unit = ctx.grammar.unit(g["unit"])
    value = duration_value(n, unit)
    try:
        reached = chain_shift(f, ctx)
    except NeedsAnchor:
        return Resolved(value, "duration before 'later'/'earlier'", mod=approx_of(g, ctx))
    return Resolved(value, f"duration before '{g['dir'].lower()}'", mod=approx_of(g, ctx),
                    note=f"reaching {reached.value} from the " + ("previous date" if reached.anchor == "previous"
                                                                 else "publication date"),
                    ref_value=reached.value if reached.anchor else None)


def chain_unit(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    unit = (g.get("unit") or g.get("unit2") or g.get("unit3")).lower()
    rel = (g.get("rel") or g.get("dir") or "same").lower()
    step = {"next": 1, "following": 1, "after": 1, "later": 1, "previous": -1, "preceding": -1, "prior": -1,
            "before": -1, "earlier": -1}.get(rel, 0)
    ref, source = _ref(ctx)
    pod = ctx.grammar.lex["part_of_day"].get(unit)
    if (pod or unit in ("day", "night")) and ref.granularity.value not in DAY_GRAINS:
        # "the day before" after "in August": a day counts from the last day named, else from publication
        if ctx.day_ref is not None:
            ref, source = ctx.day_ref, "previous"
        else:
            ref, source = DateValue.parse(need_day(ctx).isoformat()), "publication"
    when = cal.shift(ref.start, "day" if pod else unit, step)
    if pod:
        return Resolved(f"{when.isoformat()}T{pod}", f"'{rel} {unit}'", type="TIME", anchor=source)
    grain = unit if finer_or_equal(unit, ref) else grain_unit(ref)
    return Resolved(cal.at_grain(when, grain), f"'{rel} {unit}'", anchor=source)


def chain_weekday(f: Found, ctx: Context) -> Resolved:
    """'the previous Friday', 'the following Monday': the weekday before or after the date in the narrative."""
    g = f.groups
    rel = g["rel"].lower()
    wd = ctx.grammar.weekday(g["wd"])
    ref, source = _ref(ctx)
    if ref.granularity.value in ("day", "time"):
        base = ref.start
    else:  # a month or a year gives no week to count in: the publication day does
        base, source = need_day(ctx), "publication"
    if rel in ("previous", "preceding", "prior"):
        when = base - dt.timedelta(days=(base.isoweekday() - wd) % 7 or 7)
    else:
        when = base + dt.timedelta(days=(wd - base.isoweekday()) % 7 or 7)
    return Resolved(when.isoformat(), f"'{rel}' weekday, counted from a date", anchor=source)


_ORDER = ["day", "night", "week", "weekend", "fortnight", "month", "quarter", "year", "decade", "century"]


def grain_unit(ref: DateValue) -> str:
    g = ref.granularity.value
    return {"time": "day", "season": "quarter"}.get(g, g)


def finer_or_equal(unit: str, ref: DateValue) -> bool:
    unit = "day" if unit in ("hour", "minute", "second") else unit
    return _ORDER.index(unit) >= _ORDER.index(grain_unit(ref)) if unit in _ORDER else False


# --- financial periods --------------------------------------------------------------------------
# Earnings reports compare a quarter with the same quarter a year before: after "the third
# quarter", TBAQ annotates "a year ago", "a year earlier", "the year-ago quarter" and "the
# quarter" at the quarter's granularity (1988-Q3), not as bare years.


def ref_quarter(ctx: Context) -> DateValue | None:
    ref = ctx.ref
    if ref is not None and ref.granularity.value == "quarter":
        return ref
    return None


def quarter_shift(q: DateValue, years: int) -> str:
    return f"{q.start.year + years:04d}-Q{(q.start.month - 1) // 3 + 1}"


def year_ago(f: Found, ctx: Context) -> Resolved:
    q = ref_quarter(ctx)
    if q is not None:
        return Resolved(quarter_shift(q, -1), "'year-ago' period: the quarter under discussion, a year before",
                        anchor="previous", sets_ref=False)
    if "quarter" in f.match.group().lower() and ctx.anchor_day is not None:
        # "the year-ago quarter" with no quarter named before it: the last quarter reported before the anchor,
        # as "the quarter" alone, a year earlier (TBAQ train 1 of 1)
        last = cal.shift(ctx.anchor_day, "quarter", -1)
        return Resolved(f"{last.year - 1:04d}-Q{(last.month - 1) // 3 + 1}",
                        "'year-ago' quarter: the last one reported before the anchor, a year before", anchor="publication",
                        sets_ref=False)
    return Resolved(f"{need_any(ctx).year - 1:04d}", "'year-ago' period: the year before the anchor", anchor="publication")


def the_quarter(f: Found, ctx: Context) -> Resolved:
    rel = f.groups.get("rel", "").strip().lower()
    q = ref_quarter(ctx)
    if q is not None and rel not in ("current", "latest"):
        return Resolved(q.value, "'the quarter': the quarter under discussion", anchor="previous")
    a = need_any(ctx)
    step = 0 if rel == "current" or ctx.text[f.start:f.start + 4].lower() == "this" else -1
    return Resolved(cal.at_grain(cal.shift(a, "quarter", step), "quarter"),
                    "'the quarter': the last one reported before the anchor" if step else "the anchor's quarter",
                    anchor="publication")
