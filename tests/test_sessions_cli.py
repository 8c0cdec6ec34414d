"""The replay/report/compare/sessions commands: exit codes, one-line errors, untouched bad files, PNG size."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.model.scenario import load_scenario
from simulator.model.session import Session
from simulator.sessions import Autosaver
from tests.test_sessions_store import make_bad_files

ROOT = Path(__file__).resolve().parents[1]
SHORT = ["--set", "episode.play.duration_s=20", "--set", "episode.still_face.duration_s=20",
         "--set", "episode.reunion.duration_s=20"]
OVERRIDES = {"episode.play.duration_s": 20.0, "episode.still_face.duration_s": 20.0,
             "episode.reunion.duration_s": 20.0}


@pytest.fixture()
def saved(tmp_path):
    s = Session(load_scenario("still_face"), n=1, learner=True, seed=1, overrides=OVERRIDES)
    while not s.finished:
        if s.steps_taken % 30 == 0:
            s.set_action(["smile", "coo", "soothe", "wait"][s.steps_taken // 30 % 4])
        s.step()
    saver = Autosaver(s, tmp_path / "sessions", prediction={"choice": 1})
    saver.flush()
    return saver.path


def one_line_error(capsys):
    err = capsys.readouterr().err
    lines = [x for x in err.splitlines() if x.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in err, err
    return lines[0]


def test_replay_headless_verifies(saved, capsys, tmp_path):
    assert main(["replay", str(saved), "--headless"]) == 0
    out = capsys.readouterr().out
    assert "identical to the saved file" in out and "still_face" in out
    # by name, from the data folder
    assert main(["replay", saved.name, "--headless", "--data-dir", str(tmp_path)]) == 0
    capsys.readouterr()
    assert main(["replay", str(saved), "--headless", "--out", str(tmp_path / "again.json")]) == 0
    a, b = json.loads(saved.read_text()), json.loads((tmp_path / "again.json").read_text())
    assert a["episodes"] == b["episodes"] and a["events"] == b["events"]


def test_bad_files_exit_2_and_stay_untouched(saved, tmp_path, capsys):
    bad = make_bad_files(tmp_path, saved)
    for name, data in bad.items():
        path = str(tmp_path / name)
        for argv in (["replay", path, "--headless"], ["report", path, "--out", str(tmp_path / "r.png")],
                     ["compare", str(saved), path, "--out", str(tmp_path / "c.png")]):
            assert main(argv) == 2, argv
            line = one_line_error(capsys)
            assert name in line
        assert (tmp_path / name).read_bytes() == data
    assert not (tmp_path / "r.png").exists() and not (tmp_path / "c.png").exists()
    assert main(["sessions", "--data-dir", str(tmp_path)]) == 0
    assert "1 saved session" in capsys.readouterr().out


def test_output_never_overwrites_the_input(saved, capsys):
    before = saved.read_bytes()
    assert main(["report", str(saved), "--out", str(saved.with_suffix(".png")), "--json", str(saved)]) == 2
    assert "never overwritten" in one_line_error(capsys)
    assert main(["report", str(saved), "--out", str(saved.with_suffix(".png")), "--data"]) == 2
    one_line_error(capsys)
    assert saved.read_bytes() == before


def test_report_png_size_and_data(saved, tmp_path, capsys):
    import pygame
    out = tmp_path / "report.png"
    assert main(["report", str(saved), "--out", str(out), "--csv", str(tmp_path / "r.csv"),
                 "--json", str(tmp_path / "r.json")]) == 0
    img = pygame.image.load(str(out))
    assert img.get_size() == (1240, 1754)  # A4 at 150 dpi
    assert (tmp_path / "r.csv").read_text().startswith("t,episode,episode_name")
    assert json.loads((tmp_path / "r.json").read_text())["format"] == "attune-session"
    # blank space check: the page is not empty
    assert len(set(img.get_at((x, y))[:3] for x in range(100, 1100, 50) for y in range(300, 700, 25))) > 3


def test_compare_policies_one_action(tmp_path, capsys):
    out = tmp_path / "compare.png"
    assert main(["compare", "still_face", "--caregiver", "sensitive", "--vs", "phone", "--seed", "3", *SHORT,
                 "--out", str(out), "--data"]) == 0
    import pygame
    assert pygame.image.load(str(out)).get_size() == (1240, 1754)
    rows = (tmp_path / "compare.csv").read_text().splitlines()
    assert rows[0].startswith("run,scenario,caregiver") and len(rows) == 7
    assert {r.split(",")[2] for r in rows[1:]} == {"sensitive", "phone"}
    capsys.readouterr()
    assert main(["compare", "still_face", "--out", str(out)]) == 2
    assert "--vs" in one_line_error(capsys)
    assert main(["compare", "still_face", "--vs", "nosuch", "--out", str(out)]) == 2
    assert one_line_error(capsys).startswith("error: --vs")


def test_cli_subprocess_error_has_no_traceback(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"format": "attune-session", "version": 1, "scen')
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy"}
    p = subprocess.run([sys.executable, str(ROOT / "main.py"), "replay", str(bad)], capture_output=True, text=True,
                       env=env, timeout=60)
    assert p.returncode == 2 and p.stderr.count("\n") == 1 and "truncated" in p.stderr
    assert bad.read_bytes() == b'{"format": "attune-session", "version": 1, "scen'


def test_valid_json_that_cannot_be_replayed_exits_2(saved, tmp_path, capsys):
    d = json.loads(saved.read_text())
    cases = {"unknown_scenario.json": {**d, "scenario": "no_such_scenario"},
             "bad_action.json": {**d, "actions": [{"step": 0, "t": 0.0, "action": "fly"}]},
             "bad_infant.json": {**d, "infant": "martian"},
             "bad_override.json": {**d, "overrides": {"infant.nonsense": 1.0}}}
    for name, data in cases.items():
        p = tmp_path / name
        p.write_text(json.dumps(data))
        before = p.read_bytes()
        assert main(["replay", str(p), "--headless"]) == 2, name
        assert name in one_line_error(capsys)
        assert main(["report", str(p), "--out", str(tmp_path / "r.png")]) == 2, name
        one_line_error(capsys)
        assert p.read_bytes() == before
