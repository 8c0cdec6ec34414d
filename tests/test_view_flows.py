"""The real app, headless, driven through every scene with posted events: keyboard-only and mouse-only runs."""

from __future__ import annotations

import json
from unittest import mock

import pygame
import pytest

from simulator.model.actions import Action
from simulator.model.session import Session
from view_helpers import click_button, focus_with_keys, frame, make_app, press, shorten

SKIP = pygame.K_n


def _skip_to_end(app, use_mouse: bool) -> None:
    """Skip ahead episode by episode (every model step is still simulated) until the session ends."""
    play = app.top
    for _ in range(play.session.E + 2):
        if play.session.finished:
            break
        if use_mouse:
            click_button(app, "skip")
        else:
            press(app, SKIP)
    assert play.session.finished


def test_still_face_keyboard_only(tmp_path, monkeypatch):
    monkeypatch.setenv("ATTUNE_SAVE_DIR", str(tmp_path))
    app = make_app()
    shorten(app)
    assert app.top.name == "home"
    # Home: arrows/Tab move the focus ring to the Still-Face card; Enter opens it.
    focus_with_keys(app, "scenario:still_face")
    press(app, pygame.K_RETURN)
    assert app.top.name == "briefing"
    # Briefing: Start is locked until a prediction is made.
    assert app.top.group.find("start").locked
    press(app, pygame.K_2)
    assert app.top.choice == 1
    assert app.top.group.focused.ident == "start"
    press(app, pygame.K_RETURN)
    assert app.top.name == "play"
    play = app.top
    assert not play.demo
    # Play: a number key chooses an action, and it reaches the model.
    press(app, pygame.K_1)
    assert play.session.learner_actions[-1]["action"] == "smile"
    press(app, pygame.K_EQUALS)
    press(app, pygame.K_EQUALS)
    assert play.speed == 4.0
    press(app, pygame.K_MINUS)
    assert play.speed == 2.0
    press(app, pygame.K_p)
    assert play.paused
    t = play.session.t
    press(app, pygame.K_PERIOD)
    assert play.session.t == pytest.approx(t + 0.25)
    press(app, pygame.K_p)
    press(app, SKIP)  # to the still-face
    assert play.session.current_episode.id == "still_face"
    # Still-face: the first action only warns, a second breaks the script deliberately.
    press(app, pygame.K_3)
    assert not play.session.broken
    press(app, pygame.K_3)
    assert play.session.broken
    # Restart the episode: back to its start, the script whole again.
    press(app, pygame.K_r)
    assert play.session.current_episode.id == "still_face"
    assert play.session.t_episode[0] == 0 and not play.session.broken
    assert play.session.learner_actions[0]["action"] == "smile"  # earlier choices replayed
    _skip_to_end(app, use_mouse=False)
    # The focus moves to Debrief when the session ends.
    assert play.group.focused.ident == "debrief"
    press(app, pygame.K_RETURN)
    assert app.top.name == "debrief"
    press(app, pygame.K_s)
    saved = sorted(p.suffix for p in tmp_path.iterdir())
    assert saved == [".csv", ".json", ".png"]
    data = json.loads(next(tmp_path.glob("*.json")).read_text())
    assert data["prediction"]["choice"] == 1 and data["actions"][0]["action"] == "smile"
    press(app, pygame.K_g)
    assert app.top.name == "glossary"
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "debrief"
    press(app, pygame.K_h)
    assert app.top.name == "home" and len(app.stack.scenes) == 1


def test_strange_situation_keyboard_only():
    app = make_app()
    shorten(app)
    focus_with_keys(app, "scenario:strange_situation")
    press(app, pygame.K_SPACE)
    assert app.top.name == "briefing"
    press(app, pygame.K_1)
    press(app, pygame.K_RETURN)
    play = app.top
    assert play.name == "play" and play.demo  # the learner watches the procedure
    assert play.session.allowed_actions() == []
    press(app, pygame.K_1)  # locked: nothing reaches the model
    assert play.session.learner_actions == []
    _skip_to_end(app, use_mouse=False)
    press(app, pygame.K_e)
    deb = app.top
    assert deb.name == "debrief"
    assert deb.scores is None or deb.scores.classification[0] in "ABCD"
    press(app, pygame.K_ESCAPE)  # back to the room
    assert app.top.name == "play"
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "home"


def test_still_face_mouse_only(tmp_path, monkeypatch):
    monkeypatch.setenv("ATTUNE_SAVE_DIR", str(tmp_path))
    app = make_app()
    shorten(app)
    click_button(app, "scenario:still_face")
    assert app.top.name == "briefing"
    click_button(app, "start")  # locked: stays
    assert app.top.name == "briefing"
    click_button(app, "option:1")
    click_button(app, "start")
    play = app.top
    assert play.name == "play"
    click_button(app, "action:soothe")
    assert play.session.learner_actions[-1]["action"] == "soothe"
    click_button(app, "faster")
    assert play.speed == 2.0
    click_button(app, "pause")
    assert play.paused
    click_button(app, "step")
    click_button(app, "pause")
    assert not play.paused
    _skip_to_end(app, use_mouse=True)
    click_button(app, "debrief")
    assert app.top.name == "debrief"
    click_button(app, "save")
    assert len(list(tmp_path.iterdir())) == 3
    click_button(app, "again")
    assert app.top.name == "play" and app.top.session.t == 0
    click_button(app, "home")
    assert app.top.name == "home"
    click_button(app, "glossary")
    assert app.top.name == "glossary"
    click_button(app, "back")
    assert app.top.name == "home"


def test_strange_situation_mouse_only_in_a_small_window():
    app = make_app()
    shorten(app)
    app.resize((640, 400))  # letterboxed: clicks are mapped back to the canvas
    frame(app)
    click_button(app, "scenario:strange_situation")
    click_button(app, "option:0")
    click_button(app, "start")
    assert app.top.name == "play"
    _skip_to_end(app, use_mouse=True)
    click_button(app, "debrief")
    assert app.top.name == "debrief"
    click_button(app, "home")
    assert app.top.name == "home"


def test_learner_action_reaches_model_through_set_action():
    app = make_app()
    shorten(app)
    click_button(app, "scenario:still_face")
    press(app, pygame.K_2)
    press(app, pygame.K_RETURN)
    play = app.top
    with mock.patch.object(Session, "set_action", autospec=True, side_effect=Session.set_action) as spy:
        press(app, pygame.K_7)  # soothe
        spy.assert_called_once_with(play.session, "soothe")
    assert play.displayed_action() == "soothe"  # shown at once, before the next model step
    play.single_step()
    assert int(play.session.caregivers.action[0]) == Action.SOOTHE


def test_every_scene_draws_and_text_scaling_and_projector():
    app = make_app()
    shorten(app)
    click_button(app, "scenario:still_face")
    for key in (pygame.K_t, pygame.K_t, pygame.K_F10):
        press(app, key)
    assert app.text_scale == 1.3 and app.palette.name == "projector"
    press(app, pygame.K_1)
    press(app, pygame.K_RETURN)
    assert app.top.name == "play"
    for _ in range(30):
        frame(app, 0.1)
    press(app, pygame.K_e)
    assert app.top.name == "debrief"
    press(app, pygame.K_g)
    assert app.top.name == "glossary"
    press(app, pygame.K_PAGEDOWN)
    press(app, pygame.K_t)
    assert app.text_scale == 1.0


def test_an_error_in_a_scene_is_a_readable_message_not_a_traceback(capsys):
    from simulator.view.scenes.home import HomeScene
    app = make_app()
    calls = {"n": 0}

    def broken_update(self, dt):
        calls["n"] += 1
        if calls["n"] == 2:
            raise ValueError("a test fault")

    with mock.patch.object(HomeScene, "update", broken_update):
        app.run(max_frames=5)
    err = capsys.readouterr().err
    assert "error: home: ValueError: a test fault" in err and "Traceback" not in err
    assert app.top.name == "error"
