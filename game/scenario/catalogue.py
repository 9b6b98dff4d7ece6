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
    price: int = Field(
        default=0,
        ge=0,
        le=bounds.MAX_MONEY,
        description="Treasury the order costs when given; a side without the money cannot give it.",
    )
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
        description="What the order amounts to, read by its kind: strength raised (recruit, "
        "mobilise, deploy, arms support), fortification added, talks gained (negotiate, "
        "diplomatic pressure), access gained (aid), fires put out (repair: and five times it "
        "in percent of damage), or the most dice rolled (air strike, naval raid; an air raid "
        "always rolls this many). Moves, attacks, interventions, ultimatums, sanctions and "
        "military zones do not read it.",
    )
    range_km: int = Field(
        default=0,
        ge=0,
        le=bounds.MAX_RANGE_KM,
        description="Reach in kilometres, in a straight line between regions' coordinates: "
        "from the giver's nearest aircraft (air strike, air raid), from the boats' origin "
        "(naval raid) or from the staging area (intervene). Other kinds do not read it; for "
        "these four, 0 reaches nothing.",
    )
    escalation: int = Field(
        default=0,
        ge=-bounds.MAX_SHIFT,
        le=bounds.MAX_SHIFT,
        description="Escalation added (or, if negative, taken off) when the order is given, "
        "booked to the giver, whatever the order achieves.",
    )
    legitimacy: int = Field(
        default=0,
        ge=-bounds.MAX_SHIFT,
        le=bounds.MAX_SHIFT,
        description="Change to the giver's legitimacy when the order is given.",
    )
    target_legitimacy: int = Field(
        default=0,
        ge=-bounds.MAX_SHIFT,
        le=bounds.MAX_SHIFT,
        description="Change to the target faction's legitimacy: only sanctions (at once) and "
        "diplomatic pressure (in proportion to its power left) read it.",
    )
    cohesion: int = Field(
        default=0,
        ge=-bounds.MAX_SHIFT,
        le=bounds.MAX_SHIFT,
        description="Change to the giver's cohesion when the order is given (no effect on a "
        "side that is not a coalition).",
    )
    target_cohesion: int = Field(
        default=0,
        ge=-bounds.MAX_SHIFT,
        le=bounds.MAX_SHIFT,
        description="Change to the target faction's cohesion, if it is a coalition: only "
        "diplomatic pressure reads it.",
    )
    duration: int = Field(
        default=0,
        ge=0,
        le=bounds.MAX_TURNS,
        description="Turns a lasting order holds: an ultimatum, sanctions or a military zone "
        "(other kinds act once and do not read it).",
    )
    diminishing: int = Field(
        default=0,
        ge=0,
        le=bounds.MAX_POWER,
        description="Power lost for each recent use by the same faction: repeating an order "
        "turn after turn yields less; a turn without it restores one use.",
    )
    requires: BoundedCondition | None = Field(
        default=None,
        description="A condition that must hold for the order to be given at all, on top of "
        "its kind's own rules (an intervention only once pressure is high enough, a strike only "
        "with money in the treasury).",
    )
    description: Prose = ""
    """What the order means in the story, shown in the order builder."""
    source: Source = Field(pattern=SOURCE_PATTERN, max_length=bounds.MAX_SOURCE)
    """Where this order comes from: [[source]] ids, comma-separated, or "design"."""
