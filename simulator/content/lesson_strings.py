"""Every sentence of the debrief's lessons and its Markdown export, per audience, in one place.

Placeholders are filled by :mod:`simulator.content.lessons` with this run's numbers. Three audiences
(``docs/contract.md``, contract additions): ``parents`` (plain words, no pattern letters, scale scores
or matched percentages), ``class`` (the default) and ``research`` (every number). Read every sentence
as a tired parent at a course would: patterns describe relationships, not verdicts on a child or a
parent; no parent is perfect; repair counts; support helps.
"""

from __future__ import annotations

from ..model.published import value

AUDIENCES = ("parents", "class", "research")
DEFAULT_AUDIENCE = "class"
AUDIENCE_LABELS = {
    "parents": "Parents and carers",
    "class": "Class",
    "research": "Research",
}
AUDIENCE_HELP = {
    "parents": "plain words; no pattern letters, scale scores or live matching figures",
    "class": "the lessons with their numbers and the Strange Situation's patterns",
    "research": "every number, including scales, the disorganisation index and paired effect sizes",
}

# Plain words for the infant presets (histories, not labels: science.md section 5). The view's
# PRESET_PLAIN is this table.
HISTORY_PLAIN = {
    "secure": "sensitive, consistent care with prompt repair",
    "avoidant": "play welcomed, but comfort-seeking often rebuffed",
    "resistant": "care that is sometimes warm, often missed, hard to predict",
    "disorganized": "ordinary care mixed with frightening moments",
}

#: Questions and readings that speak of patterns, scales or classification are left out for parents.
PARENTS_HIDE = r"classif|disorgani|\bscales?\b|\b1-7\b|\b[BCD]\b"

# --- Definitions shown wherever matching is shown ---------------------------------------------------------
DEFINE_RUPTURE_REPAIR = {
    "parents": "A rupture is a moment when you and the baby fall out of step; a repair is finding each "
               "other again. Ruptures happen all the time between loving parents and babies. Repair is "
               "what counts.",
    "class": "Rupture: a matched moment slips into a mismatch. Repair: the pair get back into a matched "
             "state; its latency is how long the mismatch lasted (Tronick 1989).",
    "research": "Rupture: a match -> mismatch transition. Repair: a mismatch -> match transition; its "
                "latency is the length of the mismatch bout it ends (Tronick 1989; contract definitions).",
}

# --- Lesson titles --------------------------------------------------------------------------------------
#: A title shared by several lessons of one run (the Strange Situation's two separations), numbered.
NTH_OF = "{title} ({k} of {n})"
TITLE = {
    "rupture_repair": {"parents": "Falling out of step, and finding each other again",
                       "class": "Rupture and repair", "research": "Rupture and repair"},
    "planned_rupture": {"parents": "A planned break, and the way back",
                        "class": "The planned rupture and its repair",
                        "research": "Planned rupture and repair"},
    "still_face_effect": {"parents": "What the baby did when the face stopped answering",
                          "class": "The still-face effect", "research": "The still-face effect"},
    "flat_effect": {"parents": "What the baby did when the face went flat",
                    "class": "When the face went flat", "research": "Flat affect (simulated depression)"},
    "calm_outside": {"parents": "Calm on the outside, not always calm inside",
                     "class": "Calm outside, aroused inside?", "research": "Displayed distress and latent arousal"},
    "secure_base": {"parents": "Playing while the caregiver is near",
                    "class": "Secure base and safe haven", "research": "Secure base and safe haven"},
    "reunions": {"parents": "What the reunions showed",
                 "class": "The classification and its reasons", "research": "Classification"},
    "separation": {"parents": "Saying goodbye and coming back",
                   "class": "Separation and reunion", "research": "Separation and reunion"},
    "take_home": {"parents": "To take home", "class": "To take home", "research": "To take home"},
}

# --- Rupture and repair (any scenario with the caregiver present) ---------------------------------------
RR_CLASS = ("The caregiver was matched {matched_pct:.0f}% of the time they were with the infant, with "
            "{ruptures} ruptures and {repairs} repairs{latency}. "
            f"About {value('play.matched'):g}% matched is what ordinary, "
            "sensitive care looks like (Tronick & Cohn 1989): what matters is how soon the pair find each "
            "other again.")
RR_LATENCY = ", a repair on average {s:.1f} s after each rupture"
RR_PARENTS = ("Even in this loving play the pair were out of step far more often than in step, and found "
              "each other again {repairs} times. That is normal: no parent is perfect, and no parent needs "
              "to be. Repair is what counts.")
RR_PARENTS_NONE = ("Being in step only some of the time is normal: no parent is perfect, and no parent "
                   "needs to be. Repair is what counts.")

# --- Planned ruptures (still-face, phone, leaving) --------------------------------------------------------
PLANNED_KIND = {
    "still_face": {"parents": "the still face", "class": "the still-face", "research": "the still-face"},
    "phone": {"parents": "the time on the phone", "class": "the phone episode", "research": "the phone episode"},
    "separation": {"parents": "the time apart", "class": "the separation", "research": "the separation"},
}
PLANNED_CLASS = ("{Kind} ({start} to {end}) was a planned rupture. Once the caregiver was available again, "
                 "their first response that fitted the infant came {latency}: the first match, which repairs "
                 "it. {reengage}")
PLANNED_PARENTS = ("{Kind} ({start} to {end}) was a break on purpose. When the caregiver was back, they "
                   "found the baby again {latency}. {reengage}")
PLANNED_REENGAGE = {
    "parents": "The baby looked or smiled back {s} later: babies need a little time to trust the face again.",
    "class": "The infant looked, smiled or bid again {s} after the return: recovery takes time, and some "
             "distress carries over (Mesman et al. 2009).",
    "research": "First look, smile or bid {s} after the return; repair latency predicts the stress response "
                "afterwards (Müller et al. 2015).",
}
#: When the infant was already looking, smiling or bidding at the caregiver at the moment of return: there is
#: no wait to report, and "again 0.0 s after the return" would read as a measurement of nothing.
PLANNED_ALREADY_ENGAGED = {
    "parents": "The baby was already looking at them, ready to pick up again.",
    "class": "The infant was already looking, smiling or bidding at the caregiver as they became available "
             "again, though some distress can still carry over (Mesman et al. 2009).",
    "research": "Looking, smiling or bidding already at the return (no latency to the first look); repair "
                "latency predicts the stress response afterwards (Müller et al. 2015).",
}
PLANNED_NO_REENGAGE = {
    "parents": "The baby had not looked back by the end: sometimes it takes longer, and that is all right.",
    "class": "The infant had not looked, smiled or bid again by the end of the session.",
    "research": "No look, smile or bid after the return before the session ended.",
}
PLANNED_UNREPAIRED = {
    "parents": "{Kind} ({start} to {end}) was a break on purpose. The pair had not found each other again "
               "by the end; in real life the next moment is another chance.",
    "class": "{Kind} ({start} to {end}) was a planned rupture; no match followed it before the session ended.",
    "research": "{Kind} ({start} to {end}): planned rupture, unrepaired at the session's end.",
}
PLANNED_RUNNING = {
    "parents": "{Kind} began at {start}.",
    "class": "{Kind} began at {start}: a planned rupture.",
    "research": "{Kind} began at {start}: a planned rupture.",
}
IMMEDIATELY = "at once"
AFTER_S = "after {s:.1f} s"
SECONDS = "{s:.1f} s"

# --- Still-face effect -----------------------------------------------------------------------------------
SF_CLASS = ("Positive affect went from {pa0:.2f} in play to {pa1:.2f} in the still-face and {pa2:.2f} in the "
            "reunion; negative affect from {na0:.2f} to {na1:.2f} and {na2:.2f}; gaze at the caregiver from "
            "{g0:.2f} to {g1:.2f} and {g2:.2f}. {verdict}")
SF_AGREES = ("That is the published pattern: a still-face effect and only partial recovery in the reunion "
             "(Mesman et al. 2009).")
SF_PARTLY = ("Part of the published pattern (Mesman et al. 2009) showed in this run; single runs vary, as "
             "single babies do.")
SF_PARENTS = ("When the face went still, the baby first tried to bring it back, then got upset and looked "
              "away: smiles {smiles} and upset {upset}. This is a baby working hard to reconnect, not a sign "
              "that anything is wrong. A phone can be a still face too: most of us are absorbed sometimes, "
              "and coming back, looking and answering, is the repair.")
MORE = "went down"
LESS = "went up"
SAME = "stayed about the same"
SF_PAIRED = ("Across {n} simulated infants with these settings (batch seed {seed}), paired d (d_av) play "
             "to still-face: positive affect {pa:+.2f}, negative affect {na:+.2f}, gaze {g:+.2f}; play to "
             "reunion: positive affect {pa_r:+.2f}, negative affect {na_r:+.2f}. Mesman et al. (2009) report "
             "the same signs, with smaller reunion contrasts.")

# --- Flat affect: simulated depression (Cohn & Tronick 1983) -------------------------------------------------
# The same three means as the still-face effect, in the words of this design: normal play, a flat (simulated
# depression) episode, normal play again. Never "still-face" or "reunion": the caregiver stays and answers,
# only flatly. Read as a parent with low mood would: nobody's fault, repair counts, support helps.
FLAT_CLASS = ("Positive affect: {pa0:.2f} in normal play, {pa1:.2f} in the flat (simulated depression) episode, "
              "{pa2:.2f} in normal play again; negative affect {na0:.2f}, {na1:.2f}, {na2:.2f}; gaze at the "
              "caregiver {g0:.2f}, {g1:.2f}, {g2:.2f}. {verdict}")
FLAT_AGREES = ("That is the pattern Cohn and Tronick (1983) saw: with a flat face and voice the infant smiled and "
               "looked less and fussed more, and some of it carried over into normal play again.")
FLAT_PARTLY = "Part of Cohn and Tronick's (1983) pattern showed; single runs vary, as single babies do."
FLAT_PARENTS = ("When the caregiver's face and voice went flat, the baby's smiles {smiles} and upset "
                "{upset}. Babies read faces closely and work to bring the warmth back; this is a healthy baby "
                "reconnecting, not a sign that anything is wrong. Low mood is common and nobody's fault. Each "
                "return to ordinary play is a repair, and support helps: help for a parent with low mood is "
                "help for the baby too.")
FLAT_PAIRED = ("Across {n} simulated infants with these settings (batch seed {seed}), paired d (d_av) normal "
               "play to the flat episode: positive affect {pa:+.2f}, negative affect {na:+.2f}, gaze {g:+.2f}; "
               "normal play to normal play again: positive affect {pa_r:+.2f}, negative affect {na_r:+.2f}. "
               "Cohn and Tronick (1983) describe the same directions for the flat episode, with negativity "
               "carrying over into the renewed play.")

# --- Calm outside, aroused inside (Strange Situation) -----------------------------------------------------
CALM_ROW = "{title}: crying {cry:.0f}% of the time, arousal {arousal:.2f}"
CALM_ROW_PARENTS = "{title}: crying {cry_words}, body {arousal_words}"
CALM_HIDDEN = ("This infant hardly cried while the caregiver was away, yet its arousal line rose from "
               "{base:.2f} with the caregiver to {peak:.2f}: calm outside, aroused inside (Spangler & "
               "Grossmann 1993). Avoidant infants look calm during separations but are aroused inside.")
CALM_SHOWN = ("This infant showed its distress openly: crying and arousal rose together, from {base:.2f} "
              "with the caregiver to {peak:.2f}. Some infants, often with a history of rebuffed comfort, "
              "cry little but are just as aroused inside (Spangler & Grossmann 1993).")
CALM_PARENTS_HIDDEN = ("This baby hardly cried while the caregiver was away, but its body was stressed: the "
                       "heart-rate-like line stayed high. A quiet baby is not always a calm baby.")
CALM_PARENTS_SHOWN = ("This baby showed its upset openly while the caregiver was away, and the body's "
                      "stress line rose with it. Crying at a separation is a sign of attachment, not of a "
                      "problem.")
CRY_WORDS = ((0.02, "hardly at all"), (0.15, "a little"), (0.4, "some of the time"), (1.01, "much of the time"))
AROUSAL_WORDS = ((0.4, "fairly calm"), (0.7, "quite stressed"), (1.01, "very stressed"))

# --- Secure base and safe haven ---------------------------------------------------------------------------
BASE_CLASS = ("Exploration took {explore_with:.0f}% of the time with the caregiver ({with_title}) and "
              "{explore_without:.0f}% with the caregiver away: the caregiver as a secure base. At the "
              "reunions the infant was near the caregiver {near:.0f}% of the time: the safe haven.")
BASE_PARENTS = ("With the caregiver close by, the child played {explore_words}; with the caregiver away, "
                "play {change}. A trusted adult nearby is what lets a child explore.")
PLAYED_MORE = "dropped"
PLAYED_SAME = "carried on"

# --- Classification (class and research only) -------------------------------------------------------------
CLASS_LINE = "Classified {code} ({name}){best}, from the reunions: {reasons}."
CLASS_BEST = ", best fit {best}"
CLASS_DISORG = " Disorganisation index {d} of 9 (5 or more is given D)."
CLASS_NOTE = ("A pattern describes this simulated infant's relationship with this caregiver, shaped by a "
              "history of care; it is not a verdict on a child or a parent, and this tool never assesses a "
              "real child.")
CLASS_NAMES = {"A": "avoidant", "B": "secure", "C": "resistant (ambivalent)", "D": "disorganized"}
REUNION_PARENTS = {
    "B": "At the reunions the child welcomed the caregiver back, by going to them or by greeting them from "
         "across the room.",
    "A": "At the reunions the child stayed busy with the toys and did not go to the caregiver, though "
         "the body's stress line stayed high.",
    "C": "At the reunions the child wanted the caregiver and was hard to settle, clinging and pushing "
         "away by turns.",
    "D": "At the reunions the child seemed unsure what to do: moving towards the caregiver and then "
         "turning away, or going still.",
}
#: The parents' words for a borderline B (very upset while apart, then little seeking of comfort): said
#: plainly, with no pattern letters or scores.
REUNION_PARENTS_B_APART = ("When the caregiver came back the second time, the child, though very upset while "
                           "apart, mostly stayed at a distance instead of going to be held. Children show their "
                           "need for comfort in different ways.")
REUNION_PARENTS_NOTE = ("This shows how one simulated pair handled a stressful few minutes, shaped by the "
                        "care the child had known. It is not a verdict on any child or parent, and "
                        "relationships change when care changes: support helps.")

# --- Separation scenarios ---------------------------------------------------------------------------------
SEP_CLASS = ("While apart the infant cried {cry:.0f}% of the time, with arousal {arousal:.2f}; at pick-up, "
             "with the caregiver back, crying {cry_back:.0f}% and arousal {arousal_back:.2f}. Protest at "
             "separation is a sign of attachment (Schaffer & Emerson 1964).")
SEP_PARENTS = ("While apart the child cried {cry_words}; back together, the child settled: {settled}. "
               "Protest at goodbye is a sign of a strong bond, not of a problem.")
SETTLED_YES = "the body's stress line came down"
SETTLED_NO = "it took a while, and that is normal"

# --- Take home (one per audience) -----------------------------------------------------------------------
TAKE_HOME = {
    "parents": ("No parent is perfect: being in step about a third of the time is ordinary good care. Repair "
                "counts: coming back, looking, answering, saying sorry.{phone} Support helps: tired, stressed "
                "or low parents find repair harder, and help for the parent is help for the baby."),
    "class": ("Mismatch is the normal state of interaction and repair is the active ingredient (Tronick "
              "1989). A model shows how the mechanisms could work; it never assesses a real child or parent."),
    "research": ("All figures are from one simulated run with the seed and parameters below; single runs "
                 "vary. Population figures come from the batch command with the same settings."),
}

#: The parents' take-home's sentence on phones; left out after a scenario about a caregiver's low mood, whose
#: lesson is that low mood is nobody's fault and support helps (a phone is beside that point there).
TAKE_HOME_PHONE = " A phone can be a still face, so notice when it pulls you away, and come back."

# --- Markdown export -----------------------------------------------------------------------------------
MD_TITLE = "# Debrief: {title}"
MD_INTRO = "*{question}*"
MD_SETUP = "Infant: {age:g} months, {temperament}. Care so far: {history}. {who}. Run number {seed}."
MD_SETUP_RESEARCH = "Scenario `{scenario}`, seed {seed}, infant preset `{preset}`, caregiver `{caregiver}`, audience `{audience}`."
MD_OVERRIDES = "Settings changed: {items}."
MD_WHO_LEARNER = "You played the caregiver"
MD_WHO_SCRIPT = "A scripted caregiver played"
MD_UNFINISHED = "The session was stopped at {t}; the lessons cover what ran."
MD_LESSONS = "## What this run showed"
MD_DEFINITIONS = "## Words used here"
MD_NUMBERS = "## The numbers, episode by episode"
MD_PREDICTION = "## Your prediction"
MD_DISCUSS = "## To discuss"
MD_REFERENCES = "## References"
MD_READING = "## Further reading"
MD_NOTE = "*{note}*"
MD_COL = {
    "episode": "Episode", "length": "Length", "crying": "Crying", "arousal": "Arousal",
    "positive_affect": "Positive affect", "negative_affect": "Negative affect", "gaze": "Gaze",
    "matched": "Matched", "ruptures": "Ruptures", "repairs": "Repairs", "latency": "Mean repair latency",
}
MD_PARENT_COL = {"episode": "Part", "length": "Length", "crying": "Crying", "arousal": "Body stress line"}
MD_CURTAILED = " (cut short)"
MD_NA = "–"
TEMPERAMENT_WORDS = ((0.4, "an easy-going temperament"), (0.65, "an average temperament"),
                     (1.01, "a sensitive, quick-to-react temperament"))

# --- Predictions, compared honestly ---------------------------------------------------------------------
PRED_SAID = "You predicted: {answer}."
PRED_THIS = {
    "match": "This infant did that: {observed}.",
    "differ": "This infant did something else: {observed}.",
    "unknown": "This run did not get far enough to tell.",
}
PRED_MOST = {
    "match": "Most infants in the research do that too: {answer}.",
    "differ": "Most infants in the research do something else: {answer}.",
}
PRED_NONE = "No prediction was made."
OBSERVED_SSP = {
    "B": "went to the caregiver, was comforted and returned to play",
    "A": "ignored the caregiver and kept playing",
    "C": "clung and pushed away by turns and stayed upset",
    "D": "froze, or approached and then turned away",
}
OBSERVED_FIRST_STILL = {
    "bid": "tried to get the caregiver back first (smiled, cooed or reached)",
    "cry": "cried or fussed first",
    "none": "neither bid nor cried in the still-face",
}
#: What the infant did in a flat (simulated depression) episode, against its first normal play, in the terms of
#: that scenario's predict question ("protest, look away, try to re-engage" or carry on as before).
OBSERVED_FLAT = {
    "changed": "smiled or looked less, or fussed more, when the face went flat",
    "same": "carried on much as in the first play",
}

# --- The A4 session report, per audience (``report --audience``; printout/audience.py) ----------------------
REPORT_KIND = {"parents": "a session to talk about", "class": "session report", "research": "session report"}
REPORT_TIMELINE = {"parents": "How the session went", "class": "Timeline", "research": "Timeline"}
REPORT_NUMBERS = "The session, episode by episode"
REPORT_YOUR_CHOICES = "Your choices"
REPORT_PREDICTION = "Your prediction"
REPORT_LESSONS = "What this run showed"
REPORT_WORDS = "Words used here"
REPORT_READING = "Further reading"
REPORT_RESEARCH = "For research"
# --- The compare report for parents (``compare --audience parents``) ------------------------------------------
COMPARE_KIND_PARENTS = "two sessions to talk about"
COMPARE_TITLE_PARENTS = "{title}: two sessions side by side"
COMPARE_SUBTITLE_PARENTS = "The same kind of session twice, to see what changes when the caregiving changes."
COMPARE_RUN_PARENTS = "{tag}: with {who}. {setup}"
COMPARE_YOU_PARENTS = "you as the caregiver"
#: The caregiver policies in plain words (the app's Saved sessions and Compare, and the printed compare).
CAREGIVER_NAMES = {"sensitive": "a sensitive caregiver", "still_face": "a still-face caregiver",
                   "phone": "a caregiver on the phone", "intrusive": "an intrusive caregiver",
                   "inconsistent": "an inconsistent caregiver", "rejecting": "a caregiver who rebuffs comfort",
                   "ssp_protocol": "the procedure's caregiver", "depressed": "a caregiver with low mood"}
CAREGIVER_OTHER = "a scripted caregiver"
#: The two runs' names on the parents' page (never "A" and "B", which read as attachment pattern letters).
COMPARE_TAGS_PARENTS = ("First session", "Second session")
COMPARE_LESSONS_PARENTS = "{tag}: what this run showed"
COMPARE_EPISODES_PARENTS = "{tag}, episode by episode"
