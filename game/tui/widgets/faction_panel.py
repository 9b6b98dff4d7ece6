"""The current player's faction: what is left to spend and how close victory is.

Action points and treasury are shown *after* the orders already queued, because that is
what the player can still spend this turn; victory progress lists every term of the
faction's formula with the points it gives now (``victory.term_points``).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from game.engine.orders import Order, spent
from game.engine.state import GameState
from game.engine.victory import score, term_points

BOLD = Style(bold=True)
DIM = Style(dim=True)
GOOD = Style(color="#5fd75f", bold=True)
BAD = Style(color="#ff875f", bold=True)


def faction_summary(state: GameState, faction: str, queued: Sequence[Order]) -> Text:
    """The panel's text for ``faction`` with ``queued`` orders not yet resolved."""
    w = state.w
    fdef = w.factions[faction]
    fs = state.faction(faction)
    ap_used, money_used = spent(state, queued)
    text = Text()
    text.append(f"{fdef.glyph} {fdef.name}\n", Style(color=fdef.color, bold=True))
    left = fdef.action_points - ap_used
    text.append("Action points ", BOLD)
    text.append(f"{left} of {fdef.action_points} left", GOOD if left > 0 else BAD)
    text.append(f" ({len(queued)} order(s) queued)\n" if queued else "\n", DIM)
    text.append("Treasury ", BOLD)
    text.append(f"{fs.treasury}")
    if money_used:
        text.append(f" ({money_used} committed, {fs.treasury - money_used} free)", DIM)
    text.append("\n")
    text.append("Legitimacy ", BOLD)
    text.append(f"{fs.legitimacy}\n")
    if fs.cohesion is not None:
        text.append("Cohesion ", BOLD)
        text.append(f"{fs.cohesion}", BAD if fs.cohesion <= fdef.cohesion_crack + 10 else Style())
        text.append(f" (cracks at {fdef.cohesion_crack}; {len(fs.components)} members)\n", DIM)
    text.append("Escalation caused ", BOLD)
    text.append(f"{fs.escalation}", BAD if fs.escalation > 0 else Style())
    text.append(" (if all is lost, most ranks last)\n", DIM)
    if fs.sanctioned:
        text.append(f"Under sanctions for {fs.sanctioned} more turn(s)\n", BAD)
    if fs.ultimatum_on is not None:
        text.append(
            f"Ultimatum on {w.factions[fs.ultimatum_on].short}: {fs.ultimatum_turns} turn(s)\n", DIM
        )
    total = score(state, faction)
    target = fdef.victory.target
    margin = total - target
    text.append("Victory ", BOLD)
    text.append(f"score {total} of {target}, margin ")
    text.append(f"{margin:+}\n", GOOD if margin >= 0 else BAD)
    for term in fdef.victory.terms:
        points = term_points(state, faction, term)
        label = term.label or term.type
        text.append(f"  {points:+3} ", GOOD if points > 0 else BAD if points < 0 else DIM)
        text.append(f"{label}\n")
    text.rstrip()
    return text


class FactionPanel(Static):
    """Resources, legitimacy, cohesion and victory progress of the faction whose turn it is."""

    def show(self, state: GameState, faction: str | None, queued: Sequence[Order] = ()) -> None:
        """Describe ``faction`` (nothing but a note when no human is playing)."""
        if faction is None:
            self.update(Text("Bots only: press e to watch a turn.", DIM))
            return
        self.update(faction_summary(state, faction, queued))
