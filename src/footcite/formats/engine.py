"""The layer footcite owns on top of citeproc-py: what it patches, and why.

citeproc-py 0.11 is the required CSL engine, but it models CSL 1.0.2 only in part. Each fix
below is a small, named replacement of one citeproc-py method, installed once on import
(`install()` is idempotent), and covered by tests that compare with citeproc-js:

* CSL 1.0.2 variables: the creator roles (chair, compiler, curator, ...), `available-date`,
  `part-number`, `archive_collection`, `volume-title` ... are made known to the engine, so it
  parses and renders them instead of crashing or warning.
* conditions (`engine_conditions`): `cs:if position=...` reads the position footcite computed
  from note numbers instead of citeproc-py's guess from rendering order; `near-note` and
  `first-reference-note-number` work; `disambiguate="true"` is false unless footcite asked for
  disambiguation (citeproc-py treated it as always true).
* labels: a `cs:label` whose variable is empty renders nothing (it printed "edition" alone).
* locators: page locators follow the style's page-range-format ("120–25"), like page.
* speed: XPath lookups and `calls_variable` answers depend only on the style, so they are
  cached per element; this is most of the speed-up over plain citeproc-py. A style's entries
  are dropped when the style is garbage, so a long-running process that renders many styles
  keeps the caches of the styles it still uses only.

`engine_text` holds the fixes that concern text (names, quotes, substitution, title case),
`engine_sort` those of sorting, `engine_conditions` those of cs:if.
"""

from __future__ import annotations

import functools
import weakref
from typing import Any

import citeproc
from citeproc import CitationItem, CitationStylesStyle, model
from citeproc.source import VariableError
from citeproc.string import String

from footcite.formats import engine_conditions, engine_sort, engine_text
from footcite.formats.engine_conditions import (
    if_render,
    is_numeric_test,
    position_of,
)
from footcite.formats.numbers import DASH_VARIABLES, dash_ranges
from footcite.formats.numbers import is_plural as plural_number

TERMS: list[str] = []  # the terms rendered in the current cite or entry (see cslengine)

_NEW_NAMES = [
    "chair",
    "compiler",
    "contributor",
    "curator",
    "director",
    "editor_translator",
    "executive_producer",
    "guest",
    "host",
    "narrator",
    "organizer",
    "performer",
    "producer",
    "reviewed_author",
    "script_writer",
    "series_creator",
]
_NEW_DATES = ["available_date"]
_NEW_NUMBERS = [
    "citation_number",
    "first_reference_note_number",
    "part_number",
    "printing_number",
    "supplement_number",
]
_NEW_VARIABLES = [
    "archive_collection",
    "citation_key",
    "division",
    "event_title",
    "part_title",
    "reviewed_genre",
    "reviewed_title",
    "volume_title",
    "volume_title_short",
]


def _extend_variables() -> None:
    """citeproc-py's variable lists are module-level lists shared by reference; extend them
    in place so every module that imported them sees the CSL 1.0.2 variables."""
    for target, new in (
        (citeproc.NAMES, _NEW_NAMES),
        (citeproc.DATES, _NEW_DATES),
        (citeproc.NUMBERS, _NEW_NUMBERS),
        (citeproc.VARIABLES, _NEW_NAMES + _NEW_DATES + _NEW_NUMBERS + _NEW_VARIABLES),
    ):
        target.extend(v for v in new if v not in target)


def _patch(cls: type, name: str, replacement: Any) -> None:
    """Install `replacement` as cls.name once (marked, so a second install is a no-op)."""
    current = cls.__dict__.get(name)
    if getattr(current, "_footcite", False):
        return
    replacement._footcite = True
    setattr(cls, name, replacement)


def _patch_property(cls: type, name: str, make: Any) -> None:
    current = cls.__dict__.get(name)
    if getattr(getattr(current, "fget", None), "_footcite", False):
        return
    replacement = make(current)
    replacement.fget._footcite = True
    setattr(cls, name, replacement)


# --- speed -----------------------------------------------------------------------------------

CACHING = True  # the benchmark turns it off to check that caching changes no output
# Lookups that depend only on the style, cached per style element. They are plain module dicts
# keyed by the element because that is the fastest lookup Python has here (an attribute on an
# lxml proxy costs about three times as much, and these run hundreds of thousands of times per
# bibliography). To keep them bounded in a process that renders many styles, every entry is
# also listed in the ledger of the style it belongs to, and when that style
# (citeproc-py's CitationStylesStyle) is garbage its entries are dropped: the caches hold the
# styles still in use and nothing else. Elements of a document no style owns are not cached.
_XPATH: dict[tuple[Any, str], Any] = {}
_CALLS: dict[Any, bool] = {}
_ROOTS: dict[Any, Any] = {}
Ledger = list[tuple[dict[Any, Any], Any]]
_LEDGERS: dict[Any, Ledger] = {}  # root element of a style or of its locale -> its entries


def remember(cache: dict[Any, Any], key: Any, element: Any, value: Any) -> None:
    """Cache `value` under `key` when `element` belongs to a live style (see `_own_lookups`)."""
    ledger = _LEDGERS.get(element.get_root())
    if ledger is not None:
        cache[key] = value
        ledger.append((cache, key))


def _own_lookups(original: Any) -> Any:
    """CitationStylesStyle.__init__ that opens a ledger for the style's documents (the style
    and the locale files it loaded), closed when the style is garbage."""

    @functools.wraps(original)
    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        roots = [self.root]
        for locale in getattr(self.root, "locales", None) or ():
            root = locale.getroottree().getroot()
            if all(root is not known for known in roots):
                roots.append(root)
        ledger: Ledger = []
        for root in roots:
            _LEDGERS[root] = ledger
        weakref.finalize(self, _release, roots, ledger).atexit = False

    return __init__


def _release(roots: list[Any], ledger: Ledger) -> None:
    """Drop the cache entries of a style that is gone."""
    for cache, key in ledger:
        cache.pop(key, None)
    ledger.clear()
    for root in roots:
        if _LEDGERS.get(root) is ledger:
            del _LEDGERS[root]


def _cache_lookups() -> None:
    _patch(CitationStylesStyle, "__init__", _own_lookups(CitationStylesStyle.__dict__["__init__"]))
    original_xpath = model.CitationStylesElement.xpath_search

    def xpath_search(self: Any, expression: str) -> Any:
        if not CACHING:
            return original_xpath(self, expression)
        key = (self, expression)
        try:
            return _XPATH[key]
        except KeyError:
            result = original_xpath(self, expression)
            remember(_XPATH, key, self, result)
            return result

    _patch(model.CitationStylesElement, "xpath_search", xpath_search)
    original_root = model.CitationStylesElement.get_root

    def get_root(self: Any) -> Any:
        if not CACHING:
            return original_root(self)
        try:
            return _ROOTS[self]
        except KeyError:
            root = original_root(self)
            ledger = _LEDGERS.get(root)
            if ledger is not None:
                _ROOTS[self] = root
                ledger.append((_ROOTS, self))
            return root

    _patch(model.CitationStylesElement, "get_root", get_root)
    for cls in (model.Parent, model.Text):
        original = cls.__dict__["calls_variable"]
        _patch(cls, "calls_variable", _cached_calls(original))


def _cached_calls(original: Any) -> Any:
    @functools.wraps(original)
    def calls_variable(self: Any) -> bool:
        if not CACHING:
            return original(self)
        try:
            return _CALLS[self]
        except KeyError:
            result = original(self)
            remember(_CALLS, self, self, result)
            return result

    return calls_variable


def forget_style_caches() -> None:
    """Drop every cached lookup now (the styles in use fill them again as they render)."""
    for ledger in _LEDGERS.values():
        ledger.clear()
    for cache in (_XPATH, _CALLS, _ROOTS, engine_conditions.CONDITIONS):
        cache.clear()


def _text_variable(original: Any) -> Any:
    @functools.wraps(original)
    def _variable(self: Any, item: Any, context: Any) -> Any:
        variable = self.get("variable")
        if variable == "first-reference-note-number":
            first = position_of(item).first_note
            return None if first is None else str(first)
        if variable == "locator" and "locator" in item:
            value = str(item.locator.identifier)
            if item.locator.label == "page":
                return self._process(value, "page")
            return dash_ranges(value, self.unicode_character("EN DASH"))
        text = original(self, item, context)
        if text:
            engine_text.record(variable)
            if variable in DASH_VARIABLES and "-" in str(text):
                dashed = dash_ranges(str(text), self.unicode_character("EN DASH"))
                if dashed != str(text):
                    text = String(dashed)
        return text

    return _variable


def _number_process(original: Any) -> Any:
    @functools.wraps(original)
    def process(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        variable = self.get("variable")
        if variable == "first-reference-note-number":
            first = position_of(item).first_note
            if first is None:
                raise VariableError
            return self._process(str(first), variable)
        if variable == "locator" and "locator" not in item:
            raise VariableError
        if variable and engine_text.is_repressed(self, variable, context):
            raise VariableError
        text = original(self, item, context, **kwargs)
        if text and variable:
            engine_text.record(variable)
        return text

    return process


def _date_process(original: Any) -> Any:
    @functools.wraps(original)
    def process(self: Any, item: Any, variable: Any = None, *args: Any, **kwargs: Any) -> Any:
        name = variable if variable is not None else self.get("variable")
        context = kwargs.get("context")
        if name and not self.is_locale_date() and engine_text.is_repressed(self, name, context):
            return None
        text = original(self, item, variable, *args, **kwargs)
        if text and name:
            engine_text.record(name)
        return text

    return process


def _text_term(original: Any) -> Any:
    @functools.wraps(original)
    def _term(self: Any, item: Any) -> Any:
        text = original(self, item)
        if text:
            TERMS.append(str(text))
        return text

    return _term


# --- labels --------------------------------------------------------------------------------


def _label_process(original: Any) -> Any:
    @functools.wraps(original)
    def process(self: Any, item: Any, variable: Any = None, plural: Any = None, **kw: Any) -> Any:
        if kw.get("sort_options"):
            return None  # sort keys leave labels out, as citeproc-js does
        if variable is None:  # a label of its own, not one inside cs:names
            name = self.get("variable")
            if name == "locator":
                if "locator" not in item:
                    return None
            elif name is not None and (
                name.replace("-", "_") not in item.reference
                or (
                    engine_text.is_repressed(self, name, kw.get("context"))
                    and not engine_text.rendering_now(name)
                )
            ):
                return None
        return original(self, item, variable=variable, plural=plural, **kw)

    return process


def _is_plural(self: Any, item: Any) -> bool:
    """Plural labels only for several numbers ("nos. 8–9", but "no. 12/13")."""
    variable = self.get("variable")
    if variable == "locator":
        value = item.locator.identifier if "locator" in item else None
    else:
        value = dict.get(item.reference, variable.replace("-", "_"))
    if value is None:
        return False
    if variable.startswith("number-of"):
        try:
            return int(str(value)) > 1
        except ValueError:
            return plural_number(str(value))
    return plural_number(str(value))


REFERENCE_KEY = "footcite_reference"


def _item_reference(original: Any) -> Any:
    """The reference of a cite, looked up once (citeproc-py walked citation -> bibliography
    -> source on each of the thousands of accesses a cite makes)."""

    def reference(self: Any) -> Any:
        found = dict.get(self, REFERENCE_KEY)
        return found if found is not None else original.fget(self)

    return property(reference)


def alias_name_variables(references: Any) -> None:
    """citeproc-py stores `container-author` as `container_author` but cs:names looks the
    hyphenated name up, so such names never rendered ("by Peter Kenez" was lost). Each
    reference gets the hyphenated key too."""
    for reference in references.values():
        for key in [k for k in reference if "_" in k and k in citeproc.NAMES]:
            dict.__setitem__(reference, key.replace("_", "-"), reference[key])


def install() -> None:
    """Install every fix (idempotent)."""
    _extend_variables()
    _cache_lookups()
    _patch_property(CitationItem, "reference", _item_reference)
    _patch(model.If, "render", if_render)
    _patch(model.Else_If, "render", if_render)
    _patch(model.If, "_is_numeric", is_numeric_test)
    _patch(model.Text, "_variable", _text_variable(model.Text.__dict__["_variable"]))
    _patch(model.Text, "_term", _text_term(model.Text.__dict__["_term"]))
    _patch(model.Number, "process", _number_process(model.Number.__dict__["process"]))
    _patch(model.Label, "_is_plural", _is_plural)
    _patch(model.Date, "process", _date_process(model.Date.__dict__["process"]))
    _patch(model.Label, "process", _label_process(model.Label.__dict__["process"]))
    engine_text.install()
    engine_sort.install()


install()
