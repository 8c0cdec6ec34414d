"""Population lab, headless: keyboard-only and mouse-only runs of a small population, opening one infant, fuzz."""

from __future__ import annotations

import random
import time

import pygame
import pytest

from view_helpers import click, click_button, focus_with_keys, make_app, press

from simulator.model.scenario import load_scenario
from simulator.view.scenes.population_lab import CLASSES, GRID, PopulationLabScene, shares, simulated_bars


def short_overrides(name: str, seconds: float = 10.0) -> dict:
    """Every episode of a scenario ``seconds`` long (same procedure, fewer steps)."""
    ov = {}
    for ep in load_scenario(name).episodes:
        ov[f"episode.{ep.id}.duration_s"] = seconds
        if ep.curtail:
            ov[f"episode.{ep.id}.curtail.crying_s"] = 5.0
        if ep.extend:
            ov[f"episode.{ep.id}.extend.max_extra_s"] = 5.0
    return ov


def make_fast(lab: PopulationLabScene, n: int = 24) -> PopulationLabScene:
    """Shorten a lab's runs for tests: one month of development, 10-s episodes, a small N."""
    lab.months = 1.0
    lab.ssp_overrides = short_overrides("strange_situation")
    lab.sf_overrides = short_overrides("still_face")
    lab.n = n
    return lab


def wait_for_run(app, lab, limit_s: float = 60.0) -> None:
    """Run frames until the lab's background run has finished (the window keeps drawing meanwhile)."""
    t0 = time.perf_counter()
    while lab.running or lab.job is not None:
        app.tick(1 / 60)
        time.sleep(0.01)
        assert time.perf_counter() - t0 < limit_s, "population run did not finish"
    app.tick(1 / 60)


def open_lab(app) -> PopulationLabScene:
    press(app, pygame.K_l)  # Home's shortcut for the Population lab
    lab = app.top
    assert isinstance(lab, PopulationLabScene)
    return make_fast(lab)


def test_keyboard_only_run_and_watch_one_infant():
    app = make_app()
    lab = open_lab(app)
    press(app, pygame.K_0)  # high_risk (the tenth history: the depressed profile came in as the eighth)
    assert lab.choice == "high_risk"
    press(app, pygame.K_9)  # low_risk
    assert lab.choice == "low_risk"
    press(app, pygame.K_n)  # N cycles through the sizes
    assert lab.n in (100, 300, 1000)
    lab.n = 24
    press(app, pygame.K_r)
    assert lab.running
    app.tick(1 / 60)
    assert lab.group.focused.ident == "cancel"
    wait_for_run(app, lab)
    r = lab.result
    assert r is not None and r["n"] == 24 and len(r["classification"]) == 24
    assert set(r["classification"]) <= set(CLASSES)
    assert abs(sum(shares(r["classification"]).values()) - 100.0) < 1e-6
    bars = simulated_bars(r, "best_fit_d")
    assert abs(bars["A"] + bars["B"] + bars["C"] - 100.0) < 1e-6
    from simulator.view.scenes.population_lab import REFERENCES, best_fit_shares
    assert abs(sum(best_fit_shares(r).values()) - 100.0) < 1e-6
    # The lab's main chart: A, B, C, D as shares of all infants, adding to 100% (never best fit plus D).
    assert abs(sum(simulated_bars(r, REFERENCES["low_risk"]["measure"]).values()) - 100.0) < 1e-6
    assert all(ref["measure"] == "classification" for ref in REFERENCES.values())
    assert set(r["sf_means"]) == {"positive_affect", "negative_affect", "gaze"}
    first = lab.selected
    press(app, pygame.K_RIGHTBRACKET)
    assert lab.selected != first
    present = [c for c in CLASSES if c in r["classification"]]
    press(app, getattr(pygame, f"K_{present[-1].lower()}"))
    assert r["classification"][lab.selected] == present[-1]
    focus_with_keys(app, "watch")
    press(app, pygame.K_RETURN)
    play = app.top
    assert play.name == "population_infant" and play.demo
    assert play.session.n == 1
    for _ in range(10):
        app.tick(0.1)
    assert play.session.steps_taken > 0
    press(app, pygame.K_ESCAPE)  # back to the lab, results kept
    assert app.top is lab and lab.result is r
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "home"


def test_mouse_only_run_grid_and_watch():
    app = make_app()
    click_button(app, "open:population_lab")
    lab = make_fast(app.top)
    click_button(app, "choice:good_enough")
    assert lab.choice == "good_enough"
    click_button(app, "n:100")
    assert lab.n == 100
    lab.n = 24
    click_button(app, "run")
    assert lab.running
    wait_for_run(app, lab)
    assert lab.result is not None and lab.result["choice"] == "good_enough"
    # Click the last square of the infant grid.
    cols, cell, n = lab._grid_layout()
    k = n - 1
    row, c = divmod(k, cols)
    click(app, (GRID.x + c * cell + cell // 2, GRID.y + row * cell + cell // 2))
    assert lab.selected == lab.order[k]
    click_button(app, "prev")
    assert lab.selected == lab.order[k - 1]
    click_button(app, "watch")
    assert app.top.name == "population_infant"
    app.tick(0.1)
    app.top.close()
    assert app.top is lab
    click_button(app, "back")
    assert app.top.name == "home"


def test_cancel_keeps_window_usable():
    app = make_app()
    lab = open_lab(app)
    lab.ssp_overrides = {}  # a full-length procedure: long enough to cancel in the middle
    press(app, pygame.K_r)
    t0 = time.perf_counter()
    while lab.running and lab.job.stage == "develop" and time.perf_counter() - t0 < 30:
        app.tick(1 / 60)
        time.sleep(0.01)
    frame_times = []
    for _ in range(10):
        a = time.perf_counter()
        app.tick(1 / 60)
        frame_times.append(time.perf_counter() - a)
    press(app, pygame.K_x)
    wait_for_run(app, lab, limit_s=30)
    assert lab.result is None and "cancel" in lab.message.lower()
    assert max(frame_times) < 0.5  # generous on a loaded machine; the UI thread never waits for the run


@pytest.mark.parametrize("seed", [7])
def test_fuzz_population_lab(seed):
    rng = random.Random(seed)
    app = make_app()
    lab = open_lab(app)
    lab.n = 12
    keys = [pygame.K_TAB, pygame.K_RETURN, pygame.K_SPACE, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN,
            pygame.K_ESCAPE, pygame.K_r, pygame.K_x, pygame.K_n, pygame.K_w, pygame.K_a, pygame.K_b, pygame.K_c,
            pygame.K_d, pygame.K_LEFTBRACKET, pygame.K_RIGHTBRACKET, pygame.K_t, pygame.K_p, pygame.K_e,
            pygame.K_PERIOD, pygame.K_MINUS, pygame.K_EQUALS] + [getattr(pygame, f"K_{i}") for i in range(10)]
    for k in range(2500):
        top = app.top
        if top is None or not app.running:
            app = make_app()
            lab = open_lab(app)
            lab.n = 12
            top = lab
        if top.name not in ("population_lab", "population_infant"):
            while len(app.stack.scenes) > 1:
                app.stack.pop()
            lab = make_fast(PopulationLabScene(app), n=12)
            app.push(lab)
        r = rng.random()
        if r < 0.5:
            ev = pygame.event.Event(pygame.KEYDOWN, key=rng.choice(keys), mod=0, unicode="", scancode=0)
        else:
            pos = (rng.randint(-10, 1290), rng.randint(-10, 730))
            kind = rng.choice([pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP])
            ev = pygame.event.Event(kind, pos=pos, button=1, rel=(0, 0), buttons=(0, 0, 0))
        app.handle_event(ev)
        if k % 4 == 0:
            app.tick(rng.choice([0.0, 1 / 60, 0.2]), events=[])
    for scene in list(app.stack.scenes):
        if isinstance(scene, PopulationLabScene) and scene.job is not None:
            scene.cancel()
            scene.job.join(timeout=30)


def test_spread_view_shows_each_infant():
    """S switches the still-face panel to the spread: a histogram of each infant's change and %B in classes."""
    import numpy as np
    from simulator.view.drawing.chart import series_colour
    from simulator.view.scenes.population_lab import CLASS_COLOURS, SF_PANEL

    app = make_app()
    lab = open_lab(app)
    lab.n = 40  # more than a class of 30, so classes can be drawn from the run
    press(app, pygame.K_r)
    wait_for_run(app, lab)
    sp = lab.result["spread"]
    assert sp["counts"].sum() == 40 and sp["pct_b"].shape == (30,)

    def panel_colours():
        surf = pygame.Surface((1280, 720))
        surf.fill(app.palette.bg)
        lab.draw(surf)
        px = pygame.surfarray.array3d(surf.subsurface(SF_PANEL)).reshape(-1, 3).astype(int)
        return lambda c: int(np.sum(np.max(np.abs(px - np.array(c)), axis=1) <= 4))

    means = panel_colours()
    press(app, pygame.K_s)
    assert lab.sf_view == "spread"
    spread = panel_colours()
    hist = series_colour(app.palette, "negative_affect")
    assert spread(hist) > 3 * max(1, means(hist))  # histogram bars, far more than the means' thin line
    assert spread(CLASS_COLOURS["B"]) > 20  # one dot per class of 30...
    lab.result = dict(lab.result, spread=dict(sp, pct_b=np.zeros(0)))
    assert panel_colours()(CLASS_COLOURS["B"]) == 0  # ...and none without classes
    click_button(app, "sf:means")
    assert lab.sf_view == "means"
