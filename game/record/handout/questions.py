"""Discussion questions drawn from the game itself.

A class discusses what moved and why: the largest swing of the tracks and what happened
that turn, each point where the class tried another path, each teacher's note, what
the players wrote about their own intentions, where the game left the historical
record, and how it ended. Each becomes a question in plain words, with names and dates
rather than ids, and they are ordered as the game unfolded (the outcome last).
"""

from __future__ import annotations

from dataclasses import dataclass

from game.record.handout.compare import real_events
from game.record.handout.model import Handout, Swing, TrackInfo, TurnEntry, Variation
from game.record.handout.timeline import key_happenings
from game.record.handout.words import clip
from game.record.history import MAIN, History
from game.record.words import join_names

MOST = 8
LEAST = 4
QUOTE = 160
"""Longest quotation of a player's or teacher's words inside a question."""


@dataclass(frozen=True, slots=True)
class _Question:
    turn: int
    text: str


def questions(handout: Handout, history: History) -> list[str]:
    """Four to eight questions, in the order the game unfolded."""
    pools = [
        [_outcome(handout)],
        [_swing(s) for s in _largest(handout.swings)],
        [
            _variation(v, line, handout, history)
            for v, line in zip(handout.variations, _variation_lines(history), strict=True)
        ],
        [_note(e, i) for e in handout.timeline for i in range(len(e.notes))],
        _intents(handout.timeline),
        _history(handout, history),
    ]
    chosen: list[_Question] = []
    depth = 0
    while len(chosen) < MOST and any(depth < len(pool) for pool in pools):
        for pool in pools:
            if depth < len(pool) and len(chosen) < MOST:
                chosen.append(pool[depth])
        depth += 1
    for extra in _openers(handout):
        if len(chosen) >= LEAST:
            break
        chosen.append(extra)
    chosen.sort(key=lambda q: q.turn)
    return [q.text for q in chosen]


def _variation_lines(history: History) -> list[str]:
    """The variations' line names, in the order the handout compares them."""
    return [n for n, line in history.lines.items() if n != MAIN and line.parent is not None]


def in_sentence(name: str) -> str:
    """A track's name inside a sentence: ``Escalation`` -> ``escalation``, ``UN talks`` kept."""
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name


def _largest(swings: list[Swing], top: int = 3) -> list[Swing]:
    """The largest swing of each track, the largest tracks first (one per track)."""
    best: dict[str, Swing] = {}
    for swing in swings:
        if swing.track not in best or swing.share > best[swing.track].share:
            best[swing.track] = swing
    ranked = sorted(best.values(), key=lambda s: (-s.share, s.turn))
    return ranked[:top]


def _swing(swing: Swing) -> _Question:
    name = in_sentence(swing.track)
    verb = "rose" if swing.change > 0 else "fell"
    text = (
        f"In turn {swing.turn} ({swing.date}) {name} {verb} from {swing.before} to {swing.after}."
    )
    if swing.account:
        text += f" The game's account: {clip(swing.account, QUOTE)}"
    elif swing.causes:
        text += f" That turn: {clip(swing.causes[0], QUOTE)}"
    if not text.endswith((".", "…")):
        text += "."
    if swing.change > 0:
        text += f" What drove {name} up so far in one turn, and who gained from it?"
    else:
        text += f" What brought {name} down so far in one turn, and who lost by it?"
    return _Question(swing.turn, text)


def _variation(variation: Variation, line: str, handout: Handout, history: History) -> _Question:
    text = f"After turn {variation.branch} the class tried another path, “{variation.name}”."
    if variation.changed:
        text += f" In turn {variation.diverged}: {clip(variation.changed[0], 2 * QUOTE)}"
    gap = _widest_gap(handout.tracks, history, line, variation)
    if gap:
        text += f" {gap}"
    text += " Which choice made the difference, and would you make it again?"
    return _Question(variation.branch, text)


def _widest_gap(tracks: list[TrackInfo], history: History, line: str, variation: Variation) -> str:
    """The track furthest apart between a variation and its parent when both last stood."""
    parent = history.line(line).parent or MAIN
    at = min(history.line_end(parent), history.line_end(line))
    if at <= variation.branch:
        return ""
    theirs, mine = history.state(parent, at), history.state(line, at)
    best: tuple[float, TrackInfo] | None = None
    for track in tracks:
        a, b = theirs.tracks.get(track.key), mine.tracks.get(track.key)
        if a is None or b is None or a == b:
            continue
        share = abs(a - b) / max(track.high - track.low, 1)
        if best is None or share > best[0]:
            best = (share, track)
    if best is None:
        return f"By turn {at} every track stood where it did in {variation.parent}."
    track = best[1]
    a, b = theirs.tracks[track.key], mine.tracks[track.key]
    return (
        f"By turn {at} {in_sentence(track.name)} stood at {track.words(b)} instead of "
        f"{track.words(a)}."
    )


def _note(entry: TurnEntry, index: int) -> _Question:
    note = entry.notes[index]
    who = note.author or "the teacher"
    about = f" about {note.place}" if note.place else ""
    text = (
        f"On turn {entry.turn} ({entry.date}) {who} noted{about}: “{clip(note.text, QUOTE)}” "
        "What in the game supports that note, and what would you add to it?"
    )
    return _Question(entry.turn, text)


def _intents(entries: list[TurnEntry]) -> list[_Question]:
    """What players wrote about a turn or an order, set against what happened."""
    out = []
    for entry in entries:
        for faction in entry.factions:
            said = faction.intent
            orders = [o.text for o in faction.orders]
            if not said:
                noted = [
                    o for o in faction.orders if o.note is not None and o.note.kind == "player"
                ]
                if not noted or noted[0].note is None:
                    continue
                said, orders = noted[0].note.text, [noted[0].text]
            did = f", then ordered {join_names(orders)}" if orders else ""
            quoted = clip(said, QUOTE).rstrip(".")
            text = (
                f"In turn {entry.turn} the player of {faction.side} wrote “{quoted}”{did}. "
                "Did those orders serve that aim, and how did it turn out?"
            )
            out.append(_Question(entry.turn, text))
    return out


def _history(handout: Handout, history: History) -> list[_Question]:
    """The first turn where the historical record and the game can be set side by side."""
    world = history.initial.w
    real = real_events(world)
    for entry in handout.timeline:
        happened = key_happenings(entry)
        if not real.get(entry.turn) or not happened:
            continue
        when, title, source = real[entry.turn][0]
        date = when or entry.date
        text = (
            f"In reality, {date} brought “{title}” ({source}). In this game, in turn "
            f"{entry.turn}: {clip(happened[0], QUOTE)} Why did the game follow history there, "
            "or leave it?"
        )
        return [_Question(entry.turn, text)]
    return []


def _outcome(handout: Handout) -> _Question:
    out = handout.outcome
    standings = out.standings
    first = standings[0].side if standings else ""
    last = standings[-1].side if standings else ""
    moved = _net_moves(handout)
    if not out.finished and not handout.timeline:
        text = (
            "The game was saved before its first turn. What would you expect each side to "
            "do first, and why?"
        )
    elif not out.finished:
        text = f"{out.headline} {moved}What do you expect would have happened next, and why?"
    elif out.headline.startswith("Catastrophe"):
        text = f"{out.headline} {moved}When could the slide still have been stopped, and by whom?"
    elif standings and len(standings) > 1:
        order = f"{last} finished last" if first in out.headline else f"{first} ranked first"
        if first not in out.headline:
            order += f" and {last} last"
        text = (
            f"{out.headline} {order}. {moved}Was the result worth its cost, and what would "
            f"{last} have had to do differently?"
        )
    else:
        text = f"{out.headline} {moved}Was the result worth its cost?"
    return _Question(10_000, " ".join(text.split()))


def _net_moves(handout: Handout) -> str:
    """The two tracks that moved most over the whole game, as a sentence (or "")."""
    main = next((s for s in handout.series if s.line == MAIN), None)
    if main is None:
        return ""
    moves = []
    for track in handout.tracks:
        values = [v for v in main.values.get(track.key, []) if v is not None]
        if len(values) < 2 or values[0] == values[-1]:
            continue
        share = abs(values[-1] - values[0]) / max(track.high - track.low, 1)
        moves.append((share, track, values[0], values[-1]))
    moves.sort(key=lambda m: -m[0])
    words = [
        f"{in_sentence(t.name)} went from {t.words(a)} to {t.words(b)}" for _, t, a, b in moves[:2]
    ]
    if not words:
        return ""
    text = join_names(words)
    return f"Over the game {text}. "


def _openers(handout: Handout) -> list[_Question]:
    """Questions about the start, for a game too short to offer enough of its own."""
    names = [s.name for s in handout.sides]
    out = [
        _Question(
            0,
            f"Which of {join_names(names)} was best placed at the start, and did the game "
            "bear that out?",
        )
    ]
    if names:
        out.append(
            _Question(
                1,
                f"If you played {names[0]} again, what would you do differently in the "
                "first turn, and why?",
            )
        )
    out.append(
        _Question(
            0,
            "Which side's goals clash most with another's, and could both be met at once?",
        )
    )
    return out
