"""The learner's tiredness (a_hard_day): how it slows and limits a tired caregiver's responses, and how rest,
a short safe break or a partner's help restores them.

This is the *learner's* side of caregiver well-being: the person at the keyboard plays a caregiver after
a long night. Tiredness is one number per session, 0 (rested) to 1 (exhausted). It does three things to
the learner's responses, each from what is known about sleep loss in new parents:

- **Slower responding.** A chosen action starts ``RESPONSE_LAG_AT_EXHAUSTION_S * tiredness`` seconds late.
  Postpartum mothers with disturbed sleep respond more slowly and lapse more on a vigilant-attention test
  (Insana, Williams & Montgomery-Downs 2013, Sleep 36:73; sleep loss and vigilant attention: Lim & Dinges
  2008, Ann. N. Y. Acad. Sci. 1129:305). Those slowings are measured in milliseconds on a reaction-time
  task; the seconds here stand for the slower noticing and getting going of a tired parent, a teaching
  exaggeration, not a measured value.
- **Fewer actions within reach.** Lively, effortful actions (play, mirroring, naming feelings) need energy
  and drop out above a tiredness limit (``ACTION_LIMITS``). Parental fatigue goes with less warm, less
  engaged parenting and more irritability (Cooklin, Giallo & Rose 2012, Child Care Health Dev. 38:654).
  The simple, repairing actions (a soft word, holding, soothing, saying sorry, waiting) stay within
  reach at any level: repair is possible when you are struggling.
- **Moments of drifting attention.** At a rate that grows with tiredness squared, attention drifts for
  ``LAPSE_S`` seconds and the caregiver simply waits (the lapses of Insana et al. 2013).

Tiredness creeps up while caring, faster while the baby cries, and falls during rest: a short safe break
(the baby put down somewhere safe, the caregiver steps out; the "it's OK to walk away" advice of the ICON
programme, "Babies cry, you can cope", used in England), a partner or friend who steps in, or an episode in
which someone else cares. Rest lowers it towards ``REST_FLOOR``: a few minutes do not undo a broken night.
The time scales are compressed so that a ten-minute scenario shows the whole arc; they are not measured.

The random draws for lapses come from a generator of their own, derived from the session seed, so a
scenario without tiredness draws exactly as before and a tired session replays exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Extra delay (s) before a chosen action starts, at tiredness 1 (scaled linearly below). Teaching value;
#: direction from Insana et al. 2013 (slower, lapsing attention in postpartum mothers).
RESPONSE_LAG_AT_EXHAUSTION_S = 3.0
#: Attention lapses per minute at tiredness 1 (scaled by tiredness squared), and how long one lasts (s).
LAPSE_PER_MIN_AT_EXHAUSTION = 2.0
LAPSE_S = 3.0
#: Rise of tiredness per minute of caring (times 1 - tiredness), and the extra rise per minute of crying
#: (a crying baby is the hardest part of a hard day). Compressed teaching time scales.
TIRE_PER_MIN = 0.05
CRYING_TIRE_PER_MIN = 0.25
#: Time constant (s) of recovery during rest, and the level rest tends to (a few minutes of rest help,
#: they do not undo a night's broken sleep). Compressed teaching time scales.
TAU_REST_S = 45.0
REST_FLOOR = 0.25
#: The highest tiredness at which an action is still within reach. Actions not listed are always within
#: reach: the simple, repairing ones (Cooklin et al. 2012 for the direction: fatigue costs warmth and
#: engagement first).
ACTION_LIMITS: dict[str, float] = {"play": 0.55, "mirror": 0.65, "offer_toy": 0.65, "validate": 0.85}

#: The learner's self-care choices (not caregiver actions: they change who cares, or rest the carer).
ASK_FOR_HELP = "ask_for_help"
TAKE_BREAK = "take_break"
COME_BACK = "come_back"
SELF_CARE_IDS = (ASK_FOR_HELP, TAKE_BREAK, COME_BACK)


@dataclass
class TirednessState:
    """The learner's tiredness and self-care in one session (a batch of 1).

    Attributes:
        level: tiredness, 0 (rested) to 1 (exhausted).
        pending: the action the learner chose that has not started yet, or None.
        due_step: the model step at which ``pending`` starts.
        lapse_left_s: seconds left of a moment of drifting attention (0 when attentive).
        help_left_s: seconds left of a partner's turn (0 when the learner is caring).
        on_break: True while the learner has stepped out for a short safe break.
    """

    level: float
    help_s: float
    self_care: bool
    rng: np.random.Generator
    pending: str | None = None
    due_step: int = 0
    lapse_left_s: float = 0.0
    help_left_s: float = 0.0
    on_break: bool = False

    @classmethod
    def from_spec(cls, spec, seed: int) -> "TirednessState":
        """The state at the start of a session, from the scenario's ``[tiredness]`` table."""
        return cls(level=float(spec.start), help_s=float(spec.help_s), self_care=bool(spec.self_care),
                   rng=np.random.default_rng([int(seed), 0x7173]))

    # --- what tiredness allows -----------------------------------------------------------------------------
    @property
    def helping(self) -> bool:
        """True while a partner has stepped in."""
        return self.help_left_s > 0.0

    @property
    def resting(self) -> bool:
        """True while the learner is not caring (a break or a partner's turn)."""
        return self.helping or self.on_break

    @property
    def response_lag_s(self) -> float:
        """Delay (s) before a newly chosen action starts."""
        return RESPONSE_LAG_AT_EXHAUSTION_S * self.level

    def within_reach(self, action_id: str) -> bool:
        """Whether the learner has the energy for ``action_id`` now."""
        return self.level <= ACTION_LIMITS.get(action_id, 1.0)

    def out_of_reach(self, actions: list[str]) -> list[str]:
        """The actions of ``actions`` that tiredness puts out of reach now."""
        return [a for a in actions if not self.within_reach(a)]

    def self_care_options(self, caring: bool) -> list[str]:
        """The self-care choices open now; ``caring`` is True when the learner is the caregiver at present."""
        if not self.self_care:
            return []
        if self.on_break:
            return [COME_BACK]
        if caring and not self.helping:
            return [ASK_FOR_HELP, TAKE_BREAK]
        return []

    # --- time ------------------------------------------------------------------------------------------------
    def delay_steps(self, dt: float) -> int:
        """Whole model steps a newly chosen action waits before it starts."""
        return int(round(self.response_lag_s / dt))

    def tick(self, dt: float, resting: bool, crying: bool) -> bool:
        """Advance tiredness by one model step of ``dt`` seconds.

        Args:
            dt: step length (s).
            resting: the learner is not caring now (break, partner's turn, an episode someone else plays).
            crying: the baby is crying in this step.

        Returns:
            True when a moment of drifting attention starts in this step.
        """
        x = self.level
        if resting:
            x -= dt / TAU_REST_S * max(x - REST_FLOOR, 0.0)
            self.lapse_left_s = 0.0
        else:
            x += dt / 60.0 * (TIRE_PER_MIN + (CRYING_TIRE_PER_MIN if crying else 0.0)) * (1.0 - x)
        self.level = min(max(x, 0.0), 1.0)
        self.help_left_s = max(0.0, self.help_left_s - dt)
        started = False
        if self.lapse_left_s > 0.0:
            self.lapse_left_s = max(0.0, self.lapse_left_s - dt)
        elif not resting:
            p = LAPSE_PER_MIN_AT_EXHAUSTION * self.level ** 2 * dt / 60.0
            if self.rng.random() < p:
                self.lapse_left_s = LAPSE_S
                started = True
        return started

    def new_episode(self) -> None:
        """At an episode boundary: a break or a partner's turn ends with the episode."""
        self.pending = None
        self.lapse_left_s = 0.0
        self.help_left_s = 0.0
        self.on_break = False
