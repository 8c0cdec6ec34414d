"""Widgets and drawing helpers: buttons with a focus ring, a keyboard-and-mouse focus group, wrapped text,
and scroll panels for text that may not fit.

Every control is a :class:`Button` inside a :class:`FocusGroup`. The group moves focus with Tab /
Shift+Tab and the arrow keys (spatially: the nearest control in that direction), activates with Enter or
Space, follows the mouse, and fires a button's own shortcut key. A locked button is drawn greyed with its
reason and never fires. The focus ring is drawn in the theme's ``focus`` colour, a different hue from
every button face, and thick enough to see from the back row.

Nothing that teaches is cut: a paragraph too long for its box goes in a :class:`ScrollPanel` (mouse wheel,
Page Up / Page Down, with a visible "more" cue). Every shortened line and every font size drawn is noted
(:data:`CUTS`, :data:`DRAWN_PX`) so the tests can check each scene at each window and text size.
"""

from __future__ import annotations

from typing import Callable

import pygame

from . import strings as S
from . import theme
from .drawing.text import wrap_words
from .theme import mix

# --- text helpers -----------------------------------------------------------------------------------
# Rendering and measuring text is the costliest part of a frame, and most text is the same every frame,
# so rendered lines and wrapped paragraphs are cached (bounded; cleared when full).
_RENDERED: dict = {}
_WRAPPED: dict = {}
_CACHE_MAX = 3000

#: Text shortened with an ellipsis since the last clear: (the whole text, what was drawn). Tests clear it,
#: draw a scene, and fail on teaching text cut without a scroll cue (``allow_cut`` marks names and labels
#: whose whole form is shown elsewhere, such as a saved file's name).
CUTS: list[tuple[str, str]] = []
#: Pixel sizes of the fonts drawn with since the last clear (tests check them against the minimum).
DRAWN_PX: set[int] = set()
_FONT_PX: dict = {}


def register_font(font: pygame.font.Font, px: int) -> None:
    """Note the pixel size of a font the app made (fonts made any other way count as size 0 in tests)."""
    _FONT_PX[font] = px


def _note_cut(whole: str, shown: str) -> None:
    if len(CUTS) < 1000:
        CUTS.append((whole, shown))


def render(font: pygame.font.Font, s: str, colour) -> pygame.Surface:
    """``font.render(s, True, colour)``, cached."""
    DRAWN_PX.add(_FONT_PX.get(font, 0))
    key = (font, s, tuple(colour))
    img = _RENDERED.get(key)
    if img is None:
        if len(_RENDERED) >= _CACHE_MAX:
            _RENDERED.clear()
        img = font.render(s, True, colour)
        _RENDERED[key] = img
    return img


def wrap(font: pygame.font.Font, text: str, width: int) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` pixels (explicit newlines are kept). Cached."""
    key = (font, text, width)
    hit = _WRAPPED.get(key)
    if hit is not None:
        return hit
    if len(_WRAPPED) >= _CACHE_MAX:
        _WRAPPED.clear()
    lines = wrap_words(font, text, width)
    _WRAPPED[key] = lines
    return lines


def text(surface: pygame.Surface, font: pygame.font.Font, s: str, pos, colour, anchor: str = "topleft",
         max_width: int | None = None, allow_cut: bool = False) -> pygame.Rect:
    """Draw one line of text; ``anchor`` is a Rect attribute (``topleft``, ``center``, ``midright``...).

    With ``max_width``, an over-long line is shortened with an ellipsis rather than overflowing; that is
    noted in :data:`CUTS` (a defect for teaching text) unless ``allow_cut`` says the whole is shown elsewhere.
    """
    if max_width is not None:
        whole = s
        s = fit(font, s, max_width)
        if s != whole and not allow_cut:
            _note_cut(whole, s)
    img = render(font, s, colour)
    r = img.get_rect(**{anchor: (int(pos[0]), int(pos[1]))})
    surface.blit(img, r)
    return r


def fit(font: pygame.font.Font, s: str, max_width: int) -> str:
    """``s``, shortened with an ellipsis if wider than ``max_width`` pixels. Cached."""
    key = (font, s, -max_width)
    hit = _WRAPPED.get(key)
    if hit is not None:
        return hit
    out = s
    if font.size(s)[0] > max_width:
        while out and font.size(out + "…")[0] > max_width:
            out = out[:-1]
        out = out.rstrip() + "…"
    if len(_WRAPPED) >= _CACHE_MAX:
        _WRAPPED.clear()
    _WRAPPED[key] = out
    return out


def paragraph(surface: pygame.Surface, font: pygame.font.Font, s: str, rect: pygame.Rect, colour,
              line_gap: int = 3, max_lines: int | None = None) -> int:
    """Draw wrapped text inside ``rect``. Returns the y just below the last line.

    Text that does not fit (more than ``max_lines``, or below the rect's bottom) ends with an ellipsis on the
    last line that fits, so a sentence is never cut off silently.
    """
    y = rect.y
    lh = font.get_linesize() + line_gap - 2
    lines = wrap(font, s, rect.w)
    room = max(0, (rect.bottom + 2 - font.get_height() - rect.y) // lh + 1) if rect.h > 0 else 0
    max_lines = room if max_lines is None else min(max_lines, room)
    if max_lines <= 0:
        return y
    if len(lines) > max_lines:
        _note_cut(s, " ".join(lines[:max_lines]))
        lines = lines[:max_lines]
        lines[-1] = fit(font, lines[-1] + " …", rect.w) if font.size(lines[-1] + " …")[0] > rect.w \
            else lines[-1] + " …"
    for line in lines:
        if y + font.get_height() > rect.bottom + 2:
            break
        surface.blit(render(font, line, colour), (rect.x, y))
        y += lh
    return y


def paragraph_full(surface: pygame.Surface, font: pygame.font.Font, s: str, x: int, y: int, width: int, colour,
                   line_gap: int = 3) -> int:
    """Draw all of ``s`` wrapped to ``width`` px from (x, y), however tall; returns the y below the last line.
    For text inside a :class:`ScrollPanel` (which clips it and shows that there is more)."""
    lh = font.get_linesize() + line_gap - 2
    top, bottom = surface.get_clip().top, surface.get_clip().bottom
    for line in wrap(font, s, width):
        if y + lh >= top and y <= bottom:  # only the visible lines cost a blit
            surface.blit(render(font, line, colour), (x, y))
        y += lh
    return y


def paragraph_fits(font: pygame.font.Font, s: str, width: int, height: int, line_gap: int = 3) -> bool:
    """True if :func:`paragraph` would draw all of ``s`` in a ``width`` x ``height`` px box, with no line
    wider than ``width`` px (so no ellipsis and nothing outside the box)."""
    lines = wrap(font, s, width)
    if any(font.size(line)[0] > width for line in lines):
        return False
    lh = font.get_linesize() + line_gap - 2
    return (len(lines) - 1) * lh + font.get_height() <= height + 2


def paragraph_height(font: pygame.font.Font, s: str, width: int, line_gap: int = 3) -> int:
    """Height in px from the top of the first line to the bottom of the last that :func:`paragraph` draws."""
    n = len(wrap(font, s, width))
    return (n - 1) * (font.get_linesize() + line_gap - 2) + font.get_height()


def text_height(font: pygame.font.Font, s: str, width: int, line_gap: int = 3) -> int:
    """Height in pixels that :func:`paragraph` would use for ``s`` at ``width``."""
    return len(wrap(font, s, width)) * (font.get_linesize() + line_gap - 2)


def panel(surface: pygame.Surface, rect: pygame.Rect, fill, border=None, radius: int = 14,
          shadow=None) -> None:
    """A rounded panel with an optional soft shadow and border."""
    if shadow is not None:
        pygame.draw.rect(surface, shadow, rect.move(0, 3), border_radius=radius)
    pygame.draw.rect(surface, fill, rect, border_radius=radius)
    if border is not None:
        pygame.draw.rect(surface, border, rect, width=1, border_radius=radius)


def key_cap(surface: pygame.Surface, font: pygame.font.Font, label: str, pos, fg, bg, anchor="midleft"
            ) -> pygame.Rect:
    """A small key-cap box with ``label`` (e.g. "1", "Esc"), to show a shortcut."""
    img = render(font, label, fg)
    pad = max(4, img.get_height() // 4)
    w = max(img.get_width() + 2 * pad, img.get_height() + 4)
    r = pygame.Rect(0, 0, w, img.get_height() + 4)
    setattr(r, anchor, (int(pos[0]), int(pos[1])))
    pygame.draw.rect(surface, bg, r, border_radius=5)
    pygame.draw.rect(surface, fg, r, width=1, border_radius=5)
    surface.blit(img, img.get_rect(center=r.center))
    return r


# --- buttons ----------------------------------------------------------------------------------------


class Button:
    """A clickable, focusable control.

    Args:
        rect: position and size on the canvas.
        label: the text on the button.
        on_click: called with no arguments when activated.
        key: a pygame key constant that fires the button from anywhere in its group (or None).
        key_label: how the shortcut is shown (e.g. "1", "O", "Enter").
        style: "normal", "primary", "quiet" (flat, for secondary links) or "option" (a choice).
        locked: True to grey it out; it stays visible but never fires.
        selected: for options and toggles, drawn as chosen.
        painter: optional ``painter(surface, rect, app, state)`` that draws custom content instead of the
            label (cards); ``state`` has ``focused``, ``hover``, ``locked``, ``selected``.
        focusable: False for a button that should be skipped by Tab (still clickable).
        ident: a stable id for tests (defaults to the label).
    """

    def __init__(self, rect, label: str, on_click: Callable[[], None] | None = None, key: int | None = None,
                 key_label: str | None = None, style: str = "normal", locked: bool = False,
                 selected: bool = False, painter=None, focusable: bool = True, ident: str | None = None,
                 font_size: int = 17, scaled: bool = True) -> None:
        self.rect = pygame.Rect(rect)
        self.label = label
        self.on_click = on_click
        self.key = key
        self.key_label = key_label
        self.style = style
        self.locked = locked
        self.selected = selected
        self.painter = painter
        self.focusable = focusable
        self.ident = ident or label
        self.font_size = font_size
        self.scaled = scaled  # False: keep this label's size when the back-row text scale is on

    @staticmethod
    def width_for(app, label: str, key_label: str | None = None, font_size: int = 17, bold: bool = True) -> int:
        """The width (px) a plain button needs to show ``label`` whole, with its key cap, at the app's window and
        text size (the inverse of ``_paint``'s arithmetic)."""
        font = app.font(font_size, bold=bold)
        w = app.px(10) + font.size(label)[0] + app.px(14)
        if key_label:
            small = app.font(max(theme.SIZE_TINY, font_size - 3), bold=True)
            img_w, img_h = small.size(key_label)[0], small.get_height()
            w += max(img_w + 2 * max(4, img_h // 4), img_h + 4) + app.px(8) + 2
        return w

    def activate(self) -> bool:
        """Fire the button unless it is locked. Returns True if it fired."""
        if self.locked or self.on_click is None:
            return False
        self.on_click()
        return True

    def draw(self, surface: pygame.Surface, app, focused: bool, hover: bool) -> None:
        """Paint the button and, when focused, its focus ring."""
        p = app.palette
        r = self.rect
        state = {"focused": focused, "hover": hover, "locked": self.locked, "selected": self.selected}
        if self.painter is not None:
            self.painter(surface, r, app, state)
        else:
            key = (self.label, self.style, self.locked, self.selected, hover, self.key_label, r.size, self.font_size,
                   p.name, app.text_scale if self.scaled else 1.0)
            img = _BUTTONS.get(key)
            if img is None:
                if len(_BUTTONS) >= _CACHE_MAX:
                    _BUTTONS.clear()
                img = pygame.Surface(r.size, pygame.SRCALPHA)
                self._paint(img, app, hover)
                if pygame.display.get_surface() is not None:
                    img = img.convert_alpha()  # display pixel format: faster blits
                _BUTTONS[key] = img
            surface.blit(img, r.topleft)
        if focused:
            fw = p.focus_width
            pygame.draw.rect(surface, p.focus, r.inflate(2 * fw + 2, 2 * fw + 2), width=fw,
                             border_radius=min(14, r.h // 2 + fw))


    def _paint(self, surface: pygame.Surface, app, hover: bool) -> None:
        """Paint the face of a plain button onto its own (cached) surface, at (0, 0)."""
        p = app.palette
        r = surface.get_rect()
        if self.locked:
            fill, ink, border = p.locked, p.locked_ink, p.line
        elif self.style == "primary":
            fill, ink, border = p.accent, p.accent_ink, p.accent
        elif self.selected:
            fill, ink, border = mix(p.accent, p.panel, 0.82), p.ink, p.accent
        elif self.style == "quiet":
            fill, ink, border = p.bg, p.ink, p.line
        else:
            fill, ink, border = p.panel, p.ink, p.line
        if hover and not self.locked:
            fill = mix(fill, p.accent if self.style != "primary" else (0, 0, 0), 0.88)
        radius = min(10, r.h // 2)
        pygame.draw.rect(surface, fill, r, border_radius=radius)
        pygame.draw.rect(surface, border, r, width=2 if self.selected else 1, border_radius=radius)
        font = app.font(self.font_size, bold=self.style == "primary" or self.selected, scaled=self.scaled)
        x = app.px(10)
        small = app.font(max(theme.SIZE_TINY, self.font_size - 3), bold=True, scaled=self.scaled)
        if self.key_label:
            cap = key_cap(surface, small, self.key_label, (x, r.centery), ink if not self.locked else p.locked_ink,
                          fill, anchor="midleft")
            x = cap.right + app.px(8)
        if self.style == "option" and self.selected:
            pygame.draw.circle(surface, p.accent, (r.right - app.px(16), r.centery), app.px(6))
        room = r.right - x - app.px(24 if self.style == "option" else 8)
        if font.size(self.label)[0] > room and "\n" not in self.label:
            # A label that does not fit on one line goes on two (a button is never a place to cut words).
            lines = wrap(font, self.label, room)
            if len(lines) == 2 and 2 * font.get_linesize() <= r.h:
                lh = font.get_linesize()
                for i, line in enumerate(lines):
                    text(surface, font, line, (x, r.centery + (i - 1) * lh + (lh - font.get_height()) // 2),
                         ink, max_width=room)
                return
        text(surface, font, self.label, (x, r.centery), ink, anchor="midleft", max_width=room)


_BUTTONS: dict = {}


_ACTIVATE_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)


class FocusGroup:
    """The controls of one scene, with one of them focused.

    The group consumes: Tab / Shift+Tab, arrow keys (when ``arrows`` is True), Enter / Space on the
    focused control, each button's shortcut key, and mouse motion and clicks over a control.
    """

    def __init__(self, app, arrows: bool = True) -> None:
        self.app = app
        self.items: list[Button] = []
        self.index = 0
        self.hover: Button | None = None
        self.arrows = arrows
        self.pressed: Button | None = None
        self.show_ring = True

    def set(self, items: list[Button], keep: bool = True) -> None:
        """Replace the controls, keeping focus on the control with the same id where possible."""
        old = self.focused.ident if (keep and self.focused is not None) else None
        self.items = list(items)
        self.index = 0
        if old is not None:
            for i, b in enumerate(self.items):
                if b.ident == old and b.focusable:
                    self.index = i
                    break
            else:
                self._first_focusable()
        else:
            self._first_focusable()
        if self.hover is not None and self.hover not in self.items:
            self.hover = None

    def _first_focusable(self) -> None:
        for i, b in enumerate(self.items):
            if b.focusable and not b.locked:
                self.index = i
                return
        for i, b in enumerate(self.items):
            if b.focusable:
                self.index = i
                return

    @property
    def focused(self) -> Button | None:
        """The focused control, or None when the group is empty."""
        if not self.items:
            return None
        self.index = min(self.index, len(self.items) - 1)
        b = self.items[self.index]
        return b if b.focusable else None

    def focus(self, ident: str) -> bool:
        """Move focus to the control with this id. Returns True if found."""
        for i, b in enumerate(self.items):
            if b.ident == ident:
                self.index = i
                return True
        return False

    def find(self, ident: str) -> Button | None:
        """The control with this id, or None."""
        for b in self.items:
            if b.ident == ident:
                return b
        return None

    def _cycle(self, step: int) -> None:
        n = len(self.items)
        if not n:
            return
        i = self.index
        for _ in range(n):
            i = (i + step) % n
            if self.items[i].focusable:
                self.index = i
                return

    def _move(self, dx: int, dy: int) -> None:
        cur = self.focused
        if cur is None:
            self._cycle(1)
            return
        cx, cy = cur.rect.center
        best, best_score = None, None
        for i, b in enumerate(self.items):
            if b is cur or not b.focusable:
                continue
            bx, by = b.rect.center
            ddx, ddy = bx - cx, by - cy
            along = ddx * dx + ddy * dy
            if along <= 0:
                continue
            across = abs(ddx * dy) + abs(ddy * dx)
            # Prefer controls straight ahead; overlapping spans count as straight ahead.
            overlap = (b.rect.top < cur.rect.bottom and b.rect.bottom > cur.rect.top) if dx else \
                (b.rect.left < cur.rect.right and b.rect.right > cur.rect.left)
            score = along + (across * 0.3 if overlap else across * 2.0 + 400)
            if best_score is None or score < best_score:
                best, best_score = i, score
        if best is not None:
            self.index = best

    def item_at(self, pos) -> Button | None:
        """The control under a canvas position."""
        for b in reversed(self.items):
            if b.rect.collidepoint(pos):
                return b
        return None

    def process_event(self, event: pygame.event.Event) -> pygame.event.Event | None:
        """Handle focus movement, activation, shortcuts and the mouse. Returns the event if unused."""
        if event.type == pygame.KEYDOWN:
            key = event.key
            mods = getattr(event, "mod", 0)
            if mods & (pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_META):
                return event
            if key == pygame.K_TAB:
                self._cycle(-1 if mods & pygame.KMOD_SHIFT else 1)
                self.show_ring = True
                return None
            if self.arrows and key in (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN):
                dx = (key == pygame.K_RIGHT) - (key == pygame.K_LEFT)
                dy = (key == pygame.K_DOWN) - (key == pygame.K_UP)
                self._move(dx, dy)
                self.show_ring = True
                return None
            if key in _ACTIVATE_KEYS:
                b = self.focused
                if b is not None:
                    b.activate()
                    return None
                return event
            for b in self.items:
                if b.key is not None and b.key == key:
                    if not b.locked:
                        if b.focusable:
                            self.index = self.items.index(b)
                        b.activate()
                    return None
            return event
        if event.type == pygame.MOUSEMOTION:
            self.hover = self.item_at(event.pos)
            return event
        if event.type == pygame.MOUSEBUTTONDOWN and getattr(event, "button", 1) == 1:
            b = self.item_at(event.pos)
            self.pressed = b
            if b is not None:
                if b.focusable:
                    self.index = self.items.index(b)
                return None
            return event
        if event.type == pygame.MOUSEBUTTONUP and getattr(event, "button", 1) == 1:
            b = self.item_at(event.pos)
            pressed, self.pressed = self.pressed, None
            if b is not None and b is pressed:
                b.activate()
                return None
            return event
        return event

    def draw(self, surface: pygame.Surface) -> None:
        """Draw every control; the focused one with its ring."""
        focused = self.focused
        for b in self.items:
            b.draw(surface, self.app, b is focused and self.show_ring, b is self.hover)


# --- scroll panels ------------------------------------------------------------------------------------

_SCROLL_KEYS = {pygame.K_PAGEDOWN: 1, pygame.K_PAGEUP: -1}
_MOUSE = [None]  # the last mouse position seen by any scroll panel (wheel events carry none)


class ScrollPanel:
    """A box whose content may be taller than it: drawn clipped, scrolled with the mouse wheel (over it) and
    Page Up / Page Down, with a scroll bar and a "More below" cue whenever something is out of sight.

    The scene gives ``draw`` a ``paint(surface, x, y, width) -> bottom_y`` function that lays its content out
    from (x, y) at ``width`` px, however tall (for example with :func:`paragraph_full`). The panel measures
    the content from what ``paint`` returns; the measure is kept only to clamp the scroll position.

    Args:
        app: the running app (palette, fonts, layout unit).
        ident: a name for tests.
    """

    def __init__(self, app, ident: str = "") -> None:
        self.app = app
        self.ident = ident
        self.offset = 0  # px scrolled down
        self.content_h = 0  # px, measured at the last draw
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.cue_drawn = False  # True after a draw that showed the "more" cue (tests)

    @property
    def gutter(self) -> int:
        """Width (px) kept free on the right for the scroll bar."""
        return self.app.px(14)

    @property
    def max_offset(self) -> int:
        """How far (px) the content can scroll."""
        return max(0, self.content_h - self.rect.h)

    @property
    def overflows(self) -> bool:
        """True if some content is out of sight (at the last draw)."""
        return self.content_h > self.rect.h + 1

    def scroll(self, lines: float) -> None:
        """Scroll by ``lines`` text lines (negative: up)."""
        step = self.app.font(theme.SIZE_BODY).get_linesize()
        self.offset = int(min(self.max_offset, max(0, self.offset + lines * step)))

    def page(self, direction: int) -> None:
        """Scroll one box height, less a line, down (1) or up (-1)."""
        step = max(1, self.rect.h - self.app.font(theme.SIZE_BODY).get_linesize())
        self.offset = int(min(self.max_offset, max(0, self.offset + direction * step)))

    def reset(self) -> None:
        """Back to the top (new content)."""
        self.offset = 0

    def draw(self, surface: pygame.Surface, rect, paint, bg=None) -> None:
        """Paint the content clipped to ``rect`` (filled with ``bg`` first when given), then the cues."""
        self.rect = pygame.Rect(rect)
        r = self.rect
        if bg is not None:
            pygame.draw.rect(surface, bg, r)
        old = surface.get_clip()
        surface.set_clip(r.clip(old))
        top = r.y - self.offset
        bottom = paint(surface, r.x, top, r.w - self.gutter)
        surface.set_clip(old)
        self.content_h = int(bottom - top)
        self.offset = min(self.offset, self.max_offset)
        self.cue_drawn = False
        if self.overflows:
            self._draw_cues(surface, bg)

    def _draw_cues(self, surface: pygame.Surface, bg) -> None:
        app, p, r = self.app, self.app.palette, self.rect
        u = app.px
        # The bar: a track, and a thumb whose length is the visible share.
        track = pygame.Rect(r.right - u(8), r.y + u(2), u(6), r.h - u(4))
        pygame.draw.rect(surface, p.line, track, border_radius=u(3))
        share = r.h / max(1, self.content_h)
        th = max(u(24), int(track.h * share))
        ty = track.y + int((track.h - th) * (self.offset / max(1, self.max_offset)))
        pygame.draw.rect(surface, p.accent, (track.x - u(1), ty, track.w + u(2), th), border_radius=u(3))
        f = app.font(theme.SIZE_TINY, bold=True)
        if self.offset < self.max_offset:  # more below: a tab on the bottom edge says so, and how to see it
            img = render(f, S.SCROLL_MORE, p.accent_ink)
            tab = pygame.Rect(0, 0, img.get_width() + u(34), img.get_height() + u(6))
            tab.bottomright = (track.x - u(6), r.bottom)
            pygame.draw.rect(surface, p.accent, tab, border_radius=u(6))
            cx, cy, s = tab.x + u(13), tab.centery, u(5)
            pygame.draw.polygon(surface, p.accent_ink, [(cx - s, cy - s // 2), (cx + s, cy - s // 2), (cx, cy + s)])
            surface.blit(img, (tab.x + u(25), tab.y + u(3)))
        if self.offset > 0:  # more above: a triangle at the top of the bar
            cx, cy, s = track.centerx, r.y + u(2), u(6)
            pygame.draw.polygon(surface, p.accent, [(cx - s, cy + s), (cx + s, cy + s), (cx, cy)])
        self.cue_drawn = True

    def process_event(self, event):
        """Mouse wheel over the panel and Page Up / Page Down scroll it. Returns None once used."""
        return scroll_panels_event([self], event)


def scroll_panels_event(panels, event):
    """Route ``event`` to the scroll panels of a scene: the wheel scrolls the panel under the mouse (or the
    only one that overflows); Page Up / Page Down scroll the panel under the mouse, else the first that
    overflows. Returns None if used, else the event."""
    if event is None:
        return None
    if event.type == pygame.MOUSEMOTION:
        _MOUSE[0] = getattr(event, "pos", None)
        return event
    live = [pn for pn in panels if pn is not None and pn.overflows]
    if not live:
        return event
    pos = _MOUSE[0]
    under = next((pn for pn in live if pos is not None and pn.rect.collidepoint(pos)), None)
    if event.type == pygame.MOUSEWHEEL:
        target = under or (live[0] if len(live) == 1 else None)
        if target is None:
            return event
        target.scroll(-3 * getattr(event, "y", 0))
        return None
    if event.type == pygame.KEYDOWN and event.key in _SCROLL_KEYS:
        (under or live[0]).page(_SCROLL_KEYS[event.key])
        return None
    return event


# --- page furniture ---------------------------------------------------------------------------------
def draw_header(surface: pygame.Surface, app, title: str, subtitle: str | None = None, y: int = 30) -> int:
    """The page title with an accent rule and an optional subtitle (wrapped whole), at design ``y``. Returns the
    y below it (window px)."""
    p = app.palette
    lay = app.layout
    u = app.px
    x, w = lay.x(56), lay.w - 2 * lay.x(56)
    tf = app.font(theme.SIZE_TITLE, bold=True)
    r = text(surface, tf, title, (x, lay.y(y)), p.ink, max_width=w)
    pygame.draw.rect(surface, p.accent, (x, r.bottom + u(4), u(64), u(4)), border_radius=u(2))
    y = r.bottom + u(14)
    if subtitle:
        y = paragraph_full(surface, app.font(theme.SIZE_BODY), subtitle, x, y, w, p.ink_soft, line_gap=1) + u(4)
    return y


def header_height(app, title: str, subtitle: str | None = None, y: int = 30) -> int:
    """The y (window px) below :func:`draw_header`'s title and subtitle, without drawing."""
    lay = app.layout
    u = app.px
    y = lay.y(y) + app.font(theme.SIZE_TITLE, bold=True).get_height() + u(14)
    if subtitle:
        f = app.font(theme.SIZE_BODY)
        y += len(wrap(f, subtitle, lay.w - 2 * lay.x(56))) * (f.get_linesize() + 1 - 2) + u(4)
    return y


def hints_height(app) -> int:
    """Height (px) of the hints line at the bottom of a screen, with its margin."""
    return app.font(theme.SIZE_TINY).get_linesize() + app.px(10)


def draw_hints(surface: pygame.Surface, app, hints: str) -> None:
    """The keyboard hints line at the bottom of a screen (the keys are also on the buttons, so a very long line
    may be shortened)."""
    lay = app.layout
    text(surface, app.font(theme.SIZE_TINY), hints, (lay.w // 2, lay.h - app.px(8)), app.palette.ink_faint,
         anchor="midbottom", max_width=lay.w - 2 * lay.x(20), allow_cut=True)


def bottom_button_rows(app, entries: list[dict], left: int, width: int, font_size: int) -> tuple[list, int]:
    """Buttons along the bottom of a screen, above the hints, in rows that wrap when the window is narrow
    (:func:`flow`); the entry whose ``ident`` is ``"back"`` sits at the right. Each entry holds
    :class:`Button`'s arguments (``label``, ``on_click``, and ``key``, ``key_label``, ``ident``, ``style``,
    ``locked`` as needed). Returns the buttons and the y (px) of the top row."""
    u = app.px
    widths = [Button.width_for(app, e["label"], e.get("key_label"), font_size, bold=e.get("style") == "primary")
              for e in entries]
    gap = u(12)
    lines = flow(widths, width, gap)
    bh = max(u(42), app.font(font_size).get_linesize() + u(14))
    first_y = app.layout.h - hints_height(app) - u(6) - len(lines) * bh - (len(lines) - 1) * u(8)
    items = []
    for r, idx in enumerate(lines):
        x, y = left, first_y + r * (bh + u(8))
        for i in idx:
            args = dict(entries[i])
            if args.get("ident") == "back":
                x = max(x, left + width - widths[i])  # Back at the right
            items.append(Button((x, y, widths[i], bh), args.pop("label"), args.pop("on_click"), font_size=font_size,
                                **args))
            x += widths[i] + gap
    return items, first_y


def flow(widths, width: int, gap: int) -> list[list[int]]:
    """Indices of items ``widths`` px wide placed left to right in rows no wider than ``width`` px, ``gap`` px
    apart (a control bar that wraps onto another row rather than running off the window)."""
    rows: list[list[int]] = [[]]
    x = 0
    for i, w in enumerate(widths):
        if rows[-1] and x + w > width:
            rows.append([])
            x = 0
        rows[-1].append(i)
        x += w + gap
    return rows
