"""Sidra's own Textual theme: high contrast, for projectors and low vision.

Every colour on screen comes from the current theme (CSS variables and component
classes; text in Python names ``$success``, ``$warning``, ``$text-muted``... never a hex
code), so switching theme changes everything and ``NO_COLOR`` strips it all.

The high-contrast theme is white on black with saturated accents. A highlighted row
(the list cursor, a selection) is white on navy rather than black on yellow: rows
carry their own coloured marks (a green ✓, a red ✗, a yellow warning), and every
accent stays legible on navy (WCAG contrast of at least 4.5:1) where green on yellow
was not. ``tests/tui/test_words_ui.py`` computes these contrasts from the theme.
"""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = "sidra-high-contrast"

SELECTION = "#000080"
"""The highlighted row's background: dark enough for every accent to read on it."""

HIGH_CONTRAST_THEME = Theme(
    name=HIGH_CONTRAST,
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FF8C00",
    warning="#FFD700",
    error="#FF5050",
    success="#00FF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#202020",
    boost="#FFFFFF",
    dark=True,
    luminosity_spread=0.0,
    text_alpha=1.0,
    variables={
        "border": "#FFFFFF",
        "border-blurred": "#A0A0A0",
        "footer-key-foreground": "#FFFF00",
        "footer-description-foreground": "#FFFFFF",
        "block-cursor-foreground": "#FFFFFF",
        "block-cursor-background": SELECTION,
        "block-cursor-text-style": "bold underline",
        "block-cursor-blurred-foreground": "#FFFFFF",
        "block-cursor-blurred-background": "#202020",
        "block-cursor-blurred-text-style": "bold",
        "block-hover-background": "#303030",
        "input-selection-background": SELECTION,
        "input-cursor-background": "#FFFFFF",
        "input-cursor-foreground": "#000000",
        "text-muted": "#E0E0E0",
        "text-primary": "#FFFF00",
        "text-secondary": "#00FFFF",
        "text-accent": "#FF8C00",
        "text-warning": "#FFD700",
        "text-error": "#FF5050",
        "text-success": "#00FF00",
        "text-disabled": "#A8A8A8",
        "scrollbar": "#A0A0A0",
        "scrollbar-hover": "#FFFFFF",
        "scrollbar-active": "#FFFF00",
        "scrollbar-background": "#000000",
    },
)
"""Pure black and white with saturated accents, for projectors and low vision."""


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a ``#RRGGBB`` colour."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, two: str) -> float:
    """WCAG 2 contrast ratio of two ``#RRGGBB`` colours (1 to 21)."""
    a, b = sorted((relative_luminance(one), relative_luminance(two)), reverse=True)
    return (a + 0.05) / (b + 0.05)
