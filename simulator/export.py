"""Turning sessions into files: the per-step trajectory CSV, the tidy batch CSV and the session JSON.

Column names and order are the contract of ``shared/design.md``. Floats use one fixed format so the
same seed gives byte-identical files. Every file is written atomically.
"""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import numpy as np

from .model.infant import STATE_VARIABLES
from .model.io import atomic_write_text
from .model.session import Session

FLOAT_FORMAT = "%.6g"
SESSION_FORMAT = "attune-session"
SESSION_VERSION = 1

#: The tidy batch columns, in order (contract). One column per ``--set`` key follows.
BATCH_COLUMNS = (
    "infant", "seed", "preset", "caregiver", "episode", "episode_name", "planned_s", "duration_s", "curtailed",
    "positive_affect", "negative_affect", "gaze", "arousal", "crying", "exploration", "proximity", "bids",
    "matched_share", "ruptures", "repairs", "mean_repair_latency_s",
    "proximity_seeking", "contact_maintaining", "resistance", "avoidance", "search", "distance_interaction",
    "disorganization", "classification", "best_fit",
)
_MEASURES = ("positive_affect", "negative_affect", "gaze", "arousal", "crying", "exploration", "proximity",
             "bids", "matched_share", "mean_repair_latency_s")
SCALES = ("proximity_seeking", "contact_maintaining", "resistance", "avoidance", "search",
          "distance_interaction")
#: The per-step trajectory columns of ``run --out FILE.csv`` (contract: t, episode, episode_name,
#: caregiver_action, every state variable, behaviour and matched).
TRAJECTORY_COLUMNS = ("t", "episode", "episode_name", "caregiver_action", "stranger_action",
                      *STATE_VARIABLES, "behaviour", "contact", "near", "matched")


def fmt(value) -> str:
    """One cell: empty for None/NaN, integers as integers, floats with :data:`FLOAT_FORMAT`."""
    if value is None:
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "1" if value else "0"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        if math.isnan(value):
            return ""
        return FLOAT_FORMAT % float(value)
    return str(value)


def _csv_text(header, rows) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for row in rows:
        w.writerow([fmt(v) for v in row])
    return buf.getvalue()


def trajectory_csv(session: Session) -> str:
    """The per-step trajectory of infant 0 (needs a session made with ``record=True``)."""
    return _csv_text(TRAJECTORY_COLUMNS, session.trajectory)


def score(session: Session):
    """The scoring results for a finished session, or None where the scoring package is absent."""
    try:
        from .model.scoring import score_session
    except ImportError:  # pragma: no cover - scoring ships with the model
        return None
    return score_session(session)


def batch_rows(session: Session, scores=None, extra: dict[str, float] | None = None,
               infant_offset: int = 0):
    """Yield the tidy rows (one per infant per episode) of a finished batch session."""
    m = session.episode_measures()
    extra = extra or {}
    for i in range(session.n):
        cls = best = dis = ""
        if scores is not None:
            cls, best, dis = scores.classification[i], scores.best_fit[i], int(scores.disorganization[i])
        for e, eid in enumerate(session.episode_ids):
            row = [i + infant_offset, session.seed, session.preset_label, session.caregiver_id, e + 1, eid,
                   m["planned_s"][i, e], m["duration_s"][i, e], bool(m["curtailed"][i, e])]
            row += [float(m[name][i, e]) for name in _MEASURES[:8]]
            present = not np.isnan(m["matched_share"][i, e])
            row += [float(m["matched_share"][i, e]),
                    int(m["ruptures"][i, e]) if present else None,
                    int(m["repairs"][i, e]) if present else None,
                    float(m["mean_repair_latency_s"][i, e])]
            if scores is not None:
                row += [_scale(scores.scales[name][i, e]) for name in SCALES]
            else:
                row += [None] * len(SCALES)
            row += [dis, cls, best]
            row += [extra[k] for k in extra]
            yield row


def _scale(v) -> int | None:
    return None if v is None or (isinstance(v, float) and math.isnan(v)) or v <= 0 else int(v)


def batch_csv(session: Session, scores=None, extra: dict[str, float] | None = None) -> str:
    """The tidy batch CSV text."""
    extra = extra or {}
    return _csv_text(BATCH_COLUMNS + tuple(extra), batch_rows(session, scores, extra))


def session_dict(session: Session, scores=None, prediction: dict | None = None) -> dict:
    """The session file (the format the GUI saves and ``replay``/``report`` read), as plain data."""
    m = session.episode_measures()
    episodes = []
    for e, eid in enumerate(session.episode_ids):
        ep = {"episode": e + 1, "episode_name": eid}
        for key in ("planned_s", "duration_s", *_MEASURES, "ruptures", "repairs"):
            v = float(m[key][0, e])
            ep[key] = None if math.isnan(v) else round(v, 6)
        ep["curtailed"] = bool(m["curtailed"][0, e])
        if scores is not None:
            for name in SCALES:
                ep[name] = _scale(scores.scales[name][0, e])
        episodes.append(ep)
    params = {f"infant.{k}": round(float(getattr(session.params, k)[0]), 6)
              for k in ("age_months", "reactivity", "soothability", "expectation", "deactivation",
                        "hyperactivation", "fear_of_caregiver")}
    out = {
        "format": SESSION_FORMAT,
        "version": SESSION_VERSION,
        "scenario": session.scenario.id,
        "seed": session.seed,
        "infant": session.preset,
        "caregiver": session.caregiver_id,
        "overrides": dict(session.overrides),
        "parameters": params,
        "actions": list(session.learner_actions),
        "finished": session.finished,
        "t_s": round(session.t, 3),
        "events": [ev.to_dict() for ev in session.events],
        "episodes": episodes,
    }
    if scores is not None:
        out["classification"] = {
            "classification": scores.classification[0],
            "best_fit": scores.best_fit[0],
            "disorganization": int(scores.disorganization[0]),
            "reasons": list(scores.reasons[0]),
        }
    if prediction is not None:
        out["prediction"] = prediction
    return out


def write_session_json(path: str | Path, session: Session, scores=None, prediction: dict | None = None) -> Path:
    """Write the session file atomically."""
    text = json.dumps(session_dict(session, scores, prediction), indent=1, sort_keys=False) + "\n"
    return atomic_write_text(path, text)
