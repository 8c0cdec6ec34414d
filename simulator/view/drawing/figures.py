"""The infant, the caregiver and the stranger as warm, flat illustrations drawn in code from a small "look".

Two steps, so the frame stays fast:

* ``infant_look(state, behaviour_id, contact, near)`` and ``adult_look(action_id, present, role)`` turn the
  model's state into a small description (a dict of str/float/bool/int: mouth, eyes, gaze, brows, tears,
  arms, lean, marks, ...). Equal looks draw equal pictures.
* ``draw_infant(surface, rect, look)`` and ``draw_adult(surface, rect, role, look)`` draw it, fitted to
  ``rect`` (aspect kept, feet on the rect's bottom edge). Each look is drawn once at 2-3x size with
  ``pygame.draw``, smooth-scaled down for anti-aliasing and cached per (look, size).

Geometry: the infant is drawn on a 100 x 120 unit canvas, the adults on 100 x 160. In "canonical"
orientation the partner is to the right (+x); ``facing=-1`` mirrors the figure so it turns to the left.
Defaults: the infant faces right (partner on its right), the adults face left (the infant on their left).
``render_gallery(path)`` draws every behaviour and action into one labelled PNG.
"""

from __future__ import annotations

import functools
import math
from collections import OrderedDict

import pygame

from ...model.actions import ACTION_IDS
from ...model.behaviour import BEHAVIOUR_IDS
from .. import theme

# --- Palette (figure colours; kept together so they can move to theme.py) ---------------------------
INK = (62, 46, 52)  # outlines and features
SCLERA = (255, 255, 255)
IRIS = (58, 42, 38)
MOUTH = (128, 38, 52)
TONGUE = (236, 128, 136)
BLUSH = (236, 104, 104)
TEAR = (96, 176, 240)
TEAR_LIGHT = (200, 232, 255)
ONESIE = (247, 196, 70)  # the infant's clothes (sunny yellow)
ONESIE_DARK = (214, 160, 40)
ONESIE_MARK = (240, 110, 90)  # the heart on the chest: shows which way the body faces
TOY_A = (225, 72, 64)
TOY_B = (66, 130, 220)
TOY_C = (255, 220, 80)
PHONE = (40, 44, 56)
PHONE_GLOW = (150, 210, 255)
GLASSES = (40, 40, 48)
CAREGIVER_TOP = (214, 92, 104)  # rose jumper
CAREGIVER_TOP_DARK = (178, 68, 82)
STRANGER_TOP = (96, 128, 110)  # green-grey cardigan over a white shirt
STRANGER_TOP_DARK = (72, 100, 84)
STRANGER_SHIRT = (236, 236, 228)
GREY_HAIR = (150, 146, 140)  # grey hair, for an adult of any role (people_skins draws it by chance)
CAREGIVER_TROUSERS = (64, 84, 122)  # denim
STRANGER_TROUSERS = (112, 98, 86)  # brown-grey
MARK_VOICE = theme.OI_BLUE
MARK_CRY = theme.OI_SKY
MARK_ANGER = theme.OI_VERMILLION
MARK_WARM = theme.OI_PURPLE
MARK_SOFT = (120, 112, 128)
SEAT = (236, 150, 112)  # the young infant's bouncer seat: warm peach fabric
SEAT_DARK = (206, 116, 84)  # its piping and strap
SEAT_FRAME = (138, 108, 96)  # its wire frame

#: Skin tones: (skin, shade, hair). Chosen per person with ``skin_tone(seed)``.
SKIN_TONES = (
    ((255, 226, 200), (238, 198, 168), (156, 106, 58)),
    ((242, 196, 156), (222, 170, 130), (96, 62, 38)),
    ((212, 160, 118), (188, 134, 94), (66, 44, 30)),
    ((166, 112, 76), (140, 90, 60), (44, 30, 24)),
    ((116, 76, 54), (94, 60, 42), (30, 22, 20)),
)

INFANT_W, INFANT_H = 100.0, 120.0
ADULT_W, ADULT_H = 100.0, 160.0


def skin_tone(seed: int) -> int:
    """A skin-tone index for a seed (stable, spread over :data:`SKIN_TONES`)."""
    return (int(seed) * 7 + 3) % len(SKIN_TONES)


#: Adult hair styles, drawn in code: long (falling behind the shoulders, a side-swept fringe), short (a side
#: parting), bun (tied up on top), curly (a round halo of curls), cropped (close to the head).
ADULT_HAIR = ("long", "short", "bun", "curly", "cropped")
#: Infant hair: a curl on top, a few wisps, short curls, a tuft.
INFANT_HAIR = ("curl", "wisps", "curls", "tuft")
#: The chance that an adult is drawn grey-haired (any role).
GREY_HAIR_CHANCE = 0.25


def people_skins(seed: int) -> dict:
    """Skin tones (indices of :data:`SKIN_TONES`) for the infant, caregiver and stranger of one run, and
    their hair: ``infant_hair`` (of :data:`INFANT_HAIR`), ``caregiver_hair`` and ``stranger_hair`` (of
    :data:`ADULT_HAIR`), ``caregiver_grey`` and ``stranger_grey``.

    Drawn independently per person from the run's seed, so every role is drawn with every tone and every
    style across runs and neither is tied to a role (the stranger is not "the other one"). Stable for a
    seed (the tones are drawn first, as before hair styles existed, so a seed keeps its tones).
    """
    import random
    rng = random.Random(int(seed) * 7919 + 17)  # a local generator: never the model's
    out: dict = {role: rng.randrange(len(SKIN_TONES)) for role in ("infant", "caregiver", "stranger")}
    out["infant_hair"] = INFANT_HAIR[rng.randrange(len(INFANT_HAIR))]
    for role in ("caregiver", "stranger"):
        out[f"{role}_hair"] = ADULT_HAIR[rng.randrange(len(ADULT_HAIR))]
        out[f"{role}_grey"] = rng.random() < GREY_HAIR_CHANCE
    return out


def hair_of(skins: dict | None, role: str) -> dict:
    """The ``hair`` (and, for an adult, ``grey``) keyword arguments for ``role`` from a :func:`people_skins`
    dict (the drawing's defaults where absent)."""
    skins = skins or {}
    out = {}
    if skins.get(f"{role}_hair"):
        out["hair"] = skins[f"{role}_hair"]
    if role != "infant" and f"{role}_grey" in skins:
        out["grey"] = bool(skins[f"{role}_grey"])
    return out


def _mix(a, b, t: float):
    """Colour ``a`` moved a fraction ``t`` toward ``b``."""
    t = max(0.0, min(1.0, t))
    return tuple(int(round(a[i] + (b[i] - a[i]) * t)) for i in range(3))


def _q(x: float, step: float = 0.1) -> float:
    """Quantise a float so looks stay few (cache-friendly) and hashable."""
    return round(round(float(x) / step) * step, 3)


# --- Looks -------------------------------------------------------------------------------------------

_INFANT_BASE: dict[str, dict] = {
    # Face: mouth, eyes, brows; gaze (x toward the partner, y down); head turn toward the partner
    # (-1 = turned away), tilt (down), roll; arms; lean toward the partner; body turn away; marks.
    "look": dict(mouth="neutral", eyes="open", brows="relaxed", gaze_x=1.0, gaze_y=0.0, turn=0.35,
                 arms="down", marks="none"),
    "smile": dict(mouth="smile_open", eyes="smiling", brows="raised", gaze_x=1.0, gaze_y=0.0, turn=0.35,
                  arms="down", marks="none", blush=0.6),
    "bid": dict(mouth="o_happy", eyes="open", brows="raised", gaze_x=1.0, gaze_y=-0.2, turn=0.45,
                arms="wave", marks="voice", blush=0.4),
    "fuss": dict(mouth="pout", eyes="half", brows="worried", gaze_x=0.2, gaze_y=0.3, turn=0.1,
                 arms="fists_low", marks="whimper", blush=0.5),
    "cry": dict(mouth="cry_open", eyes="squeeze", brows="worried", gaze_x=0.0, gaze_y=0.0, turn=0.0,
                arms="fists_up", marks="cry", blush=0.9, tears=2),
    "reach": dict(mouth="o", eyes="open", brows="raised", gaze_x=1.0, gaze_y=-0.3, turn=0.5,
                  arms="reach", marks="none", lean=0.35),
    "approach": dict(mouth="neutral", eyes="open", brows="raised", gaze_x=1.0, gaze_y=0.0, turn=0.7,
                     arms="crawl", marks="motion", lean=0.0),
    "cling": dict(mouth="flat", eyes="closed", brows="worried", gaze_x=1.0, gaze_y=0.0, turn=0.55,
                  arms="hug", marks="none", lean=0.45, roll=0.25),
    "resist": dict(mouth="shout", eyes="narrow", brows="angry", gaze_x=1.0, gaze_y=0.0, turn=0.2,
                   arms="push", marks="anger", lean=-0.35, blush=0.9, legs="kick"),
    "avoid": dict(mouth="flat", eyes="open", brows="flat", gaze_x=-1.0, gaze_y=0.3, turn=-0.95,
                  arms="down", marks="none", body_turn=1.0),
    "self_soothe": dict(mouth="thumb", eyes="half", brows="worried", gaze_x=-0.6, gaze_y=0.6, turn=-0.3,
                        arms="thumb", marks="none", roll=-0.1),
    "explore": dict(mouth="neutral", eyes="down", brows="raised", gaze_x=0.1, gaze_y=1.0, turn=0.1,
                    arms="toy", marks="none", tilt=0.7, toy=True),
    "freeze": dict(mouth="small_o", eyes="dazed", brows="flat_high", gaze_x=0.0, gaze_y=0.0, turn=0.0,
                   arms="stiff", marks="none", roll=0.12),
    "look_away": dict(mouth="neutral", eyes="open", brows="relaxed", gaze_x=-1.0, gaze_y=-0.2,
                      turn=-0.75, arms="down", marks="none"),
    "search": dict(mouth="o", eyes="wide", brows="worried", gaze_x=1.0, gaze_y=-0.5, turn=0.7,
                   arms="point", marks="question", lean=0.15),
}


def infant_look(state: dict, behaviour_id: str, contact: bool = False, near: bool = False, *,
                skin: int = 1, facing: int = 1, age_months: float | None = None, hair: str = "curl") -> dict:
    """Describe how the infant looks now.

    ``state`` is ``Session.state.snapshot()`` (floats 0-1; missing keys take calm defaults),
    ``behaviour_id`` one of :data:`BEHAVIOUR_IDS` (unknown ids draw as ``look``), ``contact`` whether the
    infant is held by the partner (legs dangle), ``near`` within reach (accepted for the scene's
    convenience; where the infant sits is the scene's business). ``skin`` indexes
    :data:`SKIN_TONES`; ``facing`` is +1 when the partner is to the infant's right, -1 to its left;
    ``hair`` one of :data:`INFANT_HAIR`.
    ``age_months`` below ``theme.SIT_UNSUPPORTED_MONTHS`` draws a young baby reclining in an infant seat
    (``seat=True``: bigger head, shorter limbs; no crawling, an approach is a reach); None or older sits.
    Returns a flat dict of str/float/bool/int (``tuple(sorted(look.items()))`` is hashable).
    """
    b = behaviour_id if behaviour_id in _INFANT_BASE else "look"
    pa = float(state.get("positive_affect", 0.3))
    na = float(state.get("negative_affect", 0.1))
    look = dict(kind="infant", behaviour=b, mouth="neutral", eyes="open", brows="relaxed", gaze_x=1.0,
                gaze_y=0.0, turn=0.0, tilt=0.0, roll=0.0, arms="down", legs="sit", lean=0.0,
                body_turn=0.0, toy=False, marks="none", blush=0.0, tears=0)
    look.update(_INFANT_BASE[b])
    valence = pa - na
    # The continuous state shades the face within a behaviour.
    if b in ("look", "look_away"):
        if valence > 0.35:
            look["mouth"] = "smile"
        elif na > 0.45 or valence < -0.2:  # sober: flat mouth, knitted brows
            look["mouth"] = "frown" if na > 0.55 else "flat"
            look["brows"] = "worried" if na > 0.55 else "flat"
    elif b == "reach" and na < 0.25 and pa > 0.4:
        look["mouth"] = "smile"
    elif b == "explore" and pa > 0.4:
        look["mouth"] = "smile"
    elif b == "explore" and na > 0.4:
        look["mouth"] = "flat"
        look["brows"] = "worried"
    elif b == "cling" and na > 0.5:
        look["eyes"] = "half"
        look["tears"] = 1
    elif b == "fuss" and na > 0.6:
        look["tears"] = 1
    elif b == "self_soothe" and na < 0.25:
        look["brows"] = "relaxed"
    elif b == "avoid" and na > 0.5:
        look["mouth"] = "frown"
    if b not in ("smile", "bid", "cry") and na > 0.8 and look["tears"] == 0:
        look["tears"] = 1
    # Flushed cheeks follow displayed distress, never the latent arousal: the point of the lesson is that
    # arousal can be high behind a calm face (it is shown on the chart only).
    look["blush"] = _q(max(float(look["blush"]), 0.7 * max(0.0, na - 0.45) / 0.55), 0.25)
    if contact:
        look["legs"] = "held"
    look["hair"] = hair if hair in INFANT_HAIR else INFANT_HAIR[0]
    look["seat"] = age_months is not None and float(age_months) < theme.SIT_UNSUPPORTED_MONTHS
    if look["seat"] and look["arms"] == "crawl":  # not mobile yet: goes toward the partner with the arms
        look.update(arms="reach", lean=0.35, marks="none")
    look["skin"] = int(skin) % len(SKIN_TONES)
    look["facing"] = 1 if facing >= 0 else -1
    for k in ("gaze_x", "gaze_y", "turn", "tilt", "roll", "lean", "body_turn"):
        look[k] = _q(look[k])
    return look


_ADULT_BASE: dict[str, dict] = {
    "idle": dict(mouth="smile", eyes="open", brows="relaxed", arms="rest"),
    "smile": dict(mouth="smile_open", eyes="smiling", brows="raised", arms="rest", blush=0.4),
    "coo": dict(mouth="o_happy", eyes="smiling", brows="raised", arms="rest", marks="voice", tilt=0.15,
                roll=0.12),
    "mirror": dict(mouth="o_happy", eyes="wide", brows="high", arms="cheeks", marks="none", roll=-0.15),
    "play": dict(mouth="smile_open", eyes="smiling", brows="raised", arms="peekaboo", marks="motion",
                 blush=0.4),
    "touch": dict(mouth="smile", eyes="open", brows="relaxed", arms="touch", lean=0.3, gaze_y=0.4,
                  tilt=0.2),
    "hold": dict(mouth="smile", eyes="smiling", brows="relaxed", arms="cradle", gaze_y=0.6, tilt=0.3),
    "soothe": dict(mouth="smile_small", eyes="closed", brows="soft", arms="pat", marks="shh", roll=0.18,
                   lean=0.2),
    "validate": dict(mouth="talk", eyes="open", brows="soft", arms="chest", marks="voice", roll=0.1),
    "make_amends": dict(mouth="smile_small", eyes="open", brows="soft", arms="palms", marks="heart",
                        roll=0.15, lean=0.2),
    "wait": dict(mouth="smile_small", eyes="open", brows="relaxed", arms="folded", marks="dots",
                 lean=-0.15),
    "offer_toy": dict(mouth="smile_open", eyes="smiling", brows="raised", arms="offer", lean=0.25,
                      prop="toy", gaze_y=0.2),
    "still_face": dict(mouth="flat", eyes="open", brows="flat", arms="rest_stiff", turn=0.0,
                       gaze_x=1.0, gaze_y=0.0),
    "phone": dict(mouth="flat", eyes="down", brows="flat", arms="phone", turn=0.1, tilt=0.8, gaze_x=0.0,
                  gaze_y=1.0, prop="phone"),
    "leave": dict(mouth="flat", eyes="open", brows="flat", arms="down", back=True, marks="leave",
                  turn=-1.0, gaze_x=-1.0),
    "leave_with_goodbye": dict(mouth="smile", eyes="smiling", brows="raised", arms="bye", body_turn=0.7,
                               marks="voice", turn=0.6),
    "return_greet": dict(mouth="smile_open", eyes="smiling", brows="high", arms="open", marks="voice",
                         blush=0.5),
    "intrude": dict(mouth="grin", eyes="wide", brows="high", arms="tickle", marks="zigzag", lean=0.7,
                    blush=0.6),
    "harsh": dict(mouth="shout", eyes="narrow", brows="angry", arms="point", marks="anger", lean=0.2,
                  blush=0.7),
    "ignore": dict(mouth="flat", eyes="open", brows="flat", arms="crossed", turn=-0.8, gaze_x=-1.0,
                   gaze_y=-0.1),
}


def adult_look(action_id: str | None, present: bool = True, role: str = "caregiver", *,
               skin: int | None = None, facing: int = -1, hair: str = "long", grey: bool = False) -> dict:
    """Describe how an adult looks doing ``action_id`` (None or unknown: attentive and calm).

    ``present=False`` gives an absent look that draws nothing. ``role`` is "caregiver" or "stranger";
    ``skin`` indexes :data:`SKIN_TONES` (default differs per role); ``facing`` -1 when the infant is to
    the adult's left (the default), +1 to its right. ``hair`` is one of :data:`ADULT_HAIR` and ``grey`` draws
    it grey: both chosen per person (:func:`people_skins`), never by role.
    """
    role = "stranger" if role == "stranger" else "caregiver"
    a = action_id if action_id in _ADULT_BASE else "idle"
    if skin is None:
        skin = 1 if role == "caregiver" else 3
    look = dict(kind="adult", role=role, action=a, present=bool(present), mouth="smile", eyes="open",
                brows="relaxed", gaze_x=1.0, gaze_y=0.1, turn=0.35, tilt=0.0, roll=0.0, arms="rest",
                lean=0.0, body_turn=0.0, back=False, prop="none", marks="none", blush=0.0)
    look.update(_ADULT_BASE[a])
    if role == "stranger" and a in ("idle", "smile", "coo", "play", "return_greet"):
        look["brows"] = "relaxed"  # friendly but more reserved than the caregiver
    look["skin"] = int(skin) % len(SKIN_TONES)
    look["hair"] = hair if hair in ADULT_HAIR else ADULT_HAIR[0]
    look["grey"] = bool(grey)
    look["facing"] = 1 if facing >= 0 else -1
    for k in ("gaze_x", "gaze_y", "turn", "tilt", "roll", "lean", "body_turn", "blush"):
        look[k] = _q(look[k])
    return look


# --- Drawing primitives ------------------------------------------------------------------------------

def _posed(pose, x: float, y: float) -> tuple[float, float]:
    """Where the unit point (x, y) lands under ``pose`` (a :class:`_Pen` pose tuple, or None: unmoved)."""
    if not pose:
        return x, y
    cx, cy, px, py, ca, sa, k = pose
    dx, dy = x - cx, y - cy
    return px + k * (dx * ca - dy * sa), py + k * (dx * sa + dy * ca)


class _Pen:
    """Draws in figure units onto a supersampled surface; mirrors x when ``flip``."""

    def __init__(self, surf: pygame.Surface, scale: float, ox: float, oy: float, width: float, flip: bool):
        self.surf, self.s, self.ox, self.oy, self.w, self.flip = surf, scale, ox, oy, width, flip
        self.ow = 1.15  # outline width in units
        self.turn = None  # (angle, cx, cy): rotate what is drawn about (cx, cy), e.g. a tilted head
        self.pose = None  # (cx, cy, px, py, cos, sin, k): then move (cx, cy) to (px, py), rotated and scaled by k
        self.sk = scale  # pixels per unit of what is drawn now (scale times the pose's k)

    def set_pose(self, angle: float = 0.0, centre=(0.0, 0.0), to=None, k: float = 1.0) -> None:
        """Draw what follows rotated by ``angle`` (radians) and scaled by ``k`` about ``centre``, which lands
        on ``to`` (default: stays put); ``set_pose()`` with no arguments ends the pose."""
        if angle == 0.0 and k == 1.0 and to is None:
            self.pose, self.sk = None, self.s
            return
        px, py = to if to is not None else centre
        self.pose = (centre[0], centre[1], px, py, math.cos(angle), math.sin(angle), k)
        self.sk = self.s * k

    def posed(self, x: float, y: float) -> tuple[float, float]:
        """Where the unit point (x, y) of the current pose lands, in units (before any mirroring)."""
        return _posed(self.pose, x, y)

    def pt(self, x: float, y: float):
        if self.turn:
            a, cx, cy = self.turn
            ca, sa = math.cos(a), math.sin(a)
            x, y = cx + (x - cx) * ca - (y - cy) * sa, cy + (x - cx) * sa + (y - cy) * ca
        if self.pose:
            x, y = self.posed(x, y)
        if self.flip:
            x = self.w - x
        return (self.ox + x * self.s, self.oy + y * self.s)

    def circle(self, color, x, y, r, outline: bool = False):
        if outline:
            pygame.draw.circle(self.surf, INK, self.pt(x, y), (r + self.ow) * self.sk)
        pygame.draw.circle(self.surf, color, self.pt(x, y), max(1.0, r * self.sk))

    def ellipse_pts(self, cx, cy, rx, ry, a0=0.0, a1=2 * math.pi, n=56, skew=0.0, rot=0.0):
        trig = _trig(round(a0, 4), round(a1, 4), n)
        if rot:
            cr, sr = math.cos(rot), math.sin(rot)
            pts = [(rx * c * cr - ry * s * sr, rx * c * sr + ry * s * cr) for c, s in trig]
        else:
            pts = [(rx * c, ry * s) for c, s in trig]
        if skew:
            return [(cx + x + skew * (ry - y) / 2.0, cy + y) for x, y in pts]
        return [(cx + x, cy + y) for x, y in pts]

    def poly(self, color, pts, outline: bool = False):
        p = [self.pt(x, y) for x, y in pts]
        if len(p) < 3:
            return
        if outline:
            pygame.draw.polygon(self.surf, INK, p)
            self._stroke_px(INK, p + [p[0]], self.ow * self.sk)
        pygame.draw.polygon(self.surf, color, p)

    def ellipse(self, color, cx, cy, rx, ry, outline=False, rot=0.0, skew=0.0):
        if rot or skew or ((self.turn or self.pose) and abs(rx - ry) > 0.01):
            if outline:
                self.poly(INK, self.ellipse_pts(cx, cy, rx + self.ow, ry + self.ow, rot=rot, skew=skew))
            self.poly(color, self.ellipse_pts(cx, cy, rx, ry, rot=rot, skew=skew))
            return
        x, y = self.pt(cx, cy)
        if outline:
            ex, ey = (rx + self.ow) * self.sk, (ry + self.ow) * self.sk
            pygame.draw.ellipse(self.surf, INK, pygame.Rect(round(x - ex), round(y - ey), round(2 * ex), round(2 * ey)))
        ex, ey = rx * self.sk, ry * self.sk
        pygame.draw.ellipse(self.surf, color, pygame.Rect(round(x - ex), round(y - ey), round(2 * ex), round(2 * ey)))

    def stroke(self, color, pts, width, outline=False):
        """A round-capped thick polyline (width in units): a quad per segment and a disc per joint."""
        pts = [self.pt(x, y) for x, y in pts]
        if outline:
            self._stroke_px(INK, pts, (width + 2 * self.ow) * self.sk / 2.0)
        self._stroke_px(color, pts, width * self.sk / 2.0)

    def _stroke_px(self, color, pts, r):
        r = max(0.8, r)
        surf = self.surf
        for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
            d = math.hypot(x1 - x0, y1 - y0)
            if d < 1e-6:
                continue
            nx, ny = -(y1 - y0) / d * r, (x1 - x0) / d * r
            pygame.draw.polygon(surf, color, [(x0 + nx, y0 + ny), (x1 + nx, y1 + ny), (x1 - nx, y1 - ny),
                                              (x0 - nx, y0 - ny)])
        for q in pts:
            pygame.draw.circle(surf, color, q, r)

    def curve(self, color, p0, p1, p2, width, outline=False, n=16):
        self.stroke(color, _bez(p0, p1, p2, n), width, outline)

    def px(self, u: float) -> float:
        return u * self.sk


@functools.lru_cache(maxsize=256)
def _trig(a0: float, a1: float, n: int) -> tuple:
    """(cos, sin) of n + 1 angles from a0 to a1."""
    return tuple((math.cos(a0 + (a1 - a0) * i / n), math.sin(a0 + (a1 - a0) * i / n)) for i in range(n + 1))


def _bez(p0, p1, p2, n=16):
    """Points on a quadratic Bezier curve."""
    out = []
    for i in range(n + 1):
        t = i / n
        a, b, c = (1 - t) ** 2, 2 * (1 - t) * t, t * t
        out.append((a * p0[0] + b * p1[0] + c * p2[0], a * p0[1] + b * p1[1] + c * p2[1]))
    return out


# --- Faces (shared by infant and adults) ------------------------------------------------------------

def _eye(pen: _Pen, x, y, rx, ry, style, gx, gy, skin, lid_color):
    """One eye at (x, y) with radii (rx, ry) in ``style``; gaze (gx, gy) in -1..1."""
    lw = max(0.9, rx * 0.36)
    if style in ("squeeze",):  # crying: tight arcs pointing to the nose
        pen.stroke(INK, _bez((x - rx, y - ry * 0.1), (x, y - ry * 0.9), (x + rx, y - ry * 0.1)), lw * 1.3)
        return
    if style == "closed":  # content / soft: downward-curving lashes
        pen.stroke(INK, _bez((x - rx, y), (x, y + ry * 0.8), (x + rx, y)), lw * 1.1)
        return
    if style == "smiling_closed":
        pen.stroke(INK, _bez((x - rx, y + ry * 0.3), (x, y - ry * 0.9), (x + rx, y + ry * 0.3)), lw * 1.1)
        return
    big = 1.18 if style in ("wide", "dazed") else 1.0
    erx, ery = rx * big, ry * big
    pen.ellipse(SCLERA, x, y, erx, ery, outline=True)
    if style == "dazed":  # tiny, centred, unfocused pupils and no highlight
        pen.circle(IRIS, x, y + ery * 0.05, rx * 0.26)
        return
    ir = rx * (0.66 if style != "wide" else 0.58)
    ix = x + gx * (erx - ir) * 0.8
    iy = y + gy * (ery - ir) * 0.8
    pen.circle(IRIS, ix, iy, ir)
    pen.circle(SCLERA, ix - ir * 0.35, iy - ir * 0.4, ir * 0.32)
    # Lids: half-closed, looking down, narrowed (angry/stare), or cheeks pushed up by a smile.
    if style in ("half", "down", "narrow"):
        frac = {"half": 0.45, "down": 0.36, "narrow": 0.4}[style]
        top = y - ery - 0.8
        cut = y - ery + 2 * ery * frac
        pen.poly(lid_color, [(x - erx - 1, top), (x + erx + 1, top), (x + erx + 1, cut), (x - erx - 1, cut)])
        pen.stroke(INK, [(x - erx - 0.2, cut), (x + erx + 0.2, cut)], lw)
    elif style == "smiling":
        cut = y + ery * 0.35
        pen.poly(lid_color, pen.ellipse_pts(x, cut + ery * 0.9, erx * 1.4, ery * 0.9))
        pen.stroke(INK, _bez((x - erx * 0.9, cut + ery * 0.15), (x, cut - ery * 0.25),
                             (x + erx * 0.9, cut + ery * 0.15)), lw * 0.8)
    elif style == "stare":  # upper lid level: blank, unmoved
        top = y - ery - 0.8
        cut = y - ery * 0.55
        pen.poly(lid_color, [(x - erx - 1, top), (x + erx + 1, top), (x + erx + 1, cut), (x - erx - 1, cut)])
        pen.stroke(INK, [(x - erx - 0.2, cut), (x + erx + 0.2, cut)], lw)


def _brow(pen: _Pen, x, y, w, style, side, color, lw):
    """One brow centred at (x, y); ``side`` -1 for the brow on the left of the face, +1 right."""
    inner, outer = x - side * w / 2, x + side * w / 2  # inner end is toward the nose
    dy_in, dy_out, arch = {
        "relaxed": (0.0, 0.0, -1.2), "raised": (-2.0, -1.5, -2.0), "high": (-3.5, -3.0, -2.4),
        "worried": (-2.6, 1.2, 0.0), "soft": (-1.6, 0.6, -0.6), "angry": (2.4, -2.4, 0.0),
        "flat": (0.0, 0.0, 0.0), "flat_high": (-3.0, -3.0, 0.0),
    }.get(style, (0.0, 0.0, -1.0))
    p0, p2 = (inner, y + dy_in), (outer, y + dy_out)
    mid = ((inner + outer) / 2, (p0[1] + p2[1]) / 2 + arch)
    pen.curve(color, p0, mid, p2, lw)


def _mouth(pen: _Pen, x, y, w, style):
    """The mouth centred at (x, y), ``w`` units wide at most."""
    lw = max(1.0, w * 0.14)
    if style == "smile":
        pen.stroke(INK, _bez((x - w * 0.45, y - w * 0.08), (x, y + w * 0.38), (x + w * 0.45, y - w * 0.08)), lw)
    elif style == "smile_small":
        pen.stroke(INK, _bez((x - w * 0.3, y), (x, y + w * 0.2), (x + w * 0.3, y)), lw)
    elif style == "neutral":
        pen.stroke(INK, _bez((x - w * 0.28, y), (x, y + w * 0.08), (x + w * 0.28, y)), lw)
    elif style == "flat":
        pen.stroke(INK, [(x - w * 0.3, y + w * 0.04), (x + w * 0.3, y + w * 0.04)], lw)
    elif style == "frown":
        pen.stroke(INK, _bez((x - w * 0.35, y + w * 0.16), (x, y - w * 0.18), (x + w * 0.35, y + w * 0.16)), lw)
    elif style in ("smile_open", "o_happy", "grin"):
        hw = {"smile_open": 0.5, "o_happy": 0.34, "grin": 0.6}[style] * w
        depth = {"smile_open": 0.55, "o_happy": 0.55, "grin": 0.5}[style] * w
        top = _bez((x - hw, y - w * 0.08), (x, y + w * 0.02), (x + hw, y - w * 0.08), 10)
        bot = _bez((x + hw, y - w * 0.08), (x, y + depth * 1.35), (x - hw, y - w * 0.08), 14)
        pen.poly(MOUTH, top + bot, outline=True)
        pen.poly(TONGUE, pen.ellipse_pts(x, y + depth * 0.62, hw * 0.55, depth * 0.24))
        if style == "grin":
            pen.poly(SCLERA, _bez((x - hw * 0.85, y - w * 0.04), (x, y + w * 0.12), (x + hw * 0.85, y - w * 0.04), 8)
                     + _bez((x + hw * 0.8, y + w * 0.06), (x, y + w * 0.22), (x - hw * 0.8, y + w * 0.06), 8))
    elif style == "pout":  # fussing: a small, open, down-turned, wobbling mouth
        top = _bez((x - w * 0.34, y + w * 0.2), (x, y - w * 0.28), (x + w * 0.34, y + w * 0.2), 12)
        bot = _bez((x + w * 0.34, y + w * 0.2), (x, y + w * 0.02), (x - w * 0.34, y + w * 0.2), 12)
        pen.poly(MOUTH, top + bot, outline=True)
    elif style == "cry_open":  # wailing: wide, tall, squared, down-turned corners
        hw = w * 0.5
        top = _bez((x - hw, y + w * 0.1), (x, y - w * 0.32), (x + hw, y + w * 0.1), 12)
        bot = _bez((x + hw * 0.8, y + w * 0.55), (x, y + w * 0.78), (x - hw * 0.8, y + w * 0.55), 12)
        pen.poly(MOUTH, top + bot, outline=True)
        pen.poly(TONGUE, pen.ellipse_pts(x, y + w * 0.52, hw * 0.55, w * 0.13))
    elif style == "shout":  # angry: open, square-ish, corners pulled down, teeth showing
        hw = w * 0.45
        top = _bez((x - hw, y + w * 0.12), (x, y - w * 0.12), (x + hw, y + w * 0.12), 10)
        bot = _bez((x + hw * 0.85, y + w * 0.42), (x, y + w * 0.5), (x - hw * 0.85, y + w * 0.42), 10)
        pen.poly(MOUTH, top + bot, outline=True)
        pen.poly(SCLERA, _bez((x - hw * 0.8, y + w * 0.1), (x, y - w * 0.06), (x + hw * 0.8, y + w * 0.1), 8)
                 + [(x + hw * 0.7, y + w * 0.18), (x - hw * 0.7, y + w * 0.18)])
    elif style in ("o", "o_big", "small_o", "talk"):
        rx, ry = {"o": (0.2, 0.24), "o_big": (0.28, 0.34), "small_o": (0.12, 0.1), "talk": (0.24, 0.14)}[style]
        pen.ellipse(MOUTH, x, y + w * ry * 0.6, w * rx, w * ry, outline=True)
    elif style == "thumb":
        pen.ellipse(MOUTH, x, y + w * 0.05, w * 0.14, w * 0.12, outline=True)


def _face(pen: _Pen, hx, hy, r, look, skin, shade, hair, adult: bool):
    """Eyes, brows, nose, mouth, cheeks and tears on a head of radius ``r`` at (hx, hy)."""
    turn, tilt = look["turn"], look["tilt"]
    fx = hx + turn * r * 0.4
    fy = hy + tilt * r * 0.22 + (r * 0.06 if not adult else r * 0.02)
    squash = 1.0 - 0.28 * abs(turn)
    ex = r * (0.37 if not adult else 0.36) * squash
    erx, ery = (r * 0.19, r * 0.23) if not adult else (r * 0.18, r * 0.15)
    near_side = 1 if turn >= 0 else -1
    eyes_y = fy - (0 if not adult else r * 0.05)
    gx, gy = look["gaze_x"], look["gaze_y"]
    blush = look.get("blush", 0.0)
    cheek_col = _mix(skin, BLUSH, 0.18 + 0.5 * blush)
    for side in (-1, 1):
        if abs(turn) >= 0.85 and side != near_side:
            continue
        scale = 1.0 - (0.16 * abs(turn) if side != near_side else 0.0)
        cx = fx + side * ex
        pen.ellipse(cheek_col, cx + side * r * 0.1, eyes_y + r * 0.36, r * 0.16 * scale, r * 0.11 * scale)
    profile = abs(turn) >= 0.85  # only the near eye shows
    for side in (-1, 1):
        if profile and side != near_side:
            continue
        scale = 1.0 - (0.16 * abs(turn) if side != near_side else 0.0)
        cx = fx + side * ex
        _eye(pen, cx, eyes_y, erx * scale, ery * scale, look["eyes"], gx, gy, skin, skin)
        bw = r * (0.34 if not adult else 0.36) * scale
        by = eyes_y - r * (0.36 if not adult else 0.37)
        _brow(pen, cx, by, bw, look["brows"], side, _mix(hair, INK, 0.35 if adult else 0.3),
              r * (0.085 if not adult else 0.075))
    if profile:  # in profile, the face sits at the edge: nose bump and mouth there
        fx = hx + turn * r * 0.62
    # Nose: a small soft curve, pointing toward the turn.
    nx, ny = fx + turn * r * 0.08, eyes_y + r * 0.24
    pen.curve(shade, (nx - r * 0.06, ny - r * 0.02), (nx + r * 0.02 + turn * r * 0.08, ny + r * 0.1),
              (nx + r * 0.09, ny - r * 0.01), r * 0.07)
    mw = r * (0.62 if not adult else 0.66)
    _mouth(pen, fx + turn * r * 0.05, eyes_y + r * (0.48 if not adult else 0.5), mw, look["mouth"])
    # Tears.
    tears = look.get("tears", 0)
    if tears:
        for side in ((-1, 1) if tears >= 2 else (near_side,)):
            tx = fx + side * ex + side * r * 0.05
            if tears >= 2:
                pen.stroke(TEAR, [(tx, eyes_y + ery * 0.9), (tx + side * r * 0.05, eyes_y + r * 0.55),
                                  (tx + side * r * 0.1, eyes_y + r * 0.8)], r * 0.13)
                _drop(pen, tx + side * r * 0.62, eyes_y - r * 0.12, r * 0.12)
            else:
                _drop(pen, tx + side * r * 0.02, eyes_y + r * 0.42, r * 0.1)


def _drop(pen: _Pen, x, y, r):
    """A teardrop with its point up."""
    pts = [(x, y - r * 2.2)] + pen.ellipse_pts(x, y, r, r, a0=-0.35 * math.pi, a1=1.35 * math.pi, n=20)
    pen.poly(TEAR, pts)
    pen.circle(TEAR_LIGHT, x - r * 0.35, y - r * 0.1, r * 0.3)


# --- Marks (sound, motion, emotion), drawn around the figure ---------------------------------------

def _marks(pen: _Pen, kind: str, hx, hy, r, side: int = 1):
    """Marks beside a head at (hx, hy): ``side`` +1 toward the partner."""
    if kind == "voice":
        for i, k in enumerate((0.75, 1.05, 1.35)):
            cx = hx + side * r * 0.55
            pts = [(cx + side * r * k * math.cos(a), hy + r * 0.35 + r * k * math.sin(a) * 0.9)
                   for a in [(-0.45 + 0.9 * j / 10) for j in range(11)]]
            pen.stroke(MARK_VOICE, pts, r * 0.09)
    elif kind == "whimper":
        x0 = hx + side * r * 1.12
        for row in (0, 1):
            y0 = hy + r * 0.25 + row * r * 0.3
            pts = [(x0 + side * r * 0.5 * j / 12, y0 + r * 0.07 * math.sin(j * 1.2)) for j in range(13)]
            pen.stroke(MARK_CRY, pts, r * 0.08)
    elif kind == "cry":
        for s in (-1, 1):
            for a in (-0.55, -0.1, 0.35):
                x0, y0 = hx + s * r * 1.1 * math.cos(a), hy - r * 0.2 + r * 1.1 * math.sin(a)
                x1, y1 = hx + s * r * 1.45 * math.cos(a), hy - r * 0.2 + r * 1.45 * math.sin(a)
                pen.stroke(MARK_CRY, [(x0, y0), (x1, y1)], r * 0.12)
    elif kind == "anger":
        x0, y0 = hx + side * r * 1.1, hy - r * 0.95
        for a in (0.0, 0.5 * math.pi, math.pi, 1.5 * math.pi):
            ca, sa = math.cos(a + 0.785), math.sin(a + 0.785)
            pen.curve(MARK_ANGER, (x0 + ca * r * 0.12, y0 + sa * r * 0.12),
                      (x0 + ca * r * 0.22 + sa * r * 0.1, y0 + sa * r * 0.22 - ca * r * 0.1),
                      (x0 + ca * r * 0.36, y0 + sa * r * 0.36), r * 0.1)
    elif kind == "question":
        _question(pen, hx - side * r * 1.0, hy - r * 0.95, r * 0.42, MARK_VOICE)
    elif kind == "shh":
        x0 = hx + side * r * 1.0
        for row in (0, 1, 2):
            y0 = hy + r * 0.2 + row * r * 0.22
            pts = [(x0 + side * r * 0.45 * j / 12, y0 + r * 0.05 * math.sin(j * 1.0)) for j in range(13)]
            pen.stroke(MARK_SOFT, pts, r * 0.07)
    elif kind == "heart":
        _heart(pen, hx + side * r * 1.05, hy - r * 0.55, r * 0.32, MARK_WARM)
    elif kind == "dots":
        for i in range(3):
            pen.circle(MARK_SOFT, hx + side * r * (0.6 + 0.3 * i), hy - r * 1.25, r * 0.08)
    elif kind == "zigzag":
        for s, dy in ((1, -0.6), (1, 0.0), (-1, -0.3)):
            x0 = hx + s * r * 1.45
            pts = [(x0 + s * r * 0.12 * (j % 2), hy + dy * r + j * r * 0.12) for j in range(6)]
            pen.stroke(MARK_ANGER, pts, r * 0.07)


def _question(pen: _Pen, x, y, size, color):
    """A question mark at (x, y), never mirrored."""
    sx = -1.0 if pen.flip else 1.0  # undo the pen's mirror for the glyph's own shape
    arc = [(x + sx * size * 0.5 * math.cos(a), y - size * 0.35 + size * 0.5 * math.sin(a))
           for a in [math.pi * (1.05 + 1.45 * j / 14) for j in range(15)]]
    arc.append((x, y + size * 0.45))
    pen.stroke(color, arc, size * 0.24)
    pen.circle(color, x, y + size * 0.85, size * 0.15)


def _heart(pen: _Pen, x, y, r, color):
    pen.circle(color, x - r * 0.45, y, r * 0.55)
    pen.circle(color, x + r * 0.45, y, r * 0.55)
    pen.poly(color, [(x - r * 0.98, y + r * 0.15), (x + r * 0.98, y + r * 0.15), (x, y + r * 1.2)])


def _toy(pen: _Pen, x, y, r):
    """A rattle: a striped ball on a short handle."""
    pen.stroke(TOY_B, [(x, y + r * 0.6), (x + r * 0.2, y + r * 1.9)], r * 0.55, outline=True)
    pen.circle(TOY_C, x, y, r, outline=True)
    pen.poly(TOY_A, pen.ellipse_pts(x, y, r, r * 0.36))
    pen.circle(SCLERA, x - r * 0.4, y - r * 0.45, r * 0.2)


# --- The infant --------------------------------------------------------------------------------------

def _infant_arms(look) -> tuple:
    """Hand positions and elbow controls for (far arm, near arm): ((shoulder, elbow, hand, hand_kind), ...).

    Canonical units: the partner is at +x. "hand_kind": "fist", "open", "flat" (palm out), "point".
    """
    a = look["arms"]
    lean = look["lean"]
    sl, sr = (33 + lean * 6, 74), (67 + lean * 6, 74)
    if a == "wave":
        return ((sl, (24, 88), (31, 101), "fist"), (sr, (86, 76), (88, 50), "open"))
    if a == "reach":
        return ((sl, (14, 60), (18, 26), "open"), (sr, (92, 62), (95, 28), "open"))
    if a == "hug":  # both arms wrapped toward the partner, hands gripping
        return ((sl, (52, 64), (86, 64), "fist"), (sr, (100, 76), (90, 92), "fist"))
    if a == "push":
        return ((sl, (50, 72), (86, 68), "flat"), (sr, (82, 76), (97, 74), "flat"))
    if a == "thumb":
        return ((sl, (24, 90), (34, 102), "fist"), (sr, (70, 90), (55 + look["turn"] * 10, 58), "fist"))
    if a == "toy":
        return ((sl, (30, 96), (45, 96), "fist"), (sr, (72, 98), (60, 96), "fist"))
    if a == "fists_up":
        return ((sl, (14, 78), (17, 60), "fist"), (sr, (86, 78), (83, 60), "fist"))
    if a == "fists_low":
        return ((sl, (20, 84), (24, 96), "fist"), (sr, (80, 84), (76, 96), "fist"))
    if a == "stiff":
        return ((sl, (24, 88), (15, 104), "open"), (sr, (76, 88), (85, 104), "open"))
    if a == "point":  # toward the partner's side (where the door and the empty chair are)
        return ((sl, (22, 90), (32, 102), "fist"), (sr, (84, 70), (96, 52), "point"))
    return ((sl, (22, 90), (32, 102), "fist"), (sr, (78, 90), (68, 102), "fist"))


def _hand(pen: _Pen, x, y, r, kind, skin, direction=(1.0, 0.0)):
    dx, dy = direction
    n = math.hypot(dx, dy) or 1.0
    dx, dy = dx / n, dy / n
    if kind == "open":  # spread fingers
        for k in (-1.0, -0.33, 0.33, 1.0):
            ang = math.atan2(dy, dx) + k * 0.6
            pen.stroke(skin, [(x, y), (x + math.cos(ang) * r * 1.75, y + math.sin(ang) * r * 1.75)], r * 0.5,
                       outline=True)
        pen.circle(skin, x, y, r, outline=True)
        for k in (-1.0, -0.33, 0.33, 1.0):
            ang = math.atan2(dy, dx) + k * 0.6
            pen.stroke(skin, [(x, y), (x + math.cos(ang) * r * 1.7, y + math.sin(ang) * r * 1.7)], r * 0.5)
    elif kind == "flat":  # palm pushed toward the partner: a tall mitten
        pen.ellipse(skin, x, y, r * 0.7, r * 1.35, outline=True)
        pen.stroke(skin, [(x - r * 0.2, y + r * 0.4), (x - r * 0.8, y - r * 0.2)], r * 0.5, outline=True)
        pen.ellipse(skin, x, y, r * 0.7, r * 1.35)
    elif kind == "point":
        pen.stroke(skin, [(x, y), (x + dx * r * 1.9, y + dy * r * 1.9)], r * 0.55, outline=True)
        pen.circle(skin, x, y, r, outline=True)
        pen.stroke(skin, [(x, y), (x + dx * r * 1.85, y + dy * r * 1.85)], r * 0.55)
    else:
        pen.circle(skin, x, y, r, outline=True)


#: The young infant in its seat (canvas units): the body reclines by SEAT_RECLINE radians about its hip,
#: which lands on SEAT_HIP, drawn at SEAT_BODY_K of the sitter's size; the head tilts back by SEAT_HEAD_TILT
#: about the neck and is SEAT_HEAD_GROW times larger relative to the body (a young baby's head is about a
#: quarter of its length).
SEAT_RECLINE = -0.38
SEAT_HIP = (53.0, 101.0)
SEAT_BODY_K = 0.82
SEAT_HEAD_TILT = 0.22
SEAT_HEAD_GROW = 1.25
_HIP, _NECK = (50.0, 104.0), (50.0, 72.0)


def _draw_seat(pen: _Pen) -> None:
    """The bouncer seat behind a young infant: wire frame on the floor, reclined fabric back and foot rest."""
    for x0, x1 in ((22, 34), (88, 80)):  # struts from the base up to the seat
        pen.stroke(SEAT_FRAME, [(x0, 117.5), (x1, 106)], 2.6, outline=True)
    pen.stroke(SEAT_FRAME, [(12, 117.5), (96, 117.5)], 2.8, outline=True)
    for x in (12, 96):
        pen.ellipse(SEAT_DARK, x, 117.5, 4.2, 2.2, outline=True)
    # The foot rest (world units), then the back rest in the body's reclined frame.
    pen.curve(SEAT, (44, 108), (74, 116), (94, 102), 15, outline=True)
    pen.set_pose(SEAT_RECLINE, _HIP, SEAT_HIP, SEAT_BODY_K)
    back = (pen.ellipse_pts(50, 40, 34, 34, a0=math.pi, a1=2 * math.pi, n=24)
            + [(84, 104)] + pen.ellipse_pts(50, 104, 34, 12, a0=0.0, a1=math.pi, n=16) + [(16, 40)])
    pen.poly(SEAT, back, outline=True)
    pen.stroke(SEAT_DARK, pen.ellipse_pts(50, 40, 28, 28, a0=1.05 * math.pi, a1=1.95 * math.pi, n=18), 1.6)
    pen.set_pose()


def _draw_young_legs(pen: _Pen, look, skin) -> None:
    """A young infant's short, bent legs on the foot rest, feet toward the partner (one kicks up)."""
    kick = look["legs"] == "kick"
    for far in (True, False):
        col = ONESIE_DARK if far else ONESIE
        dy = -5 if far else 0
        foot = (92, 78) if (kick and not far) else (88 + (-3 if far else 0), 100 + dy)
        knee = (79, 86 + dy) if not (kick and not far) else (80, 80)
        pen.stroke(col, [(60, 100 + dy), knee, foot], 11.5, outline=True)
        pen.ellipse(skin, foot[0] + 3, foot[1] - 1, 4.4, 5.4, outline=True)
    if kick:
        for j in range(3):
            pen.stroke(MARK_ANGER, [(92 + j * 2.5, 74 + j * 6), (97 + j * 2.5, 72 + j * 6)], 1.5)


def _draw_infant(pen: _Pen, look):
    skin, shade, hair = SKIN_TONES[look["skin"]]
    lean, turn, roll = look["lean"], look["turn"], look["roll"]
    body_turn = look["body_turn"]
    if look["arms"] == "crawl":
        _draw_crawling(pen, look, skin, shade, hair)
        return
    legs = look["legs"]
    young = bool(look.get("seat"))
    in_seat = young and legs != "held"
    if in_seat:  # reclining in the bouncer, facing the partner
        _draw_seat(pen)
        _draw_young_legs(pen, look, skin)
        pen.set_pose(SEAT_RECLINE, _HIP, SEAT_HIP, SEAT_BODY_K)
    elif legs == "held":  # Legs dangling when held; seated and splayed; or kicking when resisting.
        for s in (-1, 1):
            pen.stroke(ONESIE, [(50 + s * 11, 104), (50 + s * 13, 116)], 13, outline=True)
            pen.ellipse(skin, 50 + s * 14, 118.5, 6, 3.8, outline=True)
    else:
        for s in (-1, 1):
            kick = legs == "kick" and s == 1
            foot = (50 + s * 36, 100) if kick else (50 + s * 37, 113)
            pen.stroke(ONESIE, [(50 + s * 10, 108), foot], 14, outline=True)
            pen.ellipse(skin, foot[0] + s * 2, foot[1] - 1, 5.2, 6.5, outline=True)
        for s in (-1, 1):
            kick = legs == "kick" and s == 1
            foot = (50 + s * 36, 100) if kick else (50 + s * 37, 113)
            pen.stroke(ONESIE, [(50 + s * 10, 108), foot], 14)
    if legs == "kick" and not in_seat:
        for j in range(3):
            pen.stroke(MARK_ANGER, [(92 + j * 2.5, 92 + j * 6), (97 + j * 2.5, 90 + j * 6)], 1.5)
    body_pose = pen.pose
    # Torso: narrower and skewed when turned away or leaning.
    tw = 25 * (1.0 - 0.14 * body_turn)
    skew = lean * 0.35
    pen.ellipse(ONESIE, 50 + lean * 3, 92, tw, 22, outline=True, skew=skew)
    # The heart on the chest shows which way the body faces (hidden when turned away).
    if body_turn < 0.8:
        _heart(pen, 50 + lean * 6 + 10 * (turn * 0.3) - body_turn * 12, 88, 4.2, ONESIE_MARK)
    else:
        pen.curve(ONESIE_DARK, (42, 78), (36, 92), (42, 108), 1.6)  # seam of the back
    if in_seat:  # the seat's strap across the hips
        pen.stroke(SEAT_DARK, [(29, 103), (71, 103)], 4.0, outline=True)
    # Order: far arm, head, near arm; raised arms go over the head's edge, so both come after it.
    far, nearm = _infant_arms(look)
    arm_w = 9.0
    raised = look["arms"] in ("fists_up", "wave", "point", "thumb", "reach")

    def arm(spec):
        (sx, sy), (cx, cy), (hx2, hy2), kind = spec
        pen.curve(ONESIE, (sx, sy), (cx, cy), (hx2, hy2), arm_w, outline=True)
        _hand(pen, hx2, hy2, 5.0, kind, skin, (hx2 - cx, hy2 - cy))

    if not raised:
        arm(far)
    # Head (a young infant's: larger for its body and resting back against the seat).
    hx, hy, r = 50 + lean * 9, 44 + abs(lean) * 2 + look["tilt"] * 2, 27
    if young:
        pen.set_pose(SEAT_HEAD_TILT * (1.0 - max(0.0, lean)) if in_seat else 0.0, _NECK, pen.posed(*_NECK),
                     (SEAT_BODY_K if in_seat else 1.0) * SEAT_HEAD_GROW)
    pen.turn = (roll * 0.45, hx, hy + r * 0.8) if roll else None  # head roll about the neck
    near_side = 1 if turn >= 0 else -1
    # Ear on the side away from the turn.
    ear_x = hx - near_side * r * (0.88 - 0.4 * abs(turn)) if 0.15 < abs(turn) < 0.85 else None
    ear_on_top = ear_x is not None and abs(turn) > 0.45  # well turned: the ear lies on the head
    if ear_x is not None and not ear_on_top:
        pen.ellipse(skin, ear_x, hy + 3, 5, 7, outline=True)
        pen.ellipse(shade, ear_x, hy + 3, 2.6, 4.2)
    elif abs(turn) <= 0.15:
        for s in (-1, 1):
            pen.ellipse(skin, hx + s * r * 0.95, hy + 3, 4.5, 6.5, outline=True)
    pen.ellipse(skin, hx, hy, r, r * 0.96, outline=True)
    if ear_on_top:
        pen.ellipse(skin, ear_x, hy + 5, 4.2, 6, outline=True)
        pen.curve(shade, (ear_x + near_side * 1.5, hy + 1.5), (ear_x - near_side * 2.5, hy + 5),
                  (ear_x + near_side * 1.5, hy + 8.5), 1.6)
    if abs(turn) >= 0.85:  # profile: the nose bulges at the edge, the ear sits mid-head
        pen.circle(skin, hx + near_side * r * 0.97, hy + r * 0.2, r * 0.14, outline=True)
        pen.ellipse(skin, hx, hy, r * 0.985, r * 0.945)
        ex0 = hx - near_side * r * 0.3
        pen.ellipse(skin, ex0, hy + 5, 4.2, 6, outline=True)
        pen.curve(shade, (ex0 + near_side * 1.5, hy + 1.5), (ex0 - near_side * 2.5, hy + 5),
                  (ex0 + near_side * 1.5, hy + 8.5), 1.6)
    # Hair on top (finer on a young baby).
    _infant_hair(pen, look.get("hair", "curl"), hx + turn * 6, hy, r, hair, young)
    _face(pen, hx, hy, r, look, skin, shade, hair, adult=False)
    pen.turn = None
    head_pose = pen.pose
    if young:
        pen.pose, pen.sk = body_pose, pen.s * (body_pose[6] if body_pose else 1.0)
    if raised:
        arm(far)
    arm(nearm)
    if look["toy"]:
        lh, rh = far[2], nearm[2]
        _toy(pen, (lh[0] + rh[0]) / 2, min(lh[1], rh[1]) - 9, 8.5)
        _hand(pen, lh[0], lh[1], 5.0, "fist", skin)
        _hand(pen, rh[0], rh[1], 5.0, "fist", skin)
    if look["arms"] == "wave":  # waving arcs by the raised hand
        hx2, hy2 = nearm[2]
        for k in (1.0, 1.5):
            pen.stroke(MARK_VOICE, [(hx2 + 9 * k * math.cos(a), hy2 + 9 * k * math.sin(a))
                                    for a in [(-1.9 + 0.7 * j / 6) for j in range(7)]], 1.4)
    if look["marks"] not in ("none", "motion"):  # motion lines belong to the crawling pose
        if young:  # beside the head, upright and at the sitter's size so they read the same
            pen.set_pose()
            hx, hy = _posed(head_pose, hx, hy)
        _marks(pen, look["marks"], hx, hy, r, side=1)
    pen.set_pose()



def _infant_hair(pen: _Pen, style: str, cx: float, hy: float, r: float, hair, young: bool) -> None:
    """The infant's hair on top of a head of radius ``r`` at (., ``hy``), centred on ``cx`` (:data:`INFANT_HAIR`)."""
    k = 0.75 if young else 1.0  # a young baby's hair is finer
    top = hy - r
    if style == "wisps":  # three fine strands
        for dx, lean in ((-5, -3.0), (0, 0.5), (5, 3.5)):
            pen.curve(hair, (cx + dx, top + 2.0), (cx + dx + lean * 0.4, top - 4.0 * k), (cx + dx + lean, top - 6.5 * k),
                      1.7 * k)
    elif style == "curls":  # short curls across the crown
        for j in range(5):
            a = math.pi * (1.2 + 0.15 * j)
            pen.circle(hair, cx + math.cos(a) * r * 0.78, hy + math.sin(a) * r * 0.9, 4.2 * k, outline=True)
    elif style == "tuft":  # a little upright tuft
        for dx in (-3.0, 0.0, 3.0):
            pen.curve(hair, (cx + dx * 0.6, top + 2.5), (cx + dx, top - 5.0 * k), (cx + dx * 1.8, top - 9.0 * k),
                      2.4 * k)
    else:  # "curl": one curl on top
        pen.curve(hair, (cx - 6, top + 2.5), (cx - 2, top - 7), (cx + 5, top - 2), 3.0 * k if young else 3.0)
        pen.curve(hair, (cx + 5, top - 2), (cx + 8, top + 1.5), (cx + 3, top + 3), 2.6 * k if young else 2.6)


def _draw_crawling(pen: _Pen, look, skin, shade, hair):
    """Approach: on hands and knees, side view, heading for the partner (+x)."""
    # Far limbs (darker), body, near limbs, head.
    pen.stroke(ONESIE_DARK, [(32, 96), (22, 112), (8, 113)], 10, outline=True)
    pen.stroke(ONESIE_DARK, [(62, 92), (70, 112)], 8, outline=True)
    pen.circle(shade, 70, 113, 4.6, outline=True)
    pen.ellipse(ONESIE, 46, 90, 27, 15, outline=True, rot=-0.08)
    _heart(pen, 56, 94, 3.6, ONESIE_MARK)
    pen.stroke(ONESIE, [(36, 98), (28, 113), (12, 114)], 11, outline=True)
    pen.ellipse(skin, 9, 113, 5, 4, outline=True)
    look2 = dict(look)
    look2["turn"] = 0.75
    hx, hy, r = 76, 66, 24
    pen.ellipse(skin, hx - r * 0.75, hy + 3, 4.5, 6.5, outline=True)
    pen.ellipse(skin, hx, hy, r, r * 0.96, outline=True)
    _infant_hair(pen, look.get("hair", "curl"), hx + 4, hy, r, hair, False)
    _face(pen, hx, hy, r, look2, skin, shade, hair, adult=False)
    pen.stroke(ONESIE, [(58, 92), (62, 112)], 9, outline=True)
    pen.circle(skin, 63, 113, 5, outline=True)
    for j, y in enumerate((80, 90, 100)):  # speed lines behind
        pen.stroke(MARK_SOFT, [(4 + j * 3, y - 24), (16 + j * 3, y - 24)], 1.8)


# --- The adults --------------------------------------------------------------------------------------

def _adult_arms(look):
    """((shoulder, elbow, hand, kind) far, near) in canonical units (the infant at +x)."""
    a = look["arms"]
    lean = look["lean"]
    sl, sr = (28 + lean * 5, 78), (72 + lean * 5, 78)
    table = {
        "rest": ((20, 112), (40, 136), "fist", (80, 112), (60, 136), "fist"),
        "rest_stiff": ((18, 114), (22, 146), "fist", (82, 114), (78, 146), "fist"),
        "down": ((22, 116), (24, 150), "fist", (78, 116), (76, 150), "fist"),
        "cradle": ((16, 120), (74, 136), "fist", (104, 136), (50, 138), "fist"),
        "touch": ((20, 112), (40, 136), "fist", (92, 100), (106, 118), "open"),
        "offer": ((20, 112), (40, 136), "fist", (94, 90), (108, 84), "fist"),
        "peekaboo": ((10, 70), (20, 34), "open", (90, 70), (80, 34), "open"),
        "cheeks": ((16, 96), (36, 60), "flat", (84, 96), (64, 60), "flat"),
        "pat": ((20, 112), (40, 136), "fist", (92, 96), (104, 108), "open"),
        "chest": ((20, 112), (40, 136), "fist", (74, 110), (54, 98), "open"),
        "palms": ((40, 120), (82, 112), "open", (90, 112), (104, 104), "open"),
        "folded": ((26, 124), (54, 130), "fist", (74, 124), (46, 130), "fist"),
        "phone": ((26, 118), (44, 106), "fist", (72, 118), (56, 106), "fist"),
        "bye": ((22, 116), (24, 150), "fist", (94, 74), (96, 44), "open"),
        "open": ((6, 90), (0, 58), "open", (94, 90), (102, 58), "open"),
        "tickle": ((54, 104), (92, 86), "open", (96, 100), (110, 96), "open"),
        "point": ((20, 112), (40, 136), "fist", (92, 80), (108, 76), "point"),
        "crossed": ((44, 112), (70, 104), "fist", (56, 110), (32, 104), "fist"),
    }
    e1, h1, k1, e2, h2, k2 = table.get(a, table["rest"])
    return ((sl, e1, h1, k1), (sr, e2, h2, k2))


def _curl_ring(pen: _Pen, hx, hy, r, hair, a0: float, a1: float, n: int, size: float, reach: float) -> None:
    """Curls (small circles) around the head from angle ``a0`` to ``a1`` at ``reach`` head radii."""
    for j in range(n):
        a = a0 + (a1 - a0) * j / max(1, n - 1)
        pen.circle(hair, hx + math.cos(a) * r * reach, hy - r * 0.1 + math.sin(a) * r * reach, r * size, outline=True)


def _hair_back(pen: _Pen, style, hx, hy, r, hair):
    """What of the hair lies behind the head and shoulders (:data:`ADULT_HAIR`)."""
    if style == "long":  # long hair falling behind the shoulders
        pen.poly(hair, pen.ellipse_pts(hx, hy - r * 0.1, r * 1.16, r * 1.1, a0=math.pi, a1=2 * math.pi)
                 + [(hx + r * 1.22, hy + r * 1.7), (hx - r * 1.22, hy + r * 1.7)], outline=True)
    elif style == "curly":  # a round halo of curls
        pen.circle(hair, hx, hy - r * 0.1, r * 1.32, outline=True)
        _curl_ring(pen, hx, hy, r, hair, math.pi * 0.85, math.pi * 2.15, 9, 0.34, 1.2)
    elif style == "bun":  # hair tied up on top
        pen.circle(hair, hx - r * 0.1, hy - r * 1.08, r * 0.44, outline=True)


def _hair_front(pen: _Pen, style, hx, hy, r, hair, turn, back: bool):
    """The hair over the head (or all of it, seen from the back) (:data:`ADULT_HAIR`)."""
    if back:  # the back of the head: all hair
        if style == "long":
            pen.poly(hair, pen.ellipse_pts(hx, hy, r * 1.08, r * 1.05) , outline=False)
            pen.poly(hair, [(hx - r * 1.2, hy), (hx + r * 1.2, hy), (hx + r * 1.22, hy + r * 1.7),
                            (hx - r * 1.22, hy + r * 1.7)])
        elif style == "curly":
            pen.circle(hair, hx, hy - r * 0.05, r * 1.28, outline=True)
        elif style == "cropped":
            pen.poly(hair, pen.ellipse_pts(hx, hy - r * 0.1, r * 1.02, r * 0.9))
        else:
            pen.poly(hair, pen.ellipse_pts(hx, hy - r * 0.05, r * 1.04, r * 0.98))
        return
    if style == "curly":  # curls framing the face, over the crown
        pts = pen.ellipse_pts(hx, hy - r * 0.1, r * 1.1, r * 1.02, a0=math.pi, a1=2 * math.pi)
        pen.poly(hair, pts + [(hx + r * 1.08, hy - r * 0.05), (hx + r * 0.8, hy - r * 0.5), (hx - r * 0.8, hy - r * 0.5),
                              (hx - r * 1.08, hy - r * 0.05)])
        _curl_ring(pen, hx + turn * r * 0.1, hy - r * 0.5, r * 0.62, hair, math.pi * 1.08, math.pi * 1.92, 5,
                   0.3, 1.15)
        return
    if style == "bun":  # drawn back from the face, smooth over the crown
        pts = pen.ellipse_pts(hx, hy - r * 0.06, r * 1.05, r * 1.0, a0=math.pi, a1=2 * math.pi)
        pts += [(hx + r * 1.03, hy - r * 0.05), (hx + r * 0.7, hy - r * 0.6), (hx + turn * r * 0.2, hy - r * 0.72),
                (hx - r * 0.7, hy - r * 0.6), (hx - r * 1.03, hy - r * 0.05)]
        pen.poly(hair, pts)
        return
    if style == "cropped":  # close to the head, a straight hairline
        pts = pen.ellipse_pts(hx, hy - r * 0.08, r * 1.03, r * 0.98, a0=math.pi, a1=2 * math.pi)
        pts += [(hx + r * 1.0, hy - r * 0.1), (hx + r * 0.8, hy - r * 0.45), (hx + r * 0.3, hy - r * 0.56),
                (hx - r * 0.3, hy - r * 0.56), (hx - r * 0.8, hy - r * 0.45), (hx - r * 1.0, hy - r * 0.1)]
        pen.poly(hair, pts)
        return
    if style == "long":  # a side-swept fringe
        cx = hx + turn * r * 0.2
        pts = pen.ellipse_pts(hx, hy - r * 0.05, r * 1.08, r * 1.02, a0=math.pi * 1.02, a1=math.pi * 1.98)
        pts += [(hx + r * 1.02, hy - r * 0.05), (cx + r * 0.45, hy - r * 0.74), (cx - r * 0.2, hy - r * 0.66),
                (cx - r * 0.78, hy - r * 0.48), (hx - r * 1.05, hy + r * 0.1)]
        pen.poly(hair, pts)
    else:  # "short": a side parting
        cx = hx + turn * r * 0.15
        pts = pen.ellipse_pts(hx, hy - r * 0.08, r * 1.05, r * 0.98, a0=math.pi * 1.0, a1=math.pi * 2.0)
        pts += [(hx + r * 1.02, hy + r * 0.05), (hx + r * 0.86, hy - r * 0.42), (cx + r * 0.1, hy - r * 0.6),
                (cx - r * 0.5, hy - r * 0.55), (hx - r * 0.88, hy - r * 0.4), (hx - r * 1.02, hy + r * 0.05)]
        pen.poly(hair, pts)


def _draw_adult(pen: _Pen, look, layer: str = "all"):
    """The adult; ``layer`` "back" leaves out the near arm (so a held infant can sit in between), "front"
    draws only the near arm."""
    role = look["role"]
    skin, shade, hair0 = SKIN_TONES[look["skin"]]
    hair = GREY_HAIR if look.get("grey") else hair0
    style = look.get("hair", "long")
    top, top_dark = (CAREGIVER_TOP, CAREGIVER_TOP_DARK) if role == "caregiver" else (STRANGER_TOP,
                                                                                      STRANGER_TOP_DARK)
    legs_col = CAREGIVER_TROUSERS if role == "caregiver" else STRANGER_TROUSERS
    lean, turn = look["lean"], look["turn"]
    back = look["back"]
    hx, hy, r = 50 + lean * 10, 38 + abs(lean) * 4 + look["tilt"] * 3, 21.0
    far, near = _adult_arms(look)
    arm_w = 11.0

    def arm(spec):
        (sx, sy), (ex, ey), (hx2, hy2), kind = spec
        pen.curve(top, (sx, sy), (ex, ey), (hx2, hy2), arm_w, outline=True)
        _hand(pen, hx2, hy2, 5.8, kind, skin, (hx2 - ex, hy2 - ey))

    if layer == "front":
        if not back:
            arm(near)
        return
    _hair_back(pen, style, hx, hy, r, hair)
    # Lap (seated), neck and torso (a rounded trapezoid; narrower when turned).
    bt = 1.0 if back else look["body_turn"]
    half = 30 * (1.0 - 0.15 * bt)
    cx = 50 + lean * 4
    pen.poly(legs_col, [(cx - half - 4, 134), (cx + half + 4, 134), (cx + half + 8, 160), (cx - half - 8, 160)],
             outline=True)
    pen.stroke(_mix(legs_col, INK, 0.35), [(cx, 142), (cx, 160)], 1.4)
    pen.stroke(skin, [(hx, hy + r * 0.8), (cx, 66)], 11, outline=True)
    torso = ([(cx - half + 6, 66), (cx + half - 6, 66)]
             + pen.ellipse_pts(cx + half - 7, 73, 7, 7, a0=-0.5 * math.pi, a1=0.0, n=8)
             + [(cx + half - 3, 140), (cx - half + 3, 140)]
             + pen.ellipse_pts(cx - half + 7, 73, 7, 7, a0=math.pi, a1=1.5 * math.pi, n=8))
    pen.poly(top, torso, outline=True)
    if not back:
        if role == "caregiver":  # round neckline
            pen.poly(skin, pen.ellipse_pts(cx + turn * 2, 66, 8, 5.5, a0=0.0, a1=math.pi, n=14))
        else:  # white shirt collar in the V of a cardigan, with buttons
            v = [(cx - 9 + turn * 3, 66), (cx + 9 + turn * 3, 66), (cx + turn * 5, 92)]
            pen.poly(STRANGER_SHIRT, v, outline=True)
            pen.poly(STRANGER_SHIRT, [(cx - 9 + turn * 3, 66), (cx - 2 + turn * 3, 66), (cx - 6 + turn * 3, 74)],
                     outline=True)
            pen.poly(STRANGER_SHIRT, [(cx + 2 + turn * 3, 66), (cx + 9 + turn * 3, 66), (cx + 6 + turn * 3, 74)],
                     outline=True)
            for y in (102, 116, 130):
                pen.circle(top_dark, cx + turn * 5, y, 1.8)
    high = look["arms"] in ("peekaboo", "cheeks", "bye", "open")
    if not high:
        if back:
            arm(near)
        arm(far)
    # Head.
    if back:
        pen.ellipse(skin, hx, hy, r, r * 1.05, outline=True)
        for s in (-1, 1):
            pen.ellipse(skin, hx + s * r * 0.98, hy + 3, 3.6, 5.2, outline=True)
        _hair_front(pen, style, hx, hy, r, hair, turn, back=True)
    else:
        near_side = 1 if turn >= 0 else -1
        ear_x = hx - near_side * r * (0.9 - 0.35 * abs(turn))
        pen.turn = (look["roll"] * 0.4, hx, hy + r) if look["roll"] else None
        pen.ellipse(skin, ear_x, hy + 2, 3.8, 5.4, outline=True)
        pen.ellipse(skin, hx, hy, r, r * 1.08, outline=True)
        _hair_front(pen, style, hx, hy, r, hair, turn, back=False)
        _face(pen, hx, hy, r, look, skin, shade, hair, adult=True)
        if role == "stranger":  # glasses
            fx = hx + turn * r * 0.4
            ex = r * 0.36 * (1.0 - 0.28 * abs(turn))
            ey = hy + r * 0.02 - r * 0.05 + look["tilt"] * r * 0.22
            for s in (-1, 1):
                pen.stroke(GLASSES, pen.ellipse_pts(fx + s * ex, ey, r * 0.27, r * 0.21, n=28), 1.5)
            pen.stroke(GLASSES, [(fx - ex + r * 0.27, ey - 1), (fx + ex - r * 0.27, ey - 1)], 1.4)
        if role == "caregiver":  # small earring
            pen.circle(TOY_C, ear_x, hy + 8, 1.7, outline=True)
        pen.turn = None
    if high:
        arm(far)
    if not back and layer == "all":
        arm(near)
    if look["prop"] == "toy":
        hx2, hy2 = near[2]
        _toy(pen, hx2 + 2, hy2 - 10, 7.5)
        _hand(pen, hx2, hy2, 5.8, "fist", skin)
    elif look["prop"] == "phone":
        pen.poly(PHONE, [(39, 90), (61, 90), (61, 104), (39, 104)], outline=True)
        pen.poly(PHONE_GLOW, [(41, 91.5), (59, 91.5), (59, 102.5), (41, 102.5)])
        for s in (-1, 1):
            _hand(pen, 50 + s * 11, 103, 5.8, "fist", skin)
    if look["arms"] == "pat":
        hx2, hy2 = near[2]
        for k in (1.0, 1.6):
            pen.stroke(MARK_SOFT, [(hx2 + 7 * k * math.cos(a), hy2 + 7 * k * math.sin(a))
                                   for a in [(-1.3 + 1.0 * j / 6) for j in range(7)]], 1.3)
    marks = look["marks"]
    if marks == "motion":
        for s in (-1, 1):
            for j, a in enumerate((-0.6, 0.0, 0.6)):
                x0 = 50 + s * 40
                pen.stroke(MARK_WARM, [(x0 + s * 3 * math.cos(a), 32 + 10 * j),
                                       (x0 + s * 9 * math.cos(a), 30 + 10 * j)], 1.6)
    elif marks == "leave":
        for j in range(3):  # trailing lines: moving away from the infant
            y = 96 + j * 12
            pen.stroke(MARK_SOFT, [(82 + j * 2, y), (94 + j * 2, y)], 2.0)
    elif marks != "none":
        _marks(pen, marks, hx, hy, r, side=1)


# --- Rendering with a cache --------------------------------------------------------------------------

_CACHE: "OrderedDict[tuple, pygame.Surface]" = OrderedDict()
_CACHE_MAX = 160


def _key(look: dict) -> tuple:
    return tuple(sorted(look.items()))


def _render(kind: str, look: dict, w: int, h: int) -> pygame.Surface:
    """The figure at exactly (w, h) pixels (transparent background), from the cache when possible."""
    key = (kind, _key(look), w, h)
    surf = _CACHE.get(key)
    if surf is not None:
        _CACHE.move_to_end(key)
        return surf
    ss = 3 if h <= 200 else 2
    big = pygame.Surface((w * ss, h * ss), pygame.SRCALPHA)
    uw, uh = (INFANT_W, INFANT_H) if kind == "infant" else (ADULT_W, ADULT_H)
    scale, ox, oy = _fit(w * ss, h * ss, uw, uh)
    pen = _Pen(big, scale, ox, oy, uw, flip=look.get("facing", 1) < 0)
    if kind == "infant":
        _draw_infant(pen, look)
    else:
        _draw_adult(pen, look, layer={"adult": "all", "adult_back": "back", "adult_front": "front"}[kind])
    surf = pygame.transform.smoothscale(big, (w, h))
    _CACHE[key] = surf
    if len(_CACHE) > _CACHE_MAX:
        _CACHE.popitem(last=False)
    return surf


def _fit(w: float, h: float, uw: float, uh: float) -> tuple[float, float, float]:
    """Scale and origin that fit a uw x uh unit canvas in w x h pixels: centred, bottom-aligned."""
    scale = min(w / uw, h / uh)
    return scale, (w - uw * scale) / 2, h - uh * scale


def draw_infant(surface: pygame.Surface, rect, look: dict) -> None:
    """Draw the infant described by ``look`` into ``rect`` (aspect 100:120 kept, feet on the bottom)."""
    rect = pygame.Rect(rect)
    if rect.w < 4 or rect.h < 4:
        return
    surface.blit(_render("infant", look, rect.w, rect.h), rect.topleft)


def draw_adult(surface: pygame.Surface, rect, role: str, look: dict) -> None:
    """Draw the caregiver or the stranger (``role``) into ``rect`` (aspect 100:160 kept); absent draws nothing."""
    rect = pygame.Rect(rect)
    if not look.get("present", True) or rect.w < 4 or rect.h < 4:
        return
    if look.get("role") != role:
        look = dict(look, role="stranger" if role == "stranger" else "caregiver")
    surface.blit(_render("adult", look, rect.w, rect.h), rect.topleft)


#: Where a held infant sits in the adult's canvas (units): x0, y0, x1, y1 in canonical orientation.
HELD_BOX = (34.0, 60.0, 100.0, 139.0)


def held_rect(rect, adult: dict) -> pygame.Rect:
    """The pixel rect in which ``draw_held`` puts the infant, for an adult drawn in ``rect``."""
    rect = pygame.Rect(rect)
    scale, ox, oy = _fit(rect.w, rect.h, ADULT_W, ADULT_H)
    x0, y0, x1, y1 = HELD_BOX
    if adult.get("facing", -1) < 0:
        x0, x1 = ADULT_W - x1, ADULT_W - x0
    return pygame.Rect(round(rect.x + ox + x0 * scale), round(rect.y + oy + y0 * scale),
                       round((x1 - x0) * scale), round((y1 - y0) * scale))


def draw_held(surface: pygame.Surface, rect, role: str, adult: dict, infant: dict) -> None:
    """Draw the adult (in ``rect``) holding the infant in its arms: body, then infant, then the near arm.

    The infant turns toward the adult and its legs dangle; the adult's face and marks follow its look
    (hold, soothe, validate, ...) and its arms always cradle.
    """
    rect = pygame.Rect(rect)
    if rect.w < 4 or rect.h < 4:
        return
    adult = dict(adult, role="stranger" if role == "stranger" else "caregiver", arms="cradle", prop="none",
                 lean=min(0.0, adult.get("lean", 0.0)))
    infant = dict(infant, legs="held", facing=-1 if adult.get("facing", -1) >= 0 else 1)
    surface.blit(_render("adult_back", adult, rect.w, rect.h), rect.topleft)
    draw_infant(surface, held_rect(rect, adult), infant)
    surface.blit(_render("adult_front", adult, rect.w, rect.h), rect.topleft)


# --- Gallery -----------------------------------------------------------------------------------------

#: Representative states per behaviour for the gallery and the tests.
SAMPLE_STATES: dict[str, dict] = {
    "look": dict(positive_affect=0.25, negative_affect=0.1, gaze=0.9, arousal=0.3),
    "smile": dict(positive_affect=0.9, negative_affect=0.0, gaze=0.9, arousal=0.45),
    "bid": dict(positive_affect=0.6, negative_affect=0.15, gaze=0.8, arousal=0.5),
    "fuss": dict(positive_affect=0.05, negative_affect=0.55, gaze=0.3, arousal=0.6),
    "cry": dict(positive_affect=0.0, negative_affect=0.95, gaze=0.1, arousal=0.95),
    "reach": dict(positive_affect=0.2, negative_affect=0.45, gaze=0.8, arousal=0.6),
    "approach": dict(positive_affect=0.3, negative_affect=0.3, gaze=0.8, arousal=0.5),
    "cling": dict(positive_affect=0.2, negative_affect=0.35, gaze=0.6, arousal=0.55),
    "resist": dict(positive_affect=0.0, negative_affect=0.8, gaze=0.5, arousal=0.85),
    "avoid": dict(positive_affect=0.05, negative_affect=0.2, gaze=0.0, arousal=0.6),
    "self_soothe": dict(positive_affect=0.05, negative_affect=0.4, gaze=0.1, arousal=0.6),
    "explore": dict(positive_affect=0.5, negative_affect=0.05, gaze=0.1, arousal=0.35),
    "freeze": dict(positive_affect=0.0, negative_affect=0.4, gaze=0.3, arousal=0.8),
    "look_away": dict(positive_affect=0.1, negative_affect=0.15, gaze=0.1, arousal=0.35),
    "search": dict(positive_affect=0.0, negative_affect=0.45, gaze=0.0, arousal=0.65),
}

SOBER_STATE = dict(positive_affect=0.05, negative_affect=0.5, gaze=0.7, arousal=0.5)


def render_gallery(path, sizes=(300, 120)) -> pygame.Surface:
    """Draw every infant behaviour and adult action, labelled, at each height in ``sizes``; save a PNG."""
    from pathlib import Path

    if not pygame.font.get_init():
        pygame.font.init()
    from simulator.paths import FONT_DIR

    font_path = FONT_DIR / "Lato-Bold.ttf"
    bg = (244, 231, 211)
    items = [("infant", b, infant_look(SAMPLE_STATES[b], b, contact=(b == "cling"), near=True,
                                       skin=i % len(SKIN_TONES)))
             for i, b in enumerate(BEHAVIOUR_IDS)]
    items.append(("infant", "look (sober)", infant_look(SOBER_STATE, "look", False, False, skin=2)))
    items += [("infant", f"3 months: {b}", infant_look(SAMPLE_STATES[b], b, skin=(i + 2) % len(SKIN_TONES),
                                                       age_months=3.0))
              for i, b in enumerate(("look", "smile", "fuss", "cry", "look_away", "self_soothe", "reach"))]
    items += [("caregiver", a, adult_look(a, True, "caregiver")) for a in ACTION_IDS]
    items += [("stranger", a, adult_look(a, True, "stranger", hair="short", grey=True))
              for a in ("smile", "coo", "play", "offer_toy", "wait", "leave")]
    # Hair styles (any of them for anyone; people_skins chooses per person and seed).
    items += [("caregiver", f"hair: {h}" + (", grey" if k == 3 else ""),
               adult_look("smile", True, "caregiver", skin=(k + 2) % len(SKIN_TONES), hair=h, grey=k == 3))
              for k, h in enumerate(ADULT_HAIR)]
    items += [("infant", f"hair: {h}", infant_look(SAMPLE_STATES["smile"], "smile", skin=(k + 1) % len(SKIN_TONES),
                                                   hair=h)) for k, h in enumerate(INFANT_HAIR)]
    for role, act, beh in (("caregiver", "hold", "cling"), ("caregiver", "soothe", "cry"),
                           ("caregiver", "hold", "resist"), ("stranger", "hold", "fuss")):
        items.append((("held", role, act), f"{'stranger: ' if role == 'stranger' else ''}{act} + {beh}",
                      (adult_look(act, True, role), infant_look(SAMPLE_STATES[beh], beh, True, True, skin=2))))
    rows = []
    sheet_w = None
    for h in sizes:
        font = pygame.font.Font(str(font_path), max(12, int(h * 0.08)))
        iw = int(h * 0.95)
        cell_w, cell_h = iw + 12, h + font.get_linesize() + 14
        cols = 8 if sheet_w is None else max(8, (sheet_w - 12) // cell_w)
        sheet_w = sheet_w or cols * cell_w + 12
        n = len(items)
        nrows = (n + cols - 1) // cols
        sheet = pygame.Surface((cols * cell_w + 12, nrows * cell_h + 12))
        sheet.fill(bg)
        for i, (who, label, look) in enumerate(items):
            cx, cy = 12 + (i % cols) * cell_w, 12 + (i // cols) * cell_h
            pygame.draw.rect(sheet, (250, 242, 228), (cx, cy, cell_w - 12, cell_h - 12), border_radius=8)
            area = pygame.Rect(cx, cy + 4, cell_w - 12, h)
            if who == "infant":
                ih = int(h * 0.8)
                draw_infant(sheet, pygame.Rect(cx, cy + 4 + h - ih, cell_w - 12, ih), look)
            elif isinstance(who, tuple):
                draw_held(sheet, area, who[1], look[0], look[1])
            else:
                draw_adult(sheet, area, who, look)
            text = font.render(label if who != "stranger" else "stranger: " + label, True, INK)
            if text.get_width() > cell_w - 16:
                text = pygame.transform.smoothscale(
                    text, (cell_w - 16, int(text.get_height() * (cell_w - 16) / text.get_width())))
            sheet.blit(text, (cx + 4, cy + h + 6))
        rows.append(sheet)
    width = max(s.get_width() for s in rows)
    out = pygame.Surface((width, sum(s.get_height() for s in rows)))
    out.fill(bg)
    y = 0
    for s in rows:
        out.blit(s, (0, y))
        y += s.get_height()
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(out, str(p))
    return out


if __name__ == "__main__":  # python -m simulator.view.drawing.figures [out.png]
    import sys

    render_gallery(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots/figures_gallery.png")
