"""Glossary: every term of science.md section 5 in one line each, from simulator/content/glossary.py when present."""

from __future__ import annotations

import pygame

from .. import strings as S
from .. import theme
from .home import draw_header, draw_hints
from ..scene import Scene
from ..widgets import Button, FocusGroup, paragraph, text, text_height


def glossary_entries() -> list[tuple[str, str]]:
    """(term, one-line definition) pairs: the content module's GLOSSARY if installed, else the view's own."""
    try:
        from ...content.glossary import GLOSSARY  # written by the content developer
        entries = [(str(t), str(d)) for t, d in GLOSSARY]
        if entries:
            return entries
    except (ImportError, ValueError, TypeError):
        pass
    return list(S.GLOSSARY)


class GlossaryScene(Scene):
    """Terms in two columns; scrolls with the arrow keys, Page Up/Down and the mouse wheel when needed."""
    native = False  # still laid out for the 1280x720 design (drawn on a design canvas, scaled)

    name = "glossary"

    def __init__(self, app, term: str | None = None) -> None:
        super().__init__(app)
        self.entries = glossary_entries()
        self.scroll = 0
        self.term = term  # opened from a term in the debrief: that entry is scrolled to and marked
        self.group = FocusGroup(app, arrows=False)
        self.group.set([Button((56, 640, 140, 44), S.GLOSSARY_BACK, self.close, key_label="Esc", ident="back")])
        if term is not None:
            for x, y, h, name, _ in self._layout()[0]:
                if self._same(name, term):
                    self.scroll = max(0, min(self._max_scroll(), y - 10))

    @staticmethod
    def _same(name: str, term: str) -> bool:
        key = term.strip().lower()
        return key in {name.lower(), name.lower().split(" (")[0], *name.lower().split(" / ")}

    def _layout(self) -> tuple[list[tuple[int, int, int, str, str]], int]:
        """(column x, y, height, term, definition) per entry, and the total content height."""
        app = self.app
        tf = app.font(theme.SIZE_BODY, bold=True)
        df = app.font(theme.SIZE_SMALL)
        col_w = 560
        half = (len(self.entries) + 1) // 2
        out = []
        heights = [0, 0]
        for k, (term, definition) in enumerate(self.entries):
            c = 0 if k < half else 1
            h = tf.get_linesize() + text_height(df, definition, col_w) + 12
            out.append((56 + c * (col_w + 48), heights[c], h, term, definition))
            heights[c] += h
        return out, max(heights)

    def _max_scroll(self) -> int:
        _, total = self._layout()
        return max(0, total - (620 - 130))

    def process_event(self, event):
        event = self.group.process_event(event)
        if event is None:
            return None
        if event.type == pygame.KEYDOWN:
            step = {pygame.K_DOWN: 40, pygame.K_UP: -40, pygame.K_PAGEDOWN: 300, pygame.K_PAGEUP: -300}.get(event.key)
            if step:
                self.scroll = max(0, min(self._max_scroll(), self.scroll + step))
                return None
            if event.key in (pygame.K_ESCAPE, pygame.K_BACKSPACE):
                self.close()
                return None
        if event.type == pygame.MOUSEWHEEL:
            self.scroll = max(0, min(self._max_scroll(), self.scroll - 40 * int(getattr(event, "y", 0))))
            return None
        return event

    def draw(self, surface: pygame.Surface) -> None:
        p = self.app.palette
        draw_header(surface, self.app, S.GLOSSARY_TITLE, S.GLOSSARY_SUB, y=30)
        area = pygame.Rect(40, 130, 1200, 490)
        tf = self.app.font(theme.SIZE_BODY, bold=True)
        df = self.app.font(theme.SIZE_SMALL)
        layout, total = self._layout()
        prev = surface.get_clip()
        surface.set_clip(area)
        for x, y, h, term, definition in layout:
            yy = area.y + y - self.scroll
            if yy + h < area.y or yy > area.bottom:
                continue
            if self.term is not None and self._same(term, self.term):
                pygame.draw.rect(surface, p.panel, (x - 10, yy - 4, 580, h - 4), border_radius=8)
                pygame.draw.rect(surface, p.accent, (x - 10, yy - 4, 4, h - 4))
            text(surface, tf, term[:1].upper() + term[1:], (x, yy), p.accent)
            paragraph(surface, df, definition, pygame.Rect(x, yy + tf.get_linesize(), 560, h), p.ink)
        surface.set_clip(prev)
        if total > area.h and self.scroll < self._max_scroll():  # soften the cut at the bottom edge
            fade = pygame.Surface((area.w - 20, 28), pygame.SRCALPHA)
            for k in range(28):
                pygame.draw.line(fade, (*p.bg, int(255 * k / 27)), (0, k), (area.w, k))
            surface.blit(fade, (area.x, area.bottom - 28))
        if total > area.h:
            frac = self.scroll / max(1, self._max_scroll())
            pygame.draw.rect(surface, p.line, (1248, area.y, 6, area.h), border_radius=3)
            th = max(30, int(area.h * area.h / total))
            pygame.draw.rect(surface, p.ink_faint, (1248, area.y + int((area.h - th) * frac), 6, th), border_radius=3)
        self.group.draw(surface)
        draw_hints(surface, self.app, S.GLOSSARY_HINTS if total > area.h else S.BACK_HINT)
