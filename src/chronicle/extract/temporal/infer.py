"""Publication-date inference for articles that arrive without a date.

The estimate comes from the content only, never from today's date: the latest full date
the article mentions (articles report the recent past), checked for consistency with the
weekdays it names; failing that, the latest month-and-year, then the latest year, each
coarser and less certain. When nothing in the text supports an estimate, the answer is None.
"""
from __future__ import annotations

from dataclasses import dataclass

from chronicle.dates import DateValue, Granularity
from chronicle.records import Timex

# Rules whose values do not depend on any anchor (see rules.toml).
ABSOLUTE_RULES = frozenset({
    "iso_date", "day_monabbr_year", "numeric_mdy", "month_day_year", "day_month_year", "month_year",
    "season_year", "fiscal_year", "mod_year", "year",
})


@dataclass(frozen=True, slots=True)
class Inference:
    date: DateValue | None
    confidence: float | None
    reason: str


def infer_publication_date(timexes: list[Timex], *, today_is_unknown: bool = True) -> Inference:
    """Estimate the publication date from unanchored extraction results.

    ``timexes`` must come from :func:`extract_time_expressions` run without an anchor, so
    that only absolute expressions carry calendar values.
    """
    absolute = [(t, DateValue.try_parse(t.value)) for t in timexes if t.rule in ABSOLUTE_RULES]
    absolute = [(t, d) for t, d in absolute if d is not None and d.end.year >= 1900]
    weekdays = {int(t.value[-1]) for t in timexes if t.rule == "weekday" and t.value.startswith("XXXX-WXX-")}
    days = [(d.start, t) for t, d in absolute if d.granularity in (Granularity.DAY, Granularity.TIME)]
    if days:
        latest, phrase = max(days, key=lambda x: x[0])
        confidence = 0.6
        reason = f"latest full date mentioned ('{phrase.text}')"
        if weekdays:
            # An article that names the weekday of its latest date usually appeared within the week.
            if latest.isoweekday() in weekdays:
                confidence = 0.7
                reason += f", consistent with the weekday named ({latest.strftime('%A')})"
            else:
                confidence = 0.5
                reason += ", though the weekdays named do not include its weekday"
        return Inference(DateValue.of_day(latest), confidence, reason)
    months = [(d.start, t, d) for t, d in absolute if d.granularity == Granularity.MONTH]
    if months:
        _, phrase, d = max(months, key=lambda x: x[0])
        return Inference(d, 0.35, f"latest month mentioned ('{phrase.text}'); the day is unknown")
    years = [(d.start, t, d) for t, d in absolute if d.granularity == Granularity.YEAR]
    if years:
        _, phrase, d = max(years, key=lambda x: x[0])
        return Inference(DateValue.parse(d.value[:4]), 0.2, f"latest year mentioned ('{phrase.text}')")
    return Inference(None, None, "no absolute date in the text")
