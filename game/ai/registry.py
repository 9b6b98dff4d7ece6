"""The one registry of bots: every seat a bot can take is named here.

A seat is ``human`` or a bot kind, and rule bots have a difficulty. The same words are
used by the command line (``--seat dawn=hard``), the title screen and save files.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.ai.base import Bot
from game.ai.random_bot import RandomBot
from game.ai.rule_bot import RuleBot
from game.ai.scripted import PassiveBot, SpoilerBot

DIFFICULTIES: dict[str, int] = {"easy": 45, "normal": 15, "hard": 0}
"""Difficulty name -> percent chance that each of a rule bot's picks is random."""

DEFAULT_DIFFICULTY = "normal"

LADDER: tuple[str, ...] = ("random", "easy", "normal", "hard")
"""The seat words from weakest to strongest, as ``sidra arena`` measures them."""

BOT_KINDS: dict[str, str] = {
    "rule": "the scenario's priority lists, at a difficulty",
    "random": "uniformly random legal orders (the baseline)",
    "passive": "no orders at all (balance testing)",
    "spoiler": "the most escalating orders every turn (balance testing)",
}
"""Bot kind -> what it does."""


@dataclass(frozen=True, slots=True)
class BotSpec:
    """Which bot plays a seat: a kind, and for rule bots a difficulty."""

    kind: str = "rule"
    difficulty: str = DEFAULT_DIFFICULTY

    def __str__(self) -> str:
        return self.difficulty if self.kind == "rule" else self.kind


def parse_bot(text: str, difficulty: str = DEFAULT_DIFFICULTY) -> BotSpec:
    """A bot spec from its name: a difficulty (a rule bot at it), ``rule`` or another kind."""
    name = text.strip().lower()
    if name in DIFFICULTIES:
        return BotSpec("rule", name)
    if name.startswith("rule:") and name[5:] in DIFFICULTIES:
        return BotSpec("rule", name[5:])
    if name in BOT_KINDS:
        return BotSpec(name, difficulty if name == "rule" else "")
    choices = ", ".join([*DIFFICULTIES, *BOT_KINDS])
    raise ValueError(f"unknown bot '{text}' (one of {choices})")


def make_bot(faction: str, spec: BotSpec) -> Bot:
    """A bot of ``spec`` for ``faction``."""
    if spec.kind == "rule":
        if spec.difficulty not in DIFFICULTIES:
            choices = ", ".join(DIFFICULTIES)
            raise ValueError(f"unknown difficulty '{spec.difficulty}' (one of {choices})")
        return RuleBot(faction, noise=DIFFICULTIES[spec.difficulty])
    if spec.kind == "random":
        return RandomBot(faction)
    if spec.kind == "passive":
        return PassiveBot(faction)
    if spec.kind == "spoiler":
        return SpoilerBot(faction)
    raise ValueError(f"unknown bot kind '{spec.kind}'")


HUMAN = "human"
"""The seat word for a person at the keyboard."""


@dataclass(frozen=True, slots=True)
class Seat:
    """Who plays a faction: a person (``bot`` is None) or a bot from this registry."""

    faction: str
    bot: BotSpec | None = None

    @property
    def human(self) -> bool:
        """True when a person gives this faction's orders."""
        return self.bot is None

    @property
    def word(self) -> str:
        """The one word naming the seat everywhere: ``human``, a difficulty or a bot kind."""
        return HUMAN if self.bot is None else str(self.bot)


def parse_seat(faction: str, word: str, difficulty: str = DEFAULT_DIFFICULTY) -> Seat:
    """A seat from its word (``human``, ``easy``/``normal``/``hard``, ``random`` …).

    ValueError names the choices when the word is unknown.
    """
    if word.strip().lower() == HUMAN:
        return Seat(faction)
    try:
        return Seat(faction, parse_bot(word, difficulty))
    except ValueError:
        choices = ", ".join([HUMAN, *DIFFICULTIES, *(k for k in BOT_KINDS if k != "rule")])
        raise ValueError(f"unknown player '{word}' (one of {choices})") from None


SEAT_WORDS: tuple[str, ...] = (HUMAN, *DIFFICULTIES, *(k for k in BOT_KINDS if k != "rule"))
"""Every seat word, in the order menus offer them."""
