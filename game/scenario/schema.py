"""The scenario JSON Schema, generated from the pydantic models (so it cannot drift).

Editors use it for completion, hover help and inline errors: the shipped scenarios start
with a ``#:schema ./scenario.schema.json`` line, which TOML language servers such as Taplo
(VS Code's Even Better TOML, Helix, Neovim) read. pydantic's schema is reshaped for them:

- Every field carries its description (the field's docstring) and an example, taken from
  the worked examples of :mod:`game.scenario.examples`; every table carries those examples.
- A tagged table (a condition, an effect, a victory term) is one object whose ``type``
  must be one of the listed words, with one ``if type is X then it is table X`` rule per
  word. pydantic's ``oneOf`` makes a validator try every table and report "not valid under
  any of the given schemas" at a misspelt key; with ``if``/``then`` only the table the
  ``type`` names is checked, so the message names the key that is wrong or missing.
- An optional field is written as its own type (TOML has no null: leaving the key out is
  how a value is omitted), and the generated ``title`` of each field, which only repeats
  its key, is dropped.

The text must not depend on the installed pydantic: every version pyproject.toml allows
(2.12 up) writes it byte for byte the same, and CI runs the suite at that floor and at the
latest. Should a newer pydantic write it differently, normalise the difference here rather
than regenerating the committed copy for one version.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import BaseModel

from game.scenario.examples import EXAMPLES, example_tables
from game.scenario.models import FORMAT_VERSION, Scenario
from game.scenario.story import MAX_PATH

SCHEMA_ID = "https://sidra.invalid/scenario.schema.json"

Schema = dict[str, Any]

_MAX_FIELD_EXAMPLES = 2
"""Examples shown per field: enough to see the form, few enough to read in a hover."""


def scenario_schema() -> Schema:
    """The JSON Schema of a scenario file."""
    schema = Scenario.model_json_schema()
    defs: dict[str, Schema] = schema.get("$defs", {})
    models = _models_by_name()
    for name, table in defs.items():
        _describe_table(table, models.get(name))
    _describe_table(schema, Scenario)
    _strip(schema)
    for name, table in defs.items():
        _example_fields(table, models.get(name), defs)
    _example_fields(schema, Scenario, defs)
    schema["properties"]["format_version"]["examples"] = [FORMAT_VERSION]
    _retag(schema, defs)
    _allow_variants(schema, defs)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "Sidra scenario"
    schema["description"] = (
        "A Sidra scenario: a conflict written as data (regions, factions, forces, tracks, "
        "orders, events, bots). scenarios/FORMAT.md describes every table; "
        "scenarios/oil_crescent_2014.toml is a full example."
    )
    return schema


def schema_text() -> str:
    """The schema as the exact text committed in ``scenarios/scenario.schema.json``."""
    return json.dumps(scenario_schema(), indent=2, ensure_ascii=False) + "\n"


def _models_by_name() -> dict[str, type[BaseModel]]:
    """Every model of the format by the name pydantic gives its ``$defs`` entry."""
    return {model.__name__: model for model in EXAMPLES}


def _prose(text: str) -> str:
    """A docstring as one paragraph per blank-line-separated block (no hard wraps)."""
    blocks = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(" ".join(block.split()).replace("``", "`") for block in blocks)


def _describe_table(table: Schema, model: type[BaseModel] | None) -> None:
    """Reflow descriptions; give a table's ``type`` tag the table's own description."""
    if "description" in table:
        table["description"] = _prose(table["description"])
    for key, prop in table.get("properties", {}).items():
        if "description" in prop:
            prop["description"] = _prose(prop["description"])
        if key == "type" and "const" in prop and model is not None:
            if "description" not in prop:
                summary = _prose(model.__doc__ or "").split("\n\n")[0]
                prop["description"] = f'"{prop["const"]}": {summary}'
            prop.setdefault("examples", [prop["const"]])


def _strip(node: Any, in_properties: bool = False) -> None:
    """Drop the generated titles and nulls, recursively (see the module docstring)."""
    if isinstance(node, list):
        for item in node:
            _strip(item)
        return
    if not isinstance(node, dict):
        return
    if not in_properties:
        node.pop("title", None)
        options = node.get("anyOf")
        if isinstance(options, list) and {"type": "null"} in options and len(options) == 2:
            (kept,) = [option for option in options if option != {"type": "null"}]
            del node["anyOf"]
            node.update({k: v for k, v in kept.items() if k not in node})
            if node.get("default", 0) is None:
                del node["default"]
    for key, value in node.items():
        _strip(value, in_properties=key in ("properties", "$defs") and not in_properties)


def _example_fields(table: Schema, model: type[BaseModel] | None, defs: dict[str, Schema]) -> None:
    """Give the table its example tables and each field without one an example."""
    tables = example_tables(model) if model is not None else []
    if tables:
        table["examples"] = _jsonable(tables)
    for key, prop in table.get("properties", {}).items():
        if "examples" in prop:
            continue
        found: list[Any] = []
        for example in tables:
            if key in example and example[key] not in found:
                found.append(example[key])
        if not found:
            found = _nested_example(prop, defs)
        if found:
            prop["examples"] = _jsonable(found[:_MAX_FIELD_EXAMPLES])


def _nested_example(prop: Schema, defs: dict[str, Schema]) -> list[Any]:
    """An example of a field holding a table or a list of tables: that table's example."""
    ref = prop.get("$ref") or prop.get("items", {}).get("$ref")
    if not isinstance(ref, str):
        return []
    examples = defs.get(ref.rsplit("/", 1)[-1], {}).get("examples") or []
    if not examples:
        return []
    return [examples[0]] if "$ref" in prop else [[examples[0]]]


def _jsonable(value: Any) -> Any:
    """TOML values as JSON values: dates become their ISO text, as TOML writes them."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _retag(node: Any, defs: dict[str, Schema]) -> None:
    """Rewrite every discriminated union as ``if type = X then table X`` (module docstring)."""
    if isinstance(node, list):
        for item in node:
            _retag(item, defs)
        return
    if not isinstance(node, dict):
        return
    for value in node.values():
        _retag(value, defs)
    if "discriminator" in node and "oneOf" in node:
        tag = node["discriminator"]["propertyName"]
        mapping: dict[str, str] = node["discriminator"]["mapping"]
        words = list(mapping)
        lines = [f"- {word}: {_summary(defs, ref)}" for word, ref in mapping.items()]
        kept = {k: v for k, v in node.items() if k not in ("discriminator", "oneOf")}
        node.clear()
        node.update(
            {
                "type": "object",
                "description": "\n\n".join(
                    part
                    for part in (
                        kept.pop("description", ""),
                        f"A table told apart by its '{tag}':\n" + "\n".join(lines),
                    )
                    if part
                ),
                "required": [tag],
                "properties": {
                    tag: {
                        "description": f"Which table this is: {', '.join(words)}.",
                        "enum": words,
                    }
                },
                "allOf": [
                    {
                        "if": {"properties": {tag: {"const": word}}, "required": [tag]},
                        "then": {"$ref": ref},
                    }
                    for word, ref in mapping.items()
                ],
                **kept,
            }
        )


VARIANT_KEYS: dict[str, Schema] = {
    "extends": {
        "type": "string",
        "maxLength": MAX_PATH,
        "description": "Makes this file a variant: the scenario file (in the same folder) it "
        "inherits; this file then writes only what differs from it.",
        "examples": ["oil_crescent_2014.toml"],
    },
    "remove": {
        "type": "object",
        "description": "In a variant: the ids to take out of the base, by section (a link by "
        "its two ends), or the keys to take out of a table.",
        "examples": [{"order": ["intervene"], "link": [["misrata", "sirte"]]}],
    },
    "change": {
        "type": "object",
        "description": "In a variant: [change.SECTION.ID] tables holding only the keys of "
        "one element of the base that differ.",
        "examples": [{"faction": {"dawn": {"cohesion": 40}}}],
    },
}
"""The keys only a variant writes (see ``game.scenario.extends``)."""


def _allow_variants(schema: Schema, defs: dict[str, Schema]) -> None:
    """Check a whole scenario strictly, a variant (a file with ``extends``) only for known
    keys: its tables hold just what differs, so the whole-scenario rules (required keys,
    complete tables) apply to the merged scenario, which ``sidra validate`` checks.

    The strict root moves to ``$defs["Scenario"]``, applied unless ``extends`` is given. The
    root keeps each key's description and examples, and reaches its table through an
    ``anyOf`` with an always-true branch: it checks nothing, but language servers that
    complete keys by following ``anyOf`` (Taplo does; it does not follow ``if``/``then``)
    still offer every key of every table."""
    strict = {k: schema.pop(k) for k in ("type", "properties", "required", "additionalProperties")}
    defs["Scenario"] = {"description": "A whole scenario: every table it needs.", **strict}
    loose: dict[str, Schema] = {}
    for key, prop in strict["properties"].items():
        shown = {k: prop[k] for k in ("description", "examples") if k in prop}
        loose[key] = {**shown, "anyOf": [prop, {}]}
    for key, prop in VARIANT_KEYS.items():
        loose.setdefault(key, prop)
    schema.update(
        {
            "type": "object",
            "properties": loose,
            "additionalProperties": False,
            "if": {"required": ["extends"]},
            "else": {"$ref": "#/$defs/Scenario"},
        }
    )


def _summary(defs: dict[str, Schema], ref: str) -> str:
    """The first sentence-paragraph of a referenced table's description."""
    text: str = defs.get(ref.rsplit("/", 1)[-1], {}).get("description", "")
    return text.split("\n\n")[0]


def tag_words(schema: Schema) -> dict[str, list[str]]:
    """The tagged unions' words by the ``$defs`` tables they select (for tests and docs)."""
    found: dict[str, list[str]] = {}

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for rule in node.get("allOf", []):
                if isinstance(rule, dict) and "if" in rule and "then" in rule:
                    word = next(iter(rule["if"]["properties"].values()))["const"]
                    target = rule["then"]["$ref"].rsplit("/", 1)[-1]
                    found.setdefault(target, [])
                    if word not in found[target]:
                        found[target].append(word)
            for value in node.values():
                walk(value)

    walk(schema)
    return found
