"""Home: the scenario cards, the Glossary, and the Population lab and Saved sessions when their modules exist."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

from ...model.scenario import ScenarioError, available, load_scenario
from .. import strings as S
from .. import theme
from ..scene import BACK_KEYS, Scene
from ..widgets import (Button, FocusGroup, draw_header, draw_hints, header_height, hints_height, mix, paragraph, paragraph_fits,
                       paragraph_full, paragraph_height, text, wrap)

#: The other screens Home opens, by scene name: (scene name, label, shortcut key, key label).
EXTRA_ENTRIES = (
    ("population_lab", S.HOME_POPULATION, pygame.K_l, "L"),
    ("observer", S.HOME_OBSERVER, pygame.K_o, "O"),
    ("sessions", S.HOME_SESSIONS, pygame.K_s, "S"),
)

#: Cards come in teaching order: the two classic procedures first, then the rest alphabetically.
PREFERRED_ORDER = ("still_face", "strange_situation", "phone_still_face", "everyday_rupture_repair",
                   "reunion_choices", "nursery_drop_off", "simulated_depression", "a_hard_day")
PER_PAGE = 12  # at most this many cards on a page (fewer when the text size needs bigger cards)

#: Card grids to try, as (columns, rows) per page. They are ranked for the number of scenarios (fewest pages,
#: then fewest empty places, then biggest cards) and the first in which every card shows its whole question
#: wins; within a grid the title and then the question shrink step by step, never below SIZE_TINY.
CARD_GRIDS = ((4, 3), (3, 4), (2, 5), (3, 3), (2, 4), (4, 2), (3, 2), (2, 3), (2, 2), (1, 3), (1, 2), (1, 1))
HEADING_GAP = 10  # design px between the tagline and "Choose a scenario"
CARD_WIDE_W = 440  # design px: cards at least this wide put the length and age on the title's line
CARD_MAX_H = 206  # design px: a card never gets taller than this, however few there are

CARD_ACCENTS = (theme.OI_BLUE, theme.OI_GREEN, theme.OI_VERMILLION, theme.OI_PURPLE, theme.OI_ORANGE,
                theme.OI_SKY)


@dataclass
class CardPlan:
    """Where everything on one scenario card goes (canvas px), and whether it all fits.

    ``question_lines`` are the wrapped lines of the whole question; ``fits`` is False when the question
    or the title would need more room than the card has (the grid is then not used).
    """

    rect: pygame.Rect
    wide: bool
    compact: bool
    inner: pygame.Rect
    title_font: pygame.font.Font
    title_lines: list
    title_rect: pygame.Rect
    number_pos: tuple
    question_font: pygame.font.Font
    question_lines: list
    question_rect: pygame.Rect
    meta_font: pygame.font.Font
    meta: str
    meta_rect: pygame.Rect
    note_rect: pygame.Rect | None
    fits: bool


def plan_card(app, sc, rect: pygame.Rect, compact: bool, title_px: int, question_px: int) -> CardPlan:
    """Lay out a scenario card in ``rect`` with the title at ``title_px`` and the question at ``question_px``
    (unscaled canvas px; the text size scales both). Narrow cards stack title, question and the length and
    age line; wide cards put the length and age beside the title, so two lines of question fit a short card.
    """
    u = app.px
    wide = rect.w >= u(CARD_WIDE_W)
    tf = app.font(title_px, bold=True)
    qf = app.font(question_px, italic=True)
    nf = app.font(theme.SIZE_SMALL, bold=True)
    meta_f = app.font(theme.SIZE_SMALL if (wide or not compact) else theme.SIZE_TINY, bold=True)
    meta = S.HOME_CARD_META.format(minutes=S.HOME_MINUTES.format(n=round(sc.planned_s / 60, 1)),
                                   age=f"{sc.infant.age_months:g}")
    number_w = nf.size("00")[0] + u(8)
    if wide:  # a stripe on the left, the length and age to the right of the title
        inner = pygame.Rect(rect.x + u(26), rect.y, rect.w - u(26) - u(16), rect.h)
        top = rect.y + u(10 if compact else 16)
        bottom = rect.bottom - u(8 if compact else 14)
        meta_w = meta_f.size(meta)[0]
        title_w = inner.w - number_w - meta_w - u(16)
        number_pos = (inner.right, top + u(4))
    else:  # a stripe along the top
        pad = u(16 if compact else 20)
        inner = rect.inflate(-2 * pad, 0)
        top = rect.y + u(10) + u(8 if compact else 16)
        bottom = rect.bottom - u(12 if compact else 18)
        title_w = inner.w - number_w
        number_pos = (rect.right - u(16), top + u(4))
    title_lines = wrap(tf, sc.title, title_w)
    title_h = (len(title_lines) - 1) * (tf.get_linesize() - 2) + tf.get_linesize()
    title_rect = pygame.Rect(inner.x, top, title_w, title_h)
    fits = len(title_lines) <= 2 and all(tf.size(line)[0] <= title_w for line in title_lines)
    if wide:
        meta_rect = pygame.Rect(inner.right - number_w - meta_w - 4, 0, meta_w, meta_f.get_height())
        meta_rect.centery = top + tf.get_linesize() // 2
        q_bottom = bottom
        note_rect = None
    else:
        meta_rect = pygame.Rect(inner.x, bottom - meta_f.get_height(), meta_f.size(meta)[0], meta_f.get_height())
        q_bottom = meta_rect.y - u(8)
        note_rect = None
        if not compact:
            note_f = app.font(theme.SIZE_TINY)
            nw, nh = note_f.size(S.BRIEF_CONTENT_NOTE)
            if sc.content_note and meta_rect.w + nw + u(16) <= inner.w:
                note_rect = pygame.Rect(inner.right - nw, meta_rect.bottom - nh, nw, nh)
    qy = title_rect.bottom + u(2 if compact else 6)
    question_rect = pygame.Rect(inner.x, qy, inner.w, q_bottom - qy)
    fits = fits and question_rect.h > 0 and paragraph_fits(qf, sc.question, inner.w, question_rect.h)
    q_lines = wrap(qf, sc.question, inner.w)
    return CardPlan(rect=pygame.Rect(rect), wide=wide, compact=compact, inner=inner, title_font=tf,
                    title_lines=title_lines, title_rect=title_rect, number_pos=number_pos, question_font=qf,
                    question_lines=q_lines, question_rect=question_rect, meta_font=meta_f, meta=meta,
                    meta_rect=meta_rect, note_rect=note_rect, fits=fits)


#: The grid chosen for each (canvas size, text size, scenarios): measuring every card at every size is the
#: slow part of laying out Home, and switching text size or colours back and forth meets the same sizes.
_GRIDS: dict[tuple, tuple] = {}


class HomeScene(Scene):
    """The first screen: one card per scenario in ``scenarios/``, then Glossary and optional extras.

    Laid out from the window and the text size: the cards share the space between the heading and the bottom
    row, in the grid that shows every whole title and question (see :meth:`choose_grid`).
    """

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
        self.extras = EXTRA_ENTRIES
        self.page = 0
        self.group = FocusGroup(app)
        self.relayout()

    def cards_top(self) -> int:
        """The y (px) where the cards start: below the header and the "Choose a scenario" heading."""
        app = self.app
        y = header_height(app, S.APP_NAME, S.APP_TAGLINE, y=24)
        return y + app.px(HEADING_GAP) + app.font(theme.SIZE_HEADING, bold=True).get_linesize() + app.px(12)

    def bottom_row_y(self) -> int:
        """The y (px) of the bottom row of buttons (Glossary, the extras, Quit)."""
        app = self.app
        return app.layout.h - hints_height(app) - self.button_h() - app.px(4)

    def button_h(self) -> int:
        """Height (px) of the bottom row's buttons at this window and text size."""
        return max(self.app.px(44), self.app.font(17).get_linesize() + self.app.px(14))

    def _grids(self, n: int) -> list:
        """The card grids for ``n`` scenarios as (cols, rows, per page), best first (see CARD_GRIDS)."""
        out = []
        for cols, rows in CARD_GRIDS:
            c = max(1, min(cols, n))
            r = max(1, min(rows, math.ceil(n / c)))
            if (c, r) in [(g[0], g[1]) for g in out] or c * r > PER_PAGE:
                continue
            pages = math.ceil(n / (c * r))
            out.append((c, r, c * r, pages, pages * c * r - n))
        out.sort(key=lambda g: (g[3], g[4], g[0] * g[1]))
        return [(c, r, per) for c, r, per, _, _ in out]

    def _card_rects(self, cols: int, rows: int, count: int) -> list:
        """Rects of ``count`` cards in a ``cols`` x ``rows`` grid between the heading and the bottom row."""
        lay = self.app.layout
        gap = self.app.px(24 if cols <= 3 and rows <= 2 else 14)
        top = self.cards_top()
        left = lay.x(56)
        w = (lay.w - 2 * left - gap * (cols - 1)) // cols
        bottom = self.bottom_row_y() - self.app.px(12)
        h = min(self.app.px(CARD_MAX_H), (bottom - top - gap * (rows - 1)) // rows)
        return [pygame.Rect(left + (k % cols) * (w + gap), top + (k // cols) * (h + gap), w, h) for k in range(count)]

    def choose_grid(self):
        """The grid and font sizes for the cards: (cols, rows, per page, title px, question px).

        Of the grids that show every scenario's whole title and question on the fewest pages, the one with
        the largest question type wins (ties: the order of :meth:`_grids`).
        """
        key = (self.app.canvas_size, self.app.text_scale, tuple((sc.title, sc.question) for sc in self.scenarios))
        if key not in _GRIDS:  # the same window and text size give the same grid: try the sizes once
            if len(_GRIDS) > 64:
                _GRIDS.clear()
            _GRIDS[key] = self._choose_grid()
        return _GRIDS[key]

    def _choose_grid(self):
        n = max(1, len(self.scenarios))
        best, best_pages, last = None, None, None
        for cols, rows, per in self._grids(n):
            pages = math.ceil(n / per)
            if best is not None and pages > best_pages:
                break
            compact = rows >= 3 or cols >= 4
            rect = self._card_rects(cols, rows, 1)[0]
            t0 = theme.SIZE_HEADING - (4 if compact else 0)
            q0 = theme.SIZE_SMALL if compact else theme.SIZE_BODY
            found = None
            for q in range(q0, theme.SIZE_TINY - 1, -1):
                for t in range(t0, min(t0, theme.SIZE_BODY + 1) - 1, -2):
                    last = (cols, rows, per, t, q)
                    if all(plan_card(self.app, sc, rect, compact, t, q).fits for sc in self.scenarios):
                        found = last
                        break
                if found:
                    break
            if found and (best is None or found[4] > best[4]):
                best, best_pages = found, pages
        return best or last  # nothing fits (a very long question): the last try, its end shortened with "…"

    def relayout(self) -> None:
        """Place the cards and buttons (called again when the text size changes)."""
        items = []
        cols, rows, per_page, self.title_px, self.question_px = self.choose_grid()
        self.per_page = per_page
        pages = max(1, (len(self.scenarios) + per_page - 1) // per_page)
        self.page = min(self.page, pages - 1)
        shown = self.scenarios[self.page * per_page:(self.page + 1) * per_page]
        self.compact = rows >= 3 or cols >= 4
        for k, (sc, rect) in enumerate(zip(shown, self._card_rects(cols, rows, len(shown)))):
            num = self.page * per_page + k
            items.append(Button(rect, sc.title, on_click=lambda sc=sc: self.open(sc), painter=self._card(sc, num),
                                ident=f"scenario:{sc.id}",
                                key=(pygame.K_1 + k) if k < 9 else None))
        app = self.app
        lay = app.layout
        u = app.px
        if pages > 1:
            label = S.HOME_MORE.format(page=self.page + 1, pages=pages)
            bw = Button.width_for(app, label, "PgDn", 15, bold=False)
            bh = max(u(34), app.font(15).get_linesize() + u(10))
            items.append(Button((lay.w - lay.x(56) - bw, self.cards_top() - u(8) - bh, bw, bh), label, self.next_page,
                                key=pygame.K_PAGEDOWN,
                                key_label="PgDn", style="quiet", ident="more", font_size=15))
        x = lay.x(56)
        y = self.bottom_row_y()
        bh = self.button_h()
        entries = [(S.HOME_GLOSSARY, self.open_glossary, pygame.K_g, "G", "glossary")]
        for name, label, key, cap in self.extras:
            entries.append((label, lambda name=name: self.app.open(name), key, cap, f"open:{name}"))
        for label, fn, key, cap, ident in entries:
            bw = Button.width_for(app, label, cap, 17, bold=False)
            items.append(Button((x, y, bw, bh), label, fn, key=key, key_label=cap, ident=ident))
            x += bw + u(16)
        # Classroom settings along the top right, also on keys that work everywhere (T, F10, F11, M).
        snd = self.app.sound
        sound_label = S.HOME_SOUND_OFF if (snd is None or snd.muted) else S.HOME_SOUND_ON
        sx = lay.w - lay.x(56)
        sh = max(u(34), app.font(15).get_linesize() + u(10))
        audience = S.HOME_AUDIENCE.format(audience=S.AUDIENCE_SHORT.get(self.app.audience, self.app.audience))
        for label, fn, cap, ident in reversed(((audience, self.app.cycle_audience, "U", "audience"),
                                               (S.HOME_TEXT_SIZE, self.app.cycle_text_scale, "T", "text_size"),
                                               (S.HOME_PROJECTOR, self.app.toggle_projector, "F10", "projector"),
                                               (S.HOME_FULLSCREEN, self.app.toggle_fullscreen, "F11", "fullscreen"),
                                               (sound_label, self.toggle_sound, "M", "sound"))):
            bw = Button.width_for(app, label, cap, 15, bold=False)
            sx -= bw
            items.append(Button((sx, u(14), bw, sh), label, fn, key=None, key_label=cap, style="quiet", ident=ident,
                                font_size=15))
            sx -= u(8)
        qw = Button.width_for(app, S.HOME_QUIT, "Esc", 17, bold=False)
        items.append(Button((lay.w - lay.x(56) - qw, y, qw, bh), S.HOME_QUIT, self.ask_quit, key=None,
                            key_label="Esc", style="quiet", ident="quit"))
        self.group.set(items)

    def _card(self, sc, k: int):
        accent = CARD_ACCENTS[k % len(CARD_ACCENTS)]

        def paint(surface, rect, app, state):
            p = app.palette
            plan = plan_card(app, sc, rect, self.compact, self.title_px, self.question_px)
            u = app.px
            fill = p.panel if not state["hover"] else mix(p.panel, accent, 0.06)
            pygame.draw.rect(surface, p.shadow, rect.move(0, u(4)), border_radius=u(16))
            pygame.draw.rect(surface, fill, rect, border_radius=u(16))
            pygame.draw.rect(surface, p.line, rect, width=1, border_radius=u(16))
            if plan.wide:
                pygame.draw.rect(surface, accent, (rect.x, rect.y, u(10), rect.h), border_top_left_radius=u(16),
                                 border_bottom_left_radius=u(16))
            else:
                pygame.draw.rect(surface, accent, (rect.x, rect.y, rect.w, u(10)), border_top_left_radius=u(16),
                                 border_top_right_radius=u(16))
            text(surface, app.font(theme.SIZE_SMALL, bold=True), str(k + 1), plan.number_pos, p.ink_faint,
                 anchor="topright")
            paragraph(surface, plan.title_font, sc.title, plan.title_rect, p.ink,
                      line_gap=0, max_lines=2)
            paragraph(surface, plan.question_font, sc.question, plan.question_rect, p.ink_soft)
            text(surface, plan.meta_font, plan.meta, plan.meta_rect.topleft, mix(accent, p.ink, 0.35))
            if plan.note_rect is not None:
                text(surface, app.font(theme.SIZE_TINY), S.BRIEF_CONTENT_NOTE, plan.note_rect.topleft, p.ink_faint)
        return paint

    # --- actions -------------------------------------------------------------------------------------------
    def next_page(self) -> None:
        """Show the next page of scenario cards."""
        per = getattr(self, "per_page", PER_PAGE)
        self.page = (self.page + 1) % max(1, (len(self.scenarios) + per - 1) // per)
        self.relayout()

    def toggle_sound(self) -> None:
        """Mute or unmute the synthesised sounds."""
        self.app.toggle_sound()
        self.relayout()

    def ask_quit(self) -> None:
        """Esc or Quit on Home: ask before closing the app (a stray Esc must not end a lecture)."""
        self.app.push(ConfirmQuitScene(self.app))

    def open(self, sc) -> None:
        """Go to the Briefing of a scenario, with a new baby (a new run number)."""
        self.app.open("briefing", sc, seed=self.app.new_run())

    def open_glossary(self) -> None:
        """Open the Glossary."""
        self.app.open("glossary")

    # --- scene hooks -----------------------------------------------------------------------------------------
    def process_event(self, event):
        event = self.group.process_event(event)
        if event is not None and event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.ask_quit()
            return None
        if event is not None and event.type == pygame.KEYDOWN and event.key == pygame.K_u:
            self.app.cycle_audience()
            return None
        if event is not None and event.type == pygame.KEYDOWN and event.key == pygame.K_m:
            self.toggle_sound()  # the app's M, with the button's label kept in step
            return None
        return event

    def draw(self, surface: pygame.Surface) -> None:
        app = self.app
        p = app.palette
        lay = app.layout
        u = app.px
        y = draw_header(surface, app, S.APP_NAME, S.APP_TAGLINE, y=24)
        text(surface, app.font(theme.SIZE_HEADING, bold=True), S.HOME_CHOOSE, (lay.x(56), y + u(HEADING_GAP)), p.ink)
        self.group.draw(surface)
        ef = app.font(theme.SIZE_SMALL)
        yerr = self.bottom_row_y() - u(12) - ef.get_linesize()
        for err in self.errors[:2]:
            text(surface, ef, S.HOME_INVALID.format(error=err), (lay.x(56), yerr), p.warn,
                 max_width=lay.w - 2 * lay.x(56), allow_cut=True)  # the whole error is on stderr
            yerr -= ef.get_linesize()
        sound = self.group.find("sound")
        dy = (sound.rect.bottom if sound is not None else u(48)) + u(6)
        df = app.font(theme.SIZE_SMALL, italic=True)
        tw = app.font(theme.SIZE_TITLE, bold=True).size(S.APP_NAME)[0] + lay.x(56) + u(24)
        if df.size(S.APP_DISCLAIMER)[0] <= lay.w - lay.x(56) - tw:
            text(surface, df, S.APP_DISCLAIMER, (lay.w - lay.x(56), dy), p.ink_faint, anchor="topright")
        draw_hints(surface, self.app, S.HOME_HINTS)


class ConfirmQuitScene(Scene):
    """"Quit Attune?" over Home: Enter or Y quits; Esc, N or a click outside the box stays."""

    name = "confirm_quit"
    overlay = True

    def __init__(self, app) -> None:
        super().__init__(app)
        self.box = pygame.Rect(0, 0, 0, 0)  # set by relayout
        self.group = FocusGroup(app)
        self.relayout()

    def relayout(self) -> None:
        """The box (as tall as its text needs), two buttons along its bottom, Quit focused."""
        app = self.app
        u = app.px
        lay = app.layout
        w = min(lay.w - u(40), max(lay.x(600), u(600)))
        bh = max(u(46), app.font(17).get_linesize() + u(14))
        h = (u(28) + app.font(theme.SIZE_HEADING, bold=True).get_linesize() + u(12)
             + paragraph_height(app.font(theme.SIZE_BODY), S.QUIT_TEXT, w - u(64)) + u(20) + bh + u(24))
        self.box = pygame.Rect(0, 0, w, h)
        self.box.center = (lay.w // 2, lay.h // 2)
        qw = Button.width_for(app, S.QUIT_YES, "Y", 17)
        sw = Button.width_for(app, S.QUIT_NO, "N", 17, bold=False)
        y = self.box.bottom - u(24) - bh
        self.group.set([
            Button((self.box.right - u(32) - qw, y, qw, bh), S.QUIT_YES, lambda: self.app.quit(0), key=pygame.K_y,
                   key_label="Y", style="primary", ident="quit"),
            Button((self.box.right - u(32) - qw - u(16) - sw, y, sw, bh), S.QUIT_NO, self.close, key=pygame.K_n,
                   key_label="N", ident="stay"),
        ])
        self.group.focus("quit")

    def process_event(self, event):
        event = self.group.process_event(event)
        if event is not None and event.type == pygame.KEYDOWN and event.key in BACK_KEYS:
            self.close()
            return None
        if event is not None and event.type == pygame.MOUSEBUTTONDOWN and not self.box.collidepoint(event.pos):
            self.close()
            return None
        return None if event is not None and event.type == pygame.KEYDOWN else event

    def draw(self, surface: pygame.Surface) -> None:
        app = self.app
        p = app.palette
        veil = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        veil.fill((*p.bg[:3], 190))
        surface.blit(veil, (0, 0))
        u = app.px
        pygame.draw.rect(surface, p.panel, self.box, border_radius=u(16))
        pygame.draw.rect(surface, p.line, self.box, width=max(1, u(2)), border_radius=u(16))
        r = text(surface, app.font(theme.SIZE_HEADING, bold=True), S.QUIT_TITLE,
                 (self.box.x + u(32), self.box.y + u(28)), p.ink)
        paragraph_full(surface, app.font(theme.SIZE_BODY), S.QUIT_TEXT, self.box.x + u(32), r.bottom + u(12),
                       self.box.w - u(64), p.ink_soft)
        self.group.draw(surface)
