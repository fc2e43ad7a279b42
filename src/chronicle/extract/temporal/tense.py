"""Tense of the clause that governs a time expression: from spaCy's parse, or a cheap heuristic.

The tense decides which way a bare weekday or month points ("are set to talk on Tuesday"
is the coming Tuesday, "talked on Tuesday" the last one). Each reading returns the tense
and the cue it was read from, so that ``explain`` can name it.
"""
from __future__ import annotations

import bisect
import functools
import re
import tomllib
from importlib import resources

PAST, PRESENT, FUTURE, UNKNOWN = "past", "present", "future", "unknown"
_CLAUSE_END = re.compile(r"(?<![ap]\.m)(?<!\b[ap]\.m\.)(?<!\b[A-Z])[.](?![a-z]\.)|[;\n]", re.IGNORECASE)
# A modal or a plan reported in the past: a reading, but one that gives no direction.
MODAL = "modal"


@functools.lru_cache(maxsize=1)
def _cues() -> dict:
    data = resources.files("chronicle.data").joinpath("temporal").joinpath("tense.toml").read_text("utf-8")
    cues = tomllib.loads(data)
    phrases = sorted(cues["future_phrases"] + cues["past_words"] + cues["modal_phrases"], key=len, reverse=True)
    cues["_scan"] = re.compile(
        r"(?<![\w'])(?:" + "|".join(re.escape(p) for p in phrases) + r")(?!\w)|\b\w{3,}ed\b", re.IGNORECASE
    )
    words = lambda key: "|".join(re.escape(w) for w in sorted(cues[key], key=len, reverse=True))  # noqa: E731
    cues["_ahead_prep"] = re.compile(rf"\b({words('ahead_prepositions')})\s+$", re.IGNORECASE)
    cues["_always_ahead"] = re.compile(rf"\b({words('always_ahead_words')})\s+$", re.IGNORECASE)
    cues["_deferred"] = re.compile(rf"\b({words('deferral_verbs')})\b(?:\s+[\w'’.-]+){{0,4}}?\s+(?:until|till|to)\s+$",
                                   re.IGNORECASE)
    cues["_future"] = set(cues["future_phrases"])
    cues["_modal"] = set(cues["modal_phrases"])
    cues["_not_past"] = set(cues["not_past"])
    return cues


class TenseReader:
    """Reads the tense at a character span of ``text``; uses ``doc`` (a spaCy Doc of text) when given."""

    def __init__(self, text: str, doc=None):
        self.text = text
        self.doc = doc
        self.cues = _cues()
        self._starts: list[int] | None = None

    def at(self, start: int, end: int) -> tuple[str, str]:
        found = UNKNOWN, ""
        if self.doc is not None:
            found = self._from_parse(start, end)
        if found[0] == UNKNOWN:
            found = self._from_words(start, end)
        return self._ahead(start, end, found)

    def _ahead(self, start: int, end: int, found: tuple[str, str]) -> tuple[str, str]:
        """A deadline or a date put off to points ahead: "closed until Monday", "pay by Friday" (unless the
        clause is past: "had filed by Wednesday"), "postponed until Tuesday", "effective Feb. 1" (issue 16)."""
        lo = max(0, start - 60)
        cues = self.cues
        if (m := cues["_always_ahead"].search(self.text, lo, start)) or (m := cues["_deferred"].search(self.text, lo, start)):
            return FUTURE, m.group().strip()
        if found[0] != PAST and (m := cues["_ahead_prep"].search(self.text, lo, start)):
            if m.group(1).lower() == "by" and self.text.startswith(("'s", "’s"), end):
                return found  # "helped by Monday's report": the agent of a passive, no deadline
            return FUTURE, m.group().strip()
        return found

    # -- with a parse -------------------------------------------------------------------------
    def _token_at(self, start: int):
        if self._starts is None:
            # One array call instead of a Token object per word: building Tokens was half the stage's time.
            self._starts = self.doc.to_array("IDX").tolist()
        i = bisect.bisect_right(self._starts, start) - 1
        return self.doc[max(i, 0)] if len(self.doc) else None

    def _from_parse(self, start: int, end: int) -> tuple[str, str]:
        tok = self._token_at(start)
        if tok is None:
            return UNKNOWN, ""
        # Climb from the expression to the verb that governs it.
        steps = 0
        while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i and steps < 6:
            tok = tok.head
            steps += 1
        if tok.pos_ not in ("VERB", "AUX"):
            return UNKNOWN, ""
        return self._verb_tense(tok)

    def _verb_tense(self, verb, depth: int = 0) -> tuple[str, str]:
        cues = self.cues
        if depth > 4:
            return UNKNOWN, ""
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        for a in auxes:
            if a.lower_ in cues["future_aux"] or a.lemma_ in ("will", "shall"):
                return FUTURE, f"{a.text} {verb.text}"
            if a.lower_ in cues["modal_aux"]:
                return MODAL, f"{a.text} {verb.text}"
        # "to talk" under "are set" / "plans" / "is due": follow the infinitive up to its head.
        if any(a.lower_ == "to" for a in auxes) and verb.head.i != verb.i:
            head = verb.head
            if head.lemma_.lower() in cues["future_heads"]:
                head_auxes = [a for a in head.children if a.dep_ in ("aux", "auxpass")]
                cue = " ".join([a.text for a in head_auxes] + [head.text, "to"])
                if any(a.tag_ == "VBD" or a.lower_ == "had" for a in head_auxes) or head.tag_ == "VBD":
                    return MODAL, cue  # "planned to meet Saturday": a past plan, either side of the article
                return FUTURE, cue
            return self._verb_tense(head, depth + 1) if head.pos_ in ("VERB", "AUX") else (UNKNOWN, "")
        if verb.tag_ == "VBN" and not auxes and verb.lemma_.lower() in cues["future_heads"]:
            return FUTURE, verb.text  # "scheduled for 1300 GMT"
        if verb.tag_ == "VBN" and verb.lemma_.lower() in cues["future_heads"]:
            # "is expected to close in February" points ahead; "was scheduled for Friday" either way.
            present = any(a.tag_ in ("VBZ", "VBP") for a in auxes)
            return (FUTURE if present else MODAL), " ".join([a.text for a in auxes] + [verb.text])
        for a in auxes:
            if a.tag_ == "VBD":
                return PAST, f"{a.text} {verb.text}"
            if a.lemma_ == "have" and verb.tag_ == "VBN":
                return PAST, f"{a.text} {verb.text}"
        if verb.tag_ == "VBD":
            return PAST, verb.text
        if verb.tag_ in ("VBZ", "VBP"):
            return PRESENT, verb.text
        if verb.tag_ == "VBG" and any(a.lemma_ == "be" for a in auxes):
            aux = next(a for a in auxes if a.lemma_ == "be")
            return (PAST if aux.tag_ == "VBD" else PRESENT), f"{aux.text} {verb.text}"
        if verb.tag_ == "VBN" and not auxes and verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            return PAST, verb.text  # a reduced passive relative, "the rules issued on Wednesday": done already
        if verb.tag_ in ("VBN", "VBG") and verb.head.i != verb.i and verb.dep_ in ("relcl", "acl", "advcl", "xcomp", "ccomp", "conj"):
            return self._verb_tense(verb.head, depth + 1) if verb.head.pos_ in ("VERB", "AUX") else (UNKNOWN, "")
        return UNKNOWN, ""

    # -- without a parse ----------------------------------------------------------------------
    def _from_words(self, start: int, end: int) -> tuple[str, str]:
        text = self.text
        # The clause ends at a full stop, a semicolon or a line break; not at the points of "a.m.", "p.m." or
        # an initial ("took effect at 6 a.m. on Sunday" is one clause).
        lo = 0
        for m in _CLAUSE_END.finditer(text, max(0, start - 400), start):
            lo = m.end()
        m = _CLAUSE_END.search(text, end)
        hi = m.start() if m is not None else len(text)
        best, best_dist = (UNKNOWN, ""), None
        future_before = None
        for m in self.cues["_scan"].finditer(text, lo, start):
            if m.group().lower() in self.cues["_future"] or m.group().lower() in self.cues["_modal"]:
                future_before = m.group()
        if future_before is not None:  # "will be named ... in December": the modal governs the clause
            return (MODAL if future_before.lower() in self.cues["_modal"] else FUTURE), future_before
        for m in self.cues["_scan"].finditer(text, lo, hi):
            if start <= m.start() < end:
                continue
            word = m.group().lower()
            if word.endswith("ed") and word in self.cues["_not_past"]:
                continue
            dist = start - m.end() if m.end() <= start else m.start() - end
            if best_dist is None or dist < best_dist:
                tense = FUTURE if word in self.cues["_future"] else MODAL if word in self.cues["_modal"] else PAST
                best, best_dist = (tense, m.group()), dist
        return best
