"""Merge the same quote reprinted by several outlets into one quotation.

Two quotes are one quotation when their normalised words are equal (short quotes must
also share the speaker: "fake news" from two people is two quotations) or, for quotes of
six words or more, when one contains at least 80 % of the other's word 4-grams and their
speakers do not disagree. The first-seen copy (earliest publication date, then ingest
order) gives the quotation its text and date; every article keeps its own span.

    >>> fingerprint("“These attacks,” he said.")
    'these attacks he said'
"""
from __future__ import annotations

import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
SHORT_WORDS = 6
SHINGLE = 4
MIN_CONTAINMENT = 0.8


def fingerprint(text: str) -> str:
    """Lower-case words only: punctuation, quotation marks and spacing never matter."""
    return " ".join(w.replace("’", "'") for w in _WORD.findall(text.lower()))


@dataclass(frozen=True, slots=True)
class QuoteRow:
    article_id: str
    idx: int
    text: str
    kind: str
    speaker: str | None
    published_start: str | None  # first day of the article's publication date, for ordering
    published: str | None
    seq: int


@dataclass(frozen=True, slots=True)
class Quotation:
    fingerprint: str
    text: str
    kind: str
    speaker: str | None
    first_article: str
    first_published: str | None
    members: tuple[QuoteRow, ...]  # first-seen first


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + SHINGLE]) for i in range(max(len(words) - SHINGLE + 1, 1))}


def merge_quotes(rows: Iterable[QuoteRow]) -> list[Quotation]:
    """Group quotes into quotations. Independent of input order."""
    rows = sorted(rows, key=lambda r: (r.published_start is None, r.published_start or "", r.seq, r.article_id, r.idx))
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    prints = [fingerprint(r.text) for r in rows]
    exact: dict[tuple, int] = {}
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    shingles: list[set] = []
    for i, (row, fp) in enumerate(zip(rows, prints)):
        words = fp.split()
        key = (fp,) if len(words) >= SHORT_WORDS else (fp, row.speaker)
        if key in exact:
            union(exact[key], i)
        else:
            exact[key] = i
        sh = _shingles(words) if len(words) >= SHORT_WORDS else set()
        shingles.append(sh)
        candidates = Counter(j for s in sh for j in index[s])
        for j, common in candidates.items():
            if common / min(len(sh), len(shingles[j])) >= MIN_CONTAINMENT and _speakers_agree(rows[i], rows[j]):
                union(i, j)
        for s in sh:
            index[s].append(i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(rows)):
        groups[find(i)].append(i)
    out = []
    for members in groups.values():
        members.sort()
        first = rows[members[0]]
        speakers = Counter(rows[m].speaker for m in members if rows[m].speaker)
        out.append(Quotation(
            fingerprint=prints[members[0]], text=first.text, kind=first.kind,
            speaker=speakers.most_common(1)[0][0] if speakers else None,
            first_article=first.article_id, first_published=first.published,
            members=tuple(rows[m] for m in members),
        ))
    out.sort(key=lambda q: (q.members[0].published_start is None, q.members[0].published_start or "",
                            q.members[0].seq, q.members[0].idx))
    return out


def _speakers_agree(a: QuoteRow, b: QuoteRow) -> bool:
    return a.speaker is None or b.speaker is None or a.speaker == b.speaker


def link_quotes(conn: sqlite3.Connection) -> int:
    """Rebuild the quotations tables from every stored quote (call inside a transaction).

    Returns the number of quotations. Idempotent: the same quotes give the same rows.
    """
    from chronicle.store.db import insert_rows

    rows = [
        QuoteRow(r["article_id"], r["idx"], r["text"], r["kind"], r["speaker"], r["published_start"], r["published"],
                 r["seq"])
        for r in conn.execute(
            # a described speaker ("officials") neither splits nor names a quotation: only names do
            "SELECT q.article_id, q.idx, q.text, q.kind, "
            "CASE WHEN q.speaker_kind = 'described' THEN NULL ELSE q.speaker END AS speaker, "
            "a.published_start, a.published, a.seq "
            "FROM quotes q JOIN articles a ON a.id = q.article_id"
        )
    ]
    quotations = merge_quotes(rows)
    conn.execute("DELETE FROM quotation_spans")
    conn.execute("DELETE FROM quotations")
    insert_rows(conn, "quotations", [
        {"id": n, "fingerprint": q.fingerprint, "text": q.text, "kind": q.kind, "speaker": q.speaker,
         "first_article": q.first_article, "first_published": q.first_published, "articles": len({m.article_id for m in q.members})}
        for n, q in enumerate(quotations, start=1)
    ])
    insert_rows(conn, "quotation_spans", [
        {"quotation_id": n, "article_id": m.article_id, "idx": m.idx}
        for n, q in enumerate(quotations, start=1) for m in q.members
    ])
    return len(quotations)
