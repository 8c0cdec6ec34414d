"""Still-Face measures: coded per-episode means, within-episode slopes, and population effect sizes.

Coding follows the monadic-phase tradition of the Still-Face (Tronick et al. 1978; Weinberg & Tronick
1994), reduced to what the behaviour log carries: *positive affect* = smiling, *negative affect* =
fussing or crying, *gaze* = looking at, smiling at or bidding to the caregiver, *bids* = onsets of
social bids and reaches per minute, *withdrawal* = turning away, self-comforting or looking away.
Within-episode slopes (SF4; Ekas, Haltigan & Messinger 2013) come from the share of each code in
10-second bins. Population contrasts are paired Cohen's d (SF1, SF2; Mesman, van IJzendoorn &
Bakermans-Kranenburg 2009).
"""

from __future__ import annotations

import numpy as np

from . import features as F

B = F.B
#: The coded measures: name -> 16-entry behaviour table.
CODES = {
    "positive": F.table(B.SMILE),
    "negative": F.DISTRESS,
    "gaze": F.GAZE,
    "withdrawal": F.WITHDRAWAL,
    "bid_share": F.BIDS,
}
#: Bin length (s) for within-episode trajectories and slopes.
BIN_S = 10.0


def coded_means(log) -> dict[str, np.ndarray]:
    """Per-episode shares of each coded measure, float (N, E) in 0-1, and ``bids`` per minute.

    ``log`` needs ``codes`` (T, N), ``episode_start``/``episode_end`` (N, E) and ``dt``.
    """
    codes = np.asarray(log.codes)
    N, E = log.episode_start.shape
    out = {name: np.full((N, E), np.nan) for name in (*CODES, "bids")}
    for e in range(E):
        block, length = F.episode_block(codes, log.episode_start[:, e], log.episode_end[:, e])
        beh = block & F.BEHAVIOUR_MASK
        R = F.runs(beh)
        R = R.select(R.value != F.PAD)
        steps = np.bincount(R.row * 16 + R.value, weights=R.length, minlength=N * 16).reshape(N, 16)
        bouts = np.bincount(R.row * 16 + R.value, minlength=N * 16).reshape(N, 16)
        ran = length > 0
        den = np.maximum(length, 1)
        for name, tab in CODES.items():
            out[name][:, e] = np.where(ran, steps[:, tab].sum(axis=1) / den, np.nan)
        out["bids"][:, e] = np.where(ran, bouts[:, F.BIDS].sum(axis=1) / (den * log.dt / 60.0), np.nan)
    return out


def binned(log, e: int, bin_s: float = BIN_S) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Shares of each coded measure in consecutive bins of episode ``e``.

    Returns:
        ``(shares, full)``: name -> float (K, N) share of the bin (NaN where the bin is not complete),
        plus ``bids`` (onsets per minute); and bool (K, N), True where the bin lies inside the episode.
    """
    block, length = F.episode_block(np.asarray(log.codes), log.episode_start[:, e], log.episode_end[:, e])
    N, L = block.shape
    w = int(round(bin_s / log.dt))
    K = L // w
    beh = (block & F.BEHAVIOUR_MASK)[:, :K * w].reshape(N, K, w)
    full = (np.arange(1, K + 1)[:, None] * w) <= length[None, :]
    out = {}
    for name, tab in CODES.items():
        share = tab[beh].mean(axis=2).T
        out[name] = np.where(full, share, np.nan)
    b = F.BIDS[block & F.BEHAVIOUR_MASK]
    on = b & ~np.concatenate([np.zeros((N, 1), dtype=bool), b[:, :-1]], axis=1)
    rate = on[:, :K * w].reshape(N, K, w).sum(axis=2).T / (bin_s / 60.0)
    out["bids"] = np.where(full, rate, np.nan)
    return out, full


def slopes(log, e: int, bin_s: float = BIN_S) -> dict[str, np.ndarray]:
    """Least-squares slope of each binned measure over episode ``e``, per minute, float (N,).

    Shares change per minute (e.g. -0.2 = the share of gaze falls by 20 points a minute); ``bids`` in
    bids per minute, per minute. NaN where fewer than 3 complete bins.
    """
    shares, full = binned(log, e, bin_s)
    K = full.shape[0]
    x = ((np.arange(K) + 0.5) * bin_s / 60.0)[:, None] * np.ones_like(full, dtype=float)
    nb = full.sum(axis=0)
    xm = np.where(full, x, 0.0).sum(axis=0) / np.maximum(nb, 1)
    dx = np.where(full, x - xm, 0.0)
    sxx = (dx ** 2).sum(axis=0)
    out = {}
    for name, y in shares.items():
        yv = np.where(full, y, 0.0)
        ym = yv.sum(axis=0) / np.maximum(nb, 1)
        sxy = (dx * np.where(full, y - ym, 0.0)).sum(axis=0)
        out[name] = np.where(nb >= 3, sxy / np.where(sxx > 0, sxx, 1.0), np.nan)
    return out


def paired_d(before: np.ndarray, after: np.ndarray) -> dict[str, float]:
    """Paired effect size of ``after`` vs ``before`` (float (N,) each; NaN pairs dropped).

    Returns ``d_av`` = mean difference / mean of the two SDs (Cumming 2012; comparable across designs)
    and ``d_z`` = mean difference / SD of the differences, plus ``mean_before``, ``mean_after``, ``n``.
    Positive when ``after`` is higher.
    """
    ok = ~(np.isnan(before) | np.isnan(after))
    a, b = np.asarray(before)[ok], np.asarray(after)[ok]
    n = int(ok.sum())
    if n < 2:
        return {"d_av": np.nan, "d_z": np.nan, "mean_before": np.nan, "mean_after": np.nan, "n": n}
    diff = b - a
    sd_av = 0.5 * (a.std(ddof=1) + b.std(ddof=1))
    sd_z = diff.std(ddof=1)
    return {"d_av": float(diff.mean() / sd_av) if sd_av > 0 else np.nan,
            "d_z": float(diff.mean() / sd_z) if sd_z > 0 else np.nan,
            "mean_before": float(a.mean()), "mean_after": float(b.mean()), "n": n}


#: The three contrasts of SF1/SF2 as (from, to) episode positions in a three-episode Still-Face.
CONTRASTS = {"play->still_face": (0, 1), "still_face->reunion": (1, 2), "play->reunion": (0, 2)}


def still_face_effects(means: dict[str, np.ndarray], names=("positive", "negative", "gaze"),
                       episodes: tuple[int, int, int] = (0, 1, 2)) -> dict[str, dict[str, dict[str, float]]]:
    """Population paired effect sizes for a Still-Face run.

    Args:
        means: measure -> float (N, E) per-episode means (e.g. :func:`coded_means`, or the session's
            ``episode_measures()`` with ``positive_affect``, ``negative_affect``, ``gaze``).
        names: the measures to contrast.
        episodes: positions of play, still-face and reunion.

    Returns:
        measure -> contrast (see :data:`CONTRASTS`) -> :func:`paired_d` result.
    """
    out = {}
    for name in names:
        m = means[name]
        out[name] = {c: paired_d(m[:, episodes[i]], m[:, episodes[j]]) for c, (i, j) in CONTRASTS.items()}
    return out
