"""What footcite does to CSL-JSON and to citeproc-py before the engine sees them.

citeproc-py 0.11 models a subset of CSL 1.0.2: variables it does not know (archive_collection,
contributor, volume-title, custom...) make it warn or crash, and it ignores `initialize="false"`
on cs:name, which turns CMOS-18 names into initials. This module is the one place where that is
handled: items are reduced to what the engine models, and `Name.initialize` honours the flag.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import citeproc
from citeproc import model

_KNOWN = {v.replace("_", "-") for v in citeproc.VARIABLES} | {"id", "type", "DOI", "ISBN", "ISSN", "URL", "PMID", "PMCID"}
_FOLD_INTO_LOCATION = ("archive_collection",)


def engine_item(item: Mapping[str, Any]) -> dict[str, Any]:
    """The item as citeproc-py can take it: unknown variables left out or folded in."""
    out: dict[str, Any] = {}
    for key, value in item.items():
        if key in _KNOWN and value not in (None, "", [], {}):
            out[key] = value
    collection = item.get("archive_collection")
    if collection:
        # Chicago prints archive_location; the collection belongs just before it
        location = out.get("archive_location")
        out["archive_location"] = f"{collection}, {location}" if location else collection
    if "volume-title" in item and "title" in out:
        out["title"] = f"{out['title']}, vol. {item.get('volume', '')}: {item['volume-title']}".replace(
            "vol. : ", ""
        )
        out.pop("volume", None)
    return out


def _honour_initialize_false() -> None:
    original = model.Name.initialize
    if getattr(original, "_footcite", False):
        return

    @functools.wraps(original)
    def initialize(self: Any, given: str, mark: str, context: Any) -> str:
        if self.get("initialize") == "false":
            return given
        return original(self, given, mark, context)

    initialize._footcite = True  # type: ignore[attr-defined]
    model.Name.initialize = initialize  # type: ignore[method-assign]


_honour_initialize_false()


def _repress_substituted() -> None:
    """CSL: a variable used in cs:substitute is suppressed in the rest of the output.

    citeproc-py records only the substituting element itself, so a `<text macro="title"/>`
    substitute (CMOS styles) printed the title twice and `<names variable="editor"/>` printed the
    editors again after "ed.". Here every variable the substitute rendered is recorded, and
    cs:names honours the record.
    """
    if getattr(model.Substitute.add_to_repressed_list, "_footcite", False):
        return

    def add_to_repressed_list(self: Any, child: Any, context: Any) -> None:
        layout = context.get_layout()
        targets = [child]
        if child.get("macro"):
            targets.append(child.get_macro(child.get("macro")))
        for target in targets:
            for el in target.iter():
                if not isinstance(el.tag, str):
                    continue
                for var in (el.get("variable") or "").split():
                    layout.repressed.setdefault(el.tag, []).append(var)

    add_to_repressed_list._footcite = True  # type: ignore[attr-defined]
    model.Substitute.add_to_repressed_list = add_to_repressed_list  # type: ignore[method-assign]

    original_process = model.Names.process

    @functools.wraps(original_process)
    def names_process(self: Any, item: Any, names_context: Any = None, context: Any = None, **kwargs: Any) -> Any:
        ctx = context if context is not None else self
        variables = (self.get("variable") or "").split()
        try:
            repressed = ctx.get_layout().repressed.get(self.tag, [])
        except Exception:
            repressed = []
        kept = [v for v in variables if v not in repressed]
        if kept == variables or self.xpath_search("./parent::cs:substitute"):
            return original_process(self, item, names_context=names_context, context=context, **kwargs)
        if not kept:
            raise model.VariableError
        self.set("variable", " ".join(kept))
        try:
            return original_process(self, item, names_context=names_context, context=context, **kwargs)
        finally:
            self.set("variable", " ".join(variables))

    model.Names.process = names_process  # type: ignore[method-assign]


_repress_substituted()
