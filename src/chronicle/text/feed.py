"""RSS and Atom feeds: one article per entry, with the entry's own date and link; or, for
``chronicle ingest --feed URL``, each entry's link to fetch the article from (:func:`feed_links`)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urljoin

from chronicle.dates import DateValue
from chronicle.errors import InputError
from chronicle.text.document import Document, normalize_text, normalize_title


# A document type that declares entities: external ones read local files or the network (XXE),
# internal ones nest into billions of characters ("billion laughs"). No news feed needs either.
_ENTITY_DECL = re.compile(rb"<!DOCTYPE[^>\[]*\[.*?<!ENTITY", re.I | re.S)


# A character reference to a lone surrogate (&#xD800;) makes feedparser's loose parser raise.
_SURROGATE_REF = re.compile(rb"&#(?:[xX]0*[dD][89a-fA-F][0-9a-fA-F]{2}|0*(?:5529[6-9]|55[3-9]\d\d|56\d{3}|57[0-2]\d\d|573[0-3]\d|5734[0-3]));")


def check_feed_bytes(data: bytes, path: str | None = None) -> None:
    """Refuse a feed that declares entities (ING022) before any XML parser sees it."""
    head = data[:1_000_000]
    if b"<!ENTITY" in head.upper() and _ENTITY_DECL.search(head):
        raise InputError("ING022", "feed declares XML entities (external entities or entity expansion): refused", path)


def parse_feed(data: bytes, path: str | None = None) -> list[Document | InputError]:
    """Return a document (or an error) per entry. Raises InputError when the feed has no entries."""
    entries, outlet, broken = _entries(data, path)
    out: list[Document | InputError] = []
    for i, entry in enumerate(entries):
        html = _entry_html(entry)
        text = normalize_text(_html_to_text(html)) if html else ""
        title = normalize_title(entry.get("title"))
        if not text:
            out.append(InputError("ING021", f"entry {i + 1} ({title or 'untitled'}) has no text{broken}", path))
            continue
        out.append(
            Document(
                text=text,
                title=title,
                published=_entry_date(entry),
                outlet=outlet,
                url=entry.get("link") or None,
                author=normalize_title(entry.get("author")),
                index=i,
                external_id=entry.get("id") or None,
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class FeedLink:
    """A feed entry as a pointer to its article: the link, and what the entry says about it."""

    url: str
    title: str | None = None
    published: DateValue | None = None
    outlet: str | None = None
    author: str | None = None
    index: int | None = None
    external_id: str | None = None


def feed_links(data: bytes, path: str | None = None) -> list[FeedLink | InputError]:
    """Each entry's link (resolved against the feed's URL ``path``), or ING058 for an entry without one.
    Raises InputError when the feed has no entries (ING020) or declares entities (ING022)."""
    entries, outlet, broken = _entries(data, path)
    out: list[FeedLink | InputError] = []
    for i, entry in enumerate(entries):
        title = normalize_title(entry.get("title"))
        link = (entry.get("link") or "").strip()
        if not link:
            out.append(InputError("ING058", f"entry {i + 1} ({title or 'untitled'}) has no link{broken}", path))
            continue
        out.append(FeedLink(url=urljoin(path or "", link), title=title, published=_entry_date(entry), outlet=outlet,
                            author=normalize_title(entry.get("author")), index=i,
                            external_id=entry.get("id") or None))
    return out


def _entries(data: bytes, path: str | None):
    """(entries, the feed's title, a note when the feed is malformed) of a feed's bytes."""
    import feedparser

    check_feed_bytes(data, path)
    data = _SURROGATE_REF.sub(b"&#xFFFD;", data)
    try:
        parsed = feedparser.parse(data)
    except Exception as exc:  # feedparser's loose parser raises on some broken markup
        raise InputError("ING020", f"malformed feed: {type(exc).__name__}: {str(exc)[:200]}", path) from None
    entries = parsed.get("entries") or []
    if not entries:
        reason = "feed has no entries"
        if parsed.get("bozo"):
            reason = f"malformed feed: {parsed.get('bozo_exception')}"
        raise InputError("ING020", reason, path)
    outlet = normalize_title(parsed.get("feed", {}).get("title"))
    broken = f" (malformed feed: {parsed.get('bozo_exception')})" if parsed.get("bozo") else ""
    return entries, outlet, broken


def _entry_html(entry) -> str:
    contents = entry.get("content") or []
    best = max((c.get("value", "") for c in contents), key=len, default="")
    summary = entry.get("summary", "") or ""
    return best if len(best) >= len(summary) else summary


# What libxml2 refuses in text ("All strings must be XML compatible"): controls, NUL, surrogates.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _html_to_text(html: str) -> str:
    """Feed bodies are HTML fragments: keep paragraph breaks, drop markup."""
    if "<" not in html:
        return html
    import lxml.html

    html = _NOT_XML.sub("", html)
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # lxml raises assorted errors on broken fragments: keep the text as it is
        return html
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for block in root.xpath("//p|//br|//div|//li|//h1|//h2|//h3|//h4|//blockquote"):
        block.tail = "\n" + (block.tail or "")
    return root.text_content()


def _entry_date(entry) -> DateValue | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        stamp = entry.get(key)
        if stamp:
            try:
                return DateValue.of_day(dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday))
            except ValueError:
                continue
    return None
