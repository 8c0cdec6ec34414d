"""The GUI replay: a Play scene driven by a :class:`~simulator.sessions.replay.Replayer` (pause, seek, speed).

The scene is the view's own :class:`~simulator.view.scenes.play.PlayScene` (same room, chart, banner and
controls), except that the model advances through the Replayer, which applies the learner's recorded
actions at their step numbers, and that the action buttons only show what the learner chose. Page Up /
Page Down (and the two buttons at the top of the action panel) seek to the previous / next episode;
R restarts the episode, P pauses, - and = change the speed.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from ...model.scenario import load_scenario
from .. import theme
from .play import PlayScene
from ..widgets import Button, FocusGroup, paragraph_full, text
from ...sessions.replay import Replayer
from ...sessions.store import clean_prediction, load_session

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
        u = self.app.px
        panel = self.L.panel
        items = list(self.group.items) if hasattr(self.group, "items") else []
        w = max(font.size(REPLAY_PREV)[0], font.size(REPLAY_NEXT)[0]) + u(24)
        h = max(u(28), font.get_linesize() + u(6))
        x = panel.right - u(14) - 2 * w - u(8)
        items.append(Button((x, panel.y + u(8), w, h), REPLAY_PREV, lambda: self.seek(self.episode_index - 1),
                            key=pygame.K_PAGEUP, ident="replay:prev", font_size=14,
                            locked=self.episode_index == 0 and self.session.steps_taken == 0))
        items.append(Button((x + w + u(8), panel.y + u(8), w, h), REPLAY_NEXT, self.skip_ahead,
                            key=pygame.K_PAGEDOWN, ident="replay:next", font_size=14, locked=self.at_end))
        if items:
            self.group.set(items)

    def _draw_panel(self, surface) -> None:
        app = self.app
        p = app.palette
        u = app.px
        panel = self.L.panel
        prev = self.group.find("replay:prev")
        title_w = (prev.rect.x if prev is not None else panel.right) - panel.x - u(24)
        pygame.draw.rect(surface, p.panel, panel, border_radius=u(14))
        pygame.draw.rect(surface, p.line, panel, width=1, border_radius=u(14))
        tf = app.font(theme.SIZE_BODY, bold=True)
        y = paragraph_full(surface, tf, REPLAY_PANEL, panel.x + u(16), panel.y + u(10), title_w, p.ink)
        s = self.session
        if self.at_end:
            note = REPLAY_END
        elif s.learner and self.learner_in_control():
            note = REPLAY_HOLDING
        else:
            note = REPLAY_SCRIPTED
        paragraph_full(surface, app.font(theme.SIZE_SMALL), note, panel.x + u(16), y, panel.w - u(32), p.ink_soft)

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        f = self.app.font(theme.SIZE_SMALL, bold=True)
        u = self.app.px
        label = REPLAY_CHIP + (f": {self.path.name}" if self.path else "")
        w = min(f.size(label)[0] + u(24), u(420))
        r = pygame.Rect(0, 0, w, f.get_linesize() + u(6))
        r.center = (self.app.layout.w // 2 + u(110), self.L.banner.centery - u(2))
        pygame.draw.rect(surface, theme.OI_SKY, r, border_radius=r.h // 2)
        # The file's name may be shortened here: the Sessions list shows it whole.
        text(surface, f, label, r.center, (0, 0, 0), anchor="center", max_width=w - u(16), allow_cut=True)


def open_replay_gui(path, app=None, run: bool = True, speed: float = 1.0):
    """Open the app on the replay of ``path`` (Home below it). Returns the exit code, or the App if not ``run``.

    Raises:
        SessionFileError: the file cannot be read (one line; the file is not touched).
    """
    from ..app import App
    from .home import HomeScene

    d = load_session(path)
    if app is None:
        app = App()
    app.push(HomeScene(app))
    app.push(ReplayScene(app, d, path, speed=speed))
    if not run:
        return app
    return app.run()
