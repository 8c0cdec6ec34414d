"""The compiled kernels: constants read at call time, same results as plain Python, warm-up, no stale globals."""

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from simulator.model import infant
from simulator.model.infant import InfantParams
from simulator.model.scenario import load_scenario
from simulator.model.session import Session


def _still_face_arousal(monkeypatch, **changes) -> tuple[float, float]:
    """Mean still-face arousal and mean resting arousal of 50 infants."""
    monkeypatch.setattr(infant, "CONSTANTS", infant.CONSTANTS._replace(**changes))
    s = Session(load_scenario("still_face"), n=50, seed=2).run()
    return float(s.episode_measures()["arousal"][:, 1].mean()), float(s.params.arousal_baseline.mean())


def test_a_changed_constant_reaches_the_compiled_kernel(monkeypatch):
    # Constants go into the kernel as an argument, so numba's on-disk cache can never hold a stale one.
    normal, rest = _still_face_arousal(monkeypatch)
    assert normal > rest + 0.05
    calm, rest = _still_face_arousal(monkeypatch, K_AROUSE=0.0, AROUSAL_NOISE=0.0, MASKING_COST=0.0)
    assert calm <= rest + 1e-6


def test_parameters_of_any_float_dtype_become_float32():
    p = InfantParams(*(np.full(3, 0.5, dtype=np.float64) for _ in range(9)))
    assert all(getattr(p, name).dtype == np.float32 for name in
               ("age_months", "reactivity", "expectation", "fear_of_caregiver"))
    s = Session(load_scenario("still_face"), n=3, seed=1, params=p).run()
    assert s.finished


def _python(program: str, **env) -> str:
    """Run ``program`` in a fresh interpreter at the project root; its standard output."""
    r = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=300,
                       cwd=Path(__file__).resolve().parents[1], env={**os.environ, **env})
    assert r.returncode == 0, r.stderr
    return r.stdout.strip()


def test_compiled_kernels_agree_with_the_same_code_run_as_python():
    # NUMBA_DISABLE_JIT runs the kernels as plain Python: a check on the compiler and on code that
    # only works compiled (integer overflow, typing), and the debugging route the notes describe.
    # The compiled run is this process's own (its kernels compiled, as every other test here uses them); the
    # plain-Python run needs a fresh interpreter, since the switch is read when numba is imported.
    program = ("from simulator.model.scenario import load_scenario\n"
               "from simulator.model.session import Session\n"
               "s = Session(load_scenario('strange_situation'), n=2, seed=4)\n"
               "for _ in range(600): s.step()\n"
               "import json\n"
               "print(json.dumps([s.episode_measures()['arousal'][:, :3].tolist(), int(s.log.codes.sum())]))\n")
    from numba.core import config
    assert not config.DISABLE_JIT  # this process runs the kernels compiled
    compiled = io.StringIO()
    with contextlib.redirect_stdout(compiled):
        exec(program, {})
    a, codes_compiled = json.loads(compiled.getvalue())
    b, codes_python = json.loads(_python(program, NUMBA_DISABLE_JIT="1"))
    assert codes_compiled == codes_python  # identical behaviour log
    assert np.allclose(a, b, atol=1e-6, equal_nan=True)


def test_warm_up_loads_every_step_kernel():
    program = (
        "from simulator.model import infant, policies, session\n"
        "kernels = [infant._step_kernel, policies._decide_kernel, policies._stranger_kernel,\n"
        "           session._remaining_kernel, session._presence_kernel, session._record_kernel,\n"
        "           session._clock_kernel, session._end_kernel, session._run_kernel, infant._reactivity_gain]\n"
        "assert not any(k.signatures for k in kernels)\n"
        "session.warm_up()\n"
        "print(all(k.signatures for k in kernels))\n")
    assert _python(program) == "True"


def test_a_batch_started_during_the_background_warm_up_waits_for_it_then_forks():
    # The GUI loads the kernels in a background thread. A fork while that thread holds numba's compiler
    # lock would leave the workers waiting forever, so the worker pool first waits for the warm-up.
    program = (
        "from simulator.model import session\n"
        "from simulator.model import batch\n"
        "from simulator.model.batch import run_batch\n"
        "from simulator.model.scenario import load_scenario\n"
        "batch.BLOCK = 4  # three blocks, so two workers really fork\n"
        "session.warm_up_in_background()\n"
        "sc = load_scenario('still_face')\n"
        "a = run_batch(sc, 12, seed=5, workers=2, score=False)\n"
        "b = run_batch(sc, 12, seed=5, workers=1, score=False)\n"
        "import numpy as np\n"
        "print(session._warmed and np.array_equal(a.measures['arousal'], b.measures['arousal'], equal_nan=True))\n")
    assert _python(program) == "True"


def _kernels():
    from simulator.model import policies, session
    from simulator.model.population import development
    return [development._moment_kernel, infant._step_kernel, infant._weights, infant._clip01, policies._decide_kernel, policies._pick_one,
            policies._stranger_kernel, session._remaining_kernel, session._presence_kernel,
            session._record_kernel, session._clock_kernel, session._end_kernel, session._run_kernel,
            infant._reactivity_gain]


def test_the_kernel_constants_are_exactly_the_ones_the_kernel_reads():
    # numba's cache tells named tuples apart by length only, so the list is written out in infant.py:
    # a rename in constants.py then fails at import instead of shifting every value by one.
    import inspect
    import re
    source = "".join(inspect.getsource(f.py_func) for f in (infant._step_kernel, infant._weights,
                                                             infant._reactivity_gain))
    assert set(re.findall(r"\bK\.([A-Z_0-9]+)", source)) == set(infant.KERNEL_CONSTANTS)


def test_kernels_read_no_tunable_globals():
    # Globals are frozen into numba's disk cache: numbers and tables must come in as arguments. Only
    # integer codes (behaviour, action, policy numbers, log bits), checked at import, may be globals.
    for kernel in _kernels():
        fn = kernel.py_func
        for name in fn.__code__.co_names:
            value = fn.__globals__.get(name)
            if value is None or callable(value) or isinstance(value, type(np)):
                continue
            assert isinstance(value, int) and not isinstance(value, bool), (fn.__name__, name, value)


def _finished_by_stepping(scenario: str, n: int, seed: int, **kw) -> Session:
    s = Session(load_scenario(scenario), n=n, seed=seed, **kw)
    while not s.finished:
        s.step()
    return s


@pytest.mark.parametrize("scenario,kw", [("strange_situation", {}), ("still_face", {"caregiver": "depressed"}),
                                         ("nursery_drop_off", {"infant": "resistant"})])
def test_the_compiled_whole_run_loop_gives_exactly_what_stepping_gives(scenario, kw, monkeypatch):
    # A batch runs in session._run_kernel (tiles of infants, many steps per call); the app steps. Both run
    # the same kernels in the same order on the same random numbers, so every output is identical. Small
    # tiles and chunks, so that tiles and chunk edges are crossed many times.
    from simulator.model import session as session_mod
    monkeypatch.setattr(session_mod, "RUN_TILE", 7)
    monkeypatch.setattr(session_mod, "RUN_CHUNK_STEPS", 53)
    stepped = _finished_by_stepping(scenario, 40, 11, **kw)
    run = Session(load_scenario(scenario), n=40, seed=11, **kw).run()
    assert run.steps_taken == stepped.steps_taken and run.t == stepped.t
    assert np.array_equal(run.log.codes, stepped.log.codes) and np.array_equal(run.log.actions, stepped.log.actions)
    for name, value in stepped.episode_measures().items():
        assert np.array_equal(run.episode_measures()[name], value, equal_nan=True), name
    for name in infant.STATE_VARIABLES:
        assert np.array_equal(getattr(run.state, name), getattr(stepped.state, name)), name
    assert stepped.finished and run.finished


_LOGGED = {"action", "behaviour", "episode_start", "episode_end", "prompt"}
_EVERY_KIND = _LOGGED | {"caregiver_leaves", "curtailed", "extended", "rupture", "repair"}


@pytest.mark.parametrize("scenario,kw,kinds", [
    ("strange_situation", {"seed": 1}, _EVERY_KIND),
    ("reunion_choices", {"seed": 0, "infant": "resistant"}, _EVERY_KIND),
    ("still_face", {"seed": 2}, _LOGGED), ("nursery_drop_off", {"seed": 1}, _LOGGED),
    ("simulated_depression", {"seed": 4, "caregiver": "intrusive"}, _LOGGED)])
def test_one_infant_run_by_the_compiled_loop_logs_exactly_what_stepping_logs(scenario, kw, kinds):
    # Session.run() of one infant runs the compiled loop, which keeps a trace, and writes the event log from
    # it afterwards; the app steps and writes the log as it goes. Every event (time, kind, episode, detail),
    # prompt, repair latency and measure must be the same. The runs were chosen to hold every kind of event
    # the trace carries (a return within an episode is the learner's alone: a scripted caregiver comes back
    # at an episode's start), so that the comparison has something to compare.
    # With record=True (main.py run to .csv, the printed reports) the trajectory too, row by row.
    stepped = _finished_by_stepping(scenario, 1, record=True, **kw)
    assert kinds <= {e.kind for e in stepped.events} | ({"prompt"} if stepped.prompts else set())
    assert len(stepped.trajectory) == stepped.steps_taken
    for record in (False, True):
        run = Session(load_scenario(scenario), n=1, record=record, **kw).run()
        assert run._direct._entries == {}  # the compiled loop ran, not step()
        assert run.trajectory == (stepped.trajectory if record else [])
        assert run.events == stepped.events
        assert run.prompts == stepped.prompts and run.repair_latencies == stepped.repair_latencies
        assert run.steps_taken == stepped.steps_taken and run.t == stepped.t
        assert np.array_equal(run.log.codes, stepped.log.codes)
        assert np.array_equal(run.log.actions, stepped.log.actions)
        for name, value in stepped.episode_measures().items():
            assert np.array_equal(run.episode_measures()[name], value, equal_nan=True), name


def test_a_finished_infant_keeps_the_state_it_ended_with():
    # Infants finish at different steps (curtailed separations, extended reunions); one that has finished
    # is not stepped while the others go on, so its end-of-session state (stress load) is its own.
    s = Session(load_scenario("strange_situation"), n=30, seed=3)
    snapshot = {}
    while not s.finished:
        s.step()
        for i in np.flatnonzero(s.done):
            snapshot.setdefault(int(i), float(s.state.stress_load[i]))
    ends = s.log.episode_end[:, -1]
    assert ends.min() < ends.max()  # they did finish at different steps
    assert all(float(s.state.stress_load[i]) == v for i, v in snapshot.items())


def test_kernels_that_compile_other_files_kernels_go_stale_with_those_files():
    # numba checks a cached kernel against its own file only; the whole-run and moment loops compile
    # infant.py's and policies.py's step kernels, and random_stream.py's generator, into themselves, so their
    # freshness stamp must hold those files' content too (else an edit of infant.py would leave batches
    # running the old step).
    from simulator.model import kernel_cache, policies, random_stream, session
    from simulator.model.population import development
    digest = kernel_cache.files_digest(infant, policies, random_stream)
    for kernel in (session._run_kernel, development._moment_kernel):
        stamp = kernel._cache._cache_file._source_stamp
        assert isinstance(stamp, tuple) and stamp[-1] == digest, kernel
    assert kernel_cache.files_digest(infant) != kernel_cache.files_digest(policies)


def test_stepping_through_direct_entry_points_gives_what_numbas_dispatch_gives(monkeypatch):
    # Session.step calls its kernels through kernel_cache.DirectCalls (no per-call type dispatch). The
    # entry points must be the compiled kernels themselves, and a session stepped through numba's usual
    # dispatch must end in exactly the same place.
    from simulator.model import kernel_cache
    from simulator.model.scenario import load_scenario
    from simulator.model.session import Session, _step_kernel
    sc = load_scenario("strange_situation")
    fast = _finished_by_stepping("strange_situation", 1, 7)
    entries = fast._direct._entries
    assert _step_kernel in entries and entries[_step_kernel] is not _step_kernel  # the direct path ran
    monkeypatch.setattr(kernel_cache.DirectCalls, "__call__", lambda self, kernel, *args: kernel(*args))
    usual = _finished_by_stepping("strange_situation", 1, 7)
    assert np.array_equal(fast.log.codes, usual.log.codes) and np.array_equal(fast.log.actions, usual.log.actions)
    assert np.array_equal(fast.state.arousal, usual.state.arousal)
    assert [e.kind for e in fast.events] == [e.kind for e in usual.events]


def test_direct_calls_fall_back_to_the_kernel_when_numbas_internals_differ():
    from simulator.model.kernel_cache import _entry_point

    class NotNumba:  # a callable without typeof_pyval/compile/overloads
        def __call__(self, x):
            return x + 1

    k = NotNumba()
    assert _entry_point(k, (1,)) is k


def test_episodes_whose_lengths_are_not_whole_steps_fit_the_log_and_finish():
    # An episode ends at its first step at or past its planned length, so a length that is not a whole number
    # of 0.25 s steps takes up to one step more; eight of them, with extensions, once overran the log (a hang in
    # the compiled loop, an IndexError when stepping). Both ways must finish, alike, one infant or a batch.
    sc = load_scenario("strange_situation")
    overrides = {f"episode.{ep.id}.duration_s": 30.1 for ep in sc.episodes}
    overrides.update({f"episode.{ep.id}.extend.max_extra_s": 0.1 for ep in sc.episodes if ep.extend})
    stepped = _finished_by_stepping("strange_situation", 1, 0, overrides=overrides)
    run = Session(sc, n=1, seed=0, overrides=overrides).run()
    assert run.finished and run.events == stepped.events and run.steps_taken == stepped.steps_taken
    assert stepped.steps_taken > sum(30.1 / 0.25 for _ in sc.episodes)  # each episode took its extra step
    assert Session(sc, n=3, seed=0, overrides=overrides).run().finished
