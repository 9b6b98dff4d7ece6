"""Victory formulas and phase 11, the assessment.

A faction's score is the sum of its scenario-defined terms; its margin is score minus
target. At an assessment (every Nth turn) factions are paid and, if any margin reaches
the scenario's decisive margin, the game ends early with the largest margin winning.
After the last turn the largest margin wins if it reached its target; if nobody did,
the outcome says so and names who came closest. Equal margins go to the side that
caused less escalation, then to the more legitimate one; only a full tie is a draw.
"""

from __future__ import annotations

from typing import assert_never

from game.engine.conditions import add_stat, stat_value
from game.engine.log import Change
from game.engine.state import GameState, Outcome
from game.engine.turn import Turn
from game.scenario.rules import ControlTerm, StatTerm, StrengthTerm, TrackTerm, VictoryTerm


def term_points(state: GameState, faction: str, term: VictoryTerm) -> int:
    """Points one victory term gives ``faction`` now."""
    match term:
        case TrackTerm():
            return state.tracks[term.track] // term.per * term.weight
        case StatTerm():
            return stat_value(state, term.faction or faction, term.stat) // term.per * term.weight
        case ControlTerm():
            held = sum(1 for r in term.regions if state.region(r).controller == faction)
            return held * term.weight
        case StrengthTerm():
            total = sum(
                u.strength for u in state.units if u.faction == faction and u.kind == "ground"
            )
            return total // term.per * term.weight
        case _:
            assert_never(term)


def score(state: GameState, faction: str) -> int:
    """A faction's victory score."""
    return sum(
        term_points(state, faction, term) for term in state.w.factions[faction].victory.terms
    )


def margins(state: GameState) -> dict[str, int]:
    """Score minus target for every faction, in scenario order."""
    return {f: score(state, f) - state.w.factions[f].victory.target for f in state.w.faction_ids}


TIE_BREAK = (
    "equal margins are broken by the escalation each side caused (less is better), then by "
    "legitimacy (more is better); only sides equal on all three draw"
)
CATASTROPHE_RULE = (
    "escalation at its maximum ends the game: every faction loses, ranked by the escalation "
    "it caused (most ranks last), then by victory margin"
)


def _standing(state: GameState, m: dict[str, int]) -> dict[str, tuple[int, int, int]]:
    """Sort key per faction: margin (higher first), escalation caused, legitimacy."""
    return {f.id: (-m[f.id], f.escalation, -f.legitimacy) for f in state.factions}


def ranking(state: GameState) -> list[str]:
    """Every faction, best first: by margin, then the tie-break of :data:`TIE_BREAK`."""
    return _ranked(state, _standing(state, margins(state)))


def _ranked(state: GameState, key: dict[str, tuple[int, int, int]]) -> list[str]:
    order = state.w.faction_ids
    return sorted(order, key=lambda f: (*key[f], order.index(f)))


def decide(state: GameState, final: bool) -> Outcome | None:
    """The outcome if the game ends now (at an assessment; ``final`` after the last turn).

    Before the last turn the game ends only when the leader is ``decisive_margin`` or more
    over its target and wins the tie-break outright. After the last turn the leader wins if
    it reached its target; if nobody did, the leader is named as the side that came closest.
    """
    w = state.w
    m = margins(state)
    key = _standing(state, m)
    ranked = _ranked(state, key)
    leader = ranked[0]
    best = m[leader]
    if not final and best < w.tuning.decisive_margin:
        return None
    tied = [f for f in ranked if key[f] == key[leader]]
    table = ", ".join(f"{w.factions[f].name} {v:+}" for f, v in m.items())
    if len(tied) > 1:
        if not final:
            return None
        names = " and ".join(w.factions[f].name for f in tied)
        return Outcome(
            "draw",
            None,
            state.turn,
            f"{names} are level on margin, escalation caused and legitimacy ({table}).",
            ranked,
        )
    name = w.factions[leader].name
    if not final:
        text = f"{name} won decisively (margins: {table})."
    elif best >= 0:
        text = f"{name} reached its goals (margins: {table})."
    else:
        text = f"No side reached its goals; {name} came closest (margins: {table})."
    level = [f for f in ranked if m[f] == best and f != leader]
    if level:
        rivals = " and ".join(w.factions[f].name for f in level)
        text += f" It was level with {rivals} on margin and won the tie-break ({TIE_BREAK})."
    result = "win" if best >= 0 or not final else "closest"
    return Outcome(result, leader, state.turn, text, ranked)


def catastrophe(state: GameState) -> Outcome:
    """Everyone loses; the faction that caused most escalation ranks last."""
    w = state.w
    m = margins(state)
    order = w.faction_ids
    ranked = sorted(
        order,
        key=lambda f: (
            state.faction(f).escalation,
            -m[f],
            -state.faction(f).legitimacy,
            order.index(f),
        ),
    )
    caused = ", ".join(
        f"{w.factions[f].name} {state.faction(f).escalation}" for f in reversed(ranked)
    )
    worst = ranked[-1]
    return Outcome(
        "catastrophe",
        None,
        state.turn,
        "Escalation reached its maximum: the fighting spread beyond anyone's control into "
        f"all-out war. Every faction loses; {w.factions[worst].name} drove it most "
        f"(escalation caused this game: {caused}). Ranking: "
        + ", ".join(w.factions[f].name for f in ranked)
        + ".",
        ranked,
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
            cause=f"{fdef.name}'s assessment",
            changes=[
                Change("treasury", faction, pay, why="assessment income", by=faction),
                Change("treasury", faction, -upkeep, why="upkeep of forces", by=faction),
            ],
            rest="the treasury cannot fall below 0",
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
            rule=f"victory: at an assessment a lead of {w.tuning.decisive_margin}+ over target "
            "ends the game; after the last turn the largest margin wins if it reached its "
            f"target, otherwise it only came closest; {TIE_BREAK}",
        )
