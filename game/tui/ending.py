"""How a finished game ended for the people who played it: "You won" or "You lost", first.

The engine's outcome names the winner and ranks every faction; a person wants to know
first how it went for them and why. Each human seat gets one line (named by its side
when several people shared the keyboard), then the debrief shows the full ranking.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text

from game.engine.state import GameState
from game.engine.victory import margins
from game.record.words import side_name


def ordinal(n: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th`` … ``11th``, ``21st``."""
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def seat_result(state: GameState, me: str) -> tuple[bool, str]:
    """Whether ``me`` won, and the sentence saying so with the reason."""
    outcome = state.outcome
    assert outcome is not None
    w = state.w
    m = margins(state)
    place = outcome.ranking.index(me) + 1 if me in outcome.ranking else len(w.faction_ids)
    rank = f"{ordinal(place)} of {len(w.faction_ids)}"
    winner = side_name(w, outcome.winner)
    mine = f"your margin {m[me]:+}"
    if outcome.result == "catastrophe":
        caused = state.faction(me).escalation
        return False, (
            "You lost: escalation reached its maximum and the war ended in chaos, so every "
            f"side loses. You caused {caused} of it and rank {rank}."
        )
    if outcome.result == "win" and outcome.winner == me:
        early = outcome.turn < w.turns
        how = (
            f"a decisive lead at the assessment after turn {outcome.turn}"
            if early
            else "your goals reached after the last turn"
        )
        return True, f"You won: {how} ({mine} over your target)."
    if outcome.result == "win":
        return False, (
            f"You lost: {winner} won with a margin of {m[outcome.winner or me]:+}; {mine}, {rank}."
        )
    if outcome.result == "closest" and outcome.winner == me:
        return False, (
            f"You did not win: no side reached its goals, though you came closest ({mine})."
        )
    if outcome.result == "closest":
        return False, (
            f"You lost: no side reached its goals and {winner} came closest; {mine}, {rank}."
        )
    return False, f"A draw: nobody won ({mine}, {rank})."


def verdict(
    state: GameState, humans: Sequence[str], good: str | None, bad: str | None
) -> Text | None:
    """One line per human seat, won or lost, in the theme's success or error colour;
    None while the game goes on or when only bots played."""
    if state.outcome is None or not humans:
        return None
    out = Text()
    for me in humans:
        won, words = seat_result(state, me)
        style = Style(bold=True, color=(good if won else bad) or None)
        if len(humans) > 1:
            out.append(f"{side_name(state.w, me)}: ", Style(bold=True))
        out.append(words, style)
        out.append("\n")
    out.rstrip()
    return out
