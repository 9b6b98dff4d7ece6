"""Phases 8 and 9: UN talks, intervention pressure and the escalation meter.

Escalation is the shared clock of the game: strikes on cities, sieges, raids and
interventions push it up, talks and quiet turns bring it down. If it reaches its
maximum the war is lost for everyone (the scenario's catastrophe) and every faction
loses.
"""

from __future__ import annotations

from game.engine.causes import drift_changes, escalation_changes
from game.engine.conditions import Names, add_stat, add_track
from game.engine.turn import Turn
from game.engine.victory import CATASTROPHE_RULE, catastrophe


def diplomacy_phase(t: Turn) -> None:
    """Talks erode under fighting; pressure for intervention follows the crisis."""
    t.phase = "diplomacy"
    s = t.state
    w = t.w
    tune = w.tuning
    talks = add_track(s, "un_talks", -tune.talks_decay * (1 if t.quiet else 2))
    start_displaced = w.tracks["displaced"].start
    surge = max(0, s.tracks["displaced"] - start_displaced) // 100_000
    pressure = surge * tune.pressure_per_100k_displaced - tune.pressure_decay
    if s.tracks["oil_output"] < w.tracks["oil_output"].start // 2:
        pressure += 1
    if s.tracks["escalation"] * 10 >= w.tracks["escalation"].max * 7:
        pressure += 1
    moved = add_track(s, "intervention_pressure", pressure)
    expired: list[str] = []
    for f in s.factions:
        if f.sanctioned > 0:
            f.sanctioned -= 1
            if f.sanctioned == 0:
                f.sanctions_by = None
        if f.ultimatum_turns > 0:
            f.ultimatum_turns -= 1
            if f.ultimatum_turns == 0:
                expired.append(f.id)
                f.ultimatum_on = None
        if f.cohesion is not None and tune.cohesion_decay:
            add_stat(s, f.id, "cohesion", -tune.cohesion_decay)
    if not t.keep_log:
        return
    names = Names(t.w.scenario)
    t.entry(
        "diplomacy",
        "; ".join(
            f"{names.track(k)} {names.change(k, d)} to {names.amount(k, s.tracks[k])}"
            for k, d in (("un_talks", talks), ("intervention_pressure", moved))
        )
        + ".",
        source=t.w.cites(tracks=("un_talks", "intervention_pressure")),
        rule="talks erode each turn, twice as fast in a turn with battles, strikes or raids; "
        "pressure grows with the displaced, collapsing oil output and high escalation",
        cause="the drift of talks and pressure",
        changes=drift_changes(t, tune.talks_decay * (1 if t.quiet else 2), surge),
    )
    # Written after the drift's entry: an expiry changes no figure of its own.
    for faction in expired:
        t.entry(
            "diplomacy",
            f"{t.whose(faction)} ultimatum expires.",
            faction=faction,
            source=t.w.cites(kind="ultimatum"),
        )


def escalation_phase(t: Turn) -> None:
    """Apply this turn's escalation, booked to whoever caused it; at the maximum, catastrophe."""
    t.phase = "escalation"
    s = t.state
    w = t.w
    if t.quiet:
        t.escalate(None, -w.tuning.escalation_decay, "a quiet turn")
    if s.tracks["un_talks"] * 2 >= w.tracks["un_talks"].max:
        t.escalate(None, -1, "UN talks past halfway")
    moved = add_track(s, "escalation", sum(p.points for p in t.pushes))
    for push in t.pushes:
        if push.faction is not None:
            f = t.faction(push.faction)
            f.escalation = max(0, f.escalation + push.points)
    top = w.tracks["escalation"].max
    if t.keep_log:
        t.entry(
            "escalation",
            f"Escalation {moved:+} to {s.tracks['escalation']} of {top}"
            + (f": {itemise(t)}." if t.pushes else "."),
            source=w.cites(tracks=("escalation",)),
            rule="escalation rises with strikes on cities, battles in cities, sieges, raids and "
            "interventions, each point owned by the faction whose act caused it; it falls in "
            "quiet turns and when talks are past halfway",
            cause="the escalation meter",
            changes=escalation_changes(t),
        )
    if s.tracks["escalation"] >= top:
        s.outcome = catastrophe(s)
        t.entry(
            "end", s.outcome.reason, source=w.cites(tracks=("escalation",)), rule=CATASTROPHE_RULE
        )


def itemise(t: Turn) -> str:
    """This turn's escalation by owner, e.g. ``Red army +2 (Ultimatum +1, attack on Port +1)``."""
    owners: list[str | None] = [*t.w.faction_ids, None]
    parts = []
    for owner in owners:
        mine = [p for p in t.pushes if p.faction == owner]
        if not mine:
            continue
        total = sum(p.points for p in mine)
        whys: dict[str, int] = {}
        for p in mine:
            whys[p.why] = whys.get(p.why, 0) + p.points
        items = ", ".join(f"{why} {points:+}" for why, points in whys.items())
        if owner is None:  # the turn's own acts (a quiet turn, talks): no one's to own
            parts.append(items)
        else:
            parts.append(f"{t.who(owner)} {total:+} ({items})")
    return "; ".join(parts)
