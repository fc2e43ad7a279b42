"""Claims and positions rows: written with each article's analysis, and the cross-document columns after."""
from __future__ import annotations

import sqlite3

from chronicle.store.db import insert_rows


def claim_rows(article_id: str, claims) -> list[dict]:
    return [{
        "article_id": article_id, "idx": i, "start_char": c.start_char, "end_char": c.end_char, "text": c.text,
        "value": c.value, "value_high": c.value_high, "bound": c.bound, "unit": c.unit, "counts": c.counts,
        "counts_head": c.counts_head, "claimant": c.claimant, "claimant_text": c.claimant_text, **_date(c.date),
        "modality": c.modality, "event_type": c.event_type, "each_side": int(c.each),
        "sentence_start": c.sentence_start, "sentence_end": c.sentence_end, "stage": c.stage,
    } for i, c in enumerate(claims)]


def position_rows(article_id: str, positions) -> list[dict]:
    return [{
        "article_id": article_id, "idx": i, "start_char": p.start_char, "end_char": p.end_char, "text": p.text,
        "stance": p.stance, "actor": p.actor, "actor_text": p.actor_text, "target": p.target,
        "target_head": p.target_head, "cue": p.cue, **_date(p.date), "sentence_start": p.sentence_start,
        "sentence_end": p.sentence_end, "stage": p.stage,
    } for i, p in enumerate(positions)]


def add_claims_and_positions(conn: sqlite3.Connection, article_id: str, claims, positions) -> None:
    """Replace one article's claims and positions (call inside the analysis transaction)."""
    conn.execute("DELETE FROM claims WHERE article_id = ?", (article_id,))
    conn.execute("DELETE FROM positions WHERE article_id = ?", (article_id,))
    insert_rows(conn, "claims", claim_rows(article_id, claims))
    insert_rows(conn, "positions", position_rows(article_id, positions))


def set_claim_groups(conn: sqlite3.Connection, groups: dict[tuple[str, int], tuple[str, bool]]) -> None:
    """(article_id, idx) -> (group key, disputed), for every claim (link.claims computes them)."""
    conn.execute("UPDATE claims SET group_key = NULL, disputed = 0")
    conn.executemany("UPDATE claims SET group_key = ?, disputed = ? WHERE article_id = ? AND idx = ?",
                     [(key, int(disputed), aid, idx) for (aid, idx), (key, disputed) in groups.items()])


def set_revisions(conn: sqlite3.Connection, revises: dict[tuple[str, int], str]) -> None:
    conn.execute("UPDATE positions SET revises = NULL")
    conn.executemany("UPDATE positions SET revises = ? WHERE article_id = ? AND idx = ?",
                     [(rid, aid, idx) for (aid, idx), rid in revises.items()])


def _date(d) -> dict:
    return {"date": d.value if d else None, "range_start": d.start.isoformat() if d else None,
            "range_end": d.end.isoformat() if d else None, "granularity": d.granularity.value if d else None}
