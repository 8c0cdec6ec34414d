"""The Population lab's model (``simulator.model.population.lab``): one run develops, runs the Strange Situation
and the Still-Face, scores, and summarises as shares; deterministic; the same model the batch and CLI use."""

from __future__ import annotations

import numpy as np
import pytest

from simulator.model.population import populations
from simulator.model.population.lab import (BEST_FIT_CLASSES, CLASSES, LabSettings, develop_history, run_lab,
                                            stage_progress)
from simulator.model.scenario import load_scenario

N = 30


@pytest.fixture(scope="module")
def low_risk():
    return run_lab(LabSettings("low_risk", N, seed=3))


def test_shapes_and_shares(low_risk):
    r = low_risk
    assert r.n == N and r.classification.shape == (N,) and r.best_fit.shape == (N,)
    assert set(r.classification) <= set(CLASSES) and set(r.best_fit) <= set(BEST_FIT_CLASSES)
    assert len(r.reasons) == N and r.params.n == N and r.profile.sensitivity.shape == (N,)
    shares = r.class_shares()
    assert list(shares) == list(CLASSES) and abs(sum(shares.values()) - 100.0) < 1e-9
    for c in CLASSES:
        assert shares[c] == pytest.approx(100.0 * np.mean(r.classification == c))
    bf = r.best_fit_shares()
    assert list(bf) == list(BEST_FIT_CLASSES) and abs(sum(bf.values()) - 100.0) < 1e-9
    assert all(v.shape == (len(r.sf_episodes),) for v in r.sf_means.values())
    assert sorted(r.order(), key=lambda i: i) == list(range(N))
    ranks = [CLASSES.index(r.classification[i]) for i in r.order()]
    assert ranks == sorted(ranks)


def test_same_settings_same_result_and_a_new_seed_a_new_sample(low_risk):
    again = run_lab(LabSettings("low_risk", N, seed=3))
    assert np.array_equal(again.classification, low_risk.classification)
    assert np.array_equal(again.params.expectation, low_risk.params.expectation)
    for k in low_risk.sf_means:
        assert np.allclose(again.sf_means[k], low_risk.sf_means[k], equal_nan=True)
    other = run_lab(LabSettings("low_risk", N, seed=4))
    assert not np.array_equal(other.params.expectation, low_risk.params.expectation)


def test_one_model_the_lab_classifies_as_the_population_batch_does(low_risk):
    """No second copy: the lab's classifications are the blocked batch runner's for the same population."""
    populations.LAST_DEVELOPMENT.clear()
    batch = populations.population_batch(load_scenario("strange_situation"), "low_risk", N, seed=3, workers=1)
    assert list(batch.scores.classification) == list(low_risk.classification)


def test_prevalence_changes_the_draw_of_a_population_only():
    a = develop_history("global_mixed", 200, 1.0, seed=2, prevalence=0.0)
    b = develop_history("global_mixed", 200, 1.0, seed=2, prevalence=0.5)
    assert a.profile.depressive_symptoms.max() == 0.0 and np.mean(b.profile.depressive_symptoms > 0) > 0.3
    assert LabSettings("good_enough", 10, prevalence=0.5).kind == "profile"
    with pytest.raises(KeyError):
        develop_history("no_such_history", 10, 1.0, seed=0)


def test_progress_goes_forward_and_an_exception_stops_the_run():
    seen = []
    short = {"episode.play.duration_s": 10.0}
    settings = LabSettings("good_enough", 12, seed=1, months=1.0, sf_overrides=short)
    run_lab(settings, lambda stage, f: seen.append(stage_progress(stage, f)))
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)

    class Stop(Exception):
        pass

    def stop_in_ssp(stage, f):
        if stage == "ssp":
            raise Stop

    with pytest.raises(Stop):
        run_lab(settings, stop_in_ssp)
