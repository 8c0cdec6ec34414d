"""Development: months of sampled everyday moments, run through the infant model, update the working model.

Each simulated month contributes sampled days; each sampled day is a short face-to-face play bout and a
comfort-seeking moment (the infant starts upset), run step by step through the same
:func:`simulator.model.infant._step_kernel` every session uses, for N infants at once. The caregiver side of each
moment follows the infant's caregiving profile through the one caregiver decision of the in-session
policies (:class:`DevCaregivers` is ``policies.Caregivers`` with per-caregiver profile parameters). What happened in the moments (signals met or left unmet, comfort-seeking
rebuffed, frightening acts) then moves the working-model parameters toward learned targets, weighted by
the number of real days a sampled day stands for:

- ``expectation`` toward (share of signalling time met within ``MEET_WINDOW_S``) ** ``EXPECTATION_POWER``
  (Bowlby 1969; Ainsworth et al. 1978; Tronick 1989: repair, not perfect matching, is what counts);
- ``deactivation`` up with the recent share of comfort-seeking met by a rebuff, down only with comfort
  actually received (Ainsworth et al. 1978; Main 1990);
- ``hyperactivation`` toward a logistic of the unpredictability of being met, ``4 p (1-p)`` of the recent
  share ``p`` of distress signals met among those met or missed (Cassidy & Berlin 1994);
- ``fear_of_caregiver`` toward ``FEAR_GAIN`` x the share of time meeting frightening or frightened acts
  (Main & Hesse 1990).

All constants are in ``population/constants.py``.

No classification is set here: the developed infant goes through the Strange Situation, and scoring
reads its behaviour.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numba import njit

from .. import constants as C
from .. import infant as _infant
from .. import policies as _policies
from .. import random_stream as _random_stream
from ..kernel_cache import depends_on
from ..random_stream import NOISE_ROW, UNIFORMS_PER_STEP, fill_uniforms, infant_keys
from ..actions import MATCH_BY_STATE, Action
from ..behaviour import N_BEHAVIOURS, SIGNALS, Behaviour
from ..infant import (_ACTION_TABLE, _BEHAVIOUR_TABLE, FLOAT, AgeFactors, InfantParams, InfantState,
                      KernelContext, _step_kernel, kernel_infants, kernel_state)
from ..params import TEMPERAMENT, sample_temperament
from ..policies import _TIMING, _WELLBEING, TABLES, Caregivers, Policy, _decide_kernel
from ..policies import NEEDY as _SEEKING_OR_DISTRESSED
from . import constants as K
from .profiles import ProfileParams, phone_share

DT = C.DT_S

# Signals the infant sends: distress and comfort-seeking (the safe-haven signals), and positive bids.
_DISTRESS_SIGNAL = np.zeros(N_BEHAVIOURS, dtype=bool)
_DISTRESS_SIGNAL[[Behaviour.FUSS, Behaviour.CRY, Behaviour.REACH, Behaviour.APPROACH, Behaviour.CLING]] = True
_BID_SIGNAL = np.zeros(N_BEHAVIOURS, dtype=bool)
_BID_SIGNAL[Behaviour.BID] = True
_NEG_BOUT = np.zeros(N_BEHAVIOURS, dtype=bool)
_NEG_BOUT[[Behaviour.FUSS, Behaviour.CRY]] = True
_MATCH = np.ascontiguousarray(MATCH_BY_STATE, dtype=bool)
_SIGNALS = np.asarray(SIGNALS, dtype=np.int64)
_NEEDY = np.asarray(_SEEKING_OR_DISTRESSED, dtype=bool)
_SENSITIVE = 0  # a literal (numba caches globals with the code), checked against policies.py:
assert _SENSITIVE == Policy.SENSITIVE, "policies.py renumbered its policies: update development.py"
#: Rows of the per-infant sums a moment keeps (see :class:`MomentStats`).
_STATS = ("distress_met", "distress_unmet", "bid_met", "bid_unmet", "seek_steps", "rebuff_steps", "threat",
          "matched_steps", "positive_affect", "negative_affect", "neg_bouts", "neg_bout_steps",
          "distress_rebuffed", "comforted_steps", "flat_sum")


class DevCaregivers(Caregivers):
    """The caregivers of N everyday moments: the one :class:`~simulator.model.policies.Caregivers`, with
    each caregiver's profile parameters (arrays (N,)), deciding as the in-session ``sensitive`` policy
    does through the same compiled decision kernel and tables.

    At each decision the caregiver is, in this order: on the phone (share of the day), frightening
    (episodes a day), unavailable (1 - consistency), rebuffing comfort-seeking (1 - comfort_welcome,
    only when the perceived infant is distressed or seeking), reading the signal right (sensitivity), or
    else keeping to their own agenda (see ``policies._decide_kernel``).
    """

    def __init__(self, prof: ProfileParams) -> None:
        n = prof.n
        super().__init__(n, prof.sensitivity, prof.response_lag_s, prof.bout_s,
                         consistency=prof.consistency, comfort_welcome=prof.comfort_welcome,
                         phone_share=phone_share(prof.phone_hours),
                         fright_share=np.clip(prof.frightening_per_day * K.FRIGHT_P_PER_EPISODE, 0.0, 1.0),
                         depressive_symptoms=prof.depressive_symptoms)
        self._everyday = {
            "policy": np.full(n, Policy.SENSITIVE, dtype=np.int8), "t_episode": np.zeros(n),
            "remaining_s": np.full(n, np.inf), "reunion": np.zeros(n, dtype=bool),
            "leaves": np.zeros(n, dtype=bool), "goodbye": np.zeros(n, dtype=bool),
            "scripted": np.ones(n, dtype=bool),
        }

    def decide_everyday(self, u: np.ndarray) -> np.ndarray:
        """This step's action codes (N,) in an everyday moment, from uniforms ``u`` of shape (3, N)."""
        e = self._everyday
        return self.decide(e["policy"], Policy.SENSITIVE, e["t_episode"], e["remaining_s"], e["reunion"],
                           e["leaves"], e["goodbye"], u, e["scripted"])


@dataclass
class MomentStats:
    """What happened in one sampled moment, per infant (arrays of shape (N,)).

    ``distress_met``/``distress_unmet`` and ``bid_met``/``bid_unmet`` count signalling steps that were met
    (matched, or unmatched for at most ``MEET_WINDOW_S`` so far) or unmet (unmatched for longer); ``seek_steps`` are steps of distress or
    comfort-seeking, ``rebuff_steps`` those met by a rebuff; ``threat`` counts steps under a frightening or
    frightened act; ``steps`` the moment's length; ``matched_steps``, ``positive_affect`` and
    ``negative_affect`` are sums over steps; ``neg_bouts``/``neg_bout_steps`` count fuss-or-cry bouts and
    their steps (MR3); ``distress_rebuffed`` counts the unmet distress steps whose caregiver was
    rebuffing them (the rest were missed: unavailable, distracted, late); ``comforted_steps`` are steps
    of distress or comfort-seeking met by a matched response.
    """

    distress_met: np.ndarray
    distress_unmet: np.ndarray
    bid_met: np.ndarray
    bid_unmet: np.ndarray
    seek_steps: np.ndarray
    rebuff_steps: np.ndarray
    threat: np.ndarray
    steps: int
    matched_steps: np.ndarray
    positive_affect: np.ndarray
    negative_affect: np.ndarray
    neg_bouts: np.ndarray
    neg_bout_steps: np.ndarray
    distress_rebuffed: np.ndarray
    comforted_steps: np.ndarray
    flat_sum: np.ndarray | None = None  # sum over steps of the caregiver's flatness (0-1)


def run_moment(params: InfantParams, care: DevCaregivers, rng: np.random.Generator, seconds: float,
               upset: bool, toys: bool = True, state: InfantState | None = None) -> MomentStats:
    """Run one everyday moment of ``seconds`` for N infants with their caregivers present.

    Args:
        params: the infants' current parameters (working model as developed so far), arrays (N,).
        care: the caregivers (their profile parameters); reset at the start of the moment.
        rng: the one random generator of the development run.
        seconds: length of the moment (s).
        upset: True for a comfort-seeking moment (the infant starts upset), False for play.
        toys: toys in reach.
        state: continue from this state (updated in place) instead of a fresh one.

    Returns:
        :class:`MomentStats`.
    """
    n = params.n
    ages = AgeFactors(params.age_months)
    s = InfantState.initial(params) if state is None else state
    if upset:
        s.arousal[:] = K.COMFORT_AROUSAL
        s.negative_affect[:] = K.COMFORT_NEGATIVE
        s.proximity_drive[:] = K.COMFORT_PROXIMITY
        s.positive_affect[:] = 0.0
        s.behaviour[:] = Behaviour.CRY
    # The caregiver perceives the upset only after their response lag: the memory starts calm.
    care.reset(np.full(n, Behaviour.LOOK, dtype=np.int8), Action.WAIT if upset else Action.SMILE)
    yes = np.ones(n, dtype=bool)
    no = np.zeros(n, dtype=bool)
    ctx = KernelContext(yes, no, care.action, np.full(n, Action.WAIT, dtype=np.int8), yes if toys else no,
                        np.zeros(n, dtype=bool), np.zeros(n, dtype=FLOAT), care.flat)
    steps = int(round(seconds / DT))
    keys = infant_keys(rng, n)  # this moment's stream for each infant, numbered by step (random_stream.py)
    u = np.zeros((UNIFORMS_PER_STEP, n), dtype=np.float32)
    e = care._everyday
    acc = np.zeros((len(_STATS), n))
    _moment_kernel(keys, u, steps, _infant.CONSTANTS, _ACTION_TABLE, _BEHAVIOUR_TABLE, kernel_infants(params, ages),
                   kernel_state(s), ctx, care._k, care._hist, care._ptr, _TIMING, TABLES, _WELLBEING, e["policy"],
                   e["t_episode"], e["remaining_s"], e["reunion"], e["leaves"], e["goodbye"], e["scripted"], yes,
                   _MATCH, _SIGNALS, _DISTRESS_SIGNAL, _BID_SIGNAL, _NEEDY, _NEG_BOUT, K.MEET_WINDOW_S, DT, acc)
    care._ptr = (care._ptr + steps) % care._hist.shape[0]
    stats = dict(zip(_STATS, acc))
    flat_sum = stats.pop("flat_sum")
    return MomentStats(steps=steps, flat_sum=flat_sum, **stats)


@njit(cache=True, nogil=True)
def _moment_kernel(keys, u, K, CK, act_tab, beh_tab, P, S, X, D, hist, ptr0, timing, T, W, policy, t_episode,
                   remaining, reunion, leaves, goodbye, scripted, live, match, signals, distress, bid, needy,
                   neg_bout, window, dt, acc):  # pragma: no cover - compiled
    """One everyday moment's steps for N infants with their caregivers present, in one compiled loop.

    Each step: the caregiver decides (the sessions' :func:`~simulator.model.policies._decide_kernel`, the
    ``sensitive`` policy with each caregiver's profile), then the infant steps (the sessions'
    :func:`~simulator.model.infant._step_kernel`), then this moment's sums in ``acc`` ((15, N), rows as
    ``_STATS``) grow. Step j's random numbers are computed into ``u`` (float32 (12, N)) from ``keys``
    (uint64 (N,)), as :meth:`Session.step` computes them (random_stream.py); ``hist`` the caregivers' ring of past behaviour (row ``(ptr0 + j) % H`` at
    step j). Signal time met: a signalling step counts as met when the caregiver is matched or the
    current unmatched run (s) is still within ``window``; otherwise unmet. An unmet distress step is
    *rebuffed* when the caregiver's current act is a rebuff, else missed.
    """
    n = S.behaviour.shape[0]
    H = hist.shape[0]
    b0 = np.empty(n, dtype=np.int8)
    changed = np.empty(n, dtype=np.bool_)
    run_d = np.zeros(n)  # current unmatched run of distress/comfort-seeking (s)
    run_b = np.zeros(n)  # current unmatched run of positive bids (s)
    prev_neg = np.empty(n, dtype=np.bool_)
    for i in range(n):
        prev_neg[i] = neg_bout[S.behaviour[i]]
    for j in range(K):
        fill_uniforms(keys, j, u, live, 0, n)
        for i in range(n):
            b0[i] = S.behaviour[i]
        _decide_kernel(policy, _SENSITIVE, t_episode, remaining, reunion, leaves, goodbye, u[5:8], scripted, D,
                       hist, (ptr0 + j) % H, timing, T, W, live, 0, n)
        for i in range(n):
            X.matched[i] = match[signals[b0[i]], D.action[i]]
        _step_kernel(CK, act_tab, beh_tab, P, S, X, u, u[NOISE_ROW:], changed, live, 0, n)
        row = (ptr0 + j + 1) % H
        for i in range(n):
            hist[row, i] = S.behaviour[i]
            acc[14, i] += D.flat[i]
            b = b0[i]
            m = X.matched[i]
            sig_d = distress[b]
            sig_b = bid[b]
            nd = needy[b]
            run_d[i] = 0.0 if (m or not (sig_d or nd)) else run_d[i] + dt
            run_b[i] = 0.0 if (m or not sig_b) else run_b[i] + dt
            late_d = sig_d and run_d[i] > window
            late_b = sig_b and run_b[i] > window
            acc[1, i] += 1.0 if late_d else 0.0
            acc[0, i] += 1.0 if (sig_d and not late_d) else 0.0
            acc[12, i] += 1.0 if (late_d and D.rebuff[i]) else 0.0
            acc[3, i] += 1.0 if late_b else 0.0
            acc[2, i] += 1.0 if (sig_b and not late_b) else 0.0
            acc[4, i] += 1.0 if nd else 0.0
            acc[5, i] += 1.0 if (nd and D.rebuff[i]) else 0.0
            acc[13, i] += 1.0 if (nd and m) else 0.0
            acc[6, i] += 1.0 if D.frightening[i] else 0.0
            acc[7, i] += 1.0 if m else 0.0
            acc[8, i] += S.positive_affect[i]
            acc[9, i] += S.negative_affect[i]
            neg = neg_bout[S.behaviour[i]]
            acc[10, i] += 1.0 if (neg and not prev_neg[i]) else 0.0
            acc[11, i] += 1.0 if neg else 0.0
            prev_neg[i] = neg


depends_on(_moment_kernel, _infant, _policies, _random_stream)  # it compiles their step kernels into itself


@dataclass
class DevelopmentResult:
    """A development run: the developed infants and a per-infant record of their history (arrays (N,))."""

    params: InfantParams
    profile: ProfileParams
    months: float
    met_share: np.ndarray  # lifetime share of signals met within the window
    rebuff_share: np.ndarray  # lifetime share of comfort-seeking steps met by a rebuff
    distress_met: np.ndarray  # long-run (recent-weighted) share of distress signals met
    threat_share: np.ndarray  # lifetime share of moment time meeting frightening acts
    matched_share: np.ndarray  # lifetime share of moment time matched


def unpredictability_target(p_met: np.ndarray) -> np.ndarray:
    """Hyperactivation target (0-1) from the recent share of distress signals met, shape (N,)."""
    v = 4.0 * p_met * (1.0 - p_met)
    return 1.0 / (1.0 + np.exp(-(v - K.UNPRED_MIDPOINT) / K.UNPRED_WIDTH))


def _weight(days: float, tau_days: float) -> float:
    """Share of the way to a target covered in ``days`` with time constant ``tau_days``."""
    return float(1.0 - np.exp(-days / tau_days))


#: Support settings for a development run (science.md CW5): none, treating the caregiver's depression, or
#: help for caregiver and infant together (a sensitivity-focused dyadic intervention).
SUPPORT = ("none", "treatment", "dyadic")


def supported(profile: ProfileParams, support: str) -> ProfileParams:
    """The caregiving parameters once ``support`` has started (a copy; arrays (N,)).

    ``treatment`` lowers depressive symptoms by ``K.TREATMENT_SYMPTOM_REDUCTION`` (treatment helps the
    parent's mood; Forman et al. 2007 found it did not by itself improve the relationship). ``dyadic``
    moves sensitivity a share ``K.DYADIC_SENSITIVITY_GAIN`` of the way to 1 and shortens the response lag
    by ``K.DYADIC_LAG_FACTOR`` (sensitivity-focused interventions; Bakermans-Kranenburg et al. 2003;
    Cicchetti et al. 1999), and lowers symptoms as treatment does. What happens to the infant is not set:
    it emerges from the development that follows.
    """
    if support not in SUPPORT:
        raise ValueError(f"unknown support {support!r}; valid: {', '.join(SUPPORT)}")
    p = profile.subset(np.arange(profile.n))
    if support in ("treatment", "dyadic"):
        p.depressive_symptoms = p.depressive_symptoms * (1.0 - K.TREATMENT_SYMPTOM_REDUCTION)
    if support == "dyadic":
        p.sensitivity = p.sensitivity + K.DYADIC_SENSITIVITY_GAIN * (1.0 - p.sensitivity)
        p.response_lag_s = p.response_lag_s * K.DYADIC_LAG_FACTOR
    return p.clipped()


def develop(profile: ProfileParams, months: float, n: int | None = None,
            rng: np.random.Generator | int | None = 0, temperament: dict[str, np.ndarray] | None = None,
            age_months: float | None = None,
            samples_per_month: float = K.SAMPLES_PER_MONTH, support: str = "none",
            support_from_months: float = 0.0) -> DevelopmentResult:
    """Develop N infants over ``months`` of everyday moments with their caregivers.

    Args:
        profile: per-infant caregiving parameters (:class:`ProfileParams`, arrays (N,)), e.g.
            ``ProfileParams.from_profile("good_enough", n)`` or a population draw.
        months: length of the history (months); the infants are this old at the end.
        n: batch size (defaults to ``profile.n``; must equal it when given).
        rng: a ``np.random.Generator`` or a seed; the run is deterministic for a seed and N.
        temperament: each infant's temperament, ``params.TEMPERAMENT`` names -> arrays (N,); a name left
            out is drawn from its documented distribution with ``rng`` (every infant a different baby).
        age_months: the age written into the result (default ``months``).
        samples_per_month: sampled days per month (each a play bout and a comfort moment).
        support: ``none``, ``treatment`` or ``dyadic`` (see :func:`supported`), from
            ``support_from_months`` of age on. The result's ``profile`` is the caregiving at the end.

    Returns:
        :class:`DevelopmentResult` whose ``params`` (:class:`InfantParams`) carry the developed working
        model: ``expectation``, ``deactivation``, ``hyperactivation``, ``fear_of_caregiver``.
    """
    if n is None:
        n = profile.n
    if n != profile.n:
        raise ValueError(f"n={n} but the profile has {profile.n} caregivers")
    if not isinstance(rng, np.random.Generator):
        rng = np.random.default_rng(rng)
    months = float(months)
    if months < 0:
        raise ValueError("months must be >= 0")
    profile = profile.clipped()
    drawn = sample_temperament(n, rng)
    temper = {name: np.asarray((temperament or {}).get(name, drawn[name]), dtype=np.float64)
              for name in TEMPERAMENT}
    e = np.full(n, K.BIRTH_EXPECTATION)
    deact = np.full(n, K.BIRTH_DEACTIVATION)
    hyper = np.full(n, K.BIRTH_HYPERACTIVATION)
    fear = np.full(n, K.BIRTH_FEAR)
    fam = np.zeros(n)  # familiarity with a flat face (CW3)
    dm_run = np.full(n, K.PRIOR_MET)  # recency-weighted counts of distress signals met / unmet
    du_run = np.full(n, K.PRIOR_UNMET)
    r_run = np.zeros(n)  # recency-weighted share of comfort-seeking met by a rebuff
    m_run = np.full(n, 0.5)  # ... and by matched comfort
    life = {k: np.zeros(n) for k in ("met", "signals", "rebuff", "seek", "threat", "steps", "matched")}
    care = DevCaregivers(profile)
    samples = int(np.ceil(months * samples_per_month - 1e-9)) if months > 0 else 0
    days = months * K.DAYS_PER_MONTH / max(samples, 1)
    w_e = _weight(days, K.TAU_EXPECTATION_DAYS)
    w_d = _weight(days, K.TAU_DEACTIVATION_DAYS)
    w_h = _weight(days, K.TAU_HYPERACTIVATION_DAYS)
    w_f = _weight(days, K.TAU_FEAR_DAYS)
    keep_u = float(np.exp(-days / K.TAU_UNPREDICTABILITY_DAYS))
    helped = support == "none"
    if not helped:
        supported(profile, support)  # an unknown support is an error before any work
    for k in range(samples):
        age = K.START_AGE_MONTHS + (k + 0.5) * (months - K.START_AGE_MONTHS) / samples
        if not helped and age >= support_from_months:
            profile = supported(profile, support)
            care = DevCaregivers(profile)
            helped = True
        p = InfantParams(age_months=np.full(n, age), expectation=e, deactivation=deact, hyperactivation=hyper,
                         fear_of_caregiver=fear, flat_familiarity=fam, **temper)
        play = run_moment(p, care, rng, K.PLAY_S, upset=False)
        comfort = run_moment(p, care, rng, K.COMFORT_S, upset=True)
        dm = play.distress_met + comfort.distress_met
        du = play.distress_unmet + comfort.distress_unmet
        dr = play.distress_rebuffed + comfort.distress_rebuffed
        bm = play.bid_met + comfort.bid_met
        bu = play.bid_unmet + comfort.bid_unmet
        met = dm + K.BID_WEIGHT * bm
        total = dm + du + K.BID_WEIGHT * (bm + bu)
        share = (met + K.PRIOR_SIGNALS * e ** (1.0 / K.EXPECTATION_POWER)) / (total + K.PRIOR_SIGNALS)
        e_target = share ** K.EXPECTATION_POWER
        seek = play.seek_steps + comfort.seek_steps
        reb = play.rebuff_steps + comfort.rebuff_steps
        com = play.comforted_steps + comfort.comforted_steps
        r_run = keep_u * r_run + (1.0 - keep_u) * reb / (seek + K.PRIOR_SEEK_STEPS)
        m_run = keep_u * m_run + (1.0 - keep_u) * com / (seek + K.PRIOR_SEEK_STEPS)
        r = np.maximum(r_run - K.DEACT_FLOOR, 0.0)
        m = m_run
        dm_run = keep_u * dm_run + dm
        du_run = keep_u * du_run + (du - dr)  # missed, not rebuffed: a rebuff is predictable
        pm = dm_run / (dm_run + du_run)
        h_target = unpredictability_target(pm)
        steps = play.steps + comfort.steps
        thr = (play.threat + comfort.threat) / steps
        f_target = np.minimum(1.0, K.FEAR_GAIN * thr)
        e += w_e * (e_target - e)
        # Deactivation is learned from rebuffs and unlearned only from comfort actually received: an
        # infant who no longer seeks comfort gets no evidence against its strategy (Main 1990).
        deact += w_d * (K.DEACT_GAIN * r * (1.0 - deact) - K.DEACT_UNLEARN * m * deact)
        hyper += w_h * (h_target - hyper)
        fear += w_f * (f_target - fear)
        # Familiarity with a flat face follows the share of time the caregiver's expression was flat
        # (Field 1984: infants of depressed mothers are used to it).
        flat_share = (play.flat_sum + comfort.flat_sum) / steps
        fam += w_e * (np.minimum(1.0, K.FAMILIARITY_GAIN * flat_share) - fam)
        life["met"] += met
        life["signals"] += total
        life["rebuff"] += reb
        life["seek"] += seek
        life["threat"] += play.threat + comfort.threat
        life["steps"] += steps
        life["matched"] += play.matched_steps + comfort.matched_steps
    final_age = months if age_months is None else float(age_months)
    params = InfantParams(age_months=np.full(n, final_age), expectation=np.clip(e, 0, 1),
                          deactivation=np.clip(deact, 0, 1), hyperactivation=np.clip(hyper, 0, 1),
                          fear_of_caregiver=np.clip(fear, 0, 1), flat_familiarity=np.clip(fam, 0, 1),
                          **{k: v.copy() for k, v in temper.items()})
    with np.errstate(invalid="ignore", divide="ignore"):
        return DevelopmentResult(
            params=params, profile=profile, months=months,
            met_share=np.where(life["signals"] > 0, life["met"] / np.maximum(life["signals"], 1e-9), np.nan),
            rebuff_share=np.where(life["seek"] > 0, life["rebuff"] / np.maximum(life["seek"], 1e-9), np.nan),
            distress_met=dm_run / (dm_run + du_run),
            threat_share=life["threat"] / np.maximum(life["steps"], 1),
            matched_share=life["matched"] / np.maximum(life["steps"], 1),
        )


def free_play(profile: ProfileParams, params: InfantParams, seconds: float = 120.0,
              rng: np.random.Generator | int | None = 0) -> dict[str, np.ndarray]:
    """One free-play interaction of ``seconds`` (the MR3 comparison), per infant (arrays (N,)).

    Returns ``matched_share`` (0-1), ``positive_affect`` and ``negative_affect`` (means, 0-1),
    ``neg_bout_s`` (mean length of fuss/cry bouts, s; NaN without one) and ``neg_share`` (share of time
    fussing or crying).
    """
    if not isinstance(rng, np.random.Generator):
        rng = np.random.default_rng(rng)
    care = DevCaregivers(profile.clipped())
    m = run_moment(params, care, rng, seconds, upset=False)
    with np.errstate(invalid="ignore", divide="ignore"):
        return {
            "matched_share": m.matched_steps / m.steps,
            "positive_affect": m.positive_affect / m.steps,
            "negative_affect": m.negative_affect / m.steps,
            "neg_bout_s": np.where(m.neg_bouts > 0, m.neg_bout_steps * DT / np.maximum(m.neg_bouts, 1), np.nan),
            "neg_share": m.neg_bout_steps / m.steps,
        }


def post_procedure_load(params: InfantParams, final: dict[str, np.ndarray], seconds: float = 900.0,
                        rng: np.random.Generator | int | None = 0, profile: str = "good_enough") -> np.ndarray:
    """Stress load (0-1, shape (N,)) after a quiet post-procedure period with the caregiver.

    Continues from the end of a procedure (``final``: ``arousal`` and ``stress_load`` arrays (N,), as
    ``model.batch`` returns them) with the caregiver present and a standard ``profile`` caregiver for
    ``seconds`` (Spangler & Grossmann 1993 sampled cortisol 15 and 30 minutes after the Strange Situation).
    """
    from .profiles import ProfileParams

    if not isinstance(rng, np.random.Generator):
        rng = np.random.default_rng(rng)
    s = InfantState.initial(params)
    s.arousal[:] = np.asarray(final["arousal"], dtype=s.arousal.dtype)
    s.stress_load[:] = np.asarray(final["stress_load"], dtype=s.stress_load.dtype)
    care = DevCaregivers(ProfileParams.from_profile(profile, params.n))
    run_moment(params, care, rng, seconds, upset=False, state=s)
    return s.stress_load.astype(np.float64)
