"""``chronicle serve``: the install hint without the web extra, the ingest token rule, and lazy imports."""
from __future__ import annotations

import importlib
import subprocess
import sys

from click.testing import CliRunner

from chronicle.cli.main import cli, main

serve_module = importlib.import_module("chronicle.cli.serve")


def test_serve_without_the_web_extra_prints_the_install_command(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(serve_module, "missing_web_modules", lambda: ["starlette"])
    code = main(["--db", str(tmp_path / "s.db"), "serve"])
    err = capsys.readouterr().err
    assert code == 1
    assert "pip install 'chronicle-news[web]'" in err


def test_allow_ingest_needs_a_token(tmp_path, monkeypatch):
    monkeypatch.delenv("CHRONICLE_INGEST_TOKEN", raising=False)
    assert main(["--db", str(tmp_path / "s.db"), "serve", "--allow-ingest"]) == 2


def test_serve_help_has_an_example():
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0 and "Example:" in result.output and "--host" in result.output
    assert "127.0.0.1" in result.output


def test_import_chronicle_loads_no_web_stack():
    code = ("import sys, chronicle, chronicle.cli.main, chronicle.cli.serve;"
            "print(sorted(m for m in ('starlette', 'uvicorn', 'jinja2', 'chronicle.web') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
