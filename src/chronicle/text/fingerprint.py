"""An article's fingerprint, per article and pure: word shingles and MinHash LSH bands of its
text without wire credits, and the wire agency it names.

A syndicated copy differs by a headline, a dateline, a trailing paragraph or small
edits, so texts are fingerprinted after their wire credits are stripped. LSH (BANDS x ROWS)
only proposes candidate copies; the decision (chronicle.link.duplicates) is exact.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np

from chronicle.text.wire import strip_wire

SHINGLE = 5
NUM_PERM = 126
BANDS, ROWS = 42, 3

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
