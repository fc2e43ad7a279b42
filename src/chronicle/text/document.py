"""The text layer's output: one article's main text with what its input said about it."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass

from chronicle.dates import DateValue


@dataclass(frozen=True, slots=True)
class Document:
    text: str
    title: str | None = None
    published: DateValue | None = None  # from the input's own metadata
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    index: int | None = None  # entry number inside a feed or JSON Lines file
    external_id: str | None = None
    stripped: tuple = ()  # boilerplate cut from the text (text.boilerplate.Stripped), in order
    fetched_at: dt.datetime | None = None  # when a fetcher received the page (news-please's date_download)

    @property
    def source_text(self) -> str:
        """The text as its input gave it, boilerplate included (what the id is computed from)."""
        if not self.stripped:
            return self.text
        from chronicle.text.boilerplate import restore_text

        return restore_text(self.text, self.stripped)

    @property
    def id(self) -> str:
        return article_id(self.title, self.source_text)


def article_id(title: str | None, text: str) -> str:
    """Content id: the same title and text always give the same id."""
    digest = hashlib.sha256(f"{title or ''}\n\n{text}".encode("utf-8")).hexdigest()
    return digest[:16]


_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANKS = re.compile(r"\n{3,}")


def normalize_text(text: str) -> str:
    """Canonical article text: NFC, Unix line ends, no zero-width or control characters,
    single spaces inside lines, at most one blank line between paragraphs."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = text.translate(_ZERO_WIDTH)
    text = _CONTROL.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def normalize_title(title: str | None) -> str | None:
    if title is None:
        return None
    clean = " ".join(normalize_text(title).split())
    return clean or None


def count_words(text: str) -> int:
    return len(text.split())
