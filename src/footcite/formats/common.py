"""Helpers shared by the BibTeX and RIS formats: plain items, the lossless overflow, dates.

The overflow: after a writer has mapped an item onto the format's own fields, it reads the
written entry back and compares. Every CSL field that did not come back exactly is stored as
compact JSON in one extra field (BibTeX `x-csl`, RIS `N1  - footcite-csl: ...`); a field the
reader would invent is listed for removal. The JSON is either an object of fields, or
`[{fields}, ["field", ...]]` when fields must be removed. Reading applies it last.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from footcite.diagnostics import Diagnostic, error
from footcite.frozen import thaw

Item = dict[str, Any]


def plain_items(items: Iterable[Any]) -> tuple[list[Item], list[Diagnostic]]:
    """Plain JSON dicts from `items` (frozen ones thawed); what is not JSON is reported."""
    result: list[Item] = []
    diagnostics: list[Diagnostic] = []
    for number, raw in enumerate(items, start=1):
        where = f"item {number}"
        if not isinstance(raw, Mapping):
            diagnostics.append(
                error("not-an-item", f"not a CSL-JSON object ({type(raw).__name__})", where)
            )
            continue
        found: list[Diagnostic] = []
        try:
            item = _plain_item(raw, where, found)
        except Exception as exc:  # a mapping that cannot be read at all (its items() fails,
            # or it is nested deeper than Python recurses): this item only
            diagnostics.append(item_failed("not-an-item", exc, where, "items"))
            continue
        diagnostics.extend(found)
        result.append(item)
    return result, diagnostics


def _plain_item(raw: Mapping[Any, Any], where: str, diagnostics: list[Diagnostic]) -> Item:
    item: Item = {}
    for key, value in thaw(raw).items():
        try:
            json.dumps(value, allow_nan=False)
        except (TypeError, ValueError, RecursionError) as exc:
            message = f"field {key!r} is not JSON and was left out ({exc})"
            diagnostics.append(error("not-json", message, where))
            continue
        item[str(key)] = value
    return item


def item_failed(code: str, exc: Exception, where: str, written: str) -> Diagnostic:
    """The error a writer reports for one item it could not write: a bug (or an input no test
    foresaw) in the mapping of one item must cost that item only, never the file, and never
    silently. `written` says what the other items became ("entries", "records")."""
    reason = f"{type(exc).__name__}: {exc}"
    message = f"could not be written ({reason[:200]}); it is left out, the other {written} are not"
    return error(code, message, where)


def item_name(item: Mapping[str, Any]) -> str:
    """How a diagnostic names an item: by its id, or its title when it has no usable id."""
    for field in ("id", "title"):
        value = item.get(field)
        if isinstance(value, str | int) and str(value).strip():
            return repr(str(value)[:80])
    return "without id or title"


def canonical(value: Any) -> str:
    """JSON text that is equal for equal values, whatever the key order."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def same(a: Any, b: Any) -> bool:
    return canonical(a) == canonical(b)


def overflow_for(item: Item, back: Item) -> Any:
    """The overflow that turns `back` (as read) into `item`, or None if nothing differs."""
    changed = {k: v for k, v in item.items() if k not in back or not same(back[k], v)}
    removed = sorted(k for k in back if k not in item)
    if removed:
        return [changed, removed]
    return changed or None


def overflow_fields(payload: Any) -> list[str]:
    """The CSL fields an overflow holds or removes (for the report of what a format lacks)."""
    if isinstance(payload, dict):
        return sorted(payload)
    if isinstance(payload, list) and len(payload) == 2 and isinstance(payload[0], dict):
        return sorted({*payload[0], *payload[1]})
    return []


def apply_overflow(item: Item, payload: Any) -> Item:
    """`item` with the overflow applied; raises ValueError if `payload` is not one."""
    if isinstance(payload, dict):
        changed, removed = payload, []
    elif (
        isinstance(payload, list)
        and len(payload) == 2
        and isinstance(payload[0], dict)
        and isinstance(payload[1], list)
        and all(isinstance(k, str) for k in payload[1])
    ):
        changed, removed = payload
    else:
        raise ValueError("not a footcite overflow (an object, or [object, [names]])")
    result = {k: v for k, v in item.items() if k not in removed}
    result.update(changed)
    return result


def dump_overflow(payload: Any, *, brace_safe: bool = True) -> str:
    """One line of ASCII JSON; with `brace_safe`, braces and % inside strings are \\u-escaped
    (for BibTeX)."""
    text = json.dumps(
        payload, ensure_ascii=True, sort_keys=True, separators=(",", ":"), allow_nan=False
    )
    if not brace_safe:
        return text
    out: list[str] = []
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            elif char in "{}%":
                char = f"\\u{ord(char):04x}"
        elif char == '"':
            in_string = True
        out.append(char)
    return "".join(out)


def load_overflow(text: str) -> Any:
    """The payload written by `dump_overflow`; raises ValueError when it is not JSON."""
    try:
        return json.loads(text)
    except RecursionError as exc:
        raise ValueError("JSON nested too deeply") from exc


# --- dates ---------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"(-?\d{1,4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _part_ok(parts: Any) -> bool:
    if not isinstance(parts, list) or not 1 <= len(parts) <= 3:
        return False
    if not all(isinstance(p, int) and not isinstance(p, bool) for p in parts):
        return False
    limits = [(-9999, 9999), (1, 12), (1, 31)]
    return all(lo <= p <= hi for p, (lo, hi) in zip(parts, limits, strict=False))


def date_parts(date: Any) -> list[list[int]] | None:
    """The date-parts of a CSL date with one or two well-formed dates, else None."""
    if not isinstance(date, dict):
        return None
    parts = date.get("date-parts")
    if not isinstance(parts, list) or not 1 <= len(parts) <= 2:
        return None
    if not all(_part_ok(p) for p in parts):
        return None
    return parts


def _iso_one(parts: list[int]) -> str:
    year = f"-{-parts[0]:04d}" if parts[0] < 0 else f"{parts[0]:04d}"
    return "-".join([year, *(f"{p:02d}" for p in parts[1:])])


def date_to_iso(date: Any) -> str | None:
    """`1991-05-03`, `1991/1992` for a CSL date of date-parts only, else None."""
    parts = date_parts(date)
    if parts is None or set(date) != {"date-parts"}:
        return None
    return "/".join(_iso_one(p) for p in parts)


def iso_to_date(text: str) -> dict[str, Any]:
    """A CSL date from ISO/EDTF-like text (`1991`, `1991-05-03`, `1991/1992`), else literal."""
    value = text.strip()
    pieces = value.split("/")
    parts: list[list[int]] = []
    for piece in pieces if len(pieces) <= 2 else []:
        match = _ISO_DATE.fullmatch(piece)
        if not match:
            break
        one = [int(g) for g in match.groups() if g is not None]
        if not _part_ok(one):
            break
        parts.append(one)
    if parts and len(parts) == len(pieces):
        return {"date-parts": parts}
    return {"literal": value}
