"""Publication-date inference for articles that arrive without a date: a probability over days.

The estimate comes from the content only, never from today's date. Each time expression of
the article, read without an anchor, is a clue that makes some publication days likelier
than others (the figures are data, ``data/temporal/infer.toml``, read off development data):

- a date named in a past or present clause ("March 5, 2024", "August 2024", "2023") is
  seldom after the publication day, and the year of the latest one sets a prior on the
  publication year (news names earlier years by number, its own seldom: the year after
  is the commonest);
- a date in a future clause ("will meet on May 3, 2025") is seldom before it;
- a month and day without a year ("Oct. 19") lies a few weeks before the publication day
  in a past clause, a few weeks after in a future one; "Friday, Oct. 19" also says which
  years it can be in;
- a month without a year ("in October") lies a few months before or after;
- a weekday ("said Friday") is mostly the publication day itself or the day before;
- a relative phrase set beside a date ("yesterday, June 7", "October, last month", "last
  year, in 2012") places it.

A date in a present clause bounds less surely than one in a past clause; deadlines and
maturities ("bonds due 1993", "by 1994") and modal clauses point either way; dates chained on
another date ("a year later") add nothing of their own. The clues multiply into a probability
over candidate days. The value given is the finest unit (day, week, month, year) that holds
at least half of it, its confidence the share it holds; the interval is the shortest run of
days holding 80%; ``day`` is a point estimate. Without a date naming a year nothing dates the
text and there is no estimate: never today's date.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
import tomllib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

from chronicle.dates import DateValue, Granularity
from chronicle.records import Timex

_DAY_GRAINS = (Granularity.DAY, Granularity.TIME)
_TOO_COARSE = (Granularity.DECADE, Granularity.CENTURY)
_MONTH_DAY = re.compile(r"XXXX-(\d\d)-(\d\d)")
_MONTH = re.compile(r"XXXX-(\d\d)")
_WEEKDAY = re.compile(r"XXXX-WXX-([1-7])")
# The tense of the clause -> which way the date points. A present clause ("requires an auction in
# June 1994") is weaker evidence of the past than a past or unreadable one; a modal one
# ("would dilute earnings in 1990") points either way.
_WAYS = {"past": "past", "unknown": "past", "future": "ahead", "modal": "either"}
_SIDE = {"past": "past", "present": "past", "ahead": "ahead", "either": "either"}  # for days, months, weekdays


@dataclass(frozen=True, slots=True)
class Inference:
    date: DateValue | None  # the finest unit holding at least half of the probability
    confidence: float | None  # the probability that the article appeared within ``date``
    reason: str
    earliest: dt.date | None = None  # the shortest run of days holding 80% of the probability, inclusive
    latest: dt.date | None = None
    day: dt.date | None = None  # the single most plausible day, a point estimate inside ``date``


@dataclass(frozen=True, slots=True)
class Clue:
    """One time expression read as evidence: its kind, the clause's direction, and what it names."""

    kind: str  # "dated" (a calendar value), "month_day", "month", "weekday" or "same" (a date set beside
    # a phrase that places it: "yesterday, June 7", "last year, in 2012")
    way: str  # "past", "present" (a present clause), "ahead" (a plan) or "either" ("due 1993", a modal clause)
    text: str
    date: DateValue | None = None
    month: int = 0
    day: int = 0
    weekday: int = 0  # ISO, Monday = 1; for a month-day, the weekday named with it ("Friday, Oct. 19")
    offset: int = 0  # "same": the publication day, month or year plus this is the date ("yesterday, June 7": -1)
    unit: str = ""  # "same": "day", "month" or "year"


def infer_publication_date(timexes: list[Timex], *, tense: Callable[[int, int], tuple[str, str]] | None = None,
                           text: str | None = None) -> Inference:
    """Estimate the publication date from unanchored extraction results.

    ``timexes`` must come from :func:`extract_time_expressions` run without an anchor, so
    that only absolute expressions carry calendar values. ``tense`` (a
    :class:`~chronicle.extract.temporal.tense.TenseReader`'s ``at``) tells clauses about the
    future ("will meet on May 3, 2025"); ``text`` (the article) lets the words before a date
    mark it as a plan ("to be released in") or a deadline ("bonds due 1993"), and dates set
    beside a relative phrase ("yesterday, June 7") be read together. Today's date is never used.

    >>> from chronicle.extract.temporal import extract_time_expressions
    >>> from chronicle.extract.temporal.tense import TenseReader
    >>> text = "The plant closed in August 2024. On Oct. 3 the union said talks will resume on May 3, 2025."
    >>> guess = infer_publication_date(list(extract_time_expressions(text)), tense=TenseReader(text).at)
    >>> guess.date.value, guess.confidence > 0.8, str(guess.day)
    ('2024', True, '2024-10-24')
    """
    clues = read_clues(timexes, tense=tense, text=text)
    return weigh_clues(clues)


def read_clues(timexes: list[Timex], *, tense=None, text: str | None = None) -> list[Clue]:
    """The time expressions that bear on the publication date, as clues."""
    p = params()
    deadlines = frozenset(p["deadline_words"])
    weekdays = _weekday_words()
    clues = []
    timexes = _join_weekdays(sorted(timexes, key=lambda t: t.start_char), text)
    for t in timexes:
        read = tense(t.start_char, t.end_char)[0] if tense is not None else "past"
        way = _WAYS.get(read, "present")
        lead = re.split(r"[.!?;\n]", text[max(0, t.start_char - 50):t.start_char])[-1] if text else ""
        before = re.findall(r"[a-z]+", lead.lower())[-4:]  # the words before it, in its own sentence
        if any(w in p["plan_words"] for w in before) or "to be" in " ".join(before):
            way = "ahead"  # "to be released in mid-2011", "scheduled for June 21": a plan whatever the tense read
        elif any(w in deadlines for w in before[-3:]):
            way = "either"
        date = DateValue.try_parse(t.value)
        if date is not None:
            if date.granularity in _TOO_COARSE or not p["oldest_year"] <= date.start.year <= p["newest_year"] \
                    or t.type == "DURATION":
                continue
            if t.anchor is not None:
                continue  # chained on an earlier date ("a year later", "the quarter"): it adds only that date's doubts
            clues.append(Clue("dated", way, t.text, date=date))
        elif m := _MONTH_DAY.fullmatch(t.value):
            named = [weekdays[w] for w in re.findall(r"[a-z]+", t.text.lower()) if w in weekdays]
            clues.append(Clue("month_day", way, t.text, month=int(m[1]), day=int(m[2]),
                              weekday=named[0] if named else 0))
        elif m := _MONTH.fullmatch(t.value):
            clues.append(Clue("month", way, t.text, month=int(m[1])))
        elif m := _WEEKDAY.fullmatch(t.value):
            clues.append(Clue("weekday", way, t.text, weekday=int(m[1])))
    return clues + _appositions(timexes, text)


def _appositions(timexes: list[Timex], text: str | None) -> list[Clue]:
    """A relative phrase set beside a date names it: "yesterday, June 7", "today (Aug. 15)",
    "October, last month", "last year, in 2012". The date then says when the article was written."""
    words = params()["apposition"]
    out = []
    for a, b in zip(timexes, timexes[1:]):
        if text is None or not re.fullmatch(r"[ ,(\u2014-]*(?:in |on )?[ ,(]*", text[a.end_char:b.start_char]):
            continue
        for rel, other in ((a, b), (b, a)):
            phrase = " ".join(rel.text.lower().split())
            unit = next((u for u in ("day", "month", "year") if phrase in words[u]), None)
            date = DateValue.try_parse(other.value) if other.anchor is None else None
            md, mo = _MONTH_DAY.fullmatch(other.value), _MONTH.fullmatch(other.value)
            fits = {"day": md or (date and date.granularity in _DAY_GRAINS),
                    "month": mo or (date and date.granularity == Granularity.MONTH),
                    "year": date and date.granularity not in _TOO_COARSE}
            if unit is None or not fits[unit]:
                continue  # "yesterday" beside a year is no apposition
            out.append(Clue("same", "past", text[min(a.start_char, b.start_char):max(a.end_char, b.end_char)],
                            date=date, month=int((md or mo)[1]) if md or mo else 0, day=int(md[2]) if md else 0,
                            offset=words[unit][phrase], unit=unit))
    return out


def _join_weekdays(timexes: list[Timex], text: str | None) -> list[Timex]:
    """A weekday beside a month-day ("Tuesday, 6 August", "Oct. 26, a Monday") names that date's weekday:
    one month-day clue whose text holds both, not a weekday of the publication week as well."""
    if text is None:
        return timexes
    out: list[Timex] = []
    for t in timexes:
        prev = out[-1] if out else None
        if prev is not None and {_kind(prev), _kind(t)} == {"weekday", "month_day"} \
                and re.fullmatch(r"[\s,(]*(?:an?\s+)?", text[prev.end_char:t.start_char]):
            month_day = prev if _kind(prev) == "month_day" else t
            out[-1] = dataclasses.replace(month_day, start_char=prev.start_char, end_char=t.end_char,
                                          text=text[prev.start_char:t.end_char])
            continue
        out.append(t)
    return out


def _kind(t: Timex) -> str:
    if _MONTH_DAY.fullmatch(t.value):
        return "month_day"
    return "weekday" if _WEEKDAY.fullmatch(t.value) else ""


def weigh_clues(clues: list[Clue]) -> Inference:
    """Multiply the clues into a probability over candidate days and summarise it."""
    import numpy as np

    p = params()
    dated = [c for c in clues if c.kind == "dated"]
    if not dated:
        return Inference(None, None, "no date naming a year: nothing dates the text")
    # The year prior hangs on the latest date in a past clause; present ones only when there is none.
    past = [c for c in dated if c.way == "past"] or [c for c in dated if c.way == "present"]
    plans = [c for c in dated if c.way == "ahead"] or dated
    if past:
        bound = max(c.date.start for c in past)
        base = max(c.date.end.year for c in past)
        years = base + np.arange(-p["years_before"], p["years_after"] + 1)
        prior = np.array(p["year_prior"]["weights"], dtype=float)
        share = (dt.date(base, 12, 31) - max(bound, dt.date(base, 1, 1))).days + 1
    else:  # only plans or deadlines: the article comes before the first of them, by years counted back
        bound = min(c.date.end for c in plans)
        base = min(c.date.start.year for c in plans)
        years = base + np.arange(-p["years_after"], p["years_before"] + 1)
        prior = np.array(p["year_prior"]["ahead"], dtype=float)
        share = (min(bound, dt.date(base, 12, 31)) - dt.date(base, 1, 1)).days + 1
    first, last = dt.date(int(years[0]), 1, 1), dt.date(int(years[-1]), 12, 31)
    days = np.arange(first.toordinal(), last.toordinal() + 1)
    year_of = _calendar(int(days[0]), int(days[-1])).year_of  # ~5,500 days, the same for many articles
    # Each year's prior spread evenly over its days; in the base year over the days the bound leaves
    # (the year of "August 2024" is the publication year for articles from August to December only).
    per_year = np.bincount(year_of - int(years[0])).astype(float)
    logp = np.log(prior / prior.sum() / per_year)[year_of - int(years[0])]
    beyond = (days > bound.toordinal()) if past else (days <= bound.toordinal())
    logp += np.where((year_of == base) & beyond, np.log(per_year[base - int(years[0])] / share), 0.0)
    for c in dated:
        logp += _dated(c, days, p)
    for c in (c for c in clues if c.kind == "month_day"):
        logp += _month_day(c, days, p)
    for c in (c for c in clues if c.kind == "month"):
        logp += _month(c, days, year_of, p)
    for c in (c for c in clues if c.kind == "same"):
        logp += np.where(_same(c, days, year_of), np.log(p["apposition"]["odds"]), 0.0)
    counts = Counter((c.weekday, c.way) for c in clues if c.kind == "weekday")
    for (wd, way), n in counts.items():
        table = np.array(p["weekday"][_SIDE[way]], dtype=float)
        table = np.log(table / table.sum() * 7)
        logp += table[(days % 7 + 7 - wd) % 7] * n ** p["weekday"]["repeat_power"]  # ordinal % 7: ISO weekday % 7
    prob = np.exp(logp - logp.max())
    prob /= prob.sum()
    return _summarise(prob, days, clues, past, p)


def _dated(c: Clue, days, p: dict):
    import numpy as np

    a = p["absolute"]
    if c.way in ("past", "present"):
        share = a["after_publication"] if c.way == "past" else a["present_after_publication"]
        return np.where(days < c.date.start.toordinal(), np.log(share), 0.0)
    # a plan is seldom already past; a deadline ("due 1993", "after 1990") points either way, mostly ahead
    if c.way == "either":
        return np.where(days > c.date.end.toordinal(), np.log(a["deadline_before_publication"]), 0.0)
    # A plan read as past is a tense slip about days just gone, not years: the odds fall with the distance.
    # Down to a floor: a plan misread far in the past then weighs the same on every later day.
    late = np.minimum(np.maximum(days - c.date.end.toordinal(), 0), a["before_publication_floor"])
    return np.where(late > 0, np.log(a["before_publication"]) - late / a["before_publication_scale"], 0.0)


def _mixture(after, before, params: dict, period: float):
    """Log of: a plateau then a decay after the event, the same before it, and an even rest.

    Each side is flat for ``*_flat`` units (a month-day in a past clause is anything from the
    same day to five weeks old: train, 49 mentions spread evenly over weeks 0-5), then falls
    by e every ``*_scale`` units; ``after`` and ``before`` are the shares of the two sides.
    """
    import numpy as np

    def side(x, share, flat, scale):
        return share / (flat + scale) * np.exp(-np.maximum(x - flat, 0) / scale)

    rest = 1.0 - params["after"] - params["before"]
    value = (side(after, params["after"], params.get("after_flat", 0), params["after_scale"])
             + side(before, params["before"], params.get("before_flat", 0), params["before_scale"])
             + rest / period)
    return np.log(value * period)


def _month_day(c: Clue, days, p: dict):
    """Days since the last occurrence of the month-day and until the next one."""
    import numpy as np

    lo, hi = dt.date.fromordinal(int(days[0])).year - 1, dt.date.fromordinal(int(days[-1])).year + 1
    occurrences = []
    for y in range(lo, hi + 1):
        try:
            when = dt.date(y, c.month, c.day)
        except ValueError:
            continue  # February 29 outside a leap year
        if c.weekday and when.isoweekday() != c.weekday:
            continue  # "Friday, Oct. 19": only the years in which Oct. 19 is a Friday
        occurrences.append(when.toordinal())
    if not occurrences:
        return np.zeros(len(days))
    occ = np.array(occurrences)
    i = np.searchsorted(occ, days, side="right")  # occ[i-1] <= day < occ[i]
    after = np.where(i > 0, days - occ[np.maximum(i - 1, 0)], 10_000)
    before = np.where(i < len(occ), occ[np.minimum(i, len(occ) - 1)] - days, 10_000)
    params = p["month_day"][_SIDE[c.way]]
    period = 365.0 * (1 + 6 * bool(c.weekday))  # a named weekday leaves one year in about seven
    return _mixture(after, before, params, period)


def _same(c: Clue, days, year_of):
    """The candidate days on which the phrase beside the date would name it."""
    import numpy as np

    if c.unit == "year":
        return (year_of + c.offset >= c.date.start.year) & (year_of + c.offset <= c.date.end.year)
    if c.unit == "month":
        named = np.array([(w.year * 12 + w.month - 1) for w in map(dt.date.fromordinal, days.tolist())]) + c.offset
        if c.date is not None:
            return named == c.date.start.year * 12 + c.date.start.month - 1
        return named % 12 == c.month - 1
    if c.date is not None:
        return (days + c.offset >= c.date.start.toordinal()) & (days + c.offset <= c.date.end.toordinal())
    when = [dt.date.fromordinal(int(o)) for o in days + c.offset]
    return np.array([(w.month, w.day) == (c.month, c.day) for w in when])


def _month(c: Clue, days, year_of, p: dict):
    import numpy as np

    month_of = _calendar(int(days[0]), int(days[-1])).month_of
    after = (month_of - c.month) % 12
    before = (c.month - month_of) % 12
    return _mixture(after, before, p["month"][_SIDE[c.way]], 12.0)


def _summarise(prob, days, clues: list[Clue], past: list[Clue], p: dict) -> Inference:
    import numpy as np

    cal = _calendar(int(days[0]), int(days[-1]))
    dates = cal.dates
    masses = prob.tolist()  # the same floats as float(q) for each q, without a numpy scalar apiece
    chosen = None
    for grain in _GRAINS:
        keys = cal.keys(grain)
        mass: dict[str, float] = {}
        for k, q in zip(keys, masses):
            mass[k] = mass.get(k, 0.0) + q
        best = max(mass, key=mass.get)
        if mass[best] >= p["value_mass"] or grain == "year":
            chosen = (DateValue.parse(best), mass[best])
            break
    value, confidence = chosen
    first, last = _shortest_interval(prob, p["interval_mass"])
    inside = (days >= value.start.toordinal()) & (days <= value.end.toordinal())
    within = np.where(inside, prob, 0.0)
    median = int(np.searchsorted(np.cumsum(within) / within.sum(), 0.5))
    near = slice(max(median - 3, 0), median + 4)  # the likeliest day of the week around the median
    day = dates[near.start + int(np.argmax(within[near]))]
    earliest, latest = min(dates[first], day), max(dates[last], day)
    return Inference(value, round(confidence, 3), _reason(clues, past, value, confidence, earliest, latest),
                     earliest, latest, day)


_GRAINS = ("day", "week", "month", "year")


class _Calendar:
    """The days from one ordinal to another, as dates, years, months and the keys of each grain.

    Built once per range (:func:`_calendar`) and shared by the articles whose candidate years are
    the same; its arrays are read-only and its key lists are only read."""

    def __init__(self, first: int, last: int) -> None:
        import numpy as np

        self.dates = [dt.date.fromordinal(o) for o in range(first, last + 1)]
        self.year_of = np.array([d.year for d in self.dates])
        self.month_of = np.array([d.month for d in self.dates])
        self.year_of.setflags(write=False)
        self.month_of.setflags(write=False)
        self._keys: dict[str, list[str]] = {}

    def keys(self, grain: str) -> list[str]:
        keys = self._keys.get(grain)
        if keys is None:
            dates = self.dates
            if grain == "day":
                keys = [d.isoformat() for d in dates]
            elif grain == "week":
                keys = ["%04d-W%02d" % d.isocalendar()[:2] for d in dates]
            elif grain == "month":
                keys = [d.isoformat()[:7] for d in dates]
            else:
                keys = [d.isoformat()[:4] for d in dates]
            self._keys[grain] = keys
        return keys


@functools.lru_cache(maxsize=16)
def _calendar(first: int, last: int) -> _Calendar:
    return _Calendar(first, last)


def _shortest_interval(prob, mass: float) -> tuple[int, int]:
    """Indices of the shortest run of days holding ``mass`` of the probability (the fullest, if tied)."""
    import numpy as np

    cum = np.concatenate(([0.0], np.cumsum(prob)))
    # For each start i, the first end j with cum[j + 1] - cum[i] >= mass.
    ends = np.searchsorted(cum, cum[:-1] + mass - 1e-12, side="left") - 1
    starts = np.flatnonzero(ends < len(prob))
    widths = ends[starts] - starts
    shortest = starts[widths == widths.min()]
    i = int(shortest[int(np.argmax(cum[ends[shortest] + 1] - cum[shortest]))])
    return i, int(ends[i])


def _reason(clues: list[Clue], past: list[Clue], value: DateValue, confidence: float,
            earliest: dt.date, latest: dt.date) -> str:
    parts = []
    if past:
        latest_named = max(past, key=lambda c: c.date.end)
        parts.append(f"the latest date named is '{latest_named.text}' ({latest_named.date.value})")
    for way, label in (("ahead", "dates ahead"), ("either", "deadlines")):
        named = [c for c in clues if c.kind == "dated" and c.way == way]
        if named:
            parts.append(f"{label}: " + ", ".join(f"'{c.text}'" for c in named[:3]))
    for kind, label in (("same", "dates placed by a phrase beside them"), ("month_day", "days without a year"),
                        ("month", "months without a year"), ("weekday", "weekdays")):
        named = list(dict.fromkeys(c.text for c in clues if c.kind == kind))
        if named:
            parts.append(f"{label}: " + ", ".join(f"'{t}'" for t in named[:4]))
    return (f"{'; '.join(parts)}: most likely published in {value.value} (probability {confidence:.2f}), "
            f"80% between {earliest} and {latest}")


@functools.lru_cache(maxsize=1)
def params() -> dict:
    data = resources.files("chronicle.data").joinpath("temporal").joinpath("infer.toml").read_text("utf-8")
    return tomllib.loads(data)




@functools.lru_cache(maxsize=1)
def _weekday_words() -> dict[str, int]:
    data = resources.files("chronicle.data").joinpath("temporal").joinpath("lexicon.toml").read_text("utf-8")
    return {k: v for k, v in tomllib.loads(data)["weekday"].items() if len(k) > 3}
