"""Data-only conditions and effects: the tagged tables scenario authors write.

Events, bot priorities and victory formulas need to say "when X holds, do Y". A
scenario is data, never code, so each condition and effect is a small table with a
``type`` tag (a pydantic discriminated union). The engine interprets them; nothing in
a scenario can run code or reach outside its own file.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from game.scenario import bounds as b
from game.scenario.base import current_kind
from game.scenario.bounds import Name, Ref

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
    "air_raid",
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
    track: Ref
    value: int = Field(ge=-b.MAX_TRACK, le=b.MAX_TRACK)


class TrackAtMost(_Data):
    """True when a track is at ``value`` or less."""

    type: Literal["track_at_most"]
    track: Ref
    value: int = Field(ge=-b.MAX_TRACK, le=b.MAX_TRACK)


class StatAtLeast(_Data):
    """True when a faction's statistic has reached ``value`` or more."""

    type: Literal["stat_at_least"]
    faction: Ref
    stat: Stat
    value: int = Field(ge=-b.MAX_TRACK, le=b.MAX_TRACK)


class StatAtMost(_Data):
    """True when a faction's statistic is at ``value`` or less."""

    type: Literal["stat_at_most"]
    faction: Ref
    stat: Stat
    value: int = Field(ge=-b.MAX_TRACK, le=b.MAX_TRACK)


class Controls(_Data):
    """True when ``faction`` controls ``region``."""

    type: Literal["controls"]
    faction: Ref
    region: Ref


class StrengthAtLeast(_Data):
    """True when ``faction`` has at least ``value`` ground strength in ``region``."""

    type: Literal["strength_at_least"]
    faction: Ref
    region: Ref
    value: int = Field(ge=-b.MAX_STRENGTH_CHANGE, le=b.MAX_STRENGTH_CHANGE)


class TurnAtLeast(_Data):
    """True from turn ``turn`` on."""

    type: Literal["turn_at_least"]
    turn: int = Field(ge=1, le=b.MAX_TURNS)


class Happened(_Data):
    """True when something of this kind happened during the turn being resolved,
    optionally done by ``faction`` and/or in ``region``."""

    type: Literal["happened"]
    what: Annotated[Happening, BeforeValidator(current_kind)]
    faction: Ref | None = None
    region: Ref | None = None


class AllOf(_Data):
    """True when every listed condition holds."""

    type: Literal["all"]
    conditions: list[Condition] = Field(min_length=1, max_length=b.MAX_CONDITIONS)


class AnyOf(_Data):
    """True when at least one listed condition holds."""

    type: Literal["any"]
    conditions: list[Condition] = Field(min_length=1, max_length=b.MAX_CONDITIONS)


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


def condition_shape(cond: Condition) -> tuple[int, int]:
    """(conditions in the tree, counting ``cond`` itself; its nesting depth, 1 for a leaf)."""
    if isinstance(cond, AllOf | AnyOf):
        count, depth = 1, 0
        for inner in cond.conditions:
            n, d = condition_shape(inner)
            count += n
            depth = max(depth, d)
        return count, depth + 1
    if isinstance(cond, Not):
        n, d = condition_shape(cond.condition)
        return n + 1, d + 1
    return 1, 1


def _bounded(cond: Condition) -> Condition:
    """A whole condition tree is small: the engine evaluates it for every event and bot
    priority, every turn."""
    count, depth = condition_shape(cond)
    if depth > b.MAX_CONDITION_DEPTH:
        raise ValueError(
            f"conditions are nested {depth} deep; at most {b.MAX_CONDITION_DEPTH} levels"
        )
    if count > b.MAX_CONDITIONS:
        raise ValueError(
            f"the condition holds {count} conditions in all; at most {b.MAX_CONDITIONS}"
        )
    return cond


BoundedCondition = Annotated[Condition, AfterValidator(_bounded)]
"""A condition tree as it may stand in an event, an order or a bot priority: at most
``MAX_CONDITIONS`` conditions in all, nested at most ``MAX_CONDITION_DEPTH`` deep."""


# ----------------------------------------------------------------------------------
# Effects


class TrackEffect(_Data):
    """Add to a track (clamped to its range)."""

    type: Literal["track"]
    track: Ref
    add: int = Field(ge=-b.MAX_TRACK, le=b.MAX_TRACK)


class StatEffect(_Data):
    """Add to a faction's statistic (clamped to its range)."""

    type: Literal["stat"]
    faction: Ref
    stat: Stat
    add: int = Field(ge=-b.MAX_STAT_CHANGE, le=b.MAX_STAT_CHANGE)


class StrengthEffect(_Data):
    """Add ground strength for ``faction`` in ``region`` (negative removes, never below 0)."""

    type: Literal["strength"]
    faction: Ref
    region: Ref
    add: int = Field(ge=-b.MAX_STRENGTH_CHANGE, le=b.MAX_STRENGTH_CHANGE)


class DamageEffect(_Data):
    """Add facility damage (percent points) to a region."""

    type: Literal["damage"]
    region: Ref
    add: int = Field(ge=-b.MAX_LEVEL, le=b.MAX_LEVEL)


class TanksAblazeEffect(_Data):
    """Set more (or fewer) of a terminal's oil tanks ablaze."""

    type: Literal["tanks_ablaze"]
    region: Ref
    add: int = Field(ge=-b.MAX_TANKS, le=b.MAX_TANKS)


class ControlEffect(_Data):
    """Hand a region to a faction (or to ``neutral``)."""

    type: Literal["control"]
    region: Ref
    faction: Ref


Effect = Annotated[
    TrackEffect | StatEffect | StrengthEffect | DamageEffect | TanksAblazeEffect | ControlEffect,
    Field(discriminator="type"),
]


# ----------------------------------------------------------------------------------
# Victory terms


class TrackTerm(_Data):
    """``weight`` points per ``per`` units of a track (floor division)."""

    type: Literal["track"]
    track: Ref
    per: int = Field(default=1, ge=1, le=b.MAX_PER)
    weight: int = Field(ge=-b.MAX_WEIGHT, le=b.MAX_WEIGHT)
    label: Name | None = None


class StatTerm(_Data):
    """``weight`` points per ``per`` units of a faction statistic (own faction by default)."""

    type: Literal["stat"]
    stat: Stat
    faction: Ref | None = None
    per: int = Field(default=1, ge=1, le=b.MAX_PER)
    weight: int = Field(ge=-b.MAX_WEIGHT, le=b.MAX_WEIGHT)
    label: Name | None = None


class ControlTerm(_Data):
    """``weight`` points for each listed region the faction controls."""

    type: Literal["control"]
    regions: list[Ref] = Field(min_length=1, max_length=b.MAX_REGIONS)
    weight: int = Field(ge=-b.MAX_WEIGHT, le=b.MAX_WEIGHT)
    label: Name | None = None


class StrengthTerm(_Data):
    """``weight`` points per ``per`` points of the faction's total ground strength."""

    type: Literal["strength"]
    per: int = Field(default=1, ge=1, le=b.MAX_PER)
    weight: int = Field(ge=-b.MAX_WEIGHT, le=b.MAX_WEIGHT)
    label: Name | None = None


VictoryTerm = Annotated[
    TrackTerm | StatTerm | ControlTerm | StrengthTerm, Field(discriminator="type")
]
