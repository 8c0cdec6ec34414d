"""The colours of both screen profiles, classic and projector: every text/background pair the view uses at WCAG
AA (4.5:1, large text 3:1), chart series, markers and the focus ring at 3:1 against what they sit on; and the
projector's episode bands told apart in greyscale. Computed from the theme, so a colour change that breaks one
fails here."""

import pytest

from simulator.view import theme


def _name(x) -> str:
    return x if isinstance(x, str) else str(tuple(x))


PROFILES = pytest.mark.parametrize("p", [theme.CLASSIC, theme.PROJECTOR], ids=lambda p: p.name)


@PROFILES
@pytest.mark.parametrize("fg,bg,large", theme.TEXT_PAIRS, ids=lambda v: _name(v) if not isinstance(v, bool) else "")
def test_text_pairs_meet_wcag_aa(p, fg, bg, large):
    ratio = theme.contrast(theme.colour_of(p, fg), theme.colour_of(p, bg))
    assert ratio >= (3.0 if large else 4.5), f"{_name(fg)} on {_name(bg)}: {ratio:.2f}:1"


@PROFILES
@pytest.mark.parametrize("fg,bg", theme.GRAPHIC_PAIRS, ids=_name)
def test_series_markers_and_focus_stand_out(p, fg, bg):
    ratio = theme.contrast(theme.colour_of(p, fg), theme.colour_of(p, bg))
    assert ratio >= theme.GRAPHIC_MIN, f"{fg} on {bg}: {ratio:.2f}:1"


@pytest.mark.parametrize("a,b", theme.BAND_PAIRS, ids=_name)
def test_projector_bands_differ_in_greyscale(a, b):
    p = theme.PROJECTOR
    assert theme.contrast(theme.colour_of(p, a), theme.colour_of(p, b)) >= theme.BAND_MIN


def test_the_contrast_formula_matches_wcag_reference_values():
    assert theme.contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert theme.contrast((118, 118, 118), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)
    assert theme.contrast((0, 158, 115), (255, 255, 255)) == pytest.approx(3.4, abs=0.05)  # the green


@pytest.mark.parametrize("fg,bg", theme.PRINT_TEXT_PAIRS, ids=_name)
def test_print_text_pairs_meet_wcag_aa(fg, bg):
    # The A4 reports set their text in the print palette, on white and on the zebra rows.
    p = theme.PRINT
    ratio = theme.contrast(theme.colour_of(p, fg), theme.colour_of(p, bg))
    assert ratio >= 4.5, f"{fg} on {bg}: {ratio:.2f}:1"


@pytest.mark.parametrize("fg,bg", theme.GRAPHIC_PAIRS, ids=_name)
def test_print_series_and_markers_stand_out(fg, bg):
    p = theme.PRINT
    ratio = theme.contrast(theme.colour_of(p, fg), theme.colour_of(p, bg))
    assert ratio >= theme.GRAPHIC_MIN, f"{fg} on {bg}: {ratio:.2f}:1"
