"""Sidra: a turn-based strategy simulation of conflicts for the terminal, each scenario built
from its own sources."""

__version__ = "0.1.0"
