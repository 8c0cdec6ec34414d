"""Every scene at 1024x600, 1280x720 and 1920x1080, at every text size, in both colour profiles: no text
below the readable minimum (1/40 of the window height at the largest text size, in proportion at the smaller
ones), and no teaching text shortened with an ellipsis: a panel that cannot fit its text scrolls, and shows
that it does.

Not the full product of scenes, sizes, text sizes and colour profiles but a pairwise covering design
(``combos``; a test below holds that every pair of those four is met in every combination): each scene at each
size is checked at the largest text size (where text is most likely cut) and at the normal or the large one in
turn; the profile (colours and line widths, not where text goes) alternates. Each scene is built once, at one
of the sizes (a different one for each scene in turn), and checked there and at the other two after a window
resize, the way a user changes the size.

Every scene is laid out from the window (none is drawn small and scaled up), so every one gets both checks.

Saved sessions and Compare read two sessions saved into a temporary folder (a learner's still-face and a scripted
one, shortened); Observer mode is shown in each of its phases with short sessions and quickly drawn infants.
"""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

import pygame
import pytest

from simulator.model.scenario import load_scenario
from simulator.view import theme, widgets
from simulator.view.app import App
from simulator.view.layout import min_text_px
from simulator.view.scenes.home import HomeScene

SIZES = ((1024, 600), (1280, 720), (1920, 1080))


def combos(scene: str, size) -> list[tuple[int, bool]]:
    """The (text size, projector?) pairs one (scene, size) is checked in: the largest text size, and the normal
    or the large one in turn; the profiles alternate with the scene and the size."""
    i, j = list(SCENES).index(scene), SIZES.index(size)
    largest = len(theme.TEXT_SCALES) - 1
    return [(largest, (i + j) % 2 == 1), ((i + j) % 2, (i // 2 + j) % 2 == 0)]


def _home(app):
    return app.top


def _briefing(app):
    from simulator.view.scenes.briefing import BriefingScene
    return app.push(BriefingScene(app, load_scenario("strange_situation")))


def _briefing_sf_setup(app):
    from simulator.view.scenes.briefing import BriefingScene
    b = app.push(BriefingScene(app, load_scenario("still_face")))
    b.open_setup()
    return app.top


def _play(app):
    from simulator.view.scenes.play import PlayScene
    play = app.push(PlayScene(app, load_scenario("still_face")))
    play.choose("smile")
    play.run_until(20)
    return play


def _play_prompt(app):
    """Play with the scenario's longest prompt along the top of the room (teach: prompts at their moments)."""
    from simulator.view.scenes.play import PlayScene
    play = app.push(PlayScene(app, load_scenario("still_face")))
    play.run_until(215)  # the still-face's explain prompt has come up
    while play.next_prompt():
        pass
    assert "Think about" in play.toast
    return play


def _debrief_research(app):
    """The research audience's still-face debrief, with the paired d in (teach)."""
    app.audience = "research"
    deb = _debrief("still_face", False)(app)
    deb.paired_thread.join(timeout=60)
    deb.update(0.0)
    return deb


def _play_demo_ssp(app):
    from simulator.view.scenes.play import PlayScene
    play = app.push(PlayScene(app, load_scenario("strange_situation"), demo=True))
    play.run_until(200)
    return play


def _debrief(scenario: str, numbers: bool):
    def build(app):
        from simulator.view.scenes.play import PlayScene
        play = app.push(PlayScene(app, load_scenario(scenario), demo=True))
        play.run_until(10 ** 6)
        play.open_debrief()
        deb = app.top
        if numbers and deb.page == "lessons" and deb.group.find("page") is not None:
            deb.flip_page()
        return deb
    return build


def _glossary(app):
    from simulator.view.scenes.glossary import GlossaryScene
    return app.push(GlossaryScene(app))


def _quit(app):
    app.top.ask_quit()
    return app.top


def _lab(app):
    from simulator.view.scenes.population_lab import PopulationLabScene
    return app.push(PopulationLabScene(app))


_SAVED: dict = {}
SHORT_SF = {"episode.play.duration_s": 16.0, "episode.still_face.duration_s": 16.0,
            "episode.reunion.duration_s": 16.0}


def _saved_folder() -> Path:
    """A temporary sessions folder with two saved still-face sessions (made once): the learner's, and a scripted
    caregiver on the phone with the same infant and run."""
    if "folder" not in _SAVED:
        from simulator.model.session import Session
        from simulator.sessions import Autosaver
        folder = Path(tempfile.mkdtemp(prefix="attune-readable-")) / "sessions"
        for k, kw in enumerate(({"learner": True}, {"caregiver": "phone"})):
            s = Session(load_scenario("still_face"), n=1, seed=2, overrides=SHORT_SF, **kw)
            while not s.finished:
                if kw.get("learner") and s.steps_taken % 20 == 0:
                    s.set_action(["smile", "coo", "soothe"][s.steps_taken // 20 % 3])
                s.step()
            Autosaver(s, folder, name=f"session_{k}.json").flush()
        (folder / "broken.json").write_text('{"format": "attune-session", "truncated')  # listed with its reason
        _SAVED["folder"] = folder
    return _SAVED["folder"]


def _lab_results(app):
    """The lab with a small quick result (40 infants, 1 month, 10-s episodes), still-face spread shown."""
    import time

    from simulator.view.scenes.population_lab import PopulationLabScene
    from test_view_population_lab import make_fast
    lab = make_fast(app.push(PopulationLabScene(app)), n=40)
    lab.run()
    t0 = time.perf_counter()
    while lab.updating and time.perf_counter() - t0 < 60:
        time.sleep(0.02)
        app.tick(0.0)
    assert lab.result is not None
    return lab


def _lab_spread(app):
    lab = _lab_results(app)
    lab.show_sf("spread")
    return lab


def _sessions(app):
    from simulator.view.scenes.sessions_list import SessionsScene
    return app.push(SessionsScene(app, _saved_folder()))


def _sessions_confirm(app):
    sc = _sessions(app)
    sc.select(next(k for k, r in enumerate(sc.rows) if r.ok))
    sc.ask_delete()
    return app.top


def _compare(app):
    from simulator.printout.documents import run_from_file
    from simulator.view.scenes.compare import CompareScene
    a, b = (run_from_file(p) for p in sorted(_saved_folder().glob("session_*.json")))
    return app.push(CompareScene(app, a, b))


def _observer(phase: str):
    def build(app):
        from test_view_observer import quick_draw, short_make, wait_phase
        from simulator.view.scenes.observer import ObserverScene
        if phase == "intro":
            return app.push(ObserverScene(app, seed=5, make=short_make, draw=quick_draw))
        obs = app.push(ObserverScene(app, seed=5, block_size=1, make=short_make, draw=quick_draw))
        wait_phase(app, obs, "watch")
        if phase == "watch":
            return obs
        obs.toggle_chart()  # the feedback and the block with the chart of the infant's state
        obs.rating["reunion_1"]["proximity_seeking"] = 5
        obs.submit()
        wait_phase(app, obs, "feedback")
        if phase == "block":
            obs.next_infant()
        return obs
    return build


SCENES = {
    "home": _home, "quit": _quit, "briefing": _briefing, "setup": _briefing_sf_setup, "play": _play,
    "play_demo_ssp": _play_demo_ssp, "play_prompt": _play_prompt, "debrief_research": _debrief_research, "debrief_sf": _debrief("still_face", False),
    "debrief_ssp_numbers": _debrief("strange_situation", True), "glossary": _glossary,
    "population_lab": _lab, "population_lab_results": _lab_results, "population_lab_spread": _lab_spread,
    "sessions": _sessions, "sessions_confirm": _sessions_confirm, "compare": _compare,
    "observer_intro": _observer("intro"),
    "observer_watch": _observer("watch"), "observer_feedback": _observer("feedback"),
    "observer_block": _observer("block"),
}


def _check(app, where: str) -> None:
    widgets.CUTS.clear()
    widgets.DRAWN_PX.clear()
    app.tick(0.0)
    floor = min_text_px(app.window_size[1], app.text_scale)
    assert widgets.DRAWN_PX, where
    assert min(widgets.DRAWN_PX) >= floor, f"{where}: text at {min(widgets.DRAWN_PX)} px < {floor} px"
    assert not widgets.CUTS, f"{where}: cut without a scroll cue: {widgets.CUTS[:3]}"
    shot = app.screen.copy()
    assert shot.get_size() == app.window_size  # drawn at the window's own size


def sizes_for(scene: str) -> list[tuple[int, int]]:
    """The sizes one scene is checked at, in order: all three, starting from a different one for each scene in
    turn (the scene is built at the first, and the window resized to the others)."""
    k = list(SCENES).index(scene) % len(SIZES)
    return list(SIZES[k:] + SIZES[:k])


@pytest.mark.parametrize("scene", list(SCENES))
def test_every_scene_is_readable_at_every_size_text_size_and_profile(scene):
    """The scene is built once, at its first size, and checked there; then the window is resized (as a user
    drags it) to each other size and the scene checked again: at once, and at the text sizes and profiles of
    ``combos``. (Built at a size or resized to it, a scene draws the same frame: checked when this was written.)"""
    first, *others = sizes_for(scene)
    app = App(headless=True, sound=False, size=first)
    app.push(HomeScene(app))
    SCENES[scene](app)
    for size in [first, *others]:
        if size != first:
            app.handle_event(pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1]))
            # As the resize left it (text size and profile unchanged): the scene laid itself out again.
            _check(app, f"{scene} resized to {size} text {app.text_scale_index}")
        assert app.window_size == size
        for ts, projector in combos(scene, size):
            app.text_scale_index = ts
            if (app.palette is theme.PROJECTOR) != projector:
                app.toggle_projector()
            _check(app, f"{scene} {size} text {ts} {'projector' if projector else 'classic'}")
    pygame.display.quit()


def test_the_checks_cover_every_pair_of_scene_size_text_size_and_profile():
    """The covering design above: every scene at every size at the largest text size, and for every two of
    scene, size, text size and profile, every combination of the two checked somewhere."""
    checks = [(scene, size, ts, projector) for scene in SCENES for size in SIZES
              for ts, projector in combos(scene, size)]
    values = (list(SCENES), list(SIZES), list(range(len(theme.TEXT_SCALES))), [False, True])
    for a, b in itertools.combinations(range(4), 2):
        assert {(c[a], c[b]) for c in checks} == set(itertools.product(values[a], values[b])), (a, b)
    largest = len(theme.TEXT_SCALES) - 1
    assert {(c[0], c[1]) for c in checks if c[2] == largest} == set(itertools.product(SCENES, SIZES))
    assert all(sorted(sizes_for(scene)) == sorted(SIZES) for scene in SCENES)
    assert {sizes_for(scene)[0] for scene in SCENES} == set(SIZES)  # every size is some scene's first


def test_a_scroll_panel_shows_a_cue_and_scrolls_with_wheel_and_page_down():
    from simulator.view.scenes.glossary import GlossaryScene
    app = App(headless=True, sound=False, size=(1024, 600))
    app.text_scale_index = 2
    app.push(HomeScene(app))
    g = app.push(GlossaryScene(app))
    app.tick(0.0)
    assert g.panel.overflows and g.panel.cue_drawn and g.panel.offset == 0
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_PAGEDOWN, mod=0, unicode="", scancode=0))
    app.tick(0.0)
    assert g.panel.offset > 0
    before = g.panel.offset
    pos = g.panel.rect.center
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-2, flipped=False))
    app.tick(0.0)
    assert g.panel.offset > before
    for _ in range(100):
        g.panel.page(1)
    app.tick(0.0)
    assert g.panel.offset == g.panel.max_offset > 0
    pygame.display.quit()


def test_a_cut_teaching_line_is_caught():
    """The checks above can fail: a line too long for its width is recorded as cut."""
    app = App(headless=True, sound=False)
    widgets.CUTS.clear()
    widgets.text(app.screen, app.font(theme.SIZE_BODY), "A sentence far too long for twenty pixels", (0, 0),
                 (0, 0, 0), max_width=20)
    assert widgets.CUTS and widgets.CUTS[-1][1].endswith("…")
    pygame.display.quit()
