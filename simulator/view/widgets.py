"""Widgets and drawing helpers: buttons with a focus ring, a keyboard-and-mouse focus group, wrapped text.

Every control is a :class:`Button` inside a :class:`FocusGroup`. The group moves focus with Tab /
Shift+Tab and the arrow keys (spatially: the nearest control in that direction), activates with Enter or
Space, follows the mouse, and fires a button's own shortcut key. A locked button is drawn greyed with its
reason and never fires. The focus ring is drawn in the theme's ``focus`` colour, a different hue from
every button face, and thick enough to see from the back row.
"""

from __future__ import annotations

from typing import Callable

import pygame

from . import theme

# --- text helpers -----------------------------------------------------------------------------------
# Rendering and measuring text is the costliest part of a frame, and most text is the same every frame,
# so rendered lines and wrapped paragraphs are cached (bounded; cleared when full).
_RENDERED: dict = {}
_WRAPPED: dict = {}
_CACHE_MAX = 3000


def render(font: pygame.font.Font, s: str, colour) -> pygame.Surface:
    """``font.render(s, True, colour)``, cached."""
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
    lines = _wrap(font, text, width)
    _WRAPPED[key] = lines
    return lines


def _wrap(font: pygame.font.Font, text: str, width: int) -> list[str]:
    lines: list[str] = []
    for para in text.split("\n"):
        words = para.split(" ")
        line = ""
        for word in words:
            trial = word if not line else f"{line} {word}"
            if font.size(trial)[0] <= width or not line:
                line = trial
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def text(surface: pygame.Surface, font: pygame.font.Font, s: str, pos, colour, anchor: str = "topleft",
         max_width: int | None = None) -> pygame.Rect:
    """Draw one line of text; ``anchor`` is a Rect attribute (``topleft``, ``center``, ``midright``...).

    With ``max_width``, an over-long line is shortened with an ellipsis rather than overflowing.
    """
    if max_width is not None:
        s = fit(font, s, max_width)
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
        lines = lines[:max_lines]
        lines[-1] = fit(font, lines[-1] + " …", rect.w) if font.size(lines[-1] + " …")[0] > rect.w \
            else lines[-1] + " …"
    for line in lines:
        if y + font.get_height() > rect.bottom + 2:
            break
        surface.blit(render(font, line, colour), (rect.x, y))
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
    w = max(img.get_width() + 10, img.get_height() + 4)
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
            fill, ink, border = _mix(p.accent, p.panel, 0.82), p.ink, p.accent
        elif self.style == "quiet":
            fill, ink, border = p.bg, p.ink, p.line
        else:
            fill, ink, border = p.panel, p.ink, p.line
        if hover and not self.locked:
            fill = _mix(fill, p.accent if self.style != "primary" else (0, 0, 0), 0.88)
        radius = min(10, r.h // 2)
        pygame.draw.rect(surface, fill, r, border_radius=radius)
        pygame.draw.rect(surface, border, r, width=2 if self.selected else 1, border_radius=radius)
        font = app.font(self.font_size, bold=self.style == "primary" or self.selected, scaled=self.scaled)
        x = 10
        small = app.font(max(11, self.font_size - 4), bold=True, scaled=self.scaled)
        if self.key_label:
            cap = key_cap(surface, small, self.key_label, (x, r.centery), ink if not self.locked else p.locked_ink,
                          fill, anchor="midleft")
            x = cap.right + 8
        if self.style == "option" and self.selected:
            pygame.draw.circle(surface, p.accent, (r.right - 16, r.centery), 6)
        text(surface, font, self.label, (x, r.centery), ink, anchor="midleft",
             max_width=r.right - x - (24 if self.style == "option" else 8))


_BUTTONS: dict = {}


def _mix(a, b, t: float):
    """Blend colour ``a`` toward ``b`` (t = share of ``b``)."""
    return tuple(int(a[i] * (1 - t) + b[i] * t) for i in range(3))


mix = _mix

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


# --- page furniture ---------------------------------------------------------------------------------
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
