"""``chronicle claims`` and ``chronicle positions``: the CONTRACT shapes, filters, and the demo's dispute."""
from __future__ import annotations

import json

import pytest

from chronicle.cli.main import main
from chronicle.views.claims import CLAIM_FIELDS
from chronicle.views.positions import POSITION_FIELDS


@pytest.fixture(scope="module")
def demo_db(demo_dir, tmp_path_factory):
    db = str(tmp_path_factory.mktemp("claims") / "demo.db")
    assert main(["--db", db, "ingest", str(demo_dir), "--manifest", str(demo_dir / "manifest.csv"), "--json"]) == 0
    return db


def _json(capsys, argv):
    capsys.readouterr()
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_claims_json_has_the_contract_fields(demo_db, capsys):
    rows = _json(capsys, ["--db", demo_db, "claims", "--json"])
    assert rows and all(set(CLAIM_FIELDS) <= set(r) for r in rows)
    assert all(isinstance(r["value"], (int, float)) and isinstance(r["disputed"], bool) for r in rows)


def test_the_demo_prisoner_figures_are_disputed_but_the_agreed_figure_is_not(demo_db, capsys):
    rows = _json(capsys, ["--db", demo_db, "claims", "--about", "prisoner", "--json"])
    exchanged = [r for r in rows if r["date"] == "2025-09-16" and r["counts"] == "prisoners"]
    assert {r["value"] for r in exchanged} == {120, 150}
    assert all(r["disputed"] for r in exchanged) and len({r["group"] for r in exchanged}) == 1
    agreed = [r for r in rows if r["counts"] == "prisoners of war" and r["value"] == 120]
    assert agreed and not any(r["disputed"] for r in agreed)
    assert agreed[0]["group"] != exchanged[0]["group"]
    disputed = _json(capsys, ["--db", demo_db, "claims", "--disputed", "--json"])
    assert disputed and all(r["disputed"] for r in disputed)
    assert {r["id"] for r in exchanged} <= {r["id"] for r in disputed}


def test_positions_json_and_actor_filter(demo_db, capsys):
    rows = _json(capsys, ["--db", demo_db, "positions", "--json"])
    assert rows and all(set(POSITION_FIELDS) <= set(r) for r in rows)
    kestrania = _json(capsys, ["--db", demo_db, "positions", "--actor", "kestrania", "--json"])
    assert kestrania and {r["actor"] for r in kestrania} == {"Kestrania"}
    assert any(r["stance"] == "reject" and "30-day ceasefire" in r["text"] for r in kestrania)


@pytest.mark.parametrize("command", ["claims", "positions"])
def test_help_has_an_example(command, capsys):
    assert main([command, "--help"]) == 0
    assert "Example:" in capsys.readouterr().out


def test_web_api_returns_what_the_cli_prints(demo_db, capsys):
    from starlette.testclient import TestClient

    import chronicle
    from chronicle.web.app import create_app

    cli_rows = _json(capsys, ["--db", demo_db, "claims", "--disputed", "--json"])
    cli_pos = _json(capsys, ["--db", demo_db, "positions", "--actor", "Kestrania", "--json"])
    api = chronicle.open(demo_db)
    try:
        client = TestClient(create_app(api, cache=False), base_url="http://127.0.0.1")
        assert client.get("/api/claims?disputed=true").json() == cli_rows
        assert client.get("/api/positions?actor=Kestrania").json() == cli_pos
    finally:
        api.close()


@pytest.fixture(scope="module")
def reference_db(ukraine, tmp_path_factory):
    db = str(tmp_path_factory.mktemp("claims-ref") / "ref.db")
    assert main(["--db", db, "ingest", str(ukraine), "--manifest", str(ukraine / "manifest.csv"), "--json"]) == 0
    return db


def test_a_stance_move_is_linked_to_the_earlier_position(reference_db, capsys):
    rows = _json(capsys, ["--db", reference_db, "positions", "--actor", "Putin", "--json"])
    by_id = {r["id"]: r for r in rows}
    moves = [(by_id[r["revises"]], r) for r in rows if r["revises"]]
    assert moves, [(r["stance"], r["target"]) for r in rows]
    for old, new in moves:
        assert old["actor"] == new["actor"] == "Vladimir Putin"
        # a position's time is its date, else (an undated report) its article's publication
        assert old["stance"] != new["stance"] and (old["date"] or old["published"]) <= (new["date"] or new["published"])
    assert any("ceasefire" in (old["target"] or "") and "ceasefire" in (new["target"] or "") for old, new in moves)


def test_reference_claims_have_no_dispute_over_the_ceasefire_length(reference_db, capsys):
    rows = _json(capsys, ["--db", reference_db, "claims", "--about", "ceasefire", "--json"])
    lengths = [r for r in rows if "ceasefire" in (r["counts"] or "")]
    assert len(lengths) >= 5 and {(r["value"], r["unit"]) for r in lengths} == {(30, "day")}
    assert not any(r["disputed"] for r in lengths)
    assert any("ceasefire" not in (r["counts"] or "") for r in rows)  # --about also reads the sentence
