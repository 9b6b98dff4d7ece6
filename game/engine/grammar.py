"""Agreement in the words the rules write: counts with their nouns, verbs with their
subjects. The engine's log and every screen use these, so a phrase reads the same
wherever it appears (player-facing words build on them in :mod:`game.record.words`).
"""

from __future__ import annotations


def plural(count: int, word: str, many: str | None = None) -> str:
    """``count`` and ``word`` agreed: ``1 turn``, ``3 turns``, ``2,000 people``.

    ``many`` is the plural when adding an ``s`` is wrong (``plural(2, "city", "cities")``).
    """
    if count == 1 or count == -1:
        return f"{count:,} {word}"
    return f"{count:,} {many if many is not None else word + 's'}"


def verb_for(plural_subject: bool, verb: str) -> str:
    """``verb`` (third person singular: ``repairs``, ``has``, ``fortifies``) agreeing with
    its subject: unchanged for one, the plural form for a plural name (``Allied powers
    repair``). The possessive ``its`` agrees the same way (``their``)."""
    if not plural_subject:
        return verb
    if verb == "has":
        return "have"
    if verb == "its":
        return "their"
    if verb == "is":
        return "are"
    if verb == "was":
        return "were"
    if verb == "does":
        return "do"
    if verb.endswith("ies") and len(verb) > 4:
        return verb[:-3] + "y"
    if verb.endswith(("sses", "shes", "ches", "xes", "zzes")):
        return verb[:-2]
    if verb.endswith("s"):
        return verb[:-1]
    return verb
