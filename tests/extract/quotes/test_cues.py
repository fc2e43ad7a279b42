"""Cue shapes added from PolNeAR train/dev misses, on hand-written sentences."""
import pytest

from chronicle.extract.quotes import extract_quotes


@pytest.fixture(scope="module")
def nlp():
    from chronicle.extract.nlp import load_nlp

    return load_nlp()


def quotes(nlp, text):
    found = list(extract_quotes(text, doc=nlp(text), diagnostics=[]))
    for q in found:
        assert text[q.start_char:q.end_char] == q.text
    return found


def test_content_noun_after_a_verb_takes_its_that_clause(nlp):
    found = quotes(nlp, "Senator Ruth Adler expressed optimism that the budget talks would succeed.")
    assert [(q.speaker, q.kind, q.text) for q in found] == [
        ("Ruth Adler", "indirect", "that the budget talks would succeed")]


def test_intent_noun_takes_its_infinitive(nlp):
    found = quotes(nlp, "Mayor Ruth Adler announced plans to close the old harbour bridge next year.")
    assert [(q.speaker, q.text) for q in found] == [("Ruth Adler", "to close the old harbour bridge next year")]


def test_possessed_intent_noun(nlp):
    found = quotes(nlp, "Adler's proposal to raise parking fees was rejected by the council.")
    assert [q.text for q in found] == ["to raise parking fees"]


def test_stance_toward_talks_is_not_a_quote(nlp):
    """The tagger reads 'talks' as the verb of a clause; 'express' needs an explicit 'that'."""
    text = "While Adler has expressed optimism about the harbour talks, the mood in the port suggests a long wait."
    assert quotes(nlp, text) == []
    assert [q.text for q in quotes(nlp, "Adler expressed that she was tired of waiting.")] == [
        "that she was tired of waiting"]
