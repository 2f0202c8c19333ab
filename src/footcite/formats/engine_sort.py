"""citeproc-py's cs:sort, fixed: collation, lazy keys, sort-mode names.

* text is compared with a collation key (`footcite.formats.collation`), not by code point, so
  Ábrahám sorts with A and not after Zsigmond; empty keys still sort last;
* keys are computed lazily: key k+1 only for items that tie on keys 1..k (citeproc-py rendered
  every key macro of every item, most of them never compared);
* macro keys render names as citeproc-js does for sorting ("Family Given", no "and", no
  labels), also inside macros called through cs:text.

Installed by `footcite.formats.engine.install()`.
"""

from __future__ import annotations

import functools
from functools import cmp_to_key
from typing import Any

from citeproc import model

from footcite.formats.collation import sort_key


def _patch(cls: type, name: str, replacement: Any) -> None:
    if getattr(cls.__dict__.get(name), "_footcite", False):
        return
    replacement._footcite = True
    setattr(cls, name, replacement)


def _compare(left: Any, right: Any) -> int:
    if isinstance(left, int | float) and isinstance(right, int | float):
        return (left > right) - (left < right)
    left_text, right_text = str(left), str(right)
    try:
        a, b = int(left_text), int(right_text)
        return (a > b) - (a < b)
    except ValueError:
        pass
    a_key, b_key = sort_key(left_text), sort_key(right_text)
    return (a_key > b_key) - (a_key < b_key)


def _sort(self: Any, items: list[Any], context: Any) -> list[Any]:
    """cs:sort with collation-aware keys; an empty key sorts after every non-empty one.

    Keys are computed lazily: key k+1 only for items that tie on keys 1..k (citeproc-py
    rendered every key macro of every item, most of them never compared)."""
    keys = self.findall("cs:key", self.nsmap)
    order = list(range(len(items)))
    return [items[i] for i in _sort_group(order, items, keys, 0, context)]


def _sort_group(
    group: list[int], items: list[Any], keys: list[Any], level: int, context: Any
) -> list[int]:
    if len(group) < 2 or level >= len(keys):
        return group
    key = keys[level]
    values = key.sort_keys([items[i] for i in group], context)
    descending = key.get("sort", "ascending").lower() == "descending"
    filled = [(i, v) for i, v in zip(group, values, strict=True) if v is not None and str(v) != ""]
    empty = [i for i, v in zip(group, values, strict=True) if v is None or str(v) == ""]

    def compare(a: tuple[int, Any], b: tuple[int, Any]) -> int:
        result = _compare(a[1], b[1])
        return -result if descending else result

    filled.sort(key=cmp_to_key(compare))
    out: list[int] = []
    start = 0
    while start < len(filled):
        end = start + 1
        while end < len(filled) and compare(filled[start], filled[end]) == 0:
            end += 1
        tied = [i for i, _ in filled[start:end]]
        out += _sort_group(tied, items, keys, level + 1, context)
        start = end
    return out + _sort_group(empty, items, keys, level + 1, context)


def _sort_keys(original: Any) -> Any:
    """Macro sort keys render names as citeproc-js does for sorting: "Family Given", joined
    by commas, without "and" and without labels such as "ed."."""

    @functools.wraps(original)
    def sort_keys(self: Any, items: list[Any], context: Any) -> list[Any]:
        if "macro" not in self.attrib:
            return original(self, items, context)
        layout = context.get_layout()
        options: dict[str, Any] = {"name-as-sort-order": "all", "and": None, "sort-separator": " "}
        for option in ("names-min", "names-use-first", "names-use-last"):
            if option in self.attrib:
                options[option.replace("names", "et-al")] = self.get(option)
        macro = self.get_macro(self.get("macro"))
        keys = []
        for item in items:
            layout.repressed = {}
            keys.append(macro.render(item, context=context, sort_options=options))
        return keys

    return sort_keys


def install() -> None:
    _patch(model.Sort, "sort", _sort)
    _patch(model.Key, "sort_keys", _sort_keys(model.Key.__dict__["sort_keys"]))
