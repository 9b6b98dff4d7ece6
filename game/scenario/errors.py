"""Scenario problems with their place in the file, gathered into one error.

A problem is an *error* (the scenario cannot be played as written: it is refused) or a
*warning* (it plays, but something in it can never matter: an order nobody can give, a
region nobody can reach). Warnings are shown and counted; they never refuse a file.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from game.errors import SidraError

MAX_PROBLEMS = 100
"""Validation reports at most this many problems, then says how many more there were."""

Severity = Literal["error", "warning"]
"""How bad a problem is: an error refuses the file, a warning is shown and counted."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a scenario file, at 1-based ``line``:``col``.

    ``file`` is the file the problem is in, which need not be the file that was opened
    (a variant's base scenario, say), so every problem carries its own.
    """

    file: str
    line: int
    col: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        label = "warning: " if self.severity == "warning" else ""
        return f"{self.file}:{self.line}:{self.col}: {label}{self.message}"


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in file order (then column, then message): how an author reads them."""
    return sorted(problems, key=lambda p: (p.file, p.line, p.col, p.message, p.severity))


def count_words(errors: int, warnings: int) -> str:
    """``"2 errors, 3 warnings"``; ``"no problems"`` when there are none."""
    parts = []
    if errors:
        parts.append(f"{errors:,} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings:,} warning{'s' if warnings != 1 else ''}")
    return ", ".join(parts) or "no problems"


class ScenarioError(SidraError):
    """A scenario file is broken; ``problems`` lists its errors, in file order.

    ``warnings`` lists what else was found (shown beside the errors, never a reason to
    refuse). At most ``MAX_PROBLEMS`` errors are kept (the first in the file): a file
    with a million mistakes gets a readable list and the count of the others (``more``),
    not a million lines.
    """

    def __init__(self, problems: Iterable[Problem], warnings: Iterable[Problem] = ()) -> None:
        found = sort_problems(problems)
        self.problems = found[:MAX_PROBLEMS]
        self.more = len(found) - len(self.problems)
        room = max(0, MAX_PROBLEMS - len(self.problems))
        noted = sort_problems(warnings)
        self.warnings = noted[:room]
        self.more_warnings = len(noted) - len(self.warnings)
        super().__init__("\n".join([str(p) for p in self.problems] + self.summary_lines()))

    @property
    def total(self) -> int:
        """How many errors were found, listed or not."""
        return len(self.problems) + self.more

    @property
    def total_warnings(self) -> int:
        """How many warnings were found, listed or not."""
        return len(self.warnings) + self.more_warnings

    def listed(self) -> list[Problem]:
        """Errors and the warnings kept, in file order, as a report lists them."""
        return sort_problems([*self.problems, *self.warnings])

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
