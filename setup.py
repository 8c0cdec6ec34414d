"""Packaging's file list: every ``simulator`` package, plus scenarios/ and assets/ copied in as package data.

The metadata is in pyproject.toml. In a checkout the scenarios and assets sit beside the package;
installed, they become ``simulator/data/scenarios`` and ``simulator/data/assets``, which
``simulator/paths.py`` finds.
"""

from setuptools import find_packages, setup

DATA = {"simulator.data.scenarios": "scenarios", "simulator.data.assets": "assets"}

setup(
    packages=find_packages(include=["simulator", "simulator.*"]) + list(DATA),
    package_dir=DATA,
    package_data={"simulator.data.scenarios": ["*.toml", "*.json", "**/*.toml"],
                  "simulator.data.assets": ["**/*"]},
    include_package_data=False,
)
