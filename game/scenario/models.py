"""The scenario document: pydantic models of what authors write in TOML.

Every model forbids unknown keys so a typo is an error with a suggestion, not a
silently ignored setting. Field docstrings become the descriptions in the exported
JSON Schema, which editors show as autocompletion help.
"""

from __future__ import annotations

import datetime as dt

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
from game.scenario.geography import Facilities as Facilities
from game.scenario.geography import Link as Link
from game.scenario.geography import LinkKind as LinkKind
from game.scenario.geography import Region as Region
from game.scenario.geography import RegionKind as RegionKind
from game.scenario.map_model import MapSpec
from game.scenario.rules import BoundedCondition, Effect
from game.scenario.sides import Component as Component
from game.scenario.sides import Faction as Faction
from game.scenario.sides import Force as Force
from game.scenario.sides import ForceKind as ForceKind
from game.scenario.sides import Victory as Victory
from game.scenario.sources import MAX_SOURCES, SourceEntry
from game.scenario.story import Story
from game.scenario.tuning import Tuning

FORMAT_VERSION = 1
"""The scenario format this code reads. Bump it on any incompatible change."""

NEUTRAL = "neutral"
"""Controller id of a region no faction holds."""

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

    id: str = Field(pattern=KEY_PATTERN, max_length=bounds.MAX_ID)
    """The scenario's id (lower case, digits, '_' and '-'): saves and autosave names record it,
    so keep it once games have been saved."""
    title: Name = Field(min_length=1)
    """The scenario's title, shown on the title screen, the briefing and handouts."""
    subtitle: Name = ""
    """A line under the title: the setting in a few words (place, date)."""
    start: dt.date = Field(description="Date on which turn 1 begins.")
    turns: int = Field(ge=1, le=bounds.MAX_TURNS, description="Number of turns in a game.")
    turn_days: int = Field(
        default=7, ge=1, le=bounds.MAX_TURN_DAYS, description="Length of a turn in days."
    )
    assessment_every: int = Field(default=4, ge=1, le=bounds.MAX_TURNS)
    """Every this many turns, and on the last turn, comes an assessment: sides are paid their
    income, coalitions may crack, and a side far enough past its victory target wins early."""
    authors: list[Name] = Field(default_factory=list, max_length=bounds.MAX_ITEMS)
    """Who wrote the scenario, one name per entry."""
    description: Prose = ""
    """A paragraph on what the scenario is about, shown when choosing it."""


class Track(Model):
    """A national measure (oil output, displaced people, escalation...) with a range."""

    id: str = Field(pattern=ID_PATTERN, max_length=bounds.MAX_ID)
    """The id conditions, effects and victory terms use (lower case, digits and '_').

    Six ids are required, because the engine's turn reads and changes them: oil_output,
    displaced, humanitarian_access, un_talks, intervention_pressure and escalation. Name them
    for your setting; what each does is under 'Rules an author must know' in
    scenarios/FORMAT.md."""
    name: Name
    """The track's name as players read it."""
    start: int = Field(ge=-bounds.MAX_TRACK, le=bounds.MAX_TRACK)
    """Its value at the start (between 'min' and 'max')."""
    min: int = Field(default=0, ge=-bounds.MAX_TRACK, le=bounds.MAX_TRACK)
    """The lowest value it can take; changes stop there."""
    max: int = Field(ge=-bounds.MAX_TRACK, le=bounds.MAX_TRACK)
    """The highest value it can take; changes stop there. Escalation at its max ends the game
    with every side losing."""
    unit: Name = ""
    """What it counts, shown after its value ('people', 'bpd', '%')."""
    reference: int | None = Field(
        default=None,
        ge=-bounds.MAX_TRACK,
        le=bounds.MAX_TRACK,
        description="A reference level shown beside the track.",
    )
    reference_label: Name = ""
    """What the reference level means, shown beside it ('before the war')."""
    description: Prose = ""
    """What the track measures and why it matters, for players."""
    source: Source = Field(pattern=SOURCE_PATTERN, max_length=bounds.MAX_SOURCE)
    """Where this track comes from: [[source]] ids, comma-separated, or "design"."""

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
    """The event's id (lower case, digits, '_' and '-')."""
    title: Name
    """A headline for the event, shown in the log and on the history ribbon."""
    turn: int | None = Field(default=None, ge=1, le=bounds.MAX_TURNS)
    """The turn on which it fires (1 is the first turn)."""
    date: dt.date | None = None
    """The date on which it fires: the turn that contains this date (unquoted TOML date,
    2014-12-20)."""
    when: BoundedCondition | None = None
    """A condition: the event fires on a turn when it holds (with a turn or a date as well, only on
    that turn)."""
    once: bool = True
    """Fire only the first time (false: every turn its condition holds)."""
    history: bool = False
    """A historical decision to compare a game with: drawn on the history ribbon, never takes effect
    (so it has no effects)."""
    faction: Ref | None = None
    """The faction the event concerns, if any (its colour on the ribbon)."""
    effects: list[Effect] = Field(default_factory=list, max_length=bounds.MAX_EFFECTS)
    """What the event changes: each effect is a small table whose 'type' says what it changes."""
    text: Prose
    """What happened, in a sentence or two, as the log and the briefing show it."""
    source: Source = Field(pattern=SOURCE_PATTERN, max_length=bounds.MAX_SOURCE)
    """Where this event comes from: [[source]] ids, comma-separated, or "design"."""

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
    """The quotation itself, without quotation marks."""
    by: Name
    """Who said or wrote it."""
    source: Source = Field(pattern=SOURCE_PATTERN, max_length=bounds.MAX_SOURCE)
    """Where it is quoted from: [[source]] ids, comma-separated, or "design"."""
    date: dt.date | None = None
    """When it was said or written, as a TOML date; when the day is unknown, the date of
    the work that reports it (the latest it can be). The briefing shows a quote only if
    it was said by the scenario's start; a later one is shown beside the events that cite
    its source, and handouts give every quote with its date, so players are not told in
    advance what has not happened yet."""

    def known_by(self, day: dt.date) -> bool:
        """Whether the quote had been said on ``day`` (an undated quote always has)."""
        return self.date is None or self.date <= day


class Actor(Model):
    """A person or organisation from the source; non-player actors act through tracks and events."""

    id: str = Field(pattern=ID_PATTERN, max_length=bounds.MAX_ID)
    """The actor's id (lower case, digits and '_')."""
    name: Name
    """The person's or organisation's name."""
    role: Name
    """What they are or do, in a few words."""
    faction: Ref | None = None
    """The faction they belong to or speak for, if any."""
    track: Ref | None = None
    """The track through which they act, if any (an envoy and the talks)."""
    source: Source = Field(pattern=SOURCE_PATTERN, max_length=bounds.MAX_SOURCE)
    """Where this actor comes from: [[source]] ids, comma-separated, or "design"."""


class Citation(Model):
    """A source the scenario is built from."""

    title: Name
    """The source's title, as the briefing lists it."""
    detail: Prose = ""
    """Author, outlet, date or a word on what the scenario takes from it."""
    file: Name = ""
    """A file beside the scenario holding more on it (a name, not a path elsewhere)."""


class SourceSection(Model):
    """One part of the briefing's account of the source itself: who published it and
    when, its stance, the names it gives each side, what it leaves out, which of its
    claims later reporting disputes. Written as data so every scenario weighs its own
    source, and a teacher can read it without the code."""

    heading: Name = Field(min_length=1)
    """The part's title, e.g. "Who published it" or "What it leaves out"."""
    points: list[Prose] = Field(min_length=1, max_length=bounds.MAX_ITEMS)
    """Its paragraphs or bullet points, in your own words; the source's terms only as
    attributed quotations."""


class Briefing(Model):
    """What players read before the first turn."""

    situation: list[Prose] = Field(min_length=1, max_length=bounds.MAX_ITEMS)
    """Paragraphs on the situation at the start, read before the first turn."""
    framing: list[Quote] = Field(
        default_factory=list,
        max_length=bounds.MAX_ITEMS,
        description="The source's own framing, attributed.",
    )
    quotes: list[Quote] = Field(default_factory=list, max_length=bounds.MAX_ITEMS)
    """Quotations players read in the briefing, each with its speaker and source."""
    sources: list[Citation] = Field(default_factory=list, max_length=bounds.MAX_ITEMS)
    """The sources listed at the end of the briefing."""
    about_source: list[SourceSection] = Field(default_factory=list, max_length=bounds.MAX_ITEMS)
    """The source named and weighed: one [[briefing.about_source]] table per part, shown
    in the briefing and on a help page."""


class Scenario(Model):
    """A whole scenario file."""

    format_version: int = Field(
        ge=1, le=FORMAT_VERSION, description="Scenario format version; this build reads 1."
    )
    meta: Meta
    """The scenario's identity and calendar: id, title, start date, number of turns."""
    briefing: Briefing
    """What players read before the first turn: the situation, quotations and sources."""
    tuning: Tuning = Field(default_factory=Tuning)
    """Rule numbers of the turn's phases; each has a default, so give only those you change."""
    track: list[Track] = Field(min_length=1, max_length=bounds.MAX_TRACKS)
    """The national measures (oil output, displaced people, escalation ...): one [[track]] table
    each."""
    faction: list[Faction] = Field(min_length=1, max_length=bounds.MAX_FACTIONS)
    """The playable sides: one [[faction]] table each."""
    region: list[Region] = Field(min_length=1, max_length=bounds.MAX_REGIONS)
    """The places on the map: one [[region]] table each."""
    link: list[Link] = Field(default_factory=list, max_length=bounds.MAX_LINKS)
    """The roads, coasts and sea lanes between regions: one [[link]] table each."""
    force: list[Force] = Field(default_factory=list, max_length=bounds.MAX_FORCES)
    """The forces at the start: one [[force]] table each."""
    order: list[OrderType] = Field(min_length=1, max_length=bounds.MAX_ORDERS)
    """The order catalogue: one [[order]] table for each order players and bots may give."""
    event: list[Event] = Field(default_factory=list, max_length=bounds.MAX_EVENTS)
    """Things that happen on a turn, on a date or when a condition holds, and historical decisions
    to compare a game with."""
    actor: list[Actor] = Field(default_factory=list, max_length=bounds.MAX_ACTORS)
    """People and organisations of the story that no player plays."""
    bot: list[Bot] = Field(default_factory=list, max_length=bounds.MAX_BOTS)
    """Rule bots: one [[bot]] table per faction, with its priority list."""
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
