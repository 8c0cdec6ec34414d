"""The GUI replay: the Play scene with a saved session as its source (pause, seek to an episode, speed).

The scene is the view's own :class:`~simulator.view.scenes.play.PlayScene` (same room, chart, banner and
controls); its source, :class:`SavedRun`, advances the model through a
:class:`~simulator.sessions.replay.Replayer`, which applies the learner's recorded actions at their step
numbers, so the action buttons only show what the learner chose. Page Up / Page Down (and the two buttons
at the top of the action panel) seek to the previous / next episode; R restarts the episode, P pauses,
- and = change the speed.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from ...sessions.replay import Replayer
from ...sessions.store import clean_prediction
from .. import strings as S
from .. import theme
from ..widgets import Button, paragraph_full, text, text_height
from .play import NewRun, PlayScene

class SavedRun(NewRun):
    """A Play scene's source that replays a loaded session file exactly (the learner cannot act)."""

    name = "replay"
    autosave = False
    auto_debrief = False
    seekable = True
    locked_message = S.REPLAY_LOCKED
    end_message = S.REPLAY_END

    def __init__(self, data: dict, path: str | Path | None = None) -> None:
        self.data = data
        self.path = Path(path) if path else None
        self.replayer = Replayer(data, record=True)
        self._built = False

    def new_session(self, scene):
        if self._built:  # a second build is a restart from the first step
            self.replayer._restart()
        self._built = True
        return self.replayer.session

    def advance(self, scene, seconds: float) -> int:
        steps = self.replayer.advance(min(max(seconds / scene.speed, 0.0), 0.25) * scene.speed)
        scene.session = self.replayer.session
        return steps

    def step(self, scene) -> None:
        self.replayer.step()
        scene.session = self.replayer.session

    def at_end(self, scene) -> bool:
        """True at the end of the session or of the saved part of an unfinished one."""
        return self.replayer.finished

    def seek(self, scene, episode: int) -> None:
        self.replayer.seek_episode(episode)
        scene.session = self.replayer.session

    def _episode_button_w(self, app) -> int:
        """px: the width of each of the two episode buttons at the panel's top right."""
        font = app.font(14)
        return max(font.size(S.REPLAY_PREV)[0], font.size(S.REPLAY_NEXT)[0]) + app.px(24)

    def panel_head_height(self, scene, width: int) -> int:
        """px: the panel's heading as :meth:`draw_panel` draws it in a panel ``width`` px wide (its title beside
        the episode buttons, then the longest of its notes), so the actions start below the whole of it."""
        app = scene.app
        u = app.px
        title_w = width - u(14) - 2 * self._episode_button_w(app) - u(8) - u(24)
        title_h = text_height(app.font(theme.SIZE_BODY, bold=True), S.REPLAY_PANEL, title_w)
        sf = app.font(theme.SIZE_SMALL)
        note_h = max(text_height(sf, n, width - u(32)) for n in (S.REPLAY_END, S.REPLAY_HOLDING,
                                                                  S.REPLAY_SCRIPTED))
        return u(10) + title_h + note_h + u(10)

    def extra_buttons(self, scene) -> list:
        app = scene.app
        font = app.font(14)
        u = app.px
        panel = scene.L.panel
        w = self._episode_button_w(app)
        h = max(u(28), font.get_linesize() + u(6))
        x = panel.right - u(14) - 2 * w - u(8)
        first = scene.episode_index == 0 and scene.session.steps_taken == 0
        return [Button((x, panel.y + u(8), w, h), S.REPLAY_PREV, lambda: scene.seek(scene.episode_index - 1),
                       key=pygame.K_PAGEUP, ident="replay:prev", font_size=14, locked=first),
                Button((x + w + u(8), panel.y + u(8), w, h), S.REPLAY_NEXT, scene.skip_ahead,
                       key=pygame.K_PAGEDOWN, ident="replay:next", font_size=14, locked=self.replayer.finished)]

    def draw_panel(self, scene, surface) -> bool:
        app = scene.app
        p = app.palette
        u = app.px
        panel = scene.L.panel
        prev = scene.group.find("replay:prev")
        title_w = (prev.rect.x if prev is not None else panel.right) - panel.x - u(24)
        pygame.draw.rect(surface, p.panel, panel, border_radius=u(14))
        pygame.draw.rect(surface, p.line, panel, width=1, border_radius=u(14))
        tf = app.font(theme.SIZE_BODY, bold=True)
        y = paragraph_full(surface, tf, S.REPLAY_PANEL, panel.x + u(16), panel.y + u(10), title_w, p.ink)
        s = scene.session
        if self.replayer.finished:
            note = S.REPLAY_END
        elif s.learner and scene.learner_in_control():
            note = S.REPLAY_HOLDING
        else:
            note = S.REPLAY_SCRIPTED
        paragraph_full(surface, app.font(theme.SIZE_SMALL), note, panel.x + u(16), y, panel.w - u(32), p.ink_soft)
        return True

    def draw_over(self, scene, surface) -> None:
        app = scene.app
        f = app.font(theme.SIZE_SMALL, bold=True)
        u = app.px
        label = S.REPLAY_CHIP_FILE.format(name=self.path.name) if self.path else S.REPLAY_CHIP
        w = min(f.size(label)[0] + u(24), u(420))
        r = pygame.Rect(0, 0, w, f.get_linesize() + u(6))
        r.center = (app.layout.w // 2 + u(110), scene.L.banner.centery - u(2))
        pygame.draw.rect(surface, theme.OI_SKY, r, border_radius=r.h // 2)
        # The file's name may be shortened here: the Sessions list shows it whole.
        text(surface, f, label, r.center, (0, 0, 0), anchor="center", max_width=w - u(16), allow_cut=True)


def replay_scene(app, data: dict, path: str | Path | None = None, speed: float = 1.0) -> PlayScene:
    """A Play scene replaying the session ``data`` (loaded from ``path``) exactly."""
    source = SavedRun(data, path)
    scenario = source.replayer.session.scenario
    scene = PlayScene(app, scenario, infant=data["infant"], caregiver=data["caregiver"], seed=int(data["seed"]),
                      demo=True, prediction=clean_prediction(data.get("prediction"), scenario), speed=speed,
                      overrides=data.get("overrides", {}), source=source)
    scene.show_toast(S.REPLAY_TOAST, 7.0)
    return scene
