"""Replaying a saved session shows what the infant signals, never "Your move": that rule is the live learner's."""

from __future__ import annotations

import json

import pygame
import pytest

from simulator.model.scenario import load_scenario
from simulator.model.session import Session
from simulator.sessions.store import dumps, session_file_dict
from simulator.view import strings as S
from simulator.view.scenes import play as play_mod
from simulator.view.scenes.play import PlayScene
from simulator.view.scenes.replay import replay_scene

from view_helpers import make_app

SHORT = {"episode.play.duration_s": 20.0, "episode.still_face.duration_s": 20.0,
         "episode.reunion.duration_s": 20.0}


def _status_labels(monkeypatch, scene, app, until_s: float) -> list[str]:
    drawn = []
    real = play_mod.text

    def spy(surface, font, s, pos, colour, anchor="topleft", **kw):
        drawn.append(s)
        return real(surface, font, s, pos, colour, anchor=anchor, **kw)

    monkeypatch.setattr(play_mod, "text", spy)
    seen = []
    while scene.session.t < until_s:
        scene.run_until(scene.session.t + 2.0)
        drawn.clear()
        app.tick(0.0)
        seen.append(scene.verdict())
        assert S.PLAY_NOW_YOUR_MOVE not in drawn, scene.session.t
    return seen


def test_a_replayed_session_without_choices_shows_the_verdict_not_your_move(monkeypatch):
    s = Session(load_scenario("still_face"), n=1, learner=True, seed=3, overrides=SHORT)
    while not s.finished:  # a learner who never pressed a key
        s.step()
    data = json.loads(dumps(session_file_dict(s)))
    assert not data.get("actions")
    app = make_app(projector=True)
    scene = app.push(replay_scene(app, data))
    seen = _status_labels(monkeypatch, scene, app, 18.0)
    assert None not in seen and {"matched", "mismatched"} & set(seen)


def test_a_live_learner_still_sees_your_move_before_acting():
    app = make_app()
    play = app.push(PlayScene(app, load_scenario("still_face"), overrides=SHORT))
    play.run_until(4.0)
    assert play.verdict() is None and play.awaiting_first_action()
    play.choose("smile")
    play.run_until(6.0)
    assert play.verdict() in ("matched", "mismatched")


def test_the_replay_panel_heading_is_whole_above_the_actions(monkeypatch):
    from simulator.view import theme
    from simulator.view.scenes import replay as replay_mod
    s = Session(load_scenario("still_face"), n=1, learner=True, seed=3, overrides=SHORT)
    while s.t < 5:
        s.step()
    data = json.loads(dumps(session_file_dict(s)))
    app = make_app(projector=True)
    scene = app.push(replay_scene(app, data))
    bottoms = []
    real = replay_mod.paragraph_full

    def spy(surface, font, text_, x, y, w, colour, **kw):
        out = real(surface, font, text_, x, y, w, colour, **kw)
        bottoms.append(out)
        return out

    monkeypatch.setattr(replay_mod, "paragraph_full", spy)
    for size in ((1024, 600), (1280, 720), (1920, 1080)):
        app.resize(size)
        for k in range(len(theme.TEXT_SCALES)):
            app.text_scale_index = k
            app.tick(0.0)
            bottoms.clear()
            app.tick(0.0)
            actions = [b for b in scene.group.items if (b.ident or "").startswith("action:")]
            assert actions and bottoms, (size, k)
            top = min(b.rect.top for b in actions)
            assert bottoms[-1] <= top, (size, k, bottoms, top)  # the note ends above the first action
            assert all(scene.L.panel.contains(b.rect) for b in actions), (size, k)
