"""The offer a first-time player sees on the title screen: play the five-minute tutorial?

Shown once, over the title, when nothing says the player has been here before (no
settings file and no autosave). It dismisses with True to start the tutorial and False
to go on to the title; the title screen remembers either answer in the settings file so
a returning player is never asked again.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from game.tui import settings
from game.tui.screens.dialogs import ARROWS

OFFER = (
    "New to Sidra? The tutorial is a small made-up war of five places and six turns: it "
    "shows the keys, action points, an air strike, escalation and how victory is scored, "
    "in about five minutes."
)
LATER = "You can start it any time: choose '{title}' in the scenario list."


def first_visit(*, can_continue: bool) -> bool:
    """Nothing says the player has been here before: no settings file when this run read
    it (so no offer was ever answered) and no autosave to continue."""
    store = settings.current()
    return store.fresh and not store.settings.tutorial_offered and not can_continue


def remember_offer() -> str | None:
    """Record in the settings file that the offer was made; None, or why it could not be."""
    return settings.current().update(tutorial_offered=True)


class TutorialOffer(ModalScreen[bool]):
    """Ask whether to play the tutorial; ``t`` or Enter plays it, ``n`` or Escape does not."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "answer(True)", "Play the tutorial"),
        Binding("n,escape", "answer(False)", "Not now"),
        *ARROWS,
    ]

    def __init__(self, title: str) -> None:
        super().__init__(classes="dialog-screen", id="tutorial-offer")
        self.title_text = title
        """The tutorial's title, as the scenario list shows it."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide"):
            yield Static(Content("Welcome"), classes="dialog-title")
            yield Static(Content(OFFER), classes="dialog-question")
            yield Static(Content(LATER.format(title=self.title_text)), classes="dialog-note")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Play the tutorial (t)", id="play", variant="primary")
                yield Button("Not now (n)", id="later")

    def on_mount(self) -> None:
        # Enter plays the tutorial: it is what a first-time player most likely wants.
        self.query_one("#play", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "play")

    def action_answer(self, play: bool) -> None:
        """Answer from the keyboard (t / n / Escape)."""
        self.dismiss(play)
