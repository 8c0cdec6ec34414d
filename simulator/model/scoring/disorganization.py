"""Main & Solomon's (1990) disorganisation index, 1-9, from markers coded in the caregiver's presence.

Main, M., & Solomon, J. (1990). Procedures for identifying infants as disorganized/disoriented during
the Ainsworth Strange Situation. In Greenberg, Cicchetti & Cummings (Eds.), *Attachment in the
Preschool Years* (pp. 121-160). Chicago: University of Chicago Press.

Main & Solomon rate the strength of disorganised/disoriented behaviour on a 9-point scale and assign D
at 5 or above. Of their seven groups of indices, the behaviour log carries two: (V) freezing, stilling
and slowed movements, and (I) sequential display of contradictory behaviour (strong attachment
behaviour suddenly followed by avoidance, freezing or dazed behaviour). The index weighs how much of
the time with the caregiver the infant spends frozen, the longest single freeze (Main & Solomon treat
stilling for 20 s or more as a strong index) and the number of contradictory sequences. Approach
followed by turning away is also part of the A2 pattern (Ainsworth et al. 1978), so contradictory
sequences alone raise the index only to 4 unless they are very frequent and accompanied by freezing.
"""

from __future__ import annotations

import numpy as np

from .structure import CAREGIVER

#: Share of the time with the caregiver spent frozen, for index points 9, 8, 7, 6, 5, 4, 3.
FREEZE_SHARES = (0.15, 0.12, 0.09, 0.07, 0.06, 0.03, 0.01)
#: A single freeze this long is a strong index on its own (Main & Solomon 1990: stilling >= 20 s).
LONG_FREEZE_S = 20.0
#: Contradictory sequences (attachment behaviour then, within 3 s, turning away or freezing) for 4
#: and for 3 points, and, with some freezing (FREEZE_SHARES[5]), for 6 points.
CONTRA_FOR_4, CONTRA_FOR_3, CONTRA_WITH_FREEZE_FOR_6 = 8, 3, 12
#: The index at and above which an infant is classified D (Main & Solomon 1990).
D_THRESHOLD = 5


def disorganization_components(feats: dict[str, np.ndarray], structure) -> dict[str, np.ndarray]:
    """The markers summed over the episodes with the caregiver, each float (N,).

    ``freeze_s`` (s), ``freeze_share`` (of the caregiver's time), ``longest_freeze_s`` (s),
    ``contradictory`` (count).
    """
    cg = np.flatnonzero(structure.partner == CAREGIVER)
    n = feats["duration_s"].shape[0]
    if cg.size == 0 or "freeze_s" not in feats:
        z = np.zeros(n)
        return {"freeze_s": z, "freeze_share": z, "longest_freeze_s": z, "contradictory": z}
    dur = np.nansum(feats["duration_s"][:, cg], axis=1)
    frz = np.nansum(feats["freeze_s"][:, cg], axis=1)
    return {
        "freeze_s": frz,
        "freeze_share": frz / np.maximum(dur, 1e-9),
        "longest_freeze_s": np.nan_to_num(feats["longest_freeze_s"][:, cg], nan=0.0).max(axis=1),
        "contradictory": np.nansum(feats["contradictory"][:, cg], axis=1),
    }


def disorganization_index(feats: dict[str, np.ndarray], structure) -> np.ndarray:
    """Main & Solomon's 9-point index per infant, float (N,) of integers 1-9 (D at >= 5).

    Args:
        feats: per-episode features, name -> float (N, E) (see :func:`scales.score_episode`).
        structure: the :class:`~.structure.EpisodeStructure`.
    """
    c = disorganization_components(feats, structure)
    f, lf, k = c["freeze_share"], c["longest_freeze_s"], c["contradictory"]
    fs = FREEZE_SHARES
    rules = (
        (2, (f > 0) | (k >= 1)),  # an isolated odd moment
        (3, (f >= fs[6]) | (k >= CONTRA_FOR_3)),  # some brief stilling or mixed sequences
        (4, (f >= fs[5]) | (k >= CONTRA_FOR_4)),  # noticeable, but not disorganised
        (5, (f >= fs[4]) | (lf >= LONG_FREEZE_S)),  # D: repeated freezing, or one long freeze
        (6, (f >= fs[3]) | ((f >= fs[5]) & (k >= CONTRA_WITH_FREEZE_FOR_6))),
        (7, f >= fs[2]),
        (8, (f >= fs[1]) | ((f >= fs[2]) & (lf >= LONG_FREEZE_S))),
        (9, (f >= fs[0]) & (lf >= LONG_FREEZE_S)),  # frozen much of the time, with long freezes
    )
    out = np.ones(f.shape[0])
    for score, ok in rules:
        out = np.where(ok & (out < score), float(score), out)
    return out
