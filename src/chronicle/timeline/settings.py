"""The storyline's settings file (``data/timeline/storyline.toml``), read once."""
from __future__ import annotations

import functools
import tomllib
from importlib import resources


@functools.lru_cache(maxsize=1)
def storyline_settings() -> dict:
    """The parsed ``storyline.toml``: tables ``dating``, ``merge`` and ``sections``."""
    text = resources.files("chronicle.data").joinpath("timeline/storyline.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)
