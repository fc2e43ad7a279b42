"""Claims across articles: figures that measure the same thing form a group, disputed when their
values cannot all be true; a position revises the same actor's earlier stance on the same matter.

Same thing: the same counted family (data/claims: "prisoner", "detainee" and "POW" are one; people
counted in a prisoner exchange are prisoners), unit and share (per side or in all), the same phase
(what was agreed or planned is not what happened: "agreed to exchange 120 prisoners" and
"exchanged 150 prisoners" are two groups), and dates that overlap. A group is disputed when two of
its figures do not agree within their bounds ("over 100" and "120" agree; "150" and "120" do not).
"""
from __future__ import annotations

import math
import sqlite3
from collections import defaultdict

from chronicle.extract.claims.lexicon import load_lexicon
from chronicle.store.claims import set_claim_groups, set_revisions

_ABOUT = 0.1  # "about 100" allows 90 to 110


def claim_id(article_id: str, idx: int) -> str:
    return f"{article_id}-c{idx}"


def position_id(article_id: str, idx: int) -> str:
    return f"{article_id}-p{idx}"


def interval(value: float, high: float | None, bound: str) -> tuple[float, float]:
    """The values a figure allows: "over 68,000" -> (68000+, inf); "about 100" -> (90, 110)."""
    if bound == "range" and high is not None:
        return value, high
    if bound in ("more_than", "at_least"):
        return (math.nextafter(value, math.inf) if bound == "more_than" else value), math.inf
    if bound in ("at_most", "less_than"):
        return 0.0, (math.nextafter(value, -math.inf) if bound == "less_than" else value)
    if bound == "about":
        return value * (1 - _ABOUT), value * (1 + _ABOUT)
    return value, value


def agree(a: tuple, b: tuple) -> bool:
    """Two figures (value, value_high, bound) agree when the values they allow overlap."""
    if a[2] == "tally" or b[2] == "tally":
        return a[0] == b[0] and a[1] == b[1]
    lo1, hi1 = interval(*a)
    lo2, hi2 = interval(*b)
    return lo1 <= hi2 and lo2 <= hi1


def group_claims(rows: list[dict]) -> dict[tuple[str, int], tuple[str, bool]]:
    """(article_id, idx) -> (group key, disputed) for every claim row. Independent of row order."""
    lex = load_lexicon()
    buckets: dict[tuple, list[dict]] = defaultdict(list)
    out: dict[tuple[str, int], tuple[str, bool]] = {}
    for r in rows:
        head = r["counts_head"]
        family = lex.families.get(head, head) if head else None
        if head in lex.person_nouns and r["event_type"] in lex.event_families:
            family = lex.event_families[r["event_type"]]
        if family is None or r["range_start"] is None:
            out[(r["article_id"], r["idx"])] = (claim_id(r["article_id"], r["idx"]), False)
            continue
        phase = "planned" if r["modality"] in lex.planned else "actual"
        buckets[(family, r["unit"], phase, bool(r["each_side"]))].append(r)
    for members in buckets.values():
        members.sort(key=lambda r: (r["range_start"], r["range_end"], r["article_id"], r["idx"]))
        clusters: list[list[dict]] = []
        end = ""
        for r in members:  # dates that overlap, chained
            if clusters and r["range_start"] <= end:
                clusters[-1].append(r)
                end = max(end, r["range_end"])
            else:
                clusters.append([r])
                end = r["range_end"]
        for cluster in clusters:
            first = min(cluster, key=lambda r: (r["published_start"] or "", r["article_id"], r["idx"]))
            key = claim_id(first["article_id"], first["idx"])
            figures = [(r["value"], r["value_high"], r["bound"]) for r in cluster]
            disputed = any(not agree(a, b) for i, a in enumerate(figures) for b in figures[i + 1:])
            for r in cluster:
                out[(r["article_id"], r["idx"])] = (key, disputed)
    return out


def revisions(rows: list[dict]) -> dict[tuple[str, int], str]:
    """(article_id, idx) -> id of the same actor's latest earlier position on the same target with
    another stance. Rows carry ``actor`` (store-wide), ``target_head``, ``stance`` and ``day``."""
    by_key: dict[tuple, list[dict]] = defaultdict(list)
    for r in rows:
        if r["target_head"] and r["day"]:
            by_key[(r["actor"], r["target_head"])].append(r)
    out = {}
    for members in by_key.values():
        members.sort(key=lambda r: (r["day"], r["article_id"], r["idx"]))
        for i, r in enumerate(members):
            earlier = [m for m in members[:i] if m["day"] < r["day"]]
            if earlier and earlier[-1]["stance"] != r["stance"]:
                out[(r["article_id"], r["idx"])] = position_id(earlier[-1]["article_id"], earlier[-1]["idx"])
    return out


def actor_names(conn: sqlite3.Connection) -> dict[str, str]:
    """In-article actor name -> store-wide entity name (an alias two entities share maps nowhere)."""
    try:
        return {r[0]: r[1] for r in conn.execute(
            "SELECT a.alias, MIN(e.name) FROM entity_aliases a JOIN entities e ON e.id = a.entity_id "
            "GROUP BY a.alias HAVING COUNT(DISTINCT e.name) = 1")}
    except sqlite3.OperationalError:  # a store without the entities tables
        return {}


def link_claims(conn: sqlite3.Connection) -> tuple[int, int]:
    """Group every stored claim and link every position's revision. Returns (groups, revisions)."""
    rows = [dict(r) for r in conn.execute(
        "SELECT c.article_id, c.idx, c.value, c.value_high, c.bound, c.unit, c.counts_head, c.event_type, "
        "c.modality, c.each_side, c.range_start, c.range_end, a.published_start "
        "FROM claims c JOIN articles a ON a.id = c.article_id")]
    groups = group_claims(rows)
    set_claim_groups(conn, groups)
    names = actor_names(conn)
    prows = [dict(r) for r in conn.execute(
        "SELECT p.article_id, p.idx, p.actor, p.target_head, p.stance, "
        "COALESCE(p.range_start, a.published_start) AS day FROM positions p JOIN articles a ON a.id = p.article_id")]
    for r in prows:
        r["actor"] = names.get(r["actor"], r["actor"])
    revised = revisions(prows)
    set_revisions(conn, revised)
    return len({k for k, _ in groups.values()}), len(revised)
