"""The map's places and the ways between them: regions with what stands in them, and links.

Split from :mod:`game.scenario.models` by job; that module re-exports these names."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from game.scenario import bounds
from game.scenario.base import ID_PATTERN, SOURCE_PATTERN, Model, Source
from game.scenario.bounds import Name, Prose, Ref

RegionKind = Literal["city", "oil_terminal", "oil_field", "airbase", "industrial", "staging"]
LinkKind = Literal["road", "coast", "sea"]


class Facilities(Model):
    """What stands in a region; strikes and raids can damage it."""

    airport: bool = False
    """An airport: aircraft can be based here, and strikes and raids on the region damage its
    facilities."""
    aviation_school: bool = False
    """An aviation school: aircraft can be based here, as at an airport."""
    port: bool = False
    """A port: boats can be based here, and strikes and raids on the region damage its
    facilities."""
    steel_factory: bool = False
    """A steel factory: strikes and raids on the region damage its facilities."""
    chemical_factory: bool = False
    """A chemical factory: strikes and raids on the region damage its facilities."""
    oil_tanks: int = Field(
        default=0, ge=0, le=bounds.MAX_TANKS, description="Crude storage tanks at a terminal."
    )
    capacity_bpd: int = Field(
        default=0,
        ge=0,
        le=bounds.MAX_CAPACITY_BPD,
        description="Oil the region can export at full health, barrels/day.",
    )


class Region(Model):
    """A place on the map: city, oil terminal, airbase or off-map staging area."""

    id: str = Field(pattern=ID_PATTERN, max_length=bounds.MAX_ID)
    """The id other tables use to name this region (lower case, digits and '_')."""
    name: Name
    """The region's name as players read it."""
    kind: RegionKind
    """What sort of place it is; orders and bots treat cities, oil sites and airbases differently,
    and 'staging' is an off-map base that forces start from."""
    lat: float = Field(ge=-90.0, le=90.0, allow_inf_nan=False)
    """Latitude in degrees (north positive): where the region sits on the map, and distances for air
    and naval ranges."""
    lon: float = Field(ge=-180.0, le=180.0, allow_inf_nan=False)
    """Longitude in degrees (east positive)."""
    population: int = Field(default=0, ge=0, le=bounds.MAX_POPULATION)
    """People living there: battles, strikes and sieges displace a share of them."""
    controller: Ref = Field(description="Faction id holding the region at start, or 'neutral'.")
    facilities: Facilities = Field(default_factory=Facilities)
    """What stands in the region (airport, port, oil tanks, export capacity...)."""
    damage: int = Field(
        default=0, ge=0, le=bounds.MAX_LEVEL, description="Facility damage at start, percent."
    )
    tanks_ablaze: int = Field(default=0, ge=0, le=bounds.MAX_TANKS)
    """Oil tanks already burning at the start (at most 'oil_tanks')."""
    fortification: int = Field(default=0, ge=0, le=bounds.MAX_LEVEL)
    """Fortification at the start: added to the defender's total in battle."""
    offmap: bool = Field(default=False, description="Staging area outside the theatre.")
    source: Source = Field(pattern=SOURCE_PATTERN, max_length=bounds.MAX_SOURCE)
    """Where this comes from: ids of the scenario's [[source]] tables, comma-separated, or
    "design"."""
    note: Prose = ""
    """A remark for readers of the file and the reference screen (not shown in play)."""

    @model_validator(mode="after")
    def _tanks_fit(self) -> Region:
        if self.tanks_ablaze > self.facilities.oil_tanks:
            raise ValueError(
                f"tanks_ablaze ({self.tanks_ablaze}) exceeds oil_tanks "
                f"({self.facilities.oil_tanks})"
            )
        return self


class Link(Model):
    """A connection along which ground forces move and attack (road, coast) or boats raid (sea)."""

    a: Ref
    """Id of the region at one end."""
    b: Ref
    """Id of the region at the other end (links go both ways)."""
    kind: LinkKind = "road"
    """How it is travelled: 'road' and 'coast' carry ground forces, 'sea' only boats."""
    source: Source = Field(default="design", pattern=SOURCE_PATTERN, max_length=bounds.MAX_SOURCE)
    """Where this link comes from: [[source]] ids, comma-separated, or "design"."""
