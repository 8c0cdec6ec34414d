"""Observer mode: watch an unlabelled infant's Strange Situation, rate the reunions, and compare with Attune's coding.

Opened from Home, the scene starts with a short introduction where the learner chooses a block of 5 or 10
infants (``content.observer.BLOCK_SIZES``). Each infant is drawn from the block's seed with
``content.observer.draw_infant``. For each infant the learner watches the procedure (no live chart unless
asked for: key G), rates proximity seeking, contact maintaining, resistance and avoidance for episodes 5 and
8 (1-7, typed straight in or with the steppers, or left empty) and chooses a classification. Attune then
shows its own scores (``model.scoring.score_session``) with the behaviour that produced each one, and
buttons that jump to those moments. The session is recorded (``record=True``) so any earlier moment is
shown from its trajectory at once; later moments are reached by stepping the model (a few milliseconds per
frame, so the window stays responsive). After the block, ``content.observer.block_agreement`` gives
per-scale agreement, percentage agreement on the classification and Cohen's kappa with its 95% CI.

Laid out from the window and the text size (:class:`ObserverLayout`): the room, its caption, the timeline
and the chart or note share the left column; the coding panel the right one. Text that may not fit at a
larger text size (the rating hint, Attune's coding with its evidence, the block's agreement, the
introduction) sits in scroll panels with a visible cue, so nothing is cut.
"""

from __future__ import annotations

import math
import threading
import time

import numpy as np
import pygame

from ...content import observer as OB
from ...content.lessons import plain_reason
from ...model.session import TRAJECTORY_COLUMNS
from ...model.behaviour import BEHAVIOUR_IDS
from ...model.session import DT
from .. import strings as S
from .. import theme
from ..drawing.chart import STYLES, draw_series, legend, series_colour
from ..drawing.figures import people_skins
from ..drawing.room import draw_backdrop, draw_people, infant_caption
from ..scene import Scene
from ..widgets import (Button, FocusGroup, ScrollPanel, draw_header, draw_hints, flow, header_height, hints_height,
                       mix, paragraph_full, paragraph_height, scroll_panels_event, text, text_height, wrap)

T = S.OBSERVER  # this screen's words (strings.py)
SPEEDS = (1.0, 2.0, 4.0, 8.0, 16.0)
FRAME_BUDGET_S = 0.030  # model stepping per frame, so the window stays responsive
CHART_WINDOW_S = 90.0
CONTROL_FONT = 15  # design size of the transport bar's labels
LOWER_SHARE = 106 / 596  # of the left column's height: the chart or note under the timeline, as designed
REUNION_EPISODES = (5, 8)  # the reunions, 1-based episode numbers (marked on the banner and the timeline)

_COL = {name: i for i, name in enumerate(TRAJECTORY_COLUMNS)}
_SERIES = ("positive_affect", "negative_affect", "gaze", "arousal")


def _mmss(seconds: float) -> tuple[int, int]:
    m, s = divmod(int(max(0.0, seconds)), 60)
    return m, s


def default_make(drawn: dict):
    """The recorded one-infant session of a drawn infant (``content.observer.make_session``)."""
    return OB.make_session(drawn, record=True)


class ObserverLayout:
    """The watching screen's regions for the app's window and text size (window px).

    The banner is as tall as its longest title needs; the transport bar wraps onto more rows when its buttons
    do not fit one. Attributes (pygame.Rect): banner, room, caption, timeline, lower, panel; ``controls``
    (rows of indices into the transport entries), ``controls_y``, ``control_h``, ``margin``.
    """

    def __init__(self, app, banner_titles: list[str], control_widths: list[int], home_w: int,
                 chart: bool = False) -> None:
        lay = app.layout
        u = lay.px
        m = self.margin = u(16)
        gap = u(6)
        # The transport bar: Home at the right of the last row.
        self.control_h = max(u(40), app.font(CONTROL_FONT).get_linesize() + u(12))
        avail = lay.w - 2 * m
        rows = flow(control_widths, avail, gap)
        used = sum(control_widths[i] + gap for i in rows[-1])
        if used + home_w > avail:
            rows.append([])
        self.controls = rows
        bottom = lay.h - u(8)
        n = len(rows)
        self.controls_y = [bottom - (n - k) * self.control_h - (n - 1 - k) * gap for k in range(n)]
        # The banner: the clock at the right, the title wrapped whole beside it.
        bf = app.font(theme.SIZE_HEADING - 2, bold=True)
        self.clock_w = bf.size(T["clock"].format(m=88, s=88))[0]
        self.title_w = lay.w - 3 * u(20) - self.clock_w
        lines = max([len(wrap(bf, t, self.title_w)) for t in banner_titles] + [1])
        self.banner = pygame.Rect(0, 0, lay.w, max(u(58), lines * bf.get_linesize() + u(16)))
        top = self.banner.bottom + u(10)
        body_bottom = self.controls_y[0] - u(8)
        left_w = lay.x(752) - m
        self.panel = pygame.Rect(m + left_w + m, top, lay.w - 2 * m - left_w - m, body_bottom - top)
        col_h = body_bottom - top
        cap_h = max(u(40), app.font(theme.SIZE_HEADING - 4, bold=True).get_linesize() + u(10))
        tf = app.font(theme.SIZE_TINY, bold=True)
        tl_h = max(u(44), tf.get_linesize() + u(24))
        small = app.font(theme.SIZE_SMALL).get_linesize()
        lower_h = max(int(col_h * LOWER_SHARE), 3 * small + u(16))
        if chart:  # the chart: its title, up to two legend rows and a plot
            lower_h = max(lower_h, 3 * tf.get_linesize() + u(70))
        room_h = col_h - cap_h - tl_h - lower_h - 3 * u(8)
        self.room = pygame.Rect(m, top, left_w, room_h)
        self.caption = pygame.Rect(m, self.room.bottom + u(8), left_w, cap_h)
        self.timeline = pygame.Rect(m, self.caption.bottom + u(8), left_w, tl_h)
        self.lower = pygame.Rect(m, self.timeline.bottom + u(8), left_w, body_bottom - self.timeline.bottom - u(8))


class RatingLayout:
    """The coding panel while watching (window px): title, the hint (a scroll panel with what room is left),
    the two reunion columns of steppers, the classification options and the submit button."""

    def __init__(self, app, panel: pygame.Rect) -> None:
        u = app.px
        pad = self.pad = u(14)
        self.title_y = panel.y + u(10)
        tf = app.font(theme.SIZE_HEADING - 2, bold=True)
        hf = self.head_font = app.font(theme.SIZE_SMALL, bold=True)
        ef = app.font(theme.SIZE_TINY)
        self.step = max(u(34), app.font(18, bold=True).get_linesize() + u(4))  # a stepper's side
        vf = self.value_font = app.font(theme.SIZE_HEADING - 2, bold=True)
        self.value_w = vf.size("7")[0] + u(16)  # the box a score is typed into
        colw = 2 * self.step + self.value_w + u(12)
        right = panel.right - pad
        self.col_x = [right - colw // 2 - (1 - c) * (colw + u(6)) for c in range(2)]
        self.name_w = self.col_x[0] - colw // 2 - u(8) - (panel.x + pad)
        name_lines = max(len(wrap(hf, S.OBSERVER_SCALES[s], self.name_w)) for s in OB.SCALES)
        self.row_h = max(self.step, name_lines * hf.get_linesize()) + u(10)
        self.class_h = max(u(36), app.font(16).get_linesize() + u(10))
        self.submit_h = max(u(44), app.font(17).get_linesize() + u(14))
        heads_h = hf.get_linesize() + ef.get_linesize() + u(6)
        fixed = (u(10) + tf.get_linesize() + u(6) + heads_h + 4 * self.row_h + u(8) + hf.get_linesize() + u(6)
                 + 2 * self.class_h + u(6) + u(12) + self.submit_h + pad)
        hint_top = self.title_y + tf.get_linesize() + u(4)
        hint_need = paragraph_height(ef, T["rate_hint"], panel.w - 2 * pad - u(14)) + u(4)
        hint_h = max(ef.get_linesize(), min(hint_need, panel.h - fixed - u(4)))
        self.hint = pygame.Rect(panel.x + pad, hint_top, panel.w - 2 * pad, hint_h)
        self.heads_y = self.hint.bottom + u(6)
        self.rows_y = [self.heads_y + heads_h + r * self.row_h for r in range(len(OB.SCALES))]
        self.class_title_y = self.rows_y[-1] + self.row_h + u(8)
        self.class_y = self.class_title_y + hf.get_linesize() + u(6)
        self.submit = pygame.Rect(panel.x + pad, panel.bottom - pad - self.submit_h, panel.w - 2 * pad, self.submit_h)


class ObserverScene(Scene):
    """Observer training: choose a block, watch, rate, compare, and after the block see the agreement.

    Args:
        seed: the block's seed (default: from the clock, shown on screen so a block can be repeated).
        block_size: infants in a block (``content.observer.BLOCK_SIZES``; tests use fewer). None (opened from
            Home): an introduction first, where the learner chooses 5 or 10.
        make: ``make(drawn) -> Session`` (recorded, N = 1); tests pass one with shortened episodes.
        draw: ``draw(seed) -> dict``, an unlabelled infant (``content.observer.draw_infant``).
    """

    name = "observer"

    def __init__(self, app, seed: int | None = None, block_size: int | None = None, make=None,
                 draw=None) -> None:
        super().__init__(app)
        self.seed = int(seed) if seed is not None else int(time.time()) % 100_000
        self.block_size = max(1, int(block_size)) if block_size is not None else OB.BLOCK_SIZE
        self.make = make or default_make
        self.draw_fn = draw or OB.draw_infant
        self.drawn: dict[int, object] = {}
        self._draws: dict[int, threading.Thread] = {}
        self._generation = 0
        self.session = None
        self.error = ""
        self.frame_budget = FRAME_BUDGET_S
        self.learner: list[dict] = []
        self.reference: list[dict] = []
        self.block = None
        self.show_chart = False
        self.speed = 2.0
        self.k = 0
        self.group = FocusGroup(app)
        self.note_panel = ScrollPanel(app, "observer_note")
        self.hint_panel = ScrollPanel(app, "observer_hint")
        self.fb_panel = ScrollPanel(app, "observer_feedback")
        self.block_panel = ScrollPanel(app, "observer_block")
        self.intro_panel = ScrollPanel(app, "observer_intro")
        self.fb_plan: tuple[list, int] = ([], 0)
        if block_size is None:  # opened from Home: say what is coming, and let the learner choose 5 or 10
            self.phase = "intro"
            self._prefetch(0)
            self.relayout()
        else:
            self._start_infant(0)

    def start(self) -> None:
        """From the introduction: start the block (the first infant was drawn meanwhile)."""
        if self.phase == "intro":
            self._start_infant(0)

    # --- one infant -------------------------------------------------------------------------------------------------
    def _prefetch(self, k: int) -> None:
        """Draw infant ``k`` in the background (a population infant is developed from birth: seconds)."""
        if k >= self.block_size or k in self.drawn or k in self._draws:
            return
        seed, gen = self.seed * 1000 + k, self._generation

        def work():
            try:
                d = self.draw_fn(seed)
            except Exception as exc:  # shown in the window, never a traceback
                d = exc
            if gen == self._generation:
                self.drawn[k] = d

        t = threading.Thread(target=work, daemon=True, name=f"observer-draw-{k}")
        self._draws[k] = t
        t.start()

    def _start_infant(self, k: int) -> None:
        self.k = k
        self.phase = "loading"
        self.session = None
        self._prefetch(k)
        self.relayout()
        self._try_begin()

    def _try_begin(self) -> None:
        """Start watching infant ``k`` once it has been drawn."""
        d = self.drawn.get(self.k)
        if d is None:
            return
        if isinstance(d, Exception):
            self.error = f"{type(d).__name__}: {d}"
            return
        self.session = self.make(d)
        self.session.step()  # one recorded row to show from the first frame
        self.view = 0  # the trajectory row on screen
        self.target = 0.0  # where the playhead is heading (rows)
        self.playing = True
        self.phase = "watch"  # watch -> finishing -> feedback (-> block after the last infant)
        self.rating = {e: {s: None for s in OB.SCALES} for e in OB.EPISODES}
        self.rating["classification"] = None
        self.scores = None
        self.moments: dict = {}
        self._ep_rows: list[int] = [0]
        self._scanned = 0
        self._pending_episode: int | None = None
        self.relayout()
        self.group.focus("play")  # Enter pauses; Home stays a deliberate Esc
        self._prefetch(self.k + 1)

    @property
    def E(self) -> int:
        """Episodes in the procedure."""
        return self.session.E

    def _reunion_index(self, e: str) -> int:
        return list(self.session.episode_ids).index(e)

    def _scan_episodes(self) -> None:
        """Record the first trajectory row of each episode reached so far."""
        traj = self.session.trajectory
        for i in range(self._scanned, len(traj)):
            ep = int(traj[i][_COL["episode"]])
            while len(self._ep_rows) < ep:
                self._ep_rows.append(i)
        self._scanned = len(traj)

    def _row(self, i: int | None = None):
        traj = self.session.trajectory
        i = self.view if i is None else i
        return traj[max(0, min(i, len(traj) - 1))]

    def _advance_model(self, to_row: int, budget: float | None = None) -> None:
        """Step the model until the trajectory has ``to_row`` rows, within a time budget (s) per frame."""
        s = self.session
        budget = self.frame_budget if budget is None else budget
        t0 = time.perf_counter()
        while len(s.trajectory) <= to_row and not s.finished:
            s.step()
            if time.perf_counter() - t0 > budget:
                break
        self._scan_episodes()

    # --- controls --------------------------------------------------------------------------------------------------
    def toggle_play(self) -> None:
        """Play or pause the replay."""
        self.playing = not self.playing
        self.relayout()

    def slower(self) -> None:
        """Halve the speed (down to 1x)."""
        lower = [x for x in SPEEDS if x < self.speed]
        self.speed = lower[-1] if lower else SPEEDS[0]
        self.relayout()

    def faster(self) -> None:
        """Double the speed (up to 16x)."""
        higher = [x for x in SPEEDS if x > self.speed]
        self.speed = higher[0] if higher else SPEEDS[-1]
        self.relayout()

    def seek(self, row: float) -> None:
        """Move the playhead to a trajectory row (earlier rows at once, later ones as the model catches up)."""
        self.target = max(0.0, float(row))
        if self.target < len(self.session.trajectory):
            self.view = int(self.target)

    def nudge(self, seconds: float) -> None:
        """Back or forward by ``seconds`` of model time."""
        self.seek(self.view + seconds / DT)

    def episode_start(self) -> None:
        """Back to the start of the episode on screen."""
        e = int(self._row()[_COL["episode"]]) - 1
        self._scan_episodes()
        if 0 <= e < len(self._ep_rows):
            self.seek(self._ep_rows[e])

    def next_episode(self) -> None:
        """On to the start of the next episode (the model runs there if needed)."""
        e = int(self._row()[_COL["episode"]])  # 0-based index of the next episode
        self._scan_episodes()
        if e < len(self._ep_rows):
            self.seek(self._ep_rows[e])
            return
        if self.session.finished:
            self.seek(len(self.session.trajectory) - 1)
            return
        # Not reached yet: run the model on until the episode changes (within the frame budget each frame).
        self._pending_episode = e
        self.target = float(len(self.session.trajectory) + 10 ** 6)

    def toggle_chart(self) -> None:
        """Show or hide the chart of the infant's state."""
        self.show_chart = not self.show_chart
        self.relayout()

    def rate(self, episode: str, scale: str, delta: int | None = None, value: int | None = None) -> None:
        """Change one rating: step it by ``delta`` (empty -> 1 or 7) or set ``value`` (1-7)."""
        if self.phase != "watch":
            return
        cur = self.rating[episode][scale]
        if value is not None:
            new = int(value)
        elif cur is None:
            new = 1 if (delta or 1) > 0 else 7
        else:
            new = cur + int(delta or 0)
            if new < 1:
                new = None  # below 1: back to "not rated"
        if new is not None:
            new = max(1, min(7, new))
        self.rating[episode][scale] = new

    def typing_cell(self) -> tuple[str, str]:
        """The (episode, scale) a typed score goes into: the focused stepper's, else the cell in hand (the first
        empty one to begin with)."""
        f = self.group.focused
        if f is not None and f.ident.startswith("rate:"):
            _, e, scale, _ = f.ident.split(":")
            self.cell = (e, scale)
        cell = getattr(self, "cell", None)
        if cell is None:
            empty = [(e, sc) for e in OB.EPISODES for sc in OB.SCALES if self.rating[e][sc] is None]
            cell = empty[0] if empty else (OB.EPISODES[0], OB.SCALES[0])
        return cell

    def _next_cell(self, e: str, scale: str) -> tuple[str, str]:
        cells = [(ep, sc) for ep in OB.EPISODES for sc in OB.SCALES]
        return cells[(cells.index((e, scale)) + 1) % len(cells)]

    def set_block_size(self, n: int) -> None:
        """Blocks of 5 or 10 infants (a short practice fits a seminar; 10 gives a steadier kappa)."""
        self.block_size = max(1, int(n))
        self.relayout()

    def choose_class(self, code: str) -> None:
        """Pick (or, a second time, un-pick) a classification."""
        if self.phase != "watch":
            return
        self.rating["classification"] = None if self.rating["classification"] == code else code
        self.relayout()

    def submit(self) -> None:
        """Finish the procedure if needed, then score it and show Attune's coding."""
        if self.phase != "watch":
            return
        self.phase = "finishing"
        self.playing = False
        self.relayout()

    def _score(self) -> None:
        from ...model.scoring import score_session
        s = self.session
        self.scores = score_session(s)
        self.learner.append({e: dict(self.rating[e]) for e in OB.EPISODES} |
                            {"classification": self.rating["classification"]})
        self.reference.append(OB.reference_from_scores(self.scores, s.episode_ids))
        self.moments = self._find_moments()
        self._scan_episodes()
        self.phase = "feedback"
        self.playing = False
        self.fb_panel.reset()
        # Show the start of the first reunion.
        self.seek(self._ep_rows[self._reunion_index(OB.EPISODES[0])] if len(self._ep_rows) > 4 else 0)
        self.relayout()
        self.group.focus("next")

    def _find_moments(self) -> dict:
        """For each reunion and scale: (row to jump to, seconds into the episode) of the behaviour behind it."""
        s = self.session
        log = s.log
        beh = np.asarray(log.behaviour)[:, 0]
        contact = np.asarray(log.contact)[:, 0]
        codes = {name: i for i, name in enumerate(BEHAVIOUR_IDS)}
        out = {}
        for e in OB.EPISODES:
            j = self._reunion_index(e)
            a, b = int(log.episode_start[0, j]), int(log.episode_end[0, j])
            seg_b, seg_c = beh[a:b], contact[a:b]

            def first(mask):
                idx = np.flatnonzero(mask)
                return int(idx[0]) if idx.size else None
            found = {
                "proximity_seeking": first(np.isin(seg_b, [codes["approach"], codes["reach"]])),
                "contact_maintaining": first(seg_c | (seg_b == codes["cling"])),
                "resistance": first(seg_b == codes["resist"]),
                "avoidance": first(np.isin(seg_b, [codes["avoid"], codes["look_away"]])),
            }
            for scale, off in found.items():
                if off is None:
                    out[(e, scale)] = (a, None)
                else:
                    lead = int(2.0 / DT)  # start a little before, to see it begin
                    out[(e, scale)] = (max(a, a + off - lead), off * DT)
        return out

    def next_infant(self) -> None:
        """The next infant of the block, or the block's agreement after the last one."""
        if self.phase != "feedback":
            return
        if self.k + 1 < self.block_size:
            self._start_infant(self.k + 1)
        else:
            self.block = OB.block_agreement(self.learner, self.reference)
            self.phase = "block"
            self.block_panel.reset()
            self.relayout()
            self.group.focus("new_block")

    def new_block(self) -> None:
        """A fresh block with the next seed."""
        self.seed += 1
        self._generation += 1
        self.drawn, self._draws = {}, {}
        self.learner, self.reference, self.block = [], [], None
        self._start_infant(0)

    # --- layout ---------------------------------------------------------------------------------------------------
    def _transport(self) -> list[tuple]:
        """The transport bar's entries: (label, action, key, key label, id, locked, width label)."""
        if self.phase == "loading":
            return []
        return [(T["pause"] if self.playing else T["play"], self.toggle_play, pygame.K_p, "P", "play", False,
                 max(T["pause"], T["play"], key=len)),
                (T["slower"], self.slower, pygame.K_MINUS, "-", "slower", self.speed <= SPEEDS[0], T["slower"]),
                (T["faster"], self.faster, pygame.K_EQUALS, "=", "faster", self.speed >= SPEEDS[-1], T["faster"]),
                (T["back5"], lambda: self.nudge(-5.0), pygame.K_COMMA, ",", "back5", False, T["back5"]),
                (T["fwd5"], lambda: self.nudge(5.0), pygame.K_PERIOD, ".", "fwd5", False, T["fwd5"]),
                (T["ep_start"], self.episode_start, pygame.K_r, "R", "ep_start", False, T["ep_start"]),
                (T["next_ep"], self.next_episode, pygame.K_n, "N", "next_ep", False, T["next_ep"]),
                (T["chart_off"] if self.show_chart else T["chart_on"], self.toggle_chart, pygame.K_g, "G", "chart",
                 False, max(T["chart_off"], T["chart_on"], key=len))]

    def _banner_titles(self) -> list[str]:
        n = self.block_size
        if self.session is None:
            return [T["loading_banner"].format(k=self.k + 1, n=n)]
        return [T["banner"].format(k=self.k + 1, n=n, title=ep.title) for ep in self.session.scenario.episodes] + \
            [T["banner_done"].format(k=self.k + 1, n=n)]

    def _bottom_buttons(self, entries: list[tuple]) -> tuple[list[Button], int]:
        """Buttons along the bottom above the hints line, wrapping onto more rows; returns them and the top y.
        ``entries``: (label, action, key, key label, id, style, selected)."""
        app = self.app
        lay = app.layout
        u = app.px
        left = lay.x(40)
        widths = [Button.width_for(app, e[0], e[3], 17, bold=e[5] == "primary" or e[6]) + (u(24) if e[5] == "option"
                  else 0) for e in entries]
        lines = flow(widths, lay.w - 2 * left, u(12))
        bh = max(u(44), app.font(17).get_linesize() + u(14))
        first_y = lay.h - hints_height(app) - u(6) - len(lines) * bh - (len(lines) - 1) * u(8)
        items = []
        for r, idx in enumerate(lines):
            x, y = left, first_y + r * (bh + u(8))
            for i in idx:
                label, fn, key, cap, ident, style, selected = entries[i]
                if ident == "home" and r == len(lines) - 1:
                    x = max(x, lay.w - left - widths[i])  # Home at the right
                items.append(Button((x, y, widths[i], bh), label, fn, key=key, key_label=cap, ident=ident,
                                    style=style, selected=selected))
                x += widths[i] + u(12)
        return items, first_y

    def _size_entries(self) -> list[tuple]:
        return [(T["block_of"].format(n=n), lambda n=n: self.set_block_size(n), pygame.K_5 if n == 5 else pygame.K_0,
                 "5" if n == 5 else "0", f"block_size:{n}", "option", self.block_size == n) for n in OB.BLOCK_SIZES]

    def relayout(self) -> None:
        """Lay the current phase out for the window and text size, and build its controls."""
        app = self.app
        lay = app.layout
        u = app.px
        if self.phase == "intro":
            # The introduction as tall as it needs (scrolling if the window is short); under it the question,
            # the sizes on offer and Start; Home at the bottom right.
            home, bottom_y = self._bottom_buttons([(T["home"], self.close, None, "Esc", "home", "quiet", False)])
            left = lay.x(56)  # the header's margin
            w = lay.w - 2 * left
            entries = self._size_entries() + [(T["intro_start"], self.start, None, "Enter", "start", "primary", False)]
            widths = [Button.width_for(app, e[0], e[3], 17, bold=e[5] == "primary" or e[6]) + (
                u(24) if e[5] == "option" else 0) for e in entries]
            rows = flow(widths, w, u(12))
            bh = max(u(44), app.font(17).get_linesize() + u(14))
            bf, sf = app.font(theme.SIZE_BODY, bold=True), app.font(theme.SIZE_SMALL)
            note_h = text_height(sf, T["intro_size_note"], w)
            below = (u(16) + bf.get_linesize() + u(4) + note_h + u(4) + sf.get_linesize() + u(12)
                     + len(rows) * (bh + u(8)) + u(8))
            top = header_height(app, T["intro_title"], T["intro_sub"], y=24) + u(10)
            need = text_height(app.font(theme.SIZE_BODY), T["intro_text"], w - self.intro_panel.gutter) + u(4)
            self.intro_rect = pygame.Rect(left, top, w, max(u(40), min(need, bottom_y - below - top)))
            self.question_y = self.intro_rect.bottom + u(16)
            self.note_y = self.question_y + bf.get_linesize() + u(4)
            self.status_y = self.note_y + note_h + u(4)
            items = []
            for r, idx in enumerate(rows):
                x, y = left, self.status_y + sf.get_linesize() + u(12) + r * (bh + u(8))
                for i in idx:
                    label, fn, key, cap, ident, style, selected = entries[i]
                    items.append(Button((x, y, widths[i], bh), label, fn, key=key, key_label=cap, ident=ident,
                                        style=style, selected=selected))
                    x += widths[i] + u(12)
            self.group.set(items + home, keep=False)
            self.group.focus("start")  # a size chosen by key or click: Enter then starts
            return
        if self.phase == "block":
            entries = [(T["new_block"], self.new_block, pygame.K_n, "N", "new_block", "primary", False)] + \
                self._size_entries() + [(T["home"], self.close, None, "Esc", "home", "quiet", False)]
            items, first_y = self._bottom_buttons(entries)
            self.group.set(items, keep=False)
            b = self.block
            top = header_height(app, T["block_title"], T["block_sub"].format(n=b.n_infants, seed=self.seed),
                                y=24) + u(4)
            left = lay.x(40)
            self.block_rect = pygame.Rect(left, top, lay.w - 2 * left, max(u(40), first_y - u(10) - top))
            return
        # Watching, finishing, feedback (and loading): the transport bar along the bottom.
        entries = self._transport()
        speed_w = app.font(CONTROL_FONT, bold=True).size(T["speed"].format(x=16))[0] + u(10)
        widths = [Button.width_for(app, e[6], e[3], CONTROL_FONT, bold=False) + (speed_w if e[4] == "slower" else 0)
                  for e in entries]
        home_w = Button.width_for(app, T["home"], "Esc", CONTROL_FONT, bold=False)
        L = self.L = ObserverLayout(app, self._banner_titles(), widths, home_w, self.show_chart)
        items: list[Button] = []
        gap = u(6)
        for r, idx in enumerate(L.controls):
            x = L.margin
            for i in idx:
                label, fn, key, cap, ident, locked, _ = entries[i]
                w = widths[i] - (speed_w if ident == "slower" else 0)
                items.append(Button((x, L.controls_y[r], w, L.control_h), label, fn, key=key, key_label=cap,
                                    ident=ident, locked=locked, font_size=CONTROL_FONT, style="normal"))
                x += widths[i] + gap
        items.append(Button((lay.w - L.margin - home_w, L.controls_y[-1], home_w, L.control_h), T["home"], self.close,
                            key_label="Esc", ident="home", style="quiet", font_size=CONTROL_FONT))
        if self.phase == "loading":
            self.group.set(items, keep=False)
            return
        if self.phase in ("watch", "finishing"):
            items += self._rating_controls()
        elif self.phase == "feedback":
            items += self._feedback_controls()
        self.group.set(items)

    def _rating_controls(self) -> list[Button]:
        app = self.app
        u = app.px
        P = self.L.panel
        R = self.R = RatingLayout(app, P)
        locked = self.phase != "watch"
        vhalf = R.value_w // 2 + u(4)
        items = []
        for r, scale in enumerate(OB.SCALES):
            y = R.rows_y[r] + (R.row_h - R.step) // 2
            for c, e in enumerate(OB.EPISODES):
                cx = R.col_x[c]
                items.append(Button((cx - vhalf - R.step, y, R.step, R.step), T["minus"],
                                    lambda e=e, s=scale: self.rate(e, s, delta=-1), ident=f"rate:{e}:{scale}:-",
                                    locked=locked, font_size=18))
                items.append(Button((cx + vhalf, y, R.step, R.step), T["plus"],
                                    lambda e=e, s=scale: self.rate(e, s, delta=1), ident=f"rate:{e}:{scale}:+",
                                    locked=locked, font_size=18))
        bw = (P.w - 2 * R.pad - u(10)) // 2
        for i, code in enumerate(OB.CLASSES):
            rr, cc = divmod(i, 2)
            label = T["class_option"].format(code=code, name=S.CLASS_NAMES.get(code, code).split(" (")[0])
            items.append(Button((P.x + R.pad + cc * (bw + u(10)), R.class_y + rr * (R.class_h + u(6)), bw, R.class_h),
                                label, lambda code=code: self.choose_class(code),
                                key=getattr(pygame, f"K_{code.lower()}"), key_label=code, style="option",
                                selected=self.rating["classification"] == code, locked=locked, ident=f"class:{code}",
                                font_size=16))
        items.append(Button(R.submit, T["submit"], self.submit, key=pygame.K_s, key_label="S", ident="submit",
                            style="primary", locked=locked))
        return items

    # --- Attune's coding: planned once per layout, drawn in a scroll panel ----------------------------------------
    def _feedback_regions(self) -> tuple[int, pygame.Rect, pygame.Rect]:
        """(title y, the scroll panel's rect, the Next button's rect) in the coding panel."""
        app = self.app
        u = app.px
        P = self.L.panel
        pad = u(14)
        bh = max(u(44), app.font(17).get_linesize() + u(14))
        nxt = pygame.Rect(P.x + pad, P.bottom - pad - bh, P.w - 2 * pad, bh)
        tf = app.font(theme.SIZE_HEADING - 2, bold=True)
        top = P.y + u(10) + paragraph_height(tf, T["fb_title"], P.w - 2 * pad, line_gap=1) + u(6)
        return P.y + u(10), pygame.Rect(P.x + pad, top, P.w - 2 * pad, max(u(20), nxt.y - u(8) - top)), nxt

    def _plan_feedback(self, width: int) -> tuple[list, int]:
        """Attune's coding for a content ``width`` (px) as drawing steps relative to the content's top-left:
        ("para", x, y, (font, text, width, colour name)), ("band", x, y, (w, h)) and ("jump", x, y, (id, label,
        row, w, h)); and the content's height."""
        app = self.app
        u = app.px
        ops: list = []
        tf = app.font(theme.SIZE_TINY)
        hf = app.font(theme.SIZE_SMALL, bold=True)
        vf = app.font(theme.SIZE_BODY, bold=True)
        y = 0
        ops.append(("para", 0, y, (tf, T["fb_hint"], width, "ink_soft")))
        y += text_height(tf, T["fb_hint"], width) + u(8)
        name_w = int(width * 0.27)
        cell_w = (width - name_w - u(8)) // 2
        xs = [name_w + u(8) + c * cell_w for c in range(2)]
        head_h = 0
        for c, e in enumerate(OB.EPISODES):
            head = T["fb_reunion_head"].format(reunion=T["reunion_col"][c], e=self._reunion_index(e) + 1)
            ops.append(("para", xs[c], y, (hf, head, cell_w - u(6), "ink")))
            h = text_height(hf, head, cell_w - u(6))
            ops.append(("para", xs[c], y + h + u(2), (tf, T["fb_you_att"], cell_w - u(6), "ink_soft")))
            head_h = max(head_h, h + u(2) + text_height(tf, T["fb_you_att"], cell_w - u(6)))
        y += head_h + u(8)
        feats = self.scores.features
        ref, mine = self.reference[-1], self.learner[-1]
        jf = app.font(14)
        jh = max(u(28), jf.get_linesize() + u(6))
        for r, scale in enumerate(OB.SCALES):
            row_top = y
            y += u(6)
            bottom = y + text_height(hf, S.OBSERVER_SCALES[scale], name_w - u(4))
            ops.append(("para", u(4), y, (hf, S.OBSERVER_SCALES[scale], name_w - u(4), "ink")))
            for c, e in enumerate(OB.EPISODES):
                you, att = mine[e][scale], ref[e][scale]
                diff = None if you is None or att is None else abs(you - att)
                colour = "ink_faint" if diff is None else "ok" if diff == 0 else "ink" if diff == 1 else "warn"
                pair = T["fb_pair"].format(you=T["empty"] if you is None else you,
                                           att=T["empty"] if att is None else att)
                row, at = self.moments.get((e, scale), (0, None))
                label = T["jump_start"] if at is None else T["jump"].format(m=int(at) // 60, s=int(at) % 60)
                jw = Button.width_for(app, label, None, 14, bold=False)
                pw = vf.size(pair)[0]
                line_h = max(vf.get_linesize(), jh)
                ops.append(("para", xs[c], y + (line_h - vf.get_linesize()) // 2, (vf, pair, pw + 2, colour)))
                if pw + u(8) + jw <= cell_w - u(6):
                    ops.append(("jump", xs[c] + pw + u(8), y + (line_h - jh) // 2, (f"jump:{e}:{scale}", label, row, jw,
                                                                                  jh)))
                    ey = y + line_h + u(2)
                else:  # a narrow cell: the time button under the ratings
                    ops.append(("jump", xs[c], y + line_h + u(2), (f"jump:{e}:{scale}", label, row, jw, jh)))
                    ey = y + line_h + u(4) + jh + u(2)
                ev = self._evidence(scale, feats, self._reunion_index(e), e)
                ops.append(("para", xs[c], ey, (tf, ev, cell_w - u(6), "ink_soft")))
                bottom = max(bottom, ey + text_height(tf, ev, cell_w - u(6)))
            y = bottom + u(8)
            if r % 2 == 0:
                ops.insert(0, ("band", 0, row_top, (width, y - row_top)))
        # Classification, the reasons behind Attune's, and the hidden history.
        y += u(6)
        att = ref["classification"] or T["empty"]
        name = S.CLASS_NAMES.get(att, att)
        you = mine["classification"]
        line = T["fb_class"].format(you=you, att=att, name=name) if you else \
            T["fb_class_none"].format(att=att, name=name)
        if you == att:
            line = T["fb_same_suffix"].format(line=line)
        ops.append(("para", 0, y, (hf, line, width, "ok" if you == att else "ink")))
        y += text_height(hf, line, width) + u(6)
        if self.scores.reasons and self.scores.reasons[0]:
            said = "; ".join(plain_reason(r) for r in self.scores.reasons[0])  # in words, no "-> B"
            reasons = T["fb_reasons"].format(att=att, reasons=said)
            ops.append(("para", 0, y, (tf, reasons, width, "ink_soft")))
            y += text_height(tf, reasons, width) + u(6)
        hist = T["fb_history"].format(history=self.drawn[self.k]["hidden"]["history"])
        itf = app.font(theme.SIZE_SMALL, italic=True)
        ops.append(("para", 0, y, (itf, hist, width, "ink")))
        y += text_height(itf, hist, width) + u(4)
        return ops, y

    def _feedback_controls(self) -> list[Button]:
        """The time buttons in sight in the scroll panel (they move with it), and Next."""
        _, rect, nxt = self._feedback_regions()
        panel = self.fb_panel
        self.fb_plan = self._plan_feedback(rect.w - panel.gutter)
        ops, height = self.fb_plan
        panel.rect, panel.content_h = pygame.Rect(rect), height
        panel.offset = min(panel.offset, panel.max_offset)
        items = []
        for kind, x, y, data in ops:
            if kind != "jump":
                continue
            ident, label, row, w, h = data
            r = pygame.Rect(rect.x + x, rect.y - panel.offset + y, w, h)
            if rect.contains(r):  # only the ones in sight (the wheel or Page Down brings the others)
                items.append(Button(r, label, lambda row=row: self.jump(row), ident=ident, font_size=14))
        last = self.k + 1 >= self.block_size
        items.append(Button(nxt, T["to_block"] if last else T["next"], self.next_infant, key=pygame.K_i,
                            key_label="I", ident="next", style="primary"))
        return items

    def jump(self, row: int) -> None:
        """Replay from a moment (a trajectory row)."""
        self.seek(row)
        self.playing = True
        self.relayout()

    # --- scene hooks ------------------------------------------------------------------------------------------------
    def resume(self) -> None:
        self.relayout()

    def update(self, dt: float) -> None:
        if self.phase == "intro":
            return
        if self.phase == "loading":
            self._try_begin()
            return
        s = self.session
        if self.phase == "block":
            return
        if self.phase == "finishing":
            self._advance_model(10 ** 9)
            if s.finished:
                self._score()
            return
        if self.playing:
            self.target += dt * self.speed / DT
        want = int(self.target)
        if want >= len(s.trajectory) and not s.finished:
            self._advance_model(want)
        n = len(s.trajectory)
        pending = self._pending_episode
        if pending is not None:
            if pending < len(self._ep_rows):
                self.target = float(self._ep_rows[pending])
                self._pending_episode = None
            elif s.finished:
                self.target = float(n - 1)
                self._pending_episode = None
        if self.playing and pending is None and self.target >= n:
            self.target = n - 1e-3  # playing: never run ahead of the model
            if s.finished:
                self.playing = False
                self.relayout()
        self.view = int(min(self.target, n - 1))

    def _panels(self) -> list[ScrollPanel]:
        """The scroll panels of the current phase."""
        if self.phase == "intro":
            return [self.intro_panel]
        if self.phase == "block":
            return [self.block_panel]
        if self.phase == "feedback":
            return [self.fb_panel] + ([] if self.show_chart else [self.note_panel])
        if self.phase in ("watch", "finishing"):
            return [self.hint_panel] + ([] if self.show_chart else [self.note_panel])
        return []

    def process_event(self, event):
        if scroll_panels_event(self._panels(), event) is None:
            if self.phase == "feedback":
                self.relayout()  # the time buttons move with the panel
            return None
        event = self.group.process_event(event)
        if event is None:
            return None
        if event.type == pygame.KEYDOWN:
            key = event.key
            if key == pygame.K_ESCAPE:
                self.close()
                return None
            if self.phase in ("block", "loading", "intro"):
                return event
            if (pygame.K_1 <= key <= pygame.K_7 or pygame.K_KP1 <= key <= pygame.K_KP7) and self.phase == "watch":
                # A score typed goes into the cell in hand (the focused one, else the next to fill), then
                # the cell moves on: four scales, two reunions, typed straight through.
                f = self.group.focused
                focused = f is not None and f.ident.startswith("rate:")
                e, scale = self.typing_cell()
                v = key - pygame.K_0 if key <= pygame.K_9 else key - pygame.K_KP1 + 1
                self.rate(e, scale, value=v)
                if not focused:  # typed straight through: the next cell is in hand (a focused stepper stays)
                    self.cell = self._next_cell(e, scale)
                return None
            if key in (pygame.K_BACKSPACE, pygame.K_DELETE):
                f = self.group.focused
                if f is not None and f.ident.startswith("rate:") and self.phase == "watch":
                    _, e, scale, _ = f.ident.split(":")
                    self.rating[e][scale] = None
                    return None
            if key in (pygame.K_KP_MINUS, pygame.K_LEFTBRACKET):
                self.slower()
                return None
            if key in (pygame.K_KP_PLUS, pygame.K_RIGHTBRACKET, pygame.K_PLUS):
                self.faster()
                return None
        if event.type == pygame.MOUSEBUTTONDOWN and getattr(event, "button", 0) == 1 and self.session is not None \
                and self.phase not in ("block", "loading", "intro"):
            if self.L.timeline.collidepoint(event.pos):
                self.seek(self._timeline_row(event.pos[0]))
                return None
        return event

    # --- timeline ---------------------------------------------------------------------------------------------------
    def _timeline_scale(self) -> float:
        """Seconds shown across the timeline: the planned procedure, or longer once it has run longer."""
        planned = sum(ep.duration_s for ep in self.session.scenario.episodes)
        return max(planned, len(self.session.trajectory) * DT)

    def _timeline_row(self, x: int) -> int:
        total = self._timeline_scale()
        tl = self.L.timeline
        t = (x - tl.x) / tl.w * total
        return int(max(0.0, t) / DT)

    # --- drawing -----------------------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        if self.phase == "intro":
            self._draw_intro(surface)
            self.group.draw(surface)
            return
        if self.phase == "loading":
            self._draw_loading(surface)
            self.group.draw(surface)
            return
        if self.phase == "block":
            self._draw_block(surface)
            self.group.draw(surface)
            return
        app = self.app
        p = app.palette
        self._draw_banner(surface)
        row = self._row()
        self._draw_room(surface, row)
        self._draw_caption(surface, row)
        self._draw_timeline(surface)
        if self.show_chart:
            self._draw_chart(surface)
        else:
            pygame.draw.rect(surface, p.panel, self.L.lower, border_radius=app.px(8))
            inner = self.L.lower.inflate(-app.px(24), -app.px(12))
            f = app.font(theme.SIZE_SMALL, italic=True)
            self.note_panel.draw(surface, inner, lambda s, x, y, w: paragraph_full(s, f, T["watch_note"], x, y, w,
                                                                                   p.ink_soft))
        if self.phase == "feedback":
            self._draw_feedback(surface)
        else:
            self._draw_rating(surface)
        self.group.draw(surface)
        sl = self.group.find("slower")
        if sl is not None:
            text(surface, app.font(CONTROL_FONT, bold=True), T["speed"].format(x=self.speed),
                 (sl.rect.right + app.px(8), sl.rect.centery), p.ink, anchor="midleft")
        if self.phase == "finishing":
            self._draw_finishing(surface)

    def _draw_intro(self, surface) -> None:
        app = self.app
        p = app.palette
        draw_header(surface, app, T["intro_title"], T["intro_sub"], y=24)
        f = app.font(theme.SIZE_BODY)
        self.intro_panel.draw(surface, self.intro_rect, lambda s, x, y, w: paragraph_full(s, f, T["intro_text"], x, y,
                                                                                          w, p.ink))
        x, w = self.intro_rect.x, self.intro_rect.w
        text(surface, app.font(theme.SIZE_BODY, bold=True), T["intro_size"], (x, self.question_y), p.ink)
        sf = app.font(theme.SIZE_SMALL)
        paragraph_full(surface, sf, T["intro_size_note"], x, self.note_y, w, p.ink_soft)
        d = self.drawn.get(0)
        status = T["loading_failed"].format(error=f"{type(d).__name__}: {d}") if isinstance(d, Exception) else \
            T["intro_ready"] if d is not None else T["intro_preparing"]
        text(surface, app.font(theme.SIZE_SMALL, italic=True), status, (x, self.status_y), p.ink_soft)
        draw_hints(surface, app, S.APP_DISCLAIMER)

    def _draw_banner_title(self, surface, title: str) -> None:
        app = self.app
        p = app.palette
        L = self.L
        bf = app.font(theme.SIZE_HEADING - 2, bold=True)
        pygame.draw.rect(surface, p.banner, L.banner)
        h = paragraph_height(bf, title, L.title_w, line_gap=2)
        paragraph_full(surface, bf, title, app.px(20), L.banner.centery - h // 2, L.title_w, p.banner_ink, line_gap=2)

    def _draw_loading(self, surface) -> None:
        app = self.app
        p = app.palette
        u = app.px
        L = self.L
        self._draw_banner_title(surface, T["loading_banner"].format(k=self.k + 1, n=self.block_size))
        f = app.font(theme.SIZE_BODY)
        msg = T["loading_failed"].format(error=self.error) if self.error else T["loading"]
        w = min(app.layout.w - 2 * L.margin, max(u(600), app.layout.w // 2))
        h = paragraph_height(f, msg, w - u(48)) + u(40) + (0 if self.error else u(28))
        box = pygame.Rect(0, 0, w, h)
        box.center = (app.layout.w // 2, (L.banner.bottom + L.controls_y[0]) // 2)
        panel_fill = p.panel
        pygame.draw.rect(surface, p.shadow, box.move(0, u(3)), border_radius=u(14))
        pygame.draw.rect(surface, panel_fill, box, border_radius=u(14))
        pygame.draw.rect(surface, p.line, box, width=1, border_radius=u(14))
        paragraph_full(surface, f, msg, box.x + u(24), box.y + u(20), box.w - u(48), p.warn if self.error else p.ink)
        if not self.error:  # an indeterminate progress stripe (moves with the frame count)
            bar = pygame.Rect(box.x + u(24), box.bottom - u(28), box.w - u(48), u(12))
            pygame.draw.rect(surface, p.panel_alt, bar, border_radius=u(6))
            bw = bar.w // 4
            x = bar.x + (self.app.frame_count * u(6)) % max(1, bar.w - bw)
            pygame.draw.rect(surface, p.accent, (x, bar.y, bw, bar.h), border_radius=u(6))

    def _draw_banner(self, surface) -> None:
        app = self.app
        p = app.palette
        L = self.L
        row = self._row()
        e = int(row[_COL["episode"]])
        ep = self.session.scenario.episodes[e - 1]
        done = self.session.finished and self.view >= len(self.session.trajectory) - 1
        title = T["banner_done"].format(k=self.k + 1, n=self.block_size) if done else \
            T["banner"].format(k=self.k + 1, n=self.block_size, title=ep.title)
        self._draw_banner_title(surface, title)
        m, s = _mmss(float(row[_COL["t"]]))
        text(surface, app.font(theme.SIZE_HEADING - 2, bold=True), T["clock"].format(m=m, s=s),
             (app.layout.w - app.px(20), L.banner.centery), p.banner_ink, anchor="midright")
        if e in REUNION_EPISODES and not done:
            pygame.draw.rect(surface, theme.OI_ORANGE, (0, L.banner.bottom - app.px(4), L.banner.w, app.px(4)))

    def _draw_room(self, surface, row) -> None:
        room = self.L.room
        draw_backdrop(surface, self.app.palette, room)
        cg_action = row[_COL["caregiver_action"]] or None
        st_action = row[_COL["stranger_action"]] or None
        d = self.drawn.get(self.k)
        draw_people(surface, self.app, snap={k: float(row[_COL[k]]) for k in _SERIES},
                    behaviour=row[_COL["behaviour"]], contact=bool(row[_COL["contact"]]),
                    near=bool(row[_COL["near"]]), caregiver_present=cg_action is not None,
                    stranger_present=st_action is not None, caregiver_action=cg_action,
                    stranger_action=st_action, room=room, skins=people_skins(self.seed * 1000 + self.k),
                    age_months=d.get("age_months") if isinstance(d, dict) else None)

    def _draw_caption(self, surface, row) -> None:
        app = self.app
        p = app.palette
        u = app.px
        cap = self.L.caption
        pygame.draw.rect(surface, p.panel, cap, border_radius=u(10))
        caption = infant_caption(row[_COL["behaviour"]], bool(row[_COL["caregiver_action"]]),
                                 bool(row[_COL["stranger_action"]]))
        for size in (theme.SIZE_HEADING - 4, theme.SIZE_BODY, theme.SIZE_SMALL):  # the whole caption, always
            cf = app.font(size, bold=True)
            if cf.size(caption)[0] <= cap.w - u(32):
                break
        text(surface, cf, caption, (cap.x + u(16), cap.centery), p.ink, anchor="midleft", max_width=cap.w - u(32))

    def _draw_timeline(self, surface) -> None:
        app = self.app
        p = app.palette
        u = app.px
        r = self.L.timeline
        total = self._timeline_scale()
        pygame.draw.rect(surface, p.panel, r, border_radius=u(8))
        self._scan_episodes()
        eps = self.session.scenario.episodes
        # Episode bands: known starts from the run, planned lengths for the rest.
        starts = []
        t = 0.0
        for e, ep in enumerate(eps):
            if e < len(self._ep_rows):
                t = self._ep_rows[e] * DT
            starts.append(t)
            t += ep.duration_s
        starts.append(max(t, total))
        f = app.font(theme.SIZE_TINY, bold=True)
        for e in range(len(eps)):
            x0 = r.x + int(r.w * starts[e] / total)
            x1 = r.x + int(r.w * min(starts[e + 1], total) / total)
            colour = p.band_b if e % 2 else p.band_a
            if e + 1 in REUNION_EPISODES:
                colour = mix(theme.OI_ORANGE, p.panel, 0.75)
            pygame.draw.rect(surface, colour, (x0, r.y + 2, max(1, x1 - x0), r.h - 4))
            if x1 - x0 > f.size(str(e + 1))[0] + u(6):
                text(surface, f, str(e + 1), ((x0 + x1) // 2, r.y + u(4)), p.ink_soft, anchor="midtop")
        done = r.x + int(r.w * len(self.session.trajectory) * DT / total)
        pygame.draw.rect(surface, p.accent, (r.x, r.bottom - u(9), max(0, done - r.x), u(5)))
        xh = r.x + int(r.w * (self.view + 1) * DT / total)
        pygame.draw.line(surface, p.ink, (xh, r.y), (xh, r.bottom), max(2, u(3)))
        pygame.draw.polygon(surface, p.ink, [(xh - u(6), r.y), (xh + u(6), r.y), (xh, r.y + u(7))])
        pygame.draw.rect(surface, p.line, r, width=1, border_radius=u(8))
        if int(self.target) >= len(self.session.trajectory) + 4 and not self.session.finished:
            sf = app.font(theme.SIZE_TINY, italic=True)
            label = T["seeking"]
            tw, th = sf.size(label)
            box = pygame.Rect(r.right - u(8) - tw - u(8), r.bottom - th - u(12), tw + u(8), th + u(2))
            pygame.draw.rect(surface, p.panel, box, border_radius=u(4))
            text(surface, sf, label, (box.x + u(4), box.y + u(1)), p.ink)

    def _draw_chart(self, surface) -> None:
        app = self.app
        p = app.palette
        u = app.px
        r = self.L.lower
        pygame.draw.rect(surface, p.panel, r, border_radius=u(8))
        traj = self.session.trajectory
        end = min(self.view + 1, len(traj))
        start = max(0, end - int(CHART_WINDOW_S / DT))
        tf = app.font(theme.SIZE_TINY, bold=True)
        lh = tf.get_linesize()
        title = T["chart_title"].format(s=CHART_WINDOW_S)
        tr = text(surface, tf, title, (r.x + u(12), r.y + u(6) + lh // 2), p.ink_soft, anchor="midleft")
        lx = tr.right + u(24)
        if lx + u(200) > r.right:  # no room beside the title: the legend goes under it
            lx, ly = r.x + u(12), tr.bottom + lh // 2 + u(2)
        else:
            ly = tr.centery
        below = legend(surface, app, lx, ly, r.right - u(8))
        plot = pygame.Rect(r.x + u(12), below + u(6), r.w - u(24), max(u(8), r.bottom - u(8) - below - u(6)))
        pygame.draw.line(surface, p.line, plot.bottomleft, plot.bottomright, 1)
        span = int(CHART_WINDOW_S / DT)
        for name in _SERIES:
            c = _COL[name]
            step = max(1, (end - start) // 240)
            pts = [(plot.x + int(plot.w * (i - start) / span), plot.bottom - int(plot.h * float(traj[i][c])))
                   for i in range(start, end, step)]
            draw_series(surface, series_colour(p, name), pts, STYLES[name], max(1, u(p.line_width)), app.u)
        pygame.draw.rect(surface, p.line, r, width=1, border_radius=u(8))

    def _draw_panel(self, surface) -> None:
        app = self.app
        p = app.palette
        P = self.L.panel
        pygame.draw.rect(surface, p.panel, P, border_radius=app.px(14))
        pygame.draw.rect(surface, p.line, P, width=1, border_radius=app.px(14))

    def _draw_rating(self, surface) -> None:
        app = self.app
        p = app.palette
        u = app.px
        P = self.L.panel
        R = self.R
        self._draw_panel(surface)
        x = P.x + R.pad
        text(surface, app.font(theme.SIZE_HEADING - 2, bold=True), T["rate_title"], (x, R.title_y), p.ink)
        ef = app.font(theme.SIZE_TINY)
        self.hint_panel.draw(surface, R.hint, lambda s, x0, y0, w: paragraph_full(s, ef, T["rate_hint"], x0, y0, w,
                                                                                  p.ink_soft))
        hf = R.head_font
        for c, e in enumerate(OB.EPISODES):
            cx = R.col_x[c]
            text(surface, hf, T["reunion_col"][c], (cx, R.heads_y), p.ink, anchor="midtop")
            text(surface, ef, T["episode_col"].format(e=self._reunion_index(e) + 1),
                 (cx, R.heads_y + hf.get_linesize()), p.ink_soft, anchor="midtop")
        lh = hf.get_linesize()
        for r, scale in enumerate(OB.SCALES):
            y = R.rows_y[r]
            if r % 2 == 0:
                pygame.draw.rect(surface, p.panel_alt, (P.x + u(8), y, P.w - u(16), R.row_h), border_radius=u(8))
            name = S.OBSERVER_SCALES[scale]
            n = len(wrap(hf, name, R.name_w))
            paragraph_full(surface, hf, name, x, y + (R.row_h - n * lh) // 2 + u(2), R.name_w, p.ink, line_gap=2)
            for c, e in enumerate(OB.EPISODES):
                v = self.rating[e][scale]
                box = pygame.Rect(0, 0, R.value_w, R.step)
                box.center = (R.col_x[c], y + R.row_h // 2)
                pygame.draw.rect(surface, p.bg, box, border_radius=u(6))
                pygame.draw.rect(surface, p.line, box, width=max(1, u(2)), border_radius=u(6))
                if v is not None:
                    text(surface, R.value_font, str(v), box.center, p.ink, anchor="center")
        text(surface, hf, T["class_title"], (x, R.class_title_y), p.ink)

    def _draw_feedback(self, surface) -> None:
        app = self.app
        p = app.palette
        u = app.px
        P = self.L.panel
        self._draw_panel(surface)
        title_y, rect, _ = self._feedback_regions()
        paragraph_full(surface, app.font(theme.SIZE_HEADING - 2, bold=True), T["fb_title"], P.x + u(14), title_y,
                       P.w - u(28), p.ink, line_gap=1)
        ops, _ = self.fb_plan

        def paint(s, x0, y0, w):
            for kind, x, y, data in ops:
                if kind == "band":
                    pygame.draw.rect(s, p.panel_alt, (x0 + x, y0 + y, data[0], data[1]), border_radius=u(8))
                elif kind == "para":
                    font, words, width, colour = data
                    paragraph_full(s, font, words, x0 + x, y0 + y, width, getattr(p, colour))
            return y0 + self.fb_plan[1]
        self.fb_panel.draw(surface, rect, paint)

    def _evidence(self, scale: str, feats: dict, j: int, e: str) -> str:
        """The behaviour behind one score, in words."""
        def f(name):
            v = feats.get(name)
            return math.nan if v is None else float(np.asarray(v)[0, j])
        if scale == "proximity_seeking":
            fa = f("first_approach_s")
            if fa != fa:
                return T["ev_ps_none"]
            return T["ev_ps"].format(t=fa, b=int(f("approach_bouts")))
        if scale == "contact_maintaining":
            return T["ev_cm"].format(c=f("contact_s"), k=f("cling_s"))
        if scale == "resistance":
            return T["ev_rs"].format(r=f("resist_s"))
        return T["ev_av"].format(p=100 * f("avoid_share"))

    def _draw_finishing(self, surface) -> None:
        app = self.app
        p = app.palette
        u = app.px
        P = self.L.panel
        f = app.font(theme.SIZE_BODY, bold=True)
        pf = app.font(theme.SIZE_SMALL, bold=True)
        w = P.w - u(48)
        h = u(20) + paragraph_height(f, T["finishing"], w - u(32)) + u(14) + u(22) + u(6) + pf.get_linesize() + u(16)
        box = pygame.Rect(P.x + u(24), P.centery - h // 2, w, h)
        pygame.draw.rect(surface, p.shadow, box.move(0, u(3)), border_radius=u(14))
        pygame.draw.rect(surface, p.panel, box, border_radius=u(14))
        pygame.draw.rect(surface, p.accent, box, width=max(1, u(2)), border_radius=u(14))
        y = paragraph_full(surface, f, T["finishing"], box.x + u(16), box.y + u(20), w - u(32), p.ink)
        s = self.session
        planned = sum(ep.duration_s for ep in s.scenario.episodes) / DT
        frac = min(1.0, s.steps_taken / max(planned, 1.0))
        bar = pygame.Rect(box.x + u(16), y + u(10), box.w - u(32), u(22))
        pygame.draw.rect(surface, p.panel_alt, bar, border_radius=u(11))
        pygame.draw.rect(surface, p.accent, (bar.x, bar.y, max(u(22), int(bar.w * frac)), bar.h), border_radius=u(11))
        text(surface, pf, T["finishing_pct"].format(pct=100 * frac), (box.centerx, bar.bottom + u(6)), p.ink,
             anchor="midtop")

    # --- the block's agreement ------------------------------------------------------------------------------------
    def _draw_block(self, surface) -> None:
        app = self.app
        b = self.block
        draw_header(surface, app, T["block_title"], T["block_sub"].format(n=b.n_infants, seed=self.seed), y=24)
        self.block_panel.draw(surface, self.block_rect, self._paint_block)
        draw_hints(surface, app, S.APP_DISCLAIMER)

    def _paint_block(self, surface, x: int, y: int, w: int) -> int:
        """The scales table and the classification side by side (stacked in a narrow window), then infant by
        infant. Returns the y below."""
        u = self.app.px
        if w >= u(900):
            lw = int(w * 0.52)
            bottom = max(self._paint_scales(surface, x, y, lw - u(8)),
                         self._paint_classification(surface, x + lw + u(8), y, w - lw - u(8)))
        else:
            bottom = self._paint_classification(surface, x, self._paint_scales(surface, x, y, w) + u(12), w)
        return self._paint_infants(surface, x, bottom + u(12), w)

    def _box(self, surface, x: int, y: int, w: int, bottom: int) -> None:
        p = self.app.palette
        pygame.draw.rect(surface, p.panel, (x, y, w, bottom - y), border_radius=self.app.px(12))
        pygame.draw.rect(surface, p.line, (x, y, w, bottom - y), width=1, border_radius=self.app.px(12))

    def _paint_scales(self, surface, x: int, y: int, w: int) -> int:
        """Per-scale agreement, both reunions pooled."""
        app = self.app
        p = app.palette
        u = app.px
        b = self.block
        hf, bf = app.font(theme.SIZE_BODY, bold=True), app.font(theme.SIZE_BODY)
        sf, tf = app.font(theme.SIZE_SMALL, bold=True), app.font(theme.SIZE_TINY)
        rows = [(S.OBSERVER_SCALES[s_], b.scales[s_]) for s_ in OB.SCALES] + [(T["all_scales"], b.overall)]
        heads = (T["col_exact"], T["col_within"], T["col_diff"], T["col_n"])
        widest = bf.size("100%")[0]
        pad = u(14)
        num_w = [max(sf.size(h)[0], widest) + u(14) for h in heads]  # heads whole when the names still fit
        if w - 2 * pad - sum(num_w) < max(hf.size(label)[0] for label, _ in rows) + u(8):
            num_w = [max(max(sf.size(word)[0] for word in h.split()), widest) + u(14) for h in heads]
        name_w = w - 2 * pad - sum(num_w)
        xs = [x + pad + name_w]
        for nw in num_w[:-1]:
            xs.append(xs[-1] + nw)
        self._box(surface, x, y, w, y + self._scales_height(w, hf, bf, sf, tf, rows, heads, num_w, name_w))
        yy = paragraph_full(surface, hf, T["block_scales"], x + pad, y + u(10), w - 2 * pad, p.ink) + u(6)
        head_h = max(text_height(sf, h, nw - u(8)) for h, nw in zip(heads, num_w))
        head_h = max(head_h, text_height(sf, T["col_scale"], name_w - u(8)))
        paragraph_full(surface, sf, T["col_scale"], x + pad, yy, name_w - u(8), p.ink_soft)
        for h, cx, nw in zip(heads, xs, num_w):
            paragraph_full(surface, sf, h, cx, yy, nw - u(8), p.ink_soft)
        yy += head_h + u(6)

        def pct(v):
            return T["empty"] if v != v else T["pct"].format(v=v)
        for i, (label, a_) in enumerate(rows):
            font = hf if i == len(rows) - 1 else bf
            rh = text_height(font, label, name_w - u(8)) + u(8)
            if i % 2 == 0:
                pygame.draw.rect(surface, p.panel_alt, (x + u(6), yy - u(4), w - u(12), rh), border_radius=u(6))
            paragraph_full(surface, font, label, x + pad, yy, name_w - u(8), p.ink)
            diff = T["empty"] if a_.mean_abs_diff != a_.mean_abs_diff else T["diff"].format(v=a_.mean_abs_diff)
            for cx, v in zip(xs, (pct(a_.exact), pct(a_.within_one), diff, str(a_.n))):
                text(surface, font, v, (cx, yy), p.ink)
            yy += rh
        yy += u(6)
        return paragraph_full(surface, tf, T["scales_note"], x + pad, yy, w - 2 * pad, p.ink_soft) + u(12)

    def _scales_height(self, w, hf, bf, sf, tf, rows, heads, num_w, name_w) -> int:
        """Height (px) of the scales box (its text measured as :meth:`_paint_scales` draws it)."""
        u = self.app.px
        pad = u(14)
        h = u(10) + text_height(hf, T["block_scales"], w - 2 * pad) + u(6)
        head_h = max(text_height(sf, hd, nw - u(8)) for hd, nw in zip(heads, num_w))
        h += max(head_h, text_height(sf, T["col_scale"], name_w - u(8))) + u(6)
        for i, (label, _) in enumerate(rows):
            h += text_height(hf if i == len(rows) - 1 else bf, label, name_w - u(8)) + u(8)
        return h + u(6) + text_height(tf, T["scales_note"], w - 2 * pad) + u(12)

    def _class_lines(self) -> list[tuple[str, str, bool]]:
        """The classification's lines: (text, colour name, small?)."""
        b = self.block
        k = b.kappa
        same = int(round(b.classification_agreement * k.n)) if k.n else 0
        agreement = T["empty"] if b.classification_agreement != b.classification_agreement else \
            T["pct"].format(v=b.classification_agreement)
        out = [(T["block_same"].format(pct=agreement, k=same, n=k.n), "ink", False)] if k.n else []
        out += [(T["block_kappa_nan"] if k.kappa != k.kappa else T["block_kappa"].format(
                   kappa=k.kappa, lo=k.ci95[0], hi=k.ci95[1], obs=k.observed, exp=k.expected), "ink", False)]
        if k.message:
            out.append((k.message[:1].upper() + k.message[1:] + ".", "warn", True))
        out.append((T["block_guide"], "ink_soft", True))
        return out

    def _paint_classification(self, surface, x: int, y: int, w: int) -> int:
        """Agreement on the pattern, kappa with its 95% CI, and the confusion matrix."""
        app = self.app
        p = app.palette
        u = app.px
        pad = u(14)
        hf, bf = app.font(theme.SIZE_BODY, bold=True), app.font(theme.SIZE_BODY)
        sf, tf = app.font(theme.SIZE_SMALL, bold=True), app.font(theme.SIZE_TINY)
        iw = w - 2 * pad
        cell = max(u(30), sf.get_linesize() + u(8))
        code_w = max(sf.size(c)[0] for c in OB.CLASSES) + u(12)
        mat_w = code_w + 4 * cell
        beside = iw - mat_w - u(16) >= u(160)
        note_w = iw - mat_w - u(16) if beside else iw
        h = u(10) + text_height(hf, T["block_class"], iw) + u(6)
        for words, _, small in self._class_lines():
            h += text_height(tf if small else bf, words, iw) + u(6)
        h += u(6) + text_height(tf, T["confusion"], iw) + u(4) + sf.get_linesize() + 4 * cell
        note_h = text_height(tf, T["confusion_note"], note_w)
        h += max(0, note_h - 4 * cell) if beside else u(8) + note_h
        self._box(surface, x, y, w, y + h + u(12))
        yy = paragraph_full(surface, hf, T["block_class"], x + pad, y + u(10), iw, p.ink) + u(6)
        for words, colour, small in self._class_lines():
            yy = paragraph_full(surface, tf if small else bf, words, x + pad, yy, iw, getattr(p, colour)) + u(6)
        yy = paragraph_full(surface, tf, T["confusion"], x + pad, yy + u(6), iw, p.ink_soft) + u(4)
        m = self.block.kappa.confusion
        mx, my = x + pad + code_w, yy + sf.get_linesize()
        for j, code in enumerate(OB.CLASSES):
            text(surface, sf, code, (mx + j * cell + cell // 2, my - u(2)), p.ink, anchor="midbottom")
            text(surface, sf, code, (mx - u(8), my + j * cell + cell // 2), p.ink, anchor="midright")
        mmax = max(1, int(m.max()) if m.size else 1)
        for i in range(4):
            for j in range(4):
                v = int(m[i, j]) if m.size else 0
                rr = pygame.Rect(mx + j * cell, my + i * cell, cell - u(3), cell - u(3))
                base = p.ok if i == j else p.warn
                pygame.draw.rect(surface, mix(p.panel, base, 0.15 + 0.6 * v / mmax) if v else p.panel_alt, rr,
                                 border_radius=u(4))
                text(surface, sf, str(v), rr.center, p.ink, anchor="center")
        if beside:
            paragraph_full(surface, tf, T["confusion_note"], mx + 4 * cell + u(16), my, note_w, p.ink_soft)
        else:
            paragraph_full(surface, tf, T["confusion_note"], x + pad, my + 4 * cell + u(8), note_w, p.ink_soft)
        return y + h + u(12)

    def _paint_infants(self, surface, x: int, y: int, w: int) -> int:
        """Infant by infant: both codings, and the history behind each infant revealed."""
        app = self.app
        p = app.palette
        u = app.px
        hf, sf = app.font(theme.SIZE_BODY, bold=True), app.font(theme.SIZE_SMALL, bold=True)
        tf = app.font(theme.SIZE_TINY)
        pad = u(14)
        cols = 2 if w >= u(900) else 1
        cw = (w - 2 * pad - (cols - 1) * u(20)) // cols
        entries = []
        for i, (mine, ref) in enumerate(zip(self.learner, self.reference)):
            you = mine.get("classification") or T["empty"]
            att = ref.get("classification") or T["empty"]
            line = T["per_infant"].format(k=i + 1, you=you, att=att)
            if you == att:
                line = T["fb_same_suffix"].format(line=line)
            d = self.drawn.get(i)
            hist = d["hidden"]["history"] if isinstance(d, dict) else ""
            h = text_height(sf, line, cw) + u(2) + (text_height(tf, hist, cw) if hist else 0) + u(10)
            entries.append((line, hist, you == att, h))
        per_col = (len(entries) + cols - 1) // cols if entries else 0
        col_h = [sum(e[3] for e in entries[c * per_col:(c + 1) * per_col]) for c in range(cols)]
        head_h = text_height(hf, T["block_infants"], w - 2 * pad) + u(8)
        total = u(10) + head_h + max(col_h + [0]) + u(6)
        self._box(surface, x, y, w, y + total)
        top = paragraph_full(surface, hf, T["block_infants"], x + pad, y + u(10), w - 2 * pad, p.ink) + u(8)
        for c in range(cols):
            yy = top
            for line, hist, same, _ in entries[c * per_col:(c + 1) * per_col]:
                cx = x + pad + c * (cw + u(20))
                yy = paragraph_full(surface, sf, line, cx, yy, cw, p.ok if same else p.ink) + u(2)
                if hist:
                    yy = paragraph_full(surface, tf, hist, cx, yy, cw, p.ink_soft)
                yy += u(10)
        return y + total
