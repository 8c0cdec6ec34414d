"""The Saved sessions scene and the GUI replay, driven headless: list, open, replay/seek, export, delete."""

import os

import pygame
import pytest

from simulator.model.scenario import load_scenario
from simulator.model.session import Session
from simulator.sessions import Autosaver
from tests.test_sessions_store import make_bad_files

OVERRIDES = {"episode.play.duration_s": 16.0, "episode.still_face.duration_s": 16.0,
             "episode.reunion.duration_s": 16.0}


@pytest.fixture()
def folder(tmp_path):
    s = Session(load_scenario("still_face"), n=1, learner=True, seed=2, overrides=OVERRIDES)
    while not s.finished:
        if s.steps_taken % 20 == 0:
            s.set_action(["smile", "coo", "soothe"][s.steps_taken // 20 % 3])
        s.step()
    pred = {"question": "q?", "options": ["a", "b"], "choice": 1, "answer": 1}
    Autosaver(s, tmp_path / "sessions", prediction=pred).flush()
    make_bad_files(tmp_path / "sessions", next((tmp_path / "sessions").glob("*.json")))
    return tmp_path / "sessions"


@pytest.fixture()
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("ATTUNE_SAVE_DIR", str(tmp_path / "export"))
    from simulator.view.app import App
    from simulator.view.scenes.home import HomeScene
    a = App(headless=True)
    a.push(HomeScene(a))
    yield a
    pygame.quit()


def key(app, k, frames=3):
    app.tick(0.016, [pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="")])
    for _ in range(frames):
        app.tick(0.016, [])


def test_sessions_scene_lists_opens_replays_exports_deletes(app, folder, tmp_path):
    from simulator.view.scenes.sessions_list import SessionsScene
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    sc = app.push(SessionsScene(app, folder))
    app.tick(0.016, [])
    assert len(sc.rows) == len(before) and sum(r.ok for r in sc.rows) == 1
    good = next(k for k, r in enumerate(sc.rows) if r.ok)
    bad = next(k for k, r in enumerate(sc.rows) if not r.ok)
    sc.select(bad)
    assert sc.group.find("open").locked
    key(app, pygame.K_RETURN)  # Enter on an unreadable file: its reason, no crash, nothing written
    assert app.top is sc and "Cannot be opened" in sc.message
    sc.select(good)
    key(app, pygame.K_o)
    assert app.top.name == "debrief"
    key(app, pygame.K_ESCAPE)
    assert app.top is sc
    key(app, pygame.K_x)
    exported = sorted(p.suffix for p in (tmp_path / "export").iterdir())
    assert exported == [".csv", ".json", ".png"]
    key(app, pygame.K_r)
    rp = app.top
    assert rp.name == "replay"
    for _ in range(30):
        app.tick(0.25, [])
    key(app, pygame.K_PAGEDOWN, 1)
    assert rp.episode_index == 1 and rp.session.t_episode[0] == 0
    key(app, pygame.K_PAGEUP, 1)
    assert rp.episode_index == 0
    key(app, pygame.K_1, 1)  # actions are locked in a replay
    assert rp.session.learner_actions == [] or rp.session.learner_actions[0]["step"] == 0
    rp.speed = 8.0
    for _ in range(40):
        app.tick(0.25, [])
    assert rp.at_end and rp.session.finished
    app.home()
    sc = app.push(SessionsScene(app, folder))
    sc.select(next(k for k, r in enumerate(sc.rows) if r.ok))
    key(app, pygame.K_c)  # same infant, same seed, the phone caregiver
    cmp_ = app.top
    assert cmp_.name == "compare" and cmp_.b.data["caregiver"] == "phone"
    assert cmp_.a.data["seed"] == cmp_.b.data["seed"] and cmp_.a.data["infant"] == cmp_.b.data["infant"]
    key(app, pygame.K_v)
    assert cmp_.b.data["caregiver"] == "sensitive"
    key(app, pygame.K_s)
    assert len(list((tmp_path / "export").glob("compare_*.png"))) == 1
    key(app, pygame.K_ESCAPE)
    assert app.top is sc
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before  # nothing in the folder changed
    app.home()
    sc = app.push(SessionsScene(app, folder))
    sc.select(next(k for k, r in enumerate(sc.rows) if r.ok))
    key(app, pygame.K_DELETE)
    assert app.top.name == "confirm"
    key(app, pygame.K_n)  # keep it
    assert app.top is sc and len(list(folder.iterdir())) == len(before)
    key(app, pygame.K_DELETE)
    key(app, pygame.K_y)
    assert len(list(folder.iterdir())) == len(before) - 1 and "Deleted" in sc.message


def test_open_replay_gui_entry_point(folder, tmp_path):
    from simulator.cli.sessions import open_replay_gui
    from simulator.sessions.store import SessionFileError
    good = next(p for p in folder.iterdir() if p.name.startswith("2"))
    app = open_replay_gui(good, run=False)
    assert app.top.name == "replay"
    app.tick(0.1, [])
    pygame.quit()
    with pytest.raises(SessionFileError):
        open_replay_gui(folder / "truncated.json", run=False)
    assert os.path.exists(folder / "truncated.json")


def test_fuzz_session_scenes(app, folder, tmp_path):
    """Random keys, clicks, wheel and resizes on the list, replay, compare and confirm scenes: no exception."""
    import random
    from simulator.view.scenes.compare import CompareScene
    from simulator.sessions.store import load_session
    from simulator.view.app import App
    from simulator.view.scenes.home import HomeScene
    from simulator.view.scenes.sessions_list import SessionsScene
    rng = random.Random(6)
    keys = [getattr(pygame, f"K_{c}") for c in "abcdefghijklmnopqrstuvwxyz0123456789"] + [
        pygame.K_TAB, pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_RETURN, pygame.K_SPACE,
        pygame.K_ESCAPE, pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_DELETE, pygame.K_MINUS, pygame.K_EQUALS]
    good = next(p for p in folder.iterdir() if p.name[0].isdigit())
    good_bytes = good.read_bytes()
    visited = set()
    for k in range(300):
        if k % 50 == 0 or not app.running or not app.stack.scenes:
            if not app.running or not app.stack.scenes:
                app = App(headless=True)
                app.push(HomeScene(app))
            if not good.exists():  # the fuzz may have deleted it (after confirming): put it back
                good.write_bytes(good_bytes)
            app.home()
            which = (k // 50) % 3
            if which == 0:
                app.push(SessionsScene(app, folder))
            elif which == 1:
                app.push(CompareScene.from_file_and_policy(app, good, "phone"))
            else:
                app.open("replay", load_session(good), good)
        visited.add(app.top.name)
        r = rng.random()
        if r < 0.55:
            ev = pygame.event.Event(pygame.KEYDOWN, key=rng.choice(keys), mod=0, unicode="", scancode=0)
        elif r < 0.9:
            w, h = app.screen.get_size()
            pos = (rng.randint(-10, w + 10), rng.randint(-10, h + 10))
            ev = pygame.event.Event(rng.choice([pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP]),
                                    pos=pos, rel=(0, 0), buttons=(0, 0, 0), button=1)
        elif r < 0.97:
            ev = pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rng.choice([-1, 1]), flipped=False)
        else:
            size = (rng.randint(200, 1600), rng.randint(150, 900))
            ev = pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1])
        app.handle_event(ev)
        if app.running and app.stack.scenes and k % 2 == 0:
            app.tick(rng.choice([0.0, 1 / 60, 0.25]), events=[])
    assert {"sessions", "compare", "replay"} <= visited, visited


def test_long_list_scrolls(app, tmp_path):
    from simulator.view.scenes.sessions_list import SessionsScene
    folder = tmp_path / "many"
    folder.mkdir()
    n = 24
    for k in range(n):
        (folder / f"s{k:02d}.json").write_text("{}")  # unreadable, but listed
    sc = app.push(SessionsScene(app, folder))
    assert len(sc.rows) == n and 3 < sc.shown < n - 3  # as many rows as fit the window are shown
    app.tick(0.016, [pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-3, flipped=False)])
    assert sc.top == 3 and sc.selected == 3  # the wheel scrolls; the selection stays in sight
    key(app, pygame.K_PAGEDOWN, 1)
    assert sc.selected == 3 + sc.shown and sc.top <= sc.selected < sc.top + sc.shown
    app.tick(0.016, [])


def test_the_list_names_scenarios_histories_and_caregivers_never_ids(app, folder):
    """Issue 14: the scenario's title, the care history and who played the caregiver, not the file's ids."""
    from simulator.view import strings as S
    from simulator.view.scenes.sessions_list import SessionsScene
    s = Session(load_scenario("strange_situation"), n=1, infant="avoidant", caregiver="ssp_protocol", seed=4,
                overrides={f"episode.{e}.duration_s": 6.0 for e in ("separation_1", "reunion_1")})
    Autosaver(s, folder, name="watched_ssp.json").flush()  # saved part-way: listed as unfinished
    sc = app.push(SessionsScene(app, folder))
    app.tick(0.016, [])
    seen = 0
    for k, row in enumerate(sc.rows):
        if not row.ok:
            continue
        words = " ".join(t for t, _, _ in sc._cells(k))
        assert load_scenario(row.scenario).title in words
        assert row.scenario not in words and row.name not in words and row.path.stem not in words
        assert S.SESSIONS_INFANT.get(row.infant, S.SESSIONS_INFANT_OTHER) in words
        if row.learner:
            assert S.SESSIONS_YOU_PLAYED in words
        else:
            assert S.CAREGIVER_NAMES[row.caregiver] in words and row.caregiver not in words
        seen += 1
    assert seen == 2
