"""Kill moments matched to progress, not to the clock: on a shared machine an ingest runs slower
or faster than the clean one did, so "k seconds in" would land in a different phase each time.

The clean ingest is watched: the state of its store (articles stored, analysed, entities linked,
timeline written) is recorded every 0.1 s. A run draws a moment t of the clean ingest, takes the
state the clean store was in at t and how long it had been in it, and kills the run when its
own store has been in that state as long (or has gone past it).
"""
from __future__ import annotations

import signal
import sqlite3
import subprocess
import time
from pathlib import Path

from bench.crash import store as st

State = tuple[int, int, int, int]  # (stored, analysed, entities linked, timeline written): grows with progress


def state(db: Path) -> State:
    if not db.exists():
        return (0, 0, 0, 0)
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            stored, analysed = conn.execute("SELECT COUNT(*), COUNT(analysis_version) FROM articles").fetchone()
            linked = conn.execute("SELECT EXISTS(SELECT 1 FROM entities)").fetchone()[0]
            timeline = conn.execute("SELECT EXISTS(SELECT 1 FROM timeline_entries)").fetchone()[0]
            return (stored, analysed, linked, timeline)
        finally:
            conn.close()
    except sqlite3.Error:  # no tables yet
        return (0, 0, 0, 0)


def watch(cmd: list[str], db: Path) -> tuple[float, subprocess.CompletedProcess, list[tuple[float, State]]]:
    """Run ``cmd`` to the end, recording (seconds, state) at each change; returns (duration, result, trace)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=st.ENV)
    started, trace = time.perf_counter(), []
    while proc.poll() is None:
        now = state(db)
        if not trace or trace[-1][1] != now:
            trace.append((time.perf_counter() - started, now))
        time.sleep(0.1)
    out, err = proc.communicate()
    duration = time.perf_counter() - started
    return duration, subprocess.CompletedProcess(cmd, proc.returncode, out, err), trace


def draw(trace: list[tuple[float, State]], duration: float, rng) -> float:
    """A moment of the clean run: a state it went through, drawn uniformly, then a moment within it.
    Drawn uniformly over time, most kills of a small ingest would fall while the workers load their
    models; drawn this way, every committed state (articles stored, each analysis batch, entities
    linked, the timeline written) is hit about as often."""
    ends = [t for t, _ in trace[1:]] + [duration]
    i = rng.randrange(len(trace))
    start = max(trace[i][0], 0.5) if i == 0 else trace[i][0]
    return rng.uniform(start, max(start, ends[i]))


def target(trace: list[tuple[float, State]], moment: float) -> tuple[State, float]:
    """The clean store's state at ``moment`` and how long it had been in it."""
    since, at = 0.0, (0, 0, 0, 0)
    for t, s in trace:
        if t > moment:
            break
        since, at = t, s
    return at, moment - since


def kill_when(cmd: list[str], db: Path, goal: State, dwell: float, *,
              timeout: float = 3600) -> tuple[bool, float, int]:
    """Start ``cmd`` (in its own process group) and SIGKILL it once its store has been in state ``goal``
    for ``dwell`` seconds, or has gone past it. Returns (finished before the kill, seconds at the kill,
    its pid, which is its process group's id)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=st.ENV,
                            start_new_session=True)
    started, reached = time.perf_counter(), None
    while proc.poll() is None and time.perf_counter() - started < timeout:
        now = state(db)
        if now > goal or (now == goal and reached is not None and time.perf_counter() - reached >= dwell):
            break
        if now == goal and reached is None:
            reached = time.perf_counter()
        time.sleep(0.05)
    if proc.poll() is not None:
        return True, time.perf_counter() - started, proc.pid
    proc.send_signal(signal.SIGKILL)  # the ingest process alone, as `kill -9 PID` does
    proc.wait()
    return False, time.perf_counter() - started, proc.pid
