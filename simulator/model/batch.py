"""Large batches: run a scenario for N infants in fixed-size blocks, on every core, and merge the results.

Blocks have a fixed size (:data:`BLOCK`) and block ``k`` draws from ``default_rng([seed, k])`` (block 0
from ``default_rng(seed)``), so a batch gives the same output whatever the number of workers, and a
batch of at most ``BLOCK`` infants is exactly ``Session(n=N, seed=seed)``. Each block is scored where it
ran, so only measures and scores (not behaviour logs) travel between processes.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

import numpy as np

from .infant import InfantParams
from .scenario import Scenario
from .scoring import score_session
from .session import Session, warm_up

#: Infants per block. Fixed so that results never depend on the machine; 5,000 keeps numpy's per-call
#: overhead small while two blocks share a 2-core machine (bench/bench_batch.py: 30 s -> 21 s for 10,000).
BLOCK = 5000


@dataclasses.dataclass
class BatchResult:
    """A finished batch: what the tidy CSV, the validation report and the population lab read.

    Attributes mirror :class:`Session` where the exporters use them. ``measures`` holds (N, E) arrays
    as returned by :meth:`Session.episode_measures`; ``scores`` is the merged scoring result (or None);
    ``final`` holds end-of-session state arrays (N,) such as ``stress_load``.
    """

    scenario: Scenario
    n: int
    seed: int
    preset: str
    preset_label: str
    caregiver_id: str
    overrides: dict
    episode_ids: list[str]
    measures: dict[str, np.ndarray]
    params: InfantParams
    final: dict[str, np.ndarray]
    scores: object | None = None

    @property
    def E(self) -> int:  # noqa: N802 - mirrors Session.E
        """Number of episodes."""
        return len(self.episode_ids)

    def episode_measures(self) -> dict[str, np.ndarray]:
        """The per-episode measures, (N, E) arrays."""
        return self.measures


def _score(session: Session):
    return score_session(session)


def _run_block(job: dict, progress=None) -> dict:
    """Run one block (in a worker process or inline) and return its measures, scores and final state."""
    rng = np.random.default_rng(job["seed"] if job["k"] == 0 else [job["seed"], job["k"]])
    s = Session(job["scenario"], n=job["n"], infant=job["infant"], caregiver=job["caregiver"],
                seed=job["seed"], overrides=job["overrides"], params=job["params"],
                preset_label=job["preset_label"], rng=rng)
    s.run(progress=progress)
    return {
        "measures": s.episode_measures(),
        "scores": _score(s) if job["score"] else None,
        "params": s.params,
        "final": {"stress_load": s.state.stress_load.copy(), "expectation": s.state.expectation.copy(),
                  "arousal": s.state.arousal.copy()},
        "preset": s.preset,
        "episode_ids": s.episode_ids,
        "scenario": s.scenario,
    }


def _concat(parts: list):
    """Concatenate block results along the infant axis (arrays, lists, dicts and dataclasses)."""
    first = parts[0]
    if first is None:
        return None
    if isinstance(first, np.ndarray):
        return np.concatenate(parts, axis=0)
    if isinstance(first, list):
        return [x for p in parts for x in p]
    if isinstance(first, dict):
        return {k: _concat([p[k] for p in parts]) for k in first}
    if dataclasses.is_dataclass(first):
        return type(first)(**{f.name: _concat([getattr(p, f.name) for p in parts])
                              for f in dataclasses.fields(first)})
    return first


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes, forked where the platform allows.

    The compiled kernels are loaded first, so the workers inherit them, and so that no fork happens
    while another thread (the GUI's background warm-up) holds numba's compiler lock.
    """
    warm_up()
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    return ProcessPoolExecutor(max_workers=workers, mp_context=ctx)


def default_workers() -> int:
    """Worker processes to use: the machine's cores (at most 8)."""
    return max(1, min(os.cpu_count() or 1, 8))


def run_batch(scenario: Scenario, n: int, infant: str | None = None, caregiver: str = "sensitive",
              seed: int = 0, overrides: dict[str, float] | None = None, params: InfantParams | None = None,
              preset_label: str | None = None, workers: int | None = None, score: bool = True,
              progress=None) -> BatchResult:
    """Run ``n`` infants through ``scenario`` in blocks of :data:`BLOCK`, in parallel where it helps.

    Args mirror :class:`Session`; ``params`` (explicit per-infant parameters of shape (n,)) overrides
    sampling from the preset. ``progress(fraction)`` is called as blocks finish.
    """
    overrides = dict(overrides or {})
    Session(scenario, n=1, infant=infant, caregiver=caregiver, seed=seed, overrides=overrides)  # validates
    jobs = []
    for k, start in enumerate(range(0, n, BLOCK)):
        size = min(BLOCK, n - start)
        sub = params.subset(np.arange(start, start + size)) if params is not None else None
        jobs.append({"scenario": scenario, "n": size, "infant": infant, "caregiver": caregiver, "seed": seed,
                     "k": k, "overrides": overrides, "params": sub, "preset_label": preset_label,
                     "score": score})
    workers = min(workers or default_workers(), len(jobs))
    results = []
    if workers <= 1:
        for i, job in enumerate(jobs):
            inner = (lambda f, i=i: progress((i + f) / len(jobs))) if progress else None
            results.append(_run_block(job, inner))
    else:
        with worker_pool(workers) as pool:
            futures = [pool.submit(_run_block, job) for job in jobs]
            for i, fut in enumerate(futures):
                results.append(fut.result())
                if progress:
                    progress((i + 1) / len(jobs))
    first = results[0]
    return BatchResult(
        scenario=first["scenario"], n=n, seed=seed, preset=first["preset"],
        preset_label=preset_label or first["preset"], caregiver_id=caregiver, overrides=overrides,
        episode_ids=first["episode_ids"], measures=_concat([r["measures"] for r in results]),
        params=_concat([r["params"] for r in results]), final=_concat([r["final"] for r in results]),
        scores=_concat([r["scores"] for r in results]),
    )
