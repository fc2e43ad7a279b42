"""Event dates: the time expression that governs a trigger in the parse, else a fallback.

Order of evidence (docs/events.md):
1. ``attached``: a calendar time expression syntactically attached to the trigger, to a
   word that governs it in the same clause, or inside the trigger's own phrase
   ("Tuesday's phone call", "met on February 18");
2. ``sentence``: the nearest calendar time expression in the same sentence;
3. ``antecedent``: an undated definite mention ("the call") takes the date of the event it
   refers back to (:mod:`chronicle.extract.events.anaphora`);
4. ``published``: the publication date, only for reports in the present tense (the article's
   present: "Russia launches ...", "is holding talks");
5. no date: ``undated`` for a past report with no time expression (it happened on or before
   publication, nothing more is known), ``background`` when cues say it recalls history
   ("Initially, ...", the pluperfect, a paragraph about 2014).
The granularity of the time expression is kept: "in August 2024" stays a month.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from chronicle.dates import DateValue, Granularity
from chronicle.records import Timex

# Walking up from a time expression stops at these parts of speech: the word it modifies.
_STOP_POS = ("VERB", "AUX")
# Dependencies that open a new clause: an attachment does not cross them upward from the trigger.
_CLAUSAL = ("ccomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj")
# Nor downward into the content of what was said or another event's clause: "said (that) the
# exchange took place on Tuesday" dates the exchange, not the saying. Relative and participial
# clauses ("the call, which took place on Tuesday"; "talks held on Monday") describe the trigger
# itself and may date it.
_OTHER_CLAUSE = ("ccomp", "advcl", "conj", "parataxis", "csubj")


@dataclass(frozen=True, slots=True)
class Dating:
    value: DateValue | None  # None for undated and background reports
    source: str  # attached, sentence, antecedent, published, undated, background
    explain: str
    timex: Timex | None = None


# "since 2022", "until March", "before Friday" bound an event rather than date it; and
# "a day after <event>" counts from another event, not from the text's anchor.
_BOUNDING_WORDS = ("since", "until", "till", "before", "after", "by", "from", "through")
_BOUNDING_MODS = ("BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN")
_VAGUE = (Granularity.DECADE, Granularity.CENTURY)  # "a century ago" places no event on a timeline
# "from March 3 to 5", "between May 1 and 4", "from Monday through Wednesday": a range, which
# its first date starts; the second only ends it.
_RANGE_OPEN = ("from", "between")
_RANGE_JOIN = re.compile(r"\s*(?:to|through|until|till|and|-|–)\s*", re.IGNORECASE)


def _range_ends(timexes: list[Timex], text: str, start: int) -> tuple[set[int], set[int]]:
    """Start offsets of the time expressions that open a range, and of those that close one."""
    opens, closes = set(), set()
    ordered = sorted(timexes, key=lambda t: t.start_char)
    for a, b in zip(ordered, ordered[1:]):
        before = text[max(start, a.start_char - 9) : a.start_char].split()
        if before and before[-1].lower() in _RANGE_OPEN and _RANGE_JOIN.fullmatch(text[a.end_char : b.start_char]):
            opens.add(a.start_char)
            closes.add(b.start_char)
    return opens, closes


def calendar_timexes(timexes, start: int, end: int, text: str = "") -> list[Timex]:
    """Time expressions inside [start, end) that date an event: calendar values, not bounds
    ("since 2022") nor the end of a range ("from March 3 to 5" is dated by March 3)."""
    inside = [t for t in timexes if start <= t.start_char and t.end_char <= end]
    opens, closes = _range_ends(inside, text, start) if text else (set(), set())
    out = []
    for t in inside:
        if t.date is None or t.mod in _BOUNDING_MODS or t.start_char in closes:
            continue
        if t.date.granularity in _VAGUE:
            continue
        before = text[max(start, t.start_char - 8) : t.start_char].split()
        if before and before[-1].lower() in _BOUNDING_WORDS and t.start_char not in opens:
            continue
        if t.text.split()[-1].lower() in ("after", "before"):
            continue
        out.append(t)
    return out


def attachment(doc, timex: Timex, stops: set[int], own_date: frozenset[str] = frozenset()):
    """The token a time expression modifies: up from its root to the first verb or trigger, or to a
    noun of ``own_date`` (a happening of its own: "death in June 2009")."""
    span = doc.char_span(timex.start_char, timex.end_char, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    if own_date and (noun := _after_own_date(doc, span.start, own_date)) is not None:
        return noun  # "death in June 2009", however the parser hung the "in"
    tok = span.root.head
    while (tok.pos_ not in _STOP_POS and tok.i not in stops and tok.head.i != tok.i
           and not _own_date(tok, own_date)):
        tok = tok.head
    return tok


def _after_own_date(doc, start: int, own_date: frozenset[str]):
    """The noun of ``own_date`` whose phrase ends right before the preposition that opens a time
    expression at token ``start`` ("the singer's death | in June 2009", "the death of a patient | on
    Monday"), or None."""
    if start < 2 or doc[start - 1].pos_ != "ADP" or doc[start - 1].lower_ not in ("in", "on", "at"):
        return None
    tok = doc[start - 2]
    while True:
        if _own_date(tok, own_date):
            return tok if tok.right_edge.i == start - 2 else None
        if tok.pos_ not in ("NOUN", "PROPN", "ADP", "DET", "PART", "ADJ", "NUM") or tok.head.i == tok.i:
            return None
        tok = tok.head


def _own_date(tok, own_date: frozenset[str]) -> bool:
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in own_date


def governs(anchor, trigger, own_date: frozenset[str] = frozenset()) -> int | None:
    """How closely ``anchor`` (a time expression's attachment) governs ``trigger``: smaller is closer.

    0: the same word; 1: the trigger is above it ("the call on Tuesday");
    2+: the anchor is above the trigger within one clause ("set to engage in talks on Tuesday").
    None when it does not, or when the anchor is another happening's noun (``own_date``).
    """
    if anchor is None:
        return None
    if anchor.i == trigger.i:
        return 0
    if _own_date(anchor, own_date):
        return None  # "on trial ... following Jackson's death in June 2009": the death's date
    if trigger.is_ancestor(anchor):
        tok = anchor
        while tok.i != trigger.i:
            if tok.dep_ in _OTHER_CLAUSE:
                return None
            if tok.dep_ in ("relcl", "acl") and tok.head.i != trigger.i:
                return None  # "mediate the war, which began in 2022": the clause describes the war
            tok = tok.head
        return 1
    steps, tok = 0, trigger
    while tok.head.i != tok.i:
        if tok.dep_ in _CLAUSAL:
            return None
        tok, steps = tok.head, steps + 1
        if tok.i == anchor.i:
            return 1 + steps
    return None


def in_record(trigger, records: frozenset[str]) -> bool:
    """Whether the trigger names what a record is of ("released a memo of the call on Wednesday",
    "aired footage of the attack"): a noun of ``records`` (cues.toml ``dating.record_nouns``) stands
    between it and its clause's verb, so the clause's date is the record's, not the event's."""
    if not records or trigger.pos_ not in ("NOUN", "PROPN"):
        return False
    tok = trigger
    while tok.head.i != tok.i and tok.pos_ not in ("VERB", "AUX"):
        tok = tok.head
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in records:
            return True
    return False


def date_event(doc, trigger, timexes: list[Timex], stops: set[int], *, published: DateValue | None,
               tense: str, background: bool, trigger_text: str, own_date: frozenset[str] = frozenset(),
               records: frozenset[str] = frozenset()) -> Dating | None:
    """Choose the date of the event named by ``trigger`` in its sentence (see module docstring);
    ``own_date``: nouns of happenings whose dates are their own (cues.toml ``dating.own_date_nouns``);
    ``records``: nouns of records of a happening, dated by their own making (:func:`in_record`)."""
    if in_record(trigger, records):
        # only a date written into its own noun phrase, before it ("the July 25 call", "Monday's
        # attack"); one after it ("a memo of the call on Wednesday") may as well date the record
        timexes = [t for t in timexes if t.end_char <= trigger.idx
                   and governs(attachment(doc, t, stops, own_date), trigger, own_date) == 0]
        if not timexes and tense == "past" and published is not None:  # only a date of its own dates it
            return Dating(None, "undated", f"no date of its own in the sentence (a record of it is dated): "
                                           f"on or before {published.value}, the article's publication")
    scored = []
    for t in timexes:
        anchor = attachment(doc, t, stops, own_date)
        closeness = governs(anchor, trigger, own_date)
        if closeness and _premodifies(t, anchor, stops):
            continue  # "a complaint about a July 25 phone call": the date is the call's
        if closeness is not None:
            scored.append((closeness, abs(t.start_char - trigger.idx), t))
    if scored:
        _, _, t = min(scored, key=lambda s: (s[0], s[1]))
        return Dating(t.date, "attached", f"'{t.text}' governs '{trigger_text}': {t.explain}", t)
    # A date that modifies the sentence's main verb ("On June 14, Putin laid out ...") frames
    # the whole sentence; one inside another clause ("since the war began in 2022") does not.
    framing = [t for t in timexes if (a := attachment(doc, t, stops, own_date)) is not None and a.dep_ == "ROOT"]
    if framing and _in_main_clause(trigger):
        t = min(framing, key=lambda x: abs(x.start_char - trigger.idx))
        return Dating(t.date, "sentence", f"'{t.text}' dates the sentence's main clause: {t.explain}", t)
    if published is None:
        return None
    if tense == "present" and not background:
        return Dating(published, "published",
                      f"no date in the sentence; reported in the present tense, the article's present ({published.value})")
    if tense == "past" and background:
        return Dating(None, "background", f"no date in the sentence; recalled as history (on or before "
                                          f"{published.value}, the article's publication)")
    if tense == "past":
        return Dating(None, "undated", f"no date in the sentence; reported as past: on or before {published.value}, "
                                       "the article's publication, and no more is known")
    return None


def _premodifies(timex: Timex, anchor, stops: set[int]) -> bool:
    """Whether the time expression is written before another event's noun, inside its phrase ("a
    July 25 phone call", "Monday's attack"): it dates that event, not one above it."""
    return (anchor is not None and anchor.i in stops and anchor.pos_ in ("NOUN", "PROPN")
            and anchor.left_edge.idx <= timex.start_char and timex.end_char <= anchor.idx)


_FRAMED_NOT = ("conj", "parataxis", "ccomp", "relcl", "acl", "advcl", "csubj")


def _in_main_clause(trigger) -> bool:
    """Whether the trigger sits in the sentence's main clause, which a framing date covers
    ("The war began in February 2022, but tensions date back to the ousting of ..." does not
    date the ousting)."""
    tok = trigger
    while tok.head.i != tok.i:
        if tok.dep_ in _FRAMED_NOT:
            return False
        tok = tok.head
    return True


def attached_triggers(doc, timexes: list[Timex], triggers) -> set[int]:
    """Token indices of the triggers that some time expression attaches to."""
    stops = {tr.token.i for tr in triggers}
    out = set()
    for t in timexes:
        anchor = attachment(doc, t, stops)
        for tr in triggers:
            if governs(anchor, tr.token) is not None and governs(anchor, tr.token) <= 1:
                out.add(tr.token.i)
    return out
