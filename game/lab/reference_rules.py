"""The "Rules an author must know" part of the scenario reference (``scenarios/FORMAT.md``).

A scenario is data, but a few of its ids, words and numbers have a fixed meaning in the
engine: six tracks every scenario declares, what makes a place a city, which links carry
troops, where aircraft fly from. An author who meets these only in an error message
loses an afternoon, so the reference states them once, in words, before the tables.

Every number here is read from the code that applies it (a population threshold, a
tuning default, the oil formula), so the text cannot quote a figure the game no longer
uses; the per-value descriptions (region kinds, facilities, link and force kinds, bot
targets) live in the models' field docstrings, printed under each table and shown by
editors, and are only pointed to from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from game.engine.targets import CITY_POPULATION
from game.engine.world import POPULOUS
from game.scenario.formulas import terminal_output_bpd
from game.scenario.models import REQUIRED_TRACKS
from game.scenario.tuning import Tuning

_DEFAULTS = Tuning()


def _tuned(name: str) -> str:
    """A tuning key with its default, as the text names it: ``battle_access`` (default -4)."""
    return f"`{name}` (default {getattr(_DEFAULTS, name):,})"


TRACK_RULES: Mapping[str, str] = MappingProxyType(
    {
        "oil_output": (
            "What the map's oil regions export, a day. The engine sets it in every turn's oil "
            "count to the sum of each region's export (its `capacity_bpd` cut by damage and "
            "burning tanks, as under *Oil output at the start*), counting nothing from a "
            "region nobody holds, one fought over that turn or one under siege. Each "
            f"region's holder is paid {_tuned('revenue_per_10k_bpd')} treasury for every "
            "10,000 a turn (half under sanctions); while the track is below half its start, "
            "intervention pressure gains 1 a turn. The value stays within the track's `min` "
            "and `max`, so make `max` at least the sum of every region's `capacity_bpd`."
        ),
        "displaced": (
            "People who have fled their homes. Each battle adds "
            f"{_tuned('battle_displaced_permille')} per thousand of the region's population; "
            "a strike or raid that harms civilians in a city adds "
            f"{_tuned('strike_displaced_permille')} per thousand; each turn of a siege adds "
            f"{_tuned('siege_displaced_permille')} per thousand; and every turn "
            f"{_tuned('displaced_per_escalation')} people flee per point of escalation. "
            "Every turn some return: displaced × access ÷ 100 × "
            f"{_tuned('return_permille')} ÷ 1,000; each aid order helps "
            f"{_tuned('aid_returns')} people home per point of its power. Its rise above its "
            "own `start` drives intervention pressure."
        ),
        "humanitarian_access": (
            "How well aid reaches people, read as a percentage: give it `min = 0` and "
            "`max = 100` (the return of the displaced is worked out from it as a share of "
            "100). Aid orders add their power; each battle changes it by "
            f"{_tuned('battle_access')}; strikes or raids that harm civilians and every "
            "turn of a siege lower it; each quiet turn (no battle, strike or raid) it "
            f"recovers by {_tuned('access_drift')}."
        ),
        "un_talks": (
            "Negotiations between the sides. `negotiate` and `diplomatic_pressure` orders "
            "add their power, and when two or more sides negotiate in the same turn the "
            "talks gain 2 more for each extra side. They erode by "
            f"{_tuned('talks_decay')} every quiet turn and by twice that after a turn of "
            "fighting. While they are at half their `max` or more, escalation falls by 1 a "
            "turn. The game's log calls them UN talks whatever their `name`; in your setting "
            "they are whatever mediation there is (a regional body, a church, a neighbour)."
        ),
        "intervention_pressure": (
            "How hard outside powers are pushed to act. Every turn it eases by "
            f"{_tuned('pressure_decay')} and gains {_tuned('pressure_per_100k_displaced')} "
            "for every full 100,000 people displaced above the `displaced` track's start; it "
            "gains 1 more while oil output is below half its start and 1 more while "
            "escalation is at 70% of its `max` or above. Nothing in the engine acts on it by "
            "itself: it is the track an intervention order's `requires` and events' `when` "
            "read (see *A side that never holds ground* below)."
        ),
        "escalation": (
            "The shared clock of the war. It rises by each given order's `escalation`, by 1 "
            "for each city (a region of "
            f"{POPULOUS:,} people or more) a side attacks in a turn by land, air or sea, by "
            "1 when civilians are harmed, by 1 for each turn of a siege and by "
            f"{_tuned('peacekeeper_escalation')} for attacking where a side that never "
            f"holds ground stands. It falls by {_tuned('escalation_decay')} on a quiet turn, "
            "by 1 while talks are past half their `max` and by 1 when several sides "
            "negotiate in one turn. Each point is booked to the side whose act caused it "
            "(it breaks ties between margins). **When it reaches its `max` the game ends at "
            "once and every side loses.** Once it is halfway up, rule bots strike or raid at "
            "most one city a turn from the air or the sea."
        ),
    }
)
"""What the engine does with each required track, by id (the keys are REQUIRED_TRACKS)."""


def _example_output() -> str:
    capacity, tanks, damage, ablaze = 300_000, 19, 10, 2
    out = terminal_output_bpd(capacity, tanks, damage, ablaze)
    return (
        f"For example a terminal with `capacity_bpd = {capacity}`, `oil_tanks = {tanks}`, "
        f"`damage = {damage}` and `tanks_ablaze = {ablaze}` produces {capacity:,} × "
        f"{100 - damage} ÷ 100 × {tanks - ablaze} ÷ {tanks} = {out:,}."
    )


def rules_section() -> str:
    """The section as Markdown, headed ``## Rules an author must know``."""
    tracks = "\n".join(
        f"- `{tid}`: {TRACK_RULES[tid]}" for tid in REQUIRED_TRACKS if tid in TRACK_RULES
    )
    return "\n\n".join(
        (
            "## Rules an author must know",
            "The engine is the same for every scenario, so a few ids, words and numbers mean "
            "the same thing in all of them. Each rule below is what the game does; its "
            "numbers are read from the game itself, and `[tuning]` keys are shown with their "
            "defaults (a scenario may change them).",
            "### The tracks every scenario declares",
            f"Every scenario has a `[[track]]` with each of these {len(REQUIRED_TRACKS)} ids, "
            "because the turn's phases read and change them. The `name`, `unit`, "
            "`description` and range are yours; the id and what the engine does with it are "
            "fixed. Any other track you add changes only through events' effects and counts "
            "only in conditions and victory terms.",
            tracks,
            "**Oil in another setting.** The engine's economy speaks of oil whatever the track "
            'is called: the log reports "Oil output … bpd" and "export revenue", a '
            "region's income is its `capacity_bpd` and its stores are `oil_tanks` that can "
            'burn. Read "oil" as whatever a place produces that pays whoever holds it (a '
            "mine's ore, a port's customs, a dam's electricity, a valley's harvest) and "
            '"bpd" as its units a day, and name the track for it (`name = "Copper '
            'exported"`, `unit = "tonnes"`). A setting without such income gives no region '
            "a `capacity_bpd` and starts the track at 0 (the log then reports an output of "
            "0 each turn).",
            "### Oil output at the start",
            "`sidra validate` requires the `oil_output` track's `start` to equal what the "
            "regions produce at the start, so the first turn's count does not jump. Each "
            "region produces `capacity_bpd` × (100 − `damage`) ÷ 100 × (`oil_tanks` − "
            "`tanks_ablaze`) ÷ `oil_tanks`, rounded down to a whole number (a region without "
            "tanks leaves out the last factor), and the start is the sum over every region. "
            + _example_output()
            + " The check counts every region, held or not; from the first count on, a region "
            "nobody holds exports nothing, so give oil regions a holder or expect the first "
            "turn to fall.",
            "### Places, cities and facilities",
            "A region's `kind` and its `facilities` come from fixed lists; what each does is "
            "said under `[[region]]` and *Facilities*. What makes a place a city in the "
            "rules is its `population`, whatever its kind: from "
            f"{CITY_POPULATION:,} people a side may recruit and mobilise there (and in its "
            "own `supply` regions whatever their size) and declare it a military zone; from "
            f"{POPULOUS:,} people its streets add `city_defence` to its defenders in battle, "
            "an attack on it by land, air or sea adds escalation and a strike or raid may "
            "harm its civilians, and rule bots count it as an enemy city.",
            "### Links, coasts and islands",
            "Ground forces move, attack and are supplied only along `road` and `coast` links: "
            "a `sea` link never carries them. Both ends of a `coast` or `sea` link are "
            "coastal, which is what a naval raid needs of its target. Aircraft, boats and "
            "interventions need no link: they reach whatever lies within their order's "
            "`range_km`, measured in a straight line between the regions' coordinates. A "
            "region changes hands only when one side alone has ground forces in it, so "
            "strikes and raids can empty a place but never take it. An island joined to the "
            "rest only by `sea` links can therefore be reached by ground forces only through "
            "an `intervene` order from an off-map staging area, strength raised on it "
            "(`recruit`, `deploy` or `arms_support` where a side already holds it) or an "
            "event's `strength` or `control` effect. To let troops cross a strait, join its "
            "shores with a `coast` link (a ferry or a landing beach). An off-map staging area "
            "also supplies its side's forces over `sea` links.",
            "### Aircraft and boats",
            "An air force starts in a region with an `airport`, or of kind `airbase` or "
            "`staging`. An air strike or raid flies from the giver's aircraft nearest the "
            "target, and the target must lie within the order's `range_km` of them. An air "
            "strike rolls one die per point of strength of the aircraft at that base, up to "
            "the order's `power`: aircraft of strength 2 given a strike of power 3 roll 2 "
            "dice. An air raid rolls `power` dice whatever their strength. A naval raid "
            "rolls one die per point of strength of the boats in its origin, up to `power`. "
            "No order raises air or naval strength, so aircraft shot down or caught on the "
            "ground and boats lost are gone for good. When the region they are based in "
            "changes hands, aircraft fly to the nearest region their side holds with an "
            "airport or aviation school, or of kind `airbase` or `staging`, and boats to the "
            "nearest with a port or of kind `staging`; with none they are lost.",
            "### Coordinates and the map",
            "Every region has a `lat` and `lon`, off-map ones too: the engine measures air, "
            "naval and intervention ranges between them in kilometres (a degree of latitude "
            "is about 111 km; a degree of longitude is as long at the equator and shorter "
            "toward the poles), and the map draws each on-map region where it lies. For a "
            "made-up place, pick an empty patch of the globe the size of your theatre (the "
            "Serre Delta sits in the open South Pacific, so no real place is meant), away "
            "from the poles and not across the 180° meridian, where distances do not wrap "
            "round. Lay the places out at the distances you mean, then set each order's "
            "`range_km` from them. Without `[map] frame` the map fits its on-map regions "
            "with a margin; `frame` names the box instead, and `outline` draws coasts and "
            "borders from `[latitude, longitude]` points in the same degrees. Off-map regions "
            "are drawn in a strip above the map, so their coordinates only set distances. "
            "The map is a few dozen characters wide: places very close together compared "
            "with the whole theatre are drawn side by side with shortened labels, which "
            "`[map] labels` can set.",
            "### A side that never holds ground",
            "A faction with `occupies = false` (peacekeepers, a foreign power) never takes a "
            "region: its ground forces stand beside the side that holds the place (their "
            "client), defend it with them, need no supply, and go back to an off-map staging "
            "area their side holds when the client loses it (lost, if their side holds "
            "none: give it a staging area with `controller` set to its id). Whoever attacks "
            f"where they stand owns {_tuned('peacekeeper_escalation')} more escalation. The "
            "orders that make sense for it are `deploy` (troops into its staging area), "
            "`intervene` (land them beside a holder), `move` (between places its client "
            "holds), `aid` (any populated region), `repair` (any region someone holds), "
            "`negotiate`, `diplomatic_pressure`, `sanctions`, `ultimatum`, `arms_support`, "
            "and `air_strike`, `air_raid` or `naval_raid` if it has aircraft or boats. It "
            "cannot `attack`; `fortify`, `recruit` and `mobilise` need an on-map region it "
            "holds, which it has only if the scenario gives it one at the start.",
            "**Making an intervention possible.** The engine has no threshold of its own: an "
            "`intervene` order can be given when the side has ground forces in an off-map "
            "staging area, another side holds the target within `range_km` of it, and the "
            "order's `requires` holds. Most scenarios tie it to the `intervention_pressure` "
            'track, as in `requires = { type = "track_at_least", track = '
            '"intervention_pressure", value = 45 }`. Set the threshold where the track can '
            f"get to: with the defaults it eases by {_DEFAULTS.pressure_decay} a turn unless "
            "displacement grows by "
            "100,000 above its start, oil output halves or escalation nears its top, so a "
            f"track starting at 30 is at {30 - 4 * _DEFAULTS.pressure_decay} after four such "
            "turns. Start it a little below "
            'the threshold, add events whose effects raise it (`{ type = "track", track = '
            '"intervention_pressure", add = 5 }`), give the side\'s bot a line for the order '
            '(usually `target = "client_threatened"`), and run `sidra lint`: it lists the '
            "orders bots never or rarely gave.",
        )
    )
