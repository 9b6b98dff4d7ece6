"""Shared pieces of the worst valid scenario: its ids, its texts, the models' bounds."""

from __future__ import annotations

from typing import Any

from game.scenario import bounds as b
from game.scenario.base import Model
from game.scenario.models import REQUIRED_TRACKS


def top(model: type[Model], field: str) -> Any:
    """The upper bound (``le``) of a model's field."""
    for item in model.model_fields[field].metadata:
        if hasattr(item, "le"):
            return item.le
    raise KeyError(f"{model.__name__}.{field} has no upper bound")


def text_of(label: str, length: int) -> str:
    """A text of exactly ``length`` characters starting with ``label``."""
    filler = " lorem ipsum dolor sit amet"
    return (label + filler * (length // len(filler) + 1))[:length]


class Ids:
    """The ids of the worst scenario, shared by every section that refers to them."""

    def __init__(self) -> None:
        self.factions = [f"f{i}" for i in range(b.MAX_FACTIONS)]
        staging = b.MAX_FACTIONS
        self.onmap = [f"r{i}" for i in range(b.MAX_REGIONS - staging)]
        self.staging = [f"s{i}" for i in range(staging)]
        self.regions = self.onmap + self.staging
        extra = b.MAX_TRACKS - len(REQUIRED_TRACKS)
        self.tracks = [*REQUIRED_TRACKS, *(f"t{i}" for i in range(extra))]

    def region(self, n: int) -> str:
        return self.onmap[n % len(self.onmap)]

    def faction(self, n: int) -> str:
        return self.factions[n % len(self.factions)]

    def track(self, n: int) -> str:
        return self.tracks[n % len(self.tracks)]

    def occupies(self, faction: str) -> bool:
        """Every fourth faction is a foreign power that never holds ground."""
        return self.factions.index(faction) % 4 != 3
