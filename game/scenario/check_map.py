"""References of the ``[map]`` table: labels and homes must name regions and factions.

The table is presentation only, but a misspelt id there would silently lose a label or
a home, so it is reported at its place with a suggestion like every other reference.
"""

from __future__ import annotations

from collections.abc import Iterator

from game.scenario.check_ids import Found, Ids
from game.scenario.models import Scenario


def map_problems(scn: Scenario, ids: Ids) -> Iterator[Found]:
    """Unknown region and faction ids in ``[map]`` (skipped if the table itself is broken)."""
    spec = scn.map
    if spec is None or not ids.salvage.complete("map"):
        return
    for region in spec.labels:
        yield from ids.check("region", region, ids.regions, ("map", "labels", region))
    for faction, region in spec.home.items():
        yield from ids.check("faction", faction, ids.factions, ("map", "home", faction))
        yield from ids.check("region", region, ids.regions, ("map", "home", faction))
