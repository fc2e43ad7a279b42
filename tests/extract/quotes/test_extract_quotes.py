"""extract_quotes on hand-written sentences: every attribution shape the issue names."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chronicle.extract.quotes import QuoteStage, extract_quotes
from chronicle.records import ArticleText


@pytest.fixture(scope="module")
def nlp():
    from chronicle.extract.nlp import load_nlp

    return load_nlp()


def quotes(nlp, text, diags=None):
    found = list(extract_quotes(text, doc=nlp(text), diagnostics=diags if diags is not None else []))
    for q in found:
        assert text[q.start_char:q.end_char] == q.text
        if q.speaker_start is not None:
            assert text[q.speaker_start:q.speaker_end] == q.speaker_text
        if q.cue_start is not None:
            assert text[q.cue_start:q.cue_end] == q.cue
    return found


def one(found, fragment):
    hits = [q for q in found if fragment in q.text]
    assert len(hits) == 1, [(q.text, q.speaker) for q in found]
    return hits[0]


def test_speaker_after_and_in_the_middle(nlp):
    text = ("Mayor Ann Keller spoke on Monday.\n"
            "“The bridge will reopen in May,” Keller said at a briefing in Leeds, “and tolls will stay the same.”")
    found = quotes(nlp, text)
    first, second = one(found, "bridge will reopen"), one(found, "tolls will stay")
    assert (first.speaker, first.kind, first.cue) == ("Ann Keller", "direct", "said")
    assert second.speaker == "Ann Keller" and second.kind == "direct"


def test_speaker_before_with_colon(nlp):
    found = quotes(nlp, "Finance minister Tomas Berg said: “We have no plans to raise taxes this year.”")
    q = one(found, "no plans to raise taxes")
    assert (q.speaker, q.kind) == ("Tomas Berg", "direct")
    assert q.speaker_text.endswith("Tomas Berg")


def test_em_dash_introduction(nlp):
    found = quotes(nlp, "Coach Maria Lopez was blunt — “We played badly and we deserved to lose.”")
    assert one(found, "We played badly").speaker == "Maria Lopez"


def test_indirect_said_that_and_according_to(nlp):
    text = ("Governor Paul Reed said that the new hospital would open next spring. "
            "The budget will double by 2030, according to the planning office.")
    found = quotes(nlp, text)
    said = one(found, "hospital would open")
    assert (said.kind, said.speaker, said.cue) == ("indirect", "Paul Reed", "said")
    acc = one(found, "budget will double")
    assert acc.cue == "according to" and acc.speaker_text == "the planning office" and acc.kind == "indirect"


def test_partial_quote_of_a_labelling_verb(nlp):
    text = "Senator Joan Price described the plan as a “disaster” on Tuesday."
    q = one(quotes(nlp, text), "disaster")
    assert (q.kind, q.speaker, q.cue) == ("partial", "Joan Price", "described")


def test_mixed_quote(nlp):
    text = "Director Hugo Lam insisted that the project was “on track and on budget” despite the delays."
    q = one(quotes(nlp, text), "on track")
    assert (q.kind, q.speaker, q.cue) == ("mixed", "Hugo Lam", "insisted")
    assert q.text.startswith("that the project")


def test_pronoun_takes_the_compatible_prior_speaker(nlp):
    text = ("Karen Wells met Peter Novak in Oslo on Friday. Peter Novak said the meeting went well. "
            "She said, “We agreed on nothing at all today.”")
    q = one(quotes(nlp, text), "agreed on nothing")
    assert q.speaker_text == "She" and q.speaker == "Karen Wells"


def test_role_resolves_to_the_named_holder(nlp):
    text = ("Harbour Authority spokesperson Lena Ortiz confirmed the closure. "
            "The Harbour Authority spokesperson said that ships would be diverted to the north quay.")
    q = one(quotes(nlp, text), "ships would be diverted")
    assert q.speaker == "Lena Ortiz"


def test_an_unnamed_source_is_the_speaker_as_described(nlp):
    q = one(quotes(nlp, "Officials said that the road would stay closed until June."), "road would stay")
    assert (q.speaker, q.speaker_kind, q.speaker_text) == ("officials", "described", "Officials")
    q = one(quotes(nlp, "Mayor Ann Lee spoke on Monday. Some said that the road would stay closed."), "road would")
    assert (q.speaker, q.speaker_kind, q.speaker_text) == (None, None, "Some")  # a quantifier describes no one


def test_unbalanced_quote_keeps_the_rest_of_the_article(nlp):
    diags = []
    text = ("Mayor Ann Keller said “the vote is off.\n"
            "At noon Keller said: “The bridge will reopen in May.”")
    found = quotes(nlp, text, diags)
    assert any(d.code == "QUO001" for d in diags)
    assert one(found, "bridge will reopen").speaker == "Ann Keller"


def test_stage_records_diagnostics_with_the_article_id(nlp):
    text = "Mayor Ann Keller said “nothing closes this. The council agreed."
    article = ArticleText(id="a1", text=text)
    state = {"article": article, "doc": nlp(text), "sentences": [], "diagnostics": []}
    out = QuoteStage(None)(state)
    assert "quotes" in out
    assert [(d.code, d.article_id, d.stage) for d in state["diagnostics"]] == [("QUO001", "a1", QuoteStage.id)]


_PIECES = ["“", "”", '"', "'", "‘", "’", " said ", "Ann Lee", " he ", "that ", "the plan works", ", ", ". ", "\n",
           "according to Bob Ray", " — ", ": ", "described it as "]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=25).map("".join))
def test_random_quote_marks_never_raise_and_spans_index_the_text(nlp, text):
    quotes(nlp, text)
