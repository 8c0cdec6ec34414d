"""Caregiver actions: the contract's ids, what each does to the infant's input channels, and when it matches.

Whoever chooses an action (the learner, a scripted policy, the stranger's protocol), the model sees
only its effect on a few input channels. Matching follows the contract in ``docs/contract.md``:
comfort-type actions match distress, play-type actions match positive engagement, ``wait`` matches
gaze aversion, and ``still_face``, ``phone``, ``intrude``, ``harsh`` and ``ignore`` never match
(Tronick 1989, Am. Psych. 44:112; Tronick & Cohn 1989, Child Dev. 60:85).
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np

from .behaviour import InfantState


class Action(IntEnum):
    """A caregiver action. Ids (lower-case names) are part of the contract; never rename."""

    SMILE = 0  # smile and affectionate look
    COO = 1  # talk softly / listen
    MIRROR = 2  # mirror the infant's expression
    PLAY = 3  # play (games, tickles, songs)
    TOUCH = 4  # gentle touch
    HOLD = 5  # pick up and hold (hug)
    SOOTHE = 6  # comfort, soothe
    VALIDATE = 7  # name and validate the feeling
    MAKE_AMENDS = 8  # "I'm sorry": reconnect after a rupture
    WAIT = 9  # give space: let the infant look away and come back
    OFFER_TOY = 10  # offer a toy: secure base for exploration
    STILL_FACE = 11  # hold a neutral, unresponsive face while looking at the infant
    PHONE = 12  # look at the phone: present but absorbed
    LEAVE = 13  # leave the room without a goodbye
    LEAVE_WITH_GOODBYE = 14  # leave with a brief warm goodbye
    RETURN_GREET = 15  # come back and greet the infant
    INTRUDE = 16  # intrusive over-stimulation
    HARSH = 17  # harsh voice or rough handling
    IGNORE = 18  # ignore the infant


N_ACTIONS = len(Action)
ACTION_IDS: tuple[str, ...] = tuple(a.name.lower() for a in Action)
ACTION_BY_ID: dict[str, Action] = {a.name.lower(): a for a in Action}

# --- Input channels --------------------------------------------------------------------------------
# One row per action. Values are dimensionless intensities in [0, 1] (warmth in [-1, 1]).
#   warmth      affective tone the infant perceives (harsh = -1, neutral = 0, warm = 1)
#   comfort     soothing power when offered to a distressed infant (co-regulation; Feldman 2007)
#   stimulation arousing input; too much of it, unmatched, is over-stimulation (Stern 1977)
#   threat      frightening input (harsh voice, rough handling; Main & Hesse 1990)
#   nonresponse how far the action withholds a contingent response from a present caregiver:
#               the violation at the heart of the still-face (Tronick et al. 1978)
#   contact     physical contact the action gives (1 = picked up and held, 0.5 = touch)
#   toy         a toy is offered (supports exploration from a secure base; Ainsworth et al. 1978)
_CHANNELS = ("warmth", "comfort", "stimulation", "threat", "nonresponse", "contact", "toy")
_TABLE = {
    #                        warmth comfort stim  threat nonresp contact toy
    Action.SMILE:            (1.0,  0.2,    0.3,  0.0,   0.0,    0.0,    0.0),
    Action.COO:              (0.8,  0.4,    0.2,  0.0,   0.0,    0.0,    0.0),
    Action.MIRROR:           (0.8,  0.2,    0.3,  0.0,   0.0,    0.0,    0.0),
    Action.PLAY:             (0.9,  0.0,    0.7,  0.0,   0.0,    0.0,    0.0),
    Action.TOUCH:            (0.7,  0.5,    0.2,  0.0,   0.0,    0.5,    0.0),
    Action.HOLD:             (0.9,  1.0,    0.1,  0.0,   0.0,    1.0,    0.0),
    Action.SOOTHE:           (1.0,  1.0,    0.0,  0.0,   0.0,    0.0,    0.0),
    Action.VALIDATE:         (0.9,  0.6,    0.0,  0.0,   0.0,    0.0,    0.0),
    Action.MAKE_AMENDS:      (1.0,  0.8,    0.1,  0.0,   0.0,    0.0,    0.0),
    Action.WAIT:             (0.3,  0.1,    0.0,  0.0,   0.0,    0.0,    0.0),
    Action.OFFER_TOY:        (0.6,  0.1,    0.3,  0.0,   0.0,    0.0,    1.0),
    Action.STILL_FACE:       (0.0,  0.0,    0.0,  0.0,   1.0,    0.0,    0.0),
    Action.PHONE:            (0.0,  0.0,    0.0,  0.0,   1.0,    0.0,    0.0),
    Action.LEAVE:            (0.0,  0.0,    0.0,  0.0,   0.0,    0.0,    0.0),
    Action.LEAVE_WITH_GOODBYE: (0.6, 0.2,   0.1,  0.0,   0.0,    0.0,    0.0),
    Action.RETURN_GREET:     (1.0,  0.4,    0.3,  0.0,   0.0,    0.0,    0.0),
    Action.INTRUDE:          (0.2,  0.0,    1.0,  0.4,   0.3,    0.5,    0.0),
    Action.HARSH:            (-1.0, 0.0,    0.5,  1.0,   0.6,    0.0,    0.0),
    Action.IGNORE:           (0.0,  0.0,    0.0,  0.0,   1.0,    0.0,    0.0),
}
#: ``CHANNELS[name]`` is a float array of shape (N_ACTIONS,), indexed by action code.
CHANNELS: dict[str, np.ndarray] = {
    name: np.array([_TABLE[a][k] for a in Action], dtype=np.float64) for k, name in enumerate(_CHANNELS)
}

# --- Matching (contract) ------------------------------------------------------------------------------
_S = InfantState
_MATCHES = {
    Action.SMILE: (_S.POSITIVE,),
    Action.COO: (_S.ATTENDING, _S.DISTRESSED),
    Action.MIRROR: (_S.POSITIVE, _S.ATTENDING),
    Action.PLAY: (_S.POSITIVE,),
    Action.TOUCH: (_S.SEEKING, _S.DISTRESSED),
    Action.HOLD: (_S.SEEKING, _S.DISTRESSED),
    Action.SOOTHE: (_S.SEEKING, _S.DISTRESSED),
    Action.VALIDATE: (_S.DISTRESSED,),
    Action.MAKE_AMENDS: (_S.DISTRESSED, _S.AVERTED),
    Action.WAIT: (_S.AVERTED, _S.EXPLORING),
    Action.OFFER_TOY: (_S.EXPLORING,),
    Action.RETURN_GREET: (_S.POSITIVE, _S.ATTENDING, _S.SEEKING, _S.DISTRESSED),  # greeting fits any
    # still_face, phone, intrude, harsh, ignore, leave, leave_with_goodbye never match.
}
#: ``MATCH_BY_STATE[state, action]`` is True when the action fits an infant in that coarse state.
MATCH_BY_STATE = np.zeros((len(InfantState), N_ACTIONS), dtype=bool)
for _action, _states in _MATCHES.items():
    for _state in _states:
        MATCH_BY_STATE[_state, _action] = True

#: Actions that take the caregiver out of the room until ``return_greet``.
LEAVING = np.zeros(N_ACTIONS, dtype=bool)
LEAVING[[Action.LEAVE, Action.LEAVE_WITH_GOODBYE]] = True

#: Actions a caregiver can do with the baby in their arms (hold, soothe, name the feeling, make amends).
#: The learner's hands follow the learner's choice: choosing any other action (a face-to-face smile,
#: play, a toy, the phone) puts a held baby down at once, so the picture always shows what was chosen
#: (``Session`` applies this to the learner's caregiver only; scripted policies keep the kernel's
#: put-down hazard, ``P_PUT_DOWN``).
KEEPS_HOLD = np.zeros(N_ACTIONS, dtype=bool)
KEEPS_HOLD[[Action.HOLD, Action.SOOTHE, Action.VALIDATE, Action.MAKE_AMENDS]] = True

#: Actions that never match, whatever the infant does (the contract's list).
NEVER_MATCH = (Action.STILL_FACE, Action.PHONE, Action.INTRUDE, Action.HARSH, Action.IGNORE)


def action_code(action_id: str) -> Action:
    """Return the :class:`Action` for an id, raising ``KeyError`` with the valid ids if unknown."""
    try:
        return ACTION_BY_ID[action_id]
    except KeyError:
        raise KeyError(f"unknown action {action_id!r}; valid: {', '.join(ACTION_IDS)}") from None


def matches(action: int, state: int) -> bool:
    """True when ``action`` fits an infant in coarse ``state`` (an :class:`InfantState`)."""
    return bool(MATCH_BY_STATE[state, action])
