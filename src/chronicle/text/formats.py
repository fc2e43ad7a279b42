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
    ".jsonl": "jsonl", ".ndjson": "jsonl",
}
_FEED = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.I)
_HTML = re.compile(rb"<(!doctype html|html|head|body|article|p|div)[\s>]", re.I)


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


def scrub_surrogates(doc: Document | InputError) -> Document | InputError:
    """Replace lone surrogates (a JSON ``"\\udfff"``, a stray ``&#xD800;``) with U+FFFD: they cannot be
    written as UTF-8, and the text must be stored exactly as it is analysed."""
    if not isinstance(doc, Document):
        return doc
    changes = {f.name: _SURROGATE.sub("\ufffd", v) for f in dataclasses.fields(doc)
               if isinstance(v := getattr(doc, f.name), str) and _SURROGATE.search(v)}
    return dataclasses.replace(doc, **changes) if changes else doc


def documents_from_input(path: str, data: bytes, fmt: str | None = None) -> tuple[str, str, list[Document | InputError]]:
    """Return (format, encoding, documents-or-errors) for one input's bytes."""
    fmt, encoding, docs = _documents(path, data, fmt)
    return fmt, encoding, [scrub_surrogates(d) for d in docs]


def _documents(path: str, data: bytes, fmt: str | None) -> tuple[str, str, list[Document | InputError]]:
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
