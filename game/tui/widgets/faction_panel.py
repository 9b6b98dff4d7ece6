"""The current player's faction: what is left to spend, how close victory is, where all stand.

Action points and treasury are shown *after* the orders already queued, because that is
what the player can still spend this turn; victory progress lists every term of the
faction's formula with the points it gives now (``victory.term_points``). During a turn
being played the panel adds every side's standing as if assessed now and a projection of
what the queued orders would change (``game.engine.projection``); the escalation part of
that projection is handed to the tracks panel beside it, which shows the meter.

Colours come from the theme through component classes, so the high-contrast theme and
``NO_COLOR`` apply; only the scenario's faction colours (data) are used as given.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from game.engine.economy import payroll_due
from game.engine.kinds import has
from game.engine.order_model import Order
from game.engine.orders import spent
from game.engine.projection import Projection, Projector
from game.engine.state import GameState
from game.engine.victory import score, term_points
from game.errors import SidraError
from game.record.words import plural
from game.tui.widgets.score_text import (
    BOLD,
    DIM,
    PLAIN,
    Palette,
    number,
    projection_text,
    scores_text,
    signed,
    standings_text,
)
from game.tui.widgets.tracks_panel import TracksPanel

_projector: Projector | None = None
"""The projector of the state last shown (both copies of the panel share its results)."""


def projector_for(state: GameState) -> Projector:
    """A projector for ``state``, reused while the state is the same object.

    The engine never changes a state in place (a turn makes a new one), and the projector
    holds the state it was made for, so identity tells a new turn from the same one.
    """
    global _projector
    if _projector is None or _projector.state is not state:
        _projector = Projector(state)
    return _projector


def faction_summary(
    state: GameState, faction: str, queued: Sequence[Order], palette: Palette = PLAIN
) -> Text:
    """The panel's text for ``faction`` with ``queued`` orders not yet resolved."""
    text = resources_text(state, faction, queued, palette)
    text.append("\n")
    text.append_text(victory_text(state, faction, palette))
    return text


def resources_text(
    state: GameState, faction: str, queued: Sequence[Order], palette: Palette = PLAIN
) -> Text:
    """Name, action points and treasury left after ``queued``, legitimacy, cohesion, escalation
    caused and lasting conditions."""
    w = state.w
    fdef = w.factions[faction]
    fs = state.faction(faction)
    ap_used, money_used = spent(state, queued)
    good, bad = palette.good, palette.bad
    text = Text()
    text.append(f"{fdef.glyph} {fdef.name}\n", Style(color=fdef.color, bold=True))
    left = fdef.action_points - ap_used
    text.append("Action points ", BOLD)
    text.append(f"{left} of {fdef.action_points} left", good if left > 0 else bad)
    text.append(f" ({plural(len(queued), 'order')} queued)\n" if queued else "\n", DIM)
    text.append("Treasury ", BOLD)
    text.append(number(fs.treasury))
    if money_used:
        text.append(f" ({money_used} committed, {number(fs.treasury - money_used)} free)", DIM)
    text.append("\n")
    raised = sum(w.orders[o.order].power for o in queued if has(w.orders[o.order].kind, "payroll"))
    due = payroll_due(state, faction, raised)
    if due:
        text.append("Payroll ", BOLD)
        text.append(f"{due} due at the end of the turn")
        text.append(
            f" (1 per {fdef.payroll_strength} strength, after oil revenue; "
            "fighters left unpaid desert)\n",
            DIM,
        )
    text.append("Legitimacy ", BOLD)
    text.append(f"{fs.legitimacy}\n")
    if fs.cohesion is not None:
        text.append("Cohesion ", BOLD)
        near = fs.cohesion <= fdef.cohesion_crack + 10
        text.append(f"{fs.cohesion}", palette.warning if near else Style())
        text.append(
            f" (cracks at {fdef.cohesion_crack}; {plural(len(fs.components), 'member')})\n", DIM
        )
    text.append("Escalation caused ", BOLD)
    text.append(f"{fs.escalation}", bad if fs.escalation > 0 else Style())
    text.append(" (if all is lost, most ranks last)\n", DIM)
    if fs.sanctioned:
        text.append(f"Under sanctions for {plural(fs.sanctioned, 'more turn')}\n", bad)
    if fs.ultimatum_on is not None:
        text.append(
            f"Ultimatum on {w.factions[fs.ultimatum_on].short}: "
            f"{plural(fs.ultimatum_turns, 'turn')} left\n",
            DIM,
        )
    text.rstrip()
    return text


def victory_text(state: GameState, faction: str, palette: Palette = PLAIN) -> Text:
    """Score, target and margin, then every term of the faction's victory formula."""
    fdef = state.w.factions[faction]
    good, bad = palette.good, palette.bad
    text = Text()
    total = score(state, faction)
    target = fdef.victory.target
    margin = total - target
    text.append("Victory ", BOLD)
    text.append(f"score {total} of {target}, margin ")
    text.append(f"{signed(margin)}\n", good if margin >= 0 else bad)
    for term in fdef.victory.terms:
        points = term_points(state, faction, term)
        label = term.label or term.type.replace("_", " ")
        text.append(f"  {signed(points):>3} ", good if points > 0 else bad if points < 0 else DIM)
        text.append(f"{label}\n")
    text.rstrip()
    return text


class FactionPanel(Static):
    """Resources, legitimacy, cohesion and victory progress of the faction whose turn it is."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "faction-panel--good",
        "faction-panel--bad",
        "faction-panel--warning",
        "faction-panel--own",
    }

    DEFAULT_CSS = """
    FactionPanel > .faction-panel--good {
        color: $success;
        text-style: bold;
    }
    FactionPanel > .faction-panel--bad {
        color: $error;
        text-style: bold;
    }
    FactionPanel > .faction-panel--warning {
        color: $warning;
        text-style: bold;
    }
    FactionPanel > .faction-panel--own {
        color: $accent;
        text-style: bold;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._shown: tuple[GameState, str | None, Sequence[Order] | None] | None = None

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, _: object) -> None:
        """Draw again in the new theme's colours (Rich text keeps the colours it was made with)."""
        if self._shown is not None:
            self.show(*self._shown)

    def palette(self) -> Palette:
        """The current theme's styles for this panel."""

        def style(name: str) -> Style:
            return self.get_component_rich_style(f"faction-panel--{name}", partial=True)

        return Palette(style("good"), style("bad"), style("warning"), style("own"))

    def show(
        self, state: GameState, faction: str | None, queued: Sequence[Order] | None = None
    ) -> None:
        """Describe ``faction`` (nothing but a note when no human is playing).

        ``queued`` is given while a turn is being played (even when empty): the panel then
        adds every side's standing and the projection of the queued orders. A replay of
        resolved turns passes nothing.
        """
        self._shown = (state, faction, queued)
        palette = self.palette()
        if faction is None:
            text = Text("Bots only: press e to watch a turn.", DIM)
            if queued is not None:
                text.append("\n\n")
                text.append_text(standings_text(state, None, palette))
            self.update(text)
            self._share(None)
            return
        if queued is None:
            self.update(faction_summary(state, faction, (), palette))
            return
        # Most wanted first: what is left to spend, where every side stands, what the
        # queued orders would do; then the detail behind the scores.
        text = resources_text(state, faction, queued, palette)
        text.append("\n\n")
        text.append_text(standings_text(state, faction, palette))
        projection = None
        if not state.finished:
            text.append("\n\n")
            try:
                projection = projector_for(state).project(faction, queued)
            except SidraError as exc:
                text.append(f"No projection: {exc}", DIM)
            else:
                text.append_text(projection_text(state, projection, palette))
        text.append("\n\n")
        text.append_text(victory_text(state, faction, palette))
        text.append("\n")
        text.append_text(scores_text(state, faction, palette))
        self._share(projection)
        self.update(text)

    def _share(self, projection: Projection | None) -> None:
        """Give the escalation projection to the tracks panel beside this one, if any."""
        if self.parent is None:
            return
        for tracks in self.parent.query_children(TracksPanel):
            tracks.show_projection(projection)
