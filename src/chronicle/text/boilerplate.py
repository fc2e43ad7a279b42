"""Boilerplate lines in article bodies (promos, link blocks, captions, share bars, bylines):
which lines they are, why, and the cleaned text, keeping what was cut so it can be restored.

Rules are data (``data/text/boilerplate.toml``); this module applies them line by line, a
line being stripped only when a rule's pattern matches the whole line and the line is no
longer than that rule allows, so a news sentence that merely mentions a newsletter or a
photo survives. The result keeps each cut with its position in the original text:

    >>> cleaned = strip_boilerplate("Talks resumed on Monday.\\nAdvertisement\\nBoth sides met.")
    >>> cleaned.text
    'Talks resumed on Monday.\\nBoth sides met.'
    >>> [(s.line, s.reason) for s in cleaned.stripped]
    [('Advertisement', 'advertisement')]
    >>> restore_text(cleaned.text, cleaned.stripped) == "Talks resumed on Monday.\\nAdvertisement\\nBoth sides met."
    True
"""
from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, replace
from importlib import resources

STAGE = "text.boilerplate.v5"


@dataclass(frozen=True, slots=True)
class Stripped:
    """One cut: ``text`` is the exact characters removed (the line with the line break(s) that
    went with it), starting at ``start_char`` in the original text."""

    start_char: int
    text: str
    reason: str

    @property
    def line(self) -> str:
        return self.text.strip("\n")


@dataclass(frozen=True, slots=True)
class Cleaned:
    text: str
    stripped: tuple[Stripped, ...] = ()


@dataclass(frozen=True, slots=True)
class _Rule:
    reason: str
    pattern: re.Pattern
    max_words: int
    where: str  # any, edge or last
    # The same patterns for an ASCII line, cheaper: those that open with ".{0,N}\bword ..." need that
    # word in the line (gated: (word, pattern)); the others are one alternation (ungated, or None).
    ungated: re.Pattern | None = None
    gated: tuple[tuple[tuple[str, ...], re.Pattern], ...] = ()

    def fullmatch(self, key: str) -> bool:
        """``self.pattern.fullmatch(key)``, as a truth value."""
        if not key.isascii():
            return self.pattern.fullmatch(key) is not None
        if self.ungated is not None and self.ungated.fullmatch(key):
            return True
        if self.gated:
            low = key.lower()
            return any(any(w in low for w in words) and p.fullmatch(key) for words, p in self.gated)
        return False


# ".{0,160}\bdelivered (straight )?to your ..." or ".{0,100}\b(tap|click) here": the word after the
# opening wildcard and word boundary (one of a group's words), which any line the pattern matches holds.
_OPENING = re.compile(r"^(?:\.\*|\.\{0,\d+\})\\b")
_LITERAL = re.compile(r"[a-z0-9 ,'-]*")


def _literal(text: str) -> str:
    """The plain letters ``text`` opens with, less a last one a quantifier makes optional."""
    word = _LITERAL.match(text).group(0)
    if text[len(word):len(word) + 1] in ("?", "*", "{"):
        word = word[:-1]
    return word


def _gate(pattern: str) -> tuple[str, ...] | None:
    """Words one of which a line needs for ``pattern`` to match it, or None (a top-level "|", an
    opening that is no plain word)."""
    m = _OPENING.match(pattern)
    if m is None or _top_level_bar(pattern):
        return None
    rest = pattern[m.end():]
    if rest.startswith("(") and not rest.startswith("(?"):
        close = _group_end(rest)
        if close is None or rest[close + 1:close + 2] in ("?", "*", "{"):
            return None
        words = tuple(_literal(alt) for alt in _split_bars(rest[1:close]))
    else:
        words = (_literal(rest),)
    return words if all(len(w.strip()) >= 3 for w in words) else None


def _group_end(text: str) -> int | None:
    """Index of the ")" closing the group ``text`` opens with."""
    depth, i, in_class = 0, 0, False
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return None


def _split_bars(text: str) -> list[str]:
    """``text`` cut at its "|" outside brackets and groups."""
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(text[start:i])
            start = i + 1
        i += 1
    parts.append(text[start:])
    return parts


def _top_level_bar(pattern: str) -> bool:
    return len(_split_bars(pattern)) > 1


def _rule(reason: str, patterns: list[str], max_words: int, where: str) -> _Rule:
    gated = tuple((words, re.compile(p, re.I)) for p in patterns if (words := _gate(p)) is not None)
    rest = [p for p in patterns if _gate(p) is None]
    ungated = re.compile("|".join(f"(?:{p})" for p in rest), re.I) if rest else None
    return _Rule(reason, re.compile("|".join(f"(?:{p})" for p in patterns), re.I), max_words, where, ungated, gated)


@dataclass(frozen=True, slots=True)
class _Rules:
    rules: tuple[_Rule, ...]
    edge_lines: int
    block_reason: str
    block_heading: re.Pattern
    item_max_words: int
    max_items: int
    prefixes: tuple[tuple[str, re.Pattern], ...]  # (reason, pattern matched at a raw line's start)
    comments_reason: str = "comments"
    comment_signatures: tuple[re.Pattern, ...] = ()  # searched in each line key; see [comments]
    min_signatures: int = 0
    comment_gate: tuple[str, ...] = ("by", "abuse")  # a signature line holds one of these


@functools.lru_cache(maxsize=1)
def _rules() -> _Rules:
    raw = resources.files("chronicle.data").joinpath("text").joinpath("boilerplate.toml").read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    rules = tuple(_rule(r["reason"], r["patterns"], int(r.get("max_words", 30)), r.get("where", "any"))
                  for r in data["rule"])
    block = data["related_block"]
    heading = re.compile("|".join(f"(?:{p})" for p in block["headings"]), re.I)
    prefixes = tuple((r["reason"], re.compile("|".join(f"(?:{p})" for p in r["patterns"])))
                     for r in data.get("prefix", []))
    comments = data.get("comments", {})
    signatures = tuple(re.compile(p, re.I) for p in comments.get("signatures", ()))
    return _Rules(rules, int(data.get("edge_lines", 3)), block["reason"], heading,
                  int(block["item_max_words"]), int(block["max_items"]), prefixes,
                  comments.get("reason", "comments"), signatures, int(comments.get("min_signatures", 0)),
                  tuple(comments.get("gate", ("by", "abuse"))))


# Pre-tokenised corpora (Penn Treebank style, as Timeline17) space out punctuation and
# bracket tokens; the match key undoes that so that one pattern serves both.
_PTB = {"\\/": "/", "-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}", "``": '"', "''": '"'}
_PTB_RE = re.compile("|".join(re.escape(k) for k in _PTB))
_SPACE_BEFORE = re.compile(r"\s+([.,:;!?)\]}%]|n't\b|'s\b|'re\b|'ll\b|'ve\b|'d\b|'m\b)")
_SPACE_AFTER = re.compile(r"([(\[{$])\s+")
_FINAL = tuple('.!?:;,"”’\'»)')


def line_key(line: str) -> str:
    """The form of a line the rules see: tokeniser spacing undone, outer spaces trimmed."""
    key = _PTB_RE.sub(lambda m: _PTB[m.group(0)], line)
    key = _SPACE_AFTER.sub(r"\1", _SPACE_BEFORE.sub(r"\1", key))
    return key.strip()


def classify_line(line: str, *, at_edge: bool = True, last: bool = True) -> str | None:
    """The reason a line is boilerplate, or None. ``at_edge``: the line is among the first or last
    few of its text; ``last``: it is the text's last line."""
    key = line_key(line)
    if not key:
        return None
    words = len(key.split())
    for rule in _rules().rules:
        if words > rule.max_words or (rule.where == "edge" and not at_edge) or (rule.where == "last" and not last):
            continue
        if rule.fullmatch(key):
            return rule.reason
    return None


def _is_link_item(key: str, max_words: int) -> bool:
    return bool(key) and len(key.split()) <= max_words and not key.endswith(_FINAL)


def find_boilerplate(lines: list[str]) -> dict[int, str]:
    """Line number -> reason for every boilerplate line among ``lines`` (one text's lines)."""
    rules = _rules()
    content = [i for i, ln in enumerate(lines) if ln.strip()]
    edge = set(content[: rules.edge_lines]) | set(content[-rules.edge_lines :])
    found: dict[int, str] = {}
    for i in content:
        reason = classify_line(lines[i], at_edge=i in edge, last=i == content[-1])
        if reason:
            found[i] = reason
    thread = _comment_thread(lines, content, rules)
    for i in thread:
        found[i] = rules.comments_reason
    for i in content:
        if i not in found and rules.block_heading.fullmatch(line_key(lines[i])):
            items = _link_block(lines, i, rules)
            if items:
                for j in (i, *items):
                    found.setdefault(j, rules.block_reason)
    return found


def _comment_thread(lines: list[str], content: list[int], rules: _Rules) -> list[int]:
    """The lines of a readers' comment thread: from the first line holding a comment signature to
    the end, when the text holds at least ``min_signatures`` of them (boilerplate.toml [comments])."""
    if not rules.comment_signatures or rules.min_signatures <= 0:
        return []
    first, count = None, 0
    for i in content:
        low = lines[i].lower()
        if not any(word in low for word in rules.comment_gate):
            continue  # every signature holds one of the gate's words: a cheap gate
        key = line_key(lines[i])  # a signature may match two patterns (its poster, its abuse link): once
        n = max(len(p.findall(key)) for p in rules.comment_signatures)
        if n and first is None:
            first = i
        count += n
    if first is None or count < rules.min_signatures:
        return []
    return [i for i in content if i >= first]


def _link_block(lines: list[str], head: int, rules: _Rules) -> list[int]:
    """The link lines under a "Related stories" heading: consecutive short headline-like lines
    (one blank line allowed after the heading); a line that a long paragraph follows directly
    is the article's own subheading and ends the block."""
    items: list[int] = []
    j = head + 1
    if j < len(lines) and not lines[j].strip():
        j += 1
    while j < len(lines) and len(items) < rules.max_items:
        key = line_key(lines[j])
        if not _is_link_item(key, rules.item_max_words):
            break
        nxt = line_key(lines[j + 1]) if j + 1 < len(lines) else ""
        if nxt and not _is_link_item(nxt, rules.item_max_words) and classify_line(lines[j + 1], at_edge=False, last=False) is None:
            break
        items.append(j)
        j += 1
        if not nxt:
            break
    return items


def find_prefixes(lines: list[str], skip: dict[int, str] | None = None) -> dict[int, tuple[int, str]]:
    """Line number -> (length, reason) of a boilerplate credit opening a line that goes on
    with text of its own ("Photograph: Name/AFP Two new cases ..."); lines in ``skip`` go whole."""
    out: dict[int, tuple[int, str]] = {}
    for i, line in enumerate(lines):
        if skip and i in skip:
            continue
        for reason, pattern in _rules().prefixes:
            m = pattern.match(line)
            if m and m.end() < len(line.rstrip()):
                out[i] = (m.end(), reason)
                break
    return out


def strip_boilerplate(text: str) -> Cleaned:
    """Remove boilerplate from normalised text (``\\n`` line breaks, blank lines between
    paragraphs). A run of cut lines goes with the line breaks on its shorter side, so that the
    longer break (a paragraph's) stays and no blank lines pile up; a credit fused with the text
    after it goes alone. When every line would go, nothing is cut: a text that is all
    boilerplate is left for the reader to judge, not emptied."""
    lines = text.split("\n")
    found = find_boilerplate(lines)
    if len(found) == sum(1 for ln in lines if ln.strip()):
        return Cleaned(text)
    prefixes = find_prefixes(lines, found)
    if not found and not prefixes:
        return Cleaned(text)
    starts, pos = [], 0
    for ln in lines:
        starts.append(pos)
        pos += len(ln) + 1
    cuts: list[Stripped] = [Stripped(starts[i], text[starts[i] : starts[i] + n], reason)
                            for i, (n, reason) in prefixes.items()]
    for run in _runs(sorted(found), lines):
        s, e = starts[run[0]], starts[run[-1]] + len(lines[run[-1]])
        before = len(text[:s]) - len(text[:s].rstrip("\n"))
        after = len(text[e:]) - len(text[e:].lstrip("\n"))
        if before and (before < after or not after):
            s -= before
        else:
            e += after
        bounds = [s, *(starts[i] for i in run[1:]), e]
        cuts.extend(Stripped(bounds[n], text[bounds[n] : bounds[n + 1]], found[i]) for n, i in enumerate(run))
    cuts.sort(key=lambda c: c.start_char)
    out, pos = [], 0
    for cut in cuts:
        out.append(text[pos : cut.start_char])
        pos = cut.start_char + len(cut.text)
    out.append(text[pos:])
    return Cleaned("".join(out), tuple(cuts))


def _runs(found: list[int], lines: list[str]) -> list[list[int]]:
    """Cut lines grouped into runs that only blank lines separate."""
    runs: list[list[int]] = []
    for i in found:
        if runs and all(not lines[k].strip() for k in range(runs[-1][-1] + 1, i)):
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def restore_text(text: str, stripped: tuple[Stripped, ...] | list[Stripped]) -> str:
    """The original text from a cleaned one and its cuts (the inverse of :func:`strip_boilerplate`)."""
    out, pos, removed = [], 0, 0
    for cut in sorted(stripped, key=lambda s: s.start_char):
        at = cut.start_char - removed
        out.append(text[pos:at])
        out.append(cut.text)
        pos = at
        removed += len(cut.text)
    out.append(text[pos:])
    return "".join(out)


def strip_document(doc):
    """A :class:`~chronicle.text.document.Document` with its body cleaned and its cuts attached
    (a document already cleaned is returned as it is: cuts refer to one original text)."""
    if doc.stripped:
        return doc
    cleaned = strip_boilerplate(doc.text)
    return replace(doc, text=cleaned.text, stripped=cleaned.stripped) if cleaned.stripped else doc
