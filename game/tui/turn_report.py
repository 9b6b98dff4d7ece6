"""The parts of the turn summary that explain a turn from its log's causes.

"Battles and strikes" (who attacked whom where, both totals and their dice, who won and
why), "Contested or undefended" (where forces of more than one side stand, and the
player's regions with nobody to hold them next to an enemy), what moved each track
(itemised from the log's causes), and the alarm when escalation nears its maximum with
who drove it over the last turns. Pure functions of the record: the summary screen shows
them, and the status panel may show :func:`escalation_alarm` too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.style import Style
from rich.text import Text

from game.engine.forces import sides_present
from game.engine.log import LogEntry
from game.engine.state import GameState
from game.engine.world import World
from game.record.causes import (
    ESCALATION,
    Cause,
    act_words,
    amount,
    causes,
    drivers,
    figure_name,
    level,
)
from game.record.words import join_names, plural, side_name, verb_for

BOLD = Style(bold=True)
DIM = Style(dim=True)
STRIKES = ("battle", "air", "naval")
"""Log kinds of fighting: ground battles, air attacks and raids by sea."""
ALARM_DISTANCE = 4
"""Escalation within this many points of its maximum sounds the alarm."""
ALARM_TURNS = 3
"""How many recent turns the alarm looks back over for who drove escalation."""

Palette = Mapping[str, str]
"""Theme role (``error``, ``warning``, ``success``, ``accent``) -> colour, from the app's
theme (see ``game.tui.theme_colour``)."""


def glyph(world: World, faction: str | None) -> Text:
    """A faction's glyph in its scenario colour and a space (the text names the faction)."""
    if faction is None or faction not in world.factions:
        return Text("· ", DIM)
    fdef = world.factions[faction]
    return Text(f"{fdef.glyph} ", Style(color=fdef.color, bold=True))


def battles_and_strikes(world: World, log: Sequence[LogEntry]) -> Text:
    """Every battle, air attack and raid of the turn: what happened and why it ended so."""
    fights = [e for e in log if e.kind in STRIKES or _is_attack(e) or _held_back(e)]
    if not fights:
        return Text("No battle was fought and nothing was struck.", DIM)
    out = Text()
    for entry in fights:
        out.append_text(glyph(world, entry.faction))
        # Log text and roll words come from the record: text, never markup.
        out.append(entry.text)
        out.append("\n")
        if _held_back(entry):
            why = ""
        elif _is_attack(entry):
            why = _unopposed(world, log, entry)
        else:
            why = _why_it_ended(entry)
        if why:
            out.append(f"    {why}\n", DIM)
    out.rstrip()
    return out


def _is_attack(entry: LogEntry) -> bool:
    """An attack order's advance (the battle, if any, follows it in the log)."""
    return entry.kind == "move" and entry.rule.startswith("attack")


def _held_back(entry: LogEntry) -> bool:
    """An attack or move that did not go: its forces were gone, or columns met head-on."""
    return entry.kind == "stalled" or (entry.kind == "move" and entry.rule.startswith("head-on"))


def _unopposed(world: World, log: Sequence[LogEntry], attack: LogEntry) -> str:
    """What became of an attack that led to no battle: nobody was left to defend the
    place (an earlier raid or strike may have emptied it), so it was simply taken."""
    after = log[log.index(attack) + 1 :]
    region = attack.region
    if region is None or any(e.kind == "battle" and e.region == region for e in after):
        return ""
    place = world.regions[region].name if region in world.regions else region
    taken = any(
        e.kind == "control" and e.region == region and e.faction == attack.faction for e in after
    )
    if taken:
        return f"no defenders were left in {place}: taken without a battle"
    return f"no battle: nobody stood in {place} to fight"


def _why_it_ended(entry: LogEntry) -> str:
    """Both totals of a battle, or the dice of a strike, in one line."""
    if entry.kind == "battle":
        totals = [r.decided for r in entry.rolls if "total" in r.decided]
        return " against ".join(totals)
    if not entry.rolls:
        return ""
    hits = sum(1 for r in entry.rolls if r.decided.startswith("hit"))
    dice = sum(1 for r in entry.rolls if r.decided.startswith(("hit", "miss")))
    if not dice:
        return ""
    need = next((r.decided for r in entry.rolls if "needs" in r.decided), "")
    rule = need[need.find("(") + 1 : need.find(")")] if "(" in need else ""
    faces = ", ".join(str(r.value) for r in entry.rolls[:dice])
    return f"dice {faces}: {plural(hits, 'hit')} of {dice}" + (f" ({rule})" if rule else "")


def contested(state: GameState, humans: Sequence[str]) -> Text:
    """Regions where more than one side has ground forces, and each human player's
    regions with no ground forces of their own next to an enemy's."""
    w = state.w
    out = Text()
    for rid in w.region_ids:
        sides = sides_present(state, rid)
        if len(sides) > 1:
            out.append(f"{w.regions[rid].name}: contested by ", BOLD)
            out.append(join_names([side_name(w, s) for s in sides]))
            out.append("\n")
    for me in humans:
        for rid in w.region_ids:
            if state.region(rid).controller != me or me in sides_present(state, rid):
                continue
            threats = sorted(
                {s for n in w.land[rid] for s in sides_present(state, n) if s != me},
                key=w.faction_ids.index,
            )
            if threats:
                out.append(f"{w.regions[rid].name}: ", BOLD)
                holds = verb_for(w.factions[me].plural, "holds")
                out.append(f"{side_name(w, me)} {holds} it with no ground forces; ")
                out.append(join_names([side_name(w, s) for s in threats]))
                out.append(" next to it\n")
    out.rstrip()
    return out if out.plain else Text("No region is contested or left undefended.", DIM)


def track_causes(world: World, log: Sequence[LogEntry], after: GameState) -> Text:
    """What moved each track this turn, cause by cause, largest first."""
    out = Text()
    for tid in world.tracks:
        found = causes(log, "track", tid)
        if not found:
            continue
        total = sum(c.delta for c in found)
        now = after.tracks.get(tid)
        out.append(f"{figure_name(world, 'track', tid)} {amount(world, 'track', tid, total)}", BOLD)
        if now is not None:
            out.append(f" to {level(world, 'track', tid, now)}", BOLD)
        out.append(": ")
        out.append(" · ".join(_by_owner(world, tid, found)))
        out.append("\n")
    out.rstrip()
    return out


def _by_owner(world: World, track: str, found: Sequence[Cause]) -> list[str]:
    """Causes grouped by the faction whose acts they were, largest first:
    ``Tobruk government +2 (Ultimatum +1, attack on Misrata +1)``, then nobody's own."""
    owners: dict[str | None, list[Cause]] = {}
    for c in found:
        owners.setdefault(c.by if c.by in world.factions else None, []).append(c)
    parts: list[tuple[int, str]] = []
    for owner, mine in owners.items():
        mine = sorted(mine, key=lambda c: -abs(c.delta))
        if owner is None:
            parts += [(c.delta, f"{c.why} {amount(world, 'track', track, c.delta)}") for c in mine]
            continue
        total = sum(c.delta for c in mine)
        items = ", ".join(
            f"{act_words(world, c)} {amount(world, 'track', track, c.delta)}" for c in mine
        )
        parts.append(
            (total, f"{side_name(world, owner)} {amount(world, 'track', track, total)} ({items})")
        )
    parts.sort(key=lambda p: -abs(p[0]))
    return [words for _, words in parts]


def escalation_alarm(
    world: World, state: GameState, recent: Sequence[Sequence[LogEntry]], palette: Palette
) -> Text | None:
    """When escalation is within :data:`ALARM_DISTANCE` of its maximum: how close it is,
    what happens there, and who drove it over the last turns by faction and act."""
    track = world.tracks.get(ESCALATION)
    if track is None:
        return None
    now = state.tracks[ESCALATION]
    if now < track.max - ALARM_DISTANCE or state.finished:
        return None
    alarm = Style(bold=True, color=palette.get("error") or None)
    out = Text(f"{track.name} {now} of {track.max}: ", alarm)
    out.append(
        f"at {track.max} the war spins out of control and every side loses. "
        f"{plural(track.max - now, 'point')} to go.",
        alarm,
    )
    pushes = drivers(recent[-ALARM_TURNS:], ESCALATION)
    if not pushes:
        return out
    out.append(f"\nWhat drove it over the last {plural(len(recent[-ALARM_TURNS:]), 'turn')}:")
    by_faction: dict[str | None, list[str]] = {}
    for c in pushes:
        by_faction.setdefault(c.by, []).append(f"{c.why} {c.delta:+}")
    for faction, acts in by_faction.items():
        total = sum(c.delta for c in pushes if c.by == faction)
        who = side_name(world, faction) if faction in world.factions else "Nobody's doing"
        out.append(f"\n  {who} {total:+}: " + ", ".join(acts))
    return out


def stat_causes(world: World, log: Sequence[LogEntry], factions: Sequence[str]) -> Text:
    """What moved each of ``factions``' treasury, legitimacy and cohesion, cause by cause."""
    out = Text()
    for faction in factions:
        for stat in ("treasury", "legitimacy", "cohesion"):
            found = causes(log, stat, faction)
            if not found:
                continue
            total = sum(c.delta for c in found)
            out.append(f"{figure_name(world, stat, faction)} {total:+}", BOLD)
            out.append(": ")
            ranked = sorted(found, key=lambda c: -abs(c.delta))
            out.append(" · ".join(f"{act_words(world, c)} {c.delta:+}" for c in ranked))
            out.append("\n")
    out.rstrip()
    return out
