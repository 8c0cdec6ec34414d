"""Where numba keeps the compiled kernels: next to the code, else the user's cache folder, else in memory.

Runs from ``simulator/__init__.py``, before anything imports numba (numba reads ``NUMBA_CACHE_DIR`` once,
at import). A read-only install (a shared lab machine, a packaged copy) must still start: when the code
folder cannot be written the cache goes to the platform's user cache folder (platformdirs), and when no
folder can be written the kernels are compiled in memory at every start, with one line saying so.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

#: The environment variable numba reads for a cache folder (also the user's way to choose one).
ENV = "NUMBA_CACHE_DIR"
#: The note printed (once, on stderr) when the kernels cannot be cached anywhere.
IN_MEMORY_NOTE = ("note: no writable folder for the compiled model kernels (the code folder and {cache} are "
                  "read-only); compiling in memory, so each start takes longer")

#: Where the cache went: "code folder", "user cache", "NUMBA_CACHE_DIR" or "memory" (set by configure).
where = ""


def writable(folder: Path) -> bool:
    """True if ``folder`` exists or can be created, and a file can be written in it."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
        return True
    except OSError:
        return False


def user_cache_dir() -> Path:
    """The platform's per-user cache folder for Attune's kernels (``~/.cache/attune/numba`` on Linux)."""
    try:
        import platformdirs
        base = Path(platformdirs.user_cache_dir("attune", appauthor=False))
    except Exception:  # noqa: BLE001 - platformdirs missing or no home folder: the same rule by hand
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path("~/.cache").expanduser()) / "attune"
    return base / "numba"


def _compile_in_memory() -> None:
    """Make ``njit(cache=True)`` compile without a cache (numba would otherwise fail: no locator)."""
    from numba.core import dispatcher

    dispatcher.Dispatcher.enable_caching = lambda self: None


def configure(code_dir: Path | None = None, environ=os.environ, stderr=sys.stderr) -> str:
    """Choose the kernel cache before numba is imported; returns where it went (see :data:`where`)."""
    global where
    code_dir = code_dir or Path(__file__).resolve().parent / "model"
    chosen = environ.get(ENV)
    if chosen:
        where = ENV if writable(Path(chosen)) else "memory"
        cache = Path(chosen)
    elif writable(code_dir / "__pycache__"):
        where = "code folder"  # numba's own default: __pycache__ beside the source
        cache = code_dir / "__pycache__"
    else:
        cache = user_cache_dir()
        if writable(cache):
            environ[ENV] = str(cache)
            where = "user cache"
        else:
            where = "memory"
    if where == "memory":
        if chosen:
            environ.pop(ENV, None)  # a folder numba cannot use would make it fail
        _compile_in_memory()
        print(IN_MEMORY_NOTE.format(cache=cache), file=stderr)
    return where
