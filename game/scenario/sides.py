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
    """Standing at home and abroad at the start, 0 to 100; income grows with it."""
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
    """'ground' forces take and hold regions, 'air' forces strike, 'naval' forces raid from the
    sea."""
    region: Ref
    """Id of the region where it starts."""
    strength: int = Field(ge=0, le=bounds.MAX_STRENGTH)
    """Its strength at the start: the dice and totals of every fight use it."""
    component: Ref | None = None
    """For a coalition: the id of the member it belongs to (it leaves with it)."""
    source: Source = Field(pattern=SOURCE_PATTERN, max_length=bounds.MAX_SOURCE)
    """Where this force comes from: [[source]] ids, comma-separated, or "design"."""
