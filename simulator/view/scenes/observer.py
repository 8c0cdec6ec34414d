"""Observer mode: watch an unlabelled infant's Strange Situation, rate the reunions, and compare with Attune's coding.

A block of infants (10 by default) is drawn from a seed with ``content.observer.draw_infant``. For each
infant the learner watches the procedure (no live chart unless asked for: key G), rates proximity
seeking, contact maintaining, resistance and avoidance for episodes 5 and 8 (1-7, or left empty) and
chooses a classification. Attune then shows its own scores (``model.scoring.score_session``) with the
behaviour that produced each one, and buttons that jump to those moments. The session is recorded
(``record=True``) so any earlier moment is shown from its trajectory at once; later moments are reached
by stepping the model (a few milliseconds per frame, so the window stays responsive). After the block,
``content.observer.block_agreement`` gives per-scale agreement, percentage agreement on the
classification and Cohen's kappa.
"""

from __future__ import annotations

import math
import threading
import time

import numpy as np
import pygame

from ...content import observer as OB
from ...model.session import TRAJECTORY_COLUMNS
from ...model.behaviour import BEHAVIOUR_IDS
from ...model.session import DT
from .. import strings as S
from .. import theme
from ..drawing.room import CAPTION, ROOM, draw_backdrop, draw_people, infant_caption
from ..drawing.figures import people_skins
from ..scene import Scene
from ..widgets import Button, FocusGroup, draw_header, draw_hints, mix, panel, paragraph, text


# --- strings (this screen's user-visible text) ------------------------------------------------------------------
T = {
    "banner": "Observer  ·  infant {k} of {n}  ·  {title}",
    "loading_banner": "Observer  ·  infant {k} of {n}",
    "loading": "Preparing the next infant: an unlabelled caregiving history, drawn at random…",
    "loading_failed": "This infant could not be prepared: {error}",
    "banner_done": "Observer  ·  infant {k} of {n}  ·  the procedure is over",
    "clock": "{m}:{s:02d}",
    "rate_title": "Your coding",
    "rate_hint": "Rate episodes 5 and 8 from 1 to 7. Tab to a box and type a number; leave it empty if you "
                 "did not see enough.",
    "reunion_col": ("Reunion 1", "Reunion 2"),
    "episode_col": "episode {e}",
    "empty": "–",
    "class_title": "Classification",
    "submit": "See Attune's coding",
    "finishing": "Running the rest of the procedure so Attune can code it…",
    "finishing_pct": "{pct:.0f}%",
    "fb_title": "Attune's coding beside yours",
    "fb_hint": "Your rating · Attune's. A time button replays the moment behind a score.",
    "fb_you_att": "you · Attune",
    "fb_class": "Classification: you {you}, Attune {att} ({name})",
    "fb_class_none": "Classification: you did not choose; Attune {att} ({name})",
    "fb_history": "Behind this simulated infant: {history}.",
    "fb_same": "same",
    "next": "Next infant",
    "to_block": "See the block's agreement",
    "jump": "{m}:{s:02d}",
    "jump_start": "start",
    "ev_ps": "approaches at {t:.0f} s · {b} bouts",
    "ev_ps_none": "no full approach",
    "ev_cm": "contact {c:.0f} s · clinging {k:.0f} s",
    "ev_rs": "resisting {r:.1f} s in all",
    "ev_av": "avoids {p:.0f}% of the time",
    "block_title": "Block of {n} infants: how your coding agrees with Attune's",
    "block_sub": "Two coders of simulated infants (block seed {seed}). A classification describes a relationship "
                 "in this procedure, never a child.",
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

SCALE_NAMES = {"proximity_seeking": "Proximity seeking", "contact_maintaining": "Contact maintaining",
               "resistance": "Resistance", "avoidance": "Avoidance"}
CLASS_COLOURS = {"A": theme.OI_SKY, "B": theme.OI_GREEN, "C": theme.OI_ORANGE, "D": theme.OI_PURPLE}
SPEEDS = (1.0, 2.0, 4.0, 8.0, 16.0)
FRAME_BUDGET_S = 0.030  # model stepping per frame, so the window stays responsive
CHART_WINDOW_S = 90.0

TIMELINE = pygame.Rect(16, 506, 736, 44)
LOWER = pygame.Rect(16, 558, 736, 106)
PANEL = pygame.Rect(768, 68, 496, 596)
CONTROLS_Y = 672

_COL = {name: i for i, name in enumerate(TRAJECTORY_COLUMNS)}
_SERIES = ("positive_affect", "negative_affect", "gaze", "arousal")


def _mmss(seconds: float) -> tuple[int, int]:
    m, s = divmod(int(max(0.0, seconds)), 60)
    return m, s


def default_make(drawn: dict):
    """The recorded one-infant session of a drawn infant (``content.observer.make_session``)."""
    return OB.make_session(drawn, record=True)


class ObserverScene(Scene):
    """Observer training: watch, rate, compare, and after a block see the agreement.

    Args:
        seed: the block's seed (default: from the clock, shown on screen so a block can be repeated).
        block_size: infants in a block (``content.observer.BLOCK_SIZE``; tests use fewer).
        make: ``make(drawn) -> Session`` (recorded, N = 1); tests pass one with shortened episodes.
    """
    native = False  # still laid out for the 1280x720 design (drawn on a design canvas, scaled)

    name = "observer"

    def __init__(self, app, seed: int | None = None, block_size: int = OB.BLOCK_SIZE, make=None,
                 draw=None) -> None:
        super().__init__(app)
        self.seed = int(seed) if seed is not None else int(time.time()) % 100_000
        self.block_size = max(1, int(block_size))
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
        self.group = FocusGroup(app)
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
    def _col_x(self, c: int) -> int:
        return PANEL.x + 262 + c * 120

    def relayout(self) -> None:
        """Build the controls of the current phase."""
        items: list[Button] = []
        if self.phase == "loading":
            items.append(Button((1264 - 120, CONTROLS_Y, 120, 40), T["home"], self.close, key_label="Esc",
                                ident="home", style="quiet", font_size=15))
            self.group.set(items, keep=False)
            return
        if self.phase == "block":
            items.append(Button((40, 652, 200, 44), T["new_block"], self.new_block, key=pygame.K_n, key_label="N",
                                ident="new_block", style="primary"))
            for k, n in enumerate(OB.BLOCK_SIZES):  # the next block's size
                items.append(Button((256 + k * 150, 652, 140, 44), T["block_of"].format(n=n),
                                    lambda n=n: self.set_block_size(n), key=pygame.K_5 if n == 5 else pygame.K_0,
                                    key_label="5" if n == 5 else "0", style="option", selected=self.block_size == n,
                                    ident=f"block_size:{n}"))
            items.append(Button((1240 - 130, 652, 130, 44), T["home"], self.close, key_label="Esc", ident="home",
                                style="quiet"))
            self.group.set(items, keep=False)
            return
        # Transport along the bottom.
        font = self.app.font(15)
        x = 16

        def add(label, fn, key, cap, ident, style="normal", locked=False, width=None):
            nonlocal x
            w = width or font.size(label)[0] + (52 if cap else 24)
            items.append(Button((x, CONTROLS_Y, w, 40), label, fn, key=key, key_label=cap, ident=ident, style=style,
                                locked=locked, font_size=15))
            x += w + 6

        add(T["pause"] if self.playing else T["play"], self.toggle_play, pygame.K_p, "P", "play",
            width=font.size(T["pause"])[0] + 52)
        add(T["slower"], self.slower, pygame.K_MINUS, "-", "slower", locked=self.speed <= SPEEDS[0])
        x += font.size(T["speed"].format(x=16))[0] + 6
        add(T["faster"], self.faster, pygame.K_EQUALS, "=", "faster", locked=self.speed >= SPEEDS[-1])
        add(T["back5"], lambda: self.nudge(-5.0), pygame.K_COMMA, ",", "back5")
        add(T["fwd5"], lambda: self.nudge(5.0), pygame.K_PERIOD, ".", "fwd5")
        add(T["ep_start"], self.episode_start, pygame.K_r, "R", "ep_start")
        add(T["next_ep"], self.next_episode, pygame.K_n, "N", "next_ep")
        add(T["chart_off"] if self.show_chart else T["chart_on"], self.toggle_chart, pygame.K_g, "G", "chart",
            width=font.size(T["chart_off"])[0] + 52)
        hw = font.size(T["home"])[0] + 60
        items.append(Button((1264 - hw, CONTROLS_Y, hw, 40), T["home"], self.close, key_label="Esc", ident="home",
                            style="quiet", font_size=15))
        if self.phase in ("watch", "finishing"):
            locked = self.phase != "watch"
            y0 = PANEL.y + 138
            for r, scale in enumerate(OB.SCALES):
                y = y0 + r * 52
                for c, e in enumerate(OB.EPISODES):
                    cx = self._col_x(c)
                    items.append(Button((cx - 54, y, 34, 34), "−", lambda e=e, s=scale: self.rate(e, s, delta=-1),
                                        ident=f"rate:{e}:{scale}:-", locked=locked, font_size=18))
                    items.append(Button((cx + 20, y, 34, 34), "+", lambda e=e, s=scale: self.rate(e, s, delta=1),
                                        ident=f"rate:{e}:{scale}:+", locked=locked, font_size=18))
            y = y0 + 4 * 52 + 44
            bw = (PANEL.w - 32 - 10) // 2
            for i, code in enumerate(OB.CLASSES):
                rr, cc = divmod(i, 2)
                items.append(Button((PANEL.x + 16 + cc * (bw + 10), y + rr * 42, bw, 36),
                                    f"{code}  {S.CLASS_NAMES.get(code, code).split(' (')[0]}",
                                    lambda code=code: self.choose_class(code), key=getattr(pygame, f"K_{code.lower()}"),
                                    key_label=code, style="option", selected=self.rating["classification"] == code,
                                    locked=locked, ident=f"class:{code}", font_size=16))
            items.append(Button((PANEL.x + 16, PANEL.bottom - 58, PANEL.w - 32, 44), T["submit"], self.submit,
                                key=pygame.K_s, key_label="S", ident="submit", style="primary", locked=locked))
        elif self.phase == "feedback":
            for r, scale in enumerate(OB.SCALES):
                for c, e in enumerate(OB.EPISODES):
                    row, at = self.moments.get((e, scale), (0, None))
                    if at is None:
                        label = T["jump_start"]
                    else:
                        label = T["jump"].format(m=int(at) // 60, s=int(at) % 60)
                    cx, cy = self._fb_cell(r, c)
                    items.append(Button((cx + 100, cy - 1, 68, 28), label, lambda row=row: self.jump(row),
                                        ident=f"jump:{e}:{scale}", font_size=14))
            last = self.k + 1 >= self.block_size
            items.append(Button((PANEL.x + 16, PANEL.bottom - 58, PANEL.w - 32, 44),
                                T["to_block"] if last else T["next"], self.next_infant, key=pygame.K_i,
                                key_label="I", ident="next", style="primary"))
        self.group.set(items)

    def _fb_cell(self, r: int, c: int) -> tuple[int, int]:
        """Top-left of the feedback cell of scale row ``r`` and reunion column ``c``."""
        return PANEL.x + 138 + c * 178, PANEL.y + 118 + r * 60

    def jump(self, row: int) -> None:
        """Replay from a moment (a trajectory row)."""
        self.seek(row)
        self.playing = True
        self.relayout()

    # --- scene hooks ------------------------------------------------------------------------------------------------
    def resume(self) -> None:
        self.relayout()

    def update(self, dt: float) -> None:
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

    def process_event(self, event):
        event = self.group.process_event(event)
        if event is None:
            return None
        if event.type == pygame.KEYDOWN:
            key = event.key
            if key == pygame.K_ESCAPE:
                self.close()
                return None
            if self.phase in ("block", "loading"):
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
                and self.phase not in ("block", "loading"):
            if TIMELINE.collidepoint(event.pos):
                self.seek(self._timeline_row(event.pos[0]))
                return None
        return event

    def _font(self, size: int, cap: int, bold: bool = False, italic: bool = False):
        """The text-scaled font, but no larger than ``cap`` pixels (dense tables keep their columns)."""
        return self.app.font(min(cap, round(size * self.app.text_scale)), bold=bold, italic=italic, scaled=False)

    # --- timeline ---------------------------------------------------------------------------------------------------
    def _timeline_scale(self) -> float:
        """Seconds shown across the timeline: the planned procedure, or longer once it has run longer."""
        planned = sum(ep.duration_s for ep in self.session.scenario.episodes)
        return max(planned, len(self.session.trajectory) * DT)

    def _timeline_row(self, x: int) -> int:
        total = self._timeline_scale()
        t = (x - TIMELINE.x) / TIMELINE.w * total
        return int(max(0.0, t) / DT)

    # --- drawing -----------------------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        if self.phase == "loading":
            self._draw_loading(surface)
            self.group.draw(surface)
            return
        if self.phase == "block":
            self._draw_block(surface)
            self.group.draw(surface)
            return
        self._draw_banner(surface)
        row = self._row()
        self._draw_room(surface, row)
        self._draw_caption(surface, row)
        self._draw_timeline(surface)
        if self.show_chart:
            self._draw_chart(surface)
        else:
            paragraph(surface, self.app.font(theme.SIZE_SMALL, italic=True), T["watch_note"],
                      LOWER.inflate(-24, -16), self.app.palette.ink_soft, max_lines=4)
        if self.phase == "feedback":
            self._draw_feedback(surface)
        else:
            self._draw_rating(surface)
        self.group.draw(surface)
        sl = self.group.find("slower")
        if sl is not None:
            text(surface, self.app.font(15, bold=True), T["speed"].format(x=self.speed),
                 (sl.rect.right + 8, sl.rect.centery), self.app.palette.ink, anchor="midleft")
        if self.phase == "finishing":
            self._draw_finishing(surface)

    def _draw_loading(self, surface) -> None:
        app = self.app
        p = app.palette
        pygame.draw.rect(surface, p.banner, (0, 0, 1280, 58))
        text(surface, app.font(theme.SIZE_HEADING - 2, bold=True), T["loading_banner"].format(k=self.k + 1,
             n=self.block_size), (20, 29), p.banner_ink, anchor="midleft", max_width=1200)
        box = pygame.Rect(340, 250, 600, 160)
        panel(surface, box, p.panel, p.line, shadow=p.shadow)
        msg = T["loading_failed"].format(error=self.error) if self.error else T["loading"]
        paragraph(surface, app.font(theme.SIZE_BODY), msg, box.inflate(-48, -40), p.warn if self.error else p.ink,
                  max_lines=4)
        # An indeterminate progress stripe (moves with the frame count).
        if not self.error:
            bar = pygame.Rect(box.x + 24, box.bottom - 40, box.w - 48, 12)
            pygame.draw.rect(surface, p.panel_alt, bar, border_radius=6)
            w = bar.w // 4
            x = bar.x + (self.app.frame_count * 6) % (bar.w - w)
            pygame.draw.rect(surface, p.accent, (x, bar.y, w, bar.h), border_radius=6)

    def _draw_banner(self, surface) -> None:
        app = self.app
        p = app.palette
        pygame.draw.rect(surface, p.banner, (0, 0, 1280, 58))
        row = self._row()
        e = int(row[_COL["episode"]])
        ep = self.session.scenario.episodes[e - 1]
        done = self.session.finished and self.view >= len(self.session.trajectory) - 1
        title = T["banner_done"].format(k=self.k + 1, n=self.block_size) if done else \
            T["banner"].format(k=self.k + 1, n=self.block_size, title=ep.title)
        text(surface, app.font(theme.SIZE_HEADING - 2, bold=True), title, (20, 29), p.banner_ink, anchor="midleft",
             max_width=1000)
        m, s = _mmss(float(row[_COL["t"]]))
        text(surface, app.font(theme.SIZE_HEADING - 2, bold=True), T["clock"].format(m=m, s=s), (1260, 29),
             p.banner_ink, anchor="midright")
        if e in (5, 8) and not done:
            pygame.draw.rect(surface, theme.OI_ORANGE, (0, 54, 1280, 4))

    def _draw_room(self, surface, row) -> None:
        draw_backdrop(surface, self.app.palette, ROOM)
        cg_action = row[_COL["caregiver_action"]] or None
        st_action = row[_COL["stranger_action"]] or None
        draw_people(surface, self.app, snap={k: float(row[_COL[k]]) for k in _SERIES},
                    behaviour=row[_COL["behaviour"]], contact=bool(row[_COL["contact"]]),
                    near=bool(row[_COL["near"]]), caregiver_present=cg_action is not None,
                    stranger_present=st_action is not None, caregiver_action=cg_action,
                    stranger_action=st_action, room=ROOM, skins=people_skins(self.seed * 1000 + self.k),
                    age_months=d.get("age_months") if isinstance(d := self.drawn.get(self.k), dict) else None)

    def _draw_caption(self, surface, row) -> None:
        app = self.app
        p = app.palette
        pygame.draw.rect(surface, p.panel, CAPTION, border_radius=10)
        caption = infant_caption(row[_COL["behaviour"]], bool(row[_COL["caregiver_action"]]),
                                 bool(row[_COL["stranger_action"]]))
        text(surface, app.font(theme.SIZE_HEADING - 4, bold=True), caption,
             (CAPTION.x + 16, CAPTION.centery), p.ink, anchor="midleft", max_width=CAPTION.w - 32)

    def _draw_timeline(self, surface) -> None:
        app = self.app
        p = app.palette
        r = TIMELINE
        total = self._timeline_scale()
        pygame.draw.rect(surface, p.panel, r, border_radius=8)
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
            if e in (4, 7):
                colour = mix(theme.OI_ORANGE, p.panel, 0.75)
            pygame.draw.rect(surface, colour, (x0, r.y + 2, max(1, x1 - x0), r.h - 4))
            if x1 - x0 > 18:
                text(surface, f, str(e + 1), ((x0 + x1) // 2, r.y + 12), p.ink_soft, anchor="center")
        done = r.x + int(r.w * len(self.session.trajectory) * DT / total)
        pygame.draw.rect(surface, p.accent, (r.x, r.bottom - 8, max(0, done - r.x), 5))
        xh = r.x + int(r.w * (self.view + 1) * DT / total)
        pygame.draw.line(surface, p.ink, (xh, r.y), (xh, r.bottom), 3)
        pygame.draw.polygon(surface, p.ink, [(xh - 6, r.y), (xh + 6, r.y), (xh, r.y + 7)])
        pygame.draw.rect(surface, p.line, r, width=1, border_radius=8)
        if int(self.target) >= len(self.session.trajectory) + 4 and not self.session.finished:
            text(surface, app.font(theme.SIZE_TINY, italic=True), T["seeking"], (r.right - 8, r.y + 30), p.ink,
                 anchor="midright")

    def _draw_chart(self, surface) -> None:
        from ..drawing.chart import STYLES, draw_series, legend, series_colour
        app = self.app
        p = app.palette
        r = LOWER
        pygame.draw.rect(surface, p.panel, r, border_radius=8)
        traj = self.session.trajectory
        end = min(self.view + 1, len(traj))
        start = max(0, end - int(CHART_WINDOW_S / DT))
        plot = pygame.Rect(r.x + 12, r.y + 26, r.w - 24, r.h - 34)
        tf = app.font(theme.SIZE_TINY, bold=True)
        text(surface, tf, T["chart_title"].format(s=CHART_WINDOW_S), (r.x + 12, r.y + 12), p.ink_soft, anchor="midleft")
        legend(surface, app, r.x + 250, r.y + 12, r.right - 8)
        pygame.draw.line(surface, p.line, plot.bottomleft, plot.bottomright, 1)
        span = int(CHART_WINDOW_S / DT)
        for name in _SERIES:
            c = _COL[name]
            step = max(1, (end - start) // 240)
            pts = [(plot.x + int(plot.w * (i - start) / span), plot.bottom - int(plot.h * float(traj[i][c])))
                   for i in range(start, end, step)]
            draw_series(surface, series_colour(p, name), pts, STYLES[name], p.line_width)
        pygame.draw.rect(surface, p.line, r, width=1, border_radius=8)

    def _draw_rating(self, surface) -> None:
        app = self.app
        p = app.palette
        panel(surface, PANEL, p.panel, p.line)
        x = PANEL.x + 16
        r = text(surface, app.font(theme.SIZE_HEADING - 2, bold=True), T["rate_title"], (x, PANEL.y + 12), p.ink)
        paragraph(surface, self._font(theme.SIZE_TINY, 16), T["rate_hint"],
                  pygame.Rect(x, r.bottom + 4, PANEL.w - 32, 40), p.ink_soft, max_lines=2)
        hf = self._font(theme.SIZE_SMALL, 18, bold=True)
        tf = self._font(theme.SIZE_TINY, 15)
        for c, e in enumerate(OB.EPISODES):
            cx = self._col_x(c)
            text(surface, hf, T["reunion_col"][c], (cx, PANEL.y + 96), p.ink, anchor="midtop")
            text(surface, tf, T["episode_col"].format(e=self._reunion_index(e) + 1), (cx, PANEL.y + 116), p.ink_soft,
                 anchor="midtop")
        vf = self._font(theme.SIZE_HEADING - 2, 28, bold=True)
        y0 = PANEL.y + 138
        for rr, scale in enumerate(OB.SCALES):
            y = y0 + rr * 52
            if rr % 2 == 0:
                pygame.draw.rect(surface, p.panel_alt, (PANEL.x + 8, y - 8, PANEL.w - 16, 50), border_radius=8)
            text(surface, hf, SCALE_NAMES[scale], (x, y + 17), p.ink, anchor="midleft", max_width=self._col_x(0) - 60 - x)
            for c, e in enumerate(OB.EPISODES):
                v = self.rating[e][scale]
                text(surface, vf, T["empty"] if v is None else str(v), (self._col_x(c), y + 17),
                     p.ink if v is not None else p.ink_faint, anchor="center")
        text(surface, hf, T["class_title"], (x, y0 + 4 * 52 + 20), p.ink)

    def _draw_feedback(self, surface) -> None:
        app = self.app
        p = app.palette
        panel(surface, PANEL, p.panel, p.line)
        x = PANEL.x + 16
        text(surface, app.font(theme.SIZE_HEADING - 2, bold=True), T["fb_title"], (x, PANEL.y + 12), p.ink)
        tf = self._font(theme.SIZE_TINY, 15)
        text(surface, tf, T["fb_hint"], (x, PANEL.y + 44), p.ink_soft, max_width=PANEL.w - 32)
        hf = self._font(theme.SIZE_SMALL, 17, bold=True)
        for c, e in enumerate(OB.EPISODES):
            cx, _ = self._fb_cell(0, c)
            text(surface, hf, T["reunion_col"][c], (cx, PANEL.y + 70), p.ink, max_width=174)
            text(surface, tf, f"{T['episode_col'].format(e=self._reunion_index(e) + 1)}: {T['fb_you_att']}",
                 (cx, PANEL.y + 91), p.ink_soft, max_width=174)
        feats = self.scores.features
        ref = self.reference[-1]
        mine = self.learner[-1]
        vf = self._font(theme.SIZE_BODY, 22, bold=True)
        for rr, scale in enumerate(OB.SCALES):
            _, y = self._fb_cell(rr, 0)
            if rr % 2 == 0:
                pygame.draw.rect(surface, p.panel_alt, (PANEL.x + 8, y - 6, PANEL.w - 16, 58), border_radius=8)
            paragraph(surface, hf, SCALE_NAMES[scale], pygame.Rect(x, y + 2, 112, 44), p.ink)
            for c, e in enumerate(OB.EPISODES):
                cx, cy = self._fb_cell(rr, c)
                you, att = mine[e][scale], ref[e][scale]
                diff = None if you is None or att is None else abs(you - att)
                colour = p.ink_faint if diff is None else p.ok if diff == 0 else p.ink if diff == 1 else p.warn
                txt = f"{T['empty'] if you is None else you} · {T['empty'] if att is None else att}"
                text(surface, vf, txt, (cx, cy + 12), colour, anchor="midleft")
                ev = self._evidence(scale, feats, self._reunion_index(e), e)
                text(surface, tf, ev, (cx, cy + 30), p.ink_soft, max_width=174)
        # Classification, the reasons behind Attune's, and the hidden history.
        _, y = self._fb_cell(4, 0)
        y += 4
        att = ref["classification"] or "–"
        name = S.CLASS_NAMES.get(att, att)
        you = mine["classification"]
        line = T["fb_class"].format(you=you, att=att, name=name) if you else T["fb_class_none"].format(att=att, name=name)
        r = text(surface, hf, line + (f"  ·  {T['fb_same']}" if you == att else ""), (x, y),
                 p.ok if you == att else p.ink, max_width=PANEL.w - 32)
        y = r.bottom + 4
        reasons = "; ".join(self.scores.reasons[0]) if self.scores.reasons and self.scores.reasons[0] else ""
        y = paragraph(surface, tf, reasons, pygame.Rect(x, y, PANEL.w - 32, 96), p.ink_soft, max_lines=5) + 6
        hist = self.drawn[self.k]["hidden"]["history"]
        paragraph(surface, self._font(theme.SIZE_SMALL, 18, italic=True), T["fb_history"].format(history=hist),
                  pygame.Rect(x, y, PANEL.w - 32, 44), p.ink, max_lines=2)

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
        box = pygame.Rect(PANEL.x + 24, PANEL.y + 200, PANEL.w - 48, 150)
        panel(surface, box, p.panel, p.accent, shadow=p.shadow)
        paragraph(surface, app.font(theme.SIZE_BODY, bold=True), T["finishing"], box.inflate(-32, -24), p.ink,
                  max_lines=2)
        s = self.session
        planned = sum(ep.duration_s for ep in s.scenario.episodes) / DT
        frac = min(1.0, s.steps_taken / max(planned, 1.0))
        bar = pygame.Rect(box.x + 16, box.bottom - 54, box.w - 32, 22)
        pygame.draw.rect(surface, p.panel_alt, bar, border_radius=11)
        pygame.draw.rect(surface, p.accent, (bar.x, bar.y, max(22, int(bar.w * frac)), bar.h), border_radius=11)
        text(surface, app.font(theme.SIZE_SMALL, bold=True), T["finishing_pct"].format(pct=100 * frac),
             (box.centerx, bar.bottom + 6), p.ink, anchor="midtop")

    def _draw_block(self, surface) -> None:
        app = self.app
        p = app.palette
        b = self.block
        y = draw_header(surface, app, T["block_title"].format(n=b.n_infants), T["block_sub"].format(seed=self.seed),
                        y=24)
        left = pygame.Rect(40, y + 10, 640, 350)
        panel(surface, left, p.panel, p.line, shadow=p.shadow)
        hf = app.font(theme.SIZE_BODY, bold=True)
        bf = app.font(theme.SIZE_BODY)
        sf = app.font(theme.SIZE_SMALL, bold=True)
        tf = app.font(theme.SIZE_TINY)
        text(surface, hf, T["block_scales"], (left.x + 16, left.y + 12), p.ink)
        cols = (left.x + 16, left.x + 236, left.x + 326, left.x + 416, left.x + 566)
        yy = left.y + 52
        for cx, label in zip(cols, (T["col_scale"], T["col_exact"], T["col_within"], T["col_diff"], T["col_n"])):
            text(surface, sf, label, (cx, yy), p.ink_soft)
        yy += 34

        def pct(v):
            return T["empty"] if v != v else f"{v:.0%}"
        rows = [(SCALE_NAMES[s_], b.scales[s_]) for s_ in OB.SCALES] + [(T["all_scales"], b.overall)]
        for i, (label, a_) in enumerate(rows):
            if i % 2 == 0:
                pygame.draw.rect(surface, p.panel_alt, (left.x + 8, yy - 7, left.w - 16, 36), border_radius=6)
            font = hf if i == len(rows) - 1 else bf
            text(surface, font, label, (cols[0], yy), p.ink, max_width=cols[1] - cols[0] - 8)
            text(surface, font, pct(a_.exact), (cols[1], yy), p.ink)
            text(surface, font, pct(a_.within_one), (cols[2], yy), p.ink)
            text(surface, font, T["empty"] if a_.mean_abs_diff != a_.mean_abs_diff else f"{a_.mean_abs_diff:.1f}",
                 (cols[3], yy), p.ink)
            text(surface, font, str(a_.n), (cols[4], yy), p.ink)
            yy += 40
        paragraph(surface, tf, T["scales_note"], pygame.Rect(left.x + 16, left.bottom - 44, left.w - 32, 40),
                  p.ink_soft, max_lines=2)
        # Classification agreement, kappa and the confusion matrix.
        right = pygame.Rect(696, y + 10, 544, 350)
        panel(surface, right, p.panel, p.line, shadow=p.shadow)
        text(surface, hf, T["block_class"], (right.x + 16, right.y + 12), p.ink)
        k = b.kappa
        n_both = k.n
        same = int(round(b.classification_agreement * n_both)) if n_both else 0
        text(surface, bf, T["block_same"].format(pct=pct(b.classification_agreement), k=same, n=n_both),
             (right.x + 16, right.y + 46), p.ink, max_width=right.w - 32)
        line2 = T["block_kappa_nan"] if k.kappa != k.kappa else \
            T["block_kappa"].format(kappa=k.kappa, lo=k.ci95[0], hi=k.ci95[1], obs=k.observed, exp=k.expected)
        yk = paragraph(surface, bf, line2, pygame.Rect(right.x + 16, right.y + 76, right.w - 32, 56), p.ink,
                       max_lines=2) + 6
        if k.message:
            yk = paragraph(surface, tf, k.message[:1].upper() + k.message[1:] + ".",
                           pygame.Rect(right.x + 16, yk, right.w - 32, 36), p.warn, max_lines=2) + 2
        paragraph(surface, tf, T["block_guide"], pygame.Rect(right.x + 16, yk, right.w - 32, 36), p.ink_soft,
                  max_lines=2)
        m = k.confusion
        cell = 30
        mx, my = right.x + 56, right.bottom - 4 * cell - 14
        text(surface, tf, T["confusion"], (right.x + 16, my - 44), p.ink_soft)
        for j, code in enumerate(OB.CLASSES):
            text(surface, sf, code, (mx + j * cell + cell // 2, my - 4), p.ink, anchor="midbottom")
            text(surface, sf, code, (mx - 10, my + j * cell + cell // 2), p.ink, anchor="midright")
        mmax = max(1, int(m.max()) if m.size else 1)
        for i in range(4):
            for j in range(4):
                v = int(m[i, j]) if m.size else 0
                rr = pygame.Rect(mx + j * cell, my + i * cell, cell - 3, cell - 3)
                base = p.ok if i == j else p.warn
                pygame.draw.rect(surface, mix(p.panel, base, 0.15 + 0.6 * v / mmax) if v else p.panel_alt, rr,
                                 border_radius=4)
                text(surface, sf, str(v), rr.center, p.ink, anchor="center")
        kx = mx + 4 * cell + 24
        paragraph(surface, tf, T["confusion_note"], pygame.Rect(kx, my, right.right - 16 - kx, 4 * cell), p.ink_soft,
                  max_lines=6)
        # Infant by infant, with the history behind each one revealed.
        lower = pygame.Rect(40, left.bottom + 12, 1200, 640 - left.bottom - 18)
        panel(surface, lower, p.panel, p.line, shadow=p.shadow)
        colw = lower.w // 2
        per_col = max(1, (len(self.learner) + 1) // 2)
        lh = max(18, min(26, (lower.h - 16) // per_col))
        for i, (mine, ref) in enumerate(zip(self.learner, self.reference)):
            c, r = divmod(i, per_col)
            you = mine.get("classification") or T["empty"]
            att = ref.get("classification") or T["empty"]
            line = T["per_infant"].format(k=i + 1, you=you, att=att) + (f"  ·  {T['fb_same']}" if you == att else "")
            d = self.drawn.get(i)
            hist = d["hidden"]["history"] if isinstance(d, dict) else ""
            rr = text(surface, sf, line, (lower.x + 20 + c * colw, lower.y + 10 + r * lh), p.ok if you == att else p.ink)
            text(surface, tf, hist, (rr.right + 12, rr.centery), p.ink_soft, anchor="midleft",
                 max_width=lower.x + (c + 1) * colw - rr.right - 24)
        draw_hints(surface, app, S.APP_DISCLAIMER)
