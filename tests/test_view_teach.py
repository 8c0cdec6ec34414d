"""Teaching in the app: remembered settings, Esc on Home asks first, feedback in the moment, the setup panel."""

import json

import pygame

from simulator.view.app import App
from simulator.view.scenes.home import HomeScene
from simulator.view.settings import Settings
from tests.view_helpers import make_app, press


def test_settings_persist_across_launches(tmp_path, monkeypatch):
    monkeypatch.setenv("ATTUNE_DATA_DIR", str(tmp_path))
    app = App(headless=True, remember=True)
    assert app.audience == "class" and app.text_scale_index == 0 and app.palette.name != "projector"
    app.toggle_projector()
    app.cycle_text_scale()
    app.cycle_text_scale()
    app.set_audience("parents")
    app.toggle_hints()
    muted = app.sound.muted
    app.toggle_sound()
    saved = json.loads((tmp_path / "settings.json").read_text())
    assert saved["audience"] == "parents" and saved["projector"] is True
    again = App(headless=True, remember=True)  # the next launch
    assert again.palette.name == "projector"
    assert again.text_scale_index == 2 and again.audience == "parents" and again.hints is False
    assert again.sound.muted is (not muted)
    fresh = App(headless=True, remember=True, audience="research")  # --audience wins for this launch
    assert fresh.audience == "research"


def test_damaged_settings_file_gives_defaults(tmp_path):
    (tmp_path / "settings.json").write_text("{not json")
    assert Settings.load(tmp_path) == Settings()
    (tmp_path / "settings.json").write_text(json.dumps({"audience": "kids", "text_scale_index": 9, "hints": 1}))
    assert Settings.load(tmp_path) == Settings()


def test_tests_app_does_not_write_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("ATTUNE_DATA_DIR", str(tmp_path))
    app = make_app()
    app.toggle_projector()
    assert not (tmp_path / "settings.json").exists()


def test_escape_on_home_asks_before_quitting():
    app = make_app()
    assert isinstance(app.top, HomeScene)
    press(app, pygame.K_ESCAPE)
    assert app.running and app.top.name == "confirm_quit"
    press(app, pygame.K_ESCAPE)  # Esc again: stay
    assert app.running and isinstance(app.top, HomeScene)
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_n)
    assert app.running and isinstance(app.top, HomeScene)
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_RETURN)  # Enter confirms
    assert not app.running
