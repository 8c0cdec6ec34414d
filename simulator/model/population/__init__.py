"""Caregiving profiles, development of the working model from caregiving histories, and populations (issue 5).

Pure numpy and the standard library (never pygame). See ``docs/population.md``.
"""

from .development import DevelopmentResult, develop, free_play
from .populations import (POPULATIONS, Population, develop_population, population_batch, population_blocks,
                          population_session, resolve_population, sample_caregiving)
from .profiles import PROFILE_PARAMETERS, PROFILES, Profile, ProfileParams, resolve_profile
from .prototypes import PROTOTYPE_HISTORIES, derive_presets

__all__ = ["PROFILES", "PROFILE_PARAMETERS", "Profile", "ProfileParams", "resolve_profile", "develop", "free_play",
           "DevelopmentResult", "POPULATIONS", "Population", "develop_population", "population_session",
           "population_batch", "population_blocks", "resolve_population", "sample_caregiving", "PROTOTYPE_HISTORIES", "derive_presets"]
