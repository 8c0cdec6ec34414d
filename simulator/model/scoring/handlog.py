"""Hand-built behaviour logs: paint behaviour, contact and proximity onto a timeline, then score it.

Used by the threshold tests and the SS4 row of the validation report. A log is built for one or more
infants over a procedure's episodes; each infant starts with a default behaviour everywhere, the
caregiver's presence bit follows the episode structure, and :meth:`HandLog.paint` sets behaviour and
flags over a time interval of one episode (seconds from the episode's start).
"""

from __future__ import annotations

import numpy as np

from ..behaviour import Behaviour
from ..session import BehaviourLog
from . import features as F
from .structure import CAREGIVER, EpisodeStructure


class HandLog:
    """A behaviour log under construction.

    Args:
        structure: the episodes (default: the Strange Situation).
        durations_s: each episode's length in seconds (default 180 s each, 30 s for the first of eight).
        n: number of infants.
        default: the behaviour everywhere not painted (default: exploring, calm, away from the partner).
        dt: step length (s).
    """

    def __init__(self, structure: EpisodeStructure | None = None, durations_s=None, n: int = 1,
                 default: int = Behaviour.EXPLORE, dt: float = 0.25) -> None:
        self.structure = structure or EpisodeStructure.strange_situation()
        E = self.structure.E
        if durations_s is None:
            durations_s = [30.0 if (E == 8 and e == 0) else 180.0 for e in range(E)]
        self.dt = dt
        steps = np.array([int(round(d / dt)) for d in durations_s], dtype=np.int64)
        self.start = np.concatenate([[0], np.cumsum(steps)[:-1]])
        self.end = self.start + steps
        T = int(steps.sum())
        self.codes = np.full((T, n), int(default), dtype=np.uint8)
        for e in range(E):
            if self.structure.partner[e] == CAREGIVER:
                self.codes[self.start[e]:self.end[e]] |= F.CAREGIVER_BIT

    def _steps(self, e: int, t0: float, t1: float) -> slice:
        a = self.start[e] + int(round(t0 / self.dt))
        b = self.start[e] + int(round(t1 / self.dt))
        return slice(max(a, self.start[e]), min(b, self.end[e]))

    def paint(self, e: int, t0: float, t1: float, behaviour: int | None = None, contact: bool | None = None,
              near: bool | None = None, infant: int | slice = slice(None)) -> "HandLog":
        """Set behaviour and/or the contact and near flags over [t0, t1) seconds of episode ``e``
        (0-based) for ``infant``; returns self so calls can be chained."""
        sl = self._steps(e, t0, t1)
        c = self.codes[sl, infant]
        if behaviour is not None:
            c = (c & ~np.uint8(F.BEHAVIOUR_MASK)) | np.uint8(behaviour)
        if contact is not None:
            c = (c | np.uint8(F.CONTACT_BIT)) if contact else (c & ~np.uint8(F.CONTACT_BIT))
        if near is not None:
            c = (c | np.uint8(F.NEAR_BIT)) if near else (c & ~np.uint8(F.NEAR_BIT))
        self.codes[sl, infant] = c
        return self

    def approach_and_hold(self, e: int, t_approach: float, hold_s: float, approach_s: float = 2.0,
                          infant: int | slice = slice(None), then: int = Behaviour.EXPLORE) -> "HandLog":
        """A full approach starting at ``t_approach`` (s) that arrives after ``approach_s``, then contact
        (clinging) held for ``hold_s`` seconds without turning away, then the infant moves off."""
        t_arrive = t_approach + approach_s
        self.paint(e, t_approach, t_arrive, Behaviour.APPROACH, contact=False, near=False, infant=infant)
        self.paint(e, t_arrive, t_arrive + 0.5, Behaviour.APPROACH, contact=False, near=True, infant=infant)
        self.paint(e, t_arrive + 0.5, t_arrive + 0.5 + hold_s, Behaviour.CLING, contact=True, near=True,
                   infant=infant)
        self.paint(e, t_arrive + 0.5 + hold_s, t_arrive + 0.5 + hold_s + 0.25, then, contact=False, near=True,
                   infant=infant)
        return self

    def log(self) -> BehaviourLog:
        """The finished :class:`~simulator.model.session.BehaviourLog`."""
        n = self.codes.shape[1]
        start = np.broadcast_to(self.start, (n, len(self.start))).copy()
        end = np.broadcast_to(self.end, (n, len(self.end))).copy()
        return BehaviourLog(self.codes, np.zeros_like(self.codes, dtype=np.int8), start, end,
                            self.structure.stranger.copy(), self.dt)
