"""What every scenario check shares: the ids a scenario declares and what was salvaged.

A check yields ``(key path, message)`` pairs (:data:`Found`); the loader turns key paths
into ``file:line:col``. :class:`Ids` answers "is this a known id?" with a suggestion.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from game.scenario.errors import did_you_mean
from game.scenario.models import Scenario

KeyPath = tuple[str | int, ...]
Found = tuple[KeyPath, str]


@dataclass(frozen=True)
class Salvage:
    """What is missing from a scenario built from only the valid parts of a file.

    ``broken`` names the top-level sections (``meta``, ``region``...) that are absent or
    lost at least one element to a model error; ``declared`` lists, per section, the ids
    those broken elements declare, so references to them are not reported as unknown
    (the element's own problem already is).
    """

    broken: frozenset[str] = frozenset()
    declared: Mapping[str, Sequence[str]] = field(default_factory=dict)

    def complete(self, *sections: str) -> bool:
        """True when none of ``sections`` lost anything."""
        return not self.broken.intersection(sections)


class Ids:
    """The ids a scenario declares, for reference checks with suggestions."""

    def __init__(self, scn: Scenario, salvage: Salvage) -> None:
        def declared(section: str) -> list[str]:
            return list(salvage.declared.get(section, ()))

        self.salvage = salvage
        self.tracks = [t.id for t in scn.track] + declared("track")
        self.factions = [f.id for f in scn.faction] + declared("faction")
        self.regions = [r.id for r in scn.region] + declared("region")
        self.orders = [o.id for o in scn.order] + declared("order")
        self.valid_factions = [f.id for f in scn.faction]
        self.cohesive = [f.id for f in scn.faction if f.cohesion is not None]

    def check(self, kind: str, value: str, known: list[str], path: KeyPath) -> Iterator[Found]:
        if value not in known:
            yield path, f"unknown {kind} '{value}'{did_you_mean(value, known)}"


def game_end(scn: Scenario) -> dt.date | None:
    """The first day after the last turn, or None if the calendar cannot hold it."""
    try:
        return scn.meta.start + dt.timedelta(days=scn.meta.turn_days * scn.meta.turns)
    except OverflowError:
        return None
