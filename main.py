"""Attune's entry point: the app by default, headless subcommands (run, batch, list, validate...) otherwise."""

import sys

from simulator.pycheck import require_python

if __name__ == "__main__":
    require_python()  # first: on an old Python, one line naming the Python needed, exit 2
    from simulator.cli import main

    sys.exit(main())
