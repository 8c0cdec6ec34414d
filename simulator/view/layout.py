"""Window-size layout: turns design sizes (given for a 1280x720 reference) into real window pixels.

The app draws at the window's real size (1024x600 up to 3840x2160), never a fixed picture scaled up.
Scenes lay out from a :class:`Layout`, made from the window size and the text size:

- ``u`` is the layout unit: window pixels per design pixel (``min(W / 1280, H / 720)``). Paddings, line
  widths and figure sizes are design pixels times ``u`` (:meth:`Layout.px`).
- ``sx`` / ``sy`` stretch the big regions (room, chart, panels) to the window's own width and height, so a
  1024x600 window or a 16:10 screen is filled, not letterboxed (:meth:`Layout.rect`, :meth:`Layout.x`,
  :meth:`Layout.y`).
- Font sizes are design sizes times ``u`` times the text size, never below ``min_text_px`` (the window
  height times ``theme.MIN_TEXT_SHARE`` at the largest text size, proportionally less at the smaller ones),
  so every text, down to the key letters on buttons and the chart's axes, grows with ``T`` and stays
  readable from the back row.

Panels whose text might not fit at a larger text size use :class:`~simulator.view.widgets.ScrollPanel`.
"""

from __future__ import annotations

import math

import pygame

from . import theme


class Layout:
    """The window size, the text size and the numbers derived from them.

    Args:
        size: window (W, H) in pixels.
        text_scale: the text-size factor (one of ``theme.TEXT_SCALES``).
    """

    def __init__(self, size, text_scale: float = 1.0) -> None:
        self.w, self.h = int(size[0]), int(size[1])
        dw, dh = theme.DESIGN_SIZE
        self.sx = self.w / dw
        self.sy = self.h / dh
        self.u = min(self.sx, self.sy)
        self.text_scale = float(text_scale)

    @property
    def size(self) -> tuple[int, int]:
        """(W, H) in window pixels."""
        return self.w, self.h

    @property
    def min_text_px(self) -> int:
        """The smallest font size (px) allowed at the current text size (see the module docstring)."""
        return min_text_px(self.h, self.text_scale)

    def font_px(self, size: float, scaled: bool = True) -> int:
        """Font size in window pixels for a design size (times the text size unless ``scaled`` is False)."""
        px = int(round(size * self.u * (self.text_scale if scaled else 1.0)))
        return max(self.min_text_px, px)

    def px(self, n: float) -> int:
        """A design length (padding, gap, line width, figure size) in window pixels; at least 1 if n > 0."""
        v = int(round(n * self.u))
        return max(1, v) if n > 0 else v

    def x(self, n: float) -> int:
        """A design x position (0-1280) across the window's width."""
        return int(round(n * self.sx))

    def y(self, n: float) -> int:
        """A design y position (0-720) down the window's height."""
        return int(round(n * self.sy))

    def rect(self, x: float, y: float, w: float, h: float) -> pygame.Rect:
        """A design rect stretched to the window (edges scaled, so neighbours stay flush)."""
        left, top = self.x(x), self.y(y)
        return pygame.Rect(left, top, self.x(x + w) - left, self.y(y + h) - top)

    def full(self) -> pygame.Rect:
        """The whole window."""
        return pygame.Rect(0, 0, self.w, self.h)

    def centred(self, w: float, h: float) -> pygame.Rect:
        """A box of design size (w, h) times ``u``, centred in the window (dialogs)."""
        r = pygame.Rect(0, 0, min(self.w, self.px(w)), min(self.h, self.px(h)))
        r.center = (self.w // 2, self.h // 2)
        return r


def min_text_px(height: int, text_scale: float) -> int:
    """Smallest font size (px) for a window ``height`` px tall at ``text_scale``: ``height * MIN_TEXT_SHARE``
    at the largest text size, in proportion at the smaller ones."""
    largest = max(theme.TEXT_SCALES)
    return int(math.ceil(height * theme.MIN_TEXT_SHARE * text_scale / largest))


def parse_size(value: str) -> tuple[int, int]:
    """``"WxH"`` -> (W, H). Raises ValueError with a readable reason (not a number, or outside the sizes the
    layouts are made for: ``theme.MIN_WINDOW`` to ``theme.MAX_WINDOW``)."""
    parts = str(value).lower().replace("×", "x").split("x")
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        raise ValueError(f"{value!r} is not WIDTHxHEIGHT in pixels (for example 1920x1080)")
    w, h = int(parts[0]), int(parts[1])
    (lw, lh), (hw, hh) = theme.MIN_WINDOW, theme.MAX_WINDOW
    if not (lw <= w <= hw and lh <= h <= hh):
        raise ValueError(f"{w}x{h} is outside {lw}x{lh} to {hw}x{hh}")
    return w, h
