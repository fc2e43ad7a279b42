"""Story clustering on the mixed Timeline17 pile, scored against the topic labels.

    python -m bench.stories                 # all 9 topics (about 4,600 articles), peers in the same run
    python -m bench.stories --cap 150       # at most 150 articles per topic, for speed
    python -m bench.stories --no-peers      # Chronicle only

Every article of the nine Timeline17 topics goes into one pile with no label; Chronicle's
clustering step (chronicle.link.stories.place_articles, the step ingest runs after linking)
groups it into stories, and the partition is scored against the topic labels with B³
precision, recall and F1 (Bagga & Baldwin 1998) and the adjusted Rand index, over all
articles and per split. The split is fixed here: the settings in data/stories/stories.toml
were tuned on DEV only; TEST was scored, not tuned on. B³ of a split averages over that
split's articles, with whole clusters (a dev article in a cluster of test articles costs dev
precision). Peers in the same run, on the same term vectors: k-means told the true k
(scikit-learn), and single-link agglomerative clustering cut at the true k. Speed is the
clustering step alone (terms, IDF, placement), articles per second, after reading the tarball.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import re
import tarfile
import time
from collections import Counter, defaultdict

from bench.common import print_table, shared_dir

DEV = ("bpoil", "EgyptianProtest", "H1N1", "IraqWar")
TEST = ("Finan", "haiti", "LibyaWar", "MJ", "SyrianCrisis")
_DATE = re.compile(r"/(\d{4}-\d{2}-\d{2})/")


def read_pile(cap: int | None = None, seed: int = 0):
    """(StoryArticle list, topic label per article id) for every non-empty Timeline17 article."""
    from chronicle.link.stories import StoryArticle

    by_topic: dict[str, list] = defaultdict(list)
    with tarfile.open(shared_dir() / "bench" / "timeline17" / "t17-inputdocs.tar.gz") as tar:
        for m in tar:
            if not (m.isfile() and m.name.endswith(".txt")):
                continue
            text = tar.extractfile(m).read().decode("utf-8", "replace")
            if not text.strip():
                continue
            topic = m.name.split("/")[0].rsplit("_", 1)[0]
            day = dt.date.fromisoformat(_DATE.search(m.name).group(1))
            aid = hashlib.sha256(m.name.encode()).hexdigest()[:16]
            by_topic[topic].append(StoryArticle(aid, "", text, day))
    articles, labels = [], {}
    for topic in sorted(by_topic):
        items = sorted(by_topic[topic], key=lambda a: a.id)
        if cap and len(items) > cap:
            items = random.Random(f"{seed}-{topic}").sample(items, cap)
        articles += items
        labels.update({a.id: topic for a in items})
    return articles, labels


def b_cubed(pred: dict[str, object], gold: dict[str, str], items=None) -> tuple[float, float, float]:
    """B³ precision, recall, F1 of ``pred`` against ``gold``, averaged over ``items`` (default all)."""
    items = list(items if items is not None else gold)
    cluster_size = Counter(pred.values())
    class_size = Counter(gold.values())
    both = Counter((pred[i], gold[i]) for i in gold)
    if not items:
        return 0.0, 0.0, 0.0
    p = sum(both[(pred[i], gold[i])] / cluster_size[pred[i]] for i in items) / len(items)
    r = sum(both[(pred[i], gold[i])] / class_size[gold[i]] for i in items) / len(items)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def adjusted_rand(pred: dict[str, object], gold: dict[str, str]) -> float:
    """Hubert & Arabie's adjusted Rand index."""
    def pairs(n):
        return n * (n - 1) / 2

    n = len(gold)
    index = sum(pairs(c) for c in Counter((pred[i], gold[i]) for i in gold).values())
    a = sum(pairs(c) for c in Counter(pred[i] for i in gold).values())
    b = sum(pairs(c) for c in Counter(gold.values()).values())
    expected = a * b / pairs(n) if n > 1 else 0.0
    top = (a + b) / 2 - expected
    return (index - expected) / top if top else 1.0


def score_rows(name: str, pred: dict, gold: dict, seconds: float | None) -> list[list]:
    rows = []
    for split, topics in (("all", None), ("dev", DEV), ("test", TEST)):
        items = [i for i in gold if topics is None or gold[i] in topics]
        p, r, f = b_cubed(pred, gold, items)
        rate = f"{len(gold) / seconds:,.0f}" if seconds and split == "all" else ""
        rows.append([name, split, len(items), len({pred[i] for i in items}), p, r, f,
                     adjusted_rand(pred, gold) if split == "all" else "", rate])
    return rows


def term_matrix(articles, settings):
    """The pile's unit TF-IDF rows over Chronicle's own terms (scipy CSR), for the peers."""
    import math

    import numpy as np
    from scipy.sparse import csr_matrix

    from chronicle.link.stories import article_terms

    terms = [article_terms(a, settings)[0] for a in articles]
    df = Counter(t for c in terms for t in c)
    n = len(articles)
    kept = sorted(t for t, k in df.items() if settings.min_df <= k <= max(settings.min_df, settings.max_df_share * n))
    vocab = {t: i for i, t in enumerate(kept)}
    rows, cols, vals = [], [], []
    for r, c in enumerate(terms):
        for t, w in c.items():
            if t in vocab:
                rows.append(r)
                cols.append(vocab[t])
                vals.append(w * (math.log((1 + n) / (1 + df[t])) + 1.0))
    m = csr_matrix((vals, (rows, cols)), shape=(n, len(vocab)), dtype=np.float64)
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return csr_matrix(m.multiply(1.0 / norms[:, None]))


def peers(articles, gold, settings) -> list[list]:
    import numpy as np

    out = []
    k = len(set(gold.values()))
    t0 = time.perf_counter()
    x = term_matrix(articles, settings)
    vec_s = time.perf_counter() - t0
    try:
        from sklearn.cluster import KMeans
    except ImportError:
        KMeans = None
    if KMeans is not None:
        t0 = time.perf_counter()
        labels = KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(x)
        s = vec_s + time.perf_counter() - t0
        out += score_rows(f"k-means, true k={k} (scikit-learn)", {a.id: int(c) for a, c in zip(articles, labels)},
                          gold, s)
    else:
        print("scikit-learn is not installed: k-means peer skipped (pip install scikit-learn)")
    from scipy.cluster.hierarchy import fcluster, linkage

    t0 = time.perf_counter()
    sims = (x @ x.T).toarray()
    dist = np.clip(1.0 - sims[np.triu_indices(len(articles), 1)], 0.0, 2.0)
    labels = fcluster(linkage(dist, method="single"), t=k, criterion="maxclust")
    s = vec_s + time.perf_counter() - t0
    out += score_rows(f"single-link, cut at k={k} (scipy)", {a.id: int(c) for a, c in zip(articles, labels)}, gold, s)
    return out


def place_in_batches(articles, settings, batches: int):
    """Place the pile as a feed would bring it: ``batches`` ingests in publication order, each
    placing only its own articles into the stories the earlier ones made."""
    from chronicle.link.stories import Pile, place_articles

    ordered = sorted(articles, key=lambda a: (a.published, a.id))
    size = -(-len(ordered) // batches)
    pile, placed = Pile(), {}
    t0 = time.perf_counter()
    for i in range(0, len(ordered), size):
        placed.update(place_articles(pile, ordered[i:i + size], settings))
        for old, into in pile.merged.items():  # a merge moves a past story's articles whole
            placed.update({a: into for a, s in placed.items() if s == old})
    return placed, time.perf_counter() - t0


def incremental_cost(articles, settings) -> None:
    """The cost of placing 1, 10 and 100 new articles into the rest of the pile (the newest ones:
    a feed's next ingest), against placing the whole pile once."""
    from chronicle.link.stories import Pile, place_articles

    ordered = sorted(articles, key=lambda a: (a.published, a.id))
    rows = []
    for n in (1, 10, 100):
        pile = Pile()
        place_articles(pile, ordered[:-n], settings)
        t0 = time.perf_counter()
        place_articles(pile, ordered[-n:], settings)
        s = time.perf_counter() - t0
        rows.append([n, f"{s * 1000:.0f} ms", f"{s / n * 1000:.1f} ms"])
    print_table(f"Incremental: new articles placed into a pile of {len(ordered):,} less them (clustering step)",
                ["new articles", "time", "per article"], rows)


def store_cost(articles, new: int = 10) -> None:
    """The clustering step of an ingest of ``new`` articles into a store holding the rest of the
    pile, read and written through the store (migration 0014's tables), as ingest runs it."""
    import json
    import tempfile
    from pathlib import Path

    import chronicle
    import chronicle.pipeline as write_path

    ordered = sorted(articles, key=lambda a: (a.published, a.id))
    timed: list[float] = []
    step = write_path.cluster_stories

    def timing(store):
        t0 = time.perf_counter()
        placed = step(store)
        timed.append(time.perf_counter() - t0)
        return placed

    with tempfile.TemporaryDirectory(prefix="chronicle-stories-") as tmp:
        for name, part in (("old.jsonl", ordered[:-new]), ("new.jsonl", ordered[-new:])):
            Path(tmp, name).write_text("".join(json.dumps({"id": a.id, "text": a.text, "published": a.published.isoformat()})
                                               + "\n" for a in part), encoding="utf-8")
        write_path.cluster_stories = timing
        try:
            with chronicle.open(Path(tmp, "pile.db")) as api:
                for name in ("old.jsonl", "new.jsonl"):
                    report = api.ingest([str(Path(tmp, name))], analyze=False, max_bytes=1 << 30)
                    if report.failed:
                        raise SystemExit(f"ingest failed: {report.failed[:3]}")
                stories = len(api.stories())
        finally:
            write_path.cluster_stories = step
    print_table("Clustering step of ingest, through a SQLite store", ["ingest", "articles", "clustering step"],
                [["the pile less the newest", len(ordered) - new, f"{timed[0]:.2f} s"],
                 [f"then the {new} newest", new, f"{timed[1] * 1000:.0f} ms"]])
    print(f"stories in the store: {stories}")


def main(argv=None) -> None:
    from chronicle.link.stories import Pile, StorySettings, place_articles

    ap = argparse.ArgumentParser(prog="python -m bench.stories", description=__doc__.split("\n\n")[0])
    ap.add_argument("--cap", type=int, default=None, help="at most this many articles per topic (default: all)")
    ap.add_argument("--seed", type=int, default=0, help="sample seed for --cap")
    ap.add_argument("--no-peers", action="store_true", help="skip k-means and single-link")
    ap.add_argument("--batches", type=int, default=20,
                    help="also place the pile online, in this many batches by publication date (0: skip)")
    ap.add_argument("--store", action="store_true",
                    help="also time the step in a SQLite store: ingest the pile less its 10 newest articles "
                         "(no analysis), then those 10, and time the clustering of the second ingest")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                    help="override a stories.toml setting for this run (e.g. --set threshold=0.25)")
    ap.add_argument("--show", type=int, default=0, help="print the N largest stories with their topic mix")
    args = ap.parse_args(argv)
    overrides = {k: type(getattr(StorySettings(), k))(v) for k, v in (s.split("=", 1) for s in args.set)}
    settings = StorySettings.load(**overrides)
    articles, gold = read_pile(args.cap, args.seed)
    print(f"Timeline17 mixed pile: {len(articles)} articles, {len(set(gold.values()))} topics "
          f"(dev: {', '.join(DEV)}; test: {', '.join(TEST)})")
    t0 = time.perf_counter()
    pred = place_articles(Pile(), articles, settings)
    seconds = time.perf_counter() - t0
    rows = score_rows("Chronicle (link.stories, single pass)", pred, gold, seconds)
    if args.batches:
        online, online_s = place_in_batches(articles, settings, args.batches)
        rows += score_rows(f"Chronicle, online: {args.batches} ingests by date", online, gold, online_s)
        moved = sum(1 for a in pred if online[a] != pred[a])
        print(f"online vs one pass: {moved} of {len(pred)} articles in a story of another id"
              f" (ids are first articles; B³ above compares partitions)")
    incremental_cost(articles, settings)
    if args.store:
        store_cost(articles)
    if not args.no_peers:
        rows += peers(articles, gold, settings)
    print_table("Story clustering, Timeline17 topics as labels", ["system", "split", "articles", "clusters",
                "B³ P", "B³ R", "B³ F1", "ARI", "articles/s"], rows)
    topic_rows = []
    for topic in sorted(set(gold.values())):
        items = [i for i in gold if gold[i] == topic]
        main_story, n = Counter(pred[i] for i in items).most_common(1)[0]
        topic_rows.append([topic, "dev" if topic in DEV else "test", len(items), *b_cubed(pred, gold, items),
                           f"{n} of {sum(1 for i in pred if pred[i] == main_story)}"])
    print_table("Chronicle per topic", ["topic", "split", "articles", "B³ P", "B³ R", "B³ F1",
                                        "topic's articles in its largest story, of that story's"], topic_rows)
    print("\nPublished figure: none (Timeline17's SOURCE.md gives no clustering result for the mixed pile).")
    if args.show:
        members = defaultdict(list)
        for aid, sid in pred.items():
            members[sid].append(gold[aid])
        for sid, topics in sorted(members.items(), key=lambda kv: -len(kv[1]))[: args.show]:
            print(f"{sid}  {len(topics):5d}  {dict(Counter(topics).most_common(4))}")


if __name__ == "__main__":
    main()
