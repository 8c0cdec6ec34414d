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


def _play(app, name, **kw):
    from simulator.model.scenario import load_scenario
    from simulator.view.scenes.play import PlayScene
    scene = PlayScene(app, load_scenario(name), **kw)
    app.push(scene)
    return scene


def test_no_status_verdict_before_the_first_action():
    app = make_app()
    play = _play(app, "still_face")
    for _ in range(40):
        app.tick(0.25)
    assert play.session.t > 5 and play.verdict() is None  # "Your move", not "Out of step"
    assert "What would fit" in play.signal_hint()
    press(app, pygame.K_1)  # smile
    for _ in range(4):
        app.tick(0.25)
    assert play.verdict() in ("matched", "mismatched")


def test_hint_names_what_would_match_and_can_be_switched_off():
    from simulator.model.actions import MATCH_BY_STATE
    from simulator.model.behaviour import SIGNALS
    from simulator.view import strings as S
    app = make_app()
    play = _play(app, "everyday_rupture_repair", demo=True)
    for _ in range(30):
        app.tick(0.25)
    state = int(SIGNALS[int(play.session.state.behaviour[0])])
    hint = play.signal_hint()
    assert S.SIGNAL_WORDS[state] in hint
    first_fit = next(a for a in range(MATCH_BY_STATE.shape[1]) if MATCH_BY_STATE[state, a])
    from simulator.model.actions import ACTION_IDS
    assert S.ACTION_LABELS[ACTION_IDS[first_fit]] in hint
    app.toggle_hints()
    assert app.hints is False


def test_still_face_counted_as_a_rupture_in_play_and_its_repair_in_the_reunion():
    app = make_app()
    play = _play(app, "still_face", demo=True)
    play.run_until(150.0)  # 30 s into the still-face
    meas = play.session.episode_measures()
    rup, rep, planned = play.counts(meas, 1)
    assert rup >= 1 and planned is not None and planned.kind == "still_face" and planned.end_s is None
    play.run_until(300.0)
    rup, rep, planned = play.counts(play.session.episode_measures(), 2)
    assert planned is not None and planned.repaired and rep >= int(play.session.episode_measures()["repairs"][0, 2]) + 1


def test_setup_panel_values_reach_the_model_and_replay_byte_exactly():
    import json

    from simulator.model.scenario import load_scenario
    from simulator.sessions.replay import differences, replay
    from simulator.sessions.store import session_file_dict
    from simulator.view.scenes.briefing import BriefingScene
    from simulator.view.scenes.play import PlayScene

    app = make_app()
    brief = BriefingScene(app, load_scenario("still_face"))
    app.push(brief)
    press(app, pygame.K_s)
    setup = app.top
    assert setup.name == "setup"
    setup.change("age", +2)  # 4 -> 6 months
    setup.change("temperament", +1)  # easy-going
    for _ in range(3):
        setup.change("sensitivity", -1)  # 0.7 -> 0.4
    setup.change("history", +1)
    setup.change("looks", +1)
    press(app, pygame.K_RETURN)
    assert app.top is brief
    press(app, pygame.K_2)  # the prediction
    press(app, pygame.K_RETURN)  # Start
    play = app.top
    assert isinstance(play, PlayScene)
    s = play.session
    assert s.preset == brief.setup.preset != "secure"
    assert float(s.params.age_months[0]) == 6.0
    assert abs(float(s.params.reactivity[0]) - 0.3) < 1e-6 and abs(float(s.params.soothability[0]) - 0.7) < 1e-6
    assert abs(float(s.caregivers.sensitivity[0]) - 0.4) < 1e-6
    assert play.skins == brief.setup.skins
    play.choose("smile")
    play.run_until(200.0)
    play.choose("soothe")
    play.run_until(1e9)
    saved = json.dumps(session_file_dict(s, play.prediction, started_at="x"))
    d = json.loads(saved)
    assert d["overrides"] == {"infant.age_months": 6.0, "infant.reactivity": 0.3, "infant.soothability": 0.7,
                              "caregiver.sensitivity": 0.4}
    again = replay(d)
    assert differences(d, again) == []
    assert json.dumps(session_file_dict(again, play.prediction, started_at="x")) == saved


def test_setup_reset_and_history_name_hidden_while_predicting():
    from simulator.model.scenario import load_scenario
    from simulator.view import strings as S
    from simulator.view.scenes.briefing import BriefingScene

    app = make_app()
    brief = BriefingScene(app, load_scenario("strange_situation"), infant="avoidant")
    app.push(brief)
    assert brief.group.find("history").label == S.BRIEF_HISTORY_BUTTON_HIDDEN  # no "avoidant" before predicting
    press(app, pygame.K_2)
    assert "avoidant" in brief.group.find("history").label
    press(app, pygame.K_s)
    app.top.change("age", +1)
    app.top.change("temperament", +1)
    assert brief.setup.overrides()
    press(app, pygame.K_r)
    assert brief.setup.overrides() == {} and brief.setup.preset == "secure"


def test_debrief_shows_the_lessons_and_terms_open_the_glossary():
    from simulator.model.scenario import load_scenario
    from simulator.model.session import Session
    from simulator.view.scenes.debrief import DebriefScene

    app = make_app()
    s = Session(load_scenario("strange_situation"), infant="avoidant", record=True).run()
    deb = DebriefScene(app, s, demo=True)
    app.push(deb)
    app.tick(0.0)
    assert deb.page == "lessons" and deb.debrief.lessons[0].key == "calm_outside"
    assert deb._chips  # the lessons' terms, drawn as chips
    rect, term = deb._chips[0]
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=app_window_pos(app, rect.center)))
    app.tick(0.0)
    assert app.top.name == "glossary" and app.top.term == term
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_l)
    assert deb.page == "numbers"


def test_parents_debrief_has_no_pattern_letters_or_numbers_page():
    from simulator.model.scenario import load_scenario
    from simulator.model.session import Session
    from simulator.view.scenes.debrief import DebriefScene

    app = make_app()
    app.audience = "parents"
    s = Session(load_scenario("strange_situation"), infant="disorganized", record=True).run()
    deb = DebriefScene(app, s, demo=True)
    app.push(deb)
    app.tick(0.0)
    assert deb.group.find("page") is None
    words = " ".join(lesson.text for lesson in deb.debrief.lessons)
    assert "disorgani" not in words.lower() and "Classified" not in words


def app_window_pos(app, pos):
    from tests.view_helpers import window_pos
    return window_pos(app, pos)


def test_enter_after_choosing_watch_a_demo_starts_it():
    from simulator.model.scenario import load_scenario
    from simulator.view.scenes.briefing import BriefingScene

    app = make_app()
    app.push(BriefingScene(app, load_scenario("still_face")))
    press(app, pygame.K_2)  # predict
    press(app, pygame.K_d)  # Watch a demo
    press(app, pygame.K_RETURN)
    assert app.top.name == "play" and app.top.demo


def test_autoplay_can_show_the_briefing_and_content_note_first():
    from simulator.cli.play import run_play
    from simulator.model.scenario import load_scenario

    app = run_play(load_scenario("still_face"), autoplay=True, briefing=True, speed=4.0,
                   app=App(headless=True, sound=False), run=False)
    assert app.top.name == "briefing" and app.top.demo
    press(app, pygame.K_2)
    press(app, pygame.K_RETURN)
    assert app.top.name == "play" and app.top.demo and app.top.speed == 4.0


def test_slash_switches_hints_off_for_a_test_yourself_run():
    app = make_app()
    _play(app, "everyday_rupture_repair")
    assert app.hints
    press(app, pygame.K_SLASH)
    assert app.hints is False

