"""Canonical names within one article: a surname or a role resolves to the full name.

"Peskov" and "the Kremlin spokesperson" become "Dmitry Peskov" when the article names
him; "the Russian leader" becomes "Vladimir Putin" when the article calls him "Russian
President Vladimir Putin". The default alias table (data/entities/aliases.toml) then maps
spelling variants to one name ("Zelenskyy" -> "Volodymyr Zelensky").
"""
from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Container

from chronicle.extract.entities.gazetteer import Gazetteer, fold, load_toml, strip_article


@functools.lru_cache(maxsize=1)
def default_aliases() -> dict[str, str]:
    """Folded variant -> canonical name, from the shipped alias table."""
    table: dict[str, str] = {}
    for canonical, variants in load_toml("aliases.toml")["aliases"].items():
        table[fold(canonical)] = canonical
        for v in variants:
            table[fold(v)] = canonical
    return table


def alias_of(name: str, table: dict[str, str] | None = None) -> str:
    table = default_aliases() if table is None else table
    return table.get(fold(name)) or table.get(fold(strip_article(name))) or name


def strip_possessive(text: str) -> str:
    for tail in ("'s", "’s", "'", "’"):
        if text.endswith(tail) and len(text) > len(tail) + 1:
            return text[: -len(tail)]
    return text


_ACRONYM_SKIP = frozenset({"and", "of", "the", "for", "&", "de", "du"})


def acronym(name: str) -> str:
    """'Government Accountability Office' -> 'GAO'; 'Securities and Exchange Commission' -> 'SEC'."""
    words = [w for w in strip_article(name).replace("-", " ").split() if w.lower() not in _ACRONYM_SKIP]
    return "".join(w[0] for w in words if w[:1].isalpha()).upper() if len(words) > 1 else ""


def canonical_things(names: list[str], standalone: frozenset[str] = frozenset(),
                     prefixes: frozenset[str] = frozenset(), listed: Container[str] = ()) -> list[str]:
    """Canonical names of the article's non-person mentions (in their order): a lone word that ends
    exactly one longer name of the article ("Nano" -> "iPod Nano", "Post" -> "Washington Post")
    and an acronym of exactly one of them ("GAO" -> "Government Accountability Office") take
    that name; a ``standalone`` institution ("House") never does ("White House"), nor does a
    place whose longer name opens with one of ``prefixes`` ("York" is not "New York"). An acronym
    that is a ``listed`` name of its own ("CNN") keeps it, whatever longer name its letters spell
    ("Christian News Network").

    >>> canonical_things(["New York", "York", "New York Post", "Post"], prefixes=frozenset({"new"}))
    ['New York', 'York', 'New York Post', 'New York Post']
    """
    longer = {n for n in names if len(n.split()) > 1}
    by_last: dict[str, set[str]] = {}
    by_acronym: dict[str, set[str]] = {}
    for n in longer:
        words = n.split()
        while len(words) > 1 and words[0].lower() in prefixes:
            words = words[1:]
        if len(words) > 1:  # "New York" is a place of its own; "New York Post" is still the "Post"
            by_last.setdefault(n.split()[-1], set()).add(n)
        if acronym(n):
            by_acronym.setdefault(acronym(n), set()).add(n)
    out = []
    for n in names:
        owners = set()
        if " " not in n and n not in standalone:
            owners = by_last.get(n, set()) or (by_acronym.get(n, set()) if n.isupper() and len(n) > 1
                                               and n not in listed else set())
        out.append(next(iter(owners)) if len(owners) == 1 else n)
    return out


def person_tokens(text: str, gaz: Gazetteer) -> list[str]:
    """Name words without honorifics: 'President Donald Trump' -> ['Donald', 'Trump']."""
    from chronicle.extract.entities.actors import unglue

    words = strip_possessive(text).split()
    while len(words) > 1 and words[0] in gaz.honorifics:
        words = words[1:]
    return unglue(words)


def canonical_persons(names: list[tuple[int, str]], gaz: Gazetteer) -> list[str]:
    """Canonical name for each (position, surface) PERSON mention of one article, same order.

    A full name keeps its most frequent spelling among names with the same first and last
    word; a lone surname takes the full name that shares it, and when two people share a
    surname ("Joe Biden", "Hunter Biden") the nearest full name before it, else after it. A word
    the article writes more often as a first name than as a surname takes no full name.
    """
    tokens = [person_tokens(t, gaz) for _, t in names]
    fulls = [(pos, ws) for (pos, _), ws in zip(names, tokens) if len(ws) >= 2]
    spelling: Counter = Counter(" ".join(ws) for _, ws in fulls)
    best: dict[tuple[str, str], str] = {}
    for form, _ in spelling.most_common():
        ws = form.split()
        best.setdefault((ws[0], ws[-1]), form)
    starts = Counter(ws[0] for _, ws in fulls)
    ends = Counter(ws[-1] for _, ws in fulls)
    by_last: dict[str, list] = {}  # the full names by their last word, in order: looked up per lone surname
    for x in fulls:
        by_last.setdefault(x[1][-1], []).append(x)
    out = []
    for (pos, surface), ws in zip(names, tokens):
        if len(ws) >= 2:
            out.append(best[(ws[0], ws[-1])])
            continue
        word = ws[0] if ws else surface
        same = by_last.get(word, [])
        if not same or starts[word] > ends[word]:  # "John" of "John Allen", "John Woods": no surname of "Evan John"
            out.append(word)
            continue
        before = [x for x in same if x[0] <= pos]
        p, f = (before[-1] if before else same[0])
        out.append(best[(f[0], f[-1])])
    return out


def country_of(text: str, gaz: Gazetteer) -> str | None:
    """The country a role phrase points to: 'the Kremlin spokesperson' -> 'Russia'."""
    words = text.lower().replace("’s", "").replace("'s", "").split()
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            hit = gaz.country_words.get(" ".join(words[i:i + n]))
            if hit:
                return hit
    return None


def match_role(phrase: str, head: str, candidates: list[tuple[str, str, str]], gaz: Gazetteer) -> str | None:
    """Resolve a role phrase to one of ``candidates`` (name, role text, role head); None if unsure."""
    from chronicle.extract.entities.actors import holds_role

    words = phrase.replace("’s", "").replace("'s", "").split()
    if words and words[0].lower() in ("a", "an", "one", "another"):
        return None  # "an architect" is someone the article does not name, never its named architect
    country = country_of(phrase, gaz)
    ignore = set(head.lower().split()) | {w.lower() for w in words if w.lower() in gaz.country_words}
    scored: dict[str, int] = {}
    for name, role, role_head_ in candidates:
        if not holds_role(words, role, ignore):
            continue  # "the Democratic leader" is not "Senate Majority Leader Mitch McConnell"
        if gaz.same_role(head, role_head_):
            score = 2
        elif head in gaz.leader_heads and role_head_ in gaz.leader_heads:
            score = 1
        else:
            continue
        theirs = country_of(role, gaz)
        if country and theirs and country != theirs:
            continue
        if country and theirs == country:
            score += 2
        scored[name] = max(score, scored.get(name, 0))
    if not scored:
        return None
    ranked = sorted(scored.items(), key=lambda kv: -kv[1])
    top = ranked[0][1]
    if top < 2 or (len(ranked) > 1 and ranked[1][1] == top):
        return None
    if top == 2 and country:  # the phrase names a country the candidate's role does not
        return None
    return ranked[0][0]
