"""How each order kind takes its target: a faction, nothing, or a region (with an origin).

Shared by legality, candidate generation, the bots and the UI, so the shape of an
order kind is written down once.
"""

from __future__ import annotations

TARGETS_FACTION = frozenset({"ultimatum", "sanctions", "diplomatic_pressure"})
"""Kinds aimed at another faction rather than a region."""

NO_TARGET = frozenset({"negotiate"})
"""Kinds that take no target at all."""

HAS_ORIGIN = frozenset({"move", "attack", "naval_raid", "intervene"})
"""Kinds that name the region their forces start from."""
