"""Quotation-mark pairing: curly, straight, single, continued paragraphs, unbalanced marks."""
from hypothesis import given, settings
from hypothesis import strategies as st

from chronicle.extract.quotes.marks import find_quoted_regions


def contents(text, diags=None):
    return [text[r.open + 1:r.close] for r in find_quoted_regions(text, diags)]


def test_curly_and_straight_doubles():
    text = 'She said “we will win” and he said "we will not."'
    assert contents(text) == ["we will win", "we will not."]


def test_single_quotes_ignore_apostrophes():
    text = "The minister called the talks 'open and useful,' and Russia’s envoy said 'we’ll see.'"
    assert contents(text) == ["open and useful,", "we’ll see."]


def test_possessive_inside_single_quote_does_not_close_it():
    text = "He called it 'the mayor's mess' on Monday."
    assert contents(text) == ["the mayor's mess"]


def test_quote_continued_over_paragraphs():
    text = "“First paragraph of the quote.\n“Second paragraph,” the mayor said."
    got = contents(text)
    assert len(got) == 1 and got[0].startswith("First") and got[0].endswith("Second paragraph,")


def test_unbalanced_mark_is_skipped_with_a_diagnostic():
    diags = []
    text = "He said “this never closes.\nThen she said “this one does.”"
    assert contents(text, diags) == ["this one does."]
    assert [d.code for d in diags] == ["QUO001"]
    assert diags[0].start_char == text.index("“")


def test_stray_closing_mark_is_reported():
    diags = []
    assert contents("No opening here” at all.", diags) == []
    assert [d.code for d in diags] == ["QUO002"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("ab .,\n'\"“”‘’—:") + [" word", "’s", " said"]), max_size=80).map("".join))
def test_random_marks_never_raise_and_regions_index_the_text(text):
    diags = []
    regions = find_quoted_regions(text, diags)
    last = -1
    for r in regions:
        assert 0 <= r.open < r.close < len(text)
        assert r.open > last  # ordered and not overlapping
        last = r.close
    for d in diags:
        assert d.code in ("QUO001", "QUO002")
        assert 0 <= d.start_char <= len(text)


def test_tokenised_typewriter_quotes_pair_across_the_spaces():
    # Penn Treebank-style copy (Timeline17's): a space between each mark and the words. The opening
    # `` was read as a closing mark, and almost no quote of such copy was direct.
    text = "He said : `` We have come down here today . '' Then `` Troops home , '' they chanted ."
    assert [c.strip(" \x01") for c in contents(text)] == ["We have come down here today .", "Troops home ,"]


def test_tokenised_quote_is_direct_with_its_speaker(pipeline):
    from chronicle.records import ArticleText

    text = ("Peter Molloy , the secretary of the coalition , traveled overnight . "
            "He said : `` We have come down here today because we want the minister to listen . ''")
    (an,) = pipeline.pipe([ArticleText(id="t", text=text)])
    direct = [q for q in an.quotes if q.kind == "direct" and q.text.startswith("We have come") and q.text.endswith(".")]
    assert direct and direct[0].speaker == "Peter Molloy", [(q.kind, q.speaker, q.text) for q in an.quotes]


def test_a_quote_set_one_sentence_to_a_line_reaches_its_closing_mark():
    # tokenised copy puts each sentence on its own line: the line break is no paragraph's end when
    # the next mark, a few short lines on, closes the quote
    text = "`` This is a lesson for us .\nWe will protect the pipelines . ''\nBani said ."
    assert [c.strip(" \x01") for c in contents(text)] == ["This is a lesson for us .\nWe will protect the pipelines ."]
    # an opening mark with no closing one in sight is still reported
    diags = []
    assert contents("`` This is a lesson .\nNo mark here .\nNor here .\nNor here .\nStill none .", diags) == []
    assert [d.code for d in diags] == ["QUO001"]
