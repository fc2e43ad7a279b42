"""``extract_time_expressions``: recognise, normalise, anchor and explain, in one left-to-right pass."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Iterator

from chronicle.dates import DateValue
from chronicle.extract.temporal import context as cx
from chronicle.extract.temporal import normalize as nz
from chronicle.extract.temporal.grammar import load_grammar
from chronicle.extract.temporal.recognize import Found, scan
from chronicle.extract.temporal.tense import TenseReader
from chronicle.records import Timex

STAGE_ID = "chronicle.temporal.v14"


def extract_time_expressions(
    text: str,
    *,
    anchor: DateValue | None = None,
    anchor_source: str = "given",
    doc=None,
    stage: str = STAGE_ID,
) -> Iterator[Timex]:
    """Yield the time expressions of ``text`` with TIMEX3 values, anchored on ``anchor``.

    ``anchor`` is the publication date (any precision); ``anchor_source`` says where it came
    from (manifest, metadata, option, inferred). ``doc`` is an optional spaCy Doc of ``text``
    used to read tense; without it a cheap word heuristic is used. Without an anchor, relative
    expressions get underspecified values (``XXXX-WXX-2``) and say so.

    >>> [t.value for t in extract_time_expressions("They met on March 3, 2024.")]
    ['2024-03-03']
    """
    grammar = load_grammar()
    tense = TenseReader(text, doc)
    ctx = cx.Context(text, grammar, anchor, anchor_source, tense.at)
    stamps = clock_stamps(text, anchor)
    previous: Timex | None = None
    for found in scan(text, grammar):
        for start, end, part in _parts(found):
            resolved = _resolve(part, ctx, start, end, stage)
            if resolved is None:
                continue
            timex, sets_ref, ref_value = resolved
            if timex.type == "DATE" and timex.text == text[start:start + 4] and len(timex.text) == 4 and (
                    start in stamps or _clock_at(text, start)):
                timex, sets_ref, ref_value = _as_clock(timex, ctx, live=start in stamps), False, None
            timex = _range_end(text, previous, timex)
            previous = timex
            if sets_ref and (ref_value or timex.type in ("DATE", "TIME")):
                date = DateValue.try_parse(ref_value or timex.value)
                if date is not None:
                    ctx.ref, ctx.ref_text = date, timex.text
                    if date.granularity.value in cx.DAY_GRAINS:
                        ctx.day_ref = date
            yield timex


# A live page's entries open with a clock time in four digits ("1600 Ban Ki-moon confirms ...", "0945 The
# first planes land"): read as years they dated a day's events to 1600 (issue 13, Timeline17 haiti).
_LINE_NUMBER = re.compile(r"(?m)^[ \t]*(\d{4})\b(?![.,:/-]?\d)")
MIN_STAMPS = 3
STAMP_RULE = "live clock stamp"  # the rule of those read as clock times (the event stage cuts sentences there)
CLOCK_AT_RULE = "clock at hhmm"
# A stamp whose line break the page lost: "destroyed by the earthquake 1817 Meinie Nicolai, director
# of ...": after a word, before a capitalised one, not after a word that takes a year ("in", "of").
_FUSED_NUMBER = re.compile(r"(?<=[A-Za-z.,;:!?'\")\]] )(\d{4})(?= [A-Z])")
_TAKES_YEAR = re.compile(r"(?i)\b(?:in|of|since|from|to|until|till|by|before|after|around|circa|c\.|year|"
                         r"the|and|or|between|during|early|late|mid|summer|winter|spring|autumn|fall|"
                         r"january|february|march|april|may|june|july|august|september|october|november|"
                         r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?\s+$")


def clock_stamps(text: str, anchor: DateValue | None = None) -> frozenset[int]:
    """Starts of the four-digit numbers opening lines that are a live page's clock stamps: at least
    ``MIN_STAMPS`` of them, every four-digit number opening a line a time of day (00-23 hours, 00-59
    minutes), and one of them no year a news story would open a line with (before 1800, written with a
    leading zero, or after the publication year): a chronology of years ("1979 ...", "2011 ...") is never
    read as clock times."""
    found = [(m.start(1), m.group(1)) for m in _LINE_NUMBER.finditer(text)]
    if len(found) < MIN_STAMPS or not all(int(n[:2]) <= 23 and int(n[2:]) <= 59 for _, n in found):
        return frozenset()
    latest = anchor.start.year + 1 if anchor is not None else 2100
    if not any(n[0] == "0" or int(n) < 1800 or int(n) > latest for _, n in found):
        return frozenset()
    return frozenset(start for start, _ in found) | _fused_stamps(text, found)


def _fused_stamps(text: str, found: list[tuple[int, str]]) -> set[int]:
    """The page's stamps that lost their line break: a time of day after a word and before a
    capitalised one, lying between the line stamps either side of it (a live page counts up or
    down), and not after a word that takes a year."""
    starts = [s for s, _ in found]
    out = set()
    for m in _FUSED_NUMBER.finditer(text):
        n = m.group(1)
        if int(n[:2]) > 23 or int(n[2:]) > 59 or _TAKES_YEAR.search(text, max(0, m.start() - 12), m.start()):
            continue
        i = bisect_right(starts, m.start())
        if i == 0 or i == len(found):
            continue
        low, high = sorted((int(found[i - 1][1]), int(found[i][1])))
        if low <= int(n) <= high:
            out.add(m.start(1))
    return out


# "struck at 1653 (2153 GMT)", "declared the rescue over at 1600 local time": after "at", four digits that
# are a time of day, followed by a zone, "hours", a bracket or the clause's end, are the clock, not a year
# (a year is "in 1653"; haiti's quake was dated 1653).
_AT_CLOCK = re.compile(r"(?i)\bat\s+$")
_CLOCK_AFTER = re.compile(r"\s*(?:$|[,.;:)]|-LRB-|-RRB-|\(|(?:GMT|UTC|Z|local\b|hours\b|hrs\b|h\b|[A-Z]{1,2}[SD]?T\b))")


def _clock_at(text: str, start: int) -> bool:
    n = text[start:start + 4]
    if len(n) != 4 or not n.isdigit() or int(n[:2]) > 23 or int(n[2:]) > 59 or not _AT_CLOCK.search(text, max(0, start - 6), start):
        return False
    return bool(_CLOCK_AFTER.match(text, start + 4))


def _as_clock(timex: Timex, ctx: cx.Context, *, live: bool = True) -> Timex:
    hh, mm = timex.text[:2], timex.text[2:]
    day = ctx.anchor_day
    value = f"{day.isoformat() if day is not None else 'XXXX-XX-XX'}T{hh}:{mm}"
    on = f"on the publication day {day.isoformat()}" if day is not None else "on an unknown day"
    if not live:
        return dataclasses.replace(timex, type="TIME", value=value, rule=CLOCK_AT_RULE,
                                   explain=f"'at {timex.text}' is a time of day written in four digits (a year "
                                           f"is 'in {timex.text}'), {on} -> {value}")
    return dataclasses.replace(timex, type="TIME", value=value, rule=STAMP_RULE,
                               explain=f"clock stamp '{timex.text}' of an entry of a live page (its stamps "
                                       f"are all times of day), {on} -> {value}")


_RANGE_GAP = re.compile(r"\s*(?:and|to|through|until|till|-|–)\s*$")
_RANGE_OPEN = re.compile(r"\b(?:between|from)\s+$", re.I)


def _range_end(text: str, first: Timex | None, second: Timex) -> Timex:
    """'between Monday and Wednesday': the second day of a range is never before the first; read
    alone, each weekday would take its own side of the anchor (issue 16)."""
    if first is None or first.rule != second.rule or second.rule != "weekday" or first.type != "DATE" \
            or not _RANGE_GAP.match(text[first.end_char:second.start_char]) \
            or not _RANGE_OPEN.search(text, max(0, first.start_char - 12), first.start_char):
        return second
    a, b = DateValue.try_parse(first.value), DateValue.try_parse(second.value)
    if a is None or b is None or len(first.value) != 10 or len(second.value) != 10 or b.start >= a.start:
        return second
    shift = (b.start.isoweekday() - a.start.isoweekday()) % 7 or 7
    day = a.start + dt.timedelta(days=shift)
    return dataclasses.replace(second, value=day.isoformat(),
                               explain=second.explain + f"; the end of a range from {first.value}: not before it -> {day}")


def _parts(found: Found):
    """A range "March 3 to 5" yields two expressions, "March 3" and "5"; anything else one.

    A range written as one word, "Nov. 13-15", stays one expression (TimeML tags tokens, and
    "13-15" is one token: TE3 silver 10 of 10), valued by its first day, where it starts.
    """
    if found.rule.kind != "month_day_range":
        yield found.start, found.end, found
        return
    m_start = found.span_of("month")[0]
    d_start, d_end = found.span_of("d")
    d2_start, d2_end = found.span_of("d2")
    g = dict(found.groups)
    if m_start > d_start:  # "13 to 15 July": the first day, then the second with the month
        yield from _day_first_parts(found, g, d_start, d_end, d2_start)
        return
    if d2_start - d_end == 1 and found.match.string[d_end] in "-–":
        kind = "absolute_day" if g.get("y") else "month_day"
        first = {k: v for k, v in g.items() if k != "d2"}
        yield m_start, found.end, dataclasses.replace(found, start=m_start, groups=first, rule=_as(found, kind))
        return
    if int("".join(c for c in g["d2"] if c.isdigit())) <= int("".join(c for c in g["d"] if c.isdigit())):
        yield m_start, d_end, dataclasses.replace(found, groups={k: v for k, v in g.items() if k != "d2"},
                                                   rule=_as(found, "month_day"))
        return
    kind = "absolute_day" if g.get("y") else "month_day"
    first = {k: v for k, v in g.items() if k != "d2"}
    second = {**first, "d": g["d2"]}
    yield m_start, d_end, dataclasses.replace(found, start=m_start, end=d_end, groups=first, rule=_as(found, kind))
    yield d2_start, d2_end, dataclasses.replace(found, start=d2_start, end=d2_end, groups=second, rule=_as(found, kind))


def _day_first_parts(found: Found, g: dict, d_start: int, d_end: int, d2_start: int):
    kind = "absolute_day" if g.get("y") else "month_day"
    first = {k: v for k, v in g.items() if k != "d2"}
    if d2_start - d_end == 1 and found.match.string[d_end] in "-–":  # "13-15 July": one expression
        yield d_start, found.end, dataclasses.replace(found, start=d_start, groups=first, rule=_as(found, kind))
        return
    yield d_start, d_end, dataclasses.replace(found, start=d_start, end=d_end, groups=first, rule=_as(found, kind))
    second = {**first, "d": g["d2"]}
    yield d2_start, found.end, dataclasses.replace(found, start=d2_start, groups=second, rule=_as(found, kind))


def _as(found: Found, kind: str):
    return dataclasses.replace(found.rule, kind=kind)


def _resolve(found: Found, ctx: cx.Context, start: int, end: int, stage: str) -> tuple[Timex, bool, str | None] | None:
    phrase = ctx.text[start:end]
    rule = found.rule
    try:
        r = nz.KINDS[rule.kind](found, ctx)
    except cx.NeedsAnchor:
        r = _unanchored(found, ctx)
    except (ValueError, KeyError):
        return None  # a date that does not exist ("February 30"): not a time expression
    if r is None:
        return None
    anchor_value = None
    if r.anchor == "publication" and ctx.anchor is not None:
        anchor_value = ctx.anchor.value
    elif r.anchor == "previous" and ctx.ref is not None:
        anchor_value = ctx.ref.value
    return Timex(
        start_char=start, end_char=end, text=phrase, type=r.type or rule.type, value=r.value,
        explain=_explain(phrase, r, ctx), stage=stage, rule=rule.name, anchor=anchor_value, mod=r.mod,
    ), r.sets_ref, r.ref_value


def _unanchored(found: Found, ctx: cx.Context) -> cx.Resolved | None:
    g, grammar = found.groups, ctx.grammar
    kind = found.rule.kind
    if kind == "weekday":
        value = f"XXXX-WXX-{grammar.weekday(g['wd'])}"
    elif kind == "month_day":
        value = f"XXXX-{grammar.month(g['month']):02d}-{int(''.join(c for c in g['d'] if c.isdigit())):02d}"
    elif kind == "month":
        value = f"XXXX-{grammar.month(g['month']):02d}"
    elif kind in ("clock",):
        return None
    else:
        value = "XXXX-XX-XX"
    if ctx.anchor is None:
        note = "no publication date to anchor on: left underspecified"
    else:
        note = (f"the publication date {ctx.anchor.value} ({ctx.anchor_source}) is too coarse to anchor on: "
                "left underspecified")
    return cx.Resolved(value, found.rule.name.replace("_", " "), note=note)


def _explain(phrase: str, r: cx.Resolved, ctx: cx.Context) -> str:
    parts = [f"{r.desc} '{phrase}'"]
    if r.tense is not None:
        tense, cue = r.tense
        parts.append(f"{tense} tense ('{cue}')" if cue else "no tense cue")
    if r.anchor == "publication" and ctx.anchor is not None:
        parts.append(f"anchored on publication date {ctx.anchor.value} ({ctx.anchor_source})")
    elif r.anchor == "previous" and ctx.ref is not None:
        parts.append(f"anchored on the previous date {ctx.ref.value} ('{ctx.ref_text}', narrative)")
    if r.note:
        parts.append(r.note)
    if r.mod:
        parts.append(f"mod {r.mod}")
    return ", ".join(parts) + f" -> {r.value}"
