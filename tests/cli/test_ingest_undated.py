"""An article without a date: `chronicle ingest` stores an inferred date (CONTRACT: published_source)."""
from __future__ import annotations

import datetime as dt
import json

from chronicle.cli import main
from chronicle.dates import DateValue

# An invented article: no date line, no metadata; its dates only in the prose.
UNDATED = """Harbour bridge reopens after repairs

The Eastbank harbour bridge reopened to traffic on Friday, Oct. 18, after engineers finished \
replacing its cables, the city council said.

The bridge was closed in August 2024 when inspectors found corroded anchors. Repairs were first \
expected to take six weeks.

The council will review the contractor's costs on Nov. 4, its transport chair said yesterday.
"""


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_ingest_without_a_date_stores_the_inferred_date(capsys, tmp_path):
    (tmp_path / "bridge.txt").write_text(UNDATED, encoding="utf-8")
    db = str(tmp_path / "c.db")
    code, out, err = run(capsys, "--db", db, "ingest", str(tmp_path / "bridge.txt"), "--json")
    assert code == 0, err
    assert json.loads(out)["added"] == 1
    code, out, _ = run(capsys, "--db", db, "articles", "--json")
    (row,) = json.loads(out)
    assert row["published_source"] == "inferred"
    published = DateValue.parse(row["published"])
    # Closed in August 2024, reopened on Friday, Oct. 18 (a Friday in 2024), costs reviewed on Nov. 4 ahead.
    assert dt.date(2024, 8, 1) <= published.start and published.end <= dt.date(2024, 12, 31)
    assert not published.start <= dt.date.today() <= published.end


def test_analyze_marks_values_anchored_on_the_inferred_date(capsys, tmp_path):
    (tmp_path / "bridge.txt").write_text(UNDATED, encoding="utf-8")
    code, out, err = run(capsys, "analyze", str(tmp_path / "bridge.txt"), "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["article"]["published_source"] == "inferred"
    review = next(t for t in doc["timexes"] if t["text"] == "Nov. 4")
    assert review["value"] == "2024-11-04" and "(inferred)" in review["explain"]
    (note,) = [d for d in doc["diagnostics"] if d["code"] == "TMP002"]
    assert "August 2024" in note["message"] and "80% between" in note["message"]
