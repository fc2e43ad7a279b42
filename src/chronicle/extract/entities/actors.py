"""Which names may become actors and how bare names link within an article (issue 16).

Rules, with their data in ``data/entities/actors.toml``:

- a link label glued after a name ("Trump MORE") is cut off, and a run-together name
  ("SchiffAdam Schiff", a page's link text before the name) keeps its second part;
- a nationality or party adjective ("Finnish", "French", "Democratic", and hyphenated ones such
  as "Egyptian-American", listed in ``data/entities/nationalities.toml``) is no actor, whatever
  type the model gives it; a plural group ("Democrats", "Ukrainians") stays one;
- a bare name after a kinship word ("his son Hunter") is a first name: it takes the family
  name of the person it belongs to (a possessor named in full, or a full name before "his" in the
  same sentence), and never joins another full name by surname; the same bare first name later in
  the article is that relative only when no other person of the article has that first name;
- a party-state tag after a name ("Mitch McConnell, R-Ky.", "Rand Paul (R-Ky.)") is a role.
"""
from __future__ import annotations

import functools
import re

from chronicle.extract.entities.gazetteer import load_toml
from chronicle.extract.entities.spans import Ent

# "(R-Ky.)", ", R-Ky.," and the Penn Treebank's tokenised "-LRB- R-Ky . -RRB-" (Timeline17)
_PARTY_TAG = re.compile(r"^\s*(?:,\s*|\(\s*|-LRB-\s+)([RDIL])-([A-Z][A-Za-z.]{0,5}(?: [A-Z][a-z]*\.?)?)"
                        r"\s*(?:\)|,|\.|-RRB-|$)")
_POSSESSIVES = {"his": "m", "her": "f", "their": ""}


@functools.lru_cache(maxsize=1)
def actor_lists() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(standalone institutions, kinship words, link labels)."""
    data = load_toml("actors.toml")
    return frozenset(data["standalone"]), frozenset(w.lower() for w in data["kinship"]), frozenset(data["link_labels"])


@functools.lru_cache(maxsize=1)
def role_fillers() -> frozenset[str]:
    return frozenset(load_toml("actors.toml")["role_fillers"])


@functools.lru_cache(maxsize=1)
def past_markers() -> frozenset[str]:
    return frozenset(load_toml("actors.toml")["past_markers"])


@functools.lru_cache(maxsize=1)
def _nationalities() -> tuple[frozenset[str], frozenset[str]]:
    data = load_toml("nationalities.toml")
    return frozenset(w.lower() for w in data["adjectives"]), frozenset(data["prefixes"])


def is_nationality(text: str) -> bool:
    """True for an adjective of nationality or origin, alone or hyphenated (data/entities/nationalities.toml).

        >>> [is_nationality(t) for t in ("Finnish", "Egyptian-American", "anti-American", "Finland", "Americans")]
        [True, True, True, False, False]
    """
    adjectives, prefixes = _nationalities()
    parts = [" ".join(p.split()).lower() for p in text.replace("–", "-").split("-")]
    parts = [p for p in parts if p]
    return bool(parts) and any(p in adjectives for p in parts) and all(p in adjectives or p in prefixes for p in parts)


def holds_role(phrase_words: list[str], role: str, ignore: set[str]) -> bool:
    """Every word of a role phrase ("the Democratic leader") but fillers, its head and ``ignore``
    (country words checked elsewhere) is in the person's role ("Democratic leader Chuck Schumer"),
    and both say alike whether the role is held now ("the president" is no "former President").

        >>> holds_role(["the", "president"], "former President", {"president"})
        False
    """
    have = {w.lower().rstrip(",") for w in role.replace("’s", "").replace("'s", "").split()}
    words = [x.lower() for x in phrase_words]
    past = past_markers()
    if bool(past & _pieces(have)) != bool(past & _pieces(words)):
        return False
    fill = role_fillers()
    return all(w in have or w in fill or w in ignore for w in words)


def _pieces(words) -> set[str]:
    """Words and their hyphen parts: 'ex-president' -> {'ex-president', 'ex', 'president'}."""
    return {p for w in words for p in (w, *w.split("-"))}


def clean_entities(doc, ents: list[Ent]) -> list[Ent]:
    """Cut link labels off names and drop adjectives of nationality or party (see module doc)."""
    _, _, labels = actor_lists()
    surnames = {doc[e.end - 1].text for e in ents if e.label == "PERSON" and e.end - e.start > 1}
    junk = _link_texts(doc, labels)
    out = []
    for e in ents:
        for a, b in junk:
            if e.start < a < e.end:
                e.end = a  # "President Trump Donald John TrumpTrump MORE": the name before the link
            elif a <= e.start < b:
                e.end = e.start
        if e.end <= e.start:
            continue
        cut = False
        while e.end - e.start > 1 and doc[e.end - 1].text in labels:
            e.end -= 1
            cut = True
        if cut and doc[e.end - 1].text in surnames:  # "Trump MORE" typed ORG: the person's link
            e.label = "PERSON"
        if e.label == "NORP" and e.end - e.start == 1 and doc[e.start].tag_ not in ("NNS", "NNPS"):
            continue
        if doc[e.end - 1].tag_ not in ("NNS", "NNPS") and is_nationality(doc[e.start:e.end].text):
            continue  # "Finnish" typed PERSON, "Egyptian-American", "anti-American"
        out.append(e)
    return out


def _link_texts(doc, labels: frozenset[str]) -> list[tuple[int, int]]:
    """Token ranges of a web page's link text after a name: "Donald John TrumpTrump MORE" (the
    full name, the surname glued to it, a label). Found from the glued word before the label."""
    out = []
    for tok in doc:
        if tok.text not in labels or tok.i == 0:
            continue
        glued = doc[tok.i - 1].text
        half = len(glued) // 2
        if len(glued) < 4 or glued[:half] != glued[half:]:
            continue
        surname = glued[:half]
        start = tok.i - 1
        for j in range(tok.i - 2, max(tok.i - 6, -1), -1):
            w = doc[j].text
            if w == surname:
                break
            if not w[:1].isupper():
                break
            if w.startswith(surname) and w != surname:  # "Adam SchiffAdam Bennett SchiffSchiff MORE"
                break
            start = j
        out.append((start, tok.i + 1))
    return out


def unglue(words: list[str]) -> list[str]:
    """'SchiffAdam Schiff' -> 'Adam Schiff': a first word that is the surname glued to the first name."""
    if len(words) >= 2:
        first, last = words[0], words[-1]
        rest = first[len(last):]
        if first != last and first.startswith(last) and rest[:1].isupper() and rest[1:2].islower():
            return [rest, *words[1:]]
        if last != first and last.endswith(first) and last[:-len(first)][:1].isupper():
            return [*words[:-1], last[:-len(first)]]  # "Adam SchiffAdam": the link's first name glued on
    return words


def kin_names(doc, persons: list[Ent], names: list[str]) -> dict[int, str]:
    """Index in ``persons`` -> canonical name for bare first names after a kinship word.

    "Joe Biden defended his son Hunter": "Hunter Biden" (the family name of the nearest full
    name before it in the sentence, for "his"/"her"/"their"; of the possessor named in full, for
    "Biden's son Hunter"). With no family name in sight the first name stays alone: "David and
    Margaret's daughter Jane" is no "Jane Margaret".
    """
    _, kinship, _ = actor_lists()
    out: dict[int, str] = {}
    for k, e in enumerate(persons):
        if e.end - e.start != 1 or not doc[e.start].is_alpha:
            continue
        i = e.start - 1
        if i >= 0 and doc[i].text == ",":
            i -= 1
        if i < 1 or doc[i].lower_ not in kinship:
            continue
        owner = doc[i - 1]
        family = None
        if owner.tag_ == "POS" and i >= 2:
            owner = doc[i - 2]
            family = next((names[j].split()[-1] for j, p in enumerate(persons)
                           if p.start <= owner.i < p.end and len(names[j].split()) >= 2), None)
        elif owner.lower_ in _POSSESSIVES:
            # "his" is the full name before it in the same sentence; further back it may be anyone's
            sent = owner.sent.start
            before = [names[j] for j, p in enumerate(persons)
                      if sent <= p.start and p.end <= owner.i and len(names[j].split()) >= 2]
            family = before[-1].split()[-1] if before else None
        first = doc[e.start].text
        out[k] = f"{first} {family}" if family and family != first else first
    return out


def kin_firsts(kin: dict[int, str], names: list[str]) -> dict[str, str]:
    """First name -> the relative's full name, for the bare first names elsewhere in the article:
    only when every kinship phrase gives that first name the same person and no full name of
    the article starts with it ("her mother Katherine ... Katherine Brandt said Katherine").

        >>> kin_firsts({1: "Hunter Biden"}, ["Joe Biden", "Hunter", "Hunter Lane"])
        {}
    """
    by_first: dict[str, set[str]] = {}
    for name in kin.values():
        by_first.setdefault(name.split()[0], set()).add(name)
    others: dict[str, set[str]] = {}
    for n in names:
        if len(n.split()) >= 2:
            others.setdefault(n.split()[0], set()).add(n)
    return {first: next(iter(full)) for first, full in by_first.items()
            if len(full) == 1 and not others.get(first, set()) - full}


def text_after(doc, end: int, n: int = 24) -> str:
    """``doc.text[after:][:n]``, ``after`` being where token ``end - 1`` ends, from the tokens that
    follow it. spaCy's ``doc.text`` joins every token on each call: asked once per person, it made
    a 53 KB Timeline17 article take 19 s in this stage alone (issue 15, per-article cost).

        >>> from chronicle.extract.nlp import load_nlp
        >>> doc = load_nlp()("Sen. Rand Paul (R-Ky.) spoke.")
        >>> text_after(doc, 3) == doc.text[doc[2].idx + len(doc[2].text):][:24]
        True
    """
    parts, size, i = [doc[end - 1].whitespace_], len(doc[end - 1].whitespace_), end
    while size < n and i < len(doc):
        parts.append(doc[i].text_with_ws)
        size += len(parts[-1])
        i += 1
    return "".join(parts)[:n]


def party_tag(doc, end: int) -> str | None:
    """'R-Ky.' when a party-state tag follows the name ending at token ``end``."""
    if end >= len(doc):
        return None
    m = _PARTY_TAG.match(text_after(doc, end))
    return f"{m.group(1)}-{m.group(2)}" if m else None


def tag_span(doc, end: int) -> tuple[int, int] | None:
    """Character range of the party-state tag after token ``end`` (its place name is no mention)."""
    after = doc[end - 1].idx + len(doc[end - 1].text)
    m = _PARTY_TAG.match(text_after(doc, end))
    return (after + m.start(1), after + m.end(2)) if m else None
