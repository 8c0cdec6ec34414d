"""Every user-visible string of the view, in one place (whole sentences with named fields, never fragments).

Tone (science.md section 5): patterns describe a relationship, not a verdict on a child or a parent;
caregivers need not be perfect, matching about 30% of the time is normal, and repair is what counts.
The simulator teaches; it never claims to assess a real child.
"""

from ..content.lesson_strings import CAREGIVER_NAMES as L_CAREGIVER_NAMES, CAREGIVER_OTHER as L_CAREGIVER_OTHER
from ..content.lesson_strings import HISTORY_PLAIN
from ..model.published import shares_text
from ..model import published as pub

APP_TITLE = "Attune: the Still-Face and the Strange Situation"
APP_NAME = "Attune"
APP_TAGLINE = "A teaching simulator of early relationships: rupture, repair, and secure attachment."
APP_DISCLAIMER = "A model for teaching. It never assesses a real child or a real parent."

# --- Home -----------------------------------------------------------------------------------------------
HOME_CHOOSE = "Choose a scenario"
HOME_CARD_META = "{minutes} · {age} months"
HOME_MINUTES = "{n:g} min"
HOME_GLOSSARY = "Glossary"
HOME_POPULATION = "Population lab"
HOME_OBSERVER = "Observer mode"
HOME_SESSIONS = "Saved sessions"
HOME_QUIT = "Quit"
HOME_AUDIENCE = "For: {audience}"
AUDIENCE_SHORT = {"parents": "Parents", "class": "Class", "research": "Research"}
QUIT_TITLE = "Quit Attune?"
QUIT_TEXT = "Saved sessions stay in the data folder. Settings are remembered for next time."
QUIT_YES = "Quit"
QUIT_NO = "Stay"
HOME_MORE = "More scenarios ({page} of {pages})"
HOME_TEXT_SIZE = "Text size"
HOME_PROJECTOR = "Projector"
HOME_FULLSCREEN = "Full screen"
HOME_SOUND_ON = "Sound on"
HOME_SOUND_OFF = "Sound off"
HOME_HINTS = "Arrows or Tab move  ·  Enter opens  ·  T text size  ·  U audience  ·  F10 projector  ·  F11 full screen  ·  M sound"
HOME_INVALID = "This scenario file has an error: {error}"

# --- Briefing -----------------------------------------------------------------------------------------------
BRIEF_PROCEDURE = "The procedure"
BRIEF_EPISODES = "Episodes"
BRIEF_EPISODE_LINE = "{title}  ·  {duration}"
BRIEF_EPISODE_SEP = ";  "
BRIEF_WATCH = "What to watch for"
BRIEF_INFANT = "The infant"
BRIEF_INFANT_AGE = "{age:g} months old."
BRIEF_HISTORY = "Caregiving history in this run: {history}."
BRIEF_CONTENT_NOTE = "Content note"
BRIEF_PREDICT = "Predict first"
BRIEF_PREDICT_HINT = "Pick what you expect (keys 1 to {n}). You will see your answer again in the debrief."
BRIEF_YOU_PLAY = "You play the caregiver"
BRIEF_YOU_WATCH = "You watch: the caregiver follows the procedure"
BRIEF_MODE_LEARNER = "You play"
BRIEF_MODE_TITLE = "Who plays the caregiver?"
BRIEF_MODE_DEMO = "Watch a demo"
BRIEF_HISTORY_BUTTON = "History: {preset}"
BRIEF_HISTORY_BUTTON_HIDDEN = "Another history"
BRIEF_SETUP = "Set up"
BRIEF_SETUP_CHANGED = "(Changed in Set up.)"

# --- Setup panel ----------------------------------------------------------------------------------------------
SETUP_TITLE = "Set up the infant and the caregiver"
SETUP_SUB = "Change one thing at a time, then watch what changes. Reset undoes it all."
SETUP_ROWS = {"age": "Infant's age", "temperament": "Temperament", "history": "Care so far",
              "sensitivity": "Caregiver's sensitivity", "looks": "How they look"}
SETUP_AGE_VALUE = "{age:g} months"
SETUP_TEMPERAMENT = {"preset": "as the scenario sets it", "easy": "easy-going, soothed quickly",
                     "average": "average", "reactive": "quick to react, slower to soothe"}
SETUP_SENSITIVITY_VALUE = "reads the baby's signals right {pct:.0f}% of the time"
SETUP_LOOKS_VALUE = ("tone and hair: infant {infant} {infant_hair} · caregiver {caregiver} {caregiver_hair} · "
                     "stranger {stranger} {stranger_hair}")
SETUP_GREY = "grey {hair}"  # an adult's hair style, drawn grey
SETUP_RESET = "Reset"
SETUP_DONE = "Done"
SETUP_HINT = "Up and Down choose a row  ·  Left and Right change it  ·  R reset  ·  Enter or Esc: done"
BRIEF_HOW = "In the room"
BRIEF_HOW_PLAY = "Choose what the caregiver does with the number keys 1 to 0 and the letters shown on the buttons, " \
                 "or click them. P pauses; R restarts the episode."
BRIEF_HOW_WATCH = "Watch the infant and the live chart. P pauses, - and = change the speed, N skips ahead."
BRIEF_START = "Start"
BRIEF_START_LOCKED = "Predict first"
BRIEF_BACK = "Back"

# Plain words for the presets (histories, not labels: science.md section 5).
PRESET_PLAIN = HISTORY_PLAIN

# --- Play ---------------------------------------------------------------------------------------------------
PLAY_EPISODE = "Episode {k} of {n}:  {title}"
PLAY_LEFT = "{m}:{s:02d} left"
PLAY_OVER = "+{m}:{s:02d}"
PLAY_CURTAILED = "Curtailed: ended early after hard crying"
PLAY_EXTENDED = "Extended until the infant is calm"
PLAY_FINISHED = "The session is over."
PLAY_FINISHED_LEARNER = "The session is over. Press E (or Enter) for the debrief."
PLAY_AUTO_DEBRIEF = "Session complete – opening the debrief"
PLAY_PAUSED = "Paused"
PLAY_SPEED = "Speed {x:g}×"
PLAY_ACTIONS = "Your actions"
PLAY_ACTIONS_DEMO = "Caregiver actions (demo)"
PLAY_LOCK_ABSENT = "The caregiver is out of the room."
PLAY_LOCK_SCRIPT = "The procedure sets what the caregiver does in this episode."
PLAY_LOCK_DEMO = "Demo mode: a scripted caregiver plays. Watch the infant."
PLAY_LOCK_BREAK = "Still-face: hold still. Any action breaks the still-face."
PLAY_BROKEN = "You broke the script: your actions count from here."
PLAY_HOLDING = "You are doing: {action}"
PLAY_NOW_MATCHED = "In step"
PLAY_NOW_MISMATCHED = "Out of step"
PLAY_NOW_AWAY = "Caregiver away"
PLAY_NOW_YOUR_MOVE = "Your move"
PLAY_HINTS_ON = "Hints on: what the baby signals, and what would fit."
PLAY_HINTS_OFF = "Hints off: test yourself. Press / to bring them back."
#: What each coarse infant state signals, for the hint "The baby ...: ... would fit".
SIGNAL_WORDS = {
    0: "is smiling, inviting play",
    1: "is looking at you, calm",
    2: "wants to be close",
    3: "is upset",
    4: "has looked away to calm down",
    5: "is busy exploring",
}
PLAY_SIGNAL_HINT = "The baby {signal}. What would fit: {fits}."
PLAY_SIGNAL_ONLY = "The baby {signal}."  # the hint when the status box has room for no more
PLAY_OR = ", "
PLAY_COUNTS_PLANNED = "{counts}  ·  planned: {kind}"
PLANNED_KIND_LABEL = {"still_face": "the still-face", "phone": "the phone", "separation": "the separation"}
PLAY_NORMAL_NOTE_PARENTS = "No parent is perfect. Finding each other again is what counts."
PLAY_LOCK_BREAK_BY_POLICY = {
    "still_face": "Still-face: hold still. Any action breaks the still-face.",
    "phone": "Phone: stay absorbed in the phone. Any action puts it down.",
}
PLAY_AWAY_NOTE = "Watch how the infant copes without the caregiver: search, crying, play."
PLAY_AWAY_CURTAIL = "Watch for search and crying. The episode is cut short after {s:g} s of hard crying."
PLAY_MATCH_SO_FAR = "Matched {pct:.0f}% of this episode"
PLAY_COUNTS = "Ruptures {r}  ·  Repairs {p}"
PLAY_LAST_REPAIR = "Last repair after {s:.1f} s"
PLAY_CHART_TITLE = "Live: the last {s:g} seconds"
PLAY_NORMAL_NOTE = f"About {pub.value('play.matched'):g}% matched is normal. Repair is what counts."
PLAY_PAUSE = "Pause"
PLAY_RESUME = "Resume"
PLAY_STEP = "Step"
PLAY_SLOWER = "Slower"
PLAY_FASTER = "Faster"
PLAY_RESTART = "Restart episode"
PLAY_SKIP = "Skip ahead"
PLAY_DEBRIEF = "Debrief"
PLAY_HOME = "Home"
PLAY_INFANT = "Infant"
PLAY_CAREGIVER = "Caregiver"
PLAY_STRANGER = "Stranger"
PLAY_CAPTION_INFANT = "The infant {what}."
PLAY_ROLE_DOING = "{who}: {what}"
PLAY_BREAK_CONFIRM = "Press an action again to break the still-face: the baby will see you respond."
PLAY_BREAK_TOAST = "Script broken: you are responding again."
PLAY_NEW_EPISODE = "Now: {title}"
NARRATION_CLOSE_HINT = "C or click: close"
# The scenario's prompts as Play shows them under the actions or over the room (kind: predict, observe, explain).
PROMPT_LABELS = {"predict": "Predict: {text}", "observe": "Watch: {text}", "explain": "Think about: {text}"}
PROMPT_OPTIONS = " ({options})"
PROMPT_OPTION_SEP = " · "
PLAY_HINTS = "P pause  ·  . step  ·  - / = speed  ·  R restart episode  ·  N skip ahead  ·  / hints  ·  Esc home"

# --- A tired caregiver (scenarios with tiredness, e.g. a_hard_day): the energy bar and self-care ---------------
TIRED_ENERGY = "Your energy"
TIRED_RESTING = "You are resting: your energy comes back."
TIRED_LAG = "Your responses start about {s:.0f} s late."
TIRED_LAG_NONE = "Your responses start straight away."
TIRED_OUT_OF_REACH = "Out of reach for now: {actions}. Rest brings them back."
TIRED_ALL_IN_REACH = "Everything is within reach again."
TIRED_RESTING_HELP = "Your partner has the baby. Rest for a moment ({s:.0f} s)."
TIRED_RESTING_BREAK = "You have put the baby down safely and stepped out. Come back when you are ready."
TIRED_RESTING_EPISODE = "Someone else is caring now. You rest."
TIRED_PENDING = "Starting soon: {action}"
TIRED_DRIFTING = "Your attention drifts for a moment. That happens when you are exhausted."
SELF_CARE_LABELS = {
    "ask_for_help": "Ask for help",
    "take_break": "Take a short break",
    "come_back": "Come back",
}
#: Keys of the self-care choices (letters not used by actions or time controls).
SELF_CARE_KEYS = {"ask_for_help": "a", "take_break": "w", "come_back": "w"}
SELF_CARE_TOASTS = {
    "ask_for_help": "Your partner steps in. Asking for help is part of caring.",
    "take_break": "You put the baby down somewhere safe and step out for a moment. It is all right to do this.",
    "come_back": "You are back. Reconnect at the baby's pace.",
}
#: The caregiver's name in the room while a partner has stepped in.
PLAY_PARTNER = "Partner"

# Chart legend (each series also has a distinct line style).
SERIES = {
    "positive_affect": "Positive affect",
    "negative_affect": "Negative affect",
    "gaze": "Gaze at partner",
    "arousal": "Latent arousal",
}
CHART_RUPTURE = "rupture"
CHART_REPAIR = "repair"
CHART_RUPTURES = "ruptures"  # the debrief's strip, one block per event
CHART_REPAIRS = "repairs"
CHART_STRIP_KEY = "one block per event, {s:g} s bins"
CHART_CAREGIVER = "caregiver"  # the timeline's caregiver strip (the printed report)
CHART_MINUTES = "min"
CHART_CHOICES = "choices"  # the learner's, on the printed timeline
CHART_LEVEL = "0-1"
CHART_ACTIONS_KEY = "Caregiver:"
CHART_ACTION_GROUPS = {
    "play": "play: smile, coo, mirror, play, toy",
    "comfort": "comfort: touch, hold, soothe, validate, amends, greet",
    "wait": "wait (give space)",
    "still": "still-face, phone, ignore",
    "intrusive": "intrude, harsh",
    "leave": "leave",
}

# --- Caregiver actions: button labels and shortcut keys (the ids are the contract) ----------------------------
ACTION_LABELS = {
    "smile": "Smile",
    "coo": "Talk softly",
    "mirror": "Mirror",
    "play": "Play a game",
    "touch": "Gentle touch",
    "hold": "Pick up, hold",
    "soothe": "Soothe",
    "validate": "Name the feeling",
    "make_amends": "Make amends",
    "wait": "Give space",
    "offer_toy": "Offer a toy",
    "still_face": "Still face",
    "phone": "Look at phone",
    "leave": "Leave the room",
    "leave_with_goodbye": "Leave, say bye",
    "return_greet": "Return, greet",
    "intrude": "Over-stimulate",
    "harsh": "Harsh voice",
    "ignore": "Ignore",
}
#: What the caregiver (or stranger) is seen doing, for captions.
ACTION_CAPTIONS = {
    "smile": "smiles warmly",
    "coo": "talks softly",
    "mirror": "mirrors the baby's face",
    "play": "plays a game",
    "touch": "touches gently",
    "hold": "holds the baby",
    "soothe": "soothes",
    "validate": "names the feeling",
    "make_amends": "makes amends",
    "wait": "gives space and waits",
    "offer_toy": "offers a toy",
    "still_face": "holds a still face",
    "phone": "looks at the phone",
    "leave": "leaves",
    "leave_with_goodbye": "says bye-bye and leaves",
    "return_greet": "greets the baby",  # after a separation or after the still-face alike
    "intrude": "over-stimulates",
    "harsh": "speaks harshly",
    "ignore": "ignores the baby",
}
#: The same, when the caregiver's expression is flat (low mood or tiredness: drawing/room.py's FLAT_FACE_MIN):
#: the act as the learner sees it, face and voice flattened, never "warmly". Actions not here read as above.
ACTION_CAPTIONS_FLAT = {
    "smile": "smiles, flatly",
    "coo": "talks in a flat voice",
    "mirror": "mirrors, with a flat face",
    "play": "plays a game, flatly",
    "touch": "touches, face flat",
    "hold": "holds the baby, face flat",
    "soothe": "soothes, in a flat voice",
    "validate": "names the feeling, flatly",
    "make_amends": "makes amends, flatly",
    "wait": "looks on, face flat",
    "offer_toy": "offers a toy, face flat",
    "return_greet": "greets the baby, flatly",
    "ignore": "looks away, withdrawn",  # a low-mood caregiver's withdrawn moment (policies.py)
}
#: Number keys for the most used actions, letters for the rest (the contract: labels and keys are the view's).
ACTION_NUMBER_KEYS = ("smile", "coo", "mirror", "play", "touch", "hold", "soothe", "validate", "make_amends", "wait")
ACTION_LETTER_KEYS = {
    "offer_toy": "o",
    "still_face": "f",
    "phone": "h",
    "leave": "l",
    "leave_with_goodbye": "g",
    "return_greet": "b",
    "intrude": "i",
    "harsh": "x",
    "ignore": "z",
}

# --- Infant behaviours: captions ("so that colour and sound are never the only cue") -------------------------
BEHAVIOUR_CAPTIONS = {
    "look": "looks at {who}",
    "smile": "smiles at {who}",
    "bid": "bids for {who}: coos, smiles, gestures",
    "fuss": "fusses and frets",
    "cry": "cries",
    "reach": "reaches for {who}",
    "approach": "crawls toward {who}",
    "cling": "clings to {who}",
    "resist": "pushes away and squirms",
    "avoid": "turns away from {who}",
    "self_soothe": "comforts itself: sucks a thumb",
    "explore": "explores a toy",
    "freeze": "freezes, with a dazed look",
    "look_away": "looks away",
    "search": "searches: looks at the door",
}
#: Captions when no adult is in the room.
BEHAVIOUR_CAPTIONS_ALONE = {
    "look": "looks around the room",
    "smile": "smiles to itself",
    "bid": "calls out",
    "reach": "reaches toward the door",
    "approach": "crawls toward the door",
    "cling": "holds on tight to a toy",
    "avoid": "turns away",
}
WHO_CAREGIVER = "the caregiver"
WHO_STRANGER = "the stranger"
WHO_NAMED = "the {name}"

# --- Debrief ------------------------------------------------------------------------------------------------
DEBRIEF_TITLE = "Debrief: {title}"
DEBRIEF_SUB = "Care so far: {history}  ·  run {seed}  ·  {who}"
DEBRIEF_WHO_LEARNER = "you played the caregiver"
DEBRIEF_WHO_DEMO = "a scripted caregiver played ({policy})"
DEBRIEF_TIMELINE = "The whole session"
DEBRIEF_YOUR_CHOICES = "marks your choices"  # drawn after a short mark in the choices' colour
DEBRIEF_LESSONS_TITLE = "What this run showed"
DEBRIEF_COUNT_PLANNED = "{n}*"
DEBRIEF_PLANNED_NOTE = "{note} * includes the planned rupture (still-face, phone or leaving) or its repair."
DEBRIEF_LESSON_ROW = "· {row}"
DEBRIEF_PAIRED_PENDING = "Paired d over {n} simulated infants with these settings: computing…"
DEBRIEF_PAIRED_FAILED = "(The paired d could not be computed for these settings.)"
DEBRIEF_MORE_LESSONS = "more: Page Down ({n})"
DEBRIEF_TERMS = "Glossary:"
DEBRIEF_SHOW_NUMBERS = "Numbers"
DEBRIEF_SHOW_LESSONS = "Lessons"
DEBRIEF_TABLE = "Episode by episode"
DEBRIEF_COL_EPISODE = "Episode"
DEBRIEF_COL_LENGTH = "Length"
DEBRIEF_COL_MATCHED = "Matched"
DEBRIEF_COL_RUPTURES = "Ruptures"
DEBRIEF_COL_REPAIRS = "Repairs"
DEBRIEF_COL_LATENCY = "Repair after"
DEBRIEF_CURTAILED_MARK = "{length} (curtailed)"
DEBRIEF_EXTENDED_MARK = "{length} (extended)"
DEBRIEF_NA = "–"
DEBRIEF_NOTE_MATCH = (f"About {pub.value('play.matched'):g}% matched is normal in play. What matters is how fast "
                      "mismatches are repaired.")
DEBRIEF_SF_TITLE = "Play, still-face, reunion"
DEBRIEF_SF_BARS = "Bars in each group: {episodes}"
DEBRIEF_SF_PUBLISHED = "Published pattern (Mesman et al. 2009): positive affect and gaze fall in the still-face and " \
                       "come back only partly in the reunion; negative affect rises and stays above play."
DEBRIEF_AS_PUBLISHED = "as published"
DEBRIEF_NOT_AS_PUBLISHED = "differs this run"
DEBRIEF_NOT_REACHED = "not reached yet"
DEBRIEF_SF_INCOMPLETE = "The session stopped early: play it to the end to compare all three episodes."
DEBRIEF_SF_AGREES = "This run shows the published pattern."
DEBRIEF_SF_PARTLY = "This run shows part of the published pattern: single runs are noisy; try another seed."
DEBRIEF_SSP_TITLE = "Ainsworth's scales (1-7), episode by episode"
DEBRIEF_SSP_NO_SCORING = "Scoring is not installed in this build, so the scales and the classification are not shown."
DEBRIEF_CLASS = "Classification: {code}, {name}"
DEBRIEF_CLASS_BESTFIT = "Best fit among A, B, C: {code}"
DEBRIEF_DISORG = "Disorganisation rating {d} (1-9; D from 5)"
DEBRIEF_PUBLISHED_DIST = (f"Published (Baltimore, {pub.label('baltimore.n')}): "
                          f"{shares_text('baltimore', 'ABC')}; "
                          f"about {pub.LOW_RISK_D:g}% D in low-risk samples.")
DEBRIEF_DIST_SEGMENT = "{code} {pct}%"
DEBRIEF_PATTERN_NOTE = "A classification describes this relationship in this procedure, not the child."
DEBRIEF_PREDICT = "Your prediction"
DEBRIEF_YOU_SAID = "You predicted: {answer}"
DEBRIEF_NO_ANSWER = "You did not make a prediction."
DEBRIEF_LITERATURE = "What most infants do, in the research: {answer}"
DEBRIEF_RIGHT = "Your prediction matches the research."
DEBRIEF_WRONG = "A common expectation; the research points the other way. Look for it in the timeline."
DEBRIEF_EXPLAIN = "Think about it"
DEBRIEF_SAVE = "Export report"
DEBRIEF_SAVED = "Saved the A4 report {png}, with {csv} and {json}"
DEBRIEF_SAVE_FAILED = "Could not save: {error}"
DEBRIEF_AGAIN = "Play again"
DEBRIEF_HOME = "Home"
DEBRIEF_GLOSSARY = "Glossary"
DEBRIEF_UNFINISHED = "Debrief of a session stopped at {t}."
DEBRIEF_SUB_UNFINISHED = "{stopped}  ·  {sub}"
DEBRIEF_CLASS_D_EXTRA = "{best}  ·  {index}"
DEBRIEF_MEASURE = {"positive_affect": "Positive affect", "negative_affect": "Negative affect", "gaze": "Gaze"}
CLASS_NAMES = {"A": "avoidant", "B": "secure", "C": "resistant (ambivalent)", "D": "disorganized"}
SCALE_SHORT = {  # column heads: short words, not letter codes
    "proximity_seeking": "Seek",
    "contact_maintaining": "Keep",
    "resistance": "Resist",
    "avoidance": "Avoid",
    "search": "Search",
    "distance_interaction": "Distance",
}
SCALE_KEY = "Ainsworth's 1-7 scales: Seek proximity · Keep contact · Resist · Avoid · Search · Distance interaction"

# --- Glossary -----------------------------------------------------------------------------------------------
GLOSSARY_TITLE = "Glossary"
GLOSSARY_SUB = "The field's own words, each explained briefly."
GLOSSARY_BACK = "Back"
GLOSSARY_HINTS = "Up / Down or Page Up / Page Down scroll  ·  mouse wheel  ·  Esc back"

# --- Common ---------------------------------------------------------------------------------------------------
BACK_HINT = "Esc back"
ERROR_TITLE = "Something went wrong"
PLAY_AUTOSAVE_FAILED = ("Autosave is not working right now (the disk may be full or read-only). What was saved "
                        "before is kept, and Attune keeps trying.")
ERROR_MESSAGE = "The {where} screen stopped: {error}. Your session so far was autosaved. Go back to Home and try again."
ERROR_HOME = "Back to Home"

# Scroll panels (widgets.ScrollPanel): the cue on a panel with more text below, and how to reach it.
SCROLL_MORE = "More below: wheel or Page Down"

# --- Lecture mode ---------------------------------------------------------------------------------------------
LECTURE_PROGRESS = "Part {k} of {n}  ·  {clock}"
LECTURE_CUE = "Pause and discuss"
LECTURE_CUE_HINT = "Enter or Space: go on  ·  Esc: Home"
LECTURE_CUE_AUTO = "Goes on by itself in {s} s  ·  Enter: go on now"
LECTURE_NEXT_HINT = "Enter, Space or Right arrow: next  ·  T text size  ·  Esc: Home"
LECTURE_HINT = "Starting the lecture…"
LECTURE_DONE = "That is the end of the plan."
LECTURE_DONE_HINT = "Enter or Esc: Home"
LECTURE_TIME = "Lecture time so far: {clock}"

# --- Observer mode (scenes/observer.py) -------------------------------------------------------------------------
OBSERVER = {
    "intro_title": "Observer mode: code the reunions",
    "intro_sub": "Practise coding the Strange Situation the way trained coders do, then see how your coding agrees "
                 "with Attune's.",
    "intro_text": "You will watch simulated infants whose caregiving history is hidden. For each one, rate the two "
                  "reunions (episodes 5 and 8) on Ainsworth's four interactive scales, from 1 to 7, and choose a "
                  "pattern. Attune then shows its own coding, with the behaviour behind every score and a button "
                  "that replays that moment. After the block you see how far the two coders agree, as a "
                  "percentage and as Cohen's kappa with its 95% confidence interval.",
    "intro_size": "How many infants in this block?",
    "intro_size_note": "5 fits a seminar; 10 gives a steadier kappa. Next episode (N) skips ahead to the reunions.",
    "intro_start": "Start the block",
    "intro_ready": "The first infant is ready.",
    "intro_preparing": "Preparing the first infant…",
    "banner": "Observer  ·  infant {k} of {n}  ·  {title}",
    "loading_banner": "Observer  ·  infant {k} of {n}",
    "loading": "Preparing the next infant: an unlabelled caregiving history, drawn at random…",
    "loading_failed": "This infant could not be prepared: {error}",
    "banner_done": "Observer  ·  infant {k} of {n}  ·  the procedure is over",
    "clock": "{m}:{s:02d}",
    "rate_title": "Your coding",
    "rate_hint": "Rate episodes 5 and 8 from 1 to 7: type the numbers straight in (they fill the boxes in turn), or "
                 "Tab to a box's − or + and type or press Enter. Leave a box empty if you did not see enough.",
    "reunion_col": ("Reunion 1", "Reunion 2"),
    "episode_col": "episode {e}",
    "empty": "–",
    "minus": "−",
    "plus": "+",
    "class_title": "Classification",
    "class_option": "{code}  {name}",
    "submit": "See Attune's coding",
    "finishing": "Running the rest of the procedure so Attune can code it…",
    "finishing_pct": "{pct:.0f}%",
    "fb_title": "Attune's coding beside yours",
    "fb_hint": "Your rating · Attune's. A time button replays the moment behind a score.",
    "fb_you_att": "you · Attune",
    "fb_reunion_head": "{reunion} (episode {e})",
    "fb_pair": "{you} · {att}",
    "fb_class": "Classification: you {you}, Attune {att} ({name})",
    "fb_class_none": "Classification: you did not choose; Attune {att} ({name})",
    "fb_history": "Behind this simulated infant: {history}.",
    "fb_same": "same",
    "fb_same_suffix": "{line}  ·  same",
    "fb_reasons": "Why Attune chose {att}: {reasons}.",
    "next": "Next infant",
    "to_block": "See the block's agreement",
    "jump": "{m}:{s:02d}",
    "jump_start": "start",
    "ev_ps": "first approach at {t:.0f}\u00a0s; approach bouts: {b}",  # \u00a0: a number keeps its unit
    "ev_ps_none": "no full approach",
    "ev_cm": "contact {c:.0f}\u00a0s · clinging {k:.0f}\u00a0s",
    "ev_rs": "resisting {r:.1f}\u00a0s in all",
    "ev_av": "avoids {p:.0f}% of the time",
    "block_title": "How your coding agrees with Attune's",
    "block_sub": "Two coders, you and Attune. Simulated infants coded: {n} (block {seed}). A classification "
                 "describes a relationship in this procedure, never a child.",
    "block_scales": "Scales, both reunions pooled",
    "col_scale": "Scale",
    "col_exact": "Exact",
    "col_within": "Within 1",
    "col_diff": "Mean difference",
    "col_n": "Ratings",
    "all_scales": "All four scales",
    "block_class": "Classification",
    "block_same": "Same pattern for {pct} of infants ({k} of {n})",
    "block_kappa": "Cohen's kappa {kappa:.2f}, 95% CI {lo:.2f} to {hi:.2f}  (observed {obs:.0%}, chance {exp:.0%})",
    "block_kappa_nan": "Cohen's kappa: undefined",
    "block_guide": "A rough guide (Landis & Koch 1977): 0.41–0.60 moderate, 0.61–0.80 substantial, above 0.80 "
                   "almost perfect. Agreement grows with practice.",
    "block_infants": "Infant by infant, with the history behind each",
    "pct": "{v:.0%}",
    "diff": "{v:.1f}",
    "confusion": "You (rows) and Attune (columns)",
    "confusion_note": "The diagonal is agreement. Off the diagonal: which patterns you and Attune told apart "
                      "differently.",
    "scales_note": "Exact: the same point. Within 1: at most one point apart, as scale reliability is often "
                   "reported. Empty boxes are left out.",
    "per_infant": "Infant {k}: you {you}, Attune {att}",
    "new_block": "New block",
    "block_of": "{n} infants",
    "home": "Home",
    "play": "Play",
    "pause": "Pause",
    "slower": "Slower",
    "faster": "Faster",
    "speed": "{x:g}×",
    "back5": "−5 s",
    "fwd5": "+5 s",
    "ep_start": "Episode start",
    "next_ep": "Next episode",
    "chart_on": "Chart",
    "chart_off": "Hide chart",
    "watch_note": "Watch the reunions (episodes 5 and 8): how the infant greets the caregiver, comes close, "
                  "holds on, resists or turns away. Press G for a chart of the infant's state.",
    "seeking": "Finding that moment…",
    "chart_title": "Infant's state, last {s:g} s",
}
#: Ainsworth's four interactive scales, as Observer mode names them.
OBSERVER_SCALES = {"proximity_seeking": "Proximity seeking", "contact_maintaining": "Contact maintaining",
                   "resistance": "Resistance", "avoidance": "Avoidance"}

# --- Saved sessions (scenes/sessions_list.py) -------------------------------------------------------------------
SESSIONS_TITLE = "Saved sessions"
SESSIONS_SUBTITLE = "Every session you play is saved here as you go. Folder: {folder}"
SESSIONS_EMPTY = "No saved sessions yet. Play a scenario from Home: it is saved automatically as you play."
SESSIONS_HEAD = ("Date", "Scenario", "Infant and caregiver", "Result")
SESSIONS_UNREADABLE = "Cannot be opened: {message}"
SESSIONS_UNFINISHED = "unfinished ({t})"
SESSIONS_OPEN = "Open"
SESSIONS_REPLAY = "Replay"
SESSIONS_EXPORT = "Export report"
SESSIONS_DELETE = "Delete"
SESSIONS_BACK = "Back"
SESSIONS_COMPARE = "Compare"
SESSIONS_MARK = "Mark as A"
SESSIONS_MARKED = "A for compare"
SESSIONS_STALE = ("Note: replaying this file no longer gives exactly the saved result (the scenario or the model "
                  "changed since it was saved).")
SESSIONS_WORKING = "Replaying {name}..."
SESSIONS_EXPORTED = "Saved {png} (with .csv and .json) in {folder}"
SESSIONS_FAILED = "Could not do that: {error}"
SESSIONS_CONFIRM = "Delete the session “{name}”? This cannot be undone."
SESSIONS_YES = "Delete"
SESSIONS_NO = "Keep it"
SESSIONS_DELETED = "Deleted {name}."
SESSIONS_RANGE = "{first}-{last} of {n}"
SESSIONS_TIME = "{m}:{s:02d}"
SESSIONS_HINTS = ("Up/Down choose  ·  O open  ·  R replay  ·  C compare with another caregiver (or with the row "
                  "marked by M)  ·  X export  ·  Del delete  ·  Esc back")
#: A saved session's infant, by its history (the infant preset id in the file): plain words, never the id.
SESSIONS_INFANT = {"secure": "Care so far: sensitive", "avoidant": "Care so far: comfort often rebuffed",
                   "resistant": "Care so far: hard to predict", "disorganized": "Care so far: frightening at times"}
SESSIONS_INFANT_OTHER = "Care so far: another history"
#: Who played the caregiver: the learner, or a scripted caregiver named by its way of caring (policy id).
CAREGIVER_NAMES, CAREGIVER_OTHER = L_CAREGIVER_NAMES, L_CAREGIVER_OTHER  # shared with the printed compare
SESSIONS_YOU_PLAYED = "you played the caregiver"
SESSIONS_WATCHED = "watched: {caregiver}"
SESSIONS_WHO = "{infant}  ·  {who}"

# --- Compare (scenes/compare.py) --------------------------------------------------------------------------------
COMPARE_TITLE = "Compare: {title}"
COMPARE_TAGS = ("A", "B")  # the two runs, as the report names them
COMPARE_SAME = "The same infant and run ({seed}), a different caregiver."
COMPARE_SAME_INFANT = "The same infant, a different caregiver."
COMPARE_RUN = "{tag}: {who}"
COMPARE_SAVE = "Save report"
COMPARE_VS = "Caregiver B: {policy}"
COMPARE_BACK = "Back"
COMPARE_SAVED = "Saved {png} (with .csv and .json) in {folder}"
COMPARE_FAILED = "Could not save: {error}"
COMPARE_WORKING = "Running the other caregiver..."
COMPARE_HINTS = "S save the compare report  ·  V other caregiver for B  ·  Page Down more  ·  Esc back"
COMPARE_TABLE = "Episode by episode, A | B"
COMPARE_COLS = ("Episode", "Positive", "Negative", "Matched")
COMPARE_RESULT = "{tag}: {result}"
COMPARE_NA = "–"
COMPARE_NUM = "{v:.2f}"
COMPARE_PCT = "{v:.0f}%"

# --- Population lab -------------------------------------------------------------------------------------------
LAB_TITLE = "Population lab"
LAB_SUBTITLE = ("Patterns grow out of caregiving histories. Pick a history and a number of infants; the lab "
                "develops them and compares their patterns with published samples.")
LAB_PROFILES = "A profile: every dyad has this history"
LAB_POPULATIONS = "A population: a mix of histories"
LAB_N_HEADING = "Number of infants (N cycles)"
LAB_PREVALENCE_HEADING = (f"Caregivers with depression (about 1 mother in 6; "
                          f"{pub.label('postnatal_depression.pooled')})")
LAB_NEW_SAMPLE = "New sample"
LAB_BACK = "Back"
LAB_WATCH = "Watch this infant"
LAB_PREV = "Previous"
LAB_NEXT = "Next"
LAB_NEXT_OF = "Next of:"
LAB_ABOUT = "About this history: {name}"
LAB_NO_CLASS_NOTE = ("No classification is set by hand: each one comes from scoring what the simulated infant does "
                     "in the Strange Situation after {months:g} months of everyday moments.")
LAB_POP_SOURCE = "Checked against: {source}"
LAB_MEDIAN = "median {value}"
LAB_FRIGHT_ROW = "{share:.0%} of caregivers, median {median:g} a day"
LAB_DEPRESSION_ROW = "{share:.0%} of caregivers, symptom level around 0.7"
#: The cue while the population is developed again for new settings (the window stays usable).
LAB_UPDATING = "Updating… {stage} {pct:.0f}%"
LAB_STAGE_NAMES = {"develop": "development", "ssp": "Strange Situation", "sf": "Still-Face"}
LAB_UPDATED_IN = "updated in {s:.1f} s"
LAB_FAILED = "The run stopped: {error}"
LAB_CLASS_TITLE = "Patterns: this run beside published samples"
LAB_RUN_LABEL = "{label}, N = {n}, seed {seed}"
LAB_RUN_LABEL_POPULATION = "{label}, {share:.0%} of caregivers with depression, N = {n}, seed {seed}"
LAB_LEGEND_SIM = "This run"
LAB_LEGEND_PUB = "Published"
LAB_PCT = "{v:.0f}%"
LAB_RANGE = "{lo:.0f}–{hi:.0f}%"
LAB_SF_TITLE = "Still-face: the same infants"
LAB_SF_AGE = "{n} infants, {age:g} months"
LAB_SF_EPISODES = ("Play", "Still-face", "Reunion")
LAB_SF_MEANS = "Means"
LAB_SF_SPREAD = "Spread"
LAB_SF_ROW = "{series}: {values}"
LAB_SPREAD_CHANGE = "Each infant's rise in distress"
LAB_SPREAD_INFANTS = "{n:,} infants"
LAB_SPREAD_CLASSES = "B in {k} classes of {size} from this run"
LAB_SPREAD_ALL = "all {v:.0f}%"
LAB_SPREAD_CAPTION = ("Infants differ: distress rose a lot in some, hardly at all in others. In classes of {size}, "
                      "B ranged from {lo:.0f}% to {hi:.0f}%.")
LAB_SPREAD_CAPTION_SMALL = "Infants differ: distress rose a lot in some, hardly at all in others."
LAB_INFANT_TITLE = "Open one infant"
LAB_INFANT_GRID_HINT = "One square per infant, grouped by pattern. Click one."
LAB_INFANT_HEAD = "Infant {i} of {n}: {code} ({name}), best fit {best}"
LAB_INFANT_CARE = ("Caregiving: sensitivity {sens:.2f} · repair lag {lag:.1f} s · consistency {cons:.2f} · comfort "
                   "welcomed {welcome:.2f} · phone {phone:.1f} h/day · frightening {fright:.1f}/day")
LAB_INFANT_TEMP = ("Temperament: reactivity {r:.2f}, soothability {s:.2f}  ·  working model (0-1): expects a "
                   "response {e:.2f}, plays distress down {d:.2f}, plays distress up {h:.2f}, fear {f:.2f}")
LAB_INFANT_WHY = "Why {code}: {reason}"
LAB_INFANT_NOTE = "A re-run has new chance events, so the pattern can differ."
LAB_HINTS = ("1-0 history  ·  N infants  ·  R new sample  ·  S means or spread  ·  [ ] infant  ·  A B C D next of a "
             "pattern  ·  W watch  ·  Esc back")
LAB_INFANT_LABEL = "{label}, infant {i}"
LAB_INFANT_HISTORY = "{label}, simulated infant {i} (sensitivity {sens:.2f}, comfort welcomed {welcome:.2f}{fright})"
LAB_INFANT_FRIGHT = ", frightening moments {f:.1f} a day"
LAB_BESTFIT_TITLE = "Best fit among A, B, C (each infant once, D too)"
LAB_BESTFIT_PUB = "Published: {shares}"
#: Footnotes under the classifications, keyed by the published sample (``model.population.lab.Published.key``).
LAB_FOOTNOTES = {
    "low_risk": f"Published: D about {pub.LOW_RISK_D:g}% in low-risk samples ({pub.label('low_risk.D')}); A, B, C "
                f"from Baltimore ({pub.label('baltimore.n')}), which had no D, so they are read as best fit (above).",
    "high_risk": f"Published: D {pub.value('high_risk.D_times_low'):g} to {pub.value('high_risk.D_times_high'):g} "
                 f"times the low-risk share of about {pub.LOW_RISK_D:g}% ({pub.label('low_risk.D')}); no A, B, C "
                 "table.",
    "global_mixed": f"Published: all four patterns in {pub.value('global_mixed.n'):,} dyads worldwide "
                    f"({pub.label('global_mixed.n')}).",
    "profile": f"Published, for comparison only: a global mixed-risk sample ({pub.label('global_mixed.n')}). One "
               "history is not a population.",
}
#: Plain names of the histories (the ids are the contract; these are the view's words).
LAB_HISTORY_NAMES = {
    "sensitive_repair": "Sensitive, prompt repair",
    "good_enough": "Good enough",
    "slow_repair": "Slow repair",
    "rebuffing": "Comfort rebuffed",
    "unpredictable": "Unpredictable",
    "frightening": "Frightening moments",
    "phone_heavy": "Phone-heavy",
    "depressed": "Depressive symptoms",
    "low_risk": "Low-risk circumstances",
    "high_risk": "High-risk circumstances",
    "global_mixed": "Global mix of circumstances",
}
#: A profile's parameters in words: (label, value format).
LAB_PARAM_LABELS = {
    "sensitivity": ("Sensitivity", "{:.2f}"),
    "response_lag_s": ("Repair lag", "{:.1f} s"),
    "bout_s": ("Action bout", "{:.0f} s"),
    "consistency": ("Consistency", "{:.2f}"),
    "comfort_welcome": ("Comfort welcomed", "{:.2f}"),
    "phone_hours": ("Phone time", "{:.1f} h/day"),
    "frightening_per_day": ("Frightening episodes", "{:.1f} a day"),
    "depressive_symptoms": ("Depressive symptoms", "{:.1f} (0-1)"),
}

# --- Replay of a saved session (view/scenes/replay.py) ----------------------------------------------------------
REPLAY_CHIP = "Replay"
REPLAY_CHIP_FILE = "Replay: {name}"
REPLAY_TOAST = ("Replay of a saved session: the learner's choices come back at the moments they were made. "
                "P pause, - / = speed, Page Up / Page Down previous / next episode.")
REPLAY_LOCKED = "This is a replay: the caregiver's actions are the recorded ones."
REPLAY_PREV = "< Episode"
REPLAY_NEXT = "Episode >"
REPLAY_END = "End of the saved session"
REPLAY_PANEL = "Caregiver actions (replay)"
REPLAY_HOLDING = "Highlighted: the learner's recorded choice, held now."
REPLAY_SCRIPTED = "The scenario's script (or its policy) plays the caregiver here."
