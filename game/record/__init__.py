"""A game as a record: the match loop, its history tree, saves, and verification."""

from game.record.history import MAIN, Annotation, History, TurnNode
from game.record.match import Match
from game.record.save import SaveError, load_save, new_match, parse_save, write_save
from game.record.verify import Divergence, verify_match

__all__ = [
    "MAIN",
    "Annotation",
    "Divergence",
    "History",
    "Match",
    "SaveError",
    "TurnNode",
    "load_save",
    "new_match",
    "parse_save",
    "verify_match",
    "write_save",
]
