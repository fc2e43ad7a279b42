"""Every example in the package's docstrings runs, and is true (issue 12: 5 of 13 failed unseen).

One test per module of ``chronicle``. A module that needs an optional extra that is not
installed (the web stack, say) is skipped with the name of what is missing; a module that
cannot import for any other reason fails. Examples run in an empty folder, so one that
writes a file in the current folder cannot leave it in the checkout.
"""
from __future__ import annotations

import doctest
import importlib
import io
import pkgutil
import re
from pathlib import Path

import pytest

import chronicle

FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def module_names() -> list[str]:
    names = ["chronicle"]
    for info in pkgutil.walk_packages(chronicle.__path__, "chronicle."):
        if info.name.rsplit(".", 1)[-1] != "__main__":  # running it would run the CLI
            names.append(info.name)
    return sorted(names)


def import_or_skip(name: str):
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name and not exc.name.split(".")[0] == "chronicle":
            pytest.skip(f"{name} needs {exc.name}, an optional extra that is not installed")
        raise


@pytest.mark.parametrize("name", module_names())
def test_docstring_examples(name, tmp_path, monkeypatch):
    module = import_or_skip(name)
    monkeypatch.chdir(tmp_path)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    out = io.StringIO()
    for test in doctest.DocTestFinder().find(module):
        runner.run(test, out=out.write)
    assert runner.failures == 0, out.getvalue()
    assert list(tmp_path.iterdir()) == [], "an example left files in the current folder"


def test_every_example_in_the_source_is_found():
    """A ``>>>`` the finder does not reach (a comment, a string that is not a docstring) would
    never run: each source file's prompts must equal the examples found in its module."""
    found: dict[Path, int] = {}
    for name in module_names():
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            continue
        path = Path(module.__file__).resolve()
        found[path] = sum(len(t.examples) for t in doctest.DocTestFinder().find(module))
    prompts = {path: len(re.findall(r"^\s*>>> ", path.read_text(encoding="utf-8"), flags=re.M)) for path in found}
    assert {str(p): n for p, n in prompts.items() if n != found[p]} == {}
    assert sum(found.values()) >= 61  # the examples that exist today; a floor that only goes up
