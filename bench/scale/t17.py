"""Timeline17 articles for the scale benches: disjoint, spread samples, each a folder with its manifest."""
from __future__ import annotations

import csv
import tarfile
from pathlib import Path

from bench.common import shared_dir


def members(min_bytes: int = 200) -> list[tarfile.TarInfo]:
    """Every Timeline17 article file, sorted by name (all nine topics, in a stable order)."""
    with tarfile.open(shared_dir() / "bench" / "timeline17" / "t17-inputdocs.tar.gz") as tar:
        return sorted((m for m in tar if m.isfile() and m.name.endswith(".txt") and m.size > min_bytes),
                      key=lambda m: m.name)


def spread(items: list, n: int, *, offset: int = 0) -> list:
    """``n`` items spread evenly over ``items``, starting ``offset`` into each stride."""
    if n <= 0 or n >= len(items):
        return list(items)
    step = len(items) / n
    return [items[int(i * step + offset) % len(items)] for i in range(n)]


def write_folder(dest: Path, chosen: list[tarfile.TarInfo]) -> Path:
    """Extract ``chosen`` under ``dest`` with a manifest (date from the folder, outlet from the topic)."""
    names = {m.name for m in chosen}
    dest.mkdir(parents=True, exist_ok=True)
    files = []
    with tarfile.open(shared_dir() / "bench" / "timeline17" / "t17-inputdocs.tar.gz") as tar:
        for m in tar:
            if m.name in names:
                out = dest.joinpath(*Path(m.name).parts[-4:])  # <topic>/InputDocs/<date>/<id>.htm.txt
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(tar.extractfile(m).read())
                files.append(out)
    with (dest / "manifest.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["path", "published", "outlet", "url", "title"])
        for f in sorted(files):
            w.writerow([f.relative_to(dest).as_posix(), f.parent.name, f.parts[-4].rsplit("_", 1)[-1], "", ""])
    return dest
