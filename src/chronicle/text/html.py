"""HTML pages: trafilatura finds the main text and metadata; htmldate the publication date."""
from __future__ import annotations

import logging
import re

from chronicle.dates import DateValue, parse_user_date
from chronicle.errors import InputError
from chronicle.text.document import Document, normalize_text, normalize_title

MIN_TEXT_CHARS = 40
# libxml2 stops building the tree at 256 levels and the page then looks empty: say why instead.
MAX_DEPTH = 255
# Containers a page must close itself (a <p> or <li> left open is closed by the next one).
_CONTAINER = re.compile(
    r"<(/?)(div|span|section|article|main|aside|nav|header|footer|table|blockquote|ul|ol|form|figure)\b[^>]*>", re.I)


def nesting_depth(html: str) -> int:
    """The deepest nesting of container elements (div, span, table ...), counted on the tags."""
    depth = deepest = 0
    for m in _CONTAINER.finditer(html):
        if m.group(1):
            depth = max(0, depth - 1)
        elif not m.group(0).endswith("/>"):
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def parse_html(html: str, path: str | None = None) -> Document:
    """Extract one article from an HTML page. Raises InputError (ING010) when there is none."""
    import trafilatura

    depth = nesting_depth(html)
    if depth > MAX_DEPTH:
        raise InputError("ING011", f"HTML nested {depth:,} levels deep (at most {MAX_DEPTH} are read)", path)
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            date_extraction_params={"extensive_search": True, "original_date": True, "outputformat": "%Y-%m-%d"},
        )
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken markup
        raise InputError("ING010", f"malformed HTML: {type(exc).__name__}: {exc}", path) from None
    if doc is None:
        raise InputError("ING010", "HTML page has no main text that could be extracted", path)
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = normalize_text(data.get("text") or "")
    title = normalize_title(data.get("title"))
    first, sep, rest = text.partition("\n")
    if title and sep and first.strip() == title:  # the <h1> repeats the title
        text = rest.strip()
    if len(text) < MIN_TEXT_CHARS:
        raise InputError("ING010", "HTML page has no main text that could be extracted", path)
    return Document(
        text=text,
        title=title,
        published=_date(data.get("date")) or _htmldate(html),
        outlet=normalize_title(data.get("sitename")),
        url=data.get("url") or None,
        author=normalize_title(data.get("author")),
    )


def _date(value: str | None) -> DateValue | None:
    if not value:
        return None
    try:
        return parse_user_date(value)
    except ValueError:
        return None


def _htmldate(html: str) -> DateValue | None:
    try:
        from htmldate import find_date

        return _date(find_date(html, original_date=True, extensive_search=False))
    except Exception:  # htmldate is a fallback; its failure only means no date
        return None
