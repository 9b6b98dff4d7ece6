"""Sidra: a turn-based strategy simulation of conflicts for the terminal, each scenario built
from its own sources.

The version is written once, in pyproject.toml, and read here from the installed package's
metadata, so ``sidra --version``, saves and crash reports can never disagree with it.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("sidra")
except PackageNotFoundError:  # imported from a source tree that was never installed
    __version__ = "0+unknown"
