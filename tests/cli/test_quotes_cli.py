"""`chronicle quotes`: the CONTRACT JSON and the human view."""
import json

from chronicle.cli.main import main


def test_quotes_json_and_human_view(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("Port news\n\nMayor Ann Keller said: “The bridge will reopen in May.”\n",
                                    encoding="utf-8")
    db = str(tmp_path / "s.db")
    assert main(["--db", db, "ingest", str(tmp_path / "a.txt"), "--published", "2025-03-01", "--json"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "quotes", "--speaker", "ann keller", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["speaker"], r["kind"], r["published"]) for r in rows] == [("Ann Keller", "direct", "2025-03-01")]
    assert main(["--db", db, "quotes"]) == 0
    out = capsys.readouterr().out
    assert "Ann Keller" in out and "The bridge will reopen in May." in out


def test_a_described_source_is_stored_with_its_kind_and_is_no_actor(tmp_path, capsys):
    """quotes.v9, schema 20: `speaker_kind` through the store; a described speaker names no quotation."""
    (tmp_path / "a.txt").write_text(
        "Port news\n\nMayor Ann Keller said the bridge would reopen in May. "
        "A harbour police spokesman said that the ferry would run until then.\n", encoding="utf-8")
    db = str(tmp_path / "s.db")
    assert main(["--db", db, "ingest", str(tmp_path / "a.txt"), "--published", "2025-03-01", "--json"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "quotes", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert sorted((r["speaker"], r["speaker_kind"]) for r in rows) == [
        ("Ann Keller", "named"), ("harbour police spokesman", "described")]
    assert main(["--db", db, "quotes", "--speaker", "harbour police spokesman", "--json"]) == 0
    assert [r["speaker_kind"] for r in json.loads(capsys.readouterr().out)] == ["described"]
    import sqlite3

    named = [r[0] for r in sqlite3.connect(db).execute("SELECT speaker FROM quotations ORDER BY id")]
    assert named == ["Ann Keller", None]  # the quotation of the described source has no speaker
    assert main(["--db", db, "quotes"]) == 0
    out = capsys.readouterr().out
    # the human view says which speakers are unnamed, after the named ones
    assert out.index("Ann Keller") < out.index("harbour police spokesman (unnamed source, as described)")
