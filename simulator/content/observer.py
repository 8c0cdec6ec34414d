"""Observer mode, the scoring side: agreement between a learner's ratings and Attune's, and unlabelled infants.

Observer mode trains the skill of *coding* a Strange Situation. The learner watches an unlabelled
infant (a random caregiving history drawn from a seed), rates Ainsworth's interactive scales for the
two reunions (episodes 5 and 8) and chooses a classification. Attune then shows its own scores; after
a block of infants (10 by default) it reports how well the two agree. Pure numpy and stdlib (the
infant draw uses :mod:`simulator.model`, which is pure numpy too); never imports pygame.

Ratings
-------
A *rating* of one infant is a plain dict, the same shape for the learner and for Attune::

    {"reunion_1": {"proximity_seeking": 6, "contact_maintaining": 5, "resistance": 1, "avoidance": 2},
     "reunion_2": {"proximity_seeking": 7, "contact_maintaining": 6, "resistance": 2, "avoidance": 1},
     "classification": "B"}

Scale values are integers 1-7 (``None`` or NaN = not rated; such pairs are left out of the scale
statistics). ``classification`` is one of A, B, C, D (aliases like ``"secure"`` are accepted; ``None``
= not chosen, left out of the classification statistics). ``reference_from_scores`` builds Attune's
rating from the scoring module's ``Scores`` object.

API
---
The statistics (agreement on 1-7 ratings, Cohen's kappa with its 95% CI, the confusion matrix, and their
edge cases) are :mod:`simulator.model.scoring.agreement`; this module applies them to a block.

- ``block_agreement(learner, reference) -> BlockAgreement``: for a block of infants, agreement per scale
  pooled over both reunions, per reunion and scale, percentage agreement on classification and kappa.
  ``BlockAgreement.summary_lines()`` gives display text.
- ``draw_infant(seed) -> dict``: a random unlabelled infant for observer mode (a prototype history or
  a population, chosen by the seed; the answer only under the ``hidden`` key); ``public_view(draw)``
  drops ``hidden``; ``make_session(draw)`` builds the :class:`~simulator.model.session.Session`
  (N = 1) that plays it; ``draw_block(seed)`` draws the 10 infants of a block.

These are statements about agreement between two coders of *simulated* infants. The tool never
assesses a real child, and a classification describes a relationship, not a child.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np

from ..model.scoring.agreement import (KappaResult, ScaleAgreement, cohens_kappa, normalise_class, scale_agreement,
                                       scale_value)
from ..model.scoring.agreement import CLASSES  # noqa: F401  (the categories a learner picks among, OB.CLASSES)

#: Ainsworth's interactive scales rated in observer mode (Ainsworth et al. 1978, Appendix III).
SCALES: tuple[str, ...] = ("proximity_seeking", "contact_maintaining", "resistance", "avoidance")
#: The rated episodes: the two reunions of the Strange Situation (episodes 5 and 8).
EPISODES: tuple[str, ...] = ("reunion_1", "reunion_2")
#: Infants in a block.
BLOCK_SIZE = 10
#: Block sizes on offer: 5 for a short seminar practice, 10 for a steadier kappa.
BLOCK_SIZES = (5, 10)


# --- a block of infants ------------------------------------------------------------------------------------
@dataclass
class BlockAgreement:
    """Agreement over a block of rated infants.

    Attributes:
        n_infants: infants in the block.
        scales: per scale, pooled over both reunions.
        by_episode: per (episode id, scale).
        overall: all scales and both reunions pooled.
        classification_agreement: share of infants with the same classification (nan if none).
        kappa: Cohen's kappa on the classification.
        per_infant: for each infant, ``{"classification_match": bool | None, "scale_diffs": {...}}``.
    """

    n_infants: int
    scales: dict[str, ScaleAgreement]
    by_episode: dict[tuple[str, str], ScaleAgreement]
    overall: ScaleAgreement
    classification_agreement: float
    kappa: KappaResult
    per_infant: list[dict] = field(default_factory=list)

    def summary_lines(self) -> list[str]:
        """Plain-text lines for the debrief of a block."""
        out = [f"Infants rated: {self.n_infants}"]
        for name, s in self.scales.items():
            label = name.replace("_", " ")
            if s.n == 0:
                out.append(f"{label}: not rated")
            else:
                out.append(f"{label}: exact {s.exact:.0%}, within one point {s.within_one:.0%} "
                           f"({s.n} ratings, mean difference {s.mean_abs_diff:.1f})")
        if math.isnan(self.classification_agreement):
            out.append("Classification: no infant classified by both")
        else:
            out.append(f"Classification: same pattern for {self.classification_agreement:.0%} of infants")
        k = self.kappa
        if math.isnan(k.kappa):
            out.append(f"Cohen's kappa: undefined ({k.message})")
        else:
            out.append(f"Cohen's kappa: {k.kappa:.2f}, 95% CI {k.ci95[0]:.2f} to {k.ci95[1]:.2f} (observed "
                       f"{k.observed:.0%}, chance {k.expected:.0%})" + (f"; {k.message}" if k.message else ""))
        return out


def _scale_of(rating: dict, episode: str, scale: str, where: str) -> float:
    ep = rating.get(episode) or {}
    if not isinstance(ep, dict):
        raise ValueError(f"{where}: {episode} must be a mapping of scale -> rating")
    return scale_value(ep.get(scale), f"{where}: {episode}.{scale}")


def block_agreement(learner: Sequence[dict], reference: Sequence[dict],
                    scales: Sequence[str] = SCALES, episodes: Sequence[str] = EPISODES) -> BlockAgreement:
    """Compare the learner's ratings of a block of infants with Attune's (same order, same length)."""
    if len(learner) != len(reference):
        raise ValueError(f"{len(learner)} learner ratings but {len(reference)} reference ratings")
    n = len(learner)
    la = {(e, s): [_scale_of(r, e, s, f"infant {i + 1} (learner)") for i, r in enumerate(learner)]
          for e in episodes for s in scales}
    ra = {(e, s): [_scale_of(r, e, s, f"infant {i + 1} (Attune)") for i, r in enumerate(reference)]
          for e in episodes for s in scales}
    by_episode = {k: scale_agreement(la[k], ra[k]) for k in la}
    pooled = {s: scale_agreement([x for e in episodes for x in la[(e, s)]],
                                 [x for e in episodes for x in ra[(e, s)]]) for s in scales}
    overall = scale_agreement([x for k in la for x in la[k]], [x for k in ra for x in ra[k]])
    lc = [normalise_class(r.get("classification"), f"infant {i + 1} (learner)") for i, r in enumerate(learner)]
    rc = [normalise_class(r.get("classification"), f"infant {i + 1} (Attune)") for i, r in enumerate(reference)]
    kappa = cohens_kappa(lc, rc, few_advice=f"rate a full block of {BLOCK_SIZE}")
    both = [(x, y) for x, y in zip(lc, rc) if x is not None and y is not None]
    agree = float(np.mean([x == y for x, y in both])) if both else math.nan
    per_infant = []
    for i in range(n):
        diffs = {}
        for (e, s) in la:
            x, y = la[(e, s)][i], ra[(e, s)][i]
            diffs[f"{e}.{s}"] = None if (math.isnan(x) or math.isnan(y)) else int(x - y)
        match = None if lc[i] is None or rc[i] is None else lc[i] == rc[i]
        per_infant.append({"classification_match": match, "scale_diffs": diffs})
    return BlockAgreement(n, pooled, by_episode, overall, agree, kappa, per_infant)


def reference_from_scores(scores: Any, episode_ids: Sequence[str], i: int = 0,
                          scales: Sequence[str] = SCALES, episodes: Sequence[str] = EPISODES) -> dict:
    """Attune's rating of infant ``i`` in the observer format, from a scoring ``Scores`` object.

    ``scores.scales[name]`` is an (N, E) array and ``scores.classification`` a list (see the scoring
    interface in docs/implementation-notes.md); ``episode_ids`` are the scenario's episode ids in order.
    """
    out: dict[str, Any] = {}
    for e in episodes:
        col = list(episode_ids).index(e)
        vals = {}
        for s in scales:
            v = float(np.asarray(scores.scales[s])[i, col])
            vals[s] = None if math.isnan(v) else int(round(v))
        out[e] = vals
    out["classification"] = normalise_class(scores.classification[i])
    return out


# --- drawing an unlabelled infant ----------------------------------------------------------------------------
#: Prototype histories observer mode draws from: (hidden label, infant preset, the caregiver style in
#: the session's reunions, weight). The infant and the caregiver share the history: a caregiver who
#: rebuffed comfort-seeking for a year does so in the reunion too (Ainsworth et al. 1978).
HISTORIES: tuple[tuple[str, str, str, float], ...] = (
    ("sensitive, consistent caregiving with repair", "secure", "sensitive", 0.15),
    ("comfort-seeking consistently rebuffed", "avoidant", "rejecting", 0.15),
    ("inconsistent, unpredictable responding", "resistant", "inconsistent", 0.15),
    ("frightening or frightened moments in daily care", "disorganized", "sensitive", 0.15),
)
#: Populations observer mode draws from (an infant developed from birth under a caregiving history
#: sampled from the population; see docs/population.md), with their weights.
POPULATION_DRAWS: tuple[tuple[str, float], ...] = (("low_risk", 0.14), ("high_risk", 0.13),
                                                   ("global_mixed", 0.13))
#: Age range (months) of observer-mode infants: the Strange Situation's valid range is about 9-20 months.
AGE_RANGE_MONTHS = (11.0, 15.0)
OBSERVER_SCENARIO = "strange_situation"


#: How the debrief names a history drawn from each population (plain words, short enough for a table row).
POPULATION_HISTORY_WORDS = {
    "low_risk": "a random history from low-risk circumstances",
    "high_risk": "a random history from hard circumstances",
    "global_mixed": "a random history from the global mix of circumstances",
}


def draw_source(seed: int, histories: Sequence[tuple[str, str, str, float]] = HISTORIES,
                populations: Sequence[tuple[str, float]] | None = None):
    """The cheap first part of :func:`draw_infant`: ``(kind, item, age, session_seed, rng)``.

    ``kind`` is "history" or "population", ``item`` the chosen entry; ``rng`` continues the seed's stream.
    """
    if populations is None:
        populations = POPULATION_DRAWS
    rng = np.random.default_rng([int(seed), 0x0B5E])
    choices = [("history", h) for h in histories] + [("population", p) for p in populations]
    w = np.array([c[1][-1] for c in choices], dtype=float)
    kind, item = choices[int(rng.choice(len(choices), p=w / w.sum()))]
    age = float(np.round(rng.uniform(*AGE_RANGE_MONTHS), 1))
    session_seed = int(rng.integers(0, 2**31 - 1))
    return kind, item, age, session_seed, rng


def draw_infant(seed: int, histories: Sequence[tuple[str, str, str, float]] = HISTORIES,
                populations: Sequence[tuple[str, float]] | None = None) -> dict:
    """A random unlabelled infant for observer mode, fully determined by ``seed``.

    The source is chosen at random by the seed: one of the prototype ``histories`` (an infant preset
    with temperament and working model varied around it, and the caregiver style that history implies)
    or one of the ``populations`` (an infant developed from birth under a caregiving history drawn from
    that population, with a sensitive-style caregiver in the reunions). ``populations`` defaults to
    :data:`POPULATION_DRAWS` when the population package is installed, else none.

    Returns a dict with the public keys ``scenario`` (the scenario id), ``seed``, ``session_seed``,
    ``age_months`` and ``params`` (an :class:`~simulator.model.infant.InfantParams` of one infant), and
    the key ``hidden`` holding what must not be shown until the debrief: ``source`` ("history" or
    "population"), ``history`` (plain words), ``preset`` (or None), ``population`` (or None) and
    ``caregiver_style`` (the policy of the session's reunions). Nothing outside ``hidden`` reveals the
    history: show only :func:`public_view` while the learner rates.
    """
    from simulator.model.params import sample_infants  # numpy-only; imported here to keep import light

    kind, item, age, session_seed, rng = draw_source(seed, histories, populations)
    if kind == "history":
        label, preset, style, _ = item
        # sample_infants keeps every infant at the preset's means when n == 1; draw two and keep the
        # first so that observer-mode infants vary in temperament and working model.
        params = sample_infants(preset, 2, age, rng).subset(np.array([0]))
        hidden = {"source": "history", "history": label, "preset": preset, "population": None,
                  "caregiver_style": style}
    else:
        from simulator.model.population import develop_population

        pop = item[0]
        params = develop_population(pop, 1, age, int(rng.integers(0, 2**31 - 1))).params
        hidden = {"source": "population", "history": POPULATION_HISTORY_WORDS.get(pop, f"a random {pop} history"),
                  "preset": None, "population": pop, "caregiver_style": "sensitive"}
    return {"scenario": OBSERVER_SCENARIO, "seed": int(seed), "session_seed": session_seed,
            "age_months": age, "params": params, "hidden": hidden}


def draw_block(seed: int, n: int = BLOCK_SIZE) -> list[dict]:
    """``n`` unlabelled infants for one observer block (infant ``j`` uses seed ``seed * 1000 + j``)."""
    return [draw_infant(int(seed) * 1000 + j) for j in range(n)]


def make_session(drawn: dict, learner: bool = False, record: bool = False):
    """The one-infant :class:`~simulator.model.session.Session` that plays a drawn infant.

    The ``preset`` column and session file say ``unlabelled``, so nothing the learner sees names the
    history.
    """
    from simulator.model.scenario import load_scenario
    from simulator.model.session import Session

    sc = load_scenario(drawn["scenario"])
    return Session(sc, n=1, caregiver=drawn["hidden"]["caregiver_style"], seed=drawn["session_seed"],
                   params=drawn["params"], preset_label="unlabelled", learner=learner, record=record)


def public_view(drawn: dict) -> dict:
    """The drawn infant without its ``hidden`` key (what the briefing may show)."""
    return {k: v for k, v in drawn.items() if k != "hidden"}
