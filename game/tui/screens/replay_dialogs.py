"""The replay viewer's small dialogs: jump to a turn, write a note, pick a note, play from
here, switch line, and choose two lines to compare.

Each is a :class:`ModalScreen` that answers through ``dismiss`` (None when cancelled).
What the teacher types is checked here and refused with a plain message inside the
dialog, which stays open; names and notes from the save are shown as plain text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from game.ai.registry import SEAT_WORDS, Seat, parse_seat
from game.engine.world import World
from game.record.history import Annotation, History
from game.record.words import plural
from game.tui.screens.dialogs import ARROWS
from game.tui.screens.replay_view import line_origin, outcome_words

NOTE_MAX = 500
"""A teacher's note is one paragraph of at most this many characters."""
NAME_MAX = 60
"""A line's name is short: it labels the timeline and the line list."""
WHOLE_TURN = "-"
"""The region selector's value for a note on the whole turn."""

T = TypeVar("T")


class _Dialog(ModalScreen[T | None], Generic[T]):
    """A dialog with an error line; Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel"), *ARROWS]

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")

    def error(self, message: str) -> None:
        """Show why the answer was refused (plain text)."""
        self.query_one(".dialog-error", Static).update(Content(message))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without an answer."""
        self.dismiss(None)


def _buttons(ok: str) -> Horizontal:
    return Horizontal(
        Button(ok, id="ok", variant="primary"),
        Button("Cancel", id="cancel"),
        classes="dialog-buttons",
    )


# -- jump ----------------------------------------------------------------------------------


def parse_position(text: str, end: int) -> int:
    """A position typed by the viewer; ValueError with a plain reason if it is not on the line."""
    text = text.strip()
    if not text:
        raise ValueError(f"Type a turn number from 0 (the start) to {end}.")
    try:
        value = int(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a turn number: type 0 to {end}.") from None
    if not 0 <= value <= end:
        raise ValueError(f"Turn {value} is not on this line: it has turns 0 (the start) to {end}.")
    return value


class JumpDialog(_Dialog[int]):
    """Go to a turn by number."""

    def __init__(self, end: int, current: int) -> None:
        super().__init__()
        self.end = end
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Go to turn", classes="dialog-title")
            yield Static(
                Content(f"0 is the start; this line has {plural(self.end, 'turn')}."),
                classes="dialog-note",
            )
            yield Input(str(self.current), id="jump-turn", compact=True, max_length=6)
            yield Static("", classes="dialog-error")
            yield _buttons("Go")

    def on_mount(self) -> None:
        field = self.query_one("#jump-turn", Input)
        field.focus()
        field.select_all()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _go(self) -> None:
        try:
            self.dismiss(parse_position(self.query_one("#jump-turn", Input).value, self.end))
        except ValueError as exc:
            self.error(str(exc))


# -- notes ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NoteDraft:
    """What the teacher wrote: the text, the region (or None) and who wrote it."""

    text: str
    region: str | None
    author: str


def clean_note(text: str) -> str:
    """A note as one tidy paragraph; ValueError if it is empty or too long."""
    text = " ".join(text.split())
    if not text:
        raise ValueError("Write the note first (or Escape to cancel).")
    if len(text) > NOTE_MAX:
        raise ValueError(f"A note is at most {NOTE_MAX} characters (this one has {len(text)}).")
    return text


class NoteDialog(_Dialog[NoteDraft]):
    """Write or edit a note on a turn, optionally on one region."""

    def __init__(self, title: str, world: World, draft: NoteDraft) -> None:
        super().__init__()
        self.heading = title
        self.world = world
        self.draft = draft

    def compose(self) -> ComposeResult:
        regions: list[tuple[Content, str]] = [(Content("the whole turn"), WHOLE_TURN)]
        regions += [(Content(r.name), r.id) for r in self.world.regions.values()]
        with Vertical(classes="dialog dialog-wide"):
            yield Label(Content(self.heading), classes="dialog-title")
            yield Input(
                self.draft.text,
                id="note-text",
                placeholder="The note, one paragraph",
                compact=True,
                max_length=NOTE_MAX,
            )
            with Horizontal(classes="dialog-row dialog-first"):
                yield Label("On", classes="dialog-label")
                yield Select(
                    regions,
                    value=self.draft.region or WHOLE_TURN,
                    allow_blank=False,
                    compact=True,
                    id="note-region",
                )
            with Horizontal(classes="dialog-row"):
                yield Label("By", classes="dialog-label")
                yield Input(
                    self.draft.author,
                    id="note-author",
                    placeholder="who writes it (optional)",
                    compact=True,
                    max_length=NAME_MAX,
                )
            yield Static("", classes="dialog-error")
            yield _buttons("Save note")

    def on_mount(self) -> None:
        self.query_one("#note-text", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _save(self) -> None:
        try:
            text = clean_note(self.query_one("#note-text", Input).value)
        except ValueError as exc:
            self.error(str(exc))
            self.query_one("#note-text", Input).focus()
            return
        region = self.query_one("#note-region", Select).value
        author = " ".join(self.query_one("#note-author", Input).value.split())
        self.dismiss(
            NoteDraft(
                text, region if isinstance(region, str) and region != WHOLE_TURN else None, author
            )
        )


class NotePicker(_Dialog[Annotation]):
    """Choose one of several notes on a turn (to edit or delete it)."""

    def __init__(self, verb: str, notes: list[Annotation]) -> None:
        super().__init__()
        self.verb = verb
        self.notes = notes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide"):
            yield Label(f"Which note to {self.verb}?", classes="dialog-title")
            yield OptionList(*[Option(Content(f"✎ {n.text}")) for n in self.notes], id="note-list")
            yield Static("", classes="dialog-error")

    def on_mount(self) -> None:
        self.query_one("#note-list", OptionList).focus()

    @on(OptionList.OptionSelected, "#note-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.notes[event.option_index])


# -- play from here -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BranchChoice:
    """A new line: its name and who plays each side on it."""

    name: str
    seats: list[Seat]


def clean_line_name(text: str, taken: list[str]) -> str:
    """A new line's name; ValueError if it is empty, too long or already used."""
    name = " ".join(text.split())
    if not name:
        raise ValueError("Give the new line a name.")
    if len(name) > NAME_MAX:
        raise ValueError(f"A line's name is at most {NAME_MAX} characters.")
    if name in taken:
        raise ValueError(f"There is already a line called '{name}'.")
    return name


class BranchDialog(_Dialog[BranchChoice]):
    """Name a new line leaving the current one here, and choose its seats."""

    def __init__(
        self, position: int, default: str, seats: list[Seat], world: World, taken: list[str]
    ) -> None:
        super().__init__()
        self.position = position
        self.default = default
        self.seats = seats
        self.world = world
        self.taken = taken

    def compose(self) -> ComposeResult:
        options = [(word.capitalize(), word) for word in SEAT_WORDS]
        with Vertical(classes="dialog dialog-wide"):
            yield Label(f"Play from turn {self.position}", classes="dialog-title")
            yield Static(
                "A new line leaves this one here and is played in the game screen; it is "
                "stored in the same save as a variation.",
                classes="dialog-note",
            )
            with Horizontal(classes="dialog-row dialog-first"):
                yield Label("Name", classes="dialog-label")
                yield Input(self.default, id="branch-name", compact=True, max_length=NAME_MAX)
            for seat in self.seats:
                fdef = self.world.factions[seat.faction]
                with Horizontal(classes="dialog-row"):
                    yield Label(Content(f"{fdef.glyph} {fdef.short}"), classes="dialog-label")
                    yield Select(
                        options,
                        value=seat.word if seat.word in SEAT_WORDS else SEAT_WORDS[0],
                        allow_blank=False,
                        compact=True,
                        id=f"branch-seat-{seat.faction}",
                    )
            yield Static("", classes="dialog-error")
            yield _buttons("Play")

    def on_mount(self) -> None:
        self.query_one("#branch-name", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _play(self) -> None:
        try:
            name = clean_line_name(self.query_one("#branch-name", Input).value, self.taken)
        except ValueError as exc:
            self.error(str(exc))
            return
        seats = []
        for seat in self.seats:
            value = self.query_one(f"#branch-seat-{seat.faction}", Select).value
            seats.append(parse_seat(seat.faction, value if isinstance(value, str) else seat.word))
        self.dismiss(BranchChoice(name, seats))


# -- lines ---------------------------------------------------------------------------------


def line_prompt(history: History, name: str, current: str) -> Content:
    """One line in the line list: name, origin, length and outcome."""
    line = history.line(name)
    mark = "● " if name == current else "  "
    return Content.assemble(
        (mark, "bold $accent"),
        (name, "bold"),
        (f"  {line_origin(history, name)} · {plural(line.end, 'turn')} · ", "$text-muted"),
        (outcome_words(history.tip(name)), "$text-muted"),
    )


class LineDialog(_Dialog[str]):
    """Choose the line to follow; every line with where it leaves its parent."""

    def __init__(self, history: History, current: str) -> None:
        super().__init__()
        self.history = history
        self.current = current
        self.names = list(history.lines)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide"):
            yield Label("Lines of this game", classes="dialog-title")
            yield OptionList(
                *[Option(line_prompt(self.history, n, self.current)) for n in self.names],
                id="line-list",
            )
            yield Static(
                "Enter follows the line, at the same turn where it has one.", classes="dialog-note"
            )

    def on_mount(self) -> None:
        options = self.query_one("#line-list", OptionList)
        options.highlighted = self.names.index(self.current)
        options.focus()

    @on(OptionList.OptionSelected, "#line-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.names[event.option_index])


class ComparePicker(_Dialog[tuple[str, str]]):
    """Choose two different lines to compare (default: this one and its parent)."""

    def __init__(self, history: History, first: str, second: str) -> None:
        super().__init__()
        self.history = history
        self.first = first
        self.second = second

    def compose(self) -> ComposeResult:
        names = [(Content(n), n) for n in self.history.lines]  # line names come from the save
        with Vertical(classes="dialog dialog-wide"):
            yield Label("Compare two lines", classes="dialog-title")
            with Horizontal(classes="dialog-row dialog-first"):
                yield Label("Left", classes="dialog-label")
                yield Select(
                    names, value=self.first, allow_blank=False, compact=True, id="compare-a"
                )
            with Horizontal(classes="dialog-row"):
                yield Label("Right", classes="dialog-label")
                yield Select(
                    names, value=self.second, allow_blank=False, compact=True, id="compare-b"
                )
            yield Static("", classes="dialog-error")
            yield _buttons("Compare")

    def on_mount(self) -> None:
        self.query_one("#ok", Button).focus()

    @on(Button.Pressed, "#ok")
    def _compare(self) -> None:
        a = self.query_one("#compare-a", Select).value
        b = self.query_one("#compare-b", Select).value
        if not isinstance(a, str) or not isinstance(b, str):
            self.error("Choose two lines.")
            return
        if a == b:
            self.error("Choose two different lines.")
            return
        self.dismiss((a, b))
