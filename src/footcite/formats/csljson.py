"""CSL-JSON, both directions: footcite's external form of a reference.

Writing is canonical (items in id order, keys sorted, UTF-8, two-space indent, final newline)
so that the same references give byte-identical files. Reading accepts what Zotero, pandoc and
citeproc-js write, checks the structure item by item and reports what it cannot use; one bad
item never costs the others.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from footcite import diagnostics as diag
from footcite.diagnostics import FormatError
from footcite.formats.common import item_failed
from footcite.formats.results import ReadResult, WriteResult
from footcite.model import Reference

NAME_VARIABLES = frozenset(
    [
        "author",
        "chair",
        "collection-editor",
        "compiler",
        "composer",
        "container-author",
        "contributor",
        "curator",
        "director",
        "editor",
        "editorial-director",
        "executive-producer",
        "guest",
        "host",
        "illustrator",
        "interviewer",
        "narrator",
        "organizer",
        "original-author",
        "performer",
        "producer",
        "recipient",
        "reviewed-author",
        "script-writer",
        "series-creator",
        "translator",
    ]
)
DATE_VARIABLES = frozenset(
    ["accessed", "available-date", "event-date", "issued", "original-date", "submitted"]
)
MAX_DEPTH = 64


def dumps(items: Iterable[Mapping[str, Any]]) -> str:
    ordered = sorted((dict(i) for i in items), key=lambda i: str(i.get("id", "")))
    return json.dumps(ordered, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_csljson(references: Iterable[Reference]) -> WriteResult:
    """The CSL-JSON file of `references`. Each is written on its own: one that cannot be
    made into a JSON item (its conversion fails, or a value is not JSON, NaN included, which
    json would write and other readers refuse) is left out with an error diagnostic naming
    it, and every other reference is still written."""
    items: list[dict[str, Any]] = []
    problems: list[diag.Diagnostic] = []
    for number, reference in enumerate(references, start=1):
        try:
            items.append(csl_item(reference))
        except Exception as exc:  # one reference's failure must not cost the others
            name = getattr(reference, "id", None)
            where = f"reference {name!r}" if isinstance(name, str) else f"reference {number}"
            problems.append(item_failed("csljson-item-failed", exc, where, "references"))
    return WriteResult(dumps(items), tuple(problems))


def csl_item(reference: Reference) -> dict[str, Any]:
    """The CSL-JSON item of one reference, checked to be JSON that `dumps` can write."""
    item = reference.to_csl()
    json.dumps(item, ensure_ascii=False, sort_keys=True, allow_nan=False)
    return item


def _depth(value: Any, level: int = 0) -> int:
    if level > MAX_DEPTH:
        return level
    if isinstance(value, dict):
        return max((_depth(v, level + 1) for v in value.values()), default=level + 1)
    if isinstance(value, list):
        return max((_depth(v, level + 1) for v in value), default=level + 1)
    return level


def _check_item(item: Any, where: str) -> tuple[dict[str, Any] | None, list[diag.Diagnostic]]:
    problems: list[diag.Diagnostic] = []
    if not isinstance(item, dict):
        return None, [diag.error("csljson-item", "item is not a JSON object; skipped", where)]
    out: dict[str, Any] = {}
    for key, value in item.items():
        if key in NAME_VARIABLES:
            if not isinstance(value, list) or not all(isinstance(n, dict) for n in value):
                problems.append(
                    diag.warning(
                        "csljson-names", f"{key!r} is not a list of names; kept as literal", where
                    )
                )
                value = [{"literal": str(value)}]
        elif key in DATE_VARIABLES:
            if isinstance(value, str):
                value = {"raw": value}
            elif not isinstance(value, dict):
                problems.append(
                    diag.warning("csljson-date", f"{key!r} is not a date; kept as raw", where)
                )
                value = {"raw": str(value)}
        out[key] = value
    if "type" not in out:
        problems.append(diag.warning("csljson-type", "item has no type; 'document' assumed", where))
        out["type"] = "document"
    if "id" not in out:
        problems.append(diag.warning("csljson-id", "item has no id", where))
    return out, problems


def read_csljson(text: str, name: str = "<csl-json>") -> ReadResult:
    """Read a CSL-JSON array (or a single item); FormatError only when nothing is JSON."""
    try:
        data = json.loads(text)
    except RecursionError as exc:
        raise FormatError(f"{name}: JSON nested too deeply to be CSL-JSON") from exc
    except json.JSONDecodeError as exc:
        raise FormatError(
            f"{name}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from exc
    if _depth(data) > MAX_DEPTH:
        raise FormatError(f"{name}: JSON nested deeper than {MAX_DEPTH} levels; not CSL-JSON")
    if isinstance(data, dict) and "references" in data and isinstance(data["references"], list):
        data = data["references"]  # footcite's own parse output
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise FormatError(f"{name}: CSL-JSON must be an array of items")
    items: list[dict[str, Any]] = []
    problems: list[diag.Diagnostic] = []
    for k, raw in enumerate(data):
        where = f"{name}: item {k + 1}"
        item, found = _check_item(raw, where)
        problems.extend(found)
        if item is not None:
            items.append(item)
    return ReadResult(tuple(items), tuple(problems))
