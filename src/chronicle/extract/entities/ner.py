"""The correction layer over en_core_web_sm's entities: trimmed spans, gazetteer types,
document-level type consistency, and title-case lines read against the body.

The small model's systematic errors on news (measured on the reference corpus and UNER
EWT dev) are: bare surnames typed ORG ("Trump" ~30 times), capitals typed PERSON
("Kiev", "Kyiv"), a determiner or preposition glued to the front ("Unlike Kyiv"), a
possessive or line break glued to the end, and persons made of headline fragments
("Putin Discuss", "Prisoner Exchanges Planned"). Each rule below fixes one of them.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from chronicle.extract.entities.gazetteer import Gazetteer

# OntoNotes labels that name things; numeric labels (DATE, MONEY ...) are not mentions.
NAME_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
                         "LANGUAGE"})
_LEAD_POS = frozenset({"DET", "ADP", "SCONJ", "CCONJ", "ADV", "PUNCT", "INTJ"})
MAX_GAZETTEER_TOKENS = 5


@dataclass(slots=True)
class Ent:
    """A working entity span over doc tokens [start, end)."""

    start: int
    end: int
    label: str
    source: str = "model"  # model, gazetteer, consistency, title


def title_lines(doc, paragraphs) -> list[tuple[int, int]]:
    """Char ranges of lines written in title case (headlines, sub-heads), where the model's NER
    is unreliable: a heading paragraph with most words capitalised, or any line of 4+ words
    with nearly all of them capitalised (a title ending in '?')."""
    out = []
    for p in paragraphs:
        words = [w for w in p.text.split() if w[:1].isalpha()]
        if len(words) < 2:
            continue
        share = sum(1 for w in words if w[0].isupper()) / len(words)
        if (p.is_heading and share >= 0.6) or (len(words) >= 4 and share >= 0.75):
            out.append((p.start_char, p.end_char))
    return out


def _in_ranges(ranges, char: int) -> bool:
    return any(s <= char < e for s, e in ranges)


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


def correct_entities(doc, paragraphs, gaz: Gazetteer) -> list[Ent]:
    """Return the corrected, non-overlapping entity spans of ``doc``, in order."""
    titles = title_lines(doc, paragraphs)
    body: list[Ent] = []
    in_titles: list[Ent] = []
    for e in doc.ents:
        if e.label_ not in NAME_LABELS:
            continue
        s, t = trim(doc, e.start, e.end)
        if s >= t:
            continue
        (in_titles if _in_ranges(titles, e.start_char) else body).append(Ent(s, t, e.label_))
    body = [piece for e in body for piece in split_joined(doc, e, gaz)]
    body = [e for e in body if _apply_gazetteer(doc, e, gaz)]
    for e in body:
        _keep_business_possessive(doc, e)
    _harmonise(doc, body, gaz)
    _places_in_context(doc, body, gaz)
    body = [e for e in body if not _common_word(doc, e)]  # after consistency: a known surname stays
    body = _add_missed(doc, body, gaz, titles)
    body = _propagate(doc, body, titles)
    body = _camel_case_products(doc, body)
    vouched = _widen_vouched(doc, _title_entities(doc, body, gaz, titles), in_titles)
    body.extend(vouched)
    body.extend(_plausible_title_names(doc, in_titles, vouched))
    body.sort(key=lambda e: e.start)
    return _drop_overlaps(body)


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


def person_names(doc, ents: list[Ent], gaz: Gazetteer) -> tuple[dict[str, set[str]], set[str]]:
    """(surname -> full names, full names) of the multi-word PERSON spans in the document."""
    by_surname: dict[str, set[str]] = defaultdict(set)
    full: set[str] = set()
    for e in ents:
        if e.label != "PERSON" or e.end - e.start < 2:
            continue
        tokens = [t for t in doc[e.start:e.end] if not t.is_punct]
        if len(tokens) < 2 or not all(t.text[:1].isupper() for t in tokens):
            continue
        name = doc[e.start:e.end].text
        full.add(name)
        by_surname[tokens[-1].text].add(name)
    return by_surname, full


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


def _add_missed(doc, ents: list[Ent], gaz: Gazetteer, titles) -> list[Ent]:
    """Add surnames of persons named in the document and gazetteer names the model skipped."""
    covered = [False] * len(doc)
    for e in ents:
        for i in range(e.start, e.end):
            covered[i] = True
    by_surname, full = person_names(doc, ents, gaz)
    out = list(ents)
    i = 0
    while i < len(doc):
        tok = doc[i]
        if covered[i] or not tok.text[:1].isupper() or _in_ranges(titles, tok.idx):
            i += 1
            continue
        found = None
        for n in range(min(MAX_GAZETTEER_TOKENS, len(doc) - i), 0, -1):
            if any(covered[i:i + n]):
                continue
            span = doc[i:i + n]
            text = span.text
            if n == 1 and text in by_surname and tok.pos_ == "PROPN":
                found = Ent(i, i + 1, "PERSON", "consistency")
                break
            label = gaz.types.get(text) or (text.isupper() and (n > 1 or len(text) > 3) and gaz.types.get(text.title()))
            if label and label != "NONE" and all(t.pos_ == "PROPN" for t in span) and (n > 1 or len(text) > 2):
                found = Ent(i, i + n, label, "gazetteer")
                break
        if found is None:
            i += 1
            continue
        out.append(found)
        for k in range(found.start, found.end):
            covered[k] = True
        i = found.end
    return out


_JOINERS = frozenset({"to", "and", "&", ",", "-", "–", "—", "/"})
_GENERATIONS = frozenset({"Jr", "Jr.", "Sr", "Sr.", "III"})


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
        if t.lower_ not in _JOINERS or not doc[i + 1].text[:1].isupper():
            continue
        if t.text == "," and (doc[i + 1].text in gaz.org_designators or doc[i + 1].text in _GENERATIONS
                              or ent.label not in ("GPE", "LOC", "FAC", "ORG")):
            continue
        if t.text in "-–—/" and not (ent.label == "PERSON" and doc[i - 1].whitespace_ and t.whitespace_
                                     and doc[i + 1].lower_ in gaz.role_heads):
            continue  # "Hewlett-Packard", "Wal - Mart"; only a job title after a spaced dash ends a name
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
    covered = [False] * len(doc)
    for e in ents:
        for i in range(e.start, e.end):
            covered[i] = True
    lower = {t.text for t in doc if t.is_lower}
    out = list(ents)
    i = 0
    while i < len(doc):
        if covered[i] or not _name_like(doc[i].text) or _in_ranges(titles, doc[i].idx):
            i += 1
            continue
        found = None
        for n in range(min(MAX_GAZETTEER_TOKENS, len(doc) - i), 0, -1):
            if any(covered[i:i + n]):
                continue
            votes = known.get(doc[i:i + n].text)
            # a single word: a proper noun, or a headline's first word the text never writes in lower case
            if votes and (n > 1 or len(doc[i].text) > 1 and (
                    doc[i].pos_ == "PROPN" or doc[i].is_sent_start and doc[i].lower_ not in lower)):
                found = Ent(i, i + n, votes.most_common(1)[0][0], "consistency")
                break
        if found is None:
            i += 1
            continue
        out.append(found)
        for k in range(found.start, found.end):
            covered[k] = True
        i = found.end
    return out


_CAMEL = re.compile(r"^[a-z]{1,2}[A-Z][A-Za-z]+$")  # iPhone, eBay, iOS
_MODEL_NUMBER = re.compile(r"^\d[\dA-Za-z]{0,3}$")  # the "4" of "iPhone 4", "3GS"


def _name_like(word: str) -> bool:
    return word[:1].isupper() or bool(_CAMEL.match(word))


def _camel_case_products(doc, ents: list[Ent]) -> list[Ent]:
    """Words in camel case ("iPhone", "iOS") are product or brand names the model mostly misses;
    a model number that follows belongs to the name ("iPhone 4")."""
    covered = {i for e in ents for i in range(e.start, e.end)}
    out = list(ents)
    for e in ents:  # "iTunes" typed NORP or PERSON by the model
        if e.end - e.start == 1 and e.label in ("NORP", "PERSON", "GPE", "LOC") and _CAMEL.match(doc[e.start].text):
            e.label, e.source = "PRODUCT", "shape"
    for tok in doc:
        if tok.i in covered or not _CAMEL.match(tok.text):
            continue
        end = tok.i + 1
        if end < len(doc) and end not in covered and _MODEL_NUMBER.match(doc[end].text):
            end += 1
        out.append(Ent(tok.i, end, "PRODUCT", "shape"))
        covered.update(range(tok.i, end))
    return out


def _title_entities(doc, body: list[Ent], gaz: Gazetteer, titles) -> list[Ent]:
    """In title-case lines, keep only names the body or the gazetteer vouches for."""
    if not titles:
        return []
    known: dict[str, str] = {}
    by_surname, full = person_names(doc, body, gaz)
    for e in body:
        known.setdefault(doc[e.start:e.end].text, e.label)
    for surname in by_surname:
        known[surname] = "PERSON"
    out: list[Ent] = []
    for start_char, end_char in titles:
        span = doc.char_span(start_char, end_char, alignment_mode="expand")
        if span is None:
            continue
        i = span.start
        while i < span.end:
            hit = None
            for n in range(min(MAX_GAZETTEER_TOKENS, span.end - i), 0, -1):
                text = doc[i:i + n].text
                label = known.get(text) or gaz.types.get(text)
                if label and label != "NONE" and text[:1].isupper():
                    hit = Ent(i, i + n, label, "title")
                    break
            if hit:
                out.append(hit)
                i = hit.end
            else:
                i += 1
    return out


def _widen_vouched(doc, vouched: list[Ent], model: list[Ent]) -> list[Ent]:
    """A vouched name on a title-case line grows to the model's longer name of the same type when
    the added words are plausible name words: "Renee" -> "Renee Ratcliff" on a list of attendees,
    but "Putin" never -> "Putin Discuss" (the body writes "discuss")."""
    lower = {t.lower_ for t in doc if t.text.islower()}
    out = []
    for v in vouched:
        for e in model:
            if e.label == v.label and e.start <= v.start and v.end <= e.end and e.end - e.start > v.end - v.start:
                extra = [t for t in doc[e.start:e.end] if not v.start <= t.i < v.end]
                if all(t.is_alpha and t.text[:1].isupper() and not t.is_stop and not _stems(t.lower_) & lower
                       for t in extra):
                    v = Ent(e.start, e.end, v.label, "title")
                break
        out.append(v)
    return _drop_overlaps(sorted(out, key=lambda e: e.start))


def _plausible_title_names(doc, ents: list[Ent], vouched: list[Ent]) -> list[Ent]:
    """Model entities on title-case lines that overlap no vouched name and are made of words the
    document never writes in lower case: a signature line ("Kay Mann") stays, a headline
    fragment ("Prisoner Exchanges Planned": "prisoner" appears in the body) goes."""
    lower = {t.lower_ for t in doc if t.text.islower()}
    taken = {i for e in vouched for i in range(e.start, e.end)}
    out = []
    for e in ents:
        tokens = [t for t in doc[e.start:e.end] if t.is_alpha]
        if any(i in taken for i in range(e.start, e.end)) or not tokens:
            continue
        if any(t.is_stop or _stems(t.lower_) & lower for t in tokens):
            continue
        line = doc[e.start].sent.text.strip(" \n,.:;-")
        if len(tokens) == 1 and line != tokens[0].text:  # "Challenges from the Kursk Defeat"
            continue
        out.append(Ent(e.start, e.end, e.label, "title"))
    return out


def _stems(word: str) -> set[str]:
    out = {word}
    for suffix in ("s", "es", "ed", "d", "ing"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            out.add(word[: -len(suffix)])
    return out | {w + sfx for w in list(out) for sfx in ("s", "ed", "ing", "e")}


def _drop_overlaps(ents: list[Ent]) -> list[Ent]:
    out: list[Ent] = []
    for e in ents:
        if out and e.start < out[-1].end:
            if (e.end - e.start) > (out[-1].end - out[-1].start):
                out[-1] = e
            continue
        out.append(e)
    return out
