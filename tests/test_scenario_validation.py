"""`validate` against a corpus of malformed scenario files: exit 2, one clear line naming file and field."""

from pathlib import Path

import pytest
from cli_helpers import run_cli

from simulator.model.scenario import ScenarioError, available, load_scenario

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "tests" / "bad_scenarios"

#: file -> a fragment the error line must contain (the field, or what is wrong with the file)
EXPECTED = {
    "absent_but_present.toml": "episodes[0] (play)",
    "age_out_of_range.toml": "infant.age_months",
    "bad_episode_id.toml": "episodes[0] (Play Time).id",
    "bad_toml.toml": "(TOML syntax)",
    "duplicate_ids.toml": "episodes: duplicate episode id 'play'",
    "duration_wrong_type.toml": "episodes[0] (play).duration_s",
    "empty_episodes.toml": "episodes:",
    "missing_age.toml": "infant.age_months: is required",
    "missing_procedure.toml": "procedure: is required",
    "negative_duration.toml": "episodes[0] (play).duration_s: Input should be greater than 0 (got -5)",
    "no_episodes.toml": "episodes: is required",
    "not_utf8.toml": "not UTF-8",
    "predict_answer_out_of_range.toml": "predict: answer 5",
    "unknown_action.toml": "allowed_actions: unknown action 'dance'",
    "unknown_field.toml": "episodes[0] (play).colour: unknown field",
    "unknown_person.toml": "present[0]",
    "unknown_policy.toml": "caregiver: unknown caregiver 'robot'",
    "unknown_preset.toml": "infant.preset: unknown preset 'anxious'",
    "wrong_version.toml": "schema_version",
    "zero_curtail.toml": "curtail.crying_s",
    # issue 13: every input bounded, finite, and of its own type
    "control_chars.toml": "infant.preset: unknown preset '\\x1b[2J",
    "duration_boolean.toml": "episodes[0] (play).duration_s: Input should be a valid number (got True)",
    "duration_nan.toml": "episodes[0] (play).duration_s: Input should be a finite number",
    "extend_huge.toml": "episodes[0] (play).extend.max_extra_s: Input should be less than or equal to 3600",
    "extend_infinite.toml": "episodes[0] (play).extend.max_extra_s: Input should be a finite number",
    "huge_value.toml": "infant.preset: String should have at most 200 characters",
    "nested_too_deep.toml": "(file): tables or arrays nested more than 16 deep",
    "tables_too_deep.toml": "(file): tables or arrays nested more than 16 deep",
    "title_too_long.toml": "title: String should have at most 200 characters",
    "too_long_in_total.toml": "at most 14400 s (4 hours) in one scenario",
    "too_many_episodes.toml": "episodes: List should have at most 64 items",
}


def test_corpus_is_large_and_listed():
    files = sorted(p.name for p in BAD.glob("*.toml"))
    assert len(files) >= 15
    assert set(files) == set(EXPECTED), "every malformed file needs an expected message"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_loader_names_file_and_field(name):
    with pytest.raises(ScenarioError) as err:
        load_scenario(BAD / name)
    lines = str(err.value).splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(str(BAD / name) + ": ")
    assert EXPECTED[name] in lines[0]
    assert len(lines[0]) < 600 and "\x1b" not in lines[0]  # short, and no raw control characters


def test_validate_cli_on_whole_corpus():
    files = sorted(str(p) for p in BAD.glob("*.toml"))
    out = run_cli("validate", *files)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == len(files)  # one line per broken file (each has exactly one problem)
    for f, line in zip(files, lines):
        assert line.startswith(f"error: {f}: ")


def test_validate_cli_accepts_bundled_scenarios():
    files = [str(ROOT / "scenarios" / f"{n}.toml") for n in available()]
    out = run_cli("validate", *files)
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""


def test_mixed_good_and_bad_exits_2():
    out = run_cli("validate", str(ROOT / "scenarios" / "still_face.toml"), str(BAD / "negative_duration.toml"))
    assert out.returncode == 2
    assert "ok: " in out.stdout and "negative_duration.toml" in out.stderr


def test_missing_file_is_one_line():
    out = run_cli("validate", "no/such/file.toml")
    assert out.returncode == 2
    assert out.stderr.strip().count("\n") == 0 and "cannot read" in out.stderr


def test_an_edited_scenario_file_is_read_again(tmp_path):
    # load_scenario keeps what it parsed, keyed by the file's modification time and size: an instructor's
    # edit (even one that keeps the size) must be seen at the next load, and a file made bad must fail.
    import os

    from simulator.model.scenario import SCENARIO_DIR, ScenarioError, load_scenario
    text = (SCENARIO_DIR / "still_face.toml").read_text()
    f = tmp_path / "mine.toml"
    f.write_text(text)
    first = load_scenario(f)
    assert load_scenario(f) is first  # unchanged: the scenario parsed before
    title = first.title
    new_title = ("X" * len(title))[:len(title)]
    f.write_text(text.replace(f'title = "{title}"', f'title = "{new_title}"', 1))
    os.utime(f, ns=(f.stat().st_atime_ns, f.stat().st_mtime_ns + 1_000_000))
    assert f.stat().st_size == len(text.encode()) and load_scenario(f).title == new_title
    f.write_text(text.replace(f'title = "{title}"', "title = 3", 1))
    with pytest.raises(ScenarioError):
        load_scenario(f)
