"""Boilerplate entries: timeline lines that are page furniture (promos, credits, share bars, copyright)."""
from __future__ import annotations

import functools
import re
import tomllib
from pathlib import Path

PATTERNS = Path(__file__).with_name("boilerplate.toml")
_TOKENS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "``": '"', "''": '"'}
_SPACE_BEFORE = re.compile(r"\s+([,.;:!?)\]'])")
_SPACE_AFTER = re.compile(r"([(\[])\s+")


@functools.lru_cache(maxsize=4)
def load_patterns(path: Path = PATTERNS) -> tuple[tuple[str, re.Pattern], ...]:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))["patterns"]
    return tuple((kind, re.compile(p, re.IGNORECASE)) for kind, ps in raw.items() for p in ps)


def detokenize(text: str) -> str:
    """Undo Timeline17's tokenisation so patterns read the text as published: '-LRB- Reporting ,' -> '(Reporting,'."""
    words = [_TOKENS.get(w, w) for w in text.split()]
    return _SPACE_AFTER.sub(r"\1", _SPACE_BEFORE.sub(r"\1", " ".join(words)))


def boilerplate_kind(text: str) -> str | None:
    """The kind of boilerplate ``text`` is (``newsletter``, ``photo``, ...), or None for news text.

    >>> boilerplate_kind("Get Wonkbook delivered to your inbox or mobile device every morning .")
    'newsletter'
    """
    clean = detokenize(text).strip()
    for kind, pattern in load_patterns():
        if pattern.search(clean):
            return kind
    return None


def is_boilerplate(entry: dict) -> str | None:
    """The boilerplate kind of an entry's summary or headline, or None."""
    for field in ("summary", "headline"):
        kind = boilerplate_kind(entry.get(field) or "")
        if kind:
            return kind
    return None
