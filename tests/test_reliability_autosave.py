"""Issue 13: autosave is unique and loud. Two sessions started at the same moment keep two files; a
full or read-only data folder shows a warning in Play and on stderr, retries, and loses nothing already
saved; stale temporary files are cleaned; a replay includes the last action chosen before leaving."""

import datetime as dt
import io
import json
import multiprocessing
import os
import shutil
import subprocess
import time
from pathlib import Path

import pygame
import pytest

from simulator.model.scenario import load_scenario
from simulator.model.session import Session
from simulator.sessions.replay import differences, replay
from simulator.sessions.store import Autosaver, list_sessions, load_session

SHORT = {"episode.play.duration_s": 20.0, "episode.still_face.duration_s": 20.0, "episode.reunion.duration_s": 20.0}


def _session(seed=1):
    return Session(load_scenario("still_face"), learner=True, seed=seed, overrides=SHORT)


def test_two_sessions_in_the_same_second_keep_two_files(tmp_path, monkeypatch):
    frozen = dt.datetime(2026, 1, 2, 3, 4, 5)

    class Clock(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return frozen
    monkeypatch.setattr("simulator.sessions.store._dt.datetime", Clock)
    a, b = Autosaver(_session(), tmp_path), Autosaver(_session(), tmp_path)
    assert a.path != b.path and a.path.exists() and b.path.exists()  # claimed at the start
    for s in (a, b):
        for _ in range(40):
            s.session.step()
        assert s.flush()
    assert len(list(tmp_path.glob("*.json"))) == 2 and all(r.ok for r in list_sessions(tmp_path))


def _start_at_once(folder: str, barrier, out) -> None:
    barrier.wait()
    out.put(str(Autosaver(_session(), folder, stderr=None).path))


def test_sessions_started_at_the_same_moment_in_processes_keep_their_files(tmp_path):
    ctx = multiprocessing.get_context("fork")
    n = 6
    barrier, out = ctx.Barrier(n), ctx.Queue()
    procs = [ctx.Process(target=_start_at_once, args=(str(tmp_path), barrier, out)) for _ in range(n)]
    for p in procs:
        p.start()
    paths = {out.get(timeout=120) for _ in procs}
    for p in procs:
        p.join(timeout=60)
    assert len(paths) == n and len(list(tmp_path.glob("*.json"))) == n
    assert all(r.ok for r in list_sessions(tmp_path))


def test_stale_temporary_files_are_cleaned_fresh_ones_kept(tmp_path):
    stale, fresh = tmp_path / ".old.json.abc123.tmp", tmp_path / ".new.json.def456.tmp"
    stale.write_text("{")
    fresh.write_text("{")
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    keep = tmp_path / "notes.tmp"  # not one of ours (not hidden)
    keep.write_text("x")
    Autosaver(_session(), tmp_path, stderr=None)
    assert not stale.exists() and fresh.exists() and keep.exists()


@pytest.fixture()
def tiny_folder(tmp_path):
    """A data folder on a 256 kB file system (root: a tmpfs), or a folder we make read-only later."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    mounted = False
    if os.geteuid() == 0 and shutil.which("mount"):
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(folder)],
                                 capture_output=True).returncode == 0
    yield folder, mounted
    if mounted:
        subprocess.run(["umount", str(folder)], capture_output=True)
    else:
        for f in [folder, *folder.rglob("*")]:
            if f.is_dir():
                f.chmod(0o755)


def _fill(folder: Path, mounted: bool) -> None:
    """Take away the room to save: fill the file system, or make the folder read-only."""
    if mounted:
        try:
            with open(folder / "filler.bin", "wb") as fh:
                while True:
                    fh.write(b"\0" * 4096)
                    fh.flush()
        except OSError:
            pass
    else:
        (folder / "sessions").chmod(0o555)


def test_full_data_folder_warns_in_play_and_on_stderr_and_keeps_the_last_save(tiny_folder, monkeypatch, capsys):
    from simulator.view import strings as S
    from simulator.view.app import App

    folder, mounted = tiny_folder
    monkeypatch.setenv("ATTUNE_DATA_DIR", str(folder))
    from simulator.view.scenes.play import PlayScene
    app = App(headless=True)
    try:
        play = app.push(PlayScene(app, load_scenario("still_face"), seed=3, overrides=SHORT))
        for _ in range(30):
            app.tick(0.25, [])
        saver = play.autosaver
        assert saver is not None and saver.last_error is None and saver.saves >= 1
        saved_before = load_session(saver.path)
        _fill(folder, mounted)
        for _ in range(200):  # past an episode boundary and 10 s: saves are due, and fail
            app.tick(0.25, [])
        assert saver.last_error and "autosave failed" in saver.last_error
        assert play.save_warning() == S.PLAY_AUTOSAVE_FAILED
        err = capsys.readouterr().err
        assert err.count("warning:") == 1 and "autosave failed" in err  # once, not every frame
        plain = pygame.Surface((1280, 720))
        play.draw(plain)
        assert play._save_warning_box is not None  # the warning is on screen
        after = load_session(saver.path)  # the last good save is whole and unchanged
        assert after == saved_before
        # Room again: the next retry saves, and says so.
        if mounted:
            (folder / "filler.bin").unlink()
        else:
            (folder / "sessions").chmod(0o755)
        for _ in range(12):
            app.tick(0.25, [])
        assert saver.last_error is None and play.save_warning() is None
        assert load_session(saver.path)["t_s"] > saved_before["t_s"]
        assert "autosave works again" in capsys.readouterr().err
    finally:
        pygame.quit()


def test_replay_includes_the_last_action_chosen_before_leaving(tmp_path):
    s = _session(seed=5)
    saver = Autosaver(s, tmp_path, stderr=None)
    for _ in range(30):
        s.step()
    assert s.set_action("soothe")  # paused: chosen, but no step taken since
    assert saver.flush()
    d = load_session(saver.path)
    assert d["actions"][-1]["step"] == s.steps_taken and not d["finished"]
    assert differences(d, replay(d)) == []
    s0 = _session(seed=6)  # an action at the very first step, then Esc
    saver0 = Autosaver(s0, tmp_path, stderr=None)
    assert s0.set_action("coo") and saver0.flush()
    d0 = load_session(saver0.path)
    assert differences(d0, replay(d0)) == []


def test_autosave_to_an_unusable_folder_reports_once(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    err = io.StringIO()
    saver = Autosaver(_session(), blocker / "sessions", stderr=err)
    assert saver.last_error and err.getvalue().count("warning:") == 1
    assert not saver.tick(0.5)  # retries wait AUTOSAVE_RETRY_S
    assert json.loads(json.dumps(saver.last_error))  # a plain one-line string


def test_a_killed_write_leaves_no_temporary_file_behind_the_next_write(tmp_path):
    from simulator.model.io import atomic_write_text

    target = tmp_path / "out.csv"
    stale = tmp_path / ".out.csv.k1ll3d.tmp"  # what a SIGKILL during the write leaves
    other = tmp_path / ".other.csv.k1ll3d.tmp"
    for f in (stale, other):
        f.write_text("half")
        old = time.time() - 2 * 3600
        os.utime(f, (old, old))
    atomic_write_text(target, "a,b\n")
    assert target.read_text() == "a,b\n" and not stale.exists() and other.exists()


def test_debrief_saves_follow_the_chosen_data_folder(tmp_path, monkeypatch):
    from simulator.sessions.store import export_dir as save_folder  # the debrief saves here (arch moved it)

    monkeypatch.delenv("ATTUNE_SAVE_DIR", raising=False)
    monkeypatch.setenv("ATTUNE_DATA_DIR", str(tmp_path / "data"))
    assert save_folder() == tmp_path / "data" / "exports"
