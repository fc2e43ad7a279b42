"""The user's alias file (``chronicle-aliases.toml``): merges and splits that every relink honours.

    [aliases]            # canonical name = names and spellings to merge into it
    "Volodymyr Zelensky" = ["Zelenskyy", "Ze"]

    [distinct]           # canonical name = names that must never merge into it
    "Joe Biden" = ["Hunter Biden", "Biden"]

The file is plain TOML, meant to be edited by hand or through ``chronicle entities merge``
and ``chronicle entities split``. It lives next to the store unless another path is given.
"""
from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from chronicle.errors import UsageError

ALIASES_FILE = "chronicle-aliases.toml"
ENV_VAR = "CHRONICLE_ALIASES"

_HEADER = """\
# Chronicle entity aliases: merges and splits honoured every time entities are linked.
# [aliases]  "Canonical Name" = ["variant", ...]   merge these names into the canonical one
# [distinct] "Canonical Name" = ["name", ...]      never merge these names into it
"""


@dataclass
class UserAliases:
    aliases: dict[str, list[str]] = field(default_factory=dict)
    distinct: dict[str, list[str]] = field(default_factory=dict)

    def merge(self, name: str, alias: str) -> None:
        """Merge ``alias`` into ``name`` (and lift an earlier split of the two)."""
        if _same(name, alias):
            raise UsageError(f"cannot merge {name!r} into itself")
        _add(self.aliases, name, alias)
        _remove(self.distinct, name, alias)
        # everything already merged into the alias follows it
        for variant in self.aliases.pop(alias, []):
            if not _same(variant, name):
                _add(self.aliases, name, variant)

    def split(self, name: str, alias: str) -> None:
        """Keep ``alias`` apart from ``name`` (and undo an earlier merge of the two)."""
        if _same(name, alias):
            raise UsageError(f"cannot split {name!r} from itself")
        _remove(self.aliases, name, alias)
        _add(self.distinct, name, alias)

    def to_toml(self) -> str:
        lines = [_HEADER, "[aliases]"]
        lines += [f"{json.dumps(k, ensure_ascii=False)} = {json.dumps(v, ensure_ascii=False)}"
                  for k, v in sorted(self.aliases.items()) if v]
        lines += ["", "[distinct]"]
        lines += [f"{json.dumps(k, ensure_ascii=False)} = {json.dumps(v, ensure_ascii=False)}"
                  for k, v in sorted(self.distinct.items()) if v]
        return "\n".join(lines) + "\n"


def _same(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def _add(table: dict[str, list[str]], key: str, value: str) -> None:
    values = table.setdefault(key, [])
    if not any(_same(v, value) for v in values):
        values.append(value)


def _remove(table: dict[str, list[str]], key: str, value: str) -> None:
    if key in table:
        table[key] = [v for v in table[key] if not _same(v, value)]
        if not table[key]:
            del table[key]


def default_aliases_path(db_path: str) -> Path | None:
    """``$CHRONICLE_ALIASES``, else ``chronicle-aliases.toml`` beside a file store; None for :memory:."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    if db_path in ("", ":memory:") or db_path.startswith(("postgres://", "postgresql://")):
        return None
    return Path(db_path).expanduser().resolve().parent / ALIASES_FILE


def read_user_aliases(path: str | os.PathLike | None) -> UserAliases:
    """Read the alias file; a missing file is an empty one, a malformed one a UsageError naming it."""
    if path is None or not Path(path).is_file():
        return UserAliases()
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError.of("ENT001", path=path, detail=exc) from None
    out = UserAliases()
    for section in ("aliases", "distinct"):
        table = data.get(section, {})
        if not isinstance(table, dict) or not all(
            isinstance(v, list) and all(isinstance(x, str) for x in v) for v in table.values()
        ):
            raise UsageError.of("ENT002", path=path, section=section)
        getattr(out, section).update({k: list(v) for k, v in table.items()})
    return out


def write_user_aliases(path: str | os.PathLike, aliases: UserAliases) -> None:
    target = Path(path)
    tmp = target.with_suffix(target.suffix + ".tmp")
    tmp.write_text(aliases.to_toml(), encoding="utf-8")
    tmp.replace(target)
