"""Victory formulas and phase 11, the assessment.

A faction's score is the sum of its scenario-defined terms; its margin is score minus
target. At an assessment (every Nth turn) factions are paid and, if any margin reaches
the scenario's decisive margin, the game ends early with the largest margin winning.
After the last turn the largest margin wins even below target. Equal best margins are a draw.
"""

from __future__ import annotations

from game.engine.conditions import add_stat, stat_value
from game.engine.state import GameState, Outcome
from game.engine.turn import Turn
from game.scenario.rules import ControlTerm, StatTerm, StrengthTerm, TrackTerm, VictoryTerm


def term_points(state: GameState, faction: str, term: VictoryTerm) -> int:
    """Points one victory term gives ``faction`` now."""
    if isinstance(term, TrackTerm):
        return state.tracks[term.track] // term.per * term.weight
    if isinstance(term, StatTerm):
        return stat_value(state, term.faction or faction, term.stat) // term.per * term.weight
    if isinstance(term, ControlTerm):
        held = sum(1 for r in term.regions if state.region(r).controller == faction)
        return held * term.weight
    if isinstance(term, StrengthTerm):
        total = sum(u.strength for u in state.units if u.faction == faction and u.kind == "ground")
        return total // term.per * term.weight
    raise TypeError(f"unknown victory term {term!r}")


def score(state: GameState, faction: str) -> int:
    """A faction's victory score."""
    return sum(
        term_points(state, faction, term) for term in state.w.factions[faction].victory.terms
    )


def margins(state: GameState) -> dict[str, int]:
    """Score minus target for every faction, in scenario order."""
    return {f: score(state, f) - state.w.factions[f].victory.target for f in state.w.faction_ids}


def decide(state: GameState, final: bool) -> Outcome | None:
    """The outcome if the game ends now (at an assessment; ``final`` after the last turn)."""
    m = margins(state)
    best = max(m.values())
    if not final and best < state.w.tuning.decisive_margin:
        return None
    leaders = [f for f, v in m.items() if v == best]
    table = ", ".join(f"{state.w.factions[f].name} {v:+}" for f, v in m.items())
    if len(leaders) > 1:
        names = " and ".join(state.w.factions[f].name for f in leaders)
        return Outcome("draw", None, state.turn, f"{names} tie on victory margin ({table}).")
    winner = leaders[0]
    how = (
        "won decisively"
        if not final
        else "reached its goals"
        if best >= 0
        else "came closest to its goals"
    )
    return Outcome(
        "win", winner, state.turn, f"{state.w.factions[winner].name} {how} (margins: {table})."
    )


def assessment_phase(t: Turn) -> None:
    """Income, upkeep, coalition cohesion and the victory check on assessment turns."""
    s = t.state
    w = t.w
    last = t.number >= w.turns
    if s.finished or not w.is_assessment(t.number):
        return
    t.phase = "assessment"
    for faction in w.faction_ids:
        fdef = w.factions[faction]
        fs = s.faction(faction)
        pay = fdef.income + fs.legitimacy // 25
        upkeep = w.tuning.upkeep_per_strength * sum(
            u.strength for u in s.units if u.faction == faction
        )
        add_stat(s, faction, "treasury", pay - upkeep)
        t.entry(
            "assessment",
            f"{fdef.name}: income +{pay}"
            + (f", upkeep -{upkeep}" if upkeep else "")
            + f"; treasury {fs.treasury}.",
            faction=faction,
            source="design",
            rule="assessment income = base income + legitimacy/25",
        )
        if (
            fs.cohesion is not None
            and fs.cohesion <= fdef.cohesion_crack
            and len(fs.components) > 1
        ):
            leaving = fs.components.pop()
            gone = 0
            for unit in s.units:
                if unit.faction == faction and unit.component == leaving:
                    gone += unit.strength
                    unit.strength = 0
            add_stat(s, faction, "cohesion", 15)
            name = next(c.name for c in fdef.components if c.id == leaving)
            t.entry(
                "cohesion",
                f"{fdef.name} cracks: {name} leave the coalition, "
                f"taking {gone} strength with them.",
                faction=faction,
                source="design",
                rule=f"at an assessment with cohesion at or below {fdef.cohesion_crack}, the last "
                "member to join leaves",
            )
    outcome = decide(s, final=last)
    if outcome is not None:
        s.outcome = outcome
        t.entry(
            "end",
            outcome.reason,
            faction=outcome.winner,
            source="design",
            rule="victory: largest margin over target at an assessment; after the last turn, "
            "largest margin",
        )
