"""What the Population lab computes: develop a population, run the Strange Situation, score, summarise as shares.

One call, :func:`run_lab`, does what the lab shows for one set of :class:`LabSettings`:

1. develop N infants under a caregiving history (a profile: every dyad the same history, or a population:
   histories drawn from documented distributions) with :func:`~.development.develop` /
   :func:`~.populations.develop_population`;
2. run them through the Strange Situation and score the behaviour they produced
   (:func:`simulator.model.batch.run_batch`, which scores with :mod:`simulator.model.scoring`);
3. run the same developed infants through the Still-Face (the same batch runner, unscored);
4. summarise: the four patterns as shares adding to 100%, best fit among A, B, C as its own breakdown, the
   still-face means per episode and the spread across infants (:func:`~.spread.lab_spread`).

Nothing here sets a classification: each comes from scoring what a developed infant did. The same
settings and seed give the same result. Pure numpy (never pygame); the view only draws a :class:`LabResult`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from .. import published as pub
from ..infant import InfantParams
from ..scenario import Scenario
from .checks import shares
from .development import DevelopmentResult, develop
from .populations import POPULATIONS, develop_population
from .profiles import PROFILES, ProfileParams

#: The four Strange Situation patterns, in the order the lab shows them.
CLASSES = ("A", "B", "C", "D")
#: The organised patterns a best fit is chosen among.
BEST_FIT_CLASSES = ("A", "B", "C")
#: The still-face measures the lab averages per episode (0-1 scales).
SF_MEASURES = ("positive_affect", "negative_affect", "gaze")
#: The stages of a run and their share of its progress bar (rough shares of the time each takes).
STAGES = (("develop", 0.25), ("ssp", 0.6), ("sf", 0.15))


@dataclass
class LabSettings:
    """What the learner chose: everything a run depends on (equal settings give equal results).

    Args:
        choice: a profile id (``PROFILES``) or a population id (``POPULATIONS``).
        n: number of infants.
        seed: random seed.
        months: months of development (None: the Strange Situation scenario's age, 12).
        prevalence: a population's share of caregivers with depressive symptoms, 0-1 (None: its own).
        ssp_overrides, sf_overrides: ``--set``-style episode overrides of the two procedures (tests shorten
            the episodes with them).
    """

    choice: str
    n: int
    seed: int = 0
    months: float | None = None
    prevalence: float | None = None
    ssp_overrides: dict = field(default_factory=dict)
    sf_overrides: dict = field(default_factory=dict)

    @property
    def kind(self) -> str:
        """``"population"`` or ``"profile"``."""
        return "population" if self.choice in POPULATIONS else "profile"


@dataclass
class LabResult:
    """One finished lab run. Arrays are per infant, shape (N,), unless noted.

    Attributes:
        settings: the settings it was run with.
        kind: ``"population"`` or ``"profile"``.
        months: months of development.
        age: mean age (months) of the infants in the procedures.
        classification: the scored Strange Situation pattern of each infant (``"A"``-``"D"``), str (N,).
        best_fit: each infant's best fit among A, B, C (every infant, D ones too), str (N,).
        reasons: per infant, the scoring's reasons in words (a list of N lists of str).
        params: the developed infant parameters (:class:`~simulator.model.infant.InfantParams`, arrays (N,)).
        profile: the caregiving each infant had (:class:`~.profiles.ProfileParams`, arrays (N,)).
        sf_episodes: the Still-Face episode ids, E of them.
        sf_means: measure -> (E,) mean over infants of each episode's mean (NaN-aware), for ``SF_MEASURES``.
        spread: the spread across infants (:func:`~.spread.lab_spread`).
        ssp: the Strange Situation scenario the infants went through (to watch one of them again).
    """

    settings: LabSettings
    kind: str
    months: float
    age: float
    classification: np.ndarray
    best_fit: np.ndarray
    reasons: list
    params: InfantParams
    profile: ProfileParams
    sf_episodes: list
    sf_means: dict
    spread: dict
    ssp: Scenario

    @property
    def n(self) -> int:
        """Number of infants."""
        return int(self.classification.shape[0])

    @property
    def choice(self) -> str:
        """The history run (profile or population id)."""
        return self.settings.choice

    @property
    def seed(self) -> int:
        """The run's seed."""
        return self.settings.seed

    def class_shares(self) -> dict[str, float]:
        """Percent of infants in each of A, B, C, D (each infant once: adds to 100%)."""
        return shares(list(self.classification), "".join(CLASSES))

    def best_fit_shares(self) -> dict[str, float]:
        """Percent of infants whose best fit among A, B, C is each (every infant once, D too: adds to 100%)."""
        return shares(list(self.best_fit), "".join(BEST_FIT_CLASSES))

    def order(self) -> list[int]:
        """Infant indices grouped by pattern (A, B, C, D), each group in index order."""
        rank = {c: k for k, c in enumerate(CLASSES)}
        return sorted(range(self.n), key=lambda i: (rank.get(str(self.classification[i]), len(rank)), i))


@dataclass(frozen=True)
class Published:
    """The published table a run is shown beside (percent).

    ``bars``: per pattern a share, or a (low, high) range; ``best_fit``: published A, B, C shares read as a
    best fit (a table that had no D), or empty; ``key``: which published sample this is (the view's
    footnote is keyed by it); ``source``: the citation.
    """

    key: str
    source: str
    bars: dict
    best_fit: dict


def published_for(choice: str) -> Published:
    """The published table to show beside a run of ``choice`` (read from ``model.published``): the population's
    own, or for a single history (a profile) the global mixed-risk sample, for comparison only."""
    if choice == "low_risk":
        return Published("low_risk", f"{pub.label('baltimore.n')}; D: {pub.label('low_risk.D')}",
                         {"D": pub.LOW_RISK_D}, dict(pub.BALTIMORE))
    if choice == "high_risk":
        return Published("high_risk", pub.label("low_risk.D"), {"D": pub.HIGH_RISK_D}, {})
    key = "global_mixed" if choice == "global_mixed" else "profile"
    return Published(key, pub.label("global_mixed.n"), dict(pub.GLOBAL_MIXED), {})


def develop_history(choice: str, n: int, months: float, seed: int, prevalence: float | None = None
                    ) -> DevelopmentResult:
    """Develop ``n`` infants for ``months`` under a profile or a population (deterministic for a seed).

    A profile uses one generator for the whole history of the N dyads, ``default_rng([seed, 5])``; a
    population draws in blocks (:func:`~.populations.develop_population`). ``prevalence`` (0-1) replaces a
    population's share of caregivers with depressive symptoms.
    """
    if choice in POPULATIONS:
        from .populations import PREVALENCE_KEY

        extra = {} if prevalence is None else {PREVALENCE_KEY: float(prevalence)}
        return develop_population(choice, n, months, seed, extra)
    if choice not in PROFILES:
        raise KeyError(f"{choice!r} is neither a profile ({', '.join(PROFILES)}) nor a population "
                       f"({', '.join(POPULATIONS)})")
    return develop(ProfileParams.from_profile(choice, n), months, rng=np.random.default_rng([int(seed), 5]))


def run_lab(settings: LabSettings, progress: Callable[[str, float], None] | None = None) -> LabResult:
    """Develop, run and score one lab population (see the module docstring).

    ``progress(stage, fraction)`` is called as the run goes (``stage`` one of :data:`STAGES`' names,
    ``fraction`` 0-1 within it); an exception it raises stops the run (the lab cancels that way).
    """
    from ..batch import run_batch
    from ..scenario import load_scenario
    from ..session import apply_episode_overrides

    report = progress or (lambda stage, fraction: None)
    ssp = apply_episode_overrides(load_scenario("strange_situation"), settings.ssp_overrides)
    sf = apply_episode_overrides(load_scenario("still_face"), settings.sf_overrides)
    months = float(settings.months if settings.months is not None else ssp.infant.age_months)
    n, seed = int(settings.n), int(settings.seed)
    prevalence = settings.prevalence if settings.kind == "population" else None
    report("develop", 0.0)
    dev = develop_history(settings.choice, n, months, seed, prevalence)
    report("develop", 1.0)
    res = run_batch(ssp, n, seed=seed, params=dev.params.subset(np.arange(n)), preset_label=settings.choice,
                    workers=1, progress=lambda f: report("ssp", f))
    sfr = run_batch(sf, n, seed=seed, params=dev.params.subset(np.arange(n)), preset_label=settings.choice,
                    workers=1, score=False, progress=lambda f: report("sf", f))
    m = sfr.measures
    with np.errstate(invalid="ignore"):
        sf_means = {k: np.nanmean(m[k], axis=0) for k in SF_MEASURES}
    from .spread import lab_spread

    scores = res.scores
    result = LabResult(settings=settings, kind=settings.kind, months=months, age=float(np.mean(dev.params.age_months)),
                       classification=np.asarray(scores.classification), best_fit=np.asarray(scores.best_fit),
                       reasons=[list(r) for r in scores.reasons], params=dev.params, profile=dev.profile,
                       sf_episodes=list(sfr.episode_ids), sf_means=sf_means,
                       spread=lab_spread(m, scores.best_fit, seed), ssp=ssp)
    report("sf", 1.0)
    return result


def stage_progress(stage: str, fraction: float) -> float:
    """The whole run's progress (0-1) at ``fraction`` (0-1) of ``stage``, by the shares in :data:`STAGES`."""
    base = 0.0
    for name, share in STAGES:
        if name == stage:
            return min(1.0, base + share * max(0.0, min(1.0, fraction)))
        base += share
    return 1.0


__all__ = ["CLASSES", "BEST_FIT_CLASSES", "SF_MEASURES", "STAGES", "LabSettings", "LabResult", "Published",
           "published_for", "develop_history", "run_lab", "stage_progress"]
