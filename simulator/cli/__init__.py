"""The command line: main.py's subcommands, one module per group, errors as one line."""

from .commands import main

__all__ = ["main"]
