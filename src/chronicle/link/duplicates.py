"""Duplicate marking across articles: which stored article a new one copies (a syndicated reprint).

A syndicated copy differs by a headline, a dateline, a trailing paragraph or small
edits. Texts are compared after their wire credits are stripped (chronicle.text.fingerprint);
a pair is a copy when its word 5-shingle Jaccard similarity is at least JACCARD, or when the
shorter text's shingles are at least CONTAINMENT inside the longer one (a reprint with a
paragraph added or cut). LSH bands only propose candidates; the decision here is exact.
"""
from __future__ import annotations

import sqlite3

from chronicle.store import articles as rows
from chronicle.text.fingerprint import Fingerprint, shingles
from chronicle.text.wire import strip_wire

JACCARD = 0.6
CONTAINMENT = 0.8
MIN_SHINGLES = 12  # below this, only identical shingle sets count as copies
MIN_CONTAINED = 40  # containment needs a real body: boilerplate stubs are contained in everything
MIN_SIZE_RATIO = 0.3  # a short brief inside a long live blog is not a reprint of it


def similarity(a: frozenset[int], b: frozenset[int]) -> tuple[float, float]:
    """(Jaccard, containment of the smaller set in the larger)."""
    if not a or not b:
        return 0.0, 0.0
    inter = len(a & b)
    return inter / len(a | b), inter / min(len(a), len(b))


def is_copy(a: frozenset[int], b: frozenset[int]) -> tuple[bool, float]:
    """Whether two shingle sets are copies of one text, and the score that decided it."""
    if min(len(a), len(b)) < MIN_SHINGLES:
        return (a == b and bool(a)), float(a == b)
    jac, cont = similarity(a, b)
    small, large = sorted((len(a), len(b)))
    contained = cont >= CONTAINMENT and small >= MIN_CONTAINED and small >= MIN_SIZE_RATIO * large
    return (jac >= JACCARD or contained), (max(jac, cont) if contained else jac)


def mark_duplicate(conn: sqlite3.Connection, article_id: str, fp: Fingerprint) -> bool:
    """Link a just-stored article to the copies it matches (call inside the transaction that stored
    it); the earliest-published copy becomes the original. True when ``article_id`` is a copy."""
    if not fp.bands:
        return False
    roots: dict[str, float] = {}
    for row in rows.copy_candidates(conn, article_id, fp.bands):
        match, score = is_copy(fp.shingles, shingles(strip_wire(row["text"])[0]))
        if match:
            roots[row["root"]] = max(score, roots.get(row["root"], 0.0))
    if not roots:
        return False
    original = rows.publication_order(conn, [article_id, *roots])[0]
    rows.set_copy_group(conn, article_id, original, roots, max(roots.values()))
    return original != article_id
