"""The rule numbers a scenario may tune, each with its default and bounds."""

from __future__ import annotations

from pydantic import Field

from game.scenario.base import Model


class Tuning(Model):
    """Rule numbers for the phases; every value is a design choice (source = design)."""

    die: int = Field(default=6, ge=2, le=1000, description="Sides of the die used for every roll.")
    city_defence: int = Field(default=1, ge=0)
    fortify_max: int = Field(default=3, ge=0)
    revenue_per_10k_bpd: int = Field(
        default=1, ge=0, description="Treasury per turn per 10,000 bpd exported."
    )
    battle_displaced_permille: int = Field(default=25, ge=0)
    strike_displaced_permille: int = Field(default=12, ge=0)
    siege_displaced_permille: int = Field(default=8, ge=0)
    displaced_per_escalation: int = Field(
        default=2500, ge=0, description="People fleeing each turn per point of escalation."
    )
    return_permille: int = Field(
        default=20, ge=0, description="Displaced returning per turn at full access."
    )
    aid_returns: int = Field(
        default=4000, ge=0, description="Displaced people helped home per point of aid power."
    )
    battle_access: int = Field(default=-4)
    access_drift: int = Field(
        default=1, ge=0, description="Access recovers by this each quiet turn."
    )
    escalation_decay: int = Field(default=1, ge=0)
    talks_decay: int = Field(default=1, ge=0)
    pressure_per_100k_displaced: int = Field(default=1, ge=0)
    pressure_decay: int = Field(default=1, ge=0)
    fire_damage: int = Field(default=2, ge=0, description="Damage per burning tank per turn.")
    decisive_margin: int = Field(
        default=3, ge=0, description="Lead over target needed to end the game before the last turn."
    )
    upkeep_per_strength: int = Field(default=0, ge=0)
    cohesion_decay: int = Field(default=1, ge=0)
    cohesion_per_region_lost: int = Field(
        default=4, ge=0, description="Cohesion a coalition loses for each region taken from it."
    )
    unsupplied_loss: int = Field(default=1, ge=0)
    air_defence: int = Field(
        default=1,
        ge=0,
        description="A strike or raid on defended ground loses an aircraft on a roll at or "
        "below this (0: never).",
    )
    peacekeeper_escalation: int = Field(
        default=2,
        ge=0,
        description="Extra escalation, owned by the attacker, for attacking, striking or raiding "
        "a region where a non-occupying faction's forces stand.",
    )
