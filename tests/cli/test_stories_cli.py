"""``chronicle stories`` and ``--story ID``: the demo's diplomacy and an invented eruption, in one store,
are two stories, and each reading command filtered by one keeps only what comes from its articles."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from chronicle.cli.main import main
from chronicle.views.stories import STORY_FIELDS

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "link"))
from storytexts import VOLCANO, write_corpus  # noqa: E402


@pytest.fixture(scope="module")
def mixed(demo_dir, tmp_path_factory):
    """A store holding the demo corpus and the Mount Orsk articles; (db, demo ids, volcano ids)."""
    root = tmp_path_factory.mktemp("stories")
    db = str(root / "mixed.db")
    assert main(["--db", db, "ingest", str(demo_dir), "--manifest", str(demo_dir / "manifest.csv"), "--json"]) == 0
    manifest = write_corpus(root / "volcano", VOLCANO)
    assert main(["--db", db, "ingest", str(root / "volcano"), "--manifest", str(manifest), "--json"]) == 0
    import chronicle

    with chronicle.open(db) as api:
        rows = api.store.query("SELECT id, source_path FROM articles")
    volcano = {r["id"] for r in rows if "/volcano/" in r["source_path"]}
    return db, {r["id"] for r in rows} - volcano, volcano


def _json(capsys, argv):
    capsys.readouterr()
    assert main(argv) == 0, argv
    return json.loads(capsys.readouterr().out)


def test_stories_lists_the_two_stories_with_their_spans_and_outlets(mixed, capsys):
    db, demo, volcano = mixed
    rows = _json(capsys, ["--db", db, "stories", "--json"])
    assert all(list(r) == list(STORY_FIELDS) for r in rows)
    assert sorted(r["articles"] for r in rows) == sorted([len(demo), len(volcano)])
    orsk = next(r for r in rows if "Orsk" in r["label"])
    assert orsk["outlets"] == ["Veltria Today"]
    assert (orsk["first_published"], orsk["last_published"]) == ("2025-10-02", "2025-10-11")
    demo_story = next(r for r in rows if r is not orsk)
    assert "Veltria Today" not in demo_story["outlets"] and demo_story["last_published"] < "2025-10-02"
    assert any("Zhelezov" in a for a in demo_story["actors"])


@pytest.mark.parametrize("command", [["timeline"], ["quotes"], ["claims"], ["positions"], ["entities"]])
def test_story_filters_keep_only_that_storys_articles(mixed, capsys, command):
    db, demo, volcano = mixed
    orsk = next(r for r in _json(capsys, ["--db", db, "stories", "--json"]) if "Orsk" in r["label"])
    other = next(r for r in _json(capsys, ["--db", db, "stories", "--json"]) if r["id"] != orsk["id"])
    full = _json(capsys, ["--db", db, *command, "--json"])
    mine = _json(capsys, ["--db", db, *command, "--story", orsk["id"][:8], "--json"])
    theirs = _json(capsys, ["--db", db, *command, "--story", other["id"], "--json"])
    if command == ["entities"]:
        names = {r["name"] for r in mine}
        assert any("Reszel" in n for n in names) and not any("Zhelezov" in n for n in names)
        assert any("Zhelezov" in r["name"] for r in theirs) and not any("Reszel" in r["name"] for r in theirs)
        assert all(r["articles"] <= len(volcano) for r in mine)
        return
    articles = (lambda r: {s["article"] for s in r["sources"]}) if command == ["timeline"] else (lambda r: {r["article"]})
    assert theirs, command  # the demo has timeline entries, quotes, claims and positions
    assert all(articles(r) & volcano for r in mine) and all(articles(r) & demo for r in theirs)
    assert len(mine) + len(theirs) >= len(full) >= max(len(mine), len(theirs))


def test_export_and_brief_take_the_story_filter(mixed, capsys):
    db, _, _ = mixed
    orsk = next(r for r in _json(capsys, ["--db", db, "stories", "--json"]) if "Orsk" in r["label"])
    capsys.readouterr()
    assert main(["--db", db, "brief", "--story", orsk["id"]]) == 0
    brief = capsys.readouterr().out
    assert "Orsk" in brief and "Zhelezov" not in brief
    slides = _json(capsys, ["--db", db, "export", "--format", "timelinejs", "--story", orsk["id"]])["events"]
    assert all(s["start_date"]["month"] == "10" or s["start_date"]["month"] == 10 for s in slides)


def test_an_unknown_story_is_a_clear_error(mixed, capsys):
    db, _, _ = mixed
    capsys.readouterr()
    assert main(["--db", db, "timeline", "--story", "feedface00", "--json"]) == 1
    out = capsys.readouterr()
    assert out.out == "" and "[STY404]" in out.err and "chronicle stories" in out.err
