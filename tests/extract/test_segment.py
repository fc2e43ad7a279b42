"""Paragraphs, headings and sentences: spans index the text, headings stand alone."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from chronicle.extract.segment import extract_paragraphs, is_heading_line
from chronicle.records import ArticleText


@given(st.text(alphabet=st.sampled_from("ab .?\n\n  Cx\u00e9\u201c\u201d"), max_size=300))
def test_paragraph_spans_index_the_text(text):
    for p in extract_paragraphs(text):
        assert text[p.start_char:p.end_char] == p.text
        assert "\n" not in p.text and p.text == p.text.strip() and p.text


def test_heading_lines():
    assert is_heading_line("Shift Towards Calm")
    assert is_heading_line("TALKS COLLAPSE.")
    assert not is_heading_line("The talks collapsed on Monday.")
    assert not is_heading_line(" ".join(["word"] * 30))
    assert not is_heading_line('He said: "We will talk."')


def test_sentences_never_swallow_a_heading(pipeline):
    text = (
        "Envoys gather in Merin\n"
        "Envoys from both sides arrived on Monday. They met for two hours.\n"
        "Border Talks Resume\n"
        "The crossing reopened at dawn."
    )
    an = pipeline(ArticleText(id="t", text=text))
    got = [(s.text, s.is_heading) for s in an.sentences]
    assert got == [
        ("Envoys gather in Merin", True),
        ("Envoys from both sides arrived on Monday.", False),
        ("They met for two hours.", False),
        ("Border Talks Resume", True),
        ("The crossing reopened at dawn.", False),
    ]


def test_reference_article_sentences_stay_inside_paragraphs(ukraine_analyses):
    for an in ukraine_analyses.values():
        text = an.article.text
        for s in an.sentences:
            assert text[s.start_char:s.end_char] == s.text
            assert "\n" not in s.text
        heads = [s.text for s in an.sentences if s.is_heading]
        assert all(len(h.split()) <= 18 for h in heads)


@given(st.text(alphabet=st.sampled_from("ab \n"), max_size=400), st.integers(min_value=2, max_value=50))
def test_split_for_parsing_keeps_every_character(text, limit):
    from chronicle.extract.parse import split_for_parsing

    pieces = split_for_parsing(text, limit)
    assert "".join(pieces) == text
    assert all(len(p) <= limit for p in pieces)


def test_long_article_is_parsed_in_pieces_into_one_doc(pipeline, monkeypatch):
    from chronicle.extract import parse

    monkeypatch.setattr(parse, "MAX_PIECE_CHARS", 200)
    joined = []
    real_join = parse._join
    monkeypatch.setattr(parse, "_join", lambda docs: joined.append(len(docs)) or real_join(docs))
    para = "Envoys met in Merin on Monday. They agreed to meet again next week.\n"
    text = para * 12
    an = pipeline(ArticleText(id="long", text=text))
    assert [s.text for s in an.sentences] == ["Envoys met in Merin on Monday.", "They agreed to meet again next week."] * 12
    assert joined and joined[0] >= 4  # it really was parsed in pieces
