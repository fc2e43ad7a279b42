"""The Markdown brief is CommonMark that reads well raw: only what would be markup is escaped,
and no article text can smuggle markup or HTML into it."""
from __future__ import annotations

import html
import re

import markdown_it
from hypothesis import given, settings
from hypothesis import strategies as st

from chronicle.views.brief import render_html, render_markdown
from chronicle.views.markdown import md_inline

_TEXT = ("Trump (R.) told the U.S.-Russia talks: 3 * 4 = 12 and snake_case [see] <b>bold</b> "
         "`code` &amp; ~~gone~~ #1 - 2. + end.")
_MD = markdown_it.MarkdownIt("commonmark")


def _brief(text: str, *, head: str | None = None, title: str = "T", outlet: str = "Wire (Reuters)") -> dict:
    note = {"article": "abc", "outlet": outlet, "title": text, "published": "2025-03-18",
            "url": "https://wire.example/a?b=1&c=2"}
    row = {"when": "18 March 2025", "head": head, "text": text, "notes": [1]}
    return {"title": title, "sections": [("What happened", [row]), ("Key quotes", [dict(row, when=None, head="A B")])],
            "notes": [note]}


def _plain(md: str) -> str:
    """The rendered text of the Markdown, tags stripped and entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", _MD.render(md)))


def _tags(md: str) -> list[str]:
    return re.findall(r"<(/?[a-z][a-z0-9]*)", _MD.render(md))


def test_the_raw_brief_has_no_needless_escapes():
    md = render_markdown(_brief(_TEXT), "Ukraine (calls) - 2025.")
    assert "\\." not in md and "\\-" not in md and "\\(" not in md and "\\[see" not in md
    assert "the U.S.-Russia talks" in md and "# Ukraine (calls) - 2025." in md
    assert "- **18 March 2025.** Trump (R.)" in md and md.rstrip().endswith("<https://wire.example/a?b=1&c=2>")


def test_the_text_survives_rendering_and_no_markup_gets_through():
    md = render_markdown(_brief(_TEXT), "A title #")
    plain = _plain(md)
    assert _TEXT in plain and "A title #" in plain
    assert _tags(md) == _tags(render_markdown(_brief("plain words"), "A title"))  # no <b>, <code>, <del>


def test_html_brief_escapes_a_hostile_title_and_text():
    evil = "<script>alert(1)</script>"
    page = render_html(_brief(evil, head=evil, outlet=evil), evil)
    assert "<script>" not in page and page.count("&lt;script&gt;") >= 4
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    # footnote numbers are separate superscript links, never run together ("123")
    assert '<sup class="refs">[<a href="#note-1" aria-label="source 1">1</a>]</sup>' in page


def test_only_http_urls_become_links():
    brief = _brief("x")
    brief["notes"][0]["url"] = "javascript:alert(1)"
    assert "javascript:" not in render_html(brief) and "javascript:" not in render_markdown(brief)
    assert "no URL on record" in render_markdown(brief)


_ALPHABET = list("ab .,-()*_[]<>`#+!&;:|~\\=1\"'") + ["&amp;", "<script>", "](x)", "[y]: /u", "1. ", "- ", "\n"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_ALPHABET), min_size=1, max_size=25).map("".join))
def test_any_text_survives_and_opens_no_markup(text):
    flat = " ".join(text.split())
    if not flat:
        return
    md = render_markdown(_brief(text, head=text, title=text), text)
    # readable: every occurrence renders back to exactly the words given
    assert _plain(md).count(flat) >= 4
    # safe: the same elements as for harmless text, so no tag, link, emphasis or list came from the text
    assert _tags(md) == _tags(render_markdown(_brief("words", head="words", title="words"), "words"))
    assert "<script" not in _MD.render(md)


@settings(max_examples=100, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cc", "Cs")) | st.sampled_from(" \n\t"), max_size=40))
def test_md_inline_is_one_line_and_round_trips(text):
    """Printable text of any script comes back as written (whitespace runs as one space)."""
    out = md_inline(text)
    assert "\n" not in out and "\r" not in out
    flat = " ".join(text.split())
    if flat:
        assert html.unescape(re.sub(r"<[^>]+>", "", _MD.render("- " + out))).strip() == flat
