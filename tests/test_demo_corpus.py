"""The demo corpus (examples/demo) ingests as its README says: ten articles, one syndicated
copy marked against the wire original, and dates from the manifest or from each file's own
metadata (the HTML page and the two feed entries, which the manifest leaves out)."""
from __future__ import annotations

import csv

import pytest

import chronicle


@pytest.fixture(scope="module")
def demo_ingest(demo_dir, tmp_path_factory):
    """Ingest the demo folder once into a fresh store; yield (report, articles by url, store)."""
    api = chronicle.open(tmp_path_factory.mktemp("demo") / "demo.db")
    report = api.ingest([demo_dir], manifest=demo_dir / "manifest.csv")
    by_url = {a["url"]: a for a in api.articles()}
    yield report, by_url, api
    api.close()


def _manifest_rows(demo_dir) -> list[dict]:
    with open(demo_dir / "manifest.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_all_ten_articles_are_stored(demo_ingest):
    report, by_url, _ = demo_ingest
    assert report.failed == []
    assert report.added == 10
    assert len(by_url) == 10


def test_exactly_one_copy_and_it_points_at_the_wire_original(demo_ingest):
    report, by_url, _ = demo_ingest
    copies = [a for a in by_url.values() if a["duplicate_of"]]
    assert report.duplicates == 1
    assert len(copies) == 1
    originals = [a for a in by_url.values() if a["outlet"] == "Meridian Wire"]
    assert len(originals) == 1
    assert copies[0]["duplicate_of"] == originals[0]["id"]
    assert copies[0]["outlet"] == "The Northern Ledger"
    assert originals[0]["duplicate_of"] is None


@pytest.mark.parametrize(
    ("url", "published", "outlet"),
    [
        ("https://continentalreview.example/world/2025/09/22/lusara-truce-plan", "2025-09-22", "The Continental Review"),
        ("https://harbourline.example/world/2025/09/18/dorn-bridge-swap-families", "2025-09-18", "Harbourline News"),
        ("https://harbourline.example/world/2025/09/27/cns-sanctions-kestrania", "2025-09-27", "Harbourline News"),
    ],
)
def test_html_and_feed_dates_come_from_their_own_metadata(demo_ingest, url, published, outlet):
    _, by_url, _ = demo_ingest
    article = by_url[url]
    assert article["published_source"] == "metadata"
    assert article["published"] == published
    assert article["outlet"] == outlet


def test_text_files_take_date_and_outlet_from_the_manifest(demo_dir, demo_ingest):
    _, by_url, _ = demo_ingest
    rows = _manifest_rows(demo_dir)
    assert len(rows) == 7
    for row in rows:
        article = by_url[row["url"]]
        assert article["published_source"] == "manifest", row["path"]
        assert article["published"] == row["published"], row["path"]
        assert article["outlet"] == row["outlet"], row["path"]
    metadata_dated = [a for a in by_url.values() if a["published_source"] == "metadata"]
    assert len(metadata_dated) == 3


def test_reingesting_the_demo_adds_nothing(demo_dir, demo_ingest):
    _, _, api = demo_ingest
    again = api.ingest([demo_dir], manifest=demo_dir / "manifest.csv")
    assert (again.added, again.unchanged, again.duplicates) == (0, 10, 0)
    assert len(api.articles()) == 10


@pytest.mark.parametrize(
    "variants",
    [
        {"Arkady Zhelezov", "Arkadiy Zhelezov", "Arkadii Jelezov"},  # transliterations of one president
        {"Yelena Durova", "Elena Durova"},
        {"Tsvetin", "Cvetin"},
    ],
)
def test_transliterated_names_are_one_entity(demo_ingest, variants):
    api = demo_ingest[2]
    owners = {e["name"] for e in api.entities() if variants & ({e["name"]} | set(e["aliases"]))}
    assert len(owners) == 1, owners


def test_people_sharing_only_a_surname_stay_apart():
    from chronicle.link.entities import skeleton

    assert skeleton("Joe Biden") != skeleton("Hunter Biden")
    assert skeleton("Arkadii Jelezov") == skeleton("Arkady Zhelezov")
