"""The files a scenario names in ``[story]``: its fact sheet (the model and reader
here) and its teacher's pack (:mod:`game.scenario.pack`), and the check of both that
``sidra validate`` and the loader run (:func:`story_problems`).

Both are read from the scenario's own folder by the one reader,
:mod:`game.scenario.side_files`: a relative name that stays in the folder, a regular
file of at most its cap (``MAX_FACT_SHEET_BYTES`` for a fact sheet), UTF-8 TOML, a strict
model where unknown keys are errors, every problem naming the file and the place in it.

The fact sheet is commentary, not rules: nothing the engine computes depends on it, so
saves do not embed it. A replay looks for it beside the scenario file the save was
played from and, when it is not there, shows the sources' titles without their facts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Final, Literal

from pydantic import Field

from game.scenario import bounds
from game.scenario.base import SOURCE_PATTERN, Model
from game.scenario.bounds import Name, Prose
from game.scenario.errors import Problem, ScenarioError
from game.scenario.models import Scenario
from game.scenario.pack import read_pack
from game.scenario.side_files import (
    Location,
    SideFileMissing,
    check_model,
    read_side_file,
    undeclared,
)
from game.scenario.sources import cited

MAX_FACT_SHEET_BYTES: Final = 1_000_000
"""A fact sheet larger than this is refused before it is parsed."""
MAX_FACTS: Final = 5000

FactKind = Literal["date", "place", "actor", "figure", "quote", "claim"]


FACT_ID_PATTERN: Final = r"^[a-z0-9][a-z0-9_-]*$"
MONTH_PATTERN: Final = r"^([0-9]{4}-(0[1-9]|1[0-2]))?$"


class Fact(Model):
    """One fact from the sources, in the scenario authors' own words."""

    id: str = Field(pattern=FACT_ID_PATTERN, max_length=bounds.MAX_ID)
    kind: FactKind
    text: Prose = Field(min_length=1)
    source: str = Field(pattern=SOURCE_PATTERN, max_length=bounds.MAX_SOURCE)
    date: dt.date | None = None
    month: str = Field(default="", pattern=MONTH_PATTERN)
    value: int | None = Field(default=None, ge=-bounds.MAX_TRACK, le=bounds.MAX_TRACK)
    unit: Name = ""
    speaker: Name = ""


class FactSheet(Model):
    """A fact sheet file: ``[[fact]]`` tables and nothing else."""

    fact: list[Fact] = Field(default_factory=list, max_length=MAX_FACTS)

    def by_source(self) -> dict[str, tuple[str, ...]]:
        """The facts' texts grouped by the source ids they cite, in file order."""
        found: dict[str, list[str]] = {}
        for fact in self.fact:
            for source_id in cited(fact.source):
                found.setdefault(source_id, []).append(fact.text)
        return {k: tuple(v) for k, v in found.items()}


def story_problems(
    scenario: Scenario,
    scenario_file: str | Path,
    facts_at: Location,
    pack_at: Location,
) -> list[Problem]:
    """Every problem with the files ``scenario`` (read from ``scenario_file``) names in
    ``[story]``, its fact sheet and its teacher's pack: for ``sidra validate`` and the
    loader. ``facts_at`` and ``pack_at`` are where their names are written (file, line,
    column; in a variant, the file of its chain that wrote the key).

    A missing file is a warning (see :class:`SideFileMissing`): the game plays without
    it, and Explain, the help page and the handout say it is missing. Every other
    problem is an error.
    """
    found: list[Problem] = []
    for read, at, without in (
        (read_fact_sheet, facts_at, "Explain shows no facts"),
        (read_pack, pack_at, "the help page and the handout say it is missing"),
    ):
        try:
            read(scenario, scenario_file, at=at)
        except SideFileMissing as exc:
            found += [
                Problem(p.file, p.line, p.col, f"{p.message}; {without}", "warning")
                for p in exc.problems
            ]
        except ScenarioError as exc:
            found += exc.problems
    return found


def read_fact_sheet(
    scenario: Scenario,
    scenario_file: str | Path,
    text: str | None = None,
    *,
    at: Location | None = None,
) -> FactSheet | None:
    """The fact sheet ``scenario`` names, read from the folder of ``scenario_file``.

    None when the scenario names none. ScenarioError (every problem, each naming its
    file; SideFileMissing when it is not there) when it cannot be read or is not a fact
    sheet. A problem with the name is located at ``at`` (file, line, column) if given,
    else at the ``[story] facts`` key of ``text`` (the scenario's own text) in
    ``scenario_file``.
    """
    name = scenario.story.facts
    if not name:
        return None
    raw, filename = read_side_file(
        "fact sheet", "facts", name, scenario_file, MAX_FACT_SHEET_BYTES, text=text, at=at
    )
    return parse_fact_sheet(raw, filename, scenario)


def parse_fact_sheet(raw: bytes, filename: str, scenario: Scenario) -> FactSheet:
    """Check a fact sheet's bytes (read from ``filename``) against the model and against
    the sources ``scenario`` declares; ScenarioError listing every problem."""
    sheet, locator = check_model(FactSheet, raw, filename, "fact sheet", _PATTERN_WORDS)
    problems = [
        Problem(filename, *locator.position(loc), message)
        for loc, message in _sheet_problems(sheet, scenario)
    ]
    if problems:
        raise ScenarioError(problems)
    return sheet


def _sheet_problems(
    sheet: FactSheet, scenario: Scenario
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    known = [s.id for s in scenario.source]
    seen: set[str] = set()
    for i, fact in enumerate(sheet.fact):
        if fact.id in seen:
            yield ("fact", i, "id"), f"duplicate fact id '{fact.id}'"
        seen.add(fact.id)
        yield from undeclared(("fact", i, "source"), fact.source, known)


_PATTERN_WORDS: Final = {
    FACT_ID_PATTERN: "an id: lowercase letters, digits, _ or -, starting with a letter or "
    "digit (like 'sidra-fire')",
    SOURCE_PATTERN: "a citation: source ids separated by commas (like 'p1,p9'), or 'design'",
    MONTH_PATTERN: "a month written YYYY-MM (like '2014-12'), or empty",
}
