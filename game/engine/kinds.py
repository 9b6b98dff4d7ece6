"""The order kinds: one entry per kind, the one home of everything the engine knows of it.

A scenario's order catalogue picks kinds and sets their numbers (cost, power, range ...);
what a kind *is* lives here, in :data:`ORDER_KINDS` (the table is written in
:mod:`game.engine.kind_table`, its vocabulary in :mod:`game.engine.kind_rule`): what it is
aimed at, whether it names an origin and which happenings its orders may note (its
:class:`~game.scenario.catalogue.KindShape`, kept in the scenario layer because the
scenario's own checks need it too, and read from there), the rule that
decides its legal targets (with reasons, and as yes/no for legality passes), the phase of
the turn that resolves it, its traits (what the bots, forecasts and screens ask of a kind
instead of listing kinds by name), a one-line summary for players and a paragraph of rules
for the scenario reference.

Everything that needs one of these facts asks the registry: :func:`target_problem` and
:func:`fits_of` dispatch to the kind's rules, :func:`kinds_with` lists the kinds of a
trait, and each phase resolves the kinds whose ``phase`` is its own (``Turn.of_phase``).
"""

from __future__ import annotations

from collections.abc import Sequence

from game.engine import target_lists as fits
from game.engine import targets as rules
from game.engine.forces import Board
from game.engine.kind_rule import PHASES, TRAITS, KindRule, Phase, Trait
from game.engine.kind_table import ORDER_KINDS
from game.engine.state import GameState
from game.scenario.catalogue import HAS_ORIGIN as HAS_ORIGIN
from game.scenario.catalogue import KIND_SHAPES, OrderKind
from game.scenario.catalogue import NO_TARGET as NO_TARGET
from game.scenario.catalogue import TARGETS_FACTION as TARGETS_FACTION
from game.scenario.models import OrderType


def kinds_with(trait: Trait) -> frozenset[OrderKind]:
    """The kinds that have ``trait``."""
    return _BY_TRAIT[trait]


def has(kind: str, trait: Trait) -> bool:
    """Whether the kind ``kind`` (as a catalogue entry writes it) has ``trait``."""
    return kind in _BY_TRAIT[trait]


def kinds_in(phase: Phase) -> tuple[OrderKind, ...]:
    """The kinds the phase ``phase`` resolves, in registry order (listed once: every
    turn asks for every phase's kinds)."""
    found = _BY_PHASE.get(phase)
    if found is None:
        found = _BY_PHASE[phase] = tuple(k for k, r in ORDER_KINDS.items() if r.phase == phase)
    return found


_BY_PHASE: dict[Phase, tuple[OrderKind, ...]] = {}


_BY_TRAIT: dict[Trait, frozenset[OrderKind]] = {
    trait: frozenset(k for k, r in ORDER_KINDS.items() if trait in r.traits) for trait in TRAITS
}


def target_problem(
    state: GameState,
    board: Board,
    me: str,
    otype: OrderType,
    target_id: str | None,
    origin: str | None,
) -> str | None:
    """What is wrong with this target (and origin) for the order type, or None: first the
    shape every kind shares, then the kind's own rule."""
    problem = rules.shape_problem(state, otype, target_id, origin)
    if problem is not None or target_id is None:
        return problem
    return ORDER_KINDS[otype.kind].legality(state, board, me, otype, target_id, origin)


def fits_of(state: GameState, board: Board, me: str, otype: OrderType) -> Sequence[fits.Pair]:
    """The pairs of :func:`~game.engine.target_lists.candidates_of` that
    :func:`target_problem` finds nothing wrong with, in the same order.

    The same rules asked as yes/no for every candidate at once (what a legality pass
    needs): the lookups the targets share are done once, and no reason is written for
    the targets that do not fit. tests/test_speed_fits.py checks the two agree on every
    candidate of many real and scrambled positions.
    """
    if KIND_SHAPES[otype.kind].target == "none":
        return [(None, None)]
    placed = fits.placed_of(state, board, me, otype)
    if not placed:
        return placed
    return ORDER_KINDS[otype.kind].fits(state, board, me, otype, placed)


__all__ = [
    "HAS_ORIGIN",
    "NO_TARGET",
    "ORDER_KINDS",
    "PHASES",
    "TARGETS_FACTION",
    "TRAITS",
    "KindRule",
    "Phase",
    "Trait",
    "fits_of",
    "has",
    "kinds_in",
    "kinds_with",
    "target_problem",
]
