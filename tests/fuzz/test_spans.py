"""Random Unicode through the whole analysis (issue 18): every span of every stage indexes the
article text exactly (``article.text[start:end] == text``), whatever the characters."""
from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings, strategies as st

from chronicle.dates import DateValue
from chronicle.records import ArticleText

# News-like fragments give the stages something to find; random Unicode (any category but lone
# surrogates, which cannot reach an article: chronicle.text.formats replaces them) and odd
# spacing between them try their offsets.
FRAGMENTS = [
    "Talks resumed on Monday in Marenza.", '"We will not retreat," President Arkady Zhelezov said on Tuesday.',
    "The ministry said 150 prisoners were exchanged last week.", "Ilse Brandvold met Teodor Sabin in March 2025.",
    "\u201cIt is a start,\u201d she told reporters.", "Officials expect a ceasefire next month.", "\n\n", " ", "\u200b",
    "\u202e", "\t", "\r\n", "\u00a0", "\u2028", "\U0001f600", "e\u0301", "\ufeff", "\u0644\u0627",
]
unicode_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), unicode_text), min_size=1, max_size=12).map("".join)
SPAN_STAGES = ("paragraphs", "sentences", "timexes", "mentions", "quotes", "events")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_every_span_indexes_the_text(pipeline, text, day):
    article = ArticleText(id="fuzz", text=text, published=DateValue.of_day(day), published_source="option")
    analysis = pipeline(article)
    assert [d.code for d in analysis.diagnostics if d.code == "PIP010"] == []
    for stage in SPAN_STAGES:
        for record in getattr(analysis, stage):
            assert 0 <= record.start_char <= record.end_char <= len(text), (stage, record)
            assert text[record.start_char:record.end_char] == record.text, (stage, record)
    for quote in analysis.quotes:
        for start, end in ((quote.speaker_start, quote.speaker_end), (quote.cue_start, quote.cue_end)):
            if start is not None:
                assert 0 <= start <= end <= len(text), quote
