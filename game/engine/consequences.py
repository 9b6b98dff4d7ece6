"""What an attack costs its maker whatever its means (air, sea or ground): losses on the
home front, the war reaching a city, an attack on peacekeepers, defying an ultimatum.

One home for these rules, so a strike, a raid and an assault pay them the same way.
"""

from __future__ import annotations

from game.engine.conditions import add_stat
from game.engine.forces import peacekeepers
from game.engine.turn import Turn


def book_losses(t: Turn, faction: str, amount: int) -> None:
    """Losses count against the faction: home-front legitimacy where the scenario says so."""
    t.faction(faction).losses += amount
    cost = t.w.factions[faction].casualty_legitimacy
    if cost:
        add_stat(t.state, faction, "legitimacy", -cost * amount)


def punish_attack_on_peacekeepers(t: Turn, me: str, region: str) -> str:
    """Attacking where a non-occupying faction's forces stand escalates, owned by ``me``."""
    if not peacekeepers(t.state, region) or t.region(region).controller == me:
        return ""
    if not t.once(f"peacekeepers:{me}:{region}", me, region):
        return ""
    points = t.w.tuning.peacekeeper_escalation
    t.escalate(me, points, f"attack on peacekeepers in {t.where(region)}")
    return f" Peacekeepers stand there: escalation +{points}." if points else ""


def attack_on_city(t: Turn, me: str, target: str) -> None:
    """Attacking a city escalates by 1, owned by the attacker, once per city and turn.

    However many means are used (strikes, raids, an assault), the war reaching a city's
    streets is one escalation; each is still logged with its own consequences.
    """
    if t.once(f"city:{me}:{target}", me, target):
        t.escalate(me, 1, f"attack on {t.where(target)}")


def breaks_ultimatum(t: Turn, attacker: str) -> None:
    """Attacking while under an ultimatum costs legitimacy (once per turn)."""
    for f in t.state.factions:
        if f.ultimatum_on == attacker and f.ultimatum_turns > 0:
            key = f"defied:{f.id}"
            if t.noted(key):
                return
            t.note(key, attacker)
            add_stat(t.state, attacker, "legitimacy", -3)
            if t.keep_log:
                t.entry(
                    "diplomacy",
                    f"{t.does(attacker, 'attacks')} in defiance of {t.who(f.id)}'s ultimatum: "
                    "legitimacy -3.",
                    faction=attacker,
                    source=t.w.cites(kind="ultimatum"),
                    rule="defying an ultimatum costs 3 legitimacy",
                )
