"""Hostile inputs for the fuzzing gate (issue 18): a seeded generator of files, each with what
Chronicle must do with it, and the check of one ingest against those expectations.

Every case is one input file (or folder entry) of a kind:

- ``good``: a well-formed article (text, HTML, RSS, JSON Lines, UTF-16, cp1252, text with RTL
  overrides or lone surrogates) with content no other case has: it must be stored;
- ``bad``: one hostile class of issue 18 (huge numbers, deep nesting, years out of range,
  wrong field types, XXE and billion laughs, deep HTML, empty, binary, oversize, broken
  UTF-16, FIFOs, device links, link loops, dangling links, links to folders): it must be
  reported with its path;
- ``mixed``: JSON Lines with good and hostile records: the good ones stored, the file reported;
- ``either``: a random byte or structure mutation of one of our own demo articles, feeds or
  JSON Lines (examples/demo): stored, reported, or (when the mutation left the article as
  another case's) counted as unchanged; never lost silently.

Any exception out of the ingest, any ING040/ING041 (a bug caught at an input's boundary),
any good file lost and any bad file unreported fails the gate (tests/fuzz/test_gate.py,
``python -m bench.fuzz``).
"""
from __future__ import annotations

import json
import os
import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "demo"
MAX_BYTES = 256 * 1024  # the fuzz runs' --max-mb: oversize cases stay cheap to write
BUG_CODES = {"ING040", "ING041"}

_WORDS = ("minister envoy talks border ceasefire treaty council capital river harbour valley truce "
          "prisoners exchange sanctions summit delegation parliament election court ruling protest "
          "agreement statement officials spokesman president governor province market bridge").split()
_NAMES = "Varnia Kessel Merin Dorn Asten Lusara Velden Tsvetin Sarn Marenza Halvik Orsk".split()
_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


@dataclass
class Case:
    name: str  # file name, unique in its batch
    kind: str  # good | bad | mixed | either
    cls: str  # the hostile class, for the report
    data: bytes | None = None
    special: str | None = None  # fifo | devlink | loop | dangling | dirlink
    good_records: int = 1  # articles a good or mixed case must store


@dataclass
class Outcome:
    cases: int = 0
    crashes: list[str] = field(default_factory=list)  # tracebacks, or bugs caught at a boundary
    hangs: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)  # good files (or good records) not stored
    unreported: list[str] = field(default_factory=list)  # bad files stored or reported nowhere
    by_class: Counter = field(default_factory=Counter)

    def merge(self, other: "Outcome") -> None:
        self.cases += other.cases
        for name in ("crashes", "hangs", "lost", "unreported"):
            getattr(self, name).extend(getattr(other, name))
        self.by_class.update(other.by_class)

    @property
    def ok(self) -> bool:
        return not (self.crashes or self.hangs or self.lost or self.unreported)


# ---- good articles -----------------------------------------------------------------------------
def _sentence(rng: random.Random, token: str) -> str:
    words = rng.sample(_WORDS, 7)
    return (f"The {words[0]} of {rng.choice(_NAMES)} met the {words[1]} on {rng.choice(_DAYS)} "
            f"and said the {words[2]} over the {words[3]} {token} would go on, {words[4]} said.")


def _article(rng: random.Random, token: str) -> tuple[str, list[str]]:
    title = f"{rng.choice(_NAMES)} {rng.choice(_WORDS)} {token} {rng.choice(_WORDS)}"
    return title, [_sentence(rng, f"{token}{i}") for i in range(rng.randint(2, 5))]


def good_case(rng: random.Random, i: int) -> Case:
    token = f"case{i}x{rng.randrange(10**9)}"
    title, paras = _article(rng, token)
    form = rng.choice(["txt", "html", "rss", "jsonl", "utf16", "cp1252", "rtl", "surrogate"])
    if form == "html":
        body = "".join(f"<p>{p}</p>" for p in paras)
        data = (f"<!DOCTYPE html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
                f"{body}</article></body></html>").encode()
        return Case(f"{i:05d}-good.html", "good", "good-html", data)
    if form == "rss":
        items = "".join(f"<item><title>{title} {k}</title><description>{' '.join(paras)} Item {k}.</description>"
                        f"<pubDate>Mon, 0{k + 1} Sep 2025 10:00:00 +0000</pubDate></item>" for k in range(2))
        data = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Fuzz Wire</title>{items}</channel></rss>'
        return Case(f"{i:05d}-good.xml", "good", "good-rss", data.encode(), good_records=2)
    if form == "jsonl":
        n = rng.randint(1, 4)
        lines = [json.dumps({"title": f"{title} {k}", "text": " ".join(paras) + f" Record {k}.",
                             "published": "2025-09-0%d" % (k + 1), "outlet": "Fuzz Wire", "id": k}) for k in range(n)]
        return Case(f"{i:05d}-good.jsonl", "good", "good-jsonl", ("\n".join(lines) + "\n").encode(), good_records=n)
    text = title + "\n\n" + "\n\n".join(paras) + "\n"
    if form == "utf16":
        return Case(f"{i:05d}-good.txt", "good", "good-utf16", text.encode("utf-16"))
    if form == "cp1252":
        return Case(f"{i:05d}-good.txt", "good", "good-cp1252", text.replace("said", "said \u201cyes\u201d").encode("cp1252"))
    if form == "rtl":
        return Case(f"{i:05d}-good.txt", "good", "good-rtl", text.replace("said", "\u202esaid\u202c \u200b").encode())
    if form == "surrogate":
        line = json.dumps({"title": title, "text": " ".join(paras)}).replace(token, token + "\\udfff", 1)
        return Case(f"{i:05d}-good.jsonl", "good", "good-surrogate", (line + "\n").encode())
    return Case(f"{i:05d}-good.txt", "good", "good-text", text.encode())


# ---- hostile classes ---------------------------------------------------------------------------
def _entities(rng: random.Random, external: bool) -> bytes:
    if external:
        target = rng.choice(["file:///etc/passwd", "file:///dev/zero", "http://127.0.0.1:9/x", "/etc/hostname"])
        decl = f'<!ENTITY xxe SYSTEM "{target}">'
        use = "&xxe;"
    else:
        depth = rng.randint(5, 12)
        decl = '<!ENTITY l0 "lol">' + "".join(f'<!ENTITY l{k} "{("&l%d;" % (k - 1)) * 10}">' for k in range(1, depth))
        use = f"&l{depth - 1};"
    doctype = rng.choice(["<!DOCTYPE rss [{}]>", "<!doctype rss [\n{}\n]>", "<!DOCTYPE  rss\n[{}]>"]).format(decl)
    return (f'<?xml version="1.0"?>{doctype}<rss version="2.0"><channel><title>T</title><item><title>A {use}</title>'
            f"<description>Envoys met on Monday in the capital and talked. {use}</description></item></channel></rss>").encode()


BAD_CLASSES = (
    "bignum", "deep-json", "year", "types", "invalid-json", "no-text", "xxe", "billion-laughs",
    "deep-html", "empty", "blank", "binary", "oversize", "utf16-broken", "feed-empty", "html-no-text",
    "zero-width", "fifo", "devlink", "loop", "dangling", "dirlink",
)


def bad_case(rng: random.Random, i: int, cls: str) -> Case:
    good_line = json.dumps({"title": f"rec{i}x{rng.randrange(10**9)}", "text": _sentence(rng, f"rec{i}")})
    name = f"{i:05d}-{cls}"
    if cls in ("bignum", "deep-json", "year", "types", "invalid-json", "no-text"):
        bad = {
            "bignum": lambda: '{"text": "Numbers.", "n": ' + "9" * rng.choice([4301, 5000, 10000, 100000]) + "}",
            "deep-json": lambda: (lambda d: "[" * d + "]" * d)(rng.choice([33, 1000, 50000, 100000])),
            "year": lambda: json.dumps({"text": "Met last year.", "published": rng.choice(
                ["0000-01-01", "10000-01-01", "9999-W52", "0001-01-01", "9999-12-31", "0050", "-0001-01-01"])}),
            "types": lambda: json.dumps({"text": "Met.", rng.choice(["title", "outlet", "url", "published"]):
                                         rng.choice([[1], {"a": 1}, 3.5, True, 12])}),
            "invalid-json": lambda: rng.choice(['{"text": "unterminated', "{'text': 'single'}", "NaN]", "{,}"]),
            "no-text": lambda: json.dumps({"title": "no body", "text": rng.choice(["", "   ", None, 5, ["x"]])}),
        }[cls]()
        lines = [bad, good_line] if rng.random() < 0.5 else [bad]
        return Case(name + ".jsonl", "mixed" if len(lines) == 2 else "bad", cls, ("\n".join(lines) + "\n").encode(),
                    good_records=len(lines) - 1)
    if cls in ("xxe", "billion-laughs"):
        return Case(name + ".xml", "bad", cls, _entities(rng, cls == "xxe"))
    if cls == "deep-html":
        d = rng.choice([300, 5000, 100000])
        tag = rng.choice(["div", "span", "section"])
        data = f"<html><body>{'<%s>' % tag * d}<p>Envoys met on Monday in the capital and talked for hours.</p></body></html>"
        return Case(name + ".html", "bad", cls, data.encode())
    simple = {
        "empty": lambda: b"",
        "blank": lambda: b" \n\t\n" * rng.randint(1, 100),
        "binary": lambda: bytes(rng.randrange(256) for _ in range(rng.randint(64, 4096))) + b"\x00\x00",
        "oversize": lambda: b"word " * (MAX_BYTES // 5 + 1000),
        "utf16-broken": lambda: b"\xff\xfe" + b"\x00\xd8" * rng.randint(1, 50) + b"a",
        "feed-empty": lambda: b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>',
        "html-no-text": lambda: b"<html><body><div><p>Only <b>markup<i></div></html>",
        "zero-width": lambda: ("\u200b\u200c\u00ad" * rng.randint(1, 200)).encode(),
    }
    if cls in simple:
        suffix = {"feed-empty": ".xml", "html-no-text": ".html"}.get(cls, ".txt")
        return Case(name + suffix, "bad", cls, simple[cls]())
    return Case(name + ".txt", "bad", cls, special=cls)


# ---- mutations of our own demo files -----------------------------------------------------------
_TOKENS = [b"<", b">", b"</div>", b"<div>" * 50, b"<!ENTITY x 'y'>", b"{", b"}", b'"', b"\x00", b"\\udfff",
           b"&#xD800;", b"&#x110000;", b"&#99999999999;", b"&#0;", b"]]>", b"<![CDATA[", b"9" * 5000, b"[" * 3000, b"\xff\xfe", b"\xef\xbb\xbf", b"\r",
           "\u202e\u200b".encode(), b"&lol;", b"\n\n", b"published", b'"published": "0000-01-01"']


def demo_sources() -> list[tuple[str, bytes]]:
    """Our demo corpus as (suffix, bytes), plus JSON Lines made of its text files."""
    files = sorted(p for p in DEMO.iterdir() if p.suffix in (".txt", ".html", ".xml"))
    out = [(p.suffix, p.read_bytes()) for p in files]
    texts = [p.read_text(encoding="utf-8") for p in files if p.suffix == ".txt"]
    lines = [json.dumps({"title": t.split("\n", 1)[0], "text": t.split("\n", 1)[1], "published": "2025-09-1%d" % k})
             for k, t in enumerate(texts)]
    out.append((".jsonl", ("\n".join(lines) + "\n").encode()))
    return out


def mutate(rng: random.Random, data: bytes) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(7)
        pos = rng.randrange(len(buf) + 1)
        if op == 0 and buf:  # flip bytes
            for _ in range(rng.randint(1, 20)):
                buf[rng.randrange(len(buf))] = rng.randrange(256)
        elif op == 1:  # insert a structural token
            buf[pos:pos] = rng.choice(_TOKENS) * rng.randint(1, 3)
        elif op == 2:  # delete a range
            del buf[pos:pos + rng.randint(1, 2000)]
        elif op == 3:  # duplicate a range
            end = min(len(buf), pos + rng.randint(1, 3000))
            buf[pos:pos] = buf[pos:end] * rng.randint(1, 4)
        elif op == 4:  # truncate
            del buf[pos:]
        elif op == 5:  # random bytes
            buf[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
        else:  # swap halves
            buf = buf[pos:] + buf[:pos]
    return bytes(buf[: MAX_BYTES * 2])


def mutated_case(rng: random.Random, i: int, sources) -> Case:
    suffix = rng.choice(sorted({s for s, _ in sources}))  # each format as often, not each file
    data = rng.choice([d for s, d in sources if s == suffix])
    return Case(f"{i:05d}-mutant{suffix}", "either", f"mutant{suffix}", mutate(rng, data))


# ---- a batch -----------------------------------------------------------------------------------
def generate(n: int, seed: int, start: int = 0) -> list[Case]:
    """``n`` cases, the same for the same seed: about 30% good, 35% hostile, 35% mutants."""
    rng = random.Random(seed)
    sources = demo_sources()
    classes = list(BAD_CLASSES)
    rng.shuffle(classes)  # hostile classes in turn, from a seeded start: every class, evenly
    out = []
    for i in range(start, start + n):
        roll = rng.random()
        if roll < 0.3:
            out.append(good_case(rng, i))
        elif roll < 0.65:
            out.append(bad_case(rng, i, classes[sum(c.kind in ("bad", "mixed") for c in out) % len(classes)]))
        else:
            out.append(mutated_case(rng, i, sources))
    return out


def write_cases(cases: list[Case], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for c in cases:
        path = folder / c.name
        if c.special is None:
            path.write_bytes(c.data or b"")
        elif c.special == "fifo":
            os.mkfifo(path)
        elif c.special == "devlink":
            path.symlink_to("/dev/zero")
        elif c.special == "loop":
            path.symlink_to(path)
        elif c.special == "dangling":
            path.symlink_to(folder / "nowhere" / c.name)
        elif c.special == "dirlink":
            path.symlink_to(folder)


def check(cases: list[Case], folder: Path, report, stored: Counter) -> Outcome:
    """Compare one ingest (its report, and articles stored per source path) with the cases."""
    out = Outcome(cases=len(cases))
    failed = {}
    for f in report.failed:
        path = f["path"].split(" (record ")[0]
        failed.setdefault(path, []).append(f)
        if f["code"] in BUG_CODES:
            out.crashes.append(f"{path}: [{f['code']}] {f['reason']}")
    unaccounted = 0
    for c in cases:
        path = str(folder / c.name)
        out.by_class[c.cls] += 1
        n_stored, reported = stored.get(path, 0), path in failed
        if c.kind == "good" and (n_stored < c.good_records or reported):
            out.lost.append(f"{c.name} ({c.cls}): stored {n_stored} of {c.good_records}, failed {failed.get(path)}")
        elif c.kind == "bad" and (not reported or n_stored):
            out.unreported.append(f"{c.name} ({c.cls}): stored {n_stored}, reported {reported}")
        elif c.kind == "mixed":
            if not reported:
                out.unreported.append(f"{c.name} ({c.cls}): not reported")
            if n_stored < c.good_records:
                out.lost.append(f"{c.name} ({c.cls}): good record not stored")
        elif c.kind == "either" and not n_stored and not reported:
            unaccounted += 1
    if unaccounted > report.unchanged:  # a mutant may equal another case's article: "unchanged"
        out.lost.append(f"{unaccounted - report.unchanged} mutated file(s) neither stored nor reported")
    return out


def run_batch(cases: list[Case], workdir: Path) -> Outcome:
    """Write the cases, ingest them (no analysis) into a fresh store, and check the result."""
    import chronicle

    folder = workdir / "in"
    write_cases(cases, folder)
    api = chronicle.open(workdir / "fuzz.db")
    try:
        try:
            report = api.ingest([folder], analyze=False, max_bytes=MAX_BYTES)
        except Exception as exc:  # the gate's whole point: nothing may escape the batch
            import traceback

            out = Outcome(cases=len(cases))
            out.crashes.append("".join(traceback.format_exception(exc))[-2000:])
            return out
        stored = Counter({row[0]: row[1] for row in api.store.query(
            "SELECT source_path, COUNT(*) FROM articles GROUP BY source_path")})
        return check(cases, folder, report, stored)
    finally:
        api.close()
