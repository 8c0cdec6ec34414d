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

CANVAS_SIZE = (1280, 720)  # the fixed logical canvas; the window scales it with letterboxing
MIN_WINDOW = (480, 270)
FPS = 60
TEXT_SCALES = (1.0, 1.15, 1.3)  # normal, large, back row (key T cycles)
SPEEDS = (0.5, 1.0, 2.0, 4.0, 8.0)  # play speed choices (model seconds per real second)
NARRATION_MIN_S = 6.0  # real seconds an episode's narration stays over the room, at the least
NARRATION_WORDS_PER_S = 2.5  # reading pace for longer narration (words per real second: reading aloud in class)
AUTO_DEBRIEF_S = 1.5  # real seconds between the end of a watched (demo) session and its debrief opening

FONT_DIR = paths.FONT_DIR
FONT_REGULAR = FONT_DIR / "Lato-Regular.ttf"
FONT_BOLD = FONT_DIR / "Lato-Bold.ttf"
FONT_ITALIC = FONT_DIR / "Lato-Italic.ttf"

# Font sizes in canvas pixels (before text scaling).
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
    ink=(46, 40, 36), ink_soft=(92, 82, 74), ink_faint=(140, 128, 118), line=(218, 206, 192),
    accent=(0, 114, 178), accent_ink=(255, 255, 255), focus=(230, 159, 0),
    locked=(232, 226, 218), locked_ink=(150, 140, 130),
    room_wall=(244, 231, 211), room_floor=(222, 199, 166), room_rug=(196, 214, 206),
    banner=(52, 72, 96), banner_ink=(255, 255, 255),
    warn=(213, 94, 0), ok=(0, 158, 115),
    positive=OI_GREEN, negative=OI_VERMILLION, gaze=OI_BLUE, arousal=OI_PURPLE,
    rupture=OI_VERMILLION, repair=OI_GREEN,
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
    positive=(0, 130, 95), negative=(190, 70, 0), gaze=(0, 90, 160), arousal=(170, 60, 130),
    band_a=(255, 255, 255), band_b=(232, 232, 232), shadow=(190, 190, 190),
    line_width=3, focus_width=5,
)

PROFILES = {"classic": CLASSIC, "projector": PROJECTOR}
