"""The ``claims --json`` shape: numeric claims with what they count, who claims them, and their group.

CONTRACT fields: id, value, unit, counts, text, claimant, date, article, outlet, published, start,
end, sentence, group, disputed. Added: value_high (a range's high end, or a tally's second
figure; null otherwise), bound (exact, more_than, at_least, at_most, less_than, about, range,
tally), each (a share per side), claimant_text (the words naming the claimant), modality (of the
event the figure belongs to) and sentence_start (the sentence's offset in the article).
``claimant`` is the store-wide entity name when the entities step merged the in-article name.
"""
from __future__ import annotations

import sqlite3

from chronicle.views.quotes import _texts, speaker_map
from chronicle.views.shapes import Claim

CLAIM_FIELDS = ("id", "value", "unit", "counts", "text", "claimant", "date", "article", "outlet", "published",
                "start", "end", "sentence", "group", "disputed")
CLAIM_EXTRA_FIELDS = ("value_high", "bound", "each", "claimant_text", "modality", "sentence_start")

SENTENCE = "substr(a.text, c.sentence_start + 1, c.sentence_end - c.sentence_start)"
_SQL = f"SELECT c.*, a.outlet, a.published, {SENTENCE} AS sentence FROM claims c JOIN articles a ON a.id = c.article_id "
# The same rows without their sentence, for :func:`with_sentences`: SQLite read an article's whole
# text (its overflow pages) once per claim to cut the sentence, 0.9 s of the 3 s that every claim
# of Timeline17 (36,714 of them, in 4,616 articles) took to read cold (issue 18).
_SQL_LATE = _SQL.replace(SENTENCE, "NULL")
_ORDER = " ORDER BY COALESCE(c.range_start, a.published_start), a.published_start, a.seq, c.idx"


def claims_view(conn: sqlite3.Connection, about: str | None = None, *, disputed: bool = False,
                after: str | None = None) -> list[Claim]:
    """Every claim, ordered by the date it refers to; ``about`` keeps those whose counted thing,
    unit, claimant or sentence holds the words (any case); ``disputed`` keeps disputed groups;
    ``after`` (an ISO day) those of articles published after it."""
    conds = (["c.disputed = 1"] if disputed else []) + (["a.published_start > ?"] if after else [])
    where = " WHERE " + " AND ".join(conds) if conds else ""
    try:
        rows = with_sentences(conn, [dict(r) for r in conn.execute(_SQL_LATE + where + _ORDER, [after] if after else [])])
    except sqlite3.OperationalError:  # a store from before migration 12
        return []
    names = speaker_map(conn, {r["claimant"] for r in rows if r["claimant"]})
    out = [_row(r, names) for r in rows]
    if about:
        keep = about_filter(about)
        out = [r for r in out if keep(r)]
    return out


def about_filter(about: str):
    """Whether a claim row is ``about`` the words (what it counts, its unit, claimant or sentence,
    any case). A server keeps every claim and filters it per word (issue 18)."""
    key = about.strip().lower()
    return lambda r: any(key in (r[f] or "").lower() for f in ("counts", "unit", "claimant", "sentence"))


def claim_groups(conn: sqlite3.Connection, about: str | None = None, *, disputed: bool = False) -> list[dict]:
    """The claims gathered by group, for a Numbers view: ``[{"group", "disputed", "counts", "claims"}]``,
    disputed groups first, then larger ones."""
    groups: dict[str, dict] = {}
    for r in claims_view(conn, about, disputed=disputed):
        g = groups.setdefault(r["group"], {"group": r["group"], "disputed": r["disputed"], "counts": r["counts"],
                                           "claims": []})
        g["claims"].append(r)
    return sorted(groups.values(), key=lambda g: (not g["disputed"], -len(g["claims"]), g["group"]))


def with_sentences(conn: sqlite3.Connection, rows: list[dict]) -> list[dict]:
    """Fill in the ``sentence`` of rows read with ``_SQL_LATE``, as ``_SQL``'s SQL ``substr`` gives
    it, reading each article's text once."""
    texts = _texts(conn, {r["article_id"] for r in rows})
    for r in rows:
        text, start, end = texts.get(r["article_id"]), r["sentence_start"], r["sentence_end"]
        if type(start) is int and type(end) is int and 0 <= start <= end and text is not None:
            r["sentence"] = text[start:end]  # substr(text, start + 1, end - start), in characters as SQLite counts
        else:  # NULLs, or offsets substr reads its own way: ask SQLite
            r["sentence"] = conn.execute("SELECT substr(?, ? + 1, ? - ?)", (text, start, end, start)).fetchone()[0]
    return rows


def _row(r: dict, names: dict[str, str]) -> dict:
    aid = r["article_id"]
    return {
        "id": f"{aid}-c{r['idx']}", "value": _number(r["value"]), "unit": r["unit"], "counts": r["counts"],
        "text": r["text"], "claimant": names.get(r["claimant"], r["claimant"]), "date": r["date"], "article": aid,
        "outlet": r["outlet"], "published": r["published"], "start": r["start_char"], "end": r["end_char"],
        "sentence": r["sentence"], "group": r["group_key"] or f"{aid}-c{r['idx']}", "disputed": bool(r["disputed"]),
        "value_high": _number(r["value_high"]), "bound": r["bound"], "each": bool(r["each_side"]),
        "claimant_text": r["claimant_text"], "modality": r["modality"], "sentence_start": r["sentence_start"],
    }


def _number(v):
    """68000.0 -> 68000: whole numbers print as integers in JSON."""
    return int(v) if isinstance(v, float) and v.is_integer() else v
