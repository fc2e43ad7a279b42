"""Quotation marks: pair them into quoted regions, paragraph-aware, without a parser.

Double marks (straight ``"``, curly ``“ ”``, guillemets) are paired first. News style
continues a quote over paragraphs by opening each new paragraph with a mark and closing
only the last one, so a region may cross a line break when the next paragraph opens
with a mark. Single marks (``' ‘ ’``) count as quotation marks only at a word edge, so
apostrophes ("Russia’s", "we’ll", "Biden's") never open or close a quote.

An opening mark that never closes in its paragraph (and is not continued) skips that
region with diagnostic QUO001; a closing mark with no opening gives QUO002. Neither
ever aborts the article.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from chronicle.errors import Diagnostic, message

OPEN_DOUBLE = "“«„"
CLOSE_DOUBLE = "”»"
STRAIGHT_DOUBLE = '"'
_DOUBLE = re.compile(r'["“”«»„]|\n')
_SINGLE = re.compile(r"['‘’]")
# Characters that may stand right before an opening mark / right after a closing one.
_BEFORE_OPEN = set(" \t\n([{—–-/:;,“\"«")
_AFTER_CLOSE = set(" \t\n.,;:!?)]}—–-/”\"»…")


@dataclass(frozen=True, slots=True)
class QuotedRegion:
    """Characters ``open`` and ``close`` are the marks; the content lies between them."""

    open: int
    close: int
    single: bool = False

    @property
    def content(self) -> tuple[int, int]:
        return self.open + 1, self.close


def _straight_role(text: str, i: int) -> str:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before in _BEFORE_OPEN and after not in _AFTER_CLOSE:
        return "open"
    if after in _AFTER_CLOSE or before.isalnum() or before in ".,!?;:…":
        return "close"
    return "open"


# A transcript's speaker label after a stray mark at a paragraph's start ('"PENCE: Well, ...'):
# copied transcripts open every turn with a mark and close none, so it quotes nothing.
_LABEL = re.compile(r'["“]\s*[A-Z][A-Z.\'’-]+(?: [A-Z][A-Z.\'’-]+){0,2}:\s')


def _transcript_label(text: str, i: int) -> bool:
    return (i == 0 or text[i - 1] == "\n") and _LABEL.match(text, i) is not None


def _next_paragraph_opens(text: str, newline: int) -> int | None:
    """Index of the opening mark that starts the next paragraph, if it starts with one."""
    j = newline
    n = len(text)
    while j < n and text[j].isspace():
        j += 1
    if j < n and (text[j] in OPEN_DOUBLE or text[j] == STRAIGHT_DOUBLE) and not _transcript_label(text, j):
        return j
    return None


_MARK = re.compile(r'["“”«»„]')
_SOON_LINES = 3  # line breaks a quote may cross to reach its closing mark (no opening mark between)
_SOON_CHARS = 800  # and the most characters it may then hold


def _closes_soon(text: str, newline: int, opened: int) -> bool:
    """Whether the next quotation mark after a line break is a closing one, a few short lines on:
    copy set one sentence to a line ("`` This is a lesson for us .\nWe will take measures ... ''")
    breaks a quote where no paragraph ends."""
    m = _MARK.search(text, newline)
    if m is None or m.start() - opened > _SOON_CHARS or text.count("\n", newline, m.start()) >= _SOON_LINES:
        return False
    ch = text[m.start()]
    return ch in CLOSE_DOUBLE or (ch == STRAIGHT_DOUBLE and _straight_role(text, m.start()) == "close")


def find_double_regions(text: str, diagnostics: list[Diagnostic] | None = None) -> list[QuotedRegion]:
    """Pair double quotation marks; unbalanced ones are reported and skipped."""
    out: list[QuotedRegion] = []
    diags = diagnostics if diagnostics is not None else []
    inside: int | None = None
    skip_to = -1
    for m in _DOUBLE.finditer(text):
        i = m.start()
        if i < skip_to:
            continue
        ch = text[i]
        if ch == "\n":
            if inside is None:
                continue
            cont = _next_paragraph_opens(text, i)
            if cont is not None:
                skip_to = cont + 1  # the continuation mark belongs to the open quote
                continue
            if _closes_soon(text, i, inside):
                continue  # one sentence a line (tokenised copy): the quote goes on to its closing mark
            diags.append(_unclosed(inside, i))
            inside = None
            continue
        if inside is None and _transcript_label(text, i):
            continue
        role = _straight_role(text, i) if ch == STRAIGHT_DOUBLE else ("open" if ch in OPEN_DOUBLE else "close")
        if role == "close" and inside is None and (i == 0 or text[i - 1] == "\n") and text[i + 1:i + 2].isalnum():
            role = "open"  # a paragraph opened with a closing mark (seen in web copy)
        if inside is None:
            if role == "open":
                inside = i
            else:
                diags.append(Diagnostic(code="QUO002", message=message("QUO002", start=i),
                                        stage="chronicle.quotes", start_char=i, end_char=i + 1))
        elif role == "close" or ch == STRAIGHT_DOUBLE:
            out.append(QuotedRegion(inside, i))
            inside = None
        else:  # a second opening mark before the first closed
            diags.append(_unclosed(inside, i))
            inside = i
    if inside is not None:
        diags.append(_unclosed(inside, len(text)))
    return out


def _unclosed(start: int, end: int) -> Diagnostic:
    return Diagnostic(code="QUO001", message=message("QUO001", start=start),
                      stage="chronicle.quotes", start_char=start, end_char=end)


def find_single_regions(text: str, taken: list[QuotedRegion]) -> list[QuotedRegion]:
    """Pair single marks used as quotation marks, outside the double-quoted regions."""
    blocked_starts = [r.open for r in taken]  # ordered, non-overlapping
    opens: list[int] = []
    closes: list[int] = []
    n = len(text)
    for m in _SINGLE.finditer(text):
        i = m.start()
        k = bisect_right(blocked_starts, i) - 1
        if k >= 0 and i <= taken[k].close:
            continue
        ch = text[i]
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < n else " "
        if ch in "'‘" and before in _BEFORE_OPEN and (after.isalnum() or after in "([…$£€"):
            opens.append(i)
        elif ch in "'’" and not before.isspace() and after in _AFTER_CLOSE:
            closes.append(i)
    out: list[QuotedRegion] = []
    ci = 0
    last_close = -1
    for o in opens:
        if o <= last_close:
            continue
        while ci < len(closes) and closes[ci] <= o + 1:
            ci += 1
        if ci >= len(closes):
            break
        c = closes[ci]
        if "\n" in text[o:c]:
            continue
        out.append(QuotedRegion(o, c, single=True))
        last_close = c
        ci += 1
    return out


_DOUBLED = re.compile(r"''|``")


def _fold_doubled(text: str) -> str:
    """Read ``''`` and ````` `` ````` (typewriter-style double quotes, common in NYT copy) as one mark.

    Same length as ``text``: the pair becomes a mark plus a filler on the side away from
    the quoted words, so region offsets still index the original text.
    """
    if "''" not in text and "``" not in text:
        return text

    def fold(m: re.Match) -> str:
        after = text[m.end():m.end() + 1]
        opening = m.group() == "``" or (after != "" and (after.isalnum() or after in "([$“"))  # "" is in every string
        # A curly mark, whose side is known: in tokenised copy (Penn Treebank style, as Timeline17's)
        # a space stands between the mark and the words (`` We have come ... ''), so a straight
        # mark there would be read by what is beside it, and the opening one taken for a closing one.
        return "\x01“" if opening else "”\x01"

    return _DOUBLED.sub(fold, text)


def find_quoted_regions(text: str, diagnostics: list[Diagnostic] | None = None) -> list[QuotedRegion]:
    """Every quoted region of ``text``, in order, outermost only."""
    text = _fold_doubled(text)
    doubles = find_double_regions(text, diagnostics)
    singles = find_single_regions(text, doubles)
    regions = sorted(doubles + singles, key=lambda r: (r.open, -r.close))
    outer: list[QuotedRegion] = []
    for r in regions:
        if outer and r.close <= outer[-1].close:
            continue  # nested inside the previous region
        if outer and r.open < outer[-1].close:
            continue  # overlapping: keep the first
        if r.close - r.open < 2:
            continue
        outer.append(r)
    return outer
