"""Every colour and size of the view, with a colour-blind-safe palette and a high-contrast projector profile.

Data series use the Okabe-Ito palette (Okabe & Ito 2008, "Color Universal Design"), distinguishable
with the common colour-vision deficiencies; every series also has a line style or a label, so colour is
never the only cue. The projector profile raises contrast (darker ink on white, thicker lines) because
a projected image loses contrast and the back row sees it small.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .. import paths

# Okabe-Ito colours.
OI_ORANGE = (230, 159, 0)
OI_SKY = (86, 180, 233)
OI_GREEN = (0, 158, 115)
OI_YELLOW = (240, 228, 66)
OI_BLUE = (0, 114, 178)
OI_VERMILLION = (213, 94, 0)
OI_PURPLE = (204, 121, 167)
OI_BLACK = (0, 0, 0)

DESIGN_SIZE = (1280, 720)  # the reference window the design sizes below are given for (1 design px = 1 px here)
CANVAS_SIZE = DESIGN_SIZE  # the default window size (the app draws at the window's real size, whatever it is)
MIN_WINDOW = (1024, 600)  # the smallest window the layouts are made for (a small laptop or netbook projector)
MAX_WINDOW = (3840, 2160)  # the largest (a 4K projector or screen)
MIN_TEXT_SHARE = 1 / 40  # every text is at least this share of the window height at the largest text size
FPS = 60
TEXT_SCALES = (1.0, 1.15, 1.3)  # normal, large, back row (key T cycles)
SPEEDS = (0.5, 1.0, 2.0, 4.0, 8.0)  # play speed choices (model seconds per real second)
NARRATION_MIN_S = 6.0  # real seconds an episode's narration stays over the room, at the least
NARRATION_WORDS_PER_S = 2.5  # reading pace for longer narration (words per real second: reading aloud in class)
AUTO_DEBRIEF_S = 1.5  # real seconds between the end of a watched (demo) session and its debrief opening
#: Infants younger than this (months) are drawn reclining in an infant seat, not sitting up: sitting without
#: support has a median onset of 5.9 months (WHO Multicentre Growth Reference Study Group 2006, Acta Paediatr.
#: Suppl. 450:86, motor milestones).
SIT_UNSUPPORTED_MONTHS = 6.0

FONT_DIR = paths.FONT_DIR
FONT_REGULAR = FONT_DIR / "Lato-Regular.ttf"
FONT_BOLD = FONT_DIR / "Lato-Bold.ttf"
FONT_ITALIC = FONT_DIR / "Lato-Italic.ttf"

# Font sizes in design pixels (times the window's layout unit and the text size; see layout.py).
SIZE_TITLE = 40
SIZE_HEADING = 26
SIZE_BODY = 19
SIZE_SMALL = 16
SIZE_TINY = 14


@dataclass(frozen=True)
class Palette:
    """The colours of one profile. All RGB tuples."""

    name: str
    bg: tuple  # page background (warm paper)
    panel: tuple  # cards and panels
    panel_alt: tuple  # alternate rows, inactive areas
    ink: tuple  # main text
    ink_soft: tuple  # secondary text
    ink_faint: tuple  # hints, grid lines' labels
    line: tuple  # borders, grid
    accent: tuple  # primary buttons, headings' rule
    accent_ink: tuple  # text on accent
    focus: tuple  # focus ring (must differ from accent and be visible on every background)
    locked: tuple  # locked buttons
    locked_ink: tuple
    room_wall: tuple  # the playroom
    room_floor: tuple
    room_rug: tuple
    banner: tuple  # episode banner
    banner_ink: tuple
    warn: tuple  # curtailment, content note
    ok: tuple  # correct prediction, repair
    # Chart series (Okabe-Ito) and markers.
    positive: tuple
    negative: tuple
    gaze: tuple
    arousal: tuple
    rupture: tuple
    repair: tuple
    band_a: tuple  # alternating episode bands
    band_b: tuple
    shadow: tuple
    line_width: int = 2
    focus_width: int = 4


CLASSIC = Palette(
    name="classic",
    bg=(250, 245, 236), panel=(255, 252, 247), panel_alt=(243, 236, 225),
    ink=(46, 40, 36), ink_soft=(92, 82, 74), ink_faint=(115, 105, 97), line=(218, 206, 192),
    accent=(0, 114, 178), accent_ink=(255, 255, 255), focus=(189, 130, 0),
    locked=(232, 226, 218), locked_ink=(106, 99, 92),
    room_wall=(244, 231, 211), room_floor=(222, 199, 166), room_rug=(196, 214, 206),
    banner=(52, 72, 96), banner_ink=(255, 255, 255),
    # Text colours at WCAG AA (4.5:1) on the backgrounds, series and markers at 3:1 (tests/test_view_contrast.py):
    # the Okabe-Ito hues, darkened as far as that needs.
    warn=(177, 78, 0), ok=(0, 122, 89),
    positive=(0, 150, 110), negative=OI_VERMILLION, gaze=OI_BLUE, arousal=(186, 110, 152),
    rupture=OI_VERMILLION, repair=(0, 150, 110),
    band_a=(255, 252, 247), band_b=(245, 238, 228), shadow=(226, 214, 198),
)

PROJECTOR = replace(
    CLASSIC,
    name="projector",
    bg=(255, 255, 255), panel=(255, 255, 255), panel_alt=(236, 236, 236),
    ink=(0, 0, 0), ink_soft=(30, 30, 30), ink_faint=(70, 70, 70), line=(110, 110, 110),
    accent=(0, 80, 150), focus=(200, 80, 0),
    locked=(215, 215, 215), locked_ink=(90, 90, 90),
    room_wall=(250, 240, 222), room_floor=(210, 180, 140), room_rug=(170, 200, 190),
    banner=(0, 0, 0), banner_ink=(255, 255, 255),
    warn=(175, 70, 0), ok=(0, 115, 80),  # text colours: at least 4.5:1 on white (WCAG AA)
    positive=(0, 130, 95), negative=(190, 70, 0), gaze=(0, 90, 160), arousal=(170, 60, 130),
    rupture=(175, 70, 0), repair=(0, 115, 80),
    band_a=(255, 255, 255), band_b=(205, 205, 205), shadow=(190, 190, 190),  # bands differ in greyscale too
    line_width=3, focus_width=5,
)

PROFILES = {"classic": CLASSIC, "projector": PROJECTOR}

#: The printed page (the A4 session and compare reports, ``printout``): white paper, the projector profile's
#: series and marker colours (they hold 3:1 on white and on both bands), soft ink for a calm page, light
#: episode bands that print well. Not a window profile (F10 cycles ``PROFILES`` only).
PRINT = replace(
    PROJECTOR,
    name="print",
    panel_alt=(245, 245, 245), ink=(30, 30, 30), ink_soft=(80, 80, 80), ink_faint=(125, 125, 125),
    line=(215, 215, 215), accent=(0, 90, 150), ok=(0, 120, 80), warn=(190, 70, 0),
    band_a=(255, 255, 255), band_b=(238, 238, 238), line_width=3,
)
#: Text the printed page sets (on white and on the zebra rows): WCAG AA 4.5:1 (tests/test_view_contrast.py).
PRINT_TEXT_PAIRS = (("ink", "bg"), ("ink", "panel_alt"), ("ink", "band_b"), ("ink_soft", "bg"),
                    ("ink_soft", "panel_alt"), ("ink_soft", "band_b"), ("accent", "bg"), ("ok", "bg"),
                    ("warn", "bg"))

#: Colours of the caregiver's action groups in a timeline's caregiver strip (Okabe-Ito; grey for a still or
#: absorbed face, near-black for leaving); the groups are ``drawing.chart.ACTION_GROUPS``.
ACTION_GROUP_COLOURS = {"play": OI_SKY, "comfort": OI_GREEN, "wait": OI_YELLOW, "still": (150, 150, 150),
                        "intrusive": OI_VERMILLION, "leave": (40, 40, 40)}


# --- contrast (tests/test_view_contrast.py checks every pair below in the projector profile) -------------------

#: Text colour on background colour, as the view draws them (palette attribute names, or an RGB tuple for
#: the fixed chip colours). WCAG AA: 4.5:1 for body text, 3:1 for large text (the third field True).
TEXT_PAIRS = (
    ("ink", "bg", False), ("ink", "panel", False), ("ink", "panel_alt", False), ("ink", "band_b", False),
    ("ink_soft", "bg", False), ("ink_soft", "panel", False), ("ink_soft", "panel_alt", False),
    ("ink_soft", "band_a", False), ("ink_soft", "band_b", False), ("ink_faint", "bg", False),
    ("ink_faint", "panel", False), ("ink", "room_wall", False), ("ink", "room_floor", False),
    ("ink_soft", "room_floor", False), ("accent", "bg", False), ("accent", "panel", False),
    ("accent_ink", "accent", False), ("banner_ink", "banner", False), ("ok", "bg", False), ("ok", "panel", False),
    ("warn", "bg", False), ("warn", "panel", False), ("locked_ink", "locked", False),
    ((0, 0, 0), OI_ORANGE, False), ((0, 0, 0), OI_VERMILLION, False), ((0, 0, 0), OI_SKY, False),
)
#: Graphics that must stand out from what they are drawn on (WCAG 1.4.11, non-text contrast 3:1): chart
#: series and markers on the panel and on both episode bands, and the focus ring on the page and panels.
GRAPHIC_PAIRS = tuple((fg, bg) for fg in ("positive", "negative", "gaze", "arousal", "rupture", "repair")
                      for bg in ("panel", "band_a", "band_b")) + (("focus", "bg"), ("focus", "panel"))
#: Neighbouring areas told apart by lightness alone (alternate episode bands: the still-face band among them).
BAND_PAIRS = (("band_a", "band_b"),)
GRAPHIC_MIN = 3.0
BAND_MIN = 1.5  # the two bands' lightness ratio, so they differ on a greyscale projector


def mix(a, b, t: float) -> tuple:
    """Blend colour ``a`` toward ``b`` (t = share of ``b``)."""
    return tuple(int(a[i] * (1 - t) + b[i] * t) for i in range(3))


def colour_of(palette: Palette, name) -> tuple:
    """A palette attribute by name, or an RGB tuple as it is."""
    return tuple(getattr(palette, name)) if isinstance(name, str) else tuple(name)


def luminance(rgb) -> float:
    """WCAG 2 relative luminance of an sRGB colour (0-255 channels), 0 (black) to 1 (white)."""
    def channel(v: float) -> float:
        v = v / 255.0
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = rgb[:3]
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a, b) -> float:
    """WCAG 2 contrast ratio of two colours, 1 to 21."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
