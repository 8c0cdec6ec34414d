"""Helpers for the view tests: build the real app headless and feed it posted events, frame by frame."""

from __future__ import annotations

import os
import tempfile

import pygame

from simulator.view.app import App
from simulator.view.scenes.home import HomeScene


# Autosaved sessions and debrief exports go to a temporary folder, never the user's own.
os.environ.setdefault("ATTUNE_DATA_DIR", tempfile.mkdtemp(prefix="attune-test-data-"))
os.environ.setdefault("ATTUNE_SAVE_DIR", tempfile.mkdtemp(prefix="attune-test-save-"))


def make_app(**kw) -> App:
    """The app at Home, headless (SDL_VIDEODRIVER=dummy from conftest)."""
    app = App(headless=True, sound=False, **kw)
    app.push(HomeScene(app))
    app.tick(0.0)
    return app


def frame(app: App, dt: float = 1 / 60) -> None:
    """One frame with whatever events are queued."""
    app.tick(dt)


def press(app: App, key: int, mod: int = 0, dt: float = 1 / 60) -> None:
    """Post a key press and release, then run one frame."""
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0))
    app.tick(dt)


def window_pos(app: App, canvas_pos) -> tuple[int, int]:
    """Where a canvas position is in the window: the same place (every scene draws at the window's size)."""
    return int(canvas_pos[0]), int(canvas_pos[1])


def click(app: App, canvas_pos, dt: float = 1 / 60) -> None:
    """Post a left click (motion, down, up) at a canvas position, then run one frame."""
    pos = window_pos(app, canvas_pos)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    app.tick(dt)


def click_button(app: App, ident: str) -> None:
    """Click the centre of the top scene's control with this id (it must exist)."""
    b = app.top.group.find(ident)
    assert b is not None, f"no control {ident!r} on {app.top.name}"
    click(app, b.rect.center)


def focus_with_keys(app: App, ident: str, limit: int = 60) -> None:
    """Move the focus to a control using Tab only."""
    for _ in range(limit):
        f = app.top.group.focused
        if f is not None and f.ident == ident:
            return
        press(app, pygame.K_TAB)
    raise AssertionError(f"Tab never reached {ident!r}")


def short_scenario(sc, seconds: float = 20.0, max_extra_s: float = 10.0):
    """``sc`` with every episode ``seconds`` long (same procedure, fewer steps), so tests run fast.

    Curtailment after 5 s of crying and extensions of at most ``max_extra_s`` keep those rules exercised.
    """
    from simulator.model.session import apply_episode_overrides
    ov = {}
    for ep in sc.episodes:
        ov[f"episode.{ep.id}.duration_s"] = seconds
        if ep.curtail:
            ov[f"episode.{ep.id}.curtail.crying_s"] = 5.0
        if ep.extend:
            ov[f"episode.{ep.id}.extend.max_extra_s"] = max_extra_s
    return apply_episode_overrides(sc, ov)


def shorten(app: App, seconds: float = 20.0) -> None:
    """Make every Home scenario short (:func:`short_scenario`)."""
    home = app.stack.scenes[0]
    home.scenarios = [short_scenario(sc, seconds) for sc in home.scenarios]
    home.relayout()


def drawn_strings(draw) -> list[str]:
    """Every string rendered while ``draw()`` runs (the view draws all text through widgets.render)."""
    from unittest import mock

    from simulator.view import widgets
    seen: list[str] = []
    real = widgets.render

    def spy(font, s, colour):
        seen.append(s)
        return real(font, s, colour)

    with mock.patch.object(widgets, "render", spy):
        draw()
    return seen
