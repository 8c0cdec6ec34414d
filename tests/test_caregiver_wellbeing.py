"""Caregiver well-being: depressive symptoms and fatigue change how a caregiver responds (science.md CW1-CW2).

Symptoms, not diagnoses, drive it, and nothing here is a label on the infant: the infants are the same
presets; only the caregiver's state differs.
"""

import csv
import functools

import numpy as np
import pytest
from cli_helpers import run_cli

from simulator.model.params import ALL_PARAMS
from simulator.model.policies import POLICY_IDS, Caregivers, Policy
from simulator.model.scenario import load_scenario
from simulator.model.session import Session


def measures(scenario, n=400, seed=0, overrides=None, **kw):
    """The episode measures of a finished run (each distinct run made once per process; a fresh dict each call)."""
    return dict(_measures(scenario, n, seed, tuple(sorted((overrides or {}).items())), tuple(sorted(kw.items()))))


@functools.cache
def _measures(scenario, n, seed, overrides, kw):
    s = Session(load_scenario(scenario), n=n, seed=seed, overrides=dict(overrides), **dict(kw))
    s.run()
    m = s.episode_measures()
    for value in m.values():
        value.flags.writeable = False
    return m


def test_depressed_is_a_policy_and_symptoms_are_parameters():
    assert "depressed" in POLICY_IDS
    for key in ("caregiver.depressive_symptoms", "caregiver.fatigue", "caregiver.intrusiveness"):
        assert key in ALL_PARAMS
    assert ALL_PARAMS["caregiver.depressive_symptoms"].default == 0.0  # no symptoms unless asked for


def test_cw2_batch_depressed_against_sensitive(tmp_path):
    """CW2 through the contract's command: ``batch still_face --caregiver depressed --n 1000``."""
    rows = {}
    for cg in ("sensitive", "depressed"):
        out = tmp_path / f"{cg}.csv"
        r = run_cli("batch", "still_face", "--caregiver", cg, "--n", "1000", "--out", out)
        assert r.returncode == 0, r.stderr
        with out.open() as f:
            rows[cg] = [row for row in csv.DictReader(f) if row["episode_name"] == "play"]

    def mean(cg, col):
        return np.nanmean([float(r[col]) if r[col] != "" else np.nan for r in rows[cg]])

    assert mean("depressed", "matched_share") < mean("sensitive", "matched_share") - 0.05
    assert mean("depressed", "mean_repair_latency_s") > mean("sensitive", "mean_repair_latency_s") + 1.0
    assert mean("depressed", "positive_affect") < mean("sensitive", "positive_affect") - 0.05


@pytest.mark.parametrize("key", ["caregiver.depressive_symptoms", "caregiver.fatigue"])
def test_symptoms_on_any_policy_move_play_the_same_way(key):
    base = measures("everyday_rupture_repair", n=300)
    low = measures("everyday_rupture_repair", n=300, overrides={key: 0.8})
    for m in (base, low):
        m["lat"] = np.nanmean(m["mean_repair_latency_s"][:, 0])
    assert np.nanmean(low["matched_share"][:, 0]) < np.nanmean(base["matched_share"][:, 0])
    assert low["lat"] > base["lat"]
    assert low["positive_affect"][:, 0].mean() < base["positive_affect"][:, 0].mean()


def test_fatigue_is_milder_than_the_same_level_of_depressive_symptoms():
    dep = measures("everyday_rupture_repair", n=300, overrides={"caregiver.depressive_symptoms": 0.8})
    tired = measures("everyday_rupture_repair", n=300, overrides={"caregiver.fatigue": 0.8})
    assert tired["positive_affect"][:, 0].mean() > dep["positive_affect"][:, 0].mean()


def test_symptoms_never_reach_the_learner_or_an_absent_caregiver():
    c = Caregivers(3, 0.7, 2.0, 4.0, depressive_symptoms=1.0)
    policy = np.array([Policy.LEARNER, Policy.ABSENT, Policy.SENSITIVE], dtype=np.int8)
    u = np.full((3, 3), 0.5, dtype=np.float32)
    c.decide(policy, Policy.SENSITIVE, np.zeros(3), np.full(3, 60.0), np.zeros(3, bool), np.zeros(3, bool),
             np.zeros(3, bool), u)
    assert c.flat[0] == 0.0 and c.flat[1] == 0.0 and c.flat[2] > 0.0


def test_no_symptoms_leave_the_sensitive_caregiver_unchanged():
    """Zero symptoms: the same run with the parameters set explicitly to 0 is identical."""
    a = measures("still_face", n=50, seed=3)
    b = measures("still_face", n=50, seed=3, overrides={"caregiver.depressive_symptoms": 0.0,
                                                         "caregiver.fatigue": 0.0})
    for k in ("positive_affect", "matched_share", "negative_affect"):
        np.testing.assert_array_equal(a[k], b[k])


def test_cw1_simulated_depression_flat_epoch_and_carry_over():
    """CW1 (Cohn & Tronick 1983): the flat epoch brings more protest and looking away, and brief bids; some
    negativity carries over into the renewed play."""
    m = measures("simulated_depression", n=600)
    na, pa, gaze, bids = (m[k].mean(0) for k in ("negative_affect", "positive_affect", "gaze", "bids"))
    assert na[1] > na[0] + 0.03 and gaze[1] < gaze[0] - 0.03 and pa[1] < pa[0]
    assert bids[1] > bids[0]
    assert na[2] > na[0], "negativity continues briefly after the caregiver returns to normal"
    assert na[2] < na[1] and pa[2] > pa[1], "the renewed play is a repair: better than the flat epoch"


# --- development, populations and support (CW3-CW6) -------------------------------------------------------------
from simulator.model.population import wellbeing_checks as W  # noqa: E402
from simulator.model.population.development import develop, supported  # noqa: E402
from simulator.model.population.populations import POPULATIONS, PREVALENCE_KEY, sample_caregiving  # noqa: E402
from simulator.model.population.profiles import PROFILES, ProfileParams  # noqa: E402


def test_depressed_profile_differs_from_good_enough_only_in_symptoms():
    g, d = PROFILES["good_enough"].params(), PROFILES["depressed"].params()
    assert {k for k in g if g[k] != d[k]} == {"depressive_symptoms"}
    assert d["depressive_symptoms"] > 0.5 and g["depressive_symptoms"] == 0.0


def test_cw3_still_face_after_a_depressed_history():
    v = W.cw3_values(n=400)
    for hist in ("good_enough", "depressed"):  # SF1 signs after both histories
        x = v[hist]
        assert x["positive_affect"][1] < x["positive_affect"][0] and x["gaze"][1] < x["gaze"][0]
        assert x["negative_affect"][1] > x["negative_affect"][0]
    rise = {h: v[h]["negative_affect"][1] - v[h]["negative_affect"][0] for h in v}
    assert rise["depressed"] < rise["good_enough"], "a flat-familiar infant reacts less to the still-face"
    # ... and keeps bidding at the still face: more positive affect in it (Field 1984; Graham et al. 2018).
    assert v["depressed"]["positive_affect"][1] > v["good_enough"]["positive_affect"][1]
    dev = develop(ProfileParams.from_profile("depressed", 50), 4.0, rng=1)
    assert dev.params.flat_familiarity.mean() > 0.3
    assert develop(ProfileParams.from_profile("good_enough", 50), 4.0, rng=1).params.flat_familiarity.max() == 0


def test_cw4_fewer_b_and_more_d_with_depressive_symptoms():
    v = W.cw4_values(n=600)
    assert v["with"]["B"] < v["without"]["B"] - 5
    assert 1.3 <= v["with"]["D"] / v["without"]["D"] <= 2.2


def test_cw5_support_moves_sensitivity_more_than_security_and_dyadic_more_than_treatment():
    v = W.cw5_values(n=600)
    dy, tr = v["dyadic"], v["treatment"]
    assert dy["d_sensitivity"] > dy["h_security"] > 0
    assert tr["d_sensitivity"] < dy["d_sensitivity"]
    assert v["none"]["B"] < dy["B"]


def test_support_changes_only_what_it_names():
    p = ProfileParams.from_profile("depressed", 4)
    t, d = supported(p, "treatment"), supported(p, "dyadic")
    assert np.all(t.depressive_symptoms < p.depressive_symptoms)
    np.testing.assert_array_equal(t.sensitivity, p.sensitivity)
    assert np.all(d.sensitivity > p.sensitivity) and np.all(d.response_lag_s < p.response_lag_s)
    with pytest.raises(ValueError):
        supported(p, "magic")


def test_cw6_populations_draw_depressive_symptoms_at_the_published_prevalence():
    got, want = W.cw6_values(), W.cw6_targets()
    for pid in want:
        assert abs(got[pid] - want[pid]) <= 2.0
    assert got["low_risk"] < got["global_mixed"] < got["high_risk"]


def test_prevalence_changes_only_the_symptom_draw():
    a = sample_caregiving("low_risk", 500, np.random.default_rng(3), prevalence=0.0)
    b = sample_caregiving("low_risk", 500, np.random.default_rng(3), prevalence=0.5)
    np.testing.assert_array_equal(a.sensitivity, b.sensitivity)
    assert a.depressive_symptoms.max() == 0.0 and 0.4 < np.mean(b.depressive_symptoms > 0) < 0.6
    assert PREVALENCE_KEY in ALL_PARAMS and all(0 < p.depression_prevalence < 1 for p in POPULATIONS.values())


def test_population_lab_lets_the_learner_change_the_share_of_caregivers_with_depression():
    from view_helpers import make_app
    from simulator.view.scenes.population_lab import PopulationLabScene

    app = make_app()
    lab = PopulationLabScene(app)
    app.push(lab)
    lab.choose("global_mixed")
    assert lab.prevalence_of("global_mixed") == pytest.approx(0.17)
    assert lab.group.find("prevalence:up") is not None
    lab.step_prevalence(1)
    assert lab.prevalence_of("global_mixed") == pytest.approx(0.26)
    lab.set_prevalence(0.5)
    assert lab.prevalence_of("global_mixed") == 0.5 and lab.group.find("prevalence:up").locked
    lab.choose("good_enough")  # a profile: no prevalence to change
    assert lab.group.find("prevalence:up") is None and lab.settings().prevalence is None
    lab.choose("global_mixed")
    assert lab.settings().prevalence == 0.5
    lab.run()
    assert lab.job.settings.prevalence == 0.5
    lab.cancel()