"""Progress on stderr: each phase with a live clock and throughput on a terminal, silence elsewhere (issue 12:
the bar sat at ``0/99 [00:00<?]`` with a frozen clock for minutes, and some phases showed nothing)."""
from __future__ import annotations

import io
import re
import time

import pytest

from chronicle.progress import Progress


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def final_lines(stream: io.StringIO) -> list[str]:
    """What a terminal shows once the run is over: the last redraw of each line."""
    text = re.sub(r"\x1b\[K", "", stream.getvalue())
    return [line.split("\r")[-1] for line in text.split("\n") if line.split("\r")[-1]]


def test_nothing_is_written_when_stderr_is_not_a_terminal():
    stream = io.StringIO()
    with Progress(stream, enabled=True, interval=0.01) as progress:
        with progress.phase("reading", total=3, unit="files") as phase:
            phase.update(3, words=900)
        with progress.phase("linking"):
            time.sleep(0.05)
    assert stream.getvalue() == ""
    assert progress.phases == ["reading", "linking"]


def test_nothing_is_written_when_turned_off_on_a_terminal():
    stream = FakeTerminal()
    with Progress(stream, enabled=False) as progress, progress.phase("reading", total=1) as phase:
        phase.update()
    assert stream.getvalue() == ""


def test_each_phase_leaves_a_line_with_its_count_clock_and_throughput():
    stream, clock = FakeTerminal(), FakeClock()
    with Progress(stream, interval=0, clock=clock) as progress:
        with progress.phase("reading", total=4, unit="files") as phase:
            clock.now += 2
            phase.update(4, words=1000)
        with progress.phase("analysing", unit="articles") as phase:
            clock.now += 30  # loading the model: on the clock, not in the throughput
            phase.total = 4
            phase.reset_rate()
            clock.now += 8
            phase.update(4, words=2000)
        with progress.phase("timeline", unit="entries", rates=False) as phase:
            clock.now += 65
            phase.update(12)
    assert final_lines(stream) == [
        "reading     4/4 files  0:02  2.0 files/s  500 words/s",
        "analysing   4/4 articles  0:38  0.5 articles/s  250 words/s",
        "timeline    12 entries  1:05",
    ]


def test_the_clock_runs_while_nothing_is_counted():
    """A timer redraws the line: the clock moves while the run waits for its first result."""
    stream, clock = FakeTerminal(), FakeClock()
    with Progress(stream, interval=0.01, clock=clock) as progress:
        with progress.phase("analysing", total=99) as phase:
            phase.set_note("loading the model")
            clock.now += 75
            deadline = time.monotonic() + 5
            while "1:15" not in stream.getvalue() and time.monotonic() < deadline:
                time.sleep(0.01)
            shown = stream.getvalue().split("\r")[-1]
            assert "0/99 articles  1:15  loading the model" in shown
            assert phase.done == 0
    assert progress._ticker is None  # the timer thread is gone once the run is over


def test_a_phase_without_a_count_shows_a_spinner():
    stream = FakeTerminal()
    with Progress(stream, interval=0.005) as progress, progress.phase("linking"):
        deadline = time.monotonic() + 5
        while len(set(re.findall(r"linking\s+([-\\|/])", stream.getvalue()))) < 2 and time.monotonic() < deadline:
            time.sleep(0.005)
    assert len(set(re.findall(r"linking\s+([-\\|/])", stream.getvalue()))) >= 2
    assert final_lines(stream) == ["linking     0:00"]


def test_a_closed_stream_turns_progress_off_instead_of_failing():
    stream = FakeTerminal()
    with Progress(stream, interval=0) as progress:
        stream.close()
        with progress.phase("reading", total=1) as phase:
            phase.update()
    assert progress.enabled is False


@pytest.fixture
def articles(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Talks resume in Geneva\n\nDiplomats from both sides met on Monday.\n")
    (folder / "b.txt").write_text("Ceasefire holds\n\nThe ceasefire agreed on Friday held, officials said on Sunday.\n")
    (folder / "empty.txt").write_text("")
    return folder


def test_ingest_shows_its_phases_in_order(tmp_path, articles):
    import chronicle

    stream = FakeTerminal()
    with chronicle.open(tmp_path / "story.db") as store, Progress(stream, interval=0) as progress:
        report = store.ingest([articles], published="2025-03-18", progress=progress)
    assert report.analyzed == 2
    assert progress.phases == ["reading", "analysing", "linking", "stories", "timeline"]
    assert set(progress.seconds) == set(progress.phases) and all(s >= 0 for s in progress.seconds.values())
    lines = final_lines(stream)
    assert [line.split()[0] for line in lines] == progress.phases
    assert lines[0].startswith("reading     3/3 files")
    assert lines[1].startswith("analysing   2/2 articles")


def test_cli_ingest_on_a_terminal_shows_phases_and_with_json_only_error_lines(tmp_path, articles, monkeypatch):
    from chronicle.cli import main

    for flags, phases in (([], True), (["--json"], False)):
        stderr = FakeTerminal()
        monkeypatch.setattr("sys.stderr", stderr)
        db = str(tmp_path / f"cli{len(flags)}.db")
        assert main(["--db", db, "ingest", str(articles), "--published", "2025-03-18", *flags]) == 1
        lines = final_lines(stderr)
        errors = [line for line in lines if line.startswith("error: ")]
        assert errors == [f"error: {articles / 'empty.txt'}: file is empty"]
        shown = [line.split()[0] for line in lines if not line.startswith("error: ")]
        assert shown == (["reading", "analysing", "linking", "stories", "timeline"] if phases else [])
