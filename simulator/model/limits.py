"""The documented maxima of every input (scenario files, --set values, seeds, counts, session files) and the
helpers that keep error lines short and printed file text free of terminal control characters.

Every number here is a limit on input, not a model constant: it keeps a hostile or mistaken file from
hanging a lesson or filling memory (issue 13). The README and ``main.py list`` print them.
"""

from __future__ import annotations

import argparse
import math
import re

from .constants import DT_S

#: Longest planned episode, in seconds (one hour).
MAX_EPISODE_S = 3600.0
#: Longest curtailment or extension setting (crying_s, max_pause_s, until_calm_s, max_extra_s), seconds.
MAX_CLOCK_S = 3600.0
#: Longest scenario: planned lengths plus the longest extensions of all episodes, in seconds (four hours).
MAX_SCENARIO_S = 4 * 3600.0
#: Most episodes in one scenario.
MAX_EPISODES = 64
#: Longest one-line text in a scenario (ids, titles, labels, options), in characters.
MAX_LINE_CHARS = 200
#: Longest paragraph in a scenario (narration, debrief, summary, prompts), in characters.
MAX_TEXT_CHARS = 4000
#: Most items in a list of a scenario (goals, references, watch_for, prompts, options).
MAX_LIST_ITEMS = 50
#: Deepest nesting of tables and arrays in a scenario file (real scenarios use 4).
MAX_TOML_DEPTH = 16
#: Largest scenario file, in bytes (the bundled ones are under 20 kB).
MAX_SCENARIO_BYTES = 1_000_000
#: Largest seed (seeds are 0 .. 2**32 - 1).
MAX_SEED = 2**32 - 1
#: Most infants in one ``batch``, ``develop`` or ``validation`` run.
MAX_N = 1_000_000
#: Most model steps in one session: the longest scenario at 0.25 s a step, plus the starting step.
MAX_STEPS = int(MAX_SCENARIO_S / DT_S) + 1
#: Most learner actions in a session file (at most one per model step).
MAX_ACTIONS = MAX_STEPS
#: Most events in a session file.
MAX_EVENTS = 4 * MAX_STEPS
#: Largest session file, in bytes (a one-hour session is a few MB).
MAX_SESSION_BYTES = 32 * 1024 * 1024
#: Longest path or file name we try to write (bytes); longer ones get one clear line.
MAX_NAME_BYTES = 255
#: The error log (logs/errors.log in the data folder) is rotated past this size, in bytes.
MAX_LOG_BYTES = 1_000_000
#: Longest value quoted in an error line, in characters.
MAX_QUOTED_CHARS = 80

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")


def printable(text: object) -> str:
    """``text`` with every control character (C0, C1, DEL, bidi and line separators) escaped as ``\\xNN``.

    Anything printed from a file goes through this, so a file cannot move the cursor, recolour or
    clear the terminal (escape injection)."""
    s = str(text)
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                        else f"\\u{ord(m.group()):04x}", s)


def clip(text: object, limit: int = MAX_QUOTED_CHARS) -> str:
    """``text`` made printable and cut to ``limit`` characters (``...(N chars)`` says how long it was)."""
    s = printable(text)
    if len(s) <= limit:
        return s
    return f"{s[:limit]}...({len(s)} chars)"


def quoted(value: object, limit: int = MAX_QUOTED_CHARS) -> str:
    """``repr(value)`` for an error line: short, printable, and safe for values nested too deep to repr."""
    if isinstance(value, (dict, list, tuple)):
        return f"<{type(value).__name__} of {len(value)}>"
    try:
        text = repr(value)
    except (RecursionError, ValueError):  # ValueError: an int too long to print
        text = f"<{type(value).__name__}>"
    return clip(text, limit)


def is_number(v: object) -> bool:
    """A finite int or float, not a bool."""
    return isinstance(v, (int, float)) and not isinstance(v, bool) and _finite(v)


def _finite(v: int | float) -> bool:
    try:
        return math.isfinite(v)
    except OverflowError:  # an int too large for a float
        return False


def depth(data: object, limit: int) -> int:
    """Nesting depth of dicts and lists in ``data``, counting iteratively and stopping past ``limit``."""
    deepest = 0
    stack = [(data, 1)]
    while stack:
        node, d = stack.pop()
        if isinstance(node, dict):
            children = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        deepest = max(deepest, d)
        if deepest > limit:
            return deepest
        stack.extend((c, d + 1) for c in children if isinstance(c, (dict, list)))
    return deepest


def whole_arg(text: str, lo: int, hi: int) -> int:
    """A whole number ``lo .. hi`` from the command line (argparse's one-line error otherwise)."""
    try:
        v = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{clip(text)} is not a whole number") from None
    if not lo <= v <= hi:
        raise argparse.ArgumentTypeError(f"{clip(text)} is out of range {lo}..{hi}")
    return v


def seed_arg(text: str) -> int:
    """argparse ``type=`` for ``--seed``: an integer 0 .. MAX_SEED."""
    return whole_arg(text, 0, MAX_SEED)


def count_arg(text: str, limit: int = MAX_N) -> int:
    """argparse ``type=`` for ``--n``: an integer 1 .. ``limit``."""
    return whole_arg(text, 1, limit)


def finite_arg(text: str) -> float:
    """argparse ``type=`` for a float option: a finite number."""
    try:
        v = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{clip(text)} is not a number") from None
    if not math.isfinite(v):
        raise argparse.ArgumentTypeError(f"{clip(text)} is not a finite number")
    return v


def path_too_long(path: object) -> str:
    """Why ``path`` cannot be a file name here (a part over MAX_NAME_BYTES bytes), or ''."""
    for part in str(path).replace("\\", "/").split("/"):
        n = len(part.encode("utf-8", "surrogateescape"))
        if n > MAX_NAME_BYTES:
            return f"a name in the path is {n} bytes long (at most {MAX_NAME_BYTES})"
    if len(str(path).encode("utf-8", "surrogateescape")) > 4095:
        return "the path is longer than 4095 bytes"
    return ""
