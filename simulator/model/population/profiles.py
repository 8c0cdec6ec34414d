"""Caregiving profiles: named everyday caregiving histories as small sets of documented parameters.

A profile says how a caregiver meets the infant day after day: how often signals are read right
(sensitivity), how fast a mismatch is repaired (response lag, action bout), how consistently the
caregiver is available, how comfort-seeking is met (welcomed or rebuffed), daily phone time and
frightening or frightened episodes. Ids are the contract of ``docs/contract.md``. The histories follow
Ainsworth et al. (1978), Tronick (1989), Cassidy & Berlin (1994) and Main & Hesse (1990).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from . import constants as K
from ..published import value

#: Documented profile parameters: name -> (low, high, unit, meaning).
PROFILE_PARAMETERS: dict[str, tuple[float, float, str, str]] = {
    "sensitivity": (0.0, 1.0, "0-1", "probability of reading a signal right at each decision "
                    "(Ainsworth's sensitivity scale, operationalised; drives the share of moments matched)"),
    "response_lag_s": (0.0, 10.0, "s", "lag between the infant's signal and the caregiver's response: "
                       "repair speed (Tronick 1989)"),
    "bout_s": (0.5, 30.0, "s", "mean time the caregiver keeps one action: long bouts make long mismatch "
               "bouts (Tronick 1989)"),
    "consistency": (0.0, 1.0, "0-1", "probability of being available at a decision; otherwise ignoring, "
                    "on the phone or intrusive, unpredictably (Cassidy & Berlin 1994)"),
    "comfort_welcome": (0.0, 1.0, "0-1", "probability that distress and comfort-seeking are met with "
                        "comfort rather than rebuffed (Ainsworth et al. 1978; Main 1990)"),
    "phone_hours": (0.0, 10.0, "h/day", "daily phone time while with the infant (Myruski et al. 2018)"),
    "frightening_per_day": (0.0, 10.0, "1/day", "frightening or frightened episodes a day "
                            "(Main & Hesse 1990)"),
    "depressive_symptoms": (0.0, 1.0, "0-1", "the caregiver's depressive symptoms (a level, not a "
                            "diagnosis): flat affect, slower and less contingent responding, weaker repair, "
                            "withdrawn or intrusive moments (Tronick & Reck 2009; policies.py)"),
}


@dataclass(frozen=True)
class Profile:
    """One named caregiving profile (scalar parameters; see :data:`PROFILE_PARAMETERS` for units)."""

    id: str
    description: str
    sensitivity: float
    response_lag_s: float
    bout_s: float
    consistency: float
    comfort_welcome: float
    phone_hours: float
    frightening_per_day: float
    depressive_symptoms: float = 0.0

    def params(self) -> dict[str, float]:
        """The numeric parameters as a plain dict."""
        return {name: float(getattr(self, name)) for name in PROFILE_PARAMETERS}


@dataclass
class ProfileParams:
    """Caregiving parameters of N caregivers, each an array of shape (N,) (units in
    :data:`PROFILE_PARAMETERS`)."""

    sensitivity: np.ndarray
    response_lag_s: np.ndarray
    bout_s: np.ndarray
    consistency: np.ndarray
    comfort_welcome: np.ndarray
    phone_hours: np.ndarray
    frightening_per_day: np.ndarray
    depressive_symptoms: np.ndarray

    @property
    def n(self) -> int:
        """Batch size N."""
        return int(self.sensitivity.shape[0])

    @classmethod
    def from_profile(cls, profile: "Profile | str", n: int) -> "ProfileParams":
        """N identical caregivers of a named profile."""
        p = PROFILES[resolve_profile(profile)] if isinstance(profile, str) else profile
        return cls(**{name: np.full(n, float(getattr(p, name))) for name in PROFILE_PARAMETERS})

    def subset(self, idx: np.ndarray) -> "ProfileParams":
        """The caregivers at ``idx``."""
        return ProfileParams(**{f.name: getattr(self, f.name)[idx].copy() for f in fields(self)})

    def clipped(self) -> "ProfileParams":
        """A copy with every parameter clipped to its documented range."""
        return ProfileParams(**{name: np.clip(getattr(self, name), lo, hi).astype(np.float64)
                                for name, (lo, hi, _, _) in PROFILE_PARAMETERS.items()})


# The good-enough caregiver is the in-session ``sensitive`` policy's defaults (sensitivity 0.7, lag 2 s,
# bout 4 s; params.py), which give about 30% matched in play (MR1; Tronick & Gold 2020). slow_repair's
# sensitivity, lag and bout were tuned so that its matched share in free play equals good_enough's while
# its mismatch bouts are long (MR3; Tronick 1989).
PROFILES: dict[str, Profile] = {
    p.id: p
    for p in (
        Profile("sensitive_repair",
                "sensitive, consistent responding with prompt repair; comfort always welcome "
                "(Ainsworth et al. 1978 group B homes)",
                0.85, 1.5, 4.0, 0.97, 0.97, 0.5, 0.0),
        Profile("good_enough",
                f"about {value('play.matched'):g}% matched, many short mismatches quickly repaired (Tronick 1989)",
                0.70, 2.0, 4.0, 0.92, 0.92, 1.0, 0.0),
        Profile("slow_repair",
                "matched as often as good_enough, but in long mismatch bouts: slow to notice and repair",
                0.70, 6.0, 14.0, 0.92, 0.92, 1.0, 0.0),
        Profile("rebuffing",
                "play welcomed, comfort-seeking consistently rebuffed or redirected to toys "
                "(Ainsworth et al. 1978 group A homes; Main 1990)",
                0.70, 2.0, 4.0, 0.92, 0.15, 1.0, 0.0),
        Profile("unpredictable",
                "sometimes warm and prompt, often unavailable, unpredictably (Cassidy & Berlin 1994)",
                0.50, 5.0, 4.0, 0.35, 0.85, 1.5, 0.0),
        Profile("frightening",
                "ordinary care interrupted by frightening or frightened episodes (Main & Hesse 1990)",
                0.60, 3.0, 4.0, 0.70, 0.60, 1.0, 1.7),
        Profile("phone_heavy",
                "responsive when present, but absorbed in a phone for hours a day (Myruski et al. 2018)",
                0.70, 2.0, 4.0, 0.92, 0.92, 5.0, 0.0),
        # good_enough's caregiver with many depressive symptoms: the symptoms, not other settings, make
        # the difference (flat affect, slower and less contingent responding, withdrawn, intrusive or
        # dissociated moments: policies.py). Tronick & Reck 2009; Martins & Gaffan 2000 (CW4).
        Profile("depressed",
                "a caring parent with many depressive symptoms: flatter, slower, less contingent, with "
                "withdrawn moments (symptoms, not a diagnosis; Tronick & Reck 2009)",
                0.70, 2.0, 4.0, 0.92, 0.92, 1.0, 0.0, 0.8),
    )
}
#: Accepted spellings, mapped to the contract ids.
PROFILE_ALIASES = {"sensitive": "sensitive_repair", "good-enough": "good_enough", "slow-repair": "slow_repair",
                   "rejecting": "rebuffing", "inconsistent": "unpredictable", "phone": "phone_heavy",
                   "phone-heavy": "phone_heavy", "sensitive-repair": "sensitive_repair"}


def resolve_profile(name: str) -> str:
    """The contract id for a profile name or alias; ``KeyError`` listing the valid ids if unknown."""
    key = str(name).strip().lower()
    key = PROFILE_ALIASES.get(key, key)
    if key not in PROFILES:
        raise KeyError(f"unknown caregiving profile {name!r}; valid: {', '.join(PROFILES)}")
    return key


def phone_share(phone_hours: np.ndarray) -> np.ndarray:
    """Share of caregiver decisions spent on the phone, from daily phone time (h/day), shape (N,)."""
    return np.clip(phone_hours / K.WAKING_HOURS_WITH_INFANT, 0.0, 1.0)
