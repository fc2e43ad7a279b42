"""Cross-document entities: merge the per-article names into one entity per real-world actor.

Spelling and transliteration variants fold together (Zelensky/Zelenskyy/Zelenskiy; Kiev/
Kyiv and Türkiye/Turkey through the shipped alias table); a lone surname joins the one
full name that carries it. Two guards keep different actors apart: people who share a
surname but not a first name ("Joe Biden", "Hunter Biden") and names of different types
(a PERSON "Ford" and an ORG "Ford"). A bare first name ("Michael", "Katherine") that its article
did not tie to a full name stays that article's own: the "Michael" of one article is not the
"Michael" of another, nor the surname of "Michael Katherine" (issue 16). The user's alias file
wins over everything.
"""
from __future__ import annotations

import functools
import re
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from importlib import resources

from chronicle.extract.entities.gazetteer import fold, strip_article
from chronicle.link.aliases import UserAliases

_NON_ALNUM = re.compile(r"[^\w\s]")


def type_class(label: str) -> str:
    """Labels that may name the same thing: places share a class; PERSON never merges with others."""
    if label == "PERSON":
        return "PERSON"
    if label in ("GPE", "LOC", "FAC"):
        return "PLACE"
    if label == "NORP":
        return "NORP"
    return "THING"


@functools.lru_cache(maxsize=1)
def _transliteration() -> tuple[tuple[re.Pattern, str], ...]:
    data = tomllib.loads(resources.files("chronicle.data").joinpath("entities").joinpath("transliteration.toml").read_text(encoding="utf-8"))
    return tuple((re.compile(pattern), repl) for pattern, repl in data["rules"])


# The Arabic article, written or not: "Bashar al-Assad" / "Bashar Assad" / "al - Assad", "Muammar
# al-Qaddafi" / "Gaddafi". Joined by a hyphen in any case; before a space only in lower case ("Al
# Gore", "Al Jazeera" keep theirs).
_ARABIC_ARTICLE = re.compile(r"(?:(?<=\s)|^)(?:[aA]l|[eE]l)\s?[-‐]\s?(?=\w)|(?<=\s)(?:al|el)\s(?=[A-Z])")
_SPELLING_MIN = 4  # words shorter than this keep their letters: acronyms and short names


@functools.lru_cache(maxsize=1 << 17)  # a store names its actors in far fewer spellings than mentions
def skeleton(name: str, place: bool = False) -> str:
    """Spelling-insensitive key: 'Zelenskyy' / 'Zelenskiy' / 'Zelensky' -> 'zelensky';
    'Arkadii Jelezov' / 'Arkady Zhelezov' -> 'arkady jelezov' (rules in transliteration.toml);
    'Bashar al-Assad' / 'Bashar Assad' -> 'bashar asad'.

    With ``place``, an opening 'kh' stays: 'Khoms' (Libya) is not 'Homs' (Syria), Arabic writes them
    with two letters, though 'Khamenei' is 'Hamenei' and 'Tsvetin' 'Cvetin'."""
    words = []
    for w in _NON_ALNUM.sub("", fold(_ARABIC_ARTICLE.sub("", strip_article(name)))).split():
        if len(w) < _SPELLING_MIN:  # 'BBC' is not 'BC', 'Lee' not 'Le': too short to be respelled
            words.append(w)
            continue
        spelled = w
        for pattern, repl in _transliteration():
            w = pattern.sub(repl, w)
        if len(w) > 4 and w.endswith("i"):
            w = w[:-1] + "y"
        if place and spelled.startswith("kh") and w.startswith("h"):
            w = "k" + w  # 'khoms' stays 'khoms'
        words.append(w)
    return " ".join(words)


@dataclass
class MentionRow:
    article_id: str
    idx: int
    text: str
    type: str
    local: str  # canonical name within the article
    role: str | None
    kind: str
    start_char: int
    end_char: int
    published: str | None
    before: str = ""  # the text just before a person's name of three words or more, else ''


def _shouted(name: str) -> bool:
    """A name of several words written all in capitals ('ANDERSON COOPER' of a transcript); a
    one-word name in capitals may be how it is spelled ('BBC', 'NATO', 'UNICEF')."""
    letters = [c for c in name if c.isalpha()]
    return len(name.split()) > 1 and bool(letters) and all(c.isupper() for c in letters)


@dataclass
class Cluster:
    cls: str
    names: Counter = field(default_factory=Counter)  # local names
    rows: list[MentionRow] = field(default_factory=list)
    pinned: str | None = None  # a canonical name from an alias table

    def canonical(self) -> str:
        if self.pinned:
            return self.pinned
        multi = [(n, c) for n, c in self.names.items() if len(n.split()) > 1] if self.cls == "PERSON" else []
        pool = multi or list(self.names.items())
        # a name written in capitals ('ANDERSON COOPER' of a transcript) yields to its mixed-case form
        cased = [(n, c) for n, c in pool if not _shouted(n)]
        return max(cased or pool, key=lambda nc: (nc[1], len(nc[0]), nc[0]))[0]

    def label(self) -> str:
        return Counter(r.type for r in self.rows if r.kind == "name").most_common(1)[0][0] if any(
            r.kind == "name" for r in self.rows) else self.rows[0].type


@dataclass
class LinkedEntity:
    name: str
    type: str
    rows: list[MentionRow]


def cluster_mentions(rows: list[MentionRow], user: UserAliases, default: dict[str, str]) -> list[LinkedEntity]:
    """Group mention rows into entities. ``default`` maps folded variants to canonical names."""
    user_map: dict[str, str] = {}
    for canonical, variants in user.aliases.items():
        user_map[fold(canonical)] = canonical
        for v in variants:
            user_map[fold(v)] = canonical
    split_from: dict[str, set[str]] = defaultdict(set)  # folded alias -> folded names it must not join
    spelled: dict[str, str] = {}
    for canonical, names in user.distinct.items():
        for n in names:
            split_from[fold(n)].add(fold(canonical))
            spelled[fold(n)] = n

    firsts = first_names(rows)
    shared = shared_first_names(rows)
    tails = named_people(rows)
    written = written_classes(rows)
    places = _listed_places()
    clusters: dict[tuple[str, str], Cluster] = {}
    for row in rows:
        cls = type_class(row.type)
        surface = fold(strip_article(row.text))
        if _foreign_acronym(row, cls, surface, written):  # its article read 'GM' (ORG) as 'Gulf of Mexico'
            row = replace(row, local=strip_article(row.text))
        own = _own_place(row, cls, places)
        if own is not None:  # 'Haiti' is not the 'Voice of Haiti' its article also named
            row = replace(row, local=default.get(fold(own), own))
        local = fold(row.local)
        apart = surface if surface in split_from else local if local in split_from else None
        if apart is not None:  # the user split this name off: it stands alone
            name = pinned = spelled[apart]
            key = (cls, "split:" + apart)
        else:
            by_user = (user_map.get(surface) if row.kind == "name" else None) or user_map.get(local)
            pinned = by_user or default.get(local)
            name = pinned or row.local
            # the user's merge overrides the type guard: one entity whatever the model's types
            key = ("USER" if by_user else cls, skeleton(name, cls == "PLACE"))
            if not pinned and cls == "PERSON" and key[1] in firsts:
                first = key[1]
                key = (cls, f"first:{row.article_id}:{first}")  # the article did not say whose name it is
                if (row.article_id, first) in shared:  # nor which of its Johns: each 'John' stands alone
                    key = (cls, f"first:{row.article_id}:{first}:{row.idx}")
        if cls == "PERSON" and row.kind == "name" and not pinned and apart is None and (
                (_CUT_NAME.search(row.before) and _other_person(surface, local, tails)) or _two_people(row.text)):
            name, key = row.text, (cls, f"apart:{skeleton(surface)}")  # 'Michael Katherine Jackson' holds
            # 'Katherine Jackson', a person of the store: a list of names mis-spanned, not Michael Jackson
        c = clusters.setdefault(key, Cluster(cls))
        c.names[name] += 1
        c.rows.append(row)
        c.pinned = c.pinned or pinned
    _attach_surnames(clusters)
    _merge_places_and_things(clusters)
    _merge_company_forms(clusters)
    return [LinkedEntity(c.canonical(), c.label(), c.rows) for c in clusters.values() if c.rows]


@functools.lru_cache(maxsize=1)
def _listed_places() -> frozenset[str]:
    from chronicle.extract.entities.gazetteer import load_gazetteer

    return frozenset(n for n, t in load_gazetteer().types.items() if t in ("GPE", "LOC"))


@functools.lru_cache(maxsize=1)
def _institutions() -> frozenset[str]:
    """Folded one-word institutions of their own ('House', 'Senate': actors.toml), in any case."""
    from chronicle.extract.entities.actors import actor_lists

    return frozenset(fold(n) for n in actor_lists()[0])


def _stands_alone(name: str, places: frozenset[str]) -> bool:
    return name in places or fold(name) in _institutions()


def _own_place(row: MentionRow, cls: str, places: frozenset[str]) -> str | None:
    """A one-word place of the gazetteer ('Haiti', 'USA', 'London') or institution ('house', 'HOUSE')
    that its article resolved to a longer name ending in it ('Voice of Haiti', 'Yele Haiti',
    'Bryanston Square London', 'White House') keeps its own name: a country, a city or the House is
    an entity of its own, never the end of another name."""
    if row.kind != "name" or cls == "PERSON":
        return None
    from chronicle.extract.entities.canonical import strip_possessive

    word = strip_possessive(strip_article(row.text)).strip()
    if " " in word or not _stands_alone(word, places) or fold(word) == fold(row.local):
        return None
    return word if fold(row.local).split()[-1:] == [fold(word)] else None


def written_classes(rows: list[MentionRow]) -> dict[str, Counter]:
    """Folded name -> the type classes of its mentions written out in full ('Gulf of Mexico': PLACE)."""
    out: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        if row.kind == "name" and " " in row.local and fold(strip_article(row.text)) == fold(row.local):
            out[fold(row.local)][type_class(row.type)] += 1
    return out


def _foreign_acronym(row: MentionRow, cls: str, surface: str, written: dict[str, Counter]) -> bool:
    """An acronym its article folded into a longer name of another kind: 'GM' (an ORG: 'car companies
    such as GM and Ford') spelled by the place 'Gulf of Mexico'; 'Mobile, AL' (a GPE) by the 'Arab
    League'. An organisation's acronym is an organisation, a place's a place."""
    if row.kind != "name" or cls == "PERSON" or " " in surface or fold(row.local) == surface:
        return False
    letters = strip_article(row.text).replace(".", "")
    if not (letters.isalpha() and letters.isupper() and 2 <= len(letters) <= 6):
        return False
    kinds = written.get(fold(row.local))
    return bool(kinds) and kinds.most_common(1)[0][0] != cls


_COURTESY = frozenset({"mr", "mrs", "ms", "dr", "sir", "dame", "miss", "mme", "mlle"})


def _two_people(text: str) -> bool:
    """A span with a courtesy title inside it names two people: 'Gordon Brown Mrs Brown' (a caption's
    'Gordon Brown, Mrs Brown' run together) is not Gordon Brown."""
    words = [w.lower().rstrip(".") for w in text.split()]
    return any(w in _COURTESY for w in words[1:-1])


_CUT_NAME = re.compile(r"\b[A-Z][\w'-]* $")  # 'Paris ' before 'Michael Katherine Jackson': a name cut short
TAIL_REACH = 3  # a two-word name in this many articles is a person of its own inside a longer span


def named_people(rows: list[MentionRow]) -> frozenset[str]:
    """Skeletons of the two-word person names written in TAIL_REACH articles or more."""
    seen: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if type_class(row.type) == "PERSON" and row.kind == "name":
            words = skeleton(row.local).split()
            if len(words) == 2:
                seen[" ".join(words)].add(row.article_id)
    return frozenset(name for name, arts in seen.items() if len(arts) >= TAIL_REACH)


def _other_person(surface: str, local: str, people: frozenset[str]) -> str | None:
    """The person of the store that closes a longer span under another name: 'Michael Katherine
    Jackson' (of 'Paris Michael Katherine Jackson', a child's names, the span cut after 'Paris') ends in
    'Katherine Jackson', who is not the 'Michael Jackson' its article folded it into. The caller asks
    only of a span that follows a capitalised word: 'killing Michael Joseph Jackson' is Michael
    Jackson's full name, though 'Joseph Jackson' is his father. A middle initial ('George W. Bush')
    is no name."""
    words = skeleton(surface).split()
    if len(words) < 3 or len(words[-2]) <= 2:
        return None
    tail = " ".join(words[-2:])
    return tail if tail in people and tail != skeleton(local) else None


def shared_first_names(rows: list[MentionRow]) -> frozenset[tuple[str, str]]:
    """(article, first name) pairs where the article writes the first name for two or more people
    ('John Jones', 'John Lewis'): a bare 'John' of that article may be any of them, or another."""
    lasts: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in rows:
        if type_class(row.type) == "PERSON" and row.kind == "name":
            words = skeleton(row.local).split()
            if len(words) > 1:
                lasts[(row.article_id, words[0])].add(words[-1])
    return frozenset(k for k, v in lasts.items() if len(v) > 1)


def first_names(rows: list[MentionRow]) -> frozenset[str]:
    """Skeletons of the one-word person names that the store writes more often as the first word
    of a full name than as its last ("Michael" of "Michael Jackson", "Michael Pastor"), read from
    the mentions themselves, so no list of given names is needed."""
    single: set[str] = set()
    first: Counter = Counter()
    last: Counter = Counter()
    for row in rows:
        if type_class(row.type) != "PERSON":
            continue
        words = skeleton(row.local).split()
        if len(words) == 1:
            single.add(words[0])
        elif len(words) > 1:
            first[words[0]] += 1
            last[words[-1]] += 1
    return frozenset(w for w in single if first[w] > last[w])


def _attach_surnames(clusters: dict[tuple[str, str], Cluster]) -> None:
    """Full names with the same first and last word merge; a lone surname joins its only full name."""
    persons = {k: c for k, c in clusters.items()
               if k[0] == "PERSON" and not k[1].startswith(("split:", "first:", "apart:"))}
    by_first_last: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for key, c in persons.items():
        words = skeleton(c.canonical()).split()
        if len(words) >= 2:
            by_first_last[(words[0], words[-1])].append(key)
    surnames: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for (first, last), keys in by_first_last.items():
        for part in _by_middle(clusters, keys):
            _fold_into(clusters, part)
            surnames[last].add(part[0])
    for key, c in list(persons.items()):
        if key not in clusters:
            continue
        words = skeleton(c.canonical()).split()
        if len(words) != 1:
            continue
        owners = [k for k in surnames.get(words[0], set()) if k in clusters]
        owner = _owner(clusters, owners)
        if owner is not None and _articles(c) <= SURNAME_REACH * _articles(clusters[owner]):
            _fold_into(clusters, [owner, key])


def _middle(name: str) -> str:
    """A full name's middle names as initials: 'George H.W. Bush' -> 'hw', 'George Walker Bush' -> 'w',
    'George Bush' -> ''."""
    words = skeleton(name).split()[1:-1]
    return "".join(w if len(w) <= 2 else w[0] for w in words)


def _by_middle(clusters: dict[tuple[str, str], Cluster], keys: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """Full names of one first and last word, grouped by person: two middle names that differ ('George
    H.W. Bush', 'George W. Bush') are two people, a father and a son; a name without one joins the
    middle name the store names far more often than the others (SURNAME_DOMINANCE), else stands apart."""
    middles: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key in keys:
        middles[_middle(clusters[key].canonical())].append(key)
    bare = middles.pop("", [])
    if len(middles) <= 1:
        return [keys]
    named = {m: sum(sum(r.kind == "name" for r in clusters[k].rows) for k in ks) for m, ks in middles.items()}
    top = max(named, key=lambda m: (named[m], m))
    groups = list(middles.values())
    if bare and named[top] >= SURNAME_DOMINANCE * (sum(named.values()) - named[top]):
        middles[top].extend(bare)
    elif bare:
        groups.append(bare)
    return groups


SURNAME_DOMINANCE = 4  # a bare surname joins the full name named this many times as often as all its namesakes
# ... and only when it is not written in more than this many times as many articles as that full name:
# IraqWar's one 'Harvey Goldsmith' (a concert promoter, one article) is not the 'Lord Goldsmith' of 17 others,
# while Finan's 'Bush' of 60 articles is the 'George W. Bush' of 18 (a paper names the president by surname)
SURNAME_REACH = 5


def _articles(c: Cluster) -> int:
    return len({r.article_id for r in c.rows})


def _owner(clusters: dict[tuple[str, str], Cluster], owners: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The full name a bare surname of the store belongs to: its only owner, or the one the store
    names far more than all the others together ('Barack Obama' against a stray 'Hussein Obama' or a
    mis-split 'Knowing Obama'); none when two people share it in earnest ('Joe', 'Hunter Biden')."""
    if len(owners) == 1:
        return owners[0]
    if not owners:
        return None
    named = sorted(((sum(r.kind == "name" for r in clusters[k].rows), k) for k in owners), reverse=True)
    top, rest = named[0][0], sum(n for n, _ in named[1:])
    return named[0][1] if top >= SURNAME_DOMINANCE * rest and top > rest else None


def _merge_places_and_things(clusters: dict[tuple[str, str], Cluster]) -> None:
    """A place and an organisation of the same name ('Kremlin' ORG/FAC) are one entity."""
    by_name: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, c in clusters.items():
        if key[0] in ("PLACE", "THING") and not key[1].startswith("split:"):
            by_name[skeleton(c.canonical(), True)].append(key)
    for keys in by_name.values():
        if len(keys) > 1:
            keys.sort(key=lambda k: -len(clusters[k].rows))
            _fold_into(clusters, keys)


def _merge_company_forms(clusters: dict[tuple[str, str], Cluster]) -> None:
    """Organisation names that differ only by a legal-form word are one company: 'Apple Inc.',
    'Apple Computer' and 'Apple' (MEANTIME's apple corpus), 'NPD Group' and 'NPD'."""
    from chronicle.extract.entities.gazetteer import load_gazetteer

    designators = load_gazetteer().org_designators
    by_base: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, c in clusters.items():
        if key[0] != "THING" or key[1].startswith("split:"):
            continue
        words = strip_article(c.canonical()).split()
        while len(words) > 1 and words[-1].rstrip(",") in designators:
            words.pop()
        by_base[skeleton(" ".join(words))].append(key)
    for keys in by_base.values():
        if len(keys) > 1:
            keys.sort(key=lambda k: -len(clusters[k].rows))
            _fold_into(clusters, keys)
    _merge_acronyms(clusters)
    _merge_owner_prefixed(clusters)


def _merge_owner_prefixed(clusters: dict[tuple[str, str], Cluster]) -> None:
    """'Apple Macintosh' is 'Macintosh' and 'Microsoft Windows' is 'Windows' when both the owner
    ('Apple') and the product ('Macintosh') are entities of the store themselves."""
    things = {key[1]: key for key in clusters if key[0] == "THING" and not key[1].startswith("split:")}
    products: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for key in list(things.values()):
        words = skeleton(clusters[key].canonical()).split()
        if len(words) < 2:
            continue
        owner, rest = things.get(words[0]), things.get(" ".join(words[1:]))
        if _COORDINATED.search(clusters[key].canonical()):
            continue  # 'NTC & NATO', 'Clinton and NATO': two names of a list, never an owner's product
        if rest in clusters and (_stands_alone(strip_article(clusters[rest].canonical()), _listed_places())
                                 or _listed_name(clusters[rest].canonical())):
            continue  # 'House' is not 'White House' because some 'White' is an ORG of the store; 'CNN' is
            # an organisation of its own, not CBS's product, whatever a mis-split 'CBS CNN' says
        if owner in clusters and rest in clusters and rest != key and clusters[owner].label() == "ORG" \
                and _owns(clusters[owner], clusters[key]):
            products[rest].append(key)
    moved: dict[tuple[str, str], tuple[str, str]] = {}  # a product folded into its own product name

    def home(key: tuple[str, str]) -> tuple[str, str]:
        while key not in clusters and key in moved:
            key = moved[key]
        return key

    for rest, keys in products.items():
        # two owners of one product name ('U.N. Security Council', 'National Security Council' beside a
        # stray 'National'): only one the store names far more often than the others is the product
        named = sorted(((sum(r.kind == "name" for r in clusters[home(k)].rows), k) for k in keys), reverse=True)
        top, others = named[0][0], sum(n for n, _ in named[1:])
        # 'Air Force' may have joined 'Force' before 'US Air Force' joins 'Air Force': follow it there
        target, product = home(rest), home(named[0][1])
        if (others == 0 or top >= SURNAME_DOMINANCE * others) and target != product:
            _fold_into(clusters, [target, product])
            moved[product] = target


_COORDINATED = re.compile(r"&|\band\b|[,;/+]", re.IGNORECASE)


def _listed_name(name: str) -> bool:
    """A name the gazetteer lists as an organisation or place of its own ('CNN', 'NATO', 'BBC')."""
    from chronicle.extract.entities.gazetteer import load_gazetteer

    return load_gazetteer().types.get(strip_article(name)) is not None


def _owns(owner: Cluster, product: Cluster) -> bool:
    """An owner named in two articles at least, or beside its product in one: a stray one-off ORG
    ('National', of a mis-split name) owns nothing ('National Security Council' is no 'Security Council')."""
    named = {r.article_id for r in owner.rows}
    return len(named) >= 2 or not named.isdisjoint(r.article_id for r in product.rows)


def _merge_acronyms(clusters: dict[tuple[str, str], Cluster]) -> None:
    """An acronym joins the one organisation or place it abbreviates ('GM', 'General Motors'),
    unless it is a listed name of its own: 'CNN' is never 'Christian News Network' by its letters."""
    from chronicle.extract.entities.canonical import acronym
    from chronicle.extract.entities.gazetteer import load_gazetteer

    listed = load_gazetteer().types

    full: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, c in clusters.items():
        if key[0] in ("THING", "PLACE") and not key[1].startswith("split:") and acronym(c.canonical()):
            full[acronym(c.canonical())].append(key)
    for key, c in list(clusters.items()):
        name = strip_article(c.canonical())
        if (key[0] not in ("THING", "PLACE") or key[1].startswith("split:") or not name.isupper() or " " in name
                or name in listed):
            continue
        kind = type_class(c.label())  # an organisation's acronym is an organisation: 'GM' (ORG) of car
        # makers is not the 'Gulf of Mexico', nor 'Mobile, AL' (GPE) the 'Arab League'
        owners = [k for k in full.get(name.replace(".", ""), [])
                  if k in clusters and k != key and type_class(clusters[k].label()) == kind]
        if len(owners) == 1 and key in clusters:
            _fold_into(clusters, [owners[0], key])


def _fold_into(clusters: dict[tuple[str, str], Cluster], keys: list[tuple[str, str]]) -> None:
    target = clusters[keys[0]]
    for key in keys[1:]:
        other = clusters.pop(key)
        target.names.update(other.names)
        target.rows.extend(other.rows)
        target.pinned = target.pinned or other.pinned


# One-sense-per-article reading of a word that is both a place and a person's first name ("Paris" of
# "Paris Jackson"): a mention is the person when its article says so once (an age, a kinship word, a
# list of people), and every mention of it there that no place preposition opens is then the person.
_PLACE_BEFORE = re.compile(r"\b(?:the|born|in|to|from|of|near|at|outside|across|into|toward|towards|through|via|around|"
                           r"on|over|within|between|visit|visited|visiting|visits)\s*$", re.I)
_AGE_AFTER = re.compile(r"^\s*(?:,\s*\d{1,2}\s*(?:,|-|\)|-RRB-|$)|(?:\(|-LRB-)\s*\d{1,2}\s*(?:\)|-RRB-))")
# a kinship word, then up to three names of a list before this one ("his children, Prince, Paris")
_KIN_BEFORE = re.compile(r"\b(?:daughters?|sons?|sisters?|brothers?|children|child|kids|wife|husband|mother|father|"
                         r"granddaughters?|grandsons?|nieces?|nephews?)\s*(?:[,:-]\s*)?"
                         r"(?:[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?\s*(?:,|and|,\s*and)\s*){0,3}$")
_LIST_GAP = re.compile(r"^\s*(?:,|and|&|,\s*and)\s*(?:``|''|\"|“|”)?\s*$")
WINDOW = 40  # characters read on each side of such a mention


def person_first_words(rows: list[MentionRow], min_articles: int = 1) -> frozenset[str]:
    """Skeletons of the first words of the store's full person names written in ``min_articles``
    articles or more ("paris" of "Paris Jackson")."""
    seen: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if type_class(row.type) == "PERSON" and row.kind == "name":
            words = skeleton(row.local).split()
            if len(words) > 1:
                seen[words[0]].add(row.article_id)
    return frozenset(w for w, arts in seen.items() if len(arts) >= min_articles)


def people_named_as_places(rows: list[MentionRow], windows) -> list[MentionRow]:
    """``rows`` with the one-word place mentions that name a person read as that person's first name
    (issue 16: MJ's "Paris" held the city and Jackson's daughter, whom the model types GPE where her
    full name is not written: "Prince, Paris and Blanket", "Paris, 12, said", "his daughter, Paris").
    ``windows(spans)`` gives ``(before, after)``, the WINDOW characters each side of each
    ``(article, start, end)``. Only words that are the first word of a full person name of the store
    are read, so a store without such a person is left as it is."""
    firsts = person_first_words(rows)
    cands = [i for i, r in enumerate(rows) if r.kind == "name" and type_class(r.type) == "PLACE"
             and " " not in strip_article(r.text).strip() and skeleton(r.text) in firsts]
    if not cands:
        return rows
    near = windows([(rows[i].article_id, rows[i].start_char, rows[i].end_char) for i in cands])
    names: dict[str, list[MentionRow]] = defaultdict(list)
    for r in rows:
        if r.kind == "name":
            names[r.article_id].append(r)
    for found in names.values():
        found.sort(key=lambda r: r.start_char)

    def listed_with(cls: str, row: MentionRow, before: str, after: str) -> bool:
        for other in names[row.article_id]:
            if type_class(other.type) != cls or other is row:
                continue
            if 0 <= row.start_char - other.end_char <= 7 and _LIST_GAP.match(before[len(before) - (row.start_char - other.end_char):]):
                return True
            if 0 <= other.start_char - row.end_char <= 7 and _LIST_GAP.match(after[:other.start_char - row.end_char]):
                return True
        return False

    people: Counter = Counter()  # (article, word) -> mentions shown to be a person's
    places: Counter = Counter()  # and those a place preposition opens
    placed: set[int] = set()
    words = {skeleton(rows[i].text) for i in cands}
    for r in rows:  # the word its article's model already read as a person ("Paris, 12, said")
        if r.kind == "name" and type_class(r.type) == "PERSON" and skeleton(strip_article(r.text)) in words:
            people[(r.article_id, skeleton(strip_article(r.text)))] += 1
    for i, (before, after) in zip(cands, near):
        row = rows[i]
        key = (row.article_id, skeleton(row.text))
        if _PLACE_BEFORE.search(before) or listed_with("PLACE", row, before, after):  # "Mobile, AL"
            placed.add(i)
            places[key] += 1
        elif _AGE_AFTER.match(after) or _KIN_BEFORE.search(before) or listed_with("PERSON", row, before, after):
            people[key] += 1
    # the article's one sense: a person when its evidence outweighs its "in Meifod", "born in Meifod"
    people = {key for key, n in people.items() if n > places[key]}
    if not people:
        return rows
    out = list(rows)
    for i in cands:
        row = rows[i]
        if i not in placed and (row.article_id, skeleton(row.text)) in people:
            out[i] = replace(row, type="PERSON", local=strip_article(row.text).strip())
    return out


def link_entities(store, *, aliases_path=None) -> int:
    """Rebuild the store's cross-document entities; returns how many there are.

    Reads every mention, clusters them (honouring the alias file at ``aliases_path``),
    and rewrites the entity tables, each mention's ``entity``/``entity_id``, and quote
    speakers, in one transaction. Idempotent: a rerun gives the same tables.
    """
    from chronicle.extract.entities.canonical import default_aliases
    from chronicle.link.aliases import read_user_aliases
    from chronicle.store.entities import add_entities, iter_mention_rows, text_windows

    user = read_user_aliases(aliases_path)
    with store.transaction():
        rows = [MentionRow(**r) for r in iter_mention_rows(store.conn)]
        rows = people_named_as_places(rows, lambda spans: text_windows(store.conn, spans, WINDOW))
        entities = cluster_mentions(rows, user, default_aliases())
        add_entities(store.conn, entities)
    return len(entities)
