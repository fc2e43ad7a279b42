"""Data flows one way: a module imports only from its own layer or from layers before it.

The layers, in the order data flows through them (README, Layout):

    shared leaves (dates, errors, records, progress)
    -> ingest -> text -> extract -> store -> link -> timeline -> views
    -> pipeline (the write path, end to end) -> api (and the package itself) -> web -> cli

Every import counts, including those inside functions (lazy imports are still arrows), and
``TYPE_CHECKING`` imports too: a type named from a later layer is a dependency all the same.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "chronicle"

LAYERS = (
    ("dates", "errors", "records", "progress"),
    ("ingest",),
    ("text",),
    ("extract",),
    ("store",),
    ("link",),
    ("timeline",),
    ("views",),
    ("pipeline",),
    ("api", ""),  # "" is the package itself: chronicle/__init__.py, `import chronicle`
    ("web",),
    ("cli",),
)
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def layer_of(module: str) -> str:
    """'chronicle.store.db' -> 'store'; 'chronicle' -> ''."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def module_name(path: Path, root: Path = SRC) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, root: Path = SRC) -> list[tuple[int, str]]:
    """(line, imported chronicle module) for every import in the file, at any depth."""
    module = module_name(path, root)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if node.module:
                found.append((node.lineno, target))
            else:  # from . import x: each name is a module of the package
                found += [(node.lineno, f"{target}.{alias.name}") for alias in node.names]
    return [(line, t) for line, t in found if t == "chronicle" or t.startswith("chronicle.")]


def backward_imports(root: Path = SRC) -> list[str]:
    """Every import whose target layer comes after the importing module's layer, as 'file:line: a -> b'."""
    out = []
    for path in sorted(root.rglob("*.py")):
        source = layer_of(module_name(path, root))
        for line, target in imports_of(path, root):
            wanted = layer_of(target)
            if source not in RANK or wanted not in RANK:
                out.append(f"{path.relative_to(root)}:{line}: unknown layer {source or wanted!r}; add it to LAYERS")
            elif RANK[wanted] > RANK[source]:
                out.append(f"{path.relative_to(root)}:{line}: {source or 'chronicle'} -> {wanted or 'chronicle'} "
                           f"(import {target})")
    return out


def test_every_import_follows_the_flow():
    backward = backward_imports()
    assert not backward, "imports against the data flow:\n" + "\n".join(backward)


def test_every_folder_and_module_has_a_layer():
    tops = {p.stem if p.is_file() else p.name for p in SRC.iterdir()
            if (p.is_dir() and (p / "__init__.py").exists()) or (p.suffix == ".py" and p.stem != "__init__")}
    assert tops - set(RANK) == set()


@pytest.mark.parametrize(("source", "body", "expected"), [
    ("store/bad.py", "from chronicle.link.duplicates import is_copy\n", ["store/bad.py:1: store -> link"]),
    ("store/bad.py", "def f():\n    from chronicle.timeline import events\n", ["store/bad.py:2: store -> timeline"]),
    ("text/bad.py", "from ..views import timeline\n", ["text/bad.py:1: text -> views"]),
    ("web/bad.py", "import chronicle.cli.quotes\n", ["web/bad.py:1: web -> cli"]),
    ("link/fine.py", "from chronicle.store.db import insert_rows\nfrom . import aliases\nimport chronicle.dates\n", []),
])
def test_a_backward_import_fails(tmp_path, source, body, expected):
    """The checker itself: a planted import against the flow is reported (lazy and relative ones too)."""
    root = tmp_path / "chronicle"
    (root / source).parent.mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / source).parent.joinpath("__init__.py").write_text("")
    (root / source).write_text(body)
    found = backward_imports(root)
    assert [f.split(" (")[0] for f in found] == expected
