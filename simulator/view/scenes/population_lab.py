"""Population lab: pick a caregiving history and N; the lab develops the infants, runs and scores them, and shows
the patterns beside published samples.

What a run computes lives in the model (:mod:`simulator.model.population.lab`); this scene only chooses the
settings, runs the model in a background thread and draws its :class:`~simulator.model.population.lab.LabResult`.

Settings (a history: a profile, every dyad the same, or a population, histories drawn from documented
distributions; N; a population's share of caregivers with depression; the sample's seed) re-run the population
as they change: quick changes are gathered into one run (:data:`DEBOUNCE_S`), a run whose settings are no
longer the current ones is stopped and its result dropped, and an "Updating…" cue shows while the run goes
on, so the window stays usable. The same settings and seed always give the same result (recent ones are
kept, so going back to a setting is immediate).

Results: the four patterns as shares adding to 100% beside the published table, best fit among A, B, C as its
own breakdown, the still-face means (or the spread across infants), and an infant browser: any single infant
can be opened and watched in the Play scene (demo mode) with its own developed parameters.

Laid out from the window and the text size (``app.layout``): panels share the window, charts take the room
their text leaves, and text that does not fit scrolls with a cue.
"""

from __future__ import annotations

import threading
import time
import sys
from collections import OrderedDict

import numpy as np
import pygame

from ...model.population import POPULATIONS, PROFILES
from ...model.population.lab import (CLASSES, SF_MEASURES, STAGES, LabResult, LabSettings, published_for, run_lab,
                                     stage_progress)
from ...model.population.spread import ID8_SIZE
from .. import strings as S
from .. import theme
from ..drawing.chart import draw_series, series_colour
from ..scene import Scene
from ..widgets import (Button, FocusGroup, ScrollPanel, draw_hints, hints_height, mix,
                       panel, paragraph_full, scroll_panels_event, text, wrap)
from .play import DevelopedInfant

CLASS_COLOURS = {"A": theme.OI_SKY, "B": theme.OI_GREEN, "C": theme.OI_ORANGE, "D": theme.OI_PURPLE}
#: The numbers of infants the learner can pick; the lab opens on :data:`DEFAULT_N`.
SIZES = (100, 300, 1000)
DEFAULT_N = 1000
SF_STYLES = {"positive_affect": "solid", "negative_affect": "thick", "gaze": "dashed"}
#: Shares of caregivers with depressive symptoms the learner can step through for a population (CW6: 8% Europe,
#: 17% pooled, 26% Middle East; Shorey et al. 2018), and 0% and 50% to see the difference.
PREVALENCES = (0.0, 0.08, 0.17, 0.26, 0.5)
#: Seconds after the last change of a setting before the population is run again (quick changes: one run).
DEBOUNCE_S = 0.3
#: Finished runs kept, by settings, so that going back to a setting shows its result at once.
KEEP_RUNS = 8
#: Design font sizes of this screen's buttons and of its small print.
BUTTON_PX = 15


class Cancelled(Exception):
    """Raised inside the worker when the run is no longer wanted (the settings changed, or the lab closed)."""


class LabRun(threading.Thread):
    """One :func:`~simulator.model.population.lab.run_lab` in a background thread (it never touches pygame).

    The scene reads ``progress`` (0-1), ``stage`` and, once ``done``, ``result`` or ``error``; it sets ``cancel``
    to stop the run at the model's next progress report.
    """

    def __init__(self, settings: LabSettings) -> None:
        super().__init__(daemon=True, name=f"population-{settings.choice}-{settings.n}")
        self.settings = settings
        self.progress = 0.0
        self.stage = STAGES[0][0]
        self.cancel = threading.Event()
        self.done = False
        self.result: LabResult | None = None
        self.error: str | None = None
        self.cancelled = False
        self.started_at = time.perf_counter()
        self.finished_at: float | None = None

    @property
    def seconds(self) -> float:
        """Seconds the run took (so far)."""
        return (self.finished_at or time.perf_counter()) - self.started_at

    def _report(self, stage: str, fraction: float) -> None:
        if self.cancel.is_set():
            raise Cancelled()
        self.stage = stage
        self.progress = stage_progress(stage, fraction)

    def run(self) -> None:  # the thread body
        try:
            self.result = run_lab(self.settings, self._report)
        except Cancelled:
            self.cancelled = True
        except Exception as exc:  # shown as a message in the scene; never a traceback in the window
            self.error = f"{type(exc).__name__}: {exc}"
        finally:
            self.finished_at = time.perf_counter()
            self.done = True


def _key(s: LabSettings) -> tuple:
    """A hashable form of settings (equal settings, equal key)."""
    return (s.choice, s.n, s.seed, s.months, s.prevalence, tuple(sorted(s.ssp_overrides.items())),
            tuple(sorted(s.sf_overrides.items())))


def history_name(choice: str) -> str:
    """A history in the view's words."""
    return S.LAB_HISTORY_NAMES.get(choice, choice)


class PopulationLabScene(Scene):
    """Pick a history and N; the population re-runs in the background as they change; explore the patterns and
    single infants.

    Args:
        months: months of development (default: the Strange Situation's age, 12).
        ssp_overrides, sf_overrides: episode overrides for both procedures (tests shorten them).
        seed: the seed of the first sample (New sample steps it).
    """

    name = "population_lab"

    def __init__(self, app, months: float | None = None, ssp_overrides: dict | None = None,
                 sf_overrides: dict | None = None, seed: int = 0) -> None:
        super().__init__(app)
        self.profiles = list(PROFILES)
        self.populations = list(POPULATIONS)
        self.choice = "low_risk" if "low_risk" in POPULATIONS else self.profiles[0]
        self.n = DEFAULT_N
        self.prevalence: dict[str, float] = {}  # the learner's share of caregivers with depression, per population
        self.seed = int(seed)
        self.months = months
        self.ssp_overrides = dict(ssp_overrides or {})
        self.sf_overrides = dict(sf_overrides or {})
        self.job: LabRun | None = None
        self.result: LabResult | None = None
        self.last_seconds: float | None = None  # how long the shown result took to compute (None: from memory)
        self.message = ""
        self.selected = 0
        self.order: list[int] = []
        self.sf_view = "means"  # the still-face panel: "means" (the three episodes) or "spread" (each infant)
        self.wait: float | None = DEBOUNCE_S  # seconds until the next run starts (None: nothing to run)
        self.kept: OrderedDict = OrderedDict()  # settings key -> LabResult
        self.about_panel = ScrollPanel(app, "about")
        self.class_panel = ScrollPanel(app, "classes")
        self.sf_panel = ScrollPanel(app, "still_face")
        self.infant_panel = ScrollPanel(app, "infant")
        self.group = FocusGroup(app)
        self.relayout()

    # --- settings ---------------------------------------------------------------------------------------------------
    def settings(self) -> LabSettings:
        """The settings now chosen (what the next run computes)."""
        prev = self.prevalence.get(self.choice) if self.choice in POPULATIONS else None
        return LabSettings(self.choice, self.n, self.seed, self.months, prev, dict(self.ssp_overrides),
                           dict(self.sf_overrides))

    def changed(self) -> None:
        """A setting changed: show what is kept for it at once, else run it after :data:`DEBOUNCE_S` (a running
        run for other settings is stopped; its result would be stale)."""
        self.message = ""
        kept = self.kept.get(_key(self.settings()))
        if self.job is not None and not self.job.done and _key(self.job.settings) != _key(self.settings()):
            self.job.cancel.set()
        if kept is not None:
            self.wait = None
            self._show(kept, None)
        else:
            self.wait = DEBOUNCE_S
        self.relayout()

    def choose(self, choice: str) -> None:
        """Pick a profile or a population."""
        if choice != self.choice:
            self.choice = choice
            self.about_panel.reset()
            self.changed()

    def set_n(self, n: int) -> None:
        """Pick the number of infants."""
        if int(n) != self.n:
            self.n = int(n)
            self.changed()

    def cycle_n(self) -> None:
        """Next size (100, 300, 1000)."""
        k = SIZES.index(self.n) if self.n in SIZES else -1
        self.set_n(SIZES[(k + 1) % len(SIZES)])

    def prevalence_of(self, pid: str) -> float:
        """The share of caregivers with depressive symptoms a population run draws (the learner's, or the
        population's own)."""
        return self.prevalence.get(pid, POPULATIONS[pid].depression_prevalence)

    def set_prevalence(self, share: float) -> None:
        """Set the chosen population's share of caregivers with depressive symptoms (CW6)."""
        if self.choice not in POPULATIONS or abs(self.prevalence_of(self.choice) - float(share)) < 1e-12:
            return
        self.prevalence[self.choice] = float(share)
        self.changed()

    def step_prevalence(self, d: int) -> None:
        """The next (d=1) or previous (d=-1) share in :data:`PREVALENCES`."""
        if self.choice not in POPULATIONS:
            return
        now = self.prevalence_of(self.choice)
        if d > 0:
            nxt = [p for p in PREVALENCES if p > now + 1e-9]
            target = nxt[0] if nxt else None
        else:
            nxt = [p for p in PREVALENCES if p < now - 1e-9]
            target = nxt[-1] if nxt else None
        if target is not None:
            self.set_prevalence(target)

    def new_sample(self) -> None:
        """Draw a new sample of infants for the same settings (the next seed)."""
        self.seed += 1
        self.changed()

    # --- running ----------------------------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        """True while a run is in progress (it may be one being stopped)."""
        return self.job is not None and not self.job.done

    @property
    def updating(self) -> bool:
        """True while the shown result is not yet that of the current settings (a run waits or goes on)."""
        return self.wait is not None or self.job is not None

    def run(self) -> None:
        """Run the current settings now (no wait); a run of other settings is stopped first."""
        self.wait = 0.0
        if self.running and _key(self.job.settings) != _key(self.settings()):
            self.job.cancel.set()
        self._start_if_due()

    def cancel(self) -> None:
        """Stop the run at the model's next progress report, and do not start another."""
        self.wait = None
        if self.running:
            self.job.cancel.set()

    def _start_if_due(self) -> None:
        if self.wait is None or self.wait > 0 or self.running:
            return  # a run still going (even one being stopped) finishes first: one run at a time
        if self.job is not None:
            self._collect()
        self.wait = None
        self.job = LabRun(self.settings())
        self.job.start()

    def _collect(self) -> None:
        job = self.job
        if job is None or not job.done:
            return
        self.job = None
        if job.result is not None:
            self.kept[_key(job.settings)] = job.result
            while len(self.kept) > KEEP_RUNS:
                self.kept.popitem(last=False)
            if _key(job.settings) == _key(self.settings()):
                self._show(job.result, job.seconds)
        elif job.error is not None and _key(job.settings) == _key(self.settings()):
            self.message = S.LAB_FAILED.format(error=job.error)
            print(f"population lab: {job.error}", file=sys.stderr)
        self.relayout()

    def _show(self, result: LabResult, seconds: float | None) -> None:
        """Show ``result`` (the selected infant is kept when it is the same sample of infants)."""
        same = self.result is not None and self.result.n == result.n
        self.result = result
        self.last_seconds = seconds
        self.order = result.order()
        if not same or self.selected >= result.n:
            self.selected = self.order[0] if self.order else 0
        self.class_panel.reset()
        self.infant_panel.reset()

    # --- browsing ---------------------------------------------------------------------------------------------------
    def show_sf(self, view: str) -> None:
        """Show the still-face panel's ``"means"`` or its ``"spread"`` across infants."""
        self.sf_view = "spread" if view == "spread" else "means"
        self.sf_panel.reset()
        self.relayout()

    def step_infant(self, d: int) -> None:
        """Select the previous or next infant in the grid's order."""
        if not self.result or not self.order:
            return
        k = self.order.index(self.selected) if self.selected in self.order else 0
        self.selected = self.order[(k + d) % len(self.order)]
        self.infant_panel.reset()

    def next_of(self, code: str) -> None:
        """Select the next infant classified ``code`` (wrapping)."""
        if not self.result or not self.order:
            return
        cls = self.result.classification
        k = self.order.index(self.selected) if self.selected in self.order else -1
        m = len(self.order)
        for j in range(1, m + 1):
            i = self.order[(k + j) % m]
            if cls[i] == code:
                self.selected = i
                self.infant_panel.reset()
                return

    def watch(self) -> None:
        """Watch the selected infant's Strange Situation in the Play scene (demo mode)."""
        if not self.result:
            return
        r = self.result
        i = int(self.selected)
        prof = r.profile
        name = history_name(r.choice)
        f = float(prof.frightening_per_day[i])
        history = S.LAB_INFANT_HISTORY.format(label=name, i=i + 1, sens=float(prof.sensitivity[i]),
                                              welcome=float(prof.comfort_welcome[i]),
                                              fright=S.LAB_INFANT_FRIGHT.format(f=f) if f > 0 else "")
        source = DevelopedInfant(r.params.subset(np.array([i])), S.LAB_INFANT_LABEL.format(label=name, i=i + 1), history)
        self.app.open("play", r.ssp, seed=r.seed * 100_003 + i, demo=True, source=source)

    # --- layout -----------------------------------------------------------------------------------------------------
    def _bh(self) -> int:
        """Height (px) of a row of buttons at this window and text size."""
        return max(self.app.px(30), self.app.font(BUTTON_PX).get_linesize() + self.app.px(8))

    def _heading_font(self):
        return self.app.font(theme.SIZE_TINY, bold=True)

    def relayout(self) -> None:
        """Lay the screen out for the window, the text size and the state: the settings column on the left, the
        results (or, before the first, the chosen history) on the right, New sample and Back top right."""
        self._version = getattr(self, "_version", 0) + 1
        app = self.app
        lay = app.layout
        u = app.px
        items: list[Button] = []
        m = lay.x(40)
        self.margin = m
        top = self._header_bottom() + u(8)
        bottom = lay.h - hints_height(app) - u(4)
        bh = self._bh()
        hf = self._heading_font()
        # New sample and Back along the top right (the title is short; the subtitle starts below them).
        sx = lay.w - lay.x(56)
        sh = max(u(32), app.font(BUTTON_PX).get_linesize() + u(8))
        top = max(top, u(12) + sh + u(8))
        for label, fn, key, cap, ident, style in ((S.LAB_BACK, self.close, None, "Esc", "back", "quiet"),
                                                  (S.LAB_NEW_SAMPLE, self.new_sample, pygame.K_r, "R", "new_sample",
                                                   "normal")):
            bw = Button.width_for(app, label, cap, BUTTON_PX)
            sx -= bw
            items.append(Button((sx, u(12), bw, sh), label, fn, key=key, key_label=cap, style=style, ident=ident,
                                font_size=BUTTON_PX))
            sx -= u(10)
        # The settings column: as wide as its longest history's button, within a third of the window.
        names = [history_name(pid) for pid in self.profiles + self.populations]
        need = max(Button.width_for(app, nm, "0", BUTTON_PX) for nm in names) + u(24)
        lw = int(min(max(need, lay.x(300)), lay.w * 0.34))
        x = m
        heads = [_flow_h(hf, s, lw) + u(4) for s in (S.LAB_PROFILES, S.LAB_POPULATIONS, S.LAB_N_HEADING,
                                                              S.LAB_PREVALENCE_HEADING)]
        rows = len(self.profiles) + len(self.populations) + 2
        gaps = u(10) * 3
        step = max(app.font(BUTTON_PX).get_linesize() + u(4), min(bh + u(4), (bottom - top - sum(heads) - gaps) // rows))
        rbh = step - u(3)
        y = top
        self.left_heads = []
        keys = [pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4, pygame.K_5, pygame.K_6, pygame.K_7, pygame.K_8,
                pygame.K_9, pygame.K_0]
        k = 0
        for head, hh, group in ((S.LAB_PROFILES, heads[0], self.profiles), (S.LAB_POPULATIONS, heads[1], self.populations)):
            self.left_heads.append((head, y))
            y += hh
            for pid in group:
                key, cap = (keys[k], str((k + 1) % 10)) if k < 10 else (None, None)
                items.append(Button((x, y, lw, rbh), history_name(pid), lambda pid=pid: self.choose(pid), key=key,
                                    key_label=cap, style="option", selected=pid == self.choice,
                                    ident=f"choice:{pid}", font_size=BUTTON_PX))
                y += step
                k += 1
            y += u(10)
        self.left_heads.append((S.LAB_N_HEADING, y))
        y += heads[2]
        bw = (lw - 2 * u(8)) // 3
        for j, n in enumerate(SIZES):
            items.append(Button((x + j * (bw + u(8)), y, bw, rbh), f"{n:,}", lambda n=n: self.set_n(n), style="option",
                                selected=n == self.n, ident=f"n:{n}", font_size=BUTTON_PX))
        y += step + u(10)
        self.prevalence_row = None
        if self.choice in POPULATIONS:
            self.left_heads.append((S.LAB_PREVALENCE_HEADING, y))
            y += heads[3]
            sw = max(rbh, Button.width_for(app, "+", None, BUTTON_PX))
            now = self.prevalence_of(self.choice)
            items.append(Button((x, y, sw, rbh), "−", lambda: self.step_prevalence(-1), key=pygame.K_MINUS,
                                ident="prevalence:down", font_size=BUTTON_PX, locked=now <= min(PREVALENCES) + 1e-9))
            items.append(Button((x + lw - sw, y, sw, rbh), "+", lambda: self.step_prevalence(1), key=pygame.K_EQUALS,
                                ident="prevalence:up", font_size=BUTTON_PX, locked=now >= max(PREVALENCES) - 1e-9))
            self.prevalence_row = pygame.Rect(x + sw, y, lw - 2 * sw, rbh)
        self.left = pygame.Rect(x, top, lw, bottom - top)
        # The results: a status line (what is shown, and whether it is being updated), then the panels.
        rx = x + lw + lay.x(20)
        right = pygame.Rect(rx, top, lay.w - m - rx, bottom - top)
        self.right = right
        tf = app.font(theme.SIZE_TINY)
        pill_h = app.font(theme.SIZE_TINY, bold=True).get_linesize() + u(6)
        # The label and the cue on one row when both fit, else the label (wrapped) above the cue.
        self.status_one_row = tf.size(self._status_label())[0] + self._status_width() + u(16) <= right.w
        sh = (max(pill_h, tf.get_linesize()) if self.status_one_row
              else max(tf.get_linesize(), _flow_h(tf, self._status_label(), right.w)) + pill_h) + u(2)
        self.status = pygame.Rect(right.x, right.y, right.w, sh)
        body = pygame.Rect(right.x, right.y + sh + u(4), right.w, right.h - sh - u(4))
        self.body = body
        self.about_rect = body
        show = self.result is not None and not (self.updating and self.result.choice != self.choice)
        self.showing_result = show
        if show:
            gap = u(12)
            cw = int((body.w - gap) * 0.58)
            top_h = int(body.h * 0.62)
            for _ in range(2):  # the infant's details get the height they need, within 30-44% of the window's part
                self.class_rect = pygame.Rect(body.x, body.y, cw, top_h)
                self.sf_rect = pygame.Rect(body.x + cw + gap, body.y, body.w - cw - gap, top_h)
                self.infant_rect = pygame.Rect(body.x, body.y + top_h + gap, body.w, body.h - top_h - gap)
                trial: list = []
                self._result_buttons(trial)
                scratch = pygame.Surface((max(1, self.details.w), 1))
                need = self._paint_infant(scratch, 0, 0, self.details.w - self.infant_panel.gutter) - self.details.h
                top_h = int(min(body.h * 0.7, max(body.h * 0.56, top_h - need)))
            items.extend(trial)
        self.group.set(items)

    def _title_y(self) -> int:
        return self.app.layout.y(16)

    def _header_bottom(self) -> int:
        """The y (px) below the title and its accent rule (the subtitle is the About panel's first paragraph)."""
        return self._title_y() + self.app.font(theme.SIZE_HEADING + 6, bold=True).get_height() + self.app.px(10)

    def _status_label(self) -> str:
        """What the shown result is: the history (and a population's share of caregivers with depression), N, seed."""
        r = self.result
        if r is None:
            return ""
        if r.kind == "population":
            prev = r.settings.prevalence
            prev = POPULATIONS[r.choice].depression_prevalence if prev is None else prev
            return S.LAB_RUN_LABEL_POPULATION.format(label=history_name(r.choice), n=f"{r.n:,}", seed=r.seed,
                                                     share=prev)
        return S.LAB_RUN_LABEL.format(label=history_name(r.choice), n=f"{r.n:,}", seed=r.seed)

    def _status_width(self) -> int:
        """Width (px) of the widest status cue (updating, at 100%, in the longest stage's name)."""
        tf = self.app.font(theme.SIZE_TINY, bold=True)
        widest = max(S.LAB_UPDATING.format(stage=v, pct=100) for v in S.LAB_STAGE_NAMES.values())
        return tf.size(widest)[0] + self.app.px(40)

    def _result_buttons(self, items: list) -> None:
        """The Means/Spread tabs of the still-face panel and the infant browser's buttons."""
        app = self.app
        u = app.px
        bh = self._bh()
        tf = self._title_font()
        sf = self.sf_rect
        tabs_w = sum(Button.width_for(app, S.LAB_SF_MEANS if v == "means" else S.LAB_SF_SPREAD, None, BUTTON_PX)
                     + u(24) for v in ("means", "spread")) + u(6)
        # The tabs sit right of the title when both fit, else on their own row under it.
        title_w = tf.size(S.LAB_SF_TITLE)[0]
        beside = title_w + tabs_w + u(40) <= sf.w
        ty = sf.y + u(8) if beside else sf.y + u(10) + _flow_h(tf, S.LAB_SF_TITLE, sf.w - u(28)) + u(6)
        bx = sf.right - u(12)
        for view, label in (("spread", S.LAB_SF_SPREAD), ("means", S.LAB_SF_MEANS)):
            tw = Button.width_for(app, label, None, BUTTON_PX) + u(24)  # room for the selected mark
            bx -= tw
            items.append(Button((bx, ty, tw, bh), label, lambda view=view: self.show_sf(view), style="option",
                                selected=self.sf_view == view, ident=f"sf:{view}", font_size=BUTTON_PX))
            bx -= u(6)
        self.sf_title_w = (sf.w - u(28) - tabs_w) if beside else sf.w - u(28)
        self.sf_body_top = (max(ty + bh, sf.y + u(10) + _flow_h(tf, S.LAB_SF_TITLE, self.sf_title_w))
                            + u(6))
        # The infant browser's buttons: Next A-D, Previous, Next, Watch; in rows along the panel's bottom.
        ip = self.infant_rect
        specs = [(c, (lambda c=c: self.next_of(c)), getattr(pygame, f"K_{c.lower()}"),
                  None, f"next:{c}", "normal", c not in set(self.result.classification)) for c in CLASSES]
        specs += [(S.LAB_PREV, lambda: self.step_infant(-1), pygame.K_LEFTBRACKET, "[", "prev", "normal", False),
                  (S.LAB_NEXT, lambda: self.step_infant(1), pygame.K_RIGHTBRACKET, "]", "next", "normal", False),
                  (S.LAB_WATCH, self.watch, pygame.K_w, "W", "watch", "primary", False)]
        widths = [Button.width_for(app, s[0], s[3], BUTTON_PX) for s in specs]
        widths[:4] = [max(widths[:4]) + u(6)] * 4
        lead = self.app.font(theme.SIZE_TINY, bold=True).size(S.LAB_NEXT_OF)[0] + u(8)
        rows, row, used = [], [], lead
        avail = ip.w - 2 * u(14)
        for spec, w in zip(specs, widths):
            if row and used + u(8) + w > avail:
                rows.append(row)
                row, used = [], 0
            row.append((spec, w))
            used += (u(8) if used else 0) + w
        rows.append(row)
        y = ip.bottom - u(10) - len(rows) * (bh + u(6)) + u(6)
        self.infant_buttons_y = y
        self.next_of_label = (ip.x + u(14), y + bh // 2)
        for k, row in enumerate(rows):
            bx = ip.x + u(14) + (lead if k == 0 else 0)
            for (label, fn, key, cap, ident, style, locked), w in row:
                items.append(Button((bx, y, w, bh), label, fn, key=key, key_label=cap, ident=ident, style=style,
                                    locked=locked, font_size=BUTTON_PX))
                bx += w + u(8)
            y += bh + u(6)
        # The grid (left) and the selected infant's details (right, scrolling) above the buttons.
        title_h = u(10) + _flow_h(tf, S.LAB_INFANT_TITLE, ip.w - u(28)) + u(6)
        inner = pygame.Rect(ip.x + u(14), ip.y + title_h, ip.w - 2 * u(14), self.infant_buttons_y - u(8) - ip.y - title_h)
        gw = int(inner.w * 0.4)
        hint_h = _flow_h(app.font(theme.SIZE_TINY), S.LAB_INFANT_GRID_HINT, gw) + u(6)
        self.grid_hint = pygame.Rect(inner.x, inner.y, gw, hint_h)
        self.grid = pygame.Rect(inner.x, inner.y + hint_h, gw, max(u(8), inner.h - hint_h))
        self.details = pygame.Rect(inner.x + gw + u(16), inner.y, inner.w - gw - u(16), inner.h)

    def _title_font(self):
        return self.app.font(theme.SIZE_BODY, bold=True)

    # --- scene hooks ------------------------------------------------------------------------------------------------
    def pause(self) -> None:
        # Covered (watching one infant) or left: stop a run rather than let it take the cores meanwhile; it runs
        # again when the lab is back on top.
        if self.running:
            self.job.cancel.set()
            self.wait = 0.0

    def close(self) -> None:
        self.cancel()
        super().close()

    def update(self, dt: float) -> None:
        if self.job is not None and self.job.done:
            self._collect()
        if self.wait is not None:
            self.wait = max(0.0, self.wait - dt) if dt > 0 else self.wait
            self._start_if_due()

    def process_event(self, event):
        self._version = getattr(self, "_version", 0) + 1  # anything may change: hover, focus, scroll, selection
        if event.type == pygame.MOUSEBUTTONDOWN and getattr(event, "button", 0) == 1 and self.showing_result \
                and self.group.item_at(event.pos) is None:
            i = self._grid_hit(event.pos)
            if i is not None:
                self.selected = i
                self.infant_panel.reset()
                return None
        event = scroll_panels_event(self._panels(), event)
        if event is None:
            return None
        event = self.group.process_event(event)
        if event is None:
            return None
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.close()
                return None
            if event.key == pygame.K_n:
                self.cycle_n()
                return None
            if event.key == pygame.K_s and self.showing_result:
                self.show_sf("means" if self.sf_view == "spread" else "spread")
                return None
        return event

    def _panels(self) -> list:
        if self.showing_result:
            return [self.class_panel, self.sf_panel, self.infant_panel]
        return [self.about_panel]

    # --- drawing ----------------------------------------------------------------------------------------------------
    def _frame_key(self) -> tuple:
        """Everything the picture depends on: while it stays the same the last frame is shown again, so that
        the window's drawing leaves the interpreter to the run in the background (a 1920x1080 frame of results
        costs about 5 ms to draw and well under 1 ms to show again)."""
        g = self.group
        job = self.job
        return (self._version, id(self.result), self.selected, self.sf_view, self.message, self.updating,
                None if job is None else (job.stage, round(job.progress, 2)), self.last_seconds,
                getattr(g.focused, "ident", None), getattr(g.hover, "ident", None), g.show_ring, self.app.palette.name,
                self.app.text_scale, self.app.layout.size, tuple(pn.offset for pn in self._panels()))

    def draw(self, surface: pygame.Surface) -> None:
        key = self._frame_key()
        cached = getattr(self, "_frame_cache", None)
        if cached is not None and cached[0] == key and cached[1].get_size() == surface.get_size():
            surface.blit(cached[1], (0, 0))
            return
        self._draw(surface)
        if all(pn.offset <= pn.max_offset for pn in self._panels()):
            self._frame_cache = (self._frame_key(), surface.copy())

    def _draw(self, surface: pygame.Surface) -> None:
        app = self.app
        p = app.palette
        lay = app.layout
        r = text(surface, app.font(theme.SIZE_HEADING + 6, bold=True), S.LAB_TITLE, (lay.x(56), self._title_y()), p.ink)
        pygame.draw.rect(surface, p.accent, (r.x, r.bottom + app.px(3), app.px(64), app.px(4)), border_radius=app.px(2))
        hf = self._heading_font()
        for head, y in self.left_heads:
            paragraph_full(surface, hf, head, self.left.x, y, self.left.w, p.ink_soft, line_gap=1)
        if self.prevalence_row is not None:
            text(surface, app.font(BUTTON_PX, bold=True), f"{self.prevalence_of(self.choice):.0%}",
                 self.prevalence_row.center, p.ink, anchor="center")
        self._draw_status(surface)
        if self.showing_result:
            self._draw_classes(surface)
            self._draw_still_face(surface)
            self._draw_infants(surface)
        else:
            self._draw_about(surface)
        self.group.draw(surface)
        draw_hints(surface, app, S.LAB_HINTS)

    def _draw_status(self, surface) -> None:
        """What the results are (history, N, seed) and, while a run goes on, an "Updating…" cue with its progress."""
        app = self.app
        p = app.palette
        u = app.px
        st = self.status
        tf = app.font(theme.SIZE_TINY)
        bf = app.font(theme.SIZE_TINY, bold=True)
        if self.result is not None:
            paragraph_full(surface, tf, self._status_label(), st.x, st.y, st.w, p.ink_soft, line_gap=1)
        if self.updating:
            job = self.job
            stage = S.LAB_STAGE_NAMES.get(job.stage if job is not None and not job.cancel.is_set() else STAGES[0][0])
            frac = job.progress if job is not None and not job.cancel.is_set() else 0.0
            label = S.LAB_UPDATING.format(stage=stage, pct=100 * frac)
            w = self._status_width()
            pill = pygame.Rect(st.right - w, st.bottom - bf.get_linesize() - u(6), w, bf.get_linesize() + u(4))
            pygame.draw.rect(surface, mix(p.accent, p.panel, 0.9), pill, border_radius=pill.h // 2)
            fill = pill.copy()
            fill.w = max(pill.h, int(pill.w * frac))
            pygame.draw.rect(surface, mix(p.accent, p.panel, 0.72), fill, border_radius=pill.h // 2)
            pygame.draw.rect(surface, p.accent, pill, width=max(1, u(2)), border_radius=pill.h // 2)
            text(surface, bf, label, pill.center, p.ink, anchor="center")
        elif self.message:
            text(surface, bf, self.message, (st.right, st.bottom), p.warn, anchor="bottomright", max_width=st.w,
                 allow_cut=True)  # the whole message goes to the log; the first line is enough here
        elif self.result is not None and self.last_seconds is not None:
            text(surface, tf, S.LAB_UPDATED_IN.format(s=self.last_seconds), (st.right, st.bottom), p.ink_faint,
                 anchor="bottomright")

    def _frame(self, surface, rect: pygame.Rect, title: str, title_w: int | None = None) -> int:
        """A results panel's frame and its (wrapped) title; returns the y below the title."""
        p = self.app.palette
        u = self.app.px
        panel(surface, rect, p.panel, p.line, shadow=p.shadow, radius=u(14))
        w = title_w if title_w is not None else rect.w - u(28)
        return paragraph_full(surface, self._title_font(), title, rect.x + u(14), rect.y + u(10), w, p.ink,
                              line_gap=1) + u(6)

    def _draw_about(self, surface) -> None:
        """Before the first result (or while a new history runs): the chosen history in words."""
        app = self.app
        p = app.palette
        u = app.px
        rect = self.about_rect
        y = self._frame(surface, rect, S.LAB_ABOUT.format(name=history_name(self.choice)))
        body = pygame.Rect(rect.x + u(14), y, rect.w - u(20), rect.bottom - u(8) - y)

        def paint(surf, x, y0, w):
            bf = app.font(theme.SIZE_BODY)
            sf = app.font(theme.SIZE_SMALL)
            sb = app.font(theme.SIZE_SMALL, bold=True)
            y0 = paragraph_full(surf, bf, S.LAB_SUBTITLE, x, y0, w, p.ink_soft) + u(10)
            if self.choice in POPULATIONS:
                pop = POPULATIONS[self.choice]
                desc = pop.description[:1].upper() + pop.description[1:] + "."
                yy = paragraph_full(surf, bf, desc, x, y0, w, p.ink) + u(6)
                yy = paragraph_full(surf, app.font(theme.SIZE_SMALL, italic=True),
                                    S.LAB_POP_SOURCE.format(source=pop.source), x, yy, w, p.ink_soft) + u(8)
                rows = [(S.LAB_PARAM_LABELS[k][0], S.LAB_MEDIAN.format(value=S.LAB_PARAM_LABELS[k][1].format(d.center)))
                        for k, d in pop.dists.items() if k in S.LAB_PARAM_LABELS]
                rows.append((S.LAB_PARAM_LABELS["frightening_per_day"][0],
                             S.LAB_FRIGHT_ROW.format(share=pop.frightening_share, median=pop.frightening_median)))
                rows.append((S.LAB_PARAM_LABELS["depressive_symptoms"][0],
                             S.LAB_DEPRESSION_ROW.format(share=self.prevalence_of(self.choice))))
            else:
                prof = PROFILES[self.choice]
                desc = prof.description[:1].upper() + prof.description[1:] + "."
                yy = paragraph_full(surf, bf, desc, x, y0, w, p.ink) + u(8)
                rows = [(label, fmt.format(getattr(prof, k))) for k, (label, fmt) in S.LAB_PARAM_LABELS.items()]
            lw = max(sf.size(label)[0] for label, _ in rows) + u(20)
            if lw > w * 0.5:  # narrow: each value under its label
                for label, value in rows:
                    yy = paragraph_full(surf, sf, label, x, yy, w, p.ink_soft, line_gap=1)
                    yy = paragraph_full(surf, sb, value, x + u(16), yy, w - u(16), p.ink, line_gap=1) + u(4)
            else:
                for label, value in rows:
                    text(surf, sf, label, (x, yy), p.ink_soft)
                    yy = max(yy + sf.get_linesize(), paragraph_full(surf, sb, value, x + lw, yy, w - lw, p.ink,
                                                                    line_gap=1)) + u(4)
            months = float(self.months) if self.months is not None else 12.0
            yy += u(8)
            return paragraph_full(surf, app.font(theme.SIZE_SMALL, italic=True), S.LAB_NO_CLASS_NOTE.format(months=months),
                                  x, yy, w, p.ink_soft)

        self.about_panel.draw(surface, body, paint)

    # --- the classifications ----------------------------------------------------------------------------------------
    def _draw_classes(self, surface) -> None:
        app = self.app
        p = app.palette
        u = app.px
        r = self.result
        rect = self.class_rect
        y = self._frame(surface, rect, S.LAB_CLASS_TITLE)
        body = pygame.Rect(rect.x + u(14), y, rect.w - u(20), rect.bottom - u(8) - y)
        ref = published_for(r.choice)
        sim = r.class_shares()
        tf = app.font(theme.SIZE_TINY)
        vf = app.font(theme.SIZE_TINY, bold=True)
        lf = app.font(theme.SIZE_SMALL, bold=True)

        def paint(surf, x, y0, w):
            # Legend: this run (solid) and published (hatched).
            yy = y0
            sw = u(16)
            lx = x
            for label, hatched in ((S.LAB_LEGEND_SIM, False), (S.LAB_LEGEND_PUB, True)):
                iw = sw + u(6) + tf.size(label)[0]
                if lx > x and lx + iw > x + w:
                    lx, yy = x, yy + tf.get_linesize()
                box = pygame.Rect(lx, yy + (tf.get_linesize() - u(12)) // 2, sw, u(12))
                if hatched:
                    _hatched(surf, box, p.panel_alt, p.ink_soft)
                else:
                    pygame.draw.rect(surf, p.ink_soft, box)
                text(surf, tf, label, (box.right + u(6), yy), p.ink_soft)
                lx += iw + u(18)
            yy += tf.get_linesize() + u(4)
            # Fixed text under the plot: letters, names (when they fit), best fit, footnote.
            names = [S.CLASS_NAMES.get(c, c).split(" (")[0] for c in CLASSES]
            axis_w = tf.size("100%")[0] + u(8)
            plot_w = w - axis_w
            slot = plot_w / 4
            show_names = all(tf.size(nm)[0] <= slot - u(4) for nm in names)
            under = lf.get_linesize() + (tf.get_linesize() if show_names else 0) + u(8)
            bestfit_h = self._best_fit_height(w, ref)
            foot = S.LAB_FOOTNOTES[ref.key]
            foot_h = _flow_h(tf, foot, w)
            labels_h = vf.get_linesize() + u(4)  # values above the bars (a published one that would touch the run's
            # stacks above it, inside the plot: the bars that meet are short ones)
            ph = max(u(70), body.h - (yy - y0) - labels_h - under - bestfit_h - foot_h - u(14))
            plot = pygame.Rect(x + axis_w, yy + labels_h, plot_w, ph)
            tops = [v for v in sim.values()] + [v if not isinstance(v, tuple) else v[1] for v in ref.bars.values()]
            top = 80.0 if max(tops) <= 78 else 100.0
            every = 20 if plot.h >= 5 * tf.get_linesize() else 40
            for g in range(0, int(top) + 1, every):
                gy = plot.bottom - int(plot.h * g / top)
                pygame.draw.line(surf, p.line, (plot.x, gy), (plot.right, gy), 1)
                text(surf, tf, f"{g}%", (plot.x - u(6), gy), p.ink_faint, anchor="midright")
            bw = max(u(6), int(slot * 0.34))
            for k, code in enumerate(CLASSES):
                cx = plot.x + int(slot * (k + 0.5))
                colour = CLASS_COLOURS[code]
                v = sim.get(code, 0.0)
                h = int(plot.h * min(v, top) / top)
                bar = pygame.Rect(cx - bw - u(3), plot.bottom - h, bw, h)
                pygame.draw.rect(surf, colour, bar)
                pygame.draw.rect(surf, mix(colour, (0, 0, 0), 0.35), bar, width=1)
                sim_label = text(surf, vf, S.LAB_PCT.format(v=v), (bar.centerx, bar.y - u(3)), p.ink, anchor="midbottom")
                pub = ref.bars.get(code)
                if pub is not None:
                    lo, hi = (pub, pub) if not isinstance(pub, tuple) else pub
                    ytop = plot.bottom - int(plot.h * min(hi, top) / top)
                    ylo = plot.bottom - int(plot.h * min(lo, top) / top)
                    pb = pygame.Rect(cx + u(3), ytop, bw, plot.bottom - ytop)
                    _hatched(surf, pb, mix(colour, p.panel, 0.55), mix(colour, (0, 0, 0), 0.45))
                    if lo != hi:
                        pygame.draw.line(surf, p.ink, (pb.x - 2, ylo), (pb.right + 2, ylo), 2)
                    label = S.LAB_PCT.format(v=lo) if lo == hi else S.LAB_RANGE.format(lo=lo, hi=hi)
                    img_w, img_h = tf.size(label)
                    lr = pygame.Rect(0, 0, img_w, img_h)
                    lr.midbottom = (pb.centerx, pb.y - u(3))
                    if lr.colliderect(sim_label.inflate(u(4), 0)):  # stack above the run's label
                        lr.bottom = min(lr.bottom, sim_label.top - u(1))
                    text(surf, tf, label, lr.topleft, p.ink_soft)
                text(surf, lf, code, (cx, plot.bottom + u(4)), p.ink, anchor="midtop")
                if show_names:
                    text(surf, tf, names[k], (cx, plot.bottom + u(4) + lf.get_linesize()), p.ink_soft, anchor="midtop")
            yy = plot.bottom + under
            yy = self._draw_best_fit(surf, x, yy, w, ref) + u(6)
            return paragraph_full(surf, tf, foot, x, yy, w, p.ink_soft, line_gap=1)

        self.class_panel.draw(surface, body, paint)

    def _best_fit_text(self, ref) -> str:
        if not ref.best_fit:
            return ""
        return S.LAB_BESTFIT_PUB.format(shares=", ".join(f"{c} {v:.0f}%" for c, v in ref.best_fit.items()))

    def _best_fit_inline(self, w: int, ref) -> bool:
        """True if the published best-fit shares fit to the right of the bar (the bar keeps at least half)."""
        pub = self._best_fit_text(ref)
        return bool(pub) and self.app.font(theme.SIZE_TINY).size(pub)[0] + self.app.px(12) <= w // 2

    def _best_fit_height(self, w: int, ref) -> int:
        app = self.app
        tf = app.font(theme.SIZE_TINY)
        vf = app.font(theme.SIZE_TINY, bold=True)
        h = _flow_h(vf, S.LAB_BESTFIT_TITLE, w) + app.px(4) + tf.get_linesize() + app.px(6)
        pub = self._best_fit_text(ref)
        return h + (_flow_h(tf, pub, w) + app.px(2) if pub and not self._best_fit_inline(w, ref) else 0)

    def _draw_best_fit(self, surface, x: int, y: int, w: int, ref) -> int:
        """Best fit among A, B, C as its own labelled breakdown: one stacked bar adding to 100%, and under it the
        published best-fit shares where a table gives them. Returns the y below it."""
        app = self.app
        p = app.palette
        u = app.px
        tf = app.font(theme.SIZE_TINY)
        vf = app.font(theme.SIZE_TINY, bold=True)
        y = paragraph_full(surface, vf, S.LAB_BESTFIT_TITLE, x, y, w, p.ink, line_gap=1) + u(4)
        bf = self.result.best_fit_shares()
        pub = self._best_fit_text(ref)
        inline = self._best_fit_inline(w, ref)
        bar = pygame.Rect(x, y, w - (tf.size(pub)[0] + u(12) if inline else 0), tf.get_linesize() + u(2))
        bx = bar.x
        for code in "ABC":
            sw = int(round(bar.w * bf[code] / 100.0)) if code != "C" else bar.right - bx
            seg = pygame.Rect(bx, bar.y, max(0, sw), bar.h)
            pygame.draw.rect(surface, mix(CLASS_COLOURS[code], p.panel, 0.35), seg)
            pygame.draw.rect(surface, p.line, seg, width=1)
            label = f"{code} {bf[code]:.0f}%"
            if tf.size(label)[0] > seg.w - 4:
                label = code if tf.size(code)[0] <= seg.w - 2 else ""
            if label:
                text(surface, tf, label, seg.center, p.ink, anchor="center")
            bx += max(0, sw)
        y = bar.bottom + u(6)
        if inline:
            text(surface, tf, pub, (x + w, bar.centery), p.ink_soft, anchor="midright")
        elif pub:
            y = paragraph_full(surface, tf, pub, x, y, w, p.ink_soft, line_gap=1) + u(2)
        return y

    # --- the still-face ---------------------------------------------------------------------------------------------
    def _draw_still_face(self, surface) -> None:
        app = self.app
        u = app.px
        rect = self.sf_rect
        self._frame(surface, rect, S.LAB_SF_TITLE, self.sf_title_w)
        body = pygame.Rect(rect.x + u(14), self.sf_body_top, rect.w - u(20), rect.bottom - u(8) - self.sf_body_top)
        if self.sf_view == "spread" and self.result.spread is not None:
            self.sf_panel.draw(surface, body, lambda surf, x, y, w: self._paint_spread(surf, x, y, w, body.h))
        else:
            self.sf_panel.draw(surface, body, lambda surf, x, y, w: self._paint_means(surf, x, y, w, body.h))

    def _paint_means(self, surface, x: int, y0: int, w: int, avail: int) -> int:
        app = self.app
        p = app.palette
        u = app.px
        r = self.result
        tf = app.font(theme.SIZE_TINY)
        yy = paragraph_full(surface, tf, S.LAB_SF_AGE.format(n=f"{r.n:,}", age=round(r.age, 1)), x, y0, w, p.ink_soft,
                            line_gap=1) + u(6)
        labels = list(S.LAB_SF_EPISODES) + list(r.sf_episodes[len(S.LAB_SF_EPISODES):])
        ne = len(r.sf_episodes)
        axis_w = tf.size("0.5")[0] + u(10)
        plot_w = w - axis_w - u(10)
        slot = plot_w / max(ne, 1)
        stagger = any(tf.size(labels[k])[0] > slot - u(4) for k in range(ne))
        under = tf.get_linesize() * (2 if stagger else 1) + u(8)
        rows = []
        for name in SF_MEASURES:
            nums = " → ".join("–" if v != v else f"{v:.2f}" for v in r.sf_means[name])
            rows.append((name, S.LAB_SF_ROW.format(series=S.SERIES.get(name, name), values=nums)))
        sample_w = u(28)
        rows_h = sum(_flow_h(tf, s, w - sample_w - u(8)) + u(4) for _, s in rows)
        pa, na, gz = (r.sf_means[k] for k in SF_MEASURES)
        agrees = pa[1] < pa[0] and gz[1] < gz[0] and na[1] > na[0] and pa[2] > pa[1]
        verdict = S.DEBRIEF_SF_AGREES if agrees else S.DEBRIEF_SF_PARTLY
        itf = app.font(theme.SIZE_TINY, italic=True)
        verdict_h = _flow_h(itf, verdict, w)
        half = tf.get_height() // 2
        ph = max(u(50), avail - (yy - y0) - half - under - rows_h - verdict_h - u(12))
        plot = pygame.Rect(x + axis_w, yy + half, plot_w, ph)
        for g in (0.0, 0.5, 1.0):
            gy = plot.bottom - int(plot.h * g)
            pygame.draw.line(surface, p.line, (plot.x, gy), (plot.right, gy), 1)
            text(surface, tf, f"{g:.1f}", (plot.x - u(6), gy), p.ink_faint, anchor="midright")
        xs = [plot.x + int(slot * (k + 0.5)) for k in range(ne)]
        for k, xk in enumerate(xs):
            ly = plot.bottom + u(4) + (tf.get_linesize() if stagger and k % 2 else 0)
            text(surface, tf, labels[k], (xk, ly), p.ink_soft, anchor="midtop")
        for name in SF_MEASURES:
            vals = r.sf_means[name]
            pts = [(xs[k], plot.bottom - int(plot.h * float(np.clip(vals[k], 0, 1)))) for k in range(ne)
                   if vals[k] == vals[k]]
            colour = series_colour(p, name)
            draw_series(surface, colour, _dense(pts), SF_STYLES[name], p.line_width, app.layout.u)
            for pt in pts:
                pygame.draw.circle(surface, colour, pt, u(5))
        yy = plot.bottom + under
        for name, s in rows:
            colour = series_colour(p, name)
            cy = yy + tf.get_linesize() // 2
            draw_series(surface, colour, [(x + i, cy) for i in range(0, sample_w, 2)], SF_STYLES[name], p.line_width,
                        app.layout.u)
            yy = paragraph_full(surface, tf, s, x + sample_w + u(8), yy, w - sample_w - u(8), p.ink, line_gap=1) + u(4)
        return paragraph_full(surface, itf, verdict, x, yy + u(4), w, p.ok if agrees else p.warn, line_gap=1)

    def _paint_spread(self, surface, x0: int, y0: int, w: int, avail: int) -> int:
        """Each infant, not only the means: a histogram of the rise in negative affect from play to the still-face,
        %B in classes of 30 drawn from the run (one dot per class), and one plain caption."""
        app = self.app
        p = app.palette
        u = app.px
        sp = self.result.spread
        tf = app.font(theme.SIZE_TINY)
        bf = app.font(theme.SIZE_TINY, bold=True)
        itf = app.font(theme.SIZE_TINY, italic=True)
        pct = sp["pct_b"]
        cap = (S.LAB_SPREAD_CAPTION.format(size=ID8_SIZE, lo=sp["b_lo"], hi=sp["b_hi"]) if len(pct)
               else S.LAB_SPREAD_CAPTION_SMALL)
        classes = S.LAB_SPREAD_CLASSES.format(k=len(pct), size=ID8_SIZE)
        dot, step = u(3), u(3)  # dot radius and stacking step (px): equal values stack upward
        strip_h = 0
        if len(pct):
            _, same = np.unique(np.round(pct, 6), return_counts=True)
            strip_h = max(u(16), int(same.max()) * step + dot + 2)
        fixed = (_flow_h(bf, S.LAB_SPREAD_CHANGE, w) + u(4) + tf.get_linesize() + u(4) + tf.get_linesize()
                 + u(6) + (_flow_h(bf, classes, w) + u(4) + strip_h + u(3) + tf.get_linesize() + u(6)
                           if len(pct) else 0) + _flow_h(itf, cap, w))
        y = paragraph_full(surface, bf, S.LAB_SPREAD_CHANGE, x0, y0, w, p.ink, line_gap=1) + u(4)
        text(surface, tf, S.LAB_SPREAD_INFANTS.format(n=int(sp["counts"].sum())), (x0 + w, y), p.ink_soft,
             anchor="topright")
        y += tf.get_linesize() + u(4)
        counts, edges = sp["counts"], sp["edges"]
        hist = pygame.Rect(x0 + u(4), y, w - u(8), max(u(26), avail - fixed - u(8)))
        top = max(1, int(counts.max()))
        span = float(edges[-1] - edges[0]) or 1.0
        colour = series_colour(p, "negative_affect")
        for c, e0, e1 in zip(counts, edges[:-1], edges[1:]):
            xa = hist.x + int(hist.w * (e0 - edges[0]) / span)
            xb = hist.x + int(hist.w * (e1 - edges[0]) / span)
            h = int(round(hist.h * c / top))
            if h:
                pygame.draw.rect(surface, colour, pygame.Rect(xa, hist.bottom - h, max(1, xb - xa - 1), h))
        pygame.draw.line(surface, p.line, hist.bottomleft, hist.bottomright, 1)
        for v in (edges[0], 0.0, edges[-1]):
            xv = hist.x + int(hist.w * (v - edges[0]) / span)
            pygame.draw.line(surface, p.ink_faint, (xv, hist.bottom), (xv, hist.bottom + u(4)), 1)
            anchor = "midtop" if hist.x + u(12) < xv < hist.right - u(12) else ("topleft" if xv <= hist.x + u(12)
                                                                             else "topright")
            text(surface, tf, f"{v:+.1f}" if v else "0", (xv, hist.bottom + u(4)), p.ink_soft, anchor=anchor)
        y = hist.bottom + u(4) + tf.get_linesize() + u(6)
        if len(pct):
            y = paragraph_full(surface, bf, classes, x0, y, w, p.ink, line_gap=1) + u(4)
            strip = pygame.Rect(x0 + u(4), y, w - u(8), strip_h)
            stacks: dict[int, int] = {}
            b_col = CLASS_COLOURS["B"]
            for v in np.sort(pct):
                xv = strip.x + int(strip.w * v / 100.0)
                k = stacks.get(xv, 0)
                stacks[xv] = k + 1
                centre = (xv, strip.bottom - dot - k * step)
                pygame.draw.circle(surface, b_col, centre, dot)
                pygame.draw.circle(surface, mix(b_col, (0, 0, 0), 0.45), centre, dot, 1)
            xa = strip.x + int(strip.w * sp["b_all"] / 100.0)
            pygame.draw.line(surface, p.ink, (xa, strip.y - 2), (xa, strip.bottom + 2), 2)
            pygame.draw.line(surface, p.line, strip.bottomleft, strip.bottomright, 1)
            all_label = S.LAB_SPREAD_ALL.format(v=sp["b_all"])
            ar = pygame.Rect(0, 0, *bf.size(all_label))
            ar.midtop = (xa, strip.bottom + u(3))
            ar.clamp_ip(pygame.Rect(strip.x, ar.y, strip.w, ar.h))
            for v in (0, 100):  # the ends, where the run's own share leaves room
                xv = strip.x + int(strip.w * v / 100.0)
                er = pygame.Rect(0, 0, *tf.size(f"{v}%"))
                if v == 0:
                    er.topleft = (xv, strip.bottom + u(3))
                else:
                    er.topright = (xv, strip.bottom + u(3))
                if not er.colliderect(ar.inflate(u(6), 0)):
                    text(surface, tf, f"{v}%", er.topleft, p.ink_soft)
            text(surface, bf, all_label, ar.topleft, p.ink)
            y = strip.bottom + u(3) + tf.get_linesize() + u(6)
        return paragraph_full(surface, itf, cap, x0, y, w, p.ink_soft, line_gap=1)

    # --- the infants ------------------------------------------------------------------------------------------------
    def _grid_layout(self) -> tuple[int, int, int]:
        """(columns, cell size, count) of the infant grid."""
        n = len(self.order)
        g = self.grid
        if n == 0 or g.w <= 0 or g.h <= 0:
            return 1, 1, 0
        cols = max(1, int(np.ceil(np.sqrt(n * g.w / g.h))))
        rows = int(np.ceil(n / cols))
        cell = max(2, int(min(g.w / cols, g.h / rows)))
        cols = max(cols, g.w // cell) if rows > 1 else cols
        return cols, cell, n

    def _grid_hit(self, pos) -> int | None:
        """The infant under a window position, or None."""
        if not self.showing_result:
            return None
        cols, cell, n = self._grid_layout()
        if not self.grid.collidepoint(pos):
            return None
        c = (pos[0] - self.grid.x) // cell
        rr = (pos[1] - self.grid.y) // cell
        k = int(rr * cols + c)
        if 0 <= c < cols and 0 <= k < n:
            return self.order[k]
        return None

    def _draw_infants(self, surface) -> None:
        app = self.app
        p = app.palette
        u = app.px
        r = self.result
        self._frame(surface, self.infant_rect, S.LAB_INFANT_TITLE)
        tf = app.font(theme.SIZE_TINY)
        paragraph_full(surface, tf, S.LAB_INFANT_GRID_HINT, self.grid_hint.x, self.grid_hint.y, self.grid_hint.w,
                       p.ink_soft, line_gap=1)
        cols, cell, n = self._grid_layout()
        gap = 1 if cell < 10 else 2
        g = self.grid
        key = (id(r), g.size, cols, cell, p.name)
        if getattr(self, "_grid_key", None) != key:  # a thousand squares: drawn once per result and layout
            img = pygame.Surface(g.size, pygame.SRCALPHA)
            cls = r.classification
            for k, i in enumerate(self.order):
                row, c = divmod(k, cols)
                pygame.draw.rect(img, CLASS_COLOURS.get(str(cls[i]), p.line),
                                 (c * cell, row * cell, max(1, cell - gap), max(1, cell - gap)))
            self._grid_key, self._grid_img = key, img
        surface.blit(self._grid_img, g.topleft)
        sel_rect = None
        if self.selected in self.order:
            row, c = divmod(self.order.index(self.selected), cols)
            sel_rect = pygame.Rect(g.x + c * cell, g.y + row * cell, max(1, cell - gap), max(1, cell - gap))
        if sel_rect is not None:
            fw = p.focus_width
            pygame.draw.rect(surface, p.ink, sel_rect.inflate(4, 4), width=2)
            pygame.draw.rect(surface, p.focus, sel_rect.inflate(4 + 2 * fw, 4 + 2 * fw), width=fw)
        self.infant_panel.draw(surface, self.details, self._paint_infant)
        text(surface, app.font(theme.SIZE_TINY, bold=True), S.LAB_NEXT_OF, self.next_of_label, p.ink_soft,
             anchor="midleft")

    def _paint_infant(self, surface, x: int, y: int, w: int) -> int:
        """The selected infant: pattern and best fit, caregiving, temperament and working model, why (scoring)."""
        app = self.app
        p = app.palette
        u = app.px
        r = self.result
        i = int(self.selected)
        code = str(r.classification[i])
        hf = app.font(theme.SIZE_BODY, bold=True)
        sf = app.font(theme.SIZE_TINY)
        head = S.LAB_INFANT_HEAD.format(i=i + 1, n=f"{r.n:,}", code=code, name=S.CLASS_NAMES.get(code, code),
                                        best=str(r.best_fit[i]))
        y = paragraph_full(surface, hf, head, x, y, w, mix(CLASS_COLOURS.get(code, p.ink), p.ink, 0.55),
                           line_gap=1) + u(4)
        prof, par = r.profile, r.params
        care = S.LAB_INFANT_CARE.format(sens=float(prof.sensitivity[i]), lag=float(prof.response_lag_s[i]),
                                        cons=float(prof.consistency[i]), welcome=float(prof.comfort_welcome[i]),
                                        phone=float(prof.phone_hours[i]), fright=float(prof.frightening_per_day[i]))
        y = paragraph_full(surface, sf, care, x, y, w, p.ink, line_gap=1) + u(4)
        temp = S.LAB_INFANT_TEMP.format(r=float(par.reactivity[i]), s=float(par.soothability[i]),
                                        e=float(par.expectation[i]), d=float(par.deactivation[i]),
                                        h=float(par.hyperactivation[i]), f=float(par.fear_of_caregiver[i]))
        y = paragraph_full(surface, sf, temp, x, y, w, p.ink_soft, line_gap=1) + u(4)
        reasons = r.reasons[i]
        why = S.LAB_INFANT_WHY.format(code=code, reason="; ".join(reasons) if reasons else "–")
        y = paragraph_full(surface, sf, why, x, y, w, p.ink_soft, line_gap=1) + u(4)
        return paragraph_full(surface, app.font(theme.SIZE_TINY, italic=True), S.LAB_INFANT_NOTE, x, y, w, p.ink_faint,
                              line_gap=1)


def _flow_h(font, s: str, width: int) -> int:
    """Height (px) that ``paragraph_full(..., line_gap=1)`` takes for ``s`` at ``width`` (how this screen writes
    its text), so that the charts can have exactly the room the text leaves."""
    return len(wrap(font, s, width)) * (font.get_linesize() - 1)


def _dense(pts: list, step: int = 2) -> list:
    """A polyline resampled every ``step`` pixels along x (dashed and dotted styles need dense points)."""
    out = []
    for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
        n = max(1, abs(x1 - x0) // step)
        out.extend((x0 + (x1 - x0) * k // n, y0 + (y1 - y0) * k // n) for k in range(n))
    if pts:
        out.append(pts[-1])
    return out


def _hatched(surface, rect: pygame.Rect, fill, ink) -> None:
    """A bar filled light with diagonal hatching and an outline (the published values: shape, not only colour)."""
    if rect.h <= 0 or rect.w <= 0:
        return
    pygame.draw.rect(surface, fill, rect)
    clip = surface.get_clip()
    surface.set_clip(rect.clip(clip) if clip else rect)
    for d in range(-rect.h, rect.w, 7):
        pygame.draw.line(surface, ink, (rect.x + d, rect.bottom), (rect.x + d + rect.h, rect.y), 1)
    surface.set_clip(clip)
    pygame.draw.rect(surface, ink, rect, width=2)
