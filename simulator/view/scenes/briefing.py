"""Briefing: the procedure, what to watch for, the infant in plain words, a content note, and the predict question."""

from __future__ import annotations

import pygame

from ...model.params import PRESETS, resolve_preset
from .. import strings as S
from .. import theme
from ..scene import Scene
from ..widgets import (Button, FocusGroup, ScrollPanel, draw_header, draw_hints, header_height, hints_height, mix,
                       paragraph_full, paragraph_height, scroll_panels_event, text)


def learner_can_act(scenario) -> bool:
    """True if the learner plays the caregiver in some episode (else the scenario is watched)."""
    return any(ep.caregiver == "learner" or ep.learner_can_break for ep in scenario.episodes)


def fmt_duration(seconds: float) -> str:
    """``120 -> "2 min"``, ``30 -> "30 s"``, ``90 -> "1 min 30 s"``."""
    s = int(round(seconds))
    if s < 60:
        return f"{s} s"
    m, r = divmod(s, 60)
    return f"{m} min" if r == 0 else f"{m} min {r} s"


class BriefingScene(Scene):
    """What the learner reads and answers before playing a scenario.

    Laid out from the window and the text size: the left column (procedure, episodes, what to watch for, the
    infant, how to play) is a scroll panel, so all of it is there at any size; the right column (content note,
    the question, its options, play or watch) grows with its text, each option on two lines if it needs them.
    """

    name = "briefing"

    def __init__(self, app, scenario, infant: str | None = None, seed: int = 0, caregiver: str = "sensitive") -> None:
        super().__init__(app)
        self.scenario = scenario
        self.preset = resolve_preset(infant or scenario.infant.preset)
        self.seed = seed
        self.caregiver = caregiver
        self.choice: int | None = None
        from .setup import Setup
        self.setup = Setup(preset=self.preset)  # the setup panel's values (S)
        self.can_act = learner_can_act(scenario)
        self.demo = not self.can_act
        self.group = FocusGroup(app)
        self.left_panel = ScrollPanel(app, "briefing")
        self.relayout()

    # --- layout ----------------------------------------------------------------------------------------------
    def _columns(self):
        """(left, right) column rects (window px) between the header and the buttons."""
        app = self.app
        lay = app.layout
        top = header_height(app, self.scenario.title, self.scenario.question, y=28) + app.px(6)
        bottom = self.buttons_y - app.px(12)
        left = pygame.Rect(lay.x(56), top, lay.x(716) - lay.x(56), bottom - top)
        right = pygame.Rect(lay.x(756), top, lay.w - lay.x(56) - lay.x(756), bottom - top)
        return left, right

    def _right_layout(self):
        """The right column: (note box rect or None, the y of the predict title)."""
        app = self.app
        u = app.px
        sf = app.font(theme.SIZE_SMALL)
        _, right = self._columns()
        y = right.y
        note = None
        if self.scenario.content_note:
            h = u(12) + app.font(theme.SIZE_SMALL, bold=True).get_linesize() + paragraph_height(
                sf, self.scenario.content_note, right.w - u(30)) + u(12)
            note = pygame.Rect(right.x, y, right.w, h)
            y = note.bottom + u(14)
        return note, y

    def relayout(self) -> None:
        """Lay the screen out for the window and text size: the buttons along the bottom, the options and the
        play-or-watch choice on the right (called again when the text size or the window changes)."""
        app = self.app
        lay = app.layout
        u = app.px
        items = []
        pr = self.scenario.predict
        f16 = app.font(16)
        bh = max(u(44), f16.get_linesize() + u(14))
        self.buttons_y = lay.h - hints_height(app) - bh - u(4)
        note, y = self._right_layout()
        _, right = self._columns()
        y += app.font(theme.SIZE_HEADING, bold=True).get_linesize() + u(4)
        if pr is not None:
            y += paragraph_height(app.font(theme.SIZE_BODY), pr.text, right.w) + u(8)
            one = max(u(36), f16.get_linesize() + u(12))
            room = right.w - Button.width_for(app, "", str(len(pr.options)), 16) - u(24)
            for k, opt in enumerate(pr.options):
                oh = one if f16.size(opt)[0] <= room else 2 * f16.get_linesize() + u(10)  # two lines if need be
                items.append(Button((right.x, y, right.w, oh), opt, lambda k=k: self.pick(k), key=pygame.K_1 + k,
                                    key_label=str(k + 1), style="option", selected=self.choice == k,
                                    ident=f"option:{k}", font_size=16))
                y += oh + u(6)
        if self.can_act:
            mh = max(u(40), f16.get_linesize() + u(12))
            y = max(y + app.font(theme.SIZE_SMALL, bold=True).get_linesize() + u(12), right.bottom - mh)
            half = (right.w - u(8)) // 2
            items.append(Button((right.x, y, half, mh), S.BRIEF_MODE_LEARNER, lambda: self.set_demo(False),
                                style="option", selected=not self.demo, ident="mode:learner", key=pygame.K_y,
                                key_label="Y", font_size=16))
            items.append(Button((right.right - half, y, half, mh), S.BRIEF_MODE_DEMO, lambda: self.set_demo(True),
                                style="option", selected=self.demo, ident="mode:demo", key=pygame.K_d,
                                key_label="D", font_size=16))
        y = self.buttons_y
        x = lay.x(56)
        w = Button.width_for(app, S.BRIEF_BACK, "Esc", 17)
        items.append(Button((x, y, w, bh), S.BRIEF_BACK, self.close, key_label="Esc", ident="back"))
        x += w + u(16)
        # While a prediction is open the history's pattern name stays hidden (it would give the answer away).
        hist = S.BRIEF_HISTORY_BUTTON_HIDDEN if (pr is not None and self.choice is None) \
            else S.BRIEF_HISTORY_BUTTON.format(preset=self.preset)
        hw = Button.width_for(app, hist, "I", 16)
        items.append(Button((x, y, hw, bh), hist, self.cycle_preset, key=pygame.K_i, key_label="I",
                            ident="history", font_size=16))
        x += hw + u(12)
        sw = Button.width_for(app, S.BRIEF_SETUP, "S", 16)
        items.append(Button((x, y, sw, bh), S.BRIEF_SETUP, self.open_setup, key=pygame.K_s,
                            key_label="S", ident="setup", font_size=16))
        locked = pr is not None and self.choice is None
        start_label = S.BRIEF_START_LOCKED if locked else S.BRIEF_START
        stw = max(u(220), Button.width_for(app, start_label, None, 17))
        items.append(Button((lay.w - lay.x(56) - stw, y, stw, bh), start_label,
                            self.start, style="primary", locked=locked, ident="start"))
        self.group.set(items)
        if pr is not None and self.choice is None and self.group.focused is not None \
                and self.group.focused.ident in ("back", "history", "start"):
            self.group.focus("option:0")

    # --- actions -------------------------------------------------------------------------------------------
    def pick(self, k: int) -> None:
        """Choose prediction option ``k``; focus moves to Start."""
        self.choice = k
        self.relayout()
        self.group.focus("start")

    def set_demo(self, demo: bool) -> None:
        """Play the caregiver yourself, or watch a scripted caregiver; the focus moves on to Start (or to
        the prediction while it is open), so Enter then starts."""
        self.demo = demo if self.can_act else True
        self.relayout()
        start = self.group.find("start")
        if start is not None and not start.locked:
            self.group.focus("start")

    def cycle_preset(self) -> None:
        """Try another caregiving history for the infant."""
        ids = list(PRESETS)
        self.preset = self.setup.preset = ids[(ids.index(self.preset) + 1) % len(ids)]
        self.relayout()

    def open_setup(self) -> None:
        """The setup panel: age, temperament, history, caregiver sensitivity, looks, with Reset."""
        self.app.open("setup", self)

    def prediction(self) -> dict | None:
        """The learner's answer as saved in the session file."""
        pr = self.scenario.predict
        if pr is None:
            return None
        return {"question": pr.text, "options": list(pr.options), "choice": self.choice, "answer": pr.answer}

    def start(self) -> None:
        """Go to the room."""
        if self.scenario.predict is not None and self.choice is None:
            return
        self.app.open("play", self.scenario, infant=self.setup.preset, caregiver=self.caregiver, seed=self.seed,
                      demo=self.demo, prediction=self.prediction(), speed=getattr(self, "speed", 1.0),
                      overrides=self.setup.overrides(), skins=self.setup.skins)

    # --- scene hooks ---------------------------------------------------------------------------------------
    def process_event(self, event):
        event = scroll_panels_event([self.left_panel], self.group.process_event(event))
        return self.close_on_back(event)

    def draw(self, surface: pygame.Surface) -> None:
        app = self.app
        p = app.palette
        u = app.px
        sc = self.scenario
        draw_header(surface, app, sc.title, sc.question, y=28)
        left, right = self._columns()
        self.left_panel.draw(surface, left, self._paint_left)
        # Right column: content note, predict.
        note, y = self._right_layout()
        bf = app.font(theme.SIZE_SMALL)
        if note is not None:
            pygame.draw.rect(surface, mix(p.warn, p.panel, 0.88), note, border_radius=u(12))
            pygame.draw.rect(surface, p.warn, (note.x, note.y, u(6), note.h), border_top_left_radius=u(12),
                             border_bottom_left_radius=u(12))
            r = text(surface, app.font(theme.SIZE_SMALL, bold=True), S.BRIEF_CONTENT_NOTE,
                     (note.x + u(18), note.y + u(8)), p.ink)
            paragraph_full(surface, bf, sc.content_note, note.x + u(18), r.bottom + u(2), note.w - u(30), p.ink)
        pr = sc.predict
        r = text(surface, app.font(theme.SIZE_HEADING, bold=True), S.BRIEF_PREDICT, (right.x, y), p.ink)
        y = r.bottom + u(4)
        if pr is not None:
            paragraph_full(surface, app.font(theme.SIZE_BODY), pr.text, right.x, y, right.w, p.ink)
        learner_btn = self.group.find("mode:learner")
        if learner_btn is not None:
            text(surface, app.font(theme.SIZE_SMALL, bold=True), S.BRIEF_MODE_TITLE,
                 (learner_btn.rect.x, learner_btn.rect.y - u(6)), p.ink, anchor="bottomleft")
        mode = S.BRIEF_YOU_PLAY if not self.demo else S.BRIEF_YOU_WATCH
        start = self.group.find("start")
        setup = self.group.find("setup")
        if start is not None:
            mf = app.font(theme.SIZE_SMALL, italic=True)
            free = start.rect.x - u(16) - (setup.rect.right + u(16) if setup is not None else 0)
            if mf.size(mode)[0] <= free:  # beside Start when there is room (the mode buttons say it too)
                text(surface, mf, mode, (start.rect.x - u(16), start.rect.centery), p.ink_soft, anchor="midright")
        self.group.draw(surface)
        hint = S.BRIEF_PREDICT_HINT.format(n=len(pr.options)) if pr is not None else S.BACK_HINT
        draw_hints(surface, app, hint)

    def _paint_left(self, surface, x: int, y: int, w: int) -> int:
        """The left column, all of it (the scroll panel shows what fits and cues the rest)."""
        app = self.app
        p = app.palette
        u = app.px
        sc = self.scenario
        hf = app.font(theme.SIZE_HEADING - 4, bold=True)
        bf = app.font(theme.SIZE_SMALL)

        def heading(label, y):
            r = text(surface, hf, label, (x, y), p.ink)
            return r.bottom + u(4)

        y = heading(S.BRIEF_PROCEDURE, y)
        y = paragraph_full(surface, bf, " ".join(sc.summary.split()), x, y, w, p.ink_soft) + u(10)
        eps = sc.episodes
        y = heading(S.BRIEF_EPISODES, y)
        lines = [S.BRIEF_EPISODE_LINE.format(title=ep.title, duration=fmt_duration(ep.duration_s)) for ep in eps]
        cols = 1 if len(eps) <= 4 else 2
        col_w = w // cols - u(12)
        if cols == 2 and any(bf.size(line)[0] > col_w for line in lines):
            cols, col_w = 1, w
        per = (len(eps) + cols - 1) // cols
        lh = bf.get_linesize() + 1
        for k, line in enumerate(lines):
            c, r = divmod(k, per)
            text(surface, bf, line, (x + c * (w // 2), y + r * lh), p.ink_soft, max_width=col_w)
        y += per * lh + u(10)
        watch: list[str] = []
        for ep in eps:
            for wf in ep.watch_for:
                if wf not in watch:
                    watch.append(wf)
        if watch:
            y = heading(S.BRIEF_WATCH, y)
            for wf in watch:
                pygame.draw.circle(surface, p.accent, (x + u(6), y + bf.get_height() // 2 + 1), max(2, u(3)))
                y = paragraph_full(surface, bf, wf[:1].upper() + wf[1:], x + u(18), y, w - u(18), p.ink_soft)
            y += u(10)
        y = heading(S.BRIEF_INFANT, y)
        age = self.setup.age_months if self.setup.age_months is not None else sc.infant.age_months
        profile = sc.infant.profile if self.setup.age_months is None else ""  # the profile names the default age
        who = " ".join([S.BRIEF_INFANT_AGE.format(age=age), profile or ""]).strip()
        if self.setup.overrides():
            who += " " + S.BRIEF_SETUP_CHANGED
        y = paragraph_full(surface, bf, who, x, y, w, p.ink_soft)
        plain = S.PRESET_PLAIN.get(self.preset, PRESETS[self.preset].history)
        y = paragraph_full(surface, bf, S.BRIEF_HISTORY.format(history=plain), x, y, w, p.ink) + u(10)
        how = S.BRIEF_HOW_WATCH if self.demo else S.BRIEF_HOW_PLAY
        y = heading(S.BRIEF_HOW, y)
        return paragraph_full(surface, bf, how, x, y, w, p.ink_soft)
