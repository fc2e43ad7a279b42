"""ECB+ cross-document event coreference (test topics 36-45) and the reference-corpus checks.

    python -m bench.events            # ECB+ with our mentions and with gold mentions, and the corpus checks
    python -m bench.events --quick    # three test topics only

Mentions: "ours" are the triggers Chronicle's event lexicon finds in the validated test
sentences (spaCy parse of the tokens); "gold" are the annotated event mentions. Clustering
is Chronicle's ``merge_events`` run within each gold topic (as the anchors do), with every
mention given one neutral date, since ECB+ gives no reliable publication dates. The lemma
baseline (same head lemma within a topic) runs in the same process as a peer.
"""
from __future__ import annotations

import argparse
import json
import tarfile
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from bench.common import print_table, shared_dir
from bench.events.metrics import conll

ANCHORS = [("Lemma baseline (gold mentions, anchor)", "0.76-0.78"), ("Barhom et al. 2019 (gold mentions)", "0.795"),
           ("Best published, ~Held et al. 2021 / Caciularu 2021 (gold mentions)", "~0.86")]


def load_setup(tmp: Path):
    with tarfile.open(shared_dir() / "bench" / "ecbplus" / "cybulska_setup.tar.gz") as tar:
        tar.extractall(tmp, filter="data")
    root = tmp / "cybulska_setup"
    sentences: dict[tuple[str, int], list[tuple[int, str]]] = defaultdict(list)
    for line in (root / "ECB_Test_corpus.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 4:
            continue
        sentences[(parts[0], int(parts[1]))].append((int(parts[2]), parts[3]))
    gold = json.loads((root / "ECB_Test_Event_gold_mentions.json").read_text(encoding="utf-8"))
    return sentences, gold


def parse_sentences(sentences, nlp):
    """spaCy docs of each validated sentence, with token-id -> char offset maps."""
    keys = sorted(sentences)
    texts, offsets = [], []
    for key in keys:
        toks = sorted(sentences[key])
        pos, starts, words = 0, {}, []
        for tid, word in toks:
            starts[tid] = (pos, pos + len(word))
            words.append(word)
            pos += len(word) + 1
        texts.append(" ".join(words))
        offsets.append(starts)
    docs = list(nlp.pipe(texts, batch_size=64))
    return {k: (d, o) for k, d, o in zip(keys, docs, offsets)}


def _tok_at(doc, start: int):
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def our_mentions(parsed, lex):
    from chronicle.extract.events.triggers import find_triggers

    out = []
    for (doc_id, sent_id), (doc, offsets) in parsed.items():
        by_char = {s: tid for tid, (s, _) in offsets.items()}
        for trig in find_triggers(doc[:], lex):
            tid = by_char.get(trig.token.idx)
            if tid is None:
                continue
            out.append({"doc_id": doc_id, "sent_id": sent_id, "tokens": (tid,), "type": trig.type,
                        "lemma": trig.token.lemma_.lower()})
    return out


def gold_mentions(gold, parsed, lex):
    out, key = [], {}
    for g in gold:
        k = (g["doc_id"], g["sent_id"])
        lemma, etype = g["tokens_str"].lower(), None
        if k in parsed:
            doc, offsets = parsed[k]
            heads = [_tok_at(doc, offsets[t][0]) for t in g["tokens_number"] if t in offsets]
            heads = [h for h in heads if h is not None]
            if heads:
                head = min(heads, key=lambda t: len(list(t.ancestors)))
                lemma = head.lemma_.lower()
                etype = lex.verbs.get(lemma) or lex.nouns.get(lemma) or lex.weak.get(lemma)
        m = {"doc_id": g["doc_id"], "sent_id": g["sent_id"], "tokens": tuple(g["tokens_number"]),
             "type": etype or "other", "lemma": lemma}
        out.append(m)
        key[_mid(m)] = g["coref_chain"]
    return out, key


def _mid(m) -> tuple:
    return (m["doc_id"], m["sent_id"], m["tokens"])


def _topic(doc_id: str) -> str:
    return doc_id.split("_")[0]


def cluster_with_merge(mentions, parsed, *, by_lemma_type: bool) -> dict:
    """Chronicle's merge_events within each topic; type = our type, refined by lemma for 'other'."""
    from chronicle.build.events import EventMention, merge_events

    by_topic = defaultdict(list)
    for i, m in enumerate(mentions):
        doc, _ = parsed.get((m["doc_id"], m["sent_id"]), (None, None))
        etype = m["type"] if m["type"] != "other" or not by_lemma_type else f"other:{m['lemma']}"
        by_topic[_topic(m["doc_id"])].append(EventMention(
            article_id=m["doc_id"], idx=i, start_char=0, end_char=0, text=doc.text if doc is not None else m["lemma"],
            type=etype, date="2000-01-01", date_source="attached", date_explain=None,
            actors=tuple(sorted({e.text for e in doc.ents if e.label_ in ("PERSON", "ORG")})) if doc is not None else (),
            modality="happened"))
    response = {}
    for topic, ms in by_topic.items():
        for n, entry in enumerate(merge_events(ms)):
            for em in entry.sources:
                response[_mid(mentions[em.idx])] = f"{topic}/{n}"
    return response


def lemma_baseline(mentions) -> dict:
    return {_mid(m): f"{_topic(m['doc_id'])}/{m['lemma']}" for m in mentions}


def ecb(quick: bool) -> list[list]:
    from chronicle.extract.events.lexicon import load_lexicon
    from chronicle.extract.nlp import load_nlp

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        sentences, gold = load_setup(Path(tmp))
    if quick:
        keep = {"36", "37", "38"}
        sentences = {k: v for k, v in sentences.items() if _topic(k[0]) in keep}
        gold = [g for g in gold if _topic(g["doc_id"]) in keep]
    nlp, lex = load_nlp(None), load_lexicon()
    t0 = time.perf_counter()
    parsed = parse_sentences(sentences, nlp)
    parse_s = time.perf_counter() - t0
    gm, key = gold_mentions(gold, parsed, lex)
    om = our_mentions(parsed, lex)
    found = {_mid(m) for m in om} & set(key)
    print(f"ECB+ test: {len(parsed)} sentences, {len(key)} gold event mentions; ours {len(om)}, "
          f"matching a gold mention {len(found)} (mention P {len(found) / max(len(om), 1):.3f}, "
          f"R {len(found) / max(len(key), 1):.3f}); parse {parse_s:.1f}s")
    runs = [("Chronicle merge_events, our mentions", om, True),
            ("Chronicle merge_events, gold mentions", gm, True),
            ("Lemma baseline (peer, this run), gold mentions", gm, None),
            ("Lemma baseline (peer, this run), our mentions", om, None)]
    for name, ms, by_lemma in runs:
        t0 = time.perf_counter()
        response = lemma_baseline(ms) if by_lemma is None else cluster_with_merge(ms, parsed, by_lemma_type=by_lemma)
        secs = time.perf_counter() - t0
        s = conll(key, response)
        rows.append([name, s["muc"], s["b3"], s["ceafe"], s["conll"], f"{secs:.2f}s"])
    for name, value in ANCHORS:
        rows.append([name, "", "", "", value, ""])
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="three test topics only")
    ap.add_argument("--skip-ecb", action="store_true", help="only the reference-corpus checks")
    args = ap.parse_args()
    if not args.skip_ecb:
        rows = ecb(args.quick)
        print_table("ECB+ test, cross-document event coreference (CoNLL F1 = mean of MUC, B3, CEAF-e F1)",
                    ["system", "MUC F1", "B3 F1", "CEAF-e F1", "CoNLL F1", "clustering time"], rows)
    from bench.events.corpus import corpus_checks, merge_speed

    print_table("Reference corpus (ukraine-calls) timeline checks", ["check", "result", "detail"], corpus_checks())
    if not args.quick:
        print_table("Merge speed at Timeline17 scale", ["run", "time", "result"], merge_speed())


if __name__ == "__main__":
    main()
