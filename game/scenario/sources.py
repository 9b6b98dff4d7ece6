"""The documents a scenario is built from (``[[source]]``) and how its data cites them.

Every element of a scenario that comes from somewhere (a region, a faction, a track, an
order, an event, a quote ...) carries ``source = "..."``: the ids of the scenario's own
``[[source]]`` tables, comma-separated, or ``design`` for a rule its authors added for
playability. The ids are the scenario's choice (``p3`` for a paragraph of an article,
``un_report_2019`` for a report), so any setting can cite its own documents; the check
that every citation names a declared source is in :mod:`game.scenario.check_sources`.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from pydantic import Field

from game.scenario import bounds
from game.scenario.base import DESIGN, SOURCE_ID_PATTERN, Model
from game.scenario.bounds import Name, Prose
from game.scenario.dates import long_date

MAX_SOURCES: Final = 500
"""Sources one scenario declares (an article's paragraphs, reports, interviews ...)."""


class SourceEntry(Model):
    """A document (or one part of one, such as a paragraph) the scenario cites by ``id``.

    Describe it in your own words: ``title`` says what it is, the optional fields say
    where a reader finds it. Quotations belong in the briefing's quotes, attributed.
    """

    id: str = Field(
        pattern=SOURCE_ID_PATTERN,
        max_length=bounds.MAX_ID,
        description="The id citations use: lower-case letters, digits, '_' and '-' "
        "(not 'design', which every scenario knows).",
        examples=["p3", "un_report_2019"],
    )
    title: Name = Field(
        min_length=1,
        description="What this source is or says, in a few words of your own.",
        examples=["Dawn's offensive on the oil terminals begins"],
    )
    author: Name = Field(default="", description="Who wrote or said it.")
    outlet: Name = Field(
        default="", description="Where it appeared: a newspaper, an agency, a report series."
    )
    date: dt.date | None = Field(
        default=None,
        description="When it was published, as a TOML date (unquoted: 2014-12-28); say a "
        "month or a year only in 'citation' or 'note'.",
    )
    url: Name = Field(default="", description="Where a reader finds it online.")
    citation: Prose = Field(
        default="",
        description="A full reference in the style you prefer, for sources without a url.",
    )
    note: Prose = Field(
        default="",
        description="What the scenario takes from it, or how far to trust it, in your own words.",
    )


def source_details(entry: SourceEntry) -> str:
    """Who, where and when of a source in one line, as readers see it ("" if nothing is
    given): ``Jane Doe; The Daily; 28 December 2014; https://...``. Locale-free."""
    parts = [entry.author, entry.outlet]
    if entry.date is not None:
        parts.append(long_date(entry.date))
    parts += [entry.url, entry.citation]
    return "; ".join(p for p in parts if p)


def cited(citation: str) -> list[str]:
    """The source ids a citation names, in order: ``"p1, p9"`` -> ``["p1", "p9"]``."""
    return [part.strip() for part in citation.split(",") if part.strip()]


def is_design(source_id: str) -> bool:
    """True for ``design``: a rule added for playability, which needs no declaration."""
    return source_id == DESIGN
