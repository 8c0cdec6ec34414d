"""Packaging: the Python version guard, pyproject.toml against requirements.txt and constraints.txt, data paths.

`pip install .` into a fresh venv takes 15-60 s, so it is checked by .ci/install_check (run by .ci/run),
not here.
"""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

from simulator import paths, pycheck

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _requirements(path: Path) -> dict[str, Requirement]:
    reqs = [Requirement(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.lstrip().startswith("#")]
    return {r.name.lower(): r for r in reqs}


def test_an_old_python_gets_one_line_naming_the_python_needed():
    msg = pycheck.python_problem((3, 10, 13, "final", 0), "/usr/bin/python3.10")
    assert msg == ("error: python: Attune needs Python 3.11 or newer; this is Python 3.10.13 "
                   "(/usr/bin/python3.10)")
    assert pycheck.python_problem((3, 11, 0)) is None and pycheck.python_problem((3, 13, 1)) is None
    assert pycheck.python_problem((2, 7, 18)) is not None


def test_the_guard_exits_2_with_one_line(capsys):
    with pytest.raises(SystemExit) as exc:
        pycheck.require_python((3, 10, 4), "python3.10")
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Python 3.11 or newer" in err and "3.10.4" in err
    pycheck.require_python((3, 11, 7))  # returns quietly


def _python_310():
    """A real Python 3.10 on this machine, if there is one."""
    candidates = ["python3.10", *sorted(str(p) for p in Path.home().glob(".pyenv/versions/3.10*/bin/python3.10"))]
    for exe in candidates:
        try:
            out = subprocess.run([exe, "-c", "import sys; print(sys.version_info[:2])"], capture_output=True,
                                 text=True, timeout=20)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if out.returncode == 0 and out.stdout.strip() == "(3, 10)":
            return exe
    return None


def test_main_py_under_python_3_10_for_real():
    exe = _python_310()
    if exe is None:
        pytest.skip("no Python 3.10 on this machine (the guard is tested above with a faked version)")
    for cmd in ([exe, "main.py", "list"], [exe, "-m", "simulator", "list"]):
        r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert r.returncode == 2 and r.stdout == ""
        assert r.stderr.splitlines() == [r.stderr.strip()] and "needs Python 3.11 or newer" in r.stderr


def test_requires_python_matches_the_guard():
    assert PYPROJECT["project"]["requires-python"] == ">=%d.%d" % pycheck.REQUIRES


def test_the_attune_command_is_python_m_simulator(monkeypatch, capsys):
    assert PYPROJECT["project"]["scripts"] == {"attune": "simulator.__main__:main"}
    from simulator import __main__ as entry
    monkeypatch.setattr(sys, "argv", ["attune", "list"])
    assert entry.main() == 0
    assert "strange_situation" in capsys.readouterr().out


def test_pyproject_dependencies_use_requirements_txt_ranges():
    reqs = _requirements(ROOT / "requirements.txt")
    declared = [Requirement(s) for s in PYPROJECT["project"]["dependencies"]]
    declared += [Requirement(s) for s in PYPROJECT["project"]["optional-dependencies"]["test"]]
    assert {r.name.lower() for r in declared} == set(reqs)
    for r in declared:
        assert r.specifier == reqs[r.name.lower()].specifier, r.name


def test_every_requirement_has_an_upper_bound_and_a_tested_pin_inside_its_range():
    reqs = _requirements(ROOT / "requirements.txt")
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[re.sub(r"[-_.]+", "-", name).lower()] = Version(version)
    for name, req in reqs.items():
        assert any(s.operator == "<" for s in req.specifier), f"{name}: no upper bound"
        assert pins[name] in req.specifier, f"{name}: tested {pins[name]} outside {req.specifier}"
    assert pins["numba"] >= Version("0.68")  # its cache checks source by content, not timestamps


def test_ci_installs_with_the_constraints():
    text = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "-r requirements.txt -c constraints.txt" in text and "python -m pytest" in text


def test_data_paths_in_a_checkout():
    assert paths.SCENARIO_DIR == ROOT / "scenarios" and (paths.SCENARIO_DIR / "still_face.toml").is_file()
    assert (paths.FONT_DIR / "Lato-Regular.ttf").is_file()


def test_packaged_data_wins_over_the_checkout(tmp_path, monkeypatch):
    (tmp_path / "data" / "scenarios").mkdir(parents=True)
    monkeypatch.setattr(paths, "_INSTALLED", tmp_path / "data")
    assert paths._data("scenarios") == tmp_path / "data" / "scenarios"
    assert paths._data("assets") == paths.ROOT / "assets"


def test_setup_py_finds_every_package():
    missing = [p.parent for p in (ROOT / "simulator").rglob("*.py")
               if not (p.parent / "__init__.py").exists()]
    assert not missing, f"folders without __init__.py are left out of the package: {missing}"


def test_bundled_data_is_found_only_through_paths():
    # An installed copy has no checkout around it: code that looked for scenarios/ or assets/ beside
    # the package itself would work here and break there.
    offenders = []
    for f in (ROOT / "simulator").rglob("*.py"):
        if f.name == "paths.py":
            continue
        text = f.read_text(encoding="utf-8")
        for line in text.splitlines():
            if "__file__" in line and ('"scenarios"' in line or '"assets"' in line or '"fonts"' in line):
                offenders.append(f"{f.relative_to(ROOT)}: {line.strip()}")
    assert not offenders, offenders
