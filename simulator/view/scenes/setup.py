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
from ..drawing.figures import SKIN_TONES, people_skins
from ..scene import BACK_KEYS, Scene
from ..widgets import Button, FocusGroup, paragraph, text

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
        self.box = pygame.Rect(180, 90, 920, 540)
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
        skins = st.skins or people_skins(self.briefing.seed)
        return S.SETUP_LOOKS_VALUE.format(infant=skins["infant"] + 1, caregiver=skins["caregiver"] + 1,
                                          stranger=skins["stranger"] + 1, n=len(SKIN_TONES))

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
        else:  # looks: the next combination of tones, every role over every tone
            base = st.skins or people_skins(self.briefing.seed)
            n = len(SKIN_TONES)
            st.skins = {"infant": (base["infant"] + step) % n, "caregiver": (base["caregiver"] + 2 * step) % n,
                        "stranger": (base["stranger"] + 3 * step) % n}
        self.relayout()

    def reset(self) -> None:
        """Back to the scenario's own infant and caregiver."""
        self.briefing.setup = self.setup = default_setup(self.scenario, resolve_default(self.scenario))
        self.briefing.preset = self.setup.preset
        self.relayout()

    # --- layout and events -----------------------------------------------------------------------------------
    def relayout(self) -> None:
        b = self.box
        items = []
        y = b.y + 96
        rh = 64
        for k, row in enumerate(self.ROWS):
            items.append(Button((b.x + 330, y, 56, 44), "−", lambda row=row: self.change(row, -1),
                                ident=f"{row}:down", font_size=22))
            items.append(Button((b.right - 40 - 56, y, 56, 44), "+", lambda row=row: self.change(row, +1),
                                ident=f"{row}:up", font_size=22))
            y += rh
        items.append(Button((b.x + 40, b.bottom - 68, 150, 46), S.SETUP_RESET, self.reset, key=pygame.K_r,
                            key_label="R", ident="reset"))
        items.append(Button((b.right - 40 - 170, b.bottom - 68, 170, 46), S.SETUP_DONE, self.close,
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
        veil = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        veil.fill((*p.bg[:3], 200))
        surface.blit(veil, (0, 0))
        pygame.draw.rect(surface, p.panel, b, border_radius=18)
        pygame.draw.rect(surface, p.line, b, width=2, border_radius=18)
        text(surface, app.font(theme.SIZE_HEADING, bold=True), S.SETUP_TITLE, (b.x + 40, b.y + 24), p.ink)
        text(surface, app.font(theme.SIZE_SMALL), S.SETUP_SUB, (b.x + 40, b.y + 60), p.ink_soft, max_width=b.w - 80)
        lf = app.font(theme.SIZE_BODY, bold=True)
        vf = app.font(theme.SIZE_SMALL)
        y = b.y + 96
        for k, row in enumerate(self.ROWS):
            if k == self.row:
                pygame.draw.rect(surface, p.bg, (b.x + 24, y - 6, b.w - 48, 56), border_radius=10)
            text(surface, lf, S.SETUP_ROWS[row], (b.x + 40, y + 22), p.ink, anchor="midleft", max_width=280)
            paragraph(surface, vf, self.value_label(row), pygame.Rect(b.x + 400, y, b.w - 400 - 110, 48), p.ink,
                      max_lines=2, line_gap=0)
            y += 64
        self.group.draw(surface)
        text(surface, app.font(theme.SIZE_TINY), S.SETUP_HINT, (b.centerx, b.bottom - 82), p.ink_faint,
             anchor="midbottom", max_width=b.w - 80)


def resolve_default(scenario) -> str:
    """The scenario's own infant preset id."""
    from ...model.params import resolve_preset
    return resolve_preset(scenario.infant.preset)
