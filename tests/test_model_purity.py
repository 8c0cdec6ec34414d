"""The model never imports pygame (PhET's rule): it, the command line's batch side, the content and the
headless sessions import and run with pygame made unimportable."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROGRAM = r"""
import importlib, pkgutil, sys

class Block:
    def find_spec(self, name, path=None, target=None):
        if name == "pygame" or name.startswith("pygame."):
            raise ImportError("pygame is blocked in this test")
sys.meta_path.insert(0, Block())

import simulator.model as model
for info in pkgutil.walk_packages(model.__path__, "simulator.model."):
    importlib.import_module(info.name)
import simulator.cli, simulator.export, simulator.content
import simulator.sessions, simulator.sessions.store, simulator.sessions.replay  # headless too
from simulator.model.scenario import load_scenario
from simulator.model.session import Session
Session(load_scenario("still_face"), n=3, seed=1).run()
assert not any(m == "pygame" or m.startswith("pygame.") for m in sys.modules)
print("ok")
"""


def test_model_imports_without_pygame():
    r = subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "ok"


def test_no_pygame_import_statement_in_model():
    for path in (ROOT / "simulator" / "model").rglob("*.py"):
        text = path.read_text()
        assert "import pygame" not in text and "from pygame" not in text, path
