"""Scripted caregivers and the stranger: who chooses actions when the learner does not.

All policies are vectorised over N infants and share one :class:`Caregivers` state (current action,
time to the next decision, and a short memory of the infant's behaviour for the response lag). The
``sensitive`` policy responds to what it saw ``response_lag_s`` ago, misreads some signals and keeps
each action for a while; its matched share (about 30% in play, MR1) *emerges* from that lag and noise,
it is not a target anywhere (Tronick & Cohn 1989; Tronick 1989).
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np

from . import constants as C
from .actions import N_ACTIONS, Action
from .behaviour import N_BEHAVIOURS, SIGNALS, Behaviour, InfantState


class Policy(IntEnum):
    """In-session caregiver policies (contract ids are the lower-case names)."""

    SENSITIVE = 0  # responds to the infant's state with human lag and noise
    STILL_FACE = 1  # holds a still face throughout
    PHONE = 2  # present but absorbed in a phone
    INTRUSIVE = 3  # over-stimulates regardless of the infant's state
    INCONSISTENT = 4  # sometimes sensitive, often ignoring or intrusive, unpredictably
    REJECTING = 5  # welcomes play, rebuffs comfort-seeking
    SSP_PROTOCOL = 6  # the Strange Situation's caregiver: non-initiating, greets and comforts at reunion
    ABSENT = 7  # not in the room (internal)
    LEARNER = 8  # the person at the keyboard (internal)


POLICY_IDS: tuple[str, ...] = tuple(p.name.lower() for p in Policy if p < Policy.ABSENT)
POLICY_HELP: dict[str, str] = {
    "sensitive": "responds to the infant's state with human lag and noise; about 30% matched emerges",
    "still_face": "holds a neutral, unresponsive face while looking at the infant",
    "phone": "present but absorbed in a phone",
    "intrusive": "over-stimulates regardless of the infant's state",
    "inconsistent": "sometimes warm and prompt, often ignoring or intrusive, unpredictably",
    "rejecting": "welcomes play but rebuffs comfort-seeking",
    "ssp_protocol": "the Strange Situation's caregiver: non-initiating, greets and comforts at reunions",
}

#: Mean time (s) a fully sensitive caregiver takes to notice that the infant's state has changed, on
#: top of the response lag. Human; calibrated to MR1 (about 30% matched in play, Tronick & Cohn 1989).
NOTICE_S = 2.0
#: Longest response lag the memory holds (s).
MAX_LAG_S = 10.0
_H = int(MAX_LAG_S / C.DT_S) + 1
#: How long the caregiver greets on returning (s), and how early before an episode's end they leave (s).
GREETING_S = 3.0
LEAVING_S = 3.0
#: Inconsistent caregiving: share of decisions that are sensitive, and its slower lag (Ainsworth 1978;
#: Cassidy & Berlin 1994 tie resistance to inconsistent availability).
INCONSISTENT_SENSITIVE_SHARE = 0.45
INCONSISTENT_LAG_FACTOR = 2.5
#: Rejecting caregiving: share of distress signals rebuffed (Ainsworth 1978; Main 1990).
REJECT_SHARE = 0.85


def _table(rows: dict[int, dict[Action, float]], default: dict[Action, float]) -> np.ndarray:
    """Cumulative response distributions, shape (N_BEHAVIOURS, N_ACTIONS), one row per seen behaviour."""
    out = np.zeros((N_BEHAVIOURS, N_ACTIONS))
    for b in range(N_BEHAVIOURS):
        spec = rows.get(b)
        if spec is None:
            spec = rows.get(("state", int(SIGNALS[b])), default)  # type: ignore[call-overload]
        for action, weight in spec.items():
            out[b, action] = weight
        out[b] /= out[b].sum()
    return np.cumsum(out, axis=1)


B = Behaviour
# What a sensitive caregiver does on seeing each behaviour. Sensitive is not perfect: people keep
# talking to an infant who has looked away, or start a game with one who is only attending. Those
# ordinary choices, with the lag and misreading below, are where the mismatches of good-enough
# interaction come from (Tronick 1989; Tronick & Gold 2020).
_ATTENDING = {Action.COO: 0.35, Action.SMILE: 0.25, Action.MIRROR: 0.2, Action.PLAY: 0.2}
_POSITIVE = {Action.PLAY: 0.35, Action.SMILE: 0.3, Action.MIRROR: 0.25, Action.COO: 0.1}
_BID = {Action.SMILE: 0.4, Action.MIRROR: 0.3, Action.COO: 0.2, Action.PLAY: 0.1}
_DISTRESSED = {Action.SOOTHE: 0.35, Action.HOLD: 0.2, Action.COO: 0.15, Action.VALIDATE: 0.15,
               Action.TOUCH: 0.15}
_SEEKING = {Action.HOLD: 0.7, Action.TOUCH: 0.2, Action.COO: 0.1}
_AVERTED = {Action.WAIT: 0.5, Action.COO: 0.3, Action.SMILE: 0.2}
_EXPLORING = {Action.WAIT: 0.5, Action.OFFER_TOY: 0.3, Action.SMILE: 0.2}
_BY_STATE = {("state", InfantState.POSITIVE): _POSITIVE, ("state", InfantState.ATTENDING): _ATTENDING,
             ("state", InfantState.SEEKING): _SEEKING, ("state", InfantState.DISTRESSED): _DISTRESSED,
             ("state", InfantState.AVERTED): _AVERTED, ("state", InfantState.EXPLORING): _EXPLORING}
#: Sensitive responses to each perceived behaviour, cumulative, shape (N_BEHAVIOURS, N_ACTIONS).
SENSITIVE = _table({**_BY_STATE, B.BID: _BID, B.CLING: {Action.HOLD: 0.8, Action.SOOTHE: 0.2}}, _ATTENDING)
#: The Strange Situation's non-initiating caregiver (episodes 1-3): answers bids and distress, else waits.
NON_INITIATING = _table({B.LOOK: {Action.WAIT: 0.6, Action.SMILE: 0.4},
                         B.SMILE: {Action.SMILE: 0.7, Action.WAIT: 0.3},
                         B.BID: {Action.SMILE: 0.5, Action.COO: 0.5},
                         ("state", InfantState.SEEKING): _SEEKING,
                         B.CLING: {Action.HOLD: 1.0},
                         ("state", InfantState.DISTRESSED): _DISTRESSED},
                        {Action.WAIT: 1.0})
_REBUFF = {Action.IGNORE: 0.5, Action.WAIT: 0.35, Action.HARSH: 0.15}
#: Rejecting: play is welcomed, comfort-seeking is rebuffed or redirected to toys (Ainsworth 1978).
REJECTING = _table({("state", InfantState.DISTRESSED): _REBUFF,
                    ("state", InfantState.SEEKING): {Action.OFFER_TOY: 0.5, Action.IGNORE: 0.5},
                    ("state", InfantState.POSITIVE): {Action.SMILE: 0.3, Action.PLAY: 0.5, Action.OFFER_TOY: 0.2},
                    ("state", InfantState.ATTENDING): {Action.SMILE: 0.3, Action.PLAY: 0.4,
                                                       Action.OFFER_TOY: 0.3},
                    ("state", InfantState.AVERTED): {Action.WAIT: 0.6, Action.OFFER_TOY: 0.4},
                    ("state", InfantState.EXPLORING): {Action.WAIT: 0.6, Action.OFFER_TOY: 0.4}},
                   {Action.WAIT: 1.0})
_UNAVAILABLE = np.cumsum(np.bincount([Action.IGNORE, Action.PHONE, Action.INTRUDE],
                                     weights=[0.4, 0.3, 0.3], minlength=N_ACTIONS))
_INTRUSIVE = np.cumsum(np.bincount([Action.INTRUDE, Action.PLAY, Action.TOUCH, Action.COO],
                                   weights=[0.45, 0.35, 0.1, 0.1], minlength=N_ACTIONS))


def _pick(cum: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Choose actions from cumulative distributions ``cum`` (k, N_ACTIONS) with uniforms ``u`` (k,)."""
    return np.minimum((cum < u[:, None]).sum(axis=1), N_ACTIONS - 1).astype(np.int8)


class Caregivers:
    """The caregiver side of N dyads: current action, decision timing and memory of the infant.

    Args:
        n: batch size.
        sensitivity, response_lag_s, bout_s: the ``caregiver.*`` parameters (see ``params.py``).
    """

    def __init__(self, n: int, sensitivity: float, response_lag_s: float, bout_s: float) -> None:
        self.n = n
        self.sensitivity = float(sensitivity)
        self.bout_s = float(bout_s)
        self.lag_steps = int(round(min(response_lag_s, MAX_LAG_S) / C.DT_S))
        self.action = np.full(n, Action.WAIT, dtype=np.int8)
        self.countdown = np.zeros(n)
        self.seen = np.full(n, -1, dtype=np.int8)  # behaviour last responded to
        self._hist = np.zeros((_H, n), dtype=np.int8)
        self._ptr = 0

    def observe(self, behaviour: np.ndarray) -> None:
        """Remember this step's behaviour (shape (N,)) for lagged perception."""
        self._ptr = (self._ptr + 1) % _H
        self._hist[self._ptr] = behaviour

    def perceived(self, lag_steps: int) -> np.ndarray:
        """The behaviour the caregiver sees now, ``lag_steps`` steps late, shape (N,)."""
        return self._hist[(self._ptr - lag_steps) % _H]

    def reset_timing(self, mask: np.ndarray) -> None:
        """Make the caregivers of ``mask`` decide afresh at the next step (e.g. at an episode start)."""
        self.countdown[mask] = 0.0
        self.seen[mask] = -1

    def decide(self, policy: np.ndarray, style: Policy, t_episode: np.ndarray,
               remaining_s: np.ndarray, reunion: np.ndarray, leaves: np.ndarray,
               goodbye: np.ndarray, u: np.ndarray, scripted: np.ndarray | None = None) -> np.ndarray:
        """Choose this step's action for every infant whose caregiver follows a policy.

        Args:
            policy: :class:`Policy` code per infant (N,); ``ABSENT`` and ``LEARNER`` are left alone.
            style: the policy ``ssp_protocol`` uses for its reunions (``--caregiver``).
            t_episode: time into the current episode (s), (N,).
            remaining_s: planned time left in the episode (s), (N,).
            reunion, leaves, goodbye: per-infant flags of the current episode's role (N,).
            u: uniforms, shape (3, N).
            scripted: optional precomputed mask of infants whose policy chooses actions (N,).

        Returns:
            The action codes (N,) (also kept in ``self.action``).
        """
        dt = C.DT_S
        act = self.action
        act[policy == Policy.STILL_FACE] = Action.STILL_FACE
        act[policy == Policy.PHONE] = Action.PHONE
        if scripted is None:
            scripted = (policy <= Policy.SSP_PROTOCOL) & (policy != Policy.STILL_FACE) & (policy != Policy.PHONE)
        if not scripted.any():
            return act
        seen_now = self.perceived(self.lag_steps)
        # A visible change in the infant prompts a new decision (prompt repair); otherwise actions last
        # about ``bout_s`` (Tronick 1989: repair is quick and frequent in good-enough interaction).
        self.countdown -= dt
        noticed = (seen_now != self.seen) & (u[2] < self.sensitivity * dt / NOTICE_S)
        due = scripted & ((self.countdown <= 0.0) | noticed)
        ssp = policy == Policy.SSP_PROTOCOL
        effective = np.where(ssp & reunion, style, policy)
        # SSP protocol: greet on return; leave at the end of an episode followed by a separation.
        greeting = ssp & reunion & (t_episode < GREETING_S)
        leaving = ssp & leaves & (remaining_s <= LEAVING_S)
        if due.any():
            idx = np.flatnonzero(due)
            eff = effective[idx]
            seen = seen_now[idx]
            reads = u[0, idx] < self.sensitivity
            choice = act[idx].copy()
            # Misread signals: the caregiver keeps to their own agenda (keeps the current action).
            sens = (eff == Policy.SENSITIVE) | (eff == Policy.SSP_PROTOCOL) | (eff == Policy.LEARNER)
            table = np.where((ssp[idx] & ~reunion[idx])[:, None], NON_INITIATING[seen], SENSITIVE[seen])
            mine = sens & reads
            choice[mine] = _pick(table[mine], u[1, idx[mine]])
            rej = eff == Policy.REJECTING
            choice[rej] = _pick(REJECTING[seen[rej]], u[1, idx[rej]])
            intr = eff == Policy.INTRUSIVE
            choice[intr] = _pick(np.broadcast_to(_INTRUSIVE, (int(intr.sum()), N_ACTIONS)),
                                 u[1, idx[intr]])
            inc = eff == Policy.INCONSISTENT
            if inc.any():
                late = self.perceived(min(int(self.lag_steps * INCONSISTENT_LAG_FACTOR), _H - 1))[idx[inc]]
                warm = u[0, idx[inc]] < INCONSISTENT_SENSITIVE_SHARE
                cum = np.where(warm[:, None], SENSITIVE[late], _UNAVAILABLE[None, :])
                choice[inc] = _pick(cum, u[1, idx[inc]])
            choice[eff == Policy.STILL_FACE] = Action.STILL_FACE
            choice[eff == Policy.PHONE] = Action.PHONE
            act[idx] = choice
            self.seen[idx] = seen
            # Next decision after an irregular bout (exponential; MR2: timing is stochastic).
            self.countdown[idx] = -self.bout_s * np.log(np.maximum(u[2, idx], 1e-9))
        act[greeting] = Action.RETURN_GREET
        act[leaving & goodbye] = Action.LEAVE_WITH_GOODBYE
        act[leaving & ~goodbye] = Action.LEAVE
        return act


def stranger_actions(stranger_present: np.ndarray, caregiver_present: np.ndarray,
                     t_episode: np.ndarray, duration_s: np.ndarray, behaviour: np.ndarray) -> np.ndarray:
    """The stranger's protocol (Ainsworth et al. 1978, episodes 3, 4 and 7), shape (N,) action codes.

    With the caregiver present the stranger is silent for the first third of the episode, talks with
    the caregiver in the second and approaches the infant with a toy in the last. With the caregiver
    away the stranger gears behaviour to the infant: soothes fussing, picks up a crying infant, else
    offers a toy.
    """
    third = t_episode / np.maximum(duration_s, 1e-9)
    with_cg = np.where(third < 2.0 / 3.0, Action.WAIT, Action.OFFER_TOY)
    state = SIGNALS[behaviour]
    geared = np.where(behaviour == Behaviour.CRY, Action.HOLD,
                      np.where(state == InfantState.DISTRESSED, Action.SOOTHE, Action.OFFER_TOY))
    out = np.where(caregiver_present, with_cg, geared)
    return np.where(stranger_present, out, Action.WAIT).astype(np.int8)


def policy_code(policy_id: str) -> Policy:
    """The :class:`Policy` for a contract id (``KeyError`` listing the valid ids if unknown)."""
    try:
        return Policy[policy_id.upper()]
    except KeyError:
        raise KeyError(f"unknown caregiver policy {policy_id!r}; valid: {', '.join(POLICY_IDS)}") from None
