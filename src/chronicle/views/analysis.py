"""The ``chronicle analyze`` JSON shape for one analysed article."""
from __future__ import annotations

from chronicle.records import Analysis


def analysis_json(an: Analysis) -> dict:
    a = an.article
    return {
        "article": {
            "id": a.id,
            "title": a.title,
            "published": a.published.value if a.published else (an.inferred_published.value if an.inferred_published else None),
            "published_source": a.published_source if a.published else ("inferred" if an.inferred_published else "unknown"),
            "text": a.text,
        },
        "sentences": [{"start": s.start_char, "end": s.end_char, "heading": s.is_heading} for s in an.sentences],
        "timexes": [
            {"text": t.text, "start": t.start_char, "end": t.end_char, "type": t.type, "value": t.value,
             "explain": t.explain, **({"mod": t.mod} if t.mod else {})}
            for t in an.timexes
        ],
        "mentions": [
            {"text": m.text, "start": m.start_char, "end": m.end_char, "type": m.type, "entity": m.entity,
             **({"role": m.role} if m.role else {})}
            for m in an.mentions
        ],
        "quotes": [
            {"text": q.text, "start": q.start_char, "end": q.end_char, "speaker": q.speaker,
             "speaker_text": q.speaker_text, "speaker_kind": q.speaker_kind, "cue": q.cue, "kind": q.kind,
             **({"speaker_candidates": [{"name": n, "confidence": c} for n, c in q.speaker_candidates]}
                if q.speaker_candidates else {})}
            for q in an.quotes
        ],
        "events": [
            {"text": e.text, "start": e.start_char, "end": e.end_char, "type": e.type, "date": e.date.value if e.date else None,
             "actors": list(e.actors), "modality": e.modality, **({"negated": True} if e.negated else {}),
             "trigger": e.trigger, "participants": list(e.participants), "place": e.place,
             "date_source": e.date_source, "date_explain": e.date_explain}
            for e in an.events
        ],
        "diagnostics": [{"code": d.code, "message": d.message, "stage": d.stage} for d in an.diagnostics],
        "stripped": stripped_json(a.stripped),
    }


def stripped_json(stripped) -> list[dict]:
    """Boilerplate cut from the text: the line, why, where it began in the original text
    (``position``) and where it was cut in ``article.text`` (``at``)."""
    out, removed = [], 0
    for cut in sorted(stripped, key=lambda c: c.start_char):
        out.append({"text": cut.line, "reason": cut.reason, "position": cut.start_char, "at": cut.start_char - removed})
        removed += len(cut.text)
    return out
