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
