"""dateparser as a peer: ``search_dates`` with the publication date as RELATIVE_BASE."""
from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass


@dataclass
class PeerSpan:
    start: int
    end: int
    text: str
    when: dt.datetime


def dateparser_spans(text: str, base: dt.date) -> list[PeerSpan]:
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": dt.datetime(base.year, base.month, base.day), "PREFER_DATES_FROM": "past"}
    found = search_dates(text, languages=["en"], settings=settings) or []
    out, pos = [], 0
    for phrase, when in found:
        i = text.find(phrase, pos)
        if i == -1:
            i = text.find(phrase)
            if i == -1:
                continue
        else:
            pos = i + len(phrase)
        out.append(PeerSpan(i, i + len(phrase), phrase, when))
    return out


def timed(fn, items) -> tuple[list, float]:
    t0 = time.perf_counter()
    out = [fn(x) for x in items]
    return out, time.perf_counter() - t0
