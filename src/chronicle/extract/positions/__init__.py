"""Positions: what each actor demands, sets as a condition, offers, supports, accepts, rejects,
commits to, warns of or denies, as a short phrase with its target.

For example (with ``doc`` a spaCy parse of an article)::

    [(p.actor, p.stance, p.text) for p in extract_positions(article, doc=doc, sentences=sents, mentions=ms)]
    [('Vladimir Putin', 'demand', 'Ukraine abandon its NATO aspirations'), ...]

A cue (a verb or verb phrase from data/positions/cues.toml, or a reported clause with "must")
names the stance; its subject, under the entities stage's canonical name (or the quote's
speaker for "we"/"I" inside a quote), is the actor; its complement is the phrase, split at
coordinated verbs ("abandon its NATO aspirations and withdraw ..." is two demands).
``extract_positions`` is pure: the parse and the earlier stages' records in, records out.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from chronicle.extract.positions.actors import Names, clean_actor, find_actor
from chronicle.extract.positions.clauses import (condition_clause, continued_speaker, denied_act, modal_cue,
                                                 modal_root, modal_stance, pledge_verb, refusal_pledge)
from chronicle.extract.positions.lexicon import STANCES, PositionLexicon, load_lexicon
from chronicle.extract.positions.nominal import noun_hits
from chronicle.extract.segment import by_sentence
from chronicle.records import ArticleText, Event, Mention, Position, Quote, Sentence, Timex, named_speakers

STAGE_ID = "chronicle.positions.v7"
MAX_WORDS = 18
_SUBJECTS = ("nsubj", "nsubjpass")
_RELATIVE = ("which", "who", "that", "whom")
_STANCE_NOUNS = ("support", "commitment", "opposition")  # "expressed support for X": X, not the noun
_OWN_ACTS = frozenset({"ask", "wonder", "inquire", "enquire", "question", "say", "tell", "add"})  # a coordinated act, not a part
_TARGET_MODS = ("amod", "compound", "nummod", "npadvmod", "nmod", "quantmod")

__all__ = ["STAGE_ID", "STANCES", "PositionStage", "extract_positions", "load_lexicon"]


def extract_positions(article: ArticleText, *, doc, sentences: Sequence[Sentence], timexes: Sequence[Timex] = (),
                      mentions: Sequence[Mention] = (), quotes: Sequence[Quote] = (), events: Sequence[Event] = (),
                      lexicon: PositionLexicon | None = None, stage: str = STAGE_ID) -> Iterator[Position]:
    """Yield the article's positions in text order."""
    lex = lexicon or load_lexicon()
    names = Names(sorted(mentions, key=lambda m: m.start_char))  # a list, with lookups by bisection
    by_start: dict[int, list[Event]] = by_sentence(events, sentences)  # the events of each sentence, grouped once
    prev_start = None
    seen: set[tuple[str, str, str]] = set()
    for sent in sentences:
        if sent.is_heading:
            continue
        span = doc.char_span(sent.start_char, sent.end_char, alignment_mode="expand")
        if span is None or len(span) < 4:
            prev_start = None
            continue
        sent_events = list(by_start.get(sent.start_char, ()))
        hits = list(_cue_hits(doc, span, names, quotes, lex))
        taken = {h[3].i for h in hits}
        hits += [h for h in noun_hits(doc, span, names, quotes, lex) if h[3].i not in taken]
        hits = hits or list(_modal_sentence(span, sent, prev_start, names, quotes, lex)) or list(
            _pledge_sentence(span, sent, prev_start, quotes, lex)) or list(
            _imperative_sentence(span, sent, prev_start, quotes, lex))
        prev_start = sent.start_char
        for tok, cue_end, stance, comp, actor, actor_text, *floor in hits:
            for lo, hi, part in _parts(comp, span, tok, lex):
                lo = max(lo, floor[0]) if floor and floor[0] < hi else lo
                if not any(doc[k].pos_ in ("NOUN", "PROPN", "VERB") for k in range(lo, hi)):
                    continue
                if _pronoun_only(doc, part, lo, hi):
                    continue
                target, head = _target(doc, part, lo, hi, lex)
                key = (actor.lower(), stance, (target or doc[lo:hi].text).lower())
                if key in seen:
                    continue  # the same holder's same stance on the same thing, stated again (a lead and its body)
                seen.add(key)
                s, e = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
                yield Position(
                    start_char=s, end_char=e, text=article.text[s:e], stance=stance, actor=actor, target=target,
                    target_head=head, cue=doc[tok.i:cue_end].text if cue_end > tok.i else tok.text,
                    date=_date(tok, sent_events, timexes, sent), stage=stage, sentence_start=sent.start_char,
                    sentence_end=sent.end_char, actor_text=actor_text,
                )


def _cue_hits(doc, span, names: Sequence[Mention], quotes: Sequence[Quote], lex: PositionLexicon):
    """(cue token, index after the cue, stance, complement, actor, actor words) for each cue in the sentence."""
    for tok in span:
        found = _cue(tok, lex)
        if found is None:
            continue
        stance, cue_end = found
        floor = []  # where the phrase starts, when not at its clause's first word
        last = doc[cue_end - 1]
        if cue_end > tok.i + 1 and last.dep_ == "prep" and last.head.i == tok.i and last.lower_ in ("with", "for", "against", "by"):
            # a phrase cue ending on its preposition ("stand with", "vote for"): that preposition's object
            comp = next((c for c in last.children if c.dep_ in ("pobj", "pcomp")), None)
        else:
            comp = _complement(tok, stance, lex, phrase=cue_end > tok.i + 1)
        if comp is None or (comp.pos_ == "VERB" and comp.lemma_.lower() in lex.no_comment):
            continue  # "declined to comment", "would not speculate": no position on anything
        if stance == "statement":
            stance = modal_stance(comp, lex)
            if stance is None:  # "said that Gadhafi has lost his legitimacy ... and should leave power"
                conj = next((c for c in comp.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
                             and modal_stance(c, lex) is not None), None)
                if conj is not None:
                    comp, stance = conj, modal_stance(conj, lex)
            if stance is None:
                cond = condition_clause(comp, lex)
                if cond is not None:
                    comp, stance = cond, "condition"
                elif refusal_pledge(comp, lex):
                    stance = "commitment"  # "said it would not field a candidate"
                elif denied_act(tok, comp, lex):
                    stance, floor = "denial", [comp.i]  # "said it did not break the embargo": "break the embargo"
                else:
                    continue
        elif stance == "demand" and comp.dep_ == "ccomp" and modal_stance(comp, lex) == "condition":
            stance = "condition"
        if stance == "warning" and _threatened(comp, tok, lex):
            continue  # "warned Gaddafi", "forces threatening civilians": an addressee or a victim, not a stance
        actor, actor_text = clean_actor(*find_actor(doc, tok, names, quotes, lex), lex)
        if actor is not None:
            yield tok, cue_end, stance, comp, actor, actor_text, *floor


def _threatened(comp, cue, lex: PositionLexicon) -> bool:
    """Whether a warning's complement is its addressee or its victim: a person, group or place (by
    entity type or as listed) taken as the cue's object, or the noun a threatening participle hangs on."""
    if comp.pos_ not in ("NOUN", "PROPN"):
        return False
    on_cue, hung = comp.head.i == cue.i, cue.dep_ == "acl" and comp.i == cue.head.i
    if not (on_cue and comp.dep_ in ("dobj", "nsubjpass")) and not hung:
        return False  # "warned of war": a preposition's object is what it warns of
    return comp.ent_type_ in ("PERSON", "NORP", "GPE", "ORG", "LOC", "FAC") or comp.lemma_.lower() in lex.threatened \
        or comp.lower_ in lex.threatened


def _modal_sentence(span, sent: Sentence, prev_start: int | None, names, quotes: Sequence[Quote], lex):
    """A sentence that is itself a "must"/"should" clause, held by the speaker whose quote it is or
    continues ("Those responsible should be held accountable." after the council's statement)."""
    root = modal_root(span, lex)
    if root is None:
        return
    q = continued_speaker(sent.start_char, sent.end_char, prev_start, quotes)
    if q is None:
        return
    aux = modal_cue(root, lex)
    yield aux, aux.i + 1, modal_stance(root, lex), root, q.speaker, q.speaker


def _pledge_sentence(span, sent: Sentence, prev_start: int | None, quotes: Sequence[Quote], lex):
    """A quoted sentence in which its speaker says what "we"/"I" will do: a commitment, held by the
    speaker, its phrase from the verb ("ensure openness, accountability and transparency ...")."""
    found = pledge_verb(span, lex)
    if found is None:
        return
    q = continued_speaker(sent.start_char, sent.end_char, prev_start, quotes)
    if q is None or not (q.start_char <= found[1].idx < q.end_char or q.end_char <= sent.start_char):
        return  # the pledge must be the speaker's own quoted words
    aux, verb = found
    yield aux, aux.i + 1, "commitment", verb, q.speaker, q.speaker, verb.i


def _imperative_sentence(span, sent: Sentence, prev_start: int | None, quotes: Sequence[Quote], lex):
    """A quoted imperative is its speaker's demand ("Please stand with us to change this regime",
    "... get out of Benghazi, you traitors"), its phrase from the verb."""
    def clauses(head, depth=0):
        # the verb, and the clauses set beside it; a coordinated verb only where the head has no subject
        # to share ("they hold ... and shoot" is no order; an expletive "there" is no subject)
        yield head
        if depth < 2:
            subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children)
            for c in head.children:
                if c.dep_ in ("parataxis", "ccomp", "dep") or (c.dep_ == "conj" and not subject):
                    yield from clauses(c, depth + 1)

    for verb in clauses(span.root):
        if verb.lemma_.lower() in lex.not_ordered or not _bare_imperative(verb):
            continue
        q = continued_speaker(sent.start_char, sent.end_char, prev_start, quotes)
        if q is None or not q.start_char <= verb.idx < q.end_char:
            continue
        yield verb, verb.i + 1, "demand", verb, q.speaker, q.speaker, verb.i
        return


def _bare_imperative(verb, *, own_clause: bool = False) -> bool:
    """A verb in the base form with no subject, auxiliary or marker, nothing but punctuation or "please"
    before it in its clause ("Please stand ...", ", get out ..."): an order to whoever is addressed.
    ``own_clause``: only a sentence's root or a clause of its own, never a verb coordinated with another
    ("will reject the plan and support the talks" shares its subject and auxiliary)."""
    if verb.tag_ != "VB" or any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark", "expl") for c in verb.children):
        return False
    if own_clause and verb.dep_ not in ("ROOT", "ccomp", "parataxis"):
        return False
    before = [t for t in verb.doc[verb.left_edge.i:verb.i] if not (t.is_punct or t.pos_ == "PUNCT") and t.dep_ != "intj"]
    return not before and verb.i > 0 and verb.doc[verb.i - 1].lower_ != "to"


def _someone(tok, lex: PositionLexicon) -> bool:
    """A person, group or country, by entity type or as a listed actor noun ("companies", "rebels")."""
    return tok.ent_type_ in ("PERSON", "NORP", "GPE", "ORG") or tok.lower_ in lex.actor_nouns \
        or tok.lemma_.lower() in lex.actor_nouns


def _cue(tok, lex: PositionLexicon) -> tuple[str, int] | None:
    """(stance, token index after the cue words) when ``tok`` is a cue verb, or None.
    Reported clauses ("stated that ...") come back as the stance "statement", decided by their modal."""
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    lemma = tok.lemma_.lower()
    if lemma not in lex.cue_lemmas:
        return None
    if lemma not in lex.reporting and _bare_imperative(tok, own_clause=True):
        return None  # "Please stand with us": an order to the listener, left to the quoted imperative (a demand)
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in lex.verbs:
        return None  # "refused to commit to ...": one position, the refusal
    if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for t in (tok, *tok.ancestors) for c in t.children):
        return None  # "whether ... Moscow would veto the resolution", "if Russia rejects ...": nobody's position yet
    if tok.dep_ in ("xcomp", "advcl") and any(a.dep_ == "aux" and a.lower_ == "to" for a in tok.children) and any(
            c.dep_ == "dobj" and c.i < tok.i and _someone(c, lex) for c in tok.head.children):
        return None  # "lining up companies to sign on to the project": what the subject wants others to do
    if tok.dep_ == "ccomp" and lex.verbs.get(tok.head.lemma_.lower()) in ("warning", "denial"):
        return None  # "warned that Valdoria would not accept ...": one position, the warning
    aux = {c.lower_ for c in tok.children if c.dep_ == "aux"}
    if aux & lex.advice:
        return None  # "the government should demand ...": advice to the subject, not its position
    if any(c.dep_ == "neg" for c in tok.children):
        # "could not support the text", "will not accept": a refusal; other negated cues hold nothing
        return ("reject", tok.i + 1) if lex.verbs.get(lemma) in lex.negated_reject else None
    near = {c.lower_: c for c in tok.children} | {g.lower_: g for c in tok.children for g in c.children}
    for words, stance in lex.phrases.items():
        if words[0] == lemma and all(w in near for w in words[1:]):
            return stance, max(near[w].i for w in words[1:]) + 1
    if any(c.dep_ == "prt" for c in tok.children):
        return None  # "backed up the assessment", "pressed ahead": a phrasal verb of its own, not the cue
    if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in lex.inference:
        return None  # "this means that it still backs ...": what someone infers, not what the subject states
    if lemma in lex.verbs and tok.pos_ == "VERB":
        if lemma in lex.weak and any(c.dep_ == "ccomp" for c in tok.children):
            return "statement", tok.i + 1  # "stressed that ...": a demand only when the clause says "must"
        return lex.verbs[lemma], tok.i + 1
    if lemma in lex.reporting:
        return "statement", tok.i + 1
    return None


def _complement(tok, stance: str, lex: PositionLexicon, *, phrase: bool = False):
    """The token heading what the cue is about: its clause, its "to"-verb, its "to/for/on" object or its
    object. ``phrase``: the cue is a verb phrase ("asked for"), whose own rules hold, not its verb's."""
    kids = list(tok.children)
    by_dep = {}
    for c in kids:
        by_dep.setdefault(c.dep_, c)
    if stance == "statement":
        return by_dep.get("ccomp")
    if phrase:
        pass
    elif tok.lemma_.lower() in lex.others_only:  # "want X to go", "want to see X": not "I want to bring our boys home"
        comp = by_dep.get("ccomp") or by_dep.get("xcomp")
        if comp is not None and comp.i > tok.i and (comp.lemma_.lower() in lex.see_verbs or any(
                c.dep_ in _SUBJECTS for c in comp.children)):
            return comp
        obj = by_dep.get("dobj")
        return obj if obj is not None and obj.pos_ in ("NOUN", "PROPN") and "xcomp" not in by_dep else None
    if stance == "offer" and tok.dep_ == "advcl" and tok.tag_ == "VBG" and "xcomp" not in by_dep \
            and not any(c.dep_ in _SUBJECTS for c in kids):
        return None  # "..., offering relief to European countries": what an act provides, not an offer made
    if tok.lemma_.lower() in lex.object_only and not phrase:
        obj = by_dep.get("dobj")
        return obj if obj is not None and obj.pos_ in ("NOUN", "PROPN") and obj.i > tok.i else None
    if tok.lemma_.lower() in lex.to_only and not phrase:  # "asked the UN to send peacekeepers", never "asked whether ..."
        to = next((c for c in kids if c.dep_ in ("xcomp", "advcl", "ccomp") and c.i > tok.i
                   and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
        return to
    for dep in ("ccomp", "xcomp"):
        if dep in by_dep and by_dep[dep].i > tok.i:
            return by_dep[dep]
    acomp = by_dep.get("acomp")
    to = next((c for c in acomp.children if c.dep_ == "xcomp"), None) if acomp is not None else None
    if to is not None and to.i > tok.i:  # "is ready to hold talks", "was willing to compromise"
        return to
    for c in kids:
        if c.dep_ == "advcl" and c.i > tok.i:
            marks = {m.lower_ for m in c.children if m.dep_ == "mark"}
            if stance == "demand" and marks == {"for"} and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                return c  # "called for Mubarak to step down": a for-to clause, parsed as a purpose clause
            if stance in ("reject", "accept", "commitment", "offer", "support") and not marks and c.tag_ == "VBG" \
                    and c.i == max([tok.i + 1] + [k.i + 1 for k in kids if k.dep_ == "prt" and k.i > tok.i]):
                return c  # "ruled out running for another term": the gerund right after the cue
    if stance == "demand" and ("dobj" in by_dep or any(c.dep_ == "prep" and c.lower_ in ("on", "upon") for c in kids)):
        # "calls upon the government to implement ...": the "to" clause, parsed as a purpose clause
        to = next((c for c in kids if c.dep_ == "advcl" and c.i > tok.i
                   and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
        if to is not None:
            return to
    preps = [c for c in kids if c.dep_ == "prep" and c.lower_ in ("to", "for", "on", "against", "of")]
    if "acomp" in by_dep:  # "remained firm on not making ..."
        preps += [c for c in by_dep["acomp"].children if c.dep_ == "prep"]
    if "dobj" in by_dep and by_dep["dobj"].lemma_.lower() in _STANCE_NOUNS:
        preps += [c for c in by_dep["dobj"].children if c.dep_ == "prep"]  # "shown support for", "reaffirms its commitment to"
    obj = by_dep.get("dobj")
    if obj is not None and obj.pos_ in ("NOUN", "PROPN") and stance in ("accept", "reject", "support", "offer") and (
            obj.lemma_.lower() not in _STANCE_NOUNS):
        return obj  # "will never accept foreign troops on our soil": the object, not the "on" phrase
    wanted = ("to",) if stance == "condition" else ("against", "of") if stance == "warning" else (
        ("against", "for", "to", "on") if stance == "reject" else ("for", "to", "on"))
    for word in wanted:  # "called late on Monday for a cease-fire": the "for" phrase, never a date
        for p in preps:
            if p.lower_ == word:
                obj = next((c for c in p.children if c.dep_ in ("pobj", "pcomp")), None)
                if obj is not None and obj.ent_type_ not in ("DATE", "TIME"):
                    return obj
    if "nsubjpass" in by_dep and "agent" in by_dep:  # "a peace plan rejected by the rebels"
        return by_dep["nsubjpass"]
    if tok.dep_ == "acl" and "agent" in by_dep and tok.head.pos_ == "NOUN":
        return tok.head
    obj = by_dep.get("dobj")
    if obj is not None and obj.lower_ in _RELATIVE and tok.dep_ == "relcl":
        return tok.head  # "conditions that Ukraine firmly rejects"
    if obj is not None and obj.pos_ != "PRON":
        return obj
    return None


def _parts(comp, span, cue=None, lex: PositionLexicon | None = None) -> list[tuple[int, int, Any]]:
    """The complement's token ranges: one, or one per coordinated verb, each at most MAX_WORDS words."""
    doc = comp.doc
    lo, hi = comp.left_edge.i, comp.right_edge.i + 1
    if comp.pos_ == "VERB" or comp.pos_ == "AUX":
        lo = next((t.i for t in comp.subtree if t.dep_ not in ("mark", "aux") or t.i >= comp.i), lo)
        if doc[lo].lower_ == "to" and doc[lo].dep_ == "aux":
            lo += 1
        commas = [k for k in range(lo, comp.i) if doc[k].text == ","]
        if commas and comp.i - lo > 6:  # "the leader, embroiled in a civil war ..., must leave power": from "must"
            lo = min((c.i for c in comp.children if c.dep_ in ("aux", "auxpass", "neg") and commas[-1] < c.i < comp.i),
                     default=comp.i)
        conj = next((c for c in comp.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")), None)
        if conj is not None and comp.tag_ == "VB" and conj.tag_ in ("VBN", "VBD") and not any(
                c.dep_ in ("aux", "auxpass", *_SUBJECTS) for c in conj.children):
            # "must include a halt to arms deliveries and forced conscription": no past form can share a bare
            # verb's modal or "to"; it is a participle read as a verb, no second act
            conj = None
        if conj is not None and any(c.dep_ in _SUBJECTS for c in conj.children) and not any(
                c.dep_ in _SUBJECTS for c in comp.children):
            # "agrees to step down The only guard ... was shot": a clause with its own subject cannot share
            # a subjectless "to" clause or order; it is no part of the position
            return [(*_trim(doc, lo, max(lo + 1, _before(doc, conj.left_edge.i, lo))), comp)]
        if conj is not None and conj.lemma_.lower() in _OWN_ACTS:
            # "requiring companies to provide X and also asking them if ...": a question of its own, not
            # a second thing demanded
            return [(*_trim(doc, lo, max(lo + 1, _before(doc, conj.left_edge.i, lo))), comp)]
        if conj is not None:
            cut = _before(doc, conj.left_edge.i, lo)
            return [(*_trim(doc, lo, cut), comp), (*_trim(doc, conj.left_edge.i, conj.right_edge.i + 1), conj)]
    if comp.dep_ != "relcl" and comp.pos_ == "NOUN" and comp.i < lo + 1 and any(
            c.dep_ == "relcl" for c in comp.children):
        hi = min(hi, next(c.left_edge.i for c in comp.children if c.dep_ == "relcl"))
    if comp.pos_ == "NOUN" and comp.dep_ not in ("pobj", "dobj", "pcomp", "attr"):  # the antecedent of a relative clause
        hi = comp.i + 1
    if cue is not None and comp.head.i == cue.i and lex is not None:
        # "accepted the proposal \"in principle\"": how far the stance goes, hung on the cue after its object
        how = next((c for c in cue.children if c.dep_ == "prep" and c.i == hi and " ".join(
            t.lower_ for t in doc[c.i:c.right_edge.i + 1] if not t.is_punct) in lex.qualifiers), None)
        if how is not None:
            hi = how.right_edge.i + 1
    if cue is not None and comp.pos_ in ("VERB", "AUX") and comp.head.i == cue.i and comp.dep_ in ("xcomp", "ccomp"):
        # "called on all sides to do as much as possible to avoid killing ...": the purpose clause the parser
        # hangs on the cue, right after the "to" clause, is how the act demanded goes on
        goal = next((c for c in cue.children if c.dep_ == "advcl" and c.left_edge.i == hi
                     and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
        if goal is not None:
            hi = goal.right_edge.i + 1
    return [(*_trim(doc, lo, min(hi, span.end)), comp)]


def _pronoun_only(doc, part, lo: int, hi: int) -> bool:
    """A verb whose only thing is a pronoun ("asked the UN to run it", "vowed to stop them"): it names no
    matter a reader could hold anyone to."""
    if part.pos_ not in ("VERB", "AUX") or any(doc[k].pos_ in ("NOUN", "PROPN", "NUM") for k in range(lo, hi)):
        return False
    return any(c.dep_ == "dobj" and c.pos_ == "PRON" and lo <= c.i < hi for c in part.children)


def _before(doc, cut: int, lo: int) -> int:
    """Where a part ends before a coordinated verb starting at ``cut``: its "and" and commas left out."""
    while cut > lo and (doc[cut - 1].dep_ == "cc" or doc[cut - 1].is_punct or doc[cut - 1].dep_ == "advmod"
                        and doc[cut - 1].head.i >= cut):
        cut -= 1
    return cut


def _trim(doc, lo: int, hi: int) -> tuple[int, int]:
    if hi - lo > MAX_WORDS:
        stop = next((k for k in range(lo + 4, lo + MAX_WORDS) if doc[k].text in (",", ";", "—", "–", "(")), None)
        hi = stop if stop is not None else lo + MAX_WORDS
    while hi > lo + 1 and (doc[hi - 1].is_punct or doc[hi - 1].dep_ in ("cc",) or not doc[hi - 1].text.strip("`'\"“”‘’")):
        hi -= 1
    while lo < hi - 1 and doc[lo].is_punct:
        lo += 1
    return lo, hi


def _target(doc, comp, lo: int, hi: int, lex: PositionLexicon) -> tuple[str | None, str | None]:
    """What the position is about: the phrase's noun, or its verb's object, with its modifiers."""
    head = comp
    if comp.pos_ in ("VERB", "AUX"):
        head = next((c for c in comp.children if c.dep_ in ("dobj", "attr") and lo <= c.i < hi), None)
        if head is None:
            prep = next((c for c in comp.children if c.dep_ in ("prep", "agent") and lo <= c.i < hi), None)
            head = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if head is None or head.pos_ not in ("NOUN", "PROPN"):
        return None, None
    if head.lemma_.lower() in lex.wrappers:  # "Trump's suggestion of a 30-day ceasefire" is about the ceasefire
        prep = next((c for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "for") and c.i < hi), None)
        inner = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if inner is not None and inner.pos_ == "NOUN" and inner.i < hi:
            head = inner
    first = head.i
    while first - 1 >= lo and doc[first - 1].dep_ in _TARGET_MODS + ("punct",) and doc[first - 1].head.i in (
            head.i, first) or (first - 1 >= lo and doc[first - 1].dep_ in _TARGET_MODS and doc[first - 1].head.i > first - 1
                               and doc[first - 1].head.i <= head.i):
        first -= 1
    while first < head.i and doc[first].is_punct:
        first += 1
    return doc[first:head.i + 1].text, head.lemma_.lower()


def _date(tok, events: list[Event], timexes, sent: Sentence):
    for e in events:
        if e.trigger and e.trigger.split()[0].lower() == tok.lower_ and e.date is not None:
            return e.date
    for t in timexes:
        if sent.start_char <= t.start_char < sent.end_char and t.type == "DATE" and t.date is not None:
            return t.date
    return next((e.date for e in events if e.date is not None), None)


class PositionStage:
    """Pipeline stage: assigns ``positions``; reads timexes, mentions, quotes and events when present."""

    id = STAGE_ID
    requires = ("article", "doc", "sentences")
    assigns = ("positions",)

    def __init__(self, settings: Any = None) -> None:
        self.lexicon = load_lexicon()

    def __call__(self, state: dict[str, Any]) -> dict[str, Any]:
        positions = extract_positions(
            state["article"], doc=state["doc"], sentences=state["sentences"], timexes=state.get("timexes") or (),
            mentions=state.get("mentions") or (), quotes=named_speakers(state.get("quotes") or ()),
            events=state.get("events") or (), lexicon=self.lexicon,
        )
        return {"positions": list(positions)}
