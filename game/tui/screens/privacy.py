"""The privacy screen between hot-seat players: nobody sees another's pending orders.

It is an opaque full screen (not a modal over the game), so nothing of the previous
player's view shows through while the keyboard changes hands.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.color import Color
from textual.containers import Center, Middle
from textual.content import Content
from textual.screen import Screen
from textual.style import Style as TextualStyle
from textual.widgets import Footer, Static

from game.scenario.models import Faction


class PrivacyScreen(Screen[None]):
    """ "Pass the keyboard to …": dismissed with Enter by the next player."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,space", "ready", "I am ready"),
    ]

    def __init__(self, faction: Faction, turn: int) -> None:
        super().__init__(classes="privacy")
        self.faction = faction
        self.turn = turn

    def compose(self) -> ComposeResult:
        # Content, centred by the style sheet: each line is padded in the box's own
        # colours (a Rich Text would pad after a coloured name in the terminal's).
        colour = TextualStyle(foreground=Color.parse(self.faction.color), bold=True)
        text = Content.assemble(
            (self.faction.glyph, colour),
            "\n\nPass the keyboard to ",
            (self.faction.name, colour),
            f"\nturn {self.turn}\n\n",
            ("press Enter when ready", TextualStyle(dim=True)),
        )
        with Middle(), Center():
            yield Static(text, id="privacy-box")
        yield Footer()

    def action_ready(self) -> None:
        """The next player has the keyboard."""
        self.dismiss(None)
