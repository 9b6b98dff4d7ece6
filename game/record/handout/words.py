"""Small phrasing helpers of the handout: clean text, names for ids, orders and dates.

A save is outside data: an annotation or a player's note can hold terminal escape
codes, bidirectional overrides or markup. :func:`clean` reduces every piece of text to
printable characters on one line, and every id is turned into the name players know
(an id the scenario does not know is shown as written, cleaned). The renderers then
escape the result for Markdown or HTML.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from game.engine.order_model import Order
from game.engine.world import World
from game.record import words
from game.record.words import long_date

_ESCAPES = re.compile(
    r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL or ST (window titles, links)
    r"|\x1b[P^_X][^\x1b]*(?:\x1b\\)?"  # DCS, PM, APC, SOS strings
    r"|\x1b\[[0-?]*[ -/]*[@-~]"  # CSI sequences (colours, cursor moves)
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
    r"|\x1b[ -/]*[0-~]?"  # any other escape
)
_BIDI = {"\u061c", "\u200e", "\u200f", *(chr(c) for c in range(0x202A, 0x202F))}
_BIDI |= {chr(c) for c in range(0x2066, 0x206A)}
_PRIORITY = re.compile(r"^priority \d+:\s*")


def clean(text: str) -> str:
    """``text`` as printable characters on one line: no escape codes, controls or overrides."""
    text = _ESCAPES.sub("", text)
    out = []
    for char in text:
        if char in _BIDI or unicodedata.category(char) in ("Cc", "Cs", "Co"):
            out.append(" " if char in "\t\n\r\v\f" else "")
        else:
            out.append(char)
    return " ".join("".join(out).split())


def turn_date(world: World, turn: int) -> str:
    """The date a turn begins, in words."""
    return long_date(world.date_of(turn))


def region_name(world: World, key: str) -> str:
    """A region's short name, cleaned for print."""
    return clean(words.region_name(world, key))


def side_name(world: World, key: str | None) -> str:
    """A faction's name (``nobody`` for none), cleaned for print."""
    return clean(words.side_name(world, key))


def order_words(world: World, order: Order) -> str:
    """An order in words, cleaned for print: ``Attack: Misrata → Sirte``."""
    return clean(words.order_text(world, order))


def bot_reason(reason: str, names: Sequence[str] = ()) -> str:
    """A bot's reason without its list position, and without repeating the order's place.

    ``priority 2: Seize the terminals — Sirte (ours 5 against 4)`` on an attack on Sirte
    reads ``Seize the terminals (ours 5 against 4)``: the order beside it names Sirte.
    """
    text = _PRIORITY.sub("", clean(reason))
    for name in sorted(set(names), key=len, reverse=True):
        tail = f" — {name}"
        at = text.find(tail)
        if name and at > 0 and text[at + len(tail) :][:2] in ("", " ("):
            text = text[:at] + text[at + len(tail) :]
            break
    return text


def place_names(world: World, order: Order) -> list[str]:
    """Every name the order's target and origin go by (full and short), for :func:`bot_reason`."""
    names = []
    for key in (order.target, order.origin):
        if key is None:
            continue
        if key in world.regions:
            names += [clean(world.regions[key].name), region_name(world, key)]
        if key in world.factions:
            names.append(clean(world.factions[key].name))
    return names


def first_sentence(text: str) -> str:
    """The first sentence of a log line (a strike's what-was-hit, without the aftermath)."""
    head = clean(text).split(". ")[0].rstrip(". ")
    return head + "."


def first_clause(text: str) -> str:
    """The first clause of a log line (a battle's who-fought-whom and who won)."""
    head = clean(text).split(";")[0].rstrip(". ")
    return head + "."


def signed(value: int) -> str:
    """``+4``, ``-12,000``."""
    return f"{value:+,}"


def clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters: after a whole clause if one fits
    (``A; B; C`` -> ``A; B …``), else at a word boundary, with an ellipsis."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    if "; " in head and len(head.rsplit("; ", 1)[0]) >= limit // 2:
        return head.rsplit("; ", 1)[0] + " …"
    return head.rsplit(" ", 1)[0].rstrip(",;:") + "…"
