"""Golden checks on the reference corpus (read at test time): every quoted statement, right speaker."""
import pytest

# (file, words of the quote, canonical speaker, speaker words in the article or None)
GOLDEN = [
    ("003_8f91968fe002fd29.txt", "These attacks are countering our common efforts", "Dmitry Peskov", None),
    ("002_df0c1671780ec637.txt", "It takes two to tango", "JD Vance", "He"),
    ("002_df0c1671780ec637.txt", "weary and frustrated", "Karoline Leavitt", None),
    ("000_e6c8131fea50d697.txt", "fake news", "Donald Trump", "the US president"),
    ("002_df0c1671780ec637.txt", "frank and meaningful", "Vladimir Putin", "He"),
    ("002_df0c1671780ec637.txt", "important,", "Dmitry Peskov", None),
    ("002_df0c1671780ec637.txt", "peace at any price", "Bridget Brink", "She"),
    ("002_df0c1671780ec637.txt", "He and I will meet", "Donald Trump", None),
    ("002_df0c1671780ec637.txt", "At least we’ll know", "Donald Trump", None),
    ("002_df0c1671780ec637.txt", "We also discussed the need for sanctions", "Volodymyr Zelensky", None),
    ("002_df0c1671780ec637.txt", "Pressure is necessary against Russia", "Volodymyr Zelensky", None),
    ("002_df0c1671780ec637.txt", "a war that should have never happened", "Donald Trump", None),
    ("002_df0c1671780ec637.txt", "more than open", "JD Vance", None),
    ("003_8f91968fe002fd29.txt", "very good", "Donald Trump", None),
    ("003_8f91968fe002fd29.txt", "Much of the discussion was about aligning", "Donald Trump", None),
    ("003_8f91968fe002fd29.txt", "Even last night, after Putin’s conversation", "Volodymyr Zelensky", None),
    ("004_8f45c3f0b5a02a5e.txt", "bloodbath", "Donald Trump", None),
    ("004_8f45c3f0b5a02a5e.txt", "wants to see people stop dying", "Donald Trump", None),
    ("004_8f45c3f0b5a02a5e.txt", "many different communications are emerging", "Dmitry Peskov", None),
    ("004_8f45c3f0b5a02a5e.txt", "These communications are conducted", "Dmitry Peskov", None),
    ("004_8f45c3f0b5a02a5e.txt", "I personally may not know something", "Dmitry Peskov", None),
    ("000_e6c8131fea50d697.txt", "achieved", "Kyiv", "Kiev"),
    ("002_df0c1671780ec637.txt", "Joe Biden's war", "JD Vance", "He"),
    ("002_df0c1671780ec637.txt", "real diplomacy", "Volodymyr Zelensky", "He"),
    ("004_8f45c3f0b5a02a5e.txt", "advanced stage", "Leonid Slutsky", "Leonid Slutsky"),
    ("002_df0c1671780ec637.txt", "the Russians sent a low-level delegation", "Volodymyr Zelensky", None),
    # 'Kyiv' tagged as an adjective there: the name the article gives the word elsewhere
    ("003_8f91968fe002fd29.txt", "any peace deal must involve", "Kyiv", "Kyiv"),
    # a group of officials is not the person named in it
    ("000_e6c8131fea50d697.txt", "effective statesmanship requires", "Trump administration officials",
     "Trump administration officials"),
]


DESCRIBED = {"Trump administration officials"}  # the speakers above that the articles do not name


@pytest.mark.parametrize("name,words,speaker,speaker_text", GOLDEN)
def test_reference_quote_has_its_speaker(ukraine_analyses, name, words, speaker, speaker_text):
    an = ukraine_analyses[name]
    hits = [q for q in an.quotes if words in q.text]
    assert len(hits) == 1, [(q.text[:40], q.speaker) for q in an.quotes]
    q = hits[0]
    assert q.speaker == speaker
    # described (quotes.v9) when the article names no one: the group, never Trump himself
    assert q.speaker_kind == ("described" if speaker in DESCRIBED else "named")
    if speaker_text is not None:
        assert q.speaker_text == speaker_text


def test_every_direct_quote_in_the_corpus_is_attributed(ukraine_analyses):
    """A whole-sentence quotation with no speaker would be a miss: none in the reference articles."""
    for name, an in ukraine_analyses.items():
        for q in an.quotes:
            assert an.article.text[q.start_char:q.end_char] == q.text
            if q.kind == "direct":
                assert q.speaker, (name, q.text)


def test_scare_quotes_are_not_quotes(ukraine_analyses):
    an = ukraine_analyses["000_e6c8131fea50d697.txt"]
    assert not [q for q in an.quotes if q.text.strip("“”") == "isolation"]


def test_a_stance_about_talks_is_not_a_quote(ukraine_analyses):
    """'expressed optimism about the ceasefire talks': the parser makes 'talks' a clause verb."""
    an = ukraine_analyses["003_8f91968fe002fd29.txt"]
    assert not [q for q in an.quotes if "ceasefire talks" in q.text and q.cue and "express" in q.cue]


# Pronoun speakers, hand-checked against the articles (the same rows as bench/quotes/pronouns.py).
PRONOUNS = [
    ("002_df0c1671780ec637.txt", "would focus on halting", "He", "Donald Trump"),
    ("003_8f91968fe002fd29.txt", "to commit to a full 30-day ceasefire", "he", "Vladimir Putin"),
    ("004_8f45c3f0b5a02a5e.txt", "Kyiv must abandon its aspirations", "he", "Vladimir Putin"),
    ("004_8f45c3f0b5a02a5e.txt", "to push back Russian forces", "they", None),  # "Ukraine and its allies"
]


@pytest.mark.parametrize("name,words,pronoun,speaker", PRONOUNS)
def test_pronoun_speakers_reach_the_right_person(ukraine_analyses, name, words, pronoun, speaker):
    hits = [q for q in ukraine_analyses[name].quotes if words in q.text and q.speaker_text == pronoun]
    assert len(hits) == 1
    assert hits[0].speaker == speaker
