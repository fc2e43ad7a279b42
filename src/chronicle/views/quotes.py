"""The ``quotes --json`` shape: one row per quote per article, with its quotation across outlets.

CONTRACT fields: speaker, speaker_text, text, kind, cue, article, published, start, end.
Added: outlet, sentence (the sentence(s) holding the quote, with sentence_start, its
offset in the article), quotation (id of the merged quotation), carried_by (every
article carrying it) and first_seen ({article, published}).
"""
from __future__ import annotations

import sqlite3

_PRONOUNS = {"he", "she", "they", "it", "i", "we", "him", "her", "them", "you"}


def speaker_aliases(conn: sqlite3.Connection) -> dict[str, set[str]]:
    """Canonical speaker -> lower-case names it goes by (its speaker texts and entity mentions)."""
    aliases: dict[str, set[str]] = {}
    for r in conn.execute("SELECT DISTINCT speaker, speaker_text FROM quotes WHERE speaker IS NOT NULL"):
        names = aliases.setdefault(r["speaker"], {r["speaker"].lower()})
        if r["speaker_text"] and r["speaker_text"].lower() not in _PRONOUNS:
            names.add(r["speaker_text"].lower())
    speakers = list(aliases)
    for i in range(0, len(speakers), 500):
        chunk = speakers[i:i + 500]
        for r in conn.execute(
            f"SELECT DISTINCT entity, text FROM mentions WHERE entity IN ({','.join('?' * len(chunk))})", chunk
        ):
            aliases[r["entity"]].add(r["text"].lower())
    return aliases


def quotes_view(conn: sqlite3.Connection, speaker: str | None = None) -> list[dict]:
    """Quotes ordered by publication date, optionally for one speaker (name or alias, any case)."""
    wanted: set[str] | None = None
    if speaker is not None:
        key = speaker.strip().lower()
        wanted = {name for name, names in speaker_aliases(conn).items() if key in names}
        if not wanted:
            return []
    rows = conn.execute(
        "SELECT q.article_id, q.idx, q.start_char, q.end_char, q.text, q.kind, q.speaker, q.speaker_text, q.cue, "
        "a.published, a.published_start, a.outlet, a.seq, a.text AS article_text, qs.quotation_id "
        "FROM quotes q JOIN articles a ON a.id = q.article_id "
        "LEFT JOIN quotation_spans qs ON qs.article_id = q.article_id AND qs.idx = q.idx "
        "ORDER BY a.published_start IS NULL, a.published_start, a.seq, q.start_char"
    ).fetchall()
    if wanted is not None:
        rows = [r for r in rows if r["speaker"] in wanted]
    carriers = _carriers(conn, {r["quotation_id"] for r in rows if r["quotation_id"] is not None})
    sentences = _sentences(conn, {r["article_id"] for r in rows})
    out = []
    for r in rows:
        s0, s1 = _around(sentences.get(r["article_id"], []), r["start_char"], r["end_char"])
        q = carriers.get(r["quotation_id"])
        out.append({
            "speaker": r["speaker"], "speaker_text": r["speaker_text"], "text": r["text"], "kind": r["kind"],
            "cue": r["cue"], "article": r["article_id"], "published": r["published"],
            "start": r["start_char"], "end": r["end_char"], "outlet": r["outlet"],
            "sentence": r["article_text"][s0:s1], "sentence_start": s0,
            "quotation": r["quotation_id"],
            "carried_by": q["articles"] if q else [r["article_id"]],
            "first_seen": q["first_seen"] if q else {"article": r["article_id"], "published": r["published"]},
        })
    return out


def _carriers(conn: sqlite3.Connection, ids: set[int]) -> dict[int, dict]:
    out: dict[int, dict] = {}
    ids_list = list(ids)
    for i in range(0, len(ids_list), 500):
        chunk = ids_list[i:i + 500]
        marks = ",".join("?" * len(chunk))
        for r in conn.execute(f"SELECT id, first_article, first_published FROM quotations WHERE id IN ({marks})", chunk):
            out[r["id"]] = {"articles": [], "first_seen": {"article": r["first_article"], "published": r["first_published"]}}
        for r in conn.execute(
            f"SELECT DISTINCT qs.quotation_id, qs.article_id FROM quotation_spans qs JOIN articles a ON a.id = qs.article_id "
            f"WHERE qs.quotation_id IN ({marks}) ORDER BY a.published_start IS NULL, a.published_start, a.seq", chunk
        ):
            if r["article_id"] not in out[r["quotation_id"]]["articles"]:
                out[r["quotation_id"]]["articles"].append(r["article_id"])
    return out


def _sentences(conn: sqlite3.Connection, article_ids: set[str]) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {}
    ids = list(article_ids)
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for r in conn.execute(
            f"SELECT article_id, start_char, end_char FROM sentences WHERE article_id IN ({','.join('?' * len(chunk))}) "
            "ORDER BY article_id, idx", chunk
        ):
            out.setdefault(r["article_id"], []).append((r["start_char"], r["end_char"]))
    return out


def _around(sentences: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The span of the sentences that overlap [start, end), or the quote itself."""
    hits = [(a, b) for a, b in sentences if a < end and b > start]
    if not hits:
        return start, end
    return min(start, hits[0][0]), max(end, hits[-1][1])
