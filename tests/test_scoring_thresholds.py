"""Scoring of hand-built behaviour logs at every threshold boundary (Appendix III, SS4, Main & Solomon)."""

import numpy as np
import pytest

from simulator.model.behaviour import Behaviour as B
from simulator.model.scoring import EpisodeStructure, score_log
from simulator.model.scoring.handlog import HandLog

R1, R2, EP2, SEP1, ALONE, ST_RET = 4, 7, 1, 3, 5, 6  # 0-based episode positions in the Strange Situation


def scores(h: HandLog):
    return score_log(h.log(), h.structure)


def ps(h: HandLog, e: int) -> list[int]:
    return [int(x) for x in scores(h).scales["proximity_seeking"][:, e]]


# --- SS4: the 30-second rule and the 15-second hold --------------------------------------------------
@pytest.mark.parametrize("episode", [R1, ST_RET, R2])
def test_first_approach_at_29_s_allows_7_and_at_31_s_does_not(episode):
    h = HandLog(n=3)
    h.approach_and_hold(episode, 29.0, 16.0, infant=0)
    h.approach_and_hold(episode, 31.0, 16.0, infant=1)
    h.approach_and_hold(episode, 30.0, 16.0, infant=2)  # "more than 30 s" excludes; exactly 30 s is allowed
    assert ps(h, episode) == [7, 6, 7]


def test_30_second_rule_applies_only_where_the_partner_has_just_entered():
    h = HandLog(n=2)
    h.approach_and_hold(EP2, 100.0, 16.0, infant=0)  # episode 2: caregiver present all along
    h.approach_and_hold(SEP1, 100.0, 16.0, infant=1)  # episode 4: the stranger was already there in 3
    s = scores(h).scales["proximity_seeking"]
    assert int(s[0, EP2]) == 7 and int(s[1, SEP1]) == 7
    st = EpisodeStructure.strange_situation()
    assert list(np.flatnonzero(st.entered) + 1) == [5, 7, 8]
    assert list(np.flatnonzero(st.reunion) + 1) == [5, 8]


def test_contact_held_14_s_is_6_and_16_s_is_7():
    h = HandLog(n=2)
    h.approach_and_hold(R1, 5.0, 14.0, infant=0)
    h.approach_and_hold(R1, 5.0, 16.0, infant=1)
    assert ps(h, R1) == [6, 7]


def test_contact_held_exactly_15_s_is_7():
    h = HandLog(n=1)
    h.approach_and_hold(R1, 5.0, 15.0)
    assert ps(h, R1) == [7]


def test_turning_away_during_the_first_15_s_of_contact_prevents_7():
    h = HandLog(n=2)
    h.approach_and_hold(R1, 5.0, 30.0)
    h.paint(R1, 7.5 + 8.0, 7.5 + 9.0, B.AVOID, infant=0)  # turns away 8 s into contact (still in contact)
    h.paint(R1, 7.5 + 20.0, 7.5 + 21.0, B.AVOID, infant=1)  # turns away only after 20 s: 7 stands
    assert ps(h, R1) == [6, 7]


def test_late_first_approach_caps_later_approaches_too():
    h = HandLog(n=1)
    h.paint(R1, 40.0, 41.0, B.APPROACH)  # a first approach at 40 s that goes nowhere ...
    h.approach_and_hold(R1, 60.0, 20.0)  # ... then a full approach with a long hold
    assert ps(h, R1) == [6]


def test_carried_over_contact_is_not_proximity_seeking():
    h = HandLog(n=1)
    h.paint(R1, 0.0, 70.0, B.CLING, contact=True, near=True)  # in contact from the first step
    s = scores(h).scales
    assert int(s["proximity_seeking"][0, R1]) < 5  # not achieved by approaching in this episode
    assert int(s["contact_maintaining"][0, R1]) >= 5  # but maintained


# --- the lower anchors of proximity seeking -----------------------------------------------------------
def test_proximity_seeking_ladder():
    h = HandLog(n=6)
    # 0: no approach at all -> 1
    h.paint(R1, 10.0, 10.5, B.REACH, infant=1)  # a fleeting reach -> 2
    h.paint(R1, 10.0, 12.0, B.REACH, infant=2)  # a clear reach -> 3
    h.paint(R1, 10.0, 12.0, B.APPROACH, near=False, infant=3)  # partial approach, never arrives -> 4
    h.paint(R1, 10.0, 12.0, B.APPROACH, near=False, infant=4)
    h.paint(R1, 12.0, 13.0, B.APPROACH, near=True, infant=4)  # arrives, no contact -> 5
    h.approach_and_hold(R1, 10.0, 5.0, infant=5)  # contact, briefly -> 6
    assert ps(h, R1) == [1, 2, 3, 4, 5, 6]


def test_scales_apply_only_in_their_episodes():
    s = scores(HandLog(n=1)).scales
    assert np.isnan(s["search"][0, [0, 1, 2, 4, 7]]).all() and not np.isnan(s["search"][0, [3, 5, 6]]).any()
    for name in ("proximity_seeking", "contact_maintaining", "resistance", "avoidance", "distance_interaction"):
        assert np.isnan(s[name][0, ALONE]) and not np.isnan(s[name][0, [0, 1, 2, 3, 4, 6, 7]]).any()
        assert set(np.unique(s[name][0, [0, 1, 2, 3, 4, 6, 7]])) <= set(range(1, 8))


# --- contact maintaining, resistance, avoidance, search -----------------------------------------------
def test_contact_maintaining_ladder():
    h = HandLog(n=4)
    h.paint(R1, 10.0, 20.0, B.LOOK, contact=True, near=True, infant=1)  # brief passive contact -> 2
    h.paint(R1, 10.0, 80.0, B.CLING, contact=True, near=True, infant=2)  # > 1 min clinging, released, no protest
    h.paint(R1, 10.0, 140.0, B.CLING, contact=True, near=True, infant=3)  # > 2 min clinging ...
    h.paint(R1, 140.0, 142.0, B.CRY, contact=False, near=True, infant=3)  # ... protests at release
    h.paint(R1, 142.0, 170.0, B.CLING, contact=True, near=True, infant=3)
    h.paint(R1, 170.0, 172.0, B.FUSS, contact=False, near=True, infant=3)  # and again
    cm = [int(x) for x in scores(h).scales["contact_maintaining"][:, R1]]
    assert cm[0] == 1 and cm[1] == 2 and cm[2] == 5 and cm[3] == 7


def test_resistance_ladder():
    h = HandLog(n=5)
    h.paint(R1, 10.0, 100.0, B.CLING, contact=True, near=True)
    h.paint(R1, 20.0, 21.0, B.RESIST, infant=1)  # one mild instance -> 3
    h.paint(R1, 20.0, 22.5, B.RESIST, infant=2)  # one fairly intense instance -> 4
    for t in (20.0, 40.0):
        h.paint(R1, t, t + 2.5, B.RESIST, infant=3)  # repeated, 5 s in all -> 5
    for t in (20.0, 40.0, 60.0, 80.0):
        h.paint(R1, t, t + 4.0, B.RESIST, infant=4)  # very intense and persistent -> 7
    rs = [int(x) for x in scores(h).scales["resistance"][:, R1]]
    assert rs == [1, 3, 4, 5, 7]


def test_avoidance_ladder_and_persistence():
    h = HandLog(n=4)
    h.paint(R1, 10.0, 11.0, B.AVOID, infant=1)  # fleeting -> 2
    h.paint(R1, 10.0, 13.0, B.AVOID, infant=2)  # clear but brief -> 3
    for t in range(0, 180, 20):
        h.paint(R1, t, t + 9.0, B.AVOID, infant=3)  # ignores the caregiver throughout -> 7
    av = [int(x) for x in scores(h).scales["avoidance"][:, R1]]
    assert av == [1, 2, 3, 7]


def test_search_ladder():
    h = HandLog(n=3)
    h.paint(ALONE, 10.0, 12.0, B.SEARCH, infant=1)  # one brief look at the door -> 2
    h.paint(ALONE, 0.0, 90.0, B.SEARCH, infant=2)  # searches half the episode -> 7
    se = [int(x) for x in scores(h).scales["search"][:, ALONE]]
    assert se == [1, 2, 7]


# --- disorganisation ----------------------------------------------------------------------------------
def test_repeated_approach_then_avoidance_is_counted_as_contradictory():
    h = HandLog(n=2)
    for t in range(10, 170, 20):
        h.paint(R1, t, t + 2.0, B.APPROACH, infant=1)
        h.paint(R1, t + 2.0, t + 5.0, B.AVOID, infant=1)
    r = scores(h)
    assert r.features["contradictory"][0, R1] == 0 and r.features["contradictory"][1, R1] == 8
    assert int(r.scales["avoidance"][1, R1]) >= 5
    assert r.disorganization[0] == 1 and 3 <= r.disorganization[1] < 5  # contradictory alone is not D


def test_freezing_gives_d_and_a_best_fit():
    h = HandLog(n=3)
    h.paint(R1, 30.0, 40.0, B.FREEZE, infant=1)  # one 10-s freeze: noticeable, not D
    for e in (R1, R2):
        for t in (20.0, 80.0, 140.0):
            h.paint(e, t, t + 15.0, B.FREEZE, infant=2)  # 90 s frozen with the caregiver
    r = scores(h)
    assert r.disorganization[0] == 1 and r.disorganization[1] < 5 and r.disorganization[2] >= 5
    assert r.classification[2] == "D" and r.best_fit[2] in "ABC"
    assert r.classification[:2] == r.best_fit[:2]
    assert any("-> D" in x for x in r.reasons[2])


def test_a_single_freeze_of_20_s_is_d():
    h = HandLog(n=2)
    h.paint(R2, 30.0, 49.0, B.FREEZE, infant=0)
    h.paint(R2, 30.0, 50.0, B.FREEZE, infant=1)
    assert list(scores(h).disorganization >= 5) == [False, True]


# --- classification from hand-built reunions ------------------------------------------------------------
def test_classification_of_hand_built_patterns():
    h = HandLog(n=3)
    for e in (R1, R2):
        h.approach_and_hold(e, 5.0, 60.0, infant=0)  # B: prompt approach, contact, then plays
        for t in range(0, 180, 20):
            h.paint(e, t, t + 9.0, B.AVOID, infant=1)  # A: ignores and turns away
        h.approach_and_hold(e, 5.0, 100.0, infant=2)  # C: contact mixed with angry resistance
        for t in (20.0, 40.0, 60.0, 80.0):
            h.paint(e, t, t + 4.0, B.RESIST, infant=2)
    r = scores(h)
    assert r.classification == ["B", "A", "C"]
    assert r.reasons[1][0].startswith("avoidance 7 in episode 5 and 7 in episode 8")
    assert r.reasons[1][0].endswith("-> A")
    assert r.reasons[2][0].endswith("-> C") and r.reasons[0][0].endswith("-> B")


def test_no_classification_without_reunions():
    st = EpisodeStructure.from_presence(["play", "still_face", "reunion"], [1, 1, 1], [0, 0, 0])
    h = HandLog(st, durations_s=[120, 120, 120], n=2, default=B.LOOK)
    r = scores(h)
    assert r.classification == ["", ""] and r.best_fit == ["", ""]
    assert np.isnan(r.scales["search"]).all()


def test_release_protest_counts_toward_the_stranger_too():
    h = HandLog(n=2, default=B.LOOK)  # LOOK with no flags is byte 0: must still count as "partner here"
    for i in (0, 1):
        h.paint(SEP1, 10.0, 80.0, B.CLING, contact=True, near=True, infant=i)
    h.paint(SEP1, 80.0, 82.0, B.CRY, contact=False, near=True, infant=1)  # protests when put down
    cm = [int(x) for x in scores(h).scales["contact_maintaining"][:, SEP1]]
    assert cm == [5, 6]
