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


def test_ecb_clustering_runs_within_sub_topics():
    """The published lemma baseline (0.764) clusters within each seminal event, not whole topics (0.719)."""
    from bench.events.__main__ import _topic, _whole_topic, lemma_baseline

    assert _topic("36_1ecb") != _topic("36_2ecbplus") and _whole_topic("36_1ecb") == _whole_topic("36_2ecbplus")
    mentions = [{"doc_id": d, "sent_id": 0, "tokens": (i,), "lemma": "arrest"}
                for i, d in enumerate(["36_1ecb", "36_3ecb", "36_2ecbplus"])]
    response = lemma_baseline(mentions)
    assert response[("36_1ecb", 0, (0,))] == response[("36_3ecb", 0, (1,))] != response[("36_2ecbplus", 0, (2,))]


def test_predicted_mentions_take_multiword_spans(pipeline):
    from bench.events.mentions import mention_span

    nlp = next(s for s in pipeline.stages if s.id.startswith("chronicle.parse")).nlp
    doc = nlp("Police opened fire on the crowd and gunned down two men, according to witnesses.")
    spans = {tok.text: [t.text for t in mention_span(tok, doc)] for tok in doc if tok.pos_ == "VERB"}
    assert sorted(spans["opened"]) == ["fire", "opened"]
    assert sorted(spans["gunned"]) == ["down", "gunned"]
    assert spans["according"] == ["according", "to"]
