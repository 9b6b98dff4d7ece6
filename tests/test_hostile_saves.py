"""Hostile saves: mutated at random, a save either loads into a game that works or is refused.

Real saves (a fresh game with a variation and notes, a whole bot game written in save
format 1, a game under older rules) are mutated the way a damaged disk or a hand editor
would: values re-typed (a number becomes text, a fraction, nothing, a list, a huge or
negative number, a deep nest), numbers replaced, keys deleted or added, list items
dropped, repeated or swapped, ids swapped for other ids of the scenario. Mostly the
snapshots are then hashed again, so the hash check passes and the deeper checks must
catch what is wrong. Byte-level damage (truncation, flipped and inserted bytes, deep
nesting) is tried on the text. The property: ``parse_save`` raises SaveError, and
nothing else, or returns a match whose every state can be used (listed for orders,
serialised, re-verified, played on by bots) and which saves and loads again.

Every example runs under a time guard, so a hang fails the test instead of stopping
the suite.
"""

from __future__ import annotations

import json
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.ai.registry import BotSpec, Seat
from game.engine.orders import make, options
from game.engine.state import GameOver, state_to_dict
from game.paths import default_scenario_path
from game.record.history import Annotation
from game.record.match import Match
from game.record.migrate import migrate
from game.record.save import SaveError, parse_save, to_json
from game.record.snapshot_model import snapshot_digest
from game.record.verify import verify_match

SAVES = Path(__file__).parent / "fixtures" / "saves"
GUARD_SECONDS = 30
"""Far beyond any example's real time (milliseconds): only a hang reaches it."""

Path_ = tuple[str | int, ...]


class Hang(Exception):
    """An example ran past the guard."""


@contextmanager
def time_guard(seconds: int = GUARD_SECONDS) -> Iterator[None]:
    """Raise Hang in this (main) thread if the block runs longer than ``seconds``."""

    def expired(signum: int, frame: object) -> None:
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# -- the real saves mutated ---------------------------------------------------------------


@cache
def base_texts() -> tuple[str, ...]:
    """Save documents as JSON text: a fresh game with a variation, a finished bot game
    (format 1, migrated), and a game under rules 1 (format 1, migrated)."""
    text = default_scenario_path().read_text(encoding="utf-8")
    from game.record.save import new_match

    seats = [Seat("tobruk"), Seat("dawn", BotSpec("rule", "hard", 0)), Seat("foreign", BotSpec())]
    match = new_match(text, "oil.toml", 9, seats)
    order = make("tobruk", "negotiate")
    match.play_turn([order], intents={"tobruk": "talk"}, order_notes={order: "calm"})
    match.play_turn([])
    match.play_turn([])
    passive = [Seat(f, BotSpec("passive", "")) for f in ("tobruk", "dawn", "foreign")]
    match.branch(1, "quiet", passive)
    match.play_turn()
    match.history.annotate(Annotation("main", 2, "Look at Sirte.", "sirte", "Ms K"))
    fresh = to_json(match)
    old = [
        json.dumps(migrate(json.loads((SAVES / name).read_text(encoding="utf-8"))))
        for name in ("format-1-bots-seed-3.json", "rules-1-three-turns.json")
    ]
    return (fresh, *old)


@cache
def known_ids() -> tuple[str, ...]:
    """Every id of the scenario (and a few near misses), to swap ids for other ids."""
    match = parse_save(base_texts()[0])
    w = match.world
    units = [u.id for u in match.history.initial.units]
    extra = ["neutral", "", "Tobruk", "misrata ", "hard", "human"]
    return (*w.region_ids, *w.faction_ids, *w.orders, *(e.id for e in w.events), *units, *extra)


def paths(value: Any, prefix: Path_ = ()) -> Iterator[Path_]:
    """Every path to a value inside a JSON document (the root excluded), down to the
    depth real saves have (a deep nest put in by an earlier mutation is not walked)."""
    if len(prefix) > 12:
        return
    if isinstance(value, dict):
        items: Iterator[tuple[str | int, Any]] = iter(value.items())
    elif isinstance(value, list):
        items = iter(enumerate(value))
    else:
        return
    for key, child in items:
        here = (*prefix, key)
        yield here
        yield from paths(child, here)


def area(path: Path_) -> str:
    """Which part of the save a path is in (mutations are spread over all of them)."""
    if path[0] == "initial" or "snapshot" in path:
        return "snapshot"
    for part in ("orders", "log", "seats"):
        if part in path:
            return part
    return "other"


AREAS = ["snapshot"] * 6 + ["orders"] * 2 + ["log", "seats", "other", "other"]


def deep(depth: int) -> Any:
    """A list nested ``depth`` deep."""
    value: Any = 0
    for _ in range(depth):
        value = [value]
    return value


HOSTILE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, -1, 1, 2, 99, 100, 101, 10**15, 10**16, 2**63, 2**64, -(2**64), 10**300]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.lists(st.integers(min_value=-5, max_value=5), max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(min_value=-5, max_value=5), max_size=2),
    st.integers(min_value=10, max_value=900).map(deep),  # deeper: the byte-level test
)


def container(doc: Any, path: Path_) -> Any:
    for key in path[:-1]:
        doc = doc[key]
    return doc


def mutate(doc: dict[str, Any], data: st.DataObject) -> None:
    """One random change somewhere in ``doc``."""
    found: dict[str, list[Path_]] = {}
    for path in paths(doc):
        found.setdefault(area(path), []).append(path)
    where = data.draw(st.sampled_from([a for a in AREAS if a in found]))
    path = data.draw(st.sampled_from(found[where]))
    parent, key = container(doc, path), path[-1]
    value = parent[key]
    how = data.draw(st.sampled_from(["retype", "number", "number", "delete", "add", "id", "swap"]))
    if how == "number" and isinstance(value, int) and not isinstance(value, bool):
        delta = data.draw(st.sampled_from([1, -1, 2, -2, 5, -100, 1000, 10**6, -(10**6)]))
        parent[key] = value + delta
    elif how == "delete":
        del parent[key]
    elif how == "add" and isinstance(value, dict):
        value[data.draw(st.sampled_from(["x", "id", "rng", "turn", "client"]))] = data.draw(HOSTILE)
    elif how == "add" and isinstance(value, list) and value:
        value.append(json.loads(json.dumps(value[data.draw(st.integers(0, len(value) - 1))])))
    elif how == "id":
        parent[key] = data.draw(st.sampled_from(known_ids()))
    elif how == "swap" and isinstance(parent, list) and len(parent) > 1:
        other = data.draw(st.integers(0, len(parent) - 1))
        parent[key], parent[other] = parent[other], parent[key]
    else:
        parent[key] = data.draw(HOSTILE)


def rehash(doc: Any) -> None:
    """Hash every snapshot again, as someone editing a save on purpose would."""
    if not isinstance(doc, dict):
        return
    turns: list[Any] = []
    for line in doc.get("lines", []) if isinstance(doc.get("lines"), list) else []:
        found = line.get("turns") if isinstance(line, dict) else None
        turns += found if isinstance(found, list) else []
    turns += doc["turns"] if isinstance(doc.get("turns"), list) else []
    holders = [(doc, "initial", "initial_hash")]
    holders += [(turn, "snapshot", "state_hash") for turn in turns if isinstance(turn, dict)]
    for holder, key, hash_key in holders:
        if isinstance(holder.get(key), dict):
            holder[hash_key] = snapshot_digest(holder[key])


def use(match: Match) -> None:
    """Everything a loaded game is used for; only the documented refusals are allowed."""
    history = match.history
    for name, line in history.lines.items():
        for position in range(line.end + 1):
            state = history.state(name, position)
            state_to_dict(state)
            for faction in match.world.faction_ids:
                options(state, faction)
    again = parse_save(to_json(match), "resaved.json")
    assert to_json(again) == to_json(match)
    if match.frozen is not None:
        with pytest.raises(ValueError, match="rules version"):
            verify_match(match)
        return
    verify_match(match)
    bots = [Seat(f, BotSpec("random", "")) for f in match.world.faction_ids]
    history.line(match.line).seats[:] = bots
    if match.state.finished:
        with pytest.raises(GameOver):
            match.play_turn()
    else:
        match.play_turn()


def load_or_refuse(text: str | bytes) -> None:
    """The property: SaveError, or a game that works."""
    with time_guard():
        try:
            match = parse_save(text, "mutated.json")
        except SaveError as exc:
            assert str(exc).startswith("mutated.json")
            assert "Traceback" not in str(exc)
            return
        use(match)


MUTATED = settings(
    max_examples=150,
    deadline=timedelta(seconds=10),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def test_the_real_saves_load_and_work() -> None:
    for text in base_texts():
        load_or_refuse(text)
        parse_save(text, "mutated.json")  # not refused


@MUTATED
@given(st.data())
def test_mutated_saves_load_or_are_refused(data: st.DataObject) -> None:
    doc = json.loads(data.draw(st.sampled_from(base_texts())))
    for _ in range(data.draw(st.integers(1, 3))):
        mutate(doc, data)
    if data.draw(st.sampled_from([True, True, True, False])):
        rehash(doc)
    load_or_refuse(json.dumps(doc))


@settings(MUTATED, max_examples=60)
@given(st.data())
def test_damaged_bytes_load_or_are_refused(data: st.DataObject) -> None:
    raw = bytearray(data.draw(st.sampled_from(base_texts())).encode("utf-8"))
    how = data.draw(st.sampled_from(["truncate", "flip", "insert", "cut", "nest"]))
    at = data.draw(st.integers(0, len(raw) - 1))
    if how == "truncate":
        del raw[at:]
    elif how == "flip":
        raw[at] ^= data.draw(st.integers(1, 255))
    elif how == "insert":
        raw[at:at] = data.draw(st.binary(min_size=1, max_size=8))
    elif how == "cut":
        del raw[at : at + data.draw(st.integers(1, 64))]
    else:
        depth = data.draw(st.integers(100, 100_000))
        raw[at:at] = b"[" * depth + b"0" + b"]" * depth
    load_or_refuse(bytes(raw))


# -- the classes of the issue, one by one -------------------------------------------------


def _fresh() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(base_texts()[0])
    return doc


def _snap(doc: dict[str, Any], turn: int = 2) -> dict[str, Any]:
    snapshot: dict[str, Any] = doc["lines"][0]["turns"][turn - 1]["snapshot"]
    return snapshot


def _first_order(doc: dict[str, Any]) -> dict[str, Any]:
    order: dict[str, Any] = doc["lines"][0]["turns"][0]["orders"][0]
    return order


CASES = [
    (lambda d: _snap(d)["tracks"].update(escalation=float("inf")), "Infinity"),
    (lambda d: _snap(d).update(turn=-3), "snapshot is malformed .* turn"),
    (lambda d: _snap(d).update(turn="3"), "snapshot is malformed .* turn"),
    (lambda d: _snap(d).update(seed=2**64), "snapshot is malformed .* seed"),
    (lambda d: _snap(d).update(seed=12), "its seed is not the game's seed 9"),
    (lambda d: _snap(d)["units"][0].update(region="atlantis"), "'atlantis', not a region"),
    (lambda d: _snap(d)["units"][0].update(strength=10**9), "cannot raise more than"),
    (lambda d: _snap(d)["units"][0].update(strength=True), "units.0.strength"),
    (lambda d: _snap(d)["tracks"].update(escalation=10**6), "outside its range"),
    (lambda d: _snap(d)["factions"][0].update(legitimacy=101), "factions.0.legitimacy"),
    (lambda d: _snap(d)["regions"][0].update(controller="martians"), "'martians', not a faction"),
    (lambda d: _snap(d).update(fired=["no-such-event"]), "no-such-event"),
    (lambda d: d["lines"][0]["seats"][1].update(player="Hard"), "unknown player 'Hard'"),
    (lambda d: d["lines"][0]["seats"][1].update(faction="dawm"), "not the scenario's factions"),
    (lambda d: d["lines"][0].update(seats=[]), "not the scenario's factions"),
    (lambda d: _first_order(d).update(order="nuke"), "'nuke' is not in the scenario's catalogue"),
    (lambda d: _first_order(d).update(faction="martians"), "by 'martians', which is not"),
    (lambda d: _first_order(d).update(order="attack", target="atlantis"), "cannot give|atlantis"),
    (lambda d: d["lines"][0]["turns"][0].update(rolls=999), "dice are counted"),
    (lambda d: d["annotations"][0].update(region="atlantis"), "'atlantis', which is not a region"),
]


@pytest.mark.parametrize(("damage", "message"), CASES)
def test_each_kind_of_damage_is_named(damage: Any, message: str) -> None:
    doc = _fresh()
    damage(doc)
    rehash(doc)
    with pytest.raises(SaveError, match=message) as caught:
        parse_save(json.dumps(doc), "lesson.json")
    assert str(caught.value).startswith("lesson.json")


def test_a_bad_generator_state_in_an_old_save_is_named() -> None:
    doc = json.loads(base_texts()[2])
    doc["lines"][0]["turns"][1]["snapshot"]["rng"] = ["xyz", "12"]
    rehash(doc)
    with pytest.raises(SaveError, match=r"turn 2 snapshot is malformed .* rng"):
        parse_save(json.dumps(doc), "old.json")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"seed": ' + "[" * 1000 + "]" * 1000 + "}", "nested too deeply|corrupt save"),
        ('{"seed": ' + "9" * 5000 + "}", "digits|corrupt save"),
        ('{"seed": 1e400}', "too large a number"),
        ("[" + "{}," * 3_000_001 + "{}]", "values; saves hold at most"),
    ],
)
def test_hostile_json_is_refused_before_it_costs_much(text: str, message: str) -> None:
    with time_guard(), pytest.raises(SaveError, match=message):
        parse_save(text, "x.json")


WORST = """
import resource, sys
from game.record.save import MAX_SAVE_VALUES, SaveError, parse_save
n = MAX_SAVE_VALUES - 100
texts = {
    "dicts": '{"lines":[' + ",".join(['{"a":0}'] * (n // 2)) + "]}",
    "strings": '{"lines":[' + ",".join(['"ab"'] * n) + "]}",
    "one long string": '{"x":"' + "a" * 60_000_000 + '"}',
    "deep": "[" * n + "]" * n,
}
for name, text in texts.items():
    try:
        parse_save(text, name)
    except SaveError as exc:
        print("refused", name, str(exc)[:80])
    del text
print("peak MB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""
MEMORY = 1536 * 2**20
"""The address space the worst hostile saves are parsed in (the game's own bound on
memory is 500 MB of use; address space counts every library mapped as well)."""


def test_the_worst_saves_within_the_caps_stay_within_time_and_memory() -> None:
    """Files packed with tiny values or nested to the brim, just under the caps, are
    refused in a process that may not grow past ``MEMORY`` nor run past a minute."""
    import resource
    import subprocess
    import sys

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-c", WORST],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert [line.split()[1] for line in lines[:4]] == ["dicts", "strings", "one", "deep"]
    assert int(lines[-1].split()[-1]) < 1000  # measured: about 450 MB at the caps
