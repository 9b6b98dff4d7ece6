"""Text from outside data, made safe to print on a terminal.

Scenario files, saves, file names and exception messages that quote them are outside
data: a name may hold an escape sequence that clears the screen or sets the window
title, a carriage return that overwrites the line before it, a line break that forges
another line of output, or a bidirectional override that shows text in another order
than it is stored. :func:`safe` escapes every such character, visibly (``\\x1b``,
``\\u202e``), so the reader sees exactly what the data holds and the terminal receives
only printable text. Every ``sidra`` command prints outside data through it; the
terminal UI drops the same characters from every line it draws
(:mod:`game.tui.text_filter`), as a screen cell cannot show an escape.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

BIDI_CONTROLS = frozenset(
    {
        "\u061c",
        "\u200e",
        "\u200f",
        *map(chr, range(0x202A, 0x202F)),
        *map(chr, range(0x2066, 0x206A)),
    }
)
"""Marks, embeddings, overrides and isolates that change the order text is shown in."""


@lru_cache(maxsize=4096)
def unsafe(char: str) -> bool:
    """Whether a terminal could act on ``char`` rather than show it.

    Control characters (C0, DEL and C1, which start escape sequences, move the cursor
    or ring the bell), line and paragraph separators, bidirectional controls, and lone
    surrogates (which cannot even be encoded for output).
    """
    if char in BIDI_CONTROLS:
        return True
    return unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp")


def escaped(char: str) -> str:
    """``char`` written as its escape: ``\\x1b``, ``\\u202e``, ``\\U0001f600``."""
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def safe(text: object, *, lines: bool = False) -> str:
    """``text`` with every character a terminal could act on escaped.

    With ``lines``, line breaks and tabs are kept: for a report made of several lines
    whose outside parts are already single-line (a summary, a list of problems). Without
    it a line break is escaped too, so one value always prints as one line.
    """
    value = str(text)
    if value.isprintable():  # the common case: nothing to escape
        return value
    keep = "\n\t" if lines else ""
    return "".join(escaped(c) if unsafe(c) and c not in keep else c for c in value)
