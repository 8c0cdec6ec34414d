"""Individual differences (science.md section 6, ID1-ID8): measures of the spread across infants, and their checks.

Each ``*_values`` function runs seeded, developed populations through a scenario and returns plain
numbers (and the per-infant arrays behind them, for figures); each ``check_*`` turns them into a
:class:`~.checks.CheckRow` for ``python main.py validation``. Every figure comes from simulated behaviour
and latent state, never from a preset or a population label. Effect sizes: ``d_pool`` is the mean change
over the pooled SD of the two episodes (Cohen's d, as Ritz et al. 2012 report heart rate); ``d_z`` is the
mean of the paired changes over their SD.
"""

from __future__ import annotations

import numpy as np

from .. import published as pub

#: Infants per population in these checks (science.md: at least 1,000).
N_SPREAD = 1000
#: Seed of the section 6 populations.
SEED = 20266

#: ID1 operational definitions (science.md ID1, after Montirosso et al. 2015): in the still-face episode
#: an infant crying at least this share of the time is *negatively engaged*; otherwise one whose gaze (0-1,
#: episode mean) is at least GAZE_SOCIAL is *socially engaged*; the rest are *disengaged*.
CRY_NEGATIVE = 0.25
GAZE_SOCIAL = 0.5
#: ID1 bands (percent): socially engaged, disengaged, negatively engaged (published: ``published.STYLES_4M``).
ID1_BANDS = {"social": (20.0, 45.0), "disengaged": (45.0, 75.0), "negative": (2.0, 20.0)}
#: ID2 band of d_pool, play -> still-face, on episode-mean arousal (Ritz et al. 2012: d = 0.96).
ID2_BAND = (0.5, 1.5)
#: ID4: share of B infants that cry less than CRY_QUIET of episode 4 must be at least ID4_MIN.
CRY_QUIET = 0.05
ID4_MIN = 0.10
#: ID5: B infants' mean proximity seeking (1-7) in episodes 2-3 at most ID5_BASE_MAX, and the reunions'
#: mean at least ID5_RISE higher.
ID5_BASE_MAX = 3.5
ID5_RISE = 1.5
#: ID6: mean gaze over the whole procedure lower at 6 than at 2 months by at least this much (0-1).
ID6_MIN_DROP = 0.02
#: ID7: ages (months) compared in the phone still-face: younger than 9, and older than 9.
ID7_AGES = (7.0, 14.0)
#: ID8: 30 samples of 30 infants; the median %B (best fit) within the low-risk studies' range, and the
#: samples' SD of %B within what sampling alone gives (binomial SD about 8.8 points at n = 30, p = .62).
ID8_SAMPLES, ID8_SIZE = 30, 30
ID8_MEDIAN_BAND = (pub.value("low_risk_samples.B_low"), pub.value("low_risk_samples.B_high"))
ID8_SD_BAND = (4.0, 14.0)

_CACHE: dict[tuple, object] = {}


def _batch(scenario: str, n: int, seed: int, population: str = "low_risk", overrides: dict | None = None,
           score: bool = False):
    """A developed population run through ``scenario`` (cached per arguments)."""
    key = (scenario, n, seed, population, tuple(sorted((overrides or {}).items())), score)
    if key not in _CACHE:
        from ..scenario import load_scenario
        from .populations import population_batch

        _CACHE[key] = population_batch(load_scenario(scenario), population, n, seed=seed,
                                       overrides=overrides, score=score)
    return _CACHE[key]


def _m(result, name: str) -> np.ndarray:
    return np.asarray(result.measures[name], dtype=np.float64)


def d_pool(a: np.ndarray, b: np.ndarray) -> float:
    """Cohen's d of ``b`` against ``a`` (N,): mean difference over the pooled SD."""
    return float((b.mean() - a.mean()) / np.sqrt((a.var(ddof=1) + b.var(ddof=1)) / 2.0))


def d_z(a: np.ndarray, b: np.ndarray) -> float:
    """Paired d of ``b`` against ``a`` (N,): mean of the changes over their SD."""
    diff = b - a
    return float(diff.mean() / diff.std(ddof=1))


def styles(result) -> dict[str, np.ndarray]:
    """ID1 response style of each infant in the still-face episode (episode 2): boolean arrays (N,)."""
    return styles_of(result.measures)


def styles_of(measures: dict) -> dict[str, np.ndarray]:
    """ID1 response styles from episode measures (``Session.episode_measures()``: arrays (N, E), the still-face
    episode second): boolean arrays (N,) "social", "disengaged", "negative"."""
    cry = np.asarray(measures["crying"], dtype=np.float64)[:, 1]
    gaze = np.asarray(measures["gaze"], dtype=np.float64)[:, 1]
    negative = cry >= CRY_NEGATIVE
    social = ~negative & (gaze >= GAZE_SOCIAL)
    return {"social": social, "disengaged": ~negative & ~social, "negative": negative}


def still_face_values(n: int = N_SPREAD, seed: int = SEED, scenario: str = "still_face_4m") -> dict:
    """ID1 and ID3 on a low-risk population at the scenario's age.

    Returns percent of each style, the share of infants crying at all in the still-face, the share showing
    the textbook pattern (negative affect up and gaze down by at least 0.1), and the per-infant arrays.
    """
    r = _batch(scenario, n, seed)
    st = styles(r)
    na, gz = _m(r, "negative_affect"), _m(r, "gaze")
    textbook = (na[:, 1] - na[:, 0] >= 0.1) & (gz[:, 0] - gz[:, 1] >= 0.1)
    return {
        "pct": {k: 100.0 * float(v.mean()) for k, v in st.items()},
        "cry_any": float((_m(r, "crying")[:, 1] > 0).mean()),
        "textbook": float(textbook.mean()),
        "negative_rise": float(na[:, 1].mean() - na[:, 0].mean()),
        "styles": st, "measures": {k: _m(r, k) for k in ("positive_affect", "negative_affect", "gaze",
                                                          "arousal", "crying")},
    }


def contrasts(result) -> dict[str, dict[str, tuple[float, float]]]:
    """d_pool and d_z of every still-face contrast for each measure: measure -> contrast -> (d_pool, d_z)."""
    out = {}
    for name in ("positive_affect", "negative_affect", "gaze", "arousal"):
        x = _m(result, name)
        out[name] = {"play → still-face": (d_pool(x[:, 0], x[:, 1]), d_z(x[:, 0], x[:, 1])),
                     "play → reunion": (d_pool(x[:, 0], x[:, 2]), d_z(x[:, 0], x[:, 2])),
                     "still-face → reunion": (d_pool(x[:, 1], x[:, 2]), d_z(x[:, 1], x[:, 2]))}
    return out


def arousal_values(n: int = N_SPREAD, seed: int = SEED, scenario: str = "still_face_6m") -> dict:
    """ID2: episode-mean latent arousal, play -> still-face -> reunion, at 6 months (Ritz et al. 2012)."""
    r = _batch(scenario, n, seed)
    ar = _m(r, "arousal")
    return {"mean": ar.mean(axis=0), "sd": ar.std(axis=0, ddof=1),
            "d_sf": d_pool(ar[:, 0], ar[:, 1]), "d_re": d_pool(ar[:, 0], ar[:, 2]),
            "dz_sf": d_z(ar[:, 0], ar[:, 1]), "dz_re": d_z(ar[:, 0], ar[:, 2]),
            "change": ar[:, 1] - ar[:, 0], "contrasts": contrasts(r)}


def strange_situation_values(n: int = N_SPREAD, seed: int = SEED) -> dict:
    """ID4 and ID5 on the low-risk population's Strange Situation (scored from behaviour)."""
    from .checks import population_result

    r = population_result("low_risk", n, seed)
    cls = np.asarray(r.scores.classification)
    b = cls == "B"
    cry4 = _m(r, "crying")[:, 3]
    ps = np.asarray(r.scores.scales["proximity_seeking"], dtype=np.float64)
    base = np.nanmean(ps[b][:, [1, 2]])
    reunion = np.nanmean(ps[b][:, [4, 7]])
    return {"quiet_b": float((cry4[b] < CRY_QUIET).mean()), "n_b": int(b.sum()), "ps_base": float(base),
            "ps_reunion": float(reunion), "cry4_b": cry4[b]}


def age_values(n: int = N_SPREAD, seed: int = SEED) -> dict:
    """ID6: mean gaze over the whole still-face procedure at 2, 4, 6 and 9 months (low-risk populations)."""
    out = {}
    for months in (2, 4, 6, 9):
        g = _m(_batch(f"still_face_{months}m", n, seed), "gaze")
        out[months] = float(g.mean())
    return out


def phone_age_values(n: int = N_SPREAD, seed: int = SEED) -> dict:
    """ID7: mean negative affect per phase of the phone still-face, younger than 9 months against older."""
    out = {}
    for age in ID7_AGES:
        r = _batch("phone_still_face", n, seed, overrides={"infant.age_months": age})
        out[age] = _m(r, "negative_affect").mean(axis=0)
    return out


def sample_values(seed: int = SEED) -> dict:
    """ID8: %B (best fit) in ID8_SAMPLES samples of ID8_SIZE infants drawn from one low-risk population."""
    from .checks import population_result

    r = population_result("low_risk", ID8_SAMPLES * ID8_SIZE, seed)
    bf = np.asarray(r.scores.best_fit).reshape(ID8_SAMPLES, ID8_SIZE)
    pct = 100.0 * (bf == "B").mean(axis=1)
    return {"pct_b": pct, "median": float(np.median(pct)), "sd": float(pct.std(ddof=1)),
            "lo": float(pct.min()), "hi": float(pct.max())}


#: Bin width of the lab's histogram of per-infant still-face change in negative affect (0-1 scale).
LAB_CHANGE_BIN = 0.05


def lab_spread(sf_measures: dict, best_fit, seed: int, size: int = ID8_SIZE, samples: int = ID8_SAMPLES) -> dict:
    """The spread across one Population lab run's infants, beside its means and shares.

    ``sf_measures``: the Still-Face session's ``episode_measures()`` (arrays (N, E); play, still-face, ...);
    ``best_fit``: each infant's best fit among A, B, C (N,). Returns ``change`` (N,), each infant's rise in
    episode-mean negative affect from play to the still-face; ``counts`` and ``edges``, its histogram in bins
    of LAB_CHANGE_BIN; ``pct_b`` (samples,), %B (best fit) in ``samples`` classes of ``size`` infants drawn without
    replacement from the run (as ID8 draws studies; every class from its own draw, seeded by ``seed``), with
    ``b_lo``, ``b_hi``, ``b_median`` and ``b_all`` (%B of the whole run). Classes are drawn only when the run has
    more than ``size`` infants (else ``pct_b`` is empty).
    """
    na = np.asarray(sf_measures["negative_affect"], dtype=np.float64)
    change = na[:, 1] - na[:, 0]
    change = change[np.isfinite(change)]
    lo = min(0.0, np.floor(change.min() / LAB_CHANGE_BIN) * LAB_CHANGE_BIN) if change.size else 0.0
    hi = max(LAB_CHANGE_BIN, np.ceil(change.max() / LAB_CHANGE_BIN) * LAB_CHANGE_BIN) if change.size else 1.0
    nb = max(1, int(round((hi - lo) / LAB_CHANGE_BIN)))
    counts, edges = np.histogram(change, bins=nb, range=(lo, lo + nb * LAB_CHANGE_BIN))
    is_b = np.asarray(best_fit) == "B"
    rng = np.random.default_rng([int(seed), 8])
    n = is_b.shape[0]
    pct_b = (np.array([100.0 * is_b[rng.choice(n, size, replace=False)].mean() for _ in range(samples)])
             if n > size else np.zeros(0))
    return {"change": change, "counts": counts, "edges": edges,
            "pct_b": pct_b, "b_all": 100.0 * float(is_b.mean()) if n else 0.0,
            "b_lo": float(pct_b.min()) if pct_b.size else float("nan"),
            "b_hi": float(pct_b.max()) if pct_b.size else float("nan"),
            "b_median": float(np.median(pct_b)) if pct_b.size else float("nan")}


# --- the checks -----------------------------------------------------------------------------------------------
def _row(id_, phenomenon, target, value, passed, source):
    from .checks import CheckRow

    return CheckRow(id_, phenomenon, target, value, bool(passed), source)


def check_id1(n: int = N_SPREAD, seed: int = SEED):
    v = still_face_values(n, seed)
    p = v["pct"]
    ok = all(lo <= p[k] <= hi for k, (lo, hi) in ID1_BANDS.items())
    return _row("ID1", "still-face response styles (still_face_4m, low_risk)",
                "socially engaged / disengaged / negatively engaged about "
                f"{' / '.join(f'{v:g}' for v in pub.STYLES_4M.values())}%; bands "
                f"{' / '.join(f'{lo:g}-{hi:g}' for lo, hi in ID1_BANDS.values())}",
                f"{p['social']:.1f} / {p['disengaged']:.1f} / {p['negative']:.1f}% (N={n})", ok,
                pub.label("styles_4m.social"))


def check_id2(n: int = N_SPREAD, seed: int = SEED):
    v = arousal_values(n, seed)
    m, sd = v["mean"], v["sd"]
    ok = ID2_BAND[0] <= v["d_sf"] <= ID2_BAND[1] and 0.0 < v["d_re"] <= v["d_sf"]
    return _row("ID2", "physiological magnitude (still_face_6m, low_risk, episode-mean arousal)",
                "d_pool play → still-face 0.5-1.5 (heart rate: 0.96); play → reunion above 0 and not above it",
                f"arousal {m[0]:.3f}±{sd[0]:.3f} → {m[1]:.3f}±{sd[1]:.3f} → {m[2]:.3f}±{sd[2]:.3f}; d_pool "
                f"{v['d_sf']:+.2f} (still-face), {v['d_re']:+.2f} (reunion); d_z {v['dz_sf']:+.2f}, {v['dz_re']:+.2f} "
                f"(N={n})", ok, "Ritz et al. 2012")


def check_id3(n: int = N_SPREAD, seed: int = SEED):
    v = still_face_values(n, seed)
    neg = v["pct"]["negative"]
    ok = v["negative_rise"] > 0 and neg < 50.0 and v["textbook"] < 0.9
    return _row("ID3", "many infants do not cry (still_face_4m, low_risk)",
                "negative affect rises for the population; crying in ≥ 25% of the still-face is a minority "
                "response; the textbook pattern (negative affect up, gaze down) in only some infants",
                f"negative affect +{v['negative_rise']:.2f}; {neg:.1f}% cry in ≥ 25% of it ({100 * v['cry_any']:.0f}% "
                f"cry at all); textbook pattern (both by ≥ 0.1) in {100 * v['textbook']:.0f}% (N={n})", ok,
                "Mesman et al. 2013; Moore, Cohn & Campbell 2001")


def check_id4(n: int = N_SPREAD, seed: int = SEED):
    v = strange_situation_values(n, seed)
    ok = v["quiet_b"] >= ID4_MIN
    return _row("ID4", "secure without tears (strange_situation, low_risk)",
                f"≥ {ID4_MIN:.0%} of infants classified B cry for < {CRY_QUIET:.0%} of episode 4",
                f"{100 * v['quiet_b']:.1f}% of {v['n_b']} B infants (N={n})", ok,
                "Ainsworth et al. 1978 (B1, B2)")


def check_id5(n: int = N_SPREAD, seed: int = SEED):
    v = strange_situation_values(n, seed)
    ok = v["ps_base"] <= ID5_BASE_MAX and v["ps_reunion"] - v["ps_base"] >= ID5_RISE
    return _row("ID5", "a secure base before a safe haven (strange_situation, low_risk, B infants)",
                f"proximity seeking to the caregiver in episodes 2-3 ≤ {ID5_BASE_MAX}; reunions (5, 8) at least "
                f"{ID5_RISE} higher",
                f"episodes 2-3 {v['ps_base']:.2f}, reunions {v['ps_reunion']:.2f} (+{v['ps_reunion'] - v['ps_base']:.2f};"
                f" {v['n_b']} B infants)", ok, "Ainsworth et al. 1978 ch. 5")


def check_id6(n: int = N_SPREAD, seed: int = SEED):
    v = age_values(n, seed)
    ok = v[2] - v[6] >= ID6_MIN_DROP and len({round(x, 6) for x in v.values()}) == len(v)
    return _row("ID6", "age changes the still-face response (low_risk, whole procedure)",
                f"mean gaze lower at 6 than at 2 months by ≥ {ID6_MIN_DROP}; the 2, 4, 6 and 9-month scenarios "
                "differ", " · ".join(f"{k} mo {x:.3f}" for k, x in v.items()) + f" (N={n} each)", ok,
                "Moore, Cohn & Campbell 2001; Kaye & Fogel 1980")


def check_id7(n: int = N_SPREAD, seed: int = SEED):
    v = phone_age_values(n, seed)
    young, old = (v[a] for a in ID7_AGES)
    ok = bool(np.all(old > young))
    fmt = lambda x: " / ".join(f"{y:.3f}" for y in x)  # noqa: E731
    return _row("ID7", "older infants in the phone still-face (phone_still_face, low_risk)",
                "infants older than 9 months show more negative affect than younger ones in all three phases",
                f"negative affect (play / phone / reunion): {ID7_AGES[0]:g} mo {fmt(young)}; {ID7_AGES[1]:g} mo "
                f"{fmt(old)} (N={n} each)", ok, "Stockdale et al. 2020")


def check_id8(n: int = N_SPREAD, seed: int = SEED):
    v = sample_values(seed)
    ok = ID8_MEDIAN_BAND[0] <= v["median"] <= ID8_MEDIAN_BAND[1] and ID8_SD_BAND[0] <= v["sd"] <= ID8_SD_BAND[1]
    return _row("ID8", f"spread between studies: {ID8_SAMPLES} samples of {ID8_SIZE} (low_risk, best fit)",
                f"median %B {ID8_MEDIAN_BAND[0]:g}-{ID8_MEDIAN_BAND[1]:g} (low-risk samples scatter about "
                f"{ID8_MEDIAN_BAND[0]:g}-{ID8_MEDIAN_BAND[1]:g}); "
                f"SD across samples {ID8_SD_BAND[0]:g}-{ID8_SD_BAND[1]:g} points (sampling alone: about 9)",
                f"%B median {v['median']:.1f}, SD {v['sd']:.1f}, range {v['lo']:.0f}-{v['hi']:.0f}", ok,
                "Spieker & Booth (table of low-risk samples)")


#: The section 6 checks in report order: (order, function).
CHECKS = ((161, check_id1), (162, check_id2), (163, check_id3), (164, check_id4), (165, check_id5),
          (166, check_id6), (167, check_id7), (168, check_id8))


def contrast_table(n: int = N_SPREAD, seed: int = SEED) -> str:
    """Markdown table of d_pool and d_z for every still-face contrast (still_face_6m, low_risk)."""
    c = arousal_values(n, seed)["contrasts"]
    lines = ["**Still-face contrasts** (still_face_6m, low_risk, N = {:,}; episode means of the state "
             "variables; d_pool = mean change / pooled SD, d_z = mean change / SD of the changes). The "
             "meta-analysis' behavioural effect sizes (Mesman et al. 2009) could not be verified (only abstracts "
             "were reachable), so they are reported here, not targeted; the one magnitude target is heart "
             "rate's (ID2).".format(n), "",
             "| measure | play → still-face d_pool / d_z | play → reunion d_pool / d_z | still-face → reunion "
             "d_pool / d_z |", "|---|---|---|---|"]
    for name, row in c.items():
        cells = " | ".join(f"{a:+.2f} / {b:+.2f}" for a, b in row.values())
        lines.append(f"| {name.replace('_', ' ')} | {cells} |")
    return "\n".join(lines)
