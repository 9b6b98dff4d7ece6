"""Itemised causes for the log entries that cover several at once.

Most entries cause what they report and the ledger (``game.engine.ledger``) books the
difference to them. A few sum many causes into one change: the oil count (every oil
region's output, revenue, sanctions), the drift of displacement and access, the erosion
of talks and the pressure for intervention, and the escalation meter. These functions
list those causes; they are called only when the log is kept.
"""

from __future__ import annotations

from game.engine.ledger import field_outputs, merged
from game.engine.log import Change
from game.engine.turn import Turn
from game.scenario.models import NEUTRAL

BACK_AT_WORK = "terminals fought over or besieged at last turn's count, working again"
HIT_AFTER_COUNT = "terminals hit or lost after last turn's count"
"""Why oil output moved that no region's change this turn explains: last turn's count
was taken before that turn's later phases (fighting over, sieges, events) changed the
terminals, and each region's change this turn is measured from where it stood at the
start of the turn."""


def oil_changes(t: Turn, income: dict[str, int], counted: int) -> list[Change]:
    """Oil output by region against the turn's start, revenue paid and sanctions felt.

    ``counted`` is the output of last turn's count; what the regions exported at the
    start of this turn differs from it when last turn's later phases changed them.
    """
    out: list[Change] = []
    since = sum(t.oil_start.values()) - counted
    if since:
        out.append(
            Change("track", "oil_output", since, why=BACK_AT_WORK if since > 0 else HIT_AFTER_COUNT)
        )
    now = field_outputs(t.state, t.fought)
    for rid, after in now.items():
        delta = after - t.oil_start.get(rid, 0)
        if delta:
            out.append(Change("track", "oil_output", delta, why=_field_why(t, rid)))
    for f in t.state.factions:
        pay = income.get(f.id, 0)
        if f.sanctioned > 0:
            pay //= 2
            out.append(Change("legitimacy", f.id, -1, why="sanctions", by=f.sanctions_by))
        if pay:
            halved = ", halved by sanctions" if f.sanctioned > 0 else ""
            out.append(Change("treasury", f.id, pay, why=f"oil export revenue{halved}", by=f.id))
    return out


def _field_why(t: Turn, rid: str) -> str:
    """Why one oil region exports what it does now, in a few words."""
    name = t.where(rid)
    region = t.region(rid)
    tanks = t.w.regions[rid].facilities.oil_tanks
    if region.controller == NEUTRAL:
        return f"{name} unheld"
    if rid in t.fought:
        return f"{name} fought over"
    if region.siege_by is not None:
        return f"{name} besieged"
    state = [f"damage {region.damage}%"] if region.damage else []
    if region.tanks_ablaze:
        state.append(f"{region.tanks_ablaze} of {tanks} tanks ablaze")
    return f"{name} " + (", ".join(state) if state else "working at full health")


def humanitarian_changes(fleeing: int, returning: int, drift: int) -> list[Change]:
    """The displaced who flee and return this turn, and the drift of access."""
    out = [
        Change("track", "displaced", fleeing, why="people flee the widening war"),
        Change("track", "displaced", -returning, why="people return home with aid access"),
    ]
    if drift:
        out.append(Change("track", "humanitarian_access", drift, why="a quiet turn"))
    return out


def escalation_changes(t: Turn) -> list[Change]:
    """This turn's escalation, act by act, each booked to the faction whose act it was."""
    return merged(
        Change("track", "escalation", p.points, why=p.why, by=p.faction) for p in t.pushes
    )


def drift_changes(t: Turn, decay: int, surge: int) -> list[Change]:
    """The erosion of talks, each push of intervention pressure and coalition strain."""
    s, w = t.state, t.w
    tune = w.tuning
    fighting = "" if t.quiet else ", twice as fast after fighting"
    out = [Change("track", "un_talks", -decay, why=f"talks erode{fighting}")]
    pressure = "intervention_pressure"
    if surge:
        added = surge * tune.pressure_per_100k_displaced
        why = f"{surge * 100_000:,} more people displaced than at the start"
        out.append(Change("track", pressure, added, why=why))
    out.append(Change("track", pressure, -tune.pressure_decay, why="pressure eases by itself"))
    if s.tracks["oil_output"] < w.tracks["oil_output"].start // 2:
        out.append(Change("track", pressure, 1, why="oil output below half its start"))
    if s.tracks["escalation"] * 10 >= w.tracks["escalation"].max * 7:
        out.append(Change("track", pressure, 1, why="escalation at 70% of its maximum or more"))
    if tune.cohesion_decay:
        for f in s.factions:
            if f.cohesion is not None:
                why = "the strain of holding a coalition together"
                out.append(Change("cohesion", f.id, -tune.cohesion_decay, why=why, by=f.id))
    return out
