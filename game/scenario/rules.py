"""Data-only conditions and effects: the tagged tables scenario authors write.

Events, bot priorities and victory formulas need to say "when X holds, do Y". A
scenario is data, never code, so each condition and effect is a small table with a
``type`` tag (a pydantic discriminated union). The engine interprets them; nothing in
a scenario can run code or reach outside its own file.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

STATS = ("treasury", "legitimacy", "cohesion", "action_points", "escalation")
"""Per-faction statistics that conditions, effects and victory terms may name;
``escalation`` is the escalation the faction has caused this game (effects cannot set it)."""

Stat = Literal["treasury", "legitimacy", "cohesion", "action_points", "escalation"]

# Things the engine notes while resolving a turn; conditions can ask about them.
Happening = Literal[
    "air_strike",
    "air_strike_on_city",
    "collateral_damage",
    "battle",
    "battle_in_city",
    "naval_raid",
    "mig_raid",
    "military_zone",
    "ultimatum",
    "intervention",
    "negotiation",
    "aid",
    "terminal_changed_hands",
    "tanks_set_ablaze",
]


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# ----------------------------------------------------------------------------------
# Conditions


class TrackAtLeast(_Data):
    """True when a track has reached ``value`` or more."""

    type: Literal["track_at_least"]
    track: str
    value: int


class TrackAtMost(_Data):
    """True when a track is at ``value`` or less."""

    type: Literal["track_at_most"]
    track: str
    value: int


class StatAtLeast(_Data):
    """True when a faction's statistic has reached ``value`` or more."""

    type: Literal["stat_at_least"]
    faction: str
    stat: Stat
    value: int


class StatAtMost(_Data):
    """True when a faction's statistic is at ``value`` or less."""

    type: Literal["stat_at_most"]
    faction: str
    stat: Stat
    value: int


class Controls(_Data):
    """True when ``faction`` controls ``region``."""

    type: Literal["controls"]
    faction: str
    region: str


class StrengthAtLeast(_Data):
    """True when ``faction`` has at least ``value`` ground strength in ``region``."""

    type: Literal["strength_at_least"]
    faction: str
    region: str
    value: int


class TurnAtLeast(_Data):
    """True from turn ``turn`` on."""

    type: Literal["turn_at_least"]
    turn: int = Field(ge=1)


class Happened(_Data):
    """True when something of this kind happened during the turn being resolved,
    optionally done by ``faction`` and/or in ``region``."""

    type: Literal["happened"]
    what: Happening
    faction: str | None = None
    region: str | None = None


class AllOf(_Data):
    """True when every listed condition holds."""

    type: Literal["all"]
    conditions: list[Condition] = Field(min_length=1)


class AnyOf(_Data):
    """True when at least one listed condition holds."""

    type: Literal["any"]
    conditions: list[Condition] = Field(min_length=1)


class Not(_Data):
    """True when the inner condition does not hold."""

    type: Literal["not"]
    condition: Condition


Condition = Annotated[
    TrackAtLeast
    | TrackAtMost
    | StatAtLeast
    | StatAtMost
    | Controls
    | StrengthAtLeast
    | TurnAtLeast
    | Happened
    | AllOf
    | AnyOf
    | Not,
    Field(discriminator="type"),
]

AllOf.model_rebuild()
AnyOf.model_rebuild()
Not.model_rebuild()


# ----------------------------------------------------------------------------------
# Effects


class TrackEffect(_Data):
    """Add to a track (clamped to its range)."""

    type: Literal["track"]
    track: str
    add: int


class StatEffect(_Data):
    """Add to a faction's statistic (clamped to its range)."""

    type: Literal["stat"]
    faction: str
    stat: Stat
    add: int


class StrengthEffect(_Data):
    """Add ground strength for ``faction`` in ``region`` (negative removes, never below 0)."""

    type: Literal["strength"]
    faction: str
    region: str
    add: int


class DamageEffect(_Data):
    """Add facility damage (percent points) to a region."""

    type: Literal["damage"]
    region: str
    add: int


class TanksAblazeEffect(_Data):
    """Set more (or fewer) of a terminal's oil tanks ablaze."""

    type: Literal["tanks_ablaze"]
    region: str
    add: int


class ControlEffect(_Data):
    """Hand a region to a faction (or to ``neutral``)."""

    type: Literal["control"]
    region: str
    faction: str


Effect = Annotated[
    TrackEffect | StatEffect | StrengthEffect | DamageEffect | TanksAblazeEffect | ControlEffect,
    Field(discriminator="type"),
]


# ----------------------------------------------------------------------------------
# Victory terms


class TrackTerm(_Data):
    """``weight`` points per ``per`` units of a track (floor division)."""

    type: Literal["track"]
    track: str
    per: int = Field(default=1, ge=1)
    weight: int
    label: str | None = None


class StatTerm(_Data):
    """``weight`` points per ``per`` units of a faction statistic (own faction by default)."""

    type: Literal["stat"]
    stat: Stat
    faction: str | None = None
    per: int = Field(default=1, ge=1)
    weight: int
    label: str | None = None


class ControlTerm(_Data):
    """``weight`` points for each listed region the faction controls."""

    type: Literal["control"]
    regions: list[str] = Field(min_length=1)
    weight: int
    label: str | None = None


class StrengthTerm(_Data):
    """``weight`` points per ``per`` points of the faction's total ground strength."""

    type: Literal["strength"]
    per: int = Field(default=1, ge=1)
    weight: int
    label: str | None = None


VictoryTerm = Annotated[
    TrackTerm | StatTerm | ControlTerm | StrengthTerm, Field(discriminator="type")
]
