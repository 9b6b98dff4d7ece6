"""seeds/: the fact sheet is well formed and in sync with FACTS.md.

That it is in our own words, and that its quotations are short, verbatim and from the
paragraph they cite, is checked with every other shipped text in ``test_quotes.py``
(against digests of the article, which the repository does not hold).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import tomli

from game.paths import default_scenario_path
from game.scenario.loader import load_scenario

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FACT_SHEET = ROOT / "scenarios" / "oil_crescent_2014" / "facts.toml"
"""The fact sheet lives beside the scenario that names it; FACTS.md, its twin, in seeds/."""

KINDS = {"date", "place", "actor", "figure", "quote", "claim"}
REQUIRED = {"id", "kind", "text", "source"}
OPTIONAL = {"date", "month", "value", "unit", "speaker"}
PARAGRAPH = re.compile(r"p([0-9]|1[0-9]|2[0-2])")


@cache
def facts() -> tuple[dict[str, Any], ...]:
    data = tomli.loads(FACT_SHEET.read_text(encoding="utf-8"))
    assert set(data) == {"fact"}, f"unexpected top-level keys: {sorted(data)}"
    return tuple(data["fact"])


@cache
def facts_md() -> str:
    return (SEEDS / "FACTS.md").read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------
# facts.toml


def test_facts_toml_parses_and_has_facts() -> None:
    assert len(facts()) >= 50


def test_every_fact_has_the_documented_keys_and_types() -> None:
    for fact in facts():
        where = fact.get("id", fact)
        assert set(fact) >= REQUIRED, f"{where}: missing {sorted(REQUIRED - set(fact))}"
        assert set(fact) <= REQUIRED | OPTIONAL, (
            f"{where}: unknown {sorted(set(fact) - REQUIRED - OPTIONAL)}"
        )
        assert fact["kind"] in KINDS, f"{where}: kind {fact['kind']!r}"
        assert isinstance(fact["text"], str) and fact["text"].strip(), where
        if "date" in fact:
            assert type(fact["date"]) is dt.date, f"{where}: date must be a TOML date"
        if "month" in fact:
            assert re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", fact["month"]), where
        if "value" in fact:
            assert type(fact["value"]) is int, f"{where}: value must be an integer"
        if fact["kind"] == "figure":
            assert "value" in fact and "unit" in fact, f"{where}: a figure needs value and unit"
        assert ("speaker" in fact) == (fact["kind"] == "quote"), f"{where}: speaker iff quote"


def test_fact_ids_are_unique_and_kebab_case() -> None:
    ids = [f["id"] for f in facts()]
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    assert not duplicates, f"duplicate fact ids: {duplicates}"
    for fact_id in ids:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", fact_id), fact_id


def test_fact_sources_are_paragraphs_p0_to_p22_then_context() -> None:
    """Each fact rests on the article's paragraph first; context the scenario declares
    may follow it, where later reporting corrects or places the article's words."""
    context = {s.id for s in load_scenario(default_scenario_path()).source if s.kind == "context"}
    for fact in facts():
        first, *more = [part.strip() for part in fact["source"].split(",")]
        assert PARAGRAPH.fullmatch(first), f"{fact['id']}: source {fact['source']!r}"
        assert set(more) <= context, f"{fact['id']}: source {fact['source']!r}"


def test_dates_fall_in_the_years_the_article_covers() -> None:
    for fact in facts():
        if "date" in fact:
            assert dt.date(2011, 1, 1) <= fact["date"] <= dt.date(2014, 12, 31), fact["id"]


# --------------------------------------------------------------------------------------
# FACTS.md, the readable twin


def test_every_fact_id_appears_exactly_once_in_facts_md() -> None:
    text = facts_md()
    wrong = {f["id"]: text.count(f"`{f['id']}`") for f in facts()}
    wrong = {fact_id: n for fact_id, n in wrong.items() if n != 1}
    assert not wrong, f"ids not listed exactly once in FACTS.md (id: count): {wrong}"


_ROW = re.compile(r"^\| `([^`]+)` \| (.*) \| (p\d+(?:, [a-z0-9_]+)*) \|$", re.MULTILINE)


def test_facts_md_rows_match_facts_toml_word_for_word_and_in_order() -> None:
    rows = _ROW.findall(facts_md())
    assert [r[0] for r in rows] == [f["id"] for f in facts()]
    for (fact_id, text, source), fact in zip(rows, facts(), strict=True):
        assert text == fact["text"], f"{fact_id}: FACTS.md text differs from facts.toml"
        assert source == fact["source"].replace(",", ", "), f"{fact_id}: FACTS.md source differs"


def test_facts_md_counts_match() -> None:
    counts = Counter(f["kind"] for f in facts())
    table = dict(re.findall(r"^\| (\w+) \| (\d+) \|$", facts_md(), re.MULTILINE))
    assert {k: int(v) for k, v in table.items()} == dict(counts)
    total = re.search(r"^\| \*\*total\*\* \| \*\*(\d+)\*\* \|$", facts_md(), re.MULTILINE)
    assert total is not None and int(total.group(1)) == len(facts())
