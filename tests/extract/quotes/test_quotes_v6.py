"""quotes.v6 (issue 16 recall): shapes from PolNeAR train/dev misses, on invented sentences."""
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


def triples(found):
    return [(q.speaker_text, q.cue, q.text) for q in found]


# ---- a second report joined to the first one's content keeps its own words -------------------
def test_a_joined_second_report_ends_the_first_content(nlp):
    text = ("Mayor Ruth Adler said the ferry board had ignored the harbour audit for years, though she noted "
            "the new chairman is beginning to publish the minutes.")
    assert triples(quotes(nlp, text)) == [
        ("Mayor Ruth Adler", "said", "the ferry board had ignored the harbour audit for years"),
        ("she", "noted", "the new chairman is beginning to publish the minutes"),
    ]
    # a relative clause or an intention inside what was said is part of it, not a report of its own
    text = "Mayor Ruth Adler said the harbour board, which wants to sell the pier, had ignored the audit for years."
    assert triples(quotes(nlp, text)) == [
        ("Mayor Ruth Adler", "said",
         "the harbour board, which wants to sell the pier, had ignored the audit for years"),
    ]


# ---- a quoted fragment inside what a person's verb takes --------------------------------------
@pytest.mark.parametrize("text,speaker,cue,content", [
    ("Senator Ada Reyes blasted the harbour board as a “club of spoiled insiders” on Tuesday.",
     "Senator Ada Reyes", "blasted", "the harbour board as a “club of spoiled insiders”"),
    ("At a rally, Councillor Tom Brandt likened the toll plan to a “tax on going home” for islanders.",
     "Councillor Tom Brandt", "likened", "the toll plan to a “tax on going home”"),
])
def test_quoted_words_in_a_verbs_object(nlp, text, speaker, cue, content):
    (q,) = quotes(nlp, text)
    assert (q.speaker_text, q.cue, content in q.text, q.kind) == (speaker, cue, True, "mixed")
    # a title or one scare-quoted word beside a verb that reports nothing is no one's words
    assert quotes(nlp, "Ada Reyes hosts the weekly show “Harbour Talk Tonight” on local radio.") == []
    assert quotes(nlp, "Ada Reyes quietly dropped the “friend” she had brought to the launch.") == []


# ---- a present-tense cue the tagger reads as a plural noun ------------------------------------
def test_a_cue_tagged_as_a_plural_noun(nlp):
    """The small English model tags "claims" after "Trump" as a noun with "Trump" for its subject."""
    found = quotes(nlp, "But Trump claims that he should be the exception.")
    assert triples(found) == [("Trump", "claims", "that he should be the exception")]
    assert quotes(nlp, "But Trump claims victory in the harbour vote.") == []


# ---- a report inside a relative clause --------------------------------------------------------
@pytest.mark.parametrize("text,speaker,cue,content", [
    ("The mayor signed a letter of apology that she said was drafted by the ferry company.",
     "she", "said", "was drafted by the ferry company"),
    ("The strike hit the harbour board, which its auditors say could lose two million pounds this year.",
     "its auditors", "say", "could lose two million pounds this year"),
])
def test_a_report_inside_a_relative_clause(nlp, text, speaker, cue, content):
    """"a letter that she said [was drafted by ...]": what was said is the relative clause after the cue."""
    assert triples(quotes(nlp, text)) == [(speaker, cue, content)]


# ---- a title-cased headline with a present-tense cue ------------------------------------------
def test_a_headline_cue(nlp):
    found = quotes(nlp, "Mayor Ruth Adler Says Harbour Tolls Must Fall By Summer.\n\nThe mayor spoke on Monday.")
    assert [(q.speaker_text, q.cue, q.text, q.kind) for q in found] == [
        ("Mayor Ruth Adler", "Says", "Harbour Tolls Must Fall By Summer", "indirect")]
    found = quotes(nlp, "Councillor Brandt Calls On Harbour Board To Resign.\n\nHe spoke on Monday.")
    assert triples(found) == [("Councillor Brandt", "Calls", "Harbour Board To Resign")]
    # a topic after the cue is not what was said, and a stance toward a name is no quote by default
    assert quotes(nlp, "Ruth Adler Responds To Questions About Harbour Tolls.\n\nShe spoke on Monday.") == []
    assert quotes(nlp, "Ruth Adler Praises Harbour Board Chairman.\n\nShe spoke on Monday.") == []


# ---- short reported clauses and a contracted "has" --------------------------------------------
def test_a_two_word_clause_and_a_contracted_has(nlp):
    found = quotes(nlp, "Even after the videos surfaced, the ferry company has denied it happened.")
    assert triples(found) == [("the ferry company", "denied", "it happened")]
    found = quotes(nlp, "He's said he gets his ideas about harbour policy from a speech.")
    assert triples(found) == [("He", "said", "he gets his ideas about harbour policy from a speech")]


# ---- a request for anonymity is no statement ---------------------------------------------------
def test_a_request_for_anonymity_is_no_quote(nlp):
    text = "The talks are over, said a senior harbour official, who asked not to be named."
    assert triples(quotes(nlp, text)) == [("a senior harbour official", "said", "The talks are over")]
    text = "An aide, who requested that he not be identified, said the plan was dead."
    assert triples(quotes(nlp, text)) == [("An aide", "said", "the plan was dead")]
    # asking to be named to a post is an intention
    assert triples(quotes(nlp, "Lee asked to be named to the harbour board.")) == [
        ("Lee", "asked", "to be named to the harbour board")]
