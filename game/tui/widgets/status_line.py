"""The game screen's top line: turn, date, assessment, whose turn and action points left.

Built from the state alone (no widget state), so hot-seat hand-overs and the replay of a
position always say the same thing for the same game.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text

from game.engine.order_model import Order
from game.engine.orders import spent
from game.engine.state import GameState
from game.record.words import short_date


def status_line(
    state: GameState,
    faction: str | None,
    queued: Sequence[Order],
    *,
    frozen: bool,
    noted: bool,
    warning: Style,
) -> Text:
    """``Turn 2/12 · 20 Dec 2014 · T Tobruk · 3 AP left`` with what else matters now."""
    w = state.w
    turn = min(state.turn, w.turns)
    status = Text()
    status.append(f"Turn {turn}/{w.turns}", Style(bold=True))
    status.append(f" · {short_date(w.date_of(turn))}")
    if w.is_assessment(turn):
        status.append(" assessment", warning)
    if state.finished:
        status.append(" · game over", Style(bold=True))
    elif frozen:
        status.append(" · view only (older rules)", Style(bold=True))
    if faction is not None:
        fdef = w.factions[faction]
        left = fdef.action_points - spent(state, queued)[0]
        status.append(" · ")
        status.append(f"{fdef.glyph} {fdef.short}", Style(color=fdef.color, bold=True))
        status.append(f" · {left} AP left")
        if noted:
            status.append(" · note ✓")
    return status
