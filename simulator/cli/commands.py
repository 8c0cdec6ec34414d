"""The command line's entry: the parser with every subcommand, and list, validate, run and batch.

The other subcommands live beside this module (play, sessions, develop, validation), each adding its
own parsers through ``register(sub, common)``. Errors go to stderr as ``error: WHERE: WHAT``, exit code
2 for bad input, never a traceback (the command-line contract in docs/implementation-notes.md).
"""

from __future__ import annotations

import argparse
import functools
import math
import os
import signal
import sys

from ..content.lessons import build_debrief, debrief_markdown
from ..export import csv_renderer, score, trajectory_csv, write_batch_csv, write_session_json
from ..model.batch import iter_batch
from ..model.io import OutputError, atomic_write_text
from ..model.limits import MAX_N, MAX_SEED, clip, count_arg, printable, seed_arg
from ..model.params import ALL_PARAMS, PRESETS
from ..model.policies import POLICY_HELP
from ..model.population import POPULATIONS, PROFILES, population_blocks
from ..model.scenario import ScenarioError, available, load_scenario
from ..model.session import Session, SetError
from . import develop, lecture, play, sessions, validation
from .common import (EXIT_BAD_INPUT, EXIT_OK, Parser, Progress, UsageError, add_audience, audience_arg,
                     caregiver_policy, check_out, infant_preset, set_pairs)

# --- commands ---------------------------------------------------------------------------------------------
def cmd_list(args) -> int:
    print("Scenarios (scenarios/*.toml):")
    for name in available():
        try:
            sc = load_scenario(name)
            print(printable(f"  {name:<24} {sc.title} ({sc.infant.age_months:g} months, {sc.planned_s / 60:g} "
                            f"min): {sc.question}"))  # text from files: control characters escaped
        except ScenarioError as exc:
            print(printable(f"  {name:<24} INVALID: {str(exc).splitlines()[0]}"))
    print("\nInfant presets (caregiving histories):")
    for p in PRESETS.values():
        print(f"  {p.id:<24} {p.history}")
    print("\nPopulations (for batch --infant):")
    for pid, pop in POPULATIONS.items():
        print(f"  {pid:<24} {pop.description}")
    print("\nCaregiving profiles (for develop):")
    for pid, prof in PROFILES.items():
        print(f"  {pid:<24} {prof.description}")
    print("\nCaregiver policies (--caregiver):")
    for pid, text in POLICY_HELP.items():
        print(f"  {pid:<24} {text}")
    print("\nParameters (--set key=value):")
    for p in ALL_PARAMS.values():
        print(f"  {p.key:<30} default {p.default:<6g} range {p.lo:g}..{p.hi:g} {p.unit}: {p.meaning}")
    print("  episode.<id>.duration_s        planned episode length (s); also episode.<id>.curtail.crying_s,")
    print("                                 .curtail.max_pause_s, .extend.until_calm_s, .extend.max_extra_s")
    return EXIT_OK


def cmd_validate(args) -> int:
    bad = 0
    for f in args.files:
        try:
            load_scenario(f)
            print(f"ok: {printable(f)}")
        except ScenarioError as exc:
            bad += 1
            for line in str(exc).splitlines():
                print(f"error: {line}", file=sys.stderr)
    return EXIT_BAD_INPUT if bad else EXIT_OK


def _session(args, n: int, record: bool) -> Session:
    scenario = load_scenario(args.scenario)
    overrides = set_pairs(args.set)
    return Session(scenario, n=n, infant=infant_preset(args.infant), caregiver=caregiver_policy(args.caregiver),
                   seed=args.seed, overrides=overrides, record=record)


def cmd_run(args) -> int:
    out = check_out(args.out, (".csv", ".json", ".md"))
    audience = audience_arg(args)
    session = _session(args, 1, record=True).run()
    if out.suffix.lower() == ".csv":
        atomic_write_text(out, trajectory_csv(session))
    elif out.suffix.lower() == ".md":
        atomic_write_text(out, debrief_markdown(build_debrief(session, score(session), audience)))
    else:
        write_session_json(out, session, score(session))
    print(f"wrote {out} ({session.steps_taken} steps, {session.t:g} s)", file=sys.stderr)
    return EXIT_OK


def cmd_batch(args) -> int:
    out = check_out(args.out, (".csv",))
    overrides = set_pairs(args.set)
    scenario = load_scenario(args.scenario)
    progress = Progress(f"{scenario.id} x{args.n}")
    rows = write_batch_csv(out, _batch_blocks(args, scenario, overrides, progress, csv_renderer(overrides)),
                           overrides)
    print(f"wrote {out} ({args.n} infants x {rows // args.n} episodes)", file=sys.stderr)
    return EXIT_OK


def _batch_blocks(args, scenario, overrides: dict[str, float], progress, render=None):
    """The batch's results block by block, in order: a population (developed infants) or a preset, on
    every core (``render`` runs in each block's worker). Arguments are checked here, before anything runs
    or any file is opened."""
    name = args.infant
    caregiver = caregiver_policy(args.caregiver)
    if name is not None and name.lower() in POPULATIONS:
        return population_blocks(scenario, name.lower(), args.n, caregiver, args.seed, overrides, progress=progress,
                                 render=render)
    return iter_batch(scenario, args.n, infant=infant_preset(name), caregiver=caregiver, seed=args.seed,
                      overrides=overrides, progress=progress, render=render)


@functools.cache
def build_parser() -> argparse.ArgumentParser:
    """The ``main.py`` parser, built once per process (parsing leaves it as it was; a build took about 5 ms,
    most of it argparse looking up translations of its own messages, for each in-process call of :func:`main`)."""
    p = Parser(prog="main.py", description="Attune: a teaching simulator of the Still-Face and the "
                "Strange Situation. With no command, opens the app.")
    sub = p.add_subparsers(dest="command", parser_class=Parser)

    def common(sp, n=False):
        sp.add_argument("scenario", help="a name from scenarios/ or a path to a .toml file")
        sp.add_argument("--infant", help="infant preset" + (" or population" if n else ""))
        sp.add_argument("--caregiver", default="sensitive", help="policy for learner episodes (default sensitive)")
        sp.add_argument("--seed", type=seed_arg, default=0, help=f"random seed, 0..{MAX_SEED} (default 0)")
        sp.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="set a documented parameter or episode field; repeatable")

    sub.add_parser("list", help="scenarios, infants, policies, profiles and parameters").set_defaults(
        func=cmd_list)
    v = sub.add_parser("validate", help="check scenario files; exit 2 if any is invalid")
    v.add_argument("files", nargs="+")
    v.set_defaults(func=cmd_validate)
    r = sub.add_parser("run", help="run one infant; write the trajectory (.csv), the session file (.json) or "
                       "the debrief as Markdown (.md)")
    common(r)
    r.add_argument("--out", required=True)
    add_audience(r)
    r.set_defaults(func=cmd_run)
    b = sub.add_parser("batch", help="run N infants; write tidy CSV, one row per infant per episode")
    common(b, n=True)
    b.add_argument("--n", type=count_arg, required=True, help=f"number of infants, 1..{MAX_N:,}")
    b.add_argument("--out", required=True)
    b.set_defaults(func=cmd_batch)
    for module in (play, lecture, validation, develop, sessions):
        module.register(sub, common)
    return p


#: Exit code for an unexpected internal error (a bug: reported with a log file, never a traceback).
EXIT_INTERNAL = 3


def _data_dir_arg(argv: list[str]) -> str | None:
    """The ``--data-dir`` value in ``argv`` (read before parsing, for the error log), or None."""
    for k, a in enumerate(argv):
        if a == "--data-dir" and k + 1 < len(argv):
            return argv[k + 1]
        if a.startswith("--data-dir="):
            return a.partition("=")[2]
    return None


def log_unexpected(exc: BaseException, argv: list[str]) -> str:
    """Append the traceback of ``exc`` to ``logs/errors.log`` in the data folder; the one line to print."""
    import datetime
    import traceback

    from ..model.limits import MAX_LOG_BYTES
    what = f"{type(exc).__name__}: {clip(str(exc).splitlines()[0] if str(exc) else '', 200)}"
    try:
        from ..sessions.store import data_dir
        folder = data_dir(_data_dir_arg(argv)) / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        log = folder / "errors.log"
        if log.exists() and log.stat().st_size > MAX_LOG_BYTES:
            log.replace(folder / "errors.old.log")  # keep the log bounded: one old generation
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"--- {datetime.datetime.now().isoformat(timespec='seconds')} main.py "
                     f"{clip(' '.join(argv), 500)}\n")
            fh.write("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
        where = f"details in {log}"
    except Exception as log_exc:  # noqa: BLE001 - the guard itself must never raise
        where = f"no log written: {clip(log_exc, 100)}"
    return f"unexpected {what} ({where}; please include it in a bug report)"


def main(argv: list[str] | None = None) -> int:
    """Entry point for ``python main.py ...``; returns the exit code.

    The one top-level guard: bad input gives ``error: WHERE: WHAT`` and exit 2; an operating-system
    error (disk full, permission, name too long) one line and exit 2; anything unexpected one line, the
    traceback in ``logs/errors.log`` of the data folder, and exit 3. Never a traceback on the terminal.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    previous = _stop_on_sigterm()
    data_dir_before, chosen_data_dir = os.environ.get("ATTUNE_DATA_DIR"), False
    try:
        parser = build_parser()
        if not argv or argv[0].startswith("--") and argv[0] not in ("-h", "--help"):
            from ..view.app import launch_gui
            return launch_gui(argv)
        args = parser.parse_args(argv)
        if getattr(args, "data_dir", None):  # one data folder for everything this run writes
            chosen_data_dir = True
            os.environ["ATTUNE_DATA_DIR"] = args.data_dir
        if not getattr(args, "func", None):
            parser.print_help()
            return EXIT_OK
        return args.func(args)
    except (UsageError, ScenarioError, SetError, OutputError) as exc:
        _print_error(str(exc))
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except Terminated:
        print("error: stopped (SIGTERM); nothing was written", file=sys.stderr)
        return 128 + 15
    except BrokenPipeError:  # output piped into `head` and closed early: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:  # the disk or the system refused: name the file and say why
        where = exc.filename if exc.filename is not None else "(system)"
        _print_error(f"{where}: {exc.strerror or exc}")
        return EXIT_BAD_INPUT
    except Exception as exc:  # noqa: BLE001 - the top-level guard (issue 13)
        _print_error(log_unexpected(exc, argv))
        return EXIT_INTERNAL
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        if chosen_data_dir:  # main() called in-process (tests): leave the environment as it was
            if data_dir_before is None:
                os.environ.pop("ATTUNE_DATA_DIR", None)
            else:
                os.environ["ATTUNE_DATA_DIR"] = data_dir_before


class Terminated(BaseException):
    """SIGTERM arrived: unwind (outputs are written atomically, so nothing is half-written) and exit."""


def _stop_on_sigterm():
    """On SIGTERM, stop the worker processes at once and unwind the main one; returns the old handler.

    Without this, a batch's workers went on for their whole block (90 s) after the parent was told to
    stop. A forked worker that inherited the handler simply exits.
    """
    import multiprocessing

    main_pid = os.getpid()

    def handler(signum, frame):
        if os.getpid() != main_pid:
            os._exit(128 + signum)
        for child in multiprocessing.active_children():
            child.terminate()
        raise Terminated()

    try:
        return signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread (an embedding app): leave signals alone
        return None


def _print_error(text: str) -> None:
    """Print ``error: LINE`` for each line of ``text``: control characters escaped, long lines cut."""
    for line in text.splitlines() or [""]:
        print(f"error: {clip(line, 1000)}", file=sys.stderr)
