"""Development and profiles: determinism, ranges, direction of learning, the CLI's develop command."""

import csv

import numpy as np
import pytest

from simulator.model.population import (POPULATIONS, PROFILE_PARAMETERS, PROFILES, ProfileParams, develop,
                                        resolve_profile, sample_caregiving)
from simulator.model.population.checks import point_biserial
from simulator.model.population.development import free_play

CONTRACT_PROFILES = ("sensitive_repair", "good_enough", "slow_repair", "rebuffing", "unpredictable",
                     "frightening", "phone_heavy")


def _dev(profile, n=120, months=6, seed=1):
    return develop(ProfileParams.from_profile(profile, n), months, rng=seed)


def test_contract_profiles_exist_with_documented_parameters():
    for pid in CONTRACT_PROFILES:
        p = PROFILES[pid]
        assert p.description
        for name, (lo, hi, _, _) in PROFILE_PARAMETERS.items():
            assert lo <= getattr(p, name) <= hi
    assert resolve_profile("Rejecting") == "rebuffing"
    with pytest.raises(KeyError):
        resolve_profile("nope")


def test_development_is_deterministic_for_a_seed():
    a, b = _dev("good_enough", n=40, months=3, seed=3), _dev("good_enough", n=40, months=3, seed=3)
    c = _dev("good_enough", n=40, months=3, seed=4)
    for name in ("expectation", "deactivation", "hyperactivation", "fear_of_caregiver"):
        np.testing.assert_array_equal(getattr(a.params, name), getattr(b.params, name))
    assert not np.array_equal(a.params.expectation, c.params.expectation)


def test_developed_parameters_are_in_range_and_age_is_months():
    r = _dev("frightening", n=50, months=3)
    for name in ("expectation", "deactivation", "hyperactivation", "fear_of_caregiver"):
        v = getattr(r.params, name)
        assert np.all((v >= 0) & (v <= 1)) and np.all(np.isfinite(v))
    assert np.all(r.params.age_months == 3)


def test_histories_move_the_working_model_in_the_expected_directions():
    sens, reb = _dev("sensitive_repair"), _dev("rebuffing")
    unp, fri = _dev("unpredictable"), _dev("frightening")
    assert sens.params.expectation.mean() > reb.params.expectation.mean() + 0.2
    assert reb.params.deactivation.mean() > sens.params.deactivation.mean() + 0.3
    assert unp.params.hyperactivation.mean() > sens.params.hyperactivation.mean() + 0.3
    assert unp.params.hyperactivation.mean() > reb.params.hyperactivation.mean() + 0.2
    assert fri.params.fear_of_caregiver.mean() > 0.4 > sens.params.fear_of_caregiver.mean() + 0.3


def test_zero_months_is_the_unformed_working_model():
    r = _dev("rebuffing", n=10, months=0)
    assert np.allclose(r.params.deactivation, 0.0) and np.allclose(r.params.expectation, 0.5)


def test_mr3_free_play_good_enough_vs_slow_repair_at_equal_matched_share():
    n = 300
    out = {}
    for pid in ("good_enough", "slow_repair"):
        prof = ProfileParams.from_profile(pid, n)
        young = develop(prof, 4.0, rng=7)
        out[pid] = free_play(prof, young.params, 120.0, rng=8)
    g, s = out["good_enough"], out["slow_repair"]
    assert abs(g["matched_share"].mean() - s["matched_share"].mean()) <= 0.05
    assert np.nanmean(g["neg_bout_s"]) < np.nanmean(s["neg_bout_s"])
    assert g["positive_affect"].mean() > s["positive_affect"].mean()


def test_mr3_good_enough_builds_a_more_expectant_working_model_than_slow_repair():
    g, s = _dev("good_enough", n=200, months=12), _dev("slow_repair", n=200, months=12)
    assert g.params.expectation.mean() > s.params.expectation.mean()
    assert g.params.hyperactivation.mean() <= s.params.hyperactivation.mean()


def test_population_draws_are_documented_and_vary():
    rng = np.random.default_rng(0)
    for pid in ("low_risk", "high_risk", "global_mixed"):
        pop = POPULATIONS[pid]
        assert pop.description and pop.source
        prof = sample_caregiving(pid, 2000, rng)
        assert prof.sensitivity.std() > 0.05
        assert 0 < (prof.frightening_per_day > 0).mean() < 1
    low = sample_caregiving("low_risk", 4000, np.random.default_rng(1))
    high = sample_caregiving("high_risk", 4000, np.random.default_rng(1))
    assert low.sensitivity.mean() > high.sensitivity.mean()
    assert (high.frightening_per_day > 0).mean() > 2 * (low.frightening_per_day > 0).mean()
    # Sensitivity is related to the other caregiving parameters, loosely (PD4: modest, not determining).
    r = point_biserial(low.comfort_welcome, low.sensitivity > np.median(low.sensitivity))
    assert 0.0 < r < 0.6


def test_develop_command_writes_one_row_per_infant(tmp_path):
    from simulator.cli import main
    from simulator.cli.develop import DEVELOP_COLUMNS

    out = tmp_path / "dev.csv"
    assert main(["develop", "--profile", "rebuffing", "--months", "2", "--n", "5", "--seed", "3",
                 "--out", str(out), "--no-ssp"]) == 0
    rows = list(csv.DictReader(out.open()))
    assert len(rows) == 5 and tuple(rows[0].keys()) == DEVELOP_COLUMNS
    assert rows[0]["profile"] == "rebuffing" and rows[0]["classification"] == ""
    first = out.read_bytes()
    assert main(["develop", "--profile", "rebuffing", "--months", "2", "--n", "5", "--seed", "3",
                 "--out", str(out), "--no-ssp"]) == 0
    assert out.read_bytes() == first


@pytest.mark.parametrize("argv, where", [
    (["--profile", "nope"], "--profile"),
    (["--profile", "good_enough", "--months", "-1"], "--months"),
    (["--profile", "good_enough", "--n", "0"], "--n"),
    (["--profile", "good_enough", "--out", "x.txt"], "--out"),
])
def test_develop_command_errors_are_one_line_exit_2(tmp_path, capsys, argv, where):
    from simulator.cli import main

    argv = ["develop", *argv]
    if "--out" not in argv:
        argv += ["--out", str(tmp_path / "d.csv")]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and where in err[0]


def test_population_development_does_not_depend_on_workers(monkeypatch):
    import simulator.model.population.populations as P

    monkeypatch.setattr(P, "BLOCK", 10)
    a = P.develop_population("low_risk", 25, 1, seed=1, workers=2)
    b = P.develop_population("low_risk", 25, 1, seed=1, workers=1)
    assert a.params.n == 25 and a.profile.n == 25
    np.testing.assert_array_equal(a.params.deactivation, b.params.deactivation)
    np.testing.assert_array_equal(a.profile.sensitivity, b.profile.sensitivity)
