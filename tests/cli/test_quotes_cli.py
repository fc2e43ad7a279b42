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
