"""What a clause of a spaCy parse is made of, for headlines: the verb that governs a trigger, its
subject, a negation above it, a dateline before it, quotation marks around it, verb forms.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from chronicle.extract.temporal.extract import clock_stamps

if TYPE_CHECKING:
    from chronicle.extract.events.headline import HeadlineRules

SUBJECTS = ("nsubj", "nsubjpass", "csubj", "csubjpass")
VERB_POS = ("VERB", "AUX")
_CLAUSE_DEPS = ("ROOT", "ccomp", "advcl", "acl", "relcl", "conj", "parataxis")  # a verb there heads a clause


def inner_punct(t) -> bool:
    """Punctuation inside a word ("30-day"): no space on either side."""
    return t.dep_ == "punct" and t.i > 0 and not t.doc[t.i - 1].whitespace_ and not t.whitespace_


def governing(trigger, rules: "HeadlineRules"):
    """The verb whose clause reports the trigger, and the path of words from it down to the trigger.

    A noun trigger climbs to its verb ("held a call"); a verb without a subject climbs through
    "agreed to", "set to", "by accepting"; conjoined, participial and relative verbs head their
    own clause and borrow a subject. A condition ("if he perceives a lack of seriousness") is
    reported with the clause it conditions, and so is what someone demands, denies, claims or
    suggests ("demanding that Ukraine withdraw its forces"); only a plain attribution ("officials
    said that ...") is left out.
    """
    tok, path = _climb(trigger, rules)
    if trigger.pos_ not in ("NOUN", "PROPN") or dated_clause(tok, rules.temporal_preps):
        return tok, path
    undated = not dated_clause(trigger, rules.temporal_preps, noun=True)
    for rel in trigger.children:
        if rel.dep_ != "relcl" or rel.pos_ not in VERB_POS:
            continue
        if undated and dated_clause(rel, rules.temporal_preps) and any(
                c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in rules.relatives for c in rel.children):
            # "ending a trial that began last month", "the uprising that began on 25 January": the date
            # is the relative clause's, and so is the headline ("Trial begins"), not the governor's
            return rel, [trigger, rel]
        if not within(trigger, tok) and any(c.dep_ in SUBJECTS and c.lower_ not in rules.relatives
                                            for c in rel.children) and any(
                c.dep_ == "prep" and c.lower_ in _WITHIN and any(o.lower_ in rules.relatives for o in c.children)
                for c in rel.children):
            # "a complaint about a July 25 phone call in which Trump pressed Zelensky ...": what happened
            # in it heads the call's headline, not what the sentence says of the call
            return rel, [trigger, rel]
    return tok, path


_WITHIN = ("in", "during", "at")


def within(noun, verb) -> bool:
    """Whether the verb's clause happened inside the noun's event ("Twenty people died in the attack"):
    then it is the event's own news, headline enough."""
    return noun.dep_ == "pobj" and noun.head.lower_ in _WITHIN and noun.head.head.i == verb.i


_DATED = ("DATE", "TIME")


def dated_clause(verb, temporal_preps: frozenset[str], *, noun: bool = False) -> bool:
    """The verb's own clause names a date: "began last month", "opened on Tuesday"; with ``noun``,
    the noun's own phrase ("the July 25 call", "Monday's meeting", "a meeting on Friday")."""
    deps = ("npadvmod", "tmod", "obl") + (("compound", "nmod", "poss", "amod", "nummod") if noun else ())
    for c in verb.children:
        if c.dep_ in deps and c.ent_type_ in _DATED:
            return True
        if c.dep_ == "prep" and c.lower_ in temporal_preps and any(
                o.dep_ == "pobj" and o.ent_type_ in _DATED for o in c.children):
            return True
    return False


def _climb(trigger, rules: "HeadlineRules"):
    tok, path = trigger, [trigger]
    while tok.head.i != tok.i:
        # "allows MPs to make remarks", "agreed to exchange": an infinitive is reported with its governor
        infinitive = any(c.tag_ == "TO" and c.dep_ == "aux" for c in tok.children)
        conditional = tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in rules.conditions
                                                  for c in tok.children)
        base = tok
        while base.dep_ == "conj" and base.head.i != base.i:  # "demanding that Ukraine abandon ... and withdraw"
            base = base.head
        framed = base.dep_ == "ccomp" and base.head.pos_ in VERB_POS and base.head.lemma_.lower() not in rules.attributions
        if tok.pos_ in VERB_POS and not infinitive and not conditional and not framed and (
                any(c.dep_ in SUBJECTS for c in tok.children) or tok.dep_ in _CLAUSE_DEPS):
            break
        tok = tok.head
        path.append(tok)
    return tok, path


def subject_of(verb, rules: "HeadlineRules"):
    """The verb's subject: the one nearest before it ("During the call — the longest — Trump and
    Putin covered"), a relative's noun, or the subject a conjoined or participial verb shares."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    if subjects:
        free = [c for c in subjects if not (c.pos_ == "NOUN" and c.i < verb.i and any(
            c.i < d.i < verb.i and not stray_subject(d) for d in subjects))]
        c = (free or subjects)[0]
        if c.lower_ in rules.relatives and verb.dep_ == "relcl":
            return verb.head
        return c
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    if verb.dep_ in ("advcl", "conj", "xcomp") and verb.head.i != verb.i and verb.head.pos_ in VERB_POS:
        return subject_of(verb.head, rules)
    return None


def reduced_participle(verb) -> bool:
    """A participle standing after a noun, with no subject or auxiliary of its own, that the parse
    made a clause: "lists agreed at last week's summit" (parsed as a verb conjoined with the
    sentence's), "the plan drafted in March". It describes the noun; it is not an event there."""
    if verb.tag_ not in ("VBD", "VBN") or verb.i == 0:
        return False
    if any(c.dep_ in SUBJECTS or c.dep_ in ("aux", "auxpass", "dobj", "agent") for c in verb.children):
        return False
    before = verb.doc[verb.i - 1]
    if before.pos_ not in ("NOUN", "PROPN") or before.head.i == verb.i:
        return False
    if verb.dep_ == "acl":
        return True
    if verb.dep_ == "conj":  # a true conjunct is joined by "and"/"or" or a comma, not glued to a noun
        head = verb.head
        return not any(c.dep_ == "cc" and head.i < c.i < verb.i for c in head.children) and not any(
            t.text in (",", ";") for t in verb.doc[head.i + 1:verb.i] if t.head.i == head.i)
    return False


def apposed_object(obj) -> bool:
    """An object the parse hangs on the verb after a comma and after another complement: an
    apposition to the clause ("agreed to exchange 120 prisoners, the first concrete result of
    the summit"), not what the verb acts on."""
    verb, edge = obj.head, obj.left_edge.i
    if edge == 0 or obj.doc[edge - 1].text != ",":
        return False
    return any(c.dep_ in ("dobj", "xcomp", "ccomp", "attr", "oprd") and verb.i < c.i < obj.i
               for c in verb.children if c.i != obj.i)


def speaker_of(verb, rules: "HeadlineRules"):
    """Who a reported clause's "it"/"they" stands for: the named subject of the verb that reports
    it ("The Council of Northern States said it would discuss" -> "Council"), else None."""
    tok = verb
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ != "ccomp" or tok.head.pos_ not in VERB_POS:
        return None
    head = tok.head
    if head.lemma_.lower() not in rules.attributions | rules.reporting:
        return None
    subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ == "PRON" or subj.lower_ in rules.relatives:
        return None
    return subj


def negated_above(verb, rules: "HeadlineRules") -> bool:
    """Whether a word above the clause is negated: the headline would drop the negation."""
    tok = verb
    while tok.head.i != tok.i:
        # "will not trade land but was prepared to meet": the second verb is not negated; "neither
        # prescribed nor administered" negates both
        via_conj = tok.dep_ == "conj" and not any(c.lower_ in ("nor", "neither") for c in tok.head.children)
        tok = tok.head
        if not via_conj and any(c.dep_ in ("neg", "preconj") or (c.dep_ == "advmod" and c.lower_ in rules.negators and c.lower_ != "yet")
               for c in tok.children):
            return True
    return False


_CLOCK_WORDS = frozenset({"a.m.", "p.m.", "am", "pm", "et", "gmt", "utc", "bst", "cet", "est", "edt", "local"})


def dateline_end(sent) -> int:
    """Index of the first word after a dateline, else the sentence start: a place in capitals
    ("MARENZA, Lusara, Sept 12 (Wire) —") or a capitalised place with its outlet in brackets
    ("Cairo, Egypt (CNN) --", as tokenised text gives it "Cairo , Egypt -LRB- CNN -RRB- --");
    not "Obama -- who spoke Friday -- said"."""
    first = sent[0]
    if first.lower_ in ("update", "updated"):
        # a live page's stamp, "(Update 8:43 p.m. in Cairo, 1:43 p.m. ET) President Obama said": it ends
        # at its closing bracket, else after its last clock word
        head = sent[:16]
        close = [t.i for t in head if t.text in (")", "-RRB-")]
        clock = [t.i for t in head if t.lower_ in _CLOCK_WORDS]
        if close or clock:
            return (close or clock)[0 if close else -1] + 1
    capitals = first.text.isupper() and len(first.text) >= 3
    if not (capitals or first.text[:1].isupper()):
        return sent.start
    head = sent[:12]
    close = next((t.i for t in head if t.text in (")", "-RRB-")), None)
    if close is not None and not any(t.text in ("(", "-LRB-") for t in head if t.i < close) \
            and any(t.lower_ in _CLOCK_WORDS for t in head if t.i < close):
        # the rest of a live page's stamp whose opening the splitter left with the sentence before:
        # "Cairo, 3:14 p.m. ET) U.S. President Barack Obama talked ..."
        return close + 1
    outlet = False
    for t in sent[:20]:
        if t.text in ("(", "-LRB-") and t.i > sent.start:
            outlet = True
        if t.text in ("—", "–", "--", "-") and (capitals or outlet) and t.i > sent.start:
            after = t.doc[t.i - 1].text
            if t.text != "-" or after in (")", "-RRB-"):  # "WASHINGTON (Reuters) - ", not "Trump - Putin"
                return t.i + 1
    return sent.start


def in_quotes(tok) -> bool:
    """Inside quotation marks: the speaker's words keep their tense ("We did not agree on much")."""
    marks = sum(1 for t in tok.sent if t.i < tok.i and t.is_quote and t.dep_ == "punct")
    return marks % 2 == 1


def stray_subject(subj) -> bool:
    """A second "subject" that is the object of the preposition before it, misparsed:
    "conversation with former President Joe Biden took place"."""
    edge = subj.left_edge.i
    return edge > 0 and subj.doc[edge - 1].dep_ == "prep"


def is_plural(tok) -> bool:
    """Whether a subject takes a plural verb: "Trump and Putin hold", "some of the buildings were"."""
    if tok.lower_ in ("some", "all", "most", "none", "half") and any(
            c.dep_ == "prep" and c.lower_ == "of" and any(o.tag_ in ("NNS", "NNPS") for o in c.children)
            for c in tok.children):
        return True
    return tok.tag_ in ("NNS", "NNPS") or tok.lower_ in ("they", "we", "you", "i", "those", "these", "several", "many",
                                                        "both", "few") or any(c.dep_ == "conj" for c in tok.children)


def present_tense(verb, plural: bool, rules: "HeadlineRules") -> str:
    """The verb in the headline's present tense: "held" -> "holds" (or "hold" after a plural subject)."""
    lemma = verb.lemma_.lower()
    if not lemma.isalpha():
        return verb.text
    if plural:
        form = rules.plural_present.get(lemma, lemma)
    elif lemma in rules.present:
        form = rules.present[lemma]
    elif lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        form = lemma + "es"
    elif lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in "aeiou":
        form = lemma[:-1] + "ies"
    else:
        form = lemma + "s"
    return form[0].upper() + form[1:] if verb.text[:1].isupper() and not verb.is_sent_start else form


_SUFFIX = re.compile(r"^(?:[IVX]{1,4}|Jr\.?|Sr\.?)$")


def person_spans(doc, mentions) -> dict[int, tuple[int, int | None]]:
    """Token index -> (mention start token, surname token) for each word of a person's name.

    The surname is the last capitalised word of the mention ("US President Donald Trump" ->
    "Trump"); a title standing for a person ("the Kremlin leader") has none and stays as written.
    """
    spans = [(s, e) for s, e, label, _ in mentions if label == "PERSON"] if mentions else [
        (e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]
    out: dict[int, tuple[int, int | None]] = {}
    for s, e in spans:
        span = doc.char_span(s, e, alignment_mode="contract")
        if span is None or not len(span):
            continue
        words = [t for t in span if t.dep_ != "case" and not t.is_punct]
        while len(words) > 1 and _SUFFIX.match(words[-1].text):
            words.pop()  # "King Abdullah II" is Abdullah, "Martin Luther King Jr." King: not "II", "Jr."
        last = words[-1] if words else None
        surname = last.i if last is not None and last.text[:1].isupper() else None
        for t in span:
            out[t.i] = (span.start, surname)
    return out


def _title_case(text: str) -> bool:
    """A capitalised word, not one in capitals ("Protesters", "On"; not "CNN", "I", "3")."""
    if text == "A":
        return True
    return (len(text) > 1 and text[0].isupper() and any(c.islower() for c in text[1:])
            and text[1:].replace("-", "").replace("'", "").isalpha())


def _lower_word(text: str) -> bool:
    return text[:1].islower() and text.replace("-", "").replace("'", "").isalpha()


_SEAM_ENTS = ("DATE", "TIME", "GPE", "LOC", "FAC", "NORP")  # "tube On Thursday", "... In Cairo", not "On The Road Again"


_FINITE = ("VBD", "VBZ", "VBP", "MD")


def _person_then_verb(t) -> bool:
    """A name of two words or more starting at ``t`` and followed at once by a finite verb."""
    doc, end = t.doc, t.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return end - t.i >= 2 and end < len(doc) and doc[end].tag_ in _FINITE


def word_counts(doc) -> dict[str, int]:
    """How often each word form stands inside a sentence (not first) in the article, counted once per
    Doc (kept in ``doc.user_data``): "protesters" written in lower case elsewhere makes a capitalised
    "Protesters" mid-sentence a new sentence's first word."""
    counts = doc.user_data.get("chronicle.word_counts")
    if counts is None:
        counts = {}
        for t in doc:
            if not t.is_sent_start:
                counts[t.text] = counts.get(t.text, 0) + 1
        doc.user_data["chronicle.word_counts"] = counts
    return counts


def seams(sent, seam_rules: dict, counts: dict[str, int]) -> list[int]:
    """Token indexes in ``sent`` where a page title, a caption or a stamp the extraction ran into the
    sentence ends and a sentence of its own begins: "The domino effect of Arab unrest | Protesters rally
    in Cairo's Tahrir Square"; "Dr Murray denies any wrongdoing | On 8 February, Dr Murray appeared".
    The kinds of seam are described with their word lists in data/events/headline.toml [seams]."""
    if not seam_rules:
        return []
    preps, openers = seam_rules["prepositions"], seam_rules["openers"]
    before_pos, names, min_lower = seam_rules["before"], seam_rules["names"], seam_rules["min_lower"]
    common, stamps = seam_rules.get("common", ()), seam_rules.get("stamps", ())
    indefinite = seam_rules.get("indefinite", ())
    doc, out, marks = sent.doc, [], 0
    for t in sent[1:len(sent) - 1]:
        text = t.text
        marks += doc[t.i - 1].is_quote and doc[t.i - 1].dep_ == "punct"  # inside quotation marks: a speaker's words
        if not _title_case(text) or t.ent_iob_ == "I":
            continue
        prev, nxt = doc[t.i - 1], doc[t.i + 1]
        if not prev.whitespace_ or prev.is_punct or marks % 2:
            continue
        low = text.lower()
        after_lower = _lower_word(prev.text) and prev.pos_ in before_pos
        next_lower = _lower_word(nxt.text)
        if prev.text in stamps:
            if next_lower and t.ent_type_ not in ("DATE", "TIME"):
                out.append(t.i)
            continue
        if low in indefinite and after_lower and _title_case(nxt.text):
            end = nxt
            while end.i + 1 < sent.end and _title_case(end.text):
                end = doc[end.i + 1]
            if _lower_word(end.text) and end.pos_ == "NOUN" and end.i < sent.end - 1:
                out.append(t.i)  # "survivors A Royal Fleet Auxiliary ship carrying aid"
                continue
        if (prev.like_num and any(ch.isdigit() for ch in prev.text) and t.ent_iob_ == "B" and t.ent_type_ == "PERSON"
                and _person_then_verb(t)):
            out.append(t.i)  # "estimated at 150,000 | John Taylor was part of the rescue team"
            continue
        if low in preps:
            if after_lower and ((next_lower and nxt.pos_ in ("DET", "NUM", "ADJ", "NOUN", "PRON")) or nxt.like_num or (
                    nxt.ent_iob_ == "B" and nxt.ent_type_ in _SEAM_ENTS and _title_case(nxt.text) and nxt.pos_ != "DET")):
                out.append(t.i)
            continue
        if low in openers:  # (not "hepatitis A and E")
            # after a lower-case word, or after a day ("for Cardiff on 8 October | A judge in Los Angeles has ruled");
            # before a lower-case word or a figure ("due to start | A 12-member jury has been chosen")
            after_date = prev.ent_type_ in ("DATE", "TIME") and (prev.like_num or _title_case(prev.text))
            before_figure = nxt.text[:1].isdigit() and nxt.pos_ in ("NUM", "ADJ")
            if (after_lower or after_date) and ((next_lower and (nxt.pos_ not in ("CCONJ", "ADP", "PART", "SCONJ", "PUNCT")
                                                                 or nxt.lower_ in ("of", "than"))) or before_figure):
                out.append(t.i)  # ("Some of", "More than")
            continue
        if not next_lower or t.pos_ not in ("NOUN", "PROPN") or any(
                c.dep_ in ("det", "poss", "amod") and c.i < prev.i for c in t.children):
            continue  # "A new Gallup Poll shows": one noun phrase
        lower = counts.get(low, 0)
        if low not in common and (lower < min_lower or lower <= counts.get(text, 0) - 1):
            continue  # (this word itself is one capitalised use)
        plural = low.endswith("s") and not low.endswith(("ss", "us", "is"))  # (the tagger may say NNP: "Farmers")
        subject = (t.dep_ in SUBJECTS and t.head.i > t.i and t.head.pos_ in VERB_POS) or (
            plural and nxt.tag_ in _FINITE)  # "in Haiti | Rescuers have begun": the parse hung it on "in"
        if after_lower:
            # (not after an adjective: "the interim President is appointed")
            if prev.pos_ != "ADJ" and (plural or subject) and nxt.lower_ not in ("who", "which", "that", "whom", "whose"):
                out.append(t.i)
            continue
        relative = any(c.dep_ == "relcl" for c in t.children)
        outlet = prev.text.isupper() and prev.text.isalpha() and len(prev.text) >= 2
        name = prev.ent_iob_ in ("B", "I") and prev.ent_type_ in names and prev.text[:1].isupper()
        if not (outlet or name) or not (subject or relative):
            continue
        start = prev
        if name:
            while start.ent_iob_ == "I" and start.i > sent.start:
                start = doc[start.i - 1]
        first = doc[start.i - 1] if start.i > sent.start else None
        if first is not None and (first.pos_ == "DET" or first.tag_ in ("PRP$", "POS") or first.dep_ == "poss"):
            continue  # "the Haiti Government said": one name
        out.append(t.i)
    stamps = doc.user_data.get(STAMPS_KEY)
    if stamps:  # "destroyed by the earthquake | 1817 Meinie Nicolai, director of ..., tells the BBC"
        out.extend(t.i for t in sent[1:] if t.idx in stamps and t.i not in out)
    return out


# The start offsets of a live page's clock stamps in a Doc's text (``doc.user_data``, set by the event
# stage): a stamp is the first word of a page entry, so one inside a sentence (the page lost its line
# break) is a seam.
STAMPS_KEY = "chronicle.clock_stamps"


def note_clock_stamps(doc, published=None) -> None:
    """Keep the offsets of a live page's clock stamps in ``doc``'s text on ``doc`` for :func:`seams`
    (as the temporal stage finds them: ``extract.temporal.extract.clock_stamps``)."""
    doc.user_data[STAMPS_KEY] = clock_stamps(doc.text, published)
