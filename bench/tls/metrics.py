"""Timeline metrics of the news-tls protocol: Date-F1 and alignment ROUGE "align+ m:1".

Written from the descriptions in Martschat & Markert (EACL 2017, "Improving ROUGE for
Timeline Summarization") and Ghalandari & Ifrim (ACL 2020), to match what tilse computes
with its Python ROUGE ("reimpl": lower-cased tokens, Porter stems, ROUGE's SMART stopwords
and punctuation removed). ``python -m bench.tls --check-tilse`` compares with tilse itself.

A timeline here is ``dict[datetime.date, list[str]]``: day -> tokenised summary sentences.
"""
from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

Timeline = dict[dt.date, list[str]]

_PUNCT = {".", ",", ";", ":", "``", "''", "-", '"'}
_APPROX_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def rouge_setup_note() -> str | None:
    """Why our ROUGE would differ from tilse's here, or None when it is set up the same way."""
    missing = [what for what, ok in (("ROUGE's stopword list (pyrouge)", bool(_stopwords())),
                                     ("the Porter stemmer (nltk)", _stemmer() is not None)) if not ok]
    return f"ROUGE without {' and '.join(missing)}: pip install -e '.[bench]'" if missing else None


def date_prf(pred: Timeline, gold: Timeline) -> PRF:
    shared = len(set(pred) & set(gold))
    return PRF(shared / len(pred) if pred else 0.0, shared / len(gold) if gold else 0.0)


def average(prfs: list[PRF]) -> PRF:
    """news-tls averaging: mean precision and mean recall; F1 is computed from those means."""
    n = len(prfs) or 1
    return PRF(sum(p.precision for p in prfs) / n, sum(p.recall for p in prfs) / n)


# ---- ROUGE counts ---------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    """ROUGE-1.5.5's smart_common_words list, as shipped with pyrouge (a tilse dependency)."""
    try:
        import pyrouge

        path = Path(pyrouge.__file__).parent / "tools" / "ROUGE-1.5.5" / "data" / "smart_common_words.txt"
        return frozenset(path.read_text(encoding="utf-8").splitlines())
    except (ImportError, OSError):
        return frozenset()


@functools.lru_cache(maxsize=1)
def _stemmer():
    try:
        from nltk.stem import PorterStemmer
    except ImportError:
        return None
    return PorterStemmer()


@functools.lru_cache(maxsize=200_000)
def _stem(token: str) -> str:
    stemmer = _stemmer()
    if stemmer is None:
        return token
    try:
        return stemmer.stem(token)
    except IndexError:
        return token


def _tokens(sentences: list[str]) -> list[str]:
    ignore = _stopwords() | _PUNCT
    return [_stem(t) for s in sentences for t in s.lower().split() if t not in ignore]


@functools.lru_cache(maxsize=100_000)
def _tokens_cached(sentences: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_tokens(list(sentences)))


def _counts(pred: tuple[str, ...], ref: tuple[str, ...], n: int) -> tuple[float, int, int]:
    """(matches, precision denominator, recall denominator) of n-grams, as ROUGE counts them."""
    pc = Counter(zip(*(pred[i:] for i in range(n))))
    rc = Counter(zip(*(ref[i:] for i in range(n))))
    match = sum(min(c, rc[g]) for g, c in pc.items())
    return match, sum(pc.values()), sum(rc.values())


def _approx_rouge1(pred: list[str], ref: list[str]) -> float:
    """tilse's content cost: ROUGE-1 F1 on raw tokens, punctuation dropped, no stemming."""
    pc = Counter(t for s in pred for t in s.split() if t not in _APPROX_PUNCT)
    rc = Counter(t for s in ref for t in s.split() if t not in _APPROX_PUNCT)
    match = sum(min(c, rc[t]) for t, c in pc.items())
    p = match / sum(pc.values()) if pc else 0.0
    r = match / sum(rc.values()) if rc else 0.0
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def _date_factor(a: dt.date, b: dt.date) -> float:
    return 1.0 / (abs(a.toordinal() - b.toordinal()) + 1)


def align_rouge(pred: Timeline, gold: Timeline) -> dict[str, PRF]:
    """Alignment-based ROUGE-1/2 with many-to-one alignment on date and content costs ("align+ m:1").

    Each predicted day is aligned to the gold day of least cost (1 - date factor) * (1 - ROUGE-1
    approximation), and vice versa for recall; the ROUGE matches of an aligned pair are
    discounted by 1 / (1 + days apart).
    """
    pdays, gdays = sorted(pred), sorted(gold)
    num = {"rouge_1": [0.0, 0.0], "rouge_2": [0.0, 0.0]}  # [precision numerator, recall numerator]
    den = {"rouge_1": [0, 0], "rouge_2": [0, 0]}
    tok = {("p", d): _tokens_cached(tuple(pred[d])) for d in pdays}
    tok.update({("g", d): _tokens_cached(tuple(gold[d])) for d in gdays})
    empty: tuple[str, ...] = ()

    def cost(p: dt.date, g: dt.date) -> float:
        return (1 - _date_factor(p, g)) * (1 - _approx_rouge1(pred[p], gold[g]))

    # precision: every predicted day is aligned to its cheapest gold day
    for p in pdays:
        for key, n in (("rouge_1", 1), ("rouge_2", 2)):
            if gdays:
                g = min(gdays, key=lambda g: (cost(p, g), gdays.index(g)))
                m, pd_, _ = _counts(tok[("p", p)], tok[("g", g)], n)
                num[key][0] += _date_factor(p, g) * m
            else:
                _, pd_, _ = _counts(tok[("p", p)], empty, n)
            den[key][0] += pd_
    # recall: every gold day is aligned to its cheapest predicted day
    for g in gdays:
        for key, n in (("rouge_1", 1), ("rouge_2", 2)):
            if pdays:
                p = min(pdays, key=lambda p: (cost(p, g), pdays.index(p)))
                m, _, rd = _counts(tok[("p", p)], tok[("g", g)], n)
                num[key][1] += _date_factor(p, g) * m
            else:
                _, _, rd = _counts(empty, tok[("g", g)], n)
            den[key][1] += rd
    return {k: PRF(num[k][0] / den[k][0] if den[k][0] else 0.0, num[k][1] / den[k][1] if den[k][1] else 0.0)
            for k in num}


def tilse_scores(pred: Timeline, gold: Timeline, *, original: bool = False) -> dict[str, PRF] | None:
    """The same metric computed by tilse itself (None when tilse is not installed)."""
    try:
        from tilse.data.timelines import GroundTruth, Timeline as TilseTimeline
        from tilse.evaluation import rouge
    except ImportError:
        return None
    as_dt = lambda tl: {dt.datetime(d.year, d.month, d.day): sents for d, sents in tl.items()}  # noqa: E731
    evaluator = rouge.TimelineRougeEvaluator(measures=["rouge_1", "rouge_2"],
                                             rouge_computation="original" if original else "reimpl")
    scores = evaluator.evaluate_align_date_content_costs_many_to_one(
        TilseTimeline(as_dt(pred)), GroundTruth([TilseTimeline(as_dt(gold))]))
    return {k: PRF(v["precision"], v["recall"]) for k, v in scores.items()}
