"""Registers the subcommands that live in their own modules (play, validation, develop, replay, report...).

Each module named in ``MODULES`` defines ``register(subparsers, common)``; ``common(parser)`` adds the
shared SCENARIO/--infant/--caregiver/--seed/--set arguments. A module that is absent is skipped.
"""

from __future__ import annotations

import importlib

MODULES = (
    "simulator.cli.play",  # play (the GUI, scripted demo and screenshots)
    "simulator.cli.lecture",  # lecture (a playlist with cue points)
    "simulator.cli.validation",  # validation (the report of science.md checks)
    "simulator.cli.develop",  # develop (development runs)
    "simulator.cli.sessions",  # replay, report, compare
)


def register(sub, common) -> None:
    """Add every available module's subcommands to ``sub``."""
    for name in MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name and name.startswith(exc.name):
                continue  # that part of the app is not installed yet
            raise
        module.register(sub, common)
