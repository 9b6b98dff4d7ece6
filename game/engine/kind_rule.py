"""What an order kind is made of: the phases that resolve orders, the traits a kind may
have and the record of one kind's rules (:class:`KindRule`).

Split from :mod:`game.engine.kinds` by job: this is the vocabulary, the table of kinds
is :mod:`game.engine.kind_table` and the questions asked of it stay in ``kinds``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from game.engine import target_lists as fits
from game.engine.forces import Board
from game.engine.state import GameState
from game.scenario.catalogue import KIND_SHAPES, KindShape, OrderKind, TargetKind
from game.scenario.models import OrderType
from game.scenario.rules import Happening

Phase = Literal["declarations", "air", "naval", "ground", "oil", "humanitarian"]
"""The phases of a turn that resolve orders (``Turn.phase`` while they run)."""

PHASES: tuple[Phase, ...] = ("declarations", "air", "naval", "ground", "oil", "humanitarian")
"""The order-resolving phases in the order a turn runs them (``resolve_turn``)."""

Trait = Literal[
    "moves_forces",
    "ground",
    "assault",
    "beside_holder",
    "strike",
    "by_air",
    "by_sea",
    "sortie",
    "raises",
    "for_holder",
    "payroll",
    "hostile",
    "besieges",
    "fortifies",
]

TRAITS: Mapping[Trait, str] = MappingProxyType(
    {
        "moves_forces": "sends every ground force of its origin: one such order per origin a turn",
        "ground": "sends ground forces into its target, where they may have to fight",
        "assault": "attacks a region an enemy holds or stands in with ground forces",
        "beside_holder": "its forces land beside the target's holder and fight on its side",
        "strike": "attacks its target from afar with dice, before the ground phase",
        "by_air": "flown by the giver's nearest aircraft within range",
        "by_sea": "sailed by the boats in its origin",
        "sortie": "one aircraft with all its power, hitting more easily",
        "raises": "adds ground strength where it acts, before the ground phase",
        "for_holder": "the strength goes to the target region's holder, not to the giver",
        "payroll": "the strength it raises is the giver's and joins its payroll at once",
        "hostile": "an act of hostility against the target's holder, whatever it costs in "
        "escalation",
        "besieges": "declares a siege of its target",
        "fortifies": "adds fortification to its target",
    }
)
"""What each trait means (the reference prints these)."""

Legality = Callable[[GameState, Board, str, OrderType, str, str | None], str | None]
"""A kind's target rule: why the target (and origin) will not do, or None. Called only
once :func:`~game.engine.targets.shape_problem` has found the shape right."""

Fits = Callable[[GameState, Board, str, OrderType, list[fits.Placed]], list[fits.Placed]]
"""The same rule as yes/no over many candidates: those that fit, in the same order."""


@dataclass(frozen=True, slots=True)
class KindRule:
    """Everything the engine knows of one order kind (see the module's docstring)."""

    kind: OrderKind
    phase: Phase
    legality: Legality
    fits: Fits
    summary: str
    reference: str
    traits: frozenset[Trait]

    @property
    def shape(self) -> KindShape:
        """What the kind is aimed at and where its forces start (the scenario layer's)."""
        return KIND_SHAPES[self.kind]

    @property
    def target(self) -> TargetKind:
        """``region``, ``faction`` or ``none``."""
        return self.shape.target

    @property
    def origin(self) -> bool:
        """Whether an order of the kind names the region its forces start from."""
        return self.shape.origin

    @property
    def notes(self) -> frozenset[Happening]:
        """The happenings resolving an order of the kind may note (the scenario layer's)."""
        return self.shape.notes
