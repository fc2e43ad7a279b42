"""Publication-date inference with the date withheld: Chronicle's estimator beside a plain baseline.

Each document is read without its date (MEANTIME's dateline, the second line, is blanked,
as it states the date). Rates are shares of all documents, so an abstention counts as a
miss; the median error and the median width are over the documents with an estimate.

- "right at its precision": the true date lies inside the value given (a day, week, month
  or year: the estimator picks the finest unit holding half of its probability);
- "mean confidence": the confidence given, averaged; beside the previous column it says
  whether the confidence is calibrated;
- "same day" ... "within 31 days", "median error": distance from the point estimate (the
  single most plausible day; for the baseline, the middle of the date it names) to the truth;
- "inside the interval", "median width": the interval given (80% for Chronicle; the date's
  own span for the baseline).

The baseline is what a content-only date guesser does (htmldate's fallback, for instance):
the latest absolute date mentioned is the publication date.

``anchoring_rows`` then scores the time expressions of the same texts, date withheld, when
relative ones are anchored on nothing, on Chronicle's estimate (what the temporal stage does
for an undated article), and on the true date.
"""
from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

HEADER = ["estimator", "documents", "n", "right at its precision", "mean confidence", "same day", "within 3 days",
          "within 7 days", "within 31 days", "median error (days)", "inside the interval", "median width (days)",
          "no estimate"]


@dataclass(frozen=True)
class Guess:
    value: object  # a DateValue
    confidence: float | None
    day: dt.date
    earliest: dt.date
    latest: dt.date


def withheld(doc) -> str:
    """The text with the date withheld: MEANTIME's dateline (line 2) states it, so it is blanked."""
    text = doc.text
    if doc.regions is None:
        return text
    start = text.index("\n") + 1
    end = text.index("\n", start) + 1
    return text[:start] + " " * (end - start) + text[end:]


def chronicle_guess(text: str, parsed) -> Guess | None:
    from chronicle.extract.temporal import extract_time_expressions
    from chronicle.extract.temporal.infer import infer_publication_date
    from chronicle.extract.temporal.tense import TenseReader

    g = infer_publication_date(list(extract_time_expressions(text, doc=parsed)), tense=TenseReader(text, parsed).at,
                               text=text)
    if g.date is None:
        return None
    return Guess(g.date, g.confidence, g.day, g.earliest, g.latest)


def latest_date_guess(text: str, parsed) -> Guess | None:
    """Baseline: the latest absolute date mentioned (any tense) is the publication date."""
    from chronicle.dates import DateValue, Granularity
    from chronicle.extract.temporal import extract_time_expressions

    dates = [d for t in extract_time_expressions(text, doc=parsed) if t.type != "DURATION"
             if (d := DateValue.try_parse(t.value)) is not None
             and d.granularity not in (Granularity.DECADE, Granularity.CENTURY)]
    if not dates:
        return None
    latest = max(dates, key=lambda d: (d.end, -d.start.toordinal()))
    middle = latest.start + (latest.end - latest.start) / 2
    return Guess(latest, None, middle, latest.start, latest.end)


ESTIMATORS = {"Chronicle (this run)": chronicle_guess, "baseline: latest absolute date mentioned": latest_date_guess}


def inference_rows(label: str, docs, parsed) -> list[list]:
    rows = []
    texts = [withheld(d) for d in docs]
    for name, estimate in ESTIMATORS.items():
        rows.append([name, label, *_score(docs, [estimate(t, p) for t, p in zip(texts, parsed)])])
    return rows


def _score(docs, guesses: list[Guess | None]) -> list:
    n = len(docs)
    right = inside = none = 0
    within = {0: 0, 3: 0, 7: 0, 31: 0}
    errors, widths, confidences = [], [], []
    for d, g in zip(docs, guesses):
        if g is None:
            none += 1
            continue
        truth = dt.date.fromisoformat(d.dct[:10])
        right += g.value.start <= truth <= g.value.end
        if g.confidence is not None:
            confidences.append(g.confidence)
        error = abs((g.day - truth).days)
        errors.append(error)
        for days in within:
            within[days] += error <= days
        inside += g.earliest <= truth <= g.latest
        widths.append((g.latest - g.earliest).days + 1)
    med = (lambda xs: statistics.median(xs) if xs else "")
    return [n, right / n, statistics.mean(confidences) if confidences else "", *(v / n for v in within.values()),
            med(errors), inside / n, med(widths), none / n]


ANCHORING_HEADER = ["documents", "anchor", "value accuracy", "value F1"]


def anchoring_rows(label: str, docs, parsed) -> list[list]:
    """TIMEX3 value scores with the date withheld: no anchor, the inferred one, the true one."""
    from chronicle.dates import DateValue
    from chronicle.extract.temporal import extract_time_expressions, infer_publication_date
    from chronicle.extract.temporal.tense import TenseReader

    from bench.temporal import data, scoring

    rows = []
    for name in ("none (relative values left underspecified)", "Chronicle's estimate (inferred)",
                 "the true date (withheld from the text only)"):
        sc = scoring.Scores()
        for d, doc in zip(docs, parsed):
            text = withheld(d)
            if name.startswith("none"):
                anchor = None
            elif name.startswith("the true"):
                anchor = DateValue.try_parse(d.dct[:10])
            else:
                anchor = infer_publication_date(list(extract_time_expressions(text, doc=doc)),
                                                tense=TenseReader(text, doc).at, text=text).date
            found = extract_time_expressions(text, anchor=anchor, anchor_source="inferred", doc=doc)
            scoring.add_doc(sc, d.gold, [_Span(t) for t in found if data.in_regions(d, t.start_char, t.end_char)])
        rows.append([label, name, sc.value_accuracy, sc.value_f1])
    return rows


class _Span:
    def __init__(self, t):
        self.start, self.end, self.text, self.type, self.value = t.start_char, t.end_char, t.text, t.type, t.value
