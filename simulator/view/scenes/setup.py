"""The setup panel (PhET style): steppers for the infant's age, temperament, caregiving history, the
caregiver's sensitivity and how the people look, with Reset.

The values go into the model only through its documented parameters (``infant.age_months``,
``infant.reactivity``, ``infant.soothability``, ``caregiver.sensitivity``) and the infant preset, the same
``--set`` keys the command line takes, so a run set up here is saved, reported and replayed exactly like
any other. Looks (skin tones) are drawing only and never reach the model.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from ...model.params import ALL_PARAMS, PRESETS
from .. import strings as S
from .. import theme
from ..drawing.figures import ADULT_HAIR, INFANT_HAIR, SKIN_TONES, people_skins
from ..scene import BACK_KEYS, Scene
from ..widgets import Button, FocusGroup, paragraph_full, paragraph_height, text, wrap

#: Temperament choices: (reactivity, soothability) on the model's 0-1 scales, or None for the preset's own.
TEMPERAMENTS = {
    "preset": None,
    "easy": (0.3, 0.7),
    "average": (0.5, 0.5),
    "reactive": (0.75, 0.35),
}
#: Caregiver sensitivity steps (probability of reading the infant's signal correctly, 0-1).
SENSITIVITY_STEP = 0.1
AGE_STEP_MONTHS = 1.0


@dataclass
class Setup:
    """What the panel sets for one run. ``None`` keeps the scenario's or the model's default."""

    preset: str
    age_months: float | None = None
    temperament: str = "preset"
    sensitivity: float | None = None
    skins: dict | None = None
    defaults: dict = field(default_factory=dict, repr=False)

    def overrides(self) -> dict[str, float]:
        """The ``--set`` keys and values this setup gives the model."""
        out: dict[str, float] = {}
        if self.age_months is not None:
            out["infant.age_months"] = float(self.age_months)
        t = TEMPERAMENTS.get(self.temperament)
        if t is not None:
            out["infant.reactivity"], out["infant.soothability"] = t
        if self.sensitivity is not None:
            out["caregiver.sensitivity"] = round(float(self.sensitivity), 6)
        return out


def default_setup(scenario, preset: str) -> Setup:
    """The scenario's own setup (what Reset returns to)."""
    return Setup(preset=preset)


class SetupScene(Scene):
    """The panel over the briefing. Up/Down choose a row, Left/Right change it, R resets, Enter or Esc is done."""

    name = "setup"
    overlay = True
    ROWS = ("age", "temperament", "history", "sensitivity", "looks")

    def __init__(self, app, briefing) -> None:
        super().__init__(app)
        self.briefing = briefing
        self.setup: Setup = briefing.setup
        self.scenario = briefing.scenario
        self.row = 0
        self.box = pygame.Rect(0, 0, 0, 0)  # set by relayout, from the window and the text size
        self.group = FocusGroup(app)
        self.relayout()
        self.group.focus("done")  # Enter is "done"; Tab reaches the steppers

    # --- values ------------------------------------------------------------------------------------------------
    def _age(self) -> float:
        return self.setup.age_months if self.setup.age_months is not None else self.scenario.infant.age_months

    def _sensitivity(self) -> float:
        d = ALL_PARAMS["caregiver.sensitivity"].default
        return self.setup.sensitivity if self.setup.sensitivity is not None else d

    def value_label(self, row: str) -> str:
        """How a row's value reads on screen (plain words; the history without its pattern name)."""
        st = self.setup
        if row == "age":
            return S.SETUP_AGE_VALUE.format(age=self._age())
        if row == "temperament":
            return S.SETUP_TEMPERAMENT[st.temperament]
        if row == "history":
            return S.PRESET_PLAIN.get(st.preset, PRESETS[st.preset].history)
        if row == "sensitivity":
            return S.SETUP_SENSITIVITY_VALUE.format(pct=100 * self._sensitivity())
        skins = dict(people_skins(self.briefing.seed), **(st.skins or {}))

        def hair(role: str) -> str:
            style = skins[f"{role}_hair"]
            return S.SETUP_GREY.format(hair=style) if skins.get(f"{role}_grey") else style
        return S.SETUP_LOOKS_VALUE.format(infant=skins["infant"] + 1, caregiver=skins["caregiver"] + 1,
                                          stranger=skins["stranger"] + 1, infant_hair=hair("infant"),
                                          caregiver_hair=hair("caregiver"), stranger_hair=hair("stranger"))

    def change(self, row: str, step: int) -> None:
        """Move one row's value a step up (+1) or down (-1), within its range."""
        st = self.setup
        if row == "age":
            lo, hi = self.scenario.age_range_months
            st.age_months = min(hi, max(lo, round(self._age() + step * AGE_STEP_MONTHS)))
            if st.age_months == self.scenario.infant.age_months:
                st.age_months = None
        elif row == "temperament":
            keys = list(TEMPERAMENTS)
            st.temperament = keys[(keys.index(st.temperament) + step) % len(keys)]
        elif row == "history":
            keys = list(PRESETS)
            st.preset = keys[(keys.index(st.preset) + step) % len(keys)]
            self.briefing.preset = st.preset
        elif row == "sensitivity":
            p = ALL_PARAMS["caregiver.sensitivity"]
            v = round(min(p.hi, max(0.1, self._sensitivity() + step * SENSITIVITY_STEP)), 2)
            st.sensitivity = None if abs(v - p.default) < 1e-9 else v
        else:  # looks: the next combination of tones and hair styles, every role over every one
            base = dict(people_skins(self.briefing.seed), **(st.skins or {}))
            n = len(SKIN_TONES)
            st.skins = dict(base, infant=(base["infant"] + step) % n, caregiver=(base["caregiver"] + 2 * step) % n,
                            stranger=(base["stranger"] + 3 * step) % n)
            for k, (role, styles) in enumerate((("infant", INFANT_HAIR), ("caregiver", ADULT_HAIR),
                                                ("stranger", ADULT_HAIR))):
                key = f"{role}_hair"
                st.skins[key] = styles[(styles.index(base[key]) + (k + 1) * step) % len(styles)]
        self.relayout()

    def reset(self) -> None:
        """Back to the scenario's own infant and caregiver."""
        self.briefing.setup = self.setup = default_setup(self.scenario, resolve_default(self.scenario))
        self.briefing.preset = self.setup.preset
        self.relayout()

    # --- layout and events -----------------------------------------------------------------------------------
    def _geometry(self):
        """(row height, label column width, first row's y) in window px for the current box."""
        app = self.app
        u = app.px
        vf = app.font(theme.SIZE_SMALL)
        rh = max(u(64), 2 * vf.get_linesize() + u(14))
        lw = max(app.font(theme.SIZE_BODY, bold=True).size(S.SETUP_ROWS[r])[0] for r in self.ROWS) + u(16)
        top = self.box.y + u(24) + app.font(theme.SIZE_HEADING, bold=True).get_linesize() + paragraph_height(
            app.font(theme.SIZE_SMALL), S.SETUP_SUB, self.box.w - u(80)) + u(10)
        return rh, lw, top

    def relayout(self) -> None:
        app = self.app
        lay = app.layout
        u = app.px
        # The box: the design's 920x540, as tall as the rows need at this text size (never off the window).
        self.box = pygame.Rect(0, 0, min(lay.w - u(40), lay.x(920)), lay.h - u(20))
        rh, lw, top = self._geometry()
        bh = max(u(46), app.font(17).get_linesize() + u(14))
        need = (top - self.box.y) + len(self.ROWS) * rh + app.font(theme.SIZE_TINY).get_linesize() + u(14) + bh + u(24)
        self.box.h = min(lay.h - u(20), max(lay.y(540), need))
        self.box.center = (lay.w // 2, lay.h // 2)
        b = self.box
        rh, lw, y = self._geometry()
        items = []
        sw = max(u(56), app.font(22).get_linesize() + u(10))
        for k, row in enumerate(self.ROWS):
            cy = y + rh // 2 - u(6)
            items.append(Button((b.x + u(40) + lw, cy - u(22), sw, u(44)), "−", lambda row=row: self.change(row, -1),
                                ident=f"{row}:down", font_size=22))
            items.append(Button((b.right - u(40) - sw, cy - u(22), sw, u(44)), "+",
                                lambda row=row: self.change(row, +1), ident=f"{row}:up", font_size=22))
            y += rh
        rw = Button.width_for(app, S.SETUP_RESET, "R", 17)
        items.append(Button((b.x + u(40), b.bottom - u(22) - bh, rw, bh), S.SETUP_RESET, self.reset, key=pygame.K_r,
                            key_label="R", ident="reset"))
        dw = Button.width_for(app, S.SETUP_DONE, "Enter", 17)
        items.append(Button((b.right - u(40) - dw, b.bottom - u(22) - bh, dw, bh), S.SETUP_DONE, self.close,
                            key_label="Enter", style="primary", ident="done"))
        focused = self.group.focused.ident if self.group.focused is not None else None
        self.group.set(items)
        if focused:
            self.group.focus(focused)

    def process_event(self, event):
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_UP, pygame.K_DOWN):
                self.row = (self.row + (1 if event.key == pygame.K_DOWN else -1)) % len(self.ROWS)
                return None
            if event.key in (pygame.K_LEFT, pygame.K_RIGHT):
                self.change(self.ROWS[self.row], 1 if event.key == pygame.K_RIGHT else -1)
                return None
            if event.key in BACK_KEYS or (event.key in (pygame.K_RETURN, pygame.K_KP_ENTER)
                                          and (self.group.focused is None or self.group.focused.ident == "done")):
                self.close()
                return None
        event = self.group.process_event(event)
        return None if event is not None and event.type == pygame.KEYDOWN else event

    def close(self) -> None:
        super().close()
        self.briefing.relayout()

    def draw(self, surface: pygame.Surface) -> None:
        app = self.app
        p = app.palette
        b = self.box
        u = app.px
        veil = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        veil.fill((*p.bg[:3], 200))
        surface.blit(veil, (0, 0))
        pygame.draw.rect(surface, p.panel, b, border_radius=u(18))
        pygame.draw.rect(surface, p.line, b, width=max(1, u(2)), border_radius=u(18))
        hf = app.font(theme.SIZE_HEADING, bold=True)
        r = text(surface, hf, S.SETUP_TITLE, (b.x + u(40), b.y + u(24)), p.ink)
        paragraph_full(surface, app.font(theme.SIZE_SMALL), S.SETUP_SUB, b.x + u(40), r.bottom, b.w - u(80), p.ink_soft)
        lf = app.font(theme.SIZE_BODY, bold=True)
        vf = app.font(theme.SIZE_SMALL)
        rh, lw, y = self._geometry()
        down = self.group.find(f"{self.ROWS[0]}:down")
        vx = down.rect.right + u(14) if down is not None else b.x + u(400)
        up = self.group.find(f"{self.ROWS[0]}:up")
        vw = (up.rect.x - u(14) if up is not None else b.right - u(110)) - vx
        for k, row in enumerate(self.ROWS):
            cy = y + rh // 2 - u(6)
            if k == self.row:
                pygame.draw.rect(surface, p.bg, (b.x + u(24), y - u(4), b.w - u(48), rh - u(4)), border_radius=u(10))
            text(surface, lf, S.SETUP_ROWS[row], (b.x + u(40), cy), p.ink, anchor="midleft")
            lines = wrap(vf, self.value_label(row), vw)
            ty = cy - len(lines) * vf.get_linesize() // 2
            for line in lines:
                text(surface, vf, line, (vx, ty), p.ink)
                ty += vf.get_linesize()
            y += rh
        self.group.draw(surface)
        reset = self.group.find("reset")
        hint_y = (reset.rect.y if reset is not None else b.bottom) - u(8)
        paragraph_full(surface, app.font(theme.SIZE_TINY), S.SETUP_HINT, b.x + u(40),
                       hint_y - app.font(theme.SIZE_TINY).get_linesize(), b.w - u(80), p.ink_faint)


def resolve_default(scenario) -> str:
    """The scenario's own infant preset id."""
    from ...model.params import resolve_preset
    return resolve_preset(scenario.infant.preset)
