"""Benchmark: N infants (default 10,000) through 12 simulated months of development, then the Strange
Situation, scored: what the Population lab runs.

Prints the time of each stage, warm (the kernels loaded and one run done first, as in the app after
its first run), and the peak memory of all processes together (the main process and its workers,
sampled from /proc: bench/memory.py) in a second run, since sampling costs time. Targets (issue 17): 1,000 infants <= 1.5 s warm, 10,000 <= 8 s,
all processes <= 500 MB. Usage: ``python bench/bench_population.py [N] [POPULATION]`` (``--help``).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from memory import PeakMemory  # noqa: E402  (bench/memory.py)

from simulator.model.batch import run_batch  # noqa: E402
from simulator.model.population import develop_population  # noqa: E402
from simulator.model.scenario import load_scenario  # noqa: E402
from simulator.model.session import warm_up  # noqa: E402


def _run(sc, pop: str, n: int, seed: int):
    t0 = time.perf_counter()
    dev = develop_population(pop, n, 12.0, seed=seed)
    t1 = time.perf_counter()
    res = run_batch(sc, n, seed=seed, params=dev.params, preset_label=pop)
    return res, t1 - t0, time.perf_counter() - t1


def main() -> None:
    from simulator.model.limits import count_arg
    from simulator.model.population import POPULATIONS
    ap = argparse.ArgumentParser(description="Time N infants through 12 months of development and the "
                                 "Strange Situation, scored (what the Population lab runs).")
    ap.add_argument("n", nargs="?", type=count_arg, default=10_000, help="infants (default 10,000)")
    ap.add_argument("population", nargs="?", default="low_risk", choices=sorted(POPULATIONS),
                    help="population (default low_risk)")
    args = ap.parse_args()
    n, pop = args.n, args.population
    sc = load_scenario("strange_situation")
    print(f"{n} infants, population {pop}, 12 months of development, then the Strange Situation "
          f"({os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f})")
    warm_up()  # compile (new checkout) or load the step kernels before timing
    _run(sc, pop, min(n, 200), seed=1)  # first use: numpy, scoring and the worker pool's imports warmed
    res, t_dev, t_ssp = _run(sc, pop, n, seed=0)  # timed, unobserved
    with PeakMemory() as mem:  # again, its memory sampled
        _run(sc, pop, n, seed=0)
    print(f"development (12 months):       {t_dev:7.2f} s")
    print(f"Strange Situation + scoring:   {t_ssp:7.2f} s")
    print(f"total, warm:                   {t_dev + t_ssp:7.2f} s   (target: 1,000 <= 1.5 s, 10,000 <= 8 s)")
    print(f"peak memory:                   {mem.describe()}   (target <= 500 MB)")
    if res.scores is not None:
        c = Counter(res.scores.classification)
        print("classification: " + "  ".join(f"{k} {100 * c[k] / n:.1f}%" for k in "ABCD"))


if __name__ == "__main__":
    main()
