"""The one registry of bots: every seat a bot can take is named here.

A seat is ``human`` or a bot kind. The ladder's levels (``easy`` … ``expert``) are
parameter sets of one design, the search bot (:mod:`game.ai.search_bot`): the rule
policy at some noise, searching ahead by rollouts when it has a budget. The same words
are used by the command line (``--seat dawn=hard``), the title screen and save files;
``LEVEL@N`` gives a level another rollout budget (``hard@0`` is the rule policy without
noise or search, the ``hard`` of rules 3; ``hard@16`` a quicker, weaker search).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from game.ai.base import Bot
from game.ai.random_bot import RandomBot
from game.ai.scripted import PassiveBot, SpoilerBot
from game.ai.search_bot import Clock, Playout, SearchBot


@dataclass(frozen=True, slots=True)
class Level:
    """One difficulty: the parameters of the one bot design.

    ``noise`` is the percent chance that each of the rule policy's picks is random;
    ``rollouts`` the search budget per decision without a clock (0: no search, the rule
    policy's choice); ``seconds`` the time budget per decision when the caller gives a
    clock (in play); ``width`` the number of candidate plans compared; ``depth`` the
    turns a rollout plays before the victory margins judge it (0: to the end).
    """

    noise: int
    rollouts: int = 0
    seconds: float = 0.0
    width: int = 8
    depth: int = 0


DIFFICULTIES: dict[str, Level] = {
    "easy": Level(noise=45),
    "normal": Level(noise=15),
    "hard": Level(noise=0, rollouts=48, seconds=1.0, width=8),
    "expert": Level(noise=0, rollouts=128, seconds=4.0, width=8),
}
"""Difficulty name -> its parameters, weakest first."""

DEFAULT_DIFFICULTY = "normal"

MAX_ROLLOUTS = 100_000
"""The largest rollout budget a seat word may ask for (``hard@N``)."""

LADDER: tuple[str, ...] = ("random", *DIFFICULTIES)
"""The seat words from weakest to strongest, as ``sidra arena`` measures them."""

BOT_KINDS: dict[str, str] = {
    "rule": "the scenario's priority lists at a difficulty, searching ahead at hard and expert",
    "random": "uniformly random legal orders (the baseline)",
    "passive": "no orders at all (balance testing)",
    "spoiler": "the most escalating orders every turn (balance testing)",
}
"""Bot kind -> what it does."""


@dataclass(frozen=True, slots=True)
class BotSpec:
    """Which bot plays a seat: a kind, for rule bots a difficulty, and optionally a
    rollout budget other than the difficulty's own (the arena's deterministic knob)."""

    kind: str = "rule"
    difficulty: str = DEFAULT_DIFFICULTY
    rollouts: int | None = None

    def __str__(self) -> str:
        if self.kind != "rule":
            return self.kind
        return self.difficulty if self.rollouts is None else f"{self.difficulty}@{self.rollouts}"

    @property
    def level(self) -> Level:
        """The parameters this spec plays with (its own budget if it has one)."""
        if self.kind != "rule" or self.difficulty not in DIFFICULTIES:
            raise ValueError(f"'{self}' is not a difficulty of the rule bot")
        level = DIFFICULTIES[self.difficulty]
        if self.rollouts is None:
            return level
        return replace(level, rollouts=self.rollouts)


def parse_bot(text: str, difficulty: str = DEFAULT_DIFFICULTY) -> BotSpec:
    """A bot spec from its name: a difficulty (``LEVEL@N``: with N rollouts), ``rule``,
    ``rule:LEVEL`` (as older saves and scripts wrote it) or another kind."""
    name = text.strip().lower()
    if name.startswith("rule:"):
        name = name[5:]
    level, at, budget = name.partition("@")
    if level in DIFFICULTIES:
        if not at:
            return BotSpec("rule", level)
        if budget.isascii() and budget.isdigit() and int(budget) <= MAX_ROLLOUTS:
            return BotSpec("rule", level, int(budget))
        raise ValueError(
            f"unknown bot '{text}' ({level}@N takes a rollout budget N from 0 to {MAX_ROLLOUTS:,})"
        )
    if name in BOT_KINDS:
        return BotSpec(name, difficulty if name == "rule" else "")
    choices = ", ".join([*DIFFICULTIES, *BOT_KINDS])
    raise ValueError(f"unknown bot '{text}' (one of {choices})")


def make_bot(
    faction: str, spec: BotSpec, *, playout: Playout | None = None, clock: Clock | None = None
) -> Bot:
    """A bot of ``spec`` for ``faction``.

    A level that searches needs ``playout`` (the match loop's
    ``game.record.match.play_forward``; :meth:`Match.bot` passes it). ``clock`` turns the
    level's time budget on (in play); without it the rollout budget alone decides, so a
    game is the same for the same seed.
    """
    if spec.kind == "rule":
        if spec.difficulty not in DIFFICULTIES:
            choices = ", ".join(DIFFICULTIES)
            raise ValueError(f"unknown difficulty '{spec.difficulty}' (one of {choices})")
        level = spec.level
        return SearchBot(
            faction,
            noise=level.noise,
            rollouts=level.rollouts,
            width=level.width,
            depth=level.depth,
            seconds=level.seconds if clock is not None else 0.0,
            clock=clock,
            playout=playout,
        )
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
    """A seat from its word (``human``, ``easy`` … ``expert``, ``hard@64``, ``random`` …).

    ValueError names the choices when the word is unknown.
    """
    if word.strip().lower() == HUMAN:
        return Seat(faction)
    try:
        return Seat(faction, parse_bot(word, difficulty))
    except ValueError as exc:
        if "@" in word:
            raise
        choices = ", ".join(SEAT_WORDS)
        raise ValueError(f"unknown player '{word}' (one of {choices})") from exc


SEAT_WORDS: tuple[str, ...] = (HUMAN, *DIFFICULTIES, *(k for k in BOT_KINDS if k != "rule"))
"""Every seat word, in the order menus offer them."""
