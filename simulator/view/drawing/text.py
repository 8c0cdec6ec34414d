"""Word wrap by measured width, shared by the view's widgets and the printed pages (``printout``)."""

from __future__ import annotations

import pygame


def wrap_words(font: pygame.font.Font, text: str, width: int, collapse_spaces: bool = False) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` pixels in ``font``, greedily, keeping its newlines.

    A word wider than ``width`` gets a line of its own. With ``collapse_spaces`` runs of spaces count as one
    (the printed pages); without, each single space separates words, so a run of spaces is kept in the line.
    """
    lines: list[str] = []
    for para in str(text).split("\n"):
        words = para.split() if collapse_spaces else para.split(" ")
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
