"""Near-duplicate detection: MinHash over word shingles, LSH bands, exact verification.

A syndicated copy differs by a headline, a dateline, a trailing paragraph or small
edits. Texts are compared after their wire credits are stripped; a pair is a copy when
its word 5-shingle Jaccard similarity is at least JACCARD, or when the shorter text's
shingles are at least CONTAINMENT inside the longer one (a reprint with a paragraph
added or cut). LSH (BANDS x ROWS) only proposes candidates; the decision is exact.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np

from chronicle.link.wire import strip_wire

SHINGLE = 5
NUM_PERM = 126
BANDS, ROWS = 42, 3
JACCARD = 0.6
CONTAINMENT = 0.8
MIN_SHINGLES = 12  # below this, only identical shingle sets count as copies
MIN_CONTAINED = 40  # containment needs a real body: boilerplate stubs are contained in everything
MIN_SIZE_RATIO = 0.3  # a short brief inside a long live blog is not a reprint of it

_MERSENNE = np.uint64((1 << 61) - 1)
_rng = np.random.RandomState(20250318)
_A = _rng.randint(1, 1 << 32, size=NUM_PERM, dtype=np.uint64)
_B = _rng.randint(0, 1 << 32, size=NUM_PERM, dtype=np.uint64)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Fingerprint:
    shingles: frozenset[int]
    bands: tuple[tuple[int, int], ...]  # (band number, signed 64-bit hash)
    wire: str | None


def shingles(text: str, k: int = SHINGLE) -> frozenset[int]:
    words = _WORD.findall(text.lower())
    if len(words) < k:
        grams = [" ".join(words)] if words else []
    else:
        grams = [" ".join(words[i : i + k]) for i in range(len(words) - k + 1)]
    return frozenset(int.from_bytes(hashlib.blake2b(g.encode(), digest_size=4).digest(), "little") for g in grams)


def fingerprint(text: str) -> Fingerprint:
    body, wire = strip_wire(text)
    sh = shingles(body)
    if not sh:
        return Fingerprint(sh, (), wire)
    values = np.fromiter(sh, dtype=np.uint64)
    with np.errstate(over="ignore"):
        sig = ((np.outer(_A, values) + _B[:, None]) % _MERSENNE).min(axis=1)
    bands = []
    for b in range(BANDS):
        chunk = sig[b * ROWS : (b + 1) * ROWS].tobytes()
        bands.append((b, int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "little", signed=True)))
    return Fingerprint(sh, tuple(bands), wire)


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
