"""Play's action panel for a tired caregiver (a scenario with tiredness): the scenario's actions, an energy bar,
what tiredness puts out of reach, and the self-care buttons (ask for help, a short safe break, come back).

Reads ``Session.tiredness`` and ``Session.self_care_options()``; the learner's choices go to the model only
through ``Session.set_action`` (self-care ids included), like every other action.
"""

from __future__ import annotations

import pygame

from ...model.actions import ACTION_IDS
from ...model.tiredness import SELF_CARE_IDS
from .. import strings as S
from .. import theme
from ..widgets import Button, mix, paragraph_full, text

_BUTTON_H, _GAP = 31, 4  # design px: an action button's height and the gap between rows
#: Height (design px) of a self-care button (the energy bar and its notes fill the panel below them).
_SELF_CARE_H = 38


def shown_actions(scenario) -> list[str]:
    """The actions of the scenario's learner episodes, in contract order (all actions if any episode allows all)."""
    seen: set[str] = set()
    for ep in scenario.episodes:
        if ep.caregiver == "learner" or ep.learner_can_break:
            if ep.allowed_actions is None:
                return list(ACTION_IDS)
            seen.update(ep.allowed_actions)
    return [a for a in ACTION_IDS if a in seen] or list(ACTION_IDS)


def layout(scene, panel: pygame.Rect, allowed: set[str], holding: str | None, action_key, top: int | None = None,
           button_h: int | None = None) -> list[Button]:
    """The buttons of the tired caregiver's panel: the scenario's actions in two columns, then self-care,
    from ``top`` (px; default under the panel's title) with buttons ``button_h`` px tall (default: the design's,
    at the window's layout unit).

    Also sets ``scene.energy_rect``, where :func:`draw_energy` paints the energy bar and its notes.
    """
    s = scene.session
    u = scene.app.px
    items = []
    x0, y0 = panel.x + u(14), (panel.y + u(66) if top is None else top)
    BUTTON_W = (panel.w - 2 * u(14) - u(8)) // 2
    BUTTON_H = button_h or u(_BUTTON_H)
    GAP = u(_GAP)
    SELF_CARE_H = max(u(_SELF_CARE_H), BUTTON_H + u(6))
    actions = shown_actions(s.scenario)
    rows = (len(actions) + 1) // 2
    for k, aid in enumerate(actions):
        col, row = divmod(k, rows)
        key, cap = action_key(aid)
        items.append(Button((x0 + col * (BUTTON_W + u(8)), y0 + row * (BUTTON_H + GAP), BUTTON_W, BUTTON_H),
                            S.ACTION_LABELS[aid], lambda aid=aid: scene.choose(aid), key=key, key_label=cap,
                            locked=aid not in allowed, selected=aid == holding, ident=f"action:{aid}",
                            font_size=16))
    y = y0 + rows * (BUTTON_H + GAP) + u(6)
    open_now = set(s.self_care_options()) if not scene.demo else set()
    choices = ("ask_for_help", "come_back" if s.tiredness is not None and s.tiredness.on_break else "take_break")
    for k, cid in enumerate(choices):
        letter = S.SELF_CARE_KEYS[cid]
        items.append(Button((x0 + k * (BUTTON_W + u(8)), y, BUTTON_W, SELF_CARE_H), S.SELF_CARE_LABELS[cid],
                            lambda cid=cid: scene.self_care(cid), key=pygame.key.key_code(letter),
                            key_label=letter.upper(), locked=cid not in open_now, ident=f"self_care:{cid}",
                            style="primary" if cid in open_now else "normal", font_size=16))
    y += SELF_CARE_H + u(10)
    scene.energy_rect = pygame.Rect(x0, y, panel.w - 2 * u(14), panel.bottom - u(8) - y)
    return items


def status_line(session) -> tuple[str, bool]:
    """One line about the learner's tiredness now, and whether it is a resting message."""
    t = session.tiredness
    e = min(int(session.episode[0]), session.E - 1)
    if session.scenario.episodes[e].caregiver != "learner":
        return S.TIRED_RESTING_EPISODE, True
    if t.helping:
        return S.TIRED_RESTING_HELP.format(s=t.help_left_s), True
    if t.on_break:
        return S.TIRED_RESTING_BREAK, True
    if t.lapse_left_s > 0:
        return S.TIRED_DRIFTING, False
    out = t.out_of_reach(shown_actions(session.scenario))
    if out:
        return S.TIRED_OUT_OF_REACH.format(actions=", ".join(S.ACTION_LABELS[a] for a in out)), False
    return S.TIRED_ALL_IN_REACH, False


def draw_energy(surface: pygame.Surface, app, session, rect: pygame.Rect) -> None:
    """The energy bar (1 - tiredness) with the response delay, and one line on what tiredness does now."""
    t = session.tiredness
    if t is None or rect is None:
        return
    p = app.palette
    lf = app.font(theme.SIZE_SMALL, bold=True)
    u = app.px
    lab = text(surface, lf, S.TIRED_ENERGY, (rect.x, rect.y), p.ink)
    lag = S.TIRED_LAG.format(s=t.response_lag_s) if t.response_lag_s >= 0.5 else S.TIRED_LAG_NONE
    bar = pygame.Rect(lab.right + u(12), rect.y + u(4), rect.right - lab.right - u(12), max(u(10), lab.h - u(8)))
    pygame.draw.rect(surface, mix(p.panel, p.line, 0.6), bar, border_radius=u(5))
    energy = 1.0 - t.level
    colour = p.ok if energy >= 0.5 else theme.OI_ORANGE
    pygame.draw.rect(surface, colour, (bar.x, bar.y, int(bar.w * energy), bar.h), border_radius=u(5))
    pygame.draw.rect(surface, p.line, bar, width=1, border_radius=u(5))
    line, resting = status_line(session)
    if not resting:
        line = f"{lag} {line}"
    sf = app.font(theme.SIZE_TINY)
    paragraph_full(surface, sf, line, rect.x, lab.bottom + u(4), rect.w, p.ink if resting else p.ink_soft)


def pending_note(session) -> str | None:
    """'Starting soon: X' while a tired caregiver's chosen action waits to start, else None."""
    t = session.tiredness
    if t is None or t.pending is None:
        return None
    return S.TIRED_PENDING.format(action=S.ACTION_LABELS[ACTION_IDS[int(t.pending)]])


__all__ = ["layout", "draw_energy", "pending_note", "shown_actions", "SELF_CARE_IDS"]
