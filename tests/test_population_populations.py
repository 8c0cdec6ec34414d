"""Populations through the Strange Situation: directions and orders of PD2, PD4, PD6, the prototype histories,
and the batch command with ``--infant POPULATION``. Classes come only from scoring the developed infants."""

import csv
from collections import Counter

import dataclasses

import numpy as np
import pytest

from simulator.model.infant import InfantParams
from simulator.model.population import (PROTOTYPE_HISTORIES, POPULATIONS, ProfileParams, develop,
                                        develop_population, population_session)
from simulator.model.population.checks import point_biserial
from simulator.model.population.development import post_procedure_load
from simulator.model.scenario import load_scenario
from simulator.model.session import Session

pytestmark = pytest.mark.slow
N_POP = 300
N_PROTO = 50


def _concat(parts):
    return InfantParams(**{f.name: np.concatenate([getattr(p, f.name) for p in parts])
                           for f in dataclasses.fields(InfantParams)})


@pytest.fixture(scope="module")
def runs():
    """low_risk and high_risk populations and the four prototype histories, one scored session."""
    from simulator.model.scoring import score_session

    low = develop_population("low_risk", N_POP, 12.0, seed=3)
    high = develop_population("high_risk", N_POP, 12.0, seed=3)
    protos = {preset: develop(ProfileParams.from_profile(profile, N_PROTO), 12.0, rng=k)
              for k, (preset, profile) in enumerate(PROTOTYPE_HISTORIES.items())}
    params = _concat([low.params, high.params] + [d.params for d in protos.values()])
    s = Session(load_scenario("strange_situation"), n=params.n, seed=4, params=params, preset_label="mixed")
    s.run()
    cls = np.array(score_session(s).classification)
    final = {"arousal": s.state.arousal.copy(), "stress_load": s.state.stress_load.copy()}
    return {"low": low, "high": high, "protos": protos, "cls": cls, "params": params, "final": final}


def test_pd2_high_risk_has_more_disorganisation(runs):
    cls = runs["cls"]
    d_low = np.mean(cls[:N_POP] == "D")
    d_high = np.mean(cls[N_POP:2 * N_POP] == "D")
    assert 0.05 <= d_low <= 0.25
    assert d_high > 1.5 * d_low


def test_pd4_sensitivity_relates_to_security_modestly_and_does_not_determine_it(runs):
    cls = runs["cls"][:2 * N_POP]
    sens = np.concatenate([runs["low"].profile.sensitivity, runs["high"].profile.sensitivity])
    b = cls == "B"
    r = point_biserial(sens, b)
    assert 0.0 < r < 0.5
    q1, q3 = np.quantile(sens, [0.25, 0.75])
    assert 0.0 < b[sens >= q3].mean() < 1.0 and 0.0 < b[sens <= q1].mean() < 1.0


def test_pd6_post_procedure_load_is_higher_for_insecure_than_secure(runs):
    n = 2 * N_POP
    sub = np.arange(n)
    load = post_procedure_load(runs["params"].subset(sub), {k: v[:n] for k, v in runs["final"].items()},
                               600.0, rng=5)
    cls = runs["cls"][:n]
    assert load[np.isin(cls, list("ACD"))].mean() > load[cls == "B"].mean()


def test_prototype_histories_classify_as_their_pattern(runs):
    cls = runs["cls"][2 * N_POP:]
    expected = {"secure": "B", "avoidant": "A", "resistant": "C", "disorganized": "D"}
    for k, preset in enumerate(PROTOTYPE_HISTORIES):
        got = Counter(cls[k * N_PROTO:(k + 1) * N_PROTO])
        assert got[expected[preset]] / N_PROTO >= 0.75, (preset, got)


def test_population_session_is_seeded_and_labelled():
    sc = load_scenario("strange_situation")
    a = population_session(sc, "global_mixed", 12, seed=2)
    b = population_session(sc, "Global_Mixed", 12, seed=2)
    np.testing.assert_array_equal(a.params.deactivation, b.params.deactivation)
    assert a.preset_label == "global_mixed" and np.all(a.params.age_months == 12.0)
    assert a.development.profile.sensitivity.shape == (12,)
    assert set(POPULATIONS) == {"low_risk", "high_risk", "global_mixed"}


def test_batch_with_a_population_carries_its_id(tmp_path):
    from simulator.cli import main

    out = tmp_path / "b.csv"
    assert main(["batch", "still_face", "--n", "4", "--infant", "high_risk", "--seed", "1", "--out", str(out)]) == 0
    rows = list(csv.DictReader(out.open()))
    assert len(rows) == 4 * 3 and {r["preset"] for r in rows} == {"high_risk"}
