"""Chronicle's one exception tree and its one registry of diagnostic codes.

    ChronicleError
    ├── UsageError        bad option, argument or setting (CLI exit 2, HTTP 400)
    │   ├── PipelineError (chronicle.extract.pipeline) a pipeline that cannot be built
    │   └── EngineMissing (chronicle.extract.executors) --executor ray without Ray installed
    ├── InputError        one input cannot be read or understood (recorded, batch goes on)
    ├── NotFound          an id or name that is not in the store (CLI exit 1, HTTP 404)
    ├── StoreError        the store cannot be opened or migrated (CLI exit 2, HTTP 503)
    ├── ModelMissing      (chronicle.extract.nlp) no spaCy English model installed (CLI exit 1)
    └── EngineError       (chronicle.extract.executors) a Ray cluster that cannot be used (CLI exit 1)

Every code Chronicle reports, in an exception or a :class:`Diagnostic`, is a key of
:data:`CODES`, with its message template, and is documented in docs/diagnostics.md (a test
checks both ways). A message never spells its code: ``StoreError.of("STO003", target=...,
parent=...)`` fills the template and sets ``exc.code``; ``str(exc)`` shows them together.
The edges convert once: the CLI prints ``error: [CODE] message`` and picks the exit status
(chronicle.cli.main), the web answers ``{"error": {"code", "message"}}`` (chronicle.web.errors).

    >>> err = StoreError.of("STO003", target="x/story.db", parent="/tmp/x")
    >>> err.code, err.message
    ('STO003', 'cannot create the store x/story.db: folder /tmp/x does not exist')
    >>> str(err)
    '[STO003] cannot create the store x/story.db: folder /tmp/x does not exist'

Batch work never raises InputError to its caller: it turns each one into a
:class:`Diagnostic` and goes on.
"""
from __future__ import annotations

from dataclasses import dataclass

# code -> message template. ``{detail}`` is a message written where the error is raised;
# other fields are named by the template. Codes recorded with their own message (inputs,
# stage diagnostics, HTTP failures) keep here what that message says. Keep in step with
# docs/diagnostics.md (tests/test_errors.py).
CODES: dict[str, str] = {
    "CHR000": "{detail}",
    "USE001": "{detail}",
    "USE002": "{detail}",
    # inputs (chronicle.ingest, chronicle.text)
    "ING001": "no such file or folder",
    "ING002": "cannot read: {detail}",
    "ING003": "file is empty or has no text",
    "ING004": "file is over the size limit ({detail})",
    "ING005": "binary file: not text, HTML, a feed or JSON Lines",
    "ING006": "declares UTF-16 but does not decode as UTF-16",
    "ING007": "publication date outside the years Chronicle reads ({detail})",
    "ING010": "HTML page has no main text that could be extracted ({detail})",
    "ING011": "HTML nested too deeply to read ({detail})",
    "ING020": "feed without entries, or too malformed to read ({detail})",
    "ING021": "feed entry without text ({detail})",
    "ING022": "feed declares XML entities (external entities or entity expansion): refused",
    "ING030": "JSON Lines: a line that is not valid JSON ({detail})",
    "ING031": "JSON Lines: a line that is not a JSON object ({detail})",
    "ING032": "JSON Lines: a line without a 'text' key ({detail})",
    "ING033": "JSON Lines: a 'published' value that is not a date ({detail})",
    "ING034": "JSON Lines: a line over the reading limits ({detail})",
    "ING035": "JSON Lines: a field of the wrong type ({detail})",
    "ING040": "unexpected failure while reading this input: {detail}",
    "ING041": "this article cannot be stored: {detail}",
    # fetching URLs (chronicle.ingest.fetch, chronicle.text.feed.feed_links)
    "ING050": "cannot reach the server ({detail})",
    "ING051": "the server did not answer in time ({detail})",
    "ING052": "the server answered with an HTTP error ({detail})",
    "ING053": "robots.txt disallows fetching this URL ({detail})",
    "ING054": "not an article or a feed: the server sent {detail}",
    "ING055": "the page is over the size limit ({detail})",
    "ING056": "too many redirects ({detail})",
    "ING057": "not an http(s) URL: {detail}",
    "ING058": "feed entry without a link to fetch ({detail})",
    # the analysis pipeline (chronicle.extract.pipeline)
    "PIP001": "the pipeline cannot be built: {detail}",
    "PIP002": "unknown stage {stage!r} in the pipeline settings; valid stages: {known}",
    "PIP003": "stage {stage} requires {missing}, which no earlier stage assigns",
    "PIP010": "stage {stage} failed: {detail}",
    "PIP011": "the analysis worker died on this article ({detail}); the article is left unanalysed",
    "PIP012": "analysis of this article took over {seconds} s; the worker was stopped and the article left unanalysed",
    "NLP001": "no spaCy English model found (tried {tried}); install one: {hint}",
    # executors: where the analysis runs (chronicle.extract.executors)
    "ENG001": "--executor {executor} needs Ray, which is not installed; install it: {hint}",
    "ENG002": "unknown executor {executor!r}: give local, ray, or ray://HOST:PORT",
    "ENG003": "cannot use the Ray cluster at {address}: {detail}; the articles stay pending and a rerun analyses them",
    # stage diagnostics
    "TMP001": "no publication date given and none could be inferred ({detail})",
    "TMP002": "publication date inferred from the dates the article names ({detail})",
    "QUO001": "quotation mark at {start} is never closed; region skipped",
    "QUO002": "closing quotation mark at {start} has no opening mark",
    "ENT001": "cannot read the alias file {path}: {detail}; fix it or remove it",
    "ENT002": '{path}: [{section}] must map names to lists of names, e.g. "A" = ["B"]',
    # the store (chronicle.store)
    "STO001": "the store cannot be used: {detail}",
    "STO002": "{target} is no store address Chronicle reads: give a file path or postgresql://USER@HOST:PORT/NAME",
    "STO003": "cannot create the store {target}: folder {parent} does not exist",
    "STO004": "cannot open the store {target}: {detail}",
    "STO005": "{target} is not a Chronicle store or is damaged: {detail}",
    "STO006": "this store has schema version {current}, newer than this Chronicle knows ({newest}); upgrade Chronicle",
    "STO007": "the store {target} does not exist ({resolved}): check --db or $CHRONICLE_DB; "
              "`chronicle --db {target} ingest PATH...` creates a store",
    "STO008": "a PostgreSQL store ({target}) needs the PostgreSQL driver, which is not installed: {install}",
    "STO404": "{detail}",
    # stories (chronicle.link.stories, chronicle.views.stories)
    "STY400": "story id {story!r} is ambiguous: it starts {count} stories ({examples}); give more of it",
    "STY404": "no story with id {story!r}; list them with `chronicle stories`",
    # what changed since a day or an event (chronicle.views.digest, chronicle changes)
    "CHG001": "no timeline entry with id {id!r}: `chronicle timeline --json` lists the entries' ids",
    "CHG002": "give one of --since DATE or --since-event ID{detail}",
    "CHG003": "timeline entry {id!r} has no date and no dated report to compare from; use --since DATE",
    # HTTP failures of the web server (chronicle.web.errors)
    "WEB400": "bad request: {detail}",
    "WEB401": "missing or wrong ingest token",
    "WEB403": "forbidden: {detail}",
    "WEB404": "nothing at {path}",
    "WEB405": "{method} is not allowed on {path}",
    "WEB413": "request body too large: {detail}",
    "WEB415": "unsupported media type: {detail}",
    "WEB421": "this server answers only to its own address",
    "WEB422": "request body cannot be used: {detail}",
    "WEB500": "internal error; the server log has the details",
}


def message(code: str, **fields) -> str:
    """The message of ``code`` with ``fields`` filled in. An unknown code is a programming error."""
    try:
        template = CODES[code]
    except KeyError:
        raise KeyError(f"{code} is not in chronicle.errors.CODES; add it there and to docs/diagnostics.md") from None
    return template.format(**fields)


class ChronicleError(Exception):
    """Base of every error Chronicle raises on purpose: a ``code`` from :data:`CODES` and a ``message``."""

    code = "CHR000"

    def __init__(self, message: str = "", *, code: str | None = None):
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code

    @classmethod
    def of(cls, code: str, **fields):
        """The error ``code`` with its registry message, ``fields`` filled in."""
        return cls(message(code, **fields), code=code)

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class UsageError(ChronicleError):
    code = "USE001"


class InputError(ChronicleError):
    """An input that cannot be ingested. ``code`` says why, ``path`` says which."""

    def __init__(self, code: str, reason: str, path: str | None = None):
        super().__init__(reason, code=code)
        self.reason = reason
        self.path = path

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"[{self.code}] {where}{self.reason}"


class NotFound(ChronicleError):
    code = "STO404"


class StoreError(ChronicleError):
    code = "STO001"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A coded note about one input or article: what went wrong, where, and which stage saw it."""

    code: str
    message: str
    path: str | None = None
    article_id: str | None = None
    stage: str | None = None
    start_char: int | None = None
    end_char: int | None = None

    @classmethod
    def from_error(cls, err: InputError) -> "Diagnostic":
        return cls(code=err.code, message=err.reason, path=err.path)
