"""The base of every scenario model (unknown keys are errors, values are immutable) and
the patterns its ids and source citations follow."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    """Base for scenario models: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


SOURCE_PATTERN = r"^(design|p([0-9]|1[0-9]|2[0-2])(,p([0-9]|1[0-9]|2[0-2]))*)$"
"""A paragraph of the source article (``p0`` … ``p22``, comma-separated) or ``design``."""

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
