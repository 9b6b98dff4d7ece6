"""The handout's content, built once from a match and rendered as Markdown or HTML.

Every field is plain text in players' words (names, dates, amounts), never a raw id,
and already cleaned of control characters: the renderers only lay it out and escape
it for their format. Keeping the content apart from the layout means both formats say
exactly the same things, and the golden tests pin one model through two renderings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.record.handout.pack import TeacherPack


@dataclass(frozen=True, slots=True)
class Side:
    """A faction as the briefing presents it, with who played it."""

    name: str
    short: str
    glyph: str
    color: str
    """The scenario's hex colour (validated by the scenario model as ``#rrggbb``)."""
    description: str
    played_by: str
    target: int


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation from the source, with its speaker and the source ids it comes from."""

    text: str
    by: str
    source: str


@dataclass(frozen=True, slots=True)
class Citation:
    """A source the scenario is built from."""

    title: str
    detail: str
    file: str


@dataclass(frozen=True, slots=True)
class SourceRef:
    """One of the scenario's ``[[source]]`` tables: the id citations use, and what it is."""

    id: str
    title: str
    detail: str
    """Author, outlet, date, url or citation text, as one line ("" if none)."""


@dataclass(frozen=True, slots=True)
class TrackInfo:
    """A track's name and how its values are written."""

    key: str
    """The scenario's id: used only to match series to charts, never shown."""
    name: str
    unit: str
    low: int
    high: int
    description: str

    @property
    def heading(self) -> str:
        """The track's name with its unit, for a table column: ``Oil output (bpd)``."""
        if self.unit == "%":
            return f"{self.name} (%)"
        if self.unit.lower() in self.name.lower().split():
            return self.name
        if self.unit:
            return f"{self.name} ({self.unit})"
        return f"{self.name} (of {self.high:,})"

    def amount(self, value: int) -> str:
        """A value for a table cell (the unit is in the heading): ``403,000``, ``37%``."""
        return f"{value}%" if self.unit == "%" else f"{value:,}"

    def words(self, value: int) -> str:
        """A value in a sentence: ``403,000 bpd``, ``37%``, ``13 of 20``.

        A unit the name already says is left out (``Displaced people: 400,000``).
        """
        if self.unit == "%":
            return f"{value}%"
        if self.unit.lower() in self.name.lower().split():
            return f"{value:,}"
        if self.unit:
            return f"{value:,} {self.unit}"
        return f"{value:,} of {self.high:,}"


@dataclass(frozen=True, slots=True)
class Note:
    """Why an order was given: a bot's reason or a player's own note."""

    kind: str
    """``bot`` (the bot's reason) or ``player`` (what the player wrote)."""
    text: str


@dataclass(frozen=True, slots=True)
class OrderLine:
    """One order in words, with its note if it has one."""

    text: str
    note: Note | None = None


@dataclass(frozen=True, slots=True)
class FactionTurn:
    """What one side did in one turn: its orders and the player's note on the turn."""

    side: str
    color: str
    played_by: str
    orders: list[OrderLine]
    intent: str = ""


@dataclass(frozen=True, slots=True)
class Annotation:
    """A teacher's note shown at a turn."""

    text: str
    author: str
    place: str


@dataclass(frozen=True, slots=True)
class Happening:
    """Something that happened in a turn, in a sentence; ``kind`` groups them for layout."""

    kind: str
    """``control``, ``battle``, ``strike``, ``event`` or ``coalition``."""
    text: str
    brief: str
    """The same in a few words, for the history ribbon and the turning points."""


@dataclass(frozen=True, slots=True)
class TrackMove:
    """A track that changed in a turn."""

    name: str
    before: str
    after: str
    change: int


@dataclass(frozen=True, slots=True)
class TurnEntry:
    """One turn of the main line, as the timeline tells it."""

    turn: int
    date: str
    factions: list[FactionTurn]
    happenings: list[Happening]
    moves: list[TrackMove]
    escalation: str
    """Who caused this turn's escalation, as the game logged it ("" if nobody)."""
    notes: list[Annotation]
    assessment: bool


@dataclass(frozen=True, slots=True)
class Series:
    """The values of every track at every position of one line (None before it branched)."""

    line: str
    values: dict[str, list[int | None]]


@dataclass(frozen=True, slots=True)
class Standing:
    """One side's place in the final ranking."""

    place: int
    side: str
    color: str
    played_by: str
    margin: int
    escalation: int


@dataclass(frozen=True, slots=True)
class Outcome:
    """How the main line ended (or where it stands, if it has not ended)."""

    finished: bool
    headline: str
    reason: str
    turn: int
    standings: list[Standing]


@dataclass(frozen=True, slots=True)
class Swing:
    """One of the largest moves of a track, with what happened that turn."""

    track: str
    turn: int
    date: str
    before: str
    after: str
    change: int
    share: float
    """The move as a share of the track's whole range (how large it was, for ranking)."""
    account: str
    """The game's own account of who moved the track that turn ("" if it logged none)."""
    causes: list[str]


@dataclass(frozen=True, slots=True)
class RibbonRow:
    """One turn of the history ribbon: what happened in reality and in this game."""

    turn: int
    """0 for what came before the game."""
    label: str
    real: list[str]
    game: list[str]


@dataclass(frozen=True, slots=True)
class EndRow:
    """A track or a region compared at the end of two lines."""

    name: str
    values: list[str]


@dataclass(frozen=True, slots=True)
class Variation:
    """A variation compared with the line it left."""

    name: str
    parent: str
    branch: int
    diverged: int
    """The first turn whose result differs from the parent's."""
    changed: list[str]
    """At the first divergent turn: the orders given differently, side by side."""
    columns: list[str]
    tracks: list[EndRow]
    control: list[EndRow]
    outcomes: list[str]
    """The outcome of the parent and of the variation, in the order of ``columns``."""


@dataclass(frozen=True, slots=True)
class Handout:
    """Everything a printed handout of one saved game says."""

    title: str
    subtitle: str
    summary: str
    calendar: str
    game_line: str
    """Seed, rules and who played: enough to find the game again."""
    situation: list[str]
    sides: list[Side]
    framing: list[Quote]
    quotes: list[Quote]
    sources: list[Citation]
    tracks: list[TrackInfo]
    positions: list[str]
    """Chart and table labels of every position: ``start``, ``1``, ``2`` …"""
    timeline: list[TurnEntry]
    series: list[Series]
    margins: dict[str, list[int]]
    """Each side's score minus target at every position of the main line, by side name."""
    side_colors: dict[str, str]
    outcome: Outcome
    swings: list[Swing]
    ribbon: list[RibbonRow]
    variations: list[Variation]
    questions: list[str] = field(default_factory=list)
    history_label: str = "in the historical record"
    """The scenario's heading for the history ribbon's column of what really happened."""
    framing_note: str = ""
    """The scenario's note above the source's own framing."""
    source_list: list[SourceRef] = field(default_factory=list)
    pack: TeacherPack | None = None
    """The teacher's pack the scenario names (glossary, timeline, questions), if any."""
    """The sources the scenario declares, by id, so a reader can look up any citation."""
