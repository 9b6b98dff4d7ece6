"""The save document, format 2: a game's history tree as readable, diffable JSON.

Every model forbids unknown fields, takes JSON types exactly as Sidra writes them (no
``"3"`` or ``3.0`` or ``true`` for a number) and bounds its numbers and texts: a save is
outside data (it may be hand-edited, truncated or crafted). Snapshots are kept as the
plain JSON they were hashed from; their own model is :mod:`game.record.snapshot_model`.
The document embeds the exact scenario text with its sha256, the seed and, per line of
play, the seats and every turn: the orders in canonical order with the bots' reasons and
the players' notes, the log with every roll, the events that fired, the state hash and a
snapshot.
"""

from __future__ import annotations

from typing import Annotated, Any, Final, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    model_serializer,
    model_validator,
)

from game.limits import SEED_LIMIT
from game.scenario.bounds import MAX_FILE_BYTES

SAVE_FORMAT: Final = 2
"""The save format this Sidra writes. Format 1 (a flat list of turns) is migrated."""

TEXT = Field(default="", max_length=4000)
LOG_TEXT = 64_000
"""A log line's longest text: the engine's own lines for the largest valid scenario
(eight factions, long order names) run to about 9,000 characters."""
TURNS = 10_000
"""More turns than any scenario allows: a bound on lists read from a save."""

ID = 256
"""The longest id (of a faction, region, order...) a save may hold."""

SCENARIO_CHARS = MAX_FILE_BYTES
"""The longest scenario text a save embeds: no more characters than a scenario file may
hold bytes (the embedded text is checked as a scenario file is)."""

Note = Annotated[str, Field(max_length=4000)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class EmbeddedScenario(_Model):
    """The scenario exactly as the game was played on it."""

    file: str = Field(max_length=4096)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    text: str = Field(max_length=SCENARIO_CHARS)


class SeatRecord(_Model):
    """Who played a faction on a line: ``human``, a difficulty or a bot kind."""

    faction: str = Field(max_length=ID)
    player: str = Field(max_length=32)


class RollRecord(_Model):
    """One die roll as logged."""

    purpose: str = Field(max_length=400)
    sides: int = Field(ge=2, le=1000)
    value: int = Field(ge=1, le=1000)
    decided: str = Field(max_length=400)

    @model_validator(mode="after")
    def _on_the_die(self) -> RollRecord:
        if self.value > self.sides:
            raise ValueError(f"a roll of {self.value} on a {self.sides}-sided die")
        return self


class ChangeRecord(_Model):
    """One change of a tracked figure, booked to the log entry that caused it."""

    figure: Literal["track", "legitimacy", "treasury", "cohesion", "control", "damage", "fires"]
    subject: str = Field(max_length=ID)
    delta: int = Field(default=0, ge=-(10**12), le=10**12)
    before: str = Field(default="", max_length=ID)
    after: str = Field(default="", max_length=ID)
    why: str = Field(default="", max_length=400)
    by: str | None = Field(default=None, max_length=ID)

    @model_serializer(mode="wrap")
    def _without_defaults(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """Leave out the fields at their defaults: a long game books thousands of changes,
        and empty ``before``/``after`` on each would make its save half as large again."""
        out: dict[str, Any] = handler(self)
        defaults = {"delta": 0, "before": "", "after": "", "why": "", "by": None}
        return {k: v for k, v in out.items() if k not in defaults or v != defaults[k]}


class LogRecord(_Model):
    """One log entry as saved."""

    turn: int = Field(ge=0, le=TURNS)
    phase: str = Field(max_length=64)
    kind: str = Field(max_length=64)
    text: str = Field(max_length=LOG_TEXT)
    faction: str | None = Field(default=None, max_length=ID)
    region: str | None = Field(default=None, max_length=ID)
    source: str | None = Field(default=None, max_length=ID)
    rule: str = Field(default="", max_length=LOG_TEXT)
    rolls: list[RollRecord] = Field(default_factory=list, max_length=1000)
    changes: list[ChangeRecord] = Field(default_factory=list, max_length=2000)


class OrderRecord(_Model):
    """An order as given, with a bot's reason or a player's note on why."""

    faction: str = Field(max_length=ID)
    order: str = Field(max_length=ID)
    target: str | None = Field(default=None, max_length=ID)
    origin: str | None = Field(default=None, max_length=ID)
    reason: str = TEXT
    intent: str = TEXT


class TurnRecord(_Model):
    """One resolved turn of a line."""

    turn: int = Field(ge=1, le=TURNS)
    date: str = Field(max_length=32)
    orders: list[OrderRecord] = Field(max_length=1000)
    intents: dict[str, Note] = Field(default_factory=dict, max_length=1000)
    log: list[LogRecord] = Field(max_length=100_000)
    events: list[Annotated[str, Field(max_length=ID)]] = Field(max_length=10_000)
    rolls: int = Field(ge=0, le=1_000_000)
    state_hash: str = Field(pattern=r"^[0-9a-f]{64}$")
    snapshot: dict[str, Any]


class LineRecord(_Model):
    """The main game, or a variation leaving line ``parent`` after turn ``branch``."""

    name: str = Field(min_length=1, max_length=80)
    parent: str | None = Field(default=None, max_length=80)
    branch: int = Field(default=0, ge=0, le=TURNS)
    seats: list[SeatRecord] = Field(max_length=1000)
    turns: list[TurnRecord] = Field(default_factory=list, max_length=TURNS)


class AnnotationRecord(_Model):
    """A teacher's note on a turn of a line, optionally on a region."""

    line: str = Field(max_length=80)
    turn: int = Field(ge=0, le=TURNS)
    text: str = Field(min_length=1, max_length=4000)
    region: str | None = Field(default=None, max_length=ID)
    author: str = Field(default="", max_length=200)


class SaveFile(_Model):
    """The whole save document."""

    format_version: Literal[2]
    engine_version: str = Field(max_length=64)
    rules_version: int = Field(ge=1, le=1000)
    scenario: EmbeddedScenario
    seed: int = Field(ge=0, lt=SEED_LIMIT)
    initial: dict[str, Any]
    initial_hash: str = Field(pattern=r"^[0-9a-f]{64}$")
    lines: list[LineRecord] = Field(min_length=1, max_length=1000)
    annotations: list[AnnotationRecord] = Field(default_factory=list, max_length=10_000)
