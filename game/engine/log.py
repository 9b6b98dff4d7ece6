"""The turn log: what happened, why, and every die roll that decided it.

Entries are plain data so they can be saved, replayed and shown by the UI, which
answers "why did this happen?" from ``rule`` and ``rolls`` without re-running anything,
and "what did it change?" from ``changes``: every change of a track, of a faction's
legitimacy, treasury or cohesion, and of a region's holder, damage or fires is listed
on the entry that caused it, so a turn's changes add up exactly to its net change.
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
"""Resolution phases, in the fixed order every turn resolves them."""


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


FIGURES = ("track", "legitimacy", "treasury", "cohesion", "control", "damage", "fires")
"""The figures the log accounts for: a track (subject: its id), a faction statistic
(subject: the faction), a region's holder, facility damage in percent, or tanks ablaze
(subject: the region)."""


@dataclass(frozen=True, slots=True)
class Change:
    """One change of a tracked figure and its cause.

    ``delta`` is the amount for numeric figures; a change of holder (``control``) names
    the faction that held the region (``before``) and the one that holds it (``after``).
    ``why`` names the cause in a few words (an order, a battle, upkeep ...) and ``by``
    the faction whose act it was, when it was one faction's.
    """

    figure: str
    subject: str
    delta: int = 0
    before: str = ""
    after: str = ""
    why: str = ""
    by: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form; fields at their defaults are left out to keep saves small."""
        out: dict[str, Any] = {"figure": self.figure, "subject": self.subject}
        if self.delta:
            out["delta"] = self.delta
        if self.before or self.after:
            out["before"], out["after"] = self.before, self.after
        if self.why:
            out["why"] = self.why
        if self.by is not None:
            out["by"] = self.by
        return out

    @staticmethod
    def from_dict(data: dict[str, Any]) -> Change:
        """Inverse of :meth:`to_dict`."""
        return Change(
            figure=data["figure"],
            subject=data["subject"],
            delta=data.get("delta", 0),
            before=data.get("before", ""),
            after=data.get("after", ""),
            why=data.get("why", ""),
            by=data.get("by"),
        )


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
    changes: list[Change] = field(default_factory=list)

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
            "changes": [c.to_dict() for c in self.changes],
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
            changes=[Change.from_dict(c) for c in data.get("changes", [])],
        )
