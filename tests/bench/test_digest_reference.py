"""The digest bench's golden check on the reference corpus (read from ../shared at run time):
`changes --since 2025-03-18` has the 19 May Trump-Putin call, the 19 March Trump-Zelensky call and
the agreed 1,000-for-1,000 prisoner exchange in its first ten lines, and no line of 2022 or earlier
there. Ranks are ceilings that only go down (bench/digest measured 3, 2 and 7)."""
from __future__ import annotations

import tomllib

import pytest

import chronicle
from bench.digest.__main__ import SINCE, TARGETS, line_texts, rank_of

CEILINGS = {"19 May Trump-Putin call": 3, "19 March Trump-Zelensky call": 2,
            "agreed 1,000-for-1,000 prisoner exchange": 7}


@pytest.fixture(scope="module")
def report_and_texts(ukraine, tmp_path_factory):
    with chronicle.open(tmp_path_factory.mktemp("digest-bench") / "uk.db") as api:
        api.ingest([ukraine], manifest=ukraine / "manifest.csv")
        report = api.changes(SINCE)
        return report, line_texts(api, report)


def test_the_three_news_items_lead_the_digest(report_and_texts):
    report, texts = report_and_texts
    targets = tomllib.loads(TARGETS.read_text(encoding="utf-8"))["target"]
    assert {t["id"] for t in targets} == set(CEILINGS)
    for t in targets:
        rank = rank_of(t, report["digest"], texts)
        assert rank is not None and rank <= CEILINGS[t["id"]], (t["id"], rank)


def test_no_old_background_in_the_top_ten(report_and_texts):
    report, _ = report_and_texts
    top = report["digest"][:10]
    assert len(top) == 10
    assert not [d for d in top if d["date"] and int(d["date"][:4]) <= 2022]
    assert all(d["tier"] == "story" for d in top)


def test_a_target_is_not_found_in_lines_that_do_not_say_it(report_and_texts):
    """The matcher can fail: the exchange is not the 19 May call, and no line is dated 2025-01-01."""
    report, texts = report_and_texts
    exchange = {"date": "2025-05-19", "all": [["prisoner"], ["exchange"], ["1,000"]]}
    call = {"date": "2025-05-19", "kinds": ["event"], "all": [["trump"], ["putin"], ["call", "conversation"]]}
    assert rank_of(exchange, report["digest"], texts) != rank_of(call, report["digest"], texts)
    assert rank_of({"date": "2025-01-01", "all": [["trump"]]}, report["digest"], texts) is None
