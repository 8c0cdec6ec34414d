"""Observer mode, headless: a keyboard-only and a mouse-only block (small, short sessions), jumps, agreement, fuzz."""

from __future__ import annotations

import random
import time

import pygame

from view_helpers import click, click_button, drawn_strings, focus_with_keys, make_app, press, short_scenario

from simulator.content import observer as OB
from simulator.model.scenario import load_scenario
from simulator.model.session import Session
from simulator.view.scenes.observer import ObserverScene


def _short_ssp(seconds: float = 10.0):
    return short_scenario(load_scenario("strange_situation"), seconds, max_extra_s=5.0)


SHORT = _short_ssp()


def short_make(drawn: dict) -> Session:
    """content.observer.make_session with 10-s episodes (same procedure, fewer steps)."""
    return Session(SHORT, n=1, caregiver=drawn["hidden"]["caregiver_style"], seed=drawn["session_seed"],
                   params=drawn["params"], preset_label="unlabelled", record=True)


def quick_draw(seed: int) -> dict:
    """An unlabelled infant from the prototype histories only (no development run: fast)."""
    return OB.draw_infant(seed, populations=())


def observer(app, block_size: int = 3, seed: int = 5, budget: float | None = None) -> ObserverScene:
    obs = ObserverScene(app, seed=seed, block_size=block_size, make=short_make, draw=quick_draw)
    if budget is not None:
        obs.frame_budget = budget  # model stepping per frame (the fuzz keeps frames short)
    return app.push(obs)


def wait_phase(app, scene, phase: str, limit_s: float = 30.0) -> None:
    t0 = time.perf_counter()
    while scene.phase != phase:
        app.tick(1 / 30)
        assert time.perf_counter() - t0 < limit_s, f"never reached {phase} (at {scene.phase})"


def test_home_has_observer_entry():
    app = make_app()
    assert app.top.group.find("open:observer") is not None


def test_keyboard_only_block():
    app = make_app()
    obs = observer(app)
    for k in range(3):
        wait_phase(app, obs, "watch")
        assert obs.k == k and obs.session is not None
        for _ in range(20):
            app.tick(1 / 30)
        assert obs.view > 0  # the replay moves
        press(app, pygame.K_g)
        assert obs.show_chart
        press(app, pygame.K_g)
        press(app, pygame.K_n)  # next episode
        for _ in range(10):
            app.tick(1 / 30)
        focus_with_keys(app, "rate:reunion_1:proximity_seeking:+")
        press(app, pygame.K_6)
        assert obs.rating["reunion_1"]["proximity_seeking"] == 6
        press(app, pygame.K_RETURN)  # "+" on the focused stepper
        assert obs.rating["reunion_1"]["proximity_seeking"] == 7
        focus_with_keys(app, "rate:reunion_2:avoidance:-")
        press(app, pygame.K_2)
        press(app, pygame.K_RETURN)  # "-"
        assert obs.rating["reunion_2"]["avoidance"] == 1
        press(app, [pygame.K_a, pygame.K_b, pygame.K_c][k])
        assert obs.rating["classification"] == "ABC"[k]
        press(app, pygame.K_s)
        wait_phase(app, obs, "feedback")
        assert obs.scores is not None and len(obs.reference) == k + 1
        assert obs.group.focused.ident == "next"
        if k == 0:  # Attune's reasons in words: no "->" or ">=" code-speak on screen
            drawn = " ".join(drawn_strings(lambda: app.tick(0.0)))
            assert "Attune" in drawn and "->" not in drawn and ">=" not in drawn
        # Jump to the moment behind a score with the keyboard.
        focus_with_keys(app, "jump:reunion_2:contact_maintaining")
        press(app, pygame.K_RETURN)
        row, _ = obs.moments[("reunion_2", "contact_maintaining")]
        assert abs(obs.view - row) <= 2 and obs.playing
        press(app, pygame.K_i)
    assert obs.phase == "block"
    b = obs.block
    assert b.n_infants == 3
    assert b.scales["proximity_seeking"].n == 3 and b.scales["contact_maintaining"].n == 0
    assert 0.0 <= b.classification_agreement <= 1.0
    app.tick(1 / 30)
    press(app, pygame.K_n)  # a new block
    assert obs.phase in ("loading", "watch") and obs.k == 0 and not obs.learner
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "home"


def test_mouse_only_block_and_timeline():
    app = make_app()
    obs = observer(app, block_size=2, seed=11)
    for k in range(2):
        wait_phase(app, obs, "watch")
        for _ in range(30):
            app.tick(1 / 30)
        click(app, (obs.L.timeline.x + 3, obs.L.timeline.centery))  # back to the start
        assert obs.view <= 2
        for _ in range(3):
            click_button(app, "rate:reunion_1:contact_maintaining:+")
        assert obs.rating["reunion_1"]["contact_maintaining"] == 3
        click_button(app, "rate:reunion_1:contact_maintaining:-")
        assert obs.rating["reunion_1"]["contact_maintaining"] == 2
        click_button(app, "class:D")
        assert obs.rating["classification"] == "D"
        was = obs.show_chart  # kept from one infant to the next
        click_button(app, "chart")
        assert obs.show_chart is not was
        click_button(app, "submit")
        wait_phase(app, obs, "feedback")
        click_button(app, "jump:reunion_1:avoidance")
        row, _ = obs.moments[("reunion_1", "avoidance")]
        assert abs(obs.view - row) <= 2
        click_button(app, "next")
    assert obs.phase == "block"
    assert obs.block.kappa.n == 2
    lines = obs.block.summary_lines()
    assert any("kappa" in line.lower() for line in lines)
    click_button(app, "home")
    assert app.top.name == "home"


def test_fuzz_observer():
    rng = random.Random(3)
    app = make_app()
    obs = observer(app, block_size=2, seed=2, budget=0.004)
    wait_phase(app, obs, "watch")
    keys = [pygame.K_TAB, pygame.K_RETURN, pygame.K_SPACE, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN,
            pygame.K_ESCAPE, pygame.K_p, pygame.K_n, pygame.K_r, pygame.K_g, pygame.K_s, pygame.K_i, pygame.K_a,
            pygame.K_b, pygame.K_c, pygame.K_d, pygame.K_COMMA, pygame.K_PERIOD, pygame.K_MINUS, pygame.K_EQUALS,
            pygame.K_BACKSPACE, pygame.K_LEFTBRACKET, pygame.K_RIGHTBRACKET, pygame.K_t] + \
        [getattr(pygame, f"K_{i}") for i in range(10)]
    phases = set()
    for k in range(1000):
        if app.top is not obs:
            while len(app.stack.scenes) > 1:
                app.stack.pop()
            if not app.running or not app.stack.scenes:
                app = make_app()
            obs = observer(app, block_size=2, seed=rng.randint(0, 50), budget=0.004)
        r = rng.random()
        if r < 0.55:
            ev = pygame.event.Event(pygame.KEYDOWN, key=rng.choice(keys), mod=0, unicode="", scancode=0)
            if ev.key == pygame.K_ESCAPE and rng.random() < 0.8:
                continue  # leave the scene only now and then
        else:
            pos = (rng.randint(-10, 1290), rng.randint(-10, 730))
            kind = rng.choice([pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP])
            ev = pygame.event.Event(kind, pos=pos, button=1, rel=(0, 0), buttons=(0, 0, 0))
        app.handle_event(ev)
        if k % 5 == 0:
            app.tick(rng.choice([0.0, 1 / 60, 0.25]), events=[])
        phases.add(obs.phase)
    assert "watch" in phases


def test_scores_typed_straight_in_without_focusing_a_stepper_and_blocks_of_5():
    app = make_app()
    obs = observer(app, block_size=10)
    wait_phase(app, obs, "watch")
    f = obs.group.focused
    assert f is None or not f.ident.startswith("rate:")
    for key in (pygame.K_6, pygame.K_5, pygame.K_1, pygame.K_2, pygame.K_7):
        press(app, key)
    first, second = OB.EPISODES
    assert [obs.rating[first][s] for s in OB.SCALES] == [6, 5, 1, 2]
    assert obs.rating[second][OB.SCALES[0]] == 7  # on into the second reunion
    obs.set_block_size(5)
    assert obs.block_size == 5


def test_the_first_block_offers_5_or_10_infants():
    app = make_app()
    obs = app.push(ObserverScene(app, seed=5, make=short_make, draw=quick_draw))  # as Home opens it
    assert obs.phase == "intro" and obs.block_size == OB.BLOCK_SIZE
    assert {b.ident for b in obs.group.items} >= {"block_size:5", "block_size:10", "start"}
    press(app, pygame.K_5)
    assert obs.block_size == 5 and obs.group.find("block_size:5").selected
    press(app, pygame.K_0)
    assert obs.block_size == 10 and not obs.group.find("block_size:5").selected
    click_button(app, "block_size:5")
    assert obs.block_size == 5
    press(app, pygame.K_RETURN)  # start
    wait_phase(app, obs, "watch")
    assert obs.k == 0 and obs.block_size == 5


def test_home_opens_observer_at_its_introduction():
    app = make_app()
    click_button(app, "open:observer")
    assert app.top.name == "observer" and app.top.phase == "intro"
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "home"
