"""The headless command line: run, batch, list, --set, determinism, and one-line errors with exit 2."""

import csv
import json
import os

import pytest
from cli_helpers import run_cli, run_main

from simulator.export import BATCH_COLUMNS
from simulator.model.session import TRAJECTORY_COLUMNS


def test_run_writes_trajectory_csv(tmp_path):
    out = tmp_path / "t.csv"
    r = run_cli("run", "still_face", "--seed", 1, "--out", out)
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(out.open()))
    assert tuple(rows[0].keys()) == TRAJECTORY_COLUMNS
    assert len(rows) == 360 * 4  # 3 x 120 s at 0.25 s
    assert rows[0]["t"] == "0.25" and rows[-1]["t"] == "360"
    assert {r["episode_name"] for r in rows} == {"play", "still_face", "reunion"}
    assert {r["caregiver_action"] for r in rows if r["episode_name"] == "still_face"} == {"still_face"}
    assert all(r["matched"] == "0" for r in rows if r["episode_name"] == "still_face")


def test_run_json_is_a_session_file(tmp_path):
    out = tmp_path / "s.json"
    r = run_cli("run", "strange_situation", "--seed", 3, "--infant", "avoidant", "--out", out)
    assert r.returncode == 0, r.stderr
    data = json.loads(out.read_text())
    assert data["format"] == "attune-session" and data["scenario"] == "strange_situation"
    assert data["seed"] == 3 and data["infant"] == "avoidant"
    assert [e["episode_name"] for e in data["episodes"]][:2] == ["introduction", "caregiver_infant"]
    kinds = {e["kind"] for e in data["events"]}
    assert {"episode_start", "episode_end", "action", "behaviour"} <= kinds


def test_batch_columns_and_determinism(tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    args = ("batch", "still_face", "--n", 50, "--seed", 7, "--set", "infant.reactivity=0.6", "--out")
    r = run_main(*args, a)  # a new process and this one: no state shared between the runs
    assert r.returncode == 0, r.stderr
    assert run_cli(*args, b).returncode == 0
    assert a.read_bytes() == b.read_bytes()
    rows = list(csv.DictReader(a.open()))
    assert tuple(rows[0].keys()) == BATCH_COLUMNS + ("infant.reactivity",)
    assert len(rows) == 50 * 3
    assert {r["infant.reactivity"] for r in rows} == {"0.6"}
    assert "[" not in r.stderr  # no progress bar when stderr is not a terminal


def test_different_seeds_differ(tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    run_cli("run", "still_face", "--seed", 1, "--out", a)
    run_cli("run", "still_face", "--seed", 2, "--out", b)
    assert a.read_bytes() != b.read_bytes()


def test_unknown_set_key_lists_valid_keys(tmp_path):
    r = run_cli("batch", "still_face", "--n", 5, "--set", "infant.mood=1", "--out", tmp_path / "x.csv")
    assert r.returncode == 2
    line = r.stderr.strip()
    assert line.count("\n") == 0 and line.startswith("error: --set infant.mood")
    assert "infant.reactivity" in line and "caregiver.sensitivity" in line and "episode." in line
    assert "Traceback" not in r.stderr
    assert not (tmp_path / "x.csv").exists()


@pytest.mark.parametrize("args, fragment", [
    (["--set", "infant.reactivity=7"], "out of range"),
    (["--set", "episode.nope.duration_s=30"], "no episode 'nope'"),
    (["--set", "episode.still_face.colour=3"], "unknown episode field"),
    (["--set", "episode.still_face.duration_s=-1"], "greater than 0"),
    (["--set", "infant.reactivity"], "expected key=value"),
    (["--set", "infant.reactivity=high"], "not a number"),
    (["--infant", "anxious"], "unknown infant preset"),
    (["--caregiver", "robot"], "unknown caregiver policy"),
])
def test_bad_flags_one_line(tmp_path, args, fragment):
    r = run_cli("run", "still_face", *args, "--out", tmp_path / "x.csv")
    assert r.returncode == 2, r.stderr
    assert r.stderr.startswith("error: ") and fragment in r.stderr
    assert r.stderr.strip().count("\n") == 0 and "Traceback" not in r.stderr


def test_episode_override_changes_length(tmp_path):
    out = tmp_path / "t.csv"
    r = run_cli("run", "still_face", "--set", "episode.still_face.duration_s=30", "--out", out)
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(out.open()))
    assert sum(1 for r in rows if r["episode_name"] == "still_face") == 30 * 4


def test_unknown_scenario(tmp_path):
    r = run_cli("run", "no_such_scenario", "--out", tmp_path / "x.csv")
    assert r.returncode == 2 and "no such scenario" in r.stderr and "still_face" in r.stderr


def test_unwritable_output_leaves_existing_files(tmp_path):
    # A folder that does not exist, a folder given as a file, and a read-only folder.
    r = run_cli("run", "still_face", "--out", tmp_path / "missing" / "t.csv")
    assert r.returncode == 2 and "does not exist" in r.stderr
    folder = tmp_path / "adir.csv"
    folder.mkdir()
    r = run_cli("run", "still_face", "--out", folder)
    assert r.returncode == 2 and "is a folder" in r.stderr
    ro = tmp_path / "ro"
    ro.mkdir()
    existing = ro / "t.csv"
    existing.write_text("precious data\n")
    ro.chmod(0o500)
    try:
        if os.access(ro, os.W_OK):  # running as root: permissions do not bind; simulate with a file in place of the dir
            blocker = tmp_path / "blocker"
            blocker.write_text("x")
            r = run_cli("run", "still_face", "--out", blocker / "t.csv")
        else:
            r = run_cli("run", "still_face", "--out", existing)
        assert r.returncode == 2 and "Traceback" not in r.stderr
        assert r.stderr.startswith("error: ")
    finally:
        ro.chmod(0o700)
    assert existing.read_text() == "precious data\n"


def test_wrong_suffix(tmp_path):
    r = run_cli("run", "still_face", "--out", tmp_path / "t.txt")
    assert r.returncode == 2 and "must end in .csv or .json" in r.stderr


def test_list_names_everything():
    r = run_cli("list")
    assert r.returncode == 0
    for word in ("still_face", "strange_situation", "phone_still_face", "secure", "disorganized",
                 "sensitive", "ssp_protocol", "infant.age_months", "caregiver.sensitivity"):
        assert word in r.stdout


def test_bad_subcommand_is_one_line():
    r = run_main("frobnicate")  # the process's own exit code and stderr
    assert r.returncode == 2 and r.stderr.startswith("error: ") and "Traceback" not in r.stderr


def test_the_parser_is_built_once_and_each_parse_starts_afresh():
    """``main()`` reuses one parser per process; a parse must not carry anything into the next (a repeated
    option's list, a subcommand's defaults)."""
    from simulator.cli import commands
    parser = commands.build_parser()
    assert commands.build_parser() is parser
    first = parser.parse_args(["batch", "still_face", "--n", "5", "--out", "a.csv", "--set", "infant.reactivity=0.6"])
    second = parser.parse_args(["batch", "still_face", "--n", "5", "--out", "a.csv"])
    third = parser.parse_args(["run", "still_face", "--out", "b.csv", "--set", "infant.age_months=9"])
    assert first.set == ["infant.reactivity=0.6"] and second.set == [] and third.set == ["infant.age_months=9"]
    assert second.func is commands.cmd_batch and third.func is commands.cmd_run and not hasattr(third, "n")
