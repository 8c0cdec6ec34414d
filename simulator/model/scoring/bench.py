"""Benchmark: how much scoring adds to a strange_situation batch (target: at most +50% of the batch time).

Run ``python -m simulator.model.scoring.bench [N]`` (default 10,000 infants). Prints the time to run the
batch in one process, the time to score it, and the ratio.
"""

from __future__ import annotations

import sys
import time


def main(n: int = 10_000, seed: int = 0) -> dict[str, float]:
    """Run and score ``n`` strange_situation infants; return and print the timings in seconds."""
    from ..scenario import load_scenario
    from ..session import Session
    from . import score_session

    t0 = time.perf_counter()
    s = Session(load_scenario("strange_situation"), n=n, seed=seed).run()
    t1 = time.perf_counter()
    scores = score_session(s)
    t2 = time.perf_counter()
    out = {"n": n, "batch_s": t1 - t0, "scoring_s": t2 - t1, "ratio": (t2 - t1) / (t1 - t0)}
    print(f"strange_situation x{n}: batch {out['batch_s']:.1f} s, scoring {out['scoring_s']:.2f} s "
          f"(+{100 * out['ratio']:.1f}%); classified {len(scores.classification)}")
    return out


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
