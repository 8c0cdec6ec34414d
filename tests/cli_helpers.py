"""Runs Attune's command line for tests: in this process (fast: the model is already imported and its
kernels loaded), or as ``python main.py`` in a new process where the process itself is the point (the
exit code main.py returns, nothing else on stderr, determinism across processes)."""

import contextlib
import io
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Result:
    """What a command gave: like ``subprocess.CompletedProcess``."""

    returncode: int
    stdout: str
    stderr: str


def run_cli(*args, cwd=ROOT) -> Result:
    """``main.py ARGS`` in this process, from folder ``cwd``: exit code and captured output.

    An exception the command line lets escape propagates (and fails the test), as a traceback would.
    """
    from simulator.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
    return Result(code, out.getvalue(), err.getvalue())


def run_main(*args, cwd=ROOT, timeout=300) -> subprocess.CompletedProcess:
    """``python main.py ARGS`` in a new process (headless)."""
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, timeout=timeout, env=env)
