"""The one table of published figures: sourced, matching docs/science.md, and not typed a second time in code."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

from simulator.content.references import FINDINGS, REFERENCES
from simulator.model import published as pub
from simulator.model.population.checks import check_pd3
from simulator.model.population.populations import POPULATIONS

ROOT = Path(__file__).resolve().parents[1]
SCIENCE = (ROOT / "docs" / "science.md").read_text(encoding="utf-8")

#: Ways a figure may be written in code, by sample: a second copy of any of these outside
#: ``model/published.py`` means a number was retyped instead of read from the table.
RETYPED = [
    re.compile(r"51\.6|14\.7|23\.5|20,?720"),            # Madigan et al. 2023
    re.compile(r"\bA ?22\b.{0,12}\bB ?66\b"),            # Baltimore, Ainsworth et al. 1978
    re.compile(r"\b33 ?/ ?60 ?/ ?7\b"),                  # still-face response styles, Montirosso et al. 2015
    re.compile(r"\b57-73\b"),                            # %B between low-risk samples
    re.compile(r"d 0\.33 vs 0\.20|17% → 28%"),          # CW4, CW5
]


def _science_row(finding: str) -> str:
    rows = [line for line in SCIENCE.splitlines() if line.startswith(f"| {finding} |")]
    assert len(rows) == 1, f"docs/science.md has {len(rows)} rows for {finding}"
    return rows[0]


def test_every_figure_has_a_full_citation_a_label_and_a_science_row():
    for key, fig in pub.FIGURES.items():
        assert fig.source in REFERENCES, f"{key}: source {fig.source!r} is not in content.references"
        assert fig.source in pub.SOURCE_LABELS, f"{key}: no short label for {fig.source!r}"
        _science_row(fig.finding)


def _written(fig: pub.Figure) -> list[str]:
    """How docs/science.md may write a figure (percent as 51.6, counts as 20,720, r as .24, d as 0.33)."""
    v = fig.value
    if fig.unit == "r":
        return [f"{v:.2f}".lstrip("0")]
    if fig.unit == "d":
        return [f"{v:.2f}"]
    return [f"{v:g}", f"{v:,}"]


def test_docs_science_states_each_figure_as_the_table_has_it():
    for key, fig in pub.FIGURES.items():
        if fig.unit == "times":  # written in words there ("two to three times")
            continue
        row = _science_row(fig.finding)
        ok = any(re.search(rf"(?<![\d.,]){re.escape(w)}(?![\d])", row) for w in _written(fig))
        assert ok, f"docs/science.md {fig.finding} does not state {key} = {fig.value} ({fig.unit})"


def test_readers_take_the_figures_from_the_table():
    assert POPULATIONS["global_mixed"].targets == pub.shares("global_mixed", "BACD")
    assert POPULATIONS["low_risk"].targets == {**pub.BALTIMORE, "D": pub.LOW_RISK_D}
    assert "20,720" in POPULATIONS["global_mixed"].description
    assert pub.shares_text("global_mixed", "BACD") in FINDINGS["PD3"][0]
    assert pub.shares_text("baltimore", "ABC") in FINDINGS["PD1"][0]


def test_a_changed_figure_reaches_the_check_target(monkeypatch):
    # The check reads the table when it runs: a different published share changes its target row.
    monkeypatch.setitem(pub.FIGURES, "global_mixed.B", pub.Figure(50.0, "percent", "madigan2023", "PD3"))
    monkeypatch.setattr("simulator.model.population.checks.population_result",
                        lambda *a, **k: type("R", (), {"scores": type("S", (), {"classification": ["B"] * 10})})())
    row = check_pd3(n=10)
    assert row.target.startswith("B50.0/A14.7")


def test_no_figure_is_typed_a_second_time_in_the_code():
    hits = []
    for path in sorted((ROOT / "simulator").rglob("*.py")):
        if path.name == "published.py" and path.parent.name == "model":
            continue
        src = path.read_text(encoding="utf-8")
        for tok in tokenize.generate_tokens(io.StringIO(src).readline):
            if tok.type not in (tokenize.STRING, tokenize.NUMBER, getattr(tokenize, "FSTRING_MIDDLE", -1)):
                continue
            for pattern in RETYPED:
                if pattern.search(tok.string):
                    hits.append(f"{path.relative_to(ROOT)}:{tok.start[0]}: {tok.string[:60]!r}")
    assert not hits, "published figures retyped (read them from simulator/model/published.py):\n" + "\n".join(hits)
