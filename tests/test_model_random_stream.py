"""Each infant's counter-based stream of random numbers (simulator/model/random_stream.py)."""

import numpy as np

from simulator.model.random_stream import (NOISE_ROW, UNIFORMS_PER_STEP, UNIT_VARIANCE, fill_uniforms,
                                           infant_keys)
from simulator.model.scenario import load_scenario
from simulator.model.session import Session


def _fill(keys, k, live=None, lo=0, hi=None):
    n = keys.shape[0]
    u = np.full((UNIFORMS_PER_STEP, n), -7.0, dtype=np.float32)
    fill_uniforms(keys, k, u, np.ones(n, dtype=bool) if live is None else live, lo, n if hi is None else hi)
    return u


def test_it_is_splitmix64():
    # SplitMix64 from state 0: the first output is 0xE220A8397B1DCDAF (Steele, Lea & Flood 2014; the
    # reference implementation). Key 0 at step 0 is that state: its first two uniforms are the output's
    # top 24 bits and bits 16-39.
    first = 0xE220A8397B1DCDAF
    u = _fill(np.zeros(1, dtype=np.uint64), 0)
    assert u[0, 0] == np.float32((first >> 40) / 2**24)
    assert u[1, 0] == np.float32(((first >> 16) & 0xFFFFFF) / 2**24)


def test_uniforms_and_noise_have_the_right_moments_and_no_correlation():
    keys = infant_keys(np.random.default_rng(5), 400)
    u = np.concatenate([_fill(keys, k) for k in range(250)], axis=1).astype(np.float64)  # (12, 100,000)
    uni, noise = u[:NOISE_ROW], u[NOISE_ROW:]
    assert uni.min() >= 0.0 and uni.max() < 1.0
    assert np.allclose(uni.mean(axis=1), 0.5, atol=0.01) and np.allclose(uni.var(axis=1), 1 / 12, atol=0.003)
    assert np.allclose(noise.mean(axis=1), 0.0, atol=0.02) and np.allclose(noise.var(axis=1), 1.0, atol=0.03)
    assert abs(noise).max() <= UNIT_VARIANCE / 2 + 1e-6
    c = np.corrcoef(u)
    assert np.abs(c[~np.eye(UNIFORMS_PER_STEP, dtype=bool)]).max() < 0.02  # rows independent
    steps = np.stack([_fill(keys, k)[0] for k in range(200)]).astype(np.float64)  # (steps, infants)
    assert abs(np.corrcoef(steps[:-1].ravel(), steps[1:].ravel())[0, 1]) < 0.02  # step to step
    assert abs(np.corrcoef(steps[:, :-1].ravel(), steps[:, 1:].ravel())[0, 1]) < 0.02  # infant to infant


def test_an_infants_numbers_do_not_depend_on_which_others_are_filled():
    keys = infant_keys(np.random.default_rng(1), 50)
    whole = _fill(keys, 17)
    live = np.arange(50) % 3 != 0
    part = _fill(keys, 17, live=live, lo=10, hi=40)
    inside = np.zeros(50, dtype=bool)
    inside[10:40] = True
    assert np.array_equal(part[:, live & inside], whole[:, live & inside])
    assert np.all(part[:, ~(live & inside)] == -7.0)  # finished or outside the range: left as it was
    assert not np.array_equal(_fill(keys, 18), whole)  # each step its own numbers


def test_same_seed_same_numbers_and_the_keys_come_from_the_sessions_generator():
    sc = load_scenario("still_face")
    a, b, c = (Session(sc, n=8, seed=s) for s in (3, 3, 4))
    assert np.array_equal(a._keys, b._keys) and not np.array_equal(a._keys, c._keys)
    assert len(set(a._keys.tolist())) == 8
    for _ in range(30):
        a.step(), b.step()
    assert np.array_equal(a.state.arousal, b.state.arousal) and np.array_equal(a.log.codes, b.log.codes)
