"""Per-article annotation rows: one analysis replaces the article's previous one atomically."""
from __future__ import annotations

import json
import sqlite3

from chronicle.records import Analysis
from chronicle.store.articles import now
from chronicle.store.claims import add_claims_and_positions
from chronicle.store.db import insert_rows

ANNOTATION_TABLES = ("sentences", "timexes", "mentions", "quotes", "events")


def add_analyses(conn: sqlite3.Connection, analyses: list[Analysis], version: str) -> None:
    """Store analyses (call inside a transaction). Re-running replaces, never duplicates."""
    stamp = now()
    for an in analyses:
        aid = an.article.id
        for table in ANNOTATION_TABLES:
            conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (aid,))
        conn.execute("DELETE FROM diagnostics WHERE article_id = ? AND stage IS NOT NULL", (aid,))
        insert_rows(conn, "sentences", [
            {"article_id": aid, "idx": i, "start_char": s.start_char, "end_char": s.end_char,
             "paragraph": s.paragraph, "is_heading": int(s.is_heading)}
            for i, s in enumerate(an.sentences)
        ])
        insert_rows(conn, "timexes", [_timex_row(aid, i, t) for i, t in enumerate(an.timexes)])
        insert_rows(conn, "mentions", [
            {"article_id": aid, "idx": i, **_span(m), "type": m.type, "entity": m.entity, "role": m.role, "stage": m.stage,
             "kind": m.kind}
            for i, m in enumerate(an.mentions)
        ])
        insert_rows(conn, "quotes", [
            {"article_id": aid, "idx": i, **_span(q), "kind": q.kind, "speaker": q.speaker,
             "speaker_text": q.speaker_text, "speaker_start": q.speaker_start, "speaker_end": q.speaker_end,
             "cue": q.cue, "cue_start": q.cue_start, "cue_end": q.cue_end, "stage": q.stage,
             "speaker_kind": q.speaker_kind}
            for i, q in enumerate(an.quotes)
        ])
        insert_rows(conn, "events", [
            {"article_id": aid, "idx": i, **_span(e), "type": e.type, **_date_columns(e.date), "date_explain": e.date_explain,
             "date_source": e.date_source, "participants": json.dumps(list(e.participants), ensure_ascii=False),
             "actors": json.dumps(list(e.actors), ensure_ascii=False), "place": e.place, "modality": e.modality,
             "negated": int(e.negated), "trigger": e.trigger, "stage": e.stage, "headline": e.headline}
            for i, e in enumerate(an.events)
        ])
        add_claims_and_positions(conn, aid, an.claims, an.positions)
        insert_rows(conn, "diagnostics", [
            {"article_id": aid, "path": d.path, "code": d.code, "message": d.message, "stage": d.stage or "pipeline",
             "start_char": d.start_char, "end_char": d.end_char, "at": stamp}
            for d in an.diagnostics
        ])
        if an.inferred_published is not None:
            p = an.inferred_published
            conn.execute(
                "UPDATE articles SET published = ?, published_start = ?, published_end = ?, "
                "published_source = 'inferred', published_confidence = ? "
                "WHERE id = ? AND published_source IN ('unknown', 'inferred')",
                (p.value, p.start.isoformat(), p.end.isoformat(), an.inferred_confidence, aid),
            )
        conn.execute("UPDATE articles SET analysis_version = ?, analyzed_at = ? WHERE id = ?", (version, stamp, aid))


def _span(record) -> dict:
    return {"start_char": record.start_char, "end_char": record.end_char, "text": record.text}


def _date_columns(d) -> dict:
    """A typed date as the events table keeps it (migration 0008): the value and the days it covers."""
    return {"date": d.value if d else None, "range_start": d.start.isoformat() if d else None,
            "range_end": d.end.isoformat() if d else None, "granularity": d.granularity.value if d else None}


def _timex_row(aid: str, i: int, t) -> dict:
    d = t.date
    return {
        "article_id": aid, "idx": i, **_span(t), "type": t.type, "value": t.value,
        "range_start": d.start.isoformat() if d else None, "range_end": d.end.isoformat() if d else None,
        "granularity": d.granularity.value if d else None, "mod": t.mod, "anchor": t.anchor,
        "rule": t.rule, "explain": t.explain, "stage": t.stage,
    }

