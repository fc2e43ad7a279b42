"""One registry of codes (chronicle.errors.CODES), documented in docs/diagnostics.md, and
messages that take their code from it rather than spelling it by hand (issue 12: a message
said STO003 while the exception's code was STO001)."""
from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

import chronicle
from chronicle.errors import CODES, ChronicleError, InputError, NotFound, StoreError, UsageError, message

ROOT = Path(__file__).resolve().parent.parent
SRC = Path(chronicle.__file__).resolve().parent
CODE = re.compile(r"^[A-Z]{3}\d{3}$")
SPELT = re.compile(r"\[[A-Z]{3}\d{3}\]")


def documented_codes() -> list[str]:
    text = (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    return re.findall(r"^\|\s*([A-Z]{3}\d{3})\s*\|", text, flags=re.M)


def test_every_documented_code_is_registered_and_every_registered_code_documented():
    docs = documented_codes()
    assert len(docs) == len(set(docs)), "a code documented twice"
    assert sorted(set(docs) - set(CODES)) == [], "documented in docs/diagnostics.md but not in CODES"
    assert sorted(set(CODES) - set(docs)) == [], "in CODES but not documented in docs/diagnostics.md"


def test_registry_keys_are_codes_and_templates_are_format_strings():
    for code, template in CODES.items():
        assert CODE.match(code), code
        fields = [f for _, f, _, _ in string.Formatter().parse(template) if f is not None]
        assert all(f.isidentifier() for f in fields), (code, fields)


def _strings(tree: ast.AST):
    """String constants of a module, without docstrings (whose examples may show a message)."""
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node


def _modules():
    return sorted(SRC.rglob("*.py"))


def test_every_code_used_in_the_source_is_registered():
    unknown = []
    for path in _modules():
        for node in _strings(ast.parse(path.read_text(encoding="utf-8"))):
            if CODE.match(node.value) and node.value not in CODES:
                unknown.append(f"{path.relative_to(SRC)}:{node.lineno} {node.value}")
    assert unknown == []


def test_no_message_spells_its_code_by_hand():
    spelt = []
    for path in _modules():
        for node in _strings(ast.parse(path.read_text(encoding="utf-8"))):
            if SPELT.search(node.value):
                spelt.append(f"{path.relative_to(SRC)}:{node.lineno} {node.value[:60]!r}")
    assert spelt == [], "use ErrorClass.of(CODE, ...) and let str(exc) or the edge print the code"


def test_web_http_codes_are_registered():
    from chronicle.web.errors import HTTP_CODES

    assert sorted(set(HTTP_CODES.values()) - set(CODES)) == []


def test_of_fills_the_template_and_keeps_code_and_message_apart():
    err = StoreError.of("STO006", current=9, newest=7)
    assert err.code == "STO006"
    assert err.message == CODES["STO006"].format(current=9, newest=7)
    assert str(err) == f"[STO006] {err.message}"
    assert str(err).count("STO") == 1


def test_class_defaults_are_registered():
    for kind in (ChronicleError, UsageError, NotFound, StoreError):
        assert kind.code in CODES, kind
    assert str(NotFound("no entity named 'X'")) == "[STO404] no entity named 'X'"


def test_input_error_shows_code_path_and_reason():
    err = InputError("ING003", "file is empty", "a/b.txt")
    assert (err.code, err.reason, err.path) == ("ING003", "file is empty", "a/b.txt")
    assert str(err) == "[ING003] a/b.txt: file is empty"


def test_an_unknown_code_is_a_programming_error():
    with pytest.raises(KeyError, match="XYZ999"):
        message("XYZ999")


def test_store_errors_carry_the_code_their_message_names(tmp_path):
    from chronicle.store.db import connect

    with pytest.raises(StoreError) as caught:
        connect(tmp_path / "no-such-folder" / "story.db")
    assert caught.value.code == "STO003"
    assert str(caught.value).startswith("[STO003] cannot create the store")
    bad = tmp_path / "not-a-store.db"
    bad.write_bytes(b"this is not SQLite" * 100)
    with pytest.raises(StoreError) as caught:
        connect(bad)
    assert caught.value.code == "STO005"


def test_cli_prints_the_code_once_and_exits_2_on_a_store_error(tmp_path, capsys):
    from chronicle.cli.main import main

    status = main(["--db", str(tmp_path / "missing-folder" / "story.db"), "ingest", str(tmp_path)])
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith("error: [STO003] cannot create the store")
    assert err.count("STO") == 1


def test_web_error_body_has_the_exception_code_and_a_bare_message():
    import asyncio
    import json
    from types import SimpleNamespace

    from starlette.requests import Request

    from chronicle.web.errors import on_chronicle_error

    app = SimpleNamespace(state=SimpleNamespace())
    request = Request({"type": "http", "method": "GET", "path": "/api/timeline", "headers": [], "query_string": b"",
                       "app": app})
    err = StoreError.of("STO004", target="x.db", detail="disk I/O error")
    response = asyncio.run(on_chronicle_error(request, err))
    assert response.status_code == 503
    assert json.loads(response.body) == {"error": {"code": "STO004", "message": err.message}}
