"""The ``validation`` subcommand: run the science checks on seeded populations and write docs/validation.md."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from ..model.io import atomic_write_text
from ..model.scoring.validation import N, SEED, build_report
from ..model.workers import MAX_WORKERS
from .common import check_out

DEFAULT_OUT = Path(__file__).resolve().parents[2] / "docs" / "validation.md"


def cmd_validation(args) -> int:
    """Build the report and write it atomically; print a one-line summary per check on stderr."""
    out = check_out(args.out or str(DEFAULT_OUT), (".md",))
    t0 = time.perf_counter()
    verbose = sys.stderr.isatty()

    def progress(label: str) -> None:
        if verbose:
            print(f"  running {label} ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)

    text, rows = build_report(seed=args.seed, n=args.n, progress=progress, workers=args.workers)
    atomic_write_text(out, text)
    for r in rows:
        print(f"{'pass' if r.passed else 'FAIL' if r.passed is False else 'n/a '}  {r.id}: {r.simulated[:100]}",
              file=sys.stderr)
    print(f"wrote {out} ({sum(r.passed is True for r in rows)}/{len(rows)} pass, "
          f"{time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    return 0


def register(sub, common) -> None:
    """Add ``validation [--out FILE.md] [--seed N] [--n N]``."""
    from ..model.limits import count_arg, seed_arg

    p = sub.add_parser("validation", help="run the science checks and write docs/validation.md")
    p.add_argument("--out", default=None, help="report path (default docs/validation.md)")
    p.add_argument("--seed", type=seed_arg, default=SEED, help=f"seed of every population (default {SEED})")
    p.add_argument("--n", type=count_arg, default=N, help=f"infants per population (default {N})")
    p.add_argument("--workers", type=lambda t: count_arg(t, MAX_WORKERS), default=None,
                   help="processes for the populations (default: up to 2, the cores available)")
    p.set_defaults(func=cmd_validation)
