"""Scenario problems with their place in the file, gathered into one error."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from game.errors import SidraError

MAX_PROBLEMS = 100
"""Validation reports at most this many problems, then says how many more there were."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a scenario file, at 1-based ``line``:``col``."""

    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.message}"


class ScenarioError(SidraError):
    """A scenario file is broken; ``problems`` lists the problems found, in file order.

    At most ``MAX_PROBLEMS`` are kept (the first in the file): a file with a million
    mistakes gets a readable list and the count of the others (``more``), not a million
    lines.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        found = sorted(problems, key=lambda p: (p.file, p.line, p.col, p.message))
        self.problems = found[:MAX_PROBLEMS]
        self.more = len(found) - len(self.problems)
        super().__init__("\n".join([str(p) for p in self.problems] + self.summary_lines()))

    @property
    def total(self) -> int:
        """How many problems were found, listed or not."""
        return len(self.problems) + self.more

    def summary_lines(self) -> list[str]:
        """The line saying how many problems are not listed ([] if all are)."""
        if not self.more:
            return []
        first = self.problems[-1].file if self.problems else "the file"
        return [
            f"{first}: ... and {self.more:,} more problem{'s' if self.more != 1 else ''} "
            f"(only the first {len(self.problems)} are listed)"
        ]


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A " (did you mean 'x'?)" hint for a misspelt key or id, or "" when nothing is close."""
    close = difflib.get_close_matches(word, sorted(set(candidates)), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""
