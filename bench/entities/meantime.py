"""MEANTIME English: named-mention F1 and cross-document entity clustering (B³) against the
gold instances (``instance_id`` of the ENTITY each NAM mention REFERS_TO).

Documents are rebuilt from the CAT tokens: tokens joined by spaces, one sentence a line.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

# OntoNotes labels that MEANTIME marks as named entity mentions (NORP adjectives are not).
NAMED = {"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}


@dataclass
class MDoc:
    name: str
    text: str
    gold: dict[tuple[int, int], str]  # NAM span -> cross-doc instance id (or a local id)


def read_doc(path: Path) -> MDoc:
    root = ET.parse(path).getroot()
    lines: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for tok in root.iter("token"):
        lines[int(tok.get("sentence"))].append((tok.get("t_id"), tok.text or ""))
    offsets, parts, pos = {}, [], 0
    for s in sorted(lines):
        words = []
        for tid, word in lines[s]:
            offsets[tid] = (pos, pos + len(word))
            words.append(word)
            pos += len(word) + 1
        parts.append(" ".join(words))
    text = "\n".join(parts)
    markables = root.find("Markables")
    spans = {}
    for m in markables.iter("ENTITY_MENTION"):
        if m.get("syntactic_type") != "NAM":
            continue
        tids = [a.get("t_id") for a in m.iter("token_anchor")]
        if tids:
            spans[m.get("m_id")] = (offsets[tids[0]][0], offsets[tids[-1]][1])
    instances = {e.get("m_id"): e.get("instance_id") or f"{path.stem}:{e.get('m_id')}" for e in markables.iter("ENTITY")}
    gold = {}
    for rel in root.iter("REFERS_TO"):
        target = rel.find("target").get("m_id")
        for src in rel.iter("source"):
            if src.get("m_id") in spans and target in instances:
                gold[spans[src.get("m_id")]] = instances[target]
    return MDoc(path.stem, text, gold)


def read_corpus(root: Path) -> list[MDoc]:
    return [read_doc(p) for p in sorted((root / "intra_cross-doc_annotation").glob("corpus_*/*.xml"))]


def b_cubed(gold: dict, pred: dict) -> tuple[float, float, float]:
    """B³ over the keys of ``gold`` (mention -> cluster id); ``pred`` covers the same keys."""
    g_members, p_members = defaultdict(set), defaultdict(set)
    for k, c in gold.items():
        g_members[c].add(k)
    for k, c in pred.items():
        p_members[c].add(k)
    p = r = 0.0
    for k in gold:
        g, q = g_members[gold[k]], p_members[pred[k]]
        overlap = len(g & q)
        p += overlap / len(q)
        r += overlap / len(g)
    n = len(gold) or 1
    p, r = p / n, r / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _nodet(spans: set, texts: list[str]) -> set:
    """Spans without a leading 'the ': MEANTIME (like OntoNotes) includes it, UNER does not."""
    out = set()
    for k, s, e in spans:
        if texts[k][s:s + 4].lower() == "the " and e - s > 4:
            s += 4
        out.add((k, s, e))
    return out


def evaluate(root: Path, nlp, prf) -> dict:
    from chronicle.extract.entities import extract_mentions
    from chronicle.extract.entities.canonical import default_aliases
    from chronicle.extract.segment import extract_paragraphs
    from chronicle.link.aliases import UserAliases
    from chronicle.link.entities import MentionRow, cluster_mentions

    docs = read_corpus(root)
    parsed = nlp.pipe([d.text for d in docs], batch_size=16)
    gold_spans, van_spans, our_spans = set(), set(), set()
    texts = [d.text for d in docs]
    rows, vanilla_text = [], {}
    for k, (d, doc) in enumerate(zip(docs, parsed)):
        gold_spans |= {(k, s, e) for s, e in d.gold}
        for e in doc.ents:
            if e.label_ in NAMED:
                van_spans.add((k, e.start_char, e.end_char))
                vanilla_text[(k, e.start_char, e.end_char)] = e.text
        mentions = extract_mentions(d.text, doc=doc, paragraphs=list(extract_paragraphs(d.text)), roles=False)
        for i, m in enumerate(mentions):
            if m.type in NAMED:
                our_spans.add((k, m.start_char, m.end_char))
                rows.append(MentionRow(str(k), i, m.text, m.type, m.entity, m.role, m.kind, m.start_char,
                                       m.end_char, None))
    linked = {}
    for ent in cluster_mentions(rows, UserAliases(), default_aliases()):
        for r in ent.rows:
            linked[(int(r.article_id), r.start_char, r.end_char)] = ent.name
    gold = {(k, s, e): inst for k, d in enumerate(docs) for (s, e), inst in d.gold.items()}
    ours_all = {m: linked.get(m, ("singleton", m)) for m in gold}
    van_all = {m: vanilla_text.get(m, ("singleton", m)) for m in gold}
    matched = [m for m in gold if m in linked]
    return {
        "docs": len(docs), "gold_mentions": len(gold_spans),
        "mention_vanilla": prf(gold_spans, van_spans), "mention_ours": prf(gold_spans, our_spans),
        "mention_vanilla_nodet": prf(_nodet(gold_spans, texts), _nodet(van_spans, texts)),
        "mention_ours_nodet": prf(_nodet(gold_spans, texts), _nodet(our_spans, texts)),
        "b3_ours_all": b_cubed(gold, ours_all), "b3_vanilla_all": b_cubed(gold, van_all),
        "b3_ours_matched": b_cubed({m: gold[m] for m in matched}, {m: linked[m] for m in matched}),
        "b3_string_matched": b_cubed({m: gold[m] for m in matched}, {m: vanilla_text.get(m, ("s", m)) for m in matched}),
        "matched": len(matched),
    }
