"""Deeply immutable JSON values, so that CSL-JSON fields can live inside frozen attrs classes.

A `FrozenDict` is a hashable, read-only mapping; `freeze` turns any JSON value into nested
FrozenDicts and tuples, `thaw` turns it back into plain dicts and lists for serialisation.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any


class FrozenDict(Mapping[str, Any]):
    """A read-only mapping that keeps insertion order and can be hashed."""

    __slots__ = ("_data", "_hash")

    def __init__(self, data: Mapping[str, Any] | None = None) -> None:
        self._data: dict[str, Any] = dict(data or {})
        self._hash: int | None = None

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(tuple(sorted(self._data.items(), key=lambda kv: kv[0])))
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return dict(self._data) == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"FrozenDict({self._data!r})"

    def set(self, key: str, value: Any) -> FrozenDict:
        """A copy with one key replaced (the value is frozen too)."""
        data = dict(self._data)
        data[key] = freeze(value)
        return FrozenDict(data)

    def without(self, *keys: str) -> FrozenDict:
        return FrozenDict({k: v for k, v in self._data.items() if k not in keys})


_SCALARS = frozenset({str, int, float, bool, type(None)})


def freeze(value: Any) -> Any:
    """Return an immutable deep copy of a JSON-like value."""
    if type(value) in _SCALARS:
        return value  # the common leaf, without the abstract-class checks below
    if isinstance(value, FrozenDict):
        return value
    if isinstance(value, Mapping):
        return FrozenDict({str(k): freeze(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(freeze(v) for v in value)
    return value


def thaw(value: Any) -> Any:
    """Return a plain JSON value (dicts and lists) from a frozen one."""
    if isinstance(value, Mapping):
        return {k: thaw(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [thaw(v) for v in value]
    return value
