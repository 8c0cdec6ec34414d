"""Scenario prompts come up in Play at their moments, are logged in the session file in their own list (not as
events), come up again in replay, and old session files without the list still load."""

import json

import pygame
import pytest

from simulator.model.scenario import PROMPT_GAP_S, load_scenario
from simulator.model.session import Session
from simulator.sessions.replay import differences, replay
from simulator.sessions.store import SessionFileError, session_file_dict, validate_session
from simulator.view import strings as S
from simulator.view.scenes.play import PlayScene, prompt_message
from tests.view_helpers import make_app, press

STILL_FACE = load_scenario("still_face")


def test_prompt_times_follow_predict_observe_explain_and_keep_apart():
    play = STILL_FACE.episodes[0].prompt_times()
    assert [pt.kind for _, pt in play] == ["predict", "observe"]  # the file lists observe first
    assert play[0][0] == 0.0 and play[1][0] >= PROMPT_GAP_S
    sf = STILL_FACE.episodes[1].prompt_times()
    assert sf[-1][1].kind == "explain" and sf[-1][0] == STILL_FACE.episodes[1].duration_s - 30.0


def test_prompts_are_logged_at_their_moments_in_their_own_list():
    s = Session(STILL_FACE, n=1, learner=True, seed=2).run()
    want = [(e, at, pt.text) for e, ep in enumerate(STILL_FACE.episodes) for at, pt in ep.prompt_times()]
    assert [p["text"] for p in s.prompts] == [w[2] for w in want]
    starts = {ev.episode: ev.t for ev in s.events if ev.kind == "episode_start"}
    for p, (e, at, _) in zip(s.prompts, want):
        assert p["episode"] == STILL_FACE.episodes[e].id
        assert p["t"] == pytest.approx(starts[p["episode"]] + at)
    assert "options" in s.prompts[0] and len(s.prompts[0]["options"]) == 4
    assert not any(ev.kind.startswith("prompt") for ev in s.events)  # not events: replay compares those
    d = json.loads(json.dumps(session_file_dict(s)))
    assert d["prompts"] == s.prompts
    again = replay(validate_session(d))
    assert again.prompts == s.prompts and differences(d, again) == []


def test_a_curtailed_episode_logs_only_the_prompts_it_reached():
    sc = load_scenario("still_face")
    s = Session(sc, n=1, learner=True, seed=2, overrides={"episode.reunion.duration_s": 30.0}).run()
    reunion = [p for p in s.prompts if p["episode"] == "reunion"]
    assert [p["kind"] for p in reunion] == ["observe"]  # the explanation (due at 35 s) never came up
    assert all(p["t"] <= s.t for p in s.prompts)


def test_old_files_without_prompts_load_and_bad_prompts_are_refused():
    d = json.loads(json.dumps(session_file_dict(Session(STILL_FACE, n=1, learner=True, seed=1).run())))
    old = dict(d)
    del old["prompts"]
    assert validate_session(old) is old
    for bad in ([{"t": 1.0, "episode": "play", "kind": "shout", "text": "x"}],
                [{"t": -1.0, "episode": "play", "kind": "observe", "text": "x"}],
                [{"t": 1.0, "episode": "play", "kind": "observe", "text": 5}],
                [{"t": 1.0, "episode": "play", "kind": "predict", "text": "x", "options": "abc"}],
                "not a list"):
        with pytest.raises(SessionFileError):
            validate_session(dict(d, prompts=bad))


def _toasts(scene, app, seconds, dt=0.25):
    seen = []
    for _ in range(int(seconds / dt)):
        app.tick(dt)
        if scene.narration_showing() and (not seen or seen[-1] != scene.toast):
            seen.append(scene.toast)
    return seen


def test_play_shows_each_prompt_along_the_top_of_the_room_after_the_narration():
    app = make_app()
    scene = PlayScene(app, STILL_FACE)
    app.push(scene)
    seen = _toasts(scene, app, 60.0)
    play = STILL_FACE.episodes[0]
    assert seen[0] == play.narration
    predict, observe = (pt for _, pt in play.prompt_times())
    assert prompt_message(scene.session.prompts[0]) in seen
    assert S.PROMPT_LABELS["predict"].format(text=predict.text) in prompt_message(scene.session.prompts[0])
    assert all(o in prompt_message(scene.session.prompts[0]) for o in predict.options)
    assert S.PROMPT_LABELS["observe"].format(text=observe.text) in seen
    assert seen.index(prompt_message(scene.session.prompts[0])) < seen.index(
        S.PROMPT_LABELS["observe"].format(text=observe.text))


def test_closing_a_prompt_shows_the_next_and_replay_shows_them_too(tmp_path):
    from simulator.view.scenes.replay import SavedRun
    app = make_app()
    scene = PlayScene(app, STILL_FACE)
    app.push(scene)
    scene.run_until(25.0)  # both prompts of the play episode have come up
    assert scene.toast == STILL_FACE.episodes[0].narration
    press(app, pygame.K_c)  # close the narration: the prediction shows at once
    assert scene.toast == prompt_message(scene.session.prompts[0])
    press(app, pygame.K_c)
    assert scene.toast == prompt_message(scene.session.prompts[1])
    d = json.loads(json.dumps(session_file_dict(Session(STILL_FACE, n=1, learner=True, seed=0).run())))
    del d["prompts"]  # an old file: replay still shows the scenario's prompts
    rep = PlayScene(app, STILL_FACE, source=SavedRun(d))
    app.push(rep)
    rep.seek(1)  # the still-face episode
    seen = _toasts(rep, app, 40.0)
    first = next(pt for _, pt in STILL_FACE.episodes[1].prompt_times())
    assert S.PROMPT_LABELS[first.kind].format(text=first.text) in seen
    assert not any(S.PROMPT_LABELS["predict"].format(text="") in t for t in seen)  # no stale play prompts


def test_a_prompt_that_fits_sits_under_the_actions_and_a_click_closes_it():
    from tests.view_helpers import click
    app = make_app()
    scene = PlayScene(app, STILL_FACE)
    app.push(scene)
    scene.run_until(25.0)
    assert scene.next_prompt()
    app.tick(0.0)
    card = scene._prompt_in_panel()[0]
    assert scene.L.panel.contains(card)  # beside the room, not over it
    assert not card.colliderect(scene.L.room) and not card.colliderect(scene.L.chart)
    assert all(not card.colliderect(b.rect) for b in scene.group.items)  # under the actions, never over one
    shown = scene.toast
    click(app, card.center)
    assert scene.toast != shown or not scene.narration_showing()
