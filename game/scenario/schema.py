"""The scenario JSON Schema, generated from the pydantic models (so it cannot drift).

Editors use it for autocompletion and inline errors: the shipped scenarios start with a
``#:schema ./scenario.schema.json`` line, which TOML language servers such as Taplo read.
"""

from __future__ import annotations

import json
from typing import Any

from game.scenario.models import Scenario

SCHEMA_ID = "https://sidra.invalid/scenario.schema.json"


def scenario_schema() -> dict[str, Any]:
    """The JSON Schema of a scenario file."""
    schema = Scenario.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "Sidra scenario"
    schema["description"] = (
        "A Sidra scenario: a conflict written as data (regions, factions, forces, tracks, "
        "orders, events, bots). See scenarios/oil_crescent_2014.toml for a full example."
    )
    return schema


def schema_text() -> str:
    """The schema as the exact text committed in ``scenarios/scenario.schema.json``."""
    return json.dumps(scenario_schema(), indent=2, ensure_ascii=False) + "\n"
