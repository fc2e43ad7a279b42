"""Untrusted text in CommonMark that reads well raw: escaped only where it would otherwise be markup.

The brief's Markdown puts article text (headlines, quoted sentences, titles) in inline positions:
after "# ", "- ", "1. ". There a backslash before every ``.``, ``-`` and ``(`` (issue 17) is
noise; what must be escaped is what CommonMark would read as markup: emphasis, code, links and
images, inline HTML and entities, a hard line break (a trailing backslash), a heading's closing
``#``, and a block marker at the very start (``#``, ``>``, ``-``, ``+``, ``1.``). A bracket
is markup only as part of a link (``](``, ``][``, ``]:``; no link is ever defined), so "[Putin]
wants" stays as written. Text comes out on one line, so no block structure can be smuggled in.
"""
from __future__ import annotations

import re

_INLINE = re.compile(r"([\\`*_<>~]|\](?=[(\[:]))|&(?=#?\w+;)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1b\x7f]")  # never meant in news text; CommonMark turns NUL into U+FFFD
_BLOCK_START = re.compile(r"^(?:[#+-]|\d{1,9}(?=[.)]))")


def md_inline(text: str) -> str:
    """``text`` on one line, for an inline position in CommonMark: markup characters escaped, the
    rest as written.

    >>> md_inline("Trump (R.) said: the U.S.-Russia talks - 2025.")
    'Trump (R.) said: the U.S.-Russia talks - 2025.'
    >>> md_inline("<script>alert(1)</script> *bold* [link](x) [Putin] &amp;")
    '\\\\<script\\\\>alert(1)\\\\</script\\\\> \\\\*bold\\\\* [link\\\\](x) [Putin] \\\\&amp;'
    >>> md_inline("# 1. not a heading #")
    '\\\\# 1. not a heading \\\\#'
    """
    text = " ".join(_CONTROL.sub("", text).split())
    out = _INLINE.sub(lambda m: "\\" + (m.group(1) or "&"), text)
    out = re.sub(r"(#+)$", lambda m: "\\" + m.group(1), out)  # "Title #": not a closing sequence
    match = _BLOCK_START.match(out)
    if match:  # "1. x" or "- x" at the start would open a list, "#" a heading (">" is escaped above)
        cut = match.end() if match.group(0)[0].isdigit() else 0
        out = out[:cut] + "\\" + out[cut:]
    return out
