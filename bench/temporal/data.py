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
    regions: list[tuple[int, int]] | None = None  # only these spans are annotated (None: all the text)
    corpus: str = ""


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


# MEANTIME tokens are detokenised with these rules, so that expressions read as in the
# original article ("March 1, 2008", not "March 1 , 2008").
_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", "%", ")", "]", "'s", "n't", "'", "''", "'re", "'ll", "'ve", "'d", "'m"}
_NO_SPACE_AFTER = {"(", "[", "$", "US$", "``", "#", "£"}
# MEANTIME annotates TIMEX3s (and events) at document level only in the title (sentence 0)
# and the first sentences of the body: no document-level markable lies past sentence 5.
# Sentence 1 is the dateline, i.e. the document creation time, which is not scored.
MEANTIME_SCORED_SENTENCES = (0, 2, 3, 4, 5)


def load_meantime(folder: Path, corpora: tuple[str, ...] = ("airbus", "apple", "gm", "stock")) -> list[Doc]:
    """CAT XML: detokenised text, one line per sentence; TIMEX3 spans from token anchors.

    The dateline timex is the DCT (two documents mark it ``functionInDocument="NONE"``
    instead of ``CREATION_TIME``; it is the same dateline). ``Doc.regions`` holds the
    character spans of the annotated sentences: scoring is restricted to them.
    """
    docs = []
    for path in sorted(p for c in corpora for p in folder.glob(f"corpus_{c}/*.xml")):
        root = ET.parse(path).getroot()
        spans: dict[str, tuple[int, int]] = {}
        sent_of: dict[str, int] = {}
        bounds: dict[int, list[int]] = {}
        out, pos, sent, prev = [], 0, None, ""
        for tok in root.iter("token"):
            word = (tok.text or "").replace("``", '"').replace("''", '"')
            raw = tok.text or ""
            if sent is not None and tok.get("sentence") != sent:
                out.append("\n")
                pos += 1
            elif sent is not None and raw not in _NO_SPACE_BEFORE and prev not in _NO_SPACE_AFTER:
                out.append(" ")
                pos += 1
            sent, prev = tok.get("sentence"), raw
            spans[tok.get("t_id")] = (pos, pos + len(word))
            sent_of[tok.get("t_id")] = int(sent)
            b = bounds.setdefault(int(sent), [pos, pos])
            b[1] = pos + len(word)
            out.append(word)
            pos += len(word)
        text = "".join(out)
        dct, gold = None, []
        for tx in root.iter("TIMEX3"):
            ids = [a.get("t_id") for a in tx.findall("token_anchor")]
            dateline = bool(ids) and sent_of[ids[0]] == 1
            if tx.get("functionInDocument") == "CREATION_TIME" or (dateline and dct is None):
                dct = dct or tx.get("value")
                continue
            if not ids or not tx.get("value") or dateline:
                continue
            s, e = spans[ids[0]][0], spans[ids[-1]][1]
            gold.append(GoldTimex(s, e, text[s:e], tx.get("type"), tx.get("value")))
        regions = [tuple(bounds[i]) for i in MEANTIME_SCORED_SENTENCES if i in bounds]
        if dct and (m := re.fullmatch(r"(\d\d)-(\d\d)-(\d{4})", dct)):
            dct = f"{m.group(3)}-{m.group(2)}-{m.group(1)}"  # one DCT is written DD-MM-YYYY (its dateline agrees)
        if dct:
            docs.append(Doc(path.stem, text, dct, gold, regions, path.parent.name.removeprefix("corpus_")))
    return docs


def in_regions(doc: Doc, start: int, end: int) -> bool:
    return doc.regions is None or any(s <= start and end <= e for s, e in doc.regions)


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
