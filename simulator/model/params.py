"""The documented parameters a user may set (``--set key=value``), the infant presets, and sampling.

Infant presets are *caregiving histories*, expressed as the working-model parameters such a history
produces (Bowlby 1969; Ainsworth et al. 1978: sensitive, consistent responding with repair builds a
high expectation of response; consistent rebuff of comfort-seeking builds a deactivating strategy;
inconsistent responding builds a hyper-activating one; frightening or frightened caregiving builds
fear of the caregiver; Main & Hesse 1990). The development issue derives them by simulation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .infant import InfantParams


@dataclass(frozen=True)
class Param:
    """One user-settable parameter: default, allowed range, unit, meaning and source."""

    key: str
    default: float
    lo: float
    hi: float
    unit: str
    meaning: str
    source: str


INFANT_PARAMS: tuple[Param, ...] = (
    Param("infant.age_months", 4.0, 1.0, 36.0, "months",
          "age; gates mobility, separation protest and stranger wariness (scenario default)",
          "WHO MGRS 2006; Schaffer & Emerson 1964; Sroufe 1977"),
    Param("infant.reactivity", 0.5, 0.0, 1.0, "0-1",
          "temperament: how strongly alarm raises arousal (drawn per infant; see TEMPERAMENT)",
          "Rothbart 1981 (negative reactivity); Kagan & Snidman 1991 (about 20% high-reactive at 4 months)"),
    Param("infant.soothability", 0.5, 0.0, 1.0, "0-1",
          "temperament: how readily comfort lowers arousal (drawn per infant)", "Rothbart 1981 (soothability)"),
    Param("infant.sociability", 0.5, 0.0, 1.0, "0-1",
          "temperament: positive-affect baseline and social orientation; a sociable infant keeps "
          "monitoring a still face instead of turning away (drawn per infant)",
          "Gartstein & Rothbart 2003 (IBQ-R smiling and laughter); Montirosso et al. 2015 (response styles)"),
    Param("infant.arousal_baseline", 0.15, 0.02, 0.40, "0-1",
          "resting latent arousal, heart-rate-like: infants differ at rest about as much as the still-face "
          "raises them (drawn per infant)",
          "Ritz et al. 2012 (heart rate 135 +- 11.5 bpm in play, +11.6 bpm in the still-face)"),
    Param("infant.expectation", 0.8, 0.0, 1.0, "0-1",
          "working model: expectation that the caregiver responds (trust speeds comfort)",
          "Bowlby 1969; Ainsworth et al. 1978"),
    Param("infant.deactivation", 0.05, 0.0, 1.0, "0-1",
          "avoidant (minimising) strategy: masks distress and comfort seeking, not arousal",
          "Main 1990; Cassidy 1994; Spangler & Grossmann 1993"),
    Param("infant.hyperactivation", 0.05, 0.0, 1.0, "0-1",
          "resistant (maximising) strategy: amplifies distress, mixes contact seeking with anger",
          "Cassidy & Berlin 1994"),
    Param("infant.fear_of_caregiver", 0.02, 0.0, 1.0, "0-1",
          "disorganising fear: the caregiver is both haven and source of alarm",
          "Main & Hesse 1990; Main & Solomon 1990"),
)

CAREGIVER_PARAMS: tuple[Param, ...] = (
    Param("caregiver.sensitivity", 0.7, 0.0, 1.0, "0-1",
          "probability of reading the infant's signal correctly at each decision",
          "Ainsworth 1969 sensitivity scale (operationalised); calibrated to MR1"),
    Param("caregiver.response_lag_s", 2.0, 0.0, 10.0, "s",
          "mean lag between the infant's signal and the caregiver's response",
          "human reaction to social signals; calibrated to MR1 (Tronick & Cohn 1989)"),
    Param("caregiver.bout_s", 4.0, 0.5, 30.0, "s",
          "mean time the caregiver keeps one action before reconsidering",
          "calibrated to MR1 (Tronick & Cohn 1989)"),
    Param("caregiver.depressive_symptoms", 0.0, 0.0, 1.0, "0-1",
          "how many depressive symptoms the caregiver has (a symptom level, not a diagnosis): flat affect, "
          "slower and less contingent responding, weaker repair, withdrawn or intrusive moments; any "
          "scripted policy (the depressed policy has at least 0.8)",
          "Reck et al. 2004; Tronick & Reck 2009; Cohn et al. 1986; Weinberg et al. 2008"),
    Param("caregiver.fatigue", 0.0, 0.0, 1.0, "0-1",
          "how tired the caregiver is: the same kinds of change as depressive symptoms, milder",
          "Insana et al. 2013; Cooklin, Giallo & Rose 2012"),
    Param("caregiver.intrusiveness", 0.3, 0.0, 1.0, "0-1",
          "share of a low-mood caregiver's withdrawn-or-intrusive moments that are intrusive",
          "Cohn et al. 1986 (withdrawn and intrusive styles; withdrawn the more common)"),
)

ALL_PARAMS: dict[str, Param] = {p.key: p for p in INFANT_PARAMS + CAREGIVER_PARAMS}

#: How temperament is distributed across infants: name -> (mean, SD, low, high), a normal clipped to
#: [low, high]. Sources are the parameters' own (``INFANT_PARAMS``). The SDs are what make every simulated
#: infant a different baby (science.md section 6): reactivity's SD puts about one infant in five above
#: 0.7 (Kagan & Snidman 1991: about 20% of 4-month-olds are high-reactive); the arousal baseline's SD
#: (0.08, with moment-to-moment noise about 0.10 between infants' play means) is about the still-face rise
#: of the median infant, as resting heart rate's SD (11.5 bpm) equals the rise (11.6 bpm) in Ritz et al. 2012.
TEMPERAMENT: dict[str, tuple[float, float, float, float]] = {
    "reactivity": (0.5, 0.25, 0.0, 1.0),
    "soothability": (0.5, 0.2, 0.0, 1.0),
    "sociability": (0.5, 0.2, 0.0, 1.0),
    "arousal_baseline": (0.15, 0.08, 0.02, 0.40),
}
#: Kept for callers that read one spread: reactivity's SD.
TEMPERAMENT_SD = TEMPERAMENT["reactivity"][1]
#: Spread of working-model parameters within a preset.
WORKING_MODEL_SD = 0.06


def sample_temperament(n: int, rng: np.random.Generator, means: dict[str, float] | None = None,
                       vary: bool = True) -> dict[str, np.ndarray]:
    """Draw each infant's temperament from :data:`TEMPERAMENT` (arrays (n,), float64).

    ``means`` shifts a dimension's mean (a population with more reactive infants); ``vary=False`` gives
    every infant the mean (for tests that need a typical infant).
    """
    out = {}
    for name, (mean, sd, lo, hi) in TEMPERAMENT.items():
        m = (means or {}).get(name, mean)
        out[name] = np.clip(rng.normal(m, sd, n), lo, hi) if vary else np.full(n, float(m))
    return out


@dataclass(frozen=True)
class Preset:
    """An infant preset: the history it stands for and the working model that history produces."""

    id: str
    history: str
    expectation: float
    deactivation: float
    hyperactivation: float
    fear_of_caregiver: float


PRESETS: dict[str, Preset] = {
    p.id: p
    for p in (
        # hyperactivation 0.02 (was 0.05): calibrated to SS5, B infants show at most slight resistance at
        # reunion (Ainsworth et al. 1978 ch. 4); with 0.05 the secure prototype resisted long contact.
        Preset("secure", "sensitive, consistent responding with prompt repair of ruptures",
               0.85, 0.05, 0.02, 0.02),
        Preset("avoidant", "consistent rebuff of comfort-seeking; play welcomed, distress not",
               0.30, 0.85, 0.05, 0.03),
        Preset("resistant", "inconsistent, unpredictable responding: sometimes warm, often missed",
               0.45, 0.05, 0.85, 0.03),
        Preset("disorganized", "frightening or frightened caregiving alongside ordinary care",
               0.35, 0.30, 0.35, 0.85),
    )
}
#: Accepted aliases (the field's spellings), mapped to the contract ids.
PRESET_ALIASES = {"disorganised": "disorganized", "ambivalent": "resistant", "b": "secure",
                  "a": "avoidant", "c": "resistant", "d": "disorganized"}


def resolve_preset(name: str) -> str:
    """The contract id for a preset name or alias; ``KeyError`` listing the valid names if unknown."""
    key = name.strip().lower()
    key = PRESET_ALIASES.get(key, key)
    if key not in PRESETS:
        raise KeyError(f"unknown infant preset {name!r}; valid: {', '.join(PRESETS)}")
    return key


def sample_infants(preset: str, n: int, age_months: float, rng: np.random.Generator,
                   overrides: dict[str, float] | None = None, vary: bool = True) -> InfantParams:
    """Draw ``n`` infants of a preset: temperament from :data:`TEMPERAMENT`, the working model around
    the preset's values. Every infant is a different baby, a single one too (the app's infant differs
    per seed). A key in ``overrides`` (``infant.*``) fixes that parameter for every infant.

    Returns:
        :class:`InfantParams` with arrays of shape (n,).
    """
    p = PRESETS[resolve_preset(preset)]
    overrides = overrides or {}

    def draw(mean: float, sd: float) -> np.ndarray:
        if not vary:
            return np.full(n, mean)
        return np.clip(rng.normal(mean, sd, n), 0.0, 1.0)

    values = {
        "age_months": np.full(n, float(age_months)),
        "expectation": draw(p.expectation, WORKING_MODEL_SD),
        "deactivation": draw(p.deactivation, WORKING_MODEL_SD),
        "hyperactivation": draw(p.hyperactivation, WORKING_MODEL_SD),
        "fear_of_caregiver": draw(p.fear_of_caregiver, WORKING_MODEL_SD),
        **sample_temperament(n, rng, vary=vary),
    }
    for key, value in overrides.items():
        if key.startswith("infant."):
            values[key.split(".", 1)[1]] = np.full(n, float(value))
    return InfantParams(**{k: np.asarray(v, dtype=np.float32) for k, v in values.items()})
