"""A saved session replays exactly: byte-identical measures, events and classification, also mid-session."""

import json
import random

from simulator.export import score, session_dict
from simulator.model.scenario import load_scenario
from simulator.model.session import Session
from simulator.sessions import Autosaver, Replayer, differences, load_session, replay

SHORT = {"episode.play.duration_s": 20.0, "episode.still_face.duration_s": 20.0, "episode.reunion.duration_s": 20.0}


def learner_session(seed=4, steps=None, scenario="still_face", overrides=SHORT):
    s = Session(load_scenario(scenario), n=1, learner=True, seed=seed, overrides=overrides)
    rng = random.Random(seed)
    while not s.finished and (steps is None or s.steps_taken < steps):
        for _ in range(rng.choice([0, 0, 0, 1, 2])):  # sometimes two choices in one frame
            allowed = s.allowed_actions()
            if allowed and rng.random() < 0.3:
                s.set_action(rng.choice(allowed))
        s.step()
    return s


def test_saved_session_replays_to_byte_identical_measures(tmp_path):
    s = learner_session()
    assert s.finished and len(s.learner_actions) > 3
    assert any(e.kind == "script_broken" for e in s.events)  # the learner broke the still-face (seed 4)
    saver = Autosaver(s, tmp_path)
    saver.flush()
    d = load_session(saver.path)
    r = replay(d)
    assert r.learner and r.steps_taken == s.steps_taken
    assert [e.kind for e in r.events] == [e.kind for e in s.events]  # the break comes back at the same step
    original = json.dumps(session_dict(s, score(s)))
    again = json.dumps(session_dict(r, score(r)))
    assert again == original  # byte-identical: measures, events, actions, classification
    assert differences(d, r) == []


def test_unfinished_session_replays_to_the_last_save(tmp_path):
    s = learner_session(steps=150)
    saver = Autosaver(s, tmp_path)
    saver.flush()
    d = load_session(saver.path)
    assert d["finished"] is False
    r = replay(d)
    assert r.steps_taken == 150 and not r.finished
    assert json.dumps(session_dict(r)) == json.dumps(session_dict(s))


def test_headless_run_file_replays(tmp_path):
    s = Session(load_scenario("still_face"), n=1, caregiver="phone", seed=2, overrides=SHORT).run()
    d = json.loads(json.dumps(session_dict(s, score(s))))  # a `run --out FILE.json` file: no "learner" key
    r = replay(d)
    assert not r.learner and differences(d, r) == []


def test_a_changed_file_is_detected():
    s = learner_session(seed=5)
    d = json.loads(json.dumps(session_dict(s)))
    d["learner"] = True
    d["episodes"][1]["positive_affect"] = 0.123
    assert any("still_face" in x for x in differences(d, replay(d)))


def test_replayer_seek_and_speed():
    s = learner_session(seed=6)
    d = json.loads(json.dumps({**session_dict(s), "learner": True}))
    rp = Replayer(d)
    rp.seek_episode(2)
    assert int(rp.session.episode[0]) == 2 and rp.session.t_episode[0] == 0
    rp.seek_episode(1)  # backwards: restarts and replays
    assert int(rp.session.episode[0]) == 1
    while not rp.finished:
        rp.advance(8 * 0.25)  # 8x speed
    assert json.dumps(session_dict(rp.session)) == json.dumps(session_dict(s))


def test_file_without_learner_key_and_without_actions():
    s = Session(load_scenario("still_face"), n=1, learner=True, seed=8, overrides=SHORT).run()  # never pressed
    d = json.loads(json.dumps(session_dict(s)))  # the debrief's write_session_json: no "learner" key
    r = replay(d)
    assert r.learner and differences(d, r) == []


def test_a_file_from_another_model_version_says_so(tmp_path):
    s = learner_session(seed=9)
    saver = Autosaver(s, tmp_path)
    saver.flush()
    d = load_session(saver.path)
    assert len(d["model_fingerprint"]) == 16 and len(d["scenario_fingerprint"]) == 16
    d["model_fingerprint"] = "0" * 16
    assert differences(d, replay(d)) == []  # same results: nothing to explain
    d["episodes"][0]["arousal"] = 0.5
    diffs = differences(d, replay(d))
    assert "another version of the model" in diffs[0] and len(diffs) == 2
