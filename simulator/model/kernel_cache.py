"""Keeps numba's disk cache of a kernel that calls kernels in other files fresh when any of those files changes.

numba checks a cached kernel against its own source file only. ``session._run_kernel`` and
``development._moment_kernel`` compile the step kernels of ``infant.py`` and ``policies.py`` into themselves,
so after an edit of either file their cached copies would still run the old step: a batch would disagree
with the app. :func:`depends_on` adds the content of those files to the cache's freshness stamp.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def files_digest(*modules) -> str:
    """SHA-256 of the source files of ``modules`` (module objects), in order."""
    h = hashlib.sha256()
    for module in modules:
        h.update(Path(module.__file__).read_bytes())
    return h.hexdigest()


def depends_on(dispatcher, *modules):
    """Make ``dispatcher``'s disk cache stale whenever the source of one of ``modules`` changes; returns it.

    Uses numba's cache object (``dispatcher._cache._cache_file._source_stamp``, numba 0.68; a test checks it
    takes effect). Without a disk cache (caching off, or ``NUMBA_DISABLE_JIT``) there is nothing to keep fresh.
    """
    cache_file = getattr(getattr(dispatcher, "_cache", None), "_cache_file", None)
    if cache_file is not None and hasattr(cache_file, "_source_stamp"):
        cache_file._source_stamp = (cache_file._source_stamp, files_digest(*modules))
    return dispatcher


class DirectCalls:
    """Calls compiled kernels straight through their compiled entry points, skipping numba's per-call
    type dispatch, for a caller whose argument types never change (a session stepping one infant).

    numba works out the type of every argument on every call; for the step kernel, whose arguments hold
    some 150 named constants and 40 arrays, that took 20 of its 25 us per call, about half of the app's
    whole step. The types of a session's arguments are fixed when it is made, so they are worked out once,
    at the first call of each kernel. ``direct(kernel, *args)`` returns what ``kernel(*args)`` returns.
    Where numba's internals differ from 0.68's (``Dispatcher.overloads``, ``entry_point``), it calls the
    kernel as usual.
    """

    def __init__(self) -> None:
        self._entries: dict = {}

    def __call__(self, kernel, *args):
        entry = self._entries.get(kernel)
        if entry is None:
            entry = self._entries[kernel] = _entry_point(kernel, args)
        return entry(*args)


def _entry_point(kernel, args):
    """The compiled entry point of ``kernel`` for the types of ``args`` (loaded or compiled now), else
    ``kernel`` itself."""
    try:
        sig = tuple(kernel.typeof_pyval(a) for a in args)
        kernel.compile(sig)  # loads the disk cache, or compiles, as a first call would
        return kernel.overloads[sig].entry_point
    except (AttributeError, KeyError, TypeError):
        return kernel
