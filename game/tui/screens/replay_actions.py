"""What the replay viewer does besides showing: notes, new lines, comparisons, the fan.

Notes are written into the save the moment they change (atomically, the whole save).
If that fails — a read-only file, a vanished disk — the viewer says so plainly, keeps
the note in memory, marks the status line, retries on the next change, offers
``ctrl+s`` to save a copy elsewhere, and asks before leaving: a note is never lost
silently.

*Play from here* starts a variation at the cursor with the same or other seats and
hands it to the app's normal game screen; its autosave writes the whole match (every
line, every note) to the same save, so the teacher finds the new line there.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual.screen import Screen

from game.record.cursor import Cursor
from game.record.history import Annotation, HistoryError
from game.record.match import Match
from game.record.save import SaveError, write_save
from game.tui.screens.dialogs import ConfirmDialog, SaveAsDialog
from game.tui.screens.replay_dialogs import (
    BranchChoice,
    BranchDialog,
    ComparePicker,
    LineDialog,
    NoteDialog,
    NoteDraft,
    NotePicker,
)
from game.tui.screens.replay_view import owner_line

if TYPE_CHECKING:
    from game.tui.app import SidraApp


class ReplayActions(Screen[None]):
    """The replay screen's actions; the screen itself draws (see :mod:`replay`)."""

    cursor: Cursor

    def __init__(self, match: Match, path: Path) -> None:
        super().__init__(id="replay")
        self.match = match
        self.path = path
        self.unsaved = False
        """True while a change to the notes is only in memory (the last write failed)."""
        self.chosen_region: str | None = None
        """The region last selected on the map by the viewer (a new note's default)."""
        self.author = ""

    def refresh_view(self) -> None:
        """Redraw everything (the screen's job)."""
        raise NotImplementedError

    def highlighted_note(self) -> Annotation | None:
        """The note the viewer is pointing at, if any (the screen's job)."""
        raise NotImplementedError

    def _sidra(self) -> SidraApp:
        return cast("SidraApp", self.app)

    # -- notes -------------------------------------------------------------------------------

    def write(self, what: str) -> bool:
        """Write the whole save now; on failure say so and keep everything in memory."""
        try:
            write_save(self.match, self.path)
        except (OSError, SaveError) as exc:
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            self.unsaved = True
            self.notify(
                f"{what} is kept in this session but could not be written to {self.path}: "
                f"{why}. It will be tried again at the next change; ctrl+s "
                "saves a copy elsewhere.",
                title="Not saved",
                severity="error",
                timeout=15,
            )
            return False
        self.unsaved = False
        self.notify(f"{what} saved in {self.path.name}.", timeout=3)
        return True

    def action_add_note(self) -> None:
        """Write a note on this turn (on the region chosen on the map, if any)."""
        position = self.cursor.position
        draft = NoteDraft("", self.chosen_region, self.author)
        title = "Note on the start" if position == 0 else f"Note on turn {position}"

        def written(result: NoteDraft | None) -> None:
            if result is None:
                return
            self.author = result.author
            owner = owner_line(self.match.history, self.cursor.line, position).name
            note = Annotation(owner, position, result.text, result.region, result.author)
            self.match.history.annotate(note)
            self.write("The note")
            self.refresh_view()

        self.app.push_screen(NoteDialog(title, self.match.world, draft), written)

    def _with_note(self, verb: str, act: Callable[[Annotation], None]) -> None:
        """Run ``act`` on the note meant: the highlighted one, the only one, or one chosen."""
        highlighted = self.highlighted_note()
        if highlighted is not None:
            act(highlighted)
            return
        notes = self.match.history.notes_at(self.cursor.line, self.cursor.position)
        if not notes:
            self.notify(f"There is no note on this turn to {verb} (a writes one).", timeout=4)
        elif len(notes) == 1:
            act(notes[0])
        else:

            def picked(chosen: Annotation | None) -> None:
                if chosen is not None:
                    act(chosen)

            self.app.push_screen(NotePicker(verb, notes), picked)

    def action_edit_note(self) -> None:
        """Change a note on this turn."""
        self._with_note("edit", self.edit)

    def edit(self, note: Annotation) -> None:
        """Open ``note`` for editing and save the change."""
        where = "the start" if note.turn == 0 else f"turn {note.turn}"
        draft = NoteDraft(note.text, note.region, note.author)

        def written(result: NoteDraft | None) -> None:
            if result is None:
                return
            new = Annotation(note.line, note.turn, result.text, result.region, result.author)
            self.match.history.replace_note(note, new)
            self.write("The note")
            self.refresh_view()

        self.app.push_screen(
            NoteDialog(f"Edit the note on {where}", self.match.world, draft), written
        )

    def action_delete_note(self) -> None:
        """Delete a note on this turn, after asking."""
        self._with_note("delete", self._delete)

    def _delete(self, note: Annotation) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self.match.history.remove_note(note)
                self.write("The deletion")
                self.refresh_view()

        question = f"Delete this note?\n\n✎ {note.text}"
        self.app.push_screen(ConfirmDialog(question, yes="Delete"), answered)

    def action_save_as(self) -> None:
        """Save the game with its notes and lines to another file, and go on there."""
        from game.tui.paths import saves_dir
        from game.tui.session import GameSession

        default = saves_dir(self._sidra().data_dir) / self.path.name

        def saved(path: Path | None) -> None:
            if path is not None:
                self.path = path
                self.unsaved = False
                self.notify(f"Saved to {path}; notes now go there.", title="Saved")
                self.refresh_view()

        self.app.push_screen(SaveAsDialog(GameSession(self.match), default), saved)

    # -- lines -------------------------------------------------------------------------------

    def action_lines(self) -> None:
        """Follow another line of the game."""

        def chosen(name: str | None) -> None:
            if name is not None and name != self.cursor.line:
                self.cursor.switch(name)
                self.refresh_view()

        self.app.push_screen(LineDialog(self.match.history, self.cursor.line), chosen)

    def action_branch(self) -> None:
        """Play a new line from this turn in the game screen."""
        if self.match.frozen is not None:
            self.notify(self.match.frozen, title="Cannot play from here", severity="warning")
            return
        state = self.cursor.state
        if state.finished:
            self.notify(
                "The game is over at this turn: step back (←) to a turn before the end.",
                title="Cannot play from here",
                severity="warning",
            )
            return
        history = self.match.history
        seats = history.line(self.cursor.line).seats
        dialog = BranchDialog(
            self.cursor.position,
            history.fresh_name(self.cursor.position),
            seats,
            self.match.world,
            list(history.lines),
        )
        self.app.push_screen(dialog, self._play_branch)

    def _play_branch(self, choice: BranchChoice | None) -> None:
        if choice is None:
            return
        from game.tui.session import GameSession

        match = self.match
        before = match.line
        match.line = self.cursor.line
        try:
            line = match.branch(self.cursor.position, choice.name, choice.seats)
        except HistoryError as exc:
            match.line = before
            self.notify(str(exc), title="Cannot play from here", severity="error")
            return
        session = GameSession.resume(match, self.path)
        try:
            session.autosave()
        except (OSError, SaveError) as exc:
            # Nothing was played on the new line yet: take it back rather than play
            # a game whose turns could not be kept.
            del match.history.lines[line.name]
            match.line = before
            self.notify(
                f"The new line was not started: cannot write {self.path}: "
                f"{exc.strerror if isinstance(exc, OSError) and exc.strerror else exc}",
                title="Not saved",
                severity="error",
                timeout=12,
            )
            return
        self.unsaved = False
        self.cursor.switch(line.name)
        self.refresh_view()
        self._sidra().play_branch(session)
        self.app.notify(
            f"Playing the new line '{line.name}'; every turn is saved in {self.path.name}. "
            "ctrl+p → Back to the replay returns to the viewer.",
            title="Play from here",
            timeout=10,
        )

    def action_compare(self) -> None:
        """Compare two lines side by side (default: this one and its parent)."""
        from game.tui.screens.compare import CompareScreen

        history = self.match.history
        if len(history.lines) < 2:
            self.notify(
                "This game has one line. Press b to play from a turn, then compare the lines.",
                timeout=6,
            )
            return
        first = self.cursor.line
        parent = history.line(first).parent
        second = parent or next(name for name in history.lines if name != first)

        def chosen(pair: tuple[str, str] | None) -> None:
            if pair is not None:
                self.app.push_screen(CompareScreen(self.match, *pair))

        self.app.push_screen(ComparePicker(history, first, second), chosen)

    def action_whatif(self) -> None:
        """Bots play the game on from here many times: the spread of what could have been."""
        from game.lab.whatif import FanError, fan_start
        from game.tui.screens.fan import FanScreen

        line, position = self.cursor.line, self.cursor.position
        try:
            fan_start(self.match, line, position)
        except FanError as exc:
            message = str(exc)
            self.notify(
                message[0].upper() + message[1:] + ".",
                title="No what-if fan from here",
                severity="warning",
                timeout=10,
            )
            return
        self.app.push_screen(FanScreen(self.match, line, position))

    def action_export(self) -> None:
        """Write the handout of the whole game (every line, every note) for a class."""
        from game.tui.screens.export import ExportDialog

        default = self.path.with_name(f"{self.path.stem}-handout.html")

        def written(paths: list[Path] | None) -> None:
            if paths:
                self.notify("\n".join(str(p) for p in paths), title="Handout written", timeout=10)

        self.app.push_screen(ExportDialog(self.match, default), written)

    def action_close(self) -> None:
        """Leave the viewer (asking first if notes could not be saved)."""
        if not self.unsaved:
            self.dismiss(None)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        question = (
            f"Your latest notes could not be written to {self.path}.\n"
            "Leave the viewer and lose them? (ctrl+s saves a copy elsewhere.)"
        )
        self.app.push_screen(ConfirmDialog(question, yes="Leave without them"), answered)
