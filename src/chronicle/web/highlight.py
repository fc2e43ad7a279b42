"""Untrusted article text made safe for HTML, with spans (a cited sentence, a quote) marked.

Everything from an article is escaped here or by Jinja's autoescape; the only markup these
functions add is ``<mark>`` and ``<p>`` built by us, never from the text.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from markupsafe import Markup, escape

_SAFE_SCHEMES = ("http", "https")


def highlight(text: str, spans: list[tuple[int, int, str]], *, paragraphs: bool = False) -> Markup:
    """``text`` escaped, each (start, end, css class) span wrapped in ``<mark class=...>``.

    Spans are clipped to the text; a span overlapping an earlier one is dropped, so the tags
    always nest. With ``paragraphs`` the blank-line-separated paragraphs become ``<p>``s
    (a mark running across a paragraph break is closed and reopened).

        >>> str(highlight("a <b> c", [(2, 5, "hit")]))
        'a <mark class="hit">&lt;b&gt;</mark> c'
    """
    n = len(text)
    clean: list[tuple[int, int, str]] = []
    for start, end, cls in sorted(spans, key=lambda s: (s[0], -s[1])):
        start, end = max(0, int(start)), min(n, int(end))
        if end <= start or (clean and start < clean[-1][1]):
            continue
        clean.append((start, end, _css_class(cls)))
    pieces: list[str] = []
    pos = 0
    for start, end, cls in clean:
        pieces.append(_body(text[pos:start], paragraphs))
        opening = f'<mark class="{cls}">' if cls else "<mark>"
        inner = _body(text[start:end], paragraphs).replace("</p><p>", f"</mark></p><p>{opening}")
        pieces.append(f"{opening}{inner}</mark>")
        pos = end
    pieces.append(_body(text[pos:], paragraphs))
    out = "".join(pieces)
    return Markup(f"<p>{out}</p>" if paragraphs else out)


def _body(chunk: str, paragraphs: bool) -> str:
    escaped = str(escape(chunk))
    if not paragraphs:
        return escaped
    return re.sub(r"\n\s*\n+", "</p><p>", escaped).replace("\n", "<br>")


def _css_class(name: str) -> str:
    return re.sub(r"[^a-z0-9 _-]", "", (name or "").lower())


def excerpt(text: str, start: int, end: int, *, width: int = 220) -> Markup:
    """The span with about ``width`` characters of context each side, cut at word breaks, escaped."""
    start, end = max(0, start), min(len(text), end)
    left = max(0, start - width)
    right = min(len(text), end + width)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    body = highlight(text[left:right], [(start - left, end - left, "hit")])
    return Markup(("… " if left > 0 else "") + body + (" …" if right < len(text) else ""))


def safe_url(url: str | None) -> str | None:
    """The URL when it is http(s), else None: a ``javascript:`` link from an article never renders."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in _SAFE_SCHEMES else None


def search_snippet(snippet: str | None) -> Markup:
    """An FTS5 snippet whose hits SQLite wrapped in [ ], escaped, the hits marked."""
    if not snippet:
        return Markup("")
    escaped = str(escape(snippet))
    return Markup(re.sub(r"\[([^\[\]]*)\]", r'<mark class="hit">\1</mark>', escaped))
