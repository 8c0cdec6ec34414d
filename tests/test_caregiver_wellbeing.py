"""Caregiver well-being: depressive symptoms and fatigue change how a caregiver responds (science.md CW1-CW2).

Symptoms, not diagnoses, drive it, and nothing here is a label on the infant: the infants are the same
presets; only the caregiver's state differs.
"""

import csv
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from simulator.model.params import ALL_PARAMS
from simulator.model.policies import POLICY_IDS, Caregivers, Policy
from simulator.model.scenario import load_scenario
from simulator.model.session import Session

ROOT = Path(__file__).resolve().parents[1]


def measures(scenario, n=400, seed=0, **kw):
    s = Session(load_scenario(scenario), n=n, seed=seed, **kw)
    s.run()
    return s.episode_measures()


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
        r = subprocess.run([sys.executable, "main.py", "batch", "still_face", "--caregiver", cg, "--n", "1000",
                            "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=600)
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
