"""Reports and compares as one call each, for the CLI and the GUI: files in, PNG (and CSV/JSON) out.

``report_from_file(path, out_png)`` replays a saved session with the per-step record on, checks it
against the file, and writes the report; ``compare_files(a, b, out_png)`` and ``compare_policies(...)``
("same infant, same seed, different caregiver policy") write the compare report. Every file is written
atomically; nothing is written except the output paths the caller names.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ..export import fmt, trajectory_csv
from ..model.io import atomic_write_text
from ..model.scenario import load_scenario
from ..model.session import Session
from ..sessions.replay import differences, replay
from ..sessions.store import SessionFileError, dumps, load_session, session_file_dict


def run_from_dict(d: dict, source: str = ""):
    """A :class:`~simulator.printout.report.Run` from loaded session data (replayed with record=True)."""
    from .report import Run, run_label
    from ..sessions.replay import ReplayError

    try:
        s = replay(d, record=True)
    except ReplayError as exc:
        raise SessionFileError(f"{source or 'session'}: {exc}") from None
    return Run(d, s, run_label(d), differences(d, s), source)


def run_from_file(path):
    """Load, replay and verify a session file. Raises :class:`SessionFileError` (one line)."""
    return run_from_dict(load_session(path), Path(path).name)


def run_from_scenario(scenario: str, caregiver: str = "sensitive", infant: str | None = None, seed: int = 0,
                      overrides: dict | None = None):
    """Run a scenario headless (the policy plays learner episodes) and wrap it as a Run."""
    from .report import Run, run_label

    sc = load_scenario(scenario)
    s = Session(sc, n=1, infant=infant, caregiver=caregiver, seed=seed, overrides=overrides or {}, record=True).run()
    d = json.loads(dumps(session_file_dict(s)))
    return Run(d, s, run_label(d), [], f"{sc.id} --caregiver {caregiver} --seed {seed}")


def run_from_session(session, prediction: dict | None = None, source: str = ""):
    """A Run from a live session (the debrief's report key). Replays it with the per-step record if the
    session was not recorded; a recorded session is used as it is."""
    from .report import Run, run_label

    d = json.loads(dumps(session_file_dict(session, prediction)))
    if not session.record or len(session.trajectory) != session.steps_taken:
        return run_from_dict(d, source)
    return Run(d, session, run_label(d), [], source)


def write_session_report(session, out_png, prediction: dict | None = None, csv_path=None, json_path=None,
                         dpi: int = 150) -> list[Path]:
    """The debrief's one key: the report PNG (and CSV/JSON) of the session being shown."""
    return write_report(run_from_session(session, prediction), out_png, csv_path, json_path, dpi)


def _file_json(run) -> str:
    d = json.loads(dumps(session_file_dict(run.session, run.data.get("prediction"))))
    if run.data.get("started_at"):
        d["started_at"] = run.data["started_at"]
    return dumps(d)


def _check_suffix(path, suffix: str, what: str):
    p = Path(path)
    if p.suffix.lower() != suffix:
        from ..model.io import OutputError
        raise OutputError(f"{path}: {what} must end in {suffix}")
    return p


def write_report(run, out_png, csv_path=None, json_path=None, dpi: int = 150) -> list[Path]:
    """Write the report PNG, and the per-step CSV / session JSON when paths are given. Returns the paths."""
    from .report import render_report, write_png

    out = [write_png(render_report(run, dpi), _check_suffix(out_png, ".png", "the report"))]
    if csv_path:
        out.append(atomic_write_text(_check_suffix(csv_path, ".csv", "the CSV"), trajectory_csv(run.session)))
    if json_path:
        out.append(atomic_write_text(_check_suffix(json_path, ".json", "the JSON"), _file_json(run)))
    return out


def report_from_file(path, out_png, csv_path=None, json_path=None, dpi: int = 150):
    """Replay ``path`` and write its report (GUI: the debrief's report key). Returns (run, written paths)."""
    run = run_from_file(path)
    return run, write_report(run, out_png, csv_path, json_path, dpi)


COMPARE_KEYS = ("episode", "episode_name", "planned_s", "duration_s", "curtailed", "positive_affect",
                "negative_affect", "gaze", "arousal", "crying", "exploration", "proximity", "bids",
                "matched_share", "ruptures", "repairs", "mean_repair_latency_s")


def compare_csv(a, b) -> str:
    """Tidy CSV: one row per run per episode, with the run (A/B), caregiver, infant and seed."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(("run", "scenario", "caregiver", "learner", "infant", "seed", *COMPARE_KEYS))
    for tag, run in (("A", a), ("B", b)):
        d = json.loads(_file_json(run))
        for ep in d["episodes"]:
            w.writerow([tag, d["scenario"], d["caregiver"], fmt(bool(d.get("learner"))), d["infant"], d["seed"],
                        *(fmt(ep.get(k)) for k in COMPARE_KEYS)])
    return buf.getvalue()


def write_compare(a, b, out_png, csv_path=None, json_path=None, dpi: int = 150,
                  audience: str | None = None) -> list[Path]:
    """Write the compare PNG (and a tidy CSV / a JSON holding both session files). ``audience`` (parents,
    class or research; None: as the runs are) sets who the page's words are for, as ``report --audience``."""
    from .report import render_compare, write_png

    if audience is not None:
        a.audience = b.audience = audience

    out = [write_png(render_compare(a, b, dpi), _check_suffix(out_png, ".png", "the report"))]
    if csv_path:
        out.append(atomic_write_text(_check_suffix(csv_path, ".csv", "the CSV"), compare_csv(a, b)))
    if json_path:
        both = {"format": "attune-compare", "version": 1, "a": json.loads(_file_json(a)),
                "b": json.loads(_file_json(b))}
        out.append(atomic_write_text(_check_suffix(json_path, ".json", "the JSON"), dumps(both)))
    return out


def compare_files(path_a, path_b, out_png, csv_path=None, json_path=None, dpi: int = 150,
                  audience: str | None = None):
    """Two saved sessions side by side. Returns ((run_a, run_b), written paths)."""
    a, b = run_from_file(path_a), run_from_file(path_b)
    return (a, b), write_compare(a, b, out_png, csv_path, json_path, dpi, audience)


def compare_policies(scenario: str, caregiver: str, vs: str, out_png, infant: str | None = None, seed: int = 0,
                     overrides: dict | None = None, csv_path=None, json_path=None, dpi: int = 150,
                     audience: str | None = None):
    """Same infant, same seed, different caregiver policy: run both and write the compare report."""
    a = run_from_scenario(scenario, caregiver, infant, seed, overrides)
    b = run_from_scenario(scenario, vs, infant, seed, overrides)
    return (a, b), write_compare(a, b, out_png, csv_path, json_path, dpi, audience)
