"""The ``develop`` subcommand: develop N infants under a caregiving profile and write one CSV row per infant.

``python main.py develop --profile P --months M --n N --seed S --out FILE.csv [--no-ssp]`` writes, per
infant: ``infant``, ``seed``, ``profile``, ``months``, the profile parameters drawn, temperament, the
developed working-model parameters, history summaries, and (``--ssp``, the default) the Strange
Situation ``classification``/``best_fit``/``disorganization`` scored from the behaviour the developed
infant produced. Errors are one line ``error: WHERE: WHAT``, exit 2.
"""

from __future__ import annotations

import sys

import numpy as np

from ..export import csv_text
from ..model.batch import run_batch
from ..model.io import atomic_write_text
from ..model.population import POPULATIONS
from ..model.population.lab import develop_history
from ..model.population.profiles import PROFILE_PARAMETERS, resolve_profile
from ..model.scenario import load_scenario
from .common import EXIT_OK, Progress, UsageError, check_out

#: Output columns, in order.
DEVELOP_COLUMNS = (
    "infant", "seed", "profile", "months",
    "sensitivity", "response_lag_s", "bout_s", "consistency", "comfort_welcome", "phone_hours",
    "frightening_per_day", "depressive_symptoms",
    "reactivity", "soothability",
    "expectation", "deactivation", "hyperactivation", "fear_of_caregiver", "flat_familiarity",
    "met_share", "rebuff_share", "distress_met", "threat_share", "matched_share",
    "classification", "best_fit", "disorganization", "stress_load",
)


def develop_rows(profile: str, months: float, n: int, seed: int, ssp: bool = True, progress=None,
                 population: str | None = None) -> list[list]:
    """Develop N infants (a named profile, or a population's draws) and return the CSV rows.

    With ``ssp`` the infants then go through the Strange Situation (12 months, or ``months`` if that is
    9-20) and are scored; otherwise the classification cells are empty.
    """
    label = population if population is not None else profile
    dev = develop_history(label, n, months, seed)  # the Population lab develops its infants the same way
    cls = best = dis = load = [None] * n
    if ssp:
        sc = load_scenario("strange_situation")
        age = months if 9.0 <= months <= 20.0 else sc.infant.age_months
        params = dev.params.subset(np.arange(n))
        params.age_months = np.full(n, float(age))
        res = run_batch(sc, n, seed=seed, params=params, preset_label=label, score=True,
                        progress=progress)
        load = list(res.final["stress_load"])
        if res.scores is not None:
            cls, best, dis = res.scores.classification, res.scores.best_fit, list(res.scores.disorganization)
    rows = []
    p, prof = dev.params, dev.profile
    for i in range(n):
        rows.append([i, seed, label, months,
                     *(float(getattr(prof, name)[i]) for name in PROFILE_PARAMETERS),
                     float(p.reactivity[i]), float(p.soothability[i]),
                     float(p.expectation[i]), float(p.deactivation[i]), float(p.hyperactivation[i]),
                     float(p.fear_of_caregiver[i]), float(p.flat_familiarity[i]),
                     float(dev.met_share[i]), float(dev.rebuff_share[i]), float(dev.distress_met[i]),
                     float(dev.threat_share[i]), float(dev.matched_share[i]),
                     cls[i], best[i], None if dis[i] is None else int(dis[i]),
                     None if load[i] is None else float(load[i])])
    return rows


def cmd_develop(args) -> int:
    """Run ``develop`` (see the module docstring)."""
    population = None
    try:
        name = args.profile.strip().lower()
        if name in POPULATIONS:
            population, profile = name, name
        else:
            profile = resolve_profile(args.profile)
    except KeyError as exc:
        raise UsageError(f"--profile: {exc.args[0]} (or a population: {', '.join(POPULATIONS)})") from None
    if not (0.0 <= args.months <= 36.0):
        raise UsageError(f"--months {args.months:g}: must be between 0 and 36")
    if args.n < 1:
        raise UsageError(f"--n {args.n}: must be at least 1")
    out = check_out(args.out, (".csv",))
    progress = Progress(f"develop {profile} x{args.n}") if args.ssp else None
    rows = develop_rows(profile, float(args.months), int(args.n), int(args.seed), ssp=args.ssp,
                        progress=progress, population=population)
    atomic_write_text(out, csv_text(DEVELOP_COLUMNS, rows))
    print(f"wrote {out} ({args.n} infants, {args.months:g} months of {profile})", file=sys.stderr)
    return EXIT_OK


def register(sub, common) -> None:
    """Add the ``develop`` subcommand to the CLI's subparsers."""
    from ..model.limits import count_arg, finite_arg, seed_arg

    d = sub.add_parser("develop", help="develop N infants under a caregiving profile; one CSV row per infant")
    d.add_argument("--profile", required=True,
                   help="caregiving profile (sensitive_repair, good_enough, slow_repair, rebuffing, "
                        "unpredictable, frightening, phone_heavy) or a population id")
    d.add_argument("--months", type=finite_arg, default=12.0, help="months of history (default 12)")
    d.add_argument("--n", type=count_arg, default=100, help="number of infants (default 100)")
    d.add_argument("--seed", type=seed_arg, default=0, help="random seed (default 0)")
    d.add_argument("--out", required=True, help="output .csv")
    d.add_argument("--ssp", dest="ssp", action="store_true", default=True,
                   help="then run and score the Strange Situation (default)")
    d.add_argument("--no-ssp", dest="ssp", action="store_false", help="development only")
    d.set_defaults(func=cmd_develop)
