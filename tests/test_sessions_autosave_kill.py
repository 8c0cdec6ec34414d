"""A learner session killed with SIGKILL mid-play is in the sessions list and replays to its last autosave."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_helpers import run_cli

from simulator.model.session import DT
from simulator.sessions import differences, list_sessions, load_session, replay, sessions_dir

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import random, sys, time
sys.path.insert(0, sys.argv[1])
from simulator.model.scenario import load_scenario
from simulator.model.session import Session
from simulator.sessions import Autosaver, sessions_dir
s = Session(load_scenario("still_face"), n=1, learner=True, seed=7)
saver = Autosaver(s, sessions_dir(create=True), prediction={"choice": 1})
rng = random.Random(7)
while not s.finished:
    if rng.random() < 0.08:
        allowed = s.allowed_actions()
        if allowed:
            s.set_action(rng.choice(allowed))
    s.step()
    if saver.tick(0.004):
        print(f"saved {s.t:.2f} {saver.path}", flush=True)
    time.sleep(0.003)
print("finished", flush=True)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_sigkill_partway_then_list_and_replay(tmp_path):
    env = {**os.environ, "ATTUNE_DATA_DIR": str(tmp_path), "SDL_VIDEODRIVER": "dummy"}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(ROOT)], stdout=subprocess.PIPE, text=True, env=env)
    seen = []
    try:
        deadline = time.monotonic() + 60
        while len(seen) < 5 and time.monotonic() < deadline:
            line = child.stdout.readline()
            assert line and not line.startswith("finished"), "the session ended before it was killed"
            seen.append(line.split())
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=30)
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL and len(seen) == 5
    last_t = float(seen[-1][1])

    # "Restart": a new process lists the saved sessions from the same data folder.
    p = subprocess.run([sys.executable, str(ROOT / "main.py"), "sessions"], capture_output=True, text=True, env=env,
                       timeout=60)
    assert p.returncode == 0 and "1 saved session" in p.stdout and "still_face" in p.stdout
    rows = list_sessions(sessions_dir(tmp_path))
    assert len(rows) == 1 and rows[0].ok and not rows[0].finished
    d = load_session(rows[0].path)
    assert d["t_s"] >= last_t and d["learner"] is True and d["prediction"] == {"choice": 1}
    # It replays exactly to the last autosave.
    r = replay(d)
    assert r.steps_taken == round(d["t_s"] / DT) and not r.finished
    assert differences(d, r) == []
    with pytest.MonkeyPatch.context() as mp:  # the command line's replay, in this process
        mp.setenv("ATTUNE_DATA_DIR", str(tmp_path))
        p = run_cli("replay", rows[0].name, "--headless")
    assert p.returncode == 0 and "identical to the saved file" in p.stdout, (p.stdout, p.stderr)
    assert json.loads(rows[0].path.read_text())["t_s"] == d["t_s"]  # the replay did not touch it
