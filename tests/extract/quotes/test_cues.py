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


def test_a_poll_finding_is_reported_content(nlp):
    found = quotes(nlp, "A new poll shows Adler ahead by four points in the northern districts.")
    assert [(q.speaker_text, q.cue) for q in found] == [("A new poll", "shows")]
    assert found[0].text.startswith("Adler ahead by four points")
    assert quotes(nlp, "Adler found her keys under the car seat.") == []


def test_content_before_its_cue_runs_from_the_sentence_start(nlp):
    text = "The ferry was meant to sail at noon, but the crew refused to board it, a port official said."
    found = quotes(nlp, text)
    assert [q.text for q in found] == ["The ferry was meant to sail at noon, but the crew refused to board it"]


def test_nominal_stances_are_a_separate_kind_and_off_by_default(nlp):
    from chronicle.extract.quotes import QuoteOptions

    text = "Senator Ruth Adler criticized the new harbour budget on Monday."
    assert quotes(nlp, text) == []
    wide = list(extract_quotes(text, doc=nlp(text), options=QuoteOptions(nominal=True), diagnostics=[]))
    assert [(q.kind, q.speaker, q.text) for q in wide] == [("stance", "Ruth Adler", "the new harbour budget")]


def test_an_object_that_carries_a_claim_is_kept_by_default(nlp):
    found = quotes(nlp, "Ruth Adler dismissed the rumour that the harbour was unsafe.")
    assert [(q.kind, q.speaker, q.text) for q in found] == [
        ("indirect", "Ruth Adler", "the rumour that the harbour was unsafe")]
    found = quotes(nlp, "The ministry issued a statement saying the harbour was safe.")
    assert [(q.kind, q.speaker_text, q.text) for q in found] == [
        ("indirect", "The ministry", "a statement saying the harbour was safe")]


@pytest.mark.parametrize("text,speaker_text", [
    ("In Adler's words, the harbour plan is dead and buried.", "Adler"),
    ("As Adler put it, the harbour plan is dead and buried.", "Adler"),
    ("The harbour plan is dead and buried, as the mayor noted on Monday.", "the mayor"),
    ("In the view of the council, the harbour plan is dead and buried.", "the council"),
])
def test_source_phrases_inside_the_sentence(nlp, text, speaker_text):
    found = quotes(nlp, text)
    assert [(q.speaker_text, q.kind) for q in found] == [(speaker_text, "indirect")]
    assert found[0].text.startswith(("the harbour plan", "The harbour plan"))
    assert found[0].text.endswith("dead and buried")


def test_an_as_clause_with_its_own_object_is_no_source(nlp):
    assert quotes(nlp, "As she announced the plan, the crowd cheered loudly.") == []


def test_calling_for_someone_to_act(nlp):
    found = quotes(nlp, "Senator Ruth Adler is calling for the city to close the harbour bridge.")
    assert [(q.speaker, q.cue, q.text) for q in found] == [
        ("Ruth Adler", "calling for", "the city to close the harbour bridge")]


def test_direct_quote_governed_by_a_verb_outside_the_lexicon(nlp):
    found = quotes(nlp, "“I never wanted this job,” Adler confessed after the vote.")
    assert [(q.speaker, q.kind, q.cue) for q in found] == [("Adler", "direct", "confessed")]


def test_a_clause_split_at_a_curly_apostrophe_stays_whole(nlp):
    text = "But 16 percent of registered voters still say they don’t yet know enough about the senator to decide."
    found = quotes(nlp, text)
    assert [q.text for q in found] == ["they don’t yet know enough about the senator to decide"]


def test_they_after_a_coordinated_subject_stays_unnamed(nlp):
    text = ("Portugal and its neighbours have argued that the fishing quotas are unfair. "
            "They have vowed to take the case to the European court.")
    found = quotes(nlp, text)
    vowed = [q for q in found if q.cue == "vowed"]
    assert [(q.speaker_text, q.speaker) for q in vowed] == [("They", None)]
    single = "Portugal has argued that the fishing quotas are unfair. It has vowed to take the case to court."
    assert [q.speaker for q in quotes(nlp, single) if q.cue == "vowed"] == ["Portugal"]


def test_signature_after_a_no_break_space_and_dash(nlp):
    text = ("“The new library changed our street. It is open late. We love it.”― Nadia Brook\u00a0\n"
            "“I am so proud of this town. Nobody thought we could do it. How did we get this lucky?”\u00a0― Tom Okafor\u00a0\n"
            "“We need more buses on the night routes, not fewer.”― Ada Lin.\n")
    found = quotes(nlp, text)
    assert [(q.text[:12], q.speaker_text) for q in found] == [
        ("The new libr", "Nadia Brook"), ("I am so prou", "Tom Okafor"), ("We need more", "Ada Lin")]


def test_cue_sentence_after_a_quote_may_run_on(nlp):
    text = ("“I would,” Brook said to the TV.\n\n"
            "“Who would have believed that when we started this club in June of last year we — and I say we, "
            "because we are a team — would have won almost every game?” Okafor said, looking out on the cheering crowd."
            "\n\n“I would,” Brook said to the TV.")
    found = quotes(nlp, text)
    q = [q for q in found if q.text.startswith("Who would")]
    assert [(x.speaker_text, x.cue) for x in q] == [("Okafor", "said")]


def test_hopes_is_a_cue_although_the_tagger_lemmatizes_it_hop(nlp):
    found = quotes(nlp, "The council hopes to reopen the harbour next spring.")
    assert [(q.speaker_text, q.cue, q.text) for q in found] == [
        ("The council", "hopes", "to reopen the harbour next spring")]


def test_a_possessed_view_is_that(nlp):
    found = quotes(nlp, "Adler's view is that the harbour should close by the end of the year.")
    assert [(q.speaker_text, q.cue, q.text) for q in found] == [
        ("Adler", "view", "that the harbour should close by the end of the year")]


def test_a_participle_on_a_noun_takes_that_noun_as_its_source(nlp):
    found = quotes(nlp, "Police received dozens of calls saying shots had been fired inside the mall.")
    assert [(q.speaker_text, q.cue, q.text) for q in found] == [
        ("calls", "saying", "shots had been fired inside the mall")]


def test_talking_about_a_clause_is_content_and_about_a_noun_only_a_stance(nlp):
    from chronicle.extract.quotes import QuoteOptions

    found = quotes(nlp, "Adler talked about how she is going to rebuild the harbour.")
    assert [(q.kind, q.cue, q.text) for q in found] == [
        ("indirect", "talked about", "how she is going to rebuild the harbour")]
    text = "Adler spoke about the need for a new harbour."
    assert quotes(nlp, text) == []
    wide = list(extract_quotes(text, doc=nlp(text), options=QuoteOptions(nominal=True), diagnostics=[]))
    assert [(q.kind, q.text) for q in wide] == [("stance", "the need for a new harbour")]


def test_in_a_poll_is_a_source_unless_the_sentence_has_its_own_cue(nlp):
    found = quotes(nlp, "In a new poll released Monday, 50 percent of respondents chose Adler while 40 percent chose Brook.")
    assert [(q.speaker_text, q.cue) for q in found] == [("a new poll", "In")]
    found = quotes(nlp, "In a poll released Monday, 50 percent of voters said they would back Adler.")
    assert [(q.speaker_text, q.cue, q.text) for q in found] == [
        ("50 percent of voters", "said", "they would back Adler")]


def test_a_gerund_topic_is_not_content(nlp):
    """Reference corpus: 'speaking with Putin about bringing an end to the war' is a topic, not a claim."""
    assert quotes(nlp, "Adler was speaking with the mayor about bringing an end to the strike.") == []


def test_an_introductory_phrase_set_off_before_a_quote_is_not_quoted_words(nlp):
    found = quotes(nlp, "Asked about the vote, “We will win this easily,” Adler said.")
    assert [(q.kind, q.text) for q in found] == [("direct", "We will win this easily,")]
    found = quotes(nlp, "Not paying taxes “makes me smart,” Adler said.")
    assert [(q.kind, q.text) for q in found] == [("mixed", "Not paying taxes “makes me smart,”")]


def test_a_plural_group_is_not_the_person_named_in_it(nlp):
    found = quotes(nlp, "Senior Ruth Adler campaign officials said that the harbour plan was dead.")
    # the group as described (quotes.v9), never Ruth Adler
    assert [(q.speaker_text, q.speaker, q.speaker_kind) for q in found] == [
        ("Senior Ruth Adler campaign officials", "Senior Ruth Adler campaign officials", "described")]
