"""The fuzzing gate (issue 18): a few hundred seeded hostile inputs mixed with good ones, in
batches; any traceback, any good file lost and any bad file unreported fails it.

The long run is ``python -m bench.fuzz --cases 10000``.
"""
from __future__ import annotations

import signal
from collections import Counter

import pytest

import hostile

BATCHES, PER_BATCH, SEED = 6, 50, 1800
HOSTILE_CLASSES = {"bignum", "deep-json", "year", "types", "xxe", "billion-laughs", "deep-html", "binary",
                   "oversize", "fifo", "devlink", "loop", "dirlink"}


class Hang(BaseException):
    pass


def _ring(signum, frame):
    raise Hang


@pytest.fixture(scope="module")
def gate(tmp_path_factory):
    out = hostile.Outcome()
    previous = signal.signal(signal.SIGALRM, _ring)
    try:
        for b in range(BATCHES):
            cases = hostile.generate(PER_BATCH, seed=SEED + b, start=b * PER_BATCH)
            signal.alarm(120)  # a batch of 50 takes a few seconds; past two minutes it hangs
            try:
                out.merge(hostile.run_batch(cases, tmp_path_factory.mktemp(f"batch{b}")))
            except Hang:
                out.cases += len(cases)
                out.hangs.append(f"batch {b} (seed {SEED + b}) ran past 120 s")
            finally:
                signal.alarm(0)
    finally:
        signal.signal(signal.SIGALRM, previous)
    return out


def test_no_traceback_hang_loss_or_silence(gate):
    assert gate.cases == BATCHES * PER_BATCH
    assert gate.crashes == []
    assert gate.hangs == []
    assert gate.lost == []
    assert gate.unreported == []


def test_the_gate_covers_every_hostile_class_and_good_format(gate):
    assert HOSTILE_CLASSES <= set(gate.by_class)
    assert {"good-text", "good-html", "good-rss", "good-jsonl", "good-surrogate"} <= set(gate.by_class)
    assert sum(n for c, n in gate.by_class.items() if c.startswith("mutant")) >= BATCHES * PER_BATCH // 5


def test_the_check_fails_on_a_lost_or_silent_file(tmp_path):
    """The check itself can fail: a good file not stored, a bad one not reported, a bug caught."""
    cases = [hostile.Case("a.txt", "good", "good-text", b"x"), hostile.Case("b.txt", "bad", "empty", b""),
             hostile.Case("c.txt", "bad", "binary", b"\0")]

    class Report:
        unchanged = 0
        failed = [{"path": str(tmp_path / "c.txt"), "reason": "boom", "code": "ING040"}]

    out = hostile.check(cases, tmp_path, Report(), Counter())
    assert [x.split(" ")[0] for x in out.lost] == ["a.txt"]
    assert [x.split(" ")[0] for x in out.unreported] == ["b.txt"]
    assert len(out.crashes) == 1 and not out.ok
