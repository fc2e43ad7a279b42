"""Records from the usual fetchers (issue 17): news-please JSON and trafilatura's JSON output ingest
with their metadata, as .json files and as JSON Lines lines. trafilatura's records are made by
trafilatura itself at test time; news-please's follow its documented keys."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chronicle.errors import InputError
from chronicle.text.formats import documents_from_input

from localweb import ARTICLES, NEWS_PLEASE, page


def trafilatura_record(path: str, url: str) -> dict:
    import trafilatura

    out = trafilatura.extract(page(path), output_format="json", with_metadata=True, url=url)
    return json.loads(out)


def test_news_please_json_file_ingests_with_its_metadata(store, tmp_path):
    (tmp_path / "story.json").write_text(json.dumps(NEWS_PLEASE, indent=4), encoding="utf-8")
    report = store.ingest([tmp_path / "story.json"], analyze=False)
    assert report.failed == []
    (row,) = store.articles()
    assert {k: row[k] for k in ("title", "published", "published_source", "outlet", "url", "fetched_at")} == {
        "title": NEWS_PLEASE["title"], "published": "2025-04-11", "published_source": "metadata",
        "outlet": NEWS_PLEASE["source_domain"], "url": NEWS_PLEASE["url"], "fetched_at": "2025-04-12T10:15:00+00:00"}
    stored = store.article(row["id"])
    assert stored["text"] == NEWS_PLEASE["maintext"] and stored["author"] == "Ana Petrova"


def test_trafilatura_json_lines_keep_date_outlet_and_url(store, tmp_path):
    urls = {p: "https://courier.example" + p for p in ("/news/talks-resume.html", "/news/prisoners-freed.html")}
    records = [trafilatura_record(p, u) for p, u in urls.items()]
    (tmp_path / "pages.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    report = store.ingest([tmp_path / "pages.jsonl"], analyze=False)
    assert report.failed == []
    rows = {r["url"]: r for r in store.articles()}
    assert sorted(rows) == sorted(urls.values())
    for path, url in urls.items():
        title, date, paragraphs = ARTICLES[path]
        row = rows[url]
        assert (row["title"], row["published"], row["outlet"]) == (title, date, "Merin Courier")
        text = store.article(row["id"])["text"]
        assert text.split("\n") == list(paragraphs), "the text, without trafilatura's repeated heading"


def test_a_json_file_may_hold_a_list_of_records_each_reported_on_its_own(tmp_path):
    bad_date = dict(NEWS_PLEASE, date_publish="last Friday", title="Bad date")
    bad_authors = dict(NEWS_PLEASE, authors=[1, 2], title="Bad authors")
    no_text = dict(NEWS_PLEASE, maintext=None, title="No text")
    data = json.dumps([NEWS_PLEASE, bad_date, "not a record", bad_authors, no_text]).encode()
    fmt, _, docs = documents_from_input("batch.json", data)
    assert fmt == "jsonl" and docs[0].title == NEWS_PLEASE["title"] and docs[0].index == 0
    errors = [(d.code, d.reason) for d in docs[1:]]
    assert errors == [
        ("ING033", "record 2: 'date_publish': cannot read date 'last Friday': use YYYY-MM-DD (or YYYY-MM, YYYY, "
                   "or an ISO 8601 timestamp)"),
        ("ING031", "record 3: not a JSON object"),
        ("ING035", "record 4: 'authors' must be a string or null, not list"),
        ("ING032", "record 5: no 'text' key with article text"),
    ]
    assert all(isinstance(d, InputError) for d in docs[1:])


def test_chronicle_keys_win_over_the_fetchers_keys():
    record = dict(NEWS_PLEASE, text="Our own text of the story.", published="2025-05-01", outlet="Own Outlet",
                  source="Wire desk")  # `source` that is not a URL is not read as the URL
    (doc,) = documents_from_input("r.jsonl", json.dumps(record).encode())[2]
    assert (doc.text, doc.published.value, doc.outlet, doc.url) == (
        "Our own text of the story.", "2025-05-01", "Own Outlet", NEWS_PLEASE["url"])


FIELD = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "Zs", "P")), min_size=1, max_size=40)
RECORD = st.fixed_dictionaries(
    {"maintext": FIELD.filter(lambda t: t.strip())},
    optional={"title": FIELD, "source_domain": FIELD, "url": FIELD, "authors": st.lists(FIELD, max_size=3),
              "date_publish": st.dates().map(lambda d: d.isoformat() + " 12:00:00"),
              "date_download": st.datetimes().map(lambda d: d.isoformat(sep=" "))})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(RECORD, min_size=1, max_size=4))
def test_records_read_the_same_as_json_lines_as_a_json_list_and_one_by_one(records):
    lines = documents_from_input("a.jsonl", "".join(json.dumps(r) + "\n" for r in records).encode())[2]
    listed = documents_from_input("a.json", json.dumps(records, indent=2).encode())[2]
    alone = [documents_from_input("a.json", json.dumps(r, indent=2).encode())[2][0] for r in records]
    strip = lambda docs: [(d.code, d.reason.split(": ", 1)[1]) if isinstance(d, InputError)  # noqa: E731
                          else (d.text, d.title, d.published, d.outlet, d.url, d.author, d.fetched_at) for d in docs]
    assert strip(lines) == strip(listed) == strip(alone)
    for record, doc in zip(records, listed):
        if not isinstance(doc, InputError):
            assert doc.published is None or doc.published.value == record["date_publish"][:10]
