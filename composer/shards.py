"""Shards: a dict keyed by customer, split into parts so that no single step over it holds
the interpreter for long.

A plain dict or set of a million customers grows by copying itself into a table twice the
size, a step of 40 ms or more that no other thread can interrupt: the window freezes while a
worker builds one. Split by hash into ``PARTS`` dicts, each growth copies a 64th of it, and
the steps between parts are ordinary bytecode, where the window gets its turn. Dropping one
frees it part by part for the same reason. Made in a thread that shares nothing with a window
(the command line: ``sharing.sharing_interpreter`` is false), it is one part, filled in C."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, MutableMapping
from itertools import chain, repeat
from typing import Any, TypeVar, overload

from composer.sharing import sharing_interpreter

_V = TypeVar("_V")
_D = TypeVar("_D")

PARTS = 64
_MISSING: Any = object()


class Shards(MutableMapping[str, _V]):
    """A ``dict[str, V]`` in ``PARTS`` parts; iteration goes part by part (not insertion
    order)."""

    __slots__ = ("_mask", "_parts")

    def __init__(self, items: Iterable[tuple[str, _V]] = ()) -> None:
        self._mask = PARTS - 1 if sharing_interpreter() else 0
        self._parts: list[dict[str, _V]] = [{} for _ in range(self._mask + 1)]
        if not self._mask:
            self._parts[0].update(items)
            return
        parts, mask = self._parts, self._mask
        for key, value in items:
            parts[hash(key) & mask][key] = value

    @classmethod
    def of_keys(cls, keys: Iterable[str], value: _V) -> Shards[_V]:
        """Every key with the same value (a set, when the value does not matter)."""
        return cls(zip(keys, repeat(value)))

    def __getitem__(self, key: str) -> _V:
        return self._parts[hash(key) & self._mask][key]

    def __setitem__(self, key: str, value: _V) -> None:
        self._parts[hash(key) & self._mask][key] = value

    def __delitem__(self, key: str) -> None:
        del self._parts[hash(key) & self._mask][key]

    def __contains__(self, key: object) -> bool:
        return key in self._parts[hash(key) & self._mask]

    def get(self, key: str, default: _V | None = None) -> _V | None:  # type: ignore[override]
        return self._parts[hash(key) & self._mask].get(key, default)

    def setdefault(self, key: str, default: _V) -> _V:
        return self._parts[hash(key) & self._mask].setdefault(key, default)

    @overload
    def pop(self, key: str) -> _V: ...
    @overload
    def pop(self, key: str, default: _D) -> _V | _D: ...
    def pop(self, key: str, default: Any = _MISSING) -> Any:
        part = self._parts[hash(key) & self._mask]
        return part.pop(key) if default is _MISSING else part.pop(key, default)

    def values(self) -> Iterator[_V]:  # type: ignore[override]
        return chain.from_iterable(part.values() for part in self._parts)

    def __iter__(self) -> Iterator[str]:
        return chain.from_iterable(self._parts)

    def __len__(self) -> int:
        return sum(map(len, self._parts))

    def __repr__(self) -> str:
        return f"Shards({len(self)} keys)"

    def __del__(self) -> None:
        parts = self._parts
        while parts:  # one part at a time: other threads run between the frees
            parts.pop()


__all__ = ["PARTS", "Shards"]
