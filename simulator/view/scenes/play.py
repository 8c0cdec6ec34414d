"""Play: the room with the infant, caregiver and stranger; action buttons; live chart; banner; time controls.

The learner's actions go to the model only through ``Session.set_action`` (the same engine the scripts
use); time moves only through ``Session.advance`` (real frame time times the speed, clamped by the model)
or ``Session.step`` (single step, skip ahead). The scene reads the session's public state, its
per-step trajectory and its event log; it never changes the model in any other way.

Restarting an episode rebuilds the session from the same scenario and seed and replays the learner's
earlier choices at their recorded steps, so it lands exactly where the episode began (the model is
deterministic: same seed and inputs, same output).
"""

from __future__ import annotations

import pygame

from ...export import TRAJECTORY_COLUMNS
from ...model.actions import ACTION_IDS
from ...model.behaviour import BEHAVIOUR_IDS
from ...model.session import DT, Session
from .. import strings as S
from .. import theme
from . import tired_panel
from ..drawing.chart import LiveChart
from ..drawing.room import CAPTION, ROOM, draw_backdrop, draw_narration, draw_people, infant_caption, narration_seconds
from ..scene import Scene
from ..widgets import Button, FocusGroup, mix, paragraph, text


_STRANGER_COL = TRAJECTORY_COLUMNS.index("stranger_action")
_MATCHED_COL = TRAJECTORY_COLUMNS.index("matched")

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

    When a watched (demo) session ends, the Debrief opens by itself after ``theme.AUTO_DEBRIEF_S`` real
    seconds (counted by ``update`` with the app's clamped frame time), under a "Session complete" caption.
    A learner's session stays in the room with the focus on Debrief, so the last episode can be restarted.
    """

    name = "play"
    opaque = True  # the background layer covers the whole canvas

    def __init__(self, app, scenario, infant: str | None = None, caregiver: str = "sensitive", seed: int = 0,
                 demo: bool = False, prediction: dict | None = None, speed: float = 1.0,
                 overrides: dict | None = None, exit_after: float | None = None, screenshot: str | None = None,
                 skins: dict | None = None) -> None:
        super().__init__(app)
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
        self._finished_seen = False
        self.auto_debrief_s: float | None = None  # real seconds left before a finished demo opens its Debrief
        self._debrief_opened = False  # the Debrief was opened (by itself or by the user): never again by itself
        self._actions_sig = None
        self.group = FocusGroup(app)
        self.autosaver = self._make_autosaver()
        self._announce_episode()
        self.relayout()

    # --- autosave (simulator.sessions, when installed) -------------------------------------------------------
    def _make_autosaver(self):
        """An Autosaver for a played session (not for replays or scripted --exit-after runs), or None."""
        if self.name != "play" or self.exit_after is not None:
            return None
        try:
            from ...sessions.store import Autosaver, sessions_dir
            return Autosaver(self.session, sessions_dir(getattr(self.app, "data_dir", None)), self.prediction)
        except Exception:  # no sessions package, or no usable folder: the lesson goes on unsaved
            return None

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
        return Session(self.scenario, n=1, infant=self.infant, caregiver=self.caregiver, seed=self.seed,
                       overrides=self.overrides, learner=not self.demo, record=True)

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
        if s.finished:
            return False
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
        """True while the learner holds the caregiver's part but has not acted yet: no verdict then."""
        return self.learner_in_control() and not self.acted and not self.session.broken

    def planned(self):
        """The session's planned ruptures (still-face, phone, leaving) so far, recomputed once per step."""
        s = self.session
        key = (id(s), s.steps_taken)
        if getattr(self, "_planned_key", None) != key:
            from ...content.ruptures import planned_ruptures
            self._planned, self._planned_key = planned_ruptures(s.log), key
        return self._planned

    def counts(self, meas, e: int):
        """Ruptures and repairs of episode ``e``, the planned ones included, and the planned rupture that
        began or was repaired in it (or None): ``(ruptures, repairs, planned)``."""
        rup = int(meas["ruptures"][0, e]) if meas["ruptures"][0, e] == meas["ruptures"][0, e] else 0
        rep = int(meas["repairs"][0, e]) if meas["repairs"][0, e] == meas["repairs"][0, e] else 0
        shown = None
        for r in self.planned():
            if r.episode == e:
                rup += 1
                shown = r
            if r.repair_episode == e:
                rep += 1
                shown = shown or r
        return rup, rep, shown

    def signal_hint(self) -> str | None:
        """What the infant signals now and which kinds of response would match, in plain words."""
        from ...model.actions import MATCH_BY_STATE
        from ...model.behaviour import SIGNALS
        s = self.session
        if not self.caregiver_present():
            return None
        state = int(SIGNALS[int(s.state.behaviour[0])])
        fits = [S.ACTION_LABELS[ACTION_IDS[a]] for a in range(len(ACTION_IDS))
                if MATCH_BY_STATE[state, a] and ACTION_IDS[a] != "return_greet"]
        return S.PLAY_SIGNAL_HINT.format(signal=S.SIGNAL_WORDS[state], fits=S.PLAY_OR.join(fits[:3]))

    # --- controls ---------------------------------------------------------------------------------------------
    def choose(self, action_id: str) -> bool:
        """The learner presses an action: passed to the model with ``set_action`` (returns its answer)."""
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
        self.session.step()
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
        self.relayout()

    def skip_ahead(self) -> None:
        """Run the model quickly to the end of the current episode (every step is still simulated)."""
        s = self.session
        e = self.episode_index
        limit = int((s.current_episode.duration_s + 400) / DT)
        n = 0
        while not s.finished and int(s.episode[0]) == e and n < limit:
            s.step()
            n += 1
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
        from .debrief import DebriefScene
        self.auto_debrief_s, self._debrief_opened = None, True
        self.app.push(DebriefScene(self.app, self.session, prediction=self.prediction, demo=self.demo,
                                   replay=self._replay_args()))

    def _replay_args(self) -> dict:
        return dict(scenario=self.scenario, infant=self.infant, caregiver=self.caregiver, seed=self.seed,
                    demo=self.demo, prediction=self.prediction, speed=self.speed, overrides=self.overrides,
                    skins=self.skins)

    def narration_showing(self) -> bool:
        """True while a narration or message covers the top of the room."""
        return bool(self.toast) and self.toast_s > 0

    def show_toast(self, message: str, seconds: float = 4.0) -> None:
        """A short message over the room."""
        self.toast = message
        self.toast_s = seconds

    def _announce_episode(self) -> None:
        e = self.episode_index
        if e != self._last_episode:
            self._last_episode = e
            ep = self.session.current_episode
            if not self.session.finished:
                message = ep.narration or S.PLAY_NEW_EPISODE.format(title=ep.title)
                self.show_toast(message, narration_seconds(message))
            self.armed_s = 0.0

    def _after_steps(self) -> None:
        self._announce_episode()
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
        """Rebuild the buttons (when what is allowed, chosen, paused or the text size changes)."""
        s = self.session
        self._actions_sig = self._signature()
        allowed = set(s.allowed_actions())
        holding = ACTION_IDS[int(s.learner_action)] if self.learner_in_control() else None
        items = []
        x0, y0 = PANEL.x + 14, PANEL.y + 66
        bw, bh, gap = 230, 31, 4
        self.energy_rect = None
        if s.tiredness is not None:  # a tired caregiver: the scenario's actions, energy and self-care
            items += tired_panel.layout(self, PANEL, allowed, holding, action_key)
        for k, aid in enumerate(ACTION_IDS if s.tiredness is None else ()):
            col, row = divmod(k, 10)
            key, cap = action_key(aid)
            items.append(Button((x0 + col * (bw + 8), y0 + row * (bh + gap), bw, bh), S.ACTION_LABELS[aid],
                                lambda aid=aid: self.choose(aid), key=key, key_label=cap,
                                locked=aid not in allowed, selected=aid == holding, ident=f"action:{aid}",
                                font_size=16))
        # Time controls along the bottom, in unscaled type when the text size would run them into Debrief.
        x = 16
        y = CONTROLS_Y
        h = 40
        snd = self.app.sound
        sound_label = S.HOME_SOUND_OFF if (snd is None or snd.muted) else S.HOME_SOUND_ON
        labels = (S.PLAY_RESUME if self.paused else S.PLAY_PAUSE, S.PLAY_STEP, S.PLAY_SLOWER, S.PLAY_FASTER,
                  S.PLAY_RESTART, S.PLAY_SKIP, sound_label, S.PLAY_SPEED.format(x=8.0), S.PLAY_DEBRIEF, S.PLAY_HOME)
        scaled = sum(self.app.font(15).size(label)[0] + 62 for label in labels) + 10 <= 1264 - 16
        self.controls_scaled = scaled
        font = self.app.font(15, scaled=scaled)

        def add(label, fn, key, cap, ident, style="normal", locked=False):
            nonlocal x
            w = font.size(label)[0] + (54 if cap else 24)
            items.append(Button((x, y, w, h), label, fn, key=key, key_label=cap, ident=ident, style=style,
                                locked=locked, font_size=15, scaled=scaled))
            x += w + 8

        add(S.PLAY_RESUME if self.paused else S.PLAY_PAUSE, self.toggle_pause, KEY_PAUSE, "P", "pause",
            locked=s.finished)
        add(S.PLAY_STEP, self.single_step, KEY_STEP, ".", "step", locked=s.finished)
        add(S.PLAY_SLOWER, self.slower, KEY_SLOWER, "-", "slower", locked=self.speed <= theme.SPEEDS[0])
        x += font.size(S.PLAY_SPEED.format(x=8.0))[0] + 8  # room for the speed read-out
        add(S.PLAY_FASTER, self.faster, KEY_FASTER, "=", "faster", locked=self.speed >= theme.SPEEDS[-1])
        add(S.PLAY_RESTART, self.restart_episode, KEY_RESTART, "R", "restart")
        add(S.PLAY_SKIP, self.skip_ahead, KEY_SKIP, "N", "skip", locked=s.finished)
        add(sound_label, self.toggle_sound, pygame.K_m, "M", "sound", style="quiet")
        hw = font.size(S.PLAY_HOME)[0] + 60
        dw = font.size(S.PLAY_DEBRIEF)[0] + 60
        items.append(Button((1264 - hw, y, hw, h), S.PLAY_HOME, self.app.home, key_label="Esc", ident="home",
                            style="quiet", font_size=15, scaled=scaled))
        items.append(Button((1264 - hw - 10 - dw, y, dw, h), S.PLAY_DEBRIEF, self.open_debrief, key=KEY_DEBRIEF,
                            key_label="E", ident="debrief", style="primary" if s.finished else "normal", font_size=15,
                            scaled=scaled))
        self.group.set(items)

    # --- scene hooks -------------------------------------------------------------------------------------------
    def resume(self) -> None:
        self.relayout()

    def pause(self) -> None:
        self._autosave(flush=True)  # leaving the room (debrief, home): save what there is

    def update(self, dt: float) -> None:
        if self.toast_s > 0:
            self.toast_s = max(0.0, self.toast_s - dt)
        if self.armed_s > 0:
            self.armed_s = max(0.0, self.armed_s - dt)
        s = self.session
        if self.exit_after is not None and self.app.headless:
            self.run_until(self.exit_after)  # scripted and headless: no need to wait in real time
        if self.exit_after is not None and (s.finished or s.t >= self.exit_after - 1e-9):
            self._finish_scripted()
            return
        if not self.paused and not s.finished:
            if self._advance_clock(dt):
                self._after_steps()
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

    def _advance_clock(self, dt: float) -> int:
        """Move the model on by ``dt`` real seconds at the current speed; returns the steps taken.

        A lecture overrides this to stop exactly at its cue points."""
        return self.session.advance(dt * self.speed)

    def _auto_debrief(self, dt: float) -> bool:
        """A finished demo: count ``dt`` real seconds down from ``theme.AUTO_DEBRIEF_S``, then open the Debrief.

        Returns True once the Debrief has been opened this frame.
        """
        if not (self.demo and self.session.finished and not self._debrief_opened):
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
        if self.screenshot_path:
            self.app.screenshot(self.screenshot_path)
        self.exit_after = None
        self.app.quit(0)

    def process_event(self, event):
        event = self.group.process_event(event)
        if event is None:
            return None
        if self.narration_showing() and (
                (event.type == pygame.KEYDOWN and event.key == KEY_CLOSE_NARRATION)
                or (event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self._narration_box is not None
                    and self._narration_box.collidepoint(event.pos))):
            self.toast_s = 0.0  # the reader is done with the narration: let the room show again
            return None
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.app.home()
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
        """The parts of the screen that never change within a palette: page, banner, panel and box backgrounds."""
        app = self.app
        p = app.palette
        key = (p.name, tuple(size))
        if getattr(self, "_bg_key", None) != key:
            bg = pygame.Surface(size)
            if pygame.display.get_surface() is not None:
                bg = bg.convert()
            bg.fill(p.bg)
            pygame.draw.rect(bg, p.banner, (0, 0, 1280, 58))
            for r in (PANEL, STATUS):
                pygame.draw.rect(bg, p.panel, r, border_radius=14)
                pygame.draw.rect(bg, p.line, r, width=1, border_radius=14)
            pygame.draw.rect(bg, p.panel, CAPTION, border_radius=10)
            self._bg, self._bg_key = bg, key
        return self._bg

    #: The background layer is copied everywhere except the room and the chart, which are opaque images.
    _BG_AREAS = (pygame.Rect(0, 0, 1280, ROOM.y), pygame.Rect(0, ROOM.y, ROOM.x, 720 - ROOM.y),
                 pygame.Rect(ROOM.right, ROOM.y, 1280 - ROOM.right, 720 - ROOM.y),
                 pygame.Rect(ROOM.x, ROOM.bottom, ROOM.w, CHART.y - ROOM.bottom),
                 pygame.Rect(ROOM.x, CHART.bottom, ROOM.w, 720 - CHART.bottom))

    def draw(self, surface: pygame.Surface) -> None:
        bg = self._background(surface.get_size())
        for area in self._BG_AREAS:
            surface.blit(bg, area.topleft, area)
        self._draw_banner(surface)
        s = self.session
        toast = self.toast if self.toast_s > 0 else ""
        key = (id(s), s.steps_taken, self.displayed_action(), toast, self.app.palette.name, self.app.text_scale)
        if getattr(self, "_room_key", None) != key:
            # The room changes only when the model steps or the learner acts: draw it then, blit it otherwise.
            scratch = getattr(self, "_scratch", None)
            if scratch is None or scratch.get_size() != surface.get_size():
                scratch = self._scratch = pygame.Surface(surface.get_size())
            scratch.fill(self.app.palette.bg)
            self._draw_room(scratch)
            self._room_img, self._room_key = scratch.subsurface(ROOM).copy(), key
        surface.blit(self._room_img, ROOM.topleft)
        self._draw_caption(surface)
        self.chart.draw(surface, CHART, self.session)
        pygame.draw.rect(surface, self.app.palette.line, CHART, width=1, border_radius=4)
        self._draw_panel(surface)
        tired_panel.draw_energy(surface, self.app, s, getattr(self, "energy_rect", None))
        self._draw_status(surface)
        self.group.draw(surface)
        slower = self.group.find("slower")
        if slower is not None:
            text(surface, self.app.font(15, bold=True, scaled=getattr(self, "controls_scaled", True)),
                 S.PLAY_SPEED.format(x=self.speed),
                 (slower.rect.right + 8, slower.rect.centery), self.app.palette.ink, anchor="midleft")

    def _draw_banner(self, surface) -> None:
        app = self.app
        p = app.palette
        s = self.session
        ep = s.current_episode
        e = self.episode_index
        title = S.PLAY_FINISHED if s.finished else S.PLAY_EPISODE.format(k=e + 1, n=s.E, title=ep.title)
        tf = app.font(theme.SIZE_HEADING, bold=True)
        text(surface, tf, title, (20, 29), p.banner_ink, anchor="midleft", max_width=640)
        # Countdown on the right.
        x = 1260
        if not s.finished:
            left = ep.duration_s - float(s.t_episode[0])
            if left >= 0:
                m, sec = divmod(int(left + 0.999), 60)
                label = S.PLAY_LEFT.format(m=m, s=sec)
            else:
                m, sec = divmod(int(-left), 60)
                label = S.PLAY_OVER.format(m=m, s=sec)
            r = text(surface, app.font(theme.SIZE_HEADING, bold=True), label, (x, 29), p.banner_ink, anchor="midright")
            # A thin progress bar along the bottom of the banner.
            frac = min(1.0, float(s.t_episode[0]) / max(ep.duration_s, 1e-6))
            pygame.draw.rect(surface, mix(p.banner, p.banner_ink, 0.25), (0, 54, 1280, 4))
            pygame.draw.rect(surface, theme.OI_ORANGE, (0, 54, int(1280 * frac), 4))
            x = r.x - 18
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
            w = cf.size(label)[0] + 20
            r = pygame.Rect(x - w, 15, w, 28)
            pygame.draw.rect(surface, colour, r, border_radius=14)
            text(surface, cf, label, r.center, (0, 0, 0), anchor="center")
            x = r.x - 10

    def _draw_room(self, surface) -> None:
        app = self.app
        p = app.palette
        room = ROOM
        draw_backdrop(surface, p, room)
        s = self.session
        cg, st = self.caregiver_present(), self.stranger_present()
        draw_people(surface, app, snap=s.state.snapshot(), behaviour=BEHAVIOUR_IDS[int(s.state.behaviour[0])],
                    contact=bool(s.state.contact[0]), near=bool(s.state.near[0]),
                    caregiver_present=cg, stranger_present=st, caregiver_action=self.displayed_action(),
                    stranger_action=self.stranger_action() if st else None,
                    stranger_label=self.scenario.stranger_label, room=room, caregiver_label=self.caregiver_label(),
                    skins=self.skins)
        # The narration of the new episode (or a break warning), whole, along the top of the room.
        self._narration_box = None
        if self.toast and self.toast_s > 0:
            self._narration_box = draw_narration(surface, app, self.toast, room, hint=S.NARRATION_CLOSE_HINT)

    def _draw_caption(self, surface) -> None:
        app = self.app
        p = app.palette
        s = self.session
        if s.finished:
            cf = app.font(theme.SIZE_BODY, bold=True)
            if self.auto_debrief_s is not None:  # a watched session: the Debrief opens by itself in a moment
                r = text(surface, cf, S.PLAY_AUTO_DEBRIEF, (CAPTION.x + 16, CAPTION.centery), p.ink, anchor="midleft",
                         max_width=CAPTION.w - 32 - 120)
                bar = pygame.Rect(r.right + 16, CAPTION.centery - 4, CAPTION.right - 16 - r.right - 16, 8)
                done = 1.0 - self.auto_debrief_s / max(theme.AUTO_DEBRIEF_S, 1e-6)
                pygame.draw.rect(surface, mix(p.panel, p.line, 0.6), bar, border_radius=4)
                pygame.draw.rect(surface, p.accent, (bar.x, bar.y, int(bar.w * done), bar.h), border_radius=4)
            else:
                label = S.PLAY_FINISHED if self.demo else S.PLAY_FINISHED_LEARNER
                text(surface, cf, label, (CAPTION.x + 16, CAPTION.centery), p.ink, anchor="midleft",
                     max_width=CAPTION.w - 32)
            return
        b = BEHAVIOUR_IDS[int(s.state.behaviour[0])]
        caption = infant_caption(b, self.caregiver_present(), self.stranger_present(), self.scenario.stranger_label)
        text(surface, app.font(theme.SIZE_HEADING - 4, bold=True), caption,
                 (CAPTION.x + 16, CAPTION.centery), p.ink, anchor="midleft", max_width=CAPTION.w - 32)

    def _draw_panel(self, surface) -> None:
        app = self.app
        p = app.palette
        s = self.session
        title = S.PLAY_ACTIONS_DEMO if self.demo else S.PLAY_ACTIONS
        tr = text(surface, app.font(theme.SIZE_BODY, bold=True), title, (PANEL.x + 16, PANEL.y + 8), p.ink)
        if self.demo:
            note, colour = S.PLAY_LOCK_DEMO, p.ink_soft
        elif s.finished:
            note, colour = S.PLAY_FINISHED, p.ink_soft
        elif s.tiredness is not None and (s.tiredness.resting or s.current_episode.caregiver != "learner"):
            note, colour = S.TIRED_RESTING, p.ink_soft
        elif not self.caregiver_present() and not s.allowed_actions():
            note, colour = S.PLAY_LOCK_ABSENT, p.ink_soft
        elif not s.allowed_actions():
            note, colour = S.PLAY_LOCK_SCRIPT, p.ink_soft
        elif s.current_episode.caregiver != "learner" and not s.broken:
            note, colour = S.PLAY_LOCK_BREAK_BY_POLICY.get(s.current_episode.caregiver, S.PLAY_LOCK_BREAK), p.warn
        elif s.broken and s.current_episode.caregiver != "learner":
            note, colour = S.PLAY_BROKEN, p.warn
        else:
            act = ACTION_IDS[int(s.learner_action)]
            note, colour = S.PLAY_HOLDING.format(action=S.ACTION_LABELS[act]), p.ink_soft
            pending = tired_panel.pending_note(s)
            if pending:
                note = f"{note}  ·  {pending}"
        nf = app.font(min(18, round(theme.SIZE_SMALL * app.text_scale)), scaled=False)
        text(surface, nf, note, (PANEL.x + 16, max(PANEL.y + 38, tr.bottom)), colour, max_width=PANEL.w - 32)

    def _draw_status(self, surface) -> None:
        app = self.app
        p = app.palette
        s = self.session
        r = STATUS
        verdict = self.verdict()
        if verdict == "away":
            label, colour, icon = S.PLAY_NOW_AWAY, p.ink_faint, None
        elif verdict is None:
            label, colour, icon = S.PLAY_NOW_YOUR_MOVE, p.ink, None
        elif verdict == "matched":
            label, colour, icon = S.PLAY_NOW_MATCHED, p.ok, "match"
        else:
            label, colour, icon = S.PLAY_NOW_MISMATCHED, p.warn, "mismatch"
        x = r.x + 18
        y = r.y + 16
        hf = app.font(theme.SIZE_HEADING, bold=True)
        if icon == "match":  # two overlapping circles: in step
            pygame.draw.circle(surface, colour, (x + 12, y + 15), 12, 4)
            pygame.draw.circle(surface, colour, (x + 26, y + 15), 12, 4)
            x += 48
        elif icon == "mismatch":  # two apart circles: out of step
            pygame.draw.circle(surface, colour, (x + 8, y + 15), 9, 4)
            pygame.draw.circle(surface, colour, (x + 34, y + 15), 9, 4)
            x += 52
        text(surface, hf, label, (x, y + 15), colour, anchor="midleft")
        if getattr(self, "_meas_key", None) != (id(s), s.steps_taken):
            self._meas, self._meas_key = s.episode_measures(), (id(s), s.steps_taken)
        meas = self._meas
        e = self.episode_index
        share = meas["matched_share"][0, e]
        note_f = app.font(theme.SIZE_TINY, italic=True)
        note_top = r.bottom - 10 - note_f.get_height()
        y2 = y + 15 + hf.get_height() // 2 + 6
        for size in range(theme.SIZE_SMALL, theme.SIZE_TINY - 1, -1):  # large text: three lines clear of the note
            bf = app.font(size)
            if 3 * bf.get_linesize() + 4 <= note_top - y2:
                break
        step = min(bf.get_linesize() + 2, (note_top - 4 - y2) // 3)
        parents = getattr(app, "audience", "class") == "parents"
        if share == share:  # not NaN
            lines = []
            if not parents and self.verdict() is not None:
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
                text(surface, bf, line, (r.x + 18, y2), col, max_width=r.w - 36)
                y2 += step
            if hint and getattr(app, "hints", True) and not s.finished and len(lines) < 3:
                # What the infant signals and what would fit: two lines at most, above the note.
                paragraph(surface, bf, hint, pygame.Rect(r.x + 18, y2, r.w - 36, note_top - 2 - y2), p.accent,
                          max_lines=2, line_gap=0)
        elif not self.caregiver_present() and not s.finished:
            ep = s.current_episode
            note = S.PLAY_AWAY_CURTAIL.format(s=ep.curtail.crying_s) if ep.curtail else S.PLAY_AWAY_NOTE
            paragraph(surface, bf, note, pygame.Rect(r.x + 18, y2, r.w - 36, note_top - 4 - y2), p.ink_soft)
        text(surface, note_f, S.PLAY_NORMAL_NOTE_PARENTS if parents else S.PLAY_NORMAL_NOTE, (r.x + 18, r.bottom - 10),
             p.ink_soft, anchor="bottomleft", max_width=r.w - 36)
