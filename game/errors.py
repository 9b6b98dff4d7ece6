"""Typed errors that the command line and the UI turn into messages, never tracebacks."""

from __future__ import annotations


class SidraError(Exception):
    """Base of every error Sidra reports to a person."""
