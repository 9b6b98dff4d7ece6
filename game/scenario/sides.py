"""The sides: factions (with coalition members and victory formulas) and their forces.

Split from :mod:`game.scenario.models` by job; that module re-exports these names."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from game.scenario import bounds
from game.scenario.base import ID_PATTERN, SOURCE_PATTERN, Model, Source
from game.scenario.bounds import Name, Prose, Ref
from game.scenario.rules import VictoryTerm

ForceKind = Literal["ground", "air", "naval"]


class Component(Model):
    """A member of a coalition faction; may leave if the coalition's cohesion cracks."""

    id: str = Field(pattern=ID_PATTERN, max_length=bounds.MAX_ID)
    """Id of the member, as forces name it in their 'component'."""
    name: Name
    """The member's name as players read it."""
    source: Source = Field(pattern=SOURCE_PATTERN, max_length=bounds.MAX_SOURCE)
    """Where this member comes from: [[source]] ids, comma-separated, or "design"."""


class Victory(Model):
    """A faction's victory formula: score = sum of terms; reaching ``target`` wins."""

    target: int = Field(ge=-bounds.MAX_TARGET, le=bounds.MAX_TARGET)
    """The score that wins: at an assessment a faction whose score exceeds its target by the
    decisive margin wins at once; after the last turn the largest margin (score minus target)
    wins."""
    terms: list[VictoryTerm] = Field(min_length=1, max_length=bounds.MAX_TERMS)
    """What scores: each term is a small table whose 'type' says what it counts (a track, a
    statistic, regions held, strength)."""


class Faction(Model):
    """A playable side with its own resources, orders and victory formula."""

    id: str = Field(pattern=ID_PATTERN, max_length=bounds.MAX_ID)
    """The id other tables use to name this faction (lower case, digits and '_'); it must differ
    from every region id."""
    name: Name
    """The faction's name as players read it."""
    plural: bool = Field(
        default=False,
        description="The name takes a plural verb ('Foreign powers deploy', not 'deploys').",
    )
    short: str = Field(max_length=12)
    """A short name (at most 12 characters) for narrow places such as the map legend."""
    glyph: str = Field(
        min_length=1, max_length=1, description="Map glyph, so colour is never the only cue."
    )
    color: str = Field(pattern=r"^#[0-9a-fA-F]{6}$")
    """The faction's colour on the map, as #rrggbb (the glyph tells factions apart too)."""
    description: Prose = ""
    """Who the faction is, shown in the briefing and the status panel."""
    action_points: int = Field(ge=1, le=bounds.MAX_ACTION_POINTS)
    """Action points each turn: every order costs at least one."""
    treasury: int = Field(ge=0, le=bounds.MAX_MONEY)
    """Money at the start: orders with a price spend it."""
    income: int = Field(
        default=0, ge=0, le=bounds.MAX_MONEY, description="Base income paid at each assessment."
    )
    legitimacy: int = Field(ge=0, le=bounds.MAX_LEVEL)
    """Standing at home and abroad at the start, 0 to 100. Orders, harm to civilians and
    defying an ultimatum change it; each assessment pays one treasury per 25 points of it on
    top of 'income'."""
    cohesion: int | None = Field(default=None, ge=0, le=bounds.MAX_LEVEL)
    """How united a coalition is, 0 to 100; leave it out for a side that is not a coalition. It
    falls every turn (tuning 'cohesion_decay'), for each region taken from the side and while a
    city it holds is besieged; orders with a 'cohesion' change raise or lower it."""
    cohesion_crack: int = Field(default=25, ge=0, le=bounds.MAX_LEVEL)
    """At an assessment with cohesion at or below this, the last member listed in 'components'
    leaves the coalition with its forces (while more than one is left)."""
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
    supply: list[Ref] = Field(default_factory=list, max_length=bounds.MAX_REGIONS)
    """Regions that supply this faction's forces (its capital, its home ports). Forces joined to
    one it holds by road and coast links through regions it holds are supplied; others are cut
    off and lose strength on a roll of 1 or 2 each turn (tuning 'unsupplied_loss'). A side may
    also recruit in its supply regions whatever their population. Off-map regions it holds
    supply it too; a side that never holds ground needs no supply."""
    components: list[Component] = Field(default_factory=list, max_length=bounds.MAX_COMPONENTS)
    """Members of a coalition faction; when cohesion cracks one of them leaves, taking its
    forces."""
    victory: Victory
    """How this faction scores and what score wins."""
    source: Source = Field(pattern=SOURCE_PATTERN, max_length=bounds.MAX_SOURCE)
    """Where this faction comes from: [[source]] ids, comma-separated, or "design"."""


class Force(Model):
    """A named force: ground units fight for regions, air units strike, naval units raid."""

    id: str = Field(pattern=ID_PATTERN, max_length=bounds.MAX_ID)
    """The force's id (lower case, digits and '_')."""
    name: Name
    """The force's name as players read it."""
    faction: Ref
    """Id of the faction it fights for."""
    kind: ForceKind
    """What it is, which decides what it can do.

    `ground`: troops. They move and attack along road and coast links, take and hold regions,
    need supply, and can be raised in play (recruit, mobilise, deploy, arms support, events).

    `air`: aircraft. They start at a region with an airport or of kind 'airbase' or 'staging',
    and fly air strikes and air raids within the order's range_km. Never raised in play.

    `naval`: boats. They are based at a port or a staging area and raid coastal regions within
    the order's range_km. Never raised in play."""
    region: Ref
    """Id of the region where it starts."""
    strength: int = Field(ge=0, le=bounds.MAX_STRENGTH)
    """Its strength at the start. Ground strength is added up in battle (plus a die); an air
    strike rolls one die per point of its aircraft's strength (up to the order's power); a naval
    raid one die per point of its boats' strength (up to the order's power)."""
    component: Ref | None = None
    """For a coalition: the id of the member it belongs to (it leaves with it)."""
    source: Source = Field(pattern=SOURCE_PATTERN, max_length=bounds.MAX_SOURCE)
    """Where this force comes from: [[source]] ids, comma-separated, or "design"."""
