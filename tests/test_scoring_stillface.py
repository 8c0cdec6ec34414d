"""Still-Face measures from the behaviour log: SF1, SF2 and SF4 directions, slopes and effect sizes."""

import numpy as np
import pytest

from simulator.model.behaviour import Behaviour as B
from simulator.model.scenario import load_scenario
from simulator.model.scoring import EpisodeStructure
from simulator.model.scoring import stillface as SF
from simulator.model.scoring.handlog import HandLog
from simulator.model.session import Session


@pytest.fixture(scope="module")
def sf():
    s = Session(load_scenario("still_face"), n=400, seed=5).run()
    return s, SF.coded_means(s.log)


def test_sf1_still_face_effect(sf):
    _, m = sf
    eff = SF.still_face_effects(m)
    assert eff["positive"]["play->still_face"]["d_av"] < 0
    assert eff["gaze"]["play->still_face"]["d_av"] < 0
    assert eff["negative"]["play->still_face"]["d_av"] > 0


def test_sf2_partial_carry_over(sf):
    _, m = sf
    pos = np.nanmean(m["positive"], axis=0)
    neg = np.nanmean(m["negative"], axis=0)
    assert pos[0] > pos[2] > pos[1]
    assert neg[0] < neg[2] < neg[1]
    eff = SF.still_face_effects(m)
    for k in ("positive", "negative"):
        base = abs(eff[k]["play->still_face"]["d_av"])
        assert abs(eff[k]["play->reunion"]["d_av"]) < base
        assert abs(eff[k]["still_face->reunion"]["d_av"]) < base


def test_sf4_within_episode_slopes(sf):
    s, _ = sf
    sl = {k: np.nanmean(v) for k, v in SF.slopes(s.log, 1).items()}
    assert sl["gaze"] < 0 and sl["positive"] < 0 and sl["bids"] < 0
    assert sl["negative"] > 0


def test_sf5_bids_peak_before_protest(sf):
    s, _ = sf
    shares, _ = SF.binned(s.log, 1)
    peak = {k: np.nanargmax(np.nanmean(shares[k], axis=1)) for k in ("bids", "negative")}
    assert peak["bids"] < peak["negative"]


def test_slopes_of_a_hand_built_log():
    st = EpisodeStructure.from_presence(["play", "still_face", "reunion"], [1, 1, 1], [0, 0, 0])
    h = HandLog(st, durations_s=[120, 120, 120], n=2, default=B.LOOK)
    h.paint(1, 60.0, 120.0, B.CRY, infant=0)  # looks for a minute, then cries
    sl = SF.slopes(h.log(), 1)
    assert sl["gaze"][0] < 0 and sl["negative"][0] > 0
    assert sl["gaze"][1] == 0 and sl["negative"][1] == 0
    m = SF.coded_means(h.log())
    assert m["negative"][0, 1] == pytest.approx(0.5) and m["gaze"][0, 1] == pytest.approx(0.5)


def test_paired_d():
    a = np.array([0.0, 1.0, 2.0, 3.0])
    d = SF.paired_d(a, a + 1.0 + np.array([0.0, 0.1, -0.1, 0.0]))
    assert d["d_av"] > 0 and d["d_z"] > d["d_av"] and d["n"] == 4
    assert np.isnan(SF.paired_d(np.array([1.0]), np.array([2.0]))["d_av"])


def test_score_session_carries_still_face_means_and_slopes(sf):
    from simulator.model.scoring import score_session
    s, m = sf
    r = score_session(s)
    assert set(r.still_face) == {"means", "slopes"}
    np.testing.assert_array_equal(r.still_face["means"]["gaze"], m["gaze"])
    assert r.still_face["slopes"]["gaze"].shape == (s.n, 3)
    assert np.nanmean(r.still_face["slopes"]["gaze"][:, 1]) < 0 < np.nanmean(r.still_face["slopes"]["negative"][:, 1])
    assert r.classification == [""] * s.n and r.disorganization.shape == (s.n,)
