"""Small modal dialogs: confirm (quit with unsent orders), end the turn early and save
as; the settings in the command palette; and what the Load dialog
(:mod:`game.tui.screens.load`) answers.

Each dialog is a :class:`ModalScreen` that returns its answer through ``dismiss``, so
callers push it with a callback and never block. Arrow keys move between a dialog's
parts (a widget that uses an arrow itself, a list's Up/Down or a text box's Left/Right,
keeps it). Errors (a corrupt save, a folder
that cannot be written, a typed path that cannot be one: too long, ``~nosuchuser``, a
folder, a pipe) are shown inside the dialog in plain words, never as a traceback, and
the dialog stays open so the player can try again.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

if TYPE_CHECKING:
    from game.record.match import Match
    from game.tui.session import GameSession


ARROWS: list[BindingType] = [
    Binding("left,up", "app.focus_previous", "Previous", show=False),
    Binding("right,down", "app.focus_next", "Next", show=False),
]
"""Arrow keys between a dialog's buttons, lists and boxes (screen bindings: a focused
widget that binds an arrow itself keeps it)."""


class ConfirmDialog(ModalScreen[bool]):
    """Ask a yes/no question; dismisses with True for yes (``y``) and False for no."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
        *ARROWS,
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__(classes="dialog-screen")
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(self.question), classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.yes, id="yes", variant="error")
                yield Button(self.no, id="no", variant="primary")

    def on_mount(self) -> None:
        # The safe answer has the focus, so a stray Enter never discards anything.
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        """Answer from the keyboard (y / n / Escape)."""
        self.dismiss(yes)


EndTurnAnswer = Literal["keep", "end", "end_and_stop_asking"]
"""Keep playing the turn, end it, or end it and stop asking (the setting turns off)."""


class EndTurnDialog(ModalScreen[EndTurnAnswer]):
    """Ask before ending a turn with action points left; No is the default.

    ``y`` ends the turn, ``n`` or Escape keeps it, ``d`` ends it and turns the question
    off (the command palette turns it on again).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer('end')", "End turn"),
        Binding("n,escape", "answer('keep')", "Keep playing"),
        Binding("d", "answer('end_and_stop_asking')", "Don't ask again"),
        *ARROWS,
    ]

    def __init__(self, question: str) -> None:
        super().__init__(classes="dialog-screen")
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide"):
            yield Static(Content(self.question), classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button("End turn (y)", id="end", variant="error")
                yield Button("Keep playing (n)", id="keep", variant="primary")
                yield Button("End, don't ask again (d)", id="end_and_stop_asking")

    def on_mount(self) -> None:
        # Keeping the turn has the focus: a stray Enter never ends it.
        self.query_one("#keep", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.action_answer(event.button.id or "keep")

    def action_answer(self, answer: str) -> None:
        """Answer from the keyboard (y / n / d / Escape) or a button."""
        if answer == "end":
            self.dismiss("end")
        elif answer == "end_and_stop_asking":
            self.dismiss("end_and_stop_asking")
        else:
            self.dismiss("keep")


class SettingsCommands(Provider):
    """The player's settings in the command palette (the game screen lists it)."""

    def _commands(self) -> list[tuple[str, str]]:
        from game.tui import settings

        asking = settings.current().settings.confirm_end_turn
        if asking:
            return [("Stop asking before ending a turn early", "Now: asks when AP is unspent")]
        return [("Ask before ending a turn early", "Now: e ends the turn at once")]

    def _toggle(self) -> None:
        from game.tui import settings

        store = settings.current()
        asking = not store.settings.confirm_end_turn
        problem = store.update(confirm_end_turn=asking)
        if problem is not None:
            self.app.notify(problem, title="Settings not saved", severity="warning", markup=False)
        said = "asks first" if asking else "ends the turn at once"
        self.app.notify(f"With action points unspent, e now {said}.", markup=False)

    async def discover(self) -> Hits:
        """The settings, shown when the palette opens."""
        for name, help_text in self._commands():
            yield DiscoveryHit(name, self._toggle, help=help_text)

    async def search(self, query: str) -> Hits:
        """Settings matching what the player typed."""
        matcher = self.matcher(query)
        for name, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), self._toggle, text=name, help=help_text)


class SaveAsDialog(ModalScreen[Path | None]):
    """Write the session's record to a file the player names; dismisses with the path."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel"), *ARROWS]

    def __init__(self, session: GameSession, default: Path) -> None:
        super().__init__(classes="dialog-screen")
        self.session = session
        self.default = default
        self._confirm_overwrite: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Save the game as", classes="dialog-title")
            yield Input(str(self.default), id="save-path", compact=True)
            yield Static("", id="save-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#save-path", Input).focus()

    @on(Input.Submitted, "#save-path")
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        from game.record.save import SaveError
        from game.tui.paths import PathProblem, save_target

        try:
            path = save_target(self.query_one("#save-path", Input).value, self.default)
        except PathProblem as exc:
            self._error(str(exc))
            return
        if os.path.lexists(path) and self._confirm_overwrite != path:
            self._confirm_overwrite = path
            self._error(f"{path} exists. Press Save again to replace it.")
            return
        try:
            self.session.save_as(path)
        except (OSError, SaveError) as exc:
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            self._error(f"Cannot write {path}: {why}")
            return
        self.dismiss(path)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)

    def _error(self, message: str) -> None:
        self.query_one("#save-error", Static).update(Content(message))


@dataclass(frozen=True, slots=True)
class Loaded:
    """A save that loaded and checked out: its record, where it came from, and whether
    to replay it (the replay viewer) rather than continue it."""

    match: Match
    path: Path
    replay: bool = False
