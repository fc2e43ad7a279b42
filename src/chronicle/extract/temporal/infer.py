"""Publication-date inference for articles that arrive without a date: an interval and an honest value.

The estimate comes from the content only, never from today's date. The article cannot be
older than the latest date it reports outside a future-tense clause ("March 5, 2024",
"August 2024", "2023"; a month and day without a year, "Oct. 19", is placed in the latest
year named): that start is ``earliest``. How much later it appeared the text rarely says: news
names earlier years by their number and its own year seldom, so on TBAQ-cleaned train the
DCT of a document with a dated past is more often in the year after that latest date than
in its year, and often two or more years on. Deadlines and maturities ("bonds due 1993",
"by 1994", "effective Dec. 7") are left out of the lower bound. ``latest`` is therefore
the end of the year ``YEARS_AFTER`` years on, or the first date named in a future-tense
clause after ``earliest`` ("will meet on May 3, 2025"), whichever comes first.

The value given is the finest calendar unit covering the interval when it fits in one year;
otherwise the year after the latest one named, the commonest case, with a low confidence.
It is never the lower bound presented as an estimate, and never a day the text does not
support. Weekday names are not used: they name days of the (unknown) current week.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from collections.abc import Callable
from importlib import resources
from dataclasses import dataclass

from chronicle.dates import DateValue, Granularity
from chronicle.records import Timex

# Rules whose values do not depend on any anchor (see rules.toml).
ABSOLUTE_RULES = frozenset({
    "iso_date", "day_monabbr_year", "numeric_mdy", "month_day_year", "day_month_year", "month_year",
    "season_year", "fiscal_year", "mod_year", "year",
})
# The interval ends this many years after the year of the latest date named. TBAQ-cleaned train
# (71 documents with an estimate, heuristic tense): the DCT falls inside for 28 / 38 / 44 / 49 of
# them with 1 / 2 / 3 / 4 years, median widths 635 / 984 / 1320 / 1685 days.
YEARS_AFTER = 2
# Confidence of a value: "the year after the latest year named" is the DCT's year for 20 of 70
# TBAQ-cleaned train documents; an interval within one year arises too seldom to measure.
NEXT_YEAR_CONFIDENCE = 0.3
COVERING_CONFIDENCE = 0.3


@dataclass(frozen=True, slots=True)
class Inference:
    date: DateValue | None
    confidence: float | None
    reason: str
    earliest: dt.date | None = None  # the plausible interval of the publication day, inclusive
    latest: dt.date | None = None


def infer_publication_date(timexes: list[Timex], *, tense: Callable[[int, int], tuple[str, str]] | None = None,
                           text: str | None = None, today_is_unknown: bool = True) -> Inference:
    """Estimate the publication date from unanchored extraction results.

    ``timexes`` must come from :func:`extract_time_expressions` run without an anchor, so
    that only absolute expressions carry calendar values. ``tense`` (a
    :class:`~chronicle.extract.temporal.tense.TenseReader`'s ``at``) tells dates in
    future-tense clauses ("will meet on May 3, 2025"), which bound the date from above.
    ``text`` (the article) lets deadlines and maturities ("bonds due 1993", "by 1994") be
    left out of the lower bound.

    >>> from chronicle.extract.temporal import extract_time_expressions
    >>> from chronicle.extract.temporal.tense import TenseReader
    >>> text = "The plant closed in August 2024. Talks will resume on May 3, 2025."
    >>> guess = infer_publication_date(list(extract_time_expressions(text)), tense=TenseReader(text).at)
    >>> guess.date.value, str(guess.earliest), str(guess.latest)
    ('2025', '2024-08-01', '2025-05-03')
    """
    mentions = [(t, DateValue.try_parse(t.value)) for t in timexes if t.rule in ABSOLUTE_RULES]
    mentions = [(t, d) for t, d in mentions if d is not None and d.end.year >= 1900]
    ahead = _future if tense is not None else _never
    deadlines = _deadline_words()
    past = [(t, d) for t, d in mentions if not ahead(t, tense) and not _is_deadline(t, text, deadlines)]
    if not past:
        return Inference(None, None, "no absolute date outside a future clause")
    candidates = [(d.start, t.text) for t, d in past]
    year = max(d.start.year for _, d in past)
    candidates += _month_days_in([t for t in timexes if not ahead(t, tense) and not _is_deadline(t, text, deadlines)],
                                 year)
    earliest, phrase = max(candidates)
    latest = dt.date(earliest.year + YEARS_AFTER, 12, 31)
    bound = ""
    later = [(d.end, t.text) for t, d in mentions if ahead(t, tense) and d.start >= earliest]
    if later and min(later)[0] < latest:
        latest, cue = min(later)
        bound = f" and not after the future date '{cue}'"
    reason = f"not older than the latest date named ('{phrase}'){bound}: published between {earliest} and {latest}"
    covering = _covering(earliest, latest)
    if covering is not None:
        return Inference(covering, COVERING_CONFIDENCE, reason, earliest, latest)
    guess = DateValue.parse(str(earliest.year + 1))
    return Inference(guess, NEXT_YEAR_CONFIDENCE,
                     reason + "; taken as the year after it, the commonest case (news seldom names its own year)",
                     earliest, latest)


def _future(t: Timex, tense) -> bool:
    return tense(t.start_char, t.end_char)[0] == "future"


@functools.lru_cache(maxsize=1)
def _deadline_words() -> frozenset[str]:
    data = resources.files("chronicle.data").joinpath("temporal").joinpath("tense.toml").read_text("utf-8")
    return frozenset(tomllib.loads(data)["deadline_words"])


def _is_deadline(t: Timex, text: str | None, words: frozenset[str]) -> bool:
    """Whether one of the three words before ``t`` makes it a deadline or a target ("due 1993")."""
    if text is None:
        return False
    before = re.findall(r"[a-z]+", text[max(0, t.start_char - 40):t.start_char].lower())[-3:]
    return any(w in words for w in before)


def _never(t: Timex, tense) -> bool:
    return False  # without a tense reader no clause is known to be future


def _covering(earliest: dt.date, latest: dt.date) -> DateValue | None:
    """The finest of day, month and year holding the whole interval, if one does."""
    if earliest == latest:
        return DateValue.of_day(earliest)
    if (earliest.year, earliest.month) == (latest.year, latest.month):
        return DateValue.parse(f"{earliest.year}-{earliest.month:02d}")
    if earliest.year == latest.year:
        return DateValue.parse(str(earliest.year))
    return None


def _month_days_in(timexes: list[Timex], year: int) -> list[tuple[dt.date, str]]:
    """Month-day mentions without a year ("Oct. 19": XXXX-10-19), placed in ``year``."""
    out = []
    for t in timexes:
        v = t.value
        if t.rule in ("month_day", "day_month") and v.startswith("XXXX-") and len(v) == 10:
            try:
                out.append((dt.date(year, int(v[5:7]), int(v[8:10])), f"{t.text}, {year}"))
            except ValueError:
                continue
    return out
