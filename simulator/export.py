"""Turning sessions into files: the per-step trajectory CSV, the tidy batch CSV and the session JSON.

Column names and order are the contract of ``docs/contract.md``. Floats use one fixed format so the
same seed gives byte-identical files. Every file is written atomically.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import math
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from .model.batch import release_memory
from .model.io import atomic_write_text, atomic_writer
from .model.scoring import score_session
from .model.session import TRAJECTORY_COLUMNS, Session

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


def csv_text(header, rows) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for row in rows:
        w.writerow([fmt(v) for v in row])
    return buf.getvalue()


def trajectory_csv(session: Session) -> str:
    """The per-step trajectory of infant 0 (needs a session made with ``record=True``)."""
    return csv_text(TRAJECTORY_COLUMNS, session.trajectory)


def score(session: Session):
    """The scoring results for a finished session (:func:`simulator.model.scoring.score_session`)."""
    return score_session(session)


def batch_columns(session: Session, scores=None, extra: dict[str, float] | None = None,
                  infants: range | None = None) -> list[list[str]]:
    """The tidy batch table of a finished batch session as formatted cells, column by column.

    One list per column of :data:`BATCH_COLUMNS` (then one per ``extra`` key), each with one cell per
    infant per episode (infant-major), formatted as :func:`fmt` would. Column-wise formatting keeps a
    10,000-infant table (2.4 million cells) to about a second. Infants are numbered from
    ``session.first`` (a block of a streamed batch; 0 otherwise). ``infants`` limits the table to a
    range of the session's infants (default all).
    """
    lo, hi = (infants.start, infants.stop) if infants is not None else (0, session.n)
    m = {k: v[lo:hi] for k, v in session.episode_measures().items()}
    extra = extra or {}
    n, n_ep = hi - lo, len(session.episode_ids)
    first = getattr(session, "first", 0) + lo
    rows = n * n_ep

    def per_infant(cells: list[str]) -> list[str]:
        return [c for c in cells for _ in range(n_ep)]

    def const(value) -> list[str]:
        return [_text(fmt(value))] * rows

    cols = [
        per_infant([str(i) for i in range(first, first + n)]), const(session.seed), const(session.preset_label),
        const(session.caregiver_id), [str(e + 1) for e in range(n_ep)] * n,
        [_text(eid) for eid in session.episode_ids] * n,
        _floats(m["planned_s"]), _floats(m["duration_s"]),
        ["1" if c else "0" for c in m["curtailed"].ravel().tolist()],
    ]
    cols += [_floats(m[name]) for name in _MEASURES[:8]]
    cols += [_floats(m["matched_share"]), _whole(m["ruptures"]), _whole(m["repairs"]),
             _floats(m["mean_repair_latency_s"])]
    if scores is not None:
        scales = {name: scores.scales[name][lo:hi] for name in SCALES}
        cols += [_whole(np.where(scales[name] > 0, scales[name], np.nan)) for name in SCALES]
        cols += [per_infant([str(int(d)) for d in scores.disorganization[lo:hi]]),
                 per_infant([_text(c) for c in scores.classification[lo:hi]]),
                 per_infant([_text(c) for c in scores.best_fit[lo:hi]])]
    else:
        cols += [[""] * rows for _ in range(len(SCALES) + 3)]
    cols += [const(extra[k]) for k in extra]
    return cols


def _floats(a: np.ndarray) -> list[str]:
    """Cells of a float array, flattened in C order, with :data:`FLOAT_FORMAT` (NaN: empty)."""
    f = FLOAT_FORMAT
    return ["" if v != v else f % v for v in np.asarray(a, dtype=np.float64).ravel().tolist()]


def _whole(a: np.ndarray) -> list[str]:
    """Cells of a whole-number float array, flattened in C order (NaN: empty)."""
    return ["" if v != v else str(int(v)) for v in np.asarray(a, dtype=np.float64).ravel().tolist()]


def _scale(v) -> int | None:
    return None if v is None or (isinstance(v, float) and math.isnan(v)) or v <= 0 else int(v)


def _text(cell: str) -> str:
    """A cell quoted as the csv module quotes (only when it holds a comma, quote or line break)."""
    if any(ch in cell for ch in ',"\r\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def batch_csv_header(extra: dict[str, float] | None = None) -> str:
    """The tidy batch CSV's header line (with its line break)."""
    return ",".join(_text(c) for c in BATCH_COLUMNS + tuple(extra or {})) + "\n"


#: Infants formatted at a time: a block's cells as Python strings would take about 100 MB at once.
ROWS_CHUNK = 1000


def batch_csv_chunks(session: Session, scores=None, extra: dict[str, float] | None = None) -> Iterator[str]:
    """The tidy batch CSV's rows for one finished batch session or block, :data:`ROWS_CHUNK` infants
    at a time, each row ending in a line break."""
    for lo in range(0, session.n, ROWS_CHUNK):
        cols = batch_columns(session, scores, extra, range(lo, min(lo + ROWS_CHUNK, session.n)))
        yield "".join(",".join(cells) + "\n" for cells in zip(*cols))


def batch_csv(session: Session, scores=None, extra: dict[str, float] | None = None) -> str:
    """The tidy batch CSV text."""
    return batch_csv_header(extra) + "".join(batch_csv_chunks(session, scores, extra))


def block_csv_bytes(block, extra: dict[str, float] | None = None) -> bytes:
    """One batch block's rows of the tidy CSV, UTF-8 (what ``iter_batch(render=...)`` runs in a worker)."""
    return "".join(batch_csv_chunks(block, getattr(block, "scores", None), extra)).encode("utf-8")


def csv_renderer(extra: dict[str, float] | None = None):
    """A picklable ``render`` for ``model.batch.iter_batch``: each block's CSV rows, made in its worker."""
    return functools.partial(block_csv_bytes, extra=dict(extra or {}))


def write_batch_csv(path: str | Path, blocks, extra: dict[str, float] | None = None) -> int:
    """Write the tidy batch CSV of ``blocks`` (batch results in order, e.g. ``model.batch.iter_batch``)
    atomically, one block at a time, so that memory stays flat however many infants there are.

    Each block's scores are read from its ``scores`` attribute; a block already rendered by
    :func:`csv_renderer` in its worker is written as it came. Returns the number of rows written.
    """
    rows = 0
    with atomic_writer(path) as fh:
        fh.write(batch_csv_header(extra).encode("utf-8"))
        for block in blocks:
            if isinstance(getattr(block, "rendered", None), bytes):
                fh.write(block.rendered)
            else:
                for text in batch_csv_chunks(block, getattr(block, "scores", None), extra):
                    fh.write(text.encode("utf-8"))
            rows += block.n * len(block.episode_ids)
            del block
            release_memory()  # keep the freed cell strings and arrays from piling up in the process
    return rows


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
        **({"scenario_file": session.scenario._source} if session.scenario._source else {}),
        "seed": session.seed,
        "infant": session.preset,
        "caregiver": session.caregiver_id,
        "overrides": dict(session.overrides),
        "parameters": params,
        "actions": list(session.learner_actions),
        "finished": session.finished,
        "t_s": round(session.t, 3),
        "events": [ev.to_dict() for ev in session.events],
        "prompts": list(session.prompts),  # the scenario's prompts as they came up (their own list)
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
