"""What a figure counts and in which unit, read from the parse around it; or why it is no claim.

"273 drones and decoys" counts "drones and decoys"; "over 68,000 troops killed, wounded, or
captured" counts "troops killed, wounded or captured"; "1,000 prisoners of war each" counts
"prisoners of war", one side's share; a "30-day ceasefire" is 30 days of "ceasefire".
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from chronicle.extract.claims.lexicon import ClaimLexicon
from chronicle.extract.claims.numbers import Figure

_AGE = re.compile(r"^\s*-?\s*(?:years?|yrs?|months?)[\s-]*old\b", re.I)
_COMMA_CC = re.compile(r"\s*,\s*(and|or)\b")
_SPACES = re.compile(r"\s+")
_DEFINITE = ("the", "these", "those", "both", "its", "their", "his", "her", "our", "my", "your")
_HEAD_DEPS = ("nummod", "quantmod", "compound", "amod", "appos", "nmod")
_EACH = ("each", "apiece")


@dataclass(frozen=True, slots=True)
class Reading:
    unit: str | None
    counts: str | None
    head: int | None  # token index of the counted noun
    counts_head: str | None
    each: bool
    end: int | None = None  # token index after the figure's text, when it runs past the number ("30-day")


def read_figure(fig: Figure, span, lex: ClaimLexicon) -> Reading | None:
    """What ``fig`` counts, or None when it is no claim (a year, an age, a duration of nothing much)."""
    doc = span.doc
    first, last = doc[fig.num_start], doc[fig.end - 1]
    nxt = doc[fig.end] if fig.end < span.end else None
    # the words right after the number (doc.text would rebuild the whole article's text on every figure)
    tail = last.whitespace_ + "".join(t.text_with_ws for t in doc[last.i + 1:min(last.i + 6, len(doc))])
    if _AGE.match(tail):
        return None
    if fig.start > span.start and doc[fig.start - 1].lower_ in lex.skip_before:
        return None
    if nxt is not None and nxt.lower_ in lex.skip_heads:
        return None
    if first.ent_type_ == "ORDINAL":
        return None
    unit = fig.unit
    if nxt is not None:
        two = f"{nxt.lower_} {doc[nxt.i + 1].lower_}" if nxt.i + 1 < span.end else ""
        if nxt.lower_ in lex.percent or two in lex.percent:
            after = nxt.i + (2 if two in lex.percent else 1)
            counts, head = _of_phrase(doc, after, span.end)
            return Reading("percent", counts, head, _lemma(doc, head), _each(doc, fig, head, span))
        if nxt.lemma_.lower() in lex.currency_words:
            counts, head = _of_phrase(doc, nxt.i + 1, span.end, preps=("of", "in", "for"))
            return Reading(lex.currency_words[nxt.lemma_.lower()], counts, head, _lemma(doc, head), False)
        dur = _duration_token(doc, nxt, span, lex)
        if dur is not None:
            return _duration(doc, dur, span, lex, fig)
    head = _counted_head(doc, fig, span)
    if head is None:
        if unit is not None:
            counts, h = _of_phrase(doc, fig.end, span.end, preps=("of", "in", "for"))
            return Reading(unit, counts, h, _lemma(doc, h), False)
        if not first.text[:1].isdigit() or _year_like(fig) or first.ent_type_ in ("DATE", "TIME"):
            return None
        if _definite(doc, fig, span):
            return None
        near = [doc[k] for k in (fig.start - 1, fig.end) if span.start <= k < span.end]
        if any(t.ent_type_ in ("DATE", "TIME") or ":" in t.text for t in near):
            return None  # "January 12 15:06 GMT": part of a date the recogniser left out
        return Reading(None, None, None, None, _each(doc, fig, None, span))
    h = doc[head]
    if first.ent_type_ in ("DATE", "TIME") and h.ent_type_ in ("DATE", "TIME"):
        return None
    if h.pos_ == "PROPN" or h.lower_ in lex.skip_heads:
        return None
    if not first.text[:1].isdigit() and _definite(doc, fig, span):
        return None  # "the two nations", "the other six suspects": a reference, not a figure
    measure = _measure(doc, fig.end, head, lex)
    if measure is not None and h.dep_ in ("compound", "amod", "nmod") and h.head.i > h.i \
            and h.head.pos_ == "NOUN" and h.head.i - h.i <= 2:  # "a 15-kilometre pullback" counts the pullback
        return Reading(measure, _text(doc, list(range(h.i + 1, h.head.i + 1))), h.head.i, h.head.lemma_.lower(),
                       False, h.i + 1 if not doc[fig.end - 1].whitespace_ else None)
    if measure is not None:
        counts, h2 = _of_phrase(doc, head + 1, span.end)
        return Reading(measure, counts or _text(doc, list(range(fig.end, head + 1))), h2 if h2 is not None else head,
                       _lemma(doc, h2 if h2 is not None else head), _each(doc, fig, head, span))
    if unit is not None:  # "$5 billion aid package"
        return Reading(unit, _counts_text(doc, fig, head, span), head, _lemma(doc, head), False)
    return Reading(None, _counts_text(doc, fig, head, span), head, _lemma(doc, head), _each(doc, fig, head, span))


def _definite(doc, fig: Figure, span) -> bool:
    k = fig.start - 1
    if k >= span.start and doc[k].pos_ == "ADJ" and doc[k].lower_ in ("other", "remaining", "first", "last"):
        k -= 1
    return k >= span.start and doc[k].lower_ in _DEFINITE


def _lemma(doc, i: int | None) -> str | None:
    return doc[i].lemma_.lower() if i is not None else None


def _year_like(fig: Figure) -> bool:
    return fig.bound == "exact" and fig.value_high is None and fig.value.is_integer() and 1000 <= fig.value <= 2100


def _counted_head(doc, fig: Figure, span) -> int | None:
    """The noun the number counts: its syntactic head after it, or the object of "of" ("120 of the prisoners")."""
    last = doc[fig.end - 1]
    cand = last
    for _ in range(3):  # climb number-internal links: "68,000" <- "over"; "5.2" -> "billion"
        if cand.dep_ in _HEAD_DEPS and cand.head.i > cand.i and cand.head.pos_ == "NUM":
            cand = cand.head
        else:
            break
    h = cand.head
    if cand.dep_ in _HEAD_DEPS and h.i >= fig.end and h.pos_ in ("NOUN", "PROPN") and h.i - fig.end <= 4 \
            and all(doc[k].pos_ in ("ADJ", "NOUN", "PROPN", "VERB", "PUNCT", "ADV") for k in range(fig.end, h.i)):
        return h.i
    if fig.end + 2 < span.end and doc[fig.end].lower_ == "out" and doc[fig.end + 1].lower_ == "of" \
            and doc[fig.end + 2].like_num:  # "25 out of 27 EU member states"
        later = doc[fig.end + 2]
        return later.head.i if later.head.pos_ == "NOUN" and later.head.i > later.i else None
    if fig.end < span.end and doc[fig.end].lower_ == "of":
        _, head = _of_phrase(doc, fig.end, span.end, allow_det=True)
        return head if head is not None and doc[head].pos_ == "NOUN" else None
    # a noun right after the number that the parser attached elsewhere ("273 drones" as conj)
    if fig.end < span.end and doc[fig.end].pos_ == "NOUN" and doc[fig.end].tag_ in ("NNS", "NN") \
            and last.dep_ in ("nummod", "compound") and last.head.i == fig.end:
        return fig.end
    return None


def _of_phrase(doc, i: int, end: int, *, preps=("of",), allow_det: bool = True) -> tuple[str | None, int | None]:
    """The short noun phrase after "of" (or another preposition) at ``i``: ("war", index of "war")."""
    if i >= end or doc[i].lower_ not in preps:
        return None, None
    k = i + 1
    if allow_det and k < end and doc[k].pos_ in ("DET", "PRON") and doc[k].dep_ in ("det", "poss"):
        k += 1
    toks = []
    while k < end and doc[k].pos_ in ("ADJ", "NOUN", "NUM", "PROPN") and len(toks) < 4 \
            and doc[k].ent_type_ not in ("DATE", "TIME") and not _bracket(doc[k]):
        toks.append(k)
        k += 1
    while toks and doc[toks[-1]].pos_ not in ("NOUN", "PROPN"):
        toks.pop()
    if not toks:
        return None, None
    return _text(doc, toks), toks[-1]


def _bracket(tok) -> bool:
    """A bracket escaped as a word (Penn Treebank text: "-LRB-", "-RRB-")."""
    return len(tok.text) > 2 and tok.text[0] == "-" and tok.text[-1] == "-"


def _measure(doc, start: int, head: int, lex: ClaimLexicon) -> str | None:
    words = " ".join(doc[k].lemma_.lower() for k in range(start, head + 1) if not doc[k].is_punct)
    if doc[head].lemma_.lower() in lex.measures or words in lex.measures:
        return words
    return None


def _counts_text(doc, fig: Figure, head: int, span) -> str:
    """The counted noun with its modifiers: the words between number and noun, then "of ...",
    coordinated nouns ("drones and decoys") and a list of participles ("killed, wounded, or captured")."""
    first = fig.end
    if doc[first].lower_ == "of":  # "Ten of the new deaths" counts "new deaths"
        first += 1
        while first < head and doc[first].dep_ in ("det", "poss"):
            first += 1
    elif first + 2 < head and doc[first].lower_ == "out" and doc[first + 1].lower_ == "of":  # "25 out of 27 ..."
        first += 3
    toks = [k for k in range(first, head + 1) if not (doc[k].is_punct and (k == fig.end or doc[k].whitespace_))]
    k = head + 1
    end = span.end
    if k < end and doc[k].lower_ == "of":
        phrase, h2 = _of_phrase(doc, k, end, allow_det=True)
        if phrase and doc[h2].pos_ == "NOUN" and h2 - k <= 4:
            toks += list(range(k, h2 + 1))
            k = h2 + 1
    # coordinated nouns: "drones and decoys", "soldiers and civilians"
    if k + 1 < end and doc[k].lower_ in ("and", "or"):
        j = k + 1
        while j < end and doc[j].pos_ == "ADJ":
            j += 1
        if j < end and doc[j].pos_ == "NOUN" and doc[j].tag_ == doc[head].tag_ and (doc[j].head.i == head or doc[j].dep_ == "conj"):
            toks += list(range(k, j + 1))
            k = j + 1
    # participles: "killed, wounded, or captured"
    j, parts = k, []
    while j < end and (doc[j].tag_ == "VBN" or (parts and doc[j].lower_ in (",", "and", "or"))):
        parts.append(j)
        j += 1
    while parts and doc[parts[-1]].tag_ != "VBN":
        parts.pop()
    if parts:
        toks += parts
    return _text(doc, toks)


def _text(doc, toks: list[int]) -> str:
    if not toks:
        return ""
    out = "".join(doc[k].text_with_ws for k in range(toks[0], toks[-1] + 1) if k in set(toks))
    out = _COMMA_CC.sub(r" \1", out)
    return _SPACES.sub(" ", out).strip(" ,;:-")


def _duration_token(doc, nxt, span, lex: ClaimLexicon):
    """The duration word right after the number ("30-day", "30 days"), or None."""
    k = nxt.i + 1 if nxt.text in ("-", "–") else nxt.i
    if k < span.end and doc[k].lemma_.lower() in lex.durations:
        return doc[k]
    return None


def _duration(doc, dur, span, lex: ClaimLexicon, fig: Figure) -> Reading | None:
    """A duration is a claim when it measures a ceasefire, a ban, a deadline ... (data/claims)."""
    cand = dur.head
    if dur.dep_ == "pobj":
        cand = dur.head.head
    for c in (cand, doc[dur.i + 1] if dur.i + 1 < span.end else None):
        if c is not None and c.pos_ == "NOUN" and c.lemma_.lower() in lex.duration_heads and c.i > dur.i - 6:
            mods = [k for k in range(dur.i + 1, c.i + 1) if doc[k].pos_ in ("ADJ", "NOUN") or k == c.i]
            if c.i > dur.i and all(doc[k].pos_ in ("ADJ", "NOUN", "PUNCT") for k in range(dur.i + 1, c.i)):
                counts = _text(doc, mods)
            else:
                counts = c.lemma_.lower()
            glued = dur.i == fig.end + 1 or (dur.i == fig.end and not doc[fig.end - 1].whitespace_)
            return Reading(dur.lemma_.lower(), counts, c.i, c.lemma_.lower(), False, dur.i + 1 if glued else None)
    return None


def _each(doc, fig: Figure, head: int | None, span) -> bool:
    """A share per side or party: "1,000 prisoners of war each", "75 detainees from each side",
    "each side will release 60 soldiers"."""
    stop = min(span.end, (head if head is not None else fig.end - 1) + 7)
    window = []
    for t in doc[fig.end:stop]:
        if t.text in (",", ";", "(") or t.like_num:
            break
        window.append(t.lower_)
    if any(w in _EACH for w in window) or any(a in ("a", "per") and b == "side" for a, b in zip(window, window[1:])):
        return True
    anchor = doc[head] if head is not None else doc[fig.end - 1]
    verb = anchor.head if anchor.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "appos") else None
    if verb is not None:
        for child in verb.children:
            if child.lower_ in _EACH or (child.dep_ in ("nsubj", "nsubjpass") and any(
                    g.lower_ == "each" and g.dep_ == "det" for g in child.children)):
                return True
    return False
