"""Test setup: headless SDL drivers before anything imports pygame, the project root on sys.path, and
private data folders so no test can read, write or delete a real user's saved sessions or reports."""

import gc
import os
import sys
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
_PRIVATE = Path(tempfile.mkdtemp(prefix="attune-tests-"))
os.environ["ATTUNE_DATA_DIR"] = str(_PRIVATE / "data")
os.environ["ATTUNE_SAVE_DIR"] = str(_PRIVATE / "saved")
# Batches run in the test process (simulator/model/workers.py): pytest-xdist already runs one test process per
# core, so a batch's own pool of worker processes would only compete with the other test process, and forking
# it costs CPU (a quarter more for the caregiver and individual-differences tests). The tests of the pool ask
# for workers explicitly (workers=2, or ATTUNE_WORKERS in a subprocess's environment).
os.environ.setdefault("ATTUNE_WORKERS", "1")
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


#: Test files that take longest (CPU seconds, longest first; bench: ``python -m pytest --durations=0``), run
#: first: with one file per worker (``--dist loadfile``) a long file left for last keeps one worker busy while
#: the other idles. pytest.ini turns off xdist's own reordering (by number of tests), which would undo this.
LONGEST_FIRST = ("test_report_audience.py", "test_view_readable.py", "test_caregiver_wellbeing.py",
                 "test_model_kernels.py", "test_view_polish.py", "test_scoring_presets.py", "test_view_fuzz.py",
                 "test_reliability_inputs.py", "test_reliability_install.py", "test_model_science.py", "test_cli.py",
                 "test_content_lessons.py", "test_view_observer.py", "test_view_population_lab.py",
                 "test_view_lecture.py", "test_sessions_gui.py", "test_play_prompts.py", "test_sessions_cli.py",
                 "test_model_individual_differences.py", "test_reliability_sessions.py",
                 "test_sessions_autosave_kill.py", "test_view_teach.py", "test_view_prompt_placement.py",
                 "test_model_properties.py", "test_population_populations.py", "test_view_flows.py",
                 "test_printout_spread.py")


def pytest_collection_modifyitems(config, items):
    """Order the test files longest first (each file's tests keep their order)."""
    rank = {name: k for k, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))


@pytest.hookimpl(hookwrapper=True)
def pytest_collection(session):
    """No garbage collection while the test files are imported and collected (they make little garbage, and
    each full collection walks every object numba, numpy and pygame just made); then what they made stays for
    the whole run, frozen out of the collector's reach (``gc.freeze``), so a full collection during the tests
    walks what the tests make. The collector cost each worker ~2-3 s of CPU otherwise. (A batch's worker pool
    unfreezes everything when it is done, simulator/model/batch.py; so be it: checking for that after every test,
    ``gc.get_freeze_count``, walks the frozen objects and costs more than it saves.)"""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect()
        gc.freeze()
