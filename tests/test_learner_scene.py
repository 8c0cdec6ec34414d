"""The learner's scene tells the truth: the caregiver holds the baby only while doing something one does with
a baby in arms, and a returning caregiver starts from a greeting, not from the action held before."""

import numpy as np

from simulator.model.actions import ACTION_IDS, KEEPS_HOLD, Action
from simulator.model.scenario import load_scenario
from simulator.model.policies import GREETING_S
from simulator.model.session import Session

STILL_FACE = load_scenario("still_face")
REUNIONS = load_scenario("reunion_choices")


def _held_then(seed: int, action: str) -> tuple[Session, bool]:
    s = Session(STILL_FACE, n=1, learner=True, seed=seed)
    assert s.set_action("hold")
    while not bool(s.state.contact[0]):  # a calm 4-month-old is picked up at once
        s.step()
        assert s.steps_taken < 40
    assert s.set_action(action)
    return s, bool(s.state.contact[0])


def test_a_face_to_face_choice_puts_the_baby_down_at_once_and_keeps_it_down():
    for action in ("smile", "mirror", "play", "coo", "offer_toy", "wait"):
        s, held = _held_then(3, action)
        assert not held, f"{action}: still held the moment it was chosen"
        for _ in range(120):  # reaches and approaches are answered by the learner, not by the model
            s.step()
            assert not bool(s.state.contact[0]), f"{action}: held again at step {s.steps_taken}"
        log = s.log
        assert not np.asarray(log.contact)[-120:, 0].any()  # the log (the picture in replay) agrees


def test_comfort_in_arms_keeps_holding():
    for action in ("soothe", "validate", "make_amends"):
        assert KEEPS_HOLD[Action[action.upper()]]
        s, held = _held_then(3, action)
        assert held, f"{action} put the baby down"


def test_the_still_face_reunion_starts_neutral_not_with_the_play_action():
    for seed in (0, 4):
        s = Session(STILL_FACE, n=1, learner=True, seed=seed)
        assert s.set_action("mirror")
        while int(s.episode[0]) < 2:
            s.step()
        assert ACTION_IDS[int(s.learner_action)] == "wait"  # attentive and neutral: the repair is the learner's
        s.step()
        acts = [ev.detail["action"] for ev in s.events if ev.kind == "action" and ev.episode == "reunion"]
        assert acts[:1] == ["wait"]
        assert s.set_action("soothe")  # then the learner chooses
        assert ACTION_IDS[int(s.learner_action)] == "soothe"


def test_a_return_greets_for_the_protocols_greeting_then_waits():
    s = Session(REUNIONS, n=1, learner=True, seed=2)
    while REUNIONS.episodes[int(s.episode[0])].id != "reunion_1":
        s.step()
    start = s.t
    while s.t < start + 10.0:  # the learner does not choose: after the greeting, a neutral wait
        s.step()
    acts = [(ev.t, ev.detail["action"]) for ev in s.events if ev.kind == "action" and ev.episode == "reunion_1"]
    assert [a for _, a in acts[:2]] == ["return_greet", "wait"]
    assert acts[1][0] - start == GREETING_S  # as long as the scripted protocol's greeting


def test_a_choice_during_the_greeting_is_kept():
    s = Session(REUNIONS, n=1, learner=True, seed=4)
    while REUNIONS.episodes[int(s.episode[0])].id != "reunion_1":
        s.step()
    s.step()
    assert s.set_action("soothe")
    for _ in range(40):
        s.step()
    assert ACTION_IDS[int(s.learner_action)] == "soothe"


def test_a_return_after_a_separation_starts_with_a_greeting():
    s = Session(REUNIONS, n=1, learner=True, seed=2)
    while REUNIONS.episodes[int(s.episode[0])].id != "reunion_1":
        s.step()
    assert ACTION_IDS[int(s.learner_action)] == "return_greet"
    assert s.set_action("smile")
    while REUNIONS.episodes[int(s.episode[0])].id != "reunion_2":
        s.step()
    assert ACTION_IDS[int(s.learner_action)] == "return_greet"  # not the smile held before the separation


def test_a_learner_who_stays_keeps_the_action_across_episodes():
    sc = load_scenario("nursery_drop_off")
    s = Session(sc, n=1, learner=True, seed=1)
    assert s.set_action("coo")
    while int(s.episode[0]) == 0:
        s.step()
    assert ACTION_IDS[int(s.learner_action)] == "coo"  # arrival -> goodbye: the same caregiver, still there
