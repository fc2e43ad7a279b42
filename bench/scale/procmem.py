"""Peak resident memory of this process's descendants, sampled from /proc (Linux), by role.

A local Ray cluster started with ``ray.init`` runs under the driver (gcs_server, raylet, and
the workers under the raylet), so its every process is a descendant of the bench.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        kids.setdefault(ppid, []).append(int(d.name))
    return kids


def descendants(root: int | None = None) -> list[int]:
    root = root or os.getpid()
    kids, out, todo = _children(), [], [root]
    while todo:
        pid = todo.pop()
        for k in kids.get(pid, []):
            out.append(k)
            todo.append(k)
    return out


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


class Sampler:
    """Samples every descendant's RSS every ``every`` seconds; keeps each pid's peak and command line."""

    def __init__(self, every: float = 0.5):
        self.every, self.peak = every, {}
        self.cmd: dict[int, set[str]] = {}  # every command line a pid showed (a Ray worker retitles itself)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            for pid in descendants():
                mb = rss_mb(pid)
                if mb is not None:
                    self.peak[pid] = max(mb, self.peak.get(pid, 0))
                    self.cmd.setdefault(pid, set()).add(cmdline(pid))
            self._stop.wait(self.every)

    def having(self, *words: str) -> dict[int, float]:
        """Peak MB of the pids whose command line ever held one of ``words``."""
        return {pid: mb for pid, mb in self.peak.items() if any(w in c for c in self.cmd.get(pid, ()) for w in words)}

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
