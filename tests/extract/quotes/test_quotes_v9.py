"""quotes.v9 (issue 16, quotes without a speaker): an unnamed source is the speaker as the article
describes it (``speaker_kind`` "described"), a transcript's "I" is the turn's speaker, and a
question or a generic "you" reports no one's words. Invented sentences; shapes from Timeline17
pages (CNN transcripts, wire copy)."""
import pytest

from chronicle.extract.quotes import extract_quotes


@pytest.fixture(scope="module")
def nlp():
    from chronicle.extract.nlp import load_nlp

    return load_nlp()


def quotes(nlp, text):
    return list(extract_quotes(text, doc=nlp(text), diagnostics=[]))


def one(found, words):
    (q,) = [q for q in found if words in q.text]
    return q


def test_a_transcripts_first_person_is_the_turns_speaker(nlp):
    text = ("Wolf Blitzer spoke to Naguib Sawiris on Monday.\n"
            "BLITZER : Thanks for joining us .\n"
            "SAWIRIS : Thank you .\n"
            "Well , I think the offer is acceptable to someone like him .\n"
            "BLITZER : And I believe the talks will resume tomorrow .\n")
    found = quotes(nlp, text)
    assert (one(found, "offer is acceptable").speaker, one(found, "offer is acceptable").speaker_kind) == \
        ("Naguib Sawiris", "named")  # the turn goes on over the paragraph
    assert one(found, "talks will resume").speaker == "Wolf Blitzer"


def test_first_person_outside_a_transcript_is_the_writer(nlp):
    # one label is no transcript: a news story's "NEW :" or "CAIRO :" opens no turns; the text's own
    # "I think" (a column, a blog, a reader's post) is its writer's
    text = "NEW : The curfew was extended .\nI think the offer is acceptable to the opposition ."
    q = one(quotes(nlp, text), "offer is acceptable")
    assert (q.speaker, q.speaker_kind, q.speaker_text) == ("writer", "described", "I")


def test_first_person_in_an_unnamed_turn_is_that_turns(nlp):
    text = ("BLITZER : Thanks for joining us .\nSAWIRIS : Thank you .\n"
            "UNIDENTIFIED MALE : I think the army will stay out of it .\n")
    q = one(quotes(nlp, text), "army will stay")
    assert (q.speaker, q.speaker_kind) == ("unidentified male", "described")  # never Sawiris, never "writer"


@pytest.mark.parametrize("text", [
    "Do you think that President Omar Lind can survive this ?",
    "But if you want to follow the constitution , you would dissolve the parliament first .",
    "Did the minister say that the border would reopen ?",
    "No one knows whether the president will survive the week .",
])
def test_a_question_or_a_generic_you_reports_no_words(nlp, text):
    assert [q.text for q in quotes(nlp, text) if q.kind == "indirect"] == []


def test_a_statement_beside_a_question_stays(nlp):
    q = one(quotes(nlp, "The minister said that the border would reopen on Monday ."), "border would reopen")
    assert q.speaker_kind == "described" and q.speaker == "minister"


def test_a_described_source_is_its_description_and_the_later_mentions_refer_back(nlp):
    text = ("A senior State Department official said the talks would resume on Monday . "
            "He added that the embassy would stay open . "
            "The official said that no date had been set for the visit .")
    found = quotes(nlp, text)
    speakers = [(q.speaker, q.speaker_kind) for q in found]
    assert speakers == [("senior State Department official", "described")] * 3, speakers


def test_a_plural_description_is_what_they_refers_to_in_the_next_sentence(nlp):
    text = ("Witnesses said the police fired tear gas at the crowd . "
            "Later , they said that the soldiers had withdrawn from the square .")
    q = one(quotes(nlp, text), "soldiers had withdrawn")
    assert (q.speaker, q.speaker_kind) == ("witnesses", "described")


def test_he_never_refers_back_to_a_description_of_no_person(nlp):
    text = ("The report said the quake had destroyed the port . "
            "He said that the airport was still open .")
    q = one(quotes(nlp, text), "airport was still open")
    assert q.speaker is None  # "the report" is no "he"


def test_a_named_speaker_beats_a_description_and_is_named(nlp):
    text = "Egyptian Foreign Minister Ahmed Aboul Gheit said that the talks would go on ."
    q = one(quotes(nlp, text), "talks would go on")
    assert (q.speaker, q.speaker_kind) == ("Ahmed Aboul Gheit", "named")


@pytest.mark.parametrize("words", ["video", "situation"])
def test_words_that_describe_no_one_who_speaks_give_no_speaker(nlp, words):
    text = f"The {words} shows that the police fired first ."
    for q in quotes(nlp, text):
        assert q.speaker is None
