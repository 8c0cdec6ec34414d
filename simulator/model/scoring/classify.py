"""Classification A, B or C from the reunion scales, with a D overlay and its best-fitting A/B/C.

Ainsworth, Blehar, Waters & Wall (1978), ch. 4 and Appendix III; Waters (2002); Zeanah, Berlin & Boris
(2011) Table 2; Main & Solomon (1990) for D (science.md SS5, SS6). The classification rests on the
interactive scales of the reunion episodes (5 and 8: the caregiver returns after a separation), with
crying during the separations as support, and is computed from the behaviour log alone:

- **A (avoidant)**: conspicuous avoidance of the caregiver at reunion, more than resistance:
  mean avoidance over the reunions >= 4.5; or >= 4 with a 5 or more in one reunion when the infant
  shows little visible response to separation (cries <= 5% of the separation time).
- **C (resistant/ambivalent)**: contact- and interaction-resisting behaviour of at least moderate
  degree together with proximity or contact seeking: mean resistance over the reunions >= 4.5 with
  proximity seeking or contact maintaining >= 3; or >= 4 with a 5 or more in one reunion when the
  separations bring intense distress (crying >= 35% of the separation time); or >= 4 when the
  infant already resisted the caregiver strongly (5 or more) before the first separation.
- **B (secure)**: the rest: the infant seeks proximity, contact or interaction at reunion, with at
  most slight avoidance or resistance.
- **D (disorganised)**: Main & Solomon's index >= 5, given on top of the best-fitting A/B/C.

Each infant's reasons are written in words, e.g. "avoidance 6 in episode 5 and 7 in episode 8
(mean 6.5 >= 4.5), resistance 1 -> A".
"""

from __future__ import annotations

import numpy as np

from .disorganization import D_THRESHOLD, disorganization_components
from .structure import CAREGIVER

#: Mean reunion avoidance (resistance) at or above which A (C) is given outright.
MEAN_FOR_CLASS = 4.5
#: Lower mean, with a 5 or more in one reunion, at which the separation evidence decides.
MEAN_WITH_SUPPORT = 4.0
PEAK_WITH_SUPPORT = 5.0
#: Crying share of separation time at or below which the infant shows "little visible response to
#: separation" (A), and at or above which separation distress is intense (C) (SS5, SS6).
LOW_SEPARATION_CRYING = 0.05
HIGH_SEPARATION_CRYING = 0.35
#: C is also given at a lower mean reunion resistance when the infant already resisted the caregiver
#: strongly before any separation (Ainsworth et al. 1978, ch. 4: C infants may be angry and resistant
#: even in the preseparation episodes).
MEAN_WITH_PRESEPARATION = 4.0
PRESEPARATION_RESISTANCE = 5.0
#: Least proximity seeking or contact maintaining (the higher, averaged over reunions) that C needs.
SEEK_FOR_C = 3.0


def _fmt(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def classify(scales: dict[str, np.ndarray], feats: dict[str, np.ndarray], dis: np.ndarray,
             structure) -> tuple[list[str], list[str], list[list[str]]]:
    """Classify N infants.

    Args:
        scales: scale name -> float (N, E) (1-7, NaN where not applicable).
        feats: feature name -> float (N, E) (``crying_s``, ``duration_s``, ...).
        dis: the disorganisation index, float (N,).
        structure: the :class:`~.structure.EpisodeStructure`.

    Returns:
        ``(classification, best_fit, reasons)``: lists of N strings, N strings and N lists of strings.
        Without reunions (e.g. the Still-Face) classification and best fit are "".
    """
    n = dis.shape[0]
    reun = np.flatnonzero(structure.reunion)
    if reun.size == 0:
        why = ["no separation and reunion episodes: classification needs the Strange Situation"]
        return [""] * n, [""] * n, [list(why) for _ in range(n)]
    sep = np.flatnonzero(structure.separation)
    first_sep = sep[0] if sep.size else structure.E
    pre = np.flatnonzero((structure.partner == CAREGIVER) & (np.arange(structure.E) < first_sep))
    AV = scales["avoidance"][:, reun]
    RS = scales["resistance"][:, reun]
    seekm = np.fmax(scales["proximity_seeking"][:, reun], scales["contact_maintaining"][:, reun])
    with np.errstate(invalid="ignore"):
        av = np.nanmean(np.where(np.isnan(AV), 1.0, AV), axis=1)
        rs = np.nanmean(np.where(np.isnan(RS), 1.0, RS), axis=1)
        av_pk = np.nanmax(np.where(np.isnan(AV), 1.0, AV), axis=1)
        rs_pk = np.nanmax(np.where(np.isnan(RS), 1.0, RS), axis=1)
        pre_rs = (np.nanmax(np.where(np.isnan(scales["resistance"][:, pre]), 1.0, scales["resistance"][:, pre]),
                            axis=1) if pre.size else np.ones(n))
        seek = np.nanmean(np.where(np.isnan(seekm), 1.0, seekm), axis=1)
        if sep.size:
            cry = np.nansum(feats["crying_s"][:, sep], axis=1) / np.maximum(
                np.nansum(feats["duration_s"][:, sep], axis=1), 1e-9)
        else:
            cry = np.full(n, np.nan)
    a1 = (av >= MEAN_FOR_CLASS) & (av >= rs)
    c1 = ~a1 & (rs >= MEAN_FOR_CLASS) & (seek >= SEEK_FOR_C) & (rs > av)
    sep_support = (rs >= MEAN_WITH_SUPPORT) & (rs_pk >= PEAK_WITH_SUPPORT) & (cry >= HIGH_SEPARATION_CRYING)
    pre_support = (rs >= MEAN_WITH_PRESEPARATION) & (pre_rs >= PRESEPARATION_RESISTANCE)
    c2 = ~a1 & ~c1 & (rs > av) & (sep_support | pre_support)
    a2 = ~a1 & ~c1 & ~c2 & (av >= MEAN_WITH_SUPPORT) & (av_pk >= PEAK_WITH_SUPPORT) & (cry <= LOW_SEPARATION_CRYING)
    best = np.where(a1 | a2, "A", np.where(c1 | c2, "C", "B"))
    d = dis >= D_THRESHOLD
    cls = np.where(d, "D", best)
    comp = disorganization_components(feats, structure)

    ep = [f"{e + 1}" for e in reun]
    reasons: list[list[str]] = []
    for i in range(n):
        def per_ep(M):
            vals = [f"{int(M[i, j])} in episode {ep[j]}" for j in range(len(ep)) if not np.isnan(M[i, j])]
            return " and ".join(vals) if vals else "not scored"
        avs, rss = per_ep(AV), per_ep(RS)
        cry_txt = "n/a" if np.isnan(cry[i]) else f"{cry[i] * 100:.0f}% of the separations"
        ps = per_ep(scales["proximity_seeking"][:, reun])
        if a1[i]:
            r = f"avoidance {avs} (mean {_fmt(av[i])} >= {_fmt(MEAN_FOR_CLASS)}), resistance {_fmt(rs[i])} -> A"
        elif a2[i]:
            r = (f"avoidance {avs} (mean {_fmt(av[i])}, a {_fmt(av_pk[i])}), little crying when separated "
                 f"({cry_txt}) -> A")
        elif c1[i]:
            r = (f"resistance {rss} (mean {_fmt(rs[i])} >= {_fmt(MEAN_FOR_CLASS)}) with proximity or contact "
                 f"seeking {_fmt(seek[i])}, avoidance {_fmt(av[i])} -> C")
        elif c2[i]:
            why = (f"intense crying when separated ({cry_txt})" if sep_support[i] else
                   f"resistance {_fmt(pre_rs[i])} already before the first separation")
            r = f"resistance {rss} (mean {_fmt(rs[i])}), {why} -> C"
        else:
            r = (f"proximity seeking {ps}, avoidance {_fmt(av[i])} and resistance {_fmt(rs[i])} at most slight "
                 f"(mean < {_fmt(MEAN_FOR_CLASS)}), crying {cry_txt} -> B")
        out = [r]
        if d[i]:
            out.append(f"disorganisation {int(dis[i])} >= {D_THRESHOLD}: frozen {comp['freeze_s'][i]:.0f} s "
                       f"({comp['freeze_share'][i] * 100:.0f}% of the time with the caregiver), longest freeze "
                       f"{comp['longest_freeze_s'][i]:.0f} s, {int(comp['contradictory'][i])} approach-then-avoid "
                       f"or freeze sequences -> D (best fit {best[i]})")
        reasons.append(out)
    return cls.tolist(), best.tolist(), reasons
