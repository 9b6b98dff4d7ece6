"""Export a replayed game's handout: one HTML page, or Markdown with its chart sheet.

The handout (``game.record.handout``) covers the whole save — the main line, every variation
and every note — so the dialog only asks where and in which format. A file that is
there already is replaced only if it is an earlier handout, and only after a second
press; anything else is refused, so an export never overwrites a teacher's other
files. The writing runs in a thread worker; errors are shown in the dialog.
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
from textual.widgets import Button, Input, Label, Select, Static

from game.record.handout.write import FORMATS, companions, is_report, write_handout
from game.record.match import Match
from game.tui.screens.dialogs import ARROWS

FORMAT_NAMES = {"html": "HTML page (print or open in a browser)", "md": "Markdown + SVG charts"}


def handout_path(raw: str, fmt: str) -> Path:
    """The file typed, with the format's suffix; ValueError saying why if it cannot be
    one (nothing typed, a folder, a name too long, an unknown ``~user``...)."""
    from game.tui.paths import PathProblem, shown, typed_path

    raw = raw.strip()
    if not raw:
        raise ValueError("Type where to write the handout.")
    try:
        path = typed_path(raw, "handout")
        if raw.endswith("/") or path.name in ("", ".", "..") or path.is_dir():
            raise PathProblem(f"'{shown(raw)}' is a folder: add a file name.")
        suffix = f".{fmt}"
        path = path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)
        return typed_path(str(path), "handout")  # the name may now be too long
    except (PathProblem, OSError) as exc:
        raise ValueError(str(exc)) from None


class ExportDialog(ModalScreen[list[Path] | None]):
    """Where and how to write the handout; dismisses with the files written."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel"), *ARROWS]

    def __init__(self, match: Match, default: Path) -> None:
        super().__init__(classes="dialog-screen")
        self.match = match
        self.default = default
        self._replace: Path | None = None
        self.busy = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide"):
            yield Label("Export a handout", classes="dialog-title")
            yield Static(
                "The whole game for a class: timeline, orders and reasons, notes, charts, "
                "the outcome, every variation and questions to discuss.",
                classes="dialog-note",
            )
            yield Input(str(self.default), id="export-path", compact=True)
            with Horizontal(classes="dialog-row dialog-first"):
                yield Label("Format", classes="dialog-label")
                yield Select(
                    [(FORMAT_NAMES.get(f, f), f) for f in FORMATS],
                    value=FORMATS[0],
                    allow_blank=False,
                    compact=True,
                    id="export-format",
                )
            yield Static("", classes="dialog-error", id="export-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", id="ok", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(Select.Changed, "#export-format")
    def _format_changed(self, event: Select.Changed) -> None:
        """Keep the file's suffix in step with the format."""
        if not isinstance(event.value, str):
            return
        field = self.query_one("#export-path", Input)
        path = Path(field.value.strip() or str(self.default))
        if path.suffix.lower().lstrip(".") in FORMATS:
            field.value = str(path.with_suffix(f".{event.value}"))

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _export(self) -> None:
        if self.busy:
            return
        fmt = self.query_one("#export-format", Select).value
        if not isinstance(fmt, str):
            return
        try:
            path = handout_path(self.query_one("#export-path", Input).value, fmt)
        except ValueError as exc:
            self._error(str(exc))
            return
        present = [p for p in companions(path, fmt) if p.exists()]
        foreign = [p for p in present if not is_report(p)]
        if foreign:
            self._error(f"{foreign[0]} exists and is not a handout: choose another name.")
            return
        if present and self._replace != path:
            self._replace = path
            self._error(f"{present[0]} is an earlier handout. Press Export again to replace it.")
            return
        self.busy = True
        self._error(f"Writing {path.name}…")
        self._write(path, fmt)

    @work(thread=True, exclusive=True, group="export")
    def _write(self, path: Path, fmt: str) -> None:
        try:
            written = write_handout(self.match, path, fmt)
        except OSError as exc:
            self.app.call_from_thread(self._failed, f"Cannot write {path}: {exc.strerror or exc}")
            return
        self.app.call_from_thread(self.dismiss, written)

    def _failed(self, message: str) -> None:
        self.busy = False
        self._error(message)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without exporting."""
        self.dismiss(None)

    def _error(self, message: str) -> None:
        self.query_one("#export-error", Static).update(Content(message))
