"""How footcite's engine layer decides cs:if and cs:else-if: positions, disambiguation, tests.

citeproc-py guessed positions from the order in which it rendered citations and treated
`disambiguate="true"` as always true. Here every branch reads the position footcite computed
from note numbers (`footcite.formats.positions`, stored on the cite under POSITION_KEY), tests
`disambiguate` as citeproc-js does (an item at disambiguation level N has its first N such
tests true), knows `first-reference-note-number` and
`locator` as variables, and parses each branch's attributes once (branches are tested
thousands of times per bibliography).
"""

from __future__ import annotations

import re
from typing import Any

from citeproc import model

from footcite.formats.positions import FIRST, Position

POSITION_KEY = "footcite_position"
DISAMBIGUATE_KEY = "footcite_disambiguate"
_FIRST = Position(FIRST)
_NUMERIC = re.compile(r"\s*[A-Za-z]*\d+[A-Za-z]*(?:\s*(?:[,&\-–]|and)\s*[A-Za-z]*\d+[A-Za-z]*)*\s*")


# citeproc-js's incremental disambiguation: an item at level N has its first N
# `disambiguate="true"` tests true, in rendering order; counted per rendered cite.
DISAMBIGUATION = {"true": 0, "seen": 0}


def reset_disambiguation() -> None:
    DISAMBIGUATION["true"] = DISAMBIGUATION["seen"] = 0


def _disambiguate_test(item: Any, value: str | None) -> bool:
    if value != "true":
        return False
    DISAMBIGUATION["seen"] += 1
    level = dict.get(item, DISAMBIGUATE_KEY) or 0
    if DISAMBIGUATION["true"] < level:
        DISAMBIGUATION["true"] += 1
        return True
    return False


def position_of(item: Any) -> Position:
    """The footcite position stored on a citeproc-py CitationItem (first when none)."""
    return dict.get(item, POSITION_KEY) or _FIRST


def _in_bibliography(element: Any, context: Any) -> bool:
    ctx = context if context is not None else element
    return bool(ctx.xpath_search("./ancestor::*[self::cs:bibliography]"))


# Parsed branch attributes, per element; entries go with their style (`engine.remember`).
CONDITIONS: dict[Any, tuple[Any, ...]] = {}


def _conditions(element: Any) -> tuple[Any, ...]:
    """The parsed test attributes of a branch (parsed once per element)."""
    try:
        return CONDITIONS[element]
    except KeyError:
        from footcite.formats import engine  # engine imports this module

        get = element.get
        parsed = (
            tuple(t.lower() for t in get("type").split()) if get("type") else None,
            tuple(get("variable").split()) if get("variable") else None,
            "is-numeric" in element.attrib,
            "is-uncertain-date" in element.attrib,
            "locator" in element.attrib,
            tuple(get("position").split()) if get("position") else None,
            get("disambiguate"),
            get("match", "all"),
        )
        if engine.CACHING:
            engine.remember(CONDITIONS, element, element, parsed)
        return parsed


def branch_matches(self: Any, item: Any, context: Any = None) -> bool:
    """Whether a cs:if / cs:else-if branch's conditions hold (cs:else always holds)."""
    if not isinstance(self, model.If):
        return True
    types, variables, numeric, uncertain, locator, positions, disambiguate, match = _conditions(
        self
    )
    results: list[bool] = []
    if types is not None:
        kind = item.reference.type
        results += [t == kind for t in types]
    if variables is not None:
        results += _variable_tests(variables, item)
    if numeric:
        results += self._is_numeric(item)
    if uncertain:
        results += self._is_uncertain_date(item)
    if locator:
        results += self._locator(item)
    if positions is not None:
        if _in_bibliography(self, context):
            results += [False]
        else:
            where = position_of(item)
            results += [where.matches(test) for test in positions]
    if disambiguate is not None:
        results.append(_disambiguate_test(item, disambiguate))
    if match == "any":
        return any(results)
    if match == "none":
        return not any(results)
    return all(results)


def if_render(self: Any, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
    if not branch_matches(self, item, context):
        raise model.ConditionFailed
    return self.render_children(item, context=context, delimiter=delimiter, **kwargs)


def _variable_tests(variables: tuple[str, ...], item: Any) -> list[bool]:
    out = []
    reference = item.reference
    for variable in variables:
        if variable == "locator":
            out.append("locator" in item)
        elif variable == "first-reference-note-number":
            out.append(position_of(item).first_note is not None)
        else:
            out.append(variable.replace("-", "_") in reference)
    return out


def is_numeric_test(self: Any, item: Any) -> list[bool]:
    out = []
    for variable in self.get("is-numeric").split():
        if variable == "locator":
            value = item.locator.identifier if "locator" in item else None
        else:
            value = dict.get(item.reference, variable.replace("-", "_"))
        out.append(value is not None and is_numeric(str(value)))
    return out


def is_numeric(value: str) -> bool:
    """CSL "numeric": numbers with optional affixes, joined by , & - (citeproc-js's rule)."""
    return _NUMERIC.fullmatch(value) is not None
