"""The scenario document: pydantic models of what authors write in TOML.

Every model forbids unknown keys so a typo is an error with a suggestion, not a
silently ignored setting. Field docstrings become the descriptions in the exported
JSON Schema, which editors show as autocompletion help.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from game.scenario import bounds
from game.scenario.base import ID_PATTERN as ID_PATTERN
from game.scenario.base import KEY_PATTERN as KEY_PATTERN
from game.scenario.base import SOURCE_PATTERN as SOURCE_PATTERN
from game.scenario.base import Model
from game.scenario.base import Source as Source
from game.scenario.bots import Bot
from game.scenario.bounds import Name, Prose, Ref
from game.scenario.catalogue import HAS_ORIGIN as HAS_ORIGIN
from game.scenario.catalogue import NO_TARGET as NO_TARGET
from game.scenario.catalogue import TARGETS_FACTION as TARGETS_FACTION
from game.scenario.catalogue import OrderKind as OrderKind
from game.scenario.catalogue import OrderType as OrderType
from game.scenario.map_model import MapSpec
from game.scenario.rules import BoundedCondition, Effect, VictoryTerm
from game.scenario.sources import MAX_SOURCES, SourceEntry
from game.scenario.story import Story
from game.scenario.tuning import Tuning

FORMAT_VERSION = 1
"""The scenario format this code reads. Bump it on any incompatible change."""

NEUTRAL = "neutral"
"""Controller id of a region no faction holds."""

RegionKind = Literal["city", "oil_terminal", "oil_field", "airbase", "industrial", "staging"]
LinkKind = Literal["road", "coast", "sea"]
ForceKind = Literal["ground", "air", "naval"]

REQUIRED_TRACKS = (
    "oil_output",
    "displaced",
    "humanitarian_access",
    "un_talks",
    "intervention_pressure",
    "escalation",
)
"""Tracks the engine's phases read and write; every scenario must declare them."""


class Meta(Model):
    """Identity and calendar of the scenario."""

    id: str = Field(
        pattern=KEY_PATTERN, max_length=bounds.MAX_ID, description="Stable scenario id."
    )
    title: Name = Field(min_length=1)
    subtitle: Name = ""
    start: dt.date = Field(description="Date on which turn 1 begins.")
    turns: int = Field(ge=1, le=bounds.MAX_TURNS, description="Number of turns in a game.")
    turn_days: int = Field(
        default=7, ge=1, le=bounds.MAX_TURN_DAYS, description="Length of a turn in days."
    )
    assessment_every: int = Field(
        default=4,
        ge=1,
        le=bounds.MAX_TURNS,
        description="Every Nth turn is an assessment (victory, income, upkeep).",
    )
    authors: list[Name] = Field(default_factory=list, max_length=bounds.MAX_ITEMS)
    description: Prose = ""


class Facilities(Model):
    """What stands in a region; strikes and raids can damage it."""

    airport: bool = False
    aviation_school: bool = False
    port: bool = False
    steel_factory: bool = False
    chemical_factory: bool = False
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
    name: Name
    kind: RegionKind
    lat: float = Field(ge=-90.0, le=90.0, allow_inf_nan=False)
    lon: float = Field(ge=-180.0, le=180.0, allow_inf_nan=False)
    population: int = Field(default=0, ge=0, le=bounds.MAX_POPULATION)
    controller: Ref = Field(description="Faction id holding the region at start, or 'neutral'.")
    facilities: Facilities = Field(default_factory=Facilities)
    damage: int = Field(
        default=0, ge=0, le=bounds.MAX_LEVEL, description="Facility damage at start, percent."
    )
    tanks_ablaze: int = Field(default=0, ge=0, le=bounds.MAX_TANKS)
    fortification: int = Field(default=0, ge=0, le=bounds.MAX_LEVEL)
    offmap: bool = Field(default=False, description="Staging area outside the theatre.")
    source: Source = Field(pattern=SOURCE_PATTERN, max_length=bounds.MAX_SOURCE)
    note: Prose = ""

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
    b: Ref
    kind: LinkKind = "road"
    source: Source = Field(default="design", pattern=SOURCE_PATTERN, max_length=bounds.MAX_SOURCE)


class Component(Model):
    """A member of a coalition faction; may leave if the coalition's cohesion cracks."""

    id: str = Field(pattern=ID_PATTERN, max_length=bounds.MAX_ID)
    name: Name
    source: Source = Field(pattern=SOURCE_PATTERN, max_length=bounds.MAX_SOURCE)


class Victory(Model):
    """A faction's victory formula: score = sum of terms; reaching ``target`` wins."""

    target: int = Field(ge=-bounds.MAX_TARGET, le=bounds.MAX_TARGET)
    terms: list[VictoryTerm] = Field(min_length=1, max_length=bounds.MAX_TERMS)


class Faction(Model):
    """A playable side with its own resources, orders and victory formula."""

    id: str = Field(pattern=ID_PATTERN, max_length=bounds.MAX_ID)
    name: Name
    plural: bool = Field(
        default=False,
        description="The name takes a plural verb ('Foreign powers deploy', not 'deploys').",
    )
    short: str = Field(max_length=12)
    glyph: str = Field(
        min_length=1, max_length=1, description="Map glyph, so colour is never the only cue."
    )
    color: str = Field(pattern=r"^#[0-9a-fA-F]{6}$")
    description: Prose = ""
    action_points: int = Field(ge=1, le=bounds.MAX_ACTION_POINTS)
    treasury: int = Field(ge=0, le=bounds.MAX_MONEY)
    income: int = Field(
        default=0, ge=0, le=bounds.MAX_MONEY, description="Base income paid at each assessment."
    )
    legitimacy: int = Field(ge=0, le=bounds.MAX_LEVEL)
    cohesion: int | None = Field(
        default=None,
        ge=0,
        le=bounds.MAX_LEVEL,
        description="Coalition cohesion; omit if not a coalition.",
    )
    cohesion_crack: int = Field(
        default=25,
        ge=0,
        le=bounds.MAX_LEVEL,
        description="At an assessment with cohesion at or below this, a component leaves.",
    )
    casualty_legitimacy: int = Field(
        default=0,
        ge=0,
        le=bounds.MAX_LEVEL,
        description="Legitimacy lost per point of strength lost (home-front cost).",
    )
    occupies: bool = Field(
        default=True,
        description="Whether this faction's ground forces take and hold regions. If false they "
        "only ever stand beside a region's holder (their client), never take control, and "
        "withdraw to their staging area if the region changes hands.",
    )
    payroll_strength: int = Field(
        default=0,
        ge=0,
        le=bounds.MAX_STRENGTH,
        description="Payroll: each turn, after oil revenue, this faction pays 1 treasury for "
        "every this many points of its ground strength (rounded up); fighters it cannot pay "
        "desert. 0: its forces cost nothing to keep.",
    )
    supply: list[Ref] = Field(
        default_factory=list,
        max_length=bounds.MAX_REGIONS,
        description="Regions that supply this faction's forces.",
    )
    components: list[Component] = Field(default_factory=list, max_length=bounds.MAX_COMPONENTS)
    victory: Victory
    source: Source = Field(pattern=SOURCE_PATTERN, max_length=bounds.MAX_SOURCE)


class Force(Model):
    """A named force: ground units fight for regions, air units strike, naval units raid."""

    id: str = Field(pattern=ID_PATTERN, max_length=bounds.MAX_ID)
    name: Name
    faction: Ref
    kind: ForceKind
    region: Ref
    strength: int = Field(ge=0, le=bounds.MAX_STRENGTH)
    component: Ref | None = None
    source: Source = Field(pattern=SOURCE_PATTERN, max_length=bounds.MAX_SOURCE)


class Track(Model):
    """A national measure (oil output, displaced people, escalation...) with a range."""

    id: str = Field(pattern=ID_PATTERN, max_length=bounds.MAX_ID)
    name: Name
    start: int = Field(ge=-bounds.MAX_TRACK, le=bounds.MAX_TRACK)
    min: int = Field(default=0, ge=-bounds.MAX_TRACK, le=bounds.MAX_TRACK)
    max: int = Field(ge=-bounds.MAX_TRACK, le=bounds.MAX_TRACK)
    unit: Name = ""
    reference: int | None = Field(
        default=None,
        ge=-bounds.MAX_TRACK,
        le=bounds.MAX_TRACK,
        description="A reference level shown beside the track.",
    )
    reference_label: Name = ""
    description: Prose = ""
    source: Source = Field(pattern=SOURCE_PATTERN, max_length=bounds.MAX_SOURCE)

    @model_validator(mode="after")
    def _start_in_range(self) -> Track:
        if not self.min <= self.start <= self.max:
            raise ValueError(f"start {self.start} is outside [{self.min}, {self.max}]")
        return self


class Event(Model):
    """Something that happens on a turn/date or when a condition holds.

    ``history = true`` marks a historical decision by a player faction: it never takes
    effect, it is drawn on the history ribbon so a game can be compared with the record.
    """

    id: str = Field(pattern=KEY_PATTERN, max_length=bounds.MAX_ID)
    title: Name
    turn: int | None = Field(default=None, ge=1, le=bounds.MAX_TURNS)
    date: dt.date | None = None
    when: BoundedCondition | None = None
    once: bool = True
    history: bool = False
    faction: Ref | None = None
    effects: list[Effect] = Field(default_factory=list, max_length=bounds.MAX_EFFECTS)
    text: Prose
    source: Source = Field(pattern=SOURCE_PATTERN, max_length=bounds.MAX_SOURCE)

    @model_validator(mode="after")
    def _has_trigger(self) -> Event:
        if self.history and self.effects:
            raise ValueError("a history entry cannot have effects (it is for comparison only)")
        if not self.history and self.turn is None and self.date is None and self.when is None:
            raise ValueError("an event needs a turn, a date or a 'when' condition")
        return self


class Quote(Model):
    """A short quotation with its speaker and the source it comes from."""

    text: Prose
    by: Name
    source: Source = Field(pattern=SOURCE_PATTERN, max_length=bounds.MAX_SOURCE)


class Actor(Model):
    """A person or organisation from the source; non-player actors act through tracks and events."""

    id: str = Field(pattern=ID_PATTERN, max_length=bounds.MAX_ID)
    name: Name
    role: Name
    faction: Ref | None = None
    track: Ref | None = None
    source: Source = Field(pattern=SOURCE_PATTERN, max_length=bounds.MAX_SOURCE)


class Citation(Model):
    """A source the scenario is built from."""

    title: Name
    detail: Prose = ""
    file: Name = ""


class Briefing(Model):
    """What players read before the first turn."""

    situation: list[Prose] = Field(min_length=1, max_length=bounds.MAX_ITEMS)
    framing: list[Quote] = Field(
        default_factory=list,
        max_length=bounds.MAX_ITEMS,
        description="The source's own framing, attributed.",
    )
    quotes: list[Quote] = Field(default_factory=list, max_length=bounds.MAX_ITEMS)
    sources: list[Citation] = Field(default_factory=list, max_length=bounds.MAX_ITEMS)


class Scenario(Model):
    """A whole scenario file."""

    format_version: int = Field(
        ge=1, le=FORMAT_VERSION, description="Scenario format version; this build reads 1."
    )
    meta: Meta
    briefing: Briefing
    tuning: Tuning = Field(default_factory=Tuning)
    track: list[Track] = Field(min_length=1, max_length=bounds.MAX_TRACKS)
    faction: list[Faction] = Field(min_length=1, max_length=bounds.MAX_FACTIONS)
    region: list[Region] = Field(min_length=1, max_length=bounds.MAX_REGIONS)
    link: list[Link] = Field(default_factory=list, max_length=bounds.MAX_LINKS)
    force: list[Force] = Field(default_factory=list, max_length=bounds.MAX_FORCES)
    order: list[OrderType] = Field(min_length=1, max_length=bounds.MAX_ORDERS)
    event: list[Event] = Field(default_factory=list, max_length=bounds.MAX_EVENTS)
    actor: list[Actor] = Field(default_factory=list, max_length=bounds.MAX_ACTORS)
    bot: list[Bot] = Field(default_factory=list, max_length=bounds.MAX_BOTS)
    map: MapSpec = Field(default_factory=MapSpec, description="How the map is drawn.")
    source: list[SourceEntry] = Field(
        default_factory=list,
        max_length=MAX_SOURCES,
        description='The documents the scenario cites: every `source = "..."` names ids '
        "declared here (or 'design'). A scenario without any is read, its citations unchecked.",
    )
    story: Story = Field(
        default_factory=Story,
        description="The setting's own words for generic screens, and its fact sheet.",
    )

    def faction_by_id(self, faction_id: str) -> Faction:
        """The faction with this id (KeyError if none): a convenience for callers."""
        for f in self.faction:
            if f.id == faction_id:
                return f
        raise KeyError(faction_id)

    def region_by_id(self, region_id: str) -> Region:
        """The region with this id (KeyError if none)."""
        for r in self.region:
            if r.id == region_id:
                return r
        raise KeyError(region_id)
