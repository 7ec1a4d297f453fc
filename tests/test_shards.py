"""Shards behaves as the dict it stands in for, whatever the keys' hashes."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from composer.shards import PARTS, Shards
from composer.sharing import share_interpreter

keys = st.lists(st.text(max_size=12), max_size=300)


@pytest.fixture(params=["beside a window", "alone"], autouse=True)
def beside_a_window(request: pytest.FixtureRequest):
    """Both forms: 64 parts in a thread that shares the interpreter with a GUI, else one."""
    share_interpreter(request.param == "beside a window")
    yield request.param == "beside a window"
    share_interpreter(False)


@given(keys, keys)
def test_it_answers_as_a_dict_does(added: list[str], removed: list[str]) -> None:
    expected: dict[str, int] = {}
    made: Shards[int] = Shards()
    for number, key in enumerate(added):
        assert made.setdefault(key, number) == expected.setdefault(key, number)
    for key in removed:
        assert made.pop(key, None) == expected.pop(key, None)
        assert (key in made) == (key in expected)
    assert len(made) == len(expected)
    assert sorted(made) == sorted(expected)
    assert sorted(made.values()) == sorted(expected.values())
    assert dict(made.items()) == expected
    for key in added:
        assert made.get(key) == expected.get(key)


def test_pop_without_a_default_raises_as_a_dict_does() -> None:
    made = Shards([("a", 1)])
    assert made.pop("a") == 1
    with pytest.raises(KeyError):
        made.pop("a")
    with pytest.raises(KeyError):
        made["a"]


def test_a_set_of_keys_spreads_over_every_part(beside_a_window: bool) -> None:
    made = Shards.of_keys((f"customer{n}@example.com" for n in range(10_000)), True)
    assert len(made) == 10_000
    sizes = [len(part) for part in made._parts]
    if not beside_a_window:
        assert sizes == [10_000]  # one dict, filled in one C call
        return
    assert len(sizes) == PARTS
    assert max(sizes) < 3 * 10_000 / PARTS  # no part holds most of them


def test_dropped_it_lets_go_of_every_key() -> None:
    kept = [f"customer{n}@example.com" for n in range(1_000)]
    before = [sys.getrefcount(key) for key in kept]
    made = Shards.of_keys(kept, True)
    assert [sys.getrefcount(key) for key in kept] == [n + 1 for n in before]
    del made
    assert [sys.getrefcount(key) for key in kept] == before
