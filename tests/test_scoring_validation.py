"""The validation report's registry, rendering and command-line errors (no populations are run here)."""

from pathlib import Path

from cli_helpers import run_cli

from simulator.model.scoring import validation as V

ROOT = Path(__file__).resolve().parents[1]


def test_register_check_adds_rows_in_order():
    before = list(V.CHECKS)
    try:
        @V.register_check("XX1", order=-1)
        def extra(runs):
            return [V.Row("XX1", "an added check", "target", "value", True)]

        class FakeRuns:
            seed, n = 1, 10

        entry = min(V.CHECKS)
        assert entry.id == "XX1"
        rows = extra(FakeRuns())
        text = V.render(rows + [V.Row("YY", "fails", "t", "v", False, detail="**detail**")], FakeRuns())
        assert "| XX1 | an added check | target | value | pass |" in text
        assert "**FAIL**" in text and "**detail**" in text and "1 of 2 checks pass" in text
    finally:
        V.CHECKS[:] = before


def test_every_required_check_is_registered():
    ids = {e.id for e in V.CHECKS}
    for needed in ("SF1", "SF2", "SF3", "SF4", "SF5", "SF6", "SF7", "MR1", "MR2", "SS1", "SS2", "SS4", "SS5", "PD5"):
        assert needed in ids


def test_ss4_row_uses_the_scorer_thresholds():
    (row,) = V.check_ss4(None)
    assert row.passed and "→ 7" in row.simulated


def test_validation_command_rejects_a_bad_path(tmp_path):
    r = run_cli("validation", "--out", tmp_path / "report.txt")
    assert r.returncode == 2 and r.stderr.startswith("error: ") and "Traceback" not in r.stderr
    r = run_cli("validation", "--out", tmp_path / "no" / "x.md")
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_committed_report_exists_and_is_generated():
    text = (ROOT / "docs" / "validation.md").read_text()
    assert text.startswith("# Validation report") and "python main.py validation" in text
