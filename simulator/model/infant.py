"""The infant: parameters, state and one step of the dynamics, vectorised over a batch of N infants.

Every array here has shape (N,). Latent state (arousal, reserve, violation, expectation, ...) drives
observable behaviour, which is drawn stochastically with hazard-based switching. The step itself is
one loop over the infants, compiled by numba (``_step_kernel``); constants and tables go in as
arguments, so the on-disk compile cache never holds a stale number. Scoring reads the
behaviour, never the latent state. Sources for each mechanism are cited beside the code and in
``constants.py``; ``docs/model.md`` explains every variable to instructors.
"""

from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass, fields

import numpy as np
from numba import njit

from . import constants as C
from .actions import CHANNELS, Action
from .behaviour import N_BEHAVIOURS, Behaviour

# Documented state variables: name -> (low, high, unit, meaning). The order is the CSV column order.
STATE_VARIABLES: dict[str, tuple[float, float, str, str]] = {
    "positive_affect": (0.0, 1.0, "0-1", "displayed positive affect: smiling, brightening"),
    "negative_affect": (0.0, 1.0, "0-1", "displayed distress: sobering, fussing, crying"),
    "gaze": (0.0, 1.0, "0-1", "gaze at / engagement with the caregiver (0 when the caregiver is away)"),
    "arousal": (0.0, 1.0, "0-1", "latent physiological arousal, heart-rate-like; may differ from display"),
    "reserve": (0.0, 1.0, "0-1", "regulation reserve: drains under sustained arousal, refills when calm"),
    "proximity_drive": (0.0, 1.0, "0-1", "activation of the attachment system: proximity over exploration"),
    "violation": (0.0, 1.0, "0-1", "unrepaired mismatch: how far the caregiver's response is missing"),
    "expectation": (0.0, 1.0, "0-1", "working model: expectation that the caregiver will respond"),
    "stress_load": (0.0, 1.0, "0-1", "cortisol-like load integrated from arousal, cleared over ~20 min"),
}


@dataclass
class InfantParams:
    """Per-infant parameters, each an array of shape (N,). See ``params.py`` for defaults and sources."""

    age_months: np.ndarray
    reactivity: np.ndarray
    soothability: np.ndarray
    expectation: np.ndarray
    deactivation: np.ndarray
    hyperactivation: np.ndarray
    fear_of_caregiver: np.ndarray
    sociability: np.ndarray
    arousal_baseline: np.ndarray
    flat_familiarity: np.ndarray | None = None  # optional: zeros (an infant used to responsive faces)

    def __post_init__(self) -> None:
        # One dtype everywhere (float32, contiguous), whoever built the parameters.
        if self.flat_familiarity is None:
            self.flat_familiarity = np.zeros(np.shape(self.age_months))
        for f in fields(self):
            setattr(self, f.name, np.ascontiguousarray(getattr(self, f.name), dtype=FLOAT))

    @property
    def n(self) -> int:
        """Batch size N."""
        return int(self.age_months.shape[0])

    def subset(self, idx: np.ndarray) -> "InfantParams":
        """The parameters of the infants at ``idx``."""
        return InfantParams(**{f.name: getattr(self, f.name)[idx].copy() for f in fields(self)})


@dataclass
class InfantState:
    """The dynamic state of N infants (arrays of shape (N,)).

    Continuous variables are listed in :data:`STATE_VARIABLES`. ``behaviour`` is a
    :class:`~simulator.model.behaviour.Behaviour` code (int8); ``contact`` is physical contact with the
    current partner (caregiver, or the stranger when the caregiver is away); ``near`` is being within
    reach of the partner.
    """

    positive_affect: np.ndarray
    negative_affect: np.ndarray
    gaze: np.ndarray
    arousal: np.ndarray
    reserve: np.ndarray
    proximity_drive: np.ndarray
    violation: np.ndarray
    expectation: np.ndarray
    stress_load: np.ndarray
    behaviour: np.ndarray
    contact: np.ndarray
    near: np.ndarray

    @classmethod
    def initial(cls, params: InfantParams) -> "InfantState":
        """A calm infant at rest, with the working model its parameters give."""
        n = params.n
        z = np.zeros(n, dtype=FLOAT)
        return cls(
            positive_affect=np.full(n, 0.3, dtype=FLOAT),
            negative_affect=z.copy(),
            gaze=np.full(n, 0.5, dtype=FLOAT),
            arousal=params.arousal_baseline.astype(FLOAT),
            reserve=np.ones(n, dtype=FLOAT),
            proximity_drive=np.full(n, 0.2, dtype=FLOAT),
            violation=z.copy(),
            expectation=params.expectation.astype(FLOAT),
            stress_load=z.copy(),
            behaviour=np.full(n, Behaviour.LOOK, dtype=np.int8),
            contact=np.zeros(n, dtype=bool),
            near=np.ones(n, dtype=bool),
        )

    def snapshot(self, i: int = 0) -> dict[str, float]:
        """The continuous variables of infant ``i`` as plain floats."""
        return {name: float(getattr(self, name)[i]) for name in STATE_VARIABLES}


#: Floating dtype of the state and parameters: float32 halves memory traffic in large batches; the
#: dynamics are far coarser than its precision.
FLOAT = np.float32


def _ramp(x: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """0 below ``lo``, 1 above ``hi``, linear between."""
    return np.clip((x - lo) / (hi - lo), 0.0, 1.0)


class AgeFactors:
    """Age-dependent capacities, computed once per session from ``age_months`` (arrays of shape (N,))."""

    def __init__(self, age_months: np.ndarray) -> None:
        age = np.asarray(age_months, dtype=FLOAT)
        self.mobility = _ramp(age, C.AGE_CRAWL_START, C.AGE_CRAWL_FULL).astype(FLOAT)
        self.separation = _ramp(age, C.AGE_SEPARATION_START, C.AGE_SEPARATION_FULL).astype(FLOAT)
        self.wariness = _ramp(age, C.AGE_WARINESS_START, C.AGE_WARINESS_FULL).astype(FLOAT)
        #: Interest in the caregiver's face, 1 at 2 months falling to 1 - FACE_GAZE_AGE_DROP by 6 months, as
        #: interest turns to objects and the room (Kaye & Fogel 1980; Moore, Cohn & Campbell 2001; ID6).
        self.face_interest = (1.0 - C.FACE_GAZE_AGE_DROP * _ramp(age, C.AGE_FACE_GAZE_START,
                                                                 C.AGE_FACE_GAZE_FULL)).astype(FLOAT)
        #: Readiness to show frustration, 0 before 6 months rising to 1 by 12 (Braungart-Rieker, Hill-Soderlund
        #: & Karrass 2010: anger and frustration rise across the first year; ID7).
        self.frustration = _ramp(age, C.AGE_FRUSTRATION_START, C.AGE_FRUSTRATION_FULL).astype(FLOAT)


# --- Lookup tables, passed to the compiled kernel as arguments ---------------------------------------
# (numba freezes global arrays into its on-disk cache, so every table and constant goes in as an
# argument: editing ``constants.py`` or ``actions.py`` takes effect without clearing any cache.)
_CH = {k: np.ascontiguousarray(v, dtype=np.float64) for k, v in CHANNELS.items()}
_WARMTH_POS = np.maximum(_CH["warmth"], 0.0)
#: Per-action table (8, N_ACTIONS): warmth (positive part), comfort, stimulation, threat, nonresponse,
#: contact; then 0/1 flags: the partner refuses contact (no picking up, no lap to climb into), and the
#: partner puts a held infant down.
_ACTION_TABLE = np.zeros((8, len(Action)))
_ACTION_TABLE[0] = _WARMTH_POS
for _row, _channel in enumerate(("comfort", "stimulation", "threat", "nonresponse", "contact"), start=1):
    _ACTION_TABLE[_row] = _CH[_channel]
_ACTION_TABLE[6, [Action.STILL_FACE, Action.PHONE, Action.IGNORE, Action.HARSH, Action.LEAVE,
                  Action.LEAVE_WITH_GOODBYE, Action.WAIT]] = 1.0
_ACTION_TABLE[7, [Action.IGNORE, Action.HARSH, Action.PHONE, Action.STILL_FACE, Action.LEAVE,
                  Action.LEAVE_WITH_GOODBYE, Action.OFFER_TOY, Action.PLAY]] = 1.0
#: Per-behaviour table (5, N_BEHAVIOURS): reconsider hazard per step (dt / mean bout; MR2), and 0/1
#: flags: signalling to the caregiver, leaving the partner, wandering off, seeking contact.
_BEHAVIOUR_TABLE = np.zeros((5, N_BEHAVIOURS))
_BEHAVIOUR_TABLE[0] = C.DT_S / np.asarray(C.BOUT_MEAN_S)
_BEHAVIOUR_TABLE[1, [Behaviour.BID, Behaviour.FUSS, Behaviour.CRY, Behaviour.REACH, Behaviour.APPROACH]] = 1.0
_BEHAVIOUR_TABLE[2, [Behaviour.EXPLORE, Behaviour.AVOID, Behaviour.LOOK_AWAY, Behaviour.SEARCH]] = 1.0
_BEHAVIOUR_TABLE[3, [Behaviour.EXPLORE, Behaviour.SEARCH]] = 1.0
_BEHAVIOUR_TABLE[4, [Behaviour.REACH, Behaviour.APPROACH, Behaviour.CLING]] = 1.0

#: The constants of ``constants.py`` the kernel reads (as ``K.NAME``), by name. They are listed here
#: rather than read from ``dir(constants)`` because numba's disk cache tells named tuples apart by
#: length, not by field names: renaming or swapping a constant must show up as an edit of this file,
#: which recompiles the kernel. A test checks this list against the kernel's source.
KERNEL_CONSTANTS = (
    "ACCEPT_DEACT", "ACCEPT_FEAR", "ACCEPT_HYPER", "ALONE_ALARM", "APPROACH_FAR_GAIN", "AROUSAL_NOISE",
    "AVERSION_RELIEF", "AVOID_BASE", "AVOID_FEAR", "AVOID_STRANGER", "AVOID_WITHDRAWAL",
    "BENIGN_MISMATCH_VIOLATION", "BID_BASE", "BID_DEACT_DAMP", "BID_GAZE_BASE", "BID_POSITIVE",
    "BID_VIOLATION", "CLING_DEACT_DAMP", "CONTACT_COMFORT", "CRY_LEVEL", "DISPLAY_MARGIN", "DISPLAY_NOISE",
    "DT_S", "EXPECTATION_LEARNING_RATE", "EXPLORE_BASE", "EXPLORE_DEACT_FLOOR", "EXPLORE_MOBILITY",
    "FEAR_ALARM", "FLAT_COMFORT_LOSS", "FLAT_FAMILIARITY_DAMPING", "FLAT_NONRESPONSE", "FREEZE_BASE",
    "GAZE_EXPLORE_PULL",
    "GAZE_FACE_TO_FACE", "GAZE_RESERVE_FLOOR", "GAZE_STIM_DROP", "GAZE_VIOLATION_DROP", "HYPER_ALARM",
    "HYPER_AMPLIFY", "K_AROUSAL_LEAK", "K_AROUSE", "K_COREGULATION", "K_LOAD", "K_RESERVE_DRAIN",
    "K_RESERVE_REFILL", "K_SELF_REGULATION", "LOAD_AROUSAL", "LOOK_AWAY_BASE", "LOOK_BASE", "MASKING_COST",
    "MASKING_STRENGTH", "MOBILE_LEVEL", "MONITOR_MAX", "OVERSTIMULATION_ALARM", "OVERSTIMULATION_LEVEL",
    "PA_EXPLORE", "PA_MATCHED", "PA_UNMATCHED", "PA_VIOLATION_DAMP", "PROXIMITY_FROM_AROUSAL",
    "PROXIMITY_FROM_SEPARATION", "P_APPROACH_ARRIVES", "P_CONTACT_ON_APPROACH", "P_LEAVE_CONTACT",
    "P_PUSH_FREE", "P_PUT_DOWN", "P_WANDER_OFF", "REACH_BASE", "REACH_MOBILITY_DROP", "REACTIVITY_FLOOR",
    "REACTIVITY_POWER", "RESERVE_DRAIN_AROUSAL", "RESIST_BASE", "RESIST_STRANGER", "ROOM_NOVELTY_ALARM",
    "SAFE_HAVEN", "SEARCH_DEACT_DAMP", "SECURE_BASE_BUFFER", "SEEK_DEACT_DAMP", "SEEK_FEAR_DAMP",
    "SEEK_SET_GOAL", "SELF_SOOTHE_BASE", "SEPARATION_ALARM", "SMILE_BASE", "SOBERING", "SOCIABILITY_PA_GAIN",
    "SOCIAL_MONITORING", "SOOTHABILITY_FLOOR", "STRANGER_ALARM", "STRANGER_COMFORT_FACTOR",
    "STRANGER_PARTNER", "STRANGER_SEEK", "STRANGER_WARMTH", "TAU_GAZE_S", "TAU_LOAD_S", "TAU_NEGATIVE_S",
    "TAU_POSITIVE_S", "TAU_PROXIMITY_S", "TAU_REPAIR_S", "TAU_VIOLATION_FADE_S", "TAU_VIOLATION_S",
    "TEMPERAMENT_MID", "THREAT_ALARM", "TRUST_FLOOR", "VIOLATION_ALARM", "VIOLATION_TOLERANCE",
    "WITHDRAW_BASE", "WITHDRAW_DRAIN", "W_AVOID", "W_CLING", "W_CRY", "W_FREEZE", "W_FUSS", "W_LOOK",
    "W_LOOK_AWAY", "W_RESIST", "W_SEARCH", "W_SELF_SOOTHE", "W_SMILE", "YOUNG_DISPLAY_MARGIN",
)
Constants = namedtuple("Constants", KERNEL_CONSTANTS)
#: Their current values (floats), passed to the kernel at every step.
CONSTANTS = Constants(*(float(getattr(C, name)) for name in KERNEL_CONSTANTS))

# Behaviour codes used in the kernel (plain ints: compile-time constants that never change).
_LOOK, _SMILE, _BID, _FUSS, _CRY = 0, 1, 2, 3, 4
_REACH, _APPROACH, _CLING, _RESIST, _AVOID = 5, 6, 7, 8, 9
_SELF_SOOTHE, _EXPLORE, _FREEZE, _LOOK_AWAY, _SEARCH = 10, 11, 12, 13, 14
assert [int(b) for b in Behaviour] == list(range(15)) and Behaviour.SEARCH == _SEARCH


# --- Named groups of arrays, as the compiled kernel receives them -------------------------------------------
# (numba types a named tuple by its class and element types; the classes live in this file, so any edit of
# a group recompiles the kernel.)
#: The per-infant parameters and age factors the kernel reads, each float32 (N,), and ``reactivity_gain``
#: float64 (N,), the factor reactivity puts on alarm (:func:`_reactivity_gain`, worked out once per call
#: rather than once per infant per step).
KernelInfants = namedtuple("KernelInfants", ("reactivity", "soothability", "deactivation", "hyperactivation",
                                             "fear_of_caregiver", "sociability", "arousal_baseline", "mobility",
                                             "separation", "wariness", "face_interest", "frustration",
                                             "flat_familiarity", "reactivity_gain"))
#: The state arrays the kernel updates in place (N,): continuous variables float32, behaviour int8,
#: contact and near bool.
KernelState = namedtuple("KernelState", tuple(STATE_VARIABLES) + ("behaviour", "contact", "near"))
#: What the infants meet in one step, arrays (N,): ``caregiver_present``/``stranger_present`` bool; ``action``
#: and ``stranger_action`` :class:`~simulator.model.actions.Action` codes, int8 (ignored where the adult is
#: absent); ``toys`` (in reach) and ``matched`` (the contract's match flag for the caregiver) bool;
#: ``room_novelty`` float32; ``caregiver_flat`` float32 0-1, how flat the caregiver's expression is
#: (depressive symptoms, fatigue; ``policies.Caregivers.flat``).
KernelContext = namedtuple("KernelContext", ("caregiver_present", "stranger_present", "action",
                                             "stranger_action", "toys", "matched", "room_novelty",
                                             "caregiver_flat"))


def kernel_infants(params: InfantParams, ages: AgeFactors) -> KernelInfants:
    """The kernel's view of the parameters and age factors (float32 arrays (N,), no copies when already so)."""
    reactivity = np.asarray(params.reactivity, dtype=FLOAT)
    return KernelInfants(*(np.asarray(x, dtype=FLOAT) for x in (
        reactivity, params.soothability, params.deactivation, params.hyperactivation,
        params.fear_of_caregiver, params.sociability, params.arousal_baseline, ages.mobility, ages.separation,
        ages.wariness, ages.face_interest, ages.frustration, params.flat_familiarity)),
        _reactivity_gain(CONSTANTS, reactivity))


@njit(cache=True, nogil=True)
def _reactivity_gain(K, reactivity):  # pragma: no cover - compiled
    """The factor reactivity puts on alarm, float64 (N,): convex, so most infants react moderately and a
    high-reactive minority strongly (Kagan & Snidman 1991: about 20% high-reactive at 4 months; ID1, ID3).
    Compiled, so that it is the very ``pow`` the step kernel used to take every step."""
    out = np.empty(reactivity.shape[0])
    for i in range(out.shape[0]):
        out[i] = (K.REACTIVITY_FLOOR + reactivity[i]) ** K.REACTIVITY_POWER
    return out


def kernel_state(s: InfantState) -> KernelState:
    """The kernel's view of the state: the same arrays (updated in place by the kernel)."""
    return KernelState(*(getattr(s, name) for name in KernelState._fields))


@njit(cache=True, nogil=True, inline="always")
def _clip01(x: float) -> float:
    return min(max(x, 0.0), 1.0)


@njit(cache=True, nogil=True)
def _step_kernel(K, act_tab, beh_tab, P, S, X, u, z, changed, live, lo, hi):  # pragma: no cover - compiled
    """The step for each live infant ``i`` in ``lo <= i < hi``: dynamics, then behaviour switching, then
    contact and proximity.

    ``P`` (:class:`KernelInfants`), ``S`` (:class:`KernelState`) and ``X`` (:class:`KernelContext`) are
    named groups of (N,) arrays; ``u`` holds uniform random numbers in [0, 1), float32 (>= 5, N) (rows 0-4
    are used), ``z`` zero-mean, unit-variance noise, float32 (4, N) (centred uniforms: integrated over many
    steps they act as Gaussian noise, and cost a quarter as much to draw); ``live`` bool (N,). The state arrays are
    updated in place; a finished infant is skipped (``changed`` False). Called per step by
    :meth:`~simulator.model.session.Session.step`, for a batch by the session's whole-run loop
    (``session._run_kernel``) one tile of infants at a time, and for development by ``_moment_kernel``.
    Arithmetic is in float64, stored as float32.
    """
    soothability, deactivation, hyperactivation = P.soothability, P.deactivation, \
        P.hyperactivation
    fear_of_caregiver, mobility, separation, wariness = P.fear_of_caregiver, P.mobility, P.separation, P.wariness
    positive_affect, negative_affect, gaze, arousal = S.positive_affect, S.negative_affect, S.gaze, S.arousal
    reserve, proximity_drive, violation, expectation = S.reserve, S.proximity_drive, S.violation, S.expectation
    stress_load, behaviour, contact, near = S.stress_load, S.behaviour, S.contact, S.near
    cg_arr, stranger_arr, act_arr, sact_arr = X.caregiver_present, X.stranger_present, X.action, X.stranger_action
    toys_arr, matched_arr, novelty_arr, flat_arr = X.toys, X.matched, X.room_novelty, X.caregiver_flat
    dt = K.DT_S
    sq = np.sqrt(dt)
    w = np.empty(beh_tab.shape[1])
    # Per-step rates and scales, computed once per call (loop invariants).
    k_repair, k_build, k_fade = dt / K.TAU_REPAIR_S, dt / K.TAU_VIOLATION_S, dt / K.TAU_VIOLATION_FADE_S
    k_neg, k_pos, k_gaze = dt / K.TAU_NEGATIVE_S, dt / K.TAU_POSITIVE_S, dt / K.TAU_GAZE_S
    k_prox = dt / K.TAU_PROXIMITY_S
    k_load_clear = dt / K.TAU_LOAD_S
    over_tolerance = 1.0 / (1.0 - K.VIOLATION_TOLERANCE)
    arousal_noise, display_noise = K.AROUSAL_NOISE * sq, K.DISPLAY_NOISE * sq
    for i in range(lo, hi):
        if not live[i]:
            changed[i] = False
            continue
        cg = cg_arr[i]
        stranger_here = stranger_arr[i]
        # Conditions on booleans use & and | (not `and`/`or`): all their terms are cheap and safe to
        # evaluate, and without short-circuit jumps the compiled loop does not mispredict on them.
        st = stranger_here & (not cg)  # the stranger is the partner only when the caregiver is away
        cgf = 1.0 if cg else 0.0
        stf = 1.0 if st else 0.0
        act = act_arr[i]
        sact = sact_arr[i]
        matched = matched_arr[i] & cg
        mf = 1.0 if matched else 0.0
        # A flat expression (depressive symptoms, fatigue) carries less warmth and comfort and partly
        # withholds the contingent response (Cohn & Tronick 1983; science.md CW1-CW2).
        flat = float(flat_arr[i]) * cgf
        warmth = act_tab[0, act] * cgf * (1.0 - flat)
        comfort = act_tab[1, act] * (1.0 - K.FLAT_COMFORT_LOSS * flat)
        stim = act_tab[2, act] * cgf
        threat = act_tab[3, act] * cgf
        nonresp = max(act_tab[4, act] * cgf, K.FLAT_NONRESPONSE * flat)
        b = behaviour[i]
        held = contact[i]
        deact = float(deactivation[i])
        hyper = float(hyperactivation[i])
        fear = float(fear_of_caregiver[i])
        a0 = float(arousal[i])
        r0 = float(reserve[i])
        p0 = float(proximity_drive[i])
        rest = float(P.arousal_baseline[i])  # this infant's resting arousal (Ritz et al. 2012; ID2)
        soc = float(P.sociability[i])

        # Violation of expectation / unrepaired mismatch (Tronick et al. 1978; Tronick 1989): builds
        # while a present caregiver's response is missing or mismatched, falls when matched (repair).
        v = float(violation[i])
        # An infant used to a flat, less responsive face is less violated by one (infants of depressed
        # mothers react less to the still-face: Field 1984; Graham et al. 2018; CW3). All three cases are
        # computed and one kept (no unpredictable branch; matched implies present).
        repaired = v - k_repair * v
        built = v + (k_build * max(nonresp, K.BENIGN_MISMATCH_VIOLATION) * (1.0 - v)
                     * (1.0 - K.FLAT_FAMILIARITY_DAMPING * P.flat_familiarity[i]))
        faded = v - k_fade * v
        v = repaired if matched else (built if cg else faded)

        # Alarm. Still-face: a present but unresponding caregiver (Mesman et al. 2009, SF1). Separation
        # and being alone (Ainsworth et al. 1978). Stranger wariness, buffered by the caregiver (Sroufe
        # 1977).
        excess_v = _clip01((v - K.VIOLATION_TOLERANCE) * over_tolerance)
        # Looking away from a still face regulates: an infant who has turned away, or is comforting itself,
        # takes in less of the missing response (Field 1981; Stifter & Moyer 1991: gaze aversion lowers
        # heart rate). So protest peaks before withdrawal (SF5).
        averted = K.AVERSION_RELIEF if ((b == _LOOK_AWAY) | (b == _SELF_SOOTHE) | (b == _AVOID)) else 0.0
        alarm = K.VIOLATION_ALARM * excess_v * cgf * (1.0 - averted) + K.THREAT_ALARM * threat
        if not cg:
            alarm += separation[i] * (K.SEPARATION_ALARM + (0.0 if stranger_here else K.ALONE_ALARM))
        if stranger_here:
            alarm += wariness[i] * K.STRANGER_ALARM * (1.0 - K.SECURE_BASE_BUFFER * cgf)
        if stim > K.OVERSTIMULATION_LEVEL:
            alarm += K.OVERSTIMULATION_ALARM * stim * (1.0 - mf)
        alarm += K.ROOM_NOVELTY_ALARM * novelty_arr[i]
        # Fear of the caregiver amplifies alarm while the caregiver is present: the haven is also a
        # source of alarm, so stress is not soothed by their presence (Main & Hesse 1990). Arousal still
        # carried from a separation makes the reunion the hardest moment (Main & Solomon 1990).
        alarm += K.FEAR_ALARM * fear * cgf * max(a0 - rest, 0.0)
        # Reactivity scales alarm convexly: most infants react moderately, a high-reactive minority
        # strongly (Kagan & Snidman 1991: about 20% high-reactive at 4 months; ID1, ID3; _reactivity_gain).
        # A hyper-activating strategy is hypervigilant to threats to the caregiver's availability: alarm is
        # amplified (Cassidy & Berlin 1994: exaggerated distress; Main 1990).
        drive = P.reactivity_gain[i] * alarm * (1.0 + K.HYPER_ALARM * hyper)

        # Regulation. Co-regulation by matched comfort and by contact (Feldman 2007; safe haven,
        # Ainsworth 1978), faster when the working model expects a response (trust), damped by a
        # deactivating strategy (avoidant infants accept less comfort), a hyper-activating one
        # (resistant infants are slow to soothe; Cassidy & Berlin 1994) and by fear of the caregiver
        # (Main & Hesse 1990).
        trust = K.TRUST_FLOOR + (1.0 - K.TRUST_FLOOR) * expectation[i]
        acceptance = (1.0 - K.ACCEPT_DEACT * deact) * (1.0 - K.ACCEPT_HYPER * hyper) * (1.0 - K.ACCEPT_FEAR * fear)
        comfort_in = 0.0
        if cg:
            comfort_in = (comfort * mf + (K.CONTACT_COMFORT if held else 0.0)) * trust * acceptance
        elif st:
            comfort_in = K.STRANGER_COMFORT_FACTOR * (act_tab[1, sact] + (K.CONTACT_COMFORT if held else 0.0))
        soothe = (K.SOOTHABILITY_FLOOR + soothability[i]) * comfort_in * K.K_COREGULATION + K.K_SELF_REGULATION * r0

        # Masking: the displayed distress an avoidant strategy suppresses costs arousal (Spangler &
        # Grossmann 1993; PD5).
        # Distress shows once arousal is DISPLAY_MARGIN above the infant's own resting level; infants
        # younger than the first year's rise in frustration need a further YOUNG_DISPLAY_MARGIN
        # (Braungart-Rieker et al. 2010; ID7).
        threshold = rest + K.DISPLAY_MARGIN + K.YOUNG_DISPLAY_MARGIN * (1.0 - P.frustration[i])
        display = _clip01((a0 - threshold) / (1.0 - threshold))
        suppressed = display * K.MASKING_STRENGTH * deact
        a = a0 + dt * (K.K_AROUSE * drive * (1.0 - a0) - (soothe + K.K_AROUSAL_LEAK) * (a0 - rest)
                       + K.MASKING_COST * K.K_AROUSE * suppressed) + arousal_noise * z[0, i]
        a = _clip01(a)

        # Displayed negative affect follows arousal through the display gate; masked by deactivation,
        # amplified by hyper-activation (Cassidy 1994).
        # A still face sobers the infant within seconds, before arousal has risen much: a wary, sober face is
        # part of the negative display (Tronick et al. 1978; Adamson & Frick 2003; SF3, SF4).
        sober = K.SOBERING * excess_v * nonresp
        na_target = _clip01((display + sober) * (1.0 - K.MASKING_STRENGTH * deact) * (1.0 + K.HYPER_AMPLIFY * hyper))
        na = float(negative_affect[i])
        na = _clip01(na + k_neg * (na_target - na) + display_noise * z[1, i])

        # Positive affect: warm contingent input lifts it, more when matched (Tronick & Cohn 1989);
        # toys give a little; arousal and unrepaired violation damp it (SF1).
        social = warmth * (1.0 - nonresp) * (K.PA_MATCHED * mf + K.PA_UNMATCHED * (1.0 - mf))
        social += stf * K.STRANGER_WARMTH * act_tab[0, sact] * K.PA_UNMATCHED
        # A sociable infant smiles more for the same input (Gartstein & Rothbart 2003).
        social *= 1.0 + K.SOCIABILITY_PA_GAIN * (soc - K.TEMPERAMENT_MID)
        pa_target = _clip01(social + (K.PA_EXPLORE if b == _EXPLORE else 0.0)) * (1.0 - a) * (1.0 - K.PA_VIOLATION_DAMP * v)
        # Positive bids at a still face, before protest (Cohn & Tronick 1983; SF5).
        # A sociable infant keeps bidding; a less sociable one gives up as violation builds.
        # An infant used to a flat face keeps bidding at one longer: it has long had to work to re-engage
        # its caregiver (Field 1984; Graham et al. 2018: more positive affect in the still-face; CW3).
        pa_target += K.BID_POSITIVE * soc * nonresp * (
            1.0 - v * (1.0 - soc) * (1.0 - K.FLAT_FAMILIARITY_DAMPING * P.flat_familiarity[i])) * (1.0 - a)
        pa = float(positive_affect[i])
        pa = _clip01(pa + k_pos * (pa_target - pa) + display_noise * z[2, i])

        # Regulation reserve drains under sustained arousal and refills when calm (SF5 withdrawal; SF2).
        r = r0 + dt * (-K.K_RESERVE_DRAIN * max(a - K.RESERVE_DRAIN_AROUSAL, 0.0)
                       + (K.K_RESERVE_REFILL * (1.0 - r0) if a < K.RESERVE_DRAIN_AROUSAL else 0.0))
        r = _clip01(r)

        # Gaze at the caregiver: high in face-to-face play, falling with violation (SF4),
        # over-stimulation and a drained reserve (gaze aversion regulates arousal; Field 1981), pulled
        # away by exploration.
        explore_pull = K.GAZE_EXPLORE_PULL * mobility[i] * (1.0 if toys_arr[i] else 0.0) * (1.0 - p0)
        # Unrepaired violation turns gaze away less in a sociable infant, who keeps monitoring the still
        # face (socially engaged style; Montirosso et al. 2015; ID1). Face interest falls with age (ID6).
        monitor = min(max(1.0 - K.SOCIAL_MONITORING * (soc - K.TEMPERAMENT_MID), 0.0), K.MONITOR_MAX)
        g_target = cgf * K.GAZE_FACE_TO_FACE * P.face_interest[i] * (1.0 - K.GAZE_VIOLATION_DROP * v * monitor) * (
            1.0 - K.GAZE_STIM_DROP * stim * (1.0 - mf)) * (
            K.GAZE_RESERVE_FLOOR + (1.0 - K.GAZE_RESERVE_FLOOR) * r) * (1.0 - explore_pull)
        g = float(gaze[i])
        g = _clip01(g + k_gaze * (g_target - g) + display_noise * z[3, i])

        # Proximity drive: the attachment system activates with arousal and separation (Bowlby 1969).
        p_target = _clip01(K.PROXIMITY_FROM_AROUSAL * (a - rest)
                           + K.PROXIMITY_FROM_SEPARATION * separation[i] * (1.0 - cgf))
        p = p0 + k_prox * (p_target - p0)

        # Working model: signals met by a matched response raise the expectation of response, unmet
        # signals lower it (Bowlby 1969; Ainsworth et al. 1978). Slow within a session.
        e = float(expectation[i])
        learned = _clip01(e + dt * K.EXPECTATION_LEARNING_RATE * (mf - e))
        e = learned if cg & (beh_tab[1, b] > 0.0) else e

        # Stress load: cortisol-like, integrates arousal above a threshold, clears slowly (Gunnar 1992;
        # PD6).
        load = float(stress_load[i])
        load = _clip01(load + dt * K.K_LOAD * max(a - K.LOAD_AROUSAL, 0.0) - k_load_clear * load)
        v = _clip01(v)

        arousal[i] = a
        negative_affect[i] = na
        positive_affect[i] = pa
        reserve[i] = r
        gaze[i] = g
        proximity_drive[i] = p
        expectation[i] = e
        stress_load[i] = load
        violation[i] = v
        # Behaviour is drawn from the state as stored (float32).

        # Hazard-based switching: each infant reconsiders with probability dt / bout length (MR2).
        new = b
        # Clinging ends with contact: an infant put down reconsiders at once.
        if (u[0, i] < beh_tab[0, b]) | ((b == _CLING) & (not held)):
            _weights(K, w, cgf, stf, float(negative_affect[i]), float(positive_affect[i]), float(gaze[i]),
                     float(proximity_drive[i]), float(violation[i]), float(reserve[i]), float(arousal[i]),
                     deact, hyper, fear, mobility[i], separation[i], held, near[i], toys_arr[i], nonresp,
                     stim)
            total = 0.0
            for k in range(w.shape[0]):
                total += w[k]
            threshold = u[1, i] * total
            cum = 0.0
            pick = 0
            for k in range(w.shape[0]):
                cum += w[k]
                if cum < threshold:
                    pick += 1
            new = min(pick, w.shape[0] - 1)
        changed[i] = new != b
        behaviour[i] = new
        b = new

        # Proximity and contact with the partner (caregiver, else the stranger). Picking up (``hold``)
        # gives contact unless the infant is avoiding or resisting; an approach or reach becomes contact
        # when the partner accepts it; exploring, turning away or resisting ends it. Infants who cannot
        # yet crawl sit facing the partner, so ``near`` follows the partner's presence.
        partner = cg | st
        pact = act if cg else sact
        was_near = near[i]
        u2 = u[2, i]
        picked_up = partner & (act_tab[5, pact] >= 1.0) & (b != _AVOID) & (b != _RESIST)
        accepted = (partner & (beh_tab[4, b] > 0.0) & was_near & (act_tab[6, pact] == 0.0)
                    & (u2 < K.P_CONTACT_ON_APPROACH))
        let_go = (((beh_tab[2, b] > 0.0) & (u2 < K.P_LEAVE_CONTACT))
                  | ((b == _RESIST) & (u2 < K.P_PUSH_FREE))
                  | ((act_tab[7, pact] > 0.0) & (u[3, i] < K.P_PUT_DOWN)))
        held = partner & ((held & (not let_go)) | picked_up | accepted)
        contact[i] = held
        if mobility[i] > K.MOBILE_LEVEL:
            u4 = u[4, i]
            arrives = (b == _APPROACH) & (u4 < K.P_APPROACH_ARRIVES)
            wanders = (beh_tab[3, b] > 0.0) & (u4 < K.P_WANDER_OFF)
            near[i] = partner & (held | ((was_near | arrives) & (not wanders)))
        else:
            near[i] = partner


@njit(cache=True, nogil=True, inline="always")
def _weights(K, w, cgf, stf, na, pa, g, p, v, r, a, deact, hyper, fear, mob, sep, held, near, toys,
             nonresp, stim):  # pragma: no cover - compiled
    """Propensity of each behaviour for one infant, written into ``w`` (N_BEHAVIOURS,), non-negative.

    The weights are read from the state: gaze and positive affect for looking and smiling, violation
    for bids (bids peak early in the still-face, then give way to protest and withdrawal: SF5),
    displayed distress for fussing and crying, proximity drive for reaching, approaching and clinging,
    the working-model strategies for avoidance (A), resistance (C) and freezing (D). ``stf`` is 1 when
    the stranger is the partner (caregiver away), ``nonresp`` and ``stim`` the caregiver's channels.
    """
    partner = cgf + stf * K.STRANGER_PARTNER
    contact = 1.0 if held else 0.0
    free = 1.0 - contact
    calm = 1.0 - na
    w[_LOOK] = (K.LOOK_BASE + g) * calm * partner * K.W_LOOK
    w[_SMILE] = pa * (K.SMILE_BASE + g) * partner * K.W_SMILE * calm
    # Bids: a steady trickle in play, peaking when violation is half-built (SF5, SF6).
    w[_BID] = cgf * calm * (1.0 - K.BID_DEACT_DAMP * deact) * (K.BID_BASE + K.BID_VIOLATION * nonresp * v * (1.0 - v) * r) * (
        K.BID_GAZE_BASE + g)
    w[_FUSS] = K.W_FUSS * na * (1.0 - na)
    w[_CRY] = K.W_CRY * max(na - K.CRY_LEVEL, 0.0)
    # Attachment behaviour switches on above a set-goal of proximity drive (Bowlby 1969: a control system
    # activated by alarm); below it a secure infant explores and keeps in touch from a distance, using the
    # caregiver as a secure base (Ainsworth et al. 1978 ch. 5; ID5).
    # A hyper-activating strategy keeps the attachment system chronically switched on: it lowers the set-goal
    # (Cassidy & Kobak 1988; Main 1990).
    goal = K.SEEK_SET_GOAL * (1.0 - hyper)
    seek = max(p - goal, 0.0) / (1.0 - goal) * (1.0 - K.SEEK_DEACT_DAMP * deact) * (1.0 - K.SEEK_FEAR_DAMP * fear)
    # Infants seek the caregiver, rarely the stranger (Ainsworth et al. 1978 ch. 5: proximity seeking to the
    # stranger stays low in episodes 4 and 7).
    seek_partner = cgf + stf * K.STRANGER_SEEK
    w[_REACH] = seek_partner * free * seek * (K.REACH_BASE - K.REACH_MOBILITY_DROP * mob)
    w[_APPROACH] = seek_partner * free * seek * mob * (1.0 if near else K.APPROACH_FAR_GAIN)
    w[_CLING] = contact * p * (1.0 - K.CLING_DEACT_DAMP * deact) * K.W_CLING
    w[_RESIST] = contact * (K.W_RESIST * hyper * (K.RESIST_BASE + na) + K.RESIST_STRANGER * stf * na)
    w[_AVOID] = cgf * (K.W_AVOID * deact * (K.AVOID_BASE + p) + K.AVOID_WITHDRAWAL * nonresp * v * (1.0 - r)
                       + K.AVOID_FEAR * fear * p) + stf * K.AVOID_STRANGER * p
    # Self-comforting when the reserve is drained; an available (responding) caregiver is a safe haven
    # instead, unless the strategy is deactivating (Ainsworth et al. 1978; Main 1990).
    w[_SELF_SOOTHE] = (1.0 - r) * (K.SELF_SOOTHE_BASE + na) * K.W_SELF_SOOTHE * (
        1.0 - K.SAFE_HAVEN * cgf * (1.0 - nonresp) * (1.0 - deact))
    w[_EXPLORE] = (1.0 if toys else 0.0) * (1.0 - p) ** 2 * (K.EXPLORE_BASE + K.EXPLORE_MOBILITY * mob) * (
        K.EXPLORE_DEACT_FLOOR + (1.0 - K.EXPLORE_DEACT_FLOOR) * deact) * free
    w[_FREEZE] = cgf * fear * (K.FREEZE_BASE + a) * K.W_FREEZE
    # Attention-withdrawal cycles: even in happy play infants look away often, more as stimulation
    # builds (Brazelton, Koslowski & Main 1974; Field 1981). Idle looking away fades when the attachment
    # system is active (proximity drive high). In the still-face, gaze aversion grows as the regulation
    # reserve drains: withdrawal (SF5).
    w[_LOOK_AWAY] = (K.W_LOOK_AWAY * ((K.LOOK_AWAY_BASE + (1.0 - g)) * (1.0 - p) + stim)
                     + (K.WITHDRAW_BASE + K.WITHDRAW_DRAIN * (1.0 - r)) * v * nonresp)
    w[_SEARCH] = (1.0 - cgf) * p * mob * sep * (1.0 - K.SEARCH_DEACT_DAMP * deact) * K.W_SEARCH
