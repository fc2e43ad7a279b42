"""The package surface: light import, exported names, the exception tree."""
from __future__ import annotations

import subprocess
import sys

import chronicle


def test_import_is_light():
    code = (
        "import sys, chronicle; chronicle.open; "
        "heavy = [m for m in ('spacy', 'torch', 'trafilatura', 'starlette', 'uvicorn', 'feedparser', 'numpy') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""


def test_all_is_exact():
    public = {n for n in dir(chronicle) if not n.startswith("_") and n not in {"annotations", "errors", "TYPE_CHECKING"}}
    modules = {n for n in public if type(getattr(chronicle, n)).__name__ == "module"}
    assert set(chronicle.__all__) == (public - modules) | {"__version__"}


def test_exception_tree():
    for exc in (chronicle.InputError, chronicle.NotFound, chronicle.StoreError, chronicle.UsageError):
        assert issubclass(exc, chronicle.ChronicleError)


def test_open_returns_the_api(tmp_path):
    with chronicle.open(tmp_path / "x.db") as api:
        assert api.articles() == []
