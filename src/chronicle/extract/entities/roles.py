"""Roles and titles read from the parse: premodifiers ("Treasury Secretary Scott Bessent"),
appositions ("Joe Biden, the former president"), relative clauses ("who resigned as the
U.S. ambassador to Ukraine"), and role-only noun phrases ("the Kremlin spokesperson")
that can stand for a person named elsewhere in the article.
"""
from __future__ import annotations

from dataclasses import dataclass

from chronicle.extract.entities.gazetteer import Gazetteer

_PREMOD_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case", "punct", "nummod"})
_DROP_LEAD = frozenset({"the", "a", "an", "its", "his", "her", "their", "this", "that"})
MAX_ROLE_TOKENS = 8
# No role reads across these: "TRIPOLI (Reuters) - Former Libyan leader Muammar Gaddafi" gave the role
# "Reuters -RRB- - Former Libyan leader" (brackets as tokenised text writes them, Timeline17).
_ROLE_STOPS = frozenset({",", ";", ":", "(", ")", '"', "“", "”", "-LRB-", "-RRB-", "-LSB-", "-RSB-"})


@dataclass(frozen=True, slots=True)
class Role:
    start_char: int
    end_char: int
    text: str


def role_head(tokens, gaz: Gazetteer) -> str | None:
    """The role noun in a run of tokens ('Kremlin spokesman' -> 'spokesman'), longest match first."""
    words = [getattr(t, "text", t).lower() for t in tokens]
    for n in (3, 2, 1):
        for i in range(len(words) - n, -1, -1):
            phrase = " ".join(words[i:i + n])
            if phrase in gaz.role_heads:
                return phrase
    return None


def _clean(doc, tokens) -> tuple[int, int] | None:
    """Token run -> (start_i, end_i) without leading determiners or trailing punctuation."""
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and (tokens[0].lower_ in _DROP_LEAD or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    if not tokens or len(tokens) > MAX_ROLE_TOKENS:
        return None
    start, end = tokens[0].i, tokens[-1].i + 1
    if any(doc[k].is_space or doc[k].text == "\n" for k in range(start, end)):
        return None
    return start, end


def _as_role(doc, span_ij, gaz: Gazetteer) -> Role | None:
    if span_ij is None:
        return None
    span = doc[span_ij[0]:span_ij[1]]
    if role_head(span, gaz) is None:
        return None
    return Role(span.start_char, span.end_char, span.text)


def premodifier_role(doc, start: int, end: int, gaz: Gazetteer) -> Role | None:
    """'US President Donald Trump': title words left of the name whose heads lead into it."""
    run = []
    i = start - 1
    while i >= 0 and start - i <= MAX_ROLE_TOKENS:
        tok = doc[i]
        if tok.is_space or "\n" in tok.text or tok.text in _ROLE_STOPS or tok.text in "-–—" and (
                tok.whitespace_ or i > 0 and doc[i - 1].whitespace_):  # a spaced dash ends a dateline
            break
        if tok.dep_ not in _PREMOD_DEPS or not _leads_into(tok, start, end):
            break
        run.append(tok)
        i -= 1
    return _as_role(doc, _clean(doc, run), gaz)


def _leads_into(tok, start: int, end: int) -> bool:
    """True when the head chain of ``tok`` reaches the name through tokens between them."""
    t = tok
    for _ in range(12):
        if start <= t.i < end:
            return True
        if t.i < tok.i or t.i >= end or t.head.i == t.i:
            return False
        t = t.head
    return False


def appositive_role(doc, start: int, end: int, gaz: Gazetteer) -> Role | None:
    """'Joe Biden, the former president' or 'the Kremlin spokesman, Dmitry Peskov'."""
    span = doc[start:end]
    root = span.root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= end:
            tokens = [t for t in child.subtree if not _in_clause(t, child)]
            role = _as_role(doc, _clean(doc, tokens), gaz)
            if role:
                return role
    if root.dep_ == "appos" and root.head.i < start:
        head = root.head
        tokens = [t for t in head.subtree if t.i < start and not _in_clause(t, head)]
        role = _as_role(doc, _clean(doc, tokens), gaz)
        if role:
            return role
    return None


def _in_clause(tok, top) -> bool:
    """True when ``tok`` sits in a relative clause or an apposition below ``top``."""
    t = tok
    while t.i != top.i and t.head.i != t.i:
        if t.dep_ in ("relcl", "acl", "appos", "advcl"):
            return True
        t = t.head
    return False


def clause_role(doc, start: int, end: int, gaz: Gazetteer) -> Role | None:
    """'Anna Kovac, who stepped down in May as the ambassador to Ostrela'."""
    root = doc[start:end].root
    for child in root.children:
        if child.dep_ != "relcl" or child.i < end:
            continue
        for tok in child.subtree:
            if tok.lower_ == "as" and tok.dep_ == "prep":
                for obj in tok.children:
                    if obj.dep_ == "pobj":
                        role = _as_role(doc, _clean(doc, list(obj.subtree)), gaz)
                        if role:
                            return role
            if tok.dep_ == "attr" and tok.head.lemma_ == "be":
                role = _as_role(doc, _clean(doc, list(tok.subtree)), gaz)
                if role:
                    return role
    return None


def role_of(doc, start: int, end: int, gaz: Gazetteer) -> Role | None:
    """The first role found for the person spanning tokens [start, end)."""
    return (premodifier_role(doc, start, end, gaz) or appositive_role(doc, start, end, gaz)
            or clause_role(doc, start, end, gaz))


def role_phrases(doc, taken: set[int], gaz: Gazetteer):
    """Definite noun phrases headed by a role noun, outside any name: 'the Russian leader'.

    Yields (start_i, end_i, head) token ranges that include the determiner.
    """
    for chunk in doc.noun_chunks:
        if any(t.i in taken for t in chunk):
            continue
        if chunk[0].lower_ != "the" or len(chunk) < 2:
            continue
        head = role_head([chunk.root], gaz) or role_head(chunk[-2:], gaz)
        if head is None or chunk.root.tag_ in ("NNS", "NNPS"):
            continue
        end = chunk.end
        # "the secretary of state": keep a short of-phrase
        if end < len(doc) and doc[end].lower_ == "of" and end + 1 < len(doc) and doc[end + 1].pos_ in ("PROPN", "NOUN"):
            end += 2
        yield chunk.start, end, head
