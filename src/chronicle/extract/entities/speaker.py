"""Resolve a speaker's words ("Peskov", "the Kremlin spokesperson", "Trump's") to a canonical
name, from the article's own mentions. Pure: the quotes stage calls it per quote.
"""
from __future__ import annotations

from collections.abc import Sequence

from chronicle.extract.entities.canonical import match_role, person_tokens, strip_possessive
from chronicle.extract.entities.gazetteer import load_gazetteer, strip_article
from chronicle.extract.entities.roles import role_head
from chronicle.records import Mention


def resolve_speaker(text: str | None, mentions: Sequence[Mention], *, start: int | None = None,
                    end: int | None = None) -> str | None:
    """The canonical PERSON name that ``text`` (at ``start``..``end`` if known) refers to, or None.

    Tries, in order: a PERSON mention overlapping the span; a PERSON whose name, surname or
    canonical name equals the text; a person whose role matches a role phrase. Pronouns
    and unknown names give None. In "Kremlin spokesperson Dmitry Peskov said on Monday.":

        >>> mentions = [Mention(start_char=21, end_char=34, text="Dmitry Peskov", type="PERSON",
        ...                     entity="Dmitry Peskov", stage="example", role="Kremlin spokesperson")]
        >>> resolve_speaker("Peskov", mentions)
        'Dmitry Peskov'
        >>> resolve_speaker("the Kremlin spokesperson", mentions)
        'Dmitry Peskov'
        >>> resolve_speaker("he", mentions) is None
        True
    """
    persons = [m for m in mentions if m.type == "PERSON"]
    if start is not None and end is not None:
        overlapping = [m for m in persons if m.start_char < end and start < m.end_char
                       and not _possessor(text, start, m)]
        if overlapping:
            return max(overlapping, key=lambda m: min(end, m.end_char) - max(start, m.start_char)).entity
    if not text:
        return None
    gaz = load_gazetteer()
    words = person_tokens(strip_article(strip_possessive(text.strip())), gaz)
    if not words:
        return None
    phrase = " ".join(words)
    by_name = [m for m in persons if m.kind == "name" and (
        m.entity == phrase or strip_possessive(m.text) == phrase or m.entity.split()[-1] == phrase
        or (len(words) == 1 and phrase in m.entity.split()[-1:]))]
    if by_name:
        names = {m.entity for m in by_name}
        if len(names) == 1:
            return names.pop()
        if start is not None:  # the nearest mention before the speaker
            before = [m for m in by_name if m.start_char <= start]
            if before:
                return max(before, key=lambda m: m.start_char).entity
        return None
    head = role_head(text.split(), gaz)
    if head is None:
        return None
    roles = [m for m in persons if m.role]
    exact = {m.entity for m in roles if m.kind == "role" and m.text.lower() == text.strip().lower()}
    if len(exact) == 1:
        return exact.pop()
    candidates = [(m.entity, m.role, role_head(m.role.split(), gaz) or "") for m in roles if m.kind == "name"]
    return match_role(text, head, candidates, gaz)


def _possessor(text: str | None, start: int, m: Mention) -> bool:
    """"Trump's envoy, Steve Witkoff": Trump owns the source words, he is not the speaker."""
    if not text:
        return False
    tail = text[m.end_char - start:]
    for mark in ("'s", "’s", "'", "’"):
        if tail.startswith(mark) and tail[len(mark):].strip(" ,"):
            return True
    return False
