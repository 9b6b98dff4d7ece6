"""Handouts of saved games for the classroom: one content model, Markdown and HTML.

:func:`build_handout` reads a match once into a :class:`Handout` (scenario, timeline,
tracks, outcome, history, variations, questions); :func:`render_markdown` and
:func:`render_html` lay it out; :func:`write_handout` writes the files.
"""

from game.record.handout.build import build_handout
from game.record.handout.model import Handout
from game.record.handout.render_html import render_html
from game.record.handout.render_md import render_markdown
from game.record.handout.write import write_handout

__all__ = ["Handout", "build_handout", "render_html", "render_markdown", "write_handout"]
