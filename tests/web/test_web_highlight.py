"""Highlighting untrusted text: escaped everywhere, marks exactly around the spans (Hypothesis)."""
from __future__ import annotations

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

pytest.importorskip("markupsafe")
from chronicle.web.highlight import excerpt, highlight, safe_url, search_snippet  # noqa: E402

TEXT = st.text(alphabet=st.sampled_from(list("ab <>&\"'\n=/:;") + ["é", "—"]), max_size=80)
TAG = re.compile(r"</?(?:mark|p|br)(?: class=\"[a-z]+\")?>")


@st.composite
def text_and_spans(draw):
    text = draw(TEXT)
    points = st.integers(min_value=-3, max_value=len(text) + 3)
    spans = draw(st.lists(st.tuples(points, points), max_size=4))
    return text, [(a, b, "hit") for a, b in spans]


@given(text_and_spans(), st.booleans())
def test_highlight_keeps_the_text_and_adds_only_our_tags(case, paragraphs):
    text, spans = case
    out = str(highlight(text, spans, paragraphs=paragraphs))
    assert "<" not in TAG.sub("", out)  # every '<' in the output is one of our tags
    plain = html.unescape(TAG.sub("", out))
    if paragraphs:
        assert re.sub(r"\s+", "", plain) == re.sub(r"\s+", "", text)
    else:
        assert plain == text


@given(text_and_spans())
def test_marks_wrap_exactly_the_first_non_overlapping_spans(case):
    text, spans = case
    out = str(highlight(text, spans))
    marked = [html.unescape(m) for m in re.findall(r'<mark class="hit">(.*?)</mark>', out, re.S)]
    expected, last = [], -1
    for a, b, _ in sorted(spans, key=lambda s: (s[0], -s[1])):
        a, b = max(0, a), min(len(text), b)
        if b > a and a >= last:
            expected.append(text[a:b])
            last = b
    assert marked == expected


def test_excerpt_cuts_at_words_and_marks_the_quote():
    text = "One two three four five six. " * 20 + "He said it would rain. " + "Seven eight nine. " * 20
    start = text.index("it would rain")
    out = str(excerpt(text, start, start + len("it would rain"), width=30))
    assert out.startswith("… ") and out.endswith(" …") and '<mark class="hit">it would rain</mark>' in out
    assert len(html.unescape(TAG.sub("", out))) < 110


def test_only_http_urls_are_links():
    assert safe_url("https://news.example/a?b=1") == "https://news.example/a?b=1"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<script>", "vbscript:x", "", None):
        assert safe_url(bad) is None


def test_search_snippet_marks_hits_and_escapes_the_rest():
    out = str(search_snippet("a <b>bold</b> [claim] here"))
    assert out == 'a &lt;b&gt;bold&lt;/b&gt; <mark class="hit">claim</mark> here'
