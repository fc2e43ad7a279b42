"""Wire datelines and credits: "MOSCOW, March 18 (Reuters) -", "— AP", "(Reporting by ...)".

Reprints of a wire story differ mostly in these lines, so they are stripped before
texts are compared, and the agency they name is kept as the article's wire.
"""
from __future__ import annotations

import functools
import re
import tomllib
from importlib import resources


@functools.lru_cache(maxsize=1)
def _rules():
    data = tomllib.loads(resources.files("chronicle.data").joinpath("wire.toml").read_text(encoding="utf-8"))
    alias_to_agency = {}
    for agency, names in data["agencies"].items():
        for name in names:
            alias_to_agency[name] = agency
    names = "|".join(sorted((re.escape(n) for n in alias_to_agency), key=len, reverse=True))
    dateline = re.compile(
        r"\A[A-Z][A-Za-z .,'’-]{1,60}?(?:,\s*[A-Z][a-z]{2,9}\.? \d{1,2})?\s*\((" + names + r")\)\s*[-—–]+\s*"
    )
    # Any agency in a classic dateline: an upper-case place, optional date, "(Agency) -".
    generic = re.compile(
        r"\A[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][A-Za-z .'’-]{1,30}?)?(?:,\s*[A-Z][a-z]{2,9}\.? \d{1,2})?"
        r"\s*\(([A-Z][\w&.’' -]{1,40})\)\s*[-—–]+\s*"
    )
    credit_tail = re.compile(r"(?:\n|\s)[—–-]+\s*(" + names + r")\.?\s*\Z")
    paren_credit = re.compile(r"\((" + names + r")\)")
    trailers = [re.compile(p, re.M) for p in data["trailers"]["patterns"]]
    return alias_to_agency, dateline, generic, credit_tail, paren_credit, trailers


def strip_wire(text: str) -> tuple[str, str | None]:
    """Return (text without dateline and credits, agency name or None)."""
    alias_to_agency, dateline, generic, credit_tail, paren_credit, trailers = _rules()
    agency = None
    m = dateline.match(text)
    if m:
        agency = alias_to_agency[m.group(1)]
        text = text[m.end():]
    elif m := generic.match(text):
        agency = m.group(1).strip()
        text = text[m.end():]
    m = credit_tail.search(text)
    if m:
        agency = agency or alias_to_agency[m.group(1)]
        text = text[: m.start()]
    if agency is None:
        m = paren_credit.search(text[:400])
        if m:
            agency = alias_to_agency[m.group(1)]
    lines = text.split("\n")
    while lines and (not lines[-1].strip() or any(p.match(lines[-1].strip()) for p in trailers)):
        lines.pop()
    return "\n".join(lines), agency
