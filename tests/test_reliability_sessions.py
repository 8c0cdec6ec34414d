"""Issue 13: session files are untrusted data. Every field is checked (type and range) before replay,
report or compare; sizes are bounded; text from a file is printed with control characters escaped."""

import json
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.model import limits as L
from simulator.model.scenario import SCENARIO_DIR
from simulator.sessions.store import SessionFileError, load_session


def cli(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err.splitlines()


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> dict:
    """A finished still-face session file, as data."""
    folder = tmp_path_factory.mktemp("saved")
    assert main(["run", "still_face", "--out", str(folder / "s.json")]) == 0
    return json.loads((folder / "s.json").read_text())


def _set(d: dict, path: str, value) -> dict:
    d = json.loads(json.dumps(d))
    node = d
    keys = path.split("/")
    for k in keys[:-1]:
        node = node[int(k)] if isinstance(node, list) else node[k]
    last = keys[-1]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return d


CORRUPT = [
    ("seed", "12"), ("seed", -1), ("seed", 2**40), ("seed", True), ("seed", 1.5),
    ("t_s", "360"), ("t_s", 1e300), ("t_s", -1),
    ("parameters", [1, 2]), ("parameters", {"infant.age_months": "four"}),
    ("overrides", {"infant.age_months": None}), ("overrides", {"x" * 300: 1}),
    ("classification/reasons", 7), ("classification/reasons", [["nested"]]),
    ("classification/classification", "Z"), ("classification/disorganization", 99),
    ("episodes/0/positive_affect", "high"), ("episodes/0/planned_s", 1e300), ("episodes/0/episode", 0),
    ("episodes/0/episode_name", 5), ("episodes/0/extra", {"a": 1}),
    ("events/0/t", "0"), ("events/0/t", -5), ("events/0/kind", None), ("events/1/detail", [1]),
    ("actions", [{"step": "3", "action": "smile"}]), ("actions", [{"step": 10**9, "action": "smile"}]),
    ("actions", [{"step": 3, "action": "smile", "t": "x"}]),
    ("infant", "../etc"), ("caregiver", "a" * 500), ("scenario_file", 5),
    ("learner", "yes"), ("prediction", 5), ("prediction", {"options": "abc"}), ("started_at", "x" * 200),
]


@pytest.mark.parametrize("field, value", CORRUPT, ids=lambda v: str(v)[:30])
def test_corrupt_field_is_one_line_in_every_command(capsys, tmp_path, saved, field, value):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(_set(saved, field, value)))
    good = tmp_path / "good.json"
    good.write_text(json.dumps(saved))
    for args in (("replay", "--headless", bad), ("report", bad, "--out", tmp_path / "r.png"),
                 ("compare", good, bad, "--out", tmp_path / "c.png")):
        code, _, err = cli(capsys, *args)
        assert code == 2, (args, err)
        assert len(err) == 1 and err[0].startswith("error: ") and str(bad) in err[0], err
        assert len(err[0]) < 600
    assert not (tmp_path / "r.png").exists() and not (tmp_path / "c.png").exists()


def test_json_infinity_and_huge_numbers_are_refused(tmp_path, saved):
    text = json.dumps(saved)
    for old, new in (('"t_s": 360.0', '"t_s": 1e400'), ('"seed": 0', '"seed": ' + "9" * 5000)):
        f = tmp_path / "x.json"
        f.write_text(text.replace(old, new))
        with pytest.raises(SessionFileError):
            load_session(f)


@pytest.mark.parametrize("field", ["episodes", "actions"])
def test_too_many_records_are_refused_by_count(tmp_path, saved, field):
    """The issue's files held a million; 100,000 is past every limit and keeps the suite quick
    (bench/bench_limits.py refuses the million)."""
    record = {"episodes": '{"episode_name":"x"}', "actions": '{"step":1,"action":"smile"}',
              "events": '{"t":0,"kind":"x"}'}[field]
    head = json.dumps({**saved, field: []})
    f = tmp_path / "big.json"
    f.write_text(head.replace(f'"{field}": []', f'"{field}": [' + ",".join([record] * 100_000) + "]"))
    with pytest.raises(SessionFileError, match="at most"):  # refused by count (was read for 45-60 s);
        load_session(f)  # bench/bench_limits.py prints how long the refusal takes


def test_oversized_and_special_files_are_refused(tmp_path):
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (L.MAX_SESSION_BYTES + 1))
    with pytest.raises(SessionFileError, match="at most"):
        load_session(big)
    with pytest.raises(SessionFileError, match="not a regular file"):
        load_session("/dev/zero")
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(SessionFileError):
        load_session(deep)


def test_control_characters_from_files_are_escaped(capsys, tmp_path, saved):
    data = tmp_path / "data"
    folder = data / "sessions"
    folder.mkdir(parents=True)
    evil = "\x1b]0;owned\x07\x1b[2J"
    d = _set(saved, "episodes/0/episode_name", "play" + evil)
    d["started_at"] = "2026" + evil
    (folder / "evil.json").write_text(json.dumps(d))
    (folder / ("name\x1b[31m.json")).write_text("{")  # an unreadable file with a hostile name
    code, out, err = cli(capsys, "sessions", "--data-dir", data)
    assert code == 0, err
    assert "\x1b" not in out and "\x07" not in out and "\\x1b" in out
    code, out, err = cli(capsys, "replay", "--headless", folder / "evil.json")
    assert "\x1b" not in out + "\n".join(err) and "\\x1b" in out


def test_custom_scenario_file_is_replayable(capsys, tmp_path, monkeypatch):
    custom = tmp_path / "mine.toml"
    custom.write_text((SCENARIO_DIR / "still_face.toml").read_text().replace('id = "still_face"\ntitle',
                                                                             'id = "my_face"\ntitle', 1))
    out = tmp_path / "mine.json"
    assert cli(capsys, "run", custom, "--seed", 4, "--out", out)[0] == 0
    d = json.loads(out.read_text())
    assert d["scenario"] == "my_face" and d["scenario_file"] == str(custom.resolve())
    monkeypatch.chdir(Path("/"))
    code, stdout, err = cli(capsys, "replay", "--headless", out)
    assert code == 0, err
    assert "identical" in stdout
