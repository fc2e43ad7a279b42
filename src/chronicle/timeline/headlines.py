"""Headlines of timeline entries: one short line that says what happened, from the sources' words.

Interface shared by the timeline build (which calls it once per entry) and the event
stage (which may store a per-mention headline candidate). This placeholder trims the
summary sentence; the headline work replaces the body, not the signature.
"""
from __future__ import annotations

from collections.abc import Sequence

MAX_WORDS = 15


def write_headline(candidates: Sequence[str], summary: str, *, type: str = "", actors: Sequence[str] = (),
                   negated: bool = False) -> str:
    """The entry's headline: the best of the sources' headline candidates, else the summary cut short.

    ``candidates`` are per-mention headlines found at extraction (may be empty strings);
    ``summary`` is the entry's quoted sentence.

    >>> write_headline([], "Trump and Putin spoke by phone on Tuesday for two hours.")
    'Trump and Putin spoke by phone on Tuesday for two hours.'
    """
    for c in candidates:
        if c and c.strip():
            return c.strip()
    words = summary.split()
    return summary.strip() if len(words) <= MAX_WORDS else " ".join(words[:MAX_WORDS]) + "…"
