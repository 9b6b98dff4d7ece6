"""A one-line note dialog: a player's "why" for an order or a turn.

Returns the text through ``dismiss`` (None when cancelled; an empty string clears the
note). The note is one line of plain text, at most :data:`NOTE_LIMIT` characters:
it is shown as text wherever it appears, never interpreted as markup.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from game.tui.screens.dialogs import ARROWS
from game.tui.session import NOTE_LIMIT


class NoteDialog(ModalScreen[str | None]):
    """Ask for a one-line note; Enter keeps it, Escape cancels, an empty note removes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel"), *ARROWS]

    def __init__(self, title: str, about: str, initial: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.about = about
        self.initial = initial

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content(self.title_text), classes="dialog-title")
            yield Static(Content(self.about), classes="dialog-question")
            yield Input(
                self.initial,
                placeholder="why, in one line (empty removes the note)",
                max_length=NOTE_LIMIT,
                id="note-text",
                compact=True,
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Keep", id="keep", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#note-text", Input).focus()

    @on(Input.Submitted, "#note-text")
    @on(Button.Pressed, "#keep")
    def _keep(self) -> None:
        self.dismiss(self.query_one("#note-text", Input).value)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without changing the note."""
        self.dismiss(None)
