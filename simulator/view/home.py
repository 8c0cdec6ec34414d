"""Home: the scenario cards, the Glossary, and the Population lab and Saved sessions when their modules exist."""

from __future__ import annotations

import importlib
import importlib.util

import pygame

from ..model.scenario import ScenarioError, available, load_scenario
from . import strings as S
from . import theme
from .scene import Scene
from .widgets import Button, FocusGroup, mix, paragraph, text

#: Optional screens other parts of the app provide: (module, class name, label, shortcut key). A class is
#: constructed as ``Class(app)``; the entry appears only when its module is installed.
EXTRA_ENTRIES = (
    ("simulator.view.population_lab", "PopulationLabScene", S.HOME_POPULATION, pygame.K_l, "L"),
    ("simulator.view.observer", "ObserverScene", S.HOME_OBSERVER, pygame.K_o, "O"),
    ("simulator.view.sessions_list", "SessionsScene", S.HOME_SESSIONS, pygame.K_s, "S"),
)

#: Cards come in teaching order: the two classic procedures first, then the rest alphabetically.
PREFERRED_ORDER = ("still_face", "strange_situation", "phone_still_face", "everyday_rupture_repair",
                   "reunion_choices", "nursery_drop_off")
PER_PAGE = 12

CARD_ACCENTS = (theme.OI_BLUE, theme.OI_GREEN, theme.OI_VERMILLION, theme.OI_PURPLE, theme.OI_ORANGE,
                theme.OI_SKY)


def _module_exists(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def draw_header(surface: pygame.Surface, app, title: str, subtitle: str | None = None, y: int = 30) -> int:
    """The page title with an accent rule and an optional subtitle. Returns the y below it."""
    p = app.palette
    r = text(surface, app.font(theme.SIZE_TITLE, bold=True), title, (56, y), p.ink)
    pygame.draw.rect(surface, p.accent, (56, r.bottom + 4, 64, 4), border_radius=2)
    y = r.bottom + 14
    if subtitle:
        r2 = text(surface, app.font(theme.SIZE_BODY), subtitle, (56, y), p.ink_soft, max_width=1170)
        y = r2.bottom + 6
    return y


def draw_hints(surface: pygame.Surface, app, hints: str) -> None:
    """The keyboard hints line at the bottom of a screen."""
    text(surface, app.font(theme.SIZE_TINY), hints, (640, 706), app.palette.ink_faint, anchor="midbottom",
         max_width=1240)


class HomeScene(Scene):
    """The first screen: one card per scenario in ``scenarios/``, then Glossary and optional extras."""

    name = "home"

    def __init__(self, app) -> None:
        super().__init__(app)
        self.scenarios = []
        self.errors: list[str] = []
        order = {sid: k for k, sid in enumerate(PREFERRED_ORDER)}
        for sid in sorted(available(), key=lambda sid: (order.get(sid, len(order)), sid)):
            try:
                self.scenarios.append(load_scenario(sid))
            except ScenarioError as exc:
                self.errors.append(str(exc).splitlines()[0])
        self.extras = [e for e in EXTRA_ENTRIES if _module_exists(e[0])]
        self.page = 0
        self.group = FocusGroup(app)
        self.relayout()

    def relayout(self) -> None:
        """Place the cards and buttons (called again when the text size changes)."""
        items = []
        pages = max(1, (len(self.scenarios) + PER_PAGE - 1) // PER_PAGE)
        self.page = min(self.page, pages - 1)
        shown = self.scenarios[self.page * PER_PAGE:(self.page + 1) * PER_PAGE]
        n = max(1, len(shown))
        cols = n if n < 3 else 3 if n <= 9 else 4
        rows = (n + cols - 1) // cols
        gap = 24 if cols <= 3 else 18
        w = (1280 - 112 - gap * (cols - 1)) // cols
        h = min(206, (436 - gap * (rows - 1)) // rows)
        y0 = 184
        self.compact = rows >= 3 or cols >= 4
        for k, sc in enumerate(shown):
            r, c = divmod(k, cols)
            rect = pygame.Rect(56 + c * (w + gap), y0 + r * (h + gap), w, h)
            num = self.page * PER_PAGE + k
            items.append(Button(rect, sc.title, on_click=lambda sc=sc: self.open(sc), painter=self._card(sc, num),
                                ident=f"scenario:{sc.id}",
                                key=(pygame.K_1 + k) if k < 9 else None))
        if pages > 1:
            label = S.HOME_MORE.format(page=self.page + 1, pages=pages)
            bw = self.app.font(15).size(label)[0] + 70
            items.append(Button((1224 - bw, 136, bw, 36), label, self.next_page, key=pygame.K_PAGEDOWN,
                                key_label="PgDn", style="quiet", ident="more", font_size=15))
        x = 56
        y = 628
        entries = [(S.HOME_GLOSSARY, self.open_glossary, pygame.K_g, "G", "glossary")]
        for mod, cls, label, key, cap in self.extras:
            entries.append((label, lambda mod=mod, cls=cls: self.open_extra(mod, cls), key, cap, f"extra:{cls}"))
        font = self.app.font(17)
        for label, fn, key, cap, ident in entries:
            bw = font.size(label)[0] + 64
            items.append(Button((x, y, bw, 44), label, fn, key=key, key_label=cap, ident=ident))
            x += bw + 16
        # Classroom settings along the top right, also on keys that work everywhere (T, F10, F11, M).
        snd = self.app.sound
        sound_label = S.HOME_SOUND_OFF if (snd is None or snd.muted) else S.HOME_SOUND_ON
        small = self.app.font(15, scaled=False)
        sx = 1224
        for label, fn, cap, ident in reversed(((S.HOME_TEXT_SIZE, self.app.cycle_text_scale, "T", "text_size"),
                                               (S.HOME_PROJECTOR, self.app.toggle_projector, "F10", "projector"),
                                               (S.HOME_FULLSCREEN, self.app.toggle_fullscreen, "F11", "fullscreen"),
                                               (sound_label, self.toggle_sound, "M", "sound"))):
            bw = small.size(label)[0] + 58 + (8 if len(cap) > 1 else 0)
            sx -= bw
            items.append(Button((sx, 14, bw, 34), label, fn, key=None, key_label=cap, style="quiet", ident=ident,
                                font_size=15, scaled=False))
            sx -= 8
        qw = font.size(S.HOME_QUIT)[0] + 70
        items.append(Button((1280 - 56 - qw, y, qw, 44), S.HOME_QUIT, lambda: self.app.quit(0), key=None,
                            key_label="Esc", style="quiet", ident="quit"))
        self.group.set(items)

    def _card(self, sc, k: int):
        accent = CARD_ACCENTS[k % len(CARD_ACCENTS)]

        def paint(surface, rect, app, state):
            p = app.palette
            fill = p.panel if not state["hover"] else mix(p.panel, accent, 0.06)
            pygame.draw.rect(surface, p.shadow, rect.move(0, 4), border_radius=16)
            pygame.draw.rect(surface, fill, rect, border_radius=16)
            pygame.draw.rect(surface, p.line, rect, width=1, border_radius=16)
            pygame.draw.rect(surface, accent, (rect.x, rect.y, rect.w, 10), border_top_left_radius=16,
                             border_top_right_radius=16)
            compact = getattr(self, "compact", False)
            inner = rect.inflate(-32 if compact else -40, 0)
            y = rect.y + (18 if compact else 26)
            tf = app.font(theme.SIZE_HEADING - (4 if compact else 0), bold=True)
            text(surface, app.font(theme.SIZE_SMALL, bold=True), str(k + 1), (rect.right - 16, y + 4), p.ink_faint,
                 anchor="topright")
            if compact:  # titles wrap (e.g. "The Still-Face at 2 months") rather than lose their ends
                y = paragraph(surface, tf, sc.title, pygame.Rect(inner.x, y, inner.w - 26, 2 * tf.get_linesize()),
                              p.ink, line_gap=0, max_lines=2) + 2
            else:
                text(surface, tf, sc.title, (inner.x, y), p.ink, max_width=inner.w - 30)
                y += tf.get_linesize() + 6
            meta = S.HOME_CARD_META.format(minutes=S.HOME_MINUTES.format(n=round(sc.planned_s / 60, 1)),
                                           age=f"{sc.infant.age_months:g}")
            qf = app.font(theme.SIZE_SMALL if compact else theme.SIZE_BODY, italic=True)
            meta_f = app.font(theme.SIZE_TINY if compact else theme.SIZE_SMALL, bold=True)
            pad = 12 if compact else 18
            bottom = rect.bottom - pad - meta_f.get_linesize()
            lines = (bottom - y - 2) // max(1, qf.get_linesize() + 1)
            if lines >= 1:
                paragraph(surface, qf, sc.question, pygame.Rect(inner.x, y, inner.w, bottom - y), p.ink_soft,
                          max_lines=lines)
            text(surface, meta_f, meta, (inner.x, rect.bottom - pad), mix(accent, p.ink, 0.35), anchor="bottomleft")
            if sc.content_note and not compact:
                text(surface, app.font(theme.SIZE_TINY), S.BRIEF_CONTENT_NOTE, (inner.right, rect.bottom - pad),
                     p.ink_faint, anchor="bottomright")
        return paint

    # --- actions -------------------------------------------------------------------------------------------
    def next_page(self) -> None:
        """Show the next page of scenario cards."""
        self.page = (self.page + 1) % max(1, (len(self.scenarios) + PER_PAGE - 1) // PER_PAGE)
        self.relayout()

    def toggle_sound(self) -> None:
        """Mute or unmute the synthesised sounds."""
        if self.app.sound is not None:
            self.app.sound.toggle()
        self.relayout()

    def open(self, sc) -> None:
        """Go to the Briefing of a scenario."""
        from .briefing import BriefingScene
        self.app.push(BriefingScene(self.app, sc))

    def open_glossary(self) -> None:
        """Open the Glossary."""
        from .glossary import GlossaryScene
        self.app.push(GlossaryScene(self.app))

    def open_extra(self, module: str, cls: str) -> None:
        """Open a screen another part of the app provides."""
        mod = importlib.import_module(module)
        self.app.push(getattr(mod, cls)(self.app))

    # --- scene hooks -----------------------------------------------------------------------------------------
    def process_event(self, event):
        event = self.group.process_event(event)
        if event is not None and event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.quit(0)
            return None
        if event is not None and event.type == pygame.KEYDOWN and event.key == pygame.K_m:
            self.toggle_sound()  # the app's M, with the button's label kept in step
            return None
        return event

    def draw(self, surface: pygame.Surface) -> None:
        p = self.app.palette
        y = draw_header(surface, self.app, S.APP_NAME, S.APP_TAGLINE, y=24)
        text(surface, self.app.font(theme.SIZE_HEADING, bold=True), S.HOME_CHOOSE, (56, 176), p.ink,
             anchor="bottomleft")
        self.group.draw(surface)
        yerr = 600
        for err in self.errors[:2]:
            text(surface, self.app.font(theme.SIZE_SMALL), S.HOME_INVALID.format(error=err), (56, yerr), p.warn,
                 max_width=1170)
            yerr -= 22
        text(surface, self.app.font(theme.SIZE_SMALL, italic=True), S.APP_DISCLAIMER, (1224, 58), p.ink_faint,
             anchor="topright")
        draw_hints(surface, self.app, S.HOME_HINTS)
