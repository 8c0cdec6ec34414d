"""``python -m simulator`` and the installed ``attune`` command: the version guard, then the command line."""

import sys

from .pycheck import require_python


def main():
    """Check the Python version, then run Attune's command line (the app with no arguments)."""
    require_python()
    from .cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
