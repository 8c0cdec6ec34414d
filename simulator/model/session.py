"""The session engine: runs a scenario for N infants in fixed steps of 0.25 s.

It owns the clock, the episodes (each infant has its own, because curtailment and extension make
episode lengths differ), who is present, the caregiver (scripted policy or learner), curtailment
(science.md SS1), the event log, a compact per-step behaviour log for scoring, and per-episode
accumulators for the tidy measures. Time moves only through :meth:`Session.step`; randomness comes
only from the ``np.random.Generator`` made from the seed (the infants' parameters, and one key per
infant for its own stream of per-step numbers: ``random_stream.py``).
"""

from __future__ import annotations

import threading
from collections import namedtuple
from dataclasses import dataclass, field

import numpy as np
from numba import njit

from . import constants as C
from .actions import ACTION_IDS, KEEPS_HOLD, LEAVING, MATCH_BY_STATE, Action, action_code
from .behaviour import BEHAVIOUR_IDS, BIDS, CALM, CRYING, EXPLORING, SIGNALS, Behaviour
from . import infant as _infant
from . import policies as _policies
from . import random_stream as _random_stream
from .kernel_cache import DirectCalls, depends_on
from .random_stream import NOISE_ROW, UNIFORMS_PER_STEP, fill_uniforms, infant_keys
from .infant import (_ACTION_TABLE, _BEHAVIOUR_TABLE, STATE_VARIABLES, AgeFactors, InfantParams, InfantState,
                     KernelContext, _step_kernel, kernel_infants, kernel_state)
from .params import ALL_PARAMS, resolve_preset, sample_infants
from .policies import (_STRANGER_GEARED, _TIMING, _WELLBEING, GREETING_S, TABLES, Caregivers, Policy,
                       _decide_kernel, _stranger_kernel, policy_code, stranger_actions)
from .limits import clip, is_number, quoted
from .scenario import Curtail, Extend, Scenario, ScenarioError, parse_scenario
from .tiredness import ASK_FOR_HELP, COME_BACK, SELF_CARE_IDS, TAKE_BREAK, TirednessState

DT = C.DT_S

#: The columns of one row of ``Session.trajectory`` (``record=True``), in order; the per-step trajectory CSV
#: of ``run --out FILE.csv`` writes them as its header (contract: t, episode, episode_name, caregiver_action,
#: every state variable, behaviour and matched).
TRAJECTORY_COLUMNS = ("t", "episode", "episode_name", "caregiver_action", "stranger_action",
                      *STATE_VARIABLES, "behaviour", "contact", "near", "matched")

# Bit layout of one byte of the behaviour log (see :class:`BehaviourLog`).
BEHAVIOUR_MASK = 0x0F
CONTACT_BIT = 0x10
NEAR_BIT = 0x20
MATCHED_BIT = 0x40
CAREGIVER_BIT = 0x80

# Per-episode accumulators: name -> column in the accumulator array.
_ACC = ("steps", "positive_affect", "negative_affect", "gaze", "arousal", "crying", "exploration",
        "proximity", "bids", "matched", "caregiver_steps", "ruptures", "repairs", "repair_steps")
_A = {name: k for k, name in enumerate(_ACC)}

#: The episode attributes a step reads, as one named group: per episode, (E + 1,) arrays in
#: ``Session._tables`` (row E is "finished"); per infant, (N,) arrays in ``Session._here`` holding the
#: attributes of the episode each infant is in now (refreshed only when an infant's episode ends).
EpisodeTables = namedtuple("EpisodeTables", (
    "cg", "st", "policy", "toys", "novel", "reunion", "leaves", "goodbye", "scripted", "planned", "curtail_cry",
    "curtail_pause", "calm_needed", "extra_max", "partner"))
#: Each infant's clocks and flags (N,), updated in place by the kernels: episode index (int64), finished,
#: seconds into the episode, caregiver left within the episode, crying run (s), pause in crying (s), calm
#: run (s), matched at the last step, mismatch run (steps, int32).
Clocks = namedtuple("Clocks", ("episode", "done", "t_episode", "left", "cry_run", "pause", "calm_run",
                               "prev_matched", "mismatch_run"))
#: What a session keeps: the behaviour log and actions (steps, N) uint8/int8; per-episode sums (N, E, A)
#: and the running sums of the current episode (A, N); per-episode duration (s), curtailed and extended
#: (N, E); each episode's first and end step (N, E) int64.
Logs = namedtuple("Logs", ("codes", "actions", "acc", "cur", "duration_s", "curtailed", "extended", "ep_start",
                           "ep_end"))
#: Scratch arrays (N,) one step writes and the next overwrites: time left (s), who is present, matched,
#: the stranger's action, behaviour changed, a rupture, a repair's latency (steps, or -1), episode ends.
Scratch = namedtuple("Scratch", ("remaining", "cg", "matched", "stranger_action", "changed", "rupture",
                                 "repair_steps", "end", "curtailed_now", "live"))
#: Steps drawn and run at once by :meth:`Session.run` (their random numbers, 12 float32 per infant per step,
#: are held together: 11.5 MB for a block of 5,000), and infants stepped together by its compiled loop.
#: Neither changes any result (a test runs odd sizes); bench/bench_batch.py found larger tiles no faster.
RUN_CHUNK_STEPS = 48
RUN_TILE = 512
#: A session of one infant run by the compiled loop keeps a trace (float64 (steps, len(TRACE))): for each
#: step what :meth:`Session.step` reads to write the event log, which :meth:`Session._log_from_trace` then
#: writes. Before the step: the caregiver's action, whether the caregiver is in the episode and has left
#: within it, the behaviour, the episode. After the infant's step: who is present, the stranger's action,
#: matched, the behaviour, a rupture, a repair's latency (steps or -1). After the clocks: reunion extended,
#: episode ended, curtailed, its length (s); the episode, its clock (s) and finished, after the step.
TRACE = ("act", "cg_before", "left_before", "b_before", "episode", "cg", "st", "stranger_action", "matched", "b",
         "rupture", "repair_steps", "extended", "ended", "curtailed", "duration_s", "episode_after",
         "t_episode_after", "done_after")
(TR_ACT, TR_CG_BEFORE, TR_LEFT_BEFORE, TR_B_BEFORE, TR_EPISODE, TR_CG, TR_ST, TR_SACT, TR_MATCHED, TR_B,
 TR_RUPTURE, TR_REPAIR, TR_EXTENDED, TR_ENDED, TR_CURTAILED, TR_DURATION, TR_EPISODE_AFTER, TR_T_EP_AFTER,
 TR_DONE_AFTER) = range(len(TRACE))
_NO_TRACE = np.zeros((0, len(TRACE)))
#: With ``record``, the loop also keeps each step's state for the trajectory (float64 (steps, 11)): these
#: variables of infant 0 after the infant's step, in this order (the kernel writes them by name).
RECORDED = (*STATE_VARIABLES, "contact", "near")
_NO_RECORD = np.zeros((0, len(RECORDED)))


class SetError(Exception):
    """An unknown or out-of-range ``--set`` key. ``str(err)`` is one line."""


@dataclass
class BehaviourLog:
    """What an observer would have coded, step by step, for N infants.

    Attributes:
        codes: uint8 (T, N): bits 0-3 behaviour code, bit 4 contact with the partner, bit 5 near the
            partner, bit 6 caregiver matched, bit 7 caregiver present.
        actions: int8 (T, N): the caregiver's action code (meaningless where absent).
        episode_start, episode_end: int (N, E): step index of each episode's first step and one past
            its last (equal where an episode never ran).
        stranger_present: bool (E,): whether the stranger is in the room in each episode.
        dt: step length in seconds.
    """

    codes: np.ndarray
    actions: np.ndarray
    episode_start: np.ndarray
    episode_end: np.ndarray
    stranger_present: np.ndarray
    dt: float = DT

    @property
    def behaviour(self) -> np.ndarray:
        """Behaviour codes, (T, N) uint8."""
        return self.codes & BEHAVIOUR_MASK

    @property
    def contact(self) -> np.ndarray:
        """Contact with the partner, (T, N) bool."""
        return (self.codes & CONTACT_BIT) != 0

    @property
    def near(self) -> np.ndarray:
        """Within reach of the partner, (T, N) bool."""
        return (self.codes & NEAR_BIT) != 0

    @property
    def matched(self) -> np.ndarray:
        """Caregiver matched, (T, N) bool."""
        return (self.codes & MATCHED_BIT) != 0

    @property
    def caregiver_present(self) -> np.ndarray:
        """Caregiver in the room, (T, N) bool."""
        return (self.codes & CAREGIVER_BIT) != 0

    def episode_slice(self, i: int, e: int) -> slice:
        """The steps of episode ``e`` for infant ``i``."""
        return slice(int(self.episode_start[i, e]), int(self.episode_end[i, e]))


@dataclass
class Event:
    """One entry of the event log. ``t`` is model seconds since the session started."""

    t: float
    kind: str
    episode: str
    detail: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        """Plain-data form for the session file."""
        return {"t": round(self.t, 3), "kind": self.kind, "episode": self.episode, **self.detail}


_EPISODE_GROUPS = {"curtail": Curtail, "extend": Extend}


def apply_episode_overrides(scenario: Scenario, overrides: dict[str, float]) -> Scenario:
    """A copy of ``scenario`` with ``episode.<id>.<field>[.<sub>]`` keys applied (validated again)."""
    ep_keys = {k: v for k, v in overrides.items() if k.startswith("episode.")}
    if not ep_keys:
        return scenario
    data = scenario.model_dump()
    for key, value in ep_keys.items():
        parts = key.split(".")
        if len(parts) < 3:
            raise SetError(f"--set {clip(key)}: use episode.<id>.<field>, e.g. episode.still_face.duration_s")
        try:
            ep = data["episodes"][scenario.episode_index(parts[1])]
        except KeyError:
            ids = ", ".join(e.id for e in scenario.episodes)
            raise SetError(f"--set {clip(key)}: no episode {clip(parts[1], 40)!r} in {scenario.id}; episodes: {ids}") from None
        node = ep
        for p in parts[2:-1]:
            if p in _EPISODE_GROUPS and node.get(p) is None:  # listed by `list`: start from the defaults
                node[p] = _EPISODE_GROUPS[p]().model_dump()
            node = node.get(p)
            if not isinstance(node, dict):
                raise SetError(f"--set {clip(key)}: {clip(p, 40)!r} is not a group of fields")
        leaf = parts[-1]
        if leaf not in node or key not in episode_keys(scenario):
            raise SetError(f"--set {clip(key)}: unknown episode field {clip(leaf, 40)!r}; "
                           f"valid: {', '.join(episode_keys(scenario))}")
        node[leaf] = value
    try:
        changed = parse_scenario(data, f"--set on {scenario.id}")
    except ScenarioError as exc:
        raise SetError(str(exc).splitlines()[0]) from None
    changed._source = scenario._source
    return changed


def episode_keys(scenario: Scenario) -> list[str]:
    """The ``--set`` keys for the numeric fields of each episode of ``scenario``."""
    keys = []
    for ep in scenario.episodes:
        keys.append(f"episode.{ep.id}.duration_s")
        keys += [f"episode.{ep.id}.curtail.{f}" for f in ("crying_s", "max_pause_s")]
        keys += [f"episode.{ep.id}.extend.{f}" for f in ("until_calm_s", "max_extra_s")]
    return keys


def check_overrides(scenario: Scenario, overrides: dict[str, float]) -> None:
    """Raise :class:`SetError` for an unknown key, a value that is not a finite number, or one out of range."""
    for key, value in overrides.items():
        if not isinstance(key, str):
            raise SetError(f"--set {quoted(key)}: a parameter name must be text")
        if not is_number(value):
            raise SetError(f"--set {clip(key)}={quoted(value)}: not a finite number")
        if key.startswith("episode."):
            continue
        p = ALL_PARAMS.get(key)
        if p is None:
            valid = ", ".join(list(ALL_PARAMS) + ["episode.<id>.<field>"])
            raise SetError(f"--set {clip(key)}: unknown parameter; valid: {valid}")
        if not p.lo <= value <= p.hi:
            raise SetError(f"--set {key}={value:g}: out of range {p.lo:g}..{p.hi:g}")


class Session:
    """A scenario run for a batch of infants.

    Args:
        scenario: the validated scenario.
        n: batch size N (1 for the GUI).
        infant: an infant preset id (default: the scenario's). Ignored when ``params`` is given.
        caregiver: the policy that plays ``learner`` episodes headless, and the style of
            ``ssp_protocol``'s reunions.
        seed: seed of the ``np.random.default_rng`` that supplies all randomness.
        overrides: ``--set`` values: ``infant.*``, ``caregiver.*`` and ``episode.<id>.<field>`` keys.
        learner: True for an interactive session (N must be 1): ``learner`` episodes take
            :meth:`set_action`.
        record: keep a per-step trajectory of every state variable for infant 0 (for ``run``).
        params: explicit infant parameters (from a population or development run).
        preset_label: the label written in the ``preset`` column; never read by scoring.
        rng: the generator to use instead of ``default_rng(seed)`` (a block of a large batch).
        part: ``(a, b)``: draw all N infants as this session would, then simulate only infants
            ``a <= i < b`` (a piece of a batch's block, run on another core). Each infant's parameters and
            random stream depend only on the draws, so the pieces of a block together give exactly what
            the whole block gives.
    """

    def __init__(self, scenario: Scenario, n: int = 1, infant: str | None = None,
                 caregiver: str = "sensitive", seed: int = 0, overrides: dict[str, float] | None = None,
                 learner: bool = False, record: bool = False, params: InfantParams | None = None,
                 preset_label: str | None = None, rng: np.random.Generator | None = None,
                 part: tuple[int, int] | None = None) -> None:
        overrides = dict(overrides or {})
        check_overrides(scenario, overrides)
        self.scenario = apply_episode_overrides(scenario, overrides)
        self.overrides = overrides
        self.seed = int(seed)
        self.rng = rng if rng is not None else np.random.default_rng(self.seed)
        self.caregiver_id = caregiver
        style = policy_code(caregiver)
        if learner and n != 1:
            raise ValueError("a learner session has exactly one infant")
        self.learner = learner
        self.preset = resolve_preset(infant or self.scenario.infant.preset)
        self.preset_label = preset_label or self.preset
        age = overrides.get("infant.age_months", self.scenario.infant.age_months)
        if params is None:
            params = sample_infants(self.preset, n, age, self.rng, overrides)
        #: Each infant's key to its own stream of per-step random numbers (uint64 (N,); random_stream.py).
        self._keys = infant_keys(self.rng, params.n)
        if part is not None:
            a, b = part
            if not 0 <= a < b <= params.n:
                raise ValueError(f"part {part} is not a range of the {params.n} infants")
            params = params.subset(np.arange(a, b))
            self._keys = self._keys[a:b].copy()
        self.params = params
        self.n = n = params.n
        #: This step's numbers (float32 (12, N)): rows 0-7 uniforms, 8-11 unit-variance noise.
        self._u = np.zeros((UNIFORMS_PER_STEP, n), dtype=np.float32)
        self._direct = DirectCalls()  # step(): the kernels without numba's per-call dispatch
        self.ages = AgeFactors(params.age_months)
        self.state = InfantState.initial(params)
        # The kernel's views of the parameters and the state: the same arrays, grouped once per session.
        self._kernel_infants = kernel_infants(params, self.ages)
        self._kernel_state = kernel_state(self.state)
        cg_par = {p: overrides.get(f"caregiver.{p}", ALL_PARAMS[f"caregiver.{p}"].default)
                  for p in ("sensitivity", "response_lag_s", "bout_s", "depressive_symptoms", "fatigue",
                            "intrusiveness")}
        self.caregivers = Caregivers(n, **cg_par)
        self.style = Policy.SENSITIVE if style == Policy.SSP_PROTOCOL else style

        eps = self.scenario.episodes
        self.E = E = len(eps)
        self.episode_ids = [ep.id for ep in eps]
        self._planned = np.array([ep.duration_s for ep in eps])
        self._cg = np.array(["caregiver" in ep.present for ep in eps] + [False])
        self._st = np.array(["stranger" in ep.present for ep in eps] + [False])
        self._partner_code = np.where(self._cg, 1, np.where(self._st, 2, 0))  # caregiver, stranger, none
        self._toys = np.array([ep.toys for ep in eps] + [False])
        self._novel = np.array([ep.room_novelty for ep in eps] + [False], dtype=np.float64)
        pol = []
        for ep in eps:
            if ep.caregiver == "absent":
                pol.append(Policy.ABSENT)
            elif ep.caregiver == "learner":
                pol.append(Policy.LEARNER if learner else style)
            else:
                pol.append(policy_code(ep.caregiver))
        self._policy = np.array(pol + [Policy.ABSENT], dtype=np.int8)
        self._can_break = [ep.learner_can_break for ep in eps]
        inf = np.inf
        self._curtail_cry = np.array([ep.curtail.crying_s if ep.curtail else inf for ep in eps] + [inf])
        self._curtail_pause = np.array([ep.curtail.max_pause_s if ep.curtail else 0.0 for ep in eps] + [0.0])
        self._calm_needed = np.array([ep.extend.until_calm_s if ep.extend else 0.0 for ep in eps] + [0.0])
        self._extra_max = np.array([ep.extend.max_extra_s if ep.extend else 0.0 for ep in eps] + [0.0])
        self._reunion = np.array([self._cg[i] and i > 0 and not self._cg[i - 1] for i in range(E)] + [False])
        self._leaves = np.array([self._cg[i] and i + 1 < E and not self._cg[i + 1] for i in range(E)] + [False])
        self._goodbye = self._reunion.copy()  # after a reunion the caregiver leaves saying bye-bye (ep 5)
        scripted = np.isin(self._policy, [Policy.SENSITIVE, Policy.INTRUSIVE, Policy.INCONSISTENT,
                                          Policy.REJECTING, Policy.SSP_PROTOCOL, Policy.DEPRESSED])
        # Episode tables (index E is "finished"), copied per infant into ``_here`` as episodes end.
        self._tables = {
            "cg": self._cg, "st": self._st, "policy": self._policy, "toys": self._toys,
            "novel": self._novel.astype(np.float32), "reunion": self._reunion, "leaves": self._leaves,
            "goodbye": self._goodbye, "scripted": scripted,
            "planned": np.append(self._planned, np.inf), "curtail_cry": self._curtail_cry,
            "curtail_pause": self._curtail_pause, "calm_needed": self._calm_needed,
            "extra_max": self._extra_max, "partner": self._partner_code,
        }
        self._tables = EpisodeTables(**self._tables)

        # Per-infant clocks.
        self.t = 0.0
        self.steps_taken = 0
        self.episode = np.zeros(n, dtype=np.int64)
        self.t_episode = np.zeros(n)
        self.done = np.zeros(n, dtype=bool)
        self.left = np.zeros(n, dtype=bool)
        self._cry_run = np.zeros(n)
        self._pause = np.zeros(n)
        self._calm_run = np.zeros(n)
        self._prev_matched = np.zeros(n, dtype=bool)
        self._mismatch_run = np.zeros(n, dtype=np.int32)
        self._rupture = np.zeros(n, dtype=bool)  # this step's ruptures, and repair latencies (steps, or -1)
        self._repair_steps = np.zeros(n, dtype=np.int32)
        self.duration_s = np.zeros((n, E))
        self.curtailed = np.zeros((n, E), dtype=bool)
        self.extended = np.zeros((n, E), dtype=bool)
        self._acc = np.zeros((n, E, len(_ACC)))  # per-episode sums, filled when an episode ends
        self._cur = np.zeros((len(_ACC), n))  # sums for the episode each infant is in now
        self.repair_latencies: list[list[tuple[int, float]]] = [[] for _ in range(n)] if n == 1 else []

        # Logs.
        # An episode ends at its first step at or past its planned length (plus any extension): at most
        # ceil((planned + extra) / DT) steps each, so a length that is not a whole number of steps costs up to
        # one step more per episode; one more each, and one, to spare.
        max_steps = int(np.ceil((self._planned + self._extra_max[:E]) / DT).sum()) + E + 1
        self._codes = np.zeros((max_steps, n), dtype=np.uint8)
        self._actions = np.zeros((max_steps, n), dtype=np.int8)
        self._ep_start = np.zeros((n, E), dtype=np.int64)
        self._ep_end = np.zeros((n, E), dtype=np.int64)
        self.events: list[Event] = []
        self.record = record
        self.trajectory: list[tuple] = []
        self.learner_action = Action.SMILE
        self._greeting = False  # the learner's caregiver is greeting on return (see _learner_start)
        self.broken = False
        self.learner_actions: list[dict] = []
        self._last_action = np.full(n, -1, dtype=np.int8)
        self._frame_accum = 0.0
        #: The learner's tiredness (a scenario with a ``[tiredness]`` table, played by a learner), or None.
        self.tiredness = (TirednessState.from_spec(self.scenario.tiredness, self.seed)
                          if learner and self.scenario.tiredness is not None else None)
        self._here = EpisodeTables(*(table[np.zeros(n, dtype=np.int64)].copy() for table in self._tables))
        self._clocks = Clocks(self.episode, self.done, self.t_episode, self.left, self._cry_run, self._pause,
                              self._calm_run, self._prev_matched, self._mismatch_run)
        self._logs = Logs(self._codes, self._actions, self._acc, self._cur, self.duration_s, self.curtailed,
                          self.extended, self._ep_start, self._ep_end)
        self._scratch = Scratch(np.empty(n), np.empty(n, dtype=bool), np.empty(n, dtype=bool),
                                np.empty(n, dtype=np.int8), np.empty(n, dtype=bool), self._rupture,
                                self._repair_steps, np.zeros(n, dtype=bool), np.zeros(n, dtype=bool),
                                np.empty(n, dtype=bool))
        #: The scenario's prompts as they came up (a batch of 1), in order: dicts with ``t`` (model s),
        #: ``episode`` (id), ``kind``, ``text`` and, for a prediction, ``options``. Kept apart from the
        #: events, so that replay's comparison of events is undisturbed by what was shown.
        self.prompts: list[dict] = []
        self._prompt_plan = [ep.prompt_times() for ep in self.scenario.episodes] if n == 1 else None
        self._prompt_next = 0
        self._log_event(0, "episode_start", {"planned_s": float(self._planned[0])})
        self._due_prompts()

    # --- public interface ------------------------------------------------------------------------------
    @property
    def finished(self) -> bool:
        """True once every infant has completed the last episode."""
        return bool(self.done[0]) if self.n == 1 else bool(self.done.all())  # one infant: asked thrice a step

    @property
    def current_episode(self):
        """The :class:`~simulator.model.scenario.Episode` infant 0 is in (the last one when finished)."""
        return self.scenario.episodes[min(int(self.episode[0]), self.E - 1)]

    def allowed_actions(self) -> list[str]:
        """Action ids the learner may use now (empty when the episode is scripted or the caregiver away)."""
        ep = self.current_episode
        pol = self._policy[min(int(self.episode[0]), self.E - 1)]
        if pol == Policy.ABSENT:
            return []
        if pol != Policy.LEARNER and not (ep.learner_can_break and self.learner):
            return []
        actions = list(ep.allowed_actions or ACTION_IDS)
        t = self.tiredness
        if t is not None and pol == Policy.LEARNER:
            if t.resting:
                return []
            actions = [a for a in actions if t.within_reach(a)]
        return actions

    def self_care_options(self) -> list[str]:
        """The learner's self-care choices open now (``ask_for_help``, ``take_break``, ``come_back``): only
        in a scenario with tiredness, while the learner is the caregiver."""
        t = self.tiredness
        if t is None or self.finished:
            return []
        e = int(self.episode[0])
        caring = self._policy[e] == Policy.LEARNER and not bool(self.left[0])
        return t.self_care_options(caring)

    def set_action(self, action_id: str) -> bool:
        """The learner chooses an action; it holds until changed. Returns False if not allowed now.

        In a scripted episode that allows it, this breaks the script (logged as ``script_broken``).
        """
        if action_id in SELF_CARE_IDS:
            return self._self_care(action_id)
        if not self.learner or self.finished or action_id not in self.allowed_actions():
            return False
        code = action_code(action_id)
        e = int(self.episode[0])
        if self._policy[e] != Policy.LEARNER and not self.broken:
            self.broken = True
            self._log_event(0, "script_broken", {"script": self.scenario.episodes[e].caregiver})
        t = self.tiredness
        if t is not None and self._policy[e] == Policy.LEARNER and t.delay_steps(DT) > 0:
            # A tired caregiver's response starts late (model/tiredness.py); until then the last one goes on.
            t.pending, t.due_step = code, self.steps_taken + t.delay_steps(DT)
        else:
            self.learner_action = code
            self._learner_hands(code)
        self._greeting = False
        self.learner_actions.append({"step": self.steps_taken, "t": round(self.t, 3), "action": action_id})
        return True

    def _learner_hands(self, act: int) -> None:
        """The learner's caregiver holds the baby only while doing something one can do with a baby in
        one's arms (:data:`~simulator.model.actions.KEEPS_HOLD`); any other choice puts it down at once.
        Contact with the stranger is left alone."""
        e = min(int(self.episode[0]), self.E - 1)
        if not KEEPS_HOLD[act] and bool(self._here.cg[0]) and not bool(self.left[0]) and (
                self._policy[e] == Policy.LEARNER or self.broken):
            self.state.contact[0] = False

    def _self_care(self, kind: str) -> bool:
        """Ask for help (a partner steps in for ``help_s``), take a short safe break (leave the room with a
        goodbye, the baby put down safely) or come back from it. Returns False when not open now."""
        if not self.learner or kind not in self.self_care_options():
            return False
        t = self.tiredness
        t.pending = None
        if kind == ASK_FOR_HELP:
            t.help_left_s = t.help_s
            self.caregivers.reset_timing(np.ones(1, dtype=bool))  # the partner responds at once
            self._log_event(0, "help_arrives", {"for_s": t.help_s})
        elif kind == TAKE_BREAK:
            t.on_break = True
            self.learner_action = Action.LEAVE_WITH_GOODBYE
            self._log_event(0, "break_starts", {})
        elif kind == COME_BACK:
            t.on_break = False
            self.learner_action = Action.RETURN_GREET
            self._log_event(0, "break_ends", {})
        self.learner_actions.append({"step": self.steps_taken, "t": round(self.t, 3), "action": kind})
        return True

    def advance(self, frame_dt: float) -> int:
        """Feed real frame time (s, clamped to ``MAX_FRAME_DT_S``); take whole model steps. Returns steps.

        Raises:
            ValueError: ``frame_dt`` is not a finite number (a NaN would freeze the clock for good).
        """
        if not is_number(frame_dt):
            raise ValueError(f"advance: frame time {quoted(frame_dt)} is not a finite number of seconds")
        self._frame_accum += min(max(frame_dt, 0.0), C.MAX_FRAME_DT_S)
        taken = 0
        while self._frame_accum >= DT and not self.finished:
            self._frame_accum -= DT
            self.step()
            taken += 1
        return taken

    def run(self, progress=None) -> "Session":
        """Step until every infant has finished; ``progress(fraction)`` is called now and then.

        A session without a learner runs in one compiled loop (:func:`_run_kernel`): the same kernels as
        :meth:`step`, infant tile by infant tile, skipping finished infants, each step's random numbers
        computed as :meth:`step` computes them, so the result is the same as stepping (a test holds them
        byte-identical). One infant's event log, prompts and trajectory are written from the loop's trace.
        """
        total = max(self._codes.shape[0], 1)
        if self.learner or self.tiredness is not None:
            while not self.finished:
                self.step()
                if progress is not None and self.steps_taken % 200 == 0:
                    progress(min(self.steps_taken / total, 1.0))
        else:
            # One infant: the loop keeps a trace and the event log is written from it (the same log as
            # stepping; a test compares them), about 7 times faster than stepping in Python.
            trace = np.zeros((total, len(TRACE))) if self.n == 1 else _NO_TRACE
            states = np.zeros((total, len(RECORDED))) if self.record and self.n == 1 else _NO_RECORD
            chunk = total if self.n == 1 else RUN_CHUNK_STEPS  # one infant: one call (each costs ~40 us)
            while not self.finished:
                k0, t0 = self.steps_taken, self.t
                if k0 >= total:  # cannot happen with the log sized above; a clear error, never a hang
                    raise RuntimeError(f"session not finished after {total} steps, the most its log holds")
                taken = self._run_chunk(min(chunk, total - k0), trace, states)
                if self.n == 1:
                    self._log_from_trace(trace, k0, taken, t0, states)
                if progress is not None:
                    progress(min(self.steps_taken / total, 1.0))
        if progress is not None:
            progress(1.0)
        return self

    def drop_action_log(self) -> None:
        """Free the per-step log of actions ((T, N) int8; 28 MB for a Strange Situation of 5,000 infants) once
        the session has finished: a batch's measures and scores never read it. ``log.actions`` reads 0 after."""
        self._actions = np.broadcast_to(np.int8(0), self._actions.shape)
        self._logs = self._logs._replace(actions=self._actions)

    def _run_chunk(self, steps: int, trace: np.ndarray = _NO_TRACE, states: np.ndarray = _NO_RECORD) -> int:
        """Run up to ``steps`` steps in the compiled loop (all infants, tile by tile); returns the steps taken.
        ``trace``: (steps of the session, len(TRACE)) for a session of one infant, and ``states`` (steps,
        len(RECORDED)) for one that records its trajectory, filled for these steps."""
        care = self.caregivers
        taken = _run_kernel(self._keys, self._u, steps, self.steps_taken, RUN_TILE, _infant.CONSTANTS,
                            _ACTION_TABLE, _BEHAVIOUR_TABLE,
                            self._kernel_infants, self._kernel_state, self._here,
                            self._tables, self._clocks, self._logs, self._scratch, int(self.style), care._k,
                            care._hist, care._ptr, _TIMING, TABLES, _WELLBEING, _STRANGER_GEARED, _LEAVING_TABLE,
                            _MATCH_TABLE, _BEHAVIOUR_FLAGS, DT, _TOLERANCE_S, trace, states)
        care._ptr = (care._ptr + taken) % care._hist.shape[0]
        for _ in range(taken):  # the clock advances as step() advances it (a sum of DT, not a product)
            self.t += DT
        self.steps_taken += taken
        return taken

    def step(self) -> None:
        """Advance every unfinished infant by one model step of 0.25 s."""
        if self.finished:
            return
        s = self.state
        n = self.n
        h = self._here
        live = np.logical_not(self.done, out=self._scratch.live)
        u = self._u
        call = self._direct
        call(fill_uniforms, self._keys, self.steps_taken, u, live, 0, n)  # this step's numbers (random_stream.py)
        z = u[NOISE_ROW:]
        # Planned time left; a reunion extended until the infant is calm (SS1) has no fixed end: the
        # caregiver says goodbye only once the infant is nearly calm enough for the episode to end.
        remaining = self._scratch.remaining
        call(_remaining_kernel, h.planned, self.t_episode, h.calm_needed, self._calm_run, remaining, live, 0, n)
        policy, scripted = (h.policy, h.scripted) if self.tiredness is None else self._tired_policy()
        act = self.caregivers.decide(policy, self.style, self.t_episode, remaining, h.reunion,
                                     h.leaves, h.goodbye, u[5:8], scripted, live, direct=self._direct)
        if self.learner and (policy[0] == Policy.LEARNER or self.broken):
            if self._greeting and self.t_episode[0] >= GREETING_S - 1e-9:
                # The greeting is over and the learner has not chosen yet: an attentive, neutral wait (the
                # next choice is the learner's), not a greeting that goes on and fits every state.
                self._greeting = False
                if "wait" in self.allowed_actions():
                    self.learner_action = Action.WAIT
            act[0] = self.learner_action
            t = self.tiredness
            if t is not None and t.lapse_left_s > 0.0 and not t.on_break:
                act[0] = Action.WAIT  # attention drifts for a moment (model/tiredness.py)
        if n == 1:
            self._log_comings_and_goings(int(act[0]), bool(self.left[0]), bool(h.cg[0]))
        # Leaving and returning within an episode (free play, nursery drop-off); who is present; matching.
        cg = self._scratch.cg
        matched = self._scratch.matched
        call(_presence_kernel, h.cg, self.left, act, s.behaviour, _LEAVING_TABLE, _MATCH_TABLE, cg, matched, live, 0,
             n)
        st = h.st
        sact = self._scratch.stranger_action
        call(_stranger_kernel, st, cg, self.t_episode, h.planned, s.behaviour, _STRANGER_GEARED, sact, live, 0, n)
        ctx = KernelContext(cg, st, act, sact, h.toys, matched, h.novel, self.caregivers.flat)
        prev_behaviour = s.behaviour.copy() if n == 1 else None
        changed = self._scratch.changed
        call(_step_kernel, _infant.CONSTANTS, _ACTION_TABLE, _BEHAVIOUR_TABLE, self._kernel_infants, self._kernel_state,
             ctx, u, z, changed, live, 0, n)  # on the groups made once per session
        if self.learner and (policy[0] == Policy.LEARNER or self.broken) and cg[0]:
            self._learner_hands(int(act[0]))
        self.caregivers.observe(s.behaviour)
        if self.tiredness is not None:
            self._tired_tick(bool(CRYING[s.behaviour[0]]))

        k = self.steps_taken
        call(_record_kernel, live, cg, st, matched, act, s.behaviour, changed, s.contact, s.near, s.positive_affect,
             s.negative_affect, s.gaze, s.arousal, self._prev_matched, self._mismatch_run, self._cur,
             self._codes[k], self._actions[k], _BEHAVIOUR_FLAGS, self._rupture, self._repair_steps, 0, n)
        if n == 1:
            rep = int(self._repair_steps[0])
            self._log_single(k, act[0], sact[0], cg[0], st[0], matched[0], prev_behaviour[0],
                             bool(self._rupture[0]), rep * DT if rep >= 0 else None)
        self.steps_taken = k + 1
        self.t += DT
        self._update_curtailment(live, s.behaviour)
        if self._prompt_plan is not None:
            self._due_prompts()

    def _due_prompts(self, t: float | None = None, e: int | None = None, t_episode: float | None = None,
                     finished: bool | None = None) -> None:
        """Log the current episode's prompts whose moment has come (a batch of 1); the arguments (the clock
        (s), episode index, its clock (s), finished) are those of now unless given."""
        if self._prompt_plan is None or (self.finished if finished is None else finished):
            return
        t = self.t if t is None else t
        e = int(self.episode[0]) if e is None else e
        t_episode = float(self.t_episode[0]) if t_episode is None else t_episode
        plan = self._prompt_plan[e]
        while self._prompt_next < len(plan) and t_episode >= plan[self._prompt_next][0] - 1e-9:
            pt = plan[self._prompt_next][1]
            rec = {"t": round(t, 3), "episode": self.episode_ids[e], "kind": pt.kind, "text": pt.text}
            if pt.options:
                rec["options"] = list(pt.options)
            self.prompts.append(rec)
            self._prompt_next += 1

    def _tired_policy(self) -> tuple[np.ndarray, np.ndarray]:
        """Before a step with tiredness: start a chosen action that is due; while a partner has stepped in,
        infant 0's caregiver is the ``sensitive`` policy. Returns this step's (policy, scripted) arrays."""
        t = self.tiredness
        h = self._here
        if t.pending is not None and self.steps_taken >= t.due_step:
            self.learner_action, t.pending = t.pending, None
        if t.helping and h.policy[0] == Policy.LEARNER:
            policy, scripted = h.policy.copy(), h.scripted.copy()
            policy[0], scripted[0] = Policy.SENSITIVE, True
            return policy, scripted
        return h.policy, h.scripted

    def _tired_tick(self, crying: bool) -> None:
        """After a step with tiredness: tiredness rises while caring and falls while resting; log lapses and
        the end of a partner's turn."""
        t = self.tiredness
        was_helping = t.helping
        caring = self._here.policy[0] == Policy.LEARNER and not t.resting
        if t.tick(DT, resting=not caring, crying=crying):
            self._log_event(0, "attention_drifts", {"for_s": t.lapse_left_s})
        if was_helping and not t.helping:
            self._log_event(0, "help_ends", {})

    def _log_comings_and_goings(self, act: int, left: bool, cg_here: bool, t: float | None = None,
                                e: int | None = None) -> None:
        """Event-log the caregiver leaving or coming back within an episode (a batch of 1); ``t`` (s) and
        ``e`` (episode index): when and where, if not now."""
        if left and act == Action.RETURN_GREET and cg_here:
            self._log_event(0, "caregiver_returns", {}, t, e)
            left = False
        if cg_here and not left and LEAVING[act]:
            self._log_event(0, "caregiver_leaves", {"goodbye": act == Action.LEAVE_WITH_GOODBYE}, t, e)

    # --- episodes, curtailment, extension ----------------------------------------------------------------
    def _update_curtailment(self, live: np.ndarray, b: np.ndarray) -> None:
        """Advance the episode clocks; curtail separations after sustained crying, extend reunions until
        calm (SS1), end episodes."""
        h = self._here
        end, curtailed = self._scratch.end, self._scratch.curtailed_now
        n_end, extended_0 = self._direct(
            _clock_kernel, live, b, self.left, self.t_episode, self._cry_run, self._pause, self._calm_run, h.planned,
            h.curtail_cry, h.curtail_pause, h.calm_needed, h.extra_max, h.leaves, self.extended,
            self.episode, _BEHAVIOUR_FLAGS, DT, _TOLERANCE_S, end, curtailed, 0, self.n)
        if extended_0 and self.n == 1:
            self._log_event(0, "extended", {"reason": "not yet calm"})
        if n_end:
            self._end_episode(end, curtailed)

    def _end_episode(self, end: np.ndarray, curtailed: np.ndarray) -> None:
        if self.n == 1:
            self._log_episode_end(bool(curtailed[0]), float(self.t_episode[0]))
        care = self.caregivers
        e = self.episode.copy() if self.n == 1 else None  # the episode that ends (the app's bookkeeping)
        self._direct(_end_kernel, end, curtailed, self.steps_taken, self._clocks, self._logs, self._here, self._tables,
                    self.state.contact, self.state.near, care.countdown, care.seen, 0, self.n)
        if self.tiredness is not None:
            self.tiredness.new_episode()
        nxt = self.episode
        if self.n == 1 and not self.done[0]:
            self.broken = False
            self._prompt_next = 0
            ep = self.scenario.episodes[int(nxt[0])]
            start = self._learner_start(int(e[0]), int(nxt[0]))
            self._greeting = start == Action.RETURN_GREET
            if start is not None:
                self.learner_action = start
            if ep.allowed_actions and action_code_or_none(self.learner_action) not in ep.allowed_actions:
                self.learner_action = action_code(ep.allowed_actions[0])
            self._log_episode_start(int(nxt[0]))

    def _log_episode_end(self, curtailed: bool, duration_s: float, t: float | None = None,
                         e: int | None = None) -> None:
        self._log_event(0, "curtailed" if curtailed else "episode_end", {"duration_s": round(duration_s, 3)}, t, e)

    def _log_episode_start(self, e: int, t: float | None = None) -> None:
        self._log_event(0, "episode_start", {"planned_s": self.scenario.episodes[e].duration_s}, t, e)

    def _log_from_trace(self, trace: np.ndarray, k0: int, taken: int, t0: float,
                        states: np.ndarray = _NO_RECORD) -> None:
        """Write the event log, the repair latencies and the prompts of steps ``k0 .. k0 + taken - 1`` of a
        session of one infant run by the compiled loop, from its ``trace`` (see :data:`TRACE`), as
        :meth:`step` writes them step by step; ``t0`` (s): the clock before step ``k0``. With ``record``,
        the trajectory's rows too, from ``states`` (see :data:`RECORDED`).

        Only the steps that can log something are visited: the caregiver's action or presence changed, a
        leaving or a return, the behaviour changed, a rupture, a repair, a reunion extended, an episode
        ended, or a prompt's moment passed."""
        rows = trace[k0:k0 + taken]
        act, cg = rows[:, TR_ACT].astype(np.int64), rows[:, TR_CG] > 0
        shown = np.where(cg, act, -1)  # what step() keeps in _last_action after each step (_log_single keeps
        # it at each visited step; a step not visited left it as it was)
        before = np.concatenate(([self._last_action[0]], shown[:-1]))
        visit = ((shown != before) | LEAVING[act] | (act == Action.RETURN_GREET)
                 | (rows[:, TR_B] != rows[:, TR_B_BEFORE]) | (rows[:, TR_RUPTURE] > 0) | (rows[:, TR_REPAIR] >= 0)
                 | (rows[:, TR_EXTENDED] > 0) | (rows[:, TR_ENDED] > 0))
        t_ep, e_after = rows[:, TR_T_EP_AFTER], rows[:, TR_EPISODE_AFTER].astype(np.int64)
        for e, plan in enumerate(self._prompt_plan):
            for at, _ in plan:
                visit |= (e_after == e) & (t_ep >= at - 1e-9) & (t_ep - DT < at - 1e-9)
        ts = np.empty(taken + 1)  # the clock before each step, as step() advances it (a sum of DT)
        t = t0
        for j in range(taken + 1):
            ts[j] = t
            t += DT
        if self.record:
            self._trajectory_from_trace(rows, states[k0:k0 + taken], ts)
        for j in np.flatnonzero(visit).tolist():
            row = rows[j].tolist()
            t, t_after = float(ts[j]), float(ts[j + 1])
            e = int(row[TR_EPISODE])
            self._log_comings_and_goings(int(act[j]), bool(row[TR_LEFT_BEFORE]), bool(row[TR_CG_BEFORE]), t, e)
            rep = int(row[TR_REPAIR])
            self._log_single(None, int(act[j]), int(row[TR_SACT]), bool(cg[j]), bool(row[TR_ST]),
                             bool(row[TR_MATCHED]), int(row[TR_B_BEFORE]), bool(row[TR_RUPTURE]),
                             rep * DT if rep >= 0 else None, int(row[TR_B]), t, e)
            if row[TR_EXTENDED]:
                self._log_event(0, "extended", {"reason": "not yet calm"}, t_after, e)
            done = bool(row[TR_DONE_AFTER])
            if row[TR_ENDED]:
                self._log_episode_end(bool(row[TR_CURTAILED]), row[TR_DURATION], t_after, e)
                if not done:
                    self._prompt_next = 0
                    self._log_episode_start(int(e_after[j]), t_after)
            self._due_prompts(t_after, int(e_after[j]), float(t_ep[j]), done)

    def _trajectory_from_trace(self, rows: np.ndarray, states: np.ndarray, ts: np.ndarray) -> None:
        """Append the trajectory's rows (as :meth:`_log_single` writes them) for the steps of ``rows`` (their
        trace), ``states`` (their recorded state) and ``ts`` (the clock before each, and after the last)."""
        e = rows[:, TR_EPISODE].astype(np.int64)
        cg, st, matched = rows[:, TR_CG] > 0, rows[:, TR_ST] > 0, rows[:, TR_MATCHED] > 0
        act, sact = rows[:, TR_ACT].astype(np.int64), rows[:, TR_SACT].astype(np.int64)
        columns = [
            [round(t + DT, 3) for t in ts[:-1].tolist()], (e + 1).tolist(), [self.episode_ids[i] for i in e],
            [ACTION_IDS[a] if c else "" for a, c in zip(act.tolist(), cg.tolist())],
            [ACTION_IDS[a] if c else "" for a, c in zip(sact.tolist(), st.tolist())],
            *(states[:, j].tolist() for j in range(len(STATE_VARIABLES))),
            [BEHAVIOUR_IDS[b] for b in rows[:, TR_B].astype(np.int64).tolist()],
            states[:, RECORDED.index("contact")].astype(np.int64).tolist(),
            states[:, RECORDED.index("near")].astype(np.int64).tolist(),
            [(1 if m else 0) if c else None for m, c in zip(matched.tolist(), cg.tolist())],
        ]
        self.trajectory.extend(zip(*columns))

    def _learner_start(self, before: int, now: int) -> Action | None:
        """How the learner's caregiver starts episode ``now`` when the learner takes over again, rather than
        with the action held before (a grin at a baby who has been crying would not fit what has happened
        since); None: the learner was caring all along and goes on as before.

        Back from an absence (a separation, or the learner had left the room): a greeting (for
        ``GREETING_S``, as the scripted protocol greets; see :meth:`step`), then a neutral wait. After a
        scripted caregiver who stayed (the still-face, the phone): the neutral wait at once, so that the
        reunion's first match, its repair, is the learner's own. The learner then chooses."""
        if not self.learner or self._policy[now] != Policy.LEARNER:
            return None
        if self.tiredness is not None and self.tiredness.on_break:
            return None
        if self._policy[before] == Policy.ABSENT or bool(LEAVING[int(self.learner_action)]):
            return Action.RETURN_GREET
        if self._policy[before] != Policy.LEARNER:
            return Action.WAIT
        return None

    # --- logging -----------------------------------------------------------------------------------------
    def _log_event(self, i: int, kind: str, detail: dict, t: float | None = None, e: int | None = None) -> None:
        """Log an event of infant ``i`` now, or at ``t`` (s) in episode index ``e`` (the compiled loop's trace)."""
        e = min(int(self.episode[i]) if e is None else e, self.E - 1)
        self.events.append(Event(self.t if t is None else t, kind, self.episode_ids[e], detail))

    def _log_single(self, k, act, sact, cg, st, matched, prev_b, rupture, repair_latency, b=None, t=None,
                    e=None) -> None:
        """Log one step of a batch of 1: the action if it changed, the behaviour ``b`` if it changed from
        ``prev_b``, a rupture, a repair; ``b``, ``t`` and ``e``: the behaviour, time and episode, if not now."""
        s = self.state
        b = s.behaviour[0] if b is None else b
        if cg and act != self._last_action[0]:
            self._log_event(0, "action", {"action": ACTION_IDS[act], "by": self._who(e)}, t, e)
        self._last_action[0] = act if cg else -1
        if b != prev_b:
            self._log_event(0, "behaviour", {"behaviour": BEHAVIOUR_IDS[b]}, t, e)
        if rupture:
            self._log_event(0, "rupture", {}, t, e)
        if repair_latency is not None:
            self._log_event(0, "repair", {"latency_s": repair_latency}, t, e)
            self.repair_latencies[0].append((int(self.episode[0]) if e is None else e, repair_latency))
        if self.record and t is None:  # one row in the order of TRAJECTORY_COLUMNS (from a trace: all at once)
            e = int(self.episode[0])
            self.trajectory.append((
                round(self.t + DT, 3), e + 1, self.episode_ids[e], ACTION_IDS[act] if cg else "",
                ACTION_IDS[sact] if st else "",
                *(float(getattr(s, name)[0]) for name in STATE_VARIABLES),
                BEHAVIOUR_IDS[s.behaviour[0]], int(s.contact[0]), int(s.near[0]),
                (1 if matched else 0) if cg else None,
            ))

    def _who(self, e: int | None = None) -> str:
        e = int(self.episode[0]) if e is None else e
        if self.tiredness is not None and self.tiredness.helping:
            return "partner"
        if self._policy[e] == Policy.LEARNER or self.broken:
            return "learner"
        return self.scenario.episodes[e].caregiver if self.scenario.episodes[e].caregiver != "learner" \
            else self.caregiver_id

    # --- results -----------------------------------------------------------------------------------------
    @property
    def log(self) -> BehaviourLog:
        """The behaviour log so far (views, not copies)."""
        k = self.steps_taken
        end = self._ep_end.copy()
        live = ~self.done
        if live.any():
            end[live, self.episode[live]] = k
        return BehaviourLog(self._codes[:k], self._actions[:k], self._ep_start, end, self._st[:-1].copy())

    def episode_measures(self) -> dict[str, np.ndarray]:
        """Tidy per-episode measures, each an array of shape (N, E) (NaN where a value does not apply).

        Means of ``positive_affect``, ``negative_affect``, ``gaze``, ``arousal`` (0-1); shares of time
        ``crying``, ``exploration``, ``proximity`` (0-1); ``bids`` per minute; ``matched_share`` (NaN where
        the caregiver was absent all episode); ``ruptures``, ``repairs``; ``mean_repair_latency_s``;
        ``planned_s``, ``duration_s``, ``curtailed``.
        """
        acc = self._acc.copy()
        live = np.flatnonzero(~self.done)
        acc[live, self.episode[live]] = self._cur[:, live].T  # the episode still running
        steps = acc[..., _A["steps"]]
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = {name: acc[..., _A[name]] / steps for name in
                    ("positive_affect", "negative_affect", "gaze", "arousal", "crying", "exploration",
                     "proximity")}
            mean["bids"] = acc[..., _A["bids"]] / (steps * DT / 60.0)
            present = acc[..., _A["caregiver_steps"]] > 0
            mean["matched_share"] = np.where(present, acc[..., _A["matched"]] / steps, np.nan)
            mean["ruptures"] = np.where(present, acc[..., _A["ruptures"]], np.nan)
            mean["repairs"] = np.where(present, acc[..., _A["repairs"]], np.nan)
            reps = acc[..., _A["repairs"]]
            mean["mean_repair_latency_s"] = np.where(reps > 0, acc[..., _A["repair_steps"]] * DT / reps, np.nan)
        mean["planned_s"] = np.broadcast_to(self._planned, (self.n, self.E)).copy()
        mean["duration_s"] = self.duration_s.copy()
        mean["curtailed"] = self.curtailed.astype(np.float64)
        return mean


# --- compiled per-step kernels ------------------------------------------------------------------------
#: Per-behaviour flags (4, N_BEHAVIOURS) for the kernels: crying, exploring, bid, calm (0/1).
_BEHAVIOUR_FLAGS = np.vstack([CRYING, EXPLORING, BIDS, CALM]).astype(np.uint8)
_LEAVING_TABLE = LEAVING.astype(np.uint8)
#: ``_MATCH_TABLE[b, a]``: action ``a`` matches behaviour ``b`` (the contract's rule by coarse state).
_MATCH_TABLE = MATCH_BY_STATE[SIGNALS].astype(np.uint8)
_RETURN_GREET = 15  # a literal (numba caches globals with the code), checked against actions.py:
assert _RETURN_GREET == Action.RETURN_GREET, "actions.py renumbered its actions: update session.py"
_TOLERANCE_S = 1e-9  # float slack when comparing episode clocks (s)


@njit(cache=True, nogil=True)
def _remaining_kernel(planned, t_episode, calm_needed, calm_run, out, live, lo, hi):  # pragma: no cover
    """Planned time left in each live infant's episode (s, into ``out`` (N,)) for ``lo <= i < hi``; in an
    episode extended until calm, at least the calm time still needed."""
    for i in range(lo, hi):
        if not live[i]:
            continue
        left = planned[i] - t_episode[i]
        if calm_needed[i] > 0.0:
            left = max(left, calm_needed[i] - calm_run[i])
        out[i] = left


@njit(cache=True, nogil=True)
def _presence_kernel(cg_episode, left, act, behaviour, leaving, match, cg, matched, live, lo,
                     hi):  # pragma: no cover - compiled
    """Who is present after this step's action, and whether the caregiver's action matches (N,), for each
    live infant in ``lo <= i < hi``.

    A ``return_greet`` brings back a caregiver who left within the episode; a leaving action takes a
    present one out (``left`` updated in place).
    """
    for i in range(lo, hi):
        if not live[i]:
            cg[i] = False
            matched[i] = False
            continue
        a = act[i]
        gone = left[i]
        if gone & (a == _RETURN_GREET) & cg_episode[i]:
            gone = False
        here = cg_episode[i] & (not gone)
        if leaving[a] & here:
            gone = True
            here = False
        left[i] = gone
        cg[i] = here
        matched[i] = here & (match[behaviour[i], a] > 0)


@njit(cache=True, nogil=True)
def _record_kernel(live, cg, st, matched, act, behaviour, changed, contact, near, pa, na, gaze, arousal,
                   prev_matched, mismatch_run, cur, codes, actions, flags, rupture_out,
                   repair_out, lo, hi):  # pragma: no cover - compiled
    """Ruptures and repairs, the running sums of the current episode, and one row of the behaviour log,
    for each live infant in ``lo <= i < hi`` (a finished infant's log entry stays 0).

    Rupture: match -> mismatch. Repair: mismatch -> match; its latency is the mismatch bout it ends
    (science.md section 2). A bout that starts the episode, before any match, is not a rupture. Mismatch
    bouts are counted from a rupture; an absence or a match ends them. ``repair_out`` gets the repair's
    latency in steps, or -1.
    """
    for i in range(lo, hi):
        if not live[i]:
            rupture_out[i] = False
            repair_out[i] = -1
            continue
        m = matched[i]
        run = mismatch_run[i]
        rupture = prev_matched[i] & (not m)
        repair = m & (run > 0)
        repair_out[i] = run if repair else -1
        rupture_out[i] = rupture
        b = behaviour[i]
        cur[0, i] += 1.0
        cur[1, i] += pa[i]
        cur[2, i] += na[i]
        cur[3, i] += gaze[i]
        cur[4, i] += arousal[i]
        cur[5, i] += flags[0, b]
        cur[6, i] += flags[1, b]
        cur[7, i] += 1.0 if near[i] & (cg[i] | st[i]) else 0.0
        cur[8, i] += 1.0 if changed[i] & (flags[2, b] > 0) else 0.0
        cur[9, i] += 1.0 if m else 0.0
        cur[10, i] += 1.0 if cg[i] else 0.0
        if rupture:
            cur[11, i] += 1.0
        if repair:
            cur[12, i] += 1.0
            cur[13, i] += run
        if (run > 0) | rupture:
            run += 1
        if m | (not cg[i]):
            run = 0
        mismatch_run[i] = run
        prev_matched[i] = m
        codes[i] = int(b) | (CONTACT_BIT if contact[i] else 0) | (NEAR_BIT if near[i] else 0) | (
            MATCHED_BIT if m else 0) | (CAREGIVER_BIT if cg[i] else 0)
        actions[i] = act[i]


@njit(cache=True, nogil=True)
def _clock_kernel(live, behaviour, left, t_episode, cry_run, pause, calm_run, planned, curtail_cry,
                  curtail_pause, calm_needed, extra_max, leaves, extended, episode, flags, dt, tol, end,
                  curtailed, lo, hi):  # pragma: no cover - compiled
    """Episode clocks, curtailment and extension (science.md SS1), for each infant.

    Crying with pauses no longer than ``curtail_pause`` counts as one run (the pause time included);
    a run of ``curtail_cry`` seconds curtails the episode. An episode with ``calm_needed`` runs past its
    planned length until the infant has been calm that long, at most ``extra_max`` seconds more. The
    goodbye that leads into a separation ends an extended reunion (Ainsworth's episode 5: "then leaves
    saying bye-bye"). ``tol`` is the float slack (s) in clock comparisons. Writes ``end`` and
    ``curtailed`` (N,) for the infants ``lo <= i < hi`` (a finished one is left alone); returns (number
    ending, whether infant 0 was newly extended).
    """
    n_end = 0
    extended_0 = False
    for i in range(lo, hi):
        if not live[i]:
            end[i] = False
            curtailed[i] = False
            continue
        t_episode[i] += dt
        b = behaviour[i]
        if flags[0, b] > 0:
            if cry_run[i] > 0.0:
                cry_run[i] += dt + pause[i]
            else:
                cry_run[i] += dt
            pause[i] = 0.0
        else:
            pause[i] += dt
        if pause[i] > curtail_pause[i]:
            cry_run[i] = 0.0
        cut = cry_run[i] >= curtail_cry[i]
        over = t_episode[i] >= planned[i] - tol
        calm_run[i] = calm_run[i] + dt if flags[3, b] > 0 else 0.0
        if (over & (calm_needed[i] > 0.0) & (calm_run[i] < calm_needed[i])
                & (t_episode[i] - planned[i] < extra_max[i] - tol)):
            e = episode[i]
            if not extended[i, e]:
                extended[i, e] = True
                if i == 0:
                    extended_0 = True
            over = False
        stop = over | cut
        if left[i] & (calm_needed[i] > 0.0) & leaves[i] & (t_episode[i] >= planned[i] - tol):
            stop = True
        end[i] = stop
        # Curtailed: cut short by crying. A cry run that reaches the limit on the episode's last planned step
        # ended nothing early: the episode ran its full length.
        curtailed[i] = cut & stop & (t_episode[i] < planned[i] - tol)
        if stop:
            n_end += 1
    return n_end, extended_0


@njit(cache=True, nogil=True)
def _end_kernel(end, curtailed_now, k, clk, logs, here, tables, contact, near, countdown, seen, lo,
                hi):  # pragma: no cover - compiled
    """End the episode of each infant ``lo <= i < hi`` with ``end[i]`` after step count ``k``: keep its
    sums and duration, start its next episode (or finish it), reset its clocks, and copy the next
    episode's attributes from ``tables`` (:class:`EpisodeTables`, (E + 1,)) into ``here`` ((N,)).

    Contact and proximity belong to one partner: when the partner changes (the caregiver returns, the
    stranger comes or goes) the new one starts across the room, so a reunion begins with the caregiver at
    the door (Ainsworth et al. 1978) and scoring sees the approach (SS4). The caregiver decides afresh.
    """
    E = logs.duration_s.shape[1]
    cur = logs.cur
    for i in range(lo, hi):
        if not end[i]:
            continue
        e = clk.episode[i]
        for a in range(cur.shape[0]):
            logs.acc[i, e, a] = cur[a, i]
            cur[a, i] = 0.0
        logs.duration_s[i, e] = clk.t_episode[i]
        logs.curtailed[i, e] = curtailed_now[i]
        logs.ep_end[i, e] = k
        nxt = e + 1
        clk.episode[i] = nxt
        if nxt >= E:
            clk.done[i] = True
        else:
            logs.ep_start[i, nxt] = k
        clk.t_episode[i] = 0.0
        clk.cry_run[i] = 0.0
        clk.pause[i] = 0.0
        clk.calm_run[i] = 0.0
        clk.prev_matched[i] = False
        clk.mismatch_run[i] = 0
        clk.left[i] = False
        if tables.partner[min(nxt, E)] != tables.partner[e]:
            contact[i] = False
            near[i] = False
        countdown[i] = 0.0
        seen[i] = -1
        here.cg[i] = tables.cg[nxt]
        here.st[i] = tables.st[nxt]
        here.policy[i] = tables.policy[nxt]
        here.toys[i] = tables.toys[nxt]
        here.novel[i] = tables.novel[nxt]
        here.reunion[i] = tables.reunion[nxt]
        here.leaves[i] = tables.leaves[nxt]
        here.goodbye[i] = tables.goodbye[nxt]
        here.scripted[i] = tables.scripted[nxt]
        here.planned[i] = tables.planned[nxt]
        here.curtail_cry[i] = tables.curtail_cry[nxt]
        here.curtail_pause[i] = tables.curtail_pause[nxt]
        here.calm_needed[i] = tables.calm_needed[nxt]
        here.extra_max[i] = tables.extra_max[nxt]
        here.partner[i] = tables.partner[nxt]


@njit(cache=True, nogil=True)
def _run_kernel(keys, u, K, k0, tile, CK, act_tab, beh_tab, P, S, here, tables, clk, logs, scr, style, D, hist, ptr0,
                timing, T, W, geared, leaving, match, flags, dt, tol, trace, states):  # pragma: no cover - compiled
    """A session's steps ``k0 .. k0 + K - 1`` in one compiled loop (a session without a learner).

    The same kernels as :meth:`Session.step`, in the same order, but infant tile by infant tile
    (``tile`` infants stay in cache for all K steps), skipping finished infants and tiles. Each step's
    random numbers are computed into ``u`` (float32 (12, N)) from the infants' ``keys`` (uint64 (N,)), as
    :meth:`Session.step` computes them (random_stream.py), so the two give the same result. Caregivers perceive through ``hist``, a ring of past behaviour whose row for step
    ``k0 + j`` is ``(ptr0 + j) % H``. For a session of one infant, ``trace`` (float64 (steps, len(TRACE)))
    gets what :meth:`Session.step` reads to write the event log (see :data:`TRACE`); for a batch it is empty
    (0, len(TRACE)); ``states`` (float64 (steps, len(RECORDED)), or empty) gets infant 0's state for the
    trajectory. Returns the number of steps taken: K, or fewer if every infant finished sooner.
    """
    n = clk.done.shape[0]
    H = hist.shape[0]
    live = scr.live
    taken = 0
    for a in range(0, n, tile):
        b = min(a + tile, n)
        for j in range(K):
            any_live = False
            for i in range(a, b):
                live[i] = not clk.done[i]
                any_live = any_live or live[i]
            if not any_live:
                break
            if j + 1 > taken:
                taken = j + 1
            k = k0 + j
            traced = trace.shape[0] > 0  # a session of one infant (a == 0, b == 1): what step() logs
            fill_uniforms(keys, k, u, live, a, b)
            _remaining_kernel(here.planned, clk.t_episode, here.calm_needed, clk.calm_run, scr.remaining, live,
                              a, b)
            _decide_kernel(here.policy, style, clk.t_episode, scr.remaining, here.reunion, here.leaves,
                           here.goodbye, u[5:8], here.scripted, D, hist, (ptr0 + j) % H, timing, T, W, live, a, b)
            if traced:
                trace[k, TR_ACT] = D.action[0]
                trace[k, TR_CG_BEFORE] = here.cg[0]
                trace[k, TR_LEFT_BEFORE] = clk.left[0]
                trace[k, TR_B_BEFORE] = S.behaviour[0]
                trace[k, TR_EPISODE] = clk.episode[0]
            _presence_kernel(here.cg, clk.left, D.action, S.behaviour, leaving, match, scr.cg, scr.matched, live,
                             a, b)
            _stranger_kernel(here.st, scr.cg, clk.t_episode, here.planned, S.behaviour, geared,
                             scr.stranger_action, live, a, b)
            X = KernelContext(scr.cg, here.st, D.action, scr.stranger_action, here.toys, scr.matched, here.novel,
                              D.flat)
            _step_kernel(CK, act_tab, beh_tab, P, S, X, u, u[NOISE_ROW:], scr.changed, live, a, b)
            row = (ptr0 + j + 1) % H
            for i in range(a, b):
                hist[row, i] = S.behaviour[i]
            _record_kernel(live, scr.cg, here.st, scr.matched, D.action, S.behaviour, scr.changed, S.contact,
                           S.near, S.positive_affect, S.negative_affect, S.gaze, S.arousal, clk.prev_matched,
                           clk.mismatch_run, logs.cur, logs.codes[k], logs.actions[k], flags, scr.rupture,
                           scr.repair_steps, a, b)
            n_end, extended = _clock_kernel(live, S.behaviour, clk.left, clk.t_episode, clk.cry_run, clk.pause,
                                            clk.calm_run, here.planned, here.curtail_cry, here.curtail_pause,
                                            here.calm_needed, here.extra_max, here.leaves, logs.extended,
                                            clk.episode, flags, dt, tol, scr.end, scr.curtailed_now, a, b)
            if traced:
                trace[k, TR_CG] = scr.cg[0]
                trace[k, TR_ST] = here.st[0]
                trace[k, TR_SACT] = scr.stranger_action[0]
                trace[k, TR_MATCHED] = scr.matched[0]
                trace[k, TR_B] = S.behaviour[0]
                trace[k, TR_RUPTURE] = scr.rupture[0]
                trace[k, TR_REPAIR] = scr.repair_steps[0]
                trace[k, TR_EXTENDED] = extended
                trace[k, TR_ENDED] = n_end > 0
                trace[k, TR_CURTAILED] = scr.curtailed_now[0]
                trace[k, TR_DURATION] = clk.t_episode[0]
            if states.shape[0] > 0:  # in the order of RECORDED
                states[k, 0] = S.positive_affect[0]
                states[k, 1] = S.negative_affect[0]
                states[k, 2] = S.gaze[0]
                states[k, 3] = S.arousal[0]
                states[k, 4] = S.reserve[0]
                states[k, 5] = S.proximity_drive[0]
                states[k, 6] = S.violation[0]
                states[k, 7] = S.expectation[0]
                states[k, 8] = S.stress_load[0]
                states[k, 9] = S.contact[0]
                states[k, 10] = S.near[0]
            if n_end:
                _end_kernel(scr.end, scr.curtailed_now, k + 1, clk, logs, here, tables, S.contact, S.near,
                            D.countdown, D.seen, a, b)
            if traced:
                trace[k, TR_EPISODE_AFTER] = clk.episode[0]
                trace[k, TR_T_EP_AFTER] = clk.t_episode[0]
                trace[k, TR_DONE_AFTER] = clk.done[0]
    return taken


depends_on(_run_kernel, _infant, _policies, _random_stream)  # it compiles their step kernels into itself


_warm_lock = threading.Lock()
_warmed = False


def warm_up() -> None:
    """Load the compiled step kernels now (or compile them, on a new checkout) with a two-step session
    of one infant, so that the first real step does not pause. About 0.7 s once per process (6 s to
    compile on a new checkout); returns at once after that.

    Thread-safe: a call while :func:`warm_up_in_background` is working waits for it. Call it before
    forking worker processes, so that no fork happens while another thread holds numba's compiler lock
    (the children then inherit the loaded kernels).
    """
    global _warmed
    with _warm_lock:
        if _warmed:
            return
        from .scenario import load_scenario

        session = Session(load_scenario("still_face"), n=1, seed=0)
        session.step()
        session.step()
        care, none = session.caregivers, np.zeros(1, dtype=bool)  # an episode end that ends nothing
        _end_kernel(none, none, 0, session._clocks, session._logs, session._here, session._tables,
                    session.state.contact, session.state.near, care.countdown, care.seen, 0, 1)
        Session(load_scenario("still_face"), n=2, seed=0)._run_chunk(2)  # the batch's compiled loop
        _warmed = True


def warm_up_in_background() -> threading.Thread:
    """Start :func:`warm_up` in a daemon thread (the GUI: Home stays responsive meanwhile)."""
    thread = threading.Thread(target=warm_up, name="attune-warm-up", daemon=True)
    thread.start()
    return thread


def action_code_or_none(code: int) -> str | None:
    """The action id of a code, or None."""
    try:
        return ACTION_IDS[int(code)]
    except (IndexError, ValueError):
        return None


__all__ = ["Session", "BehaviourLog", "Event", "SetError", "DT", "Behaviour", "warm_up", "warm_up_in_background"]
