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
    """What stands in a region, from a fixed list of keys, each read by a rule.

    Strikes and raids add damage (the region's ``damage``, in percent) only where there is an
    airport, a port, a factory or oil tanks. Damage lowers only what the region exports
    (``capacity_bpd``), so an oil field with nothing but its capacity cannot be damaged from
    the air; a damaged region can be repaired."""

    airport: bool = False
    """An airport: aircraft may start here and fly here when their base is lost, and strikes
    and raids on the region add damage."""
    aviation_school: bool = False
    """An aviation school: aircraft whose base is lost may fly here, as to an airport. It is
    not an airport for strikes and raids (they add no damage for it) nor for the forces a
    scenario starts with (give their region an airport or the kind 'airbase')."""
    port: bool = False
    """A port: boats may be based here and sail here when their base is lost, and strikes and
    raids on the region add damage."""
    steel_factory: bool = False
    """A steel factory: no rule of its own beyond letting strikes and raids on the region add
    damage, which matters only where the region also exports (capacity_bpd)."""
    chemical_factory: bool = False
    """A chemical factory: no rule of its own beyond letting strikes and raids on the region
    add damage, which matters only where the region also exports (capacity_bpd)."""
    oil_tanks: int = Field(default=0, ge=0, le=bounds.MAX_TANKS)
    """Storage tanks (crude oil at a terminal; any store that can burn). Burning tanks cut
    the region's export in proportion: with 4 of 8 ablaze it exports half. Air raids and naval
    raids set tanks ablaze; each turn a fire may spread to another tank or burn out, and
    every burning tank adds damage (tuning 'fire_damage')."""
    capacity_bpd: int = Field(default=0, ge=0, le=bounds.MAX_CAPACITY_BPD)
    """What the region exports a day at full health, in barrels (or your setting's units: see
    'Oil in another setting'). Every turn its holder is paid for it (tuning
    'revenue_per_10k_bpd'), unless nobody holds it or it is fought over or besieged; the
    oil_output track is the sum."""


class Region(Model):
    """A place on the map (a city, a terminal, an airbase) or off it (a staging area abroad).

    Regions are the squares of the board: ground forces stand in them, links join them and
    a side holds each one (or nobody does)."""

    id: str = Field(pattern=ID_PATTERN, max_length=bounds.MAX_ID)
    """The id other tables use to name this region (lower case, digits and '_')."""
    name: Name
    """The region's name as players read it."""
    kind: RegionKind
    """What sort of place it is, from a fixed list. Only some kinds have a rule of their own;
    what makes a place a city in the rules is its population, whatever its kind.

    `city`: a town or city. A word for players: the rules count a place as a city by its
    population (see 'Rules an author must know').

    `oil_terminal`: a port that ships oil. Rule bots aiming at 'enemy_terminal' pick it, and
    its changing hands is a 'terminal_changed_hands' happening for conditions; what it
    exports is its capacity_bpd.

    `oil_field`: an oil field inland, treated exactly as an oil terminal.

    `airbase`: aircraft may start and be based here without an airport.

    `industrial`: a factory town or an industrial zone. A word for players: no rule reads it.

    `staging`: a base abroad, usually with offmap = true: aircraft and boats may be based here
    without an airport or port."""
    lat: float = Field(ge=-90.0, le=90.0, allow_inf_nan=False)
    """Latitude in degrees, north positive (south of the equator is negative): where the region is
    drawn, and where air, naval and intervention ranges are measured from and to."""
    lon: float = Field(ge=-180.0, le=180.0, allow_inf_nan=False)
    """Longitude in degrees, east positive (west of Greenwich is negative). For a made-up place,
    see 'Coordinates and the map'."""
    population: int = Field(default=0, ge=0, le=bounds.MAX_POPULATION)
    """People living there. Battles, sieges and strikes that harm civilians displace a share of
    them; the population also decides whether the rules count the place as a city (recruiting,
    sieges, street fighting, escalation)."""
    controller: Ref = Field(description="Faction id holding the region at start, or 'neutral'.")
    facilities: Facilities = Field(default_factory=Facilities)
    """What stands in the region (airport, port, oil tanks, export capacity ...), written as an
    inline table: facilities = { port = true, capacity_bpd = 80000 }."""
    damage: int = Field(default=0, ge=0, le=bounds.MAX_LEVEL)
    """Damage to its facilities at the start, in percent: it lowers the region's export in
    proportion (50 halves it)."""
    tanks_ablaze: int = Field(default=0, ge=0, le=bounds.MAX_TANKS)
    """Oil tanks already burning at the start (at most 'oil_tanks')."""
    fortification: int = Field(default=0, ge=0, le=bounds.MAX_LEVEL)
    """Fortification at the start: added to the defender's total in battle. Fortify orders raise
    it up to the tuning's 'fortify_max'; hits from the sea raze it, and it is lost when the
    region changes hands."""
    offmap: bool = False
    """Off the map: a staging area abroad (give it the kind 'staging'). It is drawn in a strip
    above the map, no order but 'deploy' may aim at it, interventions start from it, and a
    side's forces in one it holds are always supplied. Its lat and lon still set distances."""
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
    """How it is travelled. Ground forces never cross a 'sea' link.

    `road`: ground forces move, attack and are supplied along it.

    `coast`: as a road, and both ends are coastal, so boats can raid them: a coast road, a
    ferry, a landing beach.

    `sea`: boats only; both ends are coastal. An off-map staging area supplies its side over
    it, but no ground force crosses it (an island joined only by sea is reached by
    intervening, raising forces there or an event)."""
    source: Source = Field(default="design", pattern=SOURCE_PATTERN, max_length=bounds.MAX_SOURCE)
    """Where this link comes from: [[source]] ids, comma-separated, or "design"."""
