"""The episode structure scoring may use: who is present in each episode, and each episode's role.

Scoring reads the behaviour log and this structure only (science.md SS6): never the preset, the
infant's parameters or the latent state. Everything here is derived from each episode's ``present``
list in the scenario file.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Partner codes: who the infant's scales are scored toward in an episode.
NO_PARTNER, CAREGIVER, STRANGER = 0, 1, 2


@dataclass(frozen=True)
class EpisodeStructure:
    """Roles of the E episodes of a procedure (arrays of shape (E,)).

    Attributes:
        ids: episode ids (``episode_name``).
        caregiver: the caregiver is in the room.
        stranger: the stranger is in the room.
        partner: :data:`CAREGIVER` where the caregiver is present, else :data:`STRANGER` where the
            stranger is, else :data:`NO_PARTNER` (the contract: scales toward the caregiver in episodes
            with the caregiver, toward the stranger in 4 and 7).
        separation: the caregiver is absent (search is scored here: episodes 4, 6, 7).
        reunion: the caregiver is present after an episode without the caregiver (episodes 5 and 8).
        entered: the partner has just come in: present now, absent in the episode before (episodes 5, 7
            and 8 of the Strange Situation; the 30-second rule of SS4 applies here).
    """

    ids: tuple[str, ...]
    caregiver: np.ndarray
    stranger: np.ndarray
    partner: np.ndarray
    separation: np.ndarray
    reunion: np.ndarray
    entered: np.ndarray

    @property
    def E(self) -> int:
        """Number of episodes."""
        return len(self.ids)

    @property
    def has_reunions(self) -> bool:
        """True when the procedure separates and reunites (the Strange Situation): classification applies."""
        return bool(self.reunion.any())

    @classmethod
    def from_presence(cls, ids, caregiver, stranger) -> "EpisodeStructure":
        """Build from per-episode presence flags (sequences of bool, length E)."""
        cg = np.asarray(caregiver, dtype=bool)
        st = np.asarray(stranger, dtype=bool)
        partner = np.where(cg, CAREGIVER, np.where(st, STRANGER, NO_PARTNER)).astype(np.int8)
        prev_cg = np.concatenate([[True], cg[:-1]])
        prev_st = np.concatenate([[True], st[:-1]])
        reunion = cg & ~prev_cg
        entered = np.where(partner == CAREGIVER, cg & ~prev_cg,
                           np.where(partner == STRANGER, st & ~prev_st, False))
        return cls(tuple(ids), cg, st, partner, ~cg, reunion, entered.astype(bool))

    @classmethod
    def from_scenario(cls, scenario) -> "EpisodeStructure":
        """From a :class:`~simulator.model.scenario.Scenario` (reads only ids and ``present``)."""
        eps = scenario.episodes
        return cls.from_presence([e.id for e in eps], ["caregiver" in e.present for e in eps],
                                 ["stranger" in e.present for e in eps])

    @classmethod
    def strange_situation(cls) -> "EpisodeStructure":
        """The eight episodes of Ainsworth et al. (1978), for hand-built logs in tests."""
        ids = ("introduction", "caregiver_infant", "stranger_joins", "separation_1", "reunion_1", "alone",
               "stranger_returns", "reunion_2")
        return cls.from_presence(ids, [1, 1, 1, 0, 1, 0, 0, 1], [0, 0, 1, 1, 0, 0, 1, 0])
