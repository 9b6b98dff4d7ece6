"""Every bounded value of the scenario format, at its limit and one past it.

Each case takes the default scenario, sets one value (or grows one list) to the bound
of :mod:`game.scenario.bounds`, and checks that the file loads and plays a turn with
bots in every seat; then one past the bound, and checks for a ScenarioError located at
the value's ``file:line`` whose message names the field and its whole range. A
coverage test makes sure every bounded number of the models has a case, and the JSON
Schema is checked to give every number, text and list a bound.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import tomli
from pydantic import BaseModel

from game.ai.registry import BotSpec, Seat
from game.engine.world import compile_world
from game.record.match import Match, ScenarioText
from game.scenario import bounds as b
from game.scenario.errors import ScenarioError
from game.scenario.formulas import terminal_output_bpd
from game.scenario.loader import load_scenario, parse_scenario
from game.scenario.models import Scenario
from game.scenario.schema import scenario_schema
from game.scenario.toml_text import toml_document

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "scenarios" / "oil_crescent_2014.toml"
BASE: dict[str, Any] = tomli.loads(DEFAULT.read_text(encoding="utf-8"))
FILE = "bounds.toml"
T = b.MAX_TRACK

KeyPath = tuple[str | int, ...]
Data = dict[str, Any]
Setup = Callable[[Data], None]


# --------------------------------------------------------------------------------------
# Building the scenarios


def get(data: Any, path: KeyPath) -> Any:
    for part in path:
        data = data[part]
    return data


def real(data: Data, path: KeyPath) -> KeyPath:
    """``path`` with negative list indices replaced by the index they stand for."""
    out: list[str | int] = []
    here: Any = data
    for part in path:
        if isinstance(part, int) and part < 0:
            part += len(here)
        out.append(part)
        here = here[part]
    return tuple(out)


def dotted(path: KeyPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else ("." if text else "") + part
    return text


def fix_oil(data: Data) -> None:
    """The oil_output track starts at what the regions export (a check of the loader)."""
    produced = 0
    for r in data["region"]:
        fac = r.get("facilities", {})
        capacity, tanks = fac.get("capacity_bpd", 0), fac.get("oil_tanks", 0)
        damage, ablaze = r.get("damage", 0), r.get("tanks_ablaze", 0)
        if all(isinstance(n, int) for n in (capacity, tanks, damage, ablaze)):
            produced += terminal_output_bpd(capacity, tanks, damage, ablaze)
    oil = next(t for t in data["track"] if t["id"] == "oil_output")
    oil["start"] = produced
    oil["max"] = max(oil["max"], produced)


def setting(path: KeyPath, value: Any) -> Setup:
    def setup(data: Data) -> None:
        get(data, path[:-1])[path[-1]] = value

    return setup


def both(*setups: Setup | None) -> Setup:
    def setup(data: Data) -> None:
        for one in setups:
            if one is not None:
                one(data)

    return setup


def event(**fields: Any) -> Setup:
    """Add an event on turn 1 with the given fields."""
    base = dict(id="bounds-test", title="A test", turn=1, text="A test.", source="design")
    return lambda data: data["event"].append(base | fields)


def term(**fields: Any) -> Setup:
    """Add a victory term to the first faction."""
    return lambda data: data["faction"][0]["victory"]["terms"].append(fields)


def region(rid: str) -> Setup:
    """Add a region linked by road to the city of Tobruk."""

    def setup(data: Data) -> None:
        place = dict(id=rid, name=rid, kind="industrial", lat=30.0, lon=20.0)
        data["region"].append(place | dict(controller="neutral", source="design"))
        data["link"].append(dict(a="tobruk_city", b=rid))

    return setup


def regions(total: int) -> Setup:
    def setup(data: Data) -> None:
        for i in range(total - len(data["region"])):
            region(f"x{i}")(data)

    return setup


def links(total: int) -> Setup:
    """The most regions, and ``total`` links among them."""

    def setup(data: Data) -> None:
        regions(b.MAX_REGIONS)(data)
        ids = [r["id"] for r in data["region"]]
        made = {
            (min(x["a"], x["b"]), max(x["a"], x["b"]), x.get("kind", "road")) for x in data["link"]
        }
        step = 1
        while len(data["link"]) < total:
            for i in range(len(ids) - step):
                key = (min(ids[i], ids[i + step]), max(ids[i], ids[i + step]), "sea")
                if key not in made and len(data["link"]) < total:
                    made.add(key)
                    data["link"].append(dict(a=ids[i], b=ids[i + step], kind="sea"))
            step += 1

    return setup


def grown(section: KeyPath, total: int, make: Callable[[int, Any], Any] | None = None) -> Setup:
    """The list at ``section`` grown to ``total`` items, copies of its first one."""

    def setup(data: Data) -> None:
        items = get(data, section)
        first = items[0]
        for i in range(total - len(items)):
            item = copy.deepcopy(first)
            items.append(make(i, item) if make is not None else item)

    return setup


def renamed(i: int, item: Data) -> Data:
    return item | {"id": f"{item['id'][:20]}_{i}"}


def factions(total: int) -> Setup:
    def setup(data: Data) -> None:
        for i in range(total - len(data["faction"])):
            fid = f"side_{i}"
            data["faction"].append(
                copy.deepcopy(data["faction"][0]) | dict(id=fid, glyph="VWXYZQRS"[i])
            )
            data["order"][0]["factions"].append(fid)

    return setup


def tracks(total: int) -> Setup:
    def setup(data: Data) -> None:
        for i in range(total - len(data["track"])):
            data["track"].append(
                dict(id=f"extra_{i}", name="Extra", start=0, max=1, source="design")
            )

    return setup


def tree(size: int, depth: int) -> Data:
    """An always-true condition of ``size`` conditions in all, nested ``depth`` deep."""
    chain: Data = {"type": "turn_at_least", "turn": 1}
    for _ in range(depth - 2):
        chain = {"type": "all", "conditions": [chain]}
    leaves = [{"type": "turn_at_least", "turn": 1}] * (size - (depth - 1) - 1)
    return {"type": "any", "conditions": [chain, *leaves]}


def build(setup: Setup) -> str:
    data = copy.deepcopy(BASE)
    setup(data)
    fix_oil(data)
    return toml_document(data)


# --------------------------------------------------------------------------------------
# The cases


@dataclass(frozen=True)
class Case:
    """``at`` gives a scenario that loads and plays; ``past`` one whose problem is at
    ``where`` and reads ``words``."""

    field: str
    at: Setup
    past: Setup
    where: KeyPath
    words: str


def number(
    field: str, path: KeyPath, low: Any, high: Any, setup: Setup | None = None
) -> Iterator[Case]:
    """The upper bound of a number and, when ``low`` is not None, its lower bound."""
    words = f"from {low:,} to {high:,}"
    step = 0.5 if isinstance(high, float) else 1
    yield Case(
        field,
        both(setup, setting(path, high)),
        both(setup, setting(path, high + step)),
        path,
        f"{high + step:,} is out of range: {words}",
    )


def lowest(
    field: str, path: KeyPath, low: Any, high: Any, setup: Setup | None = None
) -> Iterator[Case]:
    words = f"from {low:,} to {high:,}"
    step = 0.5 if isinstance(low, float) else 1
    yield Case(
        field,
        both(setup, setting(path, low)),
        both(setup, setting(path, low - step)),
        path,
        f"{low - step:,} is out of range: {words}",
    )


def listed(
    field: str,
    path: KeyPath,
    high: int,
    grow: Callable[[int], Setup] | None = None,
    make: Callable[[int, Any], Any] | None = None,
) -> Case:
    """A list at its longest, and one item longer (by default: copies of its first item)."""
    if grow is None:
        return listed(field, path, high, lambda n: grown(path, n, make))
    return Case(field, grow(high), grow(high + 1), path, f"{high + 1:,} items: at most {high:,}")


def text(field: str, path: KeyPath, high: int, setup: Setup | None = None, fill: str = "a") -> Case:
    """A text at its longest, and one character longer."""
    return Case(
        field,
        both(setup, setting(path, fill * high)),
        both(setup, setting(path, fill * (high + 1))),
        path,
        f"{high + 1:,} characters is too long: at most {high:,} characters",
    )


TUNING = {
    "die": (2, b.MAX_DIE),
    "city_defence": (0, b.MAX_LEVEL),
    "fortify_max": (0, b.MAX_LEVEL),
    "revenue_per_10k_bpd": (0, b.MAX_PERMILLE),
    "battle_displaced_permille": (0, b.MAX_PERMILLE),
    "strike_displaced_permille": (0, b.MAX_PERMILLE),
    "siege_displaced_permille": (0, b.MAX_PERMILLE),
    "displaced_per_escalation": (0, b.MAX_PEOPLE_RATE),
    "return_permille": (0, b.MAX_PERMILLE),
    "aid_returns": (0, b.MAX_PEOPLE_RATE),
    "battle_access": (-b.MAX_LEVEL, b.MAX_LEVEL),
    "access_drift": (0, b.MAX_LEVEL),
    "escalation_decay": (0, T),
    "talks_decay": (0, T),
    "pressure_per_100k_displaced": (0, T),
    "pressure_decay": (0, T),
    "fire_damage": (0, b.MAX_LEVEL),
    "decisive_margin": (0, b.MAX_DECISIVE_MARGIN),
    "upkeep_per_strength": (0, b.MAX_MONEY),
    "cohesion_decay": (0, b.MAX_LEVEL),
    "cohesion_per_region_lost": (0, b.MAX_LEVEL),
    "unsupplied_loss": (0, b.MAX_STRENGTH_CHANGE),
    "air_defence": (0, b.MAX_DIE),
    "peacekeeper_escalation": (0, b.MAX_SHIFT),
}
SHIFTS = ("escalation", "legitimacy", "target_legitimacy", "cohesion", "target_cohesion")
EFFECT = ("event", -1, "effects", 0, "add")
WHEN = ("bot", 0, "priority", 0, "when")
EVENT_WHEN = ("event", -1, "when")
TERMS = ("faction", 0, "victory", "terms")
STRENGTH_TERM = term(type="strength", weight=1)
TO_200 = both(event(), setting(("meta", "turns"), b.MAX_TURNS))
TANKS = setting(("region", 5, "facilities", "oil_tanks"), b.MAX_TANKS)
START_ROOM = setting(("track", 1, "max"), T)
NO_EVENTS = setting(("event",), [])
MIN_ROOM = both(START_ROOM, setting(("track", 1, "start"), T))


def effect(kind: str, **fields: Any) -> Setup:
    return event(effects=[dict(type=kind, add=0, **fields)])


def when(kind: str, **fields: Any) -> Setup:
    """A condition on the first bot's first line: a value at its bound may make it never
    hold (a warning there), which is what the bound tests reach for."""

    def setup(data: Data) -> None:
        data["bot"][0]["priority"][0]["when"] = dict(type=kind, **fields)

    return setup


NUMBERS: list[tuple[str, KeyPath, Any, Any, Setup | None, bool]] = [
    # field, path, lowest, highest, setup, also test the lower bound
    ("Meta.turns", ("meta", "turns"), 1, b.MAX_TURNS, NO_EVENTS, True),
    ("Meta.turn_days", ("meta", "turn_days"), 1, b.MAX_TURN_DAYS, None, True),
    ("Meta.assessment_every", ("meta", "assessment_every"), 1, b.MAX_TURNS, None, True),
    *[
        (f"Tuning.{k}", ("tuning", k), lo, hi, None, k in ("die", "battle_access"))
        for k, (lo, hi) in TUNING.items()
    ],
    ("Facilities.oil_tanks", ("region", 5, "facilities", "oil_tanks"), 0, b.MAX_TANKS, None, False),
    # the default's Vandewalle reference: a year alone, for a book
    ("SourceEntry.year", ("source", 26, "year"), 1, 9999, None, True),
    (
        "Facilities.capacity_bpd",
        ("region", 0, "facilities", "capacity_bpd"),
        0,
        b.MAX_CAPACITY_BPD,
        None,
        False,
    ),
    ("Region.lat", ("region", 9, "lat"), -90.0, 90.0, None, True),
    ("Region.lon", ("region", 9, "lon"), -180.0, 180.0, None, True),
    ("Region.population", ("region", 2, "population"), 0, b.MAX_POPULATION, None, False),
    ("Region.damage", ("region", 1, "damage"), 0, b.MAX_LEVEL, None, False),
    ("Region.tanks_ablaze", ("region", 5, "tanks_ablaze"), 0, b.MAX_TANKS, TANKS, False),
    ("Region.fortification", ("region", 2, "fortification"), 0, b.MAX_LEVEL, None, False),
    ("Faction.action_points", ("faction", 0, "action_points"), 1, b.MAX_ACTION_POINTS, None, True),
    ("Faction.treasury", ("faction", 0, "treasury"), 0, b.MAX_MONEY, None, False),
    ("Faction.income", ("faction", 0, "income"), 0, b.MAX_MONEY, None, False),
    ("Faction.legitimacy", ("faction", 0, "legitimacy"), 0, b.MAX_LEVEL, None, False),
    ("Faction.cohesion", ("faction", 1, "cohesion"), 0, b.MAX_LEVEL, None, False),
    ("Faction.cohesion_crack", ("faction", 1, "cohesion_crack"), 0, b.MAX_LEVEL, None, False),
    ("Faction.payroll_strength", ("faction", 0, "payroll_strength"), 0, b.MAX_STRENGTH, None, True),
    (
        "Faction.casualty_legitimacy",
        ("faction", 2, "casualty_legitimacy"),
        0,
        b.MAX_LEVEL,
        None,
        False,
    ),
    (
        "Victory.target",
        ("faction", 0, "victory", "target"),
        -b.MAX_TARGET,
        b.MAX_TARGET,
        None,
        True,
    ),
    ("ControlTerm.weight", (*TERMS, 0, "weight"), -b.MAX_WEIGHT, b.MAX_WEIGHT, None, True),
    ("StatTerm.per", (*TERMS, 3, "per"), 1, b.MAX_PER, None, True),
    ("StatTerm.weight", (*TERMS, 3, "weight"), -b.MAX_WEIGHT, b.MAX_WEIGHT, None, False),
    ("TrackTerm.per", (*TERMS, 4, "per"), 1, b.MAX_PER, None, False),
    ("TrackTerm.weight", (*TERMS, 4, "weight"), -b.MAX_WEIGHT, b.MAX_WEIGHT, None, False),
    ("StrengthTerm.per", (*TERMS, -1, "per"), 1, b.MAX_PER, STRENGTH_TERM, False),
    (
        "StrengthTerm.weight",
        (*TERMS, -1, "weight"),
        -b.MAX_WEIGHT,
        b.MAX_WEIGHT,
        STRENGTH_TERM,
        True,
    ),
    ("Force.strength", ("force", 0, "strength"), 0, b.MAX_STRENGTH, None, False),
    ("Track.max", ("track", 1, "max"), -T, T, None, False),
    ("Track.start", ("track", 1, "start"), -T, T, START_ROOM, False),
    ("Track.min", ("track", 1, "min"), -T, T, MIN_ROOM, True),
    ("Track.reference", ("track", 1, "reference"), -T, T, None, True),
    ("OrderType.cost", ("order", 0, "cost"), 1, b.MAX_ACTION_POINTS, None, True),
    ("OrderType.price", ("order", 0, "price"), 0, b.MAX_MONEY, None, False),
    ("OrderType.per_turn", ("order", 0, "per_turn"), 1, b.MAX_PER_TURN, None, False),
    ("OrderType.power", ("order", 8, "power"), 0, b.MAX_POWER, None, False),
    ("OrderType.range_km", ("order", 8, "range_km"), 0, b.MAX_RANGE_KM, None, False),
    *[(f"OrderType.{k}", ("order", 13, k), -b.MAX_SHIFT, b.MAX_SHIFT, None, True) for k in SHIFTS],
    ("OrderType.duration", ("order", 9, "duration"), 0, b.MAX_TURNS, None, False),
    ("OrderType.diminishing", ("order", 5, "diminishing"), 0, b.MAX_POWER, None, False),
    ("Event.turn", ("event", -1, "turn"), 1, b.MAX_TURNS, TO_200, False),
    ("TrackEffect.add", EFFECT, -T, T, effect("track", track="displaced"), True),
    (
        "StatEffect.add",
        EFFECT,
        -b.MAX_STAT_CHANGE,
        b.MAX_STAT_CHANGE,
        effect("stat", faction="tobruk", stat="treasury"),
        True,
    ),
    (
        "StrengthEffect.add",
        EFFECT,
        -b.MAX_STRENGTH_CHANGE,
        b.MAX_STRENGTH_CHANGE,
        effect("strength", faction="tobruk", region="tobruk_city"),
        True,
    ),
    (
        "DamageEffect.add",
        EFFECT,
        -b.MAX_LEVEL,
        b.MAX_LEVEL,
        effect("damage", region="tobruk_city"),
        True,
    ),
    (
        "TanksAblazeEffect.add",
        EFFECT,
        -b.MAX_TANKS,
        b.MAX_TANKS,
        effect("tanks_ablaze", region="es_sider"),
        True,
    ),
    (
        "TrackAtLeast.value",
        (*WHEN, "value"),
        -T,
        T,
        when("track_at_least", track="displaced", value=0),
        True,
    ),
    (
        "TrackAtMost.value",
        (*WHEN, "value"),
        -T,
        T,
        when("track_at_most", track="displaced", value=0),
        False,
    ),
    (
        "StatAtLeast.value",
        (*WHEN, "value"),
        -T,
        T,
        when("stat_at_least", faction="tobruk", stat="treasury", value=0),
        True,
    ),
    (
        "StatAtMost.value",
        (*WHEN, "value"),
        -T,
        T,
        when("stat_at_most", faction="tobruk", stat="treasury", value=0),
        False,
    ),
    (
        "StrengthAtLeast.value",
        (*WHEN, "value"),
        -b.MAX_STRENGTH_CHANGE,
        b.MAX_STRENGTH_CHANGE,
        when("strength_at_least", faction="tobruk", region="tobruk_city", value=0),
        True,
    ),
    ("TurnAtLeast.turn", (*WHEN, "turn"), 1, b.MAX_TURNS, when("turn_at_least", turn=1), True),
]

LONG_ID = "z" * b.MAX_ID
BRIEFING = ("situation", "framing", "quotes", "sources")

CASES: list[Case] = [
    *[c for f, path, lo, hi, setup, low in NUMBERS for c in number(f, path, lo, hi, setup)],
    *[c for f, path, lo, hi, setup, low in NUMBERS if low for c in lowest(f, path, lo, hi, setup)],
    # counts
    listed("Scenario.region", ("region",), b.MAX_REGIONS, regions),
    listed("Scenario.faction", ("faction",), b.MAX_FACTIONS, factions),
    listed("Scenario.track", ("track",), b.MAX_TRACKS, tracks),
    listed("Scenario.link", ("link",), b.MAX_LINKS, links),
    listed("Scenario.force", ("force",), b.MAX_FORCES, make=renamed),
    listed("Scenario.order", ("order",), b.MAX_ORDERS, make=renamed),
    listed("Scenario.event", ("event",), b.MAX_EVENTS, make=renamed),
    listed("Scenario.actor", ("actor",), b.MAX_ACTORS, make=renamed),
    listed("Scenario.bot", ("bot",), b.MAX_BOTS, make=renamed),
    listed("Bot.priority", ("bot", 0, "priority"), b.MAX_PRIORITIES),
    listed("Faction.components", ("faction", 1, "components"), b.MAX_COMPONENTS, make=renamed),
    listed("Faction.supply", ("faction", 0, "supply"), b.MAX_REGIONS),
    listed("Victory.terms", TERMS, b.MAX_TERMS),
    listed("ControlTerm.regions", (*TERMS, 0, "regions"), b.MAX_REGIONS),
    listed("Event.effects", ("event", 4, "effects"), b.MAX_EFFECTS),
    listed("OrderType.factions", ("order", 0, "factions"), b.MAX_FACTIONS),
    listed("Priority.prefer", ("bot", 0, "priority", 0, "prefer"), b.MAX_ITEMS),
    listed("Meta.authors", ("meta", "authors"), b.MAX_ITEMS),
    *[listed(f"Briefing.{k}", ("briefing", k), b.MAX_ITEMS) for k in BRIEFING],
    # condition trees
    Case(
        "condition size",
        event(when=tree(b.MAX_CONDITIONS, 3)),
        event(when=tree(b.MAX_CONDITIONS + 1, 3)),
        EVENT_WHEN,
        f"the condition holds {b.MAX_CONDITIONS + 1} conditions in all; at most {b.MAX_CONDITIONS}",
    ),
    Case(
        "condition depth",
        event(when=tree(b.MAX_CONDITION_DEPTH + 1, b.MAX_CONDITION_DEPTH)),
        event(when=tree(b.MAX_CONDITION_DEPTH + 2, b.MAX_CONDITION_DEPTH + 1)),
        EVENT_WHEN,
        f"conditions are nested {b.MAX_CONDITION_DEPTH + 1} deep; "
        f"at most {b.MAX_CONDITION_DEPTH} levels",
    ),
    # texts
    text("Name", ("region", 3, "name"), b.MAX_NAME),
    text("Prose", ("event", 0, "text"), b.MAX_PROSE),
    text("id", ("force", 0, "id"), b.MAX_ID),
    text("Faction.short", ("faction", 0, "short"), 12),
    text("Ref", ("force", 0, "region"), b.MAX_ID, region(LONG_ID), fill="z"),
    Case(
        "source",
        setting(("region", 0, "source"), "p1" + ",p1" * 66),
        setting(("region", 0, "source"), "p1" + ",p1" * 67),
        ("region", 0, "source"),
        f"{b.MAX_SOURCE + 3:,} characters is too long: at most {b.MAX_SOURCE:,} characters",
    ),
]


def play_a_turn(text: str) -> None:
    """Load ``text``, and play one turn with a bot in every seat and the full log."""
    scenario = parse_scenario(text, FILE)
    world = compile_world(scenario)
    seats = [Seat(f, BotSpec("rule", "normal")) for f in world.faction_ids]
    match = Match.new(world, ScenarioText(FILE, world.digest, text), 1, seats)
    match.play_turn()
    assert len(match.turns) == 1


@pytest.mark.parametrize("case", CASES, ids=[f"{c.field}-{i}" for i, c in enumerate(CASES)])
def test_a_value_at_its_bound_loads_and_plays(case: Case) -> None:
    play_a_turn(build(case.at))


@pytest.mark.parametrize("case", CASES, ids=[f"{c.field}-{i}" for i, c in enumerate(CASES)])
def test_a_value_past_its_bound_is_a_located_problem(case: Case) -> None:
    data = copy.deepcopy(BASE)
    case.past(data)
    fix_oil(data)
    text = toml_document(data)
    where = dotted(real(data, case.where))
    with pytest.raises(ScenarioError) as info:
        parse_scenario(text, FILE)
    found = [p for p in info.value.problems if p.message.startswith(f"{where}: ")]
    assert found, "\n".join(map(str, info.value.problems))
    problem = found[0]
    assert case.words in problem.message, str(problem)
    assert str(problem).startswith(f"{FILE}:{problem.line}:{problem.col}: ")
    key = next(str(p) for p in reversed(case.where) if isinstance(p, str))
    assert key in text.splitlines()[problem.line - 1], str(problem)


def bounded_numbers(model: type[BaseModel], seen: set[type[BaseModel]]) -> Iterator[str]:
    """``Model.field`` for every number with a range, in ``model`` and every model it holds."""
    if model in seen:
        return
    seen.add(model)
    for name, info in model.model_fields.items():
        if any(hasattr(m, "le") or hasattr(m, "ge") for m in info.metadata) and _numeric(
            info.annotation
        ):
            yield f"{model.__name__}.{name}"
        for inner in _models(info.annotation):
            yield from bounded_numbers(inner, seen)


def _numeric(annotation: Any) -> bool:
    return any(a in (int, float) for a in [annotation, *getattr(annotation, "__args__", ())])


def _models(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    # list[X], X | None, Annotated[X, ...] and tagged unions: look inside.
    for arg in getattr(annotation, "__args__", ()) or ():
        yield from _models(arg)
    origin = getattr(annotation, "__origin__", None)
    if origin is not None and origin is not annotation:
        yield from _models(origin)


def test_every_bounded_number_of_the_models_has_a_case() -> None:
    fields = set(bounded_numbers(Scenario, set()))
    tested = {c.field for c in CASES}
    assert "Tuning.die" in fields and "TrackEffect.add" in fields  # the walk finds them
    assert fields - tested - {"Scenario.format_version"} == set()


def _walk(schema: Any, path: str) -> Iterator[str]:
    """Every number, text or list in ``schema`` that has no bound, by its place."""
    if isinstance(schema, dict):
        kind = schema.get("type")
        if kind in ("integer", "number") and not ("maximum" in schema and "minimum" in schema):
            yield path
        if (
            kind == "string"
            and "maxLength" not in schema
            and "enum" not in schema
            and "const" not in schema
            and schema.get("format") != "date"
        ):
            yield path
        if kind == "array" and "maxItems" not in schema:
            yield path
        for key, value in schema.items():
            if key not in ("$defs", "default"):
                yield from _walk(value, f"{path}/{key}")
    elif isinstance(schema, list):
        for i, value in enumerate(schema):
            yield from _walk(value, f"{path}/{i}")


def test_the_schema_bounds_every_number_text_and_list() -> None:
    schema = scenario_schema()
    unbounded = list(_walk(schema, ""))
    unbounded += [p for name, d in schema["$defs"].items() for p in _walk(d, f"$defs/{name}")]
    # A colour is held by its exact pattern (#rrggbb).
    assert unbounded == ["$defs/Faction/properties/color"]


# --------------------------------------------------------------------------------------
# Many problems, big files, odd files


def test_validation_lists_the_first_problems_and_counts_the_rest() -> None:
    data = copy.deepcopy(BASE)
    regions(b.MAX_REGIONS)(data)
    for r in data["region"]:
        r["damage"] = 1000
        r["fortification"] = -1
    fix_oil(data)
    with pytest.raises(ScenarioError) as info:
        parse_scenario(toml_document(data), FILE)
    error = info.value
    assert len(error.problems) == b.MAX_PROBLEMS
    assert error.more == 2 * b.MAX_REGIONS - b.MAX_PROBLEMS
    assert error.total == 2 * b.MAX_REGIONS
    assert str(error).endswith(
        f"... and {error.more:,} more problems (only the first {b.MAX_PROBLEMS} are listed)"
    )
    lines = [p.line for p in error.problems]
    assert lines == sorted(lines)  # the first ones in the file


def test_a_million_wrong_elements_give_a_short_answer_quickly() -> None:
    text = "format_version = 1\nregion = [" + "1," * 500_000 + "]\n"
    with pytest.raises(ScenarioError) as info:
        parse_scenario(text, FILE)
    assert info.value.total < 20
    assert any("500,000 items: at most" in p.message for p in info.value.problems)


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("turns = 12\n", "turns = 1" + "0" * 400 + "\n", "a number of about 401 digits"),
        ("turns = 12\n", "turns = 1" + "0" * 5000 + "\n", "a number too long to read"),
        ("lat = 32.", "lat = nan # 32.", "expected a finite number, found nan"),
        ("lon = 13.", "lon = -inf # 13.", "expected a finite number, found -inf"),
    ],
)
def test_absurd_numbers_are_problems(old: str, new: str, words: str) -> None:
    text = DEFAULT.read_text(encoding="utf-8").replace(old, new, 1)
    with pytest.raises(ScenarioError) as info:
        parse_scenario(text, FILE)
    assert any(words in p.message for p in info.value.problems), str(info.value)


def test_conditions_nested_hundreds_deep_are_one_short_problem() -> None:
    depth = 390  # just inside the TOML parser's own limit of 400
    cond = '{type = "not", condition = ' * depth + '{type = "turn_at_least", turn = 1}'
    event = 'id = "deep"\ntitle = "x"\nturn = 1\ntext = "x"\nsource = "design"\n'
    text = DEFAULT.read_text(encoding="utf-8")
    index = text.count("\n[[event]]\n")  # the appended event's index
    text += f"\n[[event]]\n{event}when = {cond}{'}' * depth}\n"
    with pytest.raises(ScenarioError) as info:
        parse_scenario(text, FILE)
    (problem,) = info.value.problems
    assert problem.message.startswith(f"event[{index}].when.condition")
    assert "nested too deeply" in problem.message and len(problem.message) < 200


def test_a_file_over_the_size_bound_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    path.write_bytes(b"#" * (b.MAX_FILE_BYTES + 1))
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    (problem,) = info.value.problems
    assert problem.file == str(path)
    assert f"it is {b.MAX_FILE_BYTES + 1:,} bytes; a scenario file is at most" in problem.message
    with pytest.raises(ScenarioError):
        parse_scenario("#" * (b.MAX_FILE_BYTES + 1), FILE)
    path.write_bytes(b"#" * b.MAX_FILE_BYTES)  # at the bound: read, then found empty
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert "missing required key 'meta'" in str(info.value)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_a_device_is_refused_without_reading_it() -> None:
    with pytest.raises(ScenarioError) as info:
        load_scenario("/dev/zero")
    (problem,) = info.value.problems
    assert str(problem) == "/dev/zero:1:1: cannot read file: it is a device, not a scenario file"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    with pytest.raises(ScenarioError) as info:
        load_scenario(fifo)
    assert "it is a named pipe (FIFO), not a scenario file" in str(info.value)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as info:
        load_scenario(tmp_path)
    assert "it is a folder, not a scenario file" in str(info.value)
