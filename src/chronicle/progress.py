"""Progress for long runs: a bar on a terminal, a log line every N items otherwise."""
from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, total: int | None, desc: str, *, enabled: bool = True, every: int = 100, stream=None):
        self.stream = stream or sys.stderr
        self.total, self.desc, self.every = total, desc, every
        self.done = 0
        self.enabled = enabled
        self._bar = None
        self._started = time.monotonic()
        if enabled and getattr(self.stream, "isatty", lambda: False)():
            from tqdm import tqdm

            self._bar = tqdm(total=total, desc=desc, unit="art", file=self.stream, leave=False)

    def update(self, n: int = 1) -> None:
        before = self.done
        self.done += n
        if not self.enabled:
            return
        if self._bar is not None:
            self._bar.update(n)
        elif self.done // self.every > before // self.every:
            rate = self.done / max(time.monotonic() - self._started, 1e-9)
            of = f"/{self.total}" if self.total else ""
            print(f"{self.desc}: {self.done}{of} ({rate:.1f}/s)", file=self.stream, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
