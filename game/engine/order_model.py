"""One order as data: the model saves, the UI and the bots all hand to the engine.

Orders cross the project's outside boundary (a save's history lists them), so the model is
strict pydantic. It lives apart from the rules of :mod:`game.engine.orders` because those
are compiled into the fast core and a pydantic model cannot be.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Order(BaseModel):
    """One order: catalogue id, giving faction, target and (for movement) origin."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    faction: str
    order: str
    target: str | None = None
    origin: str | None = None

    def describe(self) -> str:
        """A short plain description, e.g. ``red attack hills→port``."""
        where = self.target or ""
        if self.origin:
            where = f"{self.origin}→{where}"
        return f"{self.faction} {self.order} {where}".strip()

    def sort_key(self) -> tuple[str, str, str, str]:
        """Canonical ordering key used in saves."""
        return (self.faction, self.order, self.origin or "", self.target or "")
