"""Infants differ like real infants (science.md section 6): response styles, magnitudes, age, secure base.

Seeded populations on another seed than docs/validation.md's, so the rows are not tuned to one draw.
"""

import numpy as np
import pytest

from simulator.model.params import TEMPERAMENT, sample_infants
from simulator.model.population import spread
from simulator.model.scenario import load_scenario
from simulator.model.session import Session

N = 800
SEED = 4242

pytestmark = pytest.mark.slow


def test_id1_still_face_response_styles_fall_in_their_bands():
    pct = spread.still_face_values(N, SEED)["pct"]
    for style, (lo, hi) in spread.ID1_BANDS.items():
        assert lo <= pct[style] <= hi, (style, pct)
    # Crying is a minority response (ID3): most infants never reach the negatively engaged threshold.
    assert pct["negative"] < pct["social"] < pct["disengaged"]


def test_id2_arousal_rises_by_about_one_sd_not_by_ten():
    v = spread.arousal_values(N, SEED)
    assert spread.ID2_BAND[0] <= v["d_sf"] <= spread.ID2_BAND[1]
    assert 0.0 < v["d_re"] <= v["d_sf"]
    # The spread is real: some infants' arousal hardly moves, others' rises far.
    change = v["change"]
    assert np.percentile(change, 10) < 0.03 < 0.2 < np.percentile(change, 95)


def test_id4_id5_secure_base_and_secure_without_tears():
    v = spread.strange_situation_values(N, SEED)
    assert v["quiet_b"] >= spread.ID4_MIN
    assert v["ps_base"] <= spread.ID5_BASE_MAX
    assert v["ps_reunion"] - v["ps_base"] >= spread.ID5_RISE


def test_id6_gaze_falls_with_age_and_the_age_scenarios_differ():
    v = spread.age_values(N, SEED)
    assert v[2] - v[6] >= spread.ID6_MIN_DROP
    assert len(set(v.values())) == 4


def test_every_default_infant_is_a_different_baby():
    sc = load_scenario("still_face")
    a, b = (Session(sc, n=1, seed=s).params for s in (1, 2))
    assert all(getattr(a, name)[0] != getattr(b, name)[0] for name in TEMPERAMENT)
    # ... and the same baby for the same seed.
    c = Session(sc, n=1, seed=1).params
    assert all(getattr(a, name)[0] == getattr(c, name)[0] for name in TEMPERAMENT)


def test_temperament_spreads_as_documented():
    p = sample_infants("secure", 20000, 4.0, np.random.default_rng(0))
    for name, (mean, sd, lo, hi) in TEMPERAMENT.items():
        x = getattr(p, name)
        assert lo <= x.min() and x.max() <= hi
        assert abs(float(x.mean()) - mean) < 0.02 and abs(float(x.std()) - sd) < 0.03, name
    # About one infant in five is high-reactive (Kagan & Snidman 1991).
    assert 0.15 < float((p.reactivity > 0.7).mean()) < 0.3


def test_two_age_scenarios_give_different_batch_files(tmp_path):
    from simulator.cli import main

    outs = []
    for months in (2, 6):
        out = tmp_path / f"b{months}.csv"
        assert main(["batch", f"still_face_{months}m", "--n", "20", "--seed", "3", "--out", str(out)]) == 0
        outs.append(out.read_bytes())
    assert outs[0] != outs[1]
