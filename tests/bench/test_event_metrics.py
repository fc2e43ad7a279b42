"""The coreference metrics behind bench/events, checked on toy cases worked out by hand."""
from __future__ import annotations

import pytest

from bench.events.metrics import b_cubed, ceaf_e, conll, muc


def test_identical_clusterings_score_one():
    key = {"a": 1, "b": 1, "c": 2, "d": 3}
    assert conll(key, dict(key))["conll"] == pytest.approx(1.0)


def test_one_cluster_against_singletons():
    key = {"a": 1, "b": 1, "c": 1}
    response = {"a": 1, "b": 2, "c": 3}
    assert muc(key, response)[:2] == (0.0, 0.0)
    p, r, _ = b_cubed(key, response)
    assert (p, r) == (pytest.approx(1.0), pytest.approx(1 / 3))
    p, r, _ = ceaf_e(key, response)  # phi4 = 2*1/(3+1) = 0.5 for the one matched pair
    assert (p, r) == (pytest.approx(0.5 / 3), pytest.approx(0.5))


def test_muc_counts_links():
    # Key {a,b,c,d}; response {a,b},{c,d}: 2 of 3 key links found; both response links are right.
    key = {m: 1 for m in "abcd"}
    response = {"a": 1, "b": 1, "c": 2, "d": 2}
    p, r, _ = muc(key, response)
    assert (p, r) == (pytest.approx(1.0), pytest.approx(2 / 3))


def test_missing_and_extra_mentions_cost_recall_and_precision():
    key = {"a": 1, "b": 1}
    response = {"a": 1, "x": 1}
    # a: overlap 1 of its 2-mention cluster on both sides (1/2); b and x are unmatched (0).
    p, r, _ = b_cubed(key, response)
    assert (p, r) == (pytest.approx(0.25), pytest.approx(0.25))
