"""quotes.v4 (issue 16 recall): cue shapes from PolNeAR train/dev misses, on invented sentences."""
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


# ---- a labelling verb outside the cue lists reports its object and "as" phrase ----------------
def test_labelling_verb_outside_the_cue_lists(nlp):
    found = quotes(nlp, "Mayor Ruth Adler portrayed the harbour plan as a gift to developers.")
    assert triples(found) == [("Mayor Ruth Adler", "portrayed", "the harbour plan as a gift to developers")]


def test_labelling_verb_needs_its_own_subject(nlp):
    """Through a participle the borrowed subject is often a thing: no source, no quote."""
    text = "The new ferry timetable, casting the islanders as an afterthought, starts on Monday."
    assert quotes(nlp, text) == []


# ---- a charge or credit with a gerund --------------------------------------------------------
@pytest.mark.parametrize("text,cue,content", [
    ("Councillor Tom Brandt accused the mayor of hiding the audit from voters.", "accused the mayor of",
     "hiding the audit from voters"),
    ("The union blamed the harbour board for delaying the repairs by a year.", "blamed the harbour board for",
     "delaying the repairs by a year"),
])
def test_gerund_after_a_charge(nlp, text, cue, content):
    (q,) = quotes(nlp, text)
    assert (q.cue, q.text, q.kind) == (cue, content, "indirect")


def test_a_noun_after_a_charge_is_no_quote(nlp):
    assert quotes(nlp, "Councillor Tom Brandt accused the mayor of fraud.") == []


# ---- an attitude stated with an adjective -----------------------------------------------------
@pytest.mark.parametrize("text,speaker,content", [
    ("Harbour officials are confident that the new pier will open in May.", "Harbour officials",
     "that the new pier will open in May"),
    ("The ferry operators were unsure whether the tolls would cover their costs.", "The ferry operators",
     "whether the tolls would cover their costs"),
    ("Residents are worried about how the noise might affect their children.", "Residents",
     "how the noise might affect their children"),
    ("Mayor Ruth Adler is determined to finish the bridge before the election.", "Mayor Ruth Adler",
     "to finish the bridge before the election"),
])
def test_attitude_adjectives(nlp, text, speaker, content):
    (q,) = quotes(nlp, text)
    assert (q.speaker_text, q.text) == (speaker, content)


@pytest.mark.parametrize("text", [
    "It is clear that the pier will not open in May.",  # no one holds it
    "The committee was happy with the harbour report.",  # no clause
    "Adler was ready for the long meeting with the port board.",
])
def test_attitudes_without_a_holder_or_clause_are_no_quotes(nlp, text):
    assert quotes(nlp, text) == []


# ---- a content noun as the object of a verb, held by the verb's subject ------------------------
def test_content_noun_object_is_held_by_the_subject(nlp):
    (q,) = quotes(nlp, "Councillor Tom Brandt left little doubt that he would oppose the harbour levy.")
    assert (q.speaker_text, q.cue, q.text) == ("Councillor Tom Brandt", "left little doubt",
                                              "that he would oppose the harbour levy")


def test_an_intended_act_after_a_light_verb_is_no_quote(nlp):
    """'made plans to ...' names an act; only a possessor's plan ('Adler's plan to ...') is content."""
    assert quotes(nlp, "The ferry company made plans to move its depot across the bay.") == []


# ---- a second report inside the first one's clause ends it ------------------------------------
def test_a_coordinated_second_report_ends_the_first_content(nlp):
    text = "Adler said the harbour levy was unfair and promised to scrap it after the election."
    found = quotes(nlp, text)
    assert [q.text for q in found] == ["the harbour levy was unfair", "to scrap it after the election"]


def test_a_coordinated_modal_or_belief_stays_in_the_content(nlp):
    """'... and would consider ...' is still what was said (the reported subject's), not a second report."""
    text = 'Adler said that the harbour board remained "open to talks" and would consider "a fairer levy".'
    (q,) = quotes(nlp, text)
    assert q.text.endswith('would consider "a fairer levy"')


def test_a_participle_report_ends_the_first_content_and_keeps_the_speaker(nlp):
    text = ("Councillor Tom Brandt said some of the ferry fares had become unfair, "
            "noting that the tolls had doubled since May.")
    found = quotes(nlp, text)
    assert [(q.speaker_text, q.cue, q.text) for q in found] == [
        ("Councillor Tom Brandt", "said", "some of the ferry fares had become unfair"),
        ("Councillor Tom Brandt", "noting", "that the tolls had doubled since May")]


# ---- a subject inside the quotation is not the speaker ----------------------------------------
def test_a_subject_inside_the_quotation_gives_way_to_the_one_after_the_cue(nlp):
    text = ("“She would make a fine mayor. Not good, fine. One of the hardest workers on the whole council,” "
            "said Councillor Tom Brandt.")
    (q,) = quotes(nlp, text)
    assert q.speaker_text == "Councillor Tom Brandt"


# ---- a claim introduced by "right to note" -----------------------------------------------------
def test_a_cue_under_an_adjective_takes_the_copula_subject(nlp):
    (q,) = quotes(nlp, "The harbour board was right to note that the tolls had doubled since May.")
    assert (q.speaker_text, q.text) == ("The harbour board", "that the tolls had doubled since May")


# ---- a copied transcript opens every turn with a mark and closes none --------------------------
def test_transcript_turns_are_their_speakers_words(nlp):
    text = ('"HOST: Will the ferry run on Sunday, Councillor?\n\n'
            '"BRANDT: The ferry will run on Sunday, and the tolls will stay as they are.\n\n'
            '"HOST: Thank you for joining us this morning.')
    found = quotes(nlp, text)
    assert [(q.speaker_text, q.kind, q.text) for q in found] == [
        ("HOST", "direct", "Will the ferry run on Sunday, Councillor"),
        ("BRANDT", "direct", "The ferry will run on Sunday, and the tolls will stay as they are"),
        ("HOST", "direct", "Thank you for joining us this morning")]


# ---- a question the parser reads as a condition -----------------------------------------------
def test_asked_someone_if_is_the_askers_question(nlp):
    (q,) = quotes(nlp, "Councillor Tom Brandt asked the ferry captains if they were always so late.")
    assert (q.speaker_text, q.cue, q.text) == ("Councillor Tom Brandt", "asked", "if they were always so late")


# ---- a money account is no telling -------------------------------------------------------------
def test_a_bank_account_is_no_source(nlp):
    text = "In his campaign account, the councillor kept almost two million dollars for the race."
    assert quotes(nlp, text) == []


# ---- a root verb the parser left without a subject ---------------------------------------------
def test_a_name_the_parser_hung_elsewhere_is_the_subject_of_the_cue_after_it(nlp):
    text = ("Monday in Port Ellen, while on the ferry tour for her sister Councillor Ruth Adler, "
            "former mayor Tom Brandt said the pier would reopen in May.")
    (q,) = quotes(nlp, text)
    assert (q.speaker_text, q.text) == ("former mayor Tom Brandt", "the pier would reopen in May")


# ---- "according to" runs to the end of the source's words ---------------------------------------
def test_according_to_takes_the_whole_source_phrase(nlp):
    assert quotes(nlp, "That is according to early results of a survey conducted for the harbour board.") == []
    (q,) = quotes(nlp, "Ferry fares rose by a third, according to figures released by the harbour board on Monday.")
    assert (q.speaker_text, q.text) == ("figures", "Ferry fares rose by a third")


def test_a_labelled_pronoun_leaves_only_the_label():
    """quotes v8: "hailed it as X": what was said is X; "it as X" reads as no sentence in a quote list."""
    from chronicle.extract.nlp import load_nlp

    nlp = load_nlp()
    found = quotes(nlp, "Mayor Ruth Adler hailed it as a long-awaited start of talks between the two ports.")
    assert [q.text for q in found] == ["a long-awaited start of talks between the two ports"]
    found = quotes(nlp, "Mayor Ruth Adler portrayed the harbour plan as a gift to developers.")
    assert [q.text for q in found] == ["the harbour plan as a gift to developers"]  # a noun object stays
