"""Word wrap: the estimate-first wrap gives exactly the lines of measuring every trial line."""

import re
from pathlib import Path

import pygame
import pytest

from simulator.view import theme
from simulator.view.drawing.text import wrap_words

ROOT = Path(__file__).resolve().parents[1]


def _reference(font, text, width, collapse_spaces):
    """The plain greedy wrap: every trial line measured."""
    lines = []
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


def _texts():
    texts = []
    for f in sorted((ROOT / "simulator" / "view").glob("strings.py")) + sorted((ROOT / "simulator" / "content").glob("*.py")):
        texts += re.findall(r'"([^"\n]{30,})"', f.read_text())
    texts += ["a  b   c    d", "   leading spaces", "trailing   ", "x" * 200 + " y", "", "one\ntwo three\n\nfour"]
    return texts[::3]


@pytest.mark.parametrize("path", [theme.FONT_REGULAR, theme.FONT_BOLD, theme.FONT_ITALIC])
def test_wrap_is_the_plain_greedy_wrap(path):
    pygame.font.init()
    texts = _texts()
    assert len(texts) > 100
    for px in (11, 23, 41):
        font = pygame.font.Font(str(path), px)
        for width in (90, 310, 777):
            for collapse in (False, True):
                for text in texts:
                    assert wrap_words(font, text, width, collapse) == _reference(font, text, width, collapse), \
                        (path.name, px, width, collapse, text[:50])


def test_a_returned_list_is_the_callers_own():
    pygame.font.init()
    font = pygame.font.Font(str(theme.FONT_REGULAR), 16)
    a = wrap_words(font, "the same words wrapped twice at the same width", 120)
    a.append("changed")
    assert wrap_words(font, "the same words wrapped twice at the same width", 120)[-1] != "changed"


def test_fonts_are_shared_until_pygame_quits_then_made_afresh():
    """One font per file and size in a process (windows and pages share what is remembered about it); after
    ``pygame.quit()`` the old font is unusable, so the next request makes a new one that works."""
    from simulator.view.drawing.text import font_file
    pygame.init()
    first = font_file(theme.FONT_REGULAR, 23)
    assert font_file(theme.FONT_REGULAR, 23) is first
    assert font_file(theme.FONT_BOLD, 23) is not first and font_file(theme.FONT_REGULAR, 24) is not first
    width = first.size("Attune")[0]
    pygame.quit()
    pygame.init()
    again = font_file(theme.FONT_REGULAR, 23)
    assert again is not first and again.size("Attune")[0] == width
    pygame.quit()
    pygame.init()
    assert font_file(theme.FONT_REGULAR, 23).size("Attune")[0] == width  # cleared at every quit, not only the first
