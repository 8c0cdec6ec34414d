"""Named constants of the infant dynamics, each with what it stands for and its source.

Every number in the dynamics lives here. Tags follow ``docs/science.md``: a constant is either
*sourced* (a published value or age), or *calibrated*, meaning it was tuned so that a seeded
population reproduces the named check of ``docs/validation.md`` (direction and order, never a
hard-coded outcome). Times are model seconds; rates are per second; levels are dimensionless 0-1.
"""

from __future__ import annotations

# --- Time ---------------------------------------------------------------------------------------------
#: Fixed model step in seconds: the 1/4-second grain of Tronick's interaction coding
#: (Tronick & Cohn 1989, Child Dev. 60:85). Part of the contract; never change.
DT_S = 0.25
#: Longest frame time the GUI may feed into the model at once (s); a slow frame cannot skip a
#: transition (PhET's clamped dt).
MAX_FRAME_DT_S = 0.25

# --- Age (months) ---------------------------------------------------------------------------------------
#: Age at which infants start to crawl (WHO Multicentre Growth Reference Study 2006: hands-and-knees
#: crawling median about 8.5 months); ``mobility`` ramps from 0 at AGE_CRAWL_START to 1 at AGE_CRAWL_FULL.
AGE_CRAWL_START = 7.0
AGE_CRAWL_FULL = 9.0
#: Separation protest emerges with specific attachment, about 7 months (Schaffer & Emerson 1964),
#: so separation alarm ramps from 0 at AGE_SEPARATION_START to full at AGE_SEPARATION_FULL.
AGE_SEPARATION_START = 5.0
AGE_SEPARATION_FULL = 9.0
#: Wariness of strangers appears in the second half of the first year (Sroufe 1977, Child Dev. 48:731).
AGE_WARINESS_START = 6.0
AGE_WARINESS_FULL = 9.0
#: Interest in the caregiver's face falls as interest in objects grows: gaze at the mother's face fell from
#: about 70% of face-to-face play at 6 weeks to about 33% at 26 weeks (Kaye & Fogel 1980, Dev. Psych.
#: 16:454), and gazing away in the still-face procedure rises from 2 to 6 months (Moore, Cohn & Campbell
#: 2001; ID6). Face-to-face gaze falls by FACE_GAZE_AGE_DROP (a share; conservative against Kaye & Fogel's
#: halving, since the model's gaze also counts monitoring) from AGE_FACE_GAZE_START to AGE_FACE_GAZE_FULL.
AGE_FACE_GAZE_START = 2.0
AGE_FACE_GAZE_FULL = 6.0
FACE_GAZE_AGE_DROP = 0.20
#: Anger and frustration rise across the first year (Braungart-Rieker, Hill-Soderlund & Karrass 2010, Dev.
#: Psych. 46:791, 4-16 months), and infants older than 9 months show more negative affect in all three
#: phases of the phone still-face (Stockdale et al. 2020; ID7). Readiness to show distress ramps from
#: AGE_FRUSTRATION_START to AGE_FRUSTRATION_FULL (see YOUNG_DISPLAY_MARGIN).
AGE_FRUSTRATION_START = 6.0
AGE_FRUSTRATION_FULL = 12.0

# --- Violation of expectation (the still-face mechanism) ----------------------------------------------
#: Time constant (s) for unrepaired mismatch to build while a present caregiver withholds a contingent
#: response. Calibrated to SF4: sobering and gazing away start within the first tens of seconds of
#: the still-face (Adamson & Frick 2003, Infancy 4:451; Ekas et al. 2013).
TAU_VIOLATION_S = 22.0
#: Violation level carried by an ordinary (benign) mismatch, relative to a still face (1.0). Tronick's
#: "good-enough" interaction is mostly mismatched without distress (Tronick 1989, Am. Psych. 44:112).
#: Calibrated to MR1/MR3.
BENIGN_MISMATCH_VIOLATION = 0.22
#: Time constant (s) for violation to fall during a matched state: repair (Tronick 1989). Calibrated
#: to SF2 (partial carry-over into the reunion).
TAU_REPAIR_S = 9.0
#: Time constant (s) for violation to fade while the caregiver is away.
TAU_VIOLATION_FADE_S = 40.0
#: Violation below this level is tolerated without distress: brief mismatches are normal (Tronick 1989).
VIOLATION_TOLERANCE = 0.35

# --- Alarm drives (dimensionless, added up and scaled by reactivity) ----------------------------------
#: Alarm from a present but non-responding caregiver at full violation (still-face; Mesman et al. 2009).
#: Calibrated to ID2: the median infant's arousal rises by about one between-infant SD (Ritz et al. 2012:
#: heart rate +11.6 bpm against an SD of 11.5-12.6 bpm, d = 0.96), and with REACTIVITY_POWER to ID1.
VIOLATION_ALARM = 0.15
#: Share of the violation alarm an infant escapes by looking away or comforting itself (gaze aversion as
#: regulation: Field 1981; Stifter & Moyer 1991). Calibrated to SF5 (protest peaks before withdrawal).
AVERSION_RELIEF = 0.6
#: Alarm from the caregiver's absence for an infant old enough to protest separation (Ainsworth 1978).
SEPARATION_ALARM = 0.85
#: Extra alarm when the infant is alone, with no adult at all (episode 6; Ainsworth et al. 1978 ch. 5).
ALONE_ALARM = 0.55
#: Alarm from an unfamiliar adult, halved when the caregiver is present (secure base; Sroufe 1977).
STRANGER_ALARM = 0.22
#: Alarm from harsh or rough handling (threat channel).
THREAT_ALARM = 1.2
#: Alarm per unit of carried arousal from a feared caregiver's presence (Main & Hesse 1990:
#: frightened/frightening caregiving is the root of disorganisation). Kept below the regulation rate so
#: calm play stays stable (no runaway loop), while arousal carried from a separation is amplified.
FEAR_ALARM = 0.35
#: Alarm from unmatched stimulation (over-stimulation; Stern 1977; intrusive style, Tronick 1989).
OVERSTIMULATION_ALARM = 0.6
#: Mild novelty of the unfamiliar room in episode 1-2 of the Strange Situation.
ROOM_NOVELTY_ALARM = 0.05

# --- Arousal (latent, heart-rate-like) ------------------------------------------------------------------
#: Mean resting arousal across infants; each infant has its own (``infant.arousal_baseline``, drawn per
#: infant in ``params.TEMPERAMENT``; Ritz et al. 2012: resting heart rate SD 11.5 bpm).
AROUSAL_REST = 0.15
#: Reactivity scales the alarm drive as (REACTIVITY_FLOOR + reactivity) ** REACTIVITY_POWER: convex, so
#: that most infants react moderately and a high-reactive minority strongly (Kagan & Snidman 1991: about
#: 20% of 4-month-olds high-reactive). Calibrated to ID1 (about 7% negatively engaged at 4 months).
REACTIVITY_FLOOR = 0.5
REACTIVITY_POWER = 4.5
#: Rate (1/s) at which alarm raises arousal toward 1.
K_AROUSE = 0.09
#: Rate (1/s) at which arousal relaxes to rest on its own.
K_AROUSAL_LEAK = 0.01
#: Rate (1/s) of co-regulation at full comfort (contingent, warm comfort; Feldman 2007).
K_COREGULATION = 0.12
#: Comfort given by plain physical contact with the caregiver (safe haven; Ainsworth et al. 1978).
CONTACT_COMFORT = 0.8
#: Rate (1/s) of self-regulation at a full regulation reserve.
K_SELF_REGULATION = 0.015
#: Comfort power of the stranger relative to the caregiver (Ainsworth et al. 1978: the stranger can
#: comfort, less well). Calibrated to SS2 (crying peaks in episode 6 or 7).
STRANGER_COMFORT_FACTOR = 0.35
#: Weight of reaching for and approaching the stranger relative to the caregiver (Ainsworth et al. 1978
#: ch. 5: proximity seeking to the stranger is low). Calibrated to SS2 (proximity seeking peaks in the
#: reunions).
STRANGER_SEEK = 0.05
#: Arousal noise (per sqrt(s)): the irregular timing of infant state changes (Cohn & Tronick 1988).
AROUSAL_NOISE = 0.03
#: Extra arousal per unit of suppressed display: masking distress has a physiological cost, so avoidant
#: infants look calm but stay aroused (Spangler & Grossmann 1993, Child Dev. 64:1439; PD5).
MASKING_COST = 0.10

# --- Displayed affect and gaze ---------------------------------------------------------------------------
#: Arousal above the infant's own resting level at which negative affect starts to show, from about a year
#: (younger infants need YOUNG_DISPLAY_MARGIN more). Calibrated with YOUNG_DISPLAY_MARGIN to ID7 and ID1.
DISPLAY_MARGIN = 0.10
#: Further arousal needed before distress shows in infants younger than the first year's rise in
#: frustration (scaled by 1 - the age factor ``frustration``; Braungart-Rieker et al. 2010; ID7).
YOUNG_DISPLAY_MARGIN = 0.10
#: Negative display from a still face itself, at full unrepaired violation, before arousal rises: the
#: infant sobers and turns wary within seconds (Tronick et al. 1978; Adamson & Frick 2003). Calibrated to
#: SF3 (the effect's sign holds for a 30-s still-face).
SOBERING = 0.08
#: How far a deactivating (avoidant) strategy suppresses displayed distress (Cassidy 1994; PD5).
MASKING_STRENGTH = 0.75
#: How far a hyper-activating (resistant) strategy amplifies displayed distress (Cassidy & Berlin 1994).
HYPER_AMPLIFY = 0.6
#: How far a hyper-activating strategy amplifies alarm itself (hypervigilance to the caregiver's
#: availability; Cassidy & Berlin 1994). Calibrated to SS5 (the resistant prototype classified C even when
#: temperamentally calm).
HYPER_ALARM = 3.0
#: Time constants (s) for displayed negative affect, positive affect and gaze to follow their targets.
TAU_NEGATIVE_S = 3.0
TAU_POSITIVE_S = 3.0
TAU_GAZE_S = 2.0
#: Noise on displayed affect and gaze (per sqrt(s)).
DISPLAY_NOISE = 0.04
#: Positive affect from warm, contingent social input when matched, and when not.
PA_MATCHED = 0.85
PA_UNMATCHED = 0.45
#: Sociability's effect on positive affect: the social input is scaled by 1 + SOCIABILITY_PA_GAIN x
#: (sociability - 0.5) (Gartstein & Rothbart 2003, IBQ-R smiling and laughter).
SOCIABILITY_PA_GAIN = 1.5
#: The middle of a temperament dimension's 0-1 scale: a middling infant's sociability.
TEMPERAMENT_MID = 0.5
#: Positive bids at a still face: early in the still-face infants smile and coo to re-engage the caregiver
#: before protest (Tronick et al. 1978; Cohn & Tronick 1983: brief positive bids), more so the more
#: sociable; the bid smile fades as violation passes the tolerance (SF5). Share of positive affect at full
#: sociability.
BID_POSITIVE = 0.40
#: Positive affect from exploring toys.
PA_EXPLORE = 0.35
#: Gaze at a present, responsive caregiver in face-to-face play at 2 months (less later: FACE_GAZE_AGE_DROP).
GAZE_FACE_TO_FACE = 0.90
#: How far unrepaired violation turns gaze from a present caregiver (SF4), for an infant of middling
#: sociability; SOCIAL_MONITORING scales it by 1 - SOCIAL_MONITORING x (sociability - 0.5): sociable
#: infants keep monitoring the still face (Montirosso et al. 2015: about a third "socially engaged"; ID1).
GAZE_VIOLATION_DROP = 0.75
SOCIAL_MONITORING = 5.0
#: Cap of that scale for the least sociable infants: even disengaged infants glance back at a still face
#: now and then (Montirosso et al. 2015), so gaze never falls below 1 - GAZE_VIOLATION_DROP x MONITOR_MAX.
MONITOR_MAX = 1.2
#: How far exploration pulls gaze from the caregiver for a mobile infant in a room with toys.
GAZE_EXPLORE_PULL = 0.65

# --- Regulation reserve ---------------------------------------------------------------------------------
#: Arousal above which the reserve drains, and the drain and refill rates (1/s). Calibrated to SF5
#: (withdrawal follows protest within the 2-minute still-face) and SF2 (incomplete recovery).
RESERVE_DRAIN_AROUSAL = 0.40
K_RESERVE_DRAIN = 0.030
K_RESERVE_REFILL = 0.006

# --- Proximity drive, exploration and the working model ---------------------------------------------------
#: Time constant (s) for the attachment system's activation to follow its target (Bowlby 1969).
TAU_PROXIMITY_S = 4.0
#: Weight of arousal and of the caregiver's absence in the proximity drive's target.
PROXIMITY_FROM_AROUSAL = 1.1
PROXIMITY_FROM_SEPARATION = 0.45
#: Set-goal of the attachment system: reaching, approaching and seeking contact switch on only above this
#: proximity drive (Bowlby 1969). Below it, a calm infant explores from a secure base and keeps in touch by
#: looking and smiling (Ainsworth et al. 1978 ch. 5: proximity seeking low in episodes 2-3, high in the
#: reunions). Calibrated to ID5.
SEEK_SET_GOAL = 0.30
#: Learning rate (1/s while signalling) of the expectation that the caregiver will respond.
#: Small within a session: the working model changes over weeks (Bowlby 1969; issue 5's development).
EXPECTATION_LEARNING_RATE = 0.002
#: Trust: comfort works faster when the infant expects a response (Bowlby's working model).
TRUST_FLOOR = 0.35

# --- Stress load (cortisol-like) ---------------------------------------------------------------------------
#: Arousal above which stress load accumulates, its gain (1/s) and its clearance time (s). Cortisol
#: peaks some 20-30 minutes after a stressor (Gunnar et al. 1992), so load clears slowly. The gain keeps
#: a whole Strange Situation well below the ceiling of 1, so groups stay distinguishable (PD6).
LOAD_AROUSAL = 0.35
K_LOAD = 0.0008
TAU_LOAD_S = 1200.0

#: Base propensities of looking at the partner and of looking away (attention-withdrawal cycles in
#: face-to-face play; Brazelton, Koslowski & Main 1974; Field 1981). Calibrated to MR1 and SF1 gaze.
W_LOOK = 0.45
W_LOOK_AWAY = 0.7

# --- Behaviour timing ---------------------------------------------------------------------------------------
#: Mean bout length (s) of each behaviour before the infant reconsiders (hazard = dt / bout). Irregular,
#: geometrically distributed bouts make timing stochastic, not periodic (Cohn & Tronick 1988; MR2).
#: Order follows behaviour codes: look, smile, bid, fuss, cry, reach, approach, cling, resist, avoid,
#: self_soothe, explore, freeze, look_away, search.
BOUT_MEAN_S = (2.5, 2.0, 1.5, 3.0, 6.0, 2.0, 2.5, 5.0, 2.0, 3.5, 4.0, 6.0, 3.0, 2.5, 4.0)
#: Per-step probabilities that govern proximity and contact with the partner.
P_APPROACH_ARRIVES = 0.25  # an approach reaches the partner (about 1 s)
P_CONTACT_ON_APPROACH = 0.20  # a reach/approach at the partner becomes contact when accepted
P_LEAVE_CONTACT = 0.20  # exploring or turning away ends contact
P_PUSH_FREE = 0.10  # resisting breaks contact
P_WANDER_OFF = 0.04  # exploring or searching takes the infant away from the partner
P_PUT_DOWN = 0.10  # a partner who turns to something else (phone, toy, leaving) puts a held infant down

# --- The caregiver's flat affect (depressive symptoms, fatigue; science.md section 7) ---------------------------
#: How far a fully flat expression withholds a contingent response (the still-face is 1). A flat, monotone,
#: barely moving caregiver (Cohn & Tronick 1983's simulated depression) is still there and still talks, so the
#: infant's response is like a milder still-face: protest, wariness, looking away. Calibrated to CW1's
#: direction (its effect size is not published in a usable form).
FLAT_NONRESPONSE = 0.5
#: Share of an action's soothing power lost when the expression is fully flat (comfort offered without warmth
#: soothes less; Feldman 2007 on affective synchrony in co-regulation). Calibrated to CW2's direction.
FLAT_COMFORT_LOSS = 0.5

# --- Coefficients inside the step -------------------------------------------------------------------------
# Shapes of the mechanisms cited in ``infant._step_kernel``. *Calibrated* means tuned, with the rest, so that
# seeded populations pass the named rows of docs/validation.md; none sets an outcome directly.
#: Share of stranger alarm the caregiver's presence takes away: the secure base (Sroufe 1977). Calibrated
#: to SS2 (little distress in episode 3).
SECURE_BASE_BUFFER = 0.5
#: Stimulation above which an unmatched act over-stimulates (intrusive play, Stern 1977; Tronick 1989).
OVERSTIMULATION_LEVEL = 0.6
#: How far each strategy lowers the comfort an infant takes in: deactivation (avoidant infants accept less
#: comfort; Main 1990), hyper-activation (resistant infants are slow to soothe; Cassidy & Berlin 1994) and
#: fear of the caregiver (Main & Hesse 1990). Calibrated to SS5 (each prototype's reunion profile).
ACCEPT_DEACT = 0.6
ACCEPT_HYPER = 0.65
ACCEPT_FEAR = 0.7
#: Co-regulation is scaled by (SOOTHABILITY_FLOOR + soothability): a middling infant (0.5) takes comfort at
#: the full rate K_COREGULATION (Rothbart 1981).
SOOTHABILITY_FLOOR = 0.5
#: Positive affect from a stranger's warmth relative to the caregiver's, with the caregiver away
#: (Ainsworth et al. 1978 ch. 5: the stranger can engage, less well). Calibrated to SS2.
STRANGER_WARMTH = 0.4
#: How far unrepaired violation damps positive affect (SF1; Tronick et al. 1978). Calibrated to SF1-SF2.
PA_VIOLATION_DAMP = 0.8
#: How far unmatched stimulation turns gaze away (gaze aversion from over-stimulation; Field 1981).
GAZE_STIM_DROP = 0.6
#: Gaze held with a fully drained regulation reserve, relative to a full one: a drained infant looks away
#: (withdrawal, SF5; Field 1981).
GAZE_RESERVE_FLOOR = 0.4
#: Mobility (0-1) from which an infant moves toward or away from the partner on its own (crawling; WHO
#: MGRS 2006); younger infants sit facing the partner.
MOBILE_LEVEL = 0.5

# --- Behaviour propensities (``infant._weights``) ---------------------------------------------------------
# Each behaviour's weight is a product of the state variables that call for it (cited beside the code);
# the coefficients below set the balance between behaviours. All calibrated together to SF1-SF6, MR1-MR2,
# SS2, SS5 and ID1-ID5; each comment names what it shapes.
#: The stranger counts as half a partner for looking and smiling (Ainsworth et al. 1978 ch. 5).
STRANGER_PARTNER = 0.5
#: Looking at the partner even with low gaze (attention cycles; Brazelton, Koslowski & Main 1974).
LOOK_BASE = 0.25
#: Smiling: a base on top of gaze, and its overall weight (SF1 positive affect; MR1).
SMILE_BASE = 0.3
W_SMILE = 1.6
#: Bids: damped by deactivation; a steady trickle in play (BID_BASE) that peaks when violation is half
#: built (BID_VIOLATION; SF5, SF6); more when looking (BID_GAZE_BASE + gaze).
BID_DEACT_DAMP = 0.7
BID_BASE = 0.12
BID_VIOLATION = 3.0
BID_GAZE_BASE = 0.4
#: Fussing peaks at middling distress; crying starts once displayed distress passes CRY_LEVEL (ID1, ID3,
#: SS1: a minute of hard crying curtails a separation).
W_FUSS = 2.2
W_CRY = 5.0
CRY_LEVEL = 0.45
#: Proximity seeking is damped by deactivation (avoidant infants seek less; Main 1990) and by fear of the
#: caregiver (Main & Hesse 1990).
SEEK_DEACT_DAMP = 0.85
SEEK_FEAR_DAMP = 0.4
#: Reaching is the young infant's proximity seeking, giving way to approach as mobility grows.
REACH_BASE = 1.2
REACH_MOBILITY_DROP = 0.6
#: A mobile infant far from the partner approaches more readily than one already near (SS4 full approach).
APPROACH_FAR_GAIN = 2.5
#: Clinging once in contact, damped by deactivation (SS3 contact maintaining).
CLING_DEACT_DAMP = 0.8
W_CLING = 2.5
#: Resistance in contact: a hyper-activating strategy mixes contact seeking with anger (Cassidy & Berlin
#: 1994); a distressed infant also pushes the stranger away.
W_RESIST = 2.4
RESIST_BASE = 0.3
RESIST_STRANGER = 0.5
#: Avoidance: from deactivation (A), from withdrawal at a non-responding caregiver, and from fear (D);
#: a little toward the stranger.
W_AVOID = 1.6
AVOID_BASE = 0.2
AVOID_WITHDRAWAL = 0.6
AVOID_FEAR = 0.8
AVOID_STRANGER = 0.2
#: Self-comforting when the reserve is drained; a responding caregiver is a safe haven instead (SAFE_HAVEN
#: of it), unless the strategy is deactivating (Ainsworth et al. 1978; Main 1990).
SELF_SOOTHE_BASE = 0.2
W_SELF_SOOTHE = 0.9
SAFE_HAVEN = 0.7
#: Exploring: a base and a mobility gain; a deactivating strategy turns attention to toys (Main 1990),
#: from EXPLORE_DEACT_FLOOR at no deactivation to 1 at full.
EXPLORE_BASE = 0.25
EXPLORE_MOBILITY = 1.4
EXPLORE_DEACT_FLOOR = 0.5
#: Freezing from fear of the caregiver (Main & Solomon 1990).
FREEZE_BASE = 0.2
W_FREEZE = 1.6
#: Looking away in play (a base on top of low gaze), and withdrawal at a non-responding caregiver that
#: grows as the reserve drains (SF5).
LOOK_AWAY_BASE = 0.3
WITHDRAW_BASE = 0.25
WITHDRAW_DRAIN = 0.9
#: Searching for the absent caregiver (SS3 search), damped by deactivation.
SEARCH_DEACT_DAMP = 0.7
W_SEARCH = 1.4
