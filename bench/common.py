"""Shared helpers for benchmark scripts: where the shared data is, and how to print a result table."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def shared_dir() -> Path:
    env = os.environ.get("CHRONICLE_SHARED")
    for candidate in ([Path(env)] if env else []) + [ROOT.parent / "shared", Path("/work/shared")]:
        if (candidate / "bench").is_dir():
            return candidate
    raise SystemExit("cannot find ../shared (set CHRONICLE_SHARED)")


def print_table(title: str, header: list[str], rows: list[list]) -> None:
    """Print a Markdown table, ready to paste into a closing note."""
    print(f"\n### {title}\n")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for row in rows:
        print("| " + " | ".join(_fmt(c) for c in row) + " |")


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)
