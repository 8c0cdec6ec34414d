"""One caregiver: sessions and the development run decide through the same function and tables."""

import numpy as np

from simulator.model import policies
from simulator.model.population import development
from simulator.model.population.profiles import ProfileParams
from simulator.model.scenario import load_scenario
from simulator.model.session import Session


def test_session_and_development_call_the_same_decision_kernel(monkeypatch):
    calls = {"n": []}
    real = policies._decide_kernel

    def spy(*args):
        calls["n"].append(args[0].shape[0])
        return real(*args)

    monkeypatch.setattr(policies, "_decide_kernel", spy)
    s = Session(load_scenario("still_face"), n=3, seed=1)
    while not s.finished:  # the app's path: one step at a time, through Caregivers.decide
        s.step()
    assert calls["n"] and set(calls["n"]) == {3}
    # The compiled loops, a batch's whole run and a development moment, call that same compiled kernel
    # (numba binds it when it compiles them, so a spy cannot see those calls: check the binding).
    from simulator.model import session
    assert session._run_kernel.py_func.__globals__["_decide_kernel"] is real
    assert development._moment_kernel.py_func.__globals__["_decide_kernel"] is real
    # The development caregiver is the session caregiver, not a copy with its own decide().
    assert issubclass(development.DevCaregivers, policies.Caregivers)
    assert development.DevCaregivers.decide is policies.Caregivers.decide
    # And a development run really decides: a rebuffing profile rebuffs, a welcoming one does not.
    shares = {}
    for profile in ("sensitive_repair", "rebuffing"):
        res = development.develop(ProfileParams.from_profile(profile, 200), months=2.0, rng=0)
        shares[profile] = float(res.rebuff_share.mean())
    assert shares["rebuffing"] > shares["sensitive_repair"] + 0.05


def test_no_second_copy_of_the_caregiver_tables():
    for name in ("REBUFF", "UNAVAILABLE", "FRIGHT", "SENSITIVE", "INTRUSIVE"):
        assert not hasattr(development, name), f"development.py defines its own {name}"
        assert isinstance(getattr(policies, name), np.ndarray)


def test_profile_parameters_change_the_decisions():
    """A rebuffing caregiver rebuffs comfort-seeking through the shared kernel; a welcoming one never does."""
    rng = np.random.default_rng(0)
    n = 2000
    out = {}
    for welcome in (1.0, 0.2):
        care = policies.Caregivers(n, 1.0, 0.0, 1.0, comfort_welcome=welcome)
        care.reset(np.full(n, policies.Behaviour.CRY, dtype=np.int8))
        pol = np.full(n, policies.Policy.SENSITIVE, dtype=np.int8)
        zeros, no = np.zeros(n), np.zeros(n, dtype=bool)
        care.decide(pol, policies.Policy.SENSITIVE, zeros, np.full(n, np.inf), no, no, no,
                    rng.random((3, n), dtype=np.float32))
        out[welcome] = care.rebuff.mean()
    assert out[1.0] == 0.0
    assert 0.7 < out[0.2] < 0.9
