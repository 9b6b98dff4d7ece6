"""Writing a handout to disk: one HTML file, or Markdown with its SVG chart sheet beside it.

Files are written atomically (a temporary file renamed into place), so an interrupted
report never leaves half a page behind. :func:`is_report` tells a handout this code
wrote (which a new report may replace) from any other file (which it must not).
"""

from __future__ import annotations

from pathlib import Path

from game.record.files import read_head, write_atomic
from game.record.handout.build import build_handout
from game.record.handout.charts import MARKER as CHART_MARKER
from game.record.handout.render_html import GENERATOR, render_html
from game.record.handout.render_md import MARKER as MD_MARKER
from game.record.handout.render_md import render_markdown
from game.record.match import Match

FORMATS = ("html", "md")
_SIGNS = (f'<meta name="generator" content="{GENERATOR}">', MD_MARKER, f"<!-- {CHART_MARKER} -->")
_HEAD = 4096
"""How much of an existing file is read to recognise a handout."""


def companions(path: Path, fmt: str) -> list[Path]:
    """Every file a handout at ``path`` writes: the page, and for Markdown its chart sheet."""
    if fmt == "md":
        return [path, chart_path(path)]
    return [path]


def chart_path(path: Path) -> Path:
    """Where the SVG chart sheet of a Markdown handout goes: ``<stem>.svg`` beside it."""
    return path.with_suffix(".svg")


def is_report(path: Path) -> bool:
    """True when ``path`` is a handout (or chart sheet) an earlier report wrote.

    Only a regular file can be one: a named pipe is never opened for a wait.
    """
    try:
        head = read_head(path, _HEAD).decode("utf-8", errors="replace")
    except (OSError, ValueError):
        return False
    return any(sign in head for sign in _SIGNS)


def write_handout(match: Match, path: Path, fmt: str) -> list[Path]:
    """Build ``match``'s handout and write it as ``fmt`` (``html`` or ``md``); the paths written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown handout format '{fmt}' (one of {', '.join(FORMATS)})")
    handout = build_handout(match)
    if fmt == "html":
        write_atomic(path, render_html(handout))
        return [path]
    svg = chart_path(path)
    text, sheet = render_markdown(handout, svg.name)
    write_atomic(svg, sheet)
    write_atomic(path, text)
    return [path, svg]
