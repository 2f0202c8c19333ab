"""Number variables (volume, issue, locators ...) read the way citeproc-js reads them.

citeproc-py called "12/13" and "1 (Spring, 1992)" plural ("nos.") and left "8-9" with a hyphen;
citeproc-js writes "no. 12/13", "no. 1 (Spring, 1992)" and "nos. 8–9". The rules kept here
(a simplification of citeproc-js's number parser, checked against it in the tests):

* a value is split into pieces at `&`, `and`, `, `, `; ` and hyphens or en dashes;
* it is plural when it has several pieces and every piece is a number, possibly with letters
  around it or a slash inside (`3, 5`, `8-9`, `1-12/13`, `2a & 3`);
* a hyphen between two plain numbers becomes an en dash, spaces around it dropped
  (`8 - 9` → `8–9`); anything else is left as written (`A-12`, `1-12/13`).
"""

from __future__ import annotations

import re

_JOINER = re.compile(r"(\s*&\s*|,\s+and\s+|\s+and\s+|;\s+|,\s+|\s*[-–]+\s*)")
_PIECE = re.compile(r"[A-Za-z]*\d+[A-Za-z]*(?:/\d+[A-Za-z]*)*|[ivxlcdmIVXLCDM]+")
_PLAIN = re.compile(r"\d+")
DASH_VARIABLES = frozenset({"issue", "volume", "edition", "number", "locator"})


def pieces(value: str) -> tuple[list[str], list[str]]:
    """The pieces of a number value and the joiners between them."""
    parts = _JOINER.split(value.strip())
    return parts[0::2], parts[1::2]


def is_plural(value: str) -> bool:
    """Whether a label for `value` takes its plural form ("nos. 8–9")."""
    numbers, _ = pieces(value)
    return len(numbers) > 1 and all(_PIECE.fullmatch(p) for p in numbers)


def dash_ranges(value: str, dash: str = "–") -> str:
    """`value` with hyphens between plain numbers turned into `dash`."""
    numbers, joiners = pieces(value)
    if not joiners or not any(j.strip() in ("-", "–", "--") for j in joiners):
        return value
    if not all(_PLAIN.fullmatch(p) for p in numbers):
        return value
    out = [numbers[0]]
    for joiner, number in zip(joiners, numbers[1:], strict=True):
        out.append(dash if joiner.strip().strip("-–") == "" else joiner)
        out.append(number)
    return "".join(out)
