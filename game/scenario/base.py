"""The base of every scenario model (unknown keys are errors, values are immutable) and
the patterns its ids and source citations follow."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    """Base for scenario models: unknown keys are errors, values are immutable.

    A field's docstring (the string on the line after it) is its description in the JSON
    Schema and the reference, ``scenarios/FORMAT.md``: write it for a scenario author."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


SOURCE_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
"""Ids of the scenario's sources (``[[source]]``): ``p3``, ``un_report_2019``, ``ap-2015-03``."""

SOURCE_PATTERN = r"^[a-z0-9][a-z0-9_-]*( *, *[a-z0-9][a-z0-9_-]*)*$"
"""A citation: ids of the scenario's ``[[source]]`` tables, comma-separated (``"p1,p9"``),
or ``design`` for a rule added for playability rather than taken from a source."""

DESIGN = "design"
"""The citation of a rule the scenario's authors added for playability (always known)."""

Source = str

ID_PATTERN = r"^[a-z][a-z0-9_]*$"
"""Ids of regions, factions, tracks, orders, forces, actors and components."""

KEY_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
"""Ids of the scenario, events and bots (they may start with a digit and hold dashes)."""

RENAMED_KINDS = {"mig_raid": "air_raid"}
"""Order kinds (and the happenings they leave) by their old names -> their generic names.
Files written with an old name still load and play exactly as before."""


def current_kind(value: object) -> object:
    """An order kind or happening under its current name (models' ``BeforeValidator``)."""
    return RENAMED_KINDS.get(value, value) if isinstance(value, str) else value
