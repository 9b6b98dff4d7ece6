"""The default scenario represents the facts DESIGN.md section 2 requires, each cited.

A fact counts as present when some element of the loaded scenario carries the fact's
paragraph in its ``source`` (a comma-separated list such as "p1,p2") and its own text
says it. Elements are found by what they say, not by id, so renaming an id does not
break the test while dropping or mis-citing a fact does. Where the scenario encodes a
figure as a number (a track's start, a terminal's tanks), the number is asserted too.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import tomli
from pydantic import BaseModel

from game.scenario.loader import load_scenario
from game.scenario.models import Force, Region, Scenario, Track

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "scenarios" / "oil_crescent_2014.toml"
PARAGRAPHS = {f"p{i}" for i in range(23)}


@cache
def scenario() -> Scenario:
    return load_scenario(DEFAULT)


@dataclass(frozen=True)
class Element:
    """Anything in the scenario with a ``source``: where it is, what it is, what it says."""

    path: str
    model: BaseModel
    source: str
    text: str

    @property
    def kind(self) -> str:
        return type(self.model).__name__

    @property
    def paragraphs(self) -> list[str]:
        return self.source.split(",")


def _strings(value: Any) -> Iterator[str]:
    """Every string in a value, without entering nested elements that have a source."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, BaseModel) and "source" not in type(value).model_fields:
        for name in type(value).model_fields:
            yield from _strings(getattr(value, name))


def _walk(value: Any, path: str) -> Iterator[Element]:
    if isinstance(value, BaseModel):
        fields = type(value).model_fields
        if isinstance(getattr(value, "source", None), str):  # a citation, not [[source]]
            text = " ".join(
                s for name in fields if name != "source" for s in _strings(getattr(value, name))
            )
            yield Element(path, value, str(getattr(value, "source", "")), text)
        for name in fields:
            yield from _walk(getattr(value, name), f"{path}.{name}" if path else name)
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _walk(item, f"{path}[{i}]")


@cache
def elements() -> tuple[Element, ...]:
    return tuple(_walk(scenario(), ""))


# --------------------------------------------------------------------------------------
# The facts of DESIGN.md section 2, with the paragraph each comes from


@dataclass(frozen=True)
class Fact:
    """``fact`` must be carried by an element of ``kind`` citing ``para`` whose text
    matches every regex in ``says`` (case-insensitive) and whose fields equal ``fields``
    (dotted names reach into nested models, e.g. ``facilities.oil_tanks``), and, with
    ``named``, whose name matches that regex in full."""

    fact: str
    para: str
    kind: str | None
    says: tuple[str, ...]
    fields: dict[str, Any] = field(default_factory=dict)
    named: str | None = None
    """A regex the element's ``name`` must match in full (places: the region itself)."""


def _field(model: BaseModel, dotted: str) -> Any:
    value: Any = model
    for part in dotted.split("."):
        value = getattr(value, part)
    return value


FACTS = [
    # p1
    Fact("actor: Prime Minister al-Thinni", "p1", "Actor", (r"al-Thinni",)),
    Fact(
        "place: Misrata, Libya's third-largest city",
        "p1",
        "Region",
        (r"third-largest",),
        named=r"Misrata",
    ),
    Fact(
        "event: Sunday's strikes on Misrata",
        "p1",
        "Event",
        (r"Misrata", r"strike|bomb"),
        {"date": dt.date(2014, 12, 28)},
    ),
    # p2
    Fact("Dawn coalition member: Misrata militias", "p2", "Component", (r"Misrata militias",)),
    Fact("Dawn coalition member: Libya Shield", "p2", "Component", (r"Libya Shield",)),
    Fact("Dawn coalition member: Amazigh", "p2", "Component", (r"Amazigh",)),
    Fact("actor: Misrata militias", "p2", "Actor", (r"Misrata militias",)),
    Fact("actor: Libya Shield", "p2", "Actor", (r"Libya Shield",)),
    Fact("actor: Amazigh tribes", "p2", "Actor", (r"Amazigh", r"tribes")),
    Fact("faction: the Dawn coalition", "p2", "Faction", (r"Libya Shield", r"Amazigh", r"Misrata")),
    Fact("place: Ras Lanuf terminal", "p2", "Region", (r"Ras Lanuf",), {"kind": "oil_terminal"}),
    Fact(
        "Misrata's airport, flying school, port and steel factory",
        "p2",
        "Region",
        (r"airport", r"flying school", r"\bport\b", r"steel factory"),
        {
            "facilities.airport": True,
            "facilities.aviation_school": True,
            "facilities.port": True,
            "facilities.steel_factory": True,
        },
        named=r"Misrata",
    ),
    Fact(
        "strike targets: flying school, airport, port, steel factory",
        "p2",
        "Event",
        (r"flying school", r"airport", r"\bport\b", r"steel factory"),
    ),
    # p3
    Fact(
        "event: Operation Sunrise, 13 December",
        "p3",
        "Event",
        (r"Operation Sunrise",),
        {"date": dt.date(2014, 12, 13)},
    ),
    Fact("Misrata a Dawn base since May", "p3", "Region", (r"since May",), named=r"Misrata"),
    # p4
    Fact("place: Sirte", "p4", "Region", (r"Sirte",), {"kind": "city"}, named=r"Sirte"),
    Fact(
        "place: Al-Sidra, the largest terminal",
        "p4",
        "Region",
        (r"Al-Sidra", r"Es Sider", r"largest"),
        {"kind": "oil_terminal"},
    ),
    Fact(
        "event: 25 Dec attack on Al-Sidra and Sirte, 22 soldiers killed from speedboats (RPGs)",
        "p4",
        "Event",
        (
            r"Al-Sidra",
            r"Sirte",
            r"speedboats?",
            r"rocket-propelled grenades?|RPGs?",
            r"\b22\b[^.]*soldiers",
        ),
        {"date": dt.date(2014, 12, 25)},
    ),
    Fact("Dawn's speedboats", "p4", "Force", (r"speedboat",), {"kind": "naval"}),
    # p5
    Fact(
        "place: Al-Sidra's 19 tanks", "p5", "Region", (r"Al-Sidra",), {"facilities.oil_tanks": 19}
    ),
    Fact("event: 7 of 19 tanks ablaze", "p5", "Event", (r"\b(seven|7)\b[^.]*\b19\b", r"tanks")),
    # p6
    Fact("event: the 72-hour ultimatum", "p6", "Event", (r"\b72[- ]hours?\b", r"ultimatum")),
    Fact("order: ultimatum", "p6", "OrderType", (r"ultimatum",), {"kind": "ultimatum"}),
    # p7
    Fact("actor: spokesman Mesmari", "p7", "Actor", (r"Mesmari",)),
    Fact("quote: Mesmari on the MiG-23 raid", "p7", "Quote", (r"Mesmari", r"MiG-23")),
    Fact(
        "event: the MiG-23 raid from the aviation school",
        "p7",
        "Event",
        (r"MiG-23", r"aviation school", r"Al-Sidra"),
    ),
    Fact("Dawn's MiG-23", "p7", "Force", (r"MiG-23",), {"kind": "air", "strength": 1}),
    Fact(
        "Misrata's aviation school",
        "p7",
        "Region",
        (r"aviation|flying school",),
        {"facilities.aviation_school": True},
        named=r"Misrata",
    ),
    # p8
    Fact(
        "event: early-December strikes, 4 killed and 15 wounded, chemical factory west of Tripoli",
        "p8",
        "Event",
        (r"\b4\b[^.]*killed", r"\b15\b[^.]*wounded", r"chemical factory west of Tripoli"),
    ),
    Fact(
        "place: chemical factory west of Tripoli",
        "p8",
        "Region",
        (r"chemical factory", r"west of (Tripoli|the capital)"),
        {"facilities.chemical_factory": True},
    ),
    Fact("place: Tripoli", "p8", "Region", (r"Tripoli",), {"kind": "city"}, named=r"Tripoli"),
    # p9
    Fact(
        "place: Tobruk, near the Egyptian border",
        "p9",
        "Region",
        (r"Egyptian border",),
        named=r"Tobruk",
    ),
    Fact(
        "the government expelled from the big cities",
        "p9",
        "Faction",
        (r"Tobruk", r"(driven|expelled|pushed) (out )?(from|of) the (big|major) cities"),
    ),
    # p10
    Fact("actor: air force commander al-Garoushi", "p10", "Actor", (r"al-Garoushi",)),
    Fact("event: Misrata declared a military zone", "p10", "Event", (r"Misrata", r"military zone")),
    Fact(
        "order: military zone", "p10", "OrderType", (r"military zone",), {"kind": "military_zone"}
    ),
    # p13
    Fact(
        "figure: 400,000 displaced in six months",
        "p13",
        "Track",
        (r"400,000", r"six months"),
        {"id": "displaced", "start": 400_000},
    ),
    # p14
    Fact("actor: UNHCR", "p14", "Actor", (r"UNHCR",)),
    Fact(
        "figure: UNHCR, 106,000 displaced in one month",
        "p14",
        "Event",
        (r"106,000", r"(one|a single|a) month", r"refugee agency|UNHCR"),
    ),
    # p16
    Fact("actor: Adrian Edwards of UNHCR", "p16", "Actor", (r"Edwards", r"UNHCR")),
    Fact("quote: Edwards", "p16", "Quote", (r"Edwards",)),
    # p17
    Fact("actor: UNSMIL", "p17", "Actor", (r"UNSMIL",)),
    Fact(
        "quote: UNSMIL's warning of chaos and all-out war",
        "p17",
        "Quote",
        (r"UNSMIL", r"chaos and all-out war"),
    ),
    # p18
    Fact("actor: National Oil Corp", "p18", "Actor", (r"National Oil Corp",)),
    Fact("actor: NOC spokesman Elharari", "p18", "Actor", (r"Elharari",)),
    Fact(
        "figure: 352,000 bpd now, 1.6 million before 2011",
        "p18",
        "Track",
        (r"OPEC",),
        {"id": "oil_output", "start": 352_000, "reference": 1_600_000},
    ),
    Fact(
        "figure: 12-member OPEC",
        "p18",
        None,
        (r"12-member OPEC|OPEC's 12 members|12 members of OPEC",),
    ),
    # p19
    Fact("actor: General Hifter", "p19", "Actor", (r"Hifter",)),
    Fact("Hifter's forces", "p19", "Force", (r"Hifter",), {"faction": "tobruk"}),
    Fact("actor: the United States", "p19", "Actor", (r"United States",)),
    Fact(
        "place: Sicily, US staging",
        "p19",
        "Region",
        (r"Sicily",),
        {"kind": "staging", "offmap": True},
    ),
    Fact(
        "figure: 200 US troops in Sicily",
        "p19",
        "Force",
        (r"\b200 troops\b",),
        {"region": "sicily", "faction": "foreign", "component": "us"},
    ),
    Fact(
        "event: 200 US troops sent to Sicily in May",
        "p19",
        "Event",
        (r"\b200 troops\b", r"Sicily", r"\bMay\b"),
    ),
    # p20
    Fact("actor: France, President Hollande", "p20", "Actor", (r"France", r"Hollande")),
    Fact(
        "event: France's threat in September",
        "p20",
        "Event",
        (r"France", r"September", r"Hollande"),
    ),
    # p21
    Fact("actor: Italy, Prime Minister Renzi", "p21", "Actor", (r"Italy", r"Renzi")),
    Fact(
        "event: Renzi, 20 December, international framework",
        "p21",
        "Event",
        (r"Renzi|Italy's prime minister", r"international framework"),
        {"date": dt.date(2014, 12, 20)},
    ),
    # p22
    Fact("quote: Renzi's press statement", "p22", "Quote", (r"Renzi", r"Italy")),
    # Foreign powers: US, France, Italy as the members of one faction
    Fact("Foreign powers member: United States", "p19", "Component", (r"United States",)),
    Fact("Foreign powers member: France", "p20", "Component", (r"France",)),
    Fact("Foreign powers member: Italy", "p21", "Component", (r"Italy",)),
]


def _matches(element: Element, fact: Fact) -> bool:
    if fact.kind is not None and element.kind != fact.kind:
        return False
    if fact.para not in element.paragraphs:
        return False
    if not all(re.search(p, element.text, re.IGNORECASE | re.MULTILINE) for p in fact.says):
        return False
    if fact.named is not None and not re.fullmatch(fact.named, getattr(element.model, "name", "")):
        return False
    return all(_field(element.model, k) == v for k, v in fact.fields.items())


@pytest.mark.parametrize("fact", FACTS, ids=lambda f: f.fact)
def test_design_fact_is_in_the_default_scenario_with_its_paragraph(fact: Fact) -> None:
    found = [e for e in elements() if _matches(e, fact)]
    if found:
        return
    # Say precisely what is missing: the element, the citation or the words.
    same_kind = [e for e in elements() if fact.kind is None or e.kind == fact.kind]
    saying = [
        e
        for e in same_kind
        if all(re.search(p, e.text, re.IGNORECASE | re.MULTILINE) for p in fact.says)
    ]
    hint = (
        f"elements that say it but cite {[e.paragraphs for e in saying]} at "
        f"{[e.path for e in saying]} (fields {fact.fields})"
        if saying
        else "no element says it"
    )
    pytest.fail(
        f"DESIGN.md section 2 fact missing from {DEFAULT.name}: {fact.fact!r} — expected a "
        f"{fact.kind or 'element'} with '{fact.para}' in its source matching {list(fact.says)}; "
        f"{hint}"
    )


# --------------------------------------------------------------------------------------
# Figures the scenario encodes as numbers


def _track(track_id: str) -> Track:
    (track,) = [t for t in scenario().track if t.id == track_id]
    return track


def _region(name: str) -> Region:
    (region,) = [r for r in scenario().region if re.match(name, r.name)]
    return region


def test_oil_output_starts_at_352000_against_1_6_million_before_2011() -> None:
    oil = _track("oil_output")
    assert oil.start == 352_000
    assert oil.reference == 1_600_000
    assert "2011" in oil.reference_label
    assert oil.max >= oil.reference
    assert "p18" in oil.source.split(",")


def test_displaced_start_at_400000() -> None:
    displaced = _track("displaced")
    assert displaced.start == 400_000
    assert "p13" in displaced.source.split(",")


def test_al_sidra_has_19_tanks_and_is_cited() -> None:
    sidra = _region(r"Al-Sidra")
    assert sidra.facilities.oil_tanks == 19
    assert {"p4", "p5"} <= set(sidra.source.split(","))
    assert "Es Sider" in sidra.name


def test_misrata_has_every_facility_the_article_names() -> None:
    misrata = _region(r"Misrata$")
    f = misrata.facilities
    assert (f.airport, f.aviation_school, f.port, f.steel_factory) == (True, True, True, True)
    assert misrata.controller == "dawn"


def test_the_us_force_in_sicily_mentions_its_200_troops() -> None:
    forces: list[Force] = [
        f for f in scenario().force if f.region == "sicily" and f.component == "us"
    ]
    assert forces, "no US force in Sicily"
    assert any(re.search(r"\b200 troops\b", f.name) and "p19" in f.source for f in forces)


def test_turn_one_begins_on_operation_sunrise() -> None:
    meta = scenario().meta
    assert meta.start == dt.date(2014, 12, 13)
    assert meta.turn_days == 7


def test_figures_agree_with_the_fact_sheet() -> None:
    """The scenario's numbers and the seeds/ fact sheet cannot drift apart."""
    sheet = ROOT / "scenarios" / "oil_crescent_2014" / "facts.toml"
    facts = tomli.loads(sheet.read_text(encoding="utf-8"))["fact"]
    value = {f["id"]: f.get("value") for f in facts}
    assert _track("oil_output").start == value["figure-output-352000"]
    assert _track("oil_output").reference == value["figure-output-prewar-1600000"]
    assert _track("displaced").start == value["figure-displaced-400000"]
    assert _region(r"Al-Sidra").facilities.oil_tanks == value["figure-tanks-19"]


# --------------------------------------------------------------------------------------
# Sources and neutral naming


def test_every_source_is_design_or_paragraphs_p0_to_p22_or_context() -> None:
    assert len(elements()) > 100
    context = {s.id for s in scenario().source if s.kind == "context"}
    for element in elements():
        paragraphs = element.paragraphs
        assert paragraphs == ["design"] or set(paragraphs) <= PARAGRAPHS | context, (
            f"{element.path}: source {element.source!r}"
        )
        assert len(paragraphs) == len(set(paragraphs)), f"{element.path}: repeated paragraph"


def test_the_scenario_declares_the_articles_paragraphs_as_its_sources() -> None:
    # The paragraphs are this scenario's [[source]] ids, each described in our own words;
    # outside knowledge is declared apart, as context with a reference.
    declared = [s.id for s in scenario().source if s.kind == "article"]
    assert declared == [f"p{i}" for i in range(23)]
    assert set(declared) == PARAGRAPHS
    assert all(s.title for s in scenario().source)


def test_every_section_with_sources_is_walked() -> None:
    kinds = {e.kind for e in elements()}
    assert kinds >= {
        "Track",
        "Faction",
        "Component",
        "Region",
        "Link",
        "Force",
        "OrderType",
        "Event",
        "Actor",
        "Quote",
    }


def test_factions_are_named_neutrally() -> None:
    names = {f.name for f in scenario().faction}
    assert names == {"Tobruk government", "Libya Dawn", "Foreign powers"}


LOADED = re.compile(r"puppet|imperialis|islamis", re.IGNORECASE)


def _all_strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _all_strings(getattr(value, name), f"{path}.{name}" if path else name)
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _all_strings(item, f"{path}[{i}]")


def _headline() -> str:
    """The article's headline as cited in seeds/README.md (straight apostrophes)."""
    readme = (ROOT / "seeds" / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^> “(.+?)\.?”", readme, re.MULTILINE)
    assert match, "seeds/README.md has no quoted citation"
    return match.group(1).replace("’", "'")


def test_loaded_words_appear_only_in_attributed_framing_quotes() -> None:
    """ "puppet", "imperialist", "Islamist" are the source's words, never the game's.

    One exception: the bibliographic citation in briefing.sources repeats the article's
    headline word for word (a citation must); it is checked to be exactly that headline.
    The briefing's part on the source may quote them, inside quotation marks, citing the
    paragraph they come from.
    """
    framing = {f"briefing.framing[{i}].text" for i in range(len(scenario().briefing.framing))}
    citations = {f"briefing.sources[{i}].title" for i in range(len(scenario().briefing.sources))}
    offending = []
    for path, text in _all_strings(scenario()):
        if not LOADED.search(text):
            continue
        if path in citations:
            assert text.replace("’", "'") == _headline(), f"{path} is not the cited headline"
        elif path.startswith("briefing.about_source"):
            unquoted = re.sub(r"“[^”]*”|\"[^\"]*\"", "", text)
            if LOADED.search(unquoted) or not re.search(r"\(p\d+", text):
                offending.append(f"{path}: {text!r}")
        elif path not in framing:
            offending.append(f"{path}: {text!r}")
    assert not offending, "loaded words outside framing quotes:\n" + "\n".join(offending)

    quoted = [q for q in scenario().briefing.framing if LOADED.search(q.text)]
    assert {w for q in quoted for w in LOADED.findall(q.text.lower())} >= {
        "puppet",
        "imperialis",
        "islamis",
    }
    for quote in quoted:
        assert "article" in quote.by, f"framing quote {quote.text!r} is not attributed"
        assert quote.source.split(",")[0] in PARAGRAPHS


def test_loaded_words_are_not_in_comments_either() -> None:
    """Counted in the raw file: every occurrence is one the loaded model accounts for."""
    raw = DEFAULT.read_text(encoding="utf-8")
    briefing = scenario().briefing
    allowed = (
        [q.text for q in briefing.framing]
        + [c.title for c in briefing.sources]
        + [point for part in briefing.about_source for point in part.points]
    )
    in_model = sum(len(LOADED.findall(text)) for text in allowed)
    assert len(LOADED.findall(raw)) == in_model
