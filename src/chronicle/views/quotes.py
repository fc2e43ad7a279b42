"""The ``quotes --json`` shape: one row per quote per article, with its quotation across outlets.

CONTRACT fields: speaker, speaker_text, text, kind, cue, article, published, start, end.
``speaker`` is the store-wide entity name when the entities step merged the in-article
name into one (so "Zelenskyy" and "Zelensky" quotes group together).
Added: outlet, sentence (the sentence(s) holding the quote, with sentence_start, its
offset in the article), quotation (id of the merged quotation), carried_by (every
article carrying it) and first_seen ({article, published}).
"""
from __future__ import annotations

import sqlite3

from chronicle.store.db import in_chunks

_PRONOUNS = {"he", "she", "they", "it", "i", "we", "him", "her", "them", "you"}


def store_names(conn: sqlite3.Connection) -> tuple[dict[str, str], dict[str, set[str]]]:
    """(in-article name -> cross-document entity name, entity name -> its aliases), from link_entities.

    A quote's speaker is the canonical name within its article; the entities tables say
    which store-wide entity that name was merged into ("Zelenskyy" and "Zelensky" are one).
    """
    to_entity: dict[str, str] = {}
    aliases: dict[str, set[str]] = {}
    try:
        rows = conn.execute(
            "SELECT e.name, e.type, a.alias FROM entity_aliases a JOIN entities e ON e.id = a.entity_id"
        ).fetchall()
    except sqlite3.OperationalError:  # a store without the entities tables
        return to_entity, aliases
    claimed: dict[str, set[str]] = {}
    for r in rows:
        claimed.setdefault(r["alias"], set()).add(r["name"])
        aliases.setdefault(r["name"], {r["name"].lower()}).add(r["alias"].lower())
    for alias, names in claimed.items():
        if len(names) == 1:  # an alias two entities share ("Clinton") maps nowhere
            to_entity[alias] = next(iter(names))
    return to_entity, aliases


def speaker_aliases(conn: sqlite3.Connection, to_entity: dict[str, str] | None = None,
                    entity_aliases: dict[str, set[str]] | None = None) -> dict[str, set[str]]:
    """Speaker (as shown) -> lower-case names it goes by: its in-article names, speaker texts, entity aliases."""
    if to_entity is None or entity_aliases is None:
        to_entity, entity_aliases = store_names(conn)
    out: dict[str, set[str]] = {}
    for r in conn.execute("SELECT DISTINCT speaker, speaker_text FROM quotes WHERE speaker IS NOT NULL"):
        name = to_entity.get(r["speaker"], r["speaker"])
        names = out.setdefault(name, {name.lower()} | entity_aliases.get(name, set()))
        names.add(r["speaker"].lower())
        if r["speaker_text"] and r["speaker_text"].lower() not in _PRONOUNS:
            names.add(r["speaker_text"].lower())
    return out


def quotes_view(conn: sqlite3.Connection, speaker: str | None = None) -> list[dict]:
    """Quotes ordered by publication date, optionally for one speaker (name or alias, any case).

    Each article's text is read once (not once per quote: on Timeline17 that was 80,000
    reads of whole articles) and the sentence around each quote is cut from it; a speaker
    filter is applied in SQL on the raw speaker names.
    """
    to_entity, entity_aliases = store_names(conn)
    where, params = "", []
    if speaker is not None:
        key = speaker.strip().lower()
        wanted = {name for name, names in speaker_aliases(conn, to_entity, entity_aliases).items() if key in names}
        raw = [r[0] for r in conn.execute("SELECT DISTINCT speaker FROM quotes WHERE speaker IS NOT NULL")
               if to_entity.get(r[0], r[0]) in wanted]
        if not raw:
            return []
        where = f"WHERE q.speaker IN ({','.join('?' * len(raw))}) "
        params = raw
    rows = conn.execute(
        "SELECT q.article_id, q.idx, q.start_char, q.end_char, q.text, q.kind, q.speaker, q.speaker_text, q.cue, "
        "a.published, a.outlet, qs.quotation_id, "
        # The sentence holding the quote's start, and the one holding its end (index seeks).
        "(SELECT s.start_char FROM sentences s WHERE s.article_id = q.article_id AND s.start_char <= q.start_char "
        " ORDER BY s.start_char DESC LIMIT 1) AS s0, "
        "(SELECT s.end_char FROM sentences s WHERE s.article_id = q.article_id AND s.start_char < q.end_char "
        " ORDER BY s.start_char DESC LIMIT 1) AS s1 "
        "FROM quotes q JOIN articles a ON a.id = q.article_id "
        "LEFT JOIN quotation_spans qs ON qs.article_id = q.article_id AND qs.idx = q.idx "
        + where +
        "ORDER BY a.published_start IS NULL, a.published_start, a.seq, q.start_char",
        params,
    ).fetchall()
    carriers = _carriers(conn, {r["quotation_id"] for r in rows if r["quotation_id"] is not None})
    texts = _texts(conn, {r["article_id"] for r in rows})
    out = []
    for r in rows:
        q = carriers.get(r["quotation_id"])
        s0 = min(r["s0"], r["start_char"]) if r["s0"] is not None else r["start_char"]
        s1 = max(r["s1"], r["end_char"]) if r["s1"] is not None else r["end_char"]
        out.append({
            "speaker": to_entity.get(r["speaker"], r["speaker"]) if r["speaker"] else None,
            "speaker_text": r["speaker_text"], "text": r["text"], "kind": r["kind"],
            "cue": r["cue"], "article": r["article_id"], "published": r["published"],
            "start": r["start_char"], "end": r["end_char"], "outlet": r["outlet"],
            "sentence": texts[r["article_id"]][s0:s1], "sentence_start": s0,
            "quotation": r["quotation_id"],
            "carried_by": q["articles"] if q else [r["article_id"]],
            "first_seen": q["first_seen"] if q else {"article": r["article_id"], "published": r["published"]},
        })
    return out


def _carriers(conn: sqlite3.Connection, ids: set[int]) -> dict[int, dict]:
    out: dict[int, dict] = {}
    for chunk, marks in in_chunks(ids):
        for r in conn.execute(f"SELECT id, first_article, first_published FROM quotations WHERE id IN ({marks})", chunk):
            out[r["id"]] = {"articles": [], "first_seen": {"article": r["first_article"], "published": r["first_published"]}}
        for r in conn.execute(
            f"SELECT DISTINCT qs.quotation_id, qs.article_id FROM quotation_spans qs JOIN articles a ON a.id = qs.article_id "
            f"WHERE qs.quotation_id IN ({marks}) ORDER BY a.published_start IS NULL, a.published_start, a.seq", chunk
        ):
            if r["article_id"] not in out[r["quotation_id"]]["articles"]:
                out[r["quotation_id"]]["articles"].append(r["article_id"])
    return out


def _texts(conn: sqlite3.Connection, article_ids: set[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for chunk, marks in in_chunks(article_ids):
        out.update(conn.execute(f"SELECT id, text FROM articles WHERE id IN ({marks})", chunk))
    return out
