"""Property tests: any sequence of learner actions, at any times, with any infant, keeps the state sane."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.model.actions import ACTION_IDS
from simulator.model.behaviour import N_BEHAVIOURS
from simulator.model.infant import STATE_VARIABLES
from simulator.model.params import INFANT_PARAMS
from simulator.model.scenario import parse_scenario
from simulator.model.session import Session


def _scenario():
    """A learner-controlled scenario that visits every kind of room: together, with a stranger, a
    separation with the stranger, alone, and a reunion."""
    ep = lambda i, present, caregiver: {"id": f"e{i}", "title": f"E{i}", "duration_s": 20.0,  # noqa: E731
                                         "present": present, "caregiver": caregiver}
    return parse_scenario({
        "id": "all_rooms", "title": "All rooms", "question": "?", "procedure": "free_play",
        "infant": {"preset": "secure", "age_months": 12.0},
        "episodes": [ep(0, ["caregiver"], "learner"), ep(1, ["caregiver", "stranger"], "learner"),
                     ep(2, ["stranger"], "absent"), ep(3, [], "absent"), ep(4, ["caregiver"], "learner")],
    })


SCENARIO = _scenario()
param_values = st.fixed_dictionaries({
    p.key: st.floats(min_value=p.lo, max_value=p.hi, allow_nan=False) for p in INFANT_PARAMS
})
actions = st.lists(st.tuples(st.integers(min_value=0, max_value=40), st.sampled_from(ACTION_IDS)),
                   max_size=40)


def _check(session: Session) -> None:
    s = session.state
    for name, (lo, hi, _unit, _meaning) in STATE_VARIABLES.items():
        x = getattr(s, name)
        assert np.all(np.isfinite(x)), name
        assert np.all((x >= lo) & (x <= hi)), (name, x)
    assert np.all((s.behaviour >= 0) & (s.behaviour < N_BEHAVIOURS))
    assert s.contact.dtype == bool and s.near.dtype == bool


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(params=param_values, plan=actions, seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_any_actions_keep_state_in_range(params, plan, seed):
    session = Session(SCENARIO, n=1, seed=seed, overrides=params, learner=True)
    for wait, action in plan:
        for _ in range(wait):
            session.step()
            _check(session)
        session.set_action(action)
    session.run()
    _check(session)
    m = session.episode_measures()
    for key in ("positive_affect", "negative_affect", "gaze", "arousal", "crying", "exploration", "proximity"):
        assert np.all((m[key] >= 0) & (m[key] <= 1)), key
    share = m["matched_share"][~np.isnan(m["matched_share"])]
    assert np.all((share >= 0) & (share <= 1))


@settings(max_examples=15, deadline=None)
@given(params=param_values, policy=st.sampled_from(
    ["sensitive", "still_face", "phone", "intrusive", "inconsistent", "rejecting", "ssp_protocol"]),
    seed=st.integers(min_value=0, max_value=10_000))
def test_every_policy_keeps_a_batch_in_range(params, policy, seed):
    session = Session(SCENARIO, n=64, caregiver=policy, seed=seed, overrides=params).run()
    _check(session)
    assert session.finished and np.all(session.duration_s > 0)


def test_learner_action_reaches_the_model():
    session = Session(SCENARIO, n=1, seed=1, learner=True)
    assert session.set_action("harsh")
    session.step()
    assert session.caregivers.action[0] == ACTION_IDS.index("harsh") or session.state.arousal[0] > 0
    assert any(e.kind == "action" and e.detail.get("action") == "harsh" and e.detail.get("by") == "learner"
               for e in session.events)
    assert session.learner_actions[-1]["action"] == "harsh"


def test_locked_actions_are_refused():
    from simulator.model.scenario import load_scenario

    session = Session(load_scenario("strange_situation"), n=1, seed=1, learner=True)
    assert session.allowed_actions() == []  # the Strange Situation's caregiver follows the protocol
    assert not session.set_action("harsh")


def test_leave_then_return_within_an_episode():
    session = Session(SCENARIO, n=1, seed=2, learner=True)
    assert session.set_action("leave_with_goodbye")
    for _ in range(8):
        session.step()
    assert session.left[0]
    assert session.log.caregiver_present[-1, 0] == 0
    assert session.set_action("return_greet")
    session.step()
    assert not session.left[0] and session.log.caregiver_present[-1, 0] == 1
    kinds = [e.kind for e in session.events]
    assert "caregiver_leaves" in kinds and "caregiver_returns" in kinds
