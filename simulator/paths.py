"""Where Attune's bundled data lives (scenarios, fonts and other assets), in a checkout or when installed.

In a checkout the data sits beside the package (``scenarios/``, ``assets/``). ``pip install .`` copies
the same folders into the package as ``simulator/data/scenarios`` and ``simulator/data/assets``
(pyproject.toml), so an installed ``attune`` finds them without the checkout. The packaged copy is
used when present; a checkout never has one.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_INSTALLED = _PACKAGE / "data"

#: The checkout's root folder (holds main.py, docs/, scenarios/); in an installed copy, site-packages.
ROOT = _PACKAGE.parent


def _data(name: str) -> Path:
    packaged = _INSTALLED / name
    return packaged if packaged.is_dir() else ROOT / name


#: Bundled scenario files (``*.toml``, ``schema.json``).
SCENARIO_DIR = _data("scenarios")
#: Fonts, sounds and their licences.
ASSETS_DIR = _data("assets")
FONT_DIR = ASSETS_DIR / "fonts"
