"""Small modal dialogs: confirm (quit with unsent orders), end the turn early, save as,
and load a game; and the settings in the command palette.

Each dialog is a :class:`ModalScreen` that returns its answer through ``dismiss``, so
callers push it with a callback and never block. Arrow keys move between a dialog's
parts (a widget that uses an arrow itself, a list's Up/Down or a text box's Left/Right,
keeps it). Errors (a corrupt save, a folder
that cannot be written, a typed path that cannot be one: too long, ``~nosuchuser``, a
folder, a pipe) are shown inside the dialog in plain words, never as a traceback, and
the dialog stays open so the player can try again.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

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


def save_label(path: Path) -> str:
    """One line for a save in the list: its name and when it was written."""
    try:
        stamp = dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    except OSError:
        stamp = "?"
    return f"{path.name}  ({stamp})"


class LoadDialog(ModalScreen[Loaded | None]):
    """Pick a save (the autosaves, newest first, or any path) and load it in the background.

    *Load* continues the game; *Replay* opens it in the replay viewer. In replay mode
    (the title's "Replay a saved game") Replay is the default answer to Enter.
    A save that fails to load shows SaveError's message here and the dialog stays
    open, pointing at the other saves, so a corrupt file never ends the program.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel"), *ARROWS]

    def __init__(self, folder: Path, error: str = "", replay: bool = False) -> None:
        super().__init__(classes="dialog-screen")
        self.folder = folder
        self.initial_error = error
        self.replay = replay
        from game.tui.session import saves_in  # not at import time: keeps start-up light

        self.saves = saves_in(folder)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide"):
            title = "Replay a saved game" if self.replay else "Load a game"
            yield Label(title, classes="dialog-title")
            if self.saves:
                yield Label(Content(f"Autosaves in {self.folder}"), classes="dialog-note")
                yield OptionList(
                    *[Option(Content(save_label(p)), id=str(i)) for i, p in enumerate(self.saves)],
                    id="save-list",
                    markup=False,
                )
            else:
                yield Label(Content(f"No autosaves yet in {self.folder}"), classes="dialog-note")
            yield Input(
                placeholder="…or the path of a save file, then Enter", id="load-path", compact=True
            )
            yield Static(Content(self.initial_error), id="load-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Load", id="load", variant="default" if self.replay else "primary")
                yield Button("Replay", id="replay", variant="primary" if self.replay else "default")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        if self.saves:
            self.query_one("#save-list", OptionList).focus()
        else:
            self.query_one("#load-path", Input).focus()

    @on(OptionList.OptionSelected, "#save-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.load(self.saves[event.option_index], self.replay)

    @on(Input.Submitted, "#load-path")
    def _path_submitted(self) -> None:
        self._load_pressed(self.replay)

    @on(Button.Pressed, "#load")
    def _load_button(self) -> None:
        self._load_pressed(False)

    @on(Button.Pressed, "#replay")
    def _replay_button(self) -> None:
        self._load_pressed(True)

    def _load_pressed(self, replay: bool) -> None:
        from game.tui.paths import PathProblem, typed_path

        raw = self.query_one("#load-path", Input).value.strip()
        if raw:
            try:
                path = typed_path(raw, "save file")
            except PathProblem as exc:
                self._error(str(exc))
                return
            self.load(path, replay)
            return
        if self.saves:
            index = self.query_one("#save-list", OptionList).highlighted
            self.load(self.saves[index or 0], replay)
        else:
            self._error("Type the path of a save file.")

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without loading."""
        self.dismiss(None)

    def load(self, path: Path, replay: bool = False) -> None:
        """Load ``path`` off the UI thread (to replay it, or to continue it)."""
        self._error(f"Loading {path.name}…")
        self._load(path, replay)

    @work(thread=True, exclusive=True, group="load-save")
    def _load(self, path: Path, replay: bool) -> None:
        from game.record.save import load_save

        try:
            record = load_save(path)
        except Exception as exc:  # SaveError names the problem; anything else must not crash
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._succeeded, Loaded(record, path, replay))

    def _succeeded(self, loaded: Loaded) -> None:
        self.dismiss(loaded)

    def _failed(self, message: str) -> None:
        hint = "\nChoose another save from the list (newest first)." if len(self.saves) > 1 else ""
        self._error(message + hint)

    def _error(self, message: str) -> None:
        self.query_one("#load-error", Static).update(Content(message))
