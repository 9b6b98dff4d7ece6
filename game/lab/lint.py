"""``sidra lint``: balance feedback for a scenario's author, from many bot games.

A scenario that validates can still play badly: one side wins nearly every game, an
order no side ever finds worth giving, an event whose condition never comes true, a
victory term that never scores. Lint plays a batch of bot games through the same match
loop and pool as ``sidra simulate`` (:func:`game.lab.simulate.play_batch`, counted by
one :class:`~game.lab.simulate.Tally`) and turns the figures into *findings*: each one
names what was seen and what to consider changing in the scenario.

Findings are warnings, never errors: bots are not people, and a rarely used order may
be a fine order the bots do not see the point of. Every threshold compares whole
numbers (``count * 100`` against ``percent * games``), so the same batch always gives
the same findings, and the batch itself is the same whatever ``--jobs`` is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import assert_never

from game.ai.registry import BotSpec
from game.engine.standing import term_label
from game.engine.world import World
from game.lab.event_count import repeatable_events
from game.lab.simulate import Tally, play_batch
from game.lab.stats import Spread, spread_of_counts
from game.record.words import join_names, plural
from game.scenario.rules import ControlTerm, StatTerm, StrengthTerm, TrackTerm, VictoryTerm

WIN_HIGH = 60
"""A faction winning more than this percentage of games is a finding."""

WIN_LOW = 10
"""A faction winning less than this percentage of games is a finding."""

RARE = 5
"""An order given, an event fired or a term scoring in fewer than this percentage of
games (but not none) is "rare", a finding."""

FEW_GAMES = 100
"""Below this many games the report says its shares are rough."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing worth a look: ``kind`` (see :data:`KINDS`), what it is about, and a
    sentence saying what was seen and what to consider changing."""

    kind: str
    subject: str
    message: str

    def to_dict(self) -> dict[str, str]:
        """JSON-ready form."""
        return {"kind": self.kind, "subject": self.subject, "message": self.message}


KINDS = {
    "wins_too_often": "a faction wins more than WIN_HIGH% of games",
    "wins_too_rarely": "a faction wins less than WIN_LOW% of games",
    "order_never_given": "a faction never gave one of its orders",
    "order_rarely_given": "a faction gave one of its orders in under RARE% of games",
    "event_never_fired": "an event never fired",
    "event_rarely_fired": "an event fired in under RARE% of games",
    "term_never_scored": "a victory term gave no points at the end of any game",
    "term_rarely_scored": "a victory term gave points at the end of under RARE% of games",
}
"""Every kind of finding, with what it means (the ``kind`` of a :class:`Finding`)."""


@dataclass(frozen=True, slots=True)
class OrderUse:
    """In how many games one faction gave one order of the catalogue."""

    faction: str
    order: str
    name: str
    games: int


@dataclass(frozen=True, slots=True)
class EventUse:
    """In how many games an event fired, and how many times in all (``once`` events fire
    at most once a game); ``turn`` is the turn its date or turn falls on, if it has one."""

    event: str
    title: str
    once: bool
    turn: int | None
    conditional: bool
    games: int
    times: int


@dataclass(frozen=True, slots=True)
class TermUse:
    """One victory term of one faction: in how many games it gave points (or cost them)
    at the end, and its points at the end summed over every game."""

    faction: str
    index: int
    type: str
    label: str
    what: str
    weight: int
    games: int
    points: int


@dataclass(frozen=True, slots=True)
class LintReport:
    """Everything ``sidra lint`` found in one batch of games."""

    scenario: str
    title: str
    games: int
    seed: int
    seats: tuple[BotSpec, ...]
    wins: dict[str, int]
    below: dict[str, int]
    catastrophe: int
    draw: int
    length: Spread
    lengths: dict[int, int]
    orders: tuple[OrderUse, ...]
    events: tuple[EventUse, ...]
    history_entries: int
    terms: tuple[TermUse, ...]
    findings: tuple[Finding, ...]


def run_lint(
    world: World,
    games: int,
    seed: int,
    seats: Sequence[BotSpec],
    jobs: int,
    progress: Callable[[int, int], object] | None = None,
) -> LintReport:
    """Play ``games`` bot games of the scenario compiled as ``world`` and
    report on them. A scenario with repeatable events is played with its log kept, the
    only way to count how often such an event fires (slower, the same games). Ctrl+C
    (KeyboardInterrupt) stops the batch and its workers at once and is raised."""
    tally = Tally(world)
    log = bool(repeatable_events(world))
    play_batch(world, games, seed, seats, jobs, tally.add, progress, log=log)
    return lint_report(world, tally, seed, seats)


def lint_report(world: World, tally: Tally, seed: int, seats: Sequence[BotSpec]) -> LintReport:
    """The report of a batch counted by ``tally`` (played with ``seed`` and ``seats``)."""
    games = tally.games
    orders = tuple(
        OrderUse(f, o.id, o.name, tally.usage.get(f"{f}:{o.id}", 0))
        for f in world.faction_ids
        for o in world.usable.get(f, ())
    )
    events = tuple(
        EventUse(
            event=e.id,
            title=e.title,
            once=e.once,
            turn=world.event_turns.get(e.id),
            conditional=e.when is not None,
            games=tally.fired.get(e.id, 0),
            times=tally.fires.get(e.id, 0),
        )
        for e in world.events
        if not e.history
    )
    terms: list[TermUse] = []
    for f in world.faction_ids:
        for index, term in enumerate(world.factions[f].victory.terms):
            at = len(terms)
            terms.append(
                TermUse(
                    faction=f,
                    index=index,
                    type=term.type,
                    label=term_label(term.type, term.label),
                    what=term_words(world, term),
                    weight=term.weight,
                    games=tally.scored[at],
                    points=tally.points[at],
                )
            )
    report = LintReport(
        scenario=world.scenario.meta.id,
        title=world.scenario.meta.title,
        games=games,
        seed=seed,
        seats=tuple(seats),
        wins={f: tally.outcomes.get(f, 0) for f in world.faction_ids},
        below={f: tally.below.get(f, 0) for f in world.faction_ids},
        catastrophe=tally.outcomes.get("catastrophe", 0),
        draw=tally.outcomes.get("draw", 0),
        length=spread_of_counts(tally.lengths),
        lengths=dict(sorted(tally.lengths.items())),
        orders=orders,
        events=events,
        history_entries=sum(1 for e in world.events if e.history),
        terms=tuple(terms),
        findings=(),
    )
    found = [
        *_win_findings(world, report),
        *_order_findings(world, report),
        *_event_findings(world, report),
        *_term_findings(world, report),
    ]
    return replace(report, findings=tuple(found))


def share(count: int, games: int) -> str:
    """``count`` of ``games`` as a percentage with one decimal: ``63.2%``."""
    return f"{100 * count / games:.1f}%" if games else "0.0%"


def is_rare(count: int, games: int) -> bool:
    """Whether ``count`` is more than none but under :data:`RARE` percent of ``games``."""
    return count > 0 and count * 100 < RARE * games


def term_words(world: World, term: VictoryTerm) -> str:
    """What a victory term counts, in a few words with the scenario's ids and numbers:
    ``+4 per region held of Es Sider and Ras Lanuf``, ``-1 per 100,000 of Displaced``."""
    weight = f"{term.weight:+}"
    match term:
        case ControlTerm():
            names = [world.regions[r].name if r in world.regions else r for r in term.regions]
            if len(names) == 1:
                return f"{weight} while holding {names[0]}"
            return f"{weight} per region held of {join_names(names)}"
        case TrackTerm():
            track = world.tracks.get(term.track)
            name = track.name if track is not None else term.track
            return f"{weight} per {term.per:,} of {name}"
        case StatTerm():
            factions = world.factions
            owner = f" of {factions[term.faction].name}" if term.faction in factions else ""
            return f"{weight} per {term.per:,} {term.stat.replace('_', ' ')}{owner}"
        case StrengthTerm():
            return f"{weight} per {term.per:,} ground strength"
        case _:
            assert_never(term)


def _win_findings(world: World, r: LintReport) -> list[Finding]:
    out = []
    for f in world.faction_ids:
        wins, name = r.wins[f], world.factions[f].name
        target = world.factions[f].victory.target
        its = "their" if world.factions[f].plural else "its"
        below = f" ({r.below[f]} of them only by coming closest)" if r.below[f] else ""
        if wins * 100 > WIN_HIGH * r.games:
            out.append(
                Finding(
                    "wins_too_often",
                    f,
                    f"{name} won {share(wins, r.games)} of the games{below}, more than "
                    f"{WIN_HIGH}%: consider raising {its} victory target (now {target}), "
                    f"weakening {its} start (forces, treasury, income) or giving {its} "
                    "rivals better orders.",
                )
            )
        elif wins * 100 < WIN_LOW * r.games:
            out.append(
                Finding(
                    "wins_too_rarely",
                    f,
                    f"{name} won {share(wins, r.games)} of the games{below}, less than "
                    f"{WIN_LOW}%: consider lowering {its} victory target (now {target}), "
                    f"giving {'them' if its == 'their' else 'it'} terms within reach or a "
                    f"stronger start, or making {its} orders cheaper.",
                )
            )
    return out


def _order_findings(world: World, r: LintReport) -> list[Finding]:
    out = []
    for use in r.orders:
        who = world.factions[use.faction].name
        subject = f"{use.faction}:{use.order}"
        if use.games == 0:
            out.append(
                Finding(
                    "order_never_given",
                    subject,
                    f"The bots playing {who} never gave '{use.name}' ({use.order}) in "
                    f"{plural(r.games, 'game')}: consider making it cheaper (cost, price) "
                    "or stronger, or taking it off that faction's list if it has no use "
                    "there.",
                )
            )
        elif is_rare(use.games, r.games):
            out.append(
                Finding(
                    "order_rarely_given",
                    subject,
                    f"The bots playing {who} gave '{use.name}' ({use.order}) in only "
                    f"{share(use.games, r.games)} of the games: consider whether it costs "
                    "too much for what it does.",
                )
            )
    return out


def _event_findings(world: World, r: LintReport) -> list[Finding]:
    out = []
    longest = r.length.high
    for use in r.events:
        when = _event_when(world, use)
        if use.games == 0:
            if use.turn is not None and not use.conditional and use.turn > longest:
                why = (
                    f"it is due on turn {use.turn} and no game lasted that long; the longest "
                    f"lasted {plural(longest, 'turn')}"
                )
                advice = "an earlier turn or date"
            elif use.conditional:
                why, advice = f"its 'when' condition never held{when}", "loosening the condition"
            else:
                why, advice = f"it never came due{when}", "another turn or date"
            out.append(
                Finding(
                    "event_never_fired",
                    use.event,
                    f"Event '{use.title}' ({use.event}) never fired in "
                    f"{plural(r.games, 'game')} ({why}): consider {advice}, or remove it.",
                )
            )
        elif is_rare(use.games, r.games):
            advice = (
                "a condition that is met more often"
                if use.conditional
                else f"an earlier turn than {use.turn} (most games end before it)"
            )
            out.append(
                Finding(
                    "event_rarely_fired",
                    use.event,
                    f"Event '{use.title}' ({use.event}) fired in only "
                    f"{share(use.games, r.games)} of the games: if it should matter, "
                    f"consider {advice}.",
                )
            )
    return out


def _event_when(world: World, use: EventUse) -> str:
    if use.turn is None:
        return ""
    return f" on turn {use.turn}" if use.turn <= world.turns else f" (due on turn {use.turn})"


def _term_findings(world: World, r: LintReport) -> list[Finding]:
    out = []
    for use in r.terms:
        subject = f"{use.faction}:{use.index + 1}"
        term = f"{possessive(world, use.faction)} victory term '{use.label}' ({use.what})"
        gave = "cost" if use.weight < 0 else "gave"
        if use.games == 0:
            if use.weight < 0:
                advice = "the penalty never bites; consider a smaller 'per', or dropping it"
            elif use.type == "control":
                advice = "consider regions the side can hold, or dropping it"
            else:
                advice = "consider a smaller 'per', or dropping it"
            out.append(
                Finding(
                    "term_never_scored",
                    subject,
                    f"{term} {gave} no points at the end of any of the "
                    f"{plural(r.games, 'game')}: {advice}, so the target rests on terms "
                    "that play.",
                )
            )
        elif is_rare(use.games, r.games):
            out.append(
                Finding(
                    "term_rarely_scored",
                    subject,
                    f"{term} {gave} points at the end of only {share(use.games, r.games)} "
                    "of the games: consider whether it is within reach.",
                )
            )
    return out


def possessive(world: World, faction: str) -> str:
    """A faction's name with its possessive: ``Libya Dawn's``, ``Foreign powers'``."""
    name = world.factions[faction].name
    return f"{name}'" if world.factions[faction].plural and name.endswith("s") else f"{name}'s"
