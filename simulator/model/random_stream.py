"""Each infant's own stream of random numbers: counter-based, keyed from the session's seeded generator.

A session draws one 64-bit key per infant from its ``np.random.Generator`` (made from the seed) when it
starts. The uniforms infant ``i`` needs at step ``k`` are then a pure function of ``(key[i], k)``: the
SplitMix64 output function (Steele, Lea & Flood 2014, "Fast splittable pseudorandom number generators";
it passes TestU01's BigCrush) applied to ``key[i] + c * GAMMA`` for the counters ``c = 6 k + 1 ... 6 k + 6``,
each 64-bit output giving two uniforms of 24 bits (a float32's full precision).

Why counter-based: the numbers are computed inside the compiled step, only for infants still running,
with no (K, 12, N) array of draws to fill and read back (a Strange Situation batch spent about 30% of
its time in numpy's generator), and they do not depend on the order in which infants, tiles or steps
are visited: the app's :meth:`Session.step` and a batch's whole-run loop give byte-identical results, and
a batch's output does not depend on its number of workers. Same seed, same inputs: same numbers.
"""

from __future__ import annotations

import numpy as np
from numba import njit

#: Uniforms per infant per step (float32 rows of the ``u`` array the step kernels read): rows 0-4 the
#: infant's behaviour switching and contact (infant._step_kernel), 5-7 the caregiver's decision
#: (policies._decide_kernel), 8-11 centred to zero-mean, unit-variance noise (see :func:`fill_uniforms`).
UNIFORMS_PER_STEP = 12
#: First row of the centred noise rows.
NOISE_ROW = 8
#: Weyl increment of SplitMix64 (the odd integer nearest 2**64 / golden ratio).
GAMMA = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_S30, _S27, _S31 = np.uint64(30), np.uint64(27), np.uint64(31)
_HIGH24, _LOW24, _MASK24 = np.uint64(40), np.uint64(16), np.uint64(0xFFFFFF)
_PER_STEP = np.uint64(UNIFORMS_PER_STEP // 2)  # 64-bit outputs per infant per step
_ONE = np.uint64(1)
_TO_UNIT = 1.0 / 16777216.0  # 2**-24: a 24-bit integer to [0, 1)
#: Centred uniforms scaled to unit variance: (x - 1/2) * sqrt(12). Integrated over many steps they act
#: as Gaussian noise, for a fraction of the cost of a Gaussian draw.
UNIT_VARIANCE = float(np.sqrt(12.0))


def infant_keys(rng: np.random.Generator, n: int) -> np.ndarray:
    """One key per infant, uint64 (n,), drawn from ``rng`` (the session's seeded generator)."""
    return rng.bit_generator.random_raw(n).astype(np.uint64)


@njit(cache=True, nogil=True, inline="always")
def _mix(x):  # pragma: no cover - compiled
    """SplitMix64's output function: a bijection of uint64 that scrambles every bit (Steele et al. 2014)."""
    x = (x ^ (x >> _S30)) * _MIX1
    x = (x ^ (x >> _S27)) * _MIX2
    return x ^ (x >> _S31)


@njit(cache=True, nogil=True)
def fill_uniforms(keys, k, u, live, lo, hi):  # pragma: no cover - compiled
    """Write step ``k``'s numbers for each live infant ``lo <= i < hi`` into ``u`` (float32 (12, N)).

    ``keys`` uint64 (N,) from :func:`infant_keys`; ``k`` the session's step count. Rows 0-7 get uniforms in
    [0, 1), rows 8-11 centred uniforms with unit variance. A finished infant's column is left as it was.
    """
    base = np.uint64(k) * _PER_STEP
    for i in range(lo, hi):
        if not live[i]:
            continue
        key = keys[i]
        for j in range(UNIFORMS_PER_STEP // 2):
            h = _mix(key + (base + np.uint64(j) + _ONE) * GAMMA)
            x0 = float(h >> _HIGH24) * _TO_UNIT
            x1 = float((h >> _LOW24) & _MASK24) * _TO_UNIT
            r = 2 * j
            if r >= NOISE_ROW:
                x0 = (x0 - 0.5) * UNIT_VARIANCE
                x1 = (x1 - 0.5) * UNIT_VARIANCE
            u[r, i] = x0
            u[r + 1, i] = x1
