"""Atomic file writing: a temporary file in the target folder, then a rename, so data is never half-written."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from .limits import clip, path_too_long

#: Prefix and suffix of the temporary files of atomic writes (``.NAME.XXXXXXXX.tmp``): hidden, and
#: recognised by :func:`clean_stale_temp_files` after a kill.
TEMP_PREFIX = "."
TEMP_SUFFIX = ".tmp"
#: Characters of the target's name kept in a temporary file's name (so a 255-byte name still fits).
TEMP_NAME_CHARS = 60
_UMASK: int | None = None


def _umask() -> int:
    """The process's umask (read once; on Linux from /proc without changing it)."""
    global _UMASK
    if _UMASK is None:
        try:
            with open("/proc/self/status", encoding="ascii") as fh:
                _UMASK = next(int(line.split()[1], 8) for line in fh if line.startswith("Umask:"))
        except (OSError, StopIteration, ValueError, IndexError):
            old = os.umask(0o022)
            os.umask(old)
            _UMASK = old
    return _UMASK


def _new_file_mode(target: Path) -> int:
    """The mode a rewrite keeps (the existing file's), else what ``open()`` would give (0666 & ~umask)."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        return 0o666 & ~_umask()


class OutputError(Exception):
    """An output path that cannot be written. ``str(err)`` is one line: ``PATH: WHAT``."""


@contextlib.contextmanager
def atomic_writer(path: str | Path) -> Iterator[BinaryIO]:
    """Write ``path`` atomically, piece by piece: yields a binary file; the target is replaced only once
    the block inside ends without an error (an error or interrupt leaves the old file, and no temporary one).

    Raises:
        OutputError: the folder does not exist or cannot be written (raised before the block runs).
    """
    target = Path(path)
    where = clip(target, 300)
    if path_too_long(target):
        raise OutputError(f"{where}: {path_too_long(target)}")
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise OutputError(f"{where}: is a folder, not a file")
    if not folder.is_dir():
        raise OutputError(f"{where}: folder {clip(folder, 300)} does not exist")
    mode = _new_file_mode(target)
    clean_stale_temp_files(folder, name=target.name)  # left by a write of this file that was killed
    try:
        fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{target.name[:TEMP_NAME_CHARS]}.", suffix=TEMP_SUFFIX,
                                   dir=folder)
    except OSError as exc:
        raise OutputError(f"{where}: cannot write here ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fchmod(fh.fileno(), mode) if hasattr(os, "fchmod") else None
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(f"{where}: cannot write ({exc.strerror or exc})") from None
        raise


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically; an existing file is replaced only once the new one is whole.

    Raises:
        OutputError: the folder does not exist or cannot be written; nothing is changed.
    """
    with atomic_writer(path) as fh:
        fh.write(data)
    return Path(path)


def atomic_write_text(path: str | Path, text: str) -> Path:
    """Write UTF-8 ``text`` atomically (see :func:`atomic_write_bytes`)."""
    return atomic_write_bytes(path, text.encode("utf-8"))


def clean_stale_temp_files(folder: str | Path, older_than_s: float = 3600.0, name: str | None = None) -> int:
    """Delete this module's temporary files (``.NAME.XXXXXXXX.tmp``) in ``folder`` left by a killed write.

    Only hidden ``*.tmp`` files older than ``older_than_s`` seconds are removed (a write in progress in
    another process is seconds old); with ``name``, only those of that target file. Returns how many
    were removed; never raises.
    """
    import time

    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    now = time.time()
    for e in entries:
        if not (e.name.startswith(TEMP_PREFIX) and e.name.endswith(TEMP_SUFFIX)):
            continue
        if name is not None and not e.name.startswith(f"{TEMP_PREFIX}{name[:TEMP_NAME_CHARS]}."):
            continue
        try:
            if e.is_file(follow_symlinks=False) and now - e.stat(follow_symlinks=False).st_mtime > older_than_s:
                os.unlink(e.path)
                removed += 1
        except OSError:
            pass
    return removed
