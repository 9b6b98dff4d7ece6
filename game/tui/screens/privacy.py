"""The privacy screen between hot-seat players: nobody sees another's pending orders.

It is an opaque full screen (not a modal over the game), so nothing of the previous
player's view shows through while the keyboard changes hands.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Middle
from textual.screen import Screen
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
        text = Text(justify="center")
        text.append(f"{self.faction.glyph}\n\n", Style(color=self.faction.color, bold=True))
        text.append("Pass the keyboard to ")
        text.append(self.faction.name, Style(color=self.faction.color, bold=True))
        text.append(f"\nturn {self.turn}\n\n")
        text.append("press Enter when ready", Style(dim=True))
        with Middle(), Center():
            yield Static(text, id="privacy-box")
        yield Footer()

    def action_ready(self) -> None:
        """The next player has the keyboard."""
        self.dismiss(None)
