"""quotes.v7 (issue 16, quotes without a speaker): a transcript turn's label in capitals names its
speaker. Invented sentences, shapes from Timeline17 pages (CNN transcripts)."""
import pytest

from chronicle.extract.quotes import extract_quotes


@pytest.fixture(scope="module")
def nlp():
    from chronicle.extract.nlp import load_nlp

    return load_nlp()


def quotes(nlp, text):
    return [(q.speaker_text, q.speaker, q.text) for q in extract_quotes(text, doc=nlp(text), diagnostics=[])]


def test_a_transcript_label_in_capitals_names_the_speaker(nlp):
    text = ("Candy Crowley joined the programme from Cairo.\n"
            "CROWLEY : Is there an element of truth to what the army is saying ?\n"
            "TELHAMI : There is always a conspiratorial theory in the region .\n"
            "UNIDENTIFIED FEMALE : We want freedom now , all of us .\n")
    found = {t.split()[0]: s for _, s, t in quotes(nlp, text)}
    assert found.get("Is") == "Candy Crowley"  # the article's full name for the label
    assert found.get("There") == "Telhami"  # else the label, written as a name
    assert found.get("We", None) == "unidentified female"  # names no one: the speaker as described


def test_a_question_opened_by_who_is_no_quote(nlp):
    # a rhetorical question in a column or a comment: no one said anything
    assert quotes(nlp, "Who knows where it will end?") == []
    assert quotes(nlp, "Who would have thought that a website could topple a regime?") == []
    # a relative "who" still reports its noun's words
    found = quotes(nlp, "Ruth Adler, who said the audit was ignored, resigned on Monday.")
    assert [s for _, s, _ in found] == ["Ruth Adler"]
