"""The source named and weighed: the briefing's ``about_source`` parts as widgets.

Shown at the end of the briefing and on the help page, so a reader can always find
who published the source, from what stance, what it calls each side, what it leaves
out and which of its claims later reporting disputes. Every word comes from the
scenario's data (``[[briefing.about_source]]``); the text is shown as text, never as
markup.
"""

from __future__ import annotations

from collections.abc import Iterator

from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from game.scenario.models import Scenario

TITLE = "About the source"
"""The heading of the part, the same in the briefing and on the help page."""


def about_source_widgets(scenario: Scenario) -> Iterator[Widget]:
    """The heading, then each part's title and its points as bullets; nothing when the
    scenario says nothing about its source."""
    sections = scenario.briefing.about_source
    if not sections:
        return
    yield Static(TITLE, classes="section-title")
    for index, section in enumerate(sections):
        yield Static(Content(section.heading), classes="about-source-heading")
        yield Static(
            Content("\n".join(f" • {point}" for point in section.points)),
            classes="about-source-points paragraph",
            id=f"about-source-{index}",
        )
