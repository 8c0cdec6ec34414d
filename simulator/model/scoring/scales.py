"""Ainsworth's interactive scales (1-7 per episode) scored from the behaviour log, vectorised over N.

Source: Ainsworth, Blehar, Waters & Wall (1978), *Patterns of Attachment*, Appendix III (science.md
SS3, SS4). Each scale weighs initiative, promptness, frequency and duration; Appendix III gives each
point of each scale as a verbal anchor. The rules below turn every anchor into a threshold on coded
behaviour (seconds, bouts, shares of the partner's time), always taking the *highest* anchor whose
rule is met. The SS4 thresholds are exact: a 7 for proximity seeking needs a full approach that
achieves contact held at least 15 s without turning away, and in an episode where the partner has
just entered (5, 7 and 8) a 7 cannot be given if the first approach starts more than 30 s in.

The *partner* is the caregiver in episodes with the caregiver, else the stranger (episodes 4 and 7):
proximity seeking, contact maintaining, resistance, avoidance and distance interaction are scored
toward the partner; search is scored where the caregiver is absent (4, 6 and 7).
"""

from __future__ import annotations

import numpy as np

from . import features as F
from .structure import CAREGIVER, NO_PARTNER

B = F.B
SCALES = ("proximity_seeking", "contact_maintaining", "resistance", "avoidance", "search",
          "distance_interaction")

# --- SS4 (exact) ----------------------------------------------------------------------------------------
#: Contact must be held at least this long, without turning away, for a proximity-seeking 7 (SS4).
HOLD_FOR_7_S = 15.0
#: In an episode the partner has just entered, no 7 if the first approach starts later than this (SS4).
PROMPT_APPROACH_S = 30.0
#: A contact counts as achieved by a *full* approach when the infant arrived next to the partner by
#: approaching no more than this long before contact began (the approach carries through to contact).
FULL_APPROACH_WINDOW_S = 5.0
#: A seeking bout at least this long is a clear (not merely intention-movement) effort (Appendix III 3).
CLEAR_BOUT_S = 1.0

# --- Contact maintaining (Appendix III: duration of contact, clinging, resisting release) --------------
#: Protest (fuss, cry, reach, approach) within this long after contact ends counts as resisting release.
RELEASE_PROTEST_S = 5.0
CM_LONG_S = 120.0  # 7: in contact at least 2 minutes (or 2/3 of a shorter episode)
CM_MINUTE_S = 60.0  # 6, 5, 4: in contact more than a minute
CM_SOME_S = 20.0  # 4: some sustained contact with clinging
CLING_STRONG_S = 10.0  # 5: clear clinging
CLING_SOME_S = 5.0  # 4: some clinging
CLING_ANY_S = 2.0  # 3: brief clinging

# --- Resistance (Appendix III: pushing away, squirming, angry behaviour toward the partner) -----------
RS_LONG_BOUT_S = 2.0  # 4 vs 3: one fairly intense (>= 2 s) instance vs a mild one
RS_PETULANCE_S = 5.0  # 2: fussing or crying while held, without pushing away (petulance)
RS_MODERATE_S = 5.0  # 5: resistance adding up to at least this long
RS_INTENSE_S = 8.0  # 6: with 3 or more instances
RS_PERSISTENT_S = 12.0  # 7: with 4 or more instances

# --- Avoidance (Appendix III: ignoring, looking/turning/moving away), shares of the partner's time ----
AV_SHARES = (0.30, 0.20, 0.12, 0.06)  # 7, 6, 5, 4 (with AV_BOUTS bouts for 7, 6, 5)
AV_BOUTS = (4, 3, 2)
AV_LONG_BOUT_S = 2.0  # 3 vs 2: one clear turning away vs a fleeting one

# --- Search (Appendix III: following to the door, looking at the door or the empty chair) ------------
SE_SHARES = (0.40, 0.25, 0.15, 0.08, 0.03)  # 7, 6, 5, 4, 3 (3 also with 2 or more bouts)

# --- Distance interaction (Appendix III: smiling, vocalising, showing, looking at a distance) --------
DI_SHARES = (0.30, 0.20, 0.12, 0.08, 0.04)  # 7, 6, 5 (with DI_BOUTS active bouts), 4, 3
DI_BOUTS = (4, 3, 2)


def _ladder(*rules: tuple[int, np.ndarray], n: int) -> np.ndarray:
    """The highest score whose rule holds; 1 where none does. ``rules``: (score, bool (N,)) pairs."""
    out = np.ones(n)
    for score, ok in rules:
        out = np.where(ok & (out < score), float(score), out)
    return out


def score_episode(block: np.ndarray, length: np.ndarray, partner: int, separation: bool, entered: bool,
                  dt: float) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Score one episode for N infants.

    Args:
        block: episode-aligned log codes, uint8 (N, L) (see :func:`features.episode_block`).
        length: episode length per infant in steps, int (N,).
        partner: :data:`structure.CAREGIVER`, :data:`structure.STRANGER` or :data:`structure.NO_PARTNER`.
        separation: the caregiver is absent (search applies).
        entered: the partner has just come in (the SS4 30-second rule applies).
        dt: step length in seconds.

    Returns:
        ``(scales, feats)``: each scale as float (N,) (1-7, NaN where it does not apply), and the
        features the classification and the disorganisation index use (float (N,), seconds or counts).
    """
    N, L = block.shape
    nan = np.full(N, np.nan)
    s = lambda sec: int(round(sec / dt))  # noqa: E731 - seconds to steps
    length = np.asarray(length, dtype=np.int64)
    scales = {name: nan.copy() for name in SCALES}
    feats: dict[str, np.ndarray] = {"duration_s": length * dt}
    if partner == CAREGIVER:
        # The caregiver may step out before the episode ends (saying bye-bye): score only their time.
        pm = (block & F.CAREGIVER_BIT) != 0
        beh = np.where(pm, block & F.BEHAVIOUR_MASK, np.uint8(F.PAD))
        p_steps = np.count_nonzero(pm, axis=1)
    else:
        beh = block & F.BEHAVIOUR_MASK
        p_steps = length
    R = F.runs(beh)
    R = R.select(R.value != F.PAD)
    steps = np.bincount(R.row * 16 + R.value, weights=R.length, minlength=N * 16).reshape(N, 16)
    bouts = np.bincount(R.row * 16 + R.value, minlength=N * 16).reshape(N, 16)
    feats["crying_s"] = steps[:, B.CRY] * dt
    feats["distress_s"] = steps[:, F.DISTRESS].sum(axis=1) * dt
    feats["explore_s"] = steps[:, B.EXPLORE] * dt  # play with the toys (a return to play, SS5)
    # Distress in the last 30 s of the episode: does it resolve? (SS5: B resolves, C does not.)
    dr = R.of(F.DISTRESS)
    tail0 = length[dr.row] - s(30.0)
    overlap = np.clip(np.minimum(dr.start + dr.length, length[dr.row]) - np.maximum(dr.start, tail0), 0, None)
    feats["late_distress_s"] = dr.per_row(N, overlap) * dt

    if separation:
        share = steps[:, B.SEARCH] / np.maximum(length, 1)
        nb = bouts[:, B.SEARCH]
        sh = SE_SHARES
        scales["search"] = _ladder((2, nb >= 1), (3, (share >= sh[4]) | (nb >= 2)), (4, share >= sh[3]),
                                   (5, share >= sh[2]), (6, share >= sh[1]), (7, share >= sh[0]), n=N)
    if partner == NO_PARTNER:
        return scales, feats
    pden = np.maximum(p_steps, 1)

    # --- Proximity and contact seeking (Appendix III; SS4) ------------------------------------------
    app = R.of(F.table(B.APPROACH))
    first_app = F.first_start(app, N, none=np.inf)
    feats["first_approach_s"] = np.where(np.isfinite(first_app), first_app * dt, np.nan)
    feats["approach_bouts"] = bouts[:, B.APPROACH].astype(float)
    # A full approach: the infant approaches from a distance and arrives next to the partner (the
    # step where "near" switches on while approaching).
    near = F.true_runs((block & F.NEAR_BIT) != 0)
    near = near.select(near.start > 0)
    arrive = near.select(F.gather(beh, near.row, near.start) == B.APPROACH)
    arrive = F.Runs(arrive.row, arrive.start, np.ones_like(arrive.length), arrive.value, L)
    contact = F.true_runs((block & F.CONTACT_BIT) != 0)
    on = contact.select(contact.start > 0)  # contact achieved in this episode (not carried over)
    on_beh = F.gather(beh, on.row, on.start)
    active = F.SEEK[on_beh]  # achieved while reaching, approaching or clinging: the infant's own effort
    w = s(FULL_APPROACH_WINDOW_S)
    full = active & F.any_in(arrive, on.row, on.start - w, on.start + 1)
    hold = s(HOLD_FOR_7_S)
    avoid = R.of(F.table(B.AVOID))
    held = (on.length >= hold) & ~F.any_in(avoid, on.row, on.start, on.start + hold)
    if entered:
        prompt = first_app * dt <= PROMPT_APPROACH_S
    else:
        prompt = np.ones(N, dtype=bool)
    seek = R.of(F.SEEK).merged()
    n_seek = seek.per_row(N)
    clear = seek.per_row(N, (seek.length >= s(CLEAR_BOUT_S)).astype(float)) > 0

    def rows_any(mask: np.ndarray, rows: np.ndarray) -> np.ndarray:
        return np.bincount(rows[mask], minlength=N) > 0

    scales["proximity_seeking"] = _ladder(
        (2, n_seek >= 1),  # a vague or fleeting reach or approach (intention movement)
        (3, clear | (n_seek >= 2)),  # a clear but weak effort: reaching, or repeated intention movements
        (4, (bouts[:, B.APPROACH] >= 1) | (bouts[:, B.REACH] >= 2)),  # partial approach, or repeated reaching
        (5, (np.bincount(arrive.row, minlength=N) > 0) | rows_any(active, on.row)),  # full approach, or
        # contact achieved by signalling
        (6, rows_any(full, on.row)),  # a full approach achieving contact, not meeting 7
        (7, rows_any(full & held, on.row) & prompt),  # SS4: held >= 15 s, no turning away, prompt
        n=N)

    # --- Contact maintaining (Appendix III) ----------------------------------------------------------
    contact_s = contact.per_row(N, contact.length.astype(float)) * dt
    low5 = block & 0x1F
    cling_s = np.count_nonzero(low5 == (F.CONTACT_BIT | B.CLING), axis=1) * dt
    end = contact.start + contact.length
    after = F.gather(block, contact.row, end)  # the step after contact ended
    still_here = (after & F.CAREGIVER_BIT) != 0 if partner == CAREGIVER else after != F.PAD
    released = (end < length[contact.row]) & still_here
    protest = F.any_in(R.of(F.PROTEST), contact.row, end, end + s(RELEASE_PROTEST_S) + 1)
    resisted = np.bincount(contact.row[released & protest], minlength=N)
    n_released = np.bincount(contact.row[released], minlength=N)
    long_s = np.minimum(CM_LONG_S, 2.0 / 3.0 * p_steps * dt)
    unbroken = (n_released == 0) & (contact_s > 0)
    feats["contact_s"] = contact_s
    feats["cling_s"] = cling_s
    scales["contact_maintaining"] = _ladder(
        (2, contact_s > 0),  # brief contact, little or no clinging
        (3, cling_s >= CLING_ANY_S),  # some effort to maintain contact: brief clinging
        (4, (contact_s > CM_MINUTE_S) | ((contact_s >= CM_SOME_S) & (cling_s >= CLING_SOME_S))),
        (5, ((contact_s > CM_MINUTE_S) & (cling_s >= CLING_STRONG_S)) | ((resisted >= 1) & (cling_s >= CLING_SOME_S))),
        (6, (contact_s > CM_MINUTE_S) & (cling_s >= CLING_STRONG_S) & ((resisted >= 1) | unbroken)),
        (7, (contact_s >= long_s) & (cling_s >= CLING_STRONG_S) & ((resisted >= 2) | unbroken)),
        n=N)

    # --- Resistance (Appendix III) --------------------------------------------------------------------
    res = R.of(F.table(B.RESIST))
    rb = bouts[:, B.RESIST]
    rs_s = steps[:, B.RESIST] * dt
    petulant_s = np.count_nonzero((low5 == (F.CONTACT_BIT | B.FUSS)) | (low5 == (F.CONTACT_BIT | B.CRY)),
                                  axis=1) * dt
    long_res = res.per_row(N, (res.length >= s(RS_LONG_BOUT_S)).astype(float)) > 0
    feats["resist_s"] = rs_s
    scales["resistance"] = _ladder(
        (2, petulant_s >= RS_PETULANCE_S),  # petulance while held
        (3, rb >= 1),  # a mild instance of pushing away or squirming
        (4, long_res | (rb >= 2)),  # one fairly intense instance, or several mild ones
        (5, rs_s >= RS_MODERATE_S),  # moderately intense: adds up to several seconds
        (6, (rb >= 3) & (rs_s >= RS_INTENSE_S)),  # intense and repeated
        (7, (rb >= 4) & (rs_s >= RS_PERSISTENT_S)),  # very intense and persistent
        n=N)

    # --- Avoidance (Appendix III) ---------------------------------------------------------------------
    ab = bouts[:, B.AVOID]
    av_share = steps[:, B.AVOID] / pden
    long_av = avoid.per_row(N, (avoid.length >= s(AV_LONG_BOUT_S)).astype(float)) > 0
    feats["avoid_share"] = av_share
    sh, bt = AV_SHARES, AV_BOUTS
    scales["avoidance"] = _ladder(
        (2, ab >= 1),  # a fleeting look or turn away
        (3, long_av),  # a clear but brief turning away
        (4, (av_share >= sh[3]) | (ab >= 2)),  # brief avoidance, or repeated
        (5, (av_share >= sh[2]) & (ab >= bt[2])),  # clear-cut avoidance, less persistent
        (6, (av_share >= sh[1]) & (ab >= bt[1])),  # marked, persistent avoidance
        (7, (av_share >= sh[0]) & (ab >= bt[0])),  # very marked, persistent: ignores the partner
        n=N)

    # --- Distance interaction (Appendix III): looking, smiling, bidding while not in contact -----------
    # Behaviour codes 0-2 are look, smile, bid; with the contact bit clear the byte's low 5 bits are < 3.
    di_share = np.count_nonzero(low5 < 3, axis=1) / pden if partner != CAREGIVER else \
        np.count_nonzero(((block & 0x9F) >= 0x80) & ((block & 0x9F) <= 0x82), axis=1) / pden
    da = R.of(F.DISTANCE_ACTIVE)
    da_free = (F.gather(block, da.row, da.start) & F.CONTACT_BIT) == 0
    act_b = np.bincount(da.row[da_free], minlength=N)
    sh, bt = DI_SHARES, DI_BOUTS
    scales["distance_interaction"] = _ladder(
        (2, di_share > 0),  # looks at the partner now and then
        (3, (di_share >= sh[4]) | (act_b >= 1)),  # some interaction: a smile or a vocal bid
        (4, (di_share >= sh[3]) | (act_b >= 2)),
        (5, (di_share >= sh[2]) & (act_b >= bt[2])),
        (6, (di_share >= sh[1]) & (act_b >= bt[1])),
        (7, (di_share >= sh[0]) & (act_b >= bt[0])),  # very active, sustained interaction at a distance
        n=N)

    # --- Markers of disorganisation (Main & Solomon 1990), in the caregiver's presence ---------------
    if partner == CAREGIVER:
        frz = R.of(F.table(B.FREEZE))
        feats["freeze_s"] = steps[:, B.FREEZE] * dt
        feats["freeze_bouts"] = bouts[:, B.FREEZE].astype(float)
        feats["longest_freeze_s"] = F.longest(frz, N) * dt
        # A contradictory sequence: attachment behaviour (reach, approach, cling) followed within 3 s by
        # turning away or freezing (Main & Solomon 1990, index I: sequential contradictory behaviour).
        turn = R.of(F.TURN_OR_FREEZE).merged()
        contra = F.any_in(seek, turn.row, turn.start - s(3.0), turn.start)
        feats["contradictory"] = np.bincount(turn.row[contra], minlength=N).astype(float)
    return scales, feats
