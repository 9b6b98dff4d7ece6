"""The documents a scenario is built from (``[[source]]``) and how its data cites them.

Every element of a scenario that comes from somewhere (a region, a faction, a track, an
order, an event, a quote ...) carries ``source = "..."``: the ids of the scenario's own
``[[source]]`` tables, comma-separated, or ``design`` for a rule its authors added for
playability. The ids are the scenario's choice (``p3`` for a paragraph of an article,
``un_report_2019`` for a report), so any setting can cite its own documents; the check
that every citation names a declared source is in :mod:`game.scenario.check_sources`.

A source is one of two kinds, and readers can always tell them apart from ``design``:
``article`` (the default) is the document the scenario is built from, or one of its
paragraphs; ``context`` is outside knowledge the scenario adds to explain or correct it,
and must carry a short reference (a work and its date) so a reader can check it.
:func:`source_tag` is how every screen prints a citation: ``p9``, ``design`` or
``context: Wehrey 2014``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Final, Literal

from pydantic import Field, model_validator

from game.scenario import bounds
from game.scenario.base import DESIGN, SOURCE_ID_PATTERN, Model
from game.scenario.bounds import Name, Prose
from game.scenario.dates import long_date

MAX_SOURCES: Final = 500
"""Sources one scenario declares (an article's paragraphs, reports, interviews ...)."""

SourceKind = Literal["article", "context"]
"""``article``: the document the scenario is built from; ``context``: outside knowledge."""

ARTICLE: Final = "article"
CONTEXT: Final = "context"


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
    kind: SourceKind = Field(
        default="article",
        description="'article' for the document the scenario is built from (or one of its "
        "paragraphs); 'context' for outside knowledge the scenario adds to explain or "
        "correct it, which needs a reference: 'citation', or an author or outlet with a date.",
        examples=["context"],
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
        "month only in 'citation' or 'note', and a year alone in 'year'.",
    )
    year: int | None = Field(
        default=None,
        ge=1,
        le=9999,
        description="The year it was published, for a work whose day does not matter (a "
        "book); ignored when 'date' is given. With an author or outlet it makes the short "
        "reference readers see: 'Vandewalle 2006'.",
        examples=[2006],
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

    @model_validator(mode="after")
    def _context_has_reference(self) -> SourceEntry:
        """Outside knowledge is only as good as its reference: demand a work and a date."""
        if (
            self.kind == CONTEXT
            and not self.citation
            and not ((self.author or self.outlet) and self.published is not None)
        ):
            raise ValueError(
                f"context source '{self.id}' needs a reference a reader can check: a "
                "'citation' (work, date), or an 'author' or 'outlet' with a 'date' or 'year'"
            )
        return self

    @property
    def published(self) -> int | None:
        """The year of publication: from ``date`` if given, else ``year``."""
        return self.date.year if self.date is not None else self.year


def source_details(entry: SourceEntry) -> str:
    """Who, where and when of a source in one line, as readers see it ("" if nothing is
    given): ``Jane Doe; The Daily; 28 December 2014; https://...``. Locale-free."""
    parts = [entry.author, entry.outlet]
    if entry.date is not None:
        parts.append(long_date(entry.date))
    elif entry.year is not None:
        parts.append(str(entry.year))
    parts += [entry.url, entry.citation]
    return "; ".join(p for p in parts if p)


def cited(citation: str) -> list[str]:
    """The source ids a citation names, in order: ``"p1, p9"`` -> ``["p1", "p9"]``."""
    return [part.strip() for part in citation.split(",") if part.strip()]


def is_design(source_id: str) -> bool:
    """True for ``design``: a rule added for playability, which needs no declaration."""
    return source_id == DESIGN


def short_reference(entry: SourceEntry) -> str:
    """A context source's reference in a few words: author (or outlet) and year, else the
    start of its citation: ``Wehrey 2014``."""
    who = entry.author or entry.outlet
    if who and entry.published is not None:
        return f"{who} {entry.published}"
    if entry.citation:
        return _clip(entry.citation, 60)
    return who or entry.title


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def source_tag(citation: str, sources: Iterable[SourceEntry]) -> str:
    """A citation as readers see it, each id marked by its kind: ``"p9,ctx_hor"`` ->
    ``"p9, context: Wehrey 2014"``. Article ids stay as they are, ``design`` says
    ``design``; an id the scenario does not declare is shown as written."""
    declared = {s.id: s for s in sources}
    tags: list[str] = []
    for source_id in cited(citation):
        entry = declared.get(source_id)
        if entry is not None and entry.kind == CONTEXT:
            tags.append(f"context: {short_reference(entry)}")
        else:
            tags.append(source_id)
    return ", ".join(tags)


def kind_words(entry: SourceEntry | None, source_id: str) -> str:
    """What kind of source an id is, in words for a reader of Explain or Help."""
    if is_design(source_id):
        return "design: a rule added for playability, not taken from the sources"
    if entry is not None and entry.kind == CONTEXT:
        return "context: outside knowledge, not in the article"
    return "from the article"


def source_title(entry: SourceEntry) -> str:
    """A source's title as a list of sources shows it: context is marked as such."""
    return f"Context, not in the article: {entry.title}" if entry.kind == CONTEXT else entry.title
