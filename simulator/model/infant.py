"""The infant: parameters, state and one step of the dynamics, vectorised over a batch of N infants.

Every array here has shape (N,). Latent state (arousal, reserve, violation, expectation, ...) drives
observable behaviour, which is drawn stochastically with hazard-based switching. Scoring reads the
behaviour, never the latent state. Sources for each mechanism are cited beside the code and in
``constants.py``; ``docs/model.md`` explains every variable to instructors.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from types import SimpleNamespace

import numpy as np

from . import constants as C
from .actions import CHANNELS, Action
from .behaviour import N_BEHAVIOURS, Behaviour, SIGNALS

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
            arousal=np.full(n, C.AROUSAL_REST, dtype=FLOAT),
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


@dataclass
class Context:
    """What the infant meets in one step (arrays of shape (N,)).

    ``caregiver_present``/``stranger_present`` are booleans; ``action`` and ``stranger_action`` are
    :class:`~simulator.model.actions.Action` codes (ignored where the adult is absent); ``toys`` says
    whether toys are in reach; ``matched`` is the contract's match flag for the caregiver.
    """

    caregiver_present: np.ndarray
    stranger_present: np.ndarray
    action: np.ndarray
    stranger_action: np.ndarray
    toys: np.ndarray
    matched: np.ndarray
    room_novelty: np.ndarray


#: Floating dtype of the state and parameters: float32 halves memory traffic in large batches; the
#: dynamics are far coarser than its precision.
FLOAT = np.float32


def clip01(x: np.ndarray) -> np.ndarray:
    """Clip ``x`` to [0, 1] in place (faster than ``np.clip`` on the hot path); returns ``x``."""
    np.maximum(x, 0.0, out=x)
    return np.minimum(x, 1.0, out=x)


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


_BOUT_HAZARD = C.DT_S / np.asarray(C.BOUT_MEAN_S)  # per-step probability of reconsidering, by behaviour
_CH = {k: v.astype(FLOAT) for k, v in CHANNELS.items()}
_WARMTH, _COMFORT, _STIM = _CH["warmth"], _CH["comfort"], _CH["stimulation"]
_THREAT, _NONRESP, _CONTACT, _TOY = _CH["threat"], _CH["nonresponse"], _CH["contact"], _CH["toy"]
_WARMTH_POS = np.maximum(_WARMTH, 0.0)
_EXPLORE, _AVOID, _RESIST, _APPROACH = (int(Behaviour.EXPLORE), int(Behaviour.AVOID),
                                        int(Behaviour.RESIST), int(Behaviour.APPROACH))
# Partner actions that refuse contact (no picking up, no lap to climb into).
_REFUSES_CONTACT = np.zeros(len(Action), dtype=bool)
_REFUSES_CONTACT[[Action.STILL_FACE, Action.PHONE, Action.IGNORE, Action.HARSH, Action.LEAVE,
                  Action.LEAVE_WITH_GOODBYE, Action.WAIT]] = True
# Partner actions that put a held infant down.
_PUTS_DOWN = np.zeros(len(Action), dtype=bool)
_PUTS_DOWN[[Action.IGNORE, Action.HARSH, Action.PHONE, Action.STILL_FACE, Action.LEAVE,
            Action.LEAVE_WITH_GOODBYE, Action.OFFER_TOY, Action.PLAY]] = True
_SIGNALLING = np.zeros(N_BEHAVIOURS, dtype=bool)
_SIGNALLING[[Behaviour.BID, Behaviour.FUSS, Behaviour.CRY, Behaviour.REACH, Behaviour.APPROACH]] = True
_LEAVES_PARTNER = np.zeros(N_BEHAVIOURS, dtype=bool)
_LEAVES_PARTNER[[Behaviour.EXPLORE, Behaviour.AVOID, Behaviour.LOOK_AWAY, Behaviour.SEARCH]] = True
_WANDERS = np.zeros(N_BEHAVIOURS, dtype=bool)
_WANDERS[[Behaviour.EXPLORE, Behaviour.SEARCH]] = True
_SEEKS = np.zeros(N_BEHAVIOURS, dtype=bool)
_SEEKS[[Behaviour.REACH, Behaviour.APPROACH, Behaviour.CLING]] = True


def step(params: InfantParams, ages: AgeFactors, s: InfantState, ctx: Context,
         u: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Advance N infants by one model step of ``constants.DT_S`` seconds, in place.

    Args:
        params: per-infant parameters.
        ages: age factors for the same infants.
        s: the state, updated in place.
        ctx: what the infants meet in this step.
        u: uniform random numbers in [0, 1), shape (5, N).
        z: zero-mean, unit-variance noise, shape (4, N) (centred uniforms: integrated over many steps
           they act as Gaussian noise, and cost a quarter as much to draw).

    Returns:
        Boolean array (N,): True where the behaviour changed in this step.
    """
    dt = C.DT_S
    sq = np.sqrt(dt)
    cg = ctx.caregiver_present
    st = ctx.stranger_present & ~cg  # the stranger matters as a partner only when the caregiver is away
    cgf = cg.astype(FLOAT)
    act = ctx.action
    sact = ctx.stranger_action
    matched = ctx.matched & cg
    mf = matched.astype(FLOAT)

    warmth = _WARMTH_POS[act] * cgf
    nonresp = _NONRESP[act] * cgf
    stim = _STIM[act] * cgf
    threat = _THREAT[act] * cgf
    contact_cg = s.contact & cg
    explore_now = s.behaviour == _EXPLORE

    # Violation of expectation / unrepaired mismatch (Tronick et al. 1978; Tronick 1989): builds while a
    # present caregiver's response is missing or mismatched, falls when matched (repair).
    level = np.maximum(nonresp, C.BENIGN_MISMATCH_VIOLATION)
    v = s.violation
    dv = np.where(
        cg,
        np.where(matched, -v / C.TAU_REPAIR_S, level * (1.0 - v) / C.TAU_VIOLATION_S),
        -v / C.TAU_VIOLATION_FADE_S,
    )
    v += dt * dv

    # Alarm. Still-face: a present but unresponding caregiver (Mesman et al. 2009, SF1). Separation and
    # being alone (Ainsworth et al. 1978). Stranger wariness, buffered by the caregiver (Sroufe 1977).
    excess_v = clip01((v - C.VIOLATION_TOLERANCE) * (1.0 / (1.0 - C.VIOLATION_TOLERANCE)))
    alone = ~cg & ~ctx.stranger_present
    alarm = (
        C.VIOLATION_ALARM * excess_v * cgf
        + ages.separation * (~cg) * (C.SEPARATION_ALARM + C.ALONE_ALARM * alone)
        + ages.wariness * ctx.stranger_present * C.STRANGER_ALARM * (1.0 - 0.5 * cgf)
        + C.THREAT_ALARM * threat
        + C.OVERSTIMULATION_ALARM * stim * (1.0 - mf) * (stim > 0.6)
        + C.ROOM_NOVELTY_ALARM * ctx.room_novelty
    )
    # Fear of the caregiver amplifies alarm while the caregiver is present: the haven is also a source
    # of alarm, so stress is not soothed by their presence (Main & Hesse 1990). Arousal still carried
    # from a separation makes the reunion the hardest moment, as Main & Solomon (1990) observed.
    alarm += C.FEAR_ALARM * params.fear_of_caregiver * cgf * np.maximum(s.arousal - C.AROUSAL_REST, 0.0)
    drive = (0.5 + params.reactivity) * alarm

    # Regulation. Co-regulation by matched comfort and by contact (Feldman 2007; safe haven, Ainsworth
    # 1978), faster when the working model expects a response (trust), damped by a deactivating
    # strategy (avoidant infants accept less comfort), a hyper-activating one (resistant infants are slow
    # to soothe; Cassidy & Berlin 1994) and by fear of the caregiver (Main & Hesse 1990).
    trust = C.TRUST_FLOOR + (1.0 - C.TRUST_FLOOR) * s.expectation
    acceptance = (1.0 - 0.6 * params.deactivation) * (1.0 - 0.65 * params.hyperactivation) * (
        1.0 - 0.7 * params.fear_of_caregiver)
    comfort_in = cgf * (_COMFORT[act] * mf + C.CONTACT_COMFORT * contact_cg) * trust * acceptance
    comfort_in += st * C.STRANGER_COMFORT_FACTOR * (_COMFORT[sact] + C.CONTACT_COMFORT * s.contact)
    soothe = (0.5 + params.soothability) * comfort_in * C.K_COREGULATION + C.K_SELF_REGULATION * s.reserve

    # Masking: the displayed distress an avoidant strategy suppresses costs arousal (Spangler &
    # Grossmann 1993; PD5).
    display = clip01((s.arousal - C.DISPLAY_THRESHOLD) * (1.0 / (1.0 - C.DISPLAY_THRESHOLD)))
    suppressed = display * C.MASKING_STRENGTH * params.deactivation
    a = s.arousal
    a += dt * (C.K_AROUSE * drive * (1.0 - a) - (soothe + C.K_AROUSAL_LEAK) * (a - C.AROUSAL_REST)
               + C.MASKING_COST * C.K_AROUSE * suppressed) + C.AROUSAL_NOISE * sq * z[0]
    clip01(a)

    # Displayed negative affect follows arousal through the display gate; masked by deactivation,
    # amplified by hyper-activation (Cassidy 1994).
    na_target = clip01(display * (1.0 - C.MASKING_STRENGTH * params.deactivation)
                       * (1.0 + C.HYPER_AMPLIFY * params.hyperactivation))
    na = s.negative_affect
    na += dt / C.TAU_NEGATIVE_S * (na_target - na) + C.DISPLAY_NOISE * sq * z[1]
    clip01(na)

    # Positive affect: warm contingent input lifts it, more when matched (Tronick & Cohn 1989); toys
    # give a little; arousal and unrepaired violation damp it (SF1).
    social = warmth * (1.0 - nonresp) * (C.PA_MATCHED * mf + C.PA_UNMATCHED * (1.0 - mf))
    social += st * 0.4 * _WARMTH_POS[sact] * C.PA_UNMATCHED
    pa_target = clip01(social + C.PA_EXPLORE * explore_now) * (1.0 - a) * (1.0 - 0.8 * v)
    pa = s.positive_affect
    pa += dt / C.TAU_POSITIVE_S * (pa_target - pa) + C.DISPLAY_NOISE * sq * z[2]
    clip01(pa)

    # Regulation reserve drains under sustained arousal and refills when calm (SF5 withdrawal; SF2).
    r = s.reserve
    r += dt * (-C.K_RESERVE_DRAIN * np.maximum(a - C.RESERVE_DRAIN_AROUSAL, 0.0)
               + C.K_RESERVE_REFILL * (1.0 - r) * (a < C.RESERVE_DRAIN_AROUSAL))
    clip01(r)

    # Gaze at the caregiver: high in face-to-face play, falling with violation (SF4), over-stimulation
    # and a drained reserve (gaze aversion regulates arousal; Field 1981), pulled away by exploration.
    explore_pull = C.GAZE_EXPLORE_PULL * ages.mobility * ctx.toys * (1.0 - s.proximity_drive)
    g_target = cgf * C.GAZE_FACE_TO_FACE * (1.0 - 0.75 * v) * (1.0 - 0.6 * stim * (1.0 - mf)) * (
        0.4 + 0.6 * r) * (1.0 - explore_pull)
    g = s.gaze
    g += dt / C.TAU_GAZE_S * (g_target - g) + C.DISPLAY_NOISE * sq * z[3]
    clip01(g)

    # Proximity drive: the attachment system activates with arousal and separation (Bowlby 1969).
    p_target = clip01(C.PROXIMITY_FROM_AROUSAL * (a - C.AROUSAL_REST)
                       + C.PROXIMITY_FROM_SEPARATION * ages.separation * (~cg))
    p = s.proximity_drive
    p += dt / C.TAU_PROXIMITY_S * (p_target - p)

    # Working model: signals met by a matched response raise the expectation of response, unmet signals
    # lower it (Bowlby 1969; Ainsworth et al. 1978). Slow within a session.
    signalling = _SIGNALLING[s.behaviour] & cg
    e = s.expectation
    e += dt * C.EXPECTATION_LEARNING_RATE * signalling * (mf - e)
    clip01(e)

    # Stress load: cortisol-like, integrates arousal above a threshold, clears slowly (Gunnar 1992; PD6).
    L = s.stress_load
    L += dt * (C.K_LOAD * np.maximum(a - C.LOAD_AROUSAL, 0.0) - L / C.TAU_LOAD_S)
    clip01(L)
    clip01(v)

    changed = _draw_behaviour(params, ages, s, ctx, st, u, excess_v)
    _update_contact(ages, s, ctx, st, u)
    return changed


def behaviour_weights(params: InfantParams, ages: AgeFactors, s: InfantState, ctx: Context,
                      stranger_partner: np.ndarray) -> np.ndarray:
    """Propensity of each behaviour for each infant, shape (N_BEHAVIOURS, N), non-negative.

    The weights are read from the state: gaze and positive affect for looking and smiling, violation
    for bids (bids peak early in the still-face, then give way to protest and withdrawal: SF5),
    displayed distress for fussing and crying, proximity drive for reaching, approaching and clinging,
    the working-model strategies for avoidance (A), resistance (C) and freezing (D).
    """
    cg = ctx.caregiver_present
    cgf = cg.astype(np.float64)
    partner = cgf + stranger_partner * 0.5
    na, pa, g, p, v, r = (s.negative_affect, s.positive_affect, s.gaze, s.proximity_drive,
                          s.violation, s.reserve)
    deact, hyper, fear = params.deactivation, params.hyperactivation, params.fear_of_caregiver
    mob = ages.mobility
    contact = s.contact.astype(np.float64)
    free = 1.0 - contact
    calm = 1.0 - na
    nonresp = _NONRESP[ctx.action] * cgf
    w = np.empty((N_BEHAVIOURS, cg.shape[0]))
    w[Behaviour.LOOK] = (0.25 + g) * calm * partner * C.W_LOOK
    w[Behaviour.SMILE] = pa * (0.3 + g) * partner * 1.6 * calm
    # Bids: a steady trickle in play, peaking when violation is half-built (SF5, SF6).
    w[Behaviour.BID] = cgf * calm * (1.0 - 0.7 * deact) * (0.12 + 3.0 * nonresp * v * (1.0 - v) * r) * (
        0.4 + g)
    w[Behaviour.FUSS] = 2.2 * na * (1.0 - na)
    w[Behaviour.CRY] = 5.0 * np.maximum(na - 0.45, 0.0)
    seek = p * (1.0 - 0.85 * deact) * (1.0 - 0.4 * fear)
    w[Behaviour.REACH] = partner * free * seek * (1.2 - 0.6 * mob)
    w[Behaviour.APPROACH] = partner * free * seek * mob * (1.0 + 1.5 * ~s.near)
    w[Behaviour.CLING] = contact * p * (1.0 - 0.8 * deact) * 2.5
    w[Behaviour.RESIST] = contact * (2.4 * hyper * (0.3 + na) + 0.5 * stranger_partner * na)
    w[Behaviour.AVOID] = cgf * (1.6 * deact * (0.2 + p) + 0.6 * nonresp * v * (1.0 - r)
                                + 0.8 * fear * p) + stranger_partner * 0.2 * p
    # Self-comforting when the reserve is drained; an available (responding) caregiver is a safe haven
    # instead, unless the strategy is deactivating (Ainsworth et al. 1978; Main 1990).
    w[Behaviour.SELF_SOOTHE] = (1.0 - r) * (0.2 + na) * 0.9 * (1.0 - 0.7 * cgf * (1.0 - nonresp) * (1.0 - deact))
    w[Behaviour.EXPLORE] = ctx.toys * (1.0 - p) ** 2 * (0.25 + 1.4 * mob) * (0.5 + 0.5 * deact) * free
    w[Behaviour.FREEZE] = cgf * fear * (0.2 + s.arousal) * 1.6
    # Attention-withdrawal cycles: even in happy play infants look away often, more as stimulation
    # builds (Brazelton, Koslowski & Main 1974; Field 1981).
    # Idle looking away fades when the attachment system is active (proximity drive high). In the
    # still-face, gaze aversion grows as the regulation reserve drains: withdrawal (SF5).
    w[Behaviour.LOOK_AWAY] = C.W_LOOK_AWAY * ((0.3 + (1.0 - g)) * (1.0 - p) + _STIM[ctx.action] * cgf) + (
        0.25 + 0.9 * (1.0 - r)) * v * nonresp * cgf
    w[Behaviour.SEARCH] = (1.0 - cgf) * p * mob * ages.separation * (1.0 - 0.7 * deact) * 1.4
    return w


def _gather(obj, names, idx: np.ndarray) -> SimpleNamespace:
    """A namespace holding ``obj.<name>[idx]`` for each name (a cheap subset of N-arrays)."""
    return SimpleNamespace(**{name: getattr(obj, name)[idx] for name in names})


_PARAM_NAMES = ("deactivation", "hyperactivation", "fear_of_caregiver", "reactivity", "soothability")
_STATE_NAMES = ("negative_affect", "positive_affect", "gaze", "proximity_drive", "violation", "reserve",
                "contact", "near", "arousal", "behaviour")
_CTX_NAMES = ("caregiver_present", "stranger_present", "action", "stranger_action", "toys")
_AGE_NAMES = ("mobility", "separation", "wariness")


def _draw_behaviour(params: InfantParams, ages: AgeFactors, s: InfantState, ctx: Context,
                    stranger_partner: np.ndarray, u: np.ndarray, excess_v: np.ndarray) -> np.ndarray:
    """Hazard-based switching: each infant reconsiders with probability dt / bout length (MR2).

    Weights are computed only for the infants who reconsider (about a tenth per step).
    """
    hazard = _BOUT_HAZARD[s.behaviour]
    reconsider = u[0] < hazard
    if not reconsider.any():
        return reconsider
    idx = np.flatnonzero(reconsider)
    w = behaviour_weights(_gather(params, _PARAM_NAMES, idx), _gather(ages, _AGE_NAMES, idx),
                          _gather(s, _STATE_NAMES, idx), _gather(ctx, _CTX_NAMES, idx),
                          stranger_partner[idx])
    cum = np.cumsum(w, axis=0)
    pick = (cum < (u[1, idx] * cum[-1])[None, :]).sum(axis=0)
    new = np.minimum(pick, N_BEHAVIOURS - 1).astype(np.int8)
    changed = np.zeros_like(reconsider)
    changed[idx] = new != s.behaviour[idx]
    s.behaviour[idx] = new
    return changed


def _update_contact(ages: AgeFactors, s: InfantState, ctx: Context, stranger_partner: np.ndarray,
                    u: np.ndarray) -> None:
    """Proximity and contact with the partner (caregiver, else the stranger).

    Picking up (``hold``) gives contact unless the infant is avoiding or resisting; an approach or reach
    becomes contact when the partner accepts it; exploring, turning away or resisting ends it.
    Infants who cannot yet crawl sit facing the partner, so ``near`` follows the partner's presence.
    """
    cg = ctx.caregiver_present
    partner = cg | stranger_partner
    pact = np.where(cg, ctx.action, ctx.stranger_action)
    b = s.behaviour
    refuses = _REFUSES_CONTACT[pact]
    picked_up = partner & (_CONTACT[pact] >= 1.0) & (b != _AVOID) & (b != _RESIST)
    accepted = partner & _SEEKS[b] & s.near & ~refuses & (u[2] < C.P_CONTACT_ON_APPROACH)
    let_go = (_LEAVES_PARTNER[b] & (u[2] < C.P_LEAVE_CONTACT)) | (
        (b == Behaviour.RESIST) & (u[2] < C.P_PUSH_FREE)) | (_PUTS_DOWN[pact] & (u[3] < 0.1))
    s.contact = partner & ((s.contact & ~let_go) | picked_up | accepted)
    arrives = (b == _APPROACH) & (u[4] < C.P_APPROACH_ARRIVES)
    wanders = _WANDERS[b] & (u[4] < C.P_WANDER_OFF)
    mobile = ages.mobility > 0.5
    s.near = np.where(mobile, partner & (s.contact | ((s.near | arrives) & ~wanders)), partner)
