"""Sidra: a turn-based strategy simulation of the Libyan civil war for the terminal."""

__version__ = "0.1.0"
