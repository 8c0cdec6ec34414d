"""Tests for simulator.sessions.store: data folder, autosave, names, listing and validated loading."""

import json
import sys
from pathlib import Path

import pytest

from simulator.model.scenario import load_scenario
from simulator.model.session import Session
from simulator.sessions import store
from simulator.sessions.store import (Autosaver, SessionFileError, delete_session, list_sessions, load_session,
                                      safe_name, session_file_name, unique_path)

SHORT = {"episode.play.duration_s": 15.0, "episode.still_face.duration_s": 15.0, "episode.reunion.duration_s": 15.0}


def short_session(**kw):
    return Session(load_scenario("still_face"), n=1, learner=True, seed=kw.pop("seed", 1), overrides=SHORT, **kw)


def test_data_dir_precedence(tmp_path, monkeypatch):
    monkeypatch.setenv("ATTUNE_DATA_DIR", str(tmp_path / "env"))
    assert store.data_dir(tmp_path / "opt") == tmp_path / "opt"
    assert store.data_dir() == tmp_path / "env"
    monkeypatch.delenv("ATTUNE_DATA_DIR")
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert store.data_dir() == tmp_path / "xdg" / "attune"
    assert store.sessions_dir(tmp_path / "d", create=True).is_dir()


def test_data_and_export_folders_follow_platformdirs_and_the_chosen_data_folder(tmp_path, monkeypatch):
    import platformdirs
    monkeypatch.delenv("ATTUNE_DATA_DIR", raising=False)
    monkeypatch.delenv("ATTUNE_SAVE_DIR", raising=False)
    unix = not (sys.platform.startswith("win") or sys.platform == "darwin")
    assert store.default_data_dir() == Path(platformdirs.user_data_dir("attune" if unix else "Attune",
                                                                       appauthor=False, roaming=True))
    assert store.export_dir() == Path(platformdirs.user_documents_dir()) / "Attune"
    assert store.export_dir(tmp_path / "d") == tmp_path / "d" / "exports"  # --data-dir: exports go there too
    monkeypatch.setenv("ATTUNE_DATA_DIR", str(tmp_path / "env"))
    assert store.export_dir() == tmp_path / "env" / "exports"
    monkeypatch.setenv("ATTUNE_SAVE_DIR", str(tmp_path / "saves"))
    assert store.export_dir() == tmp_path / "saves"


@pytest.mark.parametrize("bad", ["../../etc/passwd", "a/b\\c", "..", "", "x" * 300, "con:\x00name", ".hidden"])
def test_names_are_sanitised(tmp_path, bad):
    name = session_file_name(bad, bad, 3)
    assert "/" not in name and "\\" not in name and "\x00" not in name and ".." not in name
    assert name.endswith(".json") and len(name) < 120 and not name.startswith(".")
    p = unique_path(tmp_path, name)
    assert p.parent == tmp_path
    assert safe_name(bad).replace("_", "").replace("-", "").isalnum() or safe_name(bad) == "session"


def test_unique_path_never_leaves_folder(tmp_path):
    (tmp_path / "a.json").write_text("{}")
    assert unique_path(tmp_path, "a.json") == tmp_path / "a-2.json"
    assert unique_path(tmp_path, "../../evil.json").parent == tmp_path


def test_autosaver_saves_at_boundaries_and_every_10_s(tmp_path):
    s = short_session()
    saver = Autosaver(s, tmp_path)
    assert saver.saves == 1 and saver.path.exists()  # the file is claimed and saved when the session starts
    assert not saver.tick(0.016)  # nothing new yet
    first = saver.saves
    for _ in range(20):  # 5 s of model time: no save yet
        s.step()
        saver.tick(0.0)
    assert saver.saves == first
    assert not saver.tick(9.9) and saver.tick(0.2)  # 10 s of wall time
    n = saver.saves
    while s.t < 20.0:  # crosses the play -> still_face boundary at 15 s
        s.step()
        saver.tick(0.0)
    assert saver.saves > n
    d = load_session(saver.path)
    assert d["learner"] is True and d["finished"] is False and d["t_s"] > 0
    assert d["events"][-1]["t"] <= d["t_s"]
    while not s.finished:
        s.step()
        if s.steps_taken % 7 == 0:
            s.set_action("coo")
        saver.tick(0.0)
    d = load_session(saver.path)
    assert d["finished"] is True and d["t_s"] == pytest.approx(45.0)
    assert saver.path.parent == tmp_path and saver.path.suffix == ".json"
    assert not saver.tick(5.0)  # nothing new: no write
    assert list(tmp_path.glob(".*.tmp")) == []


def test_autosaver_sanitises_a_hostile_scenario_id(tmp_path):
    s = short_session()
    s.scenario = s.scenario.model_copy(update={"id": "../../../escape"})
    saver = Autosaver(s, tmp_path / "sessions")
    saver.flush()
    assert saver.path.parent == tmp_path / "sessions"
    assert [p.name for p in tmp_path.iterdir()] == ["sessions"]


def test_autosaver_reports_write_errors_without_raising(tmp_path):
    s = short_session()
    saver = Autosaver(s, tmp_path)
    saver.path = tmp_path / "missing" / "x.json"
    assert saver.flush() is False and "autosave failed" in saver.last_error


def _saved(tmp_path, name="ok.json"):
    s = short_session()
    s.run()
    saver = Autosaver(s, tmp_path, name=name)
    saver.flush()
    return saver.path


BAD_FILES = {
    "empty.json": b"",
    "truncated.json": None,  # made from a good file
    "garbage.json": b"\x89PNG\r\n\x1a\n\x00\x00binary",
    "notjson.json": b"hello, world",
    "list.json": b"[1, 2, 3]",
    "future.json": None,  # version 99
    "other.json": b'{"format": "something-else", "version": 1}',
    "badaction.json": None,
    "nan.json": b'{"format": "attune-session", "version": 1, "seed": NaN}',
}


def make_bad_files(folder: Path, good: Path) -> dict[str, bytes]:
    text = good.read_text()
    d = json.loads(text)
    out = {}
    for name, data in BAD_FILES.items():
        if name == "truncated.json":
            data = text[: len(text) // 2].encode()
        elif name == "future.json":
            data = json.dumps({**d, "version": 99}).encode()
        elif name == "badaction.json":
            data = json.dumps({**d, "actions": [{"step": "x", "action": 3}]}).encode()
        (folder / name).write_bytes(data)
        out[name] = data
    return out


def test_bad_files_give_one_line_errors_and_are_listed_untouched(tmp_path):
    good = _saved(tmp_path)
    bad = make_bad_files(tmp_path, good)
    for name in bad:
        with pytest.raises(SessionFileError) as err:
            load_session(tmp_path / name)
        msg = str(err.value)
        assert "\n" not in msg and msg.startswith(str(tmp_path / name)), msg
    assert "truncated" in str(pytest.raises(SessionFileError, load_session, tmp_path / "truncated.json").value)
    assert "version 99" in str(pytest.raises(SessionFileError, load_session, tmp_path / "future.json").value)
    rows = list_sessions(tmp_path)
    assert len(rows) == len(bad) + 1
    by = {r.name: r for r in rows}
    assert by["ok.json"].ok and by["ok.json"].scenario == "still_face"
    assert "positive" in by["ok.json"].summary
    for name, data in bad.items():
        assert not by[name].ok and by[name].message and "\n" not in by[name].message
        assert (tmp_path / name).read_bytes() == data  # never modified
    assert list_sessions(tmp_path / "missing") == []


def test_delete_session_stays_in_folder(tmp_path):
    good = _saved(tmp_path)
    outside = tmp_path.parent / f"{tmp_path.name}-outside.json"
    outside.write_text("{}")
    try:
        with pytest.raises(SessionFileError):
            delete_session(outside, tmp_path)
        assert outside.exists()
        delete_session(good, tmp_path)
        assert not good.exists()
        with pytest.raises(SessionFileError):
            delete_session(good, tmp_path)
    finally:
        outside.unlink()


def test_autosaver_rebind_and_unwritable_folder(tmp_path):
    s = short_session()
    saver = Autosaver(s, tmp_path)
    saver.flush()
    s2 = short_session()
    for _ in range(10):
        s2.step()
    assert saver.rebind(s2) and load_session(saver.path)["t_s"] == pytest.approx(2.5)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    bad = Autosaver(s, blocker / "sessions")  # a folder inside a file: cannot be created
    assert bad.tick(0.1) is False and bad.last_error
