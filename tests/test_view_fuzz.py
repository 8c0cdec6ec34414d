"""Fuzz: thousands of random key, mouse, wheel and resize events across every scene, with no exception."""

from __future__ import annotations

import random

import pygame

from view_helpers import make_app, shorten

KEYS = ([getattr(pygame, f"K_{c}") for c in "abcdefghijklmnopqrstuvwxyz0123456789"]
        + [pygame.K_TAB, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN, pygame.K_RETURN,
           pygame.K_SPACE, pygame.K_ESCAPE, pygame.K_BACKSPACE, pygame.K_PAGEUP, pygame.K_PAGEDOWN,
           pygame.K_MINUS, pygame.K_EQUALS, pygame.K_PERIOD, pygame.K_LEFTBRACKET, pygame.K_RIGHTBRACKET,
           pygame.K_KP_PLUS, pygame.K_KP_MINUS, pygame.K_KP_ENTER, pygame.K_F10, pygame.K_F11, pygame.K_F1,
           pygame.K_HOME, pygame.K_END, pygame.K_DELETE])
SCENES = ("home", "briefing", "play", "debrief", "glossary")


def _force(app, name: str) -> None:
    """Open a scene directly so every scene gets its share of the fuzz."""
    from simulator.view.scenes.briefing import BriefingScene
    from simulator.view.scenes.debrief import DebriefScene
    from simulator.view.scenes.glossary import GlossaryScene
    from simulator.view.scenes.play import PlayScene
    home = app.stack.scenes[0]
    app.home()
    sc = random.choice(home.scenarios)
    if name == "briefing":
        app.push(BriefingScene(app, sc))
    elif name in ("play", "debrief"):
        play = app.push(PlayScene(app, sc, demo=random.random() < 0.3))
        if name == "debrief":
            play.run_until(random.uniform(0, 45))
            play.open_debrief()
    elif name == "glossary":
        app.push(GlossaryScene(app))


def _random_event(rng: random.Random, app):
    r = rng.random()
    if r < 0.45:
        mod = rng.choice([0, 0, 0, pygame.KMOD_SHIFT, pygame.KMOD_CTRL])
        key = rng.choice(KEYS)
        if key == pygame.K_q and mod == pygame.KMOD_CTRL:
            mod = 0
        return pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0)
    w, h = app.screen.get_size()
    pos = (rng.randint(-20, w + 20), rng.randint(-20, h + 20))
    if r < 0.65:
        return pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    if r < 0.8:
        return pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=rng.choice([1, 1, 1, 2, 3]))
    if r < 0.93:
        return pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=rng.choice([1, 1, 1, 2, 3]))
    if r < 0.985:
        return pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rng.choice([-3, -1, 1, 3]), flipped=False)
    size = (rng.randint(100, 1700), rng.randint(80, 1000))
    return pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1])


def test_fuzz_2500_events_across_all_scenes():
    rng = random.Random(1234)
    random.seed(1234)
    app = make_app()
    shorten(app)
    visited: set[str] = set()
    restarts = 0
    n_events = 2500  # each scene forced once, 500 events each (and wherever the events lead)
    for k in range(n_events):
        if k % 500 == 0:
            _force(app, SCENES[(k // 500) % len(SCENES)])
        app.handle_event(_random_event(rng, app))
        if not app.running or not app.stack.scenes:  # Esc on Home quits: start a fresh app
            restarts += 1
            app = make_app()
            shorten(app)
            continue
        if k % 3 == 0:
            app.tick(rng.choice([0.0, 1 / 60, 0.1, 0.3]), events=[])
        visited.add(app.top.name)
    print("scenes visited:", sorted(visited), "restarts:", restarts)
    assert set(SCENES) <= visited
