"""Named constants of the infant dynamics, each with what it stands for and its source.

Every number in the dynamics lives here. Tags follow ``shared/science.md``: a constant is either
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
VIOLATION_ALARM = 1.1
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
#: Resting arousal level.
AROUSAL_REST = 0.15
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
#: Arousal noise (per sqrt(s)): the irregular timing of infant state changes (Cohn & Tronick 1988).
AROUSAL_NOISE = 0.03
#: Extra arousal per unit of suppressed display: masking distress has a physiological cost, so avoidant
#: infants look calm but stay aroused (Spangler & Grossmann 1993, Child Dev. 64:1439; PD5).
MASKING_COST = 0.10

# --- Displayed affect and gaze ---------------------------------------------------------------------------
#: Arousal at which negative affect starts to show.
DISPLAY_THRESHOLD = 0.30
#: How far a deactivating (avoidant) strategy suppresses displayed distress (Cassidy 1994; PD5).
MASKING_STRENGTH = 0.75
#: How far a hyper-activating (resistant) strategy amplifies displayed distress (Cassidy & Berlin 1994).
HYPER_AMPLIFY = 0.6
#: Time constants (s) for displayed negative affect, positive affect and gaze to follow their targets.
TAU_NEGATIVE_S = 3.0
TAU_POSITIVE_S = 3.0
TAU_GAZE_S = 2.0
#: Noise on displayed affect and gaze (per sqrt(s)).
DISPLAY_NOISE = 0.04
#: Positive affect from warm, contingent social input when matched, and when not.
PA_MATCHED = 0.85
PA_UNMATCHED = 0.45
#: Positive affect from exploring toys.
PA_EXPLORE = 0.35
#: Gaze at a present, responsive caregiver in face-to-face play at 4 months.
GAZE_FACE_TO_FACE = 0.80
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
