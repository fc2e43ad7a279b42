"""A seeded sample of Timeline17 articles, extracted into a temporary folder with a manifest.

The texts stay in the temporary folder (never in the repository); each is dated by its folder
name and its outlet is the topic's suffix, as bench/claims does.
"""
from __future__ import annotations

import csv
import random
import tarfile
from pathlib import Path

from bench.common import shared_dir


def t17_tarball() -> Path:
    return shared_dir() / "bench" / "timeline17" / "t17-inputdocs.tar.gz"


def extract_t17(n: int, dest: Path, *, seed: int = 18) -> tuple[Path, Path]:
    """Extract ``n`` Timeline17 articles (a seeded sample across topics) into ``dest``;
    returns (folder, manifest)."""
    with tarfile.open(t17_tarball()) as tar:
        members = sorted((m for m in tar if m.isfile() and m.name.endswith(".txt")), key=lambda m: m.name)
        chosen = sorted(random.Random(seed).sample(members, min(n, len(members))), key=lambda m: m.name)
        for m in chosen:
            out = dest / m.name
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(tar.extractfile(m).read())
    manifest = dest / "manifest.csv"
    with manifest.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["path", "published", "outlet", "url", "title"])
        for m in chosen:
            parts = Path(m.name).parts
            w.writerow([m.name, parts[-2], parts[0].rsplit("_", 1)[-1], "", ""])
    return dest, manifest
