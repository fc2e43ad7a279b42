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
    cues["_longest"] = max(map(len, phrases)) if phrases and all(phrases) else None  # None: no shortcut (tense.py _Scan)
    return cues


_NON_WORD = re.compile(r"\W")
_FAR = 5000  # a time expression this far into a text with no clause end in the 400 characters before it
_RESYNC_SPAN = 200  # how far back a non-word character is looked for (else: no shortcut)


class _Scan:
    """The cue matches of a whole text, scanned once, for :meth:`TenseReader._from_words` far into a long
    text: without a clause end in the 400 characters before a time expression its clause starts at the
    text's start, and each reading rescanned the text from there (quadratic on a long article).

    A scan of ``text`` from 0 that stops at ``stop`` finds the same matches as the scan of the whole
    text up to any position ``safe`` from which no attempt looks at ``stop`` or beyond: an attempt at p
    reads at most the longest phrase and one character more, or its word up to the first non-word
    character. :meth:`prefix` finds such a position; the caller scans on from the end of the last match
    before it, as the stopped scan would have, and reads the matches before it from per-match tables."""

    def __init__(self, text: str, cues: dict) -> None:
        future, modal, not_past = cues["_future"], cues["_modal"], cues["_not_past"]
        self.starts, self.ends = [], []
        self.last_future: list[int] = []  # per match: index of the last future or modal match so far, or -1
        self.last_kept: list[int] = []  # per match: index of the last match that is no "not past" word, or -1
        self.groups: list[str] = []
        self.tenses: list[str] = []
        future_at = kept_at = -1
        for k, m in enumerate(cues["_scan"].finditer(text)):
            group = m.group()
            word = group.lower()
            if word in future or word in modal:
                future_at = k
            if not (word.endswith("ed") and word in not_past):
                kept_at = k
            self.starts.append(m.start())
            self.ends.append(m.end())
            self.groups.append(group)
            self.tenses.append(FUTURE if word in future else MODAL if word in modal else PAST)
            self.last_future.append(future_at)
            self.last_kept.append(kept_at)

    def prefix(self, text: str, stop: int, longest: int) -> tuple[int, int] | None:
        """(k, resume): the first k matches are those of the scan stopped at ``stop`` that start before a
        safe position, and that scan goes on at ``resume``; None when no safe position is near."""
        q = stop - longest - 3
        floor = max(q - _RESYNC_SPAN, 0)
        while q >= floor and not _NON_WORD.match(text, q):
            q -= 1
        if q < floor:
            return None
        k = bisect.bisect_left(self.starts, q + 1)  # matches that start at or before the non-word character
        return k, (self.ends[k - 1] if k else 0)


class TenseReader:
    """Reads the tense at a character span of ``text``; uses ``doc`` (a spaCy Doc of text) when given."""

    def __init__(self, text: str, doc=None):
        self.text = text
        self.doc = doc
        self.cues = _cues()
        self._starts: list[int] | None = None
        self._scan: _Scan | None = None

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
        resume = lo
        shortcut = None
        if lo == 0 and start > _FAR and self.cues["_longest"] is not None:
            if self._scan is None:
                self._scan = _Scan(text, self.cues)
            shortcut = self._scan.prefix(text, start, self.cues["_longest"])
        if shortcut is not None:  # the matches before the safe position, from the whole text's scan
            k, resume = shortcut
            scanned = self._scan
            if k and scanned.last_future[k - 1] >= 0:
                future_before = scanned.groups[scanned.last_future[k - 1]]
        for m in self.cues["_scan"].finditer(text, resume, start):
            if m.group().lower() in self.cues["_future"] or m.group().lower() in self.cues["_modal"]:
                future_before = m.group()
        if future_before is not None:  # "will be named ... in December": the modal governs the clause
            return (MODAL if future_before.lower() in self.cues["_modal"] else FUTURE), future_before
        if shortcut is not None and k and scanned.last_kept[k - 1] >= 0:
            # they all end before ``start``: the nearest is the last one kept
            j = scanned.last_kept[k - 1]
            best, best_dist = (scanned.tenses[j], scanned.groups[j]), start - scanned.ends[j]
        for m in self.cues["_scan"].finditer(text, resume, hi):
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
