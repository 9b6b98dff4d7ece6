"""A footer that wraps its keys onto a second row when one row cannot hold them all.

The replay viewer has more keys than an 80-column footer can show on one line, and a
teacher at a projector should not have to guess the hidden ones. :class:`KeyFooter`
is Textual's own footer laid out as a grid: as many keys per row as fit the terminal
(the widest key of each column sets its width), as many rows as that takes. The game
screen and the debrief use it too, so no key is cut off at 80 columns. Its layout is
in ``sidra.tcss`` (app styles, so it wins over the footer's own defaults).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.events import Resize
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

PALETTE_ROOM = 12
"""Columns the command palette's key takes on the right."""


def fit_columns(widths: Sequence[int], room: int) -> int:
    """The most keys per row whose columns (each as wide as its widest key) fit ``room``."""
    for columns in range(len(widths), 0, -1):
        if sum(max(widths[c::columns]) for c in range(columns)) <= room:
            return columns
    return 1


def key_width(key: FooterKey) -> int:
    """Cells a compact footer key takes: key, space, description, then a one-cell gap."""
    return len(key.key_display) + 1 + len(key.description) + 1


class KeyFooter(Footer):
    """Textual's footer, wrapped onto as many rows as its keys need."""

    def __init__(self) -> None:
        super().__init__(compact=True)
        self._columns = 0
        self._widths: list[int] = []

    def _layout(self) -> tuple[int, bool]:
        """Keys per row, and whether the palette key still fits beside them.

        The palette key (``ctrl+p``, also in the help) gives way when keeping it would
        cost the footer another row.
        """
        width = self.app.size.width
        rows = len(self._widths)
        alone = fit_columns(self._widths, width)
        beside = fit_columns(self._widths, width - PALETTE_ROOM)
        if -(-rows // beside) > -(-rows // alone):
            return alone, False
        return beside, True

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        self._widths = [
            key_width(k)
            for k in keys
            if isinstance(k, FooterKey) and not k.has_class("-command-palette")
        ]
        palette = True
        if self._widths:
            self._columns, palette = self._layout()
        self.styles.grid_size_columns = max(1, self._columns)
        for key in keys:
            if palette or not key.has_class("-command-palette"):
                yield key

    def on_resize(self, event: Resize) -> None:
        """A new width may fit more or fewer keys per row."""
        if self._widths and self._layout()[0] != self._columns:
            self.call_after_refresh(self.recompose)
