"""The pipeline stage and publication-date inference."""
from __future__ import annotations

import datetime as dt

from chronicle.dates import DateValue, Granularity
from chronicle.extract.temporal import TemporalStage, extract_time_expressions, infer_publication_date
from chronicle.extract.temporal.tense import TenseReader
from chronicle.records import ArticleText


def infer(text: str):
    return infer_publication_date(list(extract_time_expressions(text)))


def test_inference_starts_the_interval_at_the_latest_full_date_and_does_not_claim_that_day():
    got = infer("The council met on March 2, 2024, to debate the budget. It voted on March 5, 2024.")
    assert got.earliest == dt.date(2024, 3, 5)
    assert got.date.value != "2024-03-05"  # a lower bound is not an estimate of the day
    assert got.date.start <= got.latest and got.date.end >= got.earliest
    assert "not older than" in got.reason


def test_inference_from_a_month_starts_at_its_first_day():
    got = infer("Sales fell in August 2023 and again in October 2023.")
    assert got.earliest == dt.date(2023, 10, 1)
    assert got.date.granularity == Granularity.YEAR and got.date.value == "2024"
    assert got.confidence < 0.5


def test_inference_is_bounded_by_a_future_date():
    text = "Sales fell in October 2023. The board will meet on Nov. 20, 2023."
    got = infer_publication_date(list(extract_time_expressions(text)), tense=TenseReader(text).at)
    assert (got.earliest, got.latest) == (dt.date(2023, 10, 1), dt.date(2023, 11, 20))
    assert got.date.value == "2023"  # the finest unit holding the whole interval


def test_inference_gives_none_without_evidence_and_never_today():
    got = infer("The talks went well on Tuesday, officials said.")
    assert got.date is None and got.confidence is None


def test_stage_anchors_on_the_inferred_date_and_reports_it():
    stage = TemporalStage(None)
    text = "The ministers met on June 3, 2024. They met again last year and will meet on Friday."
    state = {"article": ArticleText(id="a", text=text), "diagnostics": []}
    out = stage(state)
    assert out["inferred_published"].value == "2025"
    note = state["diagnostics"][0]
    assert note.code == "TMP002" and "2024-06-03" in note.message and "2026-12-31" in note.message
    last_year = next(t for t in out["timexes"] if t.text == "last year")
    assert last_year.value == "2024" and "(inferred)" in last_year.explain
    friday = next(t for t in out["timexes"] if t.text == "Friday")
    assert friday.value == "XXXX-WXX-5" and "too coarse" in friday.explain


def test_stage_without_any_date_leaves_a_diagnostic():
    state = {"article": ArticleText(id="a", text="The ministers met on Friday."), "diagnostics": []}
    out = TemporalStage(None)(state)
    assert out["inferred_published"] is None
    assert [d.code for d in state["diagnostics"]] == ["TMP001"]
    assert out["timexes"][0].value == "XXXX-WXX-5"


def test_stage_uses_the_given_date():
    article = ArticleText(id="a", text="Talks ended yesterday.", published=DateValue.parse("2025-03-19"),
                          published_source="metadata")
    out = TemporalStage(None)({"article": article, "diagnostics": []})
    assert out["timexes"][0].value == "2025-03-18" and "(metadata)" in out["timexes"][0].explain
    assert out["inferred_published"] is None


def test_inference_places_month_days_in_the_latest_year():
    got = infer("Budget talks began in 2021. The vote came on Oct. 5 and protests followed on Thursday.")
    assert got.earliest == dt.date(2021, 10, 5)
    assert "Oct. 5, 2021" in got.reason
