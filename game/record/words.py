"""Names and phrases for people: places, sides, orders, seats and dates.

One home for the words the game screen, the turn summary, the replay viewer and the
handout all use, so an order reads the same everywhere ("Attack: Misrata → Sirte").
Ids the scenario does not know are shown as written; callers that print outside data
show the result as text (the UI) or escape it (the handout).
"""

from __future__ import annotations

from collections.abc import Sequence

from game.ai.registry import Seat
from game.engine.grammar import plural as plural
from game.engine.grammar import verb_for as verb_for
from game.engine.names import order_text as order_text
from game.engine.names import place_name as place_name
from game.engine.names import region_name as region_name
from game.engine.names import side_name as side_name
from game.engine.names import targets_faction as targets_faction
from game.engine.world import World
from game.scenario.dates import long_date as long_date
from game.scenario.dates import short_date as short_date


def roll_text(world: World, purpose: str) -> str:
    """A die's purpose in words: ``tobruk air die 2`` -> ``Tobruk government air die 2``.

    A roll's purpose is part of its dice address (changing it would change the dice), so
    it keeps the ids; this shows each faction or force id in it by its name instead.
    """
    forces = {f.id: f.name.split(" (")[0] for f in world.scenario.force}

    def named(word: str) -> str:
        if word in world.factions:
            return world.factions[word].name
        return forces.get(word, word)

    return " ".join(named(word) for word in purpose.split(" "))


def join_names(names: Sequence[str]) -> str:
    """``["A", "B", "C"]`` -> ``"A, B and C"``."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def seat_label(seat: Seat | None) -> str:
    """Who plays a faction: ``a human player`` or ``a bot (normal)``."""
    if seat is None:
        return "nobody"
    if seat.human:
        return "a human player"
    return f"a bot ({seat.word})"
