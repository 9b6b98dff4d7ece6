"""The rule numbers a scenario may tune, each with its default and bounds."""

from __future__ import annotations

from pydantic import Field

from game.scenario import bounds as b
from game.scenario.base import Model


class Tuning(Model):
    """Rule numbers for the phases; every value is a design choice (source = design)."""

    die: int = Field(
        default=6, ge=2, le=b.MAX_DIE, description="Sides of the die used for every roll."
    )
    city_defence: int = Field(default=1, ge=0, le=b.MAX_LEVEL)
    fortify_max: int = Field(default=3, ge=0, le=b.MAX_LEVEL)
    revenue_per_10k_bpd: int = Field(
        default=1,
        ge=0,
        le=b.MAX_PERMILLE,
        description="Treasury per turn per 10,000 bpd exported.",
    )
    battle_displaced_permille: int = Field(default=25, ge=0, le=b.MAX_PERMILLE)
    strike_displaced_permille: int = Field(default=12, ge=0, le=b.MAX_PERMILLE)
    siege_displaced_permille: int = Field(default=8, ge=0, le=b.MAX_PERMILLE)
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
    access_drift: int = Field(
        default=1, ge=0, le=b.MAX_LEVEL, description="Access recovers by this each quiet turn."
    )
    escalation_decay: int = Field(default=1, ge=0, le=b.MAX_TRACK)
    talks_decay: int = Field(default=1, ge=0, le=b.MAX_TRACK)
    pressure_per_100k_displaced: int = Field(default=1, ge=0, le=b.MAX_TRACK)
    pressure_decay: int = Field(default=1, ge=0, le=b.MAX_TRACK)
    fire_damage: int = Field(
        default=2, ge=0, le=b.MAX_LEVEL, description="Damage per burning tank per turn."
    )
    decisive_margin: int = Field(
        default=3,
        ge=0,
        le=b.MAX_DECISIVE_MARGIN,
        description="Lead over target needed to end the game before the last turn.",
    )
    upkeep_per_strength: int = Field(default=0, ge=0, le=b.MAX_MONEY)
    cohesion_decay: int = Field(default=1, ge=0, le=b.MAX_LEVEL)
    cohesion_per_region_lost: int = Field(
        default=4,
        ge=0,
        le=b.MAX_LEVEL,
        description="Cohesion a coalition loses for each region taken from it.",
    )
    unsupplied_loss: int = Field(default=1, ge=0, le=b.MAX_STRENGTH_CHANGE)
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
