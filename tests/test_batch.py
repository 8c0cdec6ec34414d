"""The blocked batch runner: results never depend on the number of workers; one block is a plain Session."""

import numpy as np

from simulator.model import batch
from simulator.model.scenario import load_scenario
from simulator.model.session import Session


def _same(a: dict, b: dict) -> None:
    assert a.keys() == b.keys()
    for k in a:
        np.testing.assert_array_equal(a[k], b[k], err_msg=k)


def test_workers_do_not_change_results(monkeypatch):
    monkeypatch.setattr(batch, "BLOCK", 8)
    sc = load_scenario("still_face")
    one = batch.run_batch(sc, 20, seed=4, workers=1)
    two = batch.run_batch(sc, 20, seed=4, workers=2)
    _same(one.measures, two.measures)
    assert one.scores.classification == two.scores.classification
    np.testing.assert_array_equal(one.final["stress_load"], two.final["stress_load"])
    assert one.n == 20 and one.measures["positive_affect"].shape == (20, 3)


def test_one_block_is_exactly_a_session():
    sc = load_scenario("still_face")
    res = batch.run_batch(sc, 30, infant="avoidant", seed=9, score=False)
    direct = Session(sc, n=30, infant="avoidant", seed=9).run()
    _same(res.measures, direct.episode_measures())


def test_blocks_differ_from_each_other(monkeypatch):
    monkeypatch.setattr(batch, "BLOCK", 10)
    res = batch.run_batch(load_scenario("still_face"), 20, seed=1, workers=1, score=False)
    pa = res.measures["positive_affect"]
    assert not np.array_equal(pa[:10], pa[10:])  # each block has its own random stream
