"""A position in a game's history, moved like a replay: first, last, next, back, jump.

The cursor is the one place the replay viewer keeps "where are we": a line and a
position on it (0 is the start, *t* the state after turn *t*).
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.state import GameState
from game.record.history import MAIN, History, HistoryError, TurnNode


@dataclass(slots=True)
class Cursor:
    """Where a viewer stands in ``history``."""

    history: History
    line: str = MAIN
    position: int = 0

    @property
    def end(self) -> int:
        """The last position of the current line."""
        return self.history.line_end(self.line)

    @property
    def state(self) -> GameState:
        """The state at the cursor."""
        return self.history.state(self.line, self.position)

    @property
    def node(self) -> TurnNode | None:
        """The turn that led to the cursor's state (None at the start)."""
        if self.position == 0:
            return None
        return self.history.node(self.line, self.position)

    def first(self) -> None:
        """Go to the start."""
        self.position = 0

    def last(self) -> None:
        """Go to the end of the line."""
        self.position = self.end

    def next(self) -> bool:
        """One turn forward; False at the end of the line."""
        if self.position >= self.end:
            return False
        self.position += 1
        return True

    def previous(self) -> bool:
        """One turn back; False at the start."""
        if self.position <= 0:
            return False
        self.position -= 1
        return True

    def jump(self, position: int) -> None:
        """Go to ``position`` (turns resolved); HistoryError if the line has no such turn."""
        if not 0 <= position <= self.end:
            raise HistoryError(f"turn {position} is not on this line (0 to {self.end})")
        self.position = position

    def variations(self) -> list[str]:
        """Lines that leave the current one at the cursor."""
        return self.history.variations_at(self.line, self.position)

    def switch(self, line: str) -> None:
        """Follow ``line`` instead, staying at the same turn where it exists."""
        end = self.history.line_end(line)
        self.line = line
        self.position = min(self.position, end)
