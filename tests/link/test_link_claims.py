"""Grouping figures across articles: bounds decide agreement, order never matters."""
from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from chronicle.link.claims import agree, group_claims, revisions

BOUNDS = ("exact", "more_than", "at_least", "at_most", "less_than", "about", "range")
figure = st.builds(lambda v, d, b: (float(v), float(v + d) if b == "range" else None, b),
                   st.integers(1, 10**6), st.integers(1, 1000), st.sampled_from(BOUNDS))


@given(figure, figure)
def test_agreement_is_symmetric(a, b):
    assert agree(a, b) == agree(b, a)


@given(figure)
def test_a_figure_agrees_with_itself(a):
    assert agree(a, a)


def test_bounds_decide():
    assert not agree((150.0, None, "exact"), (120.0, None, "exact"))
    assert agree((100.0, None, "more_than"), (120.0, None, "exact"))
    assert not agree((120.0, None, "more_than"), (120.0, None, "exact"))
    assert agree((100.0, None, "about"), (105.0, None, "exact"))
    assert agree((10.0, 20.0, "range"), (15.0, None, "exact"))
    assert not agree((230.0, 197.0, "tally"), (230.0, 196.0, "tally"))


def _row(aid, idx, value, head="prisoner", modality="happened", day="2025-09-16", each=0, event="prisoner_exchange"):
    return {"article_id": aid, "idx": idx, "value": value, "value_high": None, "bound": "exact", "unit": None,
            "counts_head": head, "event_type": event, "modality": modality, "each_side": each,
            "range_start": day, "range_end": day, "published_start": "2025-09-17"}


def test_an_agreed_figure_is_not_disputed_by_the_count_of_what_happened():
    rows = [_row("a", 0, 120, modality="agreed", day="2025-09-12", event="agreement"),
            _row("b", 0, 150), _row("c", 0, 120), _row("d", 0, 150, head="man")]
    groups = group_claims(rows)
    assert groups[("a", 0)][1] is False
    assert groups[("b", 0)] == groups[("c", 0)] == groups[("d", 0)]
    assert groups[("b", 0)][1] is True
    assert groups[("a", 0)][0] != groups[("b", 0)][0]


def test_per_side_figures_and_other_days_are_other_groups():
    rows = [_row("b", 0, 150), _row("b", 1, 75, each=1), _row("c", 0, 60, each=1), _row("e", 0, 300, day="2025-10-20")]
    groups = group_claims(rows)
    assert groups[("b", 1)] == groups[("c", 0)] and groups[("b", 1)][1] is True
    assert groups[("b", 0)][0] != groups[("b", 1)][0] != groups[("e", 0)][0]
    assert groups[("b", 0)][1] is False


@given(st.randoms())
def test_grouping_ignores_input_order(rnd):
    rows = [_row("a", 0, 120, modality="agreed", day="2025-09-12"), _row("b", 0, 150), _row("c", 0, 120),
            _row("c", 1, 60, each=1), _row("d", 0, 150, head="troop")]
    shuffled = rows[:]
    rnd.shuffle(shuffled)
    assert group_claims(rows) == group_claims(shuffled)


def test_a_changed_stance_revises_the_earlier_one():
    rows = [{"article_id": "a", "idx": 0, "actor": "Z", "target_head": "ceasefire", "stance": "reject", "day": "2025-03-01"},
            {"article_id": "b", "idx": 3, "actor": "Z", "target_head": "ceasefire", "stance": "support", "day": "2025-03-12"},
            {"article_id": "c", "idx": 1, "actor": "Z", "target_head": "ceasefire", "stance": "support", "day": "2025-03-20"},
            {"article_id": "d", "idx": 0, "actor": "Y", "target_head": "ceasefire", "stance": "reject", "day": "2025-03-25"}]
    assert revisions(rows) == {("b", 3): "a-p0"}
    random.Random(1).shuffle(rows)
    assert revisions(rows) == {("b", 3): "a-p0"}
