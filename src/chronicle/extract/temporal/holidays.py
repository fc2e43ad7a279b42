"""The ``holiday`` normaliser: a named holiday to its day, or its days, in the year the text or the anchor gives.

Western holidays follow the lexicon's Gregorian rules (calendar.py); those of other calendars
come from calendar libraries (calendars.py), and the one that gave the date is named in
``explain``. A holiday kept over several days (Ramadan, Hanukkah, Passover) is valued as an
ISO 8601 interval of days, ``2024-03-11/2024-04-09``. Without a year in the text, the
occurrence is picked as for any deictic date: "last"/"next"/"this", else by tense, and one
under way on the publication day is that one ("during Ramadan" in a Ramadan article).
"""
from __future__ import annotations

import re

from chronicle.extract.temporal import calendar as cal
from chronicle.extract.temporal.calendars import CALENDAR_KINDS, Occurrence, occurrences
from chronicle.extract.temporal.context import Context, Resolved, need_point
from chronicle.extract.temporal.recognize import Found

_COUNTRY_BEFORE = re.compile(r"(?:^|[^\w])((?:[A-Z][\w.]*\s+)?[A-Z][\w.]*)(?:['’]s)?\s+$")
_COUNTRY_AFTER = re.compile(r"\s+(?:of|in)\s+(?:the\s+)?([A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)")


def _days(rule: str, y: int) -> list[Occurrence]:
    if rule.partition(":")[0] in CALENDAR_KINDS:
        return occurrences(rule, y)
    d = cal.holiday(rule, y)
    return [Occurrence(d, d, "")]


def _country_day(name: str, f: Found, ctx: Context) -> tuple[str, str] | None:
    """'India's Independence Day', 'Independence Day in Ukraine': that country's day ("MM-DD") and the country."""
    table = ctx.grammar.lex["national_day"]["independence" if name == "independence day" else "national"]
    before = _COUNTRY_BEFORE.search(ctx.text, max(0, f.start - 40), f.start)
    after = _COUNTRY_AFTER.match(ctx.text, f.end)
    for m in (before, after):
        if m is None:
            continue
        words = m.group(1).rstrip(".").lower().split()
        for key in (" ".join(words), words[-1], words[0]):
            if key in table:
                return table[key], key
    return None


def _value(o: Occurrence) -> str:
    return o.start.isoformat() if o.start == o.end else f"{o.start.isoformat()}/{o.end.isoformat()}"


def _note(o: Occurrence, note: str) -> str:
    return f"{note}; from the {o.calendar}" if o.calendar else note


def holiday(f: Found, ctx: Context) -> Resolved:
    g = f.groups
    name = " ".join(g["h"].lower().replace("’", "'").split())
    lex = ctx.grammar.lex["holiday"]
    rule = lex.get(name) or lex[name.replace("s day", "'s day")]
    country_note = ""
    if name in ("independence day", "national day"):
        found = _country_day(name, f, ctx)
        if found is not None:
            rule, country_note = found[0], f"the national day of '{found[1]}'"
        elif rule == "country":
            raise ValueError("'national day' without a country")
    if g.get("y"):
        found = _days(rule, int(g["y"]))
        if not found:
            raise ValueError(f"no {name} in {g['y']}")
        return Resolved(_value(found[0]), "holiday and year", note=_note(found[0], country_note or "the one that year"))
    a = need_point(ctx)
    cands = [o for y in range(a.year - 1, a.year + 2) for o in _days(rule, y)]
    rel = (g.get("rel") or "").lower()
    tense = None
    under_way = [o for o in cands if o.start < a <= o.end]
    if rel == "last":
        when, note = max((o for o in cands if o.end < a), key=lambda o: o.start), "'last': the one before the anchor"
    elif rel == "next":
        when, note = min((o for o in cands if o.start > a), key=lambda o: o.start), "'next': the one after the anchor"
    elif rel == "this":
        same = [o for o in cands if o.start.year == a.year] or cands
        when, note = min(same, key=lambda o: abs((o.start - a).days)), "'this': in the anchor's year"
    elif under_way:
        when, note = under_way[0], "under way on the anchor day"
    else:
        tense = ctx.tense(f.start, f.end)
        start, note = cal.pick([o.start for o in cands], a, tense[0])
        when = next(o for o in cands if o.start == start)
    if country_note:
        note = f"{country_note}, {note}"
    return Resolved(_value(when), "holiday", anchor="publication", tense=tense, note=_note(when, note))
