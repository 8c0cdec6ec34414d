"""Scripted caregivers and the stranger: who chooses actions when the learner does not.

All policies are vectorised over N infants and share one :class:`Caregivers` state (current action,
time to the next decision, and a short memory of the infant's behaviour for the response lag). The
``sensitive`` policy responds to what it saw ``response_lag_s`` ago, misreads some signals and keeps
each action for a while; its matched share (about 30% in play, MR1) *emerges* from that lag and noise,
it is not a target anywhere (Tronick & Cohn 1989; Tronick 1989).
"""

from __future__ import annotations

from collections import namedtuple
from enum import IntEnum

import numpy as np
from numba import njit

from . import constants as C
from .published import value
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
    DEPRESSED = 9  # responds as ``sensitive`` does, through the symptoms of depression (see below)


#: Policies the scenario files and ``--caregiver`` may name (ABSENT and LEARNER are internal).
POLICY_IDS: tuple[str, ...] = tuple(p.name.lower() for p in Policy if p not in (Policy.ABSENT, Policy.LEARNER))
POLICY_HELP: dict[str, str] = {
    "sensitive": f"responds to the infant's state with human lag and noise; about {value('play.matched'):g}% "
                 "matched emerges",
    "still_face": "holds a neutral, unresponsive face while looking at the infant",
    "phone": "present but absorbed in a phone",
    "intrusive": "over-stimulates regardless of the infant's state",
    "inconsistent": "sometimes warm and prompt, often ignoring or intrusive, unpredictably",
    "rejecting": "welcomes play but rebuffs comfort-seeking",
    "ssp_protocol": "the Strange Situation's caregiver: non-initiating, greets and comforts at reunions",
    "depressed": "a caregiver with many depressive symptoms: flat affect, slower and less contingent "
                 "responding, weaker repair, withdrawn or intrusive moments (symptoms, not a diagnosis)",
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
#: Shortest mean action bout (s): no caregiver changes what they do more often than every half second.
MIN_BOUT_S = 0.5

# --- The caregiver's well-being: symptoms, never a diagnosis (science.md section 7) ---------------------------
# Depressive symptoms (``caregiver.depressive_symptoms``, 0-1) and tiredness (``caregiver.fatigue``, 0-1)
# change how any scripted caregiver responds. Depressed mother-infant dyads show less matching, slower and
# weaker interactive repair, flat or little positive expression, and withdrawn or intrusive moments (Reck et
# al. 2004, Psychopathology 37:272; Tronick & Reck 2009, Harv. Rev. Psychiatry 17:147; withdrawn and intrusive
# styles: Cohn, Matias, Tronick, Connell & Lyons-Ruth 1986, New Dir. Child Dev. 34:31; Field 1995). Symptoms,
# not diagnoses, drive it: mothers in treatment showed no diagnosis-specific patterns (Weinberg et al. 2008).
# Effect sizes are not published in a form the model can take, so the gains below are calibrated to the
# directions of CW1-CW2 only, kept moderate: a caregiver with symptoms still responds most of the time.
#: The depressive-symptom level of the ``depressed`` policy (a caregiver with many symptoms), unless the
#: ``caregiver.depressive_symptoms`` parameter sets a higher one.
DEPRESSED_POLICY_SYMPTOMS = 0.8
#: Loss of sensitivity (share of decisions that read the signal right) per unit of symptoms / fatigue.
SENSITIVITY_LOSS_PER_SYMPTOM = 0.25
SENSITIVITY_LOSS_PER_FATIGUE = 0.2
#: Extra response lag, as a factor per unit of symptoms / fatigue (slowed responding; Reck et al. 2004).
LAG_GAIN_PER_SYMPTOM = 1.0
LAG_GAIN_PER_FATIGUE = 0.75
#: Longer action bouts per unit of symptoms / fatigue (fewer, slower changes: weaker repair; Tronick & Reck
#: 2009).
BOUT_GAIN_PER_SYMPTOM = 0.75
BOUT_GAIN_PER_FATIGUE = 0.5
#: Share of decisions that are withdrawn or intrusive moments, per unit of symptoms / fatigue (Cohn et al.
#: 1986). Which of the two is set by ``caregiver.intrusiveness``.
LOW_MOOD_SHARE_PER_SYMPTOM = 0.2
LOW_MOOD_SHARE_PER_FATIGUE = 0.1
#: Share of withdrawn moments that are dissociated: a frozen, absent face (a still face), one of the
#: frightened caregiver behaviours Main & Hesse (1990) tie to disorganisation; infants of depressed mothers
#: are more often disorganised (Martins & Gaffan 2000). Calibrated to CW4's direction and D share.
DISSOCIATED_SHARE = 0.1
#: Flat affect: how far the caregiver's expression is flattened, per unit of symptoms / fatigue (0-1; the
#: infant meets less warmth and a partly withheld contingent response: Cohn & Tronick 1983).
FLAT_PER_SYMPTOM = 0.5
FLAT_PER_FATIGUE = 0.25


def _cum(weights: dict[Action, float]) -> np.ndarray:
    """A cumulative action distribution, shape (N_ACTIONS,)."""
    out = np.zeros(N_ACTIONS)
    for a, w in weights.items():
        out[a] = w
    return np.cumsum(out / out.sum())


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
#: A rebuff of comfort-seeking: ignoring it, waiting it out, or redirecting to toys (Ainsworth et al. 1978,
#: the rejecting mothers of group A; Main 1990). The one rebuff table: the ``rejecting`` policy and the
#: ``rebuffing`` caregiving history both draw from it.
REBUFF = _cum({Action.IGNORE: 0.45, Action.WAIT: 0.3, Action.OFFER_TOY: 0.25})
#: Unavailable moments of an inconsistent caregiver: ignoring, distracted by a phone, or intrusive (Cassidy &
#: Berlin 1994). The one table for the ``inconsistent`` policy and the ``unpredictable`` history.
UNAVAILABLE = _cum({Action.IGNORE: 0.5, Action.PHONE: 0.3, Action.INTRUDE: 0.2})
#: An intrusive caregiver's acts: over-stimulation regardless of the infant's state (Tronick 1989; Stern 1977).
INTRUSIVE = _cum({Action.INTRUDE: 0.45, Action.PLAY: 0.35, Action.TOUCH: 0.1, Action.COO: 0.1})
#: A withdrawn moment of a caregiver with low mood: disengaged, looking on without responding (Cohn et al.
#: 1986; Field 1995).
WITHDRAWN = _cum({Action.WAIT: 0.5, Action.IGNORE: 0.5})
#: Share of frightening-or-frightened acts that are frightened/dissociated (a still face) rather than
#: frightening (harsh) (Main & Hesse 1990 name both).
FRIGHTENED_SHARE = 0.3
#: A frightening (harsh) or frightened/dissociated (still face) act (Main & Hesse 1990).
FRIGHT = _cum({Action.HARSH: 1.0 - FRIGHTENED_SHARE, Action.STILL_FACE: FRIGHTENED_SHARE})
#: A phone bout lasts this many times the caregiver's ordinary action bout (absorption; Myruski et al. 2018).
PHONE_BOUT_FACTOR = 3.0

#: The response tables the decision kernel reads (cumulative distributions over actions), as one named group.
#: ``needy`` (N_BEHAVIOURS,) flags the behaviours a caregiver sees as distress or comfort-seeking.
Tables = namedtuple("Tables", ("sensitive", "non_initiating", "rebuff", "unavailable", "intrusive", "fright",
                               "withdrawn", "needy"))
#: Behaviours seen as distress or comfort-seeking (where comfort can be welcomed or rebuffed).
NEEDY = np.isin(SIGNALS, [InfantState.SEEKING, InfantState.DISTRESSED])
TABLES = Tables(SENSITIVE, NON_INITIATING, REBUFF, UNAVAILABLE, INTRUSIVE, FRIGHT, WITHDRAWN, NEEDY)
#: The per-caregiver arrays the decision kernel reads and updates (N,): current action (int8), time to
#: the next decision (s), behaviour last responded to (int8), whether the current act is a rebuff or a
#: frightening one (bool), how flat the caregiver's expression is now (float32, 0-1, for the infant's
#: context), and the caregiving parameters (float64; lag in steps, int64), the symptoms included.
KernelCaregivers = namedtuple("KernelCaregivers", (
    "action", "countdown", "seen", "rebuff", "frightening", "flat",
    "sensitivity", "lag", "bout_s", "consistency", "welcome", "phone", "fright",
    "depressive", "fatigue", "intrusiveness"))


def _per_caregiver(x, n: int) -> np.ndarray:
    """A scalar or (N,) array as a float64 array of shape (N,)."""
    return np.ascontiguousarray(np.broadcast_to(np.asarray(x, dtype=np.float64), (n,)))


class Caregivers:
    """The caregiver side of N dyads: current action, decision timing, memory of the infant, and each
    caregiver's parameters. The one caregiver of Attune: in-session policies and the development run's
    caregiving histories both decide through :meth:`decide` (one compiled kernel, one set of tables).

    Args:
        n: batch size.
        sensitivity: probability of reading a signal right at a decision (0-1), scalar or (N,).
        response_lag_s: lag between the infant's signal and the response (s), scalar or (N,).
        bout_s: mean time one action is kept (s), scalar or (N,).
        consistency: probability of being available at a decision (0-1); otherwise unavailable (ignoring,
            on the phone or intrusive). Default 1 (the in-session policies' own defaults).
        comfort_welcome: probability that distress and comfort-seeking are met rather than rebuffed (0-1).
        phone_share: share of decisions spent absorbed in a phone (0-1).
        fright_share: share of decisions that are frightening or frightened acts (0-1).
        depressive_symptoms: how many depressive symptoms the caregiver has (0-1): flat affect, slower and
            less contingent responding, longer bouts, withdrawn or intrusive moments (see the constants
            above). The ``depressed`` policy raises it to at least ``DEPRESSED_POLICY_SYMPTOMS``.
        fatigue: how tired the caregiver is (0-1): the same kinds of change, milder.
        intrusiveness: share of low-mood moments that are intrusive rather than withdrawn (0-1).

    ``flat`` (N,) float32 is how flat each caregiver's expression is at the current step (0 for the learner,
    an absent caregiver and the still-face and phone policies); the session passes it to the infant.
    """

    def __init__(self, n: int, sensitivity, response_lag_s, bout_s, consistency=1.0, comfort_welcome=1.0,
                 phone_share=0.0, fright_share=0.0, depressive_symptoms=0.0, fatigue=0.0,
                 intrusiveness=0.3) -> None:
        self.n = n
        lag_s = np.clip(_per_caregiver(response_lag_s, n), 0.0, MAX_LAG_S)
        self.params = {
            "sensitivity": np.clip(_per_caregiver(sensitivity, n), 0.0, 1.0),
            "lag": np.round(lag_s / C.DT_S).astype(np.int64),
            "bout_s": np.maximum(_per_caregiver(bout_s, n), MIN_BOUT_S),
            "consistency": np.clip(_per_caregiver(consistency, n), 0.0, 1.0),
            "welcome": np.clip(_per_caregiver(comfort_welcome, n), 0.0, 1.0),
            "phone": np.clip(_per_caregiver(phone_share, n), 0.0, 1.0),
            "fright": np.clip(_per_caregiver(fright_share, n), 0.0, 1.0),
            "depressive": np.clip(_per_caregiver(depressive_symptoms, n), 0.0, 1.0),
            "fatigue": np.clip(_per_caregiver(fatigue, n), 0.0, 1.0),
            "intrusiveness": np.clip(_per_caregiver(intrusiveness, n), 0.0, 1.0),
        }
        self.reset(np.full(n, Behaviour.LOOK, dtype=np.int8), Action.WAIT)

    @property
    def sensitivity(self) -> np.ndarray:
        """Per-caregiver sensitivity (N,)."""
        return self.params["sensitivity"]

    def reset(self, behaviour: np.ndarray, action: Action = Action.WAIT) -> None:
        """Start afresh: the memory holds ``behaviour`` (N,), the current act is ``action``, and every
        caregiver decides at the next step."""
        n = self.n
        self.action = np.full(n, action, dtype=np.int8)
        self.countdown = np.zeros(n)
        self.seen = np.full(n, -1, dtype=np.int8)  # behaviour last responded to
        self.rebuff = np.zeros(n, dtype=bool)  # the current act rebuffs comfort-seeking
        self.frightening = np.zeros(n, dtype=bool)  # the current act is frightening or frightened
        self.flat = np.zeros(n, dtype=np.float32)  # how flat the caregiver's expression is now (0-1)
        self._hist = np.tile(np.asarray(behaviour, dtype=np.int8), (_H, 1))
        self._ptr = 0
        self._k = KernelCaregivers(self.action, self.countdown, self.seen, self.rebuff, self.frightening,
                                   self.flat, **self.params)

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
               goodbye: np.ndarray, u: np.ndarray, scripted: np.ndarray | None = None,
               live: np.ndarray | None = None, direct=None) -> np.ndarray:
        """Choose this step's action for every infant whose caregiver follows a policy.

        Args:
            policy: :class:`Policy` code per infant (N,); ``ABSENT`` and ``LEARNER`` are left alone.
            style: the policy ``ssp_protocol`` uses for its reunions (``--caregiver``).
            t_episode: time into the current episode (s), (N,).
            remaining_s: planned time left in the episode (s), (N,).
            reunion, leaves, goodbye: per-infant flags of the current episode's role (N,).
            u: uniforms, float32, shape (3, N).
            scripted: optional precomputed mask of infants whose policy chooses actions (N,).
            live: bool (N,): the infants still in their session (default all); the others are left alone.
            direct: a :class:`~simulator.model.kernel_cache.DirectCalls` to call the kernel through (a
                session's step, whose argument types never change), or None for numba's usual dispatch.

        Returns:
            The action codes (N,) (also kept in ``self.action``).
        """
        policy = np.ascontiguousarray(policy, dtype=np.int8)
        if scripted is None:
            scripted = (((policy <= Policy.SSP_PROTOCOL) | (policy == Policy.DEPRESSED))
                        & (policy != Policy.STILL_FACE) & (policy != Policy.PHONE))
        c = np.ascontiguousarray  # fixed dtypes and layouts: the types a DirectCalls relies on
        args = (policy, int(style), c(t_episode, dtype=np.float64), c(remaining_s, dtype=np.float64),
                c(reunion, dtype=bool), c(leaves, dtype=bool), c(goodbye, dtype=bool), c(u, dtype=np.float32),
                c(scripted, dtype=bool), self._k, self._hist, int(self._ptr), _TIMING, TABLES, _WELLBEING,
                np.ones(self.n, dtype=bool) if live is None else c(live, dtype=bool), 0, self.n)
        if direct is not None:
            direct(_decide_kernel, *args)
        else:
            _decide_kernel(*args)
        return self.action


#: The timing constants and shares the compiled kernel needs, passed as an argument so edits take effect:
#: step (s), noticing (s), greeting (s), leaving (s), the inconsistent policy's available share, its lag
#: factor, the rejecting policy's rebuff share, and the phone bout factor.
_TIMING = np.array([C.DT_S, NOTICE_S, GREETING_S, LEAVING_S, INCONSISTENT_SENSITIVE_SHARE,
                    INCONSISTENT_LAG_FACTOR, REJECT_SHARE, PHONE_BOUT_FACTOR])
#: The well-being constants the kernel needs, in this order (see above): the depressed policy's symptom
#: level; sensitivity loss, lag gain, bout gain, low-mood share and flatness, each per symptom then per
#: fatigue; the dissociated share of withdrawn moments.
_WELLBEING = np.array([DEPRESSED_POLICY_SYMPTOMS,
                       SENSITIVITY_LOSS_PER_SYMPTOM, SENSITIVITY_LOSS_PER_FATIGUE,
                       LAG_GAIN_PER_SYMPTOM, LAG_GAIN_PER_FATIGUE, BOUT_GAIN_PER_SYMPTOM, BOUT_GAIN_PER_FATIGUE,
                       LOW_MOOD_SHARE_PER_SYMPTOM, LOW_MOOD_SHARE_PER_FATIGUE, FLAT_PER_SYMPTOM, FLAT_PER_FATIGUE,
                       DISSOCIATED_SHARE])
_SENSITIVE_P, _STILL_FACE_P, _PHONE_P, _INTRUSIVE_P = (int(Policy.SENSITIVE), int(Policy.STILL_FACE),
                                                       int(Policy.PHONE), int(Policy.INTRUSIVE))
_INCONSISTENT_P, _REJECTING_P, _SSP_P, _LEARNER_P = (int(Policy.INCONSISTENT), int(Policy.REJECTING),
                                                     int(Policy.SSP_PROTOCOL), int(Policy.LEARNER))
_DEPRESSED_P = int(Policy.DEPRESSED)
# Action codes the kernels use, as literals: numba caches globals with the compiled code and would not
# notice a renumbering in actions.py, so these are checked against it at import instead.
_STILL_FACE_A, _PHONE_A, _RETURN_GREET_A, _LEAVE_A, _GOODBYE_A, _WAIT_A, _OFFER_TOY_A = 11, 12, 15, 13, 14, 9, 10
assert (_STILL_FACE_A, _PHONE_A, _RETURN_GREET_A, _LEAVE_A, _GOODBYE_A, _WAIT_A, _OFFER_TOY_A) == (
    Action.STILL_FACE, Action.PHONE, Action.RETURN_GREET, Action.LEAVE, Action.LEAVE_WITH_GOODBYE, Action.WAIT,
    Action.OFFER_TOY), "actions.py renumbered its actions: update the literals in policies.py"


@njit(cache=True, nogil=True, inline="always")
def _pick_one(cum, u) -> int:  # pragma: no cover - compiled
    """An action drawn from one cumulative distribution ``cum`` (N_ACTIONS,) with uniform ``u``."""
    k = 0
    for j in range(cum.shape[0]):
        if cum[j] < u:
            k += 1
    return min(k, cum.shape[0] - 1)


@njit(cache=True, nogil=True)
def _decide_kernel(policy, style, t_episode, remaining, reunion, leaves, goodbye, u, scripted,
                   D, hist, ptr, timing, T, W, live, lo, hi):  # pragma: no cover - compiled
    """The decision of each infant's caregiver (see :meth:`Caregivers.decide`); updates ``D.action``,
    ``D.countdown``, ``D.seen``, ``D.rebuff`` and ``D.frightening`` (N,) in place.

    At a decision (the current action's bout has run out, or the caregiver noticed a change in the
    infant), a caregiver who follows a responsive policy (``sensitive``, ``ssp_protocol``, ``learner``
    played headless, ``inconsistent``, ``rejecting``) is, by one uniform cut in this order: absorbed in
    a phone (``phone`` share), frightening or frightened (``fright`` share), unavailable
    (1 - ``consistency``), rebuffing comfort-seeking (1 - ``welcome``, only when the infant is seen
    distressed or seeking), reading the signal right (``sensitivity``: the sensitive response table), or
    keeping to their own agenda (the current action). ``inconsistent`` caps consistency at its available
    share and responds late; ``rejecting`` caps the welcome of comfort-seeking.

    Depressive symptoms and fatigue (``W``: the well-being constants) lower the sensitivity, lengthen the
    lag and the bouts, add withdrawn or intrusive moments (a cut after the frightening one) and flatten the
    expression (``D.flat``) of every scripted caregiver; ``depressed`` has at least the policy's level.

    Only the live infants ``i`` in ``lo <= i < hi`` are decided (``live`` bool (N,)): the session's
    whole-run loop calls this for one tile of infants at a time.
    """
    dt, notice_s, greeting_s, leaving_s = timing[0], timing[1], timing[2], timing[3]
    inconsistent_share, inconsistent_lag, reject_share, phone_bout = timing[4], timing[5], timing[6], timing[7]
    H = hist.shape[0]
    act = D.action
    countdown = D.countdown
    seen = D.seen
    for i in range(lo, hi):
        if not live[i]:
            continue
        pol = policy[i]
        if pol == _STILL_FACE_P:
            act[i] = _STILL_FACE_A
        elif pol == _PHONE_P:
            act[i] = _PHONE_A
        countdown[i] -= dt
        ssp = pol == _SSP_P
        eff = style if (ssp & reunion[i]) else pol
        # Symptoms (only a scripted caregiver has them: the learner is the learner).
        dep = D.depressive[i] if scripted[i] else 0.0
        if (eff == _DEPRESSED_P) & scripted[i]:
            dep = max(dep, W[0])
        fat = D.fatigue[i] if scripted[i] else 0.0
        D.flat[i] = min(W[9] * dep + W[10] * fat, 1.0)
        slow = 1.0 + W[3] * dep + W[4] * fat
        lag_s = float(D.lag[i])
        if eff == _INCONSISTENT_P:
            lag_s *= inconsistent_lag
        lag = int(lag_s * slow + 0.5) if slow > 1.0 else int(lag_s)
        lag = min(lag, H - 1)
        seen_now = hist[(ptr - lag) % H, i]
        sens = D.sensitivity[i] * max(1.0 - W[1] * dep - W[2] * fat, 0.0)
        # A visible change in the infant prompts a new decision (prompt repair); otherwise actions last
        # about ``bout_s`` (Tronick 1989: repair is quick and frequent in good-enough interaction).
        noticed = (seen_now != seen[i]) & (u[2, i] < sens * dt / notice_s)
        if scripted[i] & ((countdown[i] <= 0.0) | noticed):
            choice = act[i]
            bout = D.bout_s[i] * (1.0 + W[5] * dep + W[6] * fat)
            low = min(W[7] * dep + W[8] * fat, 1.0)
            rebuff = False
            fright = False
            if eff == _INTRUSIVE_P:
                choice = _pick_one(T.intrusive, u[1, i])
            elif eff == _STILL_FACE_P:
                choice = _STILL_FACE_A
            elif eff == _PHONE_P:
                choice = _PHONE_A
            else:
                cons = D.consistency[i]
                welcome = D.welcome[i]
                if eff == _INCONSISTENT_P:
                    cons = min(cons, inconsistent_share)
                elif eff == _REJECTING_P:
                    welcome = min(welcome, 1.0 - reject_share)
                phone = D.phone[i]
                fr = D.fright[i]
                v = float(u[0, i])
                if v < phone:
                    choice = _PHONE_A
                    bout *= phone_bout
                elif v < phone + fr:
                    choice = _pick_one(T.fright, u[1, i])
                    fright = True
                elif v < phone + fr + low * (1.0 - phone - fr):
                    # A low-mood moment: intrusive or withdrawn (Cohn et al. 1986), by where v falls in it.
                    x = (v - phone - fr) / max(low * (1.0 - phone - fr), 1e-9)
                    intr = D.intrusiveness[i]
                    if x < intr:
                        choice = _pick_one(T.intrusive, u[1, i])
                    elif (x - intr) / max(1.0 - intr, 1e-9) < W[11]:
                        choice = _STILL_FACE_A  # dissociated: frightened, not frightening (Main & Hesse 1990)
                        fright = True
                    else:
                        choice = _pick_one(T.withdrawn, u[1, i])
                        # Withdrawal from a distressed infant is a predictable non-response: learned like
                        # a rebuff (minimising; Field 1995 on withdrawn depressed mothers).
                        rebuff = T.needy[seen_now]
                else:
                    # Rescale the remainder to [0, 1) for the availability, rebuff and reading cuts.
                    taken = phone + fr + low * (1.0 - phone - fr)  # the cuts above (not the loop's ``lo``)
                    w = (v - taken) / max(1.0 - taken, 1e-9)
                    if w >= cons:
                        choice = _pick_one(T.unavailable, u[1, i])
                    else:
                        w /= max(cons, 1e-9)
                        if T.needy[seen_now]:
                            if w >= welcome:
                                choice = _pick_one(T.rebuff, u[1, i])
                                rebuff = True
                            w /= max(welcome, 1e-9)
                        if not rebuff and w < sens:
                            if ssp and not reunion[i]:
                                choice = _pick_one(T.non_initiating[seen_now], u[1, i])
                            else:
                                choice = _pick_one(T.sensitive[seen_now], u[1, i])
            act[i] = choice
            D.rebuff[i] = rebuff
            D.frightening[i] = fright
            seen[i] = seen_now
            # Next decision after an irregular bout (exponential; MR2: timing is stochastic).
            countdown[i] = -bout * np.log(max(float(u[2, i]), 1e-9))
        # SSP protocol: greet on return; leave at the end of an episode followed by a separation.
        if ssp & reunion[i] & (t_episode[i] < greeting_s):
            act[i] = _RETURN_GREET_A
        if ssp & leaves[i] & (remaining[i] <= leaving_s):
            act[i] = _GOODBYE_A if goodbye[i] else _LEAVE_A


def stranger_actions(stranger_present: np.ndarray, caregiver_present: np.ndarray,
                     t_episode: np.ndarray, duration_s: np.ndarray, behaviour: np.ndarray) -> np.ndarray:
    """The stranger's protocol (Ainsworth et al. 1978, episodes 3, 4 and 7), shape (N,) action codes.

    With the caregiver present the stranger is silent for the first third of the episode, talks with
    the caregiver in the second and approaches the infant with a toy in the last. With the caregiver
    away the stranger gears behaviour to the infant: soothes fussing, picks up a crying infant, else
    offers a toy.
    """
    out = np.empty(np.shape(behaviour), dtype=np.int8)
    n = out.shape[0]
    _stranger_kernel(np.asarray(stranger_present, dtype=bool), np.asarray(caregiver_present, dtype=bool),
                     np.asarray(t_episode, dtype=np.float64), np.asarray(duration_s, dtype=np.float64),
                     np.asarray(behaviour, dtype=np.int8), _STRANGER_GEARED, out, np.ones(n, dtype=bool), 0, n)
    return out


#: What the stranger does, with the caregiver away, for each behaviour code: hold a crier, soothe other
#: distress, else offer a toy.
_STRANGER_GEARED = np.where(np.arange(N_BEHAVIOURS) == Behaviour.CRY, Action.HOLD,
                            np.where(SIGNALS == InfantState.DISTRESSED, Action.SOOTHE,
                                     Action.OFFER_TOY)).astype(np.int8)


@njit(cache=True, nogil=True)
def _stranger_kernel(stranger_present, caregiver_present, t_episode, duration_s, behaviour, geared,
                     out, live, lo, hi):  # pragma: no cover - compiled
    """The stranger's action (``out``, int8 (N,)) for each live infant ``i`` in ``lo <= i < hi``."""
    for i in range(lo, hi):
        if not live[i]:
            out[i] = _WAIT_A
        elif not stranger_present[i]:
            out[i] = _WAIT_A
        elif caregiver_present[i]:
            third = t_episode[i] / max(duration_s[i], 1e-9)
            out[i] = _WAIT_A if third < 2.0 / 3.0 else _OFFER_TOY_A
        else:
            out[i] = geared[behaviour[i]]


def policy_code(policy_id: str) -> Policy:
    """The :class:`Policy` for a contract id (``KeyError`` listing the valid ids if unknown)."""
    try:
        return Policy[policy_id.upper()]
    except KeyError:
        raise KeyError(f"unknown caregiver policy {policy_id!r}; valid: {', '.join(POLICY_IDS)}") from None
