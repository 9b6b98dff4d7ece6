"""The replay timeline: one cell per turn of a line, its marks, and where the viewer stands.

Three rows. The first numbers the positions of the line (``start``, then every turn);
the second marks what happened there: ``◆`` an assessment, ``!`` scenario events,
``✎`` a teacher's note, ``↗`` a variation leaving the line. The current position is a
two-row block in the theme's accent colour, so it reads from the back of a classroom;
turns already seen are bright and turns still to come are muted. The third row names
the line, the variations that leave it here, and the legend.

Only the cells are data (:func:`timeline_cells`, pure and tested on its own); the
widget draws them with the theme's colours (component classes in ``replay.tcss``).
A click on a cell asks the screen to jump there (:class:`Timeline.Jump`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.message import Message
from textual.widget import Widget

from game.engine.world import World
from game.record.history import History

LEGEND = (
    ("◆", "assessment", "timeline--assessment"),
    ("!", "event", "timeline--event"),
    ("✎", "note", "timeline--note"),
    ("↗", "branch", "timeline--branch"),
)
"""The marks, in the order the legend explains them (as many as fit)."""
MIN_CELL = 3
MAX_CELL = 12


@dataclass(frozen=True, slots=True)
class Cell:
    """One position of a line as the timeline shows it."""

    position: int
    assessment: bool = False
    events: int = 0
    notes: int = 0
    branches: int = 0

    def marks(self) -> list[tuple[str, str]]:
        """(mark, component class) for each thing that happened here, most telling first."""
        found = []
        if self.assessment:
            found.append(("◆", "timeline--assessment"))
        if self.events:
            found.append(("!", "timeline--event"))
        if self.notes:
            found.append(("✎", "timeline--note"))
        if self.branches:
            found.append(("↗", "timeline--branch"))
        return found


def timeline_cells(history: History, line: str, world: World) -> list[Cell]:
    """Every position of ``line`` from the start to its end, with what happened at each."""
    path = history.path(line)
    branch_points = set(history.branch_points(line))
    cells = []
    for position in range(len(path) + 1):
        node = path[position - 1] if position else None
        cells.append(
            Cell(
                position=position,
                assessment=node is not None and world.is_assessment(node.turn),
                events=len(node.events) if node is not None else 0,
                notes=len(history.notes_at(line, position)),
                branches=len(history.variations_at(line, position))
                if position in branch_points
                else 0,
            )
        )
    return cells


def window(count: int, current: int, fits: int) -> range:
    """The cells shown when only ``fits`` of ``count`` fit: a window around ``current``."""
    if count <= fits:
        return range(count)
    start = min(max(current - fits // 2, 0), count - fits)
    return range(start, start + fits)


class Timeline(Widget):
    """The turns of the current line, what happened at each, and the viewer's position."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline--seen",
        "timeline--ahead",
        "timeline--current",
        "timeline--assessment",
        "timeline--event",
        "timeline--note",
        "timeline--branch",
        "timeline--line",
        "timeline--legend",
    }

    class Jump(Message):
        """The viewer clicked a cell: go to ``position``."""

        def __init__(self, position: int) -> None:
            self.position = position
            super().__init__()

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.cells: list[Cell] = []
        self.position = 0
        self.line_name = ""
        self.variations: list[str] = []
        self._shown = range(0)
        self._cell_width = MIN_CELL

    def show(
        self, cells: Sequence[Cell], position: int, line: str, variations: Sequence[str]
    ) -> None:
        """Draw ``cells`` with the viewer at ``position`` on ``line``."""
        self.cells = list(cells)
        self.position = position
        self.line_name = line
        self.variations = list(variations)
        self.refresh()

    # -- drawing ----------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True)

    def _layout(self, width: int) -> None:
        count = len(self.cells)
        cell = max(MIN_CELL, min(MAX_CELL, (width - 2) // max(count, 1)))
        self._cell_width = cell
        self._shown = window(count, self.position, max(1, (width - 2) // cell))

    def render(self) -> Text:
        """The three rows: numbers, marks, then the line's name, variations and legend."""
        width = self.size.width
        self._layout(width)
        numbers, marks = Text(no_wrap=True), Text(no_wrap=True)
        cut_left = self._shown.start > 0
        numbers.append("‹" if cut_left else " ", self._style("timeline--legend"))
        marks.append(" ")
        for index in self._shown:
            self._cell(numbers, marks, self.cells[index])
        if self._shown.stop < len(self.cells):
            numbers.append("›", self._style("timeline--legend"))
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append_text(numbers)
        text.append("\n")
        text.append_text(marks)
        text.append("\n")
        text.append_text(self._footer(width))
        return text

    def _cell(self, numbers: Text, marks: Text, cell: Cell) -> None:
        width = self._cell_width
        label = str(cell.position) if cell.position else ("start" if width >= 6 else "0")
        here = cell.position == self.position
        if here:
            style = self._style("timeline--current")
        elif cell.position < self.position:
            style = self._style("timeline--seen")
        else:
            style = self._style("timeline--ahead")
        numbers.append(label.center(width), style)
        shown = cell.marks()[: max(1, width - 1)]
        pad = width - len(shown)
        left = pad // 2
        marks.append(" " * left, style if here else Style())
        for mark, component in shown:
            marks.append(mark, style if here else self._style(component))
        marks.append(" " * (pad - left), style if here else Style())

    def _footer(self, width: int) -> Text:
        """The line's name, the variations leaving it here, and as much legend as fits."""
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(" Line ", self._style("timeline--legend"))
        line.append(self.line_name, self._style("timeline--line"))
        if self.variations:
            line.append("  ↗ here: ", self._style("timeline--branch"))
            line.append(", ".join(self.variations), self._style("timeline--line"))
        for mark, word, component in LEGEND:
            if line.cell_len + len(word) + 4 > width:
                break
            line.append(f"  {mark}", self._style(component))
            line.append(f" {word}", self._style("timeline--legend"))
        return line

    # -- mouse ------------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        """A click on a cell jumps there."""
        offset = event.get_content_offset(self)
        if offset is None or offset.y > 1 or not self.cells:
            return
        slot = (offset.x - 1) // self._cell_width
        if 0 <= slot < len(self._shown):
            self.post_message(self.Jump(self.cells[self._shown[slot]].position))
