"""bench/storyline reads the product through its CLI, and a per-topic store derived from a larger one
prints the same timeline as a store that ingested those articles alone."""
from __future__ import annotations

import csv
import shutil

import pytest

from bench.storyline import product


def test_cli_errors_are_raised_not_scored(tmp_path):
    with pytest.raises(product.ProductError, match="exit 2"):
        product.timeline(tmp_path / "empty.db", top=0)


@pytest.mark.slow
def test_a_derived_store_prints_what_an_ingest_of_its_articles_alone_prints(ukraine, tmp_path):
    full = tmp_path / "full.db"
    product.ingest(full, [ukraine], manifest=ukraine / "manifest.csv", jobs=1)
    wanted = ("002_", "004_")
    keep = [aid for aid, name in product.article_files(full).items() if name.startswith(wanted)]
    assert len(keep) == 2
    derived = tmp_path / "derived.db"
    product.derive_store(full, derived, keep)

    alone = tmp_path / "alone"
    alone.mkdir()
    with (ukraine / "manifest.csv").open(newline="") as src, (alone / "manifest.csv").open("w", newline="") as dst:
        rows = list(csv.reader(src))
        csv.writer(dst).writerows([rows[0]] + [r for r in rows[1:] if r[0].startswith(wanted)])
    for p in ukraine.glob("*.txt"):
        if p.name.startswith(wanted):
            shutil.copy(p, alone / p.name)
    fresh = tmp_path / "fresh.db"
    product.ingest(fresh, [alone / p.name for p in sorted(alone.glob("*.txt"))], manifest=alone / "manifest.csv", jobs=1)

    full_timeline = product.timeline(full)
    derived_timeline = product.timeline(derived)
    assert len(derived_timeline) < len(full_timeline)
    assert derived_timeline == product.timeline(fresh)
    assert product.timeline(derived, top=5) == product.timeline(fresh, top=5)
