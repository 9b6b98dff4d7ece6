"""The turn log: what happened, why, and every die roll that decided it.

Entries are plain data so they can be saved, replayed and shown by the UI, which
answers "why did this happen?" from ``rule`` and ``rolls`` without re-running anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PHASES = (
    "declarations",
    "air",
    "naval",
    "ground",
    "control",
    "oil",
    "humanitarian",
    "diplomacy",
    "escalation",
    "events",
    "assessment",
)
"""Resolution phases, in order (DESIGN.md section 3)."""


@dataclass(frozen=True, slots=True)
class Roll:
    """One die roll: what it was for, the die, the result and what it decided."""

    purpose: str
    sides: int
    value: int
    decided: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "purpose": self.purpose,
            "sides": self.sides,
            "value": self.value,
            "decided": self.decided,
        }


@dataclass(slots=True)
class LogEntry:
    """One thing that happened during resolution."""

    turn: int
    phase: str
    kind: str
    text: str
    faction: str | None = None
    region: str | None = None
    source: str | None = None
    rule: str = ""
    rolls: list[Roll] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "turn": self.turn,
            "phase": self.phase,
            "kind": self.kind,
            "text": self.text,
            "faction": self.faction,
            "region": self.region,
            "source": self.source,
            "rule": self.rule,
            "rolls": [r.to_dict() for r in self.rolls],
        }

    @staticmethod
    def from_dict(data: dict[str, Any]) -> LogEntry:
        """Inverse of :meth:`to_dict`."""
        return LogEntry(
            turn=data["turn"],
            phase=data["phase"],
            kind=data["kind"],
            text=data["text"],
            faction=data.get("faction"),
            region=data.get("region"),
            source=data.get("source"),
            rule=data.get("rule", ""),
            rolls=[Roll(**r) for r in data.get("rolls", [])],
        )
