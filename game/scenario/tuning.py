"""The rule numbers a scenario may tune, each with its default and bounds."""

from __future__ import annotations

from pydantic import Field

from game.scenario import bounds as b
from game.scenario.base import Model


class Tuning(Model):
    """Rule numbers of the turn; every value is a design choice (source = design).

    Each key has a default, so write only those you change. 'permille' means per thousand."""

    die: int = Field(
        default=6, ge=2, le=b.MAX_DIE, description="Sides of the die used for every roll."
    )
    city_defence: int = Field(default=1, ge=0, le=b.MAX_LEVEL)
    """Added to the defender's total in a battle for a city."""
    fortify_max: int = Field(default=3, ge=0, le=b.MAX_LEVEL)
    """The most fortification a region can have."""
    revenue_per_10k_bpd: int = Field(
        default=1,
        ge=0,
        le=b.MAX_PERMILLE,
        description="Treasury per turn per 10,000 bpd exported.",
    )
    battle_displaced_permille: int = Field(default=25, ge=0, le=b.MAX_PERMILLE)
    """People displaced by a battle, per thousand of the region's population."""
    strike_displaced_permille: int = Field(default=12, ge=0, le=b.MAX_PERMILLE)
    """People displaced by a strike on a city, per thousand of its population."""
    siege_displaced_permille: int = Field(default=8, ge=0, le=b.MAX_PERMILLE)
    """People fleeing a besieged region each turn, per thousand of its population."""
    displaced_per_escalation: int = Field(
        default=2500,
        ge=0,
        le=b.MAX_PEOPLE_RATE,
        description="People fleeing each turn per point of escalation.",
    )
    return_permille: int = Field(
        default=20,
        ge=0,
        le=b.MAX_PERMILLE,
        description="Displaced returning per turn at full access.",
    )
    aid_returns: int = Field(
        default=4000,
        ge=0,
        le=b.MAX_PEOPLE_RATE,
        description="Displaced people helped home per point of aid power.",
    )
    battle_access: int = Field(default=-4, ge=-b.MAX_LEVEL, le=b.MAX_LEVEL)
    """Change to humanitarian access for each battle (negative: access falls)."""
    access_drift: int = Field(
        default=1, ge=0, le=b.MAX_LEVEL, description="Access recovers by this each quiet turn."
    )
    escalation_decay: int = Field(default=1, ge=0, le=b.MAX_TRACK)
    """Escalation falls by this on a quiet turn (no battle, strike or raid)."""
    talks_decay: int = Field(default=1, ge=0, le=b.MAX_TRACK)
    """Talks (the un_talks track) fall by this each quiet turn, and by twice this after a turn
    with a battle, strike or raid."""
    pressure_per_100k_displaced: int = Field(default=1, ge=0, le=b.MAX_TRACK)
    """Intervention pressure added each turn per 100,000 people displaced since the start."""
    pressure_decay: int = Field(default=1, ge=0, le=b.MAX_TRACK)
    """Intervention pressure eases by this each turn."""
    fire_damage: int = Field(
        default=2, ge=0, le=b.MAX_LEVEL, description="Damage per burning tank per turn."
    )
    decisive_margin: int = Field(
        default=3,
        ge=0,
        le=b.MAX_DECISIVE_MARGIN,
        description="How far past its victory target a side's score must be at an assessment "
        "to win before the last turn.",
    )
    upkeep_per_strength: int = Field(default=0, ge=0, le=b.MAX_MONEY)
    """Treasury each faction pays at an assessment per point of its forces' strength (0: no
    upkeep)."""
    cohesion_decay: int = Field(default=1, ge=0, le=b.MAX_LEVEL)
    """Cohesion a coalition loses each turn."""
    cohesion_per_region_lost: int = Field(
        default=4,
        ge=0,
        le=b.MAX_LEVEL,
        description="Cohesion a coalition loses for each region taken from it.",
    )
    unsupplied_loss: int = Field(default=1, ge=0, le=b.MAX_STRENGTH_CHANGE)
    """Strength a cut-off force loses on a supply roll of 1 or 2."""
    air_defence: int = Field(
        default=1,
        ge=0,
        le=b.MAX_DIE,
        description="A strike or raid on defended ground loses an aircraft on a roll at or "
        "below this (0: never).",
    )
    peacekeeper_escalation: int = Field(
        default=2,
        ge=0,
        le=b.MAX_SHIFT,
        description="Extra escalation, owned by the attacker, for attacking, striking or raiding "
        "a region where a non-occupying faction's forces stand.",
    )
