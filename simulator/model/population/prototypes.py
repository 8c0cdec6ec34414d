"""The infant presets as outputs of prototype caregiving histories: each preset is a profile run through development.

``PROTOTYPE_HISTORIES`` names the history behind each preset of ``params.PRESETS`` (Ainsworth et al.
1978: sensitive responding -> B, rebuff of comfort-seeking -> A, inconsistent responding -> C; Main &
Hesse 1990: frightening or frightened caregiving -> D). :func:`derive_presets` develops infants under
each history and returns the mean working model they end with, to compare with (or replace) the
presets' values.
"""

from __future__ import annotations

import numpy as np

from .development import develop
from .profiles import ProfileParams

#: Infant preset id -> the caregiving profile whose history produces it.
PROTOTYPE_HISTORIES: dict[str, str] = {
    "secure": "sensitive_repair",
    "avoidant": "rebuffing",
    "resistant": "unpredictable",
    "disorganized": "frightening",
}
WORKING_MODEL = ("expectation", "deactivation", "hyperactivation", "fear_of_caregiver")


def derive_presets(n: int = 500, months: float = 12.0, seed: int = 0) -> dict[str, dict[str, float]]:
    """Develop ``n`` infants under each prototype history for ``months``; their mean working model.

    Returns:
        preset id -> {parameter: mean, parameter + "_sd": standard deviation} over the n infants.
    """
    out = {}
    for k, (preset, profile) in enumerate(PROTOTYPE_HISTORIES.items()):
        dev = develop(ProfileParams.from_profile(profile, n), months, rng=np.random.default_rng([seed, k]))
        row = {}
        for name in WORKING_MODEL:
            v = getattr(dev.params, name)
            row[name] = float(v.mean())
            row[name + "_sd"] = float(v.std())
        out[preset] = row
    return out


def compare_with_presets(derived: dict[str, dict[str, float]]) -> list[tuple[str, str, float, float]]:
    """Rows (preset, parameter, preset value in ``params.PRESETS``, derived mean) for a report."""
    from ..params import PRESETS

    rows = []
    for preset, values in derived.items():
        for name in WORKING_MODEL:
            rows.append((preset, name, float(getattr(PRESETS[preset], name)), values[name]))
    return rows
