"""What every subcommand shares: one-line usage errors, the output-path check, --set/--infant/--caregiver, progress.

Errors are raised, never printed here: :func:`simulator.cli.commands.main` turns them into one line
``error: WHERE: WHAT`` on stderr and exit code 2 (the command-line contract in docs/implementation-notes.md).
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

from ..content.lessons import check_audience
from ..model.io import OutputError
from ..model.limits import clip, path_too_long, quoted
from ..model.params import resolve_preset
from ..model.policies import policy_code

EXIT_OK = 0
EXIT_BAD_INPUT = 2


class UsageError(Exception):
    """Bad command-line input. ``str(err)`` is ``WHERE: WHAT``."""


class Parser(argparse.ArgumentParser):
    """argparse with one-line errors (exit 2, no usage dump)."""

    def error(self, message: str):
        raise UsageError(f"{self.prog}: {message}")


def set_pairs(items: list[str]) -> dict[str, float]:
    """``--set key=value`` items as ``{key: float(value)}``; only finite numbers; long text is cut in errors."""
    out: dict[str, float] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise UsageError(f"--set {clip(item)}: expected key=value, e.g. infant.age_months=9")
        try:
            number = float(value)
        except ValueError:
            raise UsageError(f"--set {clip(key)}: value {quoted(value)} is not a number") from None
        if not math.isfinite(number):
            raise UsageError(f"--set {clip(key)}={clip(value)}: not a finite number")
        out[key.strip()] = number
    return out


def infant_preset(name: str | None) -> str | None:
    """The ``--infant`` preset id (aliases resolved), or None for the scenario's own infant."""
    if name is None:
        return None
    try:
        return resolve_preset(name)
    except KeyError as exc:
        raise UsageError(f"--infant: {exc.args[0]}") from None


def caregiver_policy(name: str) -> str:
    """The ``--caregiver`` policy id, checked against the model's policies."""
    try:
        policy_code(name)
    except KeyError as exc:
        raise UsageError(f"--caregiver: {exc.args[0]}") from None
    return name


def check_out(path: str | None, suffixes: tuple[str, ...], option: str = "--out",
              inputs: tuple[Path, ...] | list[Path] = ()) -> Path | None:
    """An output path the command may write, or None when ``path`` is empty.

    It must end in one of ``suffixes`` (UsageError), not be a folder and sit in a folder that exists
    (OutputError), and not be one of the ``inputs`` (UsageError: an input is never overwritten).
    """
    if not path:
        return None
    p = Path(path)
    if p.suffix.lower() not in suffixes:
        raise UsageError(f"{option} {clip(path)}: must end in {' or '.join(suffixes)}")
    if path_too_long(p):
        raise OutputError(f"{clip(path)}: {path_too_long(p)}")
    if p.is_dir():
        raise OutputError(f"{clip(path)}: is a folder, not a file")
    if not (p.parent if str(p.parent) else Path(".")).is_dir():
        raise OutputError(f"{clip(path)}: folder {clip(p.parent)} does not exist")
    for src in inputs:
        try:
            same = p.resolve() == Path(src).resolve()
        except OSError:
            same = False
        if same:
            raise UsageError(f"{option} {path}: is the input session file; choose another name (the input is "
                             f"never overwritten)")
    return p


def parse_size(value: str | None) -> tuple[int, int] | None:
    """``--size WxH`` as a (width, height) pair in pixels, or None; outside the sizes the layouts are made for
    (``view.theme.MIN_WINDOW`` to ``MAX_WINDOW``: 1024x600 to 3840x2160) is a one-line error (exit 2)."""
    from ..view.layout import parse_size as parse
    if value is None:
        return None
    try:
        return parse(value)
    except ValueError as exc:
        raise UsageError(f"--size {value}: {exc}") from None


def add_size_flag(parser) -> None:
    """``--size WxH``: the window size in pixels (the app draws at that size; ``--screenshot`` saves it)."""
    parser.add_argument("--size", default=None, metavar="WxH",
                        help="window size in pixels, 1024x600 to 3840x2160 (default 1280x720); --screenshot "
                             "saves at this size")


def audience_arg(args) -> str:
    """The ``--audience`` value, checked (parents, class or research)."""
    try:
        return check_audience(getattr(args, "audience", None) or "class")
    except ValueError as exc:
        raise UsageError(f"--audience: {exc}") from None


def add_audience(sp) -> None:
    """Add ``--audience parents|class|research`` to a subcommand (contract additions)."""
    sp.add_argument("--audience", default=None, metavar="parents|class|research",
                    help="who the words are for: parents (plain words), class (default) or research (every number)")


class Progress:
    """A progress bar on stderr, only when stderr is a terminal. Call it with the fraction done (0-1)."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.on = sys.stderr.isatty()
        self.t0 = time.perf_counter()

    def __call__(self, fraction: float) -> None:
        if not self.on:
            return
        width = 30
        done = int(round(fraction * width))
        sys.stderr.write(f"\r{self.label} [{'#' * done}{'.' * (width - done)}] {fraction * 100:5.1f}% "
                         f"{time.perf_counter() - self.t0:5.1f}s")
        if fraction >= 1.0:
            sys.stderr.write("\n")
        sys.stderr.flush()
