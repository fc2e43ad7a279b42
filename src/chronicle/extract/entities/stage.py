"""The entity stage: corrected NER spans -> canonical names -> roles -> Mention records."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from chronicle.extract.entities.actors import (actor_lists, clean_entities, kin_firsts, kin_names, party_tag,
                                               tag_span)
from chronicle.extract.entities.canonical import (alias_of, canonical_persons, canonical_things, match_role,
                                                   strip_possessive)
from chronicle.extract.entities.gazetteer import Gazetteer, load_gazetteer, strip_article
from chronicle.extract.entities.ner import correct_entities
from chronicle.extract.entities.roles import role_head, role_of, role_phrases
from chronicle.records import ArticleText, Mention

STAGE_ID = "chronicle.entities.v6"


def extract_mentions(article: ArticleText | str, *, doc=None, paragraphs=None,
                     gazetteer: Gazetteer | None = None, roles: bool = True) -> Iterator[Mention]:
    """Yield the article's entity mentions, in text order, each with its canonical ``entity``.

    ``doc`` is the shared spaCy parse of the article text (parsed here when omitted);
    ``roles=False`` skips role-only mentions ("the Kremlin spokesperson").

        >>> [m.entity for m in extract_mentions("Kremlin spokesman Dmitry Peskov spoke. Peskov left.")]
        ['Kremlin', 'Dmitry Peskov', 'Dmitry Peskov']
    """
    text = article.text if isinstance(article, ArticleText) else article
    if doc is None:
        from chronicle.extract.nlp import load_nlp

        doc = load_nlp()(text)
    if paragraphs is None:
        from chronicle.extract.segment import extract_paragraphs

        paragraphs = list(extract_paragraphs(text))
    gaz = gazetteer or load_gazetteer()
    ents = clean_entities(doc, correct_entities(doc, paragraphs, gaz))
    tags = [t for e in ents if e.label == "PERSON" for t in [tag_span(doc, e.end)] if t]
    ents = [e for e in ents if not any(a <= doc[e.start].idx < b for a, b in tags)]  # "Ky." in "R-Ky."

    persons = [e for e in ents if e.label == "PERSON"]
    person_names = canonical_persons([(e.start, doc[e.start:e.end].text) for e in persons], gaz)
    kin = kin_names(doc, persons, person_names)
    firsts = kin_firsts(kin, person_names)
    for k, e in enumerate(persons):  # "his son Hunter ... Hunter said": the article's first name
        if k in kin:
            person_names[k] = kin[k]
        elif e.end - e.start == 1 and doc[e.start].text in firsts:
            person_names[k] = firsts[doc[e.start].text]
    names = {id(e): n for e, n in zip(persons, person_names)}
    things = [e for e in ents if e.label not in ("PERSON", "NORP")]
    thing_names = canonical_things([strip_possessive(strip_article(doc[e.start:e.end].text)) for e in things],
                                   standalone=actor_lists()[0], prefixes=gaz.place_prefixes, listed=gaz.types)
    names.update({id(e): n for e, n in zip(things, thing_names)})

    out: list[Mention] = []
    taken: set[int] = set()
    candidates: list[tuple[str, str, str]] = []  # (canonical, role, role head) for role phrases
    for e in ents:
        span = doc[e.start:e.end]
        role = None
        if e.label == "PERSON":
            taken.update(range(e.start, e.end))
            entity = alias_of(names[id(e)])
            found = role_of(doc, e.start, e.end, gaz)
            if found:
                role = found.text
                candidates.append((entity, role, role_head(found.text.split(), gaz) or ""))
                r = doc.char_span(found.start_char, found.end_char, alignment_mode="expand")
                if r is not None:
                    taken.update(range(r.start, r.end))
            tag = party_tag(doc, e.end)
            if tag:
                role = f"{role} ({tag})" if role else tag
        else:
            entity = alias_of(names.get(id(e)) or strip_possessive(strip_article(span.text)))
        out.append(Mention(span.start_char, span.end_char, span.text, e.label, entity, STAGE_ID, role))

    if roles and candidates:
        for start, end, head in role_phrases(doc, taken, gaz):
            span = doc[start:end]
            name = match_role(span.text, head, candidates, gaz)
            if name:
                out.append(Mention(span.start_char, span.end_char, span.text, "PERSON", name, STAGE_ID,
                                   strip_article(span.text), kind="role"))
    out.sort(key=lambda m: m.start_char)
    yield from out


class EntityStage:
    """Pipeline stage: reads the shared parse, assigns ``mentions``."""

    id = STAGE_ID
    requires = ("article", "doc", "sentences", "paragraphs")
    assigns = ("mentions",)

    def __init__(self, settings: Any = None) -> None:
        self.gazetteer = load_gazetteer()

    def __call__(self, state: dict[str, Any]) -> dict[str, Any]:
        mentions = extract_mentions(state["article"], doc=state["doc"], paragraphs=state["paragraphs"],
                                    gazetteer=self.gazetteer)
        return {"mentions": list(mentions)}
