"""The array versions of spaCy's attribute ruler and lemmatizer give spaCy's own output, token for token."""
from __future__ import annotations

import numpy as np
import pytest
from spacy import attrs as A

from chronicle.extract.fastpipes import speed_up
from chronicle.extract.nlp import load_nlp

COLUMNS = [A.ORTH, A.TAG, A.POS, A.MORPH, A.LEMMA, A.DEP, A.HEAD, A.ENT_IOB, A.ENT_TYPE, A.SENT_START]

# The ruler's rarer patterns (two-token, negative and second-token targets, regular expressions,
# NOT_IN, DEP, IS_SPACE) and text shapes a parse meets: empty, blank, lines, odd tokens.
EDGE_TEXTS = [
    "",
    " ",
    "\n\n",
    "Y'all ain't gonna believe it, but I gotta say: let's go. C'mon! Nothin' doin', he said.",
    "There is a deal. There's no deal, and there were talks; it is what it is.",
    "I told you it was them who did it, and you told me.\n\nHe'd have done it if he had known.",
    "“We will not stop,” the minister said on Tuesday.   Kyiv —  Zelenskyy's office declined.",
    "ﬁve ０１２ — Ω ∑ ☃ \u200b\u202e text",
]


@pytest.fixture(scope="module")
def pair():
    stock, fast = load_nlp(stock=True), load_nlp.__wrapped__()
    assert stock is not fast
    return stock, fast


def _same(stock, fast, texts):
    for a, b in zip(stock.pipe(texts), fast.pipe(texts)):
        assert np.array_equal(a.to_array(COLUMNS), b.to_array(COLUMNS)), a.text[:80]
        assert [str(t.morph) for t in a] == [str(t.morph) for t in b]
        assert [t.lemma_ for t in a] == [t.lemma_ for t in b]


def test_components_swapped(pair):
    stock, fast = pair
    assert type(fast.get_pipe("attribute_ruler")).__name__ == "FastAttributeRuler"
    assert type(fast.get_pipe("lemmatizer")).__name__.startswith("Fast")
    assert type(stock.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"


def test_same_on_reference_articles(pair, ukraine):
    texts = [p.read_text(encoding="utf-8") for p in sorted(ukraine.glob("*.txt"))]
    assert len(texts) == 5
    _same(*pair, texts)


def test_same_on_edge_texts(pair):
    _same(*pair, EDGE_TEXTS)
    # one text at a time through __call__, not only through pipe()
    stock, fast = pair
    for text in EDGE_TEXTS:
        assert np.array_equal(stock(text).to_array(COLUMNS), fast(text).to_array(COLUMNS))


def _ruler_nlp(patterns):
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(patterns)
    return nlp


CUSTOM = [
    {"patterns": [[{"LOWER": {"REGEX": "^ab+$"}}]], "attrs": {"TAG": "XX", "LEMMA": "ab"}},
    {"patterns": [[{"LOWER": "big"}, {"LOWER": {"IN": ["deal", "day"]}}]], "attrs": {"TAG": "YY"}, "index": -1},
    {"patterns": [[{"LOWER": {"NOT_IN": ["abb"]}, "IS_SPACE": False}]], "attrs": {"MORPH": "Number=Sing"}},
    {"patterns": [[{"LOWER": "big"}]], "attrs": {"TAG": "ZZ", "MORPH": "Degree=Pos"}},  # later wins
    {"patterns": [[{"IS_SPACE": True}], [{"LOWER": "day"}]], "attrs": {"POS": "SPACE"}},
]


def test_custom_ruler_same_as_spacy():
    stock, fast = _ruler_nlp(CUSTOM), _ruler_nlp(CUSTOM)
    assert speed_up(fast) == ["attribute_ruler"]
    texts = ["abbb big deal on a big day  abb", "big", "", "Big Deal big\n\nday ab"]
    for a, b in zip(stock.pipe(texts), fast.pipe(texts)):
        assert np.array_equal(a.to_array([A.TAG, A.POS, A.MORPH, A.LEMMA]), b.to_array([A.TAG, A.POS, A.MORPH, A.LEMMA]))
    doc = fast("a big deal")
    assert [t.tag_ for t in doc] == ["", "ZZ", "YY"]


def test_unsupported_pattern_left_to_spacy():
    nlp = _ruler_nlp([{"patterns": [[{"LOWER": "a", "OP": "+"}]], "attrs": {"TAG": "A"}}])
    assert speed_up(nlp) == []
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"
    assert [t.tag_ for t in nlp("a a b")] == ["A", "A", ""]


def test_the_pipeline_still_pickles(pair):
    """spaCy's nlp.pipe(n_process=...) pickles the pipeline; the swapped classes must travel."""
    import pickle

    stock, fast = pair
    again = pickle.loads(pickle.dumps(fast))
    assert type(again.get_pipe("attribute_ruler")).__name__ == "FastAttributeRuler"
    _same(stock, again, EDGE_TEXTS[3:6])


def test_a_ruler_of_another_shape_stays_spacys(monkeypatch):
    """speed_up reads spaCy internals (the ruler's patterns, attrs, indices); where they differ, the
    component stays spaCy's own rather than failing to load."""
    nlp = _ruler_nlp(CUSTOM)
    ruler = nlp.get_pipe("attribute_ruler")
    monkeypatch.setattr(type(ruler), "patterns", property(lambda self: (_ for _ in ()).throw(AttributeError("gone"))))
    assert speed_up(nlp) == []
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"
