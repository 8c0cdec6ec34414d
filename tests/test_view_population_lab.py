"""Population lab, headless: keyboard-only and mouse-only runs of a small population, opening one infant, fuzz."""

from __future__ import annotations

import random
import time

import pygame
import pytest

from view_helpers import click, click_button, focus_with_keys, make_app, press

from simulator.model.scenario import load_scenario
from simulator.model.population.lab import CLASSES, published_for
from simulator.view.scenes.population_lab import DEFAULT_N, PopulationLabScene


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
    """Shorten a lab's runs for tests: one month of development, 10-s episodes, a small N (before its first run
    starts: the lab waits a moment after opening)."""
    lab.months = 1.0
    lab.ssp_overrides = short_overrides("strange_situation")
    lab.sf_overrides = short_overrides("still_face")
    lab.n = n
    lab.changed()
    return lab


def wait_for_run(app, lab, limit_s: float = 60.0) -> None:
    """Run frames until the lab shows the result of its current settings (the window keeps drawing meanwhile)."""
    t0 = time.perf_counter()
    while lab.updating or lab.job is not None:
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
    assert lab.n in (100, 300, 1000) and lab.n != 24
    lab.n = 24
    lab.changed()
    assert lab.updating and not lab.running  # a moment's wait first, so quick changes make one run
    wait_for_run(app, lab)
    r = lab.result
    assert r is not None and r.n == 24 and len(r.classification) == 24 and r.choice == "low_risk"
    assert set(r.classification) <= set(CLASSES)
    # The lab's main chart: A, B, C, D as shares of all infants, adding to 100%; best fit its own breakdown.
    assert abs(sum(r.class_shares().values()) - 100.0) < 1e-6
    assert abs(sum(r.best_fit_shares().values()) - 100.0) < 1e-6
    assert set(r.sf_means) == {"positive_affect", "negative_affect", "gaze"}
    first = lab.selected
    press(app, pygame.K_RIGHTBRACKET)
    assert lab.selected != first
    present = [c for c in CLASSES if c in r.classification]
    press(app, getattr(pygame, f"K_{present[-1].lower()}"))
    assert r.classification[lab.selected] == present[-1]
    press(app, pygame.K_r)  # a new sample: the next seed, run again
    assert lab.seed == 1 and lab.updating
    wait_for_run(app, lab)
    assert lab.result.seed == 1 and lab.result is not r
    r = lab.result
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


def test_the_lab_opens_on_1000_infants_and_runs_by_itself():
    app = make_app()
    press(app, pygame.K_l)
    lab = app.top
    assert lab.n == DEFAULT_N == 1000 and lab.updating and lab.result is None
    lab.months = 1.0  # keep the test short: the same path, shorter procedures
    lab.ssp_overrides = short_overrides("strange_situation")
    lab.sf_overrides = short_overrides("still_face")
    lab.n = 100
    wait_for_run(app, lab)  # nothing pressed: the first run starts by itself
    assert lab.result is not None and lab.result.n == 100


def test_mouse_only_run_grid_and_watch():
    app = make_app()
    click_button(app, "open:population_lab")
    lab = make_fast(app.top)
    click_button(app, "choice:good_enough")
    assert lab.choice == "good_enough"
    click_button(app, "n:100")
    assert lab.n == 100
    lab.n = 24
    lab.changed()
    wait_for_run(app, lab)
    assert lab.result is not None and lab.result.choice == "good_enough"
    # Click the last square of the infant grid.
    cols, cell, n = lab._grid_layout()
    k = n - 1
    row, c = divmod(k, cols)
    click(app, (lab.grid.x + c * cell + cell // 2, lab.grid.y + row * cell + cell // 2))
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


def test_changing_a_setting_mid_run_drops_the_stale_run_and_keeps_the_window_usable():
    app = make_app()
    lab = open_lab(app)
    lab.ssp_overrides = {}  # a full-length procedure: long enough to change a setting in the middle
    lab.run()
    t0 = time.perf_counter()
    while lab.running and lab.job.stage == "develop" and time.perf_counter() - t0 < 30:
        app.tick(1 / 60)
        time.sleep(0.01)
    stale = lab.job
    frame_times = []
    for _ in range(10):
        a = time.perf_counter()
        app.tick(1 / 60)
        frame_times.append(time.perf_counter() - a)
    lab.ssp_overrides = short_overrides("strange_situation")
    click_button(app, "choice:rebuffing")
    click_button(app, "choice:unpredictable")  # quick changes: one run, of the last
    assert stale.cancel.is_set()
    wait_for_run(app, lab)
    assert stale.done  # stopped (or, had it finished first, its result dropped: see the next line)
    assert lab.result.choice == "unpredictable" and lab.result.settings.ssp_overrides == lab.ssp_overrides
    assert max(frame_times) < 0.5  # generous on a loaded machine; the UI thread never waits for the run
    # Back to a setting already run: its result at once, the same object (kept by settings).
    kept = lab.result
    click_button(app, "choice:rebuffing")
    wait_for_run(app, lab)
    click_button(app, "choice:unpredictable")
    assert lab.result is kept and not lab.updating


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
    for k in range(1200):
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
            job = scene.job
            scene.cancel()
            job.join(timeout=30)


def test_spread_view_shows_each_infant():
    """S switches the still-face panel to the spread: a histogram of each infant's change and %B in classes."""
    import dataclasses

    import numpy as np
    from simulator.view.drawing.chart import series_colour
    from simulator.view.scenes.population_lab import CLASS_COLOURS

    app = make_app()
    lab = open_lab(app)
    lab.n = 40  # more than a class of 30, so classes can be drawn from the run
    lab.changed()
    wait_for_run(app, lab)
    sp = lab.result.spread
    assert sp["counts"].sum() == 40 and sp["pct_b"].shape == (30,)

    def panel_colours():
        surf = pygame.Surface(app.window_size)
        surf.fill(app.palette.bg)
        lab.draw(surf)
        px = pygame.surfarray.array3d(surf.subsurface(lab.sf_rect)).reshape(-1, 3).astype(int)
        return lambda c: int(np.sum(np.max(np.abs(px - np.array(c)), axis=1) <= 4))

    means = panel_colours()
    press(app, pygame.K_s)
    assert lab.sf_view == "spread"
    spread = panel_colours()
    hist = series_colour(app.palette, "negative_affect")
    assert spread(hist) > 3 * max(1, means(hist))  # histogram bars, far more than the means' thin line
    assert spread(CLASS_COLOURS["B"]) > 20  # one dot per class of 30...
    lab.result = dataclasses.replace(lab.result, spread=dict(sp, pct_b=np.zeros(0)))
    assert panel_colours()(CLASS_COLOURS["B"]) == 0  # ...and none without classes
    click_button(app, "sf:means")
    assert lab.sf_view == "means"


def test_published_tables_beside_each_history():
    assert published_for("low_risk").best_fit == {"A": 22.0, "B": 66.0, "C": 12.0}
    assert published_for("high_risk").bars == {"D": (30.0, 45.0)}
    glob = published_for("global_mixed").bars
    assert abs(sum(glob.values()) - 100.0) < 0.5 and published_for("good_enough").bars == glob
