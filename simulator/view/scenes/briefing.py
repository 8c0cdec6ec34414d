"""Briefing: the procedure, what to watch for, the infant in plain words, a content note, and the predict question."""

from __future__ import annotations

import pygame

from ...model.params import PRESETS, resolve_preset
from .. import strings as S
from .. import theme
from .home import draw_header, draw_hints
from ..scene import Scene
from ..widgets import Button, FocusGroup, mix, paragraph, text, text_height


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
    """What the learner reads and answers before playing a scenario."""
    native = False  # still laid out for the 1280x720 design (drawn on a design canvas, scaled)

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
        self.relayout()

    # --- layout ----------------------------------------------------------------------------------------------
    def _right_layout(self):
        """y positions on the right column: (note box rect or None, predict title y, first option y)."""
        app = self.app
        sf = app.font(theme.SIZE_SMALL)
        y = 132
        note = None
        if self.scenario.content_note:
            h = 34 + text_height(sf, self.scenario.content_note, 440)
            note = pygame.Rect(756, y, 468, h)
            y = note.bottom + 18
        return note, y

    def relayout(self) -> None:
        """Place the option buttons and controls (called again when the text size changes)."""
        app = self.app
        items = []
        note, y = self._right_layout()
        pr = self.scenario.predict
        y += app.font(theme.SIZE_HEADING, bold=True).get_linesize() + 4
        if pr is not None:
            y += text_height(app.font(theme.SIZE_BODY), pr.text, 468) + 8
            oh = max(36, app.font(16).get_linesize() + 12)
            for k, opt in enumerate(pr.options):
                items.append(Button((756, y, 468, oh), opt, lambda k=k: self.pick(k), key=pygame.K_1 + k,
                                    key_label=str(k + 1), style="option", selected=self.choice == k,
                                    ident=f"option:{k}", font_size=16))
                y += oh + 6
        y = max(y + 34, 546)
        if self.can_act:
            items.append(Button((756, y, 230, 40), S.BRIEF_MODE_LEARNER, lambda: self.set_demo(False),
                                style="option", selected=not self.demo, ident="mode:learner", key=pygame.K_y,
                                key_label="Y", font_size=16))
            items.append(Button((994, y, 230, 40), S.BRIEF_MODE_DEMO, lambda: self.set_demo(True),
                                style="option", selected=self.demo, ident="mode:demo", key=pygame.K_d,
                                key_label="D", font_size=16))
        y = 640
        items.append(Button((56, y, 130, 44), S.BRIEF_BACK, self.close, key_label="Esc", ident="back"))
        # While a prediction is open the history's pattern name stays hidden (it would give the answer away).
        hist = S.BRIEF_HISTORY_BUTTON_HIDDEN if (pr is not None and self.choice is None) \
            else S.BRIEF_HISTORY_BUTTON.format(preset=self.preset)
        hw = app.font(16).size(hist)[0] + 60
        items.append(Button((202, y, hw, 44), hist, self.cycle_preset, key=pygame.K_i, key_label="I",
                            ident="history", font_size=16))
        sw = app.font(16).size(S.BRIEF_SETUP)[0] + 60
        items.append(Button((202 + hw + 12, y, sw, 44), S.BRIEF_SETUP, self.open_setup, key=pygame.K_s,
                            key_label="S", ident="setup", font_size=16))
        locked = pr is not None and self.choice is None
        items.append(Button((1224 - 220, y, 220, 44), S.BRIEF_START_LOCKED if locked else S.BRIEF_START,
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
        """Play the caregiver yourself, or watch a scripted caregiver."""
        self.demo = demo if self.can_act else True
        self.relayout()

    def cycle_preset(self) -> None:
        """Try another caregiving history for the infant."""
        ids = list(PRESETS)
        self.preset = self.setup.preset = ids[(ids.index(self.preset) + 1) % len(ids)]
        self.relayout()

    def open_setup(self) -> None:
        """The setup panel: age, temperament, history, caregiver sensitivity, looks, with Reset."""
        from .setup import SetupScene
        self.app.push(SetupScene(self.app, self))

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
        from .play import PlayScene
        self.app.push(PlayScene(self.app, self.scenario, infant=self.setup.preset, caregiver=self.caregiver,
                                seed=self.seed, demo=self.demo, prediction=self.prediction(),
                                overrides=self.setup.overrides(), skins=self.setup.skins))

    # --- scene hooks ---------------------------------------------------------------------------------------
    def process_event(self, event):
        return self.close_on_back(self.group.process_event(event))

    def draw(self, surface: pygame.Surface) -> None:
        app = self.app
        p = app.palette
        sc = self.scenario
        header_bottom = draw_header(surface, app, sc.title, sc.question, y=28)
        hf = app.font(theme.SIZE_HEADING - 4, bold=True)
        bf = app.font(theme.SIZE_SMALL)
        left = pygame.Rect(56, 132, 660, 480)
        bottom = 628  # the buttons start below: every block must end above this line
        y = max(left.y, header_bottom + 6)
        big = app.text_scale > 1.0

        def heading(label, y):
            r = text(surface, hf, label, (left.x, y), p.ink)
            return r.bottom + 4

        def room_for(y, lines=1) -> bool:
            return y + hf.get_linesize() + 4 + lines * bf.get_linesize() <= bottom

        y = heading(S.BRIEF_PROCEDURE, y)
        y = paragraph(surface, bf, " ".join(sc.summary.split()), pygame.Rect(left.x, y, left.w, bottom - y), p.ink_soft,
                      max_lines=2 if big else 4) + 10
        eps = sc.episodes
        if room_for(y):
            y = heading(S.BRIEF_EPISODES, y)
            lines = [S.BRIEF_EPISODE_LINE.format(title=ep.title, duration=fmt_duration(ep.duration_s)) for ep in eps]
            if big:  # large text: the episodes as one flowing paragraph
                y = paragraph(surface, bf, S.BRIEF_EPISODE_SEP.join(lines), pygame.Rect(left.x, y, left.w, bottom - y),
                              p.ink_soft, max_lines=2) + 10
            else:
                cols = 1 if len(eps) <= 4 else 2
                per = (len(eps) + cols - 1) // cols
                lh = bf.get_linesize() + 1
                for k, line in enumerate(lines):
                    c, r = divmod(k, per)
                    text(surface, bf, line, (left.x + c * (left.w // 2), y + r * lh), p.ink_soft,
                         max_width=left.w // cols - 12)
                y += per * lh + 10
        watch: list[str] = []
        for ep in eps:
            for w in ep.watch_for:
                if w not in watch:
                    watch.append(w)
        infant_h = hf.get_linesize() + 4 + 3 * bf.get_linesize() + 10  # keep room for the infant below
        if room_for(y + infant_h) and watch:
            y = heading(S.BRIEF_WATCH, y)
            for w in watch[:3 if big else 4]:
                if y + bf.get_linesize() + infant_h > bottom:
                    break
                pygame.draw.circle(surface, p.accent, (left.x + 6, y + bf.get_height() // 2 + 1), 3)
                y = paragraph(surface, bf, w[:1].upper() + w[1:], pygame.Rect(left.x + 18, y, left.w - 18, 44),
                              p.ink_soft, max_lines=1)
            y += 10
        if room_for(y):
            y = heading(S.BRIEF_INFANT, y)
            age = self.setup.age_months if self.setup.age_months is not None else sc.infant.age_months
            profile = sc.infant.profile if self.setup.age_months is None else ""  # the profile names the default age
            who = " ".join([S.BRIEF_INFANT_AGE.format(age=age), profile or ""]).strip()
            if self.setup.overrides():
                who += " " + S.BRIEF_SETUP_CHANGED
            y = paragraph(surface, bf, who, pygame.Rect(left.x, y, left.w, bottom - y), p.ink_soft, max_lines=2)
            plain = S.PRESET_PLAIN.get(self.preset, PRESETS[self.preset].history)
            y = paragraph(surface, bf, S.BRIEF_HISTORY.format(history=plain), pygame.Rect(left.x, y, left.w, bottom - y),
                          p.ink, max_lines=2) + 10
        how = S.BRIEF_HOW_WATCH if self.demo else S.BRIEF_HOW_PLAY
        opts = [b for b in self.group.items if b.ident.startswith("option:")]
        if not self.can_act and opts:  # no mode choice on the right: the room's keys go there
            hx, hy, hw = 756, opts[-1].rect.bottom + 22, 468
        else:
            hx, hy, hw = left.x, y, left.w
        if hy + hf.get_linesize() + 4 + bf.get_linesize() <= bottom:
            r = text(surface, hf, S.BRIEF_HOW, (hx, hy), p.ink)
            paragraph(surface, bf, how, pygame.Rect(hx, r.bottom + 4, hw, max(0, bottom - r.bottom - 4)), p.ink_soft)

        # Right column: content note, predict.
        note, y = self._right_layout()
        if note is not None:
            pygame.draw.rect(surface, mix(p.warn, p.panel, 0.88), note, border_radius=12)
            pygame.draw.rect(surface, p.warn, (note.x, note.y, 6, note.h), border_top_left_radius=12,
                             border_bottom_left_radius=12)
            text(surface, app.font(theme.SIZE_SMALL, bold=True), S.BRIEF_CONTENT_NOTE, (note.x + 18, note.y + 8), p.ink)
            paragraph(surface, bf, sc.content_note, pygame.Rect(note.x + 18, note.y + 30, note.w - 30, note.h), p.ink)
        pr = sc.predict
        r = text(surface, app.font(theme.SIZE_HEADING, bold=True), S.BRIEF_PREDICT, (756, y), p.ink)
        y = r.bottom + 4
        if pr is not None:
            paragraph(surface, app.font(theme.SIZE_BODY), pr.text, pygame.Rect(756, y, 468, 80), p.ink)
        learner_btn = self.group.find("mode:learner")
        if learner_btn is not None:
            text(surface, app.font(theme.SIZE_SMALL, bold=True), S.BRIEF_MODE_TITLE,
                 (learner_btn.rect.x, learner_btn.rect.y - 6), p.ink, anchor="bottomleft")
        mode = S.BRIEF_YOU_PLAY if not self.demo else S.BRIEF_YOU_WATCH
        start = self.group.find("start")
        if start is not None:
            text(surface, app.font(theme.SIZE_SMALL, italic=True), mode, (start.rect.x - 16, start.rect.centery),
                 p.ink_soft, anchor="midright")
        self.group.draw(surface)
        hint = S.BRIEF_PREDICT_HINT.format(n=len(pr.options)) if pr is not None else S.BACK_HINT
        draw_hints(surface, app, hint)
