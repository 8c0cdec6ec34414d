"""Issue 13: every input is bounded. Each reproduced failure gives exit 2 and one short `error:` line
(or works, where the input is valid), quickly and without a traceback.

Most commands run in-process (``simulator.cli.main``) so the suite stays quick; the cases that used to
hang run in a subprocess with a timeout.
"""

import json
import math
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.model import limits as L
from simulator.model.scenario import SCENARIO_DIR, ScenarioError, available, load_scenario
from simulator.model.session import Session, episode_keys

ROOT = Path(__file__).resolve().parents[1]


def cli(capsys, *args):
    """Run ``main.py ARGS`` in-process: (exit code, stdout, stderr lines)."""
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err.splitlines()


def one_error(capsys, *args, expect: str = "") -> str:
    code, _, err = cli(capsys, *args)
    errors = [line for line in err if line.startswith("error:")]
    assert code == 2, err
    assert len(errors) == 1 and len(err) == 1, err
    assert "Traceback" not in "\n".join(err)
    assert expect in errors[0], errors[0]
    return errors[0]


# --- seeds, counts and numbers on the command line ----------------------------------------------------
@pytest.mark.parametrize("args", [
    ("run", "still_face", "--out", "{tmp}/a.csv"),
    ("batch", "still_face", "--n", "2", "--out", "{tmp}/a.csv"),
    ("compare", "still_face", "--vs", "phone", "--out", "{tmp}/a.png"),
    ("develop", "--profile", "good_enough", "--out", "{tmp}/a.csv"),
    ("play", "still_face"),
    ("validation", "--out", "{tmp}/v.md"),
])
@pytest.mark.parametrize("seed", ["-1", str(2**32), "1e3", "99999999999999999999999"])
def test_bad_seed_is_one_line_for_every_command(capsys, tmp_path, args, seed):
    args = [a.format(tmp=tmp_path) for a in args] + ["--seed", seed]
    one_error(capsys, *args, expect="--seed")
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("cmd", [
    ["batch", "still_face", "--out", "{tmp}/a.csv", "--n"],
    ["validation", "--out", "{tmp}/v.md", "--n"],
    ["develop", "--profile", "good_enough", "--out", "{tmp}/a.csv", "--n"],
])
@pytest.mark.parametrize("n", ["0", "-5", "100000000000", str(L.MAX_N + 1), "nan"])
def test_bad_count_is_one_line(capsys, tmp_path, cmd, n):
    one_error(capsys, *[a.format(tmp=tmp_path) for a in cmd], n, expect="--n")


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e400"])
def test_play_rejects_non_finite_times(capsys, value):
    one_error(capsys, "play", "still_face", "--exit-after", value, expect="--exit-after")
    one_error(capsys, "play", "still_face", "--speed", value, expect="--speed")


@pytest.mark.parametrize("setting, expect", [
    ("episode.reunion_1.extend.max_extra_s=inf", "not a finite number"),
    ("episode.reunion_1.extend.max_extra_s=nan", "not a finite number"),
    ("episode.reunion_1.extend.max_extra_s=1e12", "less than or equal to 3600"),
    ("episode.reunion_1.extend.max_extra_s=1e300", "less than or equal to 3600"),
    ("episode.reunion_1.extend.max_extra_s=1e400", "not a finite number"),
    ("episode.separation_1.duration_s=3601", "less than or equal to 3600"),
    ("infant.age_months=-inf", "not a finite number"),
    ("infant.age_months=" + "9" * 5000, "not a finite number"),
    ("infant.age_months=1e30", "out of range"),
    ("infant.age_months=" + "x" * 100_000, "is not a number"),
    ("x" * 100_000 + "=1", "unknown parameter"),
], ids=lambda v: v[:40] if isinstance(v, str) else None)
def test_bad_set_values_are_one_short_line(capsys, tmp_path, setting, expect):
    line = one_error(capsys, "run", "strange_situation", "--set", setting, "--out", tmp_path / "a.csv",
                     expect=expect)
    assert len(line) < 2000  # a 100 kB value is cut, not echoed


def test_every_listed_episode_key_is_accepted():
    """`list` shows episode.<id>.curtail.* and .extend.* for every episode: each must be settable."""
    for name in available():
        sc = load_scenario(name)
        for key in episode_keys(sc):
            Session(sc, overrides={key: 5.0})  # raises SetError if the listed key is refused


def test_curtail_set_on_an_episode_without_one(capsys, tmp_path):
    code, _, err = cli(capsys, "run", "still_face", "--set", "episode.play.curtail.crying_s=5",
                       "--out", tmp_path / "a.json")
    assert code == 0, err
    assert json.loads((tmp_path / "a.json").read_text())["overrides"] == {"episode.play.curtail.crying_s": 5.0}


# --- scenario files ---------------------------------------------------------------------------------------
def test_fifo_and_device_are_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.toml"
    zero.symlink_to("/dev/zero")
    r = subprocess.run([sys.executable, str(ROOT / "main.py"), "validate", str(fifo), str(zero)],
                       capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert r.returncode == 2
    lines = r.stderr.splitlines()
    assert len(lines) == 2 and all("is not a regular file" in line for line in lines), lines


def test_oversized_scenario_is_refused_unread(capsys, tmp_path):
    big = tmp_path / "big.toml"
    big.write_text((SCENARIO_DIR / "still_face.toml").read_text() + "#" + "x" * L.MAX_SCENARIO_BYTES)
    one_error(capsys, "validate", big, expect=f"at most {L.MAX_SCENARIO_BYTES:,}")


def test_utf8_bom_is_accepted(tmp_path):
    f = tmp_path / "bom.toml"
    f.write_bytes(b"\xef\xbb\xbf" + (SCENARIO_DIR / "still_face.toml").read_bytes())
    assert load_scenario(f).id == "still_face"


def test_scenario_names_resolve_in_scenarios_first(capsys, tmp_path, monkeypatch):
    (tmp_path / "still_face").mkdir()  # a folder named like a scenario in the current folder
    monkeypatch.chdir(tmp_path)
    code, _, err = cli(capsys, "run", "still_face", "--out", "a.json")
    assert code == 0, err
    assert load_scenario("still_face").id == "still_face"


def test_overlong_path_is_one_line_and_a_254_byte_name_works(capsys, tmp_path):
    one_error(capsys, "run", "still_face", "--out", tmp_path / ("a" * 300 + ".csv"), expect="at most 255")
    one_error(capsys, "validate", tmp_path / ("a" * 300 + ".toml"), expect="at most 255")
    longest = tmp_path / ("b" * 250 + ".csv")  # 254 bytes: legal, although the temporary file's name is not
    code, _, err = cli(capsys, "run", "still_face", "--out", longest)
    assert code == 0, err
    assert longest.stat().st_size > 0 and [p.name for p in tmp_path.iterdir()] == [longest.name]


def test_outputs_follow_umask_and_a_rewrite_keeps_the_mode(capsys, tmp_path):
    out = tmp_path / "a.json"
    old = os.umask(0o027)
    try:
        import simulator.model.io as io_module
        io_module._UMASK = None  # read again
        assert cli(capsys, "run", "still_face", "--out", out)[0] == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o640
        out.chmod(0o604)
        assert cli(capsys, "run", "still_face", "--out", out)[0] == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o604
    finally:
        os.umask(old)
        io_module._UMASK = None


def test_advance_rejects_non_finite_time():
    s = Session(load_scenario("still_face"), learner=True)
    for bad in (math.nan, math.inf, -math.inf, None, "1"):
        with pytest.raises(ValueError):
            s.advance(bad)
    assert s.advance(0.25) == 1 and s.t == 0.25  # the clock still runs


def test_limits_helpers():
    assert L.printable("a\x1b[2Jb\x07\u202e") == "a\\x1b[2Jb\\x07\\u202e"
    assert L.clip("x" * 1000).endswith("...(1000 chars)") and len(L.clip("x" * 1000)) < 100
    deep = []
    node = deep
    for _ in range(5000):
        node.append([])
        node = node[0]
    assert L.depth(deep, 16) == 17 and L.quoted(deep) == "<list of 1>"
    assert not L.is_number(True) and not L.is_number(math.nan) and not L.is_number(10**400)
    with pytest.raises(ScenarioError):
        load_scenario("no_such_scenario_anywhere")


# --- the top-level guard, the data folder, scripted play ----------------------------------------------
def test_unexpected_error_is_one_line_and_a_log(capsys, tmp_path, monkeypatch):
    import simulator.cli.commands as commands
    import simulator.cli.sessions as sessions_cli

    def broken(folder):
        raise ZeroDivisionError("a bug " + "x" * 5000)
    monkeypatch.setattr(sessions_cli, "list_sessions", broken)
    code, _, err = cli(capsys, "sessions", "--data-dir", tmp_path)
    assert code == commands.EXIT_INTERNAL and len(err) == 1, err
    assert err[0].startswith("error: unexpected ZeroDivisionError: a bug") and len(err[0]) < 700
    log = tmp_path / "logs" / "errors.log"
    assert str(log) in err[0]
    assert "Traceback" in log.read_text() and "ZeroDivisionError" in log.read_text()


def test_data_dir_is_accepted_by_play_and_the_app(monkeypatch, tmp_path):
    from simulator.cli import commands
    from simulator.view.app import parse_gui_flags

    monkeypatch.setenv("ATTUNE_DATA_DIR", str(tmp_path / "before"))
    args = commands.build_parser().parse_args(["play", "still_face", "--data-dir", str(tmp_path / "d")])
    assert args.data_dir == str(tmp_path / "d")
    assert parse_gui_flags(["--projector", "--data-dir", str(tmp_path / "g")])["projector"]
    assert os.environ["ATTUNE_DATA_DIR"] == str(tmp_path / "g")


def test_scripted_play_whose_screenshot_cannot_be_written_ends(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    target = (Path("/proc") if os.geteuid() == 0 else folder) / "shot.png"  # root writes anywhere but /proc
    folder.chmod(0o555)
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    r = subprocess.run([sys.executable, str(ROOT / "main.py"), "play", "still_face", "--exit-after", "1",
                        "--screenshot", str(target)], capture_output=True, text=True, timeout=120, env=env)
    folder.chmod(0o755)
    assert r.returncode == 2
    errors = [line for line in r.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "shot.png" in errors[0] and "Traceback" not in r.stderr


def test_a_huge_scenario_file_does_not_keep_the_app_from_home(tmp_path, monkeypatch):
    import shutil

    import pygame

    import simulator.model.scenario as scenario_module
    from simulator.view.app import App
    from simulator.view.scenes.home import HomeScene

    folder = tmp_path / "scenarios"
    shutil.copytree(SCENARIO_DIR, folder)
    text = (folder / "still_face.toml").read_text()
    (folder / "huge.toml").write_text(text.replace('title = "The Still-Face"', 'title = "' + "T" * 10_000_000 + '"', 1))
    monkeypatch.setattr(scenario_module, "SCENARIO_DIR", folder)
    app = App(headless=True)
    try:
        home = app.push(HomeScene(app))
        app.tick(0.016, [])
        assert app.top is home and "still_face" in [s.id for s in home.scenarios]
    finally:
        pygame.quit()


def test_readme_documents_the_limits_in_force():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for shown in (f"| {L.MAX_EPISODE_S:g} s |", f"| {L.MAX_CLOCK_S:g} s |", f"| {L.MAX_SCENARIO_S:g} s (",
                  f"| {L.MAX_EPISODES} |", f"{L.MAX_LINE_CHARS} / {L.MAX_TEXT_CHARS} characters / {L.MAX_LIST_ITEMS}",
                  f"| {L.MAX_TOML_DEPTH} deep |", f"{L.MAX_SCENARIO_BYTES:,} bytes / {L.MAX_SESSION_BYTES // 2**20} MiB",
                  f"0 to {L.MAX_SEED}", f"| {L.MAX_N:,} |", f"{L.MAX_ACTIONS:,} / {L.MAX_EVENTS:,}",
                  f"| {L.MAX_NAME_BYTES} bytes |"):
        assert shown in text, f"README's limits table should say {shown!r}"


def test_list_escapes_control_characters_from_scenario_files(capsys, tmp_path, monkeypatch):
    import shutil

    import simulator.model.scenario as scenario_module

    folder = tmp_path / "scenarios"
    shutil.copytree(SCENARIO_DIR, folder)
    text = (folder / "still_face.toml").read_text()
    (folder / "evil.toml").write_text(text.replace('title = "The Still-Face"', 'title = "Evil\\u001b[2J"', 1))
    (folder / "broken.toml").write_text('title = "\\u001b]0;x\\u0007"\n')
    monkeypatch.setattr(scenario_module, "SCENARIO_DIR", folder)
    code, out, _ = cli(capsys, "list")
    assert code == 0 and "Evil\\x1b[2J" in out and "\x1b" not in out and "\x07" not in out
