"""The Population lab's spread across infants (model side): per-infant change, its histogram, %B in classes."""

import numpy as np

from simulator.model.population.spread import ID8_SIZE, LAB_CHANGE_BIN, lab_spread


def _measures(n: int, rng) -> dict:
    na = np.column_stack([rng.uniform(0, 0.3, n), rng.uniform(0, 0.9, n), rng.uniform(0, 0.5, n)])
    return {"negative_affect": na}


def test_change_and_histogram_are_per_infant():
    rng = np.random.default_rng(1)
    m = _measures(200, rng)
    bf = np.where(rng.random(200) < 0.6, "B", "A")
    sp = lab_spread(m, bf, seed=3)
    assert np.allclose(sp["change"], m["negative_affect"][:, 1] - m["negative_affect"][:, 0])
    assert sp["counts"].sum() == 200
    assert np.allclose(np.diff(sp["edges"]), LAB_CHANGE_BIN)
    assert sp["edges"][0] <= sp["change"].min() and sp["edges"][-1] >= sp["change"].max()
    # Each class's %B is a count out of ID8_SIZE, and classes really differ (sampling spread, not one number).
    pct = sp["pct_b"]
    assert pct.shape == (30,)
    assert np.allclose(pct * ID8_SIZE / 100.0, np.round(pct * ID8_SIZE / 100.0))
    assert sp["b_lo"] < sp["b_median"] < sp["b_hi"]
    assert abs(sp["b_all"] - 100.0 * np.mean(bf == "B")) < 1e-9


def test_classes_follow_the_run_and_the_seed():
    rng = np.random.default_rng(2)
    m = _measures(120, rng)
    all_b = lab_spread(m, np.array(["B"] * 120), seed=0)
    assert np.all(all_b["pct_b"] == 100.0)
    bf = np.array(["B"] * 60 + ["C"] * 60)
    a, b, c = lab_spread(m, bf, seed=0), lab_spread(m, bf, seed=0), lab_spread(m, bf, seed=1)
    assert np.array_equal(a["pct_b"], b["pct_b"])
    assert not np.array_equal(a["pct_b"], c["pct_b"])
    assert 35.0 < a["b_median"] < 65.0


def test_too_few_infants_for_a_class():
    rng = np.random.default_rng(3)
    sp = lab_spread(_measures(ID8_SIZE, rng), np.array(["B"] * ID8_SIZE), seed=0)
    assert sp["pct_b"].size == 0 and sp["counts"].sum() == ID8_SIZE
