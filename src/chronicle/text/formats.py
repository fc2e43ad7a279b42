"""Which reader a file needs: by its name first, then by sniffing its first bytes."""
from __future__ import annotations

import dataclasses
import re

from chronicle.errors import InputError
from chronicle.text.decode import decode_bytes
from chronicle.text.document import Document
from chronicle.text.plain import parse_plain

_SUFFIX = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",  # a .json file: one object or a list (jsonl.py)
}
# Media types (HTTP Content-Type) that name the reader; others (text/plain, text/xml) are sniffed.
_MEDIA = {
    "text/html": "html", "application/xhtml+xml": "html",
    "application/rss+xml": "feed", "application/atom+xml": "feed", "application/rdf+xml": "feed",
    "application/json": "jsonl", "application/x-ndjson": "jsonl",
}
_FEED = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.I)
_HTML = re.compile(rb"<(!doctype html|html|head|body|article|p|div)[\s>]", re.I)


def media_format(media_type: str | None) -> str | None:
    """The reader a fetched page's media type names, or None to sniff it from its URL and bytes.

    >>> media_format("application/rss+xml"), media_format("text/plain"), media_format(None)
    ('feed', None, None)
    """
    return _MEDIA.get((media_type or "").lower())


def sniff_format(path: str, data: bytes) -> str:
    lower = path.lower()
    for suffix, fmt in _SUFFIX.items():
        if lower.endswith(suffix):
            if fmt == "text" and lower.endswith((".htm.txt", ".html.txt")):
                return "text"  # Timeline17 stores extracted text under these names
            return fmt
    head = data[:4096].lstrip()
    if _FEED.search(head):
        return "feed"
    if _HTML.search(head):
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    return "text"


_SURROGATE = re.compile("[\ud800-\udfff]")
# A run of punctuation with no letter, digit or space: spaCy's tokenizer splits its prefixes and
# suffixes in quadratic time (4,000 quotation marks: 10 s; 50,000: over 20 minutes, in C code no
# alarm interrupts). No prose has one; spaces every 32 characters make it cheap and keep its marks.
_PUNCT_RUN = re.compile(r"[^\w\s]{65,}")


def _break_run(m: re.Match) -> str:
    run = m.group(0)
    return " ".join(run[i:i + 32] for i in range(0, len(run), 32))


def sanitize(doc: Document | InputError) -> Document | InputError:
    """Make one document safe to store and analyse: lone surrogates (a JSON ``"\\udfff"``, a stray
    ``&#xD800;``), which cannot be written as UTF-8, become U+FFFD; runs of over 64 punctuation
    marks are broken by spaces. The text is then stored exactly as it is analysed."""
    if not isinstance(doc, Document):
        return doc
    changes = {}
    for f in dataclasses.fields(doc):
        value = getattr(doc, f.name)
        if isinstance(value, str):
            clean = _PUNCT_RUN.sub(_break_run, _SURROGATE.sub("\ufffd", value))
            if clean != value:
                changes[f.name] = clean
    return dataclasses.replace(doc, **changes) if changes else doc


def documents_from_input(path: str, data: bytes, fmt: str | None = None) -> tuple[str, str, list[Document | InputError]]:
    """Return (format, encoding, documents-or-errors) for one input's bytes, boilerplate stripped
    from every document's text (``Document.stripped`` keeps what was cut, and why)."""
    from chronicle.text.boilerplate import strip_document

    fmt, encoding, docs = _read_documents(path, data, fmt)
    return fmt, encoding, [d if isinstance(d, InputError) else strip_document(sanitize(d)) for d in docs]


def _read_documents(path: str, data: bytes, fmt: str | None) -> tuple[str, str, list[Document | InputError]]:
    fmt = fmt or sniff_format(path, data)
    if fmt == "feed":
        from chronicle.text.feed import parse_feed

        return fmt, "xml", parse_feed(data, path)
    text, encoding = decode_bytes(data, path)
    if fmt == "html":
        from chronicle.text.html import parse_html

        return fmt, encoding, [parse_html(text, path)]
    if fmt == "jsonl":
        from chronicle.text.jsonl import parse_jsonl

        return fmt, encoding, parse_jsonl(text, path)
    title, body = parse_plain(text)
    if not body.strip():
        raise InputError("ING003", "file has no text", path)
    return "text", encoding, [Document(text=body, title=title)]
