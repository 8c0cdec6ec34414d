"""Planned ruptures and their repairs: still-face, phone and separations found in a session's behaviour log.

A *planned* rupture is a stretch in which the caregiver is unavailable by design or by choice: holding
a still face, absorbed in a phone, or out of the room (Tronick et al. 1978; Myruski et al. 2018;
Ainsworth et al. 1978). Its *repair* is the first matched moment once the caregiver is available
again; its latency is the time from the caregiver's return to that match (science.md SF8: the
longer it takes, the larger the stress response). The contract's moment-to-moment ruptures and
repairs (match -> mismatch -> match, counted inside an episode) are left untouched; these are the
scripted breaks around them, which the contract's per-episode counters cannot see because each
episode starts afresh. A still face that a scripted caregiver falls into on its own (the withdrawn,
absent moments of a caregiver with low mood or a frightened one: policies.py) is not planned, and is
left out when the scenario is known.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..model.actions import Action
from ..model.behaviour import Behaviour

#: A stretch of unavailability shorter than this is an ordinary mismatch, not a planned rupture (s).
MIN_PLANNED_RUPTURE_S = 2.0
#: Kinds of planned rupture, in the words used on screen and in the debrief.
KINDS = ("still_face", "phone", "separation")
#: Behaviours that show the infant engaged with the caregiver again: looks, smiles, bids.
_ENGAGED = np.array([Behaviour.LOOK, Behaviour.SMILE, Behaviour.BID])
#: Who plays an episode when a still face in it is planned: the still-face policy, or the learner (whose part a
#: chosen policy plays headless). Any other scripted caregiver holds a still face only in a moment of its own.
_STILL_FACE_BY_DESIGN = ("still_face", "learner")
#: The policy that plays Cohn and Tronick's (1983) simulated depression: a flat face and voice.
FLAT_POLICY = "depressed"


def is_flat_design(scenario) -> bool:
    """True for a still-face design whose middle episode is flat play (simulated depression, Cohn & Tronick
    1983): the caregiver stays and answers, flatly, so it is neither a still-face nor followed by a reunion."""
    eps = getattr(scenario, "episodes", None) or []
    return getattr(scenario, "procedure", None) == "still_face" and len(eps) >= 3 and eps[1].caregiver == FLAT_POLICY


@dataclass(frozen=True)
class PlannedRupture:
    """One planned rupture of infant 0 and its repair.

    Attributes:
        kind: ``still_face``, ``phone`` or ``separation``.
        episode: 0-based index of the episode in which the rupture began.
        start_s, end_s: model seconds since the session began: the rupture's first step, and the first
            step at which the caregiver is available again (None while it lasts).
        repair_s: model seconds of the first matched step after ``end_s`` (None if none yet).
        repair_episode: 0-based episode index of that repair (None if none).
        reengage_s: model seconds of the infant's first look, smile or bid at the caregiver after
            ``end_s`` (None if none yet): when the infant, too, is back in the conversation.
    """

    kind: str
    episode: int
    start_s: float
    end_s: float | None
    repair_s: float | None
    repair_episode: int | None
    reengage_s: float | None = None

    @property
    def latency_s(self) -> float | None:
        """Seconds from the caregiver's return to the first match (None before a repair)."""
        if self.repair_s is None or self.end_s is None:
            return None
        return self.repair_s - self.end_s

    @property
    def reengage_latency_s(self) -> float | None:
        """Seconds from the caregiver's return to the infant's first look, smile or bid (None before)."""
        if self.reengage_s is None or self.end_s is None:
            return None
        return self.reengage_s - self.end_s

    @property
    def repaired(self) -> bool:
        """True once the repair has happened."""
        return self.repair_s is not None


def planned_ruptures(log, infant: int = 0, scenario=None) -> list[PlannedRupture]:
    """The planned ruptures of one infant in a (possibly unfinished) behaviour log.

    Args:
        log: a :class:`~simulator.model.session.BehaviourLog` (``codes``/``actions`` (T, N), episode
            starts (N, E), ``dt`` in s).
        infant: which infant of the batch.
        scenario: the session's scenario, if known: a still face that begins in an episode another scripted
            caregiver plays (a low-mood caregiver's withdrawn moment) is then not counted as planned.
    """
    present = np.asarray(log.caregiver_present[:, infant])
    actions = np.asarray(log.actions[:, infant])
    matched = np.asarray(log.matched[:, infant])
    engaged = np.isin(np.asarray(log.behaviour[:, infant]), _ENGAGED)
    T = present.shape[0]
    if T == 0:
        return []
    still = present & (actions == Action.STILL_FACE)
    phone = present & (actions == Action.PHONE)
    away = ~present
    unavailable = still | phone | away
    starts_ep = np.asarray(log.episode_start[infant])
    dt = float(log.dt)
    min_steps = int(round(MIN_PLANNED_RUPTURE_S / dt))
    # Runs of unavailability that follow a moment of availability (the session's opening absence, as in
    # an episode with only the stranger, is not a rupture of anything).
    edges = np.flatnonzero(np.diff(np.concatenate(([0], unavailable.view(np.int8), [0]))))
    runs = list(zip(edges[::2], edges[1::2]))
    out: list[PlannedRupture] = []
    for a, b in runs:
        if a == 0 or b - a < min_steps:
            continue
        first = int(a)
        kind = "still_face" if still[first] else "phone" if phone[first] else "separation"
        ended = b < T
        repair = back = None
        if ended:
            hits = np.flatnonzero(matched[b:] & ~unavailable[b:])
            nxt = [r for r in runs if r[0] >= b]
            limit = nxt[0][0] - b if nxt else T - b  # a repair must come before the next rupture
            if hits.size and hits[0] < limit:
                repair = int(b + hits[0])
            looks = np.flatnonzero(engaged[b:] & ~unavailable[b:])
            if looks.size and looks[0] < limit:
                back = int(b + looks[0])
        ep = _episode_at(starts_ep, first)
        if kind == "still_face" and scenario is not None and ep < len(scenario.episodes) \
                and scenario.episodes[ep].caregiver not in _STILL_FACE_BY_DESIGN:
            continue
        rep_ep = None if repair is None else _episode_at(starts_ep, repair)
        out.append(PlannedRupture(kind, ep, first * dt, b * dt if ended else None,
                                  None if repair is None else repair * dt, rep_ep,
                                  None if back is None else back * dt))
    return out


def _episode_at(starts: np.ndarray, step: int) -> int:
    """The 0-based episode a step falls in (episodes not yet started have start 0 and are skipped)."""
    ep = 0
    for e in range(1, len(starts)):
        if 0 < starts[e] <= step:
            ep = e
    return ep


def planned_in_episode(planned: list[PlannedRupture], e: int) -> tuple[int, int, PlannedRupture | None]:
    """Planned ruptures that began in episode ``e``, planned repairs that came in it, and the one to name
    (the rupture under way or begun there, else the one repaired there; None if neither)."""
    rup = rep = 0
    shown = None
    for r in planned:
        if r.episode == e:
            rup += 1
            shown = r
        if r.repair_episode == e:
            rep += 1
            shown = shown or r
    return rup, rep, shown
