"""The last guard between outside text and the terminal: no control character is drawn.

Scenario and save text is shown as text everywhere in the UI (``Content`` and ``Text``
objects, never markup), but a name can still hold characters a terminal acts on rather
than shows: an escape sequence (clear the screen, set the window title), a C1 control,
a bidirectional override. Textual passes them through to the terminal untouched.

:class:`DropControls` is a line filter the app applies to every line of every widget,
just before it is written out: it removes those characters (the ones
:func:`game.cli_text.unsafe` names). They take no cell on screen, so removing them moves
nothing; the command line shows the same characters escaped instead.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from game.cli_text import unsafe


class DropControls(LineFilter):
    """Removes control, separator and bidirectional-control characters from each line."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        """The segments with every unsafe character removed (and none left empty)."""
        if all(s.text.isprintable() or s.control for s in segments):
            return segments  # the common case: nothing to remove
        out: list[Segment] = []
        for segment in segments:
            text = segment.text
            if segment.control or text.isprintable():
                out.append(segment)
                continue
            kept = "".join(c for c in text if not unsafe(c))
            if kept:
                out.append(Segment(kept, segment.style, segment.control))
        return out


DROP_CONTROLS = DropControls()
"""The one instance the app uses (strips cache filtered lines per filter instance)."""
