"""The GUI replay: a Play scene driven by a :class:`~simulator.sessions.replay.Replayer` (pause, seek, speed).

The scene is the view's own :class:`~simulator.view.play.PlayScene` (same room, chart, banner and
controls), except that the model advances through the Replayer, which applies the learner's recorded
actions at their step numbers, and that the action buttons only show what the learner chose. Page Up /
Page Down (and the two buttons at the top of the action panel) seek to the previous / next episode;
R restarts the episode, P pauses, - and = change the speed.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from ..model.scenario import load_scenario
from ..view import theme
from ..view.play import PANEL, PlayScene
from ..view.scene import Scene
from ..view.widgets import Button, FocusGroup, text
from .replay import Replayer
from .store import clean_prediction, load_session

REPLAY_CHIP = "Replay"
REPLAY_TOAST = ("Replay of a saved session: the learner's choices come back at the moments they were made. "
                "P pause, - / = speed, Page Up / Page Down previous / next episode.")
REPLAY_LOCKED = "This is a replay: the caregiver's actions are the recorded ones."
REPLAY_PREV = "< Episode"
REPLAY_NEXT = "Episode >"
REPLAY_END = "End of the saved session"
REPLAY_PANEL = "Caregiver actions (replay)"
REPLAY_HOLDING = "Highlighted: the learner's recorded choice, held now."
REPLAY_SCRIPTED = "The scenario's script (or its policy) plays the caregiver here."


class ReplayScene(PlayScene):
    """Replays a loaded session file exactly, with the Play scene's room, chart and time controls."""

    name = "replay"

    def __init__(self, app, data: dict, path: str | Path | None = None, speed: float = 1.0) -> None:
        self.data = data
        self.path = Path(path) if path else None
        self.replayer = Replayer(data, record=True)
        scenario = self.replayer.session.scenario
        super().__init__(app, load_scenario(data["scenario"]), infant=data["infant"], caregiver=data["caregiver"],
                         seed=int(data["seed"]), demo=True, prediction=clean_prediction(data.get("prediction"), scenario), speed=speed,
                         overrides=data.get("overrides", {}))
        self.scenario = scenario
        self.show_toast(REPLAY_TOAST, 7.0)

    # --- the session comes from the replayer --------------------------------------------------------------
    def _new_session(self):
        if getattr(self, "_built", False):
            self.replayer._restart()
        self._built = True
        return self.replayer.session

    @property
    def at_end(self) -> bool:
        """True at the end of the session or of the saved part of an unfinished one."""
        return self.replayer.finished

    def choose(self, action_id: str) -> bool:
        """Actions cannot be changed in a replay."""
        self.show_toast(REPLAY_LOCKED, 3.0)
        return False

    def _sync(self) -> None:
        self.session = self.replayer.session
        self._after_steps()
        self.relayout()

    def single_step(self) -> None:
        """Pause and replay exactly one step."""
        self.paused = True
        self.replayer.step()
        self._sync()

    def skip_ahead(self) -> None:
        """To the start of the next episode."""
        self.seek(int(self.replayer.session.episode[0]) + 1)

    def restart_episode(self) -> None:
        """Back to the start of the current episode."""
        self.seek(self.episode_index)

    def seek(self, e: int) -> None:
        """Jump to the start of episode ``e`` (0-based; clamped), replaying everything before it exactly."""
        e = max(0, min(int(e), self.session.E - 1))
        self.replayer.seek_episode(e)
        self._last_episode = -1
        self._finished_seen = False
        self._sync()

    def update(self, dt: float) -> None:
        if self.toast_s > 0:
            self.toast_s = max(0.0, self.toast_s - dt)
        if not self.paused and not self.at_end:
            if self.replayer.advance(min(max(dt, 0.0), 0.25) * self.speed):
                self.session = self.replayer.session
                self._after_steps()
            if self.at_end:
                self.paused = True
                self.show_toast(REPLAY_END, 4.0)
        if self._signature() != self._actions_sig:
            self.relayout()

    def relayout(self) -> None:
        super().relayout()
        font = self.app.font(14)
        items = list(self.group.items) if hasattr(self.group, "items") else []
        w = max(font.size(REPLAY_PREV)[0], font.size(REPLAY_NEXT)[0]) + 24
        x = PANEL.right - 14 - 2 * w - 8
        items.append(Button((x, PANEL.y + 8, w, 28), REPLAY_PREV, lambda: self.seek(self.episode_index - 1),
                            key=pygame.K_PAGEUP, ident="replay:prev", font_size=14,
                            locked=self.episode_index == 0 and self.session.steps_taken == 0))
        items.append(Button((x + w + 8, PANEL.y + 8, w, 28), REPLAY_NEXT, self.skip_ahead, key=pygame.K_PAGEDOWN,
                            ident="replay:next", font_size=14, locked=self.at_end))
        if items:
            self.group.set(items)

    def _draw_panel(self, surface) -> None:
        app = self.app
        p = app.palette
        pygame.draw.rect(surface, p.panel, PANEL, border_radius=14)
        pygame.draw.rect(surface, p.line, PANEL, width=1, border_radius=14)
        text(surface, app.font(theme.SIZE_BODY, bold=True), REPLAY_PANEL, (PANEL.x + 16, PANEL.y + 10), p.ink,
             max_width=PANEL.w - 250)
        s = self.session
        if self.at_end:
            note = REPLAY_END
        elif s.learner and self.learner_in_control():
            note = REPLAY_HOLDING
        else:
            note = REPLAY_SCRIPTED
        text(surface, app.font(theme.SIZE_SMALL), note, (PANEL.x + 16, PANEL.y + 38), p.ink_soft,
             max_width=PANEL.w - 32)

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        f = self.app.font(theme.SIZE_SMALL, bold=True)
        label = REPLAY_CHIP + (f": {self.path.name}" if self.path else "")
        w = min(f.size(label)[0] + 24, 420)
        r = pygame.Rect(660 - w // 2 + 120, 15, w, 28)
        pygame.draw.rect(surface, theme.OI_SKY, r, border_radius=14)
        text(surface, f, label, r.center, (0, 0, 0), anchor="center", max_width=w - 16)


def open_replay_gui(path, app=None, run: bool = True, speed: float = 1.0):
    """Open the app on the replay of ``path`` (Home below it). Returns the exit code, or the App if not ``run``.

    Raises:
        SessionFileError: the file cannot be read (one line; the file is not touched).
    """
    from ..view.app import App
    from ..view.home import HomeScene

    d = load_session(path)
    if app is None:
        app = App()
    app.push(HomeScene(app))
    app.push(ReplayScene(app, d, path, speed=speed))
    if not run:
        return app
    return app.run()


# --- compare ----------------------------------------------------------------------------------------------
COMPARE_TITLE = "Compare: {title}"
COMPARE_SAVE = "Save report"
COMPARE_VS = "Caregiver B: {policy}"
COMPARE_BACK = "Back"
COMPARE_SAVED = "Saved {png} (with .csv and .json) in {folder}"
COMPARE_FAILED = "Could not save: {error}"
COMPARE_WORKING = "Running the other caregiver..."
COMPARE_HINTS = "S save the compare report  ·  V other caregiver for B  ·  Esc back"
#: Policies offered for "same infant, same seed, different caregiver" (contract ids).
COMPARE_POLICIES = ("phone", "sensitive", "intrusive", "inconsistent", "rejecting", "still_face")
CHARTS = pygame.Rect(24, 96, 820, 540)
SIDE = pygame.Rect(860, 96, 396, 540)


class CompareScene(Scene):
    """Two runs side by side in the app: both timelines on one time axis, the measures A | B, save as a report.

    Build it with :meth:`from_file_and_policy` (the common case: a saved session against the same
    infant and seed with another caregiver policy, V cycles the policy) or from two Runs.
    """

    name = "compare"

    def __init__(self, app, a, b, policy_mode: dict | None = None) -> None:
        super().__init__(app)
        self.a, self.b = a, b
        self.policy_mode = policy_mode  # {"scenario", "infant", "seed", "overrides", "policy"} when B is a policy
        self.message = ""
        self.message_ok = True
        self.pending_frames = 0
        self.group = FocusGroup(app)
        self._render()
        self.relayout()

    @classmethod
    def from_file_and_policy(cls, app, path, policy: str = "phone"):
        """A saved session (A) against the same scenario, infant, seed and settings with ``policy`` (B)."""
        from .documents import run_from_file
        a = run_from_file(path)
        d = a.data
        mode = {"scenario": d["scenario"], "infant": d["infant"], "seed": int(d["seed"]),
                "overrides": dict(d.get("overrides", {})), "policy": policy}
        return cls(app, a, cls._policy_run(mode), mode)

    @staticmethod
    def _policy_run(mode):
        from .documents import run_from_scenario
        return run_from_scenario(mode["scenario"], mode["policy"], mode["infant"], mode["seed"], mode["overrides"])

    # --- rendering (once per pair of runs; draw() only blits) -------------------------------------------
    def _render(self) -> None:
        from . import report as R
        page = R.Page(dpi=118, size=CHARTS.size)
        t_max = max(self.a.tl.t_end, self.b.tl.t_end)
        y = 0
        free = CHARTS.h
        for run in (self.a, self.b):
            free -= page.px(14) + R.chart_height(page, run.tl, 0) + page.px(3)
        plot_pt = max(40.0, free / 2 * 72.0 / page.dpi)
        for run, tag in ((self.a, "A"), (self.b, "B")):
            page.text(f"{tag}: {run.label}", 0, y, 10.5, bold=True, color=R.ACCENT)
            y += page.px(14)
            y = R.draw_timeline(page, 0, y, CHARTS.w - page.px(6), run.tl, t_max=t_max, plot_pt=plot_pt)
            y += page.px(3)
        self.charts = page.surf
        side = R.Page(dpi=118, size=SIDE.size)
        yy = R.compare_side_table(side, 0, 0, SIDE.w, self.a, self.b)
        for run, tag in ((self.a, "A"), (self.b, "B")):
            yy = side.para(f"{tag}: {R.result_line(run)}", 0, yy + side.px(4), SIDE.w, 10)
        R.draw_legend(side, 0, yy + side.px(10), SIDE.w, bool(self.a.tl.learner or self.b.tl.learner))
        self.side = side.surf

    def relayout(self) -> None:
        """The buttons along the bottom."""
        font = self.app.font(16)
        items = []
        x, y = 24, 652
        entries = [(COMPARE_SAVE, self.save, pygame.K_s, "S", "save", "primary")]
        if self.policy_mode:
            entries.append((COMPARE_VS.format(policy=self.policy_mode["policy"]), self.next_policy, pygame.K_v, "V",
                            "vs", "normal"))
        for label, fn, key, cap, ident, style in entries:
            w = font.size(label)[0] + 70
            items.append(Button((x, y, w, 42), label, fn, key=key, key_label=cap, ident=ident, style=style,
                                font_size=16))
            x += w + 12
        bw = font.size(COMPARE_BACK)[0] + 70
        items.append(Button((1256 - bw, y, bw, 42), COMPARE_BACK, self.close, key_label="Esc", ident="back",
                            style="quiet", font_size=16))
        self.group.set(items)

    # --- actions ----------------------------------------------------------------------------------------
    def next_policy(self) -> None:
        """B gets the next caregiver policy (same infant, same seed)."""
        if not self.policy_mode:
            return
        pols = list(COMPARE_POLICIES)
        cur = self.policy_mode["policy"]
        self.policy_mode["policy"] = pols[(pols.index(cur) + 1) % len(pols)] if cur in pols else pols[0]
        self.message, self.message_ok = COMPARE_WORKING, True
        self.pending_frames = 2

    def save(self) -> None:
        """The compare report PNG, a tidy CSV and both session files in one JSON, in the save folder."""
        from ..view.debrief import save_folder
        from .documents import write_compare
        from .store import safe_name, unique_path
        try:
            folder = save_folder()
            folder.mkdir(parents=True, exist_ok=True)
            stem = safe_name(f"compare_{self.a.data['scenario']}_{self.a.data['caregiver']}_vs_"
                             f"{self.b.data['caregiver']}_s{self.a.data['seed']}", 90)
            png = unique_path(folder, f"{stem}.png")
            base = png.with_suffix("")
            write_compare(self.a, self.b, png, base.with_suffix(".csv"), base.with_suffix(".json"))
            self.message, self.message_ok = COMPARE_SAVED.format(png=png.name, folder=folder), True
        except Exception as exc:  # noqa: BLE001 - an unwritable folder must not crash the lesson
            self.message, self.message_ok = COMPARE_FAILED.format(error=str(exc).splitlines()[0]), False

    # --- scene hooks ------------------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        if self.pending_frames:
            self.pending_frames -= 1
            if self.pending_frames == 0:
                self.b = self._policy_run(self.policy_mode)
                self._render()
                self.message = ""
                self.relayout()

    def process_event(self, event):
        if self.pending_frames and event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN):
            return None
        return self.close_on_back(self.group.process_event(event))

    def draw(self, surface: pygame.Surface) -> None:
        from ..view.home import draw_hints
        app = self.app
        p = app.palette
        title = COMPARE_TITLE.format(title=self.a.scenario.title)
        text(surface, app.font(theme.SIZE_TITLE - 6, bold=True), title, (24, 22), p.ink, max_width=1230)
        same = [k for k in ("infant", "seed") if self.a.data.get(k) == self.b.data.get(k)]
        if same:
            sub = "Same " + " and ".join(f"{k} ({self.a.data.get(k)})" for k in same) + ", different caregiver."
            text(surface, app.font(theme.SIZE_SMALL), sub, (24, 64), p.ink_soft, max_width=1230)
        for rect, surf in ((CHARTS, self.charts), (SIDE, self.side)):
            pygame.draw.rect(surface, (255, 255, 255), rect.inflate(12, 12), border_radius=10)
            surface.blit(surf, rect)
        self.group.draw(surface)
        if self.message:
            text(surface, app.font(theme.SIZE_SMALL, bold=True), self.message, (24, 640),
                 p.ok if self.message_ok else p.warn, anchor="bottomleft", max_width=1230)
        draw_hints(surface, app, COMPARE_HINTS)
