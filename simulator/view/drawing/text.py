"""Word wrap by measured width, shared by the view's widgets and the printed pages (``printout``)."""

from __future__ import annotations

import weakref

import pygame

#: How far a line's measured width can differ from its parts' widths added up, per join ("a b" against
#: "a", " " and "b"): kerning at the space, an italic's overhang and rounding. The largest difference over
#: 135,000 joins of the app's own words in Lato regular, bold and italic at 9-46 px was 5 px.
JOIN_SLACK_PX = 6
#: Word widths remembered per font (dropped with the font); beyond this the font's list starts afresh.
_WORDS_PER_FONT = 4096
_WORD_WIDTHS: "weakref.WeakKeyDictionary[pygame.font.Font, dict[str, int]]" = weakref.WeakKeyDictionary()
#: Fonts made so far in this process, by (file, pixel size); emptied when pygame quits (a font made before
#: ``pygame.quit()`` cannot be used after it). ``pygame.font.quit()`` alone is not watched: Attune never calls it.
_FONTS: dict[tuple[str, int], pygame.font.Font] = {}


def font_file(path, px: int) -> pygame.font.Font:
    """The font in file ``path`` at ``px`` pixels, made once per process while pygame stays initialised.

    Every window, scene and printed page asks for the same few fonts; sharing them also shares what is
    remembered about them (word widths here, rendered lines and wrapped paragraphs in the widgets), which a
    fresh font per window threw away (the test suite opens a few hundred windows).
    """
    key = (str(path), int(px))
    f = _FONTS.get(key)
    if f is None:
        if not _FONTS:
            pygame.register_quit(_FONTS.clear)  # called once, at the next pygame.quit()
        f = _FONTS[key] = pygame.font.Font(key[0], key[1])
    return f


def wrap_words(font: pygame.font.Font, text: str, width: int, collapse_spaces: bool = False) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` pixels in ``font``, greedily, keeping its newlines.

    A word wider than ``width`` gets a line of its own. With ``collapse_spaces`` runs of spaces count as one
    (the printed pages); without, each single space separates words, so a run of spaces is kept in the line.

    The lines are those of measuring every trial line (``font.size(line + " " + word)``), but a trial is
    measured only when its estimate (the line's width plus a space plus the word, each remembered) lies
    within :data:`JOIN_SLACK_PX` per unmeasured join of ``width``; elsewhere the estimate decides. Measuring
    every trial took about a second of each minute of the test suite's CPU; the result is the same (checked
    on 950,000 wraps of the app's texts).
    """
    measure = _measurer(font)
    space = measure(" ")
    lines: list[str] = []
    for para in str(text).split("\n"):
        words = para.split() if collapse_spaces else para.split(" ")
        line = ""
        line_w = slack = 0  # the line's width: measured (slack 0) or estimated to within ``slack`` px
        for word in words:
            if not line:
                line, line_w, slack = word, measure(word), 0
                continue
            est = line_w + space + measure(word)
            bound = slack + JOIN_SLACK_PX
            if est + bound <= width:
                fits, trial_w, trial_slack = True, est, bound
            elif est - bound > width:
                fits = False
            else:
                trial_w, trial_slack = font.size(f"{line} {word}")[0], 0
                fits = trial_w <= width
            if fits:
                line, line_w, slack = f"{line} {word}", trial_w, trial_slack
            else:
                lines.append(line)
                line, line_w, slack = word, measure(word), 0
        lines.append(line)
    return lines


def _measurer(font: pygame.font.Font):
    """``width(s)``: ``font.size(s)[0]``, remembered per font."""
    try:
        known = _WORD_WIDTHS.setdefault(font, {})
    except TypeError:  # a font that cannot be weakly referenced: measure every time
        known = {}

    def width(s: str) -> int:
        w = known.get(s)
        if w is None:
            w = font.size(s)[0]
            if len(known) >= _WORDS_PER_FONT:
                known.clear()
            known[s] = w
        return w

    return width
