"""Scenario problems with their place in the file, gathered into one error."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from game.errors import SidraError


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
    """A scenario file is broken; ``problems`` lists every problem found, in file order."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.col, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A " (did you mean 'x'?)" hint for a misspelt key or id, or "" when nothing is close."""
    close = difflib.get_close_matches(word, sorted(set(candidates)), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""
