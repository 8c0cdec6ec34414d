"""The learner's tiredness (a_hard_day): it slows and limits responses; help, a short break and rest restore them."""

import numpy as np
import pytest

from simulator.model.actions import Action
from simulator.model.behaviour import SIGNALS, InfantState
from simulator.model.scenario import load_scenario
from simulator.model.session import DT, Session
from simulator.model.tiredness import ACTION_LIMITS, RESPONSE_LAG_AT_EXHAUSTION_S, REST_FLOOR

SC = load_scenario("a_hard_day")
#: A simple learner who answers the infant's state with a fitting action (what a rested person might do).
RULE = {InfantState.POSITIVE: "smile", InfantState.ATTENDING: "coo", InfantState.DISTRESSED: "soothe",
        InfantState.AVERTED: "wait", InfantState.SEEKING: "hold", InfantState.EXPLORING: "wait"}


def tired(seed=1):
    return Session(SC, n=1, learner=True, seed=seed)


def play_by_rule(s, until_step=None, hooks=None):
    last = None
    hooks = hooks or {}
    while not s.finished and (until_step is None or s.steps_taken < until_step):
        if s.steps_taken in hooks:
            assert s.set_action(hooks[s.steps_taken])
        a = RULE[InfantState(SIGNALS[s.state.behaviour[0]])]
        if a != last and a in s.allowed_actions():
            s.set_action(a)
            last = a
        s.step()
    return s


def test_only_a_learner_session_is_tired():
    assert Session(SC, n=2, seed=0).tiredness is None
    assert tired().tiredness.level == pytest.approx(SC.tiredness.start)
    assert Session(load_scenario("still_face"), n=1, learner=True).tiredness is None


def test_a_tired_response_starts_late():
    s = tired()
    s.step()
    before = int(s.learner_action)
    assert s.set_action("soothe")
    delay = int(round(RESPONSE_LAG_AT_EXHAUSTION_S * s.tiredness.level / DT))
    assert delay >= 4
    for _ in range(delay):  # without tiredness it would start in the very next step
        s.step()
        assert int(s.learner_action) == before, "a tired caregiver's choice should not start at once"
    s.step()
    assert int(s.learner_action) == Action.SOOTHE


def test_lively_actions_out_of_reach_when_tired_and_back_after_rest():
    s = tired()
    allowed = s.allowed_actions()
    for a, limit in ACTION_LIMITS.items():
        if a in SC.episodes[0].allowed_actions and SC.tiredness.start > limit:
            assert a not in allowed
    for a in ("soothe", "hold", "make_amends", "coo", "wait"):  # repair stays within reach
        assert a in allowed
    assert not s.set_action("play")
    play_by_rule(s, until_step=int((SC.episodes[0].duration_s + SC.episodes[1].duration_s) / DT) + 2)
    assert s.current_episode.id == "after_a_rest"
    assert s.tiredness.level < ACTION_LIMITS["play"]
    assert "play" in s.allowed_actions()


def test_caring_tires_and_rest_restores():
    s = tired()
    start = s.tiredness.level
    play_by_rule(s, until_step=200)
    cared = s.tiredness.level
    assert cared > start
    assert s.set_action("take_break")
    for _ in range(120):
        s.step()
    assert bool(s.left[0]), "on a break the caregiver is out of the room"
    assert REST_FLOOR < s.tiredness.level < cared - 0.15
    assert s.set_action("come_back")
    s.step()
    assert not bool(s.left[0])
    kinds = [e.kind for e in s.events]
    assert "break_starts" in kinds and "break_ends" in kinds


def test_asking_for_help_brings_in_a_partner_for_a_while():
    s = tired()
    play_by_rule(s, until_step=40)
    assert "ask_for_help" in s.self_care_options()
    level = s.tiredness.level
    assert s.set_action("ask_for_help")
    assert s.allowed_actions() == [] and s.self_care_options() == []
    steps = int(SC.tiredness.help_s / DT)
    for _ in range(steps):
        s.step()
    assert s.tiredness.level < level - 0.3
    kinds = [e.kind for e in s.events]
    assert "help_arrives" in kinds and "help_ends" in kinds
    assert any(e.kind == "action" and e.detail.get("by") == "partner" for e in s.events)
    assert s.allowed_actions(), "after the partner's turn the learner cares again"


def test_tiredness_lowers_matching_for_the_same_learner():
    """The same simple learner matches less while tired (episode 1) than rested (episode 3)."""
    tired_share, rested_share = [], []
    for seed in range(4):
        m = play_by_rule(tired(seed)).episode_measures()["matched_share"][0]
        tired_share.append(m[0])
        rested_share.append(m[2])
    assert np.mean(rested_share) > np.mean(tired_share) + 0.1


def test_a_tired_session_replays_exactly():
    hooks = {60: "ask_for_help", 500: "take_break", 600: "come_back"}
    a = play_by_rule(tired(5), hooks=hooks)
    b = Session(SC, n=1, learner=True, seed=5)
    todo = list(a.learner_actions)
    while not b.finished:
        while todo and todo[0]["step"] <= b.steps_taken:
            assert b.set_action(todo.pop(0)["action"])
        b.step()
    assert [e.to_dict() for e in a.events] == [e.to_dict() for e in b.events]
    assert any(e.kind == "attention_drifts" for e in a.events)
