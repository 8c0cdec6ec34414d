"""Attune's entry point: the app by default, headless subcommands (run, batch, list, validate...) otherwise."""

import sys

from simulator.cli import main

if __name__ == "__main__":
    sys.exit(main())
