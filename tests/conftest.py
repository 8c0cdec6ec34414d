"""Test setup: headless SDL drivers before anything imports pygame, the project root on sys.path, and
private data folders so no test can read, write or delete a real user's saved sessions or reports."""

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
_PRIVATE = Path(tempfile.mkdtemp(prefix="attune-tests-"))
os.environ["ATTUNE_DATA_DIR"] = str(_PRIVATE / "data")
os.environ["ATTUNE_SAVE_DIR"] = str(_PRIVATE / "saved")
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
