"""Scoring a behaviour log: per-episode scales and features for N infants, then the session's scores.

:func:`score_log` is the whole pipeline on a :class:`~simulator.model.session.BehaviourLog` and an
:class:`~.structure.EpisodeStructure`, so hand-built logs can be scored in tests; :func:`score_session`
calls it with a finished session's log and its scenario's structure. Neither reads the preset, the
parameters or the latent state (science.md SS6).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import features as F
from . import stillface as SF
from .classify import classify
from .disorganization import disorganization_index
from .scales import SCALES, score_episode
from .structure import EpisodeStructure


@dataclass
class Scores:
    """Everything scored from one session's behaviour log (N infants, E episodes).

    Attributes:
        scales: scale name (``export.SCALES``) -> float (N, E): integers 1-7, NaN where not applicable.
        disorganization: float (N,): Main & Solomon's index, integers 1-9.
        classification: N strings: A, B, C or D ("" where the procedure has no reunions).
        best_fit: N strings: A, B or C (equal to ``classification`` unless D).
        reasons: per infant, the reasons in words.
        features: feature name -> float (N, E) (seconds, counts, shares; NaN where not applicable).
        summary: per-session summaries, name -> float (N,) (e.g. matched share over the session).
        still_face: for procedures without separations (the Still-Face family), the coded per-episode
            means (``means``: name -> float (N, E), shares of time; ``bids`` per minute) and
            within-episode slopes (``slopes``: name -> float (N, E), change per minute), from
            :mod:`.stillface`; empty otherwise.
    """

    scales: dict[str, np.ndarray]
    disorganization: np.ndarray
    classification: list[str]
    best_fit: list[str]
    reasons: list[list[str]]
    features: dict[str, np.ndarray] = field(default_factory=dict)
    summary: dict[str, np.ndarray] = field(default_factory=dict)
    still_face: dict[str, dict[str, np.ndarray]] = field(default_factory=dict)


def scale_log(log, structure: EpisodeStructure) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Scales and features of every episode: two dicts of float (N, E) arrays (NaN = not applicable)."""
    codes = np.asarray(log.codes, dtype=np.uint8)
    N = codes.shape[1]
    E = structure.E
    scales = {name: np.full((N, E), np.nan) for name in SCALES}
    feats: dict[str, np.ndarray] = {}
    lengths = np.asarray(log.episode_end) - np.asarray(log.episode_start)
    aligner = F.Aligner(codes, int(lengths.max()) if lengths.size else 0)
    for e in range(E):
        block, length = aligner.block(log.episode_start[:, e], log.episode_end[:, e])
        sc, ft = score_episode(block, length, int(structure.partner[e]), bool(structure.separation[e]),
                               bool(structure.entered[e]), float(log.dt))
        ran = length > 0
        for name, v in sc.items():
            scales[name][:, e] = np.where(ran, v, np.nan)
        for name, v in ft.items():
            if name not in feats:
                feats[name] = np.full((N, E), np.nan)
            feats[name][:, e] = np.where(ran, v, np.nan)
    return scales, feats


def score_log(log, structure: EpisodeStructure) -> Scores:
    """Score a behaviour log (``codes`` (T, N), ``episode_start``/``episode_end`` (N, E), ``dt``)."""
    scales, feats = scale_log(log, structure)
    dis = disorganization_index(feats, structure)
    cls, best, reasons = classify(scales, feats, dis, structure)
    sf: dict[str, dict[str, np.ndarray]] = {}
    if not structure.separation.any():
        sf["means"] = SF.coded_means(log)
        per_ep = [SF.slopes(log, e) for e in range(structure.E)]
        sf["slopes"] = {k: np.stack([p[k] for p in per_ep], axis=1) for k in per_ep[0]} if per_ep else {}
    return Scores(scales, dis, cls, best, reasons, feats, still_face=sf)


def score_session(session) -> Scores:
    """Score a (finished) :class:`~simulator.model.session.Session` from its behaviour log only.

    Adds per-session summaries of matching and repair from the session's episode accumulators
    (science.md section 2): ``matched_share`` over the time the caregiver was present, ``ruptures``,
    ``repairs`` and ``mean_repair_latency_s`` over the whole session.
    """
    structure = EpisodeStructure.from_scenario(session.scenario)
    scores = score_log(session.log, structure)
    scores.summary = session_summary(session)
    return scores


def session_summary(session) -> dict[str, np.ndarray]:
    """Matching and repair over the whole session, each float (N,) (NaN where never applicable)."""
    m = session.episode_measures()
    dur = m["duration_s"]
    with np.errstate(invalid="ignore", divide="ignore"):
        present = ~np.isnan(m["matched_share"])
        w = np.where(present, dur, 0.0)
        matched = np.nansum(np.where(present, m["matched_share"] * dur, 0.0), axis=1) / w.sum(axis=1)
        ruptures = np.nansum(m["ruptures"], axis=1)
        repairs = np.nansum(m["repairs"], axis=1)
        lat = np.nansum(np.where(np.isnan(m["mean_repair_latency_s"]), 0.0,
                                 m["mean_repair_latency_s"] * np.nan_to_num(m["repairs"])), axis=1)
        mean_lat = np.where(repairs > 0, lat / np.maximum(repairs, 1), np.nan)
    any_present = present.any(axis=1)
    return {"matched_share": np.where(any_present, matched, np.nan),
            "ruptures": np.where(any_present, ruptures, np.nan),
            "repairs": np.where(any_present, repairs, np.nan),
            "mean_repair_latency_s": mean_lat}
