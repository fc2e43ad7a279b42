"""The Markdown brief is CommonMark that reads well raw: only what would be markup is escaped."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chronicle.views.brief import render_markdown

markdown_it = pytest.importorskip("markdown_it")

_TEXT = ("Trump (R.) told the U.S.-Russia talks: 3 * 4 = 12 and snake_case [see] <b>bold</b> "
         "`code` &amp; ~~gone~~ #1 - 2. + end.")


def _brief(text: str) -> dict:
    note = {"article": "abc", "outlet": "Wire (Reuters)", "published": "2025-03-18", "start": 0, "end": 9,
            "sentence": text}
    return {"sections": [("What happened", [(text, [1])])], "notes": [note]}


def _plain(md: str) -> str:
    """The rendered text of the Markdown, tags stripped and entities decoded."""
    import html
    rendered = markdown_it.MarkdownIt("commonmark").render(md)
    return html.unescape(re.sub(r"<[^>]+>", "", rendered))


def test_the_raw_brief_has_no_needless_escapes():
    md = render_markdown(_brief(_TEXT), "Ukraine (calls) - 2025.")
    assert "\\." not in md and "\\-" not in md and "\\(" not in md
    assert "the U.S.-Russia talks" in md and "Ukraine (calls) - 2025." in md


def test_the_text_survives_rendering():
    md = render_markdown(_brief(_TEXT), "A title #")
    plain = _plain(md)
    assert _TEXT in plain and "A title #" in plain
    assert "<b>" not in markdown_it.MarkdownIt("commonmark").render(md)  # no inline HTML gets through


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,-()*_[]<>`#+!&;|~\\1")), min_size=1, max_size=30))
def test_any_text_survives(text):
    text = " ".join(text.split())
    if not text:
        return
    assert text in _plain(render_markdown(_brief(text), "T"))
