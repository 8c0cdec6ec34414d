"""The infant's observable behaviours: codes, names, and the coarse state each one signals.

Behaviours are what an observer codes (Tronick's monadic phases, Ainsworth's behaviour records).
The model draws one behaviour per infant per step; scoring reads only these codes, never the
latent state. Codes are small integers so a batch log is a compact ``uint8`` array.
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np


class Behaviour(IntEnum):
    """One observable behaviour, as a coder would name it."""

    LOOK = 0  # looks at the partner, calm, attending
    SMILE = 1  # smiles at the partner
    BID = 2  # social bid: smiles/vocalises/gestures to (re-)engage the partner
    FUSS = 3  # fusses, whimpers, frets (moderate negative affect)
    CRY = 4  # cries hard
    REACH = 5  # reaches / signals to be picked up
    APPROACH = 6  # crawls or walks toward the partner
    CLING = 7  # clings to the partner while held
    RESIST = 8  # pushes away, kicks, squirms while in contact (angry resistance)
    AVOID = 9  # turns away from / ignores the partner
    SELF_SOOTHE = 10  # sucks thumb, rubs, rocks: self-comforting
    EXPLORE = 11  # plays with or examines toys
    FREEZE = 12  # stills, dazed expression, disoriented (disorganised marker)
    LOOK_AWAY = 13  # calm, looking elsewhere (neutral disengagement, gaze aversion)
    SEARCH = 14  # goes to the door, looks at the door or the empty chair: searches for the caregiver


N_BEHAVIOURS = len(Behaviour)

#: Lower-case ids used in CSV files, captions and the GUI.
BEHAVIOUR_IDS: tuple[str, ...] = tuple(b.name.lower() for b in Behaviour)


class InfantState(IntEnum):
    """The coarse state a behaviour signals; the contract's matching rule is phrased in these.

    Finer than "engaged/not engaged" because Tronick's matching is between affective states: a
    boisterous game does not match a quietly attending infant (Tronick & Cohn 1989; Tronick 1989).
    """

    POSITIVE = 0  # positive engagement: smiling, bidding
    ATTENDING = 1  # calm attention to the partner
    SEEKING = 2  # proximity and contact seeking: reaching, approaching, clinging
    DISTRESSED = 3  # fussing, crying, resisting, freezing
    AVERTED = 4  # gaze aversion, turning away, self-comforting
    EXPLORING = 5  # attention on toys or the room (secure-base exploration, search)


#: ``SIGNALS[b]`` is the :class:`InfantState` a behaviour code signals (shape (N_BEHAVIOURS,)).
SIGNALS = np.array(
    [
        InfantState.ATTENDING,  # look
        InfantState.POSITIVE,  # smile
        InfantState.POSITIVE,  # bid
        InfantState.DISTRESSED,  # fuss
        InfantState.DISTRESSED,  # cry
        InfantState.SEEKING,  # reach
        InfantState.SEEKING,  # approach
        InfantState.SEEKING,  # cling
        InfantState.DISTRESSED,  # resist
        InfantState.AVERTED,  # avoid
        InfantState.AVERTED,  # self_soothe
        InfantState.EXPLORING,  # explore
        InfantState.DISTRESSED,  # freeze
        InfantState.AVERTED,  # look_away
        InfantState.EXPLORING,  # search
    ],
    dtype=np.int8,
)

#: Behaviours that count as crying for curtailment and the ``crying`` share.
CRYING = np.zeros(N_BEHAVIOURS, dtype=bool)
CRYING[Behaviour.CRY] = True

#: Behaviours that count as calm (no fussing or crying) for the reunion-extension rule.
CALM = np.ones(N_BEHAVIOURS, dtype=bool)
CALM[[Behaviour.FUSS, Behaviour.CRY, Behaviour.RESIST, Behaviour.FREEZE]] = False

#: Behaviours that count as social bids (the ``bids`` per-minute column, SF5, SF6).
BIDS = np.zeros(N_BEHAVIOURS, dtype=bool)
BIDS[[Behaviour.BID, Behaviour.REACH]] = True

#: Behaviours that count as exploration (the ``exploration`` share, SS2).
EXPLORING = np.zeros(N_BEHAVIOURS, dtype=bool)
EXPLORING[Behaviour.EXPLORE] = True


def behaviour_id(code: int) -> str:
    """Return the lower-case id of a behaviour code, e.g. ``4 -> "cry"``."""
    return BEHAVIOUR_IDS[int(code)]
