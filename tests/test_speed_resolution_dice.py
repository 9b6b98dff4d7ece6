"""The dice computed in Python give exactly what numpy's Philox gives for the same key.

The engine rolls without re-seating a numpy generator for every die (that was most of
the cost of a roll); these tests hold it to numpy's own output, so the values stay the
ones every saved game was played with.
"""

from __future__ import annotations

import hashlib

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from numpy.random import Philox

from game.engine.dice import MAX_SIDES, Dice, game_key, philox_block, round_keys

_TWO64 = 1 << 64


def numpy_value(seed: int, stream: int, address: str, sides: int) -> int:
    """A roll as the dice made it with numpy: counter from the digest, then ``random_raw``."""
    key = game_key(seed, stream)
    bits = Philox(key=key)
    digest = hashlib.blake2b(address.encode("utf-8"), digest_size=32).digest()
    bits.state = {
        "bit_generator": "Philox",
        "state": {"counter": np.frombuffer(digest, dtype="<u8"), "key": key},
        "buffer": np.zeros(4, dtype=np.uint64),
        "buffer_pos": 4,
        "has_uint32": 0,
        "uinteger": 0,
    }
    limit = _TWO64 - (_TWO64 % sides)
    while True:
        raw = int(bits.random_raw())
        if raw < limit:
            return raw % sides + 1


def numpy_blocks(seed: int, counter: int, blocks: int) -> list[int]:
    """The raw words numpy's Philox gives after its counter is set to ``counter``."""
    key = game_key(seed)
    bits = Philox(key=key)
    words = [(counter >> (64 * i)) & (_TWO64 - 1) for i in range(4)]
    bits.state = {
        "bit_generator": "Philox",
        "state": {"counter": np.array(words, dtype=np.uint64), "key": key},
        "buffer": np.zeros(4, dtype=np.uint64),
        "buffer_pos": 4,
        "has_uint32": 0,
        "uinteger": 0,
    }
    return [int(x) for x in bits.random_raw(4 * blocks)]


@given(
    seed=st.integers(min_value=0, max_value=2**64 - 1),
    stream=st.integers(min_value=0, max_value=3),
    text=st.text(max_size=60),
    sides=st.one_of(st.sampled_from([2, 6, 20, 1000, MAX_SIDES]), st.integers(2, MAX_SIDES)),
)
def test_every_roll_is_the_one_numpy_gives(seed: int, stream: int, text: str, sides: int) -> None:
    assert Dice(seed, stream).value(text, sides) == numpy_value(seed, stream, text, sides)


@given(
    seed=st.integers(min_value=0, max_value=2**64 - 1),
    counter=st.one_of(
        st.integers(min_value=0, max_value=2**256 - 1),
        st.sampled_from([0, 2**64 - 1, 2**128 - 1, 2**192 - 1, 2**256 - 2, 2**256 - 1]),
    ),
)
def test_blocks_follow_numpys_counter_with_its_carries(seed: int, counter: int) -> None:
    # numpy steps the counter (with carries, wrapping at 2**256) before each block; a
    # rejected draw takes the next word of the block, then the next block's.
    keys = round_keys(seed)
    ours = [word for step in (1, 2) for word in philox_block((counter + step) % 2**256, keys)]
    assert ours == numpy_blocks(seed, counter, 2)


def test_dice_of_one_game_share_their_keys() -> None:
    assert Dice(2014)._keys is Dice(2014)._keys
    assert Dice(2014)._keys != Dice(2014, stream=1)._keys
