"""How each order kind takes its target: a faction, nothing, or a region (with an origin).

Shared by legality, candidate generation, the bots and the UI, so the shape of an
order kind is written down once: in the scenario format, whose checks need it too.
"""

from __future__ import annotations

from game.scenario.models import HAS_ORIGIN, NO_TARGET, TARGETS_FACTION

__all__ = ["HAS_ORIGIN", "NO_TARGET", "TARGETS_FACTION"]
