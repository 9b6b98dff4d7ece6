"""Citations: every ``source = "..."`` names a ``[[source]]`` the scenario declares.

A scenario with a ``[[source]]`` table has its citations checked: a citation naming no
declared source is an error with a suggestion, and so is a source id declared twice or
the reserved id ``design``. A scenario with no ``[[source]]`` table at all (every
scenario written before the table existed, and so the scenario text every older save
embeds) still loads: its citations cannot be checked, and a warning says so once.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from game.scenario.check_ids import Found, Ids, KeyPath
from game.scenario.errors import did_you_mean
from game.scenario.models import Scenario
from game.scenario.sources import cited, is_design


def citations(scn: Scenario) -> Iterator[tuple[KeyPath, str]]:
    """Every ``source`` citation in the scenario with its key path, in file order.

    Walks the models rather than listing the sections, so an element that gains a
    ``source`` field is checked without anyone remembering to add it here.
    """
    for name in type(scn).model_fields:
        if name == "source":  # the declarations themselves
            continue
        yield from _walk(getattr(scn, name, None), (name,))


def _walk(value: object, path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            field = getattr(value, name, None)
            if name == "source" and isinstance(field, str):
                yield (*path, name), field
            else:
                yield from _walk(field, (*path, name))
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _walk(item, (*path, i))


def declared_sources(scn: Scenario, ids: Ids) -> list[str]:
    """The source ids the scenario declares (those of broken elements included)."""
    return [s.id for s in scn.source] + list(ids.salvage.declared.get("source", ()))


def citation_problems(scn: Scenario, ids: Ids) -> Iterator[Found]:
    """Dangling citations, duplicate source ids and a source named ``design``."""
    seen: set[str] = set()
    for i, entry in enumerate(scn.source):
        if is_design(entry.id):
            yield (
                ("source", i, "id"),
                "'design' is not a source id: every scenario cites 'design' for rules "
                "added for playability; give this source another id",
            )
        elif entry.id in seen:
            yield ("source", i, "id"), f"duplicate source id '{entry.id}'"
        seen.add(entry.id)
    known = declared_sources(scn, ids)
    if not known:
        return  # no [[source]] table: see citation_warnings
    for path, citation in citations(scn):
        for source_id in cited(citation):
            if not is_design(source_id) and source_id not in known:
                yield (
                    path,
                    (
                        f"source '{source_id}' is not declared in a [[source]] table"
                        f"{did_you_mean(source_id, known)}"
                    ),
                )


def citation_warnings(scn: Scenario, ids: Ids) -> Iterator[Found]:
    """Citations left unchecked for want of a ``[[source]]`` table (said once)."""
    if declared_sources(scn, ids) or not ids.salvage.complete("source"):
        return
    for path, citation in citations(scn):
        if any(not is_design(s) for s in cited(citation)):
            yield (
                path,
                (
                    f"citations such as '{citation}' cannot be checked: the scenario declares no "
                    "[[source]] tables (add one per document it cites, with an id and a title)"
                ),
            )
            return
