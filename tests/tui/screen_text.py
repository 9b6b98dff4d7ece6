"""What a person reads on screen, as plain text, for Pilot tests to assert on."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console


def plain(content: Any) -> str:
    """The text of a widget's content (str, Text/Content, or any Rich renderable)."""
    if isinstance(content, str):
        return content
    if hasattr(content, "plain"):
        return str(content.plain)
    out = io.StringIO()
    Console(file=out, width=200, color_system=None).print(content)
    return out.getvalue()
