"""Glossary: every term of docs/science.md section 5 in one line each, from simulator/content/glossary.py."""

from __future__ import annotations

import pygame

from ...content.glossary import GLOSSARY
from .. import strings as S
from .. import theme
from ..scene import Scene
from ..widgets import (Button, FocusGroup, ScrollPanel, draw_header, draw_hints, header_height, hints_height,
                       paragraph_full, paragraph_height, scroll_panels_event, text)


def glossary_entries() -> list[tuple[str, str]]:
    """(term, one-line definition) pairs, from :data:`simulator.content.glossary.GLOSSARY`."""
    return [(str(t), str(d)) for t, d in GLOSSARY]


class GlossaryScene(Scene):
    """Terms in two columns (one when the window is narrow for the text size), in a scroll panel: the arrow
    keys, Page Up/Down and the mouse wheel scroll it, with a cue while there is more."""

    name = "glossary"

    def __init__(self, app, term: str | None = None) -> None:
        super().__init__(app)
        self.entries = glossary_entries()
        self.term = term  # opened from a term in the debrief: that entry is scrolled to and marked
        self.group = FocusGroup(app, arrows=False)
        self.panel = ScrollPanel(app, "glossary")
        self.relayout()
        if term is not None:
            for x, y, h, name, _ in self._layout()[0]:
                if self._same(name, term):
                    self.panel.content_h = self._layout()[1]
                    self.panel.rect = self._area()
                    self.panel.offset = max(0, min(self.panel.max_offset, y - self.app.px(10)))

    @property
    def scroll(self) -> int:
        """How far (px) the terms are scrolled."""
        return self.panel.offset

    def relayout(self) -> None:
        app = self.app
        lay = app.layout
        u = app.px
        bh = max(u(44), app.font(17).get_linesize() + u(14))
        self.buttons_y = lay.h - hints_height(app) - bh - u(4)
        w = Button.width_for(app, S.GLOSSARY_BACK, "Esc", 17, bold=False)
        self.group.set([Button((lay.x(56), self.buttons_y, w, bh), S.GLOSSARY_BACK, self.close, key_label="Esc",
                               ident="back")])

    def _area(self) -> pygame.Rect:
        app = self.app
        lay = app.layout
        top = header_height(app, S.GLOSSARY_TITLE, S.GLOSSARY_SUB, y=30) + app.px(14)
        return pygame.Rect(lay.x(40), top, lay.w - 2 * lay.x(40), self.buttons_y - app.px(12) - top)

    @staticmethod
    def _same(name: str, term: str) -> bool:
        key = term.strip().lower()
        return key in {name.lower(), name.lower().split(" (")[0], *name.lower().split(" / ")}

    def _columns(self) -> tuple[int, int]:
        """(number of columns, column width px) for the panel's width."""
        app = self.app
        area = self._area()
        inner = area.w - app.px(16) - self.panel.gutter
        two = (inner - app.px(48)) // 2
        return (2, two) if two >= app.font(theme.SIZE_SMALL).size("m")[0] * 30 else (1, inner)

    def _layout(self) -> tuple[list[tuple[int, int, int, str, str]], int]:
        """(column x offset, y, height, term, definition) per entry, and the total content height (px)."""
        app = self.app
        tf = app.font(theme.SIZE_BODY, bold=True)
        df = app.font(theme.SIZE_SMALL)
        cols, col_w = self._columns()
        half = (len(self.entries) + 1) // 2 if cols == 2 else len(self.entries)
        out = []
        heights = [0, 0]
        for k, (term, definition) in enumerate(self.entries):
            c = 0 if k < half else 1
            h = tf.get_linesize() + paragraph_height(df, definition, col_w) + app.px(12)
            out.append((app.px(16) + c * (col_w + app.px(48)), heights[c], h, term, definition))
            heights[c] += h
        return out, max(heights)

    def process_event(self, event):
        event = self.group.process_event(event)
        if event is None:
            return None
        if event.type == pygame.KEYDOWN:
            lines = {pygame.K_DOWN: 2, pygame.K_UP: -2}.get(event.key)
            if lines:
                self.panel.scroll(lines)
                return None
            if event.key in (pygame.K_ESCAPE, pygame.K_BACKSPACE):
                self.close()
                return None
        return scroll_panels_event([self.panel], event)

    def draw(self, surface: pygame.Surface) -> None:
        p = self.app.palette
        u = self.app.px
        draw_header(surface, self.app, S.GLOSSARY_TITLE, S.GLOSSARY_SUB, y=30)
        tf = self.app.font(theme.SIZE_BODY, bold=True)
        df = self.app.font(theme.SIZE_SMALL)
        layout, total = self._layout()
        _, col_w = self._columns()

        def paint(surf, x0, y0, w):
            for x, y, h, term, definition in layout:
                yy = y0 + y
                if self.term is not None and self._same(term, self.term):
                    pygame.draw.rect(surf, p.panel, (x0 + x - u(10), yy - u(4), col_w + u(20), h - u(4)),
                                     border_radius=u(8))
                    pygame.draw.rect(surf, p.accent, (x0 + x - u(10), yy - u(4), u(4), h - u(4)))
                text(surf, tf, term[:1].upper() + term[1:], (x0 + x, yy), p.accent)
                paragraph_full(surf, df, definition, x0 + x, yy + tf.get_linesize(), col_w, p.ink)
            return y0 + total

        self.panel.draw(surface, self._area(), paint)
        self.group.draw(surface)
        draw_hints(surface, self.app, S.GLOSSARY_HINTS if self.panel.overflows else S.BACK_HINT)
