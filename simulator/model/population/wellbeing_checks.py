"""Validation rows for the caregiver's well-being (science.md CW1-CW6), computed from seeded simulated runs.

Every figure comes from the same model the app runs: infants meet a caregiver whose depressive symptoms
change how they respond (``policies.py``), develop with such a caregiver (``development.py``), or come from
populations that draw symptoms at the published prevalence (``populations.py``). Nothing here sets an
outcome; the symptoms are the caregiver's, never a label on the infant. Each ``cw*_values`` function
returns the figures a test can check for direction and order; the registered checks turn them into rows
of ``python main.py validation``.
"""

from __future__ import annotations

import numpy as np

from .. import published as pub

#: Seed of these rows' development runs (the session rows use the report's seed).
SEED = 2026
#: Infants per group (science.md: means over at least 1,000 simulated infants).
N = 1000
_CACHE: dict[tuple, dict] = {}


def _cached(key: tuple, fn):
    if key not in _CACHE:
        _CACHE[key] = fn()
    return _CACHE[key]


def _means(session) -> dict[str, np.ndarray]:
    m = session.episode_measures()
    return {k: np.nanmean(m[k], axis=0) for k in ("positive_affect", "negative_affect", "gaze", "bids",
                                                   "matched_share", "mean_repair_latency_s")}


def cw1_values(runs) -> dict[str, np.ndarray]:
    """simulated_depression, default infant: episode means (normal_1, flat, normal_2) of each measure."""
    s, _ = runs.get("simulated_depression")
    return _means(s)


def cw2_values(runs) -> dict[str, dict[str, float]]:
    """still_face play episode, default infant, ``sensitive`` against ``depressed``."""
    out = {}
    for cg in ("sensitive", "depressed"):
        s, _ = runs.get("still_face", caregiver=cg)
        out[cg] = {k: float(v[0]) for k, v in _means(s).items()}
    return out


def cw3_values(n: int = N, seed: int = SEED, months: float = 4.0) -> dict[str, dict[str, np.ndarray]]:
    """Infants developed for ``months`` with a ``good_enough`` or a ``depressed`` caregiver, then the
    still_face with their own caregiver (``sensitive`` or ``depressed`` policy): episode means."""
    def run():
        from ..batch import run_batch
        from ..scenario import load_scenario
        from .development import develop
        from .profiles import ProfileParams

        sc = load_scenario("still_face")
        out = {}
        for k, (profile, caregiver) in enumerate((("good_enough", "sensitive"), ("depressed", "depressed"))):
            dev = develop(ProfileParams.from_profile(profile, n), months, rng=np.random.default_rng([seed, 60 + k]))
            res = run_batch(sc, n, caregiver=caregiver, seed=seed, params=dev.params, preset_label=profile,
                            score=False)
            out[profile] = {key: res.measures[key].mean(axis=0) for key in ("positive_affect", "negative_affect",
                                                                            "gaze")}
        return out
    return _cached(("cw3", n, seed, months), run)


def cw4_values(n: int = N, seed: int = SEED, population: str = "low_risk") -> dict[str, dict[str, float]]:
    """Strange Situation classification (percent) of a population with no caregiver drawn with depressive
    symptoms and of the same population with every caregiver drawn with them."""
    def run():
        from ..scenario import load_scenario
        from .checks import shares
        from .populations import PREVALENCE_KEY, population_batch

        sc = load_scenario("strange_situation")
        out = {}
        for label, prev in (("without", 0.0), ("with", 1.0)):
            res = population_batch(sc, population, n, seed=seed, overrides={PREVALENCE_KEY: prev})
            out[label] = shares(res.scores.classification)
        return out
    return _cached(("cw4", n, seed, population), run)


def _cohen_d(a: np.ndarray, b: np.ndarray) -> float:
    pooled = np.sqrt((np.var(a, ddof=1) + np.var(b, ddof=1)) / 2.0)
    return float((np.mean(a) - np.mean(b)) / pooled) if pooled > 0 else 0.0


def _cohen_h(p1: float, p2: float) -> float:
    return float(2.0 * np.arcsin(np.sqrt(p1)) - 2.0 * np.arcsin(np.sqrt(p2)))


#: CW5's design: caregivers drawn from global_mixed, all with depressive symptoms; support starts at
#: ``SUPPORT_FROM_MONTHS``; observed sensitivity is the matched share of ``OBSERVATION_S`` of free play at
#: 12 months; security is B in the Strange Situation.
SUPPORT_FROM_MONTHS = 6.0
OBSERVATION_S = 600.0


def cw5_values(n: int = N, seed: int = SEED) -> dict[str, dict[str, float]]:
    """Effect of support on observed caregiver sensitivity (Cohen's d) and on infant security (Cohen's h
    on the share B) against no support, for ``treatment`` and ``dyadic``; and the share B of each."""
    def run():
        from ..batch import run_batch
        from ..scenario import load_scenario
        from .development import develop, free_play
        from .populations import sample_caregiving

        sc = load_scenario("strange_situation")
        prof = sample_caregiving("global_mixed", n, np.random.default_rng([seed, 70]), prevalence=1.0)
        got = {}
        for support in ("none", "treatment", "dyadic"):
            dev = develop(prof, 12.0, rng=np.random.default_rng([seed, 71]), support=support,
                          support_from_months=SUPPORT_FROM_MONTHS)
            fp = free_play(dev.profile, dev.params, OBSERVATION_S, rng=np.random.default_rng([seed, 72]))
            res = run_batch(sc, n, seed=seed, params=dev.params, preset_label=support)
            got[support] = (fp["matched_share"], np.mean([c == "B" for c in res.scores.classification]))
        out = {}
        for support in ("treatment", "dyadic"):
            out[support] = {"d_sensitivity": _cohen_d(got[support][0], got["none"][0]),
                            "h_security": _cohen_h(got[support][1], got["none"][1]),
                            "B": 100.0 * got[support][1]}
        out["none"] = {"B": 100.0 * got["none"][1]}
        return out
    return _cached(("cw5", n, seed), run)


def cw6_values(n: int = 20000, seed: int = SEED) -> dict[str, float]:
    """Percent of caregivers drawn with depressive symptoms in each population."""
    from .populations import POPULATIONS, sample_caregiving

    return {pid: 100.0 * float(np.mean(sample_caregiving(pid, n, np.random.default_rng([seed, 80])).depressive_symptoms > 0))
            for pid in POPULATIONS}


def cw6_targets() -> dict[str, float]:
    """The published prevalence each population stands for (percent; Shorey et al. 2018)."""
    return {"low_risk": pub.value("postnatal_depression.europe"),
            "high_risk": pub.value("postnatal_depression.middle_east"),
            "global_mixed": pub.value("postnatal_depression.pooled")}


# --- rows of ``python main.py validation`` -------------------------------------------------------------------
def _size(runs) -> tuple[int, int]:
    """The report's (infants per group, seed)."""
    return int(getattr(runs, "n", N)), int(getattr(runs, "seed", SEED))


def _register() -> None:
    try:
        from ..scoring.validation import Row, register_check
    except ImportError:
        return

    @register_check("CW1", order=201)
    def cw1(runs):
        v = cw1_values(runs)
        na, pa, gaze, bids = v["negative_affect"], v["positive_affect"], v["gaze"], v["bids"]
        ok = (na[1] > na[0] and gaze[1] < gaze[0] and pa[1] < pa[0] and bids[1] > bids[0]
              and na[0] < na[2] < na[1])
        sim = (f"normal → flat → normal: negative affect {na[0]:.3f} → {na[1]:.3f} → {na[2]:.3f}; gaze "
               f"{gaze[0]:.2f} → {gaze[1]:.2f} → {gaze[2]:.2f}; positive affect {pa[0]:.2f} → {pa[1]:.2f} → "
               f"{pa[2]:.2f}; bids/min {bids[0]:.1f} → {bids[1]:.1f} → {bids[2]:.1f} (simulated_depression, "
               f"{runs.n:,} infants)")
        return [Row("CW1", "simulated depression: flat affect in 3-minute epochs (Cohn & Tronick 1983)",
                    "flat epoch: more negative affect, less gaze and positive affect, more bids; negativity "
                    "carries over into the last normal epoch (above the first, below the flat)", sim, ok)]

    @register_check("CW2", order=202)
    def cw2(runs):
        v = cw2_values(runs)
        s, d = v["sensitive"], v["depressed"]
        ok = (d["matched_share"] < s["matched_share"] and d["mean_repair_latency_s"] > s["mean_repair_latency_s"]
              and d["positive_affect"] < s["positive_affect"])
        sim = (f"play, sensitive vs depressed: matched {s['matched_share']:.3f} vs {d['matched_share']:.3f}; "
               f"repair latency {s['mean_repair_latency_s']:.1f} vs {d['mean_repair_latency_s']:.1f} s; infant "
               f"positive affect {s['positive_affect']:.3f} vs {d['positive_affect']:.3f} (still_face, "
               f"{runs.n:,} infants each)")
        return [Row("CW2", "depressed dyads (Reck et al. 2004; Tronick & Reck 2009)",
                    "depressed caregiver: lower matched_share, longer mean_repair_latency_s, lower infant "
                    "positive affect in play than sensitive", sim, ok)]

    @register_check("CW3", order=203)
    def cw3(runs):
        n, seed = _size(runs)
        v = cw3_values(n, seed)
        g, d = v["good_enough"], v["depressed"]
        effect = all(x["positive_affect"][1] < x["positive_affect"][0] and x["gaze"][1] < x["gaze"][0]
                     and x["negative_affect"][1] > x["negative_affect"][0] for x in (g, d))
        rise_g = g["negative_affect"][1] - g["negative_affect"][0]
        rise_d = d["negative_affect"][1] - d["negative_affect"][0]
        pa_g, pa_d = g["positive_affect"][1], d["positive_affect"][1]
        ok = effect and rise_d < rise_g and pa_d > pa_g
        sim = (f"still-face effect after both histories: {'yes' if effect else 'no'}; negative-affect rise "
               f"{rise_g:.3f} (good_enough) vs {rise_d:.3f} (depressed); positive affect in the still-face "
               f"{pa_g:.3f} vs {pa_d:.3f} (4 months of history, own caregiver, {n:,} infants each)")
        return [Row("CW3", "still-face after a depressed history (Graham et al. 2018; Field et al. 2005, 2007)",
                    "SF1 signs after both; smaller negative-affect rise and more positive affect in the "
                    "still-face after the depressed history", sim, ok)]

    @register_check("CW4", order=204)
    def cw4(runs):
        n, seed = _size(runs)
        v = cw4_values(n, seed)
        w, wo = v["with"], v["without"]
        ratio = w["D"] / max(wo["D"], 1e-9)
        ok = w["B"] < wo["B"] and 1.3 <= ratio <= 2.2
        sim = (f"low_risk, no caregiver with symptoms vs all: B {wo['B']:.1f}% vs {w['B']:.1f}%, A {wo['A']:.1f}% "
               f"vs {w['A']:.1f}%, C {wo['C']:.1f}% vs {w['C']:.1f}%, D {wo['D']:.1f}% vs {w['D']:.1f}% "
               f"(x{ratio:.2f}; {n:,} infants each)")
        return [Row("CW4", "attachment with a caregiver with depressive symptoms (Martins & Gaffan 2000)",
                    f"fewer B; D about {pub.value('not_depressed.D'):g}% → {pub.value('depressed.D'):g}% "
                    "(checked as B lower and D x1.3-2.2)", sim, ok)]

    @register_check("CW5", order=205)
    def cw5(runs):
        n, seed = _size(runs)
        v = cw5_values(n, seed)
        t, dy = v["treatment"], v["dyadic"]
        ok = (dy["d_sensitivity"] > dy["h_security"] > 0 and t["d_sensitivity"] < dy["d_sensitivity"]
              and t["h_security"] < dy["h_security"])
        sim = (f"dyadic help: sensitivity d {dy['d_sensitivity']:.2f}, security h {dy['h_security']:.2f}; "
               f"treatment alone: d {t['d_sensitivity']:.2f}, h {t['h_security']:.2f}; B {v['none']['B']:.1f}% "
               f"(none), {t['B']:.1f}% (treatment), {dy['B']:.1f}% (dyadic) (global_mixed caregivers all with "
               f"symptoms, support from {SUPPORT_FROM_MONTHS:g} months, {n:,} each)")
        return [Row("CW5", "support (Bakermans-Kranenburg et al. 2003; Forman et al. 2007; Cicchetti et al. 1999)",
                    "dyadic help moves observed sensitivity more than security (published d "
                    f"{pub.value('intervention.d_sensitivity'):.2f} vs {pub.value('intervention.d_security'):.2f}), "
                    "both up; treating the depression alone moves both less", sim, ok)]

    @register_check("CW6", order=206)
    def cw6(runs):
        got, want = cw6_values(), cw6_targets()
        ci = pub.value("postnatal_depression.ci_low"), pub.value("postnatal_depression.ci_high")
        ok = all(abs(got[k] - want[k]) <= 2.0 for k in want) and ci[0] <= got["global_mixed"] <= ci[1]
        sim = "; ".join(f"{k} {got[k]:.1f}%" for k in want) + " of caregivers drawn with depressive symptoms"
        return [Row("CW6", "how common postnatal depression is (Shorey et al. 2018; NICE QS115)",
                    f"about {want['global_mixed']:g}% (95% CI {ci[0]:g}-{ci[1]:g}%) pooled; Europe "
                    f"{want['low_risk']:g}%, Middle East {want['high_risk']:g}% (global_mixed, low_risk, high_risk)",
                    sim, ok)]


_register()
