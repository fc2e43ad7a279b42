"""`timeline --top N`: the most important entries, no day filling the list, statements weighed down."""
from __future__ import annotations

from collections import Counter

import pytest

import chronicle
from chronicle.dates import DateValue
from chronicle.timeline.importance import default_weights, entry_importance


@pytest.fixture(scope="module")
def demo(demo_dir, tmp_path_factory):
    api = chronicle.open(tmp_path_factory.mktemp("top") / "demo.db")
    api.ingest([demo_dir], manifest=demo_dir / "manifest.csv")
    yield api
    api.close()


def test_top_caps_entries_per_day_and_keeps_date_order(demo):
    full = demo.timeline()
    top = demo.timeline(top=10)
    assert len(top) == 10 < len(full)
    per_day = Counter(e["date"] for e in top)
    assert max(per_day.values()) <= default_weights().entries.per_date
    starts = [DateValue.parse(e["date"]).start for e in top]
    assert starts == sorted(starts)
    assert {e["section"] for e in top} == {"story"}  # --top ranks the story only
    # The demo's first call (three independent outlets) is among them.
    assert any(e["type"] == "call" and e["independent_sources"] >= 3 for e in top)


def test_statements_weigh_less_than_what_they_are_about():
    assert entry_importance(2, 1.0, type="statement") < entry_importance(2, 1.0, type="call")
    assert entry_importance(2, 1.0, type="meeting") == entry_importance(2, 1.0)
