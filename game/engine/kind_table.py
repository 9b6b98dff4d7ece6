"""The table of order kinds: one :class:`~game.engine.kind_rule.KindRule` per kind, with
its phase, target rule, traits, summary and paragraph of rules.

Split from :mod:`game.engine.kinds` (which re-exports :data:`ORDER_KINDS` and answers the
questions asked of it) so that the table, the longest part, has a module of its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

from game.engine import target_lists as fits
from game.engine import targets as rules
from game.engine.kind_rule import Fits, KindRule, Legality, Phase, Trait
from game.scenario.catalogue import OrderKind


def _rule(
    kind: OrderKind,
    phase: Phase,
    legality: Legality,
    fit: Fits,
    traits: Sequence[Trait],
    summary: str,
    reference: str,
) -> tuple[OrderKind, KindRule]:
    return kind, KindRule(kind, phase, legality, fit, summary, reference, frozenset(traits))


ORDER_KINDS: Mapping[OrderKind, KindRule] = MappingProxyType(
    dict(
        [
            _rule(
                "move",
                "ground",
                rules.move,
                fits.move,
                ("moves_forces", "ground"),
                "Send every ground force in a region to a linked region no enemy stands in.",
                "Names an origin and a target linked to it by road or coast. Every ground "
                "unit that stood in the origin when the turn began goes; forces that arrive "
                "somewhere this turn do not go on with that region's own order. The target "
                "must hold no enemy forces (attack instead). A faction that never takes "
                "ground moves only between regions its client holds and no enemy stands "
                "in. One move or attack per origin a turn; two columns marching at each "
                "other down the same road meet head on and the weaker stays home.",
            ),
            _rule(
                "attack",
                "ground",
                rules.attack,
                fits.attack,
                ("moves_forces", "ground", "assault", "hostile"),
                "Send every ground force in a region against a linked region an enemy holds.",
                "Like a move, but the target must be held by another faction or have "
                "hostile forces in it. The ground phase then fights a battle there: each "
                "side's strength plus a die, the defender adding fortification and, in a "
                "city it is not besieged in, the streets' bonus; the loser loses strength "
                "by the margin, and a region left without defenders changes hands. "
                "Attacking a region breaks the attacker's pledge under an ultimatum, and "
                "attacking where peacekeepers stand is punished. A faction that never "
                "takes ground cannot attack.",
            ),
            _rule(
                "fortify",
                "declarations",
                rules.fortify,
                fits.fortify,
                ("fortifies",),
                "Dig in: more fortification where your forces hold a region.",
                "Aimed at a region the giver holds with its own ground forces in it. Adds "
                "the order's power to the region's fortification, up to the scenario's "
                "maximum (tuning ``fortify_max``); fortification adds to the defender's "
                "battle total and is razed by hits from the sea. Resolved with the "
                "declarations, before any fighting.",
            ),
            _rule(
                "recruit",
                "declarations",
                rules.recruit,
                fits.recruit,
                ("raises", "payroll"),
                "Raise ground strength in a populous region you hold.",
                "Aimed at a region the giver holds that is a city (20,000 people or more) "
                "or one of its supply regions, and that no other faction besieges. Adds "
                "the order's power in ground strength there (a new levy unit if the giver "
                "has none), before any fighting; under a payroll the new strength is paid "
                "every turn from then on.",
            ),
            _rule(
                "repair",
                "oil",
                rules.repair,
                fits.repair,
                (),
                "Put out burning tanks and repair damage at a region you hold.",
                "Aimed at a damaged or burning region the giver holds (a faction that "
                "never takes ground: one any faction holds). In the oil phase, before "
                "output is counted, it puts out up to the order's power in burning tanks "
                "and removes five times its power in percent of damage.",
            ),
            _rule(
                "negotiate",
                "declarations",
                rules.no_target,
                fits.every,
                (),
                "Join the talks: the talks track rises and escalation eases.",
                "Takes no target. Adds the order's power to the talks track (``un_talks``); "
                "when two or more factions negotiate in the same turn the talks gain two "
                "more for each extra party and escalation falls by one. The catalogue's "
                "escalation and legitimacy changes apply as for every order.",
            ),
            _rule(
                "aid",
                "humanitarian",
                rules.aid,
                fits.aid,
                (),
                "Deliver aid where people live: access rises and the displaced go home.",
                "Aimed at a populated region that is the giver's, nobody's or under the "
                "giver's siege (a faction that never takes ground: any populated region). "
                "In the humanitarian phase it adds the order's power to humanitarian "
                "access and helps the tuning's ``aid_returns`` displaced people home per "
                "point of power.",
            ),
            _rule(
                "air_strike",
                "air",
                rules.air,
                fits.air,
                ("strike", "by_air", "hostile"),
                "Aircraft strike enemy forces and facilities within range.",
                "Aimed at a region held by another faction or with hostile forces in it, "
                "within the order's range of the giver's nearest aircraft. Rolls one die "
                "per point of strength of the aircraft at that base, up to the order's power "
                "(strength 2 given power 3 rolls 2 dice), hitting on the die's "
                "top two faces (top three when eased: an ultimatum of the giver on the "
                "holder, or the giver's siege). Each hit "
                "costs the defenders one strength, damages facilities and may catch "
                "aircraft on the ground; air defences may shoot an aircraft down. Strikes "
                "on cities escalate and risk civilian harm.",
            ),
            _rule(
                "ultimatum",
                "declarations",
                rules.other_faction,
                fits.every,
                (),
                "Demand that another faction stop its assault, for a few turns.",
                "Aimed at another faction, for the order's duration in turns, and cannot "
                "be given again while the giver's last ultimatum runs. While it runs the "
                "giver's air strikes on the target's regions are eased, and the target "
                "loses 3 legitimacy (once a turn) when it attacks or raids a region "
                "another faction holds.",
            ),
            _rule(
                "military_zone",
                "declarations",
                rules.military_zone,
                fits.military_zone,
                ("hostile", "besieges"),
                "Besiege an enemy city next to your forces.",
                "Aimed at a city (20,000 people or more) another faction holds, not "
                "besieged yet, next to a region where the giver has forces. For the "
                "order's duration the city's defenders are cut off from supply and its "
                "civilians flee; the giver's strikes there are eased and the city's "
                "streets no longer help its defenders against the besieger. The siege "
                "lifts early when the besieger has no forces left beside it.",
            ),
            _rule(
                "naval_raid",
                "naval",
                rules.naval_raid,
                fits.naval_raid,
                ("strike", "by_sea", "hostile"),
                "Boats raid a coastal target within range of their port.",
                "Names the region the boats start from and a coastal region within the "
                "order's range that is not the giver's own with nobody hostile there. "
                "Rolls one die per point of the boats' strength there, up to the order's "
                "power, hitting on the top three "
                "faces: each hit costs the defenders one strength and one level of "
                "fortification, the top face at a terminal sets a tank ablaze and a 1 "
                "loses a boat. Raids on cities escalate and risk civilian harm.",
            ),
            _rule(
                "air_raid",
                "air",
                rules.air,
                fits.air,
                ("strike", "by_air", "sortie", "hostile"),
                "A single aircraft raids a target within range with all its power.",
                "Aimed like an air strike. One aircraft flies low: it rolls the order's "
                "full power in dice whatever the number of aircraft at its base, hitting "
                "on the top three faces; at a terminal a hit sets a tank ablaze. Like a "
                "strike, on a city it escalates and risks civilian harm.",
            ),
            _rule(
                "mobilise",
                "declarations",
                rules.mobilise,
                fits.mobilise,
                ("raises", "payroll"),
                "Rally a coalition member's home base: strength and cohesion.",
                "Aimed like a recruit, at a region where a member of the giver's coalition "
                "is based. Adds the order's power in ground strength there before any "
                "fighting; the catalogue's cohesion change rallies the coalition.",
            ),
            _rule(
                "deploy",
                "declarations",
                rules.deploy,
                fits.deploy,
                ("raises",),
                "Send more troops to a staging area or a region you hold.",
                "Aimed at an off-map staging area or a region the giver holds (the only "
                "kind that may aim off the map). Adds the order's power in ground "
                "strength there before any fighting.",
            ),
            _rule(
                "sanctions",
                "declarations",
                rules.not_sanctioned,
                fits.not_sanctioned,
                (),
                "Sanction another faction: its oil revenue is halved while they last.",
                "Aimed at another faction not already under sanctions, for the order's "
                "duration in turns. The target loses the catalogue's target legitimacy at "
                "once, and while the sanctions last its oil revenue is halved and it "
                "loses one legitimacy each turn.",
            ),
            _rule(
                "arms_support",
                "declarations",
                rules.arms_support,
                fits.arms_support,
                ("raises", "for_holder"),
                "Arm another faction where it holds ground.",
                "Aimed at a region another faction holds with its own forces in it. Adds "
                "the order's power in ground strength to the region's holder before any "
                "fighting; the catalogue's escalation says what arming proxies costs.",
            ),
            _rule(
                "diplomatic_pressure",
                "declarations",
                rules.other_faction,
                fits.every,
                (),
                "Lean on another faction to talk.",
                "Aimed at another faction. Adds the order's power to the talks track and "
                "costs the target the catalogue's target legitimacy and, if it is a "
                "coalition, target cohesion, both in proportion to the power left after "
                "diminishing returns.",
            ),
            _rule(
                "intervene",
                "ground",
                rules.intervene,
                fits.intervene,
                ("ground", "beside_holder"),
                "Land forces from a staging area beside a region's holder.",
                "Names an off-map staging area where the giver has ground forces and a "
                "region another faction holds within the order's range of the staging "
                "area's coordinates (no link is needed). Every ground unit in the staging "
                "area lands there in the ground phase and stands beside the holder: it "
                "defends the region with it and never takes it, and goes back to a staging "
                "area of its side when the holder loses the region. The engine sets no "
                "threshold: the catalogue's ``requires`` says when it may be given.",
            ),
        ]
    )
)
"""Every order kind's rules, by kind; the keys are exactly :data:`OrderKind`'s values."""
