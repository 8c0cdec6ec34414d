"""Peak memory of a process and all its descendants together, sampled from /proc while a block of code runs.

``getrusage`` only reports each process's own peak (and the largest child's), which hides what worker
processes hold at the same time. Here a thread adds up every live process's resident memory every
``interval_s`` and keeps the largest total: RSS (counts pages shared after a fork once per process, so
it overstates) and PSS (shares them out, so the processes' PSS add up to what the machine gives them).
Linux only; elsewhere the figures fall back to getrusage (this process plus its largest child).
"""

from __future__ import annotations

import os
import resource
import sys
import threading
from pathlib import Path


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return out


def _kb(pid: int, path: str, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/{path}").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def tree_memory_mb(root: int | None = None) -> tuple[float, float]:
    """(RSS, PSS) in MB of ``root`` (default: this process) and every process below it, right now."""
    todo, rss, pss = [root or os.getpid()], 0, 0
    while todo:
        pid = todo.pop()
        rss += _kb(pid, "status", "VmRSS:")
        pss += _kb(pid, "smaps_rollup", "Pss:")
        todo += _children(pid)
    return rss / 1024, pss / 1024


class PeakMemory:
    """``with PeakMemory() as m: ...`` then ``m.rss_mb`` and ``m.pss_mb``: the peak totals while it ran."""

    def __init__(self, interval_s: float = 0.02) -> None:
        self.interval_s = interval_s
        self.rss_mb = self.pss_mb = 0.0
        self.linux = sys.platform.startswith("linux") and Path("/proc/self/smaps_rollup").exists()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while True:
            rss, pss = tree_memory_mb()
            self.rss_mb, self.pss_mb = max(self.rss_mb, rss), max(self.pss_mb, pss)
            if self._stop.wait(self.interval_s):
                return

    def __enter__(self) -> "PeakMemory":
        if self.linux:
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        if self.linux:
            self._stop.set()
            self._thread.join()
        else:
            scale = 1024.0 * (1024.0 if sys.platform == "darwin" else 1.0)
            me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale
            kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / scale
            self.rss_mb = self.pss_mb = me + kids

    def describe(self) -> str:
        """One phrase for a bench's output."""
        if not self.linux:
            return f"{self.rss_mb:.0f} MB (this process + its largest worker, from getrusage)"
        return f"{self.pss_mb:.0f} MB PSS, {self.rss_mb:.0f} MB RSS (all processes together)"
