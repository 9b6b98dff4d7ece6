"""Data-only conditions and effects: the tagged tables scenario authors write.

Events, bot priorities and victory formulas need to say "when X holds, do Y". A
scenario is data, never code, so each condition and effect is a small table with a
``type`` tag (a pydantic discriminated union). The engine interprets them; nothing in
a scenario can run code or reach outside its own file.
"""

from __future__ import annotations

from typing import Annotated, Literal, assert_never

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from game.scenario import bounds as b
from game.scenario.base import current_kind
from game.scenario.bounds import Name, Ref

Stat = Literal["treasury", "legitimacy", "cohesion", "escalation"]
"""Per-faction statistics that conditions and victory terms may read: ``escalation`` is the
escalation the faction has caused this game. (A faction's action points are a fixed number
of the scenario, so a condition or term on them could never change: they are not a stat.)"""

EffectStat = Literal["treasury", "legitimacy", "cohesion"]
"""The statistics an effect may change. The escalation a faction has caused is the sum of
its acts, so an effect moves the escalation track instead (``type = "track"``)."""

STATS: tuple[Stat, ...] = ("treasury", "legitimacy", "cohesion", "escalation")
"""The values of :data:`Stat`, in order."""

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

UNPROMPTED: frozenset[Happening] = frozenset({"battle", "battle_in_city", "terminal_changed_hands"})
"""Happenings the rules also note in a turn without an order that makes them: a battle
wherever two sides' forces stand in one region (left there by an earlier turn, the start or
an event) and a terminal or oil field changing hands to whoever is left alone in it, in
the attacker's or taker's name. Every other happening is noted only while resolving an
order of a kind whose ``notes`` (``KIND_SHAPES`` in :mod:`game.scenario.catalogue`) name
it, in that order's giver's name."""


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


# ----------------------------------------------------------------------------------
# Conditions


class TrackAtLeast(_Data):
    """True when a track has reached ``value`` or more."""

    type: Literal["track_at_least"]
    track: Ref
    """Id of the track."""
    value: int = Field(ge=-b.MAX_TRACK, le=b.MAX_TRACK)
    """The threshold: true at this value or above."""


class TrackAtMost(_Data):
    """True when a track is at ``value`` or less."""

    type: Literal["track_at_most"]
    track: Ref
    """Id of the track."""
    value: int = Field(ge=-b.MAX_TRACK, le=b.MAX_TRACK)
    """The threshold: true at this value or below."""


class StatAtLeast(_Data):
    """True when a faction's statistic has reached ``value`` or more."""

    type: Literal["stat_at_least"]
    faction: Ref
    """Id of the faction."""
    stat: Stat
    """Which statistic of the faction."""
    value: int = Field(ge=-b.MAX_TRACK, le=b.MAX_TRACK)
    """The threshold: true at this value or above."""


class StatAtMost(_Data):
    """True when a faction's statistic is at ``value`` or less."""

    type: Literal["stat_at_most"]
    faction: Ref
    """Id of the faction."""
    stat: Stat
    """Which statistic of the faction."""
    value: int = Field(ge=-b.MAX_TRACK, le=b.MAX_TRACK)
    """The threshold: true at this value or below."""


class Controls(_Data):
    """True when ``faction`` controls ``region``."""

    type: Literal["controls"]
    faction: Ref
    """Id of the faction (or "neutral")."""
    region: Ref
    """Id of the region."""


class StrengthAtLeast(_Data):
    """True when ``faction`` has at least ``value`` ground strength in ``region``."""

    type: Literal["strength_at_least"]
    faction: Ref
    """Id of the faction."""
    region: Ref
    """Id of the region."""
    value: int = Field(ge=-b.MAX_STRENGTH_CHANGE, le=b.MAX_STRENGTH_CHANGE)
    """The least ground strength, adding up all its forces there."""


class TurnAtLeast(_Data):
    """True from turn ``turn`` on."""

    type: Literal["turn_at_least"]
    turn: int = Field(ge=1, le=b.MAX_TURNS)
    """The first turn on which it is true (1 is the first turn)."""


class Happened(_Data):
    """True when something of this kind happened during the turn being resolved,
    optionally done by ``faction`` and/or in ``region``."""

    type: Literal["happened"]
    what: Annotated[Happening, BeforeValidator(current_kind)]
    """What happened: a kind of act the engine notes while resolving a turn."""
    faction: Ref | None = None
    """Only if done by this faction (any faction if left out)."""
    region: Ref | None = None
    """Only if it happened in this region (anywhere if left out)."""


class AllOf(_Data):
    """True when every listed condition holds."""

    type: Literal["all"]
    conditions: list[Condition] = Field(min_length=1, max_length=b.MAX_CONDITIONS)
    """The conditions that must all hold."""


class AnyOf(_Data):
    """True when at least one listed condition holds."""

    type: Literal["any"]
    conditions: list[Condition] = Field(min_length=1, max_length=b.MAX_CONDITIONS)
    """The conditions of which at least one must hold."""


class Not(_Data):
    """True when the inner condition does not hold."""

    type: Literal["not"]
    condition: Condition
    """The condition that must not hold."""


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
    match cond:
        case AllOf() | AnyOf():
            count, depth = 1, 0
            for inner in cond.conditions:
                n, d = condition_shape(inner)
                count += n
                depth = max(depth, d)
            return count, depth + 1
        case Not():
            n, d = condition_shape(cond.condition)
            return n + 1, d + 1
        case (
            TrackAtLeast()
            | TrackAtMost()
            | StatAtLeast()
            | StatAtMost()
            | Controls()
            | StrengthAtLeast()
            | TurnAtLeast()
            | Happened()
        ):
            return 1, 1
        case _:
            assert_never(cond)


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
    """Id of the track."""
    add: int = Field(ge=-b.MAX_TRACK, le=b.MAX_TRACK)
    """How much to add; negative subtracts. The track stays within its min and max."""


class StatEffect(_Data):
    """Add to a faction's treasury, legitimacy or cohesion (clamped to its range)."""

    type: Literal["stat"]
    faction: Ref
    """Id of the faction."""
    stat: EffectStat
    """Which statistic to change."""
    add: int = Field(ge=-b.MAX_STAT_CHANGE, le=b.MAX_STAT_CHANGE)
    """How much to add; negative subtracts."""


class StrengthEffect(_Data):
    """Add ground strength for ``faction`` in ``region`` (negative removes, never below 0)."""

    type: Literal["strength"]
    faction: Ref
    """Id of the faction."""
    region: Ref
    """Id of the region."""
    add: int = Field(ge=-b.MAX_STRENGTH_CHANGE, le=b.MAX_STRENGTH_CHANGE)
    """Strength to add; negative removes it, never below 0."""


class DamageEffect(_Data):
    """Add facility damage (percent points) to a region."""

    type: Literal["damage"]
    region: Ref
    """Id of the region."""
    add: int = Field(ge=-b.MAX_LEVEL, le=b.MAX_LEVEL)
    """Damage to add in percent points; negative repairs. It stays within 0 to 100."""


class TanksAblazeEffect(_Data):
    """Set more (or fewer) of a terminal's oil tanks ablaze."""

    type: Literal["tanks_ablaze"]
    region: Ref
    """Id of the region."""
    add: int = Field(ge=-b.MAX_TANKS, le=b.MAX_TANKS)
    """Tanks to set ablaze; negative puts fires out. It stays within 0 and the region's oil
    tanks."""


class ControlEffect(_Data):
    """Hand a region to a faction (or to ``neutral``)."""

    type: Literal["control"]
    region: Ref
    """Id of the region."""
    faction: Ref
    """Id of the faction that takes it (or "neutral")."""


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
    """Id of the track."""
    per: int = Field(default=1, ge=1, le=b.MAX_PER)
    """How many units of the value make one unit counted (rounded down)."""
    weight: int = Field(ge=-b.MAX_WEIGHT, le=b.MAX_WEIGHT)
    """Points per unit counted; negative to count against the faction."""
    label: Name | None = None
    """A short name for the term in the score breakdown (default: worded from the term)."""


class StatTerm(_Data):
    """``weight`` points per ``per`` units of a faction statistic (own faction by default)."""

    type: Literal["stat"]
    stat: Stat
    """Which statistic counts."""
    faction: Ref | None = None
    """Whose statistic (default: the scoring faction's own)."""
    per: int = Field(default=1, ge=1, le=b.MAX_PER)
    """How many units of the value make one unit counted (rounded down)."""
    weight: int = Field(ge=-b.MAX_WEIGHT, le=b.MAX_WEIGHT)
    """Points per unit counted; negative to count against the faction."""
    label: Name | None = None
    """A short name for the term in the score breakdown (default: worded from the term)."""


class ControlTerm(_Data):
    """``weight`` points for each listed region the faction controls."""

    type: Literal["control"]
    regions: list[Ref] = Field(min_length=1, max_length=b.MAX_REGIONS)
    """Ids of the regions that count."""
    weight: int = Field(ge=-b.MAX_WEIGHT, le=b.MAX_WEIGHT)
    """Points for each listed region the faction holds; negative to count against it."""
    label: Name | None = None
    """A short name for the term in the score breakdown (default: worded from the term)."""


class StrengthTerm(_Data):
    """``weight`` points per ``per`` points of the faction's total ground strength."""

    type: Literal["strength"]
    per: int = Field(default=1, ge=1, le=b.MAX_PER)
    """How many points of ground strength make one unit counted (rounded down)."""
    weight: int = Field(ge=-b.MAX_WEIGHT, le=b.MAX_WEIGHT)
    """Points per unit counted; negative to count against the faction."""
    label: Name | None = None
    """A short name for the term in the score breakdown (default: worded from the term)."""


VictoryTerm = Annotated[
    TrackTerm | StatTerm | ControlTerm | StrengthTerm, Field(discriminator="type")
]
