"""Benchmark: 10,000 infants through 12 simulated months of development, then the Strange Situation, scored.

Prints the time of each stage and the peak memory (resident set of this process and its worker
processes, from ``resource.getrusage``). Targets (issue 5): total <= 30 s on 2 cores, peak <= 500 MB.
Usage: ``python bench/bench_population.py [N] [POPULATION]``.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from simulator.model.batch import run_batch  # noqa: E402
from simulator.model.population import develop_population  # noqa: E402
from simulator.model.scenario import load_scenario  # noqa: E402
from simulator.model.session import warm_up  # noqa: E402


def _peak_mb() -> tuple[float, float]:
    """Peak resident memory (MB) of this process and of its largest finished child."""
    scale = 1024.0 if sys.platform != "darwin" else 1024.0 * 1024.0
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / scale
    return me, kids


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    pop = sys.argv[2] if len(sys.argv) > 2 else "low_risk"
    sc = load_scenario("strange_situation")
    print(f"{n} infants, population {pop}, 12 months of development, then the Strange Situation "
          f"({os.cpu_count()} cores)")
    warm_up()  # compile (new checkout) or load the step kernels before timing
    t0 = time.perf_counter()
    dev = develop_population(pop, n, 12.0, seed=0)
    t1 = time.perf_counter()
    print(f"development (12 months):       {t1 - t0:7.2f} s")
    res = run_batch(sc, n, seed=0, params=dev.params, preset_label=pop)
    t2 = time.perf_counter()
    print(f"Strange Situation + scoring:   {t2 - t1:7.2f} s")
    print(f"total:                         {t2 - t0:7.2f} s   (target <= 30 s on 2 cores)")
    me, kids = _peak_mb()
    print(f"peak memory: main {me:.0f} MB, largest worker {kids:.0f} MB   (target <= 500 MB)")
    if res.scores is not None:
        c = Counter(res.scores.classification)
        print("classification: " + "  ".join(f"{k} {100 * c[k] / n:.1f}%" for k in "ABCD"))


if __name__ == "__main__":
    main()
