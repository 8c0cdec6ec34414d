"""Play: the room with the infant, caregiver and stranger; action buttons; live chart; banner; time controls.

The learner's actions go to the model only through ``Session.set_action`` (the same engine the scripts
use); time moves only through ``Session.advance`` (real frame time times the speed, clamped by the model)
or ``Session.step`` (single step, skip ahead). The scene reads the session's public state, its
per-step trajectory and its event log; it never changes the model in any other way.

Restarting an episode rebuilds the session from the same scenario and seed and replays the learner's
earlier choices at their recorded steps, so it lands exactly where the episode began (the model is
deterministic: same seed and inputs, same output).

Where the session comes from is the scene's *source*: :class:`NewRun` (a new run, the default),
:class:`DevelopedInfant` (one infant from the Population lab) or
:class:`~simulator.view.scenes.replay.SavedRun` (a saved session, replayed). The scene is the same
for all three; the source builds the session and says how it may be driven.
"""

from __future__ import annotations

import numpy as np
import pygame

from ...model.session import TRAJECTORY_COLUMNS
from ...model.actions import ACTION_IDS
from ...model.behaviour import BEHAVIOUR_IDS
from ...model.limits import clip
from ...model.session import DT, Session
from ...sessions.store import Autosaver, sessions_dir
from .. import strings as S
from .. import theme
from . import tired_panel
from ..drawing.chart import LiveChart
from ..drawing.room import ROOM, draw_backdrop, draw_narration, draw_people, infant_caption, narration_seconds
from ..scene import Scene
from ..widgets import Button, FocusGroup, mix, paragraph, paragraph_full, paragraph_height, text


_STRANGER_COL = TRAJECTORY_COLUMNS.index("stranger_action")
_MATCHED_COL = TRAJECTORY_COLUMNS.index("matched")

#: Where things sit in a 1280x720 window at the normal text size (the design; PlayLayout adapts it).
CHART = pygame.Rect(16, 506, 736, 158)
PANEL = pygame.Rect(768, 68, 496, 430)
STATUS = pygame.Rect(768, 506, 496, 158)
CONTROLS_Y = 672

#: Keys of the time controls (letters not used by the action shortcuts).
KEY_PAUSE = pygame.K_p
KEY_STEP = pygame.K_PERIOD
KEY_SLOWER = pygame.K_MINUS
KEY_FASTER = pygame.K_EQUALS
KEY_RESTART = pygame.K_r
KEY_SKIP = pygame.K_n
KEY_DEBRIEF = pygame.K_e
KEY_CLOSE_NARRATION = pygame.K_c
KEY_HINTS = pygame.K_SLASH  # "?": hints on what would match, on or off
BREAK_ARM_S = 3.0  # a second action within this time breaks a still-face


def action_key(action_id: str) -> tuple[int | None, str | None]:
    """The pygame key and its label for an action (number keys for the most used, letters for the rest)."""
    if action_id in S.ACTION_NUMBER_KEYS:
        k = S.ACTION_NUMBER_KEYS.index(action_id)
        digit = (k + 1) % 10
        return pygame.K_0 + digit, str(digit)
    letter = S.ACTION_LETTER_KEYS.get(action_id)
    if letter:
        return pygame.key.key_code(letter), letter.upper()
    return None, None


def prompt_message(prompt: dict) -> str:
    """A logged scenario prompt as the room shows it: its kind's label, the question, a prediction's options."""
    text = S.PROMPT_LABELS.get(prompt.get("kind"), S.PROMPT_LABELS["observe"]).format(text=prompt["text"])
    if prompt.get("options"):
        text += S.PROMPT_OPTIONS.format(options=S.PROMPT_OPTION_SEP.join(prompt["options"]))
    return text


class PlayLayout:
    """The play screen's regions for the app's window and text size (window pixels).

    The banner and the control rows are as tall as their text needs, and the control bar wraps onto more
    rows when its buttons do not fit one. The room, its caption and the live chart share the left column;
    the actions panel (as tall as its buttons need) and the status box share the right one. When the text
    is too large for both on the right, the status box moves under the room, beside the chart.

    Attributes (pygame.Rect): banner, room, caption, chart, panel, status; ``controls_y`` (list of row ys),
    ``control_h``, ``button_h``, ``margin`` (px).
    """

    CHART_SHARE = 158 / 596  # of the left column's height: the live chart's share in the design

    def __init__(self, app, control_rows: int = 1, note: str = "", status_note: str = "", head=None) -> None:
        """``head(width)``, when given, is the height (px) of a source's own panel heading (a replay's title
        beside its episode buttons and its note) in a panel ``width`` px wide; the actions start below it."""
        lay = app.layout
        u = lay.px
        m = self.margin = u(16)
        hf = app.font(theme.SIZE_HEADING, bold=True)
        banner_h = max(u(58), hf.get_linesize() + u(16))
        self.banner = pygame.Rect(0, 0, lay.w, banner_h)
        self.control_h = max(u(40), app.font(CONTROL_FONT).get_linesize() + u(12))
        rows = max(1, control_rows)
        bottom = lay.h - u(8)
        self.controls_y = [bottom - (rows - k) * self.control_h - (rows - 1 - k) * u(6) for k in range(rows)]
        top = banner_h + u(10)
        body_bottom = self.controls_y[0] - u(8)
        left_w = lay.x(752) - m
        right = pygame.Rect(m + left_w + m, top, lay.w - 2 * m - left_w - m, body_bottom - top)
        cap_h = max(u(40), app.font(theme.SIZE_HEADING - 4, bold=True).get_linesize() + u(10))
        col_h = body_bottom - top
        af = app.font(ACTION_FONT)
        self.button_h = max(u(31), af.get_linesize() + u(6))
        self.head_h = (u(8) + app.font(theme.SIZE_BODY, bold=True).get_linesize()
                       + paragraph_height(app.font(theme.SIZE_SMALL), note, right.w - 2 * u(16)) + u(10))
        if head is not None:
            self.head_h = max(self.head_h, head(right.w))
        panel_need = self.head_h + 10 * (self.button_h + u(4)) + u(8)
        status_need = self.status_need(app, right.w, status_note)
        chart_h = int(col_h * self.CHART_SHARE)
        if panel_need + u(8) + max(status_need, int(col_h * self.CHART_SHARE)) <= col_h:
            # Both on the right: the status box as tall as the chart (or its text), the panel above it.
            status_h = max(chart_h, status_need)
            self.status = pygame.Rect(right.x, body_bottom - status_h, right.w, status_h)
            self.panel = pygame.Rect(right.x, top, right.w, self.status.y - u(8) - top)
            chart_w = left_w
        else:
            # Large text: the actions panel takes the right column; the status box goes beside the chart.
            self.panel = pygame.Rect(right)
            status_w = int(left_w * 0.44)
            chart_w = left_w - status_w - u(8)
            status_need = self.status_need(app, status_w, status_note)
            chart_h = max(chart_h, status_need)
            self.status = pygame.Rect(m + chart_w + u(8), body_bottom - chart_h, status_w, chart_h)
        room_h = col_h - chart_h - cap_h - u(6) - u(8)
        self.room = pygame.Rect(m, top, left_w, room_h)
        self.caption = pygame.Rect(m, self.room.bottom + u(6), left_w, cap_h)
        self.chart = pygame.Rect(m, body_bottom - chart_h, chart_w, chart_h)

    @staticmethod
    def status_need(app, width: int, note: str) -> int:
        """Height (px) the status box needs at ``width``: its heading, five lines (three of figures, or two and a
        hint of up to three lines) and the whole note."""
        u = app.px
        return (u(16) + app.font(theme.SIZE_HEADING, bold=True).get_linesize() + u(6)
                + 5 * app.font(theme.SIZE_SMALL).get_linesize() + u(4)
                + paragraph_height(app.font(theme.SIZE_TINY, italic=True), note, width - 2 * u(18)) + u(10))


CONTROL_FONT = 15  # design size of the control bar's labels
ACTION_FONT = 16  # design size of the action buttons' labels


class NewRun:
    """The default session source: a new run of the scenario, played by the learner or (demo) a policy.

    A source builds the Play scene's session (again on a restart) and answers the scene's questions
    about it: may the learner act, is it saved as it goes, how does the clock move, where does Esc go.
    """

    name = "play"  # the scene's name while it shows this source (tests and screenshots use it)
    autosave = True  # the run is autosaved as it is played
    auto_debrief = True  # a finished demo opens its Debrief by itself
    escape_closes = False  # Esc goes Home (True: back to the screen below)
    seekable = False  # True: restart and skip jump to an episode through seek()
    locked_message: str | None = None  # set when the learner's choices cannot reach the session

    def new_session(self, scene) -> Session:
        """A new session for ``scene`` (its scenario, infant, caregiver, seed and overrides)."""
        return Session(scene.scenario, n=1, infant=scene.infant, caregiver=scene.caregiver, seed=scene.seed,
                       overrides=scene.overrides, learner=not scene.demo, record=True)

    def replay_args(self, scene) -> dict:
        """What the Debrief's "play again" passes back to a new Play scene ({} sends it Home)."""
        return dict(scenario=scene.scenario, infant=scene.infant, caregiver=scene.caregiver, seed=scene.seed,
                    demo=scene.demo, prediction=scene.prediction, speed=scene.speed, overrides=scene.overrides,
                    skins=scene.skins)

    def advance(self, scene, seconds: float) -> int:
        """Move the scene's session on by ``seconds`` of model time; returns the steps taken."""
        return scene.session.advance(seconds)

    def advance_frame(self, scene, dt: float) -> int:
        """A frame of ``dt`` real seconds while the scene plays: the session moves on at the scene's speed.
        Returns the steps taken. (A lecture also counts its clock and stops exactly at its cues.)"""
        return self.advance(scene, dt * scene.speed)

    def idle(self, scene, dt: float) -> None:
        """A frame of ``dt`` real seconds while the scene is paused (a lecture's clock runs on)."""

    def process_event(self, scene, event):
        """The source's own keys, before the scene's: None once used, else the event."""
        return event

    def step(self, scene) -> None:
        """Advance the scene's session by exactly one step."""
        scene.session.step()

    def at_end(self, scene) -> bool:
        """True when there is nothing more to play."""
        return scene.session.finished

    def seek(self, scene, episode: int) -> None:
        """Jump to the start of ``episode`` (only for seekable sources)."""
        raise NotImplementedError("a new run restarts its episode instead of seeking")

    def draw_panel(self, scene, surface) -> bool:
        """Draw the action panel the source's own way and return True, or return False for the usual one."""
        return False

    def extra_buttons(self, scene) -> list:
        """Buttons the source adds to the scene (a replay's previous / next episode)."""
        return []

    def draw_over(self, scene, surface) -> None:
        """Draw what the source adds over the finished frame (a replay's chip naming its file)."""


class DevelopedInfant(NewRun):
    """One infant developed in the Population lab, watched in demo mode with its own parameters.

    Args:
        params: the developed :class:`~simulator.model.infant.InfantParams` of one infant.
        label: the preset label the session records; ``history``: the history in words, for the Debrief.
    """

    name = "population_infant"
    autosave = False  # it replays from the lab, not from a saved file
    escape_closes = True  # back to the lab and its results (the Home button still goes Home)

    def __init__(self, params, label: str, history: str) -> None:
        self.params, self.label, self.history = params, label, history

    def new_session(self, scene) -> Session:
        s = Session(scene.scenario, n=1, caregiver=scene.caregiver, seed=scene.seed, overrides=scene.overrides,
                    params=self.params.subset(np.array([0])), preset_label=self.label, learner=False, record=True)
        s.preset = self.history  # the debrief names the history in words (it is not a preset id)
        return s

    def replay_args(self, scene) -> dict:
        return {}  # "play again" from the debrief cannot rebuild a developed infant: it goes Home


class PlayScene(Scene):
    """One run of a scenario, played by the learner or watched (demo).

    Args:
        scenario: the loaded scenario.
        infant: infant preset id (default: the scenario's).
        caregiver: the policy that plays learner episodes in demo mode.
        seed: the random seed.
        demo: True to watch a scripted caregiver (``--autoplay``).
        prediction: the learner's predict answer, carried to the debrief and the session file.
        speed: model seconds per real second (0.5-8).
        overrides: ``--set`` values.
        exit_after: quit the app (after an optional screenshot) once the model clock reaches this many
            seconds, or the session ends.
        screenshot: a PNG path written when ``exit_after`` is reached.
        source: where the session comes from (default :class:`NewRun`).

    When a watched (demo) session ends, the Debrief opens by itself after ``theme.AUTO_DEBRIEF_S`` real
    seconds (counted by ``update`` with the app's clamped frame time), under a "Session complete" caption.
    A learner's session stays in the room with the focus on Debrief, so the last episode can be restarted.
    """

    name = "play"
    opaque = True  # the background layer covers the whole canvas

    def __init__(self, app, scenario, infant: str | None = None, caregiver: str = "sensitive", seed: int = 0,
                 demo: bool = False, prediction: dict | None = None, speed: float = 1.0,
                 overrides: dict | None = None, exit_after: float | None = None, screenshot: str | None = None,
                 skins: dict | None = None, source: NewRun | None = None) -> None:
        super().__init__(app)
        self.source = source or NewRun()
        self.name = self.source.name
        self.scenario = scenario
        self.infant = infant
        self.caregiver = caregiver
        self.seed = seed
        self.demo = demo
        self.prediction = prediction
        self.overrides = dict(overrides or {})
        self.speed = min(8.0, max(0.5, float(speed)))
        self.exit_after = exit_after
        self.screenshot_path = screenshot
        self.paused = False
        self.session = self._new_session()
        self.acted = False  # no verdict on the learner before their first action
        from ..drawing.figures import people_skins
        self.skins = dict(skins) if skins else people_skins(seed)  # per seed or chosen, never by role
        self.chart = LiveChart(app)
        self.toast = ""
        self.toast_s = 0.0
        self._narration_box: pygame.Rect | None = None  # where the narration was last drawn (canvas px)
        self.armed_s = 0.0  # > 0 while a still-face break is armed
        self._last_episode = -1
        self._prompt_queue: list[dict] = []  # the scenario's prompts that came up, waiting for the room's top
        self._prompts_of: tuple[int, int] = (0, 0)  # (id of the session, how many of its prompts were taken)
        self._finished_seen = False
        self.auto_debrief_s: float | None = None  # real seconds left before a finished demo opens its Debrief
        self._debrief_opened = False  # the Debrief was opened (by itself or by the user): never again by itself
        self._actions_sig = None
        self.group = FocusGroup(app)
        self._save_warning_box: pygame.Rect | None = None  # where a failing autosave is shown (canvas px)
        self.autosaver = self._make_autosaver()
        self._announce_episode()
        self._take_prompts()
        self.relayout()

    # --- autosave ----------------------------------------------------------------------------------------------
    def _make_autosaver(self):
        """An Autosaver for a played session (not for replays or scripted --exit-after runs), or None."""
        if not self.source.autosave or self.exit_after is not None:
            return None
        try:
            return Autosaver(self.session, sessions_dir(getattr(self.app, "data_dir", None)), self.prediction)
        except Exception:  # no usable folder: the lesson goes on unsaved
            return None

    def save_warning(self) -> str | None:
        """The warning to show while autosave fails (None when saving works)."""
        a = self.autosaver
        return S.PLAY_AUTOSAVE_FAILED if a is not None and getattr(a, "last_error", None) else None

    def _draw_save_warning(self, surface) -> None:
        """A failing autosave as a strip across the bottom of the room, in the warning colour, over all else."""
        self._save_warning_box = None
        message = self.save_warning()
        if not message:
            return
        app = self.app
        room = self.L.room
        f = app.font(theme.SIZE_SMALL, bold=True)
        pad, gap = app.px(10), app.px(10)
        h = min(room.h // 2, paragraph_height(f, message, room.w - 2 * gap - 2 * pad) + 2 * app.px(7))
        box = pygame.Rect(room.x + gap, room.bottom - h - gap, room.w - 2 * gap, h)
        pygame.draw.rect(surface, app.palette.warn, box, border_radius=app.px(10))
        paragraph(surface, f, message, box.inflate(-2 * pad, -2 * app.px(6)), (0, 0, 0))
        self._save_warning_box = box

    def _autosave(self, dt: float = 0.0, flush: bool = False) -> None:
        a = self.autosaver
        if a is None:
            return
        try:
            a.flush() if flush else a.tick(dt)
        except Exception:  # autosave must never stop the lesson
            self.autosaver = None

    # --- the session -----------------------------------------------------------------------------------------
    def _new_session(self) -> Session:
        return self.source.new_session(self)

    @property
    def at_end(self) -> bool:
        """True at the end of the session (for a replay: of the saved part of it)."""
        return self.source.at_end(self)

    @property
    def episode_index(self) -> int:
        """0-based index of the current episode (the last one once finished)."""
        return min(int(self.session.episode[0]), self.session.E - 1)

    def learner_in_control(self) -> bool:
        """True when the learner's action is what the caregiver does now."""
        s = self.session
        if s.tiredness is not None and s.tiredness.resting:
            return False
        return s.learner and not s.finished and bool(s.allowed_actions()) and (
            s.current_episode.caregiver == "learner" or s.broken)

    def displayed_action(self) -> str | None:
        """The caregiver's action to show: the learner's pending choice at once, else the model's last."""
        s = self.session
        if not self.caregiver_present():
            return None
        if self.learner_in_control() and s.tiredness is None:
            return ACTION_IDS[int(s.learner_action)]
        if s.steps_taken == 0:
            return None
        return ACTION_IDS[int(s.caregivers.action[0])]

    def caregiver_label(self) -> str:
        """What the room calls the caregiver now: the episode's label, 'Partner' while one has stepped in."""
        s = self.session
        if s.tiredness is not None and s.tiredness.helping:
            return S.PLAY_PARTNER
        return s.current_episode.caregiver_label or S.PLAY_CAREGIVER

    def caregiver_present(self) -> bool:
        """Whether the caregiver is in the room now."""
        s = self.session
        if s.finished:  # the session is over, not the relationship: whoever was there stays in the picture
            return "caregiver" in s.scenario.episodes[-1].present and not bool(s.left[0])
        return "caregiver" in s.current_episode.present and not bool(s.left[0])

    def stranger_present(self) -> bool:
        """Whether the stranger is in the room now."""
        s = self.session
        return not s.finished and "stranger" in s.current_episode.present

    def stranger_action(self) -> str | None:
        """The stranger's last action (from the trajectory), or None."""
        traj = self.session.trajectory
        if not traj:
            return None
        a = traj[-1][_STRANGER_COL]
        return a or None

    def matched_now(self) -> bool | None:
        """Whether the caregiver matched at the last step (None when away or before the first step)."""
        traj = self.session.trajectory
        if not traj:
            return None
        m = traj[-1][_MATCHED_COL]
        return None if m is None else bool(m)

    def verdict(self) -> str | None:
        """The status now: ``away``, ``matched``, ``mismatched``, or None before the learner's first action."""
        if not self.caregiver_present():
            return "away"
        if self.awaiting_first_action():
            return None
        return "matched" if self.matched_now() else "mismatched"

    def awaiting_first_action(self) -> bool:
        """True while a live learner holds the caregiver's part but has not acted yet: no verdict then. A
        replay or a demo (``demo``) has no one to wait for: it shows what the infant signals from the start."""
        return not self.demo and self.learner_in_control() and not self.acted and not self.session.broken

    def planned(self):
        """The session's planned ruptures (still-face, phone, leaving) so far, recomputed once per step."""
        s = self.session
        key = (id(s), s.steps_taken)
        if getattr(self, "_planned_key", None) != key:
            from ...content.ruptures import planned_ruptures
            self._planned, self._planned_key = planned_ruptures(s.log, scenario=s.scenario), key
        return self._planned

    def counts(self, meas, e: int):
        """Ruptures and repairs of episode ``e``, the planned ones included, and the planned rupture that
        began or was repaired in it (or None): ``(ruptures, repairs, planned)``."""
        from ...content.ruptures import planned_in_episode
        extra_rup, extra_rep, shown = planned_in_episode(self.planned(), e)
        rup = int(meas["ruptures"][0, e]) if meas["ruptures"][0, e] == meas["ruptures"][0, e] else 0
        rep = int(meas["repairs"][0, e]) if meas["repairs"][0, e] == meas["repairs"][0, e] else 0
        return rup + extra_rup, rep + extra_rep, shown

    def signal_hint(self, most: int = 3) -> str | None:
        """What the infant signals now and which kinds of response would match (at most ``most`` of them; 0: only
        the signal), in plain words."""
        from ...model.actions import MATCH_BY_STATE
        from ...model.behaviour import SIGNALS
        s = self.session
        if not self.caregiver_present():
            return None
        state = int(SIGNALS[int(s.state.behaviour[0])])
        # A tired caregiver is pointed only to what is within reach now (model/tiredness.py).
        reach = set(s.allowed_actions()) if s.tiredness is not None and self.learner_in_control() else None
        fits = [S.ACTION_LABELS[ACTION_IDS[a]] for a in range(len(ACTION_IDS))
                if MATCH_BY_STATE[state, a] and ACTION_IDS[a] != "return_greet"
                and (reach is None or ACTION_IDS[a] in reach)]
        if not fits:
            return None
        if most <= 0:
            return S.PLAY_SIGNAL_ONLY.format(signal=S.SIGNAL_WORDS[state])
        return S.PLAY_SIGNAL_HINT.format(signal=S.SIGNAL_WORDS[state], fits=S.PLAY_OR.join(fits[:most]))

    # --- controls ---------------------------------------------------------------------------------------------
    def choose(self, action_id: str) -> bool:
        """The learner presses an action: passed to the model with ``set_action`` (returns its answer)."""
        if self.source.locked_message:
            self.show_toast(self.source.locked_message, 3.0)
            return False
        s = self.session
        if action_id not in s.allowed_actions():
            return False
        breaking = s.current_episode.caregiver != "learner" and not s.broken
        if breaking and self.armed_s <= 0.0:
            self.armed_s = BREAK_ARM_S
            self.show_toast(S.PLAY_BREAK_CONFIRM)
            return False
        ok = s.set_action(action_id)
        self.acted = self.acted or ok
        if ok and breaking:
            self.armed_s = 0.0
            self.show_toast(S.PLAY_BREAK_TOAST)
        self.relayout()
        return ok

    def self_care(self, kind: str) -> bool:
        """The learner asks for help, takes a short safe break or comes back (a tired caregiver's scenario)."""
        ok = self.session.set_action(kind)
        if ok:
            self.show_toast(S.SELF_CARE_TOASTS[kind])
        self.relayout()
        return ok

    def toggle_pause(self) -> None:
        """Pause or resume the clock."""
        self.paused = not self.paused
        self.relayout()

    def single_step(self) -> None:
        """Pause and advance the model by exactly one step (0.25 s)."""
        self.paused = True
        self.source.step(self)
        self._after_steps()
        self.relayout()

    def slower(self) -> None:
        """Halve the speed (down to 0.5x)."""
        lower = [x for x in theme.SPEEDS if x < self.speed - 1e-9]
        self.speed = lower[-1] if lower else theme.SPEEDS[0]
        self.relayout()

    def faster(self) -> None:
        """Double the speed (up to 8x)."""
        higher = [x for x in theme.SPEEDS if x > self.speed + 1e-9]
        self.speed = higher[0] if higher else theme.SPEEDS[-1]
        self.relayout()

    def toggle_sound(self) -> None:
        """Mute or unmute the synthesised infant sounds."""
        self.app.toggle_sound()
        self.relayout()

    def restart_episode(self) -> None:
        """Back to the start of the current episode, with the learner's earlier choices replayed."""
        if self.source.seekable:
            self.seek(self.episode_index)
            return
        old = self.session
        e = self.episode_index
        start = int(old.log.episode_start[0, e]) if e > 0 else 0
        if old.finished:
            e = old.E - 1
            start = int(old.log.episode_start[0, e])
        actions = [a for a in old.learner_actions if a["step"] < start]
        new = self._new_session()
        k = 0
        while new.steps_taken < start and not new.finished:
            while k < len(actions) and actions[k]["step"] <= new.steps_taken:
                new.set_action(actions[k]["action"])
                k += 1
            new.step()
        self.session = new
        self.auto_debrief_s, self._debrief_opened = None, False
        if self.autosaver is not None:
            try:
                self.autosaver.rebind(new)
            except Exception:
                self.autosaver = None
        self._finished_seen = False
        self._last_episode = -1
        self._announce_episode()
        self._take_prompts()
        self.relayout()

    def skip_ahead(self) -> None:
        """Run the model quickly to the end of the current episode (every step is still simulated)."""
        if self.source.seekable:
            self.seek(int(self.session.episode[0]) + 1)
            return
        s = self.session
        e = self.episode_index
        limit = int((s.current_episode.duration_s + 400) / DT)
        n = 0
        while not s.finished and int(s.episode[0]) == e and n < limit:
            s.step()
            n += 1
        self._after_steps()
        self.relayout()

    def seek(self, e: int) -> None:
        """Jump to the start of episode ``e`` (0-based; clamped), for a seekable source (a replay)."""
        self.source.seek(self, max(0, min(int(e), self.session.E - 1)))
        self._last_episode = -1
        self._finished_seen = False
        self._after_steps()
        self.relayout()

    def run_until(self, t_s: float) -> None:
        """Step the model until its clock reaches ``t_s`` seconds or the session ends (scripted use)."""
        s = self.session
        while not s.finished and s.t < t_s - 1e-9:
            s.step()
        self._after_steps()
        self.relayout()

    def open_debrief(self) -> None:
        """Go to the Debrief of this run (also for a session stopped early)."""
        self.auto_debrief_s, self._debrief_opened = None, True
        self.app.open("debrief", self.session, prediction=self.prediction, demo=self.demo,
                      replay=self._replay_args())

    def _replay_args(self) -> dict:
        return self.source.replay_args(self)

    def narration_showing(self) -> bool:
        """True while a narration or message covers the top of the room."""
        return bool(self.toast) and self.toast_s > 0

    def show_toast(self, message: str, seconds: float = 4.0, prompt: bool = False) -> None:
        """A short message over the room (``prompt``: a scenario prompt, which may sit under the actions)."""
        self.toast = message
        self.toast_s = seconds
        self._toast_prompt = prompt

    def _prompt_in_panel(self) -> tuple[pygame.Rect, int] | None:
        """Where the prompt showing now goes beside the room (its card) and its text size, or None: no prompt
        is showing, or it fits whole nowhere beside the room even in the smaller size, so it goes along the top
        of the room like a narration. First choice: under the actions; then (large text, where the actions
        fill their panel) over the status box, whose live verdict matters less for the moment than the faces
        and the chart, and comes back when the prompt closes."""
        area = getattr(self, "_prompt_area", None)
        if not (getattr(self, "_toast_prompt", False) and self.narration_showing()) or area is None:
            return None
        app = self.app
        u = app.px
        pad = u(12)
        status = getattr(self.L, "status", None)
        for where, fill in ((area, False), (status, True)):
            if where is None:
                continue
            for size in (theme.SIZE_SMALL, theme.SIZE_TINY):
                need = (paragraph_height(app.font(size), self.toast, where.w - 2 * pad) + u(6)
                        + app.font(theme.SIZE_TINY).get_linesize() + 2 * pad)
                if need <= where.h:
                    return pygame.Rect(where.x, where.y, where.w, where.h if fill else need), size
        return None

    def _prompt_over_status(self) -> bool:
        """True while the prompt's card sits over the status box (which is then not drawn)."""
        spot = self._prompt_in_panel()
        status = getattr(self.L, "status", None)
        return spot is not None and status is not None and spot[0].colliderect(status)

    def _draw_prompt_card(self, surface) -> None:
        """The prompt showing now, in its card under the actions (when it fits there); click or C closes it."""
        spot = self._prompt_in_panel()
        if spot is None:
            return
        card, size = spot
        app = self.app
        p = app.palette
        u = app.px
        pad = u(12)
        pygame.draw.rect(surface, mix(p.panel, p.bg, 0.2), card, border_radius=u(10))
        pygame.draw.rect(surface, p.accent, card, width=max(1, u(2)), border_radius=u(10))
        y = paragraph_full(surface, app.font(size), self.toast, card.x + pad, card.y + pad,
                           card.w - 2 * pad, p.ink)
        text(surface, app.font(theme.SIZE_TINY), S.NARRATION_CLOSE_HINT, (card.right - pad, y + u(6)), p.ink_soft,
             anchor="topright")
        self._narration_box = card

    def _announce_episode(self) -> None:
        e = self.episode_index
        if e != self._last_episode:
            self._last_episode = e
            ep = self.session.current_episode
            if not self.session.finished:
                message = ep.narration or S.PLAY_NEW_EPISODE.format(title=ep.title)
                self.show_toast(message, narration_seconds(message))
            self.armed_s = 0.0

    def _take_prompts(self) -> None:
        """Queue the scenario prompts the model has logged since last time (``Session.prompts``), for the
        current episode only: a restart or a replay's jump starts the count again from the new session."""
        s = self.session
        sid, taken = self._prompts_of
        if sid != id(s):
            taken = 0
        here = s.episode_ids[min(int(s.episode[0]), s.E - 1)]
        self._prompt_queue = [pt for pt in self._prompt_queue + s.prompts[taken:] if pt["episode"] == here]
        self._prompts_of = (id(s), len(s.prompts))

    def _show_next_prompt(self) -> None:
        """Once the room's top is free (the narration read or closed), show the next waiting prompt there."""
        if self._prompt_queue and not self.narration_showing() and not self.session.finished:
            message = prompt_message(self._prompt_queue.pop(0))
            self.show_toast(message, narration_seconds(message), prompt=True)

    def next_prompt(self) -> bool:
        """Close whatever covers the top of the room and show the next waiting prompt (as the C key does);
        returns False when none is waiting."""
        if not self._prompt_queue:
            return False
        self.toast_s = 0.0
        self._show_next_prompt()
        return True

    def _after_steps(self) -> None:
        self._announce_episode()
        self._take_prompts()
        self._show_next_prompt()
        if self.session.finished and not self._finished_seen:
            self._finished_seen = True
            self.paused = False
            self.toast_s = 0.0  # an episode's narration is over with the session
            self.relayout()
            self.group.focus("debrief")

    # --- layout ----------------------------------------------------------------------------------------------
    def _signature(self):
        s = self.session
        return (tuple(s.allowed_actions()), int(s.learner_action), s.broken, s.finished, self.paused, self.speed,
                self.episode_index, self.app.text_scale, self.learner_in_control(),
                getattr(self.app.sound, "muted", True), tuple(s.self_care_options()))

    def relayout(self) -> None:
        """Lay the screen out for the window and text size, and rebuild the buttons (also when what is allowed,
        chosen, paused or the speed changes)."""
        s = self.session
        app = self.app
        u = app.px
        self._actions_sig = self._signature()
        allowed = set(s.allowed_actions())
        holding = ACTION_IDS[int(s.learner_action)] if self.learner_in_control() else None
        # The time controls first: how many rows they need decides the rest of the layout.
        font = app.font(CONTROL_FONT)
        snd = app.sound
        sound_label = S.HOME_SOUND_OFF if (snd is None or snd.muted) else S.HOME_SOUND_ON
        cap_w = app.font(max(theme.SIZE_TINY, CONTROL_FONT - 3), bold=True).size("Esc")[0] + u(12)
        gap = u(8)

        def width(label, cap=True):
            return font.size(label)[0] + (cap_w + u(28) if cap else u(24))

        speed_w = font.size(S.PLAY_SPEED.format(x=8.0))[0] + gap
        left = [(S.PLAY_RESUME if self.paused else S.PLAY_PAUSE, self.toggle_pause, KEY_PAUSE, "P", "pause",
                 "normal", s.finished),
                (S.PLAY_STEP, self.single_step, KEY_STEP, ".", "step", "normal", s.finished),
                (S.PLAY_SLOWER, self.slower, KEY_SLOWER, "-", "slower", "normal", self.speed <= theme.SPEEDS[0]),
                (S.PLAY_FASTER, self.faster, KEY_FASTER, "=", "faster", "normal", self.speed >= theme.SPEEDS[-1]),
                (S.PLAY_RESTART, self.restart_episode, KEY_RESTART, "R", "restart", "normal", False),
                (S.PLAY_SKIP, self.skip_ahead, KEY_SKIP, "N", "skip", "normal", s.finished),
                (sound_label, self.toggle_sound, pygame.K_m, "M", "sound", "quiet", False)]
        right = [(S.PLAY_DEBRIEF, self.open_debrief, KEY_DEBRIEF, "E", "debrief",
                  "primary" if s.finished else "normal", False),
                 (S.PLAY_HOME, self.app.home, None, "Esc", "home", "quiet", False)]
        m = u(16)
        avail = app.layout.w - 2 * m
        right_w = sum(width(c[0]) + gap for c in right)
        # Flow the left-hand controls into rows; Debrief and Home stay at the right of the last row.
        rows: list[list] = [[]]
        x = 0
        for c in left:
            w = width(c[0]) + gap + (speed_w if c[4] == "slower" else 0)
            limit = avail - (right_w if len(rows) >= 1 else 0)
            if rows[-1] and x + w > limit:
                rows.append([])
                x = 0
            rows[-1].append(c)
            x += w
        if x + right_w > avail:
            rows.append([])
        L = self.L = PlayLayout(app, len(rows), self._panel_note()[0], self._status_note(),
                                head=(lambda w: self.source.panel_head_height(self, w))
                                if hasattr(self.source, "panel_head_height") else None)
        items = []
        # The actions: two columns of ten in the panel, under its title and note.
        x0 = L.panel.x + u(14)
        y0 = L.panel.y + L.head_h
        bw = (L.panel.w - 2 * u(14) - u(8)) // 2
        bh, bgap = L.button_h, u(4)
        self.energy_rect = None
        if s.tiredness is not None:  # a tired caregiver: the scenario's actions, energy and self-care
            items += tired_panel.layout(self, L.panel, allowed, holding, action_key, top=y0, button_h=bh)
        for k, aid in enumerate(ACTION_IDS if s.tiredness is None else ()):
            col, row = divmod(k, 10)
            key, cap = action_key(aid)
            items.append(Button((x0 + col * (bw + u(8)), y0 + row * (bh + bgap), bw, bh), S.ACTION_LABELS[aid],
                                lambda aid=aid: self.choose(aid), key=key, key_label=cap,
                                locked=aid not in allowed, selected=aid == holding, ident=f"action:{aid}",
                                font_size=ACTION_FONT))
        h = L.control_h
        for r, row in enumerate(rows):
            x = m
            y = L.controls_y[r]
            for label, fn, key, cap, ident, style, locked in row:
                w = width(label)
                items.append(Button((x, y, w, h), label, fn, key=key, key_label=cap, ident=ident, style=style,
                                    locked=locked, font_size=CONTROL_FONT))
                x += w + gap + (speed_w if ident == "slower" else 0)
        x = app.layout.w - m
        for label, fn, key, cap, ident, style, locked in reversed(right):
            w = width(label)
            x -= w
            items.append(Button((x, L.controls_y[-1], w, h), label, fn, key=key, key_label=cap, ident=ident,
                                style=style, locked=locked, font_size=CONTROL_FONT))
            x -= gap + u(2)
        items.extend(self.source.extra_buttons(self))
        self.group.set(items)
        # Under the actions, what the panel leaves free: a prompt that fits there shows there, beside the room
        # rather than over it (see _prompt_in_panel).
        below = [b.rect.bottom for b in items if L.panel.contains(b.rect)]
        if self.energy_rect is not None:
            below.append(self.energy_rect.bottom)
        top = max(below, default=L.panel.y) + u(14)
        self._prompt_area = pygame.Rect(L.panel.x + u(14), top, L.panel.w - 2 * u(14), L.panel.bottom - u(12) - top)

    # --- scene hooks -------------------------------------------------------------------------------------------
    def resume(self) -> None:
        self.relayout()

    def pause(self) -> None:
        self._autosave(flush=True)  # leaving the room (debrief, home): save what there is

    def update(self, dt: float) -> None:
        if self.toast_s > 0:
            self.toast_s = max(0.0, self.toast_s - dt)
            if self.toast_s == 0:
                self._show_next_prompt()
        if self.armed_s > 0:
            self.armed_s = max(0.0, self.armed_s - dt)
        s = self.session
        if self.exit_after is not None and self.app.headless:
            self.run_until(self.exit_after)  # scripted and headless: no need to wait in real time
        if self.exit_after is not None and (s.finished or s.t >= self.exit_after - 1e-9):
            self._finish_scripted()
            return
        if not self.paused and not self.at_end:
            if self.source.advance_frame(self, dt):
                self._after_steps()
            if self.at_end and self.source.seekable:  # a replay stops at the end of what was saved
                self.paused = True
                self.show_toast(self.source.end_message, 4.0)
        elif self.paused:
            self.source.idle(self, dt)
        if self._auto_debrief(dt):
            return
        self._autosave(dt)
        if self._signature() != self._actions_sig:
            self.relayout()
        snd = getattr(self.app, "sound", None)
        if snd is not None and not s.finished:
            try:
                snd.update(BEHAVIOUR_IDS[int(s.state.behaviour[0])])
            except Exception:  # sound must never stop the lesson
                pass

    def _auto_debrief(self, dt: float) -> bool:
        """A finished demo: count ``dt`` real seconds down from ``theme.AUTO_DEBRIEF_S``, then open the Debrief.

        Returns True once the Debrief has been opened this frame.
        """
        if not (self.source.auto_debrief and self.demo and self.session.finished and not self._debrief_opened):
            return False
        if self.auto_debrief_s is None:
            self.auto_debrief_s = theme.AUTO_DEBRIEF_S  # the pause starts in the frame the session ends
            return False
        self.auto_debrief_s = max(0.0, self.auto_debrief_s - max(0.0, dt))
        if self.auto_debrief_s > 0.0:
            return False
        self.open_debrief()  # pausing this scene flushes the autosave
        return True

    def _finish_scripted(self) -> None:
        """``--exit-after``: save the screenshot if asked, then quit."""
        if self.session.finished:
            self.open_debrief()
        self.exit_after = None
        if self.screenshot_path:
            try:
                self.app.screenshot(self.screenshot_path)
            except Exception as exc:  # noqa: BLE001 - a scripted run that cannot save ends with one line
                import sys
                print(f"error: {clip(str(exc).splitlines()[0] if str(exc) else repr(exc), 500)}", file=sys.stderr)
                self.app.quit(2)
                return
        self.app.quit(0)

    def process_event(self, event):
        event = self.source.process_event(self, event)
        if event is None:
            return None
        event = self.group.process_event(event)
        if event is None:
            return None
        if self.narration_showing() and (
                (event.type == pygame.KEYDOWN and event.key == KEY_CLOSE_NARRATION)
                or (event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self._narration_box is not None
                    and self._narration_box.collidepoint(event.pos))):
            self.toast_s = 0.0  # the reader is done with the narration: let the room show again
            self._show_next_prompt()
            return None
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.close() if self.source.escape_closes else self.app.home()
                return None
            if event.key == KEY_HINTS:
                self.app.toggle_hints()  # off: a "test yourself" run (remembered)
                self.show_toast(S.PLAY_HINTS_ON if self.app.hints else S.PLAY_HINTS_OFF, 3.0)
                return None
            if event.key in (pygame.K_KP_MINUS, pygame.K_LEFTBRACKET):
                self.slower()
                return None
            if event.key in (pygame.K_KP_PLUS, pygame.K_RIGHTBRACKET, pygame.K_PLUS):
                self.faster()
                return None
        return event

    # --- drawing -------------------------------------------------------------------------------------------------
    def _background(self, size) -> pygame.Surface:
        """The parts of the screen that never change within a palette and layout: page, banner, panel and box
        backgrounds."""
        app = self.app
        p = app.palette
        L = self.L
        key = (p.name, tuple(size), tuple(L.panel), tuple(L.status), tuple(L.caption), tuple(L.banner))
        if getattr(self, "_bg_key", None) != key:
            bg = pygame.Surface(size)
            if pygame.display.get_surface() is not None:
                bg = bg.convert()
            bg.fill(p.bg)
            pygame.draw.rect(bg, p.banner, L.banner)
            radius = app.px(14)
            for r in (L.panel, L.status):
                pygame.draw.rect(bg, p.panel, r, border_radius=radius)
                pygame.draw.rect(bg, p.line, r, width=1, border_radius=radius)
            pygame.draw.rect(bg, p.panel, L.caption, border_radius=app.px(10))
            self._bg, self._bg_key = bg, key
            # Copied everywhere except the room and the chart, which are opaque images of their own.
            w, h = size
            room, chart = L.room, L.chart
            self._bg_areas = [pygame.Rect(0, 0, w, room.y), pygame.Rect(0, room.y, room.x, h - room.y),
                              pygame.Rect(room.right, room.y, w - room.right, h - room.y),
                              pygame.Rect(room.x, room.bottom, room.w, chart.y - room.bottom),
                              pygame.Rect(room.x, chart.bottom, room.w, h - chart.bottom),
                              pygame.Rect(chart.right, chart.y, room.right - chart.right, chart.h)]
        return self._bg

    def draw(self, surface: pygame.Surface) -> None:
        L = self.L
        bg = self._background(surface.get_size())
        for area in self._bg_areas:
            if area.w > 0 and area.h > 0:
                surface.blit(bg, area.topleft, area)
        self._draw_banner(surface)
        s = self.session
        toast = self.toast if self.toast_s > 0 else ""
        key = (id(s), s.steps_taken, self.displayed_action(), toast, self.app.palette.name, tuple(L.room),
               self.app.text_scale)
        if getattr(self, "_room_key", None) != key:
            # The room changes only when the model steps or the learner acts: draw it then, blit it otherwise.
            scratch = getattr(self, "_scratch", None)
            if scratch is None or scratch.get_size() != L.room.size:
                scratch = self._scratch = pygame.Surface(L.room.size)
            scratch.fill(self.app.palette.bg)
            self._draw_room(scratch, pygame.Rect((0, 0), L.room.size))
            self._room_img, self._room_key = scratch, key
        surface.blit(self._room_img, L.room.topleft)
        local = getattr(self, "_narration_local", None)
        self._narration_box = local.move(L.room.topleft) if local is not None else None
        self._draw_caption(surface)
        self.chart.draw(surface, L.chart, self.session)
        pygame.draw.rect(surface, self.app.palette.line, L.chart, width=1, border_radius=self.app.px(4))
        self._draw_panel(surface)
        self._draw_prompt_card(surface)
        tired_panel.draw_energy(surface, self.app, s, getattr(self, "energy_rect", None))
        if not self._prompt_over_status():
            self._draw_status(surface)
        self.group.draw(surface)
        self._draw_save_warning(surface)
        slower = self.group.find("slower")
        if slower is not None:
            text(surface, self.app.font(CONTROL_FONT, bold=True), S.PLAY_SPEED.format(x=self.speed),
                 (slower.rect.right + self.app.px(8), slower.rect.centery), self.app.palette.ink, anchor="midleft")
        self.source.draw_over(self, surface)

    def _draw_banner(self, surface) -> None:
        app = self.app
        p = app.palette
        u = app.px
        s = self.session
        ep = s.current_episode
        e = self.episode_index
        band = self.L.banner
        cy = band.centery - u(2)
        title = S.PLAY_FINISHED if s.finished else S.PLAY_EPISODE.format(k=e + 1, n=s.E, title=ep.title)
        tf = app.font(theme.SIZE_HEADING, bold=True)
        # Countdown on the right.
        x = band.right - u(20)
        if not s.finished:
            left = ep.duration_s - float(s.t_episode[0])
            if left >= 0:
                m, sec = divmod(int(left + 0.999), 60)
                label = S.PLAY_LEFT.format(m=m, s=sec)
            else:
                m, sec = divmod(int(-left), 60)
                label = S.PLAY_OVER.format(m=m, s=sec)
            r = text(surface, tf, label, (x, cy), p.banner_ink, anchor="midright")
            # A thin progress bar along the bottom of the banner.
            frac = min(1.0, float(s.t_episode[0]) / max(ep.duration_s, 1e-6))
            bar = pygame.Rect(0, band.bottom - u(4), band.w, u(4))
            pygame.draw.rect(surface, mix(p.banner, p.banner_ink, 0.25), bar)
            pygame.draw.rect(surface, theme.OI_ORANGE, (0, bar.y, int(band.w * frac), bar.h))
            x = r.x - u(18)
        chips = []
        if self.paused:
            chips.append((S.PLAY_PAUSED, theme.OI_ORANGE))
        # Curtailment: shown for the first seconds of the episode after one that was cut short.
        prev = s.E - 1 if s.finished else e - 1
        if prev >= 0 and bool(s.curtailed[0, prev]) and (s.finished or float(s.t_episode[0]) < 10.0):
            chips.append((S.PLAY_CURTAILED, theme.OI_VERMILLION))
        if not s.finished and bool(s.extended[0, e]):
            chips.append((S.PLAY_EXTENDED, theme.OI_SKY))
        cf = app.font(theme.SIZE_SMALL, bold=True)
        for label, colour in chips:
            w = cf.size(label)[0] + u(20)
            r = pygame.Rect(x - w, 0, w, cf.get_linesize() + u(6))
            r.centery = cy
            pygame.draw.rect(surface, colour, r, border_radius=r.h // 2)
            text(surface, cf, label, r.center, (0, 0, 0), anchor="center")
            x = r.x - u(10)
        text(surface, tf, title, (u(20), cy), p.banner_ink, anchor="midleft", max_width=x - u(40))

    def _draw_room(self, surface, room: pygame.Rect | None = None) -> None:
        """The room into ``room`` on ``surface`` (default: where the layout puts it); the narration box is noted
        relative to the surface."""
        app = self.app
        room = self.L.room if room is None else room
        p = app.palette
        draw_backdrop(surface, p, room, app.u)
        s = self.session
        cg, st = self.caregiver_present(), self.stranger_present()
        draw_people(surface, app, snap=s.state.snapshot(), behaviour=BEHAVIOUR_IDS[int(s.state.behaviour[0])],
                    contact=bool(s.state.contact[0]), near=bool(s.state.near[0]),
                    caregiver_present=cg, stranger_present=st, caregiver_action=self.displayed_action(),
                    stranger_action=self.stranger_action() if st else None,
                    stranger_label=self.scenario.stranger_label, room=room, caregiver_label=self.caregiver_label(),
                    caregiver_flat=float(s.caregivers.flat[0]) if s.steps_taken else 0.0,
                    skins=self.skins, age_months=float(s.params.age_months[0]))
        # The narration of the new episode (or a break warning), whole, along the top of the room.
        self._narration_local = None
        if self.toast and self.toast_s > 0 and self._prompt_in_panel() is None:
            self._narration_local = draw_narration(surface, app, self.toast, room, hint=S.NARRATION_CLOSE_HINT)

    def _draw_caption(self, surface) -> None:
        app = self.app
        p = app.palette
        u = app.px
        s = self.session
        cap = self.L.caption
        if s.finished:
            cf = app.font(theme.SIZE_BODY, bold=True)
            if self.auto_debrief_s is not None:  # a watched session: the Debrief opens by itself in a moment
                r = text(surface, cf, S.PLAY_AUTO_DEBRIEF, (cap.x + u(16), cap.centery), p.ink, anchor="midleft",
                         max_width=cap.w - u(32) - u(120))
                bar = pygame.Rect(r.right + u(16), cap.centery - u(4), cap.right - u(16) - r.right - u(16), u(8))
                done = 1.0 - self.auto_debrief_s / max(theme.AUTO_DEBRIEF_S, 1e-6)
                pygame.draw.rect(surface, mix(p.panel, p.line, 0.6), bar, border_radius=u(4))
                pygame.draw.rect(surface, p.accent, (bar.x, bar.y, int(bar.w * done), bar.h), border_radius=u(4))
            else:
                label = S.PLAY_FINISHED if self.demo else S.PLAY_FINISHED_LEARNER
                text(surface, cf, label, (cap.x + u(16), cap.centery), p.ink, anchor="midleft",
                     max_width=cap.w - u(32))
            return
        b = BEHAVIOUR_IDS[int(s.state.behaviour[0])]
        caption = infant_caption(b, self.caregiver_present(), self.stranger_present(), self.scenario.stranger_label)
        for size in (theme.SIZE_HEADING - 4, theme.SIZE_BODY, theme.SIZE_SMALL):  # the whole caption, always
            cf = app.font(size, bold=True)
            if cf.size(caption)[0] <= cap.w - u(32):
                break
        text(surface, cf, caption, (cap.x + u(16), cap.centery), p.ink, anchor="midleft", max_width=cap.w - u(32))

    def _panel_note(self):
        """The line under the actions panel's title (what the buttons do now) and its colour."""
        s = self.session
        p = self.app.palette
        if self.demo:
            return S.PLAY_LOCK_DEMO, p.ink_soft
        if s.finished:
            return S.PLAY_FINISHED, p.ink_soft
        if s.tiredness is not None and (s.tiredness.resting or s.current_episode.caregiver != "learner"):
            return S.TIRED_RESTING, p.ink_soft
        if not self.caregiver_present() and not s.allowed_actions():
            return S.PLAY_LOCK_ABSENT, p.ink_soft
        if not s.allowed_actions():
            return S.PLAY_LOCK_SCRIPT, p.ink_soft
        if s.current_episode.caregiver != "learner" and not s.broken:
            return S.PLAY_LOCK_BREAK_BY_POLICY.get(s.current_episode.caregiver, S.PLAY_LOCK_BREAK), p.warn
        if s.broken and s.current_episode.caregiver != "learner":
            return S.PLAY_BROKEN, p.warn
        act = ACTION_IDS[int(s.learner_action)]
        note = S.PLAY_HOLDING.format(action=S.ACTION_LABELS[act])
        pending = tired_panel.pending_note(s)
        return (f"{note}  ·  {pending}" if pending else note), p.ink_soft

    def _draw_panel(self, surface) -> None:
        if self.source.draw_panel(self, surface):  # the source's own panel (a replay says whose actions these are)
            return
        app = self.app
        p = app.palette
        u = app.px
        panel = self.L.panel
        title = S.PLAY_ACTIONS_DEMO if self.demo else S.PLAY_ACTIONS
        tf = app.font(theme.SIZE_BODY, bold=True)
        tr = text(surface, tf, title, (panel.x + u(16), panel.y + u(8)), p.ink, max_width=panel.w - u(32))
        note, colour = self._panel_note()
        paragraph(surface, app.font(theme.SIZE_SMALL), note,
                  pygame.Rect(panel.x + u(16), panel.y + u(8) + tf.get_linesize(), panel.w - u(32), panel.h), colour)

    def _draw_status(self, surface) -> None:
        app = self.app
        p = app.palette
        u = app.px
        s = self.session
        r = self.L.status
        verdict = self.verdict()
        if verdict == "away":
            label, colour, icon = S.PLAY_NOW_AWAY, p.ink_faint, None
        elif verdict is None:
            label, colour, icon = S.PLAY_NOW_YOUR_MOVE, p.ink, None
        elif verdict == "matched":
            label, colour, icon = S.PLAY_NOW_MATCHED, p.ok, "match"
        else:
            label, colour, icon = S.PLAY_NOW_MISMATCHED, p.warn, "mismatch"
        hf = app.font(theme.SIZE_HEADING, bold=True)
        x = r.x + u(18)
        y = r.y + u(16)
        cy = y + hf.get_linesize() // 2
        rad, w4 = max(4, hf.get_height() * 12 // 34), u(4)
        if icon == "match":  # two overlapping circles: in step
            pygame.draw.circle(surface, colour, (x + rad, cy), rad, w4)
            pygame.draw.circle(surface, colour, (x + rad * 13 // 6, cy), rad, w4)
            x += rad * 4
        elif icon == "mismatch":  # two apart circles: out of step
            small = rad * 3 // 4
            pygame.draw.circle(surface, colour, (x + small, cy), small, w4)
            pygame.draw.circle(surface, colour, (x + small * 4, cy), small, w4)
            x += small * 6
        text(surface, hf, label, (x, cy), colour, anchor="midleft", max_width=r.right - u(12) - x)
        if getattr(self, "_meas_key", None) != (id(s), s.steps_taken):
            self._meas, self._meas_key = s.episode_measures(), (id(s), s.steps_taken)
        meas = self._meas
        e = self.episode_index
        share = meas["matched_share"][0, e]
        parents = getattr(app, "audience", "class") == "parents"
        note = self._status_note()
        note_f = app.font(theme.SIZE_TINY, italic=True)
        inner_w = r.w - 2 * u(18)
        note_top = r.bottom - u(10) - paragraph_height(note_f, note, inner_w)
        y2 = y + hf.get_linesize() + u(6)
        bf = app.font(theme.SIZE_SMALL)
        step = bf.get_linesize()
        if share == share:  # not NaN
            lines = []
            if not parents and verdict is not None:
                # Parents see no live matching figure (a course must not invite scoring oneself), and nobody
                # sees one before their first action.
                lines.append((S.PLAY_MATCH_SO_FAR.format(pct=100 * share), p.ink))
            rup, rep, planned = self.counts(meas, e)
            counts = S.PLAY_COUNTS.format(r=rup, p=rep)
            if planned is not None:
                counts = S.PLAY_COUNTS_PLANNED.format(counts=counts, kind=S.PLANNED_KIND_LABEL[planned.kind])
            lines.append((counts, p.warn if planned is not None and planned.end_s is None else p.ink))
            hint = self.signal_hint() if (self.learner_in_control() or self.demo) else None
            lat = [lt for (ep, lt) in s.repair_latencies[0] if ep == e] if s.repair_latencies else []
            if lat and not (hint and getattr(app, "hints", True)):
                lines.append((S.PLAY_LAST_REPAIR.format(s=lat[-1]), p.ink))
            for line, col in lines[:3]:
                y2 = paragraph_full(surface, bf, line, r.x + u(18), y2, inner_w, col, line_gap=2)
            if hint and getattr(app, "hints", True) and not s.finished and len(lines) < 3:
                # What the infant signals and what would fit, whole (the layout leaves room for three lines;
                # smaller type if a long hint in a narrow box needs more, fewer examples (at last only the
                # signal) if even that would run into the note below).
                room = note_top - u(4) - y2
                for most in (3, 2, 1, 0):
                    hint = self.signal_hint(most) or hint
                    hf2 = bf if paragraph_height(bf, hint, inner_w) <= room else app.font(theme.SIZE_TINY)
                    if paragraph_height(hf2, hint, inner_w) <= room:
                        break
                paragraph_full(surface, hf2, hint, r.x + u(18), y2, inner_w, p.accent, line_gap=2)
        elif not self.caregiver_present() and not s.finished:
            ep = s.current_episode
            away = S.PLAY_AWAY_CURTAIL.format(s=ep.curtail.crying_s) if ep.curtail else S.PLAY_AWAY_NOTE
            paragraph_full(surface, bf, away, r.x + u(18), y2, inner_w, p.ink_soft, line_gap=2)
        paragraph_full(surface, note_f, note, r.x + u(18), note_top, inner_w, p.ink_soft)

    def _status_note(self) -> str:
        """The note at the foot of the status box (for parents, without a matching figure)."""
        return S.PLAY_NORMAL_NOTE_PARENTS if getattr(self.app, "audience", "class") == "parents" \
            else S.PLAY_NORMAL_NOTE
