"""How many worker processes the model's parallel runs (batches, populations, validation) use."""

from __future__ import annotations

import os

from .limits import quoted
from .session import SetError

#: Environment variable that sets the number of worker processes (1: none, everything runs in this process).
WORKERS_ENV = "ATTUNE_WORKERS"
#: At most this many by default: beyond it a batch's blocks are too few to share (bench/bench_batch.py).
MAX_DEFAULT_WORKERS = 8
#: The largest number ``ATTUNE_WORKERS`` (and ``validation --workers``) accepts.
MAX_WORKERS = 64


def default_workers() -> int:
    """Worker processes to use: ``$ATTUNE_WORKERS`` if set, else the cores this process may run on (at most
    :data:`MAX_DEFAULT_WORKERS`; a container or ``taskset`` may allow fewer than the machine has).

    Raises:
        SetError: ``ATTUNE_WORKERS`` is not a whole number from 1 to :data:`MAX_WORKERS` (one line).
    """
    text = os.environ.get(WORKERS_ENV, "").strip()
    if text:
        n = int(text) if text.isascii() and text.isdigit() and len(text) <= 2 else 0  # not "1_0", "+2" or "²"
        if not 1 <= n <= MAX_WORKERS:
            raise SetError(f"{WORKERS_ENV}={quoted(text)}: expected a whole number of worker processes, "
                           f"1 to {MAX_WORKERS}")
        return n
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_DEFAULT_WORKERS))
