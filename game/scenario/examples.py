"""Worked examples of every table of the scenario format, written as an author writes them.

Each table of the format has one or more example tables here, as TOML text: the body of the
table, without its ``[header]``. They serve three readers at once. The JSON Schema takes
each field's example from them (editors show it beside the field's description), the
reference (``scenarios/FORMAT.md``) prints them whole under each table, and the tests
check that every example is a valid table of its model and that every field of every
table appears in at least one example, so an example can neither be wrong nor missing.

A table whose fields cannot all stand together (an event that is a history entry has no
effects) has two examples.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import tomli
from pydantic import BaseModel

from game.scenario import bots, catalogue, map_model, rules, sources, story, tuning
from game.scenario import models as m

_EXAMPLES: dict[type[BaseModel], tuple[str, ...]] = {
    m.Meta: (
        """
id = "oil_crescent_2014"
title = "The Oil Crescent"
subtitle = "Libya, December 2014"
start = 2014-12-13
turns = 12
turn_days = 7
assessment_every = 4
authors = ["A. Teacher"]
description = "Two governments fight over Libya's oil terminals while the UN tries to talk."
""",
    ),
    m.Facilities: (
        """
airport = true
aviation_school = false
port = true
steel_factory = false
chemical_factory = false
oil_tanks = 19
capacity_bpd = 300000
""",
    ),
    m.Region: (
        """
id = "sidra"
name = "Al-Sidra"
kind = "oil_terminal"
lat = 30.64
lon = 18.35
population = 5000
controller = "tobruk"
facilities = { port = true, oil_tanks = 19, capacity_bpd = 300000 }
damage = 10
tanks_ablaze = 2
fortification = 1
offmap = false
source = "p3,p5"
note = "The country's largest oil terminal."
""",
    ),
    m.Link: (
        """
a = "sidra"
b = "ras_lanuf"
kind = "coast"
source = "design"
""",
    ),
    m.Component: (
        """
id = "shield"
name = "Libya Shield"
source = "p7"
""",
    ),
    m.Victory: (
        """
target = 12
terms = [
  { type = "control", regions = ["sidra", "ras_lanuf"], weight = 3 },
  { type = "track", track = "oil_output", per = 100000, weight = 1, label = "oil flowing" },
]
""",
    ),
    m.Faction: (
        """
id = "dawn"
name = "Libya Dawn"
plural = false
short = "Dawn"
glyph = "D"
color = "#2e8b57"
description = "A coalition of western militias holding Tripoli."
action_points = 3
treasury = 20
income = 4
legitimacy = 40
cohesion = 70
cohesion_crack = 25
casualty_legitimacy = 0
occupies = true
payroll_strength = 10
supply = ["tripoli", "misrata"]
components = [{ id = "shield", name = "Libya Shield", source = "p7" }]
victory = { target = 12, terms = [{ type = "control", regions = ["sidra"], weight = 3 }] }
source = "p1,p7"
""",
    ),
    m.Force: (
        """
id = "shield_central"
name = "Libya Shield (central)"
faction = "dawn"
kind = "ground"
region = "sirte"
strength = 6
component = "shield"
source = "p7"
""",
    ),
    m.Track: (
        """
id = "displaced"
name = "Displaced people"
start = 400000
min = 0
max = 2000000
unit = "people"
reference = 106000
reference_label = "fled in one month"
description = "People who have fled their homes; aid and quiet turns bring some back."
source = "p14"
""",
    ),
    m.Event: (
        """
id = "unhcr-report"
title = "UNHCR counts the displaced"
date = 2014-12-13
when = { type = "track_at_least", track = "displaced", value = 500000 }
once = true
faction = "foreign"
effects = [{ type = "track", track = "intervention_pressure", add = 3 }]
text = "The UN refugee agency reports that 106,000 people fled their homes in a month."
source = "p14"
""",
        """
id = "airstrikes-sidra"
title = "Tobruk's jets strike Dawn's positions"
turn = 2
history = true
faction = "tobruk"
text = "The Tobruk government answers the offensive with air strikes."
source = "p9"
""",
    ),
    m.Quote: (
        """
text = "We will not allow the oil to be taken."
by = "A Tobruk commander"
source = "p10"
date = 2014-12-28
""",
    ),
    m.Actor: (
        """
id = "leon"
name = "Bernardino León"
role = "UN envoy"
faction = "foreign"
track = "un_talks"
source = "p19"
""",
    ),
    m.Citation: (
        """
title = "Battle for Libya's oil crescent"
detail = "A news report of 28 December 2014; paragraphs p0-p22."
file = "oil_crescent_2014/facts.toml"
""",
    ),
    m.Briefing: (
        """
situation = ["Two governments claim Libya.", "Dawn marches on the oil terminals."]
framing = [{ text = "Islamist-backed militias", by = "Tobruk's spokesman", source = "p2" }]
quotes = [{ text = "We will not allow it.", by = "A commander", source = "p10" }]
sources = [{ title = "Battle for Libya's oil crescent" }]
about_source = [{ heading = "Who published it", points = ["A news agency, 28 December 2014."] }]
""",
    ),
    m.SourceSection: (
        """
heading = "What it leaves out"
points = [
  "The two parliaments, in Tobruk and in Tripoli (context: news reports, 2014).",
  "The regional backers of each camp (context: news reports, 2014).",
]
""",
    ),
    m.Scenario: (),
    catalogue.OrderType: (
        """
id = "strike_terminal"
kind = "air_strike"
name = "Air strike"
factions = ["tobruk"]
cost = 2
price = 3
per_turn = 1
power = 3
range_km = 800
escalation = 2
legitimacy = -1
target_legitimacy = 0
cohesion = 0
target_cohesion = -2
duration = 0
diminishing = 1
requires = { type = "stat_at_least", faction = "tobruk", stat = "treasury", value = 3 }
description = "Jets strike a region within range: forces, facilities and tanks."
source = "p9"
""",
    ),
    tuning.Tuning: (
        """
die = 6
city_defence = 1
fortify_max = 3
revenue_per_10k_bpd = 1
battle_displaced_permille = 25
strike_displaced_permille = 12
siege_displaced_permille = 8
displaced_per_escalation = 2500
return_permille = 20
aid_returns = 4000
battle_access = -4
access_drift = 1
escalation_decay = 1
talks_decay = 1
pressure_per_100k_displaced = 1
pressure_decay = 1
fire_damage = 2
decisive_margin = 3
upkeep_per_strength = 0
cohesion_decay = 1
cohesion_per_region_lost = 4
unsupplied_loss = 1
air_defence = 1
peacekeeper_escalation = 2
""",
    ),
    map_model.Shape: (
        """
name = "coast"
points = [[32.9, 13.2], [32.4, 15.1], [31.2, 16.6], [30.4, 18.9]]
""",
    ),
    map_model.MapSpec: (
        """
outline = [{ name = "coast", points = [[32.9, 13.2], [31.2, 16.6], [30.4, 18.9]] }]
frame = [[29.0, 11.0], [33.5, 21.0]]
labels = { ras_lanuf = "R.Lanuf" }
home = { dawn = "tripoli" }
""",
    ),
    bots.Priority: (
        """
label = "strike the strongest enemy column"
order = "strike_terminal"
target = "enemy_strongest"
prefer = ["sidra", "ras_lanuf"]
when = { type = "turn_at_least", turn = 2 }
""",
    ),
    bots.Bot: (
        """
id = "dawn-rules"
faction = "dawn"
name = "Dawn's commanders"
priority = [{ label = "take the terminals", order = "attack", target = "enemy_terminal" }]
""",
    ),
    sources.SourceEntry: (
        """
id = "p3"
title = "Dawn's offensive on the oil terminals begins"
author = "A. Reporter"
outlet = "A news agency"
date = 2014-12-28
url = "https://example.org/libya-oil-crescent"
citation = "A. Reporter, 'Battle for the oil crescent', 28 December 2014, paragraph 3."
note = "The dates of the offensive."
""",
    ),
    story.Story: (
        """
history_label = "in 2014"
framing_note = "The sides are named neutrally; the source's own words are quoted, attributed."
facts = "oil_crescent_2014/facts.toml"
""",
    ),
    # -- tagged tables: conditions ----------------------------------------------------
    rules.TrackAtLeast: ('type = "track_at_least"\ntrack = "escalation"\nvalue = 7\n',),
    rules.TrackAtMost: ('type = "track_at_most"\ntrack = "oil_output"\nvalue = 150000\n',),
    rules.StatAtLeast: (
        'type = "stat_at_least"\nfaction = "tobruk"\nstat = "treasury"\nvalue = 10\n',
    ),
    rules.StatAtMost: ('type = "stat_at_most"\nfaction = "dawn"\nstat = "cohesion"\nvalue = 30\n',),
    rules.Controls: ('type = "controls"\nfaction = "dawn"\nregion = "sidra"\n',),
    rules.StrengthAtLeast: (
        'type = "strength_at_least"\nfaction = "dawn"\nregion = "sirte"\nvalue = 4\n',
    ),
    rules.TurnAtLeast: ('type = "turn_at_least"\nturn = 3\n',),
    rules.Happened: (
        'type = "happened"\nwhat = "air_strike"\nfaction = "tobruk"\nregion = "sidra"\n',
    ),
    rules.AllOf: (
        'type = "all"\nconditions = [\n'
        '  { type = "controls", faction = "dawn", region = "sidra" },\n'
        '  { type = "turn_at_least", turn = 4 },\n]\n',
    ),
    rules.AnyOf: (
        'type = "any"\nconditions = [\n'
        '  { type = "track_at_least", track = "escalation", value = 8 },\n'
        '  { type = "happened", what = "battle_in_city" },\n]\n',
    ),
    rules.Not: (
        'type = "not"\ncondition = { type = "controls", faction = "dawn", region = "sidra" }\n',
    ),
    # -- tagged tables: effects -------------------------------------------------------
    rules.TrackEffect: ('type = "track"\ntrack = "intervention_pressure"\nadd = 3\n',),
    rules.StatEffect: ('type = "stat"\nfaction = "tobruk"\nstat = "legitimacy"\nadd = -5\n',),
    rules.StrengthEffect: ('type = "strength"\nfaction = "dawn"\nregion = "sirte"\nadd = 2\n',),
    rules.DamageEffect: ('type = "damage"\nregion = "ras_lanuf"\nadd = 20\n',),
    rules.TanksAblazeEffect: ('type = "tanks_ablaze"\nregion = "sidra"\nadd = 3\n',),
    rules.ControlEffect: ('type = "control"\nregion = "sirte"\nfaction = "neutral"\n',),
    # -- tagged tables: victory terms -------------------------------------------------
    rules.TrackTerm: (
        'type = "track"\ntrack = "oil_output"\nper = 100000\nweight = 1\nlabel = "oil flowing"\n',
    ),
    rules.StatTerm: (
        'type = "stat"\nstat = "legitimacy"\nfaction = "tobruk"\nper = 10\nweight = 1\n'
        'label = "standing"\n',
    ),
    rules.ControlTerm: (
        'type = "control"\nregions = ["sidra", "ras_lanuf"]\nweight = 3\nlabel = "terminals"\n',
    ),
    rules.StrengthTerm: ('type = "strength"\nper = 5\nweight = 1\nlabel = "fighters"\n',),
}

EXAMPLES: Mapping[type[BaseModel], tuple[str, ...]] = MappingProxyType(
    {model: tuple(text.strip() + "\n" for text in texts) for model, texts in _EXAMPLES.items()}
)
"""Example tables by model, as TOML text (the whole scenario has none: see the shipped ones)."""


def example_tables(model: type[BaseModel]) -> list[dict[str, object]]:
    """The model's example tables, parsed (an empty list for a model without examples)."""
    return [tomli.loads(text) for text in EXAMPLES.get(model, ())]
