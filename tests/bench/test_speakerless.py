"""bench.quotes.speakerless --db: a built store's quotes counted by speaker kind (issue 16's figure on
the full Timeline17 store), from what the store holds."""
from bench.quotes.speakerless import main
from chronicle.cli.main import main as chronicle


def test_a_stores_quotes_are_counted_by_speaker_kind(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(
        "Port news\n\nMayor Ann Keller said the bridge would reopen in May. "
        "A harbour police spokesman said that the ferry would run until then.\n", encoding="utf-8")
    db = tmp_path / "s.db"
    assert chronicle(["--db", str(db), "ingest", str(tmp_path / "a.txt"), "--published", "2025-03-01"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db)]) == 0
    rows = {line.split("|")[1].strip(): line.split("|")[2].strip()
            for line in capsys.readouterr().out.splitlines() if line.startswith("| ") and "count" not in line}
    assert (rows["quotes"], rows["named speaker"], rows["described source"], rows["no speaker"]) == ("2", "1", "1", "0")
