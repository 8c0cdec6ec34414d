"""Finished model runs shared by the tests that only read them: each distinct run is made once per test process.

Several test files read the same few runs (the debrief, the lessons, the reports) in many tests; a run and its
scoring are made once per process. The run's arrays are made read-only, so a test (or
the code it tests) that tried to change a shared run would fail at once instead of changing what the next test
reads. A test that steps, changes or saves a run makes its own.
"""

from __future__ import annotations

import functools

import numpy as np

from simulator.model.scenario import load_scenario
from simulator.model.session import Session


def finished(scenario: str, **kw) -> Session:
    """``Session(load_scenario(scenario), **kw).run()``, made once per process for each distinct arguments."""
    key = tuple(sorted((k, tuple(sorted(v.items())) if isinstance(v, dict) else v) for k, v in kw.items()))
    return _finished(scenario, key)


@functools.cache
def _finished(scenario: str, key: tuple) -> Session:
    kw = {k: dict(v) if k == "overrides" else v for k, v in key}
    s = Session(load_scenario(scenario), **kw).run()
    _freeze(s, depth=2)
    return s


def _freeze(obj, depth: int) -> None:
    """Make every numpy array reachable through ``obj``'s attributes and tuples (to ``depth``) read-only."""
    if isinstance(obj, np.ndarray):
        obj.flags.writeable = False
        return
    if depth < 0:
        return
    if isinstance(obj, (tuple, list)):
        for x in obj:
            _freeze(x, depth - 1)
    elif hasattr(obj, "__dict__") and not isinstance(obj, type):
        for x in vars(obj).values():
            _freeze(x, depth - 1)
