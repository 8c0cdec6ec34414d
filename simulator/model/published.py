"""The published figures the app shows and the model is checked against: one table, data only.

Each row is one number a paper reports: ``value`` in ``unit``, the paper (``source``, a key of
``content.references.REFERENCES``) and the check it supports in docs/science.md (``finding``). The
validation checks, the population presets, the findings' one-line statements, the debrief, the A4 report
and the Population lab all read their numbers here, so a figure is typed once. The table sits in the model,
the lowest layer that needs it (the checks and the populations are model code, and the model imports no
other layer); ``content.references`` adds the full citations and ``SOURCE_LABELS`` the short ones.

Check tolerances (``+-5 points`` and the like) are not published figures: they stay beside their checks.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """One published figure: ``value`` in ``unit`` (``percent``, ``infants``, ``dyads``, ``r``, ``d``, ``times``),
    reported by ``source`` (a reference key), supporting ``finding`` (a docs/science.md check id)."""

    value: float | int
    unit: str
    source: str
    finding: str


#: Short author-year labels of the sources in the table (full citations: content.references.REFERENCES).
SOURCE_LABELS: dict[str, str] = {
    "ainsworth1978": "Ainsworth et al. 1978",
    "vanijzendoorn1999": "van IJzendoorn et al. 1999",
    "madigan2023": "Madigan et al. 2023",
    "dewolff1997": "De Wolff & van IJzendoorn 1997",
    "tronickgold2020": "Tronick & Gold 2020",
    "spiekerbooth1988": "Spieker & Booth 1988",
    "montirosso2015": "Montirosso et al. 2015",
    "martinsgaffan2000": "Martins & Gaffan 2000",
    "bakermans2003": "Bakermans-Kranenburg et al. 2003",
    "shorey2018": "Shorey et al. 2018",
}

FIGURES: dict[str, Figure] = {
    # PD1: the Baltimore sample, classified before D was described (as tabulated by Spieker & Booth 1988).
    "baltimore.A": Figure(22.0, "percent", "ainsworth1978", "PD1"),
    "baltimore.B": Figure(66.0, "percent", "ainsworth1978", "PD1"),
    "baltimore.C": Figure(12.0, "percent", "ainsworth1978", "PD1"),
    "baltimore.n": Figure(106, "infants", "ainsworth1978", "PD1"),
    # PD2: disorganisation in low-risk samples, and how many times as common it is under high risk.
    "low_risk.D": Figure(15.0, "percent", "vanijzendoorn1999", "PD2"),
    "high_risk.D_times_low": Figure(2.0, "times", "vanijzendoorn1999", "PD2"),
    "high_risk.D_times_high": Figure(3.0, "times", "vanijzendoorn1999", "PD2"),
    # PD3: the first 20,000 Strange Situations, a global mixed-risk picture.
    "global_mixed.B": Figure(51.6, "percent", "madigan2023", "PD3"),
    "global_mixed.A": Figure(14.7, "percent", "madigan2023", "PD3"),
    "global_mixed.C": Figure(10.2, "percent", "madigan2023", "PD3"),
    "global_mixed.D": Figure(23.5, "percent", "madigan2023", "PD3"),
    "global_mixed.n": Figure(20720, "dyads", "madigan2023", "PD3"),
    # PD4: caregiver sensitivity and security, meta-analytic correlation.
    "sensitivity_security.r": Figure(0.24, "r", "dewolff1997", "PD4"),
    # MR1: how much of ordinary responsive play is matched.
    "play.matched": Figure(30.0, "percent", "tronickgold2020", "MR1"),
    # ID1: still-face response styles at 4 months (N = 75).
    "styles_4m.social": Figure(33.0, "percent", "montirosso2015", "ID1"),
    "styles_4m.disengaged": Figure(60.0, "percent", "montirosso2015", "ID1"),
    "styles_4m.negative": Figure(7.0, "percent", "montirosso2015", "ID1"),
    # ID8: how far %B scatters between small low-risk samples.
    "low_risk_samples.B_low": Figure(57.0, "percent", "spiekerbooth1988", "ID8"),
    "low_risk_samples.B_high": Figure(73.0, "percent", "spiekerbooth1988", "ID8"),
    # CW4: D with and without maternal depression (meta-analysis).
    "depressed.D": Figure(28.0, "percent", "martinsgaffan2000", "CW4"),
    "not_depressed.D": Figure(17.0, "percent", "martinsgaffan2000", "CW4"),
    # CW5: what interventions on sensitivity move (meta-analytic d).
    "intervention.d_sensitivity": Figure(0.33, "d", "bakermans2003", "CW5"),
    "intervention.d_security": Figure(0.20, "d", "bakermans2003", "CW5"),
    # CW6: postnatal depression, pooled prevalence (95% CI) and the regional extremes.
    "postnatal_depression.pooled": Figure(17.0, "percent", "shorey2018", "CW6"),
    "postnatal_depression.ci_low": Figure(15.0, "percent", "shorey2018", "CW6"),
    "postnatal_depression.ci_high": Figure(20.0, "percent", "shorey2018", "CW6"),
    "postnatal_depression.europe": Figure(8.0, "percent", "shorey2018", "CW6"),
    "postnatal_depression.middle_east": Figure(26.0, "percent", "shorey2018", "CW6"),
}


def value(key: str) -> float:
    """The value of one row (``KeyError`` naming the valid keys if unknown)."""
    try:
        return FIGURES[key].value
    except KeyError:
        raise KeyError(f"unknown published figure {key!r}; valid: {', '.join(FIGURES)}") from None


def shares(sample: str, classes: str) -> dict[str, float]:
    """A sample's published class shares in percent, in the order of ``classes``: ``shares("global_mixed",
    "BACD")`` -> ``{"B": 51.6, "A": 14.7, "C": 10.2, "D": 23.5}``."""
    return {c: value(f"{sample}.{c}") for c in classes}


def shares_text(sample: str, classes: str) -> str:
    """``shares_text("global_mixed", "BACD")`` -> ``"B 51.6%, A 14.7%, C 10.2%, D 23.5%"``: the words every
    screen, report and check row uses for a sample's shares."""
    return ", ".join(f"{k} {v:g}%" for k, v in shares(sample, classes).items())


def label(key: str) -> str:
    """The short author-year label of a row's source: ``label("global_mixed.n")`` -> ``"Madigan et al. 2023"``."""
    value(key)
    return SOURCE_LABELS[FIGURES[key].source]


#: The classic samples, by name, as the class shares each is read against (percent).
BALTIMORE = shares("baltimore", "ABC")
GLOBAL_MIXED = shares("global_mixed", "ABCD")
LOW_RISK_D = value("low_risk.D")
#: High-risk D, as the published multiple of the low-risk share: (low, high) percent.
HIGH_RISK_D = (LOW_RISK_D * value("high_risk.D_times_low"), LOW_RISK_D * value("high_risk.D_times_high"))
#: ID1's published still-face response styles at 4 months (percent).
STYLES_4M = shares("styles_4m", ("social", "disengaged", "negative"))
