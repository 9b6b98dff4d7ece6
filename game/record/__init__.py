"""Saves, replays and verification: the game as a record."""

from game.record.save import (
    GameRecord,
    Player,
    SaveError,
    load_save,
    parse_save,
    verify,
    write_atomic,
)

__all__ = ["GameRecord", "Player", "SaveError", "load_save", "parse_save", "verify", "write_atomic"]
