"""The title screen's players: one row per faction, each with who plays it.

A row shows the faction's glyph (in its colour) and name beside a selector of
Human or a bot level. The rows are rebuilt whenever another scenario is chosen, and
:meth:`SeatPicker.seats` reads them back as the seats of the next game.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Label, Select, Static

from game.tui.title_choices import default_seat, seat_from, seat_options

if TYPE_CHECKING:
    from game.ai.registry import Seat
    from game.scenario.models import Scenario


class SeatPicker(Vertical):
    """Who plays each faction of the chosen scenario: a person or a bot of some level."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        # Two choices in quick succession (the list arriving as a path is typed) must not
        # interleave their remove and mount, or both sets of rows would stay.
        self._rebuilding = asyncio.Lock()

    async def show(self, scenario: Scenario) -> None:
        """Replace the rows with one per faction of ``scenario``, at their defaults."""
        async with self._rebuilding:
            await self._rebuild(scenario)

    async def _rebuild(self, scenario: Scenario) -> None:
        await self.remove_children()
        rows = []
        for i, faction in enumerate(scenario.faction):
            glyph = Static(Content(faction.glyph), classes="glyph")
            glyph.styles.color = faction.color
            rows.append(
                Horizontal(
                    glyph,
                    Label(Content(faction.name), classes="seat-name"),
                    Select(
                        seat_options(),
                        value=default_seat(i),
                        allow_blank=False,
                        compact=True,
                        id=f"seat-{faction.id}",
                        classes="seat-select",
                    ),
                    classes="seat-row",
                )
            )
        await self.mount_all(rows)

    def seats(self, scenario: Scenario) -> list[Seat]:
        """The seats as chosen in the rows, in ``scenario``'s faction order."""
        seats = []
        for i, faction in enumerate(scenario.faction):
            # While the rows are being (re)mounted a selector may be missing or not yet
            # hold a word: the row's default then, never a silent extra human seat.
            found = self.query(f"#seat-{faction.id}").results(Select)
            value = next((s.value for s in found), None)
            seats.append(
                seat_from(faction.id, value if isinstance(value, str) else default_seat(i))
            )
        return seats
