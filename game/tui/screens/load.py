"""The Load dialog: every save in the player's folder, described, newest first.

Autosaves and the copies saved with Save as are listed together, each with its
scenario, the sides people played, the turn reached (or the result), when it was saved
and what kind of save it is; a file that is not a readable save is listed as
"unreadable" with the reason. Headers are read off the UI thread. A path can still be
typed. *Load* continues the game; *Replay* opens it in the replay viewer.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from game.tui.save_list import SaveInfo, list_saves, read_save_info
from game.tui.screens.dialogs import ARROWS, Loaded
from game.tui.session import saves_in


def save_prompt(info: SaveInfo) -> Content:
    """Two lines for a save in the list: what it is, then when and which file."""
    title_style = "$text-error" if info.problem else "bold"
    return Content.assemble(
        (info.title(), title_style), "\n", (f"  {info.detail()}", "$text-muted")
    )


class LoadDialog(ModalScreen[Loaded | None]):
    """Pick a save (every save in the player's folders, or any path) and load it.

    In replay mode (the title's "Replay a saved game") Replay is the default answer to
    Enter. A save that fails to load shows SaveError's message here and the dialog
    stays open, so a corrupt file never ends the program.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel"), *ARROWS]

    def __init__(
        self, autosaves: Path, copies: Path, error: str = "", replay: bool = False
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.autosaves = autosaves
        self.copies = copies
        self.initial_error = error
        self.replay = replay
        self.saves: list[SaveInfo] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide", id="load-dialog"):
            title = "Replay a saved game" if self.replay else "Load a game"
            yield Label(title, classes="dialog-title")
            yield Label(
                Content(f"Saves in {self.autosaves.parent}, newest first"),
                id="save-folder",
                classes="dialog-note",
            )
            yield OptionList(
                Option(Content("Reading saves…"), disabled=True), id="save-list", markup=False
            )
            yield Input(
                placeholder="…or the path of a save file, then Enter", id="load-path", compact=True
            )
            yield Static(Content(self.initial_error), id="load-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Load", id="load", variant="default" if self.replay else "primary")
                yield Button("Replay", id="replay", variant="primary" if self.replay else "default")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#save-list", OptionList).focus()
        self._read_headers()

    @work(thread=True, exclusive=True, group="save-headers")
    def _read_headers(self) -> None:
        autosaves = set(saves_in(self.autosaves))
        infos = [
            read_save_info(path, path in autosaves)
            for path in list_saves(self.autosaves, self.copies)
        ]
        self.app.call_from_thread(self._show, infos)

    def _show(self, infos: list[SaveInfo]) -> None:
        self.saves = infos
        options = self.query_one("#save-list", OptionList)
        options.clear_options()
        if not infos:
            options.add_option(
                Option(Content("No saves yet: games autosave after every turn."), disabled=True)
            )
            self.query_one("#load-path", Input).focus()
            return
        options.add_options(Option(save_prompt(info), id=str(i)) for i, info in enumerate(infos))
        options.highlighted = 0

    @on(OptionList.OptionSelected, "#save-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        if 0 <= event.option_index < len(self.saves):
            self.load(self.saves[event.option_index].path, self.replay)

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
        index = self.query_one("#save-list", OptionList).highlighted
        if self.saves and index is not None and 0 <= index < len(self.saves):
            self.load(self.saves[index].path, replay)
        else:
            self._error("Choose a save from the list, or type the path of a save file.")

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
        self.app.call_from_thread(self.dismiss, Loaded(record, path, replay))

    def _failed(self, message: str) -> None:
        hint = "\nChoose another save from the list (newest first)." if len(self.saves) > 1 else ""
        self._error(message + hint)

    def _error(self, message: str) -> None:
        self.query_one("#load-error", Static).update(Content(message))
