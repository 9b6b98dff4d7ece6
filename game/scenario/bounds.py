"""The bounds of the scenario format: every number, count and text has a documented range.

A scenario is outside data, so each value an author writes is held to a range chosen
for two reasons. A value must make sense for the game (a percentage is 0 to 100, an
order costs at least one action point). And the worst scenario the format allows must
still play: every loop of the rules runs at most a bounded number of times (one die per
point of power, one pick per action point), every count is small enough that the work
and memory of a turn stay under a second and 500 MB (``tests/test_worst_scenario.py``
builds that scenario and plays it), and every number any state can reach stays far
below 10**15, so it is exact as a float and a chart or a bar never overflows. (The
richest a faction can get: a treasury of 10**9, plus 500 turns of income, oil revenue
and 300 events of 20 treasury effects each, stays under 10**13; the strongest unit
under 10**10; a victory score, 20 terms of weight 100 on tracks of 10**12, under
2 * 10**15.)

The models (:mod:`game.scenario.models`, ``rules``, ``tuning``, ``bots``) use these
constants, so the JSON Schema and the loader's messages carry the same ranges; the
README's "Writing scenarios" section lists them.
"""

from __future__ import annotations

from typing import Annotated, Final

from pydantic import Field

from game.scenario.errors import MAX_PROBLEMS as MAX_PROBLEMS

# -- the file -------------------------------------------------------------------------

MAX_FILE_BYTES: Final = 2 * 1024 * 1024
"""A scenario file is at most 2 MiB (the shipped one is 35 KB); checked before parsing."""

# MAX_PROBLEMS (at most this many problems are listed) lives with the error that lists
# them, so showing an error does not import pydantic; it is re-exported here.

# -- counts ---------------------------------------------------------------------------

MAX_REGIONS: Final = 120
MAX_FACTIONS: Final = 8
MAX_TRACKS: Final = 32
MAX_LINKS: Final = 600
MAX_FORCES: Final = 300
MAX_ORDERS: Final = 40
"""Entries in the order catalogue."""
MAX_EVENTS: Final = 200
MAX_ACTORS: Final = 200
MAX_BOTS: Final = MAX_FACTIONS
"""Rule-bot profiles (a faction's bots play its first one)."""
MAX_PRIORITIES: Final = 40
"""Lines in one rule bot's priority list."""
MAX_COMPONENTS: Final = 12
"""Members of one coalition faction."""
MAX_TERMS: Final = 20
"""Terms of one victory formula."""
MAX_EFFECTS: Final = 20
"""Effects of one event."""
MAX_CONDITIONS: Final = 16
"""Conditions in one ``when`` or ``requires`` tree, counting every nested one."""
MAX_CONDITION_DEPTH: Final = 6
"""Nesting of ``all`` / ``any`` / ``not`` in one condition tree."""
MAX_ITEMS: Final = 50
"""Any other list: briefing paragraphs, quotes, sources, authors, preferred targets."""

# -- the calendar ---------------------------------------------------------------------

MAX_TURNS: Final = 200
MAX_TURN_DAYS: Final = 365

# -- numbers --------------------------------------------------------------------------

MAX_DIE: Final = 1000
"""Sides of the die (at least 2)."""
MAX_ACTION_POINTS: Final = 20
"""A faction's action points a turn, and so the most orders it gives in one."""
MAX_POWER: Final = 20
"""An order's power: strikes and raids roll one die per point."""
MAX_PER_TURN: Final = MAX_ACTION_POINTS
"""How often one order may be given in a turn (never more than the points allow)."""
MAX_RANGE_KM: Final = 20_000
"""Half the Earth's circumference: no two places are further apart."""
MAX_SHIFT: Final = 100
"""An order's change to escalation, legitimacy or cohesion, either way."""
MAX_STRENGTH: Final = 99
"""A force's strength at the start."""
MAX_STRENGTH_CHANGE: Final = 1000
"""A strength effect or condition, either way."""
MAX_STAT_CHANGE: Final = 1_000_000
"""A statistic effect (treasury, legitimacy, cohesion), either way."""
MAX_MONEY: Final = 1_000_000_000
"""Treasury, income and prices."""
MAX_TRACK: Final = 1_000_000_000_000
"""A track's bounds, start and reference, and the values conditions and effects use."""
MAX_POPULATION: Final = 10_000_000_000
MAX_TANKS: Final = 1000
MAX_CAPACITY_BPD: Final = 100_000_000
"""A region's oil export capacity (the whole world pumps about this much a day)."""
MAX_LEVEL: Final = 100
"""Percentages and small rule levels: damage, legitimacy, fortification, cohesion..."""
MAX_WEIGHT: Final = 100
"""A victory term's weight, either way."""
MAX_TARGET: Final = 1_000_000_000
"""A victory target, either way, and the decisive margin."""
MAX_PER: Final = MAX_TRACK
"""A victory term's divisor (``per``)."""
MAX_DECISIVE_MARGIN: Final = 1_000_000
"""Lead over the target that ends a game early (1,000,000 switches the early end off)."""
MAX_PEOPLE_RATE: Final = 10_000_000
"""People per point (displaced per escalation, helped home per point of aid)."""
MAX_PERMILLE: Final = 1000

# -- text -----------------------------------------------------------------------------

MAX_ID: Final = 40
"""Ids and references to them."""
MAX_NAME: Final = 80
"""Names, titles, labels, speakers."""
MAX_PROSE: Final = 2000
"""Descriptions, paragraphs, quotations, event texts."""
MAX_SOURCE: Final = 200
"""A ``source`` list of paragraphs."""

Ref = Annotated[str, Field(max_length=MAX_ID)]
"""A reference to an id declared elsewhere in the scenario."""
Name = Annotated[str, Field(max_length=MAX_NAME)]
"""A short text shown as a name or a label."""
Prose = Annotated[str, Field(max_length=MAX_PROSE)]
"""A longer text: a description, a paragraph, a quotation."""
