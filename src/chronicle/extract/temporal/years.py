"""Normalisers of years without a month: decades, centuries, years in words, ranges of years, year periods."""
from __future__ import annotations

from chronicle.extract.temporal import calendar as cal
from chronicle.extract.temporal.chains import ref_quarter
from chronicle.extract.temporal.context import Context, Resolved, mod_of
from chronicle.extract.temporal.recognize import Found


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}


def decade(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    if g.get("decw"):
        value = f"19{_DECADE_WORDS[g['decw'].lower()]}"
    elif g.get("dec"):
        value = g["dec"][:3]
    else:
        dd = int(g["dec2"])
        value = ("20" if dd <= 20 else "19") + g["dec2"][0]
    return Resolved(value, "decade", mod=mod_of(g, ctx))


def century(f: Found, ctx: Context) -> Resolved:
    return Resolved(f"{int(f.groups['c']) - 1:02d}", "century", mod=mod_of(f.groups, ctx))


def spoken_year(f: Found, ctx: Context) -> Resolved:
    """'nineteen ninety-six' -> 1996, 'two thousand one' -> 2001, 'nineteen oh five' -> 1905."""
    g = f.groups
    if g.get("c"):
        yy = g["yy"].lower().replace("oh", "").strip(" -")
        rest = 0 if yy == "hundred" else int(ctx.grammar.number(yy))
        year = (18 if g["c"].lower() == "eighteen" else 19) * 100 + rest
    else:
        year = 2000 + (int(ctx.grammar.number(g["k"])) if g.get("k") else 0)
    if g.get("month"):  # "January nineteen ninety-seven"
        return Resolved(f"{year:04d}-{ctx.grammar.month(g['month']):02d}", "month and year in words")
    if g.get("season"):  # "the winter of nineteen ninety-four"
        return Resolved(f"{year:04d}-{ctx.grammar.lex['season'][g['season'].lower()]}", "season and year in words",
                        mod=mod_of(g, ctx))
    return Resolved(f"{year:04d}", "year in words")


def year_range(f: Found, ctx: Context) -> Resolved:
    """'2008-2013', '2012-13': one expression, valued by the year it starts (a range has no TIMEX3 value)."""
    g = f.groups
    y, y2 = int(g["y"]), g["y2"]
    end = int(y2) if len(y2) == 4 else y // 100 * 100 + int(y2)
    if end <= y:
        raise ValueError(f"not a range of years: {f.match.group()}")
    return Resolved(f"{y:04d}", f"range of years to {end}, valued by its first year")


def year_period(f: Found, ctx: Context) -> Resolved:
    y = int(f.groups["y"])
    q = ref_quarter(ctx)
    if q is not None:
        return Resolved(f"{y:04d}-Q{(q.start.month - 1) // 3 + 1}", "the quarter under discussion in the year named",
                        anchor="previous", sets_ref=False)
    if f.groups["p"].lower() == "quarter" and ctx.anchor_day is not None:
        # "the 1988 quarter" with no quarter named before it: the quarter last reported before the anchor, in the
        # year named (TBAQ train 1 of 1), as "the quarter" alone reads
        last = cal.shift(ctx.anchor_day, "quarter", -1)
        return Resolved(f"{y:04d}-Q{(last.month - 1) // 3 + 1}", "the quarter last reported before the anchor, in the year named",
                        anchor="publication", sets_ref=False)
    return Resolved(f"{y:04d}", "period of the year named")
