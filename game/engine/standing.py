"""Where every faction stands now: its victory margin as if the game were assessed today.

A faction's score is the sum of its scenario-defined victory terms and its margin is
score minus target (:mod:`game.engine.victory`). The margins only decide the game at an
assessment, but they can be computed for any state, so the UI shows them every turn
instead of leaving the players blind until the first assessment. Each standing keeps
its terms' points, so a player can see *why* a side stands where it does.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.state import GameState
from game.engine.victory import margins, ranking, term_points


@dataclass(frozen=True, slots=True)
class TermPoints:
    """One victory term of a faction and the points it gives now."""

    label: str
    points: int


@dataclass(frozen=True, slots=True)
class Standing:
    """One faction's score, target, margin and rank (1 = best) in the current state."""

    faction: str
    score: int
    target: int
    margin: int
    rank: int
    terms: tuple[TermPoints, ...]


def margin_rule(state: GameState) -> str:
    """What a margin is and how it decides the game, in one short phrase."""
    decisive = state.w.tuning.decisive_margin
    return (
        f"margin = score − target; at an assessment the leader wins early with +{decisive} "
        "or more, and after the last turn the largest margin wins if it is 0 or more"
    )


def next_assessment(state: GameState) -> int | None:
    """The turn whose end brings the next assessment (this turn's included), or None when the
    game is over."""
    w = state.w
    if state.finished:
        return None
    return next((t for t in range(state.turn, w.turns + 1) if w.is_assessment(t)), None)


def term_label(term_type: str, label: str | None) -> str:
    """A victory term's name: the scenario's label, or its kind in words."""
    return label or term_type.replace("_", " ")


def standings(state: GameState) -> list[Standing]:
    """Every faction's standing now, in scenario order (``margin`` equals ``victory.margins``)."""
    w = state.w
    now = margins(state)
    rank = {f: i + 1 for i, f in enumerate(ranking(state))}
    result = []
    for fid in w.faction_ids:
        victory = w.factions[fid].victory
        terms = tuple(
            TermPoints(term_label(t.type, t.label), term_points(state, fid, t))
            for t in victory.terms
        )
        result.append(
            Standing(
                faction=fid,
                score=now[fid] + victory.target,
                target=victory.target,
                margin=now[fid],
                rank=rank[fid],
                terms=terms,
            )
        )
    return result
