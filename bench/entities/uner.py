"""UNER English (PUD test, EWT dev/test): PER/ORG/LOC exact-span F1 of Chronicle's corrected NER
beside vanilla en_core_web_sm, scored on the same parses, with the throughput of each.

Sentences of one ``# newdoc`` are joined by line breaks into one document, as an article
would be; the model's line-break rule keeps every sentence apart, so vanilla sm sees
the same sentences it would see alone.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

LABEL_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


@dataclass
class Doc:
    text: str
    gold: set[tuple[int, int, str]]


def read_iob2(path: Path) -> list[Doc]:
    docs: list[Doc] = []
    lines: list[str] = []
    gold: set = set()
    offset = 0

    def flush():
        nonlocal lines, gold, offset
        if lines:
            docs.append(Doc("\n".join(lines), gold))
        lines, gold, offset = [], set(), 0

    sent_text, tokens = None, []
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        if raw.startswith("# newdoc"):
            flush()
        elif raw.startswith("# text = "):
            sent_text = raw[len("# text = "):]
        elif raw.startswith("#"):
            continue
        elif raw.strip():
            cols = raw.split("\t")
            tokens.append((cols[1], cols[2]))
        elif sent_text is not None:
            gold |= _spans(sent_text, tokens, offset)
            lines.append(sent_text)
            offset += len(sent_text) + 1
            sent_text, tokens = None, []
    flush()
    return docs


def _spans(text: str, tokens, offset: int) -> set[tuple[int, int, str]]:
    out, cursor, cur = set(), 0, None
    for form, tag in tokens:
        i = text.find(form, cursor)
        start = i if i >= 0 else cursor
        end = start + len(form) if i >= 0 else cursor
        cursor = end
        if tag.startswith("B-") or (tag.startswith("I-") and (cur is None or cur[2] != tag[2:])):
            if cur:
                out.add(cur)
            cur = (offset + start, offset + end, tag[2:])
        elif tag.startswith("I-") and cur:
            cur = (cur[0], offset + end, cur[2])
        else:
            if cur:
                out.add(cur)
            cur = None
    if cur:
        out.add(cur)
    return out


def prf(gold: set, pred: set) -> tuple[float, float, float]:
    tp = len(gold & pred)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_file(path: Path, nlp, gazetteer) -> dict:
    from chronicle.extract.entities.ner import correct_entities
    from chronicle.extract.segment import extract_paragraphs

    docs = read_iob2(path)
    t0 = time.perf_counter()
    parsed = list(nlp.pipe([d.text for d in docs], batch_size=32))
    t_parse = time.perf_counter() - t0
    gold, vanilla, ours = set(), set(), set()
    t_fix = 0.0
    for k, (d, doc) in enumerate(zip(docs, parsed)):
        gold |= {(k, s, e, l) for s, e, l in d.gold}
        vanilla |= {(k, e.start_char, e.end_char, LABEL_MAP[e.label_]) for e in doc.ents if e.label_ in LABEL_MAP}
        t1 = time.perf_counter()
        paragraphs = list(extract_paragraphs(d.text))
        fixed = correct_entities(doc, paragraphs, gazetteer)
        t_fix += time.perf_counter() - t1
        ours |= {(k, doc[e.start].idx, doc[e.end - 1].idx + len(doc[e.end - 1].text), LABEL_MAP[e.label])
                 for e in fixed if e.label in LABEL_MAP}
    return {"vanilla": prf(gold, vanilla), "ours": prf(gold, ours), "t_parse": t_parse, "t_fix": t_fix,
            "gold": gold, "vanilla_set": vanilla, "ours_set": ours, "docs": docs}
