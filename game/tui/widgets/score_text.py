"""The words of the status panel's scores: every side's standing and the projection.

Pure functions from engine results to Rich text, so the game screen and the tests
read the same numbers (``game.engine.standing`` and ``game.engine.projection``). The
styles come in a :class:`Palette` that the widget builds from the current theme.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text

from game.engine.projection import Change, Projection, assumption
from game.engine.standing import margin_rule, next_assessment, standings
from game.engine.state import GameState

BOLD = Style(bold=True)
DIM = Style(dim=True)
MINUS = "\N{MINUS SIGN}"


@dataclass(frozen=True, slots=True)
class Palette:
    """Styles for good and bad news, warnings and the player's own line (theme colours)."""

    good: Style = BOLD
    bad: Style = BOLD
    warning: Style = BOLD
    own: Style = BOLD


PLAIN = Palette()
"""Bold without colour: for text built outside a running app."""


def signed(value: float) -> str:
    """``+2``, ``−3``, ``0``, ``+1.5``: a change with its sign and a true minus sign."""
    if value == 0:
        return "0"
    rounded = round(value, 1)
    digits = f"{abs(rounded):,.0f}" if rounded == int(rounded) else f"{abs(rounded):,.1f}"
    return ("+" if value > 0 else MINUS) + digits


def number(value: int) -> str:
    """An integer with a true minus sign (``−4``), no sign when positive."""
    return f"{value:,}".replace("-", MINUS)


def ordinal(rank: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th`` … ``11th``."""
    if 10 <= rank % 100 <= 20:
        return f"{rank}th"
    return f"{rank}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(rank % 10, 'th') }"


def standings_text(state: GameState, faction: str | None, palette: Palette = PLAIN) -> Text:
    """Every side's margin as if assessed now, best first, the player's own (if any) marked."""
    w = state.w
    ranked = sorted(standings(state), key=lambda s: s.rank)
    text = Text()
    text.append("Standing now", BOLD)
    text.append(" (margin, as if assessed today", DIM)
    due = next_assessment(state)
    if due == state.turn:
        text.append("; this turn ends with an assessment", palette.warning)
    elif due is not None:
        text.append(f"; next assessment after turn {due}", DIM)
    text.append(")\n", DIM)
    name_width = max(len(w.factions[s.faction].short) for s in ranked)
    for s in ranked:
        fdef = w.factions[s.faction]
        mine = s.faction == faction
        text.append("▸ " if mine else "  ", palette.own if mine else DIM)
        text.append(fdef.glyph, Style(color=fdef.color, bold=True))
        text.append(" ")
        text.append(f"{fdef.short:<{name_width}}", palette.own if mine else Style())
        text.append(f" {signed(s.margin):>3}", palette.good if s.margin >= 0 else palette.bad)
        text.append(f"  {ordinal(s.rank)}, {s.score} of {s.target}\n", DIM)
    text.rstrip()
    return text


def scores_text(state: GameState, faction: str, palette: Palette = PLAIN) -> Text:
    """What a margin means, then the terms that make up every other side's score."""
    w = state.w
    ranked = sorted(standings(state), key=lambda s: s.rank)
    text = Text(f"{margin_rule(state)[0].upper()}{margin_rule(state)[1:]}.\n", DIM)
    for s in ranked:
        if s.faction == faction:
            continue
        fdef = w.factions[s.faction]
        text.append(f"{fdef.short} score {s.score}: ", BOLD)
        parts = [f"{t.label} {signed(t.points)}" for t in s.terms if t.points]
        text.append(", ".join(parts) if parts else "no points yet")
        text.append("\n")
    text.rstrip()
    return text


def _value(value: int, *, sign: bool) -> str:
    return signed(value) if sign and value else number(value)


def _change_line(
    text: Text,
    label: str,
    change: Change,
    palette: Palette,
    *,
    higher_is_better: bool,
    sign: bool = False,
) -> None:
    """``Escalation 6 → 7 (your orders +2; by itself the turn -1)``: where the value would
    go with the orders over the dice sets, the mean difference the orders make (coloured by
    whether it helps) and, when the turn moves it anyway, the mean change without them."""
    text.append(f"{label} ", BOLD)
    if not change.moved:
        text.append(f"{_value(change.current, sign=sign)}, unchanged by your orders\n", DIM)
        return
    helps = (change.mean > 0) == higher_is_better
    text.append(f"{_value(change.current, sign=sign)} → {_value(change.lowest, sign=sign)}")
    if not change.certain:
        text.append(f" to {_value(change.highest, sign=sign)}")
    text.append(" (your orders ")
    text.append(signed(change.mean), palette.good if helps else palette.bad)
    drift = change.without - change.current
    if round(drift, 1):
        text.append(f"; by itself the turn {signed(drift)}")
    text.append(")\n")


def projection_text(state: GameState, projection: Projection, palette: Palette = PLAIN) -> Text:
    """What the queued orders would change if the turn ended now, marked as a projection."""
    w = state.w
    text = Text()
    text.append("If you end the turn now", BOLD)
    text.append(" (projection)\n", DIM)
    if not projection.orders:
        text.append("No orders queued: nothing changes by your hand yet.", DIM)
        return text
    top = w.tracks["escalation"].max
    _change_line(text, "Escalation", projection.escalation, palette, higher_is_better=False)
    caused = projection.caused
    if caused.moved:
        reach = f"{caused.lowest}" + ("" if caused.certain else f" to {caused.highest}")
        text.append(
            f"  booked to you: {caused.current} → {reach} (your orders {signed(caused.mean)})\n",
            DIM,
        )
    if projection.catastrophes:
        text.append(
            f"  at {top} every side loses: your orders end the game in "
            f"{projection.catastrophes} of {projection.samples} sets of dice\n",
            palette.bad,
        )
    elif projection.escalation.highest >= top:
        text.append(f"  at {top} every side loses\n", palette.bad)
    if projection.wins:
        text.append(
            f"Your orders win the game at this assessment in {projection.wins} of "
            f"{projection.samples} sets of dice\n",
            palette.good,
        )
    _change_line(text, "Legitimacy", projection.legitimacy, palette, higher_is_better=True)
    _change_line(text, "Your margin", projection.margin, palette, higher_is_better=True, sign=True)
    for rival, change in projection.rivals.items():
        if change.moved:
            label = f"{w.factions[rival].short} margin"
            _change_line(text, label, change, palette, higher_is_better=False, sign=True)
    text.append(
        f"Assumes {assumption(projection.samples)}; “your orders” is the mean difference "
        "they make, “by itself” the mean change without them. "
        "Their real orders and the dice are unknown.",
        DIM,
    )
    return text
