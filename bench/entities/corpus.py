"""The reference corpus checks (ukraine-calls): one PERSON entity per person, no place or
platform typed PERSON, and spelling variants merged. The gold keys are short names."""
from __future__ import annotations

import tempfile
from pathlib import Path

PERSONS = ["Donald Trump", "Vladimir Putin", "Volodymyr Zelensky", "Joe Biden", "Dmitry Peskov", "JD Vance",
           "Steve Witkoff", "Marco Rubio", "Scott Bessent", "Bridget Brink", "Karoline Leavitt", "Emmanuel Macron",
           "Friedrich Merz", "Alexander Stubb", "Aleksandr Darchiev", "Viktor Yanukovych", "Leonid Slutsky"]
NOT_PERSONS = ["Truth Social", "Air Force One", "Oval Office", "Kursk", "Kiev", "Kyiv"]
SAME = [("Zelensky", "Zelenskyy"), ("Kiev", "Kyiv"), ("Türkiye", "Turkey")]


def entity_of(rows: list[dict], form: str) -> list[str]:
    return [r["name"] for r in rows if form == r["name"] or form in r["aliases"]]


def check(rows: list[dict]) -> list[tuple[str, bool, str]]:
    """(check, passed, detail) for each reference-corpus check, on CONTRACT entity rows."""
    out = []
    persons = [r for r in rows if r["type"] == "PERSON"]
    for name in PERSONS:
        surname = name.split()[-1]
        holders = [r["name"] for r in persons if name == r["name"] or name in r["aliases"] or surname in r["aliases"]
                   or surname == r["name"]]
        out.append((f"one PERSON entity for {name}", holders == [name], ", ".join(holders) or "missing"))
    for name in NOT_PERSONS:
        wrong = [r["name"] for r in persons if name == r["name"] or name in r["aliases"]]
        out.append((f"{name} is not a PERSON", not wrong, ", ".join(wrong) or "ok"))
    for a, b in SAME:
        ea, eb = entity_of(rows, a), entity_of(rows, b)
        out.append((f"{a} / {b} are one entity", len(ea) == 1 and ea == eb, f"{ea} / {eb}"))
    return out


def run(corpus: Path) -> list[tuple[str, bool, str]]:
    import chronicle

    with tempfile.TemporaryDirectory() as tmp:
        api = chronicle.open(Path(tmp) / "bench.db", aliases=Path(tmp) / "none.toml")
        api.ingest([str(corpus)], manifest=str(corpus / "manifest.csv"))
        rows = api.entities()
        api.close()
    return check(rows)
