"""The order catalogue's model: what an order kind is, and what one catalogue entry says.

Split from :mod:`game.scenario.models` by job: the catalogue is what the engine's order
registry reads (kinds, targets, costs), the rest of the models describe the setting.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field

from game.scenario import bounds
from game.scenario.base import ID_PATTERN, SOURCE_PATTERN, Model, Source, current_kind
from game.scenario.bounds import Name, Prose, Ref
from game.scenario.rules import UNPROMPTED, BoundedCondition, Happening

OrderKind = Literal[
    "move",
    "attack",
    "fortify",
    "recruit",
    "repair",
    "negotiate",
    "aid",
    "air_strike",
    "ultimatum",
    "military_zone",
    "naval_raid",
    "air_raid",
    "mobilise",
    "deploy",
    "sanctions",
    "arms_support",
    "diplomatic_pressure",
    "intervene",
]

TargetKind = Literal["region", "faction", "none"]
"""What an order of a kind is aimed at: a region, another faction, or nothing."""

ForceKind = Literal["ground", "air", "naval"]
"""The kinds of force an order may need (the ``kind`` of a ``[[force]]``)."""


@dataclass(frozen=True, slots=True)
class KindShape:
    """How an order kind takes its target: the one fact about a kind the scenario's own
    checks need, kept here so the engine's kind registry (``game.engine.kinds``) reads it
    rather than repeating it.

    ``target`` is what the order is aimed at. ``origin`` is true when the order also names
    the region its forces start from. ``forces`` is the kind of force the order needs
    (from its origin, or for air orders the faction's nearest aircraft; None: none).
    ``along_links`` limits the target to regions linked to the origin by road or coast;
    ``offmap`` allows an off-map region (a staging area) as the target. ``notes`` are the
    happenings (``happened`` conditions) resolving an order of the kind may note, in its
    giver's name but for :data:`~game.scenario.rules.UNPROMPTED` ones; the engine's
    phases note no others (tests/test_happenings.py).
    """

    target: TargetKind
    origin: bool = False
    forces: ForceKind | None = None
    along_links: bool = False
    offmap: bool = False
    notes: frozenset[Happening] = frozenset()


_REGION = KindShape("region")
_FACTION = KindShape("faction")

KIND_SHAPES: Mapping[OrderKind, KindShape] = MappingProxyType(
    {
        "move": KindShape(
            "region", origin=True, forces="ground", along_links=True, notes=UNPROMPTED
        ),
        "attack": KindShape(
            "region", origin=True, forces="ground", along_links=True, notes=UNPROMPTED
        ),
        "fortify": _REGION,
        "recruit": _REGION,
        "repair": _REGION,
        "negotiate": KindShape("none", notes=frozenset({"negotiation"})),
        "aid": KindShape("region", notes=frozenset({"aid"})),
        "air_strike": KindShape(
            "region",
            forces="air",
            notes=frozenset({"air_strike", "air_strike_on_city", "collateral_damage"}),
        ),
        "ultimatum": KindShape("faction", notes=frozenset({"ultimatum"})),
        "military_zone": KindShape("region", notes=frozenset({"military_zone"})),
        "naval_raid": KindShape(
            "region",
            origin=True,
            forces="naval",
            notes=frozenset({"naval_raid", "collateral_damage", "tanks_set_ablaze"}),
        ),
        "air_raid": KindShape(
            "region",
            forces="air",
            notes=frozenset(
                {"air_raid", "air_strike_on_city", "collateral_damage", "tanks_set_ablaze"}
            ),
        ),
        "mobilise": _REGION,
        "deploy": KindShape("region", offmap=True),
        "sanctions": _FACTION,
        "arms_support": _REGION,
        "diplomatic_pressure": _FACTION,
        "intervene": KindShape(
            "region", origin=True, forces="ground", notes=frozenset({"intervention"})
        ),
    }
)
"""Every order kind's target shape and what it notes, by kind (the keys are exactly
:data:`OrderKind`'s)."""

TARGETS_FACTION = frozenset(k for k, s in KIND_SHAPES.items() if s.target == "faction")
"""Order kinds aimed at another faction rather than a region."""

NO_TARGET = frozenset(k for k, s in KIND_SHAPES.items() if s.target == "none")
"""Order kinds that take no target at all."""

HAS_ORIGIN = frozenset(k for k, s in KIND_SHAPES.items() if s.origin)
"""Order kinds that name the region their forces start from."""


def kinds_noting(what: Happening) -> frozenset[OrderKind]:
    """The order kinds whose resolution may note the happening ``what``."""
    return frozenset(k for k, s in KIND_SHAPES.items() if what in s.notes)


class OrderType(Model):
    """An entry of the order catalogue: what an order does, what it costs and who may give it."""

    id: str = Field(pattern=ID_PATTERN, max_length=bounds.MAX_ID)
    """The order's id, as bot priorities name it (lower case, digits and '_')."""
    kind: Annotated[OrderKind, BeforeValidator(current_kind)]
    """The mechanic the order uses: what it is aimed at, which phase resolves it and what it does
    (see the order kinds in the reference)."""
    name: Name
    """The order's name as players read it in the order builder."""
    factions: list[Ref] = Field(min_length=1, max_length=bounds.MAX_FACTIONS)
    """Ids of the factions that may give it."""
    cost: int = Field(
        default=1,
        ge=1,
        le=bounds.MAX_ACTION_POINTS,
        description="Action points (at least one, so a faction gives at most its action "
        "points' worth of orders a turn).",
    )
    price: int = Field(default=0, ge=0, le=bounds.MAX_MONEY, description="Treasury spent.")
    per_turn: int = Field(
        default=1,
        ge=1,
        le=bounds.MAX_PER_TURN,
        description="How many times a faction may give it in one turn.",
    )
    power: int = Field(
        default=1,
        ge=0,
        le=bounds.MAX_POWER,
        description="Main magnitude: strength, hits, progress... (strikes and raids roll one "
        "die per point).",
    )
    range_km: int = Field(
        default=0, ge=0, le=bounds.MAX_RANGE_KM, description="Reach of air and naval orders."
    )
    escalation: int = Field(
        default=0,
        ge=-bounds.MAX_SHIFT,
        le=bounds.MAX_SHIFT,
        description="Change to escalation when carried out.",
    )
    legitimacy: int = Field(
        default=0,
        ge=-bounds.MAX_SHIFT,
        le=bounds.MAX_SHIFT,
        description="Change to the giver's legitimacy.",
    )
    target_legitimacy: int = Field(
        default=0,
        ge=-bounds.MAX_SHIFT,
        le=bounds.MAX_SHIFT,
        description="Change to the target faction's legitimacy.",
    )
    cohesion: int = Field(
        default=0,
        ge=-bounds.MAX_SHIFT,
        le=bounds.MAX_SHIFT,
        description="Change to the giver's cohesion (coalitions).",
    )
    target_cohesion: int = Field(
        default=0,
        ge=-bounds.MAX_SHIFT,
        le=bounds.MAX_SHIFT,
        description="Change to the target faction's cohesion, if it is a coalition.",
    )
    duration: int = Field(
        default=0, ge=0, le=bounds.MAX_TURNS, description="Turns a lasting order holds."
    )
    diminishing: int = Field(
        default=0,
        ge=0,
        le=bounds.MAX_POWER,
        description="Power lost for each recent use by the same faction: repeating an order "
        "turn after turn yields less; a turn without it restores one use.",
    )
    requires: BoundedCondition | None = Field(
        default=None, description="Extra data-only precondition."
    )
    description: Prose = ""
    """What the order means in the story, shown in the order builder."""
    source: Source = Field(pattern=SOURCE_PATTERN, max_length=bounds.MAX_SOURCE)
    """Where this order comes from: [[source]] ids, comma-separated, or "design"."""
