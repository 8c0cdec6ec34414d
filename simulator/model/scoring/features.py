"""Episode-aligned views of the behaviour log and run-length tools the scales are built on.

Each episode of each infant starts at its own step (curtailment and extension shift the clock), so
:func:`episode_block` gathers episode ``e`` of every infant into one (N, L) array aligned at the
episode's start, with steps past an infant's episode end set to :data:`PAD` (a code with no behaviour
and no flags). Behaviour is then turned into *runs* (bouts): one row per bout with its infant, first
step and length, so every detector works on whole arrays of bouts, never looping over infants, and
costs a few passes over the log rather than one per rule.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numba import njit

from ..behaviour import Behaviour

#: Bit layout of a log byte (kept in step with ``session.BehaviourLog``).
BEHAVIOUR_MASK = 0x0F
CONTACT_BIT = 0x10
NEAR_BIT = 0x20
MATCHED_BIT = 0x40
CAREGIVER_BIT = 0x80
#: Code written where an episode has ended for an infant: behaviour 15 (none), no flags.
PAD = 0x0F

B = Behaviour


def table(*codes: int) -> np.ndarray:
    """A lookup table of 16 booleans, True at the given behaviour codes (index 15 is the pad)."""
    t = np.zeros(16, dtype=bool)
    t[list(codes)] = True
    return t


#: Proximity and contact seeking behaviours (Ainsworth et al. 1978, Appendix III).
SEEK = table(B.REACH, B.APPROACH, B.CLING)
#: Signals that the infant wants contact back after a release (protest at release, Appendix III).
PROTEST = table(B.FUSS, B.CRY, B.REACH, B.APPROACH)
#: Active interaction at a distance: smiles, vocal and gestural bids (Appendix III).
DISTANCE_ACTIVE = table(B.SMILE, B.BID)
#: Distress shown (fussing or crying).
DISTRESS = table(B.FUSS, B.CRY)
#: Positive affect shown (smiling, bidding): the coded positive affect of the Still-Face (SF1).
POSITIVE = table(B.SMILE, B.BID)
#: Gaze at the partner (looking at, smiling at, bidding to).
GAZE = table(B.LOOK, B.SMILE, B.BID)
#: Social bids (as the contract's ``bids`` column: bid and reach).
BIDS = table(B.BID, B.REACH)
#: Withdrawal in the Still-Face: turning away, self-comforting, looking away (SF5).
WITHDRAWAL = table(B.AVOID, B.SELF_SOOTHE, B.LOOK_AWAY)
#: Turning away or freezing: the second half of a contradictory sequence (Main & Solomon 1990).
TURN_OR_FREEZE = table(B.AVOID, B.FREEZE)


class Aligner:
    """Cuts per-infant episode windows out of a behaviour log.

    Each episode is gathered straight from the (T, N) log by a compiled loop (:func:`_gather_kernel`), so
    scoring never holds a second, transposed copy of the whole log (28 MB for a Strange Situation of
    5,000 infants) next to it, nor index arrays as large as the episode.

    Args:
        codes: the log, uint8 (T, N).
        max_len: the longest episode in steps (kept for callers; the gather needs no padding).
    """

    def __init__(self, codes: np.ndarray, max_len: int = 0) -> None:
        self.codes = np.asarray(codes, dtype=np.uint8)
        self.N = self.codes.shape[1]

    def block(self, start: np.ndarray, end: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Episode-aligned codes: uint8 (N, L) with step k of infant i at ``[i, k]`` (``PAD`` past its
        end), L = the longest length; and the lengths in steps, int64 (N,)."""
        start = np.asarray(start, dtype=np.int64)
        length = np.maximum(np.asarray(end, dtype=np.int64) - start, 0)
        L = int(length.max()) if self.N else 0
        out = np.full((self.N, L), PAD, dtype=np.uint8)
        if L == 0:
            return out, length
        _gather_kernel(self.codes, start, length, out)
        return out, length


@njit(cache=True, nogil=True)
def _gather_kernel(codes, start, length, out):  # pragma: no cover - compiled
    """``out[i, k] = codes[start[i] + k, i]`` for ``k < length[i]`` (rows past the log's end read its last
    row); the rest of ``out`` (uint8 (N, L), filled with :data:`PAD` by the caller) is left alone.
    Tiles of :data:`_TILE` infants, step by step: a tile's rows of ``out`` stay in cache while
    neighbouring infants share each of the log's cache lines (one log row is N bytes)."""
    last = codes.shape[0] - 1
    n, width = out.shape
    for a in range(0, n, _TILE):
        b = min(a + _TILE, n)
        for k in range(width):
            for i in range(a, b):
                if k < length[i]:
                    out[i, k] = codes[min(start[i] + k, last), i]


#: Infants per tile of :func:`_gather_kernel`: 64 rows of an episode block (a few KB each) stay in L1/L2.
_TILE = 64


def episode_block(codes: np.ndarray, start: np.ndarray, end: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Episode-aligned codes of one episode (see :class:`Aligner`; use that for several episodes).

    Args:
        codes: the log, uint8 (T, N).
        start, end: the episode's first step and one past its last, int (N,).

    Returns:
        ``(block, length)``: uint8 (N, L) and int64 (N,).
    """
    length = np.maximum(np.asarray(end, dtype=np.int64) - np.asarray(start, dtype=np.int64), 0)
    return Aligner(np.asarray(codes, dtype=np.uint8), int(length.max()) if length.size else 0).block(start, end)


@dataclass
class Runs:
    """Bouts (runs of equal values) of an (N, L) array, in row-major order.

    Attributes:
        row: the infant of each run, int64 (R,).
        start: its first step within the episode, int64 (R,).
        length: its length in steps, int64 (R,).
        value: the value repeated (a behaviour code, or 1 for runs of True), uint8 (R,).
        L: steps per row of the block (for flat positions ``row * L + step``).
    """

    row: np.ndarray
    start: np.ndarray
    length: np.ndarray
    value: np.ndarray
    L: int

    def select(self, mask: np.ndarray) -> "Runs":
        """The runs where ``mask`` (bool (R,)) holds."""
        return Runs(self.row[mask], self.start[mask], self.length[mask], self.value[mask], self.L)

    def of(self, tab: np.ndarray) -> "Runs":
        """The runs whose value is in a 16-entry lookup table (see :func:`table`), in flat order."""
        if not hasattr(self, "_order"):
            self._order = np.argsort(self.value, kind="stable")
            self._bounds = np.searchsorted(self.value[self._order], np.arange(17))
        parts = [self._order[self._bounds[c]:self._bounds[c + 1]] for c in np.flatnonzero(tab)]
        idx = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
        if len(parts) > 1:
            idx.sort()
        return Runs(self.row[idx], self.start[idx], self.length[idx], self.value[idx], self.L)

    @property
    def flat(self) -> np.ndarray:
        """Flat position of each run's first step (``row * L + start``), sorted ascending."""
        return self.row * self.L + self.start

    def per_row(self, n: int, weights: np.ndarray | None = None) -> np.ndarray:
        """Sum of ``weights`` (default: count of runs) per infant, float (n,)."""
        return np.bincount(self.row, weights=weights, minlength=n).astype(np.float64)

    def merged(self) -> "Runs":
        """Adjacent runs in the same row joined into one (e.g. reach then approach: one seeking bout)."""
        if self.row.size == 0:
            return self
        end = self.start + self.length
        new = np.ones(self.row.size, dtype=bool)
        new[1:] = (self.row[1:] != self.row[:-1]) | (self.start[1:] != end[:-1])
        gid = np.cumsum(new) - 1
        length = np.bincount(gid, weights=self.length).astype(np.int64)
        return Runs(self.row[new], self.start[new], length, self.value[new], self.L)


def runs(x: np.ndarray) -> Runs:
    """Run-length encoding of a uint8 or bool (N, L) array (every run, every value)."""
    N, L = x.shape
    if N == 0 or L == 0:
        z = np.zeros(0, dtype=np.int64)
        return Runs(z, z, z, np.zeros(0, dtype=np.uint8), L)
    x8 = x.view(np.uint8) if x.dtype == bool else x
    change = np.empty((N, L), dtype=bool)
    change[:, 0] = True
    np.not_equal(x8[:, 1:], x8[:, :-1], out=change[:, 1:])
    idx = np.flatnonzero(change)
    nxt = np.empty_like(idx)
    nxt[:-1] = idx[1:]
    nxt[-1] = N * L
    row = idx // L
    return Runs(row, idx - row * L, nxt - idx, x8.reshape(-1)[idx], L)


def true_runs(x: np.ndarray) -> Runs:
    """The runs of True in a bool (N, L) array."""
    r = runs(x)
    return r.select(r.value == 1)


def any_in(r: Runs, row: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """For each query (infant ``row``, steps [lo, hi)), does any run of ``r`` overlap it? bool (Q,)."""
    if r.row.size == 0 or row.size == 0:
        return np.zeros(row.shape, dtype=bool)
    L = r.L
    lo = np.maximum(lo, 0)
    hi = np.minimum(hi, L)
    s = r.flat
    e = s + r.length
    j = np.searchsorted(s, row * L + hi, side="left") - 1  # last run starting before hi
    jj = np.maximum(j, 0)
    return (j >= 0) & (r.row[jj] == row) & (e[jj] > row * L + lo) & (hi > lo)


def first_start(r: Runs, n: int, none: float = np.nan) -> np.ndarray:
    """The first step of each infant's first run, float (n,) (``none`` where it has none)."""
    out = np.full(n, none, dtype=np.float64)
    if r.row.size:
        rows, i = np.unique(r.row, return_index=True)
        out[rows] = r.start[i]
    return out


def longest(r: Runs, n: int) -> np.ndarray:
    """The longest run per infant in steps, float (n,) (0 where none)."""
    out = np.zeros(n, dtype=np.float64)
    if r.row.size:
        np.maximum.at(out, r.row, r.length)
    return out


def gather(block: np.ndarray, row: np.ndarray, step: np.ndarray) -> np.ndarray:
    """``block[row, step]`` with steps past the block returning :data:`PAD`; uint8 (Q,)."""
    N, L = block.shape
    ok = (step >= 0) & (step < L)
    return np.where(ok, block.reshape(-1)[row * L + np.clip(step, 0, max(L - 1, 0))], PAD).astype(np.uint8)
