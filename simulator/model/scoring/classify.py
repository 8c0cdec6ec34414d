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
- **B (secure)**: the rest. There is no positive test for B: it is what remains when A, C and D do
  not apply.
- **D (disorganised)**: Main & Solomon's index >= 5, given on top of the best-fitting A/B/C.

Each infant's reasons are written in words, e.g. "avoidance 6 in episode 5 and 7 in episode 8
(mean 6.5 >= 4.5), resistance 1 -> A". Because B has no positive test, its reason names only what in
this infant's reunions does fit B (proximity seeking or contact maintaining of 3 or more, interaction at a
distance of 4 or more, distress that settled, a return to play, avoidance and resistance under the A and
C thresholds), never a low score. When the separations brought intense distress and yet the infant
sought little contact in the last reunion, a second reason says it is a borderline case (B by these
rules, with features coders would weigh toward A2; Ainsworth et al. 1978, ch. 4: B1/B2 infants greet
at a distance but show little separation distress).
"""

from __future__ import annotations

from functools import lru_cache

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

# --- What the B reason may cite (it describes; the rules above decide) -------------------------------
#: A reunion's proximity seeking or contact maintaining at or above this counts as seeking the caregiver
#: (Appendix III: 3 is some clear approach or some contact; 1-2 is none or a weak, token bid).
SEEK_CITED = 3
#: Distance interaction at or above this counts as an active greeting at a distance (Appendix III: 4 is
#: fairly frequent looking, smiling, vocalising or showing toys; B1/B2 greet this way).
DISTANCE_CITED = 4
#: Share of a reunion spent with the toys that counts as a return to play (SS5: B infants resume play).
PLAY_CITED = 0.10
#: Mean reunion avoidance and resistance both at or below this count as little of either (Appendix III: 3
#: is brief or mild; B1 infants may show some avoidance); between this and the A/C thresholds they are
#: reported as a fact, not as support for B.
LITTLE_CITED = 3.0
#: Proximity seeking and contact maintaining both at or below this in the last reunion, after intense
#: separation distress (crying >= HIGH_SEPARATION_CRYING), make a B a borderline case (B/A2).
SEEK_LOW = 2

# The reason texts (the model imports nothing above it, so the scorer keeps its own words; the content
# layer turns "->" and ">=" into words for the lessons).
WHY_PS = "proximity seeking {per_ep}"
WHY_CM = "contact maintaining {per_ep}"
WHY_DI = "distance interaction {per_ep}"
WHY_SETTLED = "distress settled by the end of episode {e}"
WHY_PLAY = "back to play in episode {e}"
WHY_LITTLE_AV_RS = "little avoidance or resistance (means {av} and {rs})"
WHY_AV_RS_UNDER = ", while avoidance {av} and resistance {rs} (means) stay under the {m} that A or C needs"
WHY_REST = "no reunion scale reaches the rules for A or C"
WHY_B = "{support}{caveat}, crying {cry} -> B"
#: How the borderline note begins (:func:`is_borderline` reads it, so the content can choose its words).
BORDERLINE_PREFIX = "borderline case:"
WHY_BORDERLINE = (BORDERLINE_PREFIX + " B by the coding rules here, but after intense distress when separated "
                  "(crying {cry}) the infant sought little contact in episode {e} (proximity seeking {ps}, "
                  "contact maintaining {cm}), which coders would weigh toward A2; real coders would look at "
                  "the video closely")


@lru_cache(maxsize=4096)
def _fmt(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


@lru_cache(maxsize=4096)
def _cry(pct: int) -> str:
    return "n/a" if pct < 0 else f"{pct}% of the separations"


@lru_cache(maxsize=4096)
def _per_ep(vals: tuple, eps: tuple, least: int = 1) -> str:
    parts = [f"{v} in episode {e}" for v, e in zip(vals, eps) if v >= least]
    return " and ".join(parts) if parts else ("not scored" if least <= 1 else "")


def _texts(M: np.ndarray, eps: tuple, least: int = 1) -> list[str]:
    """"6 in episode 5 and 7 in episode 8" for each row of a (N, R) scale array (NaN = not scored); with
    ``least`` > 1 only the episodes scored at least that ("" when none is)."""
    keys = np.nan_to_num(M, nan=0.0).astype(int).tolist()
    return [_per_ep(tuple(k), eps, least) for k in keys]


def _b_support(i: int, ps_hi, cm_hi, di_hi, settled, played, av: float, rs: float, e_last: int) -> str:
    """What in infant ``i``'s reunions fits B, in words (only what fits; never a low score)."""
    parts = [WHY_PS.format(per_ep=ps_hi[i])] if ps_hi[i] else []
    if cm_hi[i]:
        parts.append(WHY_CM.format(per_ep=cm_hi[i]))
    if di_hi[i]:
        parts.append(WHY_DI.format(per_ep=di_hi[i]))
    if settled[i]:
        parts.append(WHY_SETTLED.format(e=e_last))
    if played[i]:
        parts.append(WHY_PLAY.format(e=e_last))
    if max(av, rs) <= LITTLE_CITED:
        parts.append(WHY_LITTLE_AV_RS.format(av=_fmt(av), rs=_fmt(rs)))
    return ", ".join(parts) if parts else WHY_REST


def is_borderline(reasons: list[str]) -> bool:
    """True when one infant's reasons carry the borderline B/A2 note."""
    return any(r.startswith(BORDERLINE_PREFIX) for r in reasons)


def _b_caveat(av: float, rs: float) -> str:
    """Avoidance or resistance above "little" yet under the A/C thresholds: said as a fact, not as support."""
    if max(av, rs) <= LITTLE_CITED or max(av, rs) >= MEAN_FOR_CLASS:
        return ""
    return WHY_AV_RS_UNDER.format(av=_fmt(av), rs=_fmt(rs), m=_fmt(MEAN_FOR_CLASS))


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

    # Reasons in words. Texts are built from small integer codes through cached formatters, so even
    # 10,000 infants take a few list comprehensions rather than per-infant arithmetic.
    eps = tuple(int(e) + 1 for e in reun)
    # What the B reason may cite: seeking (3+), distance interaction (4+), distress settled and play again
    # in the last reunion, and the borderline B/A2 case (intense separation distress, little seeking after).
    last = reun[-1]
    ps_hi = _texts(scales["proximity_seeking"][:, reun], eps, SEEK_CITED)
    cm_hi = _texts(scales["contact_maintaining"][:, reun], eps, SEEK_CITED)
    di_hi = _texts(scales["distance_interaction"][:, reun], eps, DISTANCE_CITED)
    with np.errstate(invalid="ignore"):
        settled = ((np.nan_to_num(feats["distress_s"][:, last]) > 0)
                   & (np.nan_to_num(feats["late_distress_s"][:, last], nan=1.0) == 0)).tolist()
        ps_last = np.nan_to_num(scales["proximity_seeking"][:, last], nan=1.0)
        cm_last = np.nan_to_num(scales["contact_maintaining"][:, last], nan=1.0)
        seek_last = (ps_last >= SEEK_CITED) | (cm_last >= SEEK_CITED)
        play = np.nan_to_num(feats["explore_s"][:, last]) / np.maximum(np.nan_to_num(feats["duration_s"][:, last]),
                                                                        1e-9) if "explore_s" in feats else np.zeros(n)
        played = ((play >= PLAY_CITED) & (seek_last | np.asarray(settled))).tolist()
        borderline = ((best == "B") & (cry >= HIGH_SEPARATION_CRYING) & (ps_last <= SEEK_LOW)
                      & (cm_last <= SEEK_LOW))
    e_last = int(last) + 1
    av_t = _texts(AV, eps)
    rs_t = _texts(RS, eps)
    cry_pct = np.where(np.isnan(cry), -1, np.round(np.nan_to_num(cry) * 100)).astype(int).tolist()
    cols = [x.tolist() for x in (av, rs, av_pk, rs_pk, seek, pre_rs)]
    kind = np.select([a1, a2, c1, c2], [1, 2, 3, 4], 0).tolist()
    m = _fmt(MEAN_FOR_CLASS)
    reasons: list[list[str]] = []
    for i, k in enumerate(kind):
        a_, r_, apk, rpk, sk, pre_ = (c[i] for c in cols)
        if k == 1:
            r = f"avoidance {av_t[i]} (mean {_fmt(a_)} >= {m}), resistance {_fmt(r_)} -> A"
        elif k == 2:
            r = (f"avoidance {av_t[i]} (mean {_fmt(a_)}, a {_fmt(apk)}), little crying when separated "
                 f"({_cry(cry_pct[i])}) -> A")
        elif k == 3:
            r = (f"resistance {rs_t[i]} (mean {_fmt(r_)} >= {m}) with proximity or contact seeking {_fmt(sk)}, "
                 f"avoidance {_fmt(a_)} -> C")
        elif k == 4:
            why = (f"intense crying when separated ({_cry(cry_pct[i])})" if sep_support[i] else
                   f"resistance {_fmt(pre_)} already before the first separation")
            r = f"resistance {rs_t[i]} (mean {_fmt(r_)}), {why} -> C"
        else:
            r = WHY_B.format(support=_b_support(i, ps_hi, cm_hi, di_hi, settled, played, a_, r_, e_last),
                             caveat=_b_caveat(a_, r_), cry=_cry(cry_pct[i]))
        reasons.append([r])
    for i in np.flatnonzero(borderline):
        reasons[i].append(WHY_BORDERLINE.format(cry=_cry(cry_pct[i]), e=e_last, ps=int(ps_last[i]),
                                                cm=int(cm_last[i])))
    for i in np.flatnonzero(d):
        reasons[i].append(
            f"disorganisation {int(dis[i])} >= {D_THRESHOLD}: frozen {comp['freeze_s'][i]:.0f} s "
            f"({comp['freeze_share'][i] * 100:.0f}% of the time with the caregiver), longest freeze "
            f"{comp['longest_freeze_s'][i]:.0f} s, {int(comp['contradictory'][i])} approach-then-avoid "
            f"or freeze sequences -> D (best fit {best[i]})")
    return cls.tolist(), best.tolist(), reasons
