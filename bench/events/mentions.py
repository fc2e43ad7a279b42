"""Predicted event mentions for ECB+: Chronicle's triggers, every other verb, and event nouns learned
on the train split, or a token classifier trained on the train split; plus the sentence vectors
that let merge_events see the trigger's lemma.

Mention detection is what limits cross-document coreference with predicted mentions (gold
mentions give 0.73 CoNLL F1, ours 0.50 at mention recall 0.61). Three things are measured on
the dev topics, each learned or tuned on train/dev only:

- spans: a gold mention may be several words ("gunned down", "opened fire", "according to");
  the head word alone never matches it, so a verb takes its particle, a bare singular object
  right after it, and "accord" its "to";
- event nouns and adjectives ("death", "arrest", "dead"): those whose occurrences in the train
  split are annotated as event heads at least ``noun_ratio`` of the time (and ``min_count`` times);
- verbs that are almost never events in train ("be", "have", "seem") are dropped;
- or, instead of the lists, a logistic regression over each word's parse features (part of
  speech, dependency, head, lemma, suffix, entity type), trained on the train split, its
  probability threshold chosen on dev (:class:`MentionClassifier`).
"""
from __future__ import annotations

import math
from collections import Counter


def mention_span(tok, doc) -> list:
    """The tokens of the mention whose head is ``tok``."""
    toks = [tok]
    for c in tok.children:
        if c.dep_ == "prt":
            toks.append(c)
        elif (c.dep_ == "dobj" and c.tag_ == "NN" and c.i == tok.i + 1
              and not any(x.dep_ in ("det", "poss", "amod", "compound", "nummod") for x in c.children)):
            toks.append(c)  # "opened fire", "paid tribute"
    if tok.lemma_.lower() == "accord" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
        toks.append(doc[tok.i + 1])
    return toks


def _head(doc, offsets, token_ids, tok_at):
    toks = [tok_at(doc, offsets[t][0]) for t in token_ids if t in offsets]
    toks = [t for t in toks if t is not None]
    return min(toks, key=lambda t: len(list(t.ancestors))) if toks else None


def learn_event_words(parsed, gold, tok_at, *, noun_ratio: float = 0.4, min_count: int = 2,
                      verb_floor: float = 0.2) -> tuple[frozenset, frozenset]:
    """(event nouns/adjectives as (pos, lemma), verbs to drop) from an annotated split."""
    heads: Counter = Counter()
    total: Counter = Counter()
    gold_heads = set()
    for g in gold:
        key = (g["doc_id"], g["sent_id"])
        if key not in parsed:
            continue
        doc, offsets = parsed[key]
        h = _head(doc, offsets, g["tokens_number"], tok_at)
        if h is not None:
            gold_heads.add((key, h.i))
    for key, (doc, _) in parsed.items():
        for t in doc:
            k = (t.pos_, t.lemma_.lower())
            total[k] += 1
            heads[k] += (key, t.i) in gold_heads
    nouns = frozenset(k for k, n in heads.items() if k[0] != "VERB" and n >= min_count and n / total[k] >= noun_ratio)
    drop = frozenset(k[1] for k, n in total.items() if k[0] == "VERB" and n >= 3 and heads[k] / n < verb_floor)
    return nouns, drop


def predicted_mentions(parsed, lex, words: tuple[frozenset, frozenset] | None = None, *, spans: bool = True):
    """Chronicle's lexicon triggers, every other verb (typed ``other``), and the learned event words."""
    from chronicle.extract.events.triggers import find_triggers

    nouns, drop = words or (frozenset(), frozenset())
    out = []
    for (doc_id, sent_id), (doc, offsets) in parsed.items():
        by_char = {s: tid for tid, (s, _) in offsets.items()}
        found = [(t.token, t.type) for t in find_triggers(doc[:], lex)]
        taken = {tok.i for tok, _ in found}
        found += [(t, "other") for t in doc if t.pos_ == "VERB" and t.i not in taken and t.lemma_.lower() not in drop]
        taken = {tok.i for tok, _ in found}
        found += [(t, "other") for t in doc if (t.pos_, t.lemma_.lower()) in nouns and t.i not in taken]
        for tok, etype in found:
            if tok.idx not in by_char:
                continue
            toks = mention_span(tok, doc) if spans else [tok]
            ids = tuple(sorted(by_char[t.idx] for t in toks if t.idx in by_char))
            out.append({"doc_id": doc_id, "sent_id": sent_id, "tokens": ids, "type": etype,
                        "lemma": tok.lemma_.lower()})
    return out


def stemmed(mentions):
    """The mentions with their lemma reduced to its Porter stem, so derivational variants meet
    ("killing"/"kill", "nomination"/"nominate": +0.01 CoNLL F1 on dev, gold and predicted)."""
    from nltk.stem import PorterStemmer

    stem = PorterStemmer().stem
    return [dict(m, lemma=stem(m["lemma"])) for m in mentions]


def lemma_vectorizer(alpha: float = 0.7):
    """TF-IDF of the sentence, plus the trigger's lemma as one feature of weight ``alpha``.

    merge_events compares sentences; in ECB+ a sentence holds several mentions, so its words
    alone cannot tell them apart. The lemma travels in ``date_explain`` (ECB+ has no dates).
    """
    from chronicle.timeline.events import _tfidf

    def vectorize(mentions):
        base = _tfidf(mentions)
        out = {}
        for m in mentions:
            vec = {w: x * (1 - alpha) for w, x in base[m.key].items()}
            vec["lemma:" + (m.date_explain or "")] = alpha
            norm = math.sqrt(sum(x * x for x in vec.values())) or 1.0
            out[m.key] = {w: x / norm for w, x in vec.items()}
        return out

    return vectorize


_SKIP_POS = ("PUNCT", "DET", "ADP", "CCONJ", "PRON", "NUM", "PART", "SCONJ", "SYM", "SPACE")


def _features(t) -> dict:
    f = {"pos=" + t.pos_: 1, "tag=" + t.tag_: 1, "dep=" + t.dep_: 1, "lemma=" + t.lemma_.lower(): 1,
         "suf=" + t.lower_[-3:]: 1, "hpos=" + t.head.pos_: 1, "hdep=" + t.dep_ + ">" + t.head.pos_: 1,
         "hlemma=" + t.head.lemma_.lower(): 1, "ent=" + t.ent_type_: 1, "title": int(t.is_title),
         "nkids": min(len(list(t.children)), 4)}
    for c in t.children:
        f["kid=" + c.dep_] = 1
    if t.i > 0:
        f["prev=" + t.nbor(-1).lower_] = 1
    return f


class MentionClassifier:
    """Is this word the head of an event mention? Trained once on an annotated split."""

    def __init__(self, parsed, gold, tok_at, *, c: float = 1.0) -> None:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression

        gold_heads = set()
        for g in gold:
            key = (g["doc_id"], g["sent_id"])
            if key in parsed:
                doc, offsets = parsed[key]
                h = _head(doc, offsets, g["tokens_number"], tok_at)
                if h is not None:
                    gold_heads.add((key, h.i))
        rows, labels = [], []
        for key, (doc, _) in parsed.items():
            for t in doc:
                if t.pos_ not in _SKIP_POS:
                    rows.append(_features(t))
                    labels.append((key, t.i) in gold_heads)
        self.vectorizer = DictVectorizer()
        self.model = LogisticRegression(C=c, max_iter=2000).fit(self.vectorizer.fit_transform(rows), labels)

    def mentions(self, parsed, threshold: float = 0.4):
        """Mentions whose head word's probability reaches ``threshold``, with their multiword spans."""
        keys, toks, rows = [], [], []
        for key, (doc, _) in parsed.items():
            for t in doc:
                if t.pos_ not in _SKIP_POS:
                    keys.append(key)
                    toks.append(t)
                    rows.append(_features(t))
        probs = self.model.predict_proba(self.vectorizer.transform(rows))[:, 1] if rows else []
        out = []
        for key, t, p in zip(keys, toks, probs):
            if p < threshold:
                continue
            doc, offsets = parsed[key]
            by_char = {s: tid for tid, (s, _) in offsets.items()}
            if t.idx not in by_char:
                continue
            ids = tuple(sorted(by_char[x.idx] for x in mention_span(t, doc) if x.idx in by_char))
            out.append({"doc_id": key[0], "sent_id": key[1], "tokens": ids, "type": "other", "lemma": t.lemma_.lower()})
        return out
