"""The session subcommands: replay, report, compare and sessions.

Errors are one line ``error: WHERE: WHAT`` on stderr with exit code 2 (raised as ``UsageError`` or
``OutputError`` for ``simulator.cli.main`` to print); a corrupt, truncated or unknown-version session
file is reported and never modified. No output path may be the input session file.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..export import trajectory_csv
from ..model.io import atomic_write_text
from ..model.limits import printable, seed_arg
from ..sessions.replay import ReplayError, differences, replay
from ..sessions.store import (SessionFileError, dumps, list_sessions, load_session, session_file_dict,
                              sessions_dir, summary_text)
from .common import (EXIT_OK, UsageError, add_audience, audience_arg, caregiver_policy, check_out, infant_preset,
                     set_pairs)

EXIT_REPLAY_DIFFERS = 1


def add_data_dir(parser) -> None:
    """The shared ``--data-dir`` option (default: $ATTUNE_DATA_DIR, else the platform's data folder)."""
    parser.add_argument("--data-dir", metavar="DIR",
                        help="data folder holding sessions/ (default: $ATTUNE_DATA_DIR or the platform's "
                             "per-user data folder)")


def _add_outputs(parser, out_help: str, csv_help: str, json_help: str) -> None:
    """The output options that ``report`` and ``compare`` share: --out, --csv, --json, --data, --dpi."""
    parser.add_argument("--out", required=True, help=out_help)
    parser.add_argument("--csv", help=f"also write {csv_help} here")
    parser.add_argument("--json", help=f"also write {json_help} here")
    parser.add_argument("--data", action="store_true", help="also write FILE.csv and FILE.json next to the PNG")
    parser.add_argument("--dpi", type=int, default=150, choices=(150, 300), help="A4 resolution (default 150)")
    add_data_dir(parser)


def register(sub, common) -> None:
    """Add replay, report, compare and sessions to the ``main.py`` subparsers."""
    r = sub.add_parser("replay", help="replay a saved session exactly and check it (GUI when a display exists)")
    r.add_argument("file", help="a session file (.json), or its name in the sessions folder")
    r.add_argument("--out", help="write the replayed session: FILE.json (session file) or FILE.csv (per step)")
    r.add_argument("--headless", action="store_true", help="never open the GUI; print the summary and verify")
    r.add_argument("--gui", action="store_true", help="open the GUI replay (pause, seek to episode, speed)")
    add_data_dir(r)
    r.set_defaults(func=cmd_replay)

    p = sub.add_parser("report", help="a printable A4 PNG report of a saved session (and its data as CSV/JSON)")
    p.add_argument("file", help="a session file (.json), or its name in the sessions folder")
    _add_outputs(p, "the report, FILE.png", "the per-step trajectory CSV", "the session file (JSON)")
    add_audience(p)
    p.set_defaults(func=cmd_report)

    c = sub.add_parser("compare", help="two sessions side by side as one report: A.json B.json, or SCENARIO "
                                      "--caregiver X --vs Y (same infant, same seed)")
    c.add_argument("inputs", nargs="+", metavar="A", help="two session files, or one scenario with --vs")
    c.add_argument("--vs", metavar="POLICY", help="the second caregiver policy (with a SCENARIO)")
    c.add_argument("--caregiver", default="sensitive", help="the first caregiver policy (default sensitive)")
    c.add_argument("--infant", help="infant preset (default: the scenario's)")
    c.add_argument("--seed", type=seed_arg, default=0, help="random seed, the same for both runs (default 0)")
    c.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="a parameter, for both runs")
    _add_outputs(c, "the compare report, FILE.png", "a tidy CSV (one row per run per episode)",
                 "both session files in one JSON")
    add_audience(c)
    c.set_defaults(func=cmd_compare)

    s = sub.add_parser("sessions", help="list the saved sessions in the data folder")
    add_data_dir(s)
    s.set_defaults(func=cmd_sessions)


# --- helpers --------------------------------------------------------------------------------------------
def resolve_input(name: str, data_dir: str | None) -> Path:
    """A session file path: as given if it exists, else the same name inside the sessions folder."""
    p = Path(name)
    if p.exists():
        return p
    alt = sessions_dir(data_dir) / p.name
    if not p.parent.parts and alt.exists():
        return alt
    return p


def _load(path: Path) -> dict:
    try:
        return load_session(path)
    except SessionFileError as exc:
        raise UsageError(str(exc)) from None


def _data_paths(args, out: Path, inputs: list[Path]) -> tuple[Path | None, Path | None]:
    csv_path = check_out(args.csv, (".csv",), "--csv", inputs)
    json_path = check_out(args.json, (".json",), "--json", inputs)
    if args.data:
        csv_path = csv_path or check_out(str(out.with_suffix(".csv")), (".csv",), "--data", inputs)
        json_path = json_path or check_out(str(out.with_suffix(".json")), (".json",), "--data", inputs)
    return csv_path, json_path


def _display_available() -> bool:
    if os.environ.get("SDL_VIDEODRIVER", "").lower() in ("dummy", "offscreen"):
        return False
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def _mmss(t: float) -> str:
    return f"{int(t // 60)}:{int(t % 60):02d}"


def print_summary(path: Path, d: dict, out=None) -> None:
    """The human-readable summary of a session file (to ``out``, default the current ``sys.stdout``)."""
    out = out if out is not None else sys.stdout
    who = "learner" if d.get("learner") else f"{d['caregiver']} policy"
    print(f"session  {printable(path)}", file=out)
    print(f"scenario {d['scenario']}   infant {d['infant']}   caregiver {who}"
          f"{' (style ' + d['caregiver'] + ')' if d.get('learner') else ''}   seed {d['seed']}", file=out)
    state = "finished" if d.get("finished") else "unfinished (saved part)"
    print(f"length   {_mmss(float(d.get('t_s', 0)))} min, {state}; {len(d.get('actions', []))} learner actions"
          + (f"; played {printable(d['started_at'])}" if d.get("started_at") else ""), file=out)
    print(f"{'episode':<20}{'length s':>9}{'positive':>9}{'negative':>9}{'gaze':>7}{'arousal':>8}{'matched':>8}"
          f"{'repairs':>8}", file=out)

    def f(v, pct=False):
        if v is None:
            return "-"
        return f"{100 * v:.0f}%" if pct else f"{v:.2f}"
    for ep in d.get("episodes", []):
        print(f"{printable(str(ep.get('episode', '')) + ' ' + str(ep.get('episode_name'))):<20}"
              f"{f(ep.get('duration_s')) if ep.get('duration_s') is not None else '-':>9}"
              f"{f(ep.get('positive_affect')):>9}{f(ep.get('negative_affect')):>9}{f(ep.get('gaze')):>7}"
              f"{f(ep.get('arousal')):>8}{f(ep.get('matched_share'), True):>8}"
              f"{'-' if ep.get('repairs') is None else int(ep['repairs']):>8}", file=out)
    text = summary_text(d)
    if text:
        print(f"result   {printable(text)}", file=out)


def open_replay_gui(path, app=None, run: bool = True, speed: float = 1.0):
    """Open the app on the replay of ``path`` (Home below it). Returns the exit code, or the App if not ``run``.

    Raises:
        SessionFileError: the file cannot be read (one line; the file is not touched).
    """
    from ..view.app import App  # the app (pygame) loads only when it opens

    d = load_session(path)
    if app is None:
        app = App()
    app.open("home")
    app.open("replay", d, path, speed=speed)
    if not run:
        return app
    return app.run()


# --- commands -------------------------------------------------------------------------------------------
def cmd_replay(args) -> int:
    path = resolve_input(args.file, args.data_dir)
    d = _load(path)
    out = check_out(args.out, (".json", ".csv"), "--out", [path])
    if (args.gui or (not args.headless and _display_available())) and out is None:
        try:
            return open_replay_gui(path)
        except (ReplayError, SessionFileError) as exc:
            raise UsageError(f"{path}: {str(exc).splitlines()[0]}") from None
    try:
        s = replay(d, record=bool(out and out.suffix.lower() == ".csv"))
    except ReplayError as exc:
        raise UsageError(f"{path}: {exc}") from None
    print_summary(path, d)
    diffs = differences(d, s)
    if out is not None:
        if out.suffix.lower() == ".csv":
            atomic_write_text(out, trajectory_csv(s))
        else:
            new = session_file_dict(s, d.get("prediction"))
            if d.get("started_at"):
                new["started_at"] = d["started_at"]
            atomic_write_text(out, dumps(new))
        print(f"wrote {out}", file=sys.stderr)
    if diffs:
        print(printable(f"error: {path}: the replay differs from the saved file: {'; '.join(diffs[:3])} (was the "
                        f"scenario file or the model changed since it was saved?)"), file=sys.stderr)
        return EXIT_REPLAY_DIFFERS
    print(f"replay   identical to the saved file ({s.steps_taken} steps; measures and events byte-identical)")
    return EXIT_OK


def cmd_report(args) -> int:
    from ..printout.documents import run_from_dict, write_report  # pygame, only for the commands that draw

    audience = audience_arg(args)
    path = resolve_input(args.file, args.data_dir)
    out = check_out(args.out, (".png",), "--out", [path])
    csv_path, json_path = _data_paths(args, out, [path])
    d = _load(path)
    try:
        run = run_from_dict(d, path.name)
    except SessionFileError as exc:
        raise UsageError(str(exc)) from None
    run.audience = audience
    written = write_report(run, out, csv_path, json_path, args.dpi)
    if run.differences:
        print(printable(f"warning: {path}: the replay differs from the saved file ({'; '.join(run.differences[:2])}); "
                        f"the report says so"), file=sys.stderr)
    print("wrote " + ", ".join(str(p) for p in written), file=sys.stderr)
    return EXIT_OK


def cmd_compare(args) -> int:
    from ..printout.documents import compare_policies, run_from_dict, write_compare  # pygame, as above

    audience = audience_arg(args)
    if len(args.inputs) > 2:
        raise UsageError(f"compare: give two session files, or one scenario with --vs (got {len(args.inputs)})")
    if len(args.inputs) == 2:
        if args.vs:
            raise UsageError("compare: --vs compares policies on one SCENARIO; with two files, leave it out")
        paths = [resolve_input(a, args.data_dir) for a in args.inputs]
        out = check_out(args.out, (".png",), "--out", paths)
        csv_path, json_path = _data_paths(args, out, paths)
        datas = [_load(p) for p in paths]  # validate both before replaying either
        runs = []
        for p, d in zip(paths, datas):
            try:
                runs.append(run_from_dict(d, p.name))
            except SessionFileError as exc:
                raise UsageError(str(exc)) from None
        written = write_compare(runs[0], runs[1], out, csv_path, json_path, args.dpi, audience)
    else:
        name = args.inputs[0]
        if not args.vs:
            if name.lower().endswith(".json"):
                raise UsageError(f"compare {name}: give a second session file, or a SCENARIO with --vs POLICY")
            raise UsageError(f"compare {name}: --vs POLICY is required with a scenario (e.g. --caregiver "
                             f"sensitive --vs phone)")
        out = check_out(args.out, (".png",), "--out", [])
        csv_path, json_path = _data_paths(args, out, [])
        try:
            vs = caregiver_policy(args.vs)
        except UsageError as exc:
            raise UsageError(str(exc).replace("--caregiver", "--vs", 1)) from None
        _, written = compare_policies(name, caregiver_policy(args.caregiver), vs, out,
                                      infant=infant_preset(args.infant), seed=args.seed, overrides=set_pairs(args.set),
                                      csv_path=csv_path, json_path=json_path, dpi=args.dpi, audience=audience)
    print("wrote " + ", ".join(str(p) for p in written), file=sys.stderr)
    return EXIT_OK


def cmd_sessions(args) -> int:
    folder = sessions_dir(args.data_dir)
    rows = list_sessions(folder)
    print(f"{len(rows)} saved session(s) in {printable(folder)}")
    for r in rows:  # everything from a file is printed with control characters escaped
        if r.ok:
            state = "" if r.finished else f" (unfinished, {_mmss(r.t_s)})"
            print(printable(f"  {r.date:<17} {r.scenario:<20} {r.infant:<13} {r.summary}{state}  [{r.name}]"))
        else:
            print(printable(f"  {r.date:<17} UNREADABLE: {r.message}  [{r.name}]"))
    return EXIT_OK
