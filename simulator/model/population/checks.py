"""Validation rows for development and populations (science.md PD1-PD4, PD6, MR3), computed from seeded runs.

Every figure comes from classifications that scoring gave to the Strange Situation behaviour of
developed infants; nothing here sets a class. Each check returns a :class:`CheckRow` (id, target,
simulated value, pass/fail). :func:`register_with` adds them to the scoring package's registry of
``python main.py validation`` checks when it offers one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from .. import published as pub

#: Default population size of the population checks (science.md: means over at least 1,000 infants).
N_POPULATION = 1000
#: Default size of each MR3 group.
N_MR3 = 500
#: Seed of the validation runs.
SEED = 20260
#: How far (percentage points) a simulated class share may lie from the published one (PD1, PD3).
SHARE_TOLERANCE = 5.0
#: How far the simulated point-biserial r may lie from the published r (PD4: 0.15-0.33).
PD4_R_TOLERANCE = 0.09
#: How far (percentage points) low_risk's D may lie from the published low-risk share (PD2: 10-20%).
PD2_D_TOLERANCE = 5.0


@dataclass
class CheckRow:
    """One validation row: ``id`` (e.g. PD1), ``target`` and ``value`` in words, ``passed``."""

    id: str
    phenomenon: str
    target: str
    value: str
    passed: bool
    source: str


_CACHE: dict[tuple, object] = {}


def population_result(population: str, n: int = N_POPULATION, seed: int = SEED):
    """Develop and run a population through the Strange Situation, scored (cached per arguments).

    Returns the batch result (``classification``/``best_fit`` in ``result.scores``, ``stress_load`` in
    ``result.final``) with ``result.development`` (the drawn caregiving, e.g. ``sensitivity``).
    """
    key = ("pop", population, n, seed)
    if key not in _CACHE:
        from ..scenario import load_scenario
        from .populations import population_batch

        _CACHE[key] = population_batch(load_scenario("strange_situation"), population, n, seed=seed)
    return _CACHE[key]


def shares(labels, classes: str = "ABCD") -> dict[str, float]:
    """Percent of each class among ``labels``."""
    c = Counter(labels)
    n = max(len(labels), 1)
    return {k: 100.0 * c[k] / n for k in classes}


def point_biserial(x: np.ndarray, flag: np.ndarray) -> float:
    """Point-biserial correlation between a continuous ``x`` (N,) and a 0/1 ``flag`` (N,)."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(flag, dtype=np.float64)
    if y.std() == 0 or x.std() == 0:
        return float("nan")
    return float(np.corrcoef(x, y)[0, 1])


def _fmt(d: dict[str, float], spec: str = ".1f") -> str:
    """``{"B": 50.0, "A": 12.5}`` -> ``"B50.0/A12.5"`` (each value formatted with ``spec``)."""
    return "/".join(f"{k}{v:{spec}}" for k, v in d.items())


def check_pd1(n: int = N_POPULATION, seed: int = SEED) -> CheckRow:
    """PD1: low_risk best_fit within 5 points of the Baltimore A / B / C shares (``published.BALTIMORE``)."""
    res = population_result("low_risk", n, seed)
    s = shares(res.scores.best_fit, "ABC")
    target = pub.BALTIMORE
    ok = all(abs(s[k] - target[k]) <= SHARE_TOLERANCE for k in target)
    return CheckRow("PD1", "Baltimore distribution (low_risk best_fit)", f"{_fmt(target, 'g')} +-5 points",
                    _fmt(s) + f" (N={n})", ok, pub.label("baltimore.n"))


def check_pd2(n: int = N_POPULATION, seed: int = SEED) -> CheckRow:
    """PD2: D about 15% (10-20%) in low_risk and two to three times that in high_risk (``published``)."""
    low = shares(population_result("low_risk", n, seed).scores.classification)["D"]
    high = shares(population_result("high_risk", n, seed).scores.classification)["D"]
    ratio = high / low if low > 0 else float("inf")
    lo_d, hi_d = pub.LOW_RISK_D - PD2_D_TOLERANCE, pub.LOW_RISK_D + PD2_D_TOLERANCE
    lo_x, hi_x = pub.value("high_risk.D_times_low"), pub.value("high_risk.D_times_high")
    ok = lo_d <= low <= hi_d and lo_x <= ratio <= hi_x
    return CheckRow("PD2", "disorganisation under low and high risk",
                    f"low_risk D {lo_d:g}-{hi_d:g}%; high_risk D {lo_x:g}-{hi_x:g}x low_risk",
                    f"low_risk D {low:.1f}%, high_risk D {high:.1f}% (x{ratio:.2f}; N={n} each)", ok,
                    pub.label("low_risk.D"))


def check_pd3(n: int = N_POPULATION, seed: int = SEED) -> CheckRow:
    """PD3: global_mixed classification within 5 points of the Madigan et al. 2023 shares (``published``)."""
    s = shares(population_result("global_mixed", n, seed).scores.classification, "BACD")
    target = pub.shares("global_mixed", "BACD")
    ok = all(abs(s[k] - target[k]) <= SHARE_TOLERANCE for k in target)
    return CheckRow("PD3", "global mixed-risk distribution", f"{_fmt(target)} +-5 points",
                    _fmt(s) + f" (N={n})", ok, pub.label("global_mixed.n"))


def pd4_values(n: int = N_POPULATION, seed: int = SEED, population: str = "global_mixed") -> dict[str, float]:
    """Point-biserial r between caregiver sensitivity and B, and how far sensitivity alone sorts B.

    ``r``; ``b_top``/``b_bottom``: percent B in the top and bottom sensitivity quartiles (both must be
    strictly between 0 and 100: sensitivity alone does not determine the class).
    """
    res = population_result(population, n, seed)
    sens = res.development.profile.sensitivity
    b = np.array([c == "B" for c in res.scores.classification])
    q1, q3 = np.quantile(sens, [0.25, 0.75])
    return {"r": point_biserial(sens, b), "b_top": 100.0 * b[sens >= q3].mean(),
            "b_bottom": 100.0 * b[sens <= q1].mean()}


def check_pd4(n: int = N_POPULATION, seed: int = SEED) -> CheckRow:
    """PD4: r(sensitivity, B) within 0.09 of the published r = .24 (0.15-0.33) and sensitivity alone not
    determining the class."""
    v = pd4_values(n, seed)
    r = pub.value("sensitivity_security.r")
    lo, hi = round(r - PD4_R_TOLERANCE, 2), round(r + PD4_R_TOLERANCE, 2)
    ok = lo <= v["r"] <= hi and 0.0 < v["b_bottom"] < 100.0 and 0.0 < v["b_top"] < 100.0
    return CheckRow("PD4", "sensitivity matters, modestly (global_mixed)",
                    f"point-biserial r {lo:g}-{hi:g}; B found in both sensitivity extremes",
                    f"r = {v['r']:.3f}; B {v['b_bottom']:.0f}% in the bottom quartile, {v['b_top']:.0f}% in the top "
                    f"(N={n})", ok, pub.label("sensitivity_security.r"))


#: Length (s) of the quiet post-procedure period with the caregiver before the load is read (Spangler &
#: Grossmann 1993 sampled cortisol 15 and 30 minutes after the Strange Situation).
POST_PROCEDURE_S = 900.0


def pd6_values(n: int = N_POPULATION, seed: int = SEED, population: str = "global_mixed") -> dict[str, float]:
    """Mean post-procedure ``stress_load`` (0-1) by classification, and its count per class.

    The load is read after :data:`POST_PROCEDURE_S` of quiet time with a standard good-enough caregiver
    (:func:`~.development.post_procedure_load`), continuing from each infant's arousal and load at the
    end of the procedure; ``end_<class>`` gives the load at the end of the procedure itself.
    """
    from .development import post_procedure_load

    res = population_result(population, n, seed)
    end = np.asarray(res.final["stress_load"], dtype=np.float64)
    key = ("post", population, n, seed)
    if key not in _CACHE:
        _CACHE[key] = post_procedure_load(res.development.params, res.final, POST_PROCEDURE_S,
                                          rng=np.random.default_rng([seed, 61]))
    load = _CACHE[key]
    cls = np.array(res.scores.classification)
    out = {}
    for k in "ABCD":
        m = cls == k
        out[k] = float(load[m].mean()) if m.any() else float("nan")
        out[f"end_{k}"] = float(end[m].mean()) if m.any() else float("nan")
        out[f"n_{k}"] = int(m.sum())
    ins = np.isin(cls, list("ACD"))
    out["insecure"] = float(load[ins].mean()) if ins.any() else float("nan")
    return out


def check_pd6(n: int = N_POPULATION, seed: int = SEED) -> CheckRow:
    """PD6: post-procedure stress load not raised for B, raised for the insecure groups.

    Read as: the pooled insecure groups' mean load is at least 5% above B's, and every insecure group
    with at least 20 infants is above B (Spangler & Grossmann 1993: cortisol rose after the procedure
    for insecure, not secure, infants; which insecure group is highest is contested, so no order among
    A, C and D is asked). The model's load starts at 0 before the procedure and every group's rises
    during it, so "not raised for B" can only be read relative to the insecure groups here.
    """
    v = pd6_values(n, seed)
    groups = [k for k in "ACD" if v[f"n_{k}"] >= 20]
    ok = bool(groups) and v["insecure"] >= 1.05 * v["B"] and all(v[k] > v["B"] for k in groups)
    txt = ", ".join(f"{k} {v[k]:.3f}" for k in "BACD" if not np.isnan(v[k]))
    return CheckRow("PD6", "stress load 15 min after the procedure (global_mixed)",
                    "insecure (pooled) >= 1.05 x B, and each insecure group above B",
                    f"mean stress_load {txt}; insecure pooled {v['insecure']:.3f} (N={n})", ok,
                    "Spangler & Grossmann 1993; Spangler & Schieche 1998")


def mr3_values(n: int = N_MR3, seed: int = SEED, months: float = 12.0) -> dict[str, dict[str, float]]:
    """good_enough vs slow_repair: free-play measures at 4 months and Strange Situation B share at 12.

    Per profile: ``matched_share``, ``positive_affect``, ``neg_bout_s`` (mean fuss/cry bout, s) in a
    2-minute free play of infants developed 4 months under the profile, and ``B`` (percent) after
    ``months`` of development and a scored Strange Situation.
    """
    key = ("mr3", n, seed, months)
    if key in _CACHE:
        return _CACHE[key]
    from ..batch import run_batch
    from ..scenario import load_scenario
    from .development import develop, free_play
    from .profiles import ProfileParams

    sc = load_scenario("strange_situation")
    out = {}
    for pid in ("good_enough", "slow_repair"):
        prof = ProfileParams.from_profile(pid, n)
        young = develop(prof, 4.0, rng=np.random.default_rng([seed, 31]))
        fp = free_play(prof, young.params, 120.0, rng=np.random.default_rng([seed, 32]))
        dev = develop(prof, months, rng=np.random.default_rng([seed, 33]))
        res = run_batch(sc, n, seed=seed, params=dev.params, preset_label=pid)
        out[pid] = {"matched_share": float(np.mean(fp["matched_share"])),
                    "positive_affect": float(np.mean(fp["positive_affect"])),
                    "neg_bout_s": float(np.nanmean(fp["neg_bout_s"])),
                    "neg_share": float(np.mean(fp["neg_share"])),
                    "B": shares(res.scores.classification)["B"]}
    _CACHE[key] = out
    return out


def check_mr3(n: int = N_MR3, seed: int = SEED) -> CheckRow:
    """MR3: at an equal matched share (within 5 points), good_enough gives shorter negative bouts, more
    positive affect, and more security than slow_repair."""
    v = mr3_values(n, seed)
    g, s = v["good_enough"], v["slow_repair"]
    ok = (abs(g["matched_share"] - s["matched_share"]) <= 0.05 and g["neg_bout_s"] < s["neg_bout_s"]
          and g["positive_affect"] > s["positive_affect"] and g["B"] > s["B"])
    txt = (f"matched {g['matched_share']:.2f} vs {s['matched_share']:.2f}; neg bout {g['neg_bout_s']:.1f} vs "
           f"{s['neg_bout_s']:.1f} s; PA {g['positive_affect']:.3f} vs {s['positive_affect']:.3f}; B {g['B']:.0f}% vs "
           f"{s['B']:.0f}% (N={n} each)")
    return CheckRow("MR3", "repair is the active ingredient (good_enough vs slow_repair)",
                    "equal matched share; good_enough: shorter negative bouts, more positive affect, more B",
                    txt, ok, "Tronick 1989")


#: Infants per prototype history in the prototype check.
N_PROTOTYPE = 200


def prototype_values(n: int = N_PROTOTYPE, seed: int = SEED, months: float = 12.0) -> dict[str, dict[str, float]]:
    """Each preset's prototype history developed for ``months``, run and scored: percent of each class."""
    key = ("proto", n, seed, months)
    if key in _CACHE:
        return _CACHE[key]
    from ..batch import run_batch
    from ..scenario import load_scenario
    from .development import develop
    from .profiles import ProfileParams
    from .prototypes import PROTOTYPE_HISTORIES

    sc = load_scenario("strange_situation")
    out = {}
    for k, (preset, profile) in enumerate(PROTOTYPE_HISTORIES.items()):
        dev = develop(ProfileParams.from_profile(profile, n), months, rng=np.random.default_rng([seed, 40 + k]))
        res = run_batch(sc, n, seed=seed, params=dev.params, preset_label=preset)
        out[preset] = shares(res.scores.classification)
    _CACHE[key] = out
    return out


def check_prototypes(n: int = N_PROTOTYPE, seed: int = SEED) -> CheckRow:
    """The infant presets as prototype histories: each classifies as its pattern at least 90% of the time."""
    v = prototype_values(n, seed)
    expected = {"secure": "B", "avoidant": "A", "resistant": "C", "disorganized": "D"}
    ok = all(v[p][c] >= 90.0 for p, c in expected.items())
    txt = "; ".join(f"{p} ({PROTO_NAMES[p]}) {v[p][c]:.0f}% {c}" for p, c in expected.items())
    return CheckRow("PRESETS", "infant presets as prototype caregiving histories, developed 12 months",
                    "each history classifies as its pattern >= 90%", txt + f" (N={n} each)", ok,
                    "Ainsworth et al. 1978; Main & Hesse 1990")


PROTO_NAMES = {"secure": "sensitive_repair", "avoidant": "rebuffing", "resistant": "unpredictable",
               "disorganized": "frightening"}

#: The checks, in report order.
CHECKS = (check_pd1, check_pd2, check_pd3, check_pd4, check_pd6, check_mr3, check_prototypes)


def run_all() -> list[CheckRow]:
    """Every population check with its default sizes."""
    return [check() for check in CHECKS]


def register_with(registry) -> None:
    """Add the checks to a scoring registry: a ``register_check`` callable or a mutable ``CHECKS`` list."""
    for check in CHECKS:
        if callable(registry):
            registry(check)
        else:
            registry.append(check)


# --- registration with ``python main.py validation`` (simulator/model/scoring/validation.py) --------------
def _register() -> None:
    from ..scoring.validation import Row, register_check

    def make(fn, n_default, detail=None):
        def check(runs):
            n = int(getattr(runs, "n", n_default))
            n = n if n_default == N_POPULATION else min(n, n_default)
            seed = int(getattr(runs, "seed", SEED))
            r = fn(n, seed)
            return [Row(r.id, f"{r.phenomenon} ({r.source})", r.target, r.value, r.passed,
                        detail(n, seed) if detail else "")]
        check.__qualname__ = f"population_{fn.__name__}"
        return check

    for order, fn, n_default in ((95, check_mr3, N_MR3), (151, check_pd1, N_POPULATION),
                                 (152, check_pd2, N_POPULATION), (153, check_pd3, N_POPULATION),
                                 (154, check_pd4, N_POPULATION), (156, check_pd6, N_POPULATION),
                                 (157, check_prototypes, N_PROTOTYPE)):
        register_check(fn.__name__.split("_", 1)[1].upper(), order=order)(make(fn, n_default))
    # Individual differences, magnitudes and age (science.md section 6).
    from . import spread

    for order, fn in spread.CHECKS:
        detail = spread.contrast_table if fn is spread.check_id2 else None
        register_check(fn.__name__.split("_", 1)[1].upper(), order=order)(make(fn, spread.N_SPREAD, detail))


_register()
