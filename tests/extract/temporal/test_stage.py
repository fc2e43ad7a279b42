"""The pipeline stage and publication-date inference."""
from __future__ import annotations

from chronicle.dates import DateValue, Granularity
from chronicle.extract.temporal import TemporalStage, extract_time_expressions, infer_publication_date
from chronicle.records import ArticleText


def infer(text: str):
    return infer_publication_date(list(extract_time_expressions(text)))


def test_inference_takes_the_latest_full_date_and_checks_weekdays():
    text = ("The council met on March 2, 2024, to debate the budget. "
            "It voted on Tuesday, March 5, 2024, and the mayor signed on Tuesday.")
    got = infer(text)
    assert got.date == DateValue.of_day(__import__("datetime").date(2024, 3, 5))
    assert "weekday" in got.reason
    assert got.confidence > infer("The council met on March 2, 2024, to debate the budget.").confidence


def test_inference_is_coarser_when_only_a_month_is_known():
    got = infer("Sales fell in August 2023 and again in October 2023.")
    assert got.date.value == "2023-10" and got.date.granularity == Granularity.MONTH
    assert got.confidence < infer("The council met on March 2, 2024.").confidence


def test_inference_gives_none_without_evidence_and_never_today():
    got = infer("The talks went well on Tuesday, officials said.")
    assert got.date is None and got.confidence is None


def test_stage_anchors_on_the_inferred_date_and_reports_it():
    stage = TemporalStage(None)
    text = "The ministers met on June 3, 2024. They will meet again on Friday."
    out = stage({"article": ArticleText(id="a", text=text), "diagnostics": []})
    assert out["inferred_published"].value == "2024-06-03"
    friday = next(t for t in out["timexes"] if t.text == "Friday")
    assert friday.value == "2024-06-07" and "(inferred)" in friday.explain


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


def test_inference_places_month_days_in_the_latest_year_and_moves_to_a_past_weekday():
    text = "Budget talks began in 2021. The vote came on Oct. 5 and protests followed on Thursday."
    got = infer(text)
    assert got.date.value == "2021-10-07"  # Oct. 5, 2021 was a Tuesday; the Thursday after it
    assert "weekday" in got.reason


def test_inference_ignores_weekdays_of_the_future():
    text = "The ministers met on June 3, 2024. They will meet again on Friday."
    tense = __import__("chronicle.extract.temporal.tense", fromlist=["TenseReader"]).TenseReader(text).at
    got = infer_publication_date(list(extract_time_expressions(text)), tense=tense)
    assert got.date.value == "2024-06-03"
