"""Every constant of development and of the populations, with its meaning and its source or calibration target.

Tags follow ``docs/science.md``: *sourced* constants cite a paper; *calibrated* ones were tuned so
that seeded populations, classified by scoring the Strange Situation behaviour the developed infants
produce, reproduce the named check (PD1-PD4, PD6, MR3). None of them sets a classification. Times are
model seconds unless the name says days; rates per second; levels 0-1.
"""

from __future__ import annotations

# --- Sampling everyday life ---------------------------------------------------------------------------------
#: Days in a month (mean Gregorian month).
DAYS_PER_MONTH = 30.44
#: Sampled days per simulated month. Each sampled day stands for ``DAYS_PER_MONTH / SAMPLES_PER_MONTH``
#: real days: design.md allows development to sample representative moments rather than simulate every
#: second. Calibrated for speed (bench target: 10,000 infants x 12 months in seconds) and stability.
SAMPLES_PER_MONTH = 1.0
#: Length (s) of the sampled face-to-face play bout of each day: the ordinary interaction in which
#: Tronick observed matching, mismatch and repair (Tronick 1989; Tronick & Cohn 1989).
PLAY_S = 20.0
#: Length (s) of the sampled comfort-seeking moment of each day (the infant starts upset: woken, bumped,
#: hungry): how distress and comfort-seeking are met is what Ainsworth's home observations tied to later
#: patterns (Ainsworth et al. 1978, ch. 7-8).
COMFORT_S = 20.0
#: Starting state of the comfort moment: arousal, displayed distress and proximity drive (0-1).
COMFORT_AROUSAL = 0.70
COMFORT_NEGATIVE = 0.60
COMFORT_PROXIMITY = 0.70
#: Age (months) at which development starts (birth).
START_AGE_MONTHS = 0.0

# --- What the infant learns from (per sampled moment) -------------------------------------------------------
#: A signalling step (bid, fuss, cry, reach, approach, cling) counts as *met* when the caregiver is matched
#: or has been unmatched for at most this many seconds of the current signal, else *unmet*. Tronick (1989): good-enough caregivers repair within
#: seconds; calibrated to MR3 (good_enough vs slow_repair).
MEET_WINDOW_S = 4.0
#: Weight of a positive bid relative to a distress/comfort-seeking signal in the expectation of being met
#: (Ainsworth et al. 1978: responsiveness to crying and to contact bids weighs most).
BID_WEIGHT = 0.5
#: Pseudo-count of signalling steps at the current expectation, so a moment without signals changes little.
PRIOR_SIGNALS = 8.0
#: Pseudo-count (steps) of comfort-seeking without rebuff added to each moment's rebuff share.
PRIOR_SEEK_STEPS = 4.0

# --- Learning rates (time constants in days) ----------------------------------------------------------------
#: Time constant (days) of the expectation of being met: the working model consolidates over weeks
#: (Bowlby 1969; Ainsworth et al. 1978: first-quarter responsiveness predicts later crying). Calibrated.
TAU_EXPECTATION_DAYS = 45.0
#: Time constant (days) of the deactivating strategy: grows when comfort-seeking is consistently rebuffed
#: (Ainsworth et al. 1978; Main 1990). Calibrated to PD1 (A share).
TAU_DEACTIVATION_DAYS = 60.0
#: Time constant (days) of the hyper-activating strategy: grows when responses are unpredictable
#: (Cassidy & Berlin 1994). Calibrated to PD1 (C share).
TAU_HYPERACTIVATION_DAYS = 60.0
#: Time constant (days) of fear of the caregiver: grows from frightening or frightened episodes and fades
#: slowly (Main & Hesse 1990). Calibrated to PD2.
TAU_FEAR_DAYS = 45.0
#: Time constant (days) of the running estimates of how distress is met (met, missed, rebuffed, comforted):
#: the evidence the strategies learn from, averaged over weeks so that one bad day teaches little
#: (Cassidy & Berlin 1994: the C infant's caregiver is inconsistently available over time).
TAU_UNPREDICTABILITY_DAYS = 90.0

# --- Learning targets ---------------------------------------------------------------------------------------------
#: Deactivation learning per sampled day: d += w (DEACT_GAIN r (1 - d) - DEACT_UNLEARN m d), where r is the
#: share of comfort-seeking time met by a rebuff beyond DEACT_FLOOR (an occasional rebuff teaches nothing)
#: and m the share met by matched comfort. Unlearned only through comfort received: an infant who has
#: stopped seeking gets no evidence against its strategy (Main 1990). Calibrated to the avoidant preset
#: (0.85) under the rebuffing profile and PD1 (A share).
DEACT_GAIN = 5.0
DEACT_UNLEARN = 1.5
DEACT_FLOOR = 0.08
#: Expectation target = (share of signals met within ``MEET_WINDOW_S``) ** EXPECTATION_POWER: an infant
#: whose signals are met nine times in ten expects a response; one met two times in three does not
#: (Ainsworth et al. 1978: responsiveness to crying). Calibrated to the presets' expectations.
EXPECTATION_POWER = 3.0
#: Unpredictability of being met: v = 4 p (1 - p), the Bernoulli variance of whether a distress signal is
#: met, where p is the recent share of distress signals met among those met or missed (a consistent
#: rebuff is predictable and is left out). Hyperactivation target = logistic((v - UNPRED_MIDPOINT) /
#: UNPRED_WIDTH): high when comfort comes only some of the time (Cassidy & Berlin 1994). Calibrated to the
#: resistant preset (0.85) under unpredictable, and 0.05 under sensitive_repair and rebuffing.
UNPRED_MIDPOINT = 0.90
UNPRED_WIDTH = 0.025
#: Prior (pseudo-counts) of the running met/missed distress estimate at birth.
PRIOR_MET = 2.0
PRIOR_UNMET = 0.1
#: Fear target = min(1, FEAR_GAIN x share of moment time meeting a frightening or frightened act).
#: Calibrated to the disorganised preset (0.85) under the frightening profile and PD2.
FEAR_GAIN = 14.0

# --- The development caregiver ------------------------------------------------------------------------------
#: Waking hours a day that the infant spends with the caregiver: converts daily phone time into the share
#: of decisions spent on the phone (Kildare & Middlemiss 2017 review: parents' phone use during care).
WAKING_HOURS_WITH_INFANT = 10.0
#: Probability per caregiver decision in a sampled moment that one frightening or frightened moment a day
#: turns the decision frightening (harsh voice, rough handling, a frightened or dissociated still face;
#: Main & Hesse 1990). A sampled day is 40 s of interaction standing for the whole day, so the day's rare
#: frightening moments are compressed into it: this is a weight, not a share of real time. Calibrated to PD2
#: (about 15% D in low-risk, 2-3x in high-risk samples; van IJzendoorn et al. 1999) with plausible daily
#: counts: in low-risk families most caregivers have none and the rest about one brief moment a day.
FRIGHT_P_PER_EPISODE = 0.09
#: (The caregiver's own timing and tables, shared with the in-session policies, live in ``policies.py``.)

# --- Working model at birth --------------------------------------------------------------------------------
#: The working model is unformed at birth (Bowlby 1969): a middling expectation, no strategy, no fear.
BIRTH_EXPECTATION = 0.5
BIRTH_DEACTIVATION = 0.0
BIRTH_HYPERACTIVATION = 0.0
BIRTH_FEAR = 0.0
