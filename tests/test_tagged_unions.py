"""Interpreters of the tagged unions are checked exhaustive by mypy, and stay so.

A condition, an effect or a victory term is one of a closed set of tables. Code that acts
on one must handle every type of its union, and a type added later must be found at every
place that acts on it: a ``match`` whose last case is ``case _: assert_never(x)`` makes
mypy name each place that forgot it, where an ``isinstance`` chain falls through silently.
These tests read the source of ``game/`` and refuse ``isinstance`` (or ``type(x)``) tests
against the unions' members, and a ``match`` over them that does not end in
``assert_never``.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any, get_args

import pytest

from game.scenario.rules import Condition, Effect, VictoryTerm

GAME = Path(__file__).resolve().parent.parent / "game"


def _members(union: Any) -> set[str]:
    """The class names of a discriminated union (``Annotated[A | B, Field(...)]``)."""
    return {cls.__name__ for cls in get_args(get_args(union)[0])}


MEMBERS = _members(Condition) | _members(Effect) | _members(VictoryTerm)


def _names(node: ast.AST) -> set[str]:
    """Every class name an expression mentions: ``A``, ``rules.A``, ``A | B``, ``(A, B)``."""
    found = set()
    for inner in ast.walk(node):
        if isinstance(inner, ast.Name):
            found.add(inner.id)
        elif isinstance(inner, ast.Attribute):
            found.add(inner.attr)
    return found


def _type_tests(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, class) of each ``isinstance(x, Member)`` and ``type(x) ... Member``."""
    out = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "isinstance"
            and len(node.args) == 2
        ):
            out += [(node.lineno, n) for n in _names(node.args[1]) & MEMBERS]
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            typed = any(
                isinstance(s, ast.Call) and isinstance(s.func, ast.Name) and s.func.id == "type"
                for s in sides
            )
            if typed:
                out += [(node.lineno, n) for s in sides for n in _names(s) & MEMBERS]
    return out


def _pattern_classes(pattern: ast.pattern) -> set[str]:
    """The member classes a case pattern names (``A()``, ``A() | B()``, ``rules.A()``)."""
    found = set()
    for inner in ast.walk(pattern):
        if isinstance(inner, ast.MatchClass):
            found |= _names(inner.cls) & MEMBERS
    return found


def _ends_in_assert_never(match: ast.Match) -> bool:
    last = match.cases[-1]
    if not (isinstance(last.pattern, ast.MatchAs) and last.pattern.pattern is None):
        return False
    if last.guard is not None or len(last.body) != 1:
        return False
    stmt = last.body[0]
    return (
        isinstance(stmt, ast.Expr)
        and isinstance(stmt.value, ast.Call)
        and isinstance(stmt.value.func, ast.Name)
        and stmt.value.func.id == "assert_never"
    )


def _open_matches(tree: ast.AST) -> list[int]:
    """Lines of each ``match`` over member classes that does not end in ``assert_never``."""
    out = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Match) or _ends_in_assert_never(node):
            continue
        if any(_pattern_classes(c.pattern) for c in node.cases):
            out.append(node.lineno)
    return out


def _sources() -> list[tuple[str, ast.AST]]:
    return [
        (str(path.relative_to(GAME.parent)), ast.parse(path.read_text(encoding="utf-8")))
        for path in sorted(GAME.rglob("*.py"))
    ]


def test_the_unions_have_the_members_the_scan_looks_for() -> None:
    """The scan knows every type (a union read wrongly would make it pass vacuously)."""
    assert {"TrackAtLeast", "Not", "TrackEffect", "ControlEffect", "StrengthTerm"} <= MEMBERS
    assert len(MEMBERS) == 11 + 6 + 4


def test_no_isinstance_tests_against_the_union_members() -> None:
    found = [
        f"{name}:{line}: {cls}" for name, tree in _sources() for line, cls in _type_tests(tree)
    ]
    assert found == [], "use match with assert_never instead:\n" + "\n".join(found)


def test_every_match_over_the_unions_ends_in_assert_never() -> None:
    found = [f"{name}:{line}" for name, tree in _sources() for line in _open_matches(tree)]
    assert found == [], "end these with `case _: assert_never(x)`:\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("source", "tests", "open_matches"),
    [
        ("isinstance(x, TrackTerm)", 1, 0),
        ("isinstance(x, rules.AllOf | rules.AnyOf)", 2, 0),
        ("isinstance(x, (StatEffect, int))", 1, 0),
        ("type(x) is Not", 1, 0),
        ("isinstance(x, int)", 0, 0),
        ("match x:\n    case TrackTerm():\n        pass\n    case _:\n        pass", 0, 1),
        ("match x:\n    case TrackTerm():\n        pass", 0, 1),
        (
            "match x:\n    case TrackTerm():\n        pass\n    case _:\n        assert_never(x)",
            0,
            0,
        ),
        ("match x:\n    case int():\n        pass", 0, 0),
    ],
)
def test_the_scan_finds_what_it_refuses(source: str, tests: int, open_matches: int) -> None:
    tree = ast.parse(source)
    assert len(_type_tests(tree)) == tests
    assert len(_open_matches(tree)) == open_matches
