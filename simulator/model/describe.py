"""Generates the reference tables of docs/model.md (state variables, parameters, presets, constants) from code.

Run ``python -m simulator.model.describe`` to rewrite the generated part of docs/model.md (between the
``<!-- generated -->`` markers); ``tests/test_docs.py`` fails when it is out of date.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from . import constants
from .infant import STATE_VARIABLES
from .params import CAREGIVER_PARAMS, INFANT_PARAMS, POPULATION_PARAMS, PRESETS

DOC = Path(__file__).resolve().parents[2] / "docs" / "model.md"
BEGIN, END = "<!-- generated: do not edit by hand -->", "<!-- end generated -->"


def _constant_notes() -> list[tuple[str, str, str]]:
    """(name, value, explanation) for every constant in constants.py, from its ``#:`` comments."""
    src = Path(constants.__file__).read_text(encoding="utf-8")
    lines = src.splitlines()
    out = []
    for node in ast.parse(src).body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if not name.isupper():
                continue
            notes = []
            k = node.lineno - 2
            while k >= 0 and lines[k].lstrip().startswith("#:"):
                notes.insert(0, lines[k].lstrip()[2:].strip())
                k -= 1
            if not notes:  # constants documented as a group share the comment above the group
                while k >= 0 and lines[k].strip() and not lines[k].lstrip().startswith("#:"):
                    k -= 1
                while k >= 0 and lines[k].lstrip().startswith("#:"):
                    notes.insert(0, lines[k].lstrip()[2:].strip())
                    k -= 1
            value = getattr(constants, name)
            out.append((name, repr(value), " ".join(notes)))
    return out


def tables() -> str:
    """The generated Markdown."""
    md = ["### State variables (per infant, every 0.25 s)", "",
          "| variable | range | meaning |", "|---|---|---|"]
    for name, (lo, hi, unit, meaning) in STATE_VARIABLES.items():
        unit_text = "" if unit == f"{lo:g}-{hi:g}" else f" {unit}"
        md.append(f"| `{name}` | {lo:g}-{hi:g}{unit_text} | {meaning} |")
    md += ["", "Observable behaviour (one per step): look, smile, bid, fuss, cry, reach, approach, cling, resist, "
           "avoid, self_soothe, explore, freeze, look_away, search; plus `contact` (held by or holding on to "
           "the partner) and `near` (within reach of the partner).", "",
           "### Parameters you can set (`--set key=value`)", "",
           "| key | default | range | meaning | source |", "|---|---|---|---|---|"]
    for p in INFANT_PARAMS + CAREGIVER_PARAMS + POPULATION_PARAMS:
        unit = "" if p.unit == f"{p.lo:g}-{p.hi:g}" else f" {p.unit}"
        md.append(f"| `{p.key}` | {p.default:g} | {p.lo:g}-{p.hi:g}{unit} | {p.meaning} | {p.source} |")
    md += ["| `episode.<id>.duration_s` | scenario | >0 s | planned length of an episode | scenario file |",
           "| `episode.<id>.curtail.crying_s`, `.curtail.max_pause_s` | 60, 5 | s | curtailment of a separation "
           "| Waters 2002 (SS1) |",
           "| `episode.<id>.extend.until_calm_s`, `.extend.max_extra_s` | 15, 180 | s | extension of a reunion "
           "| Waters 2002 (SS1) |",
           "", "### Infant presets (caregiving histories and the working model they produce)", "",
           "| preset | history | expectation | deactivation | hyperactivation | fear of caregiver |",
           "|---|---|---|---|---|---|"]
    for p in PRESETS.values():
        md.append(f"| `{p.id}` | {p.history} | {p.expectation:g} | {p.deactivation:g} | {p.hyperactivation:g} "
                  f"| {p.fear_of_caregiver:g} |")
    md += ["", "Within a preset, temperament (reactivity, soothability) varies around 0.5 (SD 0.15) and the "
           "working-model values vary a little (SD 0.06), so no two simulated infants are the same.", "",
           "### Constants of the dynamics (`simulator/model/constants.py`)", "",
           "| constant | value | what it stands for, and its source or calibration target |", "|---|---|---|"]
    for name, value, note in _constant_notes():
        md.append(f"| `{name}` | {value} | {note.replace('|', '/')} |")
    return "\n".join(md) + "\n"


def render(text: str) -> str:
    """``text`` (the whole of docs/model.md) with its generated part replaced."""
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return f"{head}{BEGIN}\n{tables()}{END}{tail}"


def main() -> int:
    from .io import atomic_write_text

    atomic_write_text(DOC, render(DOC.read_text(encoding="utf-8")))
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
