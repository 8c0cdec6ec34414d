"""The playroom shared by Play, Observer mode and replays: backdrop, infant and adults, narration and captions.

Everything is drawn from plain values (a state snapshot, a behaviour id, action ids), so a live session
and a recorded trajectory row look exactly the same. Narration (an episode's instructions, a short
notice) is wrapped whole along the top of the room, in smaller type only when it would otherwise cover
more than half of the room.
"""

from __future__ import annotations

import pygame

from . import figures
from .. import strings as S
from .. import theme
from ..widgets import mix, paragraph, paragraph_height, text, wrap

#: Where the room and the caption under it sit in the 1280x720 design (scenes lay out their own).
ROOM = pygame.Rect(16, 68, 736, 384)
CAPTION = pygame.Rect(16, 458, 736, 40)
# Figure sizes and positions relative to the room, in design px for the design room; scaled with the room
# (room_scale) so the people keep their proportions in any window.
INFANT_W, INFANT_H = _INFANT_W, _INFANT_H = 170, 204
ADULT_W, ADULT_H = _ADULT_W, _ADULT_H = 178, 285
CAREGIVER_X, STRANGER_X_WITH_CAREGIVER, INFANT_X = 380, 540, 150


NARRATION_MAX_SHARE = 0.5  # the narration box covers at most this share of the room's height
NARRATION_PAD = (16, 7)  # px inside the narration box, (left and right, top and bottom)


#: From this flatness of the caregiver's expression (0-1, ``Caregivers.flat``: depressive symptoms, fatigue)
#: the figure's face is drawn flat.
FLAT_FACE_MIN = 0.3


def room_scale(room: pygame.Rect) -> float:
    """Window px per design px for the figures in ``room`` (the design room is 736x384)."""
    return max(0.3, min(room.w / ROOM.w, room.h / ROOM.h))


def narration_layout(app, message: str, room: pygame.Rect = ROOM):
    """The font, wrapped lines and box (canvas px) of ``message`` along the top of ``room``.

    Type is SIZE_SMALL at the current text size, stepping down (to SIZE_TINY at the least) only when the
    whole message would need a box taller than ``NARRATION_MAX_SHARE`` of the room.
    """
    px, py = (app.px(v) for v in NARRATION_PAD)
    width = room.w - app.px(24) - 2 * px
    max_h = int(room.h * NARRATION_MAX_SHARE)
    for size in range(theme.SIZE_SMALL, theme.SIZE_TINY - 1, -1):
        f = app.font(size)
        h = paragraph_height(f, message, width) + 2 * py
        if h <= max_h:
            break
    return f, wrap(f, message, width), pygame.Rect(room.x + app.px(12), room.y + app.px(8), room.w - app.px(24), h)


def narration_seconds(message: str) -> float:
    """How long (real seconds) narration stays up: long enough to read it aloud, never under the minimum."""
    return max(theme.NARRATION_MIN_S, len(message.split()) / theme.NARRATION_WORDS_PER_S)


def draw_narration(surface: pygame.Surface, app, message: str, room: pygame.Rect = ROOM,
                   hint: str | None = None) -> pygame.Rect:
    """The whole of ``message`` on a paper-coloured box along the top of the room; returns the box.

    ``hint`` (e.g. how to close it) goes on a small tab under the box's right end, included in the
    returned rect.
    """
    p = app.palette
    f, _, box = narration_layout(app, message, room)
    fill = mix(p.panel, p.bg, 0.2)
    whole = box
    u = app.px
    if hint:
        hf = app.font(theme.SIZE_TINY)
        tw, th = hf.size(hint)
        tab = pygame.Rect(box.right - tw - u(28), box.bottom - u(10), tw + u(20), th + u(14))
        pygame.draw.rect(surface, fill, tab, border_radius=u(8))
        pygame.draw.rect(surface, p.line, tab, width=1, border_radius=u(8))
        text(surface, hf, hint, (tab.x + u(10), tab.bottom - th - u(5)), p.ink_soft)
        whole = box.union(tab)
    pygame.draw.rect(surface, fill, box, border_radius=u(10))
    pygame.draw.rect(surface, p.line, box, width=1, border_radius=u(10))
    px, py = (u(v) for v in NARRATION_PAD)
    paragraph(surface, f, message, box.inflate(-2 * px, -2 * py), p.ink)
    return whole


def draw_backdrop(surface: pygame.Surface, palette, room: pygame.Rect = ROOM, unit: float | None = None
                  ) -> pygame.Rect:
    """Walls, floor, rug, the door (where the caregiver leaves and returns) and a window; returns the floor.
    Sizes follow the room (``room_scale``); ``unit`` is kept for callers that pass the app's layout unit."""
    p = palette
    k = room_scale(room)

    def u(n):
        return max(1, int(round(n * k)))

    pygame.draw.rect(surface, p.room_wall, room, border_radius=u(14))
    floor = pygame.Rect(room.x, room.y + int(room.h * 0.62), room.w, room.h - int(room.h * 0.62))
    pygame.draw.rect(surface, p.room_floor, floor, border_bottom_left_radius=u(14), border_bottom_right_radius=u(14))
    pygame.draw.ellipse(surface, p.room_rug, (room.x + u(70), floor.y + u(40), u(420), u(92)))
    door = pygame.Rect(room.right - u(118), room.y + u(46), u(84), floor.y - room.y - u(46) + u(8))
    pygame.draw.rect(surface, mix(p.room_floor, (120, 80, 50), 0.35), door, border_top_left_radius=u(6),
                     border_top_right_radius=u(6))
    pygame.draw.circle(surface, (230, 190, 90), (door.x + u(14), door.centery + u(10)), u(4))
    win = pygame.Rect(room.x + u(40), room.y + u(34), u(130), u(96))
    pygame.draw.rect(surface, (212, 232, 240), win, border_radius=u(6))
    pygame.draw.rect(surface, mix(p.room_wall, (0, 0, 0), 0.25), win, width=u(4), border_radius=u(6))
    pygame.draw.line(surface, mix(p.room_wall, (0, 0, 0), 0.25), win.midtop, win.midbottom, u(3))
    return floor


def _label(surface, font, label: str, cx: int, y: int, colour, room: pygame.Rect,
           clear_of: pygame.Rect | None = None) -> pygame.Rect:
    """A label centred under a figure, kept inside the room; returns where it went. With ``clear_of`` (the
    infant's label on the same line), a label that would crowd it starts a clear gap to its right instead,
    where that still fits in the room."""
    w = min(font.size(label)[0], room.w - 24)
    x = min(max(cx - w // 2, room.x + 12), room.right - 12 - w)
    if clear_of is not None:
        gap = label_gap(font)
        start = clear_of.right + gap
        if x < start and x + w > clear_of.x - gap and start + w <= room.right - 12:
            x = start
    return text(surface, font, label, (x, y), colour, max_width=room.w - 24)


def label_gap(font: pygame.font.Font) -> int:
    """px: the clear space between two figures' labels on one line, two letters wide so they read apart."""
    return font.size("MM")[0]


def draw_people(surface: pygame.Surface, app, *, snap: dict, behaviour: str, contact: bool, near: bool,
                caregiver_present: bool, stranger_present: bool, caregiver_action: str | None = None,
                stranger_action: str | None = None, stranger_label: str = "Stranger",
                room: pygame.Rect = ROOM, caregiver_label: str | None = None, caregiver_flat: float = 0.0,
                skins: dict | None = None, age_months: float | None = None) -> None:
    """The infant (left, facing right) and whoever is present, each labelled with what they are doing.

    ``caregiver_action``/``stranger_action`` are action ids, or None when there is none yet (the adult is
    drawn neutral and labelled by name). The top strip of the room is left free for narration so it never
    covers a face. ``skins`` maps infant, caregiver and stranger to skin tones (see
    :func:`~.figures.people_skins`); the drawing's defaults where absent. ``age_months`` (None: drawn
    sitting) puts a young infant in an infant seat (:func:`~.figures.infant_look`).
    """
    skins = skins or {}
    p = app.palette
    cg, st = caregiver_present, stranger_present
    k = room_scale(room)

    def u(n):
        return int(round(n * k))

    INFANT_W, INFANT_H, ADULT_W, ADULT_H = u(_INFANT_W), u(_INFANT_H), u(_ADULT_W), u(_ADULT_H)
    floor_y = room.y + int(room.h * 0.62)
    base = floor_y + u(100)
    # Across the room: the design's x positions, stretched to the room's width.
    kx = room.w / ROOM.w
    cg_x = room.x + int(CAREGIVER_X * kx)
    st_x = room.x + int((STRANGER_X_WITH_CAREGIVER if cg else CAREGIVER_X) * kx)
    ix, iy = room.x + int(INFANT_X * kx), base - INFANT_H
    partner_x = cg_x if cg else (st_x if st else None)
    if partner_x is not None and near:
        ix = partner_x - INFANT_W + u(6)
    lf = app.font(theme.SIZE_TINY, bold=True)
    infant_look = figures.infant_look(snap, behaviour, contact, near, age_months=age_months,
                                      **({"skin": skins["infant"]} if "infant" in skins else {}),
                                      **figures.hair_of(skins, "infant"))
    # In contact, the partner (the caregiver, else the stranger) holds the infant in their arms.
    holder = ("caregiver" if cg else "stranger" if st else None) if contact else None
    # Where the infant's own label goes, under it (when not in arms): the caregiver's label keeps clear of it.
    spot = pygame.Rect((0, base + u(6)), lf.size(S.PLAY_INFANT))
    spot.centerx = ix + INFANT_W // 2
    if st:
        r = pygame.Rect(st_x, base - ADULT_H + u(8), ADULT_W, ADULT_H)
        look = figures.adult_look(stranger_action, True, "stranger", skin=skins.get("stranger"),
                                  **figures.hair_of(skins, "stranger"))
        if holder == "stranger":
            figures.draw_held(surface, r, "stranger", look, infant_look)
        else:
            figures.draw_adult(surface, r, "stranger", look)
        label = S.PLAY_ROLE_DOING.format(who=stranger_label, what=S.ACTION_CAPTIONS.get(stranger_action, stranger_action)) \
            if stranger_action else stranger_label
        _label(surface, lf, label, r.centerx, base + u(6) + (lf.get_linesize() if cg else 0), p.ink_soft, room)
    if cg:
        r = pygame.Rect(cg_x, base - ADULT_H, ADULT_W, ADULT_H)
        look = figures.adult_look(caregiver_action, True, "caregiver", skin=skins.get("caregiver"),
                                  **figures.hair_of(skins, "caregiver"))
        if caregiver_flat >= FLAT_FACE_MIN:  # low mood shows in the face: flat mouth and brows, no glow
            look.update(mouth="flat", brows="flat", blush=0.0)
        if holder == "caregiver":
            figures.draw_held(surface, r, "caregiver", look, infant_look)
        else:
            figures.draw_adult(surface, r, "caregiver", look)
        who = caregiver_label or S.PLAY_CAREGIVER
        label = S.PLAY_ROLE_DOING.format(who=who, what=caregiver_doing(caregiver_action, caregiver_flat)) \
            if caregiver_action else who
        cg_label = _label(surface, lf, label, r.centerx, base + u(6), p.ink, room,
                          clear_of=spot if holder is None else None)
    else:
        cg_label = None
    if holder is None:
        figures.draw_infant(surface, pygame.Rect(ix, iy, INFANT_W, INFANT_H), infant_look)
        gap = label_gap(lf)
        if cg_label is not None and spot.inflate(2 * gap, 0).colliderect(cg_label):
            spot.right = cg_label.x - gap  # beside the caregiver's label, a clear gap apart, not under it
            if spot.x < room.x + u(12):
                spot.topleft = (max(room.x + u(12), spot.x), cg_label.bottom)
        text(surface, lf, S.PLAY_INFANT, spot.topleft, p.ink_soft)


def caregiver_doing(action: str, flat: float = 0.0) -> str:
    """What the caregiver is seen doing, in words ("smiles warmly"); with a flat expression (``flat`` at least
    FLAT_FACE_MIN, as the face is drawn) the flattened act ("smiles, flatly"), so the words match the face."""
    if flat >= FLAT_FACE_MIN and action in S.ACTION_CAPTIONS_FLAT:
        return S.ACTION_CAPTIONS_FLAT[action]
    return S.ACTION_CAPTIONS.get(action, action)


def infant_caption(behaviour: str, caregiver_present: bool, stranger_present: bool,
                   stranger_label: str = "Stranger") -> str:
    """What the infant does, in words ("The infant reaches for the caregiver."): never colour alone."""
    stranger = S.WHO_STRANGER if stranger_label == S.PLAY_STRANGER else S.WHO_NAMED.format(
        name=stranger_label.lower())
    who = S.WHO_CAREGIVER if caregiver_present else stranger if stranger_present else None
    if who is None and behaviour in S.BEHAVIOUR_CAPTIONS_ALONE:
        what = S.BEHAVIOUR_CAPTIONS_ALONE[behaviour]
    else:
        what = S.BEHAVIOUR_CAPTIONS.get(behaviour, behaviour).format(who=who or S.WHO_CAREGIVER)
    return S.PLAY_CAPTION_INFANT.format(what=what)
