"""Benchmark: N infants (default 10,000) through the full Strange Situation, scored and written to CSV.

Runs what ``python main.py batch strange_situation --n N --out F.csv`` runs (blocks streamed to the file
as they finish) twice: once timed, once with the peak memory of all processes together sampled from
/proc (bench/memory.py), because the sampler itself costs time (reading every process's smaps_rollup
every 20 ms slowed a 10,000 batch by 0.3-1 s). Then the speed-up per infant over one infant at a time
(stepped, as the app steps). Prints figures; asserts nothing. Targets (issue 17; docs/contract.md): 10,000
infants <= 4 s on 2 idle cores; memory <= 500 MB at any N, and at 100,000 within 20% of the figure at 10,000.
Run: python bench/bench_batch.py [--n 10000] [--single 5] [--workers W] [--unscored]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from memory import PeakMemory, tree_memory_mb  # noqa: E402  (bench/memory.py)

from simulator.export import csv_renderer, write_batch_csv  # noqa: E402
from simulator.model.batch import BLOCK, default_workers, iter_batch  # noqa: E402
from simulator.model.scenario import load_scenario  # noqa: E402
from simulator.model.session import Session, warm_up  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--single", type=int, default=5, help="infants to time one at a time")
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--unscored", action="store_true", help="also time the batch without scoring or writing")
    args = ap.parse_args()
    sc = load_scenario("strange_situation")
    t0 = time.perf_counter()
    warm_up()  # compiles the step kernels on a new checkout (cached on disk), else loads them
    print(f"compiled kernels loaded in {time.perf_counter() - t0:.2f} s (once per process; a first run on a "
          "new checkout compiles them, about 6 s)")
    workers = args.workers or default_workers()
    print(f"strange_situation, {args.n} infants, blocks of {BLOCK}, {workers} workers, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"  memory before the batch:   {tree_memory_mb()[1]:6.0f} MB PSS (imports, compiled kernels)")

    def batch(out: Path) -> None:
        write_batch_csv(out, iter_batch(sc, args.n, seed=1, workers=args.workers, render=csv_renderer()), {})

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "batch.csv"
        cpu0 = os.times()
        t0 = time.perf_counter()
        batch(out)  # timed, unobserved
        t_batch = time.perf_counter() - t0
        cpu = os.times()
        cpu_s = sum(cpu[:4]) - sum(cpu0[:4])
        size_mb = out.stat().st_size / 1e6
        with PeakMemory() as mem:  # the same batch again, its memory sampled
            batch(out)
    print(f"  batch, scored, CSV written: {t_batch:6.2f} s   (target <= 4 s for 10,000; "
          f"{cpu_s:.1f} s CPU in all processes; {size_mb:.0f} MB of CSV)")
    print(f"  peak memory:               {mem.describe()}   (target <= 500 MB)")

    if args.unscored:
        t0 = time.perf_counter()
        for _ in iter_batch(sc, args.n, seed=1, workers=args.workers, score=False):
            pass
        print(f"  batch, unscored, unwritten: {time.perf_counter() - t0:5.2f} s")

    if args.single:
        # "One at a time" as the target means it: each infant stepped on its own, as the app steps its one
        # infant. (Session.run of one infant now runs the compiled loop too; its figure is printed after.)
        t0 = time.perf_counter()
        for i in range(args.single):
            one = Session(sc, n=1, seed=100 + i)
            while not one.finished:
                one.step()
        per_single = (time.perf_counter() - t0) / args.single
        t0 = time.perf_counter()
        for i in range(args.single):
            Session(sc, n=1, seed=100 + i).run()
        per_run = (time.perf_counter() - t0) / args.single
        print(f"  one infant at a time:      {per_single:6.3f} s per infant, stepped as the app steps "
              f"({args.single} timed)")
        print(f"  speed-up per infant:       {per_single / (t_batch / args.n):6.0f}x   (target >= 100x)")
        print(f"  one infant, Session.run:   {per_run:6.3f} s (the compiled loop; the batch is "
              f"{per_run / (t_batch / args.n):.0f}x faster per infant)")


if __name__ == "__main__":
    main()
