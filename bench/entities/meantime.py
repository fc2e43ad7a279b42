"""MEANTIME English: named-mention F1 and cross-document entity clustering (B³) against the
gold instances (``instance_id`` of the ENTITY each named mention REFERS_TO).

What MEANTIME annotates, and so what is scored: every entity mention (named, nominal,
pronominal, appositive...) of the title and of sentences 1-5 of each article (sentence 1 is
the date line); past sentence 5 only a sparse set of mentions, untyped, was added during the
cross-document pass. Scoring the whole article would count every name we find there as a
false positive, so both the mention F1 and the B³ are computed in the fully annotated region
(sentence index <= 5), over the named mentions: syntactic types NAM and PRE.NAM (a name used
as a premodifier, "Apple" in "Apple CEO Steve Jobs"). MEANTIME spans include a leading
determiner ("the United States Air Force"); a row ignoring it is shown beside the exact one.

Documents are rebuilt from the CAT tokens: tokens joined by spaces, one sentence a line.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
import re
from dataclasses import dataclass
from pathlib import Path

# OntoNotes labels that MEANTIME marks as named entity mentions (NORP adjectives are not).
NAMED = {"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
GOLD_TYPES = {"NAM", "PRE.NAM"}
LAST_ANNOTATED_SENTENCE = 5
DEVELOPMENT = "corpus_apple"  # SemEval-2015 Task 4 trial data; airbus, gm and stock are held out


@dataclass
class MDoc:
    name: str
    text: str
    gold: dict[tuple[int, int], str]  # named span -> cross-doc instance id (or a local id)
    region_end: int = 0  # end char of the fully annotated region (title + sentences 1-5)
    corpus: str = ""


def read_doc(path: Path) -> MDoc:
    root = ET.parse(path).getroot()
    lines: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for tok in root.iter("token"):
        lines[int(tok.get("sentence"))].append((tok.get("t_id"), tok.text or ""))
    offsets, parts, pos, region_end = {}, [], 0, 0
    for s in sorted(lines):
        words = []
        for tid, word in lines[s]:
            offsets[tid] = (pos, pos + len(word))
            words.append(word)
            pos += len(word) + 1
        parts.append(" ".join(words))
        if s <= LAST_ANNOTATED_SENTENCE:
            region_end = pos - 1
    text = "\n".join(parts)
    markables = root.find("Markables")
    spans = {}
    for m in markables.iter("ENTITY_MENTION"):
        if m.get("syntactic_type") not in GOLD_TYPES:
            continue
        tids = [a.get("t_id") for a in m.iter("token_anchor")]
        if tids and offsets[tids[-1]][1] <= region_end:
            spans[m.get("m_id")] = (offsets[tids[0]][0], offsets[tids[-1]][1])
    instances = {e.get("m_id"): e.get("instance_id") or f"{path.stem}:{e.get('m_id')}" for e in markables.iter("ENTITY")}
    gold = {}
    for rel in root.iter("REFERS_TO"):
        target = rel.find("target").get("m_id")
        for src in rel.iter("source"):
            if src.get("m_id") in spans and target in instances:
                gold[spans[src.get("m_id")]] = instances[target]
    return MDoc(path.stem, text, gold, region_end, path.parent.name)


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
    return {_strip_the(m, texts) for m in spans}


def _strip_the(m: tuple[int, int, int], texts: list[str]) -> tuple[int, int, int]:
    k, s, e = m
    if texts[k][s:s + 4].lower() == "the " and e - s > 4:
        s += 4
    return k, s, e


_POSTMODIFIER = re.compile(r" (,|in|\(|with|capable|located|based|which|that|-) ")


def head_match(gold: tuple[int, int, int], predicted: list[tuple[int, int, int]], texts: list[str]):
    """The predicted mention standing for a gold mention under a lenient, head-based match.

    MEANTIME's named mentions are whole noun phrases: "the recently announced iPhone 4", "Apple 's
    iTunes store", "Moscone Center in San Francisco , California". Their head is the name at the
    end of the phrase before any post-modifier; the predicted mention matched is the rightmost one
    inside that part (so "iPhone 4", "iTunes store" or "iTunes", "Moscone Center")."""
    k, s, e = gold
    cut = _POSTMODIFIER.search(texts[k], s, e)
    end = cut.start() if cut else e
    inside = [p for p in predicted if p[0] == k and s <= p[1] and p[2] <= end]
    return max(inside, key=lambda p: p[2]) if inside else None


SUBSETS = (("apple (development)", {DEVELOPMENT}),
           ("airbus+gm+stock (held out)", {"corpus_airbus", "corpus_gm", "corpus_stock"}),
           ("all 120", {"corpus_airbus", "corpus_apple", "corpus_gm", "corpus_stock"}))


def evaluate(root: Path, nlp, prf) -> dict:
    """Scores per subset (see SUBSETS): mention P/R/F1 (exact and determiner-insensitive) and
    cross-document B³, for Chronicle and for vanilla sm (clusters = identical strings)."""
    from chronicle.extract.entities import extract_mentions
    from chronicle.extract.entities.canonical import default_aliases
    from chronicle.extract.segment import extract_paragraphs
    from chronicle.link.aliases import UserAliases
    from chronicle.link.entities import MentionRow, cluster_mentions

    docs = read_corpus(root)
    parsed = nlp.pipe([d.text for d in docs], batch_size=16)
    texts = [d.text for d in docs]
    van_spans, our_spans, rows, vanilla_text = set(), set(), [], {}
    for k, (d, doc) in enumerate(zip(docs, parsed)):
        for e in doc.ents:
            if e.label_ in NAMED and e.end_char <= d.region_end:
                van_spans.add((k, e.start_char, e.end_char))
                vanilla_text[_strip_the((k, e.start_char, e.end_char), texts)] = e.text
        mentions = extract_mentions(d.text, doc=doc, paragraphs=list(extract_paragraphs(d.text)), roles=False)
        for i, m in enumerate(mentions):
            if m.type in NAMED:
                rows.append(MentionRow(str(k), i, m.text, m.type, m.entity, m.role, m.kind, m.start_char,
                                       m.end_char, None))
                if m.end_char <= d.region_end:
                    our_spans.add((k, m.start_char, m.end_char))
    linked, linked_exact = {}, {}
    for ent in cluster_mentions(rows, UserAliases(), default_aliases()):
        for r in ent.rows:
            linked[_strip_the((int(r.article_id), r.start_char, r.end_char), texts)] = ent.name
            linked_exact[(int(r.article_id), r.start_char, r.end_char)] = ent.name
    by_doc = defaultdict(list)
    for m in linked_exact:
        by_doc[m[0]].append(m)
    van_exact = defaultdict(list)
    for m in van_spans:
        van_exact[m[0]].append(m)
    gold_all = {(k, s, e): inst for k, d in enumerate(docs) for (s, e), inst in d.gold.items()}
    out = {"docs": len(docs), "gold_mentions": len(gold_all), "subsets": []}
    for name, corpora in SUBSETS:
        keep = {k for k, d in enumerate(docs) if d.corpus in corpora}
        gold = {_strip_the(m, texts): c for m, c in gold_all.items() if m[0] in keep}
        gold_spans = {m for m in gold_all if m[0] in keep}
        ours = {m for m in our_spans if m[0] in keep}
        van = {m for m in van_spans if m[0] in keep}
        heads = {m: head_match(m, by_doc[m[0]], texts) for m in gold_spans}
        v_heads = {m: head_match(m, van_exact[m[0]], texts) for m in gold_spans}
        g_exact = {m: c for m, c in gold_all.items() if m[0] in keep}
        found = [m for m in gold if m in linked]
        v_found = [m for m in gold if m in vanilla_text]
        out["subsets"].append({
            "name": name, "docs": len(keep), "gold": len(gold), "found": len(found), "v_found": len(v_found),
            "mention_ours": prf(gold_spans, ours), "mention_vanilla": prf(gold_spans, van),
            "mention_ours_nodet": prf(set(gold), _nodet(ours, texts)),
            "mention_vanilla_nodet": prf(set(gold), _nodet(van, texts)),
            "b3_ours_found": b_cubed({m: gold[m] for m in found}, {m: linked[m] for m in found}),
            "b3_vanilla_found": b_cubed({m: gold[m] for m in v_found}, {m: vanilla_text[m] for m in v_found}),
            "b3_ours_all": b_cubed(gold, {m: linked.get(m, ("singleton", m)) for m in gold}),
            "b3_vanilla_all": b_cubed(gold, {m: vanilla_text.get(m, ("singleton", m)) for m in gold}),
            "head_found": sum(1 for h in heads.values() if h), "v_head_found": sum(1 for h in v_heads.values() if h),
            "b3_ours_head": b_cubed(g_exact, {m: linked_exact[h] if h else ("singleton", m) for m, h in heads.items()}),
            "b3_vanilla_head": b_cubed(g_exact, {m: texts[h[0]][h[1]:h[2]] if h else ("singleton", m)
                                                 for m, h in v_heads.items()}),
        })
    return out
