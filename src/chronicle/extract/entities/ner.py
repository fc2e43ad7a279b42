"""The correction layer over en_core_web_sm's entities: trimmed and split spans, gazetteer
types, document-level consistency, and title-case lines read against the body (titles.py).

The small model's systematic errors on news (measured on the reference corpus, UNER EWT dev
and MEANTIME's apple corpus) are: bare surnames typed ORG ("Trump" ~30 times), capitals typed
PERSON ("Kiev", "Kyiv"), a determiner or preposition glued to the front ("Unlike Kyiv"), a
possessive or line break glued to the end, persons made of headline fragments ("Putin
Discuss", "Prisoner Exchanges Planned"), names glued together ("Noida to Greater Noida",
"Brandon Luna - Analyst"), a name tagged once and missed the next time, all-caps datelines
("TEHRAN (AFP)") and camel-case product names ("iPhone 4"). Each rule below fixes one of them.
"""
from __future__ import annotations

import re
import threading
from collections import Counter, defaultdict

from spacy.attrs import IDX, LENGTH, POS, SPACY
from spacy.symbols import NOUN, NUM, PROPN

from chronicle.extract.entities.gazetteer import Gazetteer, fold
from chronicle.extract.entities.spans import Ent, drop_overlaps, in_ranges, person_names
from chronicle.extract.entities.titles import (MAX_GAZETTEER_TOKENS, plausible_title_names, title_entities, title_lines,
                                               widen_vouched)

# OntoNotes labels that name things; numeric labels (DATE, MONEY ...) are not mentions.
NAME_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
                         "LANGUAGE"})
_LEAD_POS = frozenset({"DET", "ADP", "SCONJ", "CCONJ", "ADV", "PUNCT", "INTJ"})


def trim(doc, start: int, end: int) -> tuple[int, int]:
    """Drop leading function words, trailing possessives, punctuation and whitespace."""
    while (end - start > 1 and (doc[start].pos_ in _LEAD_POS or doc[start].is_space)
           and (doc[start].text != "The" or doc[start].is_sent_start) and not doc[start].text[:1].isdigit()):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct
                           and doc[end - 1].text not in (".",) or end - start > 1 and doc[end - 1].is_lower
                           and doc[end - 1].pos_ in ("DET", "ADP", "CCONJ")):
        end -= 1
    while end > start and doc[start].is_punct:
        start += 1
    return start, end


# Brackets as Penn Treebank tokenisation writes them (Timeline17, OntoNotes-style text): never in a name.
_PTB_BRACKETS = frozenset({"-LRB-", "-RRB-", "-LSB-", "-RSB-", "-LCB-", "-RCB-"})


def _before_bracket(doc, start: int, end: int) -> tuple[int, int]:
    """The part of a span before its first bracket token: "Anderson Cooper -LRB- ET -RRB-" ->
    "Anderson Cooper"; a span that opens with brackets loses them ("-RRB- Obama" -> "Obama")."""
    while start < end and doc[start].text in _PTB_BRACKETS:
        start += 1
    for i in range(start, end):
        if doc[i].text in _PTB_BRACKETS:
            return start, i
    return start, end


def correct_entities(doc, paragraphs, gaz: Gazetteer) -> list[Ent]:
    """Return the corrected, non-overlapping entity spans of ``doc``, in order."""
    titles = title_lines(doc, paragraphs)
    body: list[Ent] = []
    in_titles: list[Ent] = []
    for e in doc.ents:
        if e.label_ not in NAME_LABELS:
            continue
        s, t = trim(doc, *_before_bracket(doc, e.start, e.end))
        if s >= t:
            continue
        (in_titles if in_ranges(titles, e.start_char) else body).append(Ent(s, t, e.label_))
    body = [piece for e in body for piece in split_joined(doc, e, gaz)]
    body = _hyphenated_first_names(doc, [e for e in body if _apply_gazetteer(doc, e, gaz)])
    for e in body:
        _keep_business_possessive(doc, e)
    _harmonise(doc, body, gaz)
    _places_in_context(doc, body, gaz)
    body = _people_in_context(doc, body, gaz)
    body = [e for e in body if not _common_word(doc, e)]  # after consistency: a known surname stays
    body = _add_missed(doc, body, gaz, titles)
    body = _defined_acronyms_and_states(doc, body, gaz)
    body = _propagate(doc, body, titles)
    body = _camel_case_products(doc, body)
    body = _acronym_organisations(doc, body, titles)
    body = _described_names(doc, body, gaz, titles)
    vouched = widen_vouched(doc, title_entities(doc, body, gaz, titles), in_titles)
    body.extend(vouched)
    body.extend(plausible_title_names(doc, in_titles, vouched))
    body = [e for e in body if not _STANCE.match(doc[e.start:e.end].text)]
    body.sort(key=lambda e: e.start)
    return drop_overlaps(body)


# "pro-Mubarak", "Anti-government", "anti - Assad": a stance, not an actor (issue 16: typed PERSON, ORG
# or NORP, they were listed among the story's actors).
_STANCE = re.compile(r"(?i)(?:pro|anti)\s?[-‐–]\s?\w")


def _apply_gazetteer(doc, ent: Ent, gaz: Gazetteer) -> bool:
    """Retype from the gazetteer; False drops the span (a listed non-entity)."""
    text = doc[ent.start:ent.end].text
    known = gaz.type_of(text)
    if known == "NONE":
        return False
    if not known:
        _facility(doc, ent, gaz)
    if known and known != ent.label:
        # A demonym or nationality stays NORP ("Russian"); a listed name wins otherwise.
        if not (ent.label == "NORP" and known in ("GPE", "LOC")):
            ent.label, ent.source = known, "gazetteer"
    return True


def _hyphenated_first_names(doc, ents: list[Ent]) -> list[Ent]:
    """A person's hyphenated first name is whole: "Paris-Michael Katherine Jackson" is not
    "Michael Katherine Jackson" (who would then pass for Michael Jackson) beside a place "Paris".
    The tokenizer splits the hyphen off and the model types the first half apart."""
    grown = set()
    for e in ents:
        i = e.start
        if (e.label == "PERSON" and i >= 2 and doc[i - 1].text == "-" and not doc[i - 2].whitespace_
                and not doc[i - 1].whitespace_ and doc[i - 2].is_alpha and doc[i - 2].text[:1].isupper()
                and doc[i - 2].text[1:2].islower()):
            e.start = i - 2
            grown.add(i - 2)
    return [e for e in ents if not (e.start in grown and e.end - e.start == 1)]


def _keep_business_possessive(doc, ent: Ent) -> None:
    """A possessive that ends a place or business name is part of it: "we ate at Del Frisco's",
    "McDonald's said" (no noun follows), unlike "Apple's iPhone"."""
    end = ent.end
    if ent.label in ("PERSON", "NORP", "GPE") or end >= len(doc) or doc[end].tag_ != "POS" or doc[end].text[-1:] != "s":
        return
    nxt = doc[end + 1] if end + 1 < len(doc) else None
    if nxt is None or nxt.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM", "X", "SYM", "ADV"):
        ent.end = end + 1


def _common_word(doc, ent: Ent) -> bool:
    """A lone word the tagger reads as a verb, noun or interjection, not a proper noun: sentence-initial
    'Drop', 'Kudos', 'Ya' typed PERSON/ORG by the model."""
    if ent.end - ent.start != 1 or ent.source != "model":
        return False
    tok = doc[ent.start]
    return tok.tag_ not in ("NNP", "NNPS") and not tok.text.isupper() and ent.label in ("PERSON", "ORG", "GPE", "LOC")


def _facility(doc, ent: Ent, gaz: Gazetteer) -> None:
    """'Opera House', 'City Hall' typed ORG are buildings: FAC; 'Pakistan People's Party' typed
    GPE or PERSON is an organisation."""
    if ent.end - ent.start < 2:
        return
    last = doc[ent.end - 1].text
    if ent.label == "ORG" and last in gaz.facility_heads or ent.label == "PERSON" and last in gaz.person_facility_heads:
        ent.label, ent.source = "FAC", "gazetteer"
    elif ent.label in ("GPE", "LOC", "PERSON", "FAC", "NORP") and last in gaz.org_heads:
        ent.label, ent.source = "ORG", "gazetteer"


def _harmonise(doc, ents: list[Ent], gaz: Gazetteer) -> None:
    """Document-level consistency: a surname takes its full name's type; else the majority type."""
    by_surname, full = person_names(doc, ents, gaz)
    backed = set()
    for e in ents:
        text = doc[e.start:e.end].text
        if (text in full or text in by_surname) and e.source != "gazetteer" and not gaz.type_of(text):
            e.label, e.source = "PERSON", "consistency"
            backed.add(text)
    votes: dict[str, Counter] = defaultdict(Counter)
    for e in ents:
        votes[doc[e.start:e.end].text][e.label] += 1
    for e in ents:
        text = doc[e.start:e.end].text
        if e.source == "model" and text not in backed and len(votes[text]) > 1:
            label, n = votes[text].most_common(1)[0]
            if n > votes[text][e.label]:
                e.label, e.source = label, "consistency"


_PLACE_PREPS = frozenset({"in", "near", "outside", "around"})


def _places_in_context(doc, ents: list[Ent], gaz: Gazetteer) -> None:
    """A lone word the model calls a person or organisation is a place when the context says so and
    the document never names a person with it: "in Kufa" where Kufa is a listed town, or a word
    coordinated with places ("Mosul, Baiji, and Tuz")."""
    by_surname, full = person_names(doc, ents, gaz)
    label_at = {}
    for e in ents:
        for i in range(e.start, e.end):
            label_at[i] = e.label
    for e in ents:
        if e.end - e.start != 1 or e.label not in ("PERSON", "ORG") or e.source != "model":
            continue
        tok = doc[e.start]
        if tok.text in by_surname or tok.text in full:
            continue
        prev = doc[e.start - 1] if e.start else None
        nxt = doc[e.end] if e.end < len(doc) else None
        after_prep = (prev is not None and prev.lower_ in _PLACE_PREPS and prev.pos_ == "ADP"
                      and not (nxt is not None and nxt.tag_ == "POS"))
        conjuncts = [c for c in (*tok.conjuncts,) if c.i in label_at]
        with_places = (bool(conjuncts) and all(label_at[c.i] in ("GPE", "LOC") for c in conjuncts)
                       and any(gaz.is_place(c.text) for c in conjuncts))
        if (after_prep and tok.text in gaz.towns) or with_places:
            e.label, e.source = "GPE", "context"


_NOT_A_PLACE_AFTER = frozenset({"in", "to", "from", "at", "near", "of", "outside", "around", "across", "into",
                                "toward", "towards", "through", "via", "across", "for", "on", "over", "within"})


def _people_in_context(doc, ents: list[Ent], gaz: Gazetteer) -> list[Ent]:
    """A lone word the model or the gazetteer calls a place is a person's first name when the document
    says so: the first word of a person's full name it writes ("Paris Jackson" ... "Paris, 12, said"),
    or the opening of a person's name the model cut ("Paris | Michael Katherine Jackson", whose span
    takes it back). Never after a preposition ("in Paris"), at a sentence's start (a dateline), or in
    capitals."""
    _, full = person_names(doc, ents, gaz)
    firsts = {name.split()[0] for name in full}
    starts = {e.start: e for e in ents if e.label == "PERSON"}
    out, gone = [], set()
    for n, e in enumerate(ents):
        if id(e) in gone:
            continue
        if e.end - e.start == 1 and e.label in ("GPE", "LOC"):
            tok = doc[e.start]
            prev = doc[e.start - 1] if e.start else None
            placed = (prev is not None and prev.lower_ in _NOT_A_PLACE_AFTER) or tok.text.isupper()
            person = starts.get(e.end)
            if not placed and not tok.is_sent_start and person is not None and person.end - person.start >= 2 \
                    and doc[person.start].text[:1].isupper():
                person.start = e.start  # "Paris Michael Katherine Jackson": the name the model cut
                continue
            if not placed and (_aged(doc, tok) or (tok.text in firsts and _acts_as_person(tok, starts))):
                e.label, e.source = "PERSON", "context"
        out.append(e)
    return out


def _aged(doc, tok) -> bool:
    """A name given an age in apposition ("Paris, 12, said"): a person, whatever the gazetteer says."""
    nxt = doc[tok.i + 1: tok.i + 4]
    return (len(nxt) == 3 and nxt[0].text == "," and nxt[1].text.isdigit() and 0 < int(nxt[1].text) < 120
            and nxt[2].text in (",", "-", "--", "—", "–", ")", "-RRB-"))


def _acts_as_person(tok, people: dict[int, Ent]) -> bool:
    """Whether a word stands where a person does: as the subject of a verb ("Paris told the audience")
    or listed with people ("Prince, Paris and Blanket")."""
    return tok.dep_ in ("nsubj", "nsubjpass") or any(c.i in people for c in tok.conjuncts)


class _Words(threading.local):
    """The last document's token strings and offsets, read once: the scans below look at every
    token, and a ``doc[i].text`` or ``doc[i:j].text`` builds a Token or Span object each time
    (the entity stage's largest cost after the parse)."""

    doc = None
    text = ""  # doc.text joins every token anew on each call
    words: list[str] = []
    starts: list[int] = []
    spaced: list[int] = []
    pos: list[int] = []  # spacy.symbols ids (PROPN, NOUN, ...)


_WORDS = _Words()


def _words(doc) -> _Words:
    if _WORDS.doc is not doc:
        text = doc.text
        columns = doc.to_array([IDX, LENGTH, SPACY, POS]).tolist() if len(doc) else []
        _WORDS.words = [text[a:a + n] for a, n, _, _ in columns]
        _WORDS.starts = [a for a, _, _, _ in columns]
        _WORDS.spaced = [sp for _, _, sp, _ in columns]
        _WORDS.pos = [p for _, _, _, p in columns]
        _WORDS.text = text
        _WORDS.doc = doc
    return _WORDS


def _span_text(doc, w: _Words, i: int, n: int) -> str:
    """``doc[i:i + n].text``, cut from the document's text."""
    last = i + n - 1
    return w.text[w.starts[i]:w.starts[last] + len(w.words[last])]


_FIRST_WORDS: dict[int, tuple[object, frozenset[str]]] = {}


def _first_words(gaz: Gazetteer) -> frozenset[str]:
    """The first words of the gazetteer's names of several words ("New" of "New York")."""
    kept = _FIRST_WORDS.get(id(gaz))
    if kept is None or kept[0] is not gaz:
        kept = (gaz, frozenset(k.split(" ", 1)[0] for k in gaz.types if " " in k))
        _FIRST_WORDS[id(gaz)] = kept
    return kept[1]


def _scan_uncovered(doc, ents: list[Ent], can_start, match) -> list[Ent]:
    """``ents`` plus the names found left to right in the tokens no entity covers: at each token
    where ``can_start(i)`` holds, the longest uncovered run ``doc[i:i + n]`` for which
    ``match(i, n)`` returns an Ent."""
    covered = [False] * len(doc)
    for e in ents:
        for k in range(e.start, e.end):
            covered[k] = True
    out = list(ents)
    i = 0
    while i < len(doc):
        found = None
        if not covered[i] and can_start(i):
            for n in range(min(MAX_GAZETTEER_TOKENS, len(doc) - i), 0, -1):
                if not any(covered[i:i + n]) and (found := match(i, n)) is not None:
                    break
        if found is None:
            i += 1
            continue
        out.append(found)
        for k in range(found.start, found.end):
            covered[k] = True
        i = found.end
    return out


def _add_missed(doc, ents: list[Ent], gaz: Gazetteer, titles) -> list[Ent]:
    """Add surnames of persons named in the document and gazetteer names the model skipped."""
    by_surname, _ = person_names(doc, ents, gaz)
    w = _words(doc)
    firsts = _first_words(gaz)

    def match(i: int, n: int) -> Ent | None:
        if n > 1 and w.spaced[i] and w.words[i] not in firsts and w.words[i].title() not in firsts:
            return None  # no name of several words begins with this one (the look-ups below would fail)
        text = _span_text(doc, w, i, n)
        if n == 1 and text in by_surname and doc[i].pos_ == "PROPN":
            return Ent(i, i + 1, "PERSON", "consistency")
        label = gaz.types.get(text) or (text.isupper() and (n > 1 or len(text) > 3) and gaz.types.get(text.title()))
        if label and label != "NONE" and all(t.pos_ == "PROPN" for t in doc[i:i + n]) and (n > 1 or len(text) > 2):
            return Ent(i, i + n, label, "gazetteer")
        return None

    return _scan_uncovered(doc, ents, lambda i: w.words[i][:1].isupper() and not in_ranges(titles, w.starts[i]), match)



_JOINERS = frozenset({"to", "and", "&", ",", "-", "–", "—", "/"})
_GENERATIONS = frozenset({"Jr", "Jr.", "Sr", "Sr.", "III"})


_DASHES = re.compile(r"\s*([-–—])\s*")


def _not_the_name(doc, i: int, start: int, end: int, gaz: Gazetteer) -> bool:
    """What follows the spaced dash at ``i`` is no part of the name: a number or a date ("CNN Student
    News - 1/26/11", "John Owen - 1832"), the pronoun "I" ("Pauline Fellows - I ..."), or a lower-case
    word ("Chicago Tribune - that", "Michele Bachmann - two"), unless the span with plain hyphens is a
    name the gazetteer knows ("Port - au-Prince": tokenised text spaces every hyphen)."""
    nxt = doc[i + 1]
    if nxt.text[:1].isdigit() or nxt.text == "I":
        return True
    if not nxt.is_lower:
        return False
    joined = _DASHES.sub(r"\1", doc[start:end].text)
    return not (gaz.types.get(joined) or gaz.is_place(joined) or fold(joined) in gaz.towns)


def split_joined(doc, ent: Ent, gaz: Gazetteer) -> list[Ent]:
    """Cut spans the model glued together: names joined by "to", "and" or a comma ("Noida to Greater
    Noida", "Tina and Vicky", "City Hall, Symphony Hall"), a dash before a job title ("Brandon Luna -
    Analyst"), and a leading honorific or title on a person ("PM Allawi": the title is a role, not part
    of the name). A span the gazetteer lists whole ("Bosnia and Herzegovina") stays, and so does a
    comma before a company or generational suffix ("CCNG, Inc.")."""
    start, end = ent.start, ent.end
    if ent.label == "PERSON":
        while end - start > 1 and (doc[start].text in gaz.honorifics or doc[start].lower_ in gaz.role_heads):
            start += 1
    if end - start < 3 or gaz.types.get(doc[start:end].text):
        return [Ent(start, end, ent.label, ent.source)] if start > ent.start else [ent]
    cuts = []
    for i in range(start + 1, end - 1):
        t = doc[i]
        if t.tag_ == "POS" and ent.label != "PERSON":  # "Beatles' Apple Corps": the owner, then the owned
            cuts.append(i)
            continue
        if t.text in "-–—" and doc[i - 1].whitespace_ and t.whitespace_ and _not_the_name(doc, i, start, end, gaz):
            cuts.append(i)
            continue
        if t.lower_ not in _JOINERS or not doc[i + 1].text[:1].isupper():
            continue
        if t.text == "," and (doc[i + 1].text in gaz.org_designators or doc[i + 1].text in _GENERATIONS
                              or ent.label not in ("GPE", "LOC", "FAC", "ORG")):
            continue
        if t.text in "-–—/" and not (ent.label == "PERSON" and doc[i - 1].whitespace_ and t.whitespace_
                                     and doc[i + 1].lower_ in gaz.role_heads) \
                and not (t.text != "/" and doc[i + 1:end].text == doc[start:i].text):
            continue  # "Hewlett-Packard", "Wal - Mart"; a job title or the name said again ("until Mubarak
            # - Mubarak steps down") after a spaced dash ends a name
        if t.lower_ in ("and", "&") and ent.label != "PERSON" and not (
                gaz.types.get(doc[start:i].text) and gaz.types.get(doc[i + 1:end].text)
                or ent.label in ("GPE", "LOC") and doc[i - 1].pos_ == "PROPN"
                or doc[i + 1].text == doc[start].text):  # "MacBook and MacBook Pro"
            continue
        cuts.append(i)
    if not cuts:
        return [Ent(start, end, ent.label, ent.source)] if start > ent.start else [ent]
    out, s = [], start
    for c in cuts + [end]:
        if c > s and doc[s].text[:1].isupper():
            out.append(Ent(s, c, ent.label, ent.source))
        if c < end and doc[c].text in "-–—" and ent.label == "PERSON":
            break  # what follows the dash is the person's job title
        s = c + 1
    return out


def _propagate(doc, ents: list[Ent], titles) -> list[Ent]:
    """Document-level label propagation (Krishnan & Manning 2006): a name tagged once is tagged
    wherever else the document writes it ("Azurix", "CPA"), and a person's first name alone
    ("Phillip" after "Phillip Allen" signs a mail) is the person."""
    known: dict[str, Counter] = defaultdict(Counter)
    for e in ents:
        known[doc[e.start:e.end].text][e.label] += 1
        if e.label == "PERSON" and e.end - e.start >= 2 and doc[e.start].is_alpha and doc[e.start].text[1:].islower():
            known[doc[e.start].text]["PERSON"] += 1
    w = _words(doc)
    lower = {t for t in w.words if t.islower()}
    sizes = {e.end - e.start for e in ents} | {1}  # the token counts of the names known

    def match(i: int, n: int) -> Ent | None:
        if n not in sizes:
            return None
        votes = known.get(_span_text(doc, w, i, n))
        # a single word: a proper noun, or a headline's first word the text never writes in lower case
        if votes and (n > 1 or len(doc[i].text) > 1 and (
                doc[i].pos_ == "PROPN" or doc[i].is_sent_start and doc[i].lower_ not in lower)):
            return Ent(i, i + n, votes.most_common(1)[0][0], "consistency")
        return None

    return _scan_uncovered(doc, ents, lambda i: _name_like(w.words[i]) and not in_ranges(titles, w.starts[i]), match)


_CAMEL = re.compile(r"^[a-z]{1,2}[A-Z][A-Za-z]+$")  # iPhone, eBay, iOS
_MODEL_NUMBER = re.compile(r"^\d[\dA-Za-z]{0,3}$")  # the "4" of "iPhone 4", "3GS"


def _name_like(word: str) -> bool:
    return word[:1].isupper() or bool(_CAMEL.match(word))


_ACRONYM = re.compile(r"^[A-Z]{2,5}$")


def _defined_acronyms_and_states(doc, ents: list[Ent], gaz: Gazetteer) -> list[Ent]:
    """Two names defined by the one before them: an acronym in brackets after a name ("World
    Conservation Union (IUCN)") takes its type, and a state after "City," ("Chillicothe, OH",
    "SPRINGFIELD, Ill.") is a place."""
    covered = {i for e in ents for i in range(e.start, e.end)}
    out = list(ents)
    for e in ents:
        i = e.end
        if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")" and i + 1 not in covered:
            if _ACRONYM.match(doc[i + 1].text) or doc[i + 1].text.isupper() and len(doc[i + 1].text) <= 8:
                out.append(Ent(i + 1, i + 2, e.label, "consistency"))
                covered.add(i + 1)
        if (e.label == "GPE" and i + 1 < len(doc) and doc[i].text == "," and i + 1 not in covered
                and doc[i + 1].text in gaz.state_codes):
            out.append(Ent(i + 1, i + 2, "GPE", "gazetteer"))
            covered.add(i + 1)
    return out


def _acronym_organisations(doc, ents: list[Ent], titles) -> list[Ent]:
    """"the CPA", "the NRA": an all-caps acronym after "the" that heads its noun phrase (no noun
    follows, so not "the PSA account") names an organisation the model skipped."""
    covered = {i for e in ents for i in range(e.start, e.end)}
    out = list(ents)
    w = _words(doc)
    words, size = w.words, len(w.words)
    for i, word in enumerate(words):
        if (not i or not _ACRONYM.match(word) or i in covered or words[i - 1].lower() != "the"
                or in_ranges(titles, w.starts[i])):
            continue
        if i + 1 < size and (w.pos[i + 1] in (NOUN, PROPN, NUM) or words[i + 1][:1].isupper()):
            continue
        out.append(Ent(i, i + 1, "ORG", "shape"))
    return out


def _described_names(doc, ents: list[Ent], gaz: Gazetteer, titles) -> list[Ent]:
    """An untagged run of proper nouns right after a descriptor noun ("technology blog Gizmodo",
    "e-mail client Mail", "carrier Zorvex Air") is a name of the type the noun gives."""
    for e in ents:  # the model's own span after a descriptor takes the descriptor's type
        prev = doc[e.start - 1] if e.start else None
        label = gaz.descriptors.get(prev.lower_) if prev is not None and prev.is_lower and prev.pos_ == "NOUN" else None
        if label and e.source == "model" and e.label != label and e.label not in ("PERSON", "NORP"):
            e.label, e.source = label, "context"
    covered = {i for e in ents for i in range(e.start, e.end)}
    out = list(ents)
    w = _words(doc)
    i = 1
    while i < len(doc):
        prev = w.words[i - 1]
        label = gaz.descriptors.get(prev.lower()) if w.pos[i - 1] == NOUN and prev.islower() else None
        if not label or i in covered or not w.words[i][:1].isupper() or in_ranges(titles, w.starts[i]):
            i += 1
            continue
        end = i
        while (end < len(doc) and end not in covered and doc[end].pos_ == "PROPN" and _name_like(doc[end].text)
               and doc[end].lower_ not in gaz.role_heads and doc[end].text not in gaz.honorifics):  # "company CEO"
            end += 1
        if end > i and end - i <= MAX_GAZETTEER_TOKENS:
            out.append(Ent(i, end, label, "context"))
            covered.update(range(i, end))
        i = max(end, i + 1)
    return out


def _camel_case_products(doc, ents: list[Ent]) -> list[Ent]:
    """Words in camel case ("iPhone", "iOS") are product or brand names the model mostly misses;
    a model number that follows belongs to the name ("iPhone 4")."""
    covered = {i for e in ents for i in range(e.start, e.end)}
    out = list(ents)
    for e in ents:  # "iTunes" typed NORP or PERSON by the model
        if e.end - e.start == 1 and e.label in ("NORP", "PERSON", "GPE", "LOC") and _CAMEL.match(doc[e.start].text):
            e.label, e.source = "PRODUCT", "shape"
    words = _words(doc).words
    for i, word in enumerate(words):
        if not _CAMEL.match(word) or i in covered:
            continue
        end = i + 1
        if end < len(words) and end not in covered and _MODEL_NUMBER.match(words[end]):
            end += 1
        out.append(Ent(i, end, "PRODUCT", "shape"))
        covered.update(range(i, end))
    return out
