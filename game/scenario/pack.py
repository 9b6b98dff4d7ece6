"""The teacher's pack: a glossary, a dated timeline and discussion questions on the source.

A pack is a TOML file beside the scenario, named in ``[story] pack`` like the fact sheet,
and read by the same reader (:mod:`game.scenario.side_files`: a relative name that stays
in the scenario's folder, a regular file of at most ``MAX_PACK_BYTES``, UTF-8 TOML, a
strict model where unknown keys are errors). Like the fact sheet it is commentary:
nothing the engine computes depends on it, so saves do not embed it; the help page and
the classroom handout show it when it is found beside the scenario file, and say so
when it is not. ``sidra validate`` reports a missing pack as a warning and every other
problem with it as an error (see :func:`game.scenario.story_files.story_problems`).

Whether the source could know a timeline entry is not written by hand: it follows from
the entry's date and the pack's ``source_date``, so the mark cannot drift from the dates.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Final

from pydantic import Field

from game.scenario import bounds
from game.scenario.base import SOURCE_PATTERN, Model
from game.scenario.bounds import Name, Prose
from game.scenario.dates import MONTHS
from game.scenario.errors import Problem, ScenarioError
from game.scenario.models import Scenario
from game.scenario.side_files import Location, check_model, read_side_file, undeclared

MAX_PACK_BYTES: Final = 200_000
"""A pack larger than this is refused before it is parsed."""
MAX_ENTRIES: Final = 200
"""Glossary terms, timeline entries or questions in one pack."""

WHEN_PATTERN: Final = r"^[0-9]{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?$"
CITATION_PATTERN: Final = f"^({SOURCE_PATTERN.strip('^$')})?$"
"""A pack's citation: source ids separated by commas, or empty (not from the source)."""


class Term(Model):
    """One glossary entry: a name the lesson uses and what it means, in neutral words."""

    term: Name = Field(min_length=1)
    meaning: Prose = Field(min_length=1)
    source: str = Field(
        default="",
        pattern=CITATION_PATTERN,
        max_length=bounds.MAX_SOURCE,
        description="Paragraphs of the source that use the term; empty if it does not.",
    )


class Dated(Model):
    """One timeline entry: when, what happened, and where it is told."""

    when: str = Field(
        pattern=WHEN_PATTERN,
        description="The day (YYYY-MM-DD) or, when only the month is sure, YYYY-MM.",
    )
    text: Prose = Field(min_length=1)
    source: str = Field(
        default="",
        pattern=CITATION_PATTERN,
        max_length=bounds.MAX_SOURCE,
        description="Paragraphs of the source that report it; empty if it does not.",
    )
    reference: Name = Field(
        default="", description="Outside knowledge: a short reference (work, date)."
    )

    def last_day(self) -> dt.date:
        """The latest day the entry can mean (the month's last day for a month)."""
        year, month = int(self.when[:4]), int(self.when[5:7])
        if len(self.when) > 7:
            return dt.date(year, month, int(self.when[8:]))
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        return following - dt.timedelta(days=1)

    def label(self) -> str:
        """The date in words: ``16 May 2014`` or ``August 2014``."""
        day = self.last_day()
        month = MONTHS[day.month - 1]
        return f"{day.day} {month} {day.year}" if len(self.when) > 7 else f"{month} {day.year}"


class Pack(Model):
    """A teacher's pack file."""

    title: Name = Field(default="Teacher's pack")
    source_date: dt.date = Field(
        description="When the source was published: entries after it are marked as unknown to it."
    )
    intro: Prose = ""
    term: list[Term] = Field(default_factory=list, max_length=MAX_ENTRIES)
    event: list[Dated] = Field(default_factory=list, max_length=MAX_ENTRIES)
    question: list[Prose] = Field(default_factory=list, max_length=MAX_ENTRIES)

    def known(self, entry: Dated) -> bool:
        """Could the source have known ``entry`` when it was published?"""
        return entry.last_day() <= self.source_date

    def timeline(self) -> list[Dated]:
        """The entries in date order (a month before the days in it ends; stable)."""
        return sorted(self.event, key=lambda e: (e.last_day(), len(e.when)))


def read_pack(
    scenario: Scenario,
    scenario_file: str | Path,
    text: str | None = None,
    *,
    at: Location | None = None,
) -> Pack | None:
    """The pack ``scenario`` names, read from the folder of ``scenario_file``.

    None when the scenario names none. ScenarioError (every problem, each naming its
    file; SideFileMissing when it is not there) when it leads out of the folder, is too
    large, is not UTF-8 TOML or is not a pack. A problem with the name is located at
    ``at`` (file, line, column) if given, else at the ``[story] pack`` key of ``text``
    (the scenario's own text) in ``scenario_file``.
    """
    name = scenario.story.pack
    if not name:
        return None
    raw, filename = read_side_file(
        "pack", "pack", name, scenario_file, MAX_PACK_BYTES, text=text, at=at
    )
    return parse_pack(raw, filename, [s.id for s in scenario.source])


def parse_pack(raw: bytes, filename: str, known: list[str]) -> Pack:
    """Check a pack's bytes (read from ``filename``): the model, then that every cited
    paragraph is one of the ``known`` source ids; ScenarioError listing every problem."""
    pack, locator = check_model(Pack, raw, filename, "pack", _PATTERN_WORDS)
    cites = [(("term", i, "source"), t.source) for i, t in enumerate(pack.term)]
    cites += [(("event", i, "source"), d.source) for i, d in enumerate(pack.event)]
    problems = [
        Problem(filename, *locator.position(loc), message)
        for at, source in cites
        for loc, message in undeclared(at, source, known)
    ]
    if problems:
        raise ScenarioError(problems)
    return pack


_PATTERN_WORDS: Final = {
    WHEN_PATTERN: "a day written YYYY-MM-DD (like '2014-12-28') or a month written "
    "YYYY-MM (like '2014-12')",
    CITATION_PATTERN: "a citation: source ids separated by commas (like 'p1,p9'), "
    "'design', or empty",
}
"""Each field pattern of a pack in an author's words."""
