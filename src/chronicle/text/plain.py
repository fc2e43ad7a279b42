"""Plain-text articles: the first line is the title when a blank line follows it or
when it has no final punctuation (CONTRACT)."""
from __future__ import annotations

from chronicle.text.document import normalize_text

_FINAL = tuple('.!?…:;"”’\'»)')
MAX_TITLE_CHARS = 300


def split_title(text: str) -> tuple[str | None, str]:
    """Return (title, body) from normalised text."""
    first, sep, rest = text.partition("\n")
    if not sep or not rest.strip():
        return None, text
    first = first.strip()
    followed_by_blank = rest.startswith("\n")
    no_final_punct = not first.endswith(_FINAL)
    if first and len(first) <= MAX_TITLE_CHARS and (followed_by_blank or no_final_punct):
        return first, rest.strip()
    return None, text


def parse_plain(text: str) -> tuple[str | None, str]:
    return split_title(normalize_text(text))
