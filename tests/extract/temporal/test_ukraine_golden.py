"""Golden checks on the reference articles (read at test time, dated from the manifest)."""
from __future__ import annotations

import pytest


def find(analysis, phrase: str, nth: int = 0):
    hits = [t for t in analysis.timexes if t.text == phrase]
    assert len(hits) > nth, f"{phrase!r} not found; got {[t.text for t in analysis.timexes]}"
    return hits[nth]


@pytest.mark.parametrize("name, phrase, value", [
    ("000_e6c8131fea50d697.txt", "Tuesday", "2025-03-18"),  # "are set to ... on Tuesday", published Monday
    ("000_e6c8131fea50d697.txt", "1300 GMT", "2025-03-18T13:00Z"),
    ("000_e6c8131fea50d697.txt", "February 18", "2025-02-18"),
    ("000_e6c8131fea50d697.txt", "a week", "2025-W09"),  # "a week later": TimeML leaves "later" outside
    ("000_e6c8131fea50d697.txt", "last week", "2025-W11"),
    ("000_e6c8131fea50d697.txt", "August 2024", "2024-08"),
    ("000_e6c8131fea50d697.txt", "30-day", "P30D"),
    ("001_297b9b91cface46f.txt", "Tuesday", "2025-03-18"),  # "Tuesday's phone call", published Wednesday
    ("001_297b9b91cface46f.txt", "3-year-old", "P3Y"),
    ("002_df0c1671780ec637.txt", "Monday", "2025-05-19"),  # a Monday article saying "on Monday"
    ("002_df0c1671780ec637.txt", "late Sunday", "2025-05-18"),
    ("002_df0c1671780ec637.txt", "the weekend", "2025-W20-WE"),
    ("002_df0c1671780ec637.txt", "last month", "2025-04"),
    ("004_8f45c3f0b5a02a5e.txt", "June 14", "2024-06-14"),  # past tense in a February 2025 article
    ("004_8f45c3f0b5a02a5e.txt", "November", "2024-11"),
    ("004_8f45c3f0b5a02a5e.txt", "Friday", "2025-02-07"),
    ("004_8f45c3f0b5a02a5e.txt", "last week", "2025-W05"),
])
def test_key_expressions(ukraine_analyses, name, phrase, value):
    t = find(ukraine_analyses[name], phrase)
    assert t.value == value, t.explain
    assert t.explain.endswith(f"-> {value}")


def test_explain_names_the_manifest_date_and_the_tense(ukraine_analyses):
    t = find(ukraine_analyses["000_e6c8131fea50d697.txt"], "Tuesday")
    assert "future tense" in t.explain and "2025-03-17 (manifest)" in t.explain
    t = find(ukraine_analyses["001_297b9b91cface46f.txt"], "Tuesday")
    assert "past tense" in t.explain and "2025-03-19 (manifest)" in t.explain


def test_spans_index_the_article(ukraine_analyses):
    for an in ukraine_analyses.values():
        assert an.timexes
        for t in an.timexes:
            assert an.article.text[t.start_char:t.end_char] == t.text
