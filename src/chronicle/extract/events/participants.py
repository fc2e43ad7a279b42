"""Who took part in an event and where: actors from entity mentions, participants from the parse."""
from __future__ import annotations

_ACTOR_TYPES = ("PERSON", "ORG", "GPE")
_ACTING_DEPS = ("nsubj", "nsubjpass", "dobj", "poss", "agent")
_PLACE_TYPES = ("GPE", "LOC", "FAC")
_PLACE_PREPS = ("in", "at", "near", "outside", "inside")
_PARTNER_PREPS = ("with", "between", "to")
_SUBJECTS = ("nsubj", "nsubjpass", "agent")


def mention_spans(doc, mentions) -> list[tuple[int, int, str, str]]:
    """(start, end, type, canonical name) of every entity mention; the parse's NER if none given."""
    if mentions:
        return [(m.start_char, m.end_char, m.type, m.entity) for m in mentions]
    ents = [(e.start_char, e.end_char, e.label_, _clean(e.text)) for e in doc.ents]
    persons = [name for _, _, label, name in ents if label == "PERSON"]
    out = []
    for s, e, label, name in ents:
        if label == "PERSON" and " " not in name:  # "Trump" -> "Donald Trump" when the article says so
            longer = [p for p in persons if p.endswith(" " + name)]
            name = max(longer, key=len) if longer else name
        out.append((s, e, label, name))
    return out


def _clean(name: str) -> str:
    for suffix in ("’s", "'s"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return " ".join(name.split())


def actors_in(doc, mentions) -> tuple[str, ...]:
    """People and organisations; a country only when it acts (subject, object, possessor)."""
    seen: dict[str, None] = {}
    for s, e, label, name in mentions:
        if label not in _ACTOR_TYPES or not name:
            continue
        if label in ("GPE", "NORP"):
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None or span.root.dep_ not in _ACTING_DEPS:
                continue
        seen.setdefault(name, None)
    return tuple(seen)


def place_of(doc, mentions, trigger) -> str | None:
    """A place mention under an "in/at/near" phrase; else none (a country named as actor is no place)."""
    for s, e, label, name in mentions:
        if label not in _PLACE_TYPES:
            continue
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        prep = span.root.head
        if span.root.dep_ == "pobj" and prep.lower_ in _PLACE_PREPS and prep.head.i in (trigger.i, trigger.head.i):
            return name
    return None


def participants_of(doc, mentions, trigger, reporting: frozenset[str] = frozenset(), *,
                    context=(), context_tokens=None, sentences=None) -> tuple[str, ...]:
    """The actors syntactically tied to the trigger: its subject (or the subject of the verb that
    governs a trigger noun), its possessor, and its "with"/"between" partners, with their conjuncts.

    "Trump described his call with Zelensky" -> ("Donald Trump", "Volodymyr Zelensky"): the
    actors that tell one call from another, where ``actors`` also holds everyone else named.
    The subject of a reporting verb (``reporting`` lemmas: "Holt described Monday's call")
    is a speaker, not a participant. ``context`` (the article's mentions) lets a "their" stand for the
    pair named in the sentences before. ``context_tokens``, when given, is a function that returns
    ``_by_token(doc, context)`` (worked out once per article by the caller), and ``sentences`` one that
    returns ``list(doc.sents)``.
    """
    heads = [trigger]
    # "The call was arranged by Sabin": the noun is the verb's subject, and the verb's agent
    # or subject arranged, described or praised it; it took no part.
    if trigger.pos_ not in ("VERB", "AUX") and trigger.dep_ not in ("nsubj", "nsubjpass", "csubj"):
        verb = trigger.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        heads.append(verb)
        # "X and Y are set to engage in a conversation": the subject sits on the governing verb.
        while verb.dep_ in ("xcomp", "acomp") and verb.head.i != verb.i and not any(
                c.dep_ in _SUBJECTS for c in verb.children):
            verb = verb.head
            heads.append(verb)
    tokens = []
    for head in heads:
        speaker = head is not trigger and head.lemma_.lower() in reporting
        for child in head.children:
            if (child.dep_ in _SUBJECTS and not speaker) or (head is trigger and child.dep_ == "poss"):
                tokens.append(child)
            elif head is trigger and child.dep_ == "prep" and child.lower_ in _PARTNER_PREPS:
                tokens.extend(c for c in child.children if c.dep_ == "pobj")
    # "found guilty by a jury": the agent is the "by" phrase's object, not the preposition.
    tokens = [o for t in tokens for o in ((c for c in t.children if c.dep_ == "pobj") if t.dep_ == "agent" else (t,))]
    for tok in list(tokens):
        tokens.extend(c for c in tok.conjuncts)
    by_token = _by_token(doc, mentions)
    seen: dict[str, None] = {}
    for tok in tokens:
        if tok.dep_ == "poss" and tok.lower_ == "their":
            by_token_ = context_tokens() if context_tokens is not None else _by_token(doc, context)
            for name in _their(doc, tok, by_token_, sents=sentences() if sentences is not None else None):  # "their last discussion": the pair named before
                seen.setdefault(name, None)
            continue
        name = by_token.get(tok.i)
        if name is None:  # the mention may cover a compound head: "President Donald Trump"
            name = next((by_token[t.i] for t in tok.subtree if t.i in by_token and _compound_of(t, tok)), None)
        if name:
            seen.setdefault(name, None)
    return tuple(seen)


def _compound_of(t, head) -> bool:
    """Whether ``t`` is a compound inside ``head``'s own name ("President Donald Trump"), not one deeper
    in a phrase that hangs on it ("Los" of "a jury in Los Angeles")."""
    if t.dep_ != "compound":
        return False
    while t.dep_ == "compound" and t.head.i != t.i:
        t = t.head
        if t.i == head.i:
            return True
    return False


def _their(doc, tok, by_token: dict[int, str], back: int = 3, sents=None) -> list[str]:
    """The actors a possessive "their" stands for: those of the nearest subject before it, in its own
    sentence or the ``back`` sentences before, that joins two or more named actors with "and"
    ("Putin and Trump are set to talk. ... since their last discussion" -> Putin, Trump); none when
    no such pair comes first (a lone "their" is left unresolved, not guessed)."""
    sents = [s for s in (doc.sents if sents is None else sents) if s.start <= tok.i]
    for sent in reversed(sents[-(back + 1):]):
        subjects = [t for t in sent if t.dep_ in _SUBJECTS and t.i < tok.i]
        for subj in reversed(subjects):
            # the subject and its conjuncts (or a first name the parse hung on the second: "nmod"),
            # each named by its own mention, not by a modifier's ("US" in "US President Donald Trump")
            heads = [subj, *subj.conjuncts, *(c for c in subj.children if c.dep_ == "nmod" and any(
                g.dep_ == "cc" for g in c.children))]
            if len(heads) < 2 or not any(t.dep_ == "cc" and t.lower_ in ("and", "&") for t in subj.subtree):
                continue
            names = [by_token.get(h.i) for h in heads]
            if all(names) and len(set(names)) >= 2:
                return sorted(set(names), key=names.index)
    return []


def _by_token(doc, mentions) -> dict[int, str]:
    """Token index -> canonical name, for the actor mentions among ``mentions``."""
    out = {}
    for s, e, label, name in mentions:
        if label in _ACTOR_TYPES and name:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None:
                for t in span:
                    out[t.i] = name
    return out
