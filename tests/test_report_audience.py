"""``report --audience``: the A4 report honours the audience as ``run --out FILE.md`` does. Parents see no
pattern letters, scale scores, disorganisation index or percentages; research sees the paired d."""

import json

import pytest
from finished_runs import finished

from simulator.cli import main
from simulator.content import lesson_strings as L
from simulator.export import write_session_json
from simulator.printout import report as R
from tests.test_content_lessons import _parents_safe


def _saved(tmp_path, scenario, infant=None, seed=3):
    """A recorded run saved as a session file (the run made once, shared read-only)."""
    s = finished(scenario, n=1, infant=infant, seed=seed, record=True)
    from simulator.export import score
    path = tmp_path / f"{scenario}.json"
    write_session_json(path, s, score(s))
    return path


@pytest.fixture()
def drawn(monkeypatch):
    """Every string the report pages draw, in order."""
    lines: list[str] = []
    real = R.Page.text

    def text(self, s, *a, **k):
        lines.append(str(s))
        return real(self, s, *a, **k)
    monkeypatch.setattr(R.Page, "text", text)
    return lines


@pytest.mark.parametrize("infant", ["avoidant", "disorganized"])
def test_parents_report_has_no_letters_scales_or_disorganised(tmp_path, drawn, infant):
    path = _saved(tmp_path, "strange_situation", infant)
    out = tmp_path / "p.png"
    assert main(["report", str(path), "--out", str(out), "--audience", "parents"]) == 0
    assert out.stat().st_size > 10_000
    text = " ".join(drawn)
    assert _parents_safe(text) == [], _parents_safe(text)
    assert L.REPORT_LESSONS in drawn and L.REPORT_NUMBERS in drawn
    drawn.clear()
    assert main(["report", str(path), "--out", str(tmp_path / "c.png")]) == 0  # class: the usual numbers
    cls = " ".join(drawn)
    assert _parents_safe(cls) != [] and "Classification" in cls


def test_parents_still_face_report_speaks_plainly(tmp_path, drawn):
    path = _saved(tmp_path, "still_face")
    assert main(["report", str(path), "--out", str(tmp_path / "p.png"), "--audience", "parents"]) == 0
    text = " ".join(drawn)
    assert _parents_safe(text) == []
    assert L.TITLE["rupture_repair"]["parents"] in text  # the definitions in plain words


def test_research_report_adds_the_paired_d(tmp_path, drawn):
    path = _saved(tmp_path, "still_face")
    assert main(["report", str(path), "--out", str(tmp_path / "r.png"), "--audience", "research"]) == 0
    text = " ".join(drawn)
    assert L.REPORT_RESEARCH in drawn and "paired d" in text and "infant preset" in text


def test_unknown_audience_is_one_line_error(tmp_path, capsys):
    path = _saved(tmp_path, "still_face")
    assert main(["report", str(path), "--out", str(tmp_path / "x.png"), "--audience", "kids"]) == 2
    err = [x for x in capsys.readouterr().err.splitlines() if x.strip()]
    assert err == ["error: --audience: unknown audience 'kids'; valid: parents, class, research"]
    assert not (tmp_path / "x.png").exists()


def test_compare_honours_the_audience(tmp_path, drawn):
    """``compare --audience``: parents get plain words (no letters, scales, percentages; the runs are not
    called A and B), class the usual figures, research those plus each run's research lines."""
    args = ["compare", "strange_situation", "--caregiver", "sensitive", "--vs", "rejecting", "--infant",
            "disorganized"]
    assert main(args + ["--out", str(tmp_path / "p.png"), "--audience", "parents"]) == 0
    assert (tmp_path / "p.png").stat().st_size > 10_000
    parents = " ".join(drawn)
    assert _parents_safe(parents) == [], _parents_safe(parents)
    assert L.COMPARE_TAGS_PARENTS[0] in parents and L.COMPARE_TAGS_PARENTS[1] in parents
    assert "a caregiver who rebuffs comfort" in parents  # who played, in words
    assert not [d for d in drawn if d.endswith("...")]  # the half-width tables cut no cell
    assert L.REPORT_RESEARCH not in parents
    drawn.clear()
    assert main(args + ["--out", str(tmp_path / "c.png")]) == 0
    cls = " ".join(drawn)
    assert _parents_safe(cls) != [] and "Classification" in cls and L.REPORT_RESEARCH not in cls
    drawn.clear()
    assert main(args + ["--out", str(tmp_path / "r.png"), "--audience", "research"]) == 0
    research = " ".join(drawn)
    pages = research.count("compare report")  # the page is drawn again at smaller chart sizes until it fits
    assert "Classification" in research and research.count(L.REPORT_RESEARCH) == 2 * pages


def test_compare_refuses_an_unknown_audience(tmp_path, capsys):
    out = tmp_path / "x.png"
    assert main(["compare", "still_face", "--vs", "phone", "--out", str(out), "--audience", "teens"]) == 2
    assert "--audience" in capsys.readouterr().err and not out.exists()
