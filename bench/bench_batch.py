"""Benchmark: 10,000 infants through the full Strange Situation, scored; and the speed-up per infant.

Prints figures; asserts nothing (targets: <= 10 s for the batch, >= 100x per infant over one at a
time; docs/contract.md). Run: python bench/bench_batch.py [--n 10000] [--single 5]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from simulator.model.batch import default_workers, run_batch  # noqa: E402
from simulator.model.scenario import load_scenario  # noqa: E402
from simulator.model.session import Session, warm_up  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--single", type=int, default=5, help="infants to time one at a time")
    ap.add_argument("--workers", type=int, default=None)
    args = ap.parse_args()
    sc = load_scenario("strange_situation")
    t0 = time.perf_counter()
    warm_up()  # compiles the step kernels on a new checkout (cached on disk), else loads them
    print(f"compiled kernels loaded in {time.perf_counter() - t0:.2f} s (once per process; a first run on a "
          "new checkout compiles them, about 6 s)")

    t0 = time.perf_counter()
    res = run_batch(sc, args.n, seed=1, workers=args.workers, score=False)
    t_run = time.perf_counter() - t0
    t0 = time.perf_counter()
    res_scored = run_batch(sc, args.n, seed=1, workers=args.workers, score=True)
    t_scored = time.perf_counter() - t0
    scored = res_scored.scores is not None

    t0 = time.perf_counter()
    for i in range(args.single):
        Session(sc, n=1, seed=100 + i).run()
    per_single = (time.perf_counter() - t0) / args.single
    per_batch = t_scored / args.n
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"strange_situation, {args.n} infants, {args.workers or default_workers()} workers")
    print(f"  batch, unscored:        {t_run:6.2f} s")
    print(f"  batch, scored:          {t_scored:6.2f} s   (target <= 10 s; scoring adds "
          f"{(t_scored / t_run - 1) * 100:+.0f}%{'' if scored else ', scoring package absent'})")
    print(f"  one infant at a time:   {per_single:6.3f} s per infant ({args.single} timed)")
    print(f"  speed-up per infant:    {per_single / per_batch:6.0f}x   (target >= 100x)")
    print(f"  peak memory:            {peak_mb:6.0f} MB main, {kids_mb:.0f} MB largest worker (target < 500 MB)")
    _ = res


if __name__ == "__main__":
    main()
