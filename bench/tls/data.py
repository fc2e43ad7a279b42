"""Timeline17 on disk: topics, their sub-corpora, the gold timelines, and a manifest for ingest."""
from __future__ import annotations

import csv
import datetime as dt
import re
import tarfile
from dataclasses import dataclass
from pathlib import Path

from bench.common import shared_dir

_DATE_LINE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_RULE = "-" * 32


@dataclass(frozen=True)
class GoldTimeline:
    topic: str
    name: str  # <sub-corpus>/<file>
    days: dict[dt.date, list[str]]
    skipped_blocks: int = 0  # blocks whose date line is not a valid day

    @property
    def start(self) -> dt.date:
        return min(self.days)

    @property
    def end(self) -> dt.date:
        return max(self.days)

    @property
    def sentences_per_date(self) -> int:
        """The gold's average sentences per date, rounded (news-tls ``get_average_summary_length``)."""
        return round(sum(len(s) for s in self.days.values()) / len(self.days))


def t17_dir() -> Path:
    return shared_dir() / "bench" / "timeline17"


def topic_of(sub_corpus: str) -> str:
    """news-tls topic name of a sub-corpus: ``bpoil_bbc`` -> ``bpoil``."""
    return sub_corpus.rsplit("_", 1)[0]


def sub_corpora() -> list[str]:
    return sorted(p.name for p in (t17_dir() / "timelines").iterdir() if p.is_dir())


def topics() -> list[str]:
    return sorted({topic_of(s) for s in sub_corpora()})


def load_gold(topic: str) -> list[GoldTimeline]:
    out = []
    for sub in sub_corpora():
        if topic_of(sub) != topic:
            continue
        for path in sorted((t17_dir() / "timelines" / sub).glob("*.txt")):
            out.append(parse_timeline(path.read_text(encoding="utf-8", errors="replace"), topic, f"{sub}/{path.name}"))
    return out


def parse_timeline(text: str, topic: str, name: str) -> GoldTimeline:
    """Parse the tilse text format: date line, sentences, a rule of 32 dashes."""
    days: dict[dt.date, list[str]] = {}
    skipped = 0
    for block in text.split(_RULE):
        lines = [ln.strip() for ln in block.strip().splitlines() if ln.strip()]
        if not lines:
            continue
        m = _DATE_LINE.match(lines[0])
        try:
            day = dt.date(int(m[1]), int(m[2]), int(m[3])) if m else None
        except ValueError:
            day = None
        if day is None:  # MJ_bbc has one block dated "2011-04-0"; news-tls's T17 has 698 dates without it
            skipped += 1
            continue
        days.setdefault(day, []).extend(lines[1:])
    return GoldTimeline(topic, name, days, skipped)


def extract_articles(dest: Path, wanted_topics: list[str]) -> dict[str, Path]:
    """Unpack the articles of the wanted topics; return topic -> manifest path (one per topic).

    The manifest gives each file its folder date as the publication date and the
    sub-corpus's outlet (bbc, reuters ...) as the outlet.
    """
    wanted = set(wanted_topics)
    with tarfile.open(t17_dir() / "t17-inputdocs.tar.gz") as tar:
        members = [m for m in tar.getmembers() if m.isfile() and topic_of(m.name.split("/")[0]) in wanted]
        tar.extractall(dest, members=members, filter="data")
    manifests: dict[str, Path] = {}
    for topic in sorted(wanted):
        rows = []
        for sub in sub_corpora():
            if topic_of(sub) != topic:
                continue
            for path in sorted((dest / sub / "InputDocs").glob("*/*.txt")):
                rows.append((path.relative_to(dest).as_posix(), path.parent.name, sub.rsplit("_", 1)[1]))
        manifest = dest / f"manifest-{topic}.csv"
        with manifest.open("w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["path", "published", "outlet"])
            writer.writerows(rows)
        manifests[topic] = manifest
    return manifests


def sub_corpus_of_path(source_path: str) -> str | None:
    """``.../bpoil_bbc/InputDocs/2010-04-21/12.htm.txt`` -> ``bpoil_bbc``."""
    parts = Path(source_path).parts
    if "InputDocs" in parts:
        i = parts.index("InputDocs")
        return parts[i - 1] if i > 0 else None
    return None
