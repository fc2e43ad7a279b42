"""The pipeline stage (publication-date inference: test_infer.py)."""
from __future__ import annotations

from chronicle.dates import DateValue
from chronicle.extract.temporal import TemporalStage
from chronicle.records import ArticleText


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
