"""The base of every scenario model: unknown keys are errors, values are immutable."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    """Base for scenario models: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)
