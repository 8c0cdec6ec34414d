"""Issue 13: random values (including non-finite ones) for every --set key and every session-file field.
The command always ends with exit 0 or 2 (replay: 1 when the replay differs from an edited file), one
`error:` line, never a traceback, and never a hang. In-process calls and small example counts keep it quick."""

import json
import math
import signal
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.cli import main
from simulator.model.params import ALL_PARAMS
from simulator.model.scenario import load_scenario
from simulator.model.session import episode_keys

SCENARIO = "still_face"
SHORT = ["--set", "episode.play.duration_s=2", "--set", "episode.still_face.duration_s=2",
         "--set", "episode.reunion.duration_s=2"]
KEYS = sorted(ALL_PARAMS) + episode_keys(load_scenario(SCENARIO))

numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-10**30, max_value=10**30),
    st.sampled_from([0, -1, 1e-300, 1e300, 3600, 3601, 1e12, "nan", "inf", "-inf", "1e400", "true", "", "0x10",
                     "1_000", " 5 ", "9" * 400]),
)


@contextmanager
def no_hang(seconds: int = 60):
    """Fail (instead of hanging the suite) when the body takes longer than ``seconds``."""
    def alarm(signum, frame):
        raise AssertionError(f"took more than {seconds} s: a hang")
    old = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _check(code: int, err: str, allowed=(0, 2)) -> None:
    assert code in allowed, err
    assert "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert (code == 0) == (not errors), err
    assert all(len(line) < 2000 and "\x1b" not in line for line in errors)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=st.sampled_from(KEYS), value=numbers)
def test_any_value_for_any_set_key(tmp_path, capsys, key, value):
    text = repr(value) if isinstance(value, float) and not math.isfinite(value) else str(value)
    short = [a for pair in zip(SHORT[::2], SHORT[1::2]) if not pair[1].startswith(key + "=") for a in pair]
    with no_hang():
        code = main(["run", SCENARIO, *short, "--set", f"{key}={text}", "--out", str(tmp_path / "o.json")])
    _check(code, capsys.readouterr().err)


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("fuzz")
    assert main(["run", SCENARIO, *SHORT, "--out", str(folder / "s.json")]) == 0
    return json.loads((folder / "s.json").read_text())


def _paths(node, prefix=()):
    """Every path (tuple of keys/indices) in a session file, the containers included."""
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node[:3]):
            yield from _paths(v, prefix + (i,))


values = st.recursive(
    st.one_of(st.none(), st.booleans(), numbers, st.text(max_size=30),
              st.sampled_from(["\x1b[2J", "../../etc/passwd", "x" * 10_000])),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=8)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_value_for_any_session_field(tmp_path, capsys, saved, data):
    paths = [p for p in _paths(saved) if p]
    path = data.draw(st.sampled_from(paths), label="field")
    value = data.draw(values, label="value")
    d = json.loads(json.dumps(saved))
    node = d
    for k in path[:-1]:
        node = node[k]
    node[path[-1]] = value
    f = Path(tmp_path) / "fuzzed.json"
    f.write_text(json.dumps(d))  # NaN and Infinity are written as JSON cannot hold them: also refused
    with no_hang():
        code = main(["replay", "--headless", str(f)])
    out = capsys.readouterr()
    _check(code, out.err, allowed=(0, 1, 2))
    if code == 1:
        assert "the replay differs" in out.err
    assert "\x1b" not in out.out
