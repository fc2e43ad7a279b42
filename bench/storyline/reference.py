"""The reference corpus scored against our hand-written list of its real events (ukraine_events.toml).

Measures (issue 13, "Targets"): precision of the whole timeline and of ``--top 15`` (entries
that are a real event on a right date), duplicates (entries beyond the first for one event),
milestone recall in ``--top 15``, and undated reports shown on a publication day.
"""
from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import shared_dir
from bench.storyline import product
from bench.storyline.matching import Event, Match, assign, duplicates, load_events, published_day_reports

FIXTURE = Path(__file__).with_name("ukraine_events.toml")
TOP = 15


@dataclass
class ReferenceScores:
    entries: int
    right: int
    top_entries: int
    top_right: int
    duplicates: int
    top_duplicates: int
    milestones: int
    milestones_in_top: int
    published_day: int
    top_background: int
    events_found: int
    events: int
    missing_milestones: list[str] = field(default_factory=list)
    matches: list[Match] = field(default_factory=list, repr=False)
    top_matches: list[Match] = field(default_factory=list, repr=False)

    @property
    def precision(self) -> float:
        return self.right / self.entries if self.entries else 0.0

    @property
    def top_precision(self) -> float:
        return self.top_right / self.top_entries if self.top_entries else 0.0


def corpus_dir() -> Path:
    return shared_dir() / "corpus" / "ukraine-calls"


def article_key(file_name: str) -> str:
    """``000_e6c8131fea50d697.txt`` -> ``000``, how the fixture names articles."""
    return file_name.split("_", 1)[0]


def match_entries(entries: list[dict], events: list[Event], files: dict[str, str]) -> list[Match]:
    out = []
    for e in entries:
        aid = (e.get("summary_source") or {}).get("article") or (e.get("sources") or [{}])[0].get("article")
        out.append(assign(e, events, article_key(files[aid]) if aid in files else None))
    return out


def score(entries: list[dict], top: list[dict], events: list[Event], files: dict[str, str]) -> ReferenceScores:
    """The reference measures of a whole timeline and its ``--top 15``."""
    matches, top_matches = match_entries(entries, events, files), match_entries(top, events, files)
    milestones = [e for e in events if e.milestone]
    held = {m.event.id for m in top_matches if m.event is not None and m.right}
    found = {m.event.id for m in matches if m.event is not None and m.right}
    return ReferenceScores(
        entries=len(entries), right=sum(m.right for m in matches), top_entries=len(top),
        top_right=sum(m.right for m in top_matches), duplicates=duplicates(matches),
        top_duplicates=duplicates(top_matches), milestones=len(milestones),
        milestones_in_top=sum(e.id in held for e in milestones),
        published_day=len(published_day_reports(entries)),
        top_background=sum(1 for m in top_matches if m.event is not None and m.event.kind == "background"
                           or m.entry.get("section") in ("background", "undated")),
        events_found=len(found), events=len(events),
        missing_milestones=[e.id for e in milestones if e.id not in held], matches=matches, top_matches=top_matches)


def run(*, db: Path | None = None, fixture: Path = FIXTURE) -> tuple[ReferenceScores, float]:
    """Ingest the reference corpus into a fresh store (or read ``db``) and score what the CLI prints."""
    events = load_events(fixture)
    with tempfile.TemporaryDirectory(prefix="chronicle-storyline-") as tmp:
        seconds = 0.0
        if db is None:
            db = Path(tmp) / "ukraine.db"
            corpus = corpus_dir()
            seconds = product.ingest(db, [corpus], manifest=corpus / "manifest.csv", jobs=1)
        t0 = time.perf_counter()
        entries = product.timeline(db)
        top = product.timeline(db, top=TOP)
        files = product.article_files(db)
        seconds += time.perf_counter() - t0
    return score(entries, top, events, files), seconds


def explain(scores: ReferenceScores) -> str:
    """One line per entry: right/wrong, the event it was matched to, date, section, summary."""
    lines = []
    for m in scores.matches:
        e = m.entry
        mark = "ok " if m.right else "-- "
        lines.append(f"{mark}{e.get('date') or '-':<12} {e.get('section') or '':<10} "
                     f"{m.event.id if m.event else '(no event)':<34} {(e.get('summary') or '')[:90]}")
    return "\n".join(lines)
