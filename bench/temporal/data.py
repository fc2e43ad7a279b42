"""Loading the benchmark data: TE3 TimeML, MEANTIME CAT XML and the ukraine-calls gold table."""
from __future__ import annotations

import csv
import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class Doc:
    name: str
    text: str
    dct: str  # TIMEX3 value of the document creation time
    gold: list[GoldTimex] = field(default_factory=list)


def load_te3(folder: Path) -> list[Doc]:
    """TimeML files: plain text rebuilt from the TEXT element, gold TIMEX3 offsets mapped into it."""
    docs = []
    for path in sorted(folder.glob("*.tml")):
        root = ET.parse(path).getroot()
        dct = root.find("DCT/TIMEX3").get("value")
        text_el = root.find("TEXT")
        parts: list[str] = []
        gold: list[GoldTimex] = []
        pos = 0

        def walk(el) -> None:
            nonlocal pos
            start = pos
            if el.text:
                parts.append(el.text)
                pos += len(el.text)
            for child in el:
                walk(child)
                if child.tail:
                    parts.append(child.tail)
                    pos += len(child.tail)
            if el.tag == "TIMEX3":
                gold.append(GoldTimex(start, pos, "".join(parts)[start:pos], el.get("type"), el.get("value")))

        walk(text_el)
        docs.append(Doc(path.stem, "".join(parts), dct, gold))
    return docs


def load_meantime(folder: Path) -> list[Doc]:
    """CAT XML: tokens joined by spaces, one line per sentence; TIMEX3 spans from token anchors."""
    docs = []
    for path in sorted(folder.glob("corpus_*/*.xml")):
        root = ET.parse(path).getroot()
        spans: dict[str, tuple[int, int]] = {}
        out, pos, sent = [], 0, None
        for tok in root.iter("token"):
            if sent is not None and tok.get("sentence") != sent:
                out.append("\n")
                pos += 1
            elif sent is not None:
                out.append(" ")
                pos += 1
            sent = tok.get("sentence")
            word = tok.text or ""
            spans[tok.get("t_id")] = (pos, pos + len(word))
            out.append(word)
            pos += len(word)
        text = "".join(out)
        dct, gold = None, []
        for tx in root.iter("TIMEX3"):
            if tx.get("functionInDocument") == "CREATION_TIME":
                dct = tx.get("value")
                continue
            ids = [a.get("t_id") for a in tx.findall("token_anchor")]
            if not ids or not tx.get("value"):
                continue
            s, e = spans[ids[0]][0], spans[ids[-1]][1]
            gold.append(GoldTimex(s, e, text[s:e], tx.get("type"), tx.get("value")))
        if dct:
            docs.append(Doc(path.stem, text, dct, gold))
    return docs


def load_ukraine(folder: Path) -> list[Doc]:
    """The five reference articles, dated from the manifest, with the gold table of this folder."""
    dates = {r["path"]: r["published"] for r in csv.DictReader(open(folder / "manifest.csv", encoding="utf-8"))}
    table = list(csv.DictReader(open(HERE / "ukraine_gold.csv", encoding="utf-8")))
    docs = []
    for name in sorted(dates):
        text = (folder / name).read_text(encoding="utf-8")
        gold = []
        for row in (r for r in table if r["file"] == name):
            hits = [m for m in re.finditer(rf"(?<!\w){re.escape(row['phrase'])}(?!\w)", text)]
            m = hits[int(row["occurrence"]) - 1]
            gold.append(GoldTimex(m.start(), m.end(), m.group(), "", row["value"]))
        docs.append(Doc(name, text, dates[name], gold))
    return docs


def as_date(value: str) -> dt.date:
    return dt.date.fromisoformat(value[:10])
