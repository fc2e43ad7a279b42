"""Pronoun speakers in the reference corpus, hand-checked: does "he"/"she"/"they" reach the right person?

Each row: (file, a few words of the quote, the pronoun as written, the expected canonical speaker).
Read against /work/shared/corpus/ukraine-calls on 2026-11-22; a group antecedent ("Ukraine and its
Western allies") has no canonical entity, so null is right and one member is wrong.
"""
from __future__ import annotations

from pathlib import Path

TABLE = [
    ("002_df0c1671780ec637.txt", "frank and meaningful", "He", "Vladimir Putin"),
    ("002_df0c1671780ec637.txt", "peace at any price", "She", "Bridget Brink"),
    ("002_df0c1671780ec637.txt", "would focus on halting", "He", "Donald Trump"),
    ("002_df0c1671780ec637.txt", "It takes two to tango", "He", "JD Vance"),
    ("002_df0c1671780ec637.txt", "real diplomacy", "He", "Volodymyr Zelensky"),
    ("003_8f91968fe002fd29.txt", "to commit to a full 30-day ceasefire", "he", "Vladimir Putin"),
    ("004_8f45c3f0b5a02a5e.txt", "to push back Russian forces", "they", None),  # a group: no one entity
    ("004_8f45c3f0b5a02a5e.txt", "Kyiv must abandon its aspirations", "he", "Vladimir Putin"),
]


def score(analyses: dict) -> tuple[int, int, list[str]]:
    """(right, total, wrong rows as text) for analyses keyed by file name."""
    right, wrong = 0, []
    for name, words, pronoun, expected in TABLE:
        hits = [q for q in analyses[name].quotes if words in q.text and q.speaker_text == pronoun]
        got = hits[0].speaker if hits else "(not found)"
        if got == expected:
            right += 1
        else:
            wrong.append(f"{name[:3]} {pronoun!r} {words!r}: {got} (expected {expected})")
    return right, len(TABLE), wrong


def run(corpus: Path) -> tuple[int, int, list[str]]:
    from chronicle.api import analyze_files

    files = sorted(str(p) for p in corpus.glob("*.txt"))
    analyses, _ = analyze_files(files, manifest=str(corpus / "manifest.csv"))
    return score({Path(f).name: a for f, a in zip(files, analyses)})
