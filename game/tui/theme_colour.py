"""Colours for Rich text drawn in Python, taken from the app's current theme.

Widgets styled in ``.tcss`` use theme variables; text built with Rich ``Style`` objects
asks here instead, so the high-contrast theme applies to it too (and Textual drops
colour altogether under ``NO_COLOR``).
"""

from __future__ import annotations

from textual.app import App

FALLBACK = {"error": "red", "warning": "yellow", "success": "green"}


def theme_colour(app: App[object], role: str) -> str:
    """The current theme's colour for ``role`` (``error``, ``warning`` …)."""
    value = app.theme_variables.get(role)
    return value if value else FALLBACK.get(role, "default")
