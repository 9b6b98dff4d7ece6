"""What the title screen offers and reads, as plain functions: the seat choices, the seed
typed or drawn, the banner and the tutorial's file name.

Split from :mod:`game.tui.screens.title` by job: the screen lays out and reacts, these
say what its choices are and check what the player typed (tested without a screen).
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from game.limits import SEED_LIMIT
from game.tui.paths import title_art_path

if TYPE_CHECKING:
    from game.ai.registry import Seat

HUMAN = "human"
TUTORIAL_SCENARIO = "tutorial.toml"
"""The shipped scenario a first-time player is offered."""
TAGLINE = "A turn-based strategy game of conflicts, built from their sources."


def seat_options() -> list[tuple[str, str]]:
    """(label, value) pairs of a seat selector: Human, then every bot difficulty, weakest
    first (``easy`` to ``expert``: the registry's levels, so a new level shows here)."""
    from game.ai.registry import DIFFICULTIES

    return [("Human", HUMAN)] + [(f"Bot {name}", name) for name in DIFFICULTIES]


def default_seat(index: int) -> str:
    """The first side is played by the player, the others by normal bots."""
    return HUMAN if index == 0 else "normal"


def seat_from(faction: str, value: str) -> Seat:
    """The session seat for a selector value."""
    from game.ai.registry import parse_seat

    return parse_seat(faction, value)


def parse_seed(text: str) -> int:
    """The seed typed by the player; ValueError with a readable reason if unusable."""
    text = text.strip()
    if not text:
        raise ValueError("Type a seed (a whole number), or keep the one shown.")
    try:
        seed = int(text)
    except ValueError:
        raise ValueError(f"The seed must be a whole number, not '{text}'.") from None
    if not 0 <= seed < SEED_LIMIT:
        raise ValueError(f"The seed must be between 0 and {SEED_LIMIT - 1:,}.")
    return seed


def new_seed() -> int:
    """A fresh random seed, short enough to read out to a class."""
    return secrets.randbelow(1_000_000)


def title_art() -> str:
    """The ASCII banner, or the plain name if the asset is missing."""
    try:
        return title_art_path().read_text(encoding="utf-8").rstrip("\n")
    except OSError:
        return "SIDRA"
