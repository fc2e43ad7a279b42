"""Resolve a speaker's words ("Peskov", "the Kremlin spokesperson", "Trump's") to a canonical
name, from the article's own mentions. Pure: the quotes stage calls it per quote.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from chronicle.extract.entities.canonical import match_role, person_tokens, strip_possessive
from chronicle.extract.entities.gazetteer import load_gazetteer, strip_article
from chronicle.extract.entities.roles import role_head
from chronicle.records import Mention


class SpeakerIndex:
    """An article's PERSON mentions, indexed once for many :func:`resolve_speaker` calls (a long
    article has thousands of mentions and hundreds of quotes: scanning them all per quote was
    quadratic). Every lookup returns what the scan over ``mentions`` returned, in the same order."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        self.mentions = mentions
        self.persons = [m for m in mentions if m.type == "PERSON"]
        starts = [m.start_char for m in self.persons]
        ordered = all(a <= b for a, b in zip(starts, starts[1:])) and all(
            m.end_char >= m.start_char for m in self.persons)
        self._starts = starts if ordered else None
        self._longest = max((m.end_char - m.start_char for m in self.persons), default=0)
        self._by_phrase: dict[str, list[int]] | None = None
        self._blank = False  # a name mention with a blank canonical name: by_name cannot be indexed
        self._roles: list[Mention] | None = None
        self._candidates: list[tuple[str, str, str]] | None = None

    def overlapping(self, start: int, end: int) -> list[Mention]:
        """The persons that may overlap [start, end), in order: a superset (the caller tests each)."""
        if self._starts is None:
            return self.persons
        # m.start_char < end, and m.end_char > start with m.end_char <= m.start_char + longest
        return self.persons[bisect_right(self._starts, start - self._longest):bisect_left(self._starts, end)]

    def by_name(self, phrase: str) -> list[Mention] | None:
        """The name mentions whose canonical name, text without possessive or canonical surname is
        ``phrase``, in order; None when a canonical name is blank (the caller scans, as before)."""
        if self._by_phrase is None and not self._blank:
            index: dict[str, list[int]] = {}
            for k, m in enumerate(self.persons):
                if m.kind != "name":
                    continue
                last = m.entity.split()[-1:]
                if not last:
                    self._blank = True
                    return None
                for key in {m.entity, strip_possessive(m.text), last[0]}:
                    index.setdefault(key, []).append(k)
            self._by_phrase = index
        if self._blank:
            return None
        return [self.persons[k] for k in self._by_phrase.get(phrase, ())]

    def roles(self) -> list[Mention]:
        """The persons with a role."""
        if self._roles is None:
            self._roles = [m for m in self.persons if m.role]
        return self._roles

    def candidates(self, gaz) -> list[tuple[str, str, str]]:
        """(name, role, role head) of the named persons with a role."""
        if self._candidates is None:
            self._candidates = [(m.entity, m.role, role_head(m.role.split(), gaz) or "") for m in self.roles()
                                if m.kind == "name"]
        return self._candidates


def resolve_speaker(text: str | None, mentions: Sequence[Mention], *, start: int | None = None,
                    end: int | None = None, index: SpeakerIndex | None = None) -> str | None:
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

    ``index`` is a :class:`SpeakerIndex` of ``mentions``, for a caller that resolves many speakers.
    """
    persons = index.persons if index is not None else [m for m in mentions if m.type == "PERSON"]
    if start is not None and end is not None:
        near = index.overlapping(start, end) if index is not None else persons
        overlapping = [m for m in near if m.start_char < end and start < m.end_char
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
    by_name = index.by_name(phrase) if index is not None else None
    if by_name is None:
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
    roles = index.roles() if index is not None else [m for m in persons if m.role]
    exact = {m.entity for m in roles if m.kind == "role" and m.text.lower() == text.strip().lower()}
    if len(exact) == 1:
        return exact.pop()
    if index is not None:
        candidates = index.candidates(gaz)
    else:
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
