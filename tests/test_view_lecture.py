"""Lecture mode: playlists validated like scenarios, the 50-minute plan fits with slack, cues pause the lecture."""

import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from simulator.cli import main
from simulator.content.playlist import PlaylistError, load_playlist, planned_seconds
from simulator.model.session import DT
from simulator.view.app import App
from simulator.view.scenes.lecture import CueScene, LectureRun, TalkScene, run_lecture
from simulator.view.scenes.play import PlayScene
from tests.view_helpers import press

ROOT = Path(__file__).resolve().parents[1]
FIFTY = ROOT / "scenarios" / "playlists" / "fifty_minutes.toml"


def _lecture_app(autoplay=True):
    app = App(headless=True, sound=False)
    return run_lecture(load_playlist(FIFTY), autoplay=autoplay, app=app, run=False)


def test_fifty_minute_plan_walks_headless_pausing_at_every_cue_and_fits_in_45_minutes():
    pl = load_playlist(FIFTY)
    assert planned_seconds(pl) <= pl.budget_minutes * 60 <= 45 * 60
    assert pl.class_minutes == 50
    app = _lecture_app()
    lecture = app.lecture
    held = 0
    talks = 0
    for _ in range(20000):
        if lecture.done:
            break
        top = app.top
        if isinstance(top, CueScene):
            play = app.stack.scenes[-2]
            t = play.session.t
            top.update(1.0)
            assert play.session.t == t  # the model holds still while the question is up
            held += 1
            continue
        if isinstance(top, TalkScene) and top.elapsed == 0:
            talks += 1
        top.update(1.0)
    assert lecture.done
    cues = [(k, c) for k, seg in enumerate(pl.segments) for c in seg.cues]
    assert len(lecture.cues_shown) == len(cues) and held >= len(cues)
    for shown, (k, cue) in zip(lecture.cues_shown, cues):
        assert shown["segment"] == k
        assert shown["episode"] == (cue.episode or shown["episode"])
        assert cue.at_s - 1e-9 <= shown["t_episode"] < cue.at_s + DT + 1e-9  # stopped exactly at the cue
    assert talks == sum(seg.kind == "talk" for seg in pl.segments)
    assert lecture.clock <= 45 * 60  # as walked, with the model's real episode lengths


def test_without_autoplay_a_cue_waits_for_the_lecturer():
    app = _lecture_app(autoplay=False)
    app.tick(0.25)
    assert isinstance(app.top, TalkScene)
    for _ in range(50):
        app.top.update(10.0)
    assert isinstance(app.top, TalkScene)  # a slide stays until the lecturer goes on
    press(app, pygame.K_RETURN)
    app.tick(0.25)
    app.tick(0.25)
    assert isinstance(app.top, CueScene)  # the first cue sits at the start of free play
    play = app.stack.scenes[-2]
    assert isinstance(play, PlayScene) and isinstance(play.source, LectureRun) and play.name == "lecture_play"
    t = play.session.t
    for _ in range(40):
        app.tick(0.25)
    assert isinstance(app.top, CueScene) and play.session.t == t
    press(app, pygame.K_SPACE)
    for _ in range(8):
        app.tick(0.25)
    assert app.top is play and play.session.t > t


def test_lecture_command_exits_0_with_a_screenshot(tmp_path):
    shot = tmp_path / "x.png"
    r = subprocess.run([sys.executable, str(ROOT / "main.py"), "lecture", str(FIFTY), "--autoplay", "--speed", "8",
                        "--exit-after", "60", "--screenshot", str(shot)], capture_output=True, text=True,
                       cwd=ROOT, timeout=300)
    assert r.returncode == 0, r.stderr
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("body,where", [
    ('schema_version = 1\nid = "x"\ntitle = "X"\nclass_minutes = 50\nbudget_minutes = 45\n'
     '[[segments]]\nkind = "talk"\ntitle = "T"\n', "segments[0]"),
    ('schema_version = 1\nid = "x"\ntitle = "X"\nclass_minutes = 50\nbudget_minutes = 45\n'
     '[[segments]]\nkind = "scenario"\ntitle = "S"\nscenario = "no_such"\n', "segments[0].scenario"),
    ('schema_version = 1\nid = "x"\ntitle = "X"\nclass_minutes = 50\nbudget_minutes = 45\n'
     '[[segments]]\nkind = "scenario"\ntitle = "S"\nscenario = "still_face"\n'
     'cues = [{ episode = "nope", question = "Q?" }]\n', "segments[0].cues[0].episode"),
    ('id = ', "(TOML syntax)"),
])
def test_bad_playlist_is_one_clear_line_and_exit_2(tmp_path, capsys, body, where):
    f = tmp_path / "bad.toml"
    f.write_text(body)
    with pytest.raises(PlaylistError):
        load_playlist(f)
    assert main(["lecture", str(f), "--exit-after", "1"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"error: {f}: {where}"), err
