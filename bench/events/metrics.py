"""Coreference metrics of the reference CoNLL scorer: MUC, B-cubed, CEAF-e and their mean (CoNLL F1).

Clusters are dicts mention -> cluster id. Key and response may hold different mentions
(predicted mentions): a key mention missing from the response counts against recall, a
response mention missing from the key against precision, as the reference scorer does.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping

import numpy as np

Clustering = Mapping[Hashable, Hashable]


def _groups(clusters: Clustering) -> list[set]:
    out: dict = defaultdict(set)
    for m, c in clusters.items():
        out[c].add(m)
    return list(out.values())


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def muc(key: Clustering, response: Clustering) -> tuple[float, float, float]:
    def recall(k_groups, other: Clustering) -> float:
        num = den = 0
        for g in k_groups:
            parts = {other.get(m, ("missing", m)) for m in g}
            num += len(g) - len(parts)
            den += len(g) - 1
        return num / den if den else 0.0

    r, p = recall(_groups(key), response), recall(_groups(response), key)
    return p, r, _f1(p, r)


def b_cubed(key: Clustering, response: Clustering) -> tuple[float, float, float]:
    k_of = {m: g for g in _groups(key) for m in g}
    r_of = {m: g for g in _groups(response) for m in g}

    def score(of_a, of_b) -> float:
        if not of_a:
            return 0.0
        return sum(len(g & of_b.get(m, set())) / len(g) for m, g in of_a.items()) / len(of_a)

    r, p = score(k_of, r_of), score(r_of, k_of)
    return p, r, _f1(p, r)


def ceaf_e(key: Clustering, response: Clustering) -> tuple[float, float, float]:
    from scipy.optimize import linear_sum_assignment

    ks, rs = _groups(key), _groups(response)
    if not ks or not rs:
        return 0.0, 0.0, 0.0
    rindex: dict = defaultdict(list)
    for j, g in enumerate(rs):
        for m in g:
            rindex[m].append(j)
    sim = np.zeros((len(ks), len(rs)))
    for i, g in enumerate(ks):
        for j in {j for m in g for j in rindex.get(m, ())}:
            sim[i, j] = 2 * len(g & rs[j]) / (len(g) + len(rs[j]))
    rows, cols = linear_sum_assignment(-sim)
    total = sim[rows, cols].sum()
    r, p = total / len(ks), total / len(rs)
    return p, r, _f1(p, r)


def conll(key: Clustering, response: Clustering) -> dict[str, float]:
    """{"muc", "b3", "ceafe", "conll"}: F1 of each metric and their mean."""
    scores = {"muc": muc(key, response)[2], "b3": b_cubed(key, response)[2], "ceafe": ceaf_e(key, response)[2]}
    scores["conll"] = sum(scores.values()) / 3
    return scores
