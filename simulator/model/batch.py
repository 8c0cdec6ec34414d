"""Large batches: run a scenario for N infants in fixed-size blocks, on every core, and merge the results.

Blocks have a fixed size (:data:`BLOCK`) and block ``k`` draws from ``default_rng([seed, k])`` (block 0
from ``default_rng(seed)``), so a batch gives the same output whatever the number of workers, and a
batch of at most ``BLOCK`` infants is exactly ``Session(n=N, seed=seed)``. With several workers a block
runs in pieces (``Session(part=...)``): every piece draws the whole block's infants and keeps its own
range, and since an infant's run depends only on its own draws the pieces give exactly what the block
would, while a worker on a faster core takes more of them. Each piece is scored where it ran, so only
measures and scores (not behaviour logs) travel between processes. :func:`iter_batch`
hands the blocks over one at a time, in order, so a caller that writes each block and lets it go (the
``batch`` command's CSV) keeps memory flat however large N is; :func:`run_batch` joins them.
"""

from __future__ import annotations

import dataclasses
import gc
import multiprocessing
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

import numpy as np

from .infant import InfantParams
from .scenario import Scenario
from .scoring import score_session
from .session import Session, warm_up
from .workers import default_workers

#: Infants per block. Fixed so that results never depend on the machine; 5,000 keeps numpy's per-call
#: overhead small while two blocks share a 2-core machine (bench/bench_batch.py: 30 s -> 21 s for 10,000).
BLOCK = 5000
#: With several workers, a block is cut into pieces of at least ``MIN_PIECE`` infants (a piece's setup
#: and scoring cost a few milliseconds whatever its size) and at most ``PIECES_PER_WORKER`` per worker.
#: One piece per worker puts a block of 1,000 (the Population lab's) on every core: 0.99 -> 0.58 s on 2
#: cores; more, smaller pieces cost more in setup and scoring than they gained in balance (10,000
#: infants: 4.4 s with four per worker against 4.0 s). The cut never changes the output, only which core
#: runs what.
MIN_PIECE = 250
PIECES_PER_WORKER = 1


def pieces(size: int, workers: int) -> list[tuple[int, int]]:
    """The ranges ``(a, b)`` a block of ``size`` infants is run in on ``workers`` processes."""
    if workers <= 1:
        return [(0, size)]
    count = max(1, min(size // MIN_PIECE, PIECES_PER_WORKER * workers))
    bounds = [size * j // count for j in range(count + 1)]
    return list(zip(bounds[:-1], bounds[1:]))


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
    #: Index of this result's first infant in the whole batch (non-zero for a block of :func:`iter_batch`).
    first: int = 0
    #: What :func:`iter_batch`'s ``render`` made of this block in its worker (e.g. its CSV rows), or None.
    rendered: object = None

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
    release_memory()  # what sending the previous block's result left behind
    rng = np.random.default_rng(job["seed"] if job["k"] == 0 else [job["seed"], job["k"]])
    s = Session(job["scenario"], n=job["n"], infant=job["infant"], caregiver=job["caregiver"],
                seed=job["seed"], overrides=job["overrides"], params=job["params"],
                preset_label=job["preset_label"], rng=rng, part=job["part"])
    s.run(progress=progress)
    s.drop_action_log()  # nothing below reads it: less memory while the block is scored
    out = {
        "measures": s.episode_measures(),
        "scores": _score(s) if job["score"] else None,
        "params": s.params,
        "final": {"stress_load": s.state.stress_load.copy(), "expectation": s.state.expectation.copy(),
                  "arousal": s.state.arousal.copy()},
        "preset": s.preset,
        "episode_ids": s.episode_ids,
        "scenario": s.scenario,
    }
    del s  # the behaviour log (T, N) is the bulk of a block: free it, then give the memory back
    if job.get("render") is not None:  # e.g. the CSV rows, formatted here in parallel, not in the parent
        out["rendered"] = job["render"](_block_result(job, out))
        for key in ("measures", "scores", "params", "final"):
            out[key] = None  # rendered: only the rendering travels back
    release_memory()
    return out


def release_memory() -> None:
    """Hand freed heap memory back to the operating system (glibc keeps it otherwise).

    A block's arrays are tens of megabytes; freed, glibc may keep them in the process for reuse, and
    over many blocks a worker's footprint creeps up (100,000 infants: +50% over 10,000). Elsewhere a no-op.
    """
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def _libc():
    import ctypes
    import ctypes.util
    import sys
    if not sys.platform.startswith("linux"):
        return None
    try:
        lib = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return lib if hasattr(lib, "malloc_trim") else None
    except OSError:
        return None


_LIBC = _libc()


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


@contextmanager
def worker_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``workers`` processes, forked where the platform allows (a context manager).

    The compiled kernels are loaded first, so the workers inherit them, and so that no fork happens
    while another thread (the GUI's background warm-up) holds numba's compiler lock.
    """
    warm_up()
    fork = "fork" in multiprocessing.get_all_start_methods()
    if fork:
        # Forked workers share the parent's memory (imports, compiled kernels: ~200 MB) until they write to
        # it, and a garbage collection in a worker writes to every object it walks. Frozen objects are
        # never walked, so the pages stay shared however many blocks a worker runs (100,000 infants then
        # need no more memory than 10,000). Unfrozen again when the pool is done, and then collected as
        # usual: no full collection first (it took 0.1-0.15 s a pool in a large process, such as the test
        # suite's, to free what the next collection frees anyway).
        gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=workers,
                                 mp_context=multiprocessing.get_context("fork" if fork else None)) as pool:
            yield pool
    finally:
        if fork:
            gc.unfreeze()


def iter_batch(scenario: Scenario, n: int, infant: str | None = None, caregiver: str = "sensitive",
               seed: int = 0, overrides: dict[str, float] | None = None, params: InfantParams | None = None,
               preset_label: str | None = None, workers: int | None = None, score: bool = True,
               progress=None, render=None) -> Iterator[BatchResult]:
    """Run ``n`` infants through ``scenario`` in blocks of :data:`BLOCK` (in :func:`pieces` on several
    workers) and yield each piece, in order.

    Each piece is a :class:`BatchResult` of at most :data:`BLOCK` infants whose ``first`` is its first
    infant's index in the batch. One piece waits queued beyond those the workers run, so the workers
    never idle and finished pieces never pile up in memory. Bad arguments (an unknown ``--set`` key,
    say) raise here, before any piece runs. Args are those of :func:`run_batch`, and ``render``: a
    picklable function of a finished piece (a :class:`BatchResult`) run in its worker; its result arrives
    as the piece's ``rendered``, instead of its arrays (the ``batch`` command formats its CSV rows there,
    on every core).
    """
    overrides = dict(overrides or {})
    Session(scenario, n=1, infant=infant, caregiver=caregiver, seed=seed, overrides=overrides)  # validates
    jobs = []
    want = workers or default_workers()
    for k, start in enumerate(range(0, n, BLOCK)):
        size = min(BLOCK, n - start)
        sub = params.subset(np.arange(start, start + size)) if params is not None else None
        for a, b in pieces(size, want):  # the block's infants a..b-1, numbered from start + a
            jobs.append({"scenario": scenario, "n": size, "infant": infant, "caregiver": caregiver,
                         "seed": seed, "k": k, "first": start + a, "part": (a, b), "overrides": overrides,
                         "params": sub, "preset_label": preset_label, "score": score, "render": render})
    workers = min(want, len(jobs))
    return _blocks(jobs, workers, progress)


def _blocks(jobs: list[dict], workers: int, progress) -> Iterator[BatchResult]:
    if workers <= 1:
        for i, job in enumerate(jobs):
            inner = (lambda f, i=i: progress((i + f) / len(jobs))) if progress else None
            yield _block_result(job, _run_block(job, inner))
        return
    with worker_pool(workers) as pool:
        ahead = workers + 1  # each finished piece waiting here holds up to ~25 MB (5,000 infants)
        pending = deque(pool.submit(_run_block, job) for job in jobs[:ahead])
        try:
            for i, job in enumerate(jobs):
                fut = pending.popleft()
                if i + ahead < len(jobs):
                    pending.append(pool.submit(_run_block, jobs[i + ahead]))
                block = _block_result(job, fut.result())
                del fut  # a future keeps its result: hold the block only through ``block``
                if progress:
                    progress((i + 1) / len(jobs))
                yield block
                del block  # the caller is done with it: do not keep it while the next one arrives
        finally:
            for fut in pending:  # the caller stopped early: drop what has not started
                fut.cancel()


def _block_result(job: dict, out: dict) -> BatchResult:
    a, b = job["part"]
    return BatchResult(
        scenario=out["scenario"], n=b - a, seed=job["seed"], preset=out["preset"],
        preset_label=job["preset_label"] or out["preset"], caregiver_id=job["caregiver"],
        overrides=job["overrides"], episode_ids=out["episode_ids"], measures=out["measures"],
        params=out["params"], final=out["final"], scores=out["scores"], first=job["first"],
        rendered=out.get("rendered"))


def run_batch(scenario: Scenario, n: int, infant: str | None = None, caregiver: str = "sensitive",
              seed: int = 0, overrides: dict[str, float] | None = None, params: InfantParams | None = None,
              preset_label: str | None = None, workers: int | None = None, score: bool = True,
              progress=None) -> BatchResult:
    """Run ``n`` infants through ``scenario`` in blocks of :data:`BLOCK`, in parallel where it helps.

    Args mirror :class:`Session`; ``params`` (explicit per-infant parameters of shape (n,)) overrides
    sampling from the preset. ``progress(fraction)`` is called as blocks finish. The whole batch is
    kept in memory; :func:`iter_batch` yields it block by block instead.
    """
    blocks = list(iter_batch(scenario, n, infant=infant, caregiver=caregiver, seed=seed, overrides=overrides,
                             params=params, preset_label=preset_label, workers=workers, score=score,
                             progress=progress))
    first = blocks[0]
    return dataclasses.replace(
        first, n=n, measures=_concat([b.measures for b in blocks]), params=_concat([b.params for b in blocks]),
        final=_concat([b.final for b in blocks]), scores=_concat([b.scores for b in blocks]))
