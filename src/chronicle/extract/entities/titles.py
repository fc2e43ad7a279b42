"""Title-case lines (headlines, sub-heads, signature and attendee lines), where the small model's
NER is unreliable: keep the names the body or the gazetteer vouches for, and plausible names."""
from __future__ import annotations

from chronicle.extract.entities.gazetteer import Gazetteer
from chronicle.extract.entities.spans import Ent, Ranges, drop_overlaps, person_names

MAX_GAZETTEER_TOKENS = 5


def title_lines(doc, paragraphs) -> Ranges:
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
    return Ranges(out)


def title_entities(doc, body: list[Ent], gaz: Gazetteer, titles) -> list[Ent]:
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


def widen_vouched(doc, vouched: list[Ent], model: list[Ent]) -> list[Ent]:
    """A vouched name on a title-case line grows to the model's longer name of the same type when
    the added words are plausible name words: "Renee" -> "Renee Ratcliff" on a list of attendees,
    but "Putin" never -> "Putin Discuss" (the body writes "discuss")."""
    if not vouched:
        return []
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
    return drop_overlaps(sorted(out, key=lambda e: e.start))


def plausible_title_names(doc, ents: list[Ent], vouched: list[Ent]) -> list[Ent]:
    """Model entities on title-case lines that overlap no vouched name and are made of words the
    document never writes in lower case: a signature line ("Kay Mann") stays, a headline
    fragment ("Prisoner Exchanges Planned": "prisoner" appears in the body) goes."""
    if not ents:
        return []
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
