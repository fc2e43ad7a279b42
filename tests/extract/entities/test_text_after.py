"""text_after reads what follows a token from the tokens, as doc.text would give it, without
joining the whole document on each call (a 53 KB article spent 19 s doing that; issue 15)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from chronicle.extract.entities.actors import party_tag, text_after
from chronicle.extract.nlp import load_nlp

WORDS = st.sampled_from(["Sen.", "Rand", "Paul", "(R-Ky.)", "said", ",", "\n\n", "  ", "D-N.Y.", "the", "“Yes”",
                         "e.g.", "U.S.", "—", "talks", "R", "-", "Ky", "."])


@settings(max_examples=60, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=40), st.data(), st.integers(1, 40))
def test_text_after_is_the_slice_of_doc_text(words, data, n):
    doc = load_nlp()(" ".join(words))
    if len(doc) == 0:
        return
    end = data.draw(st.integers(1, len(doc)))
    after = doc[end - 1].idx + len(doc[end - 1].text)
    assert text_after(doc, end, n) == doc.text[after:][:n]



def test_party_tag_reads_the_tag_after_the_name():
    doc = load_nlp()("Sen. Rand Paul (R-Ky.) said no, and Rep. Nancy Pelosi (D-Calif.) agreed.")
    ends = [e.end for e in doc.ents if e.label_ == "PERSON"]
    assert [party_tag(doc, end) for end in ends] == ["R-Ky.", "D-Calif."]
